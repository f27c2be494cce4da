/* test_ui_screens.c — every kiosk screen at 800x480, 1280x800, 1920x1080 and
 * 1080x1920 compared with the reference PNGs in tests/ui/ref/, with a tolerance
 * (a few pixels may differ by a few levels, e.g. after a renderer update).
 *
 * Each screen is a script in tests/ui/screens/ run by `lanyard run --script
 * --screenshot` against the test event and compared by the UI driver
 * (uid_screenshot_compare). On a mismatch the frame is written as
 * NAME-SIZE_err.png next to the test binary and the test fails. With
 * LANYARD_UPDATE_SCREENSHOTS=1 (scripts/update-screenshots) the frames become
 * the new references instead; LANYARD_UPDATE_SCREENSHOTS=name,name... updates
 * only those screens and compares the others. */
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "ui_driver.h"

static const char *const SIZES[] = {"800x480", "1280x800", "1920x1080", "1080x1920"};

/* Runs the screen's script at each size against event (NULL: tests/ui/event),
 * windowed or locked down; db == NULL: a fresh database each time. */
static void check_screen_in(const char *name, const char *db_override, const char *event,
                            bool windowed)
{
    char script[256];
    snprintf(script, sizeof script, "screens/%s", name);
    int failures = 0;
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        char *dir = tu_tempdir();
        char *db = db_override ? strdup(db_override) : tu_path(dir, "k.db");
        char *png = tu_path(dir, "frame.png");
        TuRun r = uid_script_run(&(UidScript){.name = script,
                                              .event = event,
                                              .db = db,
                                              .size = SIZES[i],
                                              .screenshot = png,
                                              .windowed = windowed});
        if (r.status != 0)
            fail_msg("%s at %s: lanyard run failed:\n%s", name, SIZES[i], r.err);
        if (uid_screenshot_compare(png, name, SIZES[i]) != 0)
            failures++;
        tu_run_free(&r);
        /* A shared database (the full disk) keeps its state: each size starts
         * from the same one. */
        free(png);
        free(db);
        tu_rmtree(dir);
        free(dir);
    }
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
SCREEN(find_es)
SCREEN(confirm)
SCREEN(walkin)
SCREEN(walkin_errors)
SCREEN(walkin_es)
SCREEN(interests)
SCREEN(interests_es)
SCREEN(interests_walkin)
SCREEN(walkin_fix)
SCREEN(not_me)
SCREEN(done)
SCREEN(already)
SCREEN(programs)
SCREEN(program_page)

/* "Please see a staff member" needs a check-in that cannot be committed: a database on a
 * full disk (a small tmpfs, so root), as in test_ui_flows. */
static void test_help(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = uid_full_disk(dir);
    if (!db) {
        tu_rmtree(dir);
        free(dir);
        fprintf(stderr, "cannot mount a small tmpfs (needs root): staff screen not compared\n");
        skip();
    }
    check_screen("help", db);
    uid_full_disk_free(dir, db);
    tu_rmtree(dir);
    free(dir);
}

/* Staff mode's screens need a staff PIN: a copy of the test event with the PIN
 * 246813 set by `lanyard set-pin`. */
static void check_staff_screen(const char *name)
{
    char *dir = tu_tempdir();
    char *ev = uid_event_copy(dir, true);
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

/* Load event from USB with a stick whose one event folder has errors: each
 * shown with its file and line, and no Load button. */
static void test_staff_load(void **state)
{
    (void)state;
    char *dir = tu_tempdir(), *stick = tu_path(dir, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    char *ini = tu_path(stick, "event.ini"), *guests = tu_path(stick, "guests.csv");
    tu_write(ini,
             "[event]\nname = Fall CTE Open House\ndate = 2026-10-01\n[theme]\nprimary = red\n",
             (size_t)-1);
    tu_write(guests, "First Name,Last Name\n\"Ana,García\n", (size_t)-1);
    setenv("LANYARD_USB_DIR", stick, 1);
    check_staff_screen("staff_load");
    unsetenv("LANYARD_USB_DIR");
    tu_rmtree(dir);
    free(ini);
    free(guests);
    free(stick);
    free(dir);
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
        cmocka_unit_test(test_find_es),
        cmocka_unit_test(test_confirm),
        cmocka_unit_test(test_walkin),
        cmocka_unit_test(test_walkin_errors),
        cmocka_unit_test(test_walkin_es),
        cmocka_unit_test(test_interests),
        cmocka_unit_test(test_interests_es),
        cmocka_unit_test(test_interests_walkin),
        cmocka_unit_test(test_walkin_fix),
        cmocka_unit_test(test_not_me),
        cmocka_unit_test(test_done),
        cmocka_unit_test(test_already),
        cmocka_unit_test(test_programs),
        cmocka_unit_test(test_program_page),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_staff_pin),
        cmocka_unit_test(test_staff_home),
        cmocka_unit_test(test_staff_no_pin),
        cmocka_unit_test(test_staff_lookup),
        cmocka_unit_test(test_staff_guest),
        cmocka_unit_test(test_staff_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
