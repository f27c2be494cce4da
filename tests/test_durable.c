/* test_durable.c — a check-in reported as done survives the process being
 * killed right after.
 *
 * A child process checks guests in one after another and reports each
 * attendance id on a pipe as soon as store_checkin returns. The parent reads a
 * few reports and kills the child with SIGKILL while it is in the middle of the
 * next check-ins (no store_close, no checkpoint, no atexit), then reopens the
 * database and expects every reported check-in to be there. */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ids.h"
#include "store/store.h"

#define T0 INT64_C(1787245200000)
#define GUESTS 200
#define REPORTS 25

static void make_event(const char *db)
{
    Store *s = NULL;
    char err[512];
    if (store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    GuestList l;
    guest_list_init(&l);
    for (int i = 0; i < GUESTS; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        char code[16], first[16];
        snprintf(code, sizeof code, "D%04d", i);
        snprintf(first, sizeof first, "Guest%d", i);
        assert_int_equal(guest_set(&g->code, code), 0);
        assert_int_equal(guest_set(&g->first, first), 0);
        assert_int_equal(guest_set(&g->last, "Durable"), 0);
        id_derived("guest-code", code, g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
    store_close(s);
}

/* The child: no cmocka here (its failures would unwind into the parent's
 * copy of the test runner); any failure is an exit status. */
static void child_checkins(const char *db, int out)
{
    Store *s = NULL;
    char err[512];
    if (store_open(db, 0, &s, err, sizeof err) != STORE_OK)
        _exit(3);
    for (int i = 0; i < GUESTS; i++) {
        char code[16];
        snprintf(code, sizeof code, "D%04d", i);
        Guest g;
        guest_init(&g);
        CheckinResult r;
        if (store_guest_by_code(s, code, &g) != STORE_OK ||
            store_checkin(s, g.id, "door-1", T0 + i, &r) != STORE_OK)
            _exit(4);
        guest_clear(&g);
        char line[ID_LEN + 2];
        snprintf(line, sizeof line, "%s\n", r.attendance_id);
        if (write(out, line, ID_LEN + 1) != ID_LEN + 1)
            _exit(5);
    }
    /* Ran out of guests before being killed: wait for the signal. */
    for (;;)
        pause();
}

static void test_checkin_survives_kill(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    make_event(db);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_checkins(db, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    assert_non_null(in);
    char reported[REPORTS][ID_LEN + 2];
    for (int i = 0; i < REPORTS; i++) {
        if (!fgets(reported[i], sizeof reported[i], in))
            fail_msg("the child stopped after %d check-ins", i);
        reported[i][ID_LEN] = '\0';
    }
    /* Killed right after reading "checked in": the child is mid-way through
     * further check-ins, with the database open and the WAL not checkpointed. */
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
    fclose(in);

    Store *s = NULL;
    char err[512];
    if (store_open(db, 0, &s, err, sizeof err) != STORE_OK)
        fail_msg("reopening after the kill: %s", err);
    for (int i = 0; i < REPORTS; i++) {
        char code[16];
        snprintf(code, sizeof code, "D%04d", i);
        Guest g;
        guest_init(&g);
        assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
        CheckinResult r;
        assert_int_equal(store_checkin(s, g.id, "door-2", T0 + 999999, &r), STORE_OK);
        /* Already there, with the id the child reported. */
        assert_true(r.already);
        assert_string_equal(r.attendance_id, reported[i]);
        assert_int_equal(r.checked_in_at, T0 + i);
        guest_clear(&g);
    }
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_true(st.checked_in >= REPORTS);
    store_close(s);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

int main(void)
{
    assert_int_equal(ids_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkin_survives_kill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
