/* test_ui_flows.c — the kiosk's guest flows, driven by `lanyard run --script`
 * (the .script files in tests/ui/) with SDL_VIDEODRIVER=dummy against the test event in
 * tests/ui/event, each checked on the database afterwards, not only on screen. */
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "core/text.h"
#include "store/store.h"
#include "store/store_print.h"
#include "ui_driver.h"

typedef struct Flow {
    char *dir;
    char *db;
    TuRun run;
} Flow;

/* Runs tests/ui/NAME.script at size on a fresh database in a temp folder (or db). */
static Flow flow_run_db(const char *name, const char *size, bool windowed, const char *db)
{
    Flow f = {0};
    f.dir = tu_tempdir();
    f.db = db ? strdup(db) : tu_path(f.dir, "kiosk.db");
    f.run =
        uid_script_run(&(UidScript){.name = name, .db = f.db, .size = size, .windowed = windowed});
    return f;
}

static Flow flow_run(const char *name)
{
    return flow_run_db(name, "800x480", false, NULL);
}

static void flow_free(Flow *f)
{
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    tu_run_free(&f->run);
}

static void expect_ok(const Flow *f)
{
    uid_expect_ok(&f->run);
}

static Store *open_db(const char *path)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_READONLY, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    return s;
}

static bool checked_in(Store *s, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    guest_clear(&g);
    return in;
}

static int count_row(const AttendanceRow *r, void *ud)
{
    (void)r;
    (*(size_t *)ud)++;
    return 0;
}

static size_t attendance_rows(Store *s)
{
    size_t n = 0;
    assert_int_equal(store_each_attendance(s, count_row, &n), STORE_OK);
    return n;
}

static bool has(char **v, size_t n, const char *x)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], x))
            return true;
    return false;
}

/* The one guest with this first and last name. */
static void guest_named(Store *s, const char *first, const char *last, Guest *out)
{
    GuestList l;
    guest_list_init(&l);
    assert_int_equal(store_guests_by_name(s, first, last, NULL, NULL, &l), STORE_OK);
    assert_int_equal(l.count, 1);
    assert_int_equal(guest_copy(out, &l.items[0]), 0);
    guest_list_free(&l);
}

static void test_search_checkin(void **state)
{
    (void)state;
    Flow f = flow_run("search_checkin");
    expect_ok(&f);
    Store *s = open_db(f.db);
    assert_true(checked_in(s, "2714155023"));
    assert_false(checked_in(s, "2713624642"));
    assert_int_equal(attendance_rows(s), 1);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2714155023", &g), STORE_OK);
    assert_true(g.consent); /* asked on Interests: pre-registered guests too */
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(s, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(programs[0], "WELD"); /* Culinary was ticked and unticked */
    assert_int_equal(nk, 1);
    assert_string_equal(kinds[0], "mentoring");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    /* The badge was printed in the background: with no printer configured, as
     * a PNG beside the database, and the Done screen said so. */
    PrintJob job;
    assert_int_equal(store_print_latest(s, g.id, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_DONE);
    assert_non_null(strstr(job.output, "/badges/2714155023"));
    assert_int_equal(access(job.output, R_OK), 0);
    guest_clear(&g);
    store_close(s);
    flow_free(&f);
}

static void test_walkin_consent(void **state)
{
    (void)state;
    Flow f = flow_run("walkin_consent");
    expect_ok(&f);
    Store *s = open_db(f.db);
    Guest g;
    guest_init(&g);
    guest_named(s, "Zoë", "Quist", &g);
    assert_true(g.walk_in);
    assert_true(g.consent);
    assert_string_equal(g.company, "Quist Robotics");
    assert_string_equal(g.title, "CTO");
    assert_string_equal(g.email, "zoe@quist.example");
    assert_string_equal(g.phone, "555-0100");
    assert_true(g.code[0] != '\0');
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_true(in);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(s, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(programs[0], "AUTO");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
    store_close(s);
    flow_free(&f);
}

static void test_hostile_text(void **state)
{
    (void)state;
    Flow f = flow_run("hostile");
    expect_ok(&f);
    /* Nothing overflowed the view (a layout that fits any text). */
    assert_null(strstr(f.run.err, "more items than the view holds"));
    Store *s = open_db(f.db);
    Guest g;
    guest_init(&g);
    guest_named(s, "😀 Ana", "=cmd|'/c calc'!A1", &g);
    /* Stored as typed (exports escape formulas), the long name cut at 100 characters. */
    assert_int_equal(text_codepoints(g.company), 100);
    assert_int_equal(strncmp(g.company, "AAAAAAAAAABBBBBBBBBB", 20), 0);
    assert_true(g.walk_in);
    assert_false(g.consent); /* unticked by default */
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_true(in);
    guest_clear(&g);
    store_close(s);
    flow_free(&f);
}

static void test_already_checked_in(void **state)
{
    (void)state;
    Flow f = flow_run("already");
    expect_ok(&f);
    Store *s = open_db(f.db);
    assert_true(checked_in(s, "2714200001"));
    assert_int_equal(attendance_rows(s), 1);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    store_close(s);
    flow_free(&f);
}

static void test_scanner(void **state)
{
    (void)state;
    Flow f = flow_run("scan");
    expect_ok(&f);
    Store *s = open_db(f.db);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2713624642", &g), STORE_OK);
    assert_false(g.consent); /* unticked unless the guest ticks it */
    guest_clear(&g);
    assert_true(checked_in(s, "2713624642"));
    assert_true(checked_in(s, "2713854927"));
    /* Typing a code slowly and pressing Enter is not a scan. */
    assert_false(checked_in(s, "2714155023"));
    assert_int_equal(attendance_rows(s), 2);
    store_close(s);
    flow_free(&f);
}

static void test_idle_reset(void **state)
{
    (void)state;
    Flow f = flow_run("idle");
    expect_ok(&f);
    Store *s = open_db(f.db);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 0);
    assert_int_equal(st.guests, 7); /* no half-typed walk-in was saved */
    store_close(s);
    flow_free(&f);
}

static void test_spanish(void **state)
{
    (void)state;
    Flow f = flow_run("spanish");
    expect_ok(&f);
    Store *s = open_db(f.db);
    assert_true(checked_in(s, "2714200002"));
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2714200002", &g), STORE_OK);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(s, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(nk, 1);
    assert_true(has(kinds, nk, "interns"));
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
    store_close(s);
    flow_free(&f);
}

static void test_lockdown(void **state)
{
    (void)state;
    Flow f = flow_run("lockdown");
    expect_ok(&f);
    Store *s = open_db(f.db);
    /* The kiosk survived every quit request and key and went on to check in. */
    assert_true(checked_in(s, "2714200004"));
    store_close(s);
    flow_free(&f);
}

static void test_windowed_quit(void **state)
{
    (void)state;
    Flow f = flow_run_db("windowed_quit", "800x480", true, NULL);
    expect_ok(&f);
    Store *s = open_db(f.db);
    assert_true(checked_in(s, "2713624642"));
    assert_false(checked_in(s, "2713854927")); /* after the quit: never run */
    store_close(s);
    flow_free(&f);
}

static void test_failing_expect(void **state)
{
    (void)state;
    Flow f = flow_run("failing_expect");
    assert_int_equal(f.run.status, 1);
    assert_non_null(strstr(f.run.err, "failing_expect.script:4:"));
    assert_non_null(strstr(f.run.err, "Something that is not on screen"));
    Store *s = open_db(f.db);
    assert_true(checked_in(s, "2713624642"));
    assert_false(checked_in(s, "2713854927")); /* the line after the failure */
    store_close(s);
    flow_free(&f);
}

static void test_unknown_action(void **state)
{
    (void)state;
    Flow f = flow_run("unknown_action");
    assert_int_equal(f.run.status, 1);
    assert_non_null(strstr(f.run.err, "unknown_action.script:2: unknown action 'jump'"));
    flow_free(&f);
}

static void test_screenshot_option(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db"), *png = tu_path(dir, "last.png");
    char *script = tu_path(dir, "s.script");
    tu_write(script, "press Check in\ntype ana\n", (size_t)-1);
    TuRun r = uid_script_run(
        &(UidScript){.path = script, .db = db, .size = "640x400", .screenshot = png});
    assert_int_equal(r.status, 0);
    size_t len = 0;
    char *data = tu_read(png, &len);
    assert_non_null(data);
    assert_true(len > 1000);
    assert_memory_equal(data, "\x89PNG", 4);
    /* IHDR width and height, big-endian at offsets 16 and 20. */
    const unsigned char *u = (const unsigned char *)data;
    assert_int_equal((u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], 640);
    assert_int_equal((u[20] << 24) | (u[21] << 16) | (u[22] << 8) | u[23], 400);
    free(data);
    tu_run_free(&r);
    free(script);
    free(png);
    free(db);
    tu_rmtree(dir);
    free(dir);
}

/* A full disk: the check-in cannot be committed. The guest sees the staff
 * message, never "Welcome"; the kiosk keeps running; once there is room again
 * the same check-in works. Needs a small tmpfs (root), else skipped. */
static void test_write_failure(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = uid_full_disk(dir);
    if (!db) {
        tu_rmtree(dir);
        free(dir);
        fprintf(stderr, "cannot mount a small tmpfs (needs root): write-failure test skipped\n");
        skip();
    }
    Flow f = flow_run_db("staff_message", "800x480", false, db);
    expect_ok(&f);
    assert_non_null(strstr(f.run.err, "check-in not saved"));

    /* Room again: the kiosk's next run checks the same guest in. */
    uid_full_disk_room(dir);
    char *again = tu_path(dir, "again.script");
    tu_write(again, "scan 2713624642\nexpect What interests you?\n", (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = again, .db = db});
    uid_expect_ok(&r);
    tu_run_free(&r);

    Store *s = open_db(db);
    assert_true(checked_in(s, "2713624642"));
    assert_int_equal(attendance_rows(s), 1);
    store_close(s);

    flow_free(&f);
    uid_full_disk_free(dir, db);
    free(again);
    tu_rmtree(dir);
    free(dir);
}

/* ---- `lanyard run` itself: display, database path, event files ---- */

static void test_no_display(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db");
    char *event = tu_source("tests/ui/event");
    char *display = getenv("DISPLAY") ? strdup(getenv("DISPLAY")) : NULL;
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    /* As on a machine with no screen: SDL tries every driver it has and would
     * fall back to an offscreen one, which the kiosk refuses. */
    unsetenv("SDL_VIDEODRIVER");
    TuRun r = tu_lanyard("run", "--event", event, "--db", db, NULL);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (display)
        setenv("DISPLAY", display, 1);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot open a display"));
    assert_non_null(strstr(r.err, "SDL_VIDEODRIVER=kmsdrm"));
    assert_non_null(strstr(r.err, "X11 or Wayland"));
    tu_run_free(&r);
    free(display);
    free(event);
    free(db);
    tu_rmtree(dir);
    free(dir);
}

static void test_bad_usage(void **state)
{
    (void)state;
    TuRun r = tu_lanyard("run", "--size", "big", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--size"));
    tu_run_free(&r);
    r = tu_lanyard("run", "--frobnicate", NULL);
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
    r = tu_lanyard("run", "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--script FILE"));
    tu_run_free(&r);
}

/* No --db: one database per event folder in $XDG_DATA_HOME/lanyard, named
 * after the folder; no --event: the bundled demo. */
static void test_default_db_and_demo(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *data = tu_path(dir, "data");
    char *script = tu_path(dir, "s.script");
    tu_write(script, "expect Check in\nexpect Explore programs\n", (size_t)-1);
    char *old = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
    setenv("XDG_DATA_HOME", data, 1);
    TuRun r = tu_lanyard("run", "--size", "800x480", "--script", script, NULL);
    if (old)
        setenv("XDG_DATA_HOME", old, 1);
    else
        unsetenv("XDG_DATA_HOME");
    if (r.status != 0)
        fprintf(stderr, "%s\n", r.err);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    const char *const ls[] = {"/bin/sh", "-c", "ls \"$0\"/lanyard", data, NULL};
    r = tu_run(ls, NULL);
    assert_int_equal(r.status, 0);
    /* demo-<8 hex>.db */
    assert_non_null(strstr(r.out, "demo-"));
    const char *name = strstr(r.out, "demo-");
    assert_int_equal(strspn(name + 5, "0123456789abcdef"), 8);
    assert_memory_equal(name + 13, ".db", 3);
    tu_run_free(&r);
    free(old);
    free(script);
    free(data);
    tu_rmtree(dir);
    free(dir);
}

static size_t guest_count(const char *db)
{
    Store *s = open_db(db);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    store_close(s);
    return st.guests;
}

/* The event's CSVs come in at start when they changed; a broken one is
 * reported with its line and the data from before is kept. */
/* Two kiosks that share an id and a sync folder (a stick prepared on one and
 * loaded onto both, or two Pis never named) each keep a copy there of their
 * own: merging the folder's copies, as the README says, gives both kiosks'
 * check-ins. */
static void test_sync_copies_apart(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *ev = tu_path(dir, "event"), *sync = tu_path(dir, "sync");
    assert_int_equal(mkdir(ev, 0700), 0);
    assert_int_equal(mkdir(sync, 0700), 0);
    char *ini = tu_path(ev, "event.ini"), *guests = tu_path(ev, "guests.csv");
    char text[1400];
    snprintf(text, sizeof text,
             "[event]\nname = Fall Meet\n[kiosk]\nid = door-1\n[sync]\nfolder = %s\n", sync);
    tu_write(ini, text, (size_t)-1);
    tu_write(guests,
             "First,Last,Company,Email\nAna,García,Acme,ana@example.com\n"
             "Tomás,Ruiz,Acme,tomas@example.com\n",
             (size_t)-1);
    static const char *const WHO[] = {"Ana", "Tomás"};
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "k%d.db", i);
        char *db = tu_path(dir, name), *script = tu_path(dir, "s.script");
        snprintf(text, sizeof text,
                 "press Check in\ntype %s\npress %s %c. — Acme\npress Yes, check me in\n"
                 "press Continue\n",
                 WHO[i], WHO[i], i ? 'R' : 'G');
        tu_write(script, text, (size_t)-1);
        TuRun r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
        uid_expect_ok(&r);
        tu_run_free(&r);
        free(db);
        free(script);
    }
    /* Two copies, both named for door-1. */
    DIR *d = opendir(sync);
    assert_non_null(d);
    char *copies[4] = {0};
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (!strncmp(e->d_name, "lanyard-door-1-", 15) && strstr(e->d_name, ".db") &&
            !strstr(e->d_name, ".db-") && n < 4)
            copies[n++] = tu_path(sync, e->d_name);
    closedir(d);
    assert_int_equal(n, 2);
    char *merged = tu_path(dir, "district.db");
    TuRun r = tu_lanyard("merge", "--into", merged, copies[0], copies[1], NULL);
    uid_expect_ok(&r);
    tu_run_free(&r);
    Store *s = open_db(merged);
    assert_int_equal(attendance_rows(s), 2);
    store_close(s);
    for (int i = 0; i < n; i++)
        free(copies[i]);
    free(merged);
    free(ini);
    free(guests);
    free(ev);
    free(sync);
    tu_rmtree(dir);
    free(dir);
}

/* A damaged database: the kiosk says on screen, to guests in both
 * languages and to staff with the reason, that it cannot check anyone in,
 * and leaves the file as it was. */
static void test_damaged_db_on_screen(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db"), *script = tu_path(dir, "s.script");
    char *png = tu_path(dir, "fault.png");
    tu_write(script, "expect Check in\n", (size_t)-1);
    char *ev = tu_source("tests/ui/event");
    TuRun r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    uid_expect_ok(&r);
    tu_run_free(&r);
    /* 16 KiB of its pages overwritten: a card that failed under it. */
    size_t len;
    char *bytes = tu_read(db, &len);
    assert_true(len > 12288 + 16384);
    memset(bytes + 12288, 0xff, 16384);
    tu_write(db, bytes, len);
    tu_write(script,
             "expect cannot check anyone in right now\nexpect Este quiosco no puede registrar\n"
             "expect damaged (corrupt)\nexpect-not Check in\n",
             (size_t)-1);
    r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, "--screenshot", png, NULL);
    assert_int_equal(r.status, 1); /* the kiosk did not run */
    if (strstr(r.err, "failed"))
        fail_msg("%s", r.err);
    assert_non_null(strstr(r.err, "damaged (corrupt)"));
    tu_run_free(&r);
    assert_int_equal(access(png, R_OK), 0);
    size_t after_len;
    char *after = tu_read(db, &after_len);
    assert_int_equal(after_len, len);
    assert_memory_equal(after, bytes, len); /* left untouched */
    free(after);
    free(bytes);
    free(ev);
    free(png);
    free(script);
    free(db);
    tu_rmtree(dir);
    free(dir);
}

/* A script's `key Space` is the space bar as SDL gives it (the key, then
 * the text " "): on a focused box it ticks it, as in a real window. */
static void test_script_space_ticks(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db"), *script = tu_path(dir, "s.script");
    tu_write(script,
             "scan 2713624642\nexpect What interests you?\nkey Tab\nkey Tab\nkey Space\npress "
             "Continue\n",
             (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .db = db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    Store *s = open_db(db);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2713624642", &g), STORE_OK);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(s, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np + nk, 1); /* the first box, ticked by Space */
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
    store_close(s);
    free(script);
    free(db);
    tu_rmtree(dir);
    free(dir);
}

static void test_event_files_on_start(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *ev = tu_path(dir, "event");
    assert_int_equal(mkdir(ev, 0700), 0);
    char *guests = tu_path(ev, "guests.csv"), *db = tu_path(dir, "k.db");
    char *script = tu_path(dir, "s.script");
    tu_write(script, "expect Check in\n", (size_t)-1);
    tu_write(guests, "First,Last,Company,Email\nAna,García,Acme,ana@example.com\n", (size_t)-1);
    TuRun r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "added:     1"));
    tu_run_free(&r);
    assert_int_equal(guest_count(db), 1);

    /* Unchanged: not imported again. */
    r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.err, "rows read"));
    tu_run_free(&r);

    /* Changed: imported. */
    tu_write(guests,
             "First,Last,Company,Email\nAna,García,Acme,ana@example.com\n"
             "Tomás,Ruiz,Acme,tomas@example.com\n",
             (size_t)-1);
    r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "added:     1"));
    tu_run_free(&r);
    assert_int_equal(guest_count(db), 2);

    /* Broken (a quote never closed on line 3): reported, old data kept, the
     * kiosk still runs. */
    tu_write(guests,
             "First,Last,Company,Email\nAna,García,Acme,ana@example.com\n"
             "Zed,\"Broken,Acme,zed@example.com\n",
             (size_t)-1);
    r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "guests.csv:3:"));
    assert_non_null(strstr(r.err, "keeps the data it had"));
    tu_run_free(&r);
    assert_int_equal(guest_count(db), 2);
    /* Kept for the staff dashboard, and cleared by the next good import. */
    Store *s = open_db(db);
    char *msg = NULL;
    assert_int_equal(store_setting_get(s, "import.guests.csv.error", &msg), STORE_OK);
    assert_non_null(strstr(msg, "guests.csv:3:"));
    free(msg);
    store_close(s);
    tu_write(guests, "First,Last,Company,Email\nAna,García,Acme,ana@example.com\n", (size_t)-1);
    r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    s = open_db(db);
    assert_int_equal(store_setting_get(s, "import.guests.csv.error", &msg), STORE_OK);
    assert_string_equal(msg, "");
    free(msg);
    store_close(s);

    free(script);
    free(db);
    free(guests);
    free(ev);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_checkin),
        cmocka_unit_test(test_walkin_consent),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_already_checked_in),
        cmocka_unit_test(test_scanner),
        cmocka_unit_test(test_idle_reset),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_lockdown),
        cmocka_unit_test(test_windowed_quit),
        cmocka_unit_test(test_failing_expect),
        cmocka_unit_test(test_unknown_action),
        cmocka_unit_test(test_screenshot_option),
        cmocka_unit_test(test_write_failure),
        cmocka_unit_test(test_no_display),
        cmocka_unit_test(test_bad_usage),
        cmocka_unit_test(test_default_db_and_demo),
        cmocka_unit_test(test_event_files_on_start),
        cmocka_unit_test(test_sync_copies_apart),
        cmocka_unit_test(test_damaged_db_on_screen),
        cmocka_unit_test(test_script_space_ticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
