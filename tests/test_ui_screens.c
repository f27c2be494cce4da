/* test_ui_screens.c — every kiosk screen at 800x480, 1280x800, 1920x1080 and
 * 1080x1920 compared with the reference PNGs in tests/ui/ref/, with a tolerance
 * (a few pixels may differ by a few levels, e.g. after a renderer update).
 *
 * Each screen is a script in tests/ui/screens/ run by `lanyard run --script
 * --screenshot` against the test event. On a mismatch the frame is written as
 * NAME_err.png next to the test binary and the test fails. With
 * LANYARD_UPDATE_SCREENSHOTS=1 (scripts/update-screenshots) the frames become
 * the new references instead; LANYARD_UPDATE_SCREENSHOTS=name,name... updates
 * only those screens and compares the others. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

static const char *const SIZES[] = {"800x480", "1280x800", "1920x1080", "1080x1920"};

/* A pixel differs when a channel differs by more than this; a frame differs when
 * more than MAX_DIFF_PERMILLE of its pixels do. */
#define CHANNEL_TOLERANCE 24
#define MAX_DIFF_PERMILLE 2

static bool update_mode(const char *name)
{
    const char *u = getenv("LANYARD_UPDATE_SCREENSHOTS");
    if (!u || !*u || !strcmp(u, "0"))
        return false;
    if (!strcmp(u, "1"))
        return true;
    size_t n = strlen(name);
    for (const char *p = u; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && !strncmp(p, name, n))
            return true;
        p += len + (p[len] == ',');
    }
    return false;
}

/* Number of differing pixels, or -1 when the sizes differ or a file is unreadable. */
static long compare_png(const char *a, const char *b, long *total)
{
    SDL_Surface *sa = IMG_Load(a), *sb = IMG_Load(b);
    long diff = -1;
    if (!sa || !sb || sa->w != sb->w || sa->h != sb->h)
        goto out;
    SDL_Surface *ca = SDL_ConvertSurfaceFormat(sa, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *cb = SDL_ConvertSurfaceFormat(sb, SDL_PIXELFORMAT_RGBA32, 0);
    if (ca && cb) {
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
    }
    SDL_FreeSurface(ca);
    SDL_FreeSurface(cb);
out:
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    return diff;
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = tu_read(from, &len);
    assert_non_null(data);
    tu_write(to, data, len);
    free(data);
}

/* Runs the screen's script at each size against event (NULL: tests/ui/event),
 * windowed or locked down; db == NULL: a fresh database each time. */
static void check_screen_in(const char *name, const char *db_override, const char *event_dir,
                            bool windowed)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/ui/screens/%s.script", name);
    char *script = tu_source(rel);
    char *event = event_dir ? strdup(event_dir) : tu_source("tests/ui/event");
    int failures = 0;
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        char *dir = tu_tempdir();
        char *db = db_override ? strdup(db_override) : tu_path(dir, "k.db");
        char *png = tu_path(dir, "frame.png");
        TuRun r = tu_lanyard("run", "--event", event, "--db", db, "--size", SIZES[i], "--script",
                             script, "--screenshot", png, windowed ? "--windowed" : NULL, NULL);
        if (r.status != 0)
            fail_msg("%s at %s: lanyard run failed:\n%s", name, SIZES[i], r.err);
        snprintf(rel, sizeof rel, "tests/ui/ref/%s-%s.png", name, SIZES[i]);
        char *ref = tu_source(rel);
        if (update_mode(name)) {
            copy_file(png, ref);
        } else {
            long total = 0, diff = compare_png(png, ref, &total);
            if (diff < 0 || diff * 1000 > total * MAX_DIFF_PERMILLE) {
                char err[300];
                snprintf(err, sizeof err, "%s-%s_err.png", name, SIZES[i]);
                copy_file(png, err);
                fprintf(stderr,
                        "%s at %s differs from %s (%ld of %ld pixels); the frame is in %s\n"
                        "(scripts/update-screenshots makes it the reference if it is right)\n",
                        name, SIZES[i], ref, diff, total, err);
                failures++;
            }
        }
        free(ref);
        tu_run_free(&r);
        /* A shared database (the full disk) keeps its state: each size starts
         * from the same one. */
        free(png);
        free(db);
        tu_rmtree(dir);
        free(dir);
    }
    free(script);
    free(event);
    assert_int_equal(failures, 0);
}

static void check_screen(const char *name, const char *db_override)
{
    check_screen_in(name, db_override, NULL, false);
}

#define SCREEN(n)                                                                                  \
    static void test_##n(void **state)                                                             \
    {                                                                                              \
        (void)state;                                                                               \
        check_screen(#n, NULL);                                                                    \
    }

SCREEN(welcome)
SCREEN(welcome_es)
SCREEN(welcome_contrast)
SCREEN(find)
SCREEN(find_results)
SCREEN(find_none)
SCREEN(confirm)
SCREEN(walkin)
SCREEN(walkin_errors)
SCREEN(interests)
SCREEN(done)
SCREEN(already)
SCREEN(programs)
SCREEN(program_page)

/* The staff message needs a check-in that cannot be committed: a database on a
 * full disk (a small tmpfs, so root), as in test_ui_flows. */
static void test_staff(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *mnt = tu_path(dir, "disk");
    assert_int_equal(mkdir(mnt, 0700), 0);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=8m") != 0) {
        tu_rmtree(dir);
        free(mnt);
        free(dir);
        fprintf(stderr, "cannot mount a small tmpfs (needs root): staff screen not compared\n");
        skip();
    }
    char *db = tu_path(mnt, "kiosk.db");
    char *event = tu_source("tests/ui/event");
    char *empty = tu_path(dir, "empty.script");
    tu_write(empty, "expect Check in\n", (size_t)-1);
    TuRun r = tu_lanyard("run", "--event", event, "--db", db, "--size", "800x480", "--script",
                         empty, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    const char *const ck[] = {"/usr/bin/sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL};
    r = tu_run(ck, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char *filler = tu_path(mnt, "filler");
    FILE *fp = fopen(filler, "wb");
    assert_non_null(fp);
    static char block[4096];
    long size = 0;
    while (fwrite(block, 1, sizeof block, fp) == sizeof block && fflush(fp) == 0)
        size += (long)sizeof block;
    fclose(fp);
    /* Room for SQLite's shared-memory index only, not for the commit. */
    assert_int_equal(truncate(filler, size - 8 * 4096), 0);
    check_screen("staff", db);
    umount(mnt);
    free(filler);
    free(empty);
    free(event);
    free(db);
    tu_rmtree(dir);
    free(mnt);
    free(dir);
}

/* Staff mode's screens need a staff PIN: a copy of the test event with the PIN
 * 2468 set by `lanyard set-pin`. */
static char *pin_event(char **dir)
{
    *dir = tu_tempdir();
    char *ev = tu_path(*dir, "event");
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
    const char *const argv[] = {LANYARD_BINARY, "set-pin", "--event", ev, NULL};
    TuRun r = tu_run(argv, "2468\n");
    if (r.status != 0)
        fail_msg("set-pin failed: %s", r.err);
    tu_run_free(&r);
    return ev;
}

static void check_staff_screen(const char *name)
{
    char *dir;
    char *ev = pin_event(&dir);
    check_screen_in(name, NULL, ev, false);
    tu_rmtree(dir);
    free(ev);
    free(dir);
}

/* The PIN pad after a wrong PIN, with two digits typed. */
static void test_staff_pin(void **state)
{
    (void)state;
    check_staff_screen("staff_pin");
}

/* The staff screen after one guest checked in. */
static void test_staff_home(void **state)
{
    (void)state;
    check_staff_screen("staff_home");
}

/* Staff's guest lookup with two matches, and a guest's full details. */
static void test_staff_lookup(void **state)
{
    (void)state;
    check_staff_screen("staff_lookup");
}

static void test_staff_guest(void **state)
{
    (void)state;
    check_staff_screen("staff_guest");
}

/* No staff PIN set on a locked-down kiosk: the pad says how to set one. */
static void test_staff_no_pin(void **state)
{
    (void)state;
    check_screen("staff_no_pin", NULL);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome),
        cmocka_unit_test(test_welcome_es),
        cmocka_unit_test(test_welcome_contrast),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_find_results),
        cmocka_unit_test(test_find_none),
        cmocka_unit_test(test_confirm),
        cmocka_unit_test(test_walkin),
        cmocka_unit_test(test_walkin_errors),
        cmocka_unit_test(test_interests),
        cmocka_unit_test(test_done),
        cmocka_unit_test(test_already),
        cmocka_unit_test(test_programs),
        cmocka_unit_test(test_program_page),
        cmocka_unit_test(test_staff),
        cmocka_unit_test(test_staff_pin),
        cmocka_unit_test(test_staff_home),
        cmocka_unit_test(test_staff_no_pin),
        cmocka_unit_test(test_staff_lookup),
        cmocka_unit_test(test_staff_guest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
