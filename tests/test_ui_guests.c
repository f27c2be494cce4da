/* test_ui_guests.c — one guest's visit never reaches the next person: after
 * Done, whoever explores the programs is nobody's guest, and the previous
 * guest's interests, as the database holds them, stay as that guest left them.
 * The staff PIN pad stays responsive while a PIN is checked; a scan is told
 * from typing by the keys' own timestamps. Driven in process by the UI driver
 * (ui_driver.h) on a real database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/import.h"
#include "core/lockout.h"
#include "core/pin.h"
#include "store/store.h"
#include "ui_driver.h"
#include "visit/visit.h"

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
    int64_t wall_step; /* how far the wall clock was stepped from the kiosk's */
} Fixture;

/* The wall clock: the kiosk's simulated clock, stepped by wall_step. */
static int64_t stepped_wall(void *ud)
{
    Fixture *f = ud;
    return uid_now(f->d) + f->wall_step;
}

/* The monotonic clock: the kiosk's simulated clock, never stepped. */
static int64_t steady(void *ud)
{
    return uid_now(((Fixture *)ud)->d);
}

static void one_boot(void *ud, char *out, size_t len)
{
    (void)ud;
    snprintf(out, len, "boot-1");
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    uid_import_csv(f->store, "tests/ui/event/guests.csv", false, UID_T0);
    uid_import_csv(f->store, "tests/ui/event/programs.csv", true, UID_T0);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "unit");
    assert_int_equal(pin_hash("246813", f->cfg.pin_hash), 0);
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store,
                                        .cfg = &f->cfg,
                                        .clock = {stepped_wall, f},
                                        .timers = {steady, one_boot, f}});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* The program codes the database holds for the guest with this code, joined
 * by commas in the order stored. */
static void interests_of(Fixture *f, const char *code, char *out, size_t cap)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    char **programs = NULL, **kinds = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    out[0] = '\0';
    for (size_t i = 0; i < np; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? "," : "", programs[i]);
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
}

/* Ana checks in and picks Health Science; from Done the next person explores
 * the programs within the idle timeout: no page offers them Ana's "I'm
 * interested", ticked or not, and whatever they tap leaves Ana's interests as
 * she saved them. */
static void test_done_ends_visit(void **state)
{
    Fixture *f = *state;
    uid_scan(f->d, "2713624642");
    assert_string_equal(uid_screen(f->d), "interests");
    uid_press(f->d, "Health Science");
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    uid_expect(f->d, "Welcome, Ana!");
    char saved[256];
    interests_of(f, "2713624642", saved, sizeof saved);
    assert_string_equal(saved, "HLTH");

    uid_wait(f->d, 2000);
    uid_press(f->d, "Explore programs");
    static const char *const PAGES[] = {"Health Science", "Welding Technology", "Culinary Arts"};
    for (size_t i = 0; i < sizeof PAGES / sizeof PAGES[0]; i++) {
        uid_press(f->d, PAGES[i]);
        assert_string_equal(uid_screen(f->d), "program");
        if (uid_visible(f->d, "I'm interested")) {
            uid_press(f->d, "I'm interested");
            fail_msg("%s offers the last guest's I'm interested", PAGES[i]);
        }
        uid_press(f->d, "Back");
    }
    char after[256];
    interests_of(f, "2713624642", after, sizeof after);
    assert_string_equal(after, saved);
    assert_null(visit_guest(uid_visit(f->d)));
}

/* Done timing out ends the visit too: Explore programs from Welcome is
 * nobody's. */
static void test_done_timeout_ends_visit(void **state)
{
    Fixture *f = *state;
    uid_scan(f->d, "2713854927");
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    uid_wait(f->d, 30000);
    assert_string_equal(uid_screen(f->d), "welcome");
    assert_null(visit_guest(uid_visit(f->d)));
    uid_press(f->d, "Explore programs");
    uid_press(f->d, "Welding Technology");
    assert_false(uid_visible(f->d, "I'm interested"));
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* OK on the pad returns at once and says "Checking…"; the pad still takes
 * keys; the answer comes later and opens staff mode. */
static void test_pin_checked_off_the_screen(void **state)
{
    Fixture *f = *state;
    double t0 = mono_ms();
    assert_false(pin_verify("000000", f->cfg.pin_hash));
    double verify_ms = mono_ms() - t0;

    uid_hold(f->d, 5, 5, 3000);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    uid_type(f->d, "246813", 200);
    t0 = mono_ms();
    uid_key(f->d, UI_KEY_RETURN, 0);
    double ok_ms = mono_ms() - t0;
    print_message("  [figures] OK on the pad took %.1f ms; one check %.1f ms\n", ok_ms, verify_ms);
    /* Checked on the screen's thread, OK would take at least one check; off
     * it, a frame and a thread's start (slow under the sanitizers). */
    assert_true(ok_ms * 2 < verify_ms);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    uid_expect(f->d, "Checking");
    uid_press(f->d, "7"); /* the pad answers taps meanwhile */
    assert_string_equal(uid_screen(f->d), "staff_pin");
    uid_settle(f->d);
    assert_string_equal(uid_screen(f->d), "staff_home");
}

/* Cancel while the right PIN is being checked: nobody comes in. */
static void test_pin_cancelled_mid_check(void **state)
{
    Fixture *f = *state;
    uid_hold(f->d, 5, 5, 3000);
    uid_type(f->d, "246813", 200);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_expect(f->d, "Checking");
    uid_press(f->d, "Cancel");
    assert_string_equal(uid_screen(f->d), "welcome");
    uid_settle(f->d);
    uid_wait(f->d, 1000);
    assert_string_equal(uid_screen(f->d), "welcome");
    uid_hold(f->d, 5, 5, 3000);
    uid_settle(f->d);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    assert_false(uid_visible(f->d, "Checking"));
}

/* The guest with this registration code is checked in. */
static bool checked_in(Fixture *f, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(f->store, g.id, &in), STORE_OK);
    guest_clear(&g);
    return in;
}

/* Sends text one character at a time, stamped gap_ms apart from t0 (when the
 * keys were pressed), each handled step_ms after the one before (how late the
 * kiosk got to it), then Return stamped gap_ms after the last. */
static void keys_stamped(Fixture *f, const char *text, int64_t t0, int gap_ms, int step_ms)
{
    int64_t t = t0;
    for (const char *p = text; *p; p++, t += gap_ms) {
        UiEvent ev = {.type = UI_EV_TEXT, .t = t};
        ev.text[0] = *p;
        uid_send(f->d, ev);
        if (step_ms)
            uid_wait(f->d, step_ms);
    }
    uid_send(f->d, (UiEvent){.type = UI_EV_KEY, .key = UI_KEY_RETURN, .t = t});
}

/* Keys 50 ms apart by their own timestamps (20 a second, a quick typist or
 * xdotool) are typing even when a busy frame hands them over all at once; a
 * burst 10 ms apart ending in Enter is a scan even when handled 100 ms apart. */
static void test_scan_told_by_timestamps(void **state)
{
    Fixture *f = *state;
    static const char *const SCREENS[] = {"Check in", "I'm new here"};
    for (size_t i = 0; i < 2; i++) {
        uid_press(f->d, SCREENS[i]);
        const char *screen = i == 0 ? "find" : "walkin";
        assert_string_equal(uid_screen(f->d), screen);
        int64_t t0 = uid_now(f->d);
        uid_wait(f->d, 2000); /* all handled later, in one frame */
        keys_stamped(f, "2713624642", t0, 50, 0);
        assert_string_equal(uid_screen(f->d), screen);
        uid_expect(f->d, "2713624642");
        assert_false(checked_in(f, "2713624642"));
        uid_press(f->d, "Back");
        assert_string_equal(uid_screen(f->d), "welcome");
    }
    uid_press(f->d, "Check in");
    int64_t t0 = uid_now(f->d);
    uid_wait(f->d, 200);
    keys_stamped(f, "2713624642", t0, 10, 100);
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(checked_in(f, "2713624642"));
}

#define HOUR INT64_C(3600000)

/* A Pi without a battery clock steps its wall clock by hours at boot, maybe
 * while the kiosk runs: the idle reset, Done's timeout, the staff hold and the
 * PIN's lock-out keep their times; records keep the wall clock's. */
static void test_timers_ignore_wall_steps(void **state)
{
    Fixture *f = *state;
    /* The idle reset: 60 s of kiosk time, whatever the wall clock does. */
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "Secret", 100);
    f->wall_step += 3 * HOUR;
    uid_wait(f->d, 30000);
    f->wall_step -= 5 * HOUR;
    uid_wait(f->d, 29000);
    assert_string_equal(uid_screen(f->d), "walkin");
    uid_wait(f->d, 2000);
    assert_string_equal(uid_screen(f->d), "welcome");

    /* Done goes back to Welcome after its own few seconds. */
    uid_scan(f->d, "2713624642");
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    f->wall_step += 4 * HOUR;
    uid_wait(f->d, 3000);
    f->wall_step -= 8 * HOUR;
    assert_string_equal(uid_screen(f->d), "done");
    uid_wait(f->d, 4000);
    assert_string_equal(uid_screen(f->d), "welcome");

    /* The staff gesture: 3 s held. */
    uid_down(f->d, 5, 5);
    f->wall_step += 2 * HOUR;
    uid_wait(f->d, 2900);
    assert_string_equal(uid_screen(f->d), "welcome");
    f->wall_step -= 6 * HOUR;
    uid_wait(f->d, 200);
    uid_up(f->d, 5, 5);
    assert_string_equal(uid_screen(f->d), "staff_pin");

    /* Locked out after five wrong PINs, for a minute of kiosk time. */
    for (int i = 0; i < LOCKOUT_FREE_TRIES; i++) {
        uid_type(f->d, "111111", 50);
        uid_key(f->d, UI_KEY_RETURN, 0);
        uid_settle(f->d);
        uid_wait(f->d, LOCKOUT_THROTTLE_MS);
    }
    uid_expect(f->d, "Locked");
    f->wall_step += 3 * HOUR; /* forward: the lock-out does not end */
    uid_wait(f->d, 1000);
    uid_expect(f->d, "Locked");
    uid_type(f->d, "246813", 50);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_settle(f->d);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    f->wall_step -= 7 * HOUR; /* back: nor does it stretch */
    uid_wait(f->d, 1000);
    uid_expect(f->d, "Try again in 0:5");
    uid_wait(f->d, 30000);
    uid_press(f->d, "Delete"); /* still there, before the idle reset */
    uid_wait(f->d, 30000);
    assert_false(uid_visible(f->d, "Locked"));
    uid_type(f->d, "246813", 50);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_settle(f->d);
    assert_string_equal(uid_screen(f->d), "staff_home");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_done_ends_visit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_timeout_ends_visit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pin_checked_off_the_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pin_cancelled_mid_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_told_by_timestamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timers_ignore_wall_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
