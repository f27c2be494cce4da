/* test_ui_staff.c — staff mode (SPEC §5): the lock-out schedule with simulated
 * time and its settings in the store, then the hidden gesture, PIN pad and
 * staff screen driven by `lanyard run --script` (tests/ui/staff_*.script) on a
 * copy of the test event with the staff PIN 2468 set by `lanyard set-pin`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "store/store.h"
#include "ui/ui_staff.h"

#define T0 1700000000000LL

/* ---- the lock-out schedule ---- */

static void test_lock_schedule(void **state)
{
    (void)state;
    StaffLock l = {0};
    int64_t now = T0, rem = -1;
    assert_int_equal(staff_lock_state(&l, now, &rem), STAFF_LOCK_OPEN);
    assert_int_equal(rem, 0);
    /* Four wrong PINs: each only throttles the next try for a second. */
    for (int i = 1; i < STAFF_FREE_TRIES; i++) {
        staff_lock_failed(&l, now);
        assert_int_equal(l.failures, i);
        assert_int_equal(staff_lock_state(&l, now + 999, &rem), STAFF_LOCK_WAIT);
        assert_int_equal(rem, 1);
        now += STAFF_THROTTLE_MS;
        assert_int_equal(staff_lock_state(&l, now, NULL), STAFF_LOCK_OPEN);
    }
    /* The fifth: a minute. */
    staff_lock_failed(&l, now);
    assert_int_equal(staff_lock_state(&l, now, &rem), STAFF_LOCK_LOCKED);
    assert_int_equal(rem, 60000);
    assert_int_equal(staff_lock_state(&l, now + 59999, &rem), STAFF_LOCK_LOCKED);
    assert_int_equal(rem, 1);
    now += 60000;
    assert_int_equal(staff_lock_state(&l, now, NULL), STAFF_LOCK_OPEN);
    /* Each further wrong PIN doubles it: 2, 4, 8 ... minutes, at most an hour. */
    int64_t expect = 120000;
    for (int i = 0; i < 10; i++) {
        staff_lock_failed(&l, now);
        assert_int_equal(staff_lock_state(&l, now, &rem), STAFF_LOCK_LOCKED);
        assert_int_equal(rem, expect);
        now += rem;
        expect = expect * 2 > STAFF_LOCK_MAX_MS ? STAFF_LOCK_MAX_MS : expect * 2;
    }
    assert_int_equal(staff_lock_duration(1000000), STAFF_LOCK_MAX_MS);
    assert_int_equal(staff_lock_duration(STAFF_FREE_TRIES - 1), 0);
    /* The right PIN forgets it all. */
    staff_lock_passed(&l);
    assert_int_equal(l.failures, 0);
    assert_int_equal(staff_lock_state(&l, now, NULL), STAFF_LOCK_OPEN);
}

static Store *open_rw(const char *path)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    return s;
}

static void test_lock_survives_restart(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db");
    Store *s = open_rw(db);
    StaffLock l;
    /* Nothing stored yet: no failures. */
    assert_int_equal(staff_lock_load(s, &l, T0), STORE_OK);
    assert_int_equal(l.failures, 0);
    assert_int_equal(l.locked_until, 0);
    for (int i = 0; i < STAFF_FREE_TRIES; i++)
        staff_lock_failed(&l, T0);
    assert_int_equal(staff_lock_save(s, &l), STORE_OK);
    store_close(s);

    s = open_rw(db);
    StaffLock back;
    assert_int_equal(staff_lock_load(s, &back, T0 + 1000), STORE_OK);
    assert_int_equal(back.failures, STAFF_FREE_TRIES);
    assert_int_equal(back.locked_until, T0 + STAFF_LOCK_FIRST_MS);
    int64_t rem;
    assert_int_equal(staff_lock_state(&back, T0 + 1000, &rem), STAFF_LOCK_LOCKED);
    assert_int_equal(rem, STAFF_LOCK_FIRST_MS - 1000);
    /* A clock set back a day does not turn the minute into a day and a minute. */
    assert_int_equal(staff_lock_load(s, &back, T0 - 86400000), STORE_OK);
    assert_int_equal(back.locked_until, T0 - 86400000 + STAFF_LOCK_FIRST_MS);
    staff_lock_passed(&back);
    assert_int_equal(staff_lock_save(s, &back), STORE_OK);
    assert_int_equal(staff_lock_load(s, &back, T0), STORE_OK);
    assert_int_equal(back.failures, 0);
    assert_int_equal(staff_lock_state(&back, T0, NULL), STAFF_LOCK_OPEN);
    store_close(s);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

/* ---- scripted flows ---- */

typedef struct Env {
    char *dir;   /* temp folder */
    char *event; /* a copy of tests/ui/event, with the PIN set when asked */
    char *db;
} Env;

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = tu_read(from, &len);
    assert_non_null(data);
    tu_write(to, data, len);
    free(data);
}

static Env env_make(bool with_pin)
{
    Env e;
    e.dir = tu_tempdir();
    e.event = tu_path(e.dir, "event");
    e.db = tu_path(e.dir, "kiosk.db");
    assert_int_equal(mkdir(e.event, 0700), 0);
    static const char *const FILES[] = {"event.ini", "programs.csv", "guests.csv"};
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "tests/ui/event/%s", FILES[i]);
        char *from = tu_source(rel), *to = tu_path(e.event, FILES[i]);
        copy_file(from, to);
        free(from);
        free(to);
    }
    if (with_pin) {
        const char *const argv[] = {LANYARD_BINARY, "set-pin", "--event", e.event, NULL};
        TuRun r = tu_run(argv, "2468\n");
        if (r.status != 0)
            fail_msg("set-pin failed: %s", r.err);
        tu_run_free(&r);
    }
    return e;
}

static void env_free(Env *e)
{
    tu_rmtree(e->dir);
    free(e->dir);
    free(e->event);
    free(e->db);
}

/* Runs tests/ui/NAME.script against the environment's event and database. */
static TuRun run_script(const Env *e, const char *name, bool windowed)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/ui/%s.script", name);
    char *script = tu_source(rel);
    TuRun r = windowed ? tu_lanyard("run", "--event", e->event, "--db", e->db, "--size", "800x480",
                                    "--script", script, "--windowed", NULL)
                       : tu_lanyard("run", "--event", e->event, "--db", e->db, "--size", "800x480",
                                    "--script", script, NULL);
    free(script);
    return r;
}

static void expect_ok(TuRun *r)
{
    if (r->status != 0)
        fprintf(stderr, "lanyard run failed (%d):\n%s\n", r->status, r->err);
    assert_int_equal(r->status, 0);
}

static char *setting(const char *db, const char *key)
{
    Store *s = NULL;
    char err[512];
    if (store_open(db, STORE_OPEN_READONLY, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    char *v = NULL;
    StoreStatus st = store_setting_get(s, key, &v);
    assert_true(st == STORE_OK || st == STORE_NOT_FOUND);
    store_close(s);
    return v;
}

static void test_lockout_and_restart(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_lockout", false);
    expect_ok(&r);
    /* PINs are never logged, right or wrong. */
    assert_null(strstr(r.err, "2468"));
    assert_null(strstr(r.err, "1111"));
    tu_run_free(&r);
    char *failures = setting(e.db, "staff.pin.failures");
    assert_non_null(failures);
    assert_string_equal(failures, "5");
    free(failures);

    r = run_script(&e, "staff_locked_restart", false);
    expect_ok(&r);
    tu_run_free(&r);
    failures = setting(e.db, "staff.pin.failures");
    assert_string_equal(failures, "0"); /* the right PIN forgot the wrong ones */
    free(failures);
    env_free(&e);
}

static void test_exit_kiosk(void **state)
{
    (void)state;
    Env e = env_make(true);
    /* Locked down (not windowed): Exit kiosk on the staff screen is the way out,
     * with status 0; the script's last line never runs. */
    TuRun r = run_script(&e, "staff_exit", false);
    expect_ok(&r);
    assert_null(strstr(r.err, "never reached"));
    tu_run_free(&r);
    env_free(&e);
}

static void test_keyboard(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_keyboard", false);
    expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_idle(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_idle", false);
    expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_spanish(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_spanish", false);
    expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_no_pin(void **state)
{
    (void)state;
    Env e = env_make(false);
    /* A demo window goes in without a PIN ... */
    TuRun r = run_script(&e, "staff_demo", true);
    expect_ok(&r);
    tu_run_free(&r);
    /* ... a locked-down kiosk does not (lockdown.script in test_ui_flows too). */
    r = run_script(&e, "staff_demo", false);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "staff_demo.script:6: expect failed"));
    tu_run_free(&r);
    env_free(&e);
}

/* An event file that could not be imported is shown on the staff screen. */
static void test_import_error_shown(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *guests = tu_path(e.event, "guests.csv");
    tu_write(guests, "First,Last,Company\nAna,García,Acme\nZed,\"Broken,Acme\n", (size_t)-1);
    char *script = tu_path(e.dir, "s.script");
    tu_write(script,
             "hold 5 5 3000\ntype 2468\nkey Return\nexpect Staff\n"
             "expect Not imported: \nexpect guests.csv:3\n",
             (size_t)-1);
    TuRun r = tu_lanyard("run", "--event", e.event, "--db", e.db, "--size", "800x480", "--script",
                         script, NULL);
    expect_ok(&r);
    tu_run_free(&r);
    free(script);
    free(guests);
    env_free(&e);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_schedule),
        cmocka_unit_test(test_lock_survives_restart),
        cmocka_unit_test(test_lockout_and_restart),
        cmocka_unit_test(test_exit_kiosk),
        cmocka_unit_test(test_keyboard),
        cmocka_unit_test(test_idle),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_no_pin),
        cmocka_unit_test(test_import_error_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
