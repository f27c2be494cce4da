/* test_badge_hang.c — a print server that accepts connections and never
 * answers (a listening socket nobody accepts on) holds nothing: the staff's
 * test badge is handed to the print worker and the caller has its answer
 * within a frame, the try ends with "did not answer" (not "no printer queue"),
 * a guest's badge fails visibly after its tries, and stopping the queue while
 * the worker waits on that server returns within two seconds with the job
 * left queued and the database closed; stopping staff's printer look while
 * it waits on that server returns within two seconds too. No cupsd needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "badge_testutil.h"

#include "badge/badge_queue.h"
#include "badge/cups_admin.h"
#include "core/event_config.h"
#include "core/timefmt.h"

/* SPEC §9: tap to frame. */
#define FRAME_MS 16

typedef struct Fixture {
    char *dir;
    char *db;
    int listener;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = bt_make_db(f->dir, 1, false);
    f->listener = bt_hung_server();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    unsetenv("CUPS_SERVER");
    close(f->listener);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* How long fn(q) takes, the median of 9 calls: a call that waited on the
 * server would take its timeout every time, while a busy machine (the
 * sanitizer build, other tests) only delays a few. */
static int64_t median_ms(BadgeQueue *q, const char *guest_id, int (*fn)(BadgeQueue *, const char *))
{
    int64_t t[9];
    for (int i = 0; i < 9; i++) {
        int64_t t0 = time_monotonic_ms();
        assert_int_equal(fn(q, guest_id), 0);
        t[i] = time_monotonic_ms() - t0;
    }
    for (int i = 1; i < 9; i++)
        for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
            int64_t x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return t[4];
}

/* The ticket of the last test badge ask_test_badge asked for. */
static unsigned last_ticket;

static int ask_test_badge(BadgeQueue *q, const char *unused)
{
    (void)unused;
    if (!(last_ticket = badge_queue_test_badge(q, time_now_ms())))
        return -1;
    TestBadge out;
    return badge_queue_test_result(q, last_ticket, &out, 0) == 1 ? 0 : -1; /* on its way */
}

static BadgeQueue *start_queue(const char *db, int timeout_ms, BtWatch *w)
{
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.printer, sizeof cfg.printer, "lanyard-hung");
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.retry_delay_ms = 20;
    opt.cups_timeout_ms = timeout_ms;
    char err[512] = "";
    BadgeQueue *q = badge_queue_create(db, &cfg, &opt, bt_watch_notify, w, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    return q;
}

static void test_test_badge_does_not_wait(void **state)
{
    Fixture *f = *state;
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, 500, &w);

    int64_t took = median_ms(q, NULL, ask_test_badge);
    if (took > FRAME_MS)
        fail_msg("asking for a test badge took %lld ms", (long long)took);
    TestBadge out;

    /* The worker gives up on the silent server and says so. */
    assert_int_equal(badge_queue_test_result(q, last_ticket, &out, 20000), -1);
    assert_non_null(strstr(out.error, "did not answer"));
    assert_null(strstr(out.error, "no printer queue"));

    /* A guest's badge: each try ends the same way, then the job fails for
     * staff to see, and the printer status says why. */
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    took = median_ms(q, ana, badge_queue_enqueue);
    if (took > FRAME_MS)
        fail_msg("queueing a badge took %lld ms", (long long)took);
    BtJobWant want = {ana, PRINT_FAILED, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 30000));
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.attempts, 3);
    assert_non_null(strstr(job.error, "did not answer"));
    PrinterStatus st;
    badge_queue_status(q, &st);
    assert_false(st.ok);
    assert_non_null(strstr(st.message, "did not answer"));
    store_close(s);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
}

static void test_quit_does_not_wait(void **state)
{
    Fixture *f = *state;
    BtWatch w;
    bt_watch_init(&w);
    /* A server given a minute to answer. */
    BadgeQueue *q = start_queue(f->db, 60000, &w);
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    store_close(s);
    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    unsigned ticket = badge_queue_test_badge(q, time_now_ms());
    assert_true(ticket > 0);
    TestBadge out;
    /* Still waiting on the server after a while: the worker is stuck in it. */
    assert_int_equal(badge_queue_test_result(q, ticket, &out, 300), 1);

    int64_t t0 = time_monotonic_ms();
    badge_queue_destroy(q);
    int64_t took = time_monotonic_ms() - t0;
    bt_watch_destroy(&w);
    if (took > 2000)
        fail_msg("stopping the queue took %lld ms", (long long)took);

    /* The database was closed (the last connection takes its -wal away) and
     * the badge waits, queued, for the next start. */
    char *wal = tu_path(f->dir, "event.db-wal");
    assert_int_not_equal(access(wal, F_OK), 0);
    free(wal);
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_QUEUED);
    assert_string_equal(job.error, "");
    store_close(s);
}

/* A queue for an event that prints to PNG files, giving up on the print
 * server after 300 ms. */
static BadgeQueue *png_queue(Fixture *f)
{
    EventConfig cfg;
    config_defaults(&cfg);
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.cups_timeout_ms = 300;
    char err[512] = "";
    BadgeQueue *q = badge_queue_create(f->db, &cfg, &opt, NULL, NULL, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    return q;
}

/* Staff's Printer set-up tries a queue that is not the event's yet: the same
 * worker, the queue named. */
static void test_test_badge_on_another_queue(void **state)
{
    Fixture *f = *state;
    BadgeQueue *q = png_queue(f);
    unsigned ticket = badge_queue_test_badge_on(q, "lanyard-chosen", time_now_ms());
    assert_true(ticket > 0);
    TestBadge out;
    assert_int_equal(badge_queue_test_result(q, ticket, &out, 20000), -1);
    assert_non_null(strstr(out.error, "lanyard-chosen"));
    assert_non_null(strstr(out.error, "did not answer"));
    badge_queue_destroy(q);
}

/* Two test badges asked one after the other (staff home's on a printer that
 * does not answer, then the Printer screen's as a PNG): each screen is told
 * about its own, the first that a newer one was asked for. */
static void test_last_test_badge_is_the_one_told(void **state)
{
    Fixture *f = *state;
    BadgeQueue *q = png_queue(f);
    unsigned first = badge_queue_test_badge_on(q, "lanyard-first", time_now_ms());
    unsigned second = badge_queue_test_badge_on(q, "", time_now_ms());
    assert_true(first > 0 && second > 0 && first != second);
    TestBadge out;
    int rc = badge_queue_test_result(q, second, &out, 20000);
    if (rc != 0)
        fail_msg("the second test badge should be told (%d): %s", rc, out.error);
    assert_string_equal(out.printer, "");
    assert_true(out.path[0] != '\0');
    memset(&out, 0, sizeof out);
    assert_int_equal(badge_queue_test_result(q, first, &out, 0), -1);
    assert_non_null(strstr(out.error, "newer test badge"));
    assert_string_equal(out.path, "");
    badge_queue_destroy(q);
}

/* Staff's Printer screen looks for printers on a server that never answers;
 * the kiosk closing meanwhile waits at most CUPS_ADMIN_STOP_WAIT_MS. */
static void test_printer_look_quit_does_not_wait(void **state)
{
    (void)state;
    char err[256];
    CupsAdmin *a = cups_admin_create(err, sizeof err);
    assert_non_null(a);
    cups_admin_scan(a);
    /* Still waiting on the server after a while: the worker is stuck in it. */
    assert_false(cups_admin_wait(a, 300));
    int64_t t0 = time_monotonic_ms();
    cups_admin_destroy(a);
    int64_t took = time_monotonic_ms() - t0;
    printf("closing the printer look with the server hung took %lld ms\n", (long long)took);
    if (took > 2000)
        fail_msg("stopping the printer look took %lld ms", (long long)took);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_test_badge_does_not_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit_does_not_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_test_badge_on_another_queue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_last_test_badge_is_the_one_told, setup, teardown),
        cmocka_unit_test_setup_teardown(test_printer_look_quit_does_not_wait, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
