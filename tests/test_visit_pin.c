/* test_visit_pin.c — the staff PIN checked off the screen's thread: the call
 * the pad makes returns at once and the answer comes later; a try counts as
 * wrong on disk from the moment it starts; a pad left mid-check lets nobody
 * in; PINs of 4 digits and hashes of the old cost still open staff mode but
 * are called weak; the hash's cost makes an offline search of 6-digit PINs
 * slow (the figure is printed). */
#include <sched.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/lockout.h"
#include "core/pin.h"
#include "store/store.h"
#include "visit/visit.h"
#include "visit/visit_staff.h"

#define T0 INT64_C(1787230800000) /* 2026-08-20T13:00:00Z */

typedef struct Fixture {
    char *dir, *db;
    Store *store;
    EventConfig cfg;
    Visit *v;
    int64_t now;  /* the wall clock */
    int64_t mono; /* the monotonic clock (0: the wall clock alone) */
    char boot[40];
} Fixture;

static int64_t fake_clock(void *ud)
{
    return ((Fixture *)ud)->now;
}

static int64_t fake_mono(void *ud)
{
    return ((Fixture *)ud)->mono;
}

static void fake_boot(void *ud, char *out, size_t len)
{
    snprintf(out, len, "%s", ((Fixture *)ud)->boot);
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static Visit *new_visit(Fixture *f)
{
    VisitEnv env = {.store = f->store, .cfg = &f->cfg, .clock = {fake_clock, f}};
    if (f->mono)
        env.timers = (TimerPort){fake_mono, fake_boot, f};
    char err[256];
    Visit *v = visit_create(&env, err, sizeof err);
    if (!v)
        fail_msg("%s", err);
    return v;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "unit");
    assert_int_equal(pin_hash("246813", f->cfg.pin_hash), 0);
    f->now = T0;
    f->v = new_visit(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    visit_destroy(f->v);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Polls as the pad's timer does, without sleeping, until the answer is in. */
static VisitPin answer(Visit *v)
{
    VisitPin r;
    while ((r = visit_pin_poll(v)) == VISIT_PIN_CHECKING)
        sched_yield();
    return r;
}

static void test_check_off_the_screen(void **state)
{
    Fixture *f = *state;
    double t0 = mono_ms();
    assert_false(pin_verify("000000", f->cfg.pin_hash));
    double verify_ms = mono_ms() - t0;

    t0 = mono_ms();
    VisitPin r = visit_pin_submit(f->v, "000000");
    double submit_ms = mono_ms() - t0;
    assert_int_equal(r, VISIT_PIN_CHECKING);
    print_message("  [figures] one check %.1f ms; the pad's call returned in %.3f ms\n", verify_ms,
                  submit_ms);
    assert_true(submit_ms * 4 < verify_ms);
    /* A second OK while checking starts nothing. */
    assert_int_equal(visit_pin_submit(f->v, "246813"), VISIT_PIN_CHECKING);

    /* Counted as wrong on disk before the answer: a kiosk stopped now has
     * lost nothing of the lock-out. */
    Visit *other = new_visit(f);
    assert_int_equal(visit_pin_open(other), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_tries_left(other), LOCKOUT_FREE_TRIES - 1);
    visit_destroy(other);

    assert_int_equal(answer(f->v), VISIT_PIN_WRONG);
    assert_int_equal(visit_pin_poll(f->v), VISIT_PIN_OPEN); /* answered once */
    assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES - 1);

    f->now += LOCKOUT_THROTTLE_MS;
    assert_int_equal(visit_pin_submit(f->v, "246813"), VISIT_PIN_CHECKING);
    assert_int_equal(answer(f->v), VISIT_PIN_OK);
    assert_false(visit_pin_weak(f->v));
    assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES);
    other = new_visit(f);
    assert_int_equal(visit_pin_open(other), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_tries_left(other), LOCKOUT_FREE_TRIES);
    visit_destroy(other);
}

/* The pad was left (Cancel, idle) while the right PIN was being checked:
 * nobody comes in, and the lock-out forgets the try. */
static void test_left_pad_lets_nobody_in(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_pin_submit(f->v, "246813"), VISIT_PIN_CHECKING);
    visit_pin_cancel(f->v);
    visit_pin_wait(f->v);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_poll(f->v), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES);
    /* Still checking when the pad opens again: it says so. */
    assert_int_equal(visit_pin_submit(f->v, "111111"), VISIT_PIN_CHECKING);
    visit_pin_cancel(f->v);
    VisitPin open = visit_pin_open(f->v);
    assert_true(open == VISIT_PIN_CHECKING || open == VISIT_PIN_OPEN);
    visit_pin_wait(f->v);
    assert_int_equal(visit_pin_poll(f->v), VISIT_PIN_OPEN); /* wrong, and never OK */
    assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES - 1);
}

/* A 4-digit PIN hashed at the old, cheaper cost (as `lanyard set-pin` wrote
 * them before) still opens staff mode, and is called weak; so is a 4-digit
 * PIN at today's cost. */
static void test_old_pin_still_opens(void **state)
{
    Fixture *f = *state;
    assert_int_equal(crypto_pwhash_str(f->cfg.pin_hash, "2468", 4,
                                       crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE),
                     0);
    assert_int_equal(visit_pin_try(f->v, "2468"), VISIT_PIN_OK);
    assert_true(visit_pin_weak(f->v));
    assert_int_equal(pin_hash("2468", f->cfg.pin_hash), 0);
    f->now += LOCKOUT_THROTTLE_MS;
    assert_int_equal(visit_pin_try(f->v, "2468"), VISIT_PIN_OK);
    assert_true(visit_pin_weak(f->v));
    assert_int_equal(pin_hash("246813", f->cfg.pin_hash), 0);
    f->now += LOCKOUT_THROTTLE_MS;
    assert_int_equal(visit_pin_try(f->v, "246813"), VISIT_PIN_OK);
    assert_false(visit_pin_weak(f->v));
    /* New PINs have 6 digits or more. */
    assert_false(pin_is_valid("2468"));
    assert_false(pin_is_valid("24681"));
    assert_true(pin_is_valid("246813"));
}

/* What someone who can read event.ini faces: every 6-digit PIN, one hash
 * check each, on this machine. */
static void test_offline_search_cost(void **state)
{
    Fixture *f = *state;
    assert_int_equal(crypto_pwhash_str_needs_rehash(f->cfg.pin_hash, PIN_OPSLIMIT, PIN_MEMLIMIT),
                     0);
    enum { N = 3 };
    double t0 = mono_ms();
    for (int i = 0; i < N; i++)
        assert_false(pin_verify("000000", f->cfg.pin_hash));
    double per = (mono_ms() - t0) / N;
    char old[PIN_HASH_MAX];
    assert_int_equal(crypto_pwhash_str(old, "2468", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE),
                     0);
    t0 = mono_ms();
    for (int i = 0; i < N; i++)
        assert_false(pin_verify("0000", old));
    double old_per = (mono_ms() - t0) / N;
    double hours = 1e6 * per / 3.6e6;
    print_message("  [figures] %.2f hashes/s (%.0f ms each) x 10^6 six-digit PINs = %.0f hours of "
                  "one core; before: %.2f hashes/s x 10^4 four-digit PINs = %.0f minutes\n",
                  1000 / per, per, hours, 1000 / old_per, 1e4 * old_per / 6e4);
    /* Slower per check than the old cost, and 100 times as many PINs. */
    assert_true(per > old_per);
    assert_true(hours > 10);
}

#define HOUR INT64_C(3600000)

/* Both clocks move on together. */
static void pass(Fixture *f, int64_t ms)
{
    f->now += ms;
    f->mono += ms;
}

static int64_t remaining(Visit *v)
{
    int64_t rem = -1;
    assert_int_equal(visit_pin_state(v, &rem), VISIT_PIN_LOCKED);
    return rem;
}

/* A Pi without a battery clock steps its wall clock at boot, by hours. The
 * lock-out runs on the monotonic clock: a step forward does not end it, a step
 * back does not stretch it, a restart in the same boot keeps it to the
 * millisecond; after a reboot it is judged by the wall clock, never longer
 * than the count of wrong PINs deserves. */
static void test_lockout_ignores_wall_steps(void **state)
{
    Fixture *f = *state;
    visit_destroy(f->v);
    f->mono = 7 * HOUR; /* since boot */
    snprintf(f->boot, sizeof f->boot, "boot-1");
    f->v = new_visit(f);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_OPEN);
    for (int i = 0; i < LOCKOUT_FREE_TRIES - 1; i++) {
        assert_int_equal(visit_pin_try(f->v, "111111"), VISIT_PIN_WRONG);
        pass(f, LOCKOUT_THROTTLE_MS);
    }
    assert_int_equal(visit_pin_try(f->v, "111111"), VISIT_PIN_LOCKED);
    int64_t full = lockout_duration(LOCKOUT_FREE_TRIES);
    assert_int_equal(remaining(f->v), full);

    f->now += 3 * HOUR; /* forward */
    assert_int_equal(remaining(f->v), full);
    assert_int_equal(visit_pin_try(f->v, "246813"), VISIT_PIN_LOCKED);
    f->now -= 5 * HOUR; /* back */
    assert_int_equal(remaining(f->v), full);
    pass(f, 20000);
    assert_int_equal(remaining(f->v), full - 20000);

    /* A restart in the same boot, the wall clock stepped again. */
    visit_destroy(f->v);
    f->now += 9 * HOUR;
    f->v = new_visit(f);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_LOCKED);
    assert_int_equal(remaining(f->v), full - 20000);

    /* A reboot: the monotonic clock starts again, the wall clock is as the
     * board guessed it, hours behind: capped at the lock-out's length. */
    visit_destroy(f->v);
    f->now -= 9 * HOUR + 2 * HOUR;
    f->mono = 30000;
    snprintf(f->boot, sizeof f->boot, "boot-2");
    f->v = new_visit(f);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_LOCKED);
    assert_int_equal(remaining(f->v), full);
    /* The wall clock jumps forward hours mid-lock-out: no effect now. */
    f->now += 6 * HOUR;
    assert_int_equal(remaining(f->v), full);
    pass(f, full);
    assert_int_equal(visit_pin_state(f->v, NULL), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_try(f->v, "246813"), VISIT_PIN_OK);

    /* Saved in an earlier boot and the wall clock well past its end: open. */
    for (int i = 0; i < LOCKOUT_FREE_TRIES; i++) {
        visit_pin_try(f->v, "111111");
        pass(f, LOCKOUT_THROTTLE_MS);
    }
    visit_destroy(f->v);
    f->now += 3 * HOUR;
    f->mono = 20000;
    snprintf(f->boot, sizeof f->boot, "boot-3");
    f->v = new_visit(f);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_OPEN);
    assert_int_equal(visit_pin_tries_left(f->v), 0); /* the count is kept */
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_check_off_the_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_left_pad_lets_nobody_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_pin_still_opens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offline_search_cost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_ignores_wall_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
