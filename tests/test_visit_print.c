/* test_visit_print.c — a guest's badge exists from the moment of check-in:
 * the check-in's transaction records it held; leaving Interests releases it
 * to the real print queue (no printer: a PNG), which reads the interests at
 * print time; a kiosk that stops while the guest is on Interests leaves the
 * held job, and the next start prints it, once; "Not you?" takes it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "badge_testutil.h"

#include "badge/badge_queue.h"
#include "core/event_config.h"
#include "core/link.h"
#include "store/store_print.h"
#include "visit/visit.h"

typedef struct Fixture {
    char *dir, *db;
    Store *s;
    EventConfig cfg;
    BtWatch w;
    BadgeQueue *q;
    Visit *v;
} Fixture;

static int port_print(void *ud, const char *guest_id)
{
    return badge_queue_enqueue(((Fixture *)ud)->q, guest_id);
}

static int port_reprint(void *ud, const char *guest_id)
{
    return badge_queue_reprint(((Fixture *)ud)->q, guest_id);
}

static void start_queue(Fixture *f)
{
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.retry_delay_ms = 20;
    char err[512] = "";
    f->q = badge_queue_create(f->db, &f->cfg, &opt, bt_watch_notify, &f->w, err, sizeof err);
    if (!f->q)
        fail_msg("badge_queue_create: %s", err);
}

static void start_visit(Fixture *f)
{
    VisitEnv env = {.store = f->s, .cfg = &f->cfg};
    env.printer.print = port_print;
    env.printer.reprint = port_reprint;
    env.printer.ud = f;
    char err[512];
    f->v = visit_create(&env, err, sizeof err);
    if (!f->v)
        fail_msg("visit_create: %s", err);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = bt_make_db(f->dir, 3, false);
    config_defaults(&f->cfg); /* no printer: badges are PNGs */
    char err[512];
    assert_int_equal(store_open(f->db, 0, &f->s, err, sizeof err), STORE_OK);
    bt_watch_init(&f->w);
    start_queue(f);
    start_visit(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    visit_destroy(f->v);
    badge_queue_destroy(f->q);
    bt_watch_destroy(&f->w);
    store_close(f->s);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static int count_job(const PrintJob *job, void *ud)
{
    (void)job;
    (*(int *)ud)++;
    return 0;
}

static int jobs(Store *s)
{
    int n = 0;
    assert_int_equal(store_print_each(s, false, count_job, &n), STORE_OK);
    return n;
}

static void test_crash_on_interests_prints_on_restart(void **state)
{
    Fixture *f = *state;
    char g0[ID_LEN + 1];
    bt_guest_id(f->s, "G00", g0);
    int before = jobs(f->s);
    assert_int_equal(visit_check_in(f->v, g0), VISIT_CHECKED_IN);
    /* On disk with the check-in, held while the guest picks interests. */
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, g0, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);

    /* The kiosk goes away with the guest on Interests: no visit_end. */
    visit_destroy(f->v);
    f->v = NULL;
    badge_queue_destroy(f->q);
    store_close(f->s);
    char err[512];
    assert_int_equal(store_open(f->db, 0, &f->s, err, sizeof err), STORE_OK);
    assert_int_equal(store_print_latest(f->s, g0, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);

    /* The next start prints it, once. */
    start_queue(f);
    start_visit(f);
    BtJobWant want = {g0, PRINT_DONE, 0};
    assert_true(bt_wait(&f->w, f->s, bt_latest_is, &want, 20000));
    assert_int_equal(jobs(f->s), before + 1);
    assert_int_equal(store_print_latest(f->s, g0, &job), STORE_OK);
    struct stat sb;
    assert_int_equal(stat(job.output, &sb), 0);
    assert_int_equal(bt_badge_printed(f->s, g0), 0); /* a file for staff: not printed */
}

/* A walk-in added gets their badge recorded with the walk-in and the
 * check-in, in one transaction: a crash on Interests loses it no more than a
 * registered guest's. */
static void test_walk_in_badge_held(void **state)
{
    Fixture *f = *state;
    int before = jobs(f->s);
    VisitWalkin w;
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Marisol";
    w.field[VISIT_LAST] = "Quintero";
    w.field[VISIT_COMPANY] = "Quintero Tools";
    w.consent = true;
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_CHECKED_IN);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, id, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);
    assert_int_equal(jobs(f->s), before + 1);
}

static void test_interests_then_badge(void **state)
{
    Fixture *f = *state;
    char g1[ID_LEN + 1];
    bt_guest_id(f->s, "G01", g1);
    int before = jobs(f->s);
    assert_int_equal(visit_check_in(f->v, g1), VISIT_CHECKED_IN);
    /* Held: the queue does not print it while the guest is on Interests. */
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, g1, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);
    int64_t held = job.id;

    const ProgramList *pl = visit_programs(f->v);
    bool picked[8] = {false}, kinds[8] = {false};
    size_t weld = pl->count;
    for (size_t i = 0; i < pl->count; i++)
        if (!strcmp(pl->items[i].code, "WELD"))
            weld = i;
    assert_true(weld < pl->count);
    picked[weld] = true;
    assert_int_equal(visit_save_interests(f->v, picked, kinds, false), 0);
    BtJobWant want = {g1, PRINT_DONE, 0};
    assert_true(bt_wait(&f->w, f->s, bt_latest_is, &want, 20000));
    visit_end(f->v);

    /* The held job is the one printed, and its QR has the programs saved. */
    assert_int_equal(store_print_latest(f->s, g1, &job), STORE_OK);
    assert_int_equal(job.id, held);
    assert_int_equal(jobs(f->s), before + 1);
    const char *programs[] = {"WELD"};
    char *url = link_build(f->cfg.qr_url, f->cfg.catalog_url, "G01", programs, 1);
    char *text = bt_zbar(job.output);
    assert_non_null(text);
    assert_string_equal(text, url);
    free(text);
    free(url);
}

static void test_not_me_takes_the_badge_back(void **state)
{
    Fixture *f = *state;
    char g2[ID_LEN + 1];
    bt_guest_id(f->s, "G02", g2);
    assert_int_equal(visit_check_in(f->v, g2), VISIT_CHECKED_IN);
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, g2, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);
    assert_int_equal(visit_not_me(f->v), 0);
    assert_int_equal(store_print_latest(f->s, g2, &job), STORE_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crash_on_interests_prints_on_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_badge_held, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_then_badge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_me_takes_the_badge_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
