/* ui_driver.c — the kiosk's UI test driver (ui_driver.h): the fake font, a
 * kiosk on a simulated clock, scripted runs and screenshot compares.
 *
 * Only the first section below knows the kiosk's API; the rest of the driver
 * goes through it, so a change of that API is met in one place. */
#include "ui_driver.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/import.h"
#include "core/text.h"
#include "ui/kiosk.h"
#include "visit/visit_job.h"
#include "visit/visit_staff.h"

struct Uid {
    UidSetup setup;
    Visit *visit;
    Kiosk *k;
    int64_t now;
    int64_t tap_end; /* when the last uid_tap ended */
    int w, h;
};

/* ---- the fake font ---- */

static int fake_measure(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height)
{
    (void)ud;
    (void)w;
    *width = (int)text_codepoints(utf8) * px / 2;
    *height = px * 14 / 10;
    return 0;
}

UiMeasure uid_font(void)
{
    return (UiMeasure){NULL, fake_measure};
}

/* ---- the kiosk's API: the only place the driver names it ---- */

/* Records take the driver's simulated time too. */
static int64_t sim_clock(void *ud)
{
    const Uid *d = ud;
    return d->now;
}

/* The visit over the test's store and ports, and the kiosk over it. */
static void k_create(Uid *d)
{
    const UidSetup *s = &d->setup;
    VisitEnv venv;
    memset(&venv, 0, sizeof venv);
    venv.store = s->store;
    venv.cfg = s->cfg;
    venv.printer = s->printer;
    venv.sync = s->sync;
    venv.media = s->media;
    venv.printer_setup = s->printer_setup;
    venv.clock = s->clock.now ? s->clock : (ClockPort){sim_clock, d};
    venv.timers = s->timers;
    venv.demo = s->windowed;
    char err[512] = "";
    d->visit = visit_create(&venv, err, sizeof err);
    if (!d->visit)
        fail_msg("visit_create: %s", err);
    KioskEnv env;
    memset(&env, 0, sizeof env);
    env.visit = d->visit;
    env.cfg = s->cfg;
    env.measure = s->measure.measure ? s->measure : uid_font();
    env.logo_image = -1;
    env.windowed = s->windowed;
    env.speech = s->speech;
    env.px_per_mm = s->px_per_mm;
    d->k = kiosk_create(&env, d->now, err, sizeof err);
    if (!d->k)
        fail_msg("kiosk_create: %s", err);
}

static void k_destroy(Uid *d)
{
    kiosk_destroy(d->k);
    visit_destroy(d->visit);
    d->k = NULL;
    d->visit = NULL;
}

static void k_handle(Uid *d, const UiEvent *ev)
{
    kiosk_handle(d->k, ev, d->now);
}

/* A frame: timers and animations run to now, then the screen is laid out. */
static void k_frame(Uid *d)
{
    kiosk_tick(d->k, d->now);
    kiosk_layout(d->k, d->w, d->h, d->now);
    if (d->setup.on_frame)
        d->setup.on_frame(d->setup.frame_ud, d);
}

const UiView *uid_view(const Uid *d)
{
    return kiosk_view(d->k);
}

const char *uid_screen(const Uid *d)
{
    return kiosk_screen_name(d->k);
}

int64_t uid_next_wake(const Uid *d)
{
    return kiosk_next_wake(d->k, d->now);
}

bool uid_should_quit(const Uid *d)
{
    return kiosk_should_quit(d->k);
}

bool uid_dirty(const Uid *d)
{
    return kiosk_dirty(d->k);
}

/* ---- creating and inspecting ---- */

Uid *uid_kiosk_create(const UidSetup *setup)
{
    Uid *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->setup = *setup;
    d->w = setup->w ? setup->w : 800;
    d->h = setup->h ? setup->h : 480;
    d->now = setup->now ? setup->now : UID_T0;
    k_create(d);
    k_frame(d);
    return d;
}

void uid_kiosk_restart(Uid *d)
{
    k_destroy(d);
    k_create(d);
    k_frame(d);
}

void uid_destroy(Uid *d)
{
    if (!d)
        return;
    k_destroy(d);
    free(d);
}

Kiosk *uid_kiosk(Uid *d)
{
    return d->k;
}

Visit *uid_visit(Uid *d)
{
    return d->visit;
}

int64_t uid_now(const Uid *d)
{
    return d->now;
}

int uid_width(const Uid *d)
{
    return d->w;
}

int uid_height(const Uid *d)
{
    return d->h;
}

void uid_resize(Uid *d, int w, int h)
{
    d->w = w;
    d->h = h;
    k_frame(d);
}

/* ---- input and time ---- */

void uid_frame(Uid *d)
{
    k_frame(d);
}

void uid_send(Uid *d, UiEvent ev)
{
    k_handle(d, &ev);
    k_frame(d);
}

void uid_down(Uid *d, int x, int y)
{
    uid_send(d, (UiEvent){.type = UI_EV_DOWN, .x = x, .y = y});
}

void uid_move(Uid *d, int x, int y)
{
    uid_send(d, (UiEvent){.type = UI_EV_MOVE, .x = x, .y = y});
}

void uid_up(Uid *d, int x, int y)
{
    uid_send(d, (UiEvent){.type = UI_EV_UP, .x = x, .y = y});
}

void uid_tap(Uid *d, int x, int y)
{
    /* Right after another tap, a person's next one (kiosk.h). */
    if (d->now == d->tap_end) {
        int64_t until = kiosk_double_tap_until(d->k, x, y, d->now);
        if (until)
            uid_wait(d, until - d->now);
    }
    uid_down(d, x, y);
    d->now += 50;
    uid_up(d, x, y);
    d->now += 16;
    d->tap_end = d->now;
}

/* What is on screen, for a failure's message: every widget's text. */
static void print_screen(const Uid *d)
{
    const UiView *v = uid_view(d);
    fprintf(stderr, "on %s (%dx%d):\n", uid_screen(d), d->w, d->h);
    for (size_t i = 0; i < v->nwidgets; i++) {
        const char *t = ui_view_text(v, v->widgets[i].text);
        if (t && *t)
            fprintf(stderr, "  '%s'\n", t);
    }
}

void uid_press(Uid *d, const char *label)
{
    const UiWidget *w = ui_view_find_label(uid_view(d), label);
    if (!w) {
        print_screen(d);
        fail_msg("no widget '%s' on %s", label, uid_screen(d));
    }
    uid_tap(d, w->clip.x + w->clip.w / 2, w->clip.y + w->clip.h / 2);
}

void uid_hold(Uid *d, int x, int y, int64_t ms)
{
    uid_down(d, x, y);
    uid_wait(d, ms);
    uid_up(d, x, y);
}

void uid_type(Uid *d, const char *utf8, int gap_ms)
{
    for (const char *p = utf8; *p;) {
        size_t n = 1;
        while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        UiEvent ev = {.type = UI_EV_TEXT};
        assert_true(n < sizeof ev.text);
        memcpy(ev.text, p, n);
        uid_send(d, ev);
        d->now += gap_ms;
        p += n;
    }
}

void uid_key(Uid *d, UiKey key, unsigned mods)
{
    uid_send(d, (UiEvent){.type = UI_EV_KEY, .key = key, .mods = mods});
}

void uid_scan(Uid *d, const char *code)
{
    uid_type(d, code, 8);
    uid_key(d, UI_KEY_RETURN, 0);
}

void uid_wait(Uid *d, int64_t ms)
{
    int64_t end = d->now + ms;
    for (;;) {
        int64_t next = uid_next_wake(d);
        if (next > end)
            break;
        /* A deadline in the past would make the real loop spin: step on. */
        d->now = next > d->now ? next : d->now + 1;
        k_frame(d);
    }
    d->now = end;
    k_frame(d);
}

void uid_settle(Uid *d)
{
    visit_pin_wait(d->visit);
    k_frame(d);
    /* Staff's work on the USB stick; a screen may start the next step of it
     * when it takes the last one's answer. Bounded: a test's stick may hang. */
    for (int i = 0; i < 4 && visit_job_kind(d->visit) != VISIT_JOB_NONE; i++) {
        if (!visit_job_wait(d->visit, 20000))
            fail_msg("staff's work on the USB stick did not end in 20 s (on %s)", uid_screen(d));
        k_frame(d);
    }
}

bool uid_ticked(const Uid *d, const char *label)
{
    const UiWidget *w = ui_view_find_label(uid_view(d), label);
    if (!w)
        fail_msg("no '%s' on %s", label, uid_screen(d));
    return (w->flags & UI_WF_CHECKED) != 0;
}

bool uid_visible(const Uid *d, const char *text)
{
    return ui_view_contains_text(uid_view(d), text);
}

void uid_expect(const Uid *d, const char *text)
{
    if (!uid_visible(d, text)) {
        print_screen(d);
        fail_msg("'%s' not on %s", text, uid_screen(d));
    }
}

/* ---- runs of `lanyard run --script` ---- */

TuRun uid_script_run(const UidScript *s)
{
    char *script = NULL;
    if (s->name) {
        char rel[256];
        snprintf(rel, sizeof rel, "tests/ui/%s.script", s->name);
        script = tu_source(rel);
    } else {
        assert_non_null(s->path);
        script = strdup(s->path);
    }
    char *event = s->event ? strdup(s->event) : tu_source("tests/ui/event");
    assert_non_null(s->db);
    const char *argv[16];
    size_t n = 0;
    argv[n++] = LANYARD_BINARY;
    argv[n++] = "run";
    argv[n++] = "--event";
    argv[n++] = event;
    argv[n++] = "--db";
    argv[n++] = s->db;
    argv[n++] = "--size";
    argv[n++] = s->size ? s->size : "800x480";
    argv[n++] = "--script";
    argv[n++] = script;
    if (s->screenshot) {
        argv[n++] = "--screenshot";
        argv[n++] = s->screenshot;
    }
    if (s->windowed)
        argv[n++] = "--windowed";
    argv[n] = NULL;
    TuRun r = tu_run(argv, NULL);
    free(event);
    free(script);
    return r;
}

void uid_expect_ok(const TuRun *r)
{
    if (r->status != 0)
        fail_msg("lanyard run failed (%d):\n%s", r->status, r->err);
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = tu_read(from, &len);
    if (!data)
        fail_msg("cannot read %s", from);
    tu_write(to, data, len);
    free(data);
}

char *uid_event_copy(const char *dir, bool pin)
{
    char *ev = tu_path(dir, "event");
    assert_int_equal(mkdir(ev, 0700), 0);
    static const char *const FILES[] = {"event.ini", "programs.csv", "guests.csv"};
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "tests/ui/event/%s", FILES[i]);
        char *from = tu_source(rel), *to = tu_path(ev, FILES[i]);
        copy_file(from, to);
        free(from);
        free(to);
    }
    if (!pin)
        return ev;
    const char *const argv[] = {LANYARD_BINARY, "set-pin", "--event", ev, NULL};
    TuRun r = tu_run(argv, "246813\n");
    if (r.status != 0)
        fail_msg("set-pin failed: %s", r.err);
    tu_run_free(&r);
    return ev;
}

char *uid_full_disk(const char *dir)
{
    char *mnt = tu_path(dir, "disk");
    assert_int_equal(mkdir(mnt, 0700), 0);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=8m") != 0) {
        free(mnt);
        return NULL;
    }
    char *db = tu_path(mnt, "kiosk.db");
    /* A first start imports the event, so the database has the guests. */
    char *empty = tu_path(dir, "empty.script");
    tu_write(empty, "expect Check in\n", (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = empty, .db = db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(empty);
    /* The log starts from nothing (the sqlite3 tool checkpoints and removes
     * it); then the disk is filled but for the 8 pages of the shared-memory
     * index SQLite needs to open the file: the next commit cannot grow the log. */
    const char *const ck[] = {"/usr/bin/sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL};
    r = tu_run(ck, NULL);
    if (r.status != 0)
        fail_msg("sqlite3: %s", r.err);
    tu_run_free(&r);
    char *filler = tu_path(mnt, "filler");
    FILE *fp = fopen(filler, "wb");
    assert_non_null(fp);
    static char block[4096];
    memset(block, 'x', sizeof block);
    long size = 0;
    while (fwrite(block, 1, sizeof block, fp) == sizeof block && fflush(fp) == 0)
        size += (long)sizeof block;
    fclose(fp);
    assert_int_equal(truncate(filler, size - 8 * 4096), 0);
    free(filler);
    free(mnt);
    return db;
}

void uid_full_disk_room(const char *dir)
{
    char *mnt = tu_path(dir, "disk"), *filler = tu_path(mnt, "filler");
    assert_int_equal(unlink(filler), 0);
    free(filler);
    free(mnt);
}

void uid_full_disk_free(const char *dir, char *db)
{
    char *mnt = tu_path(dir, "disk");
    umount(mnt);
    free(mnt);
    free(db);
}

/* ---- screenshots ---- */

/* A pixel differs when a channel differs by more than this; a frame differs
 * when more than MAX_DIFF_PERMILLE of its pixels do. */
#define CHANNEL_TOLERANCE 24
#define MAX_DIFF_PERMILLE 2

/* LANYARD_UPDATE_SCREENSHOTS: unset, "" or "0" compares; "1" updates every
 * screen; "a,b" updates screens a and b. */
static bool update_mode(const char *screen)
{
    const char *u = getenv("LANYARD_UPDATE_SCREENSHOTS");
    if (!u || !*u || !strcmp(u, "0"))
        return false;
    if (!strcmp(u, "1"))
        return true;
    size_t n = strlen(screen);
    for (const char *p = u; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && !strncmp(p, screen, n))
            return true;
        p += len + (p[len] == ',');
    }
    return false;
}

/* Pixels that differ, or -1 when a file is unreadable or the sizes differ. */
static long compare_png(const char *a, const char *b, long *total)
{
    SDL_Surface *sa = IMG_Load(a), *sb = IMG_Load(b);
    SDL_Surface *ca = NULL, *cb = NULL;
    long diff = -1;
    if (!sa || !sb || sa->w != sb->w || sa->h != sb->h)
        goto out;
    ca = SDL_ConvertSurfaceFormat(sa, SDL_PIXELFORMAT_RGBA32, 0);
    cb = SDL_ConvertSurfaceFormat(sb, SDL_PIXELFORMAT_RGBA32, 0);
    if (!ca || !cb)
        goto out;
    diff = 0;
    *total = (long)ca->w * ca->h;
    for (int y = 0; y < ca->h; y++) {
        const Uint8 *pa = (const Uint8 *)ca->pixels + y * ca->pitch;
        const Uint8 *pb = (const Uint8 *)cb->pixels + y * cb->pitch;
        for (int x = 0; x < ca->w * 4; x += 4) {
            bool d = false;
            for (int c = 0; c < 3; c++)
                if (abs(pa[x + c] - pb[x + c]) > CHANNEL_TOLERANCE)
                    d = true;
            diff += d;
        }
    }
out:
    SDL_FreeSurface(ca);
    SDL_FreeSurface(cb);
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    return diff;
}

int uid_screenshot_compare(const char *png, const char *screen, const char *variant)
{
    char name[256], rel[320];
    if (variant)
        snprintf(name, sizeof name, "%s-%s", screen, variant);
    else
        snprintf(name, sizeof name, "%s", screen);
    snprintf(rel, sizeof rel, "tests/ui/ref/%s.png", name);
    char *ref = tu_source(rel);
    int rc = 0;
    if (update_mode(screen)) {
        copy_file(png, ref);
    } else {
        long total = 0, diff = compare_png(png, ref, &total);
        if (diff < 0 || diff * 1000 > total * MAX_DIFF_PERMILLE) {
            char err[300];
            snprintf(err, sizeof err, "%s_err.png", name);
            copy_file(png, err);
            if (diff < 0)
                fprintf(stderr, "%s: no reference %s of the same size", name, ref);
            else
                fprintf(stderr, "%s differs from %s (%ld of %ld pixels)", name, ref, diff, total);
            fprintf(stderr,
                    "; the frame is in %s\n(scripts/update-screenshots makes it the "
                    "reference if it is right)\n",
                    err);
            rc = -1;
        }
    }
    free(ref);
    return rc;
}

void uid_import_csv(Store *s, const char *rel, bool programs, int64_t now)
{
    char *path = tu_source(rel);
    size_t len;
    char *raw = tu_read(path, &len);
    assert_non_null(raw);
    ImportReport rep;
    import_report_init(&rep, path);
    if (programs) {
        ProgramList pl;
        program_list_init(&pl);
        assert_int_equal(import_parse_programs(raw, len, &pl, &rep), 0);
        assert_int_equal(store_import_programs(s, &pl, &rep, now), STORE_OK);
        program_list_free(&pl);
    } else {
        GuestList gl;
        guest_list_init(&gl);
        assert_int_equal(import_parse_guests(raw, len, &gl, &rep), 0);
        assert_int_equal(store_import_guests(s, &gl, &rep, now), STORE_OK);
        guest_list_free(&gl);
    }
    import_report_free(&rep);
    free(raw);
    free(path);
}

/* ---- the shared fixture ---- */

UidFixture *uid_fixture_new(void)
{
    UidFixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    uid_import_csv(f->store, "tests/ui/event/guests.csv", false, 1000);
    uid_import_csv(f->store, "tests/ui/event/programs.csv", true, 1000);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "unit");
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store, .cfg = &f->cfg});
    return f;
}

void uid_fixture_free(UidFixture *f)
{
    uid_destroy(f->d);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
}
