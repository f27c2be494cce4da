/* test_badge_recover.c — no badge twice after a crash, and no badge long
 * after the guest left, through a real CUPS into cups-pdf (as
 * test_badge_cups.c, with queues of its own). A job the kiosk left "sending"
 * is looked for at CUPS by its job name: found, it is followed and not sent
 * again; not found, it is sent once. A sent job whose queue was deleted fails
 * with a reason staff see, and a queue of that name made again prints
 * nothing. Without root (or CUPS) every test is skipped and says why. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "badge_testutil.h"
#include "cups_env.h"

#include "badge/badge_queue.h"
#include "core/event_config.h"
#include "core/timefmt.h"

static CupsEnv cups;
/* A second queue, deleted and made again by one test. */
static char gone[64], gonedir[128];

static int group_setup(void **state)
{
    (void)state;
    cups_env_name("rgone", gone, sizeof gone);
    snprintf(gonedir, sizeof gonedir, "/tmp/%s-pdf", gone);
    return cups_env_start(&cups, "test_badge_recover", "rtest");
}

static int group_teardown(void **state)
{
    (void)state;
    if (cups.ready) {
        TuRun r = cups_env_script("--remove", gone);
        tu_run_free(&r);
        tu_rmtree(gonedir);
    }
    cups_env_stop(&cups);
    return 0;
}

typedef struct Fixture {
    char *dir, *db;
    Store *s;
    char ana[ID_LEN + 1];
} Fixture;

/* The PDFs in dir. */
static size_t pdfs_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        n += len > 4 && !strcmp(e->d_name + len - 4, ".pdf");
    }
    closedir(d);
    return n;
}

static int setup(void **state)
{
    if (!cups.ready)
        return 0;
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = bt_make_db(f->dir, 0, false);
    char err[512];
    assert_int_equal(store_open(f->db, 0, &f->s, err, sizeof err), STORE_OK);
    bt_guest_id(f->s, BT_ANA_CODE, f->ana);
    /* Fresh queue, no PDFs. */
    TuRun r = cups_env_script(cups.queue, cups.outdir);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    tu_rmtree(cups.outdir);
    r = cups_env_script(cups.queue, cups.outdir);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    if (!f)
        return 0;
    store_close(f->s);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static BadgeQueue *start_queue(const char *db, BtWatch *w)
{
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.printer, sizeof cfg.printer, "%s", cups.queue);
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.retry_delay_ms = 20;
    opt.poll_ms = 100;
    char err[512] = "";
    BadgeQueue *q = badge_queue_create(db, &cfg, &opt, bt_watch_notify, w, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    return q;
}

/* Ana's job on printer in state st, as a kiosk that stopped at that point
 * left it. */
static PrintJob left_job(Fixture *f, const char *printer, PrintJobState st, int cups_id)
{
    PrintJob job;
    assert_int_equal(store_print_add(f->s, f->ana, printer, time_now_ms(), &job), STORE_OK);
    job.state = st;
    job.attempts = 1;
    job.cups_job_id = cups_id;
    assert_int_equal(store_print_update(f->s, &job, time_now_ms()), STORE_OK);
    return job;
}

static int count_job(const PrintJob *job, void *ud)
{
    (void)job;
    (*(int *)ud)++;
    return 0;
}

static void test_sending_found_at_cups(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    PrintJob job = left_job(f, cups.queue, PRINT_SENDING, 0);
    /* It did reach CUPS before the kiosk stopped: a job of that name. */
    char *pdf = tu_path(f->dir, "ana.pdf");
    TuRun r = tu_lanyard("badge", "--db", f->db, "--code", BT_ANA_CODE, "--out", pdf, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char name[64];
    badge_queue_job_name(&job, name, sizeof name);
    const char *lp[] = {"/usr/bin/lp", "-d", cups.queue, "-t", name, pdf, NULL};
    r = tu_run(lp, NULL);
    assert_int_equal(r.status, 0);
    const char *dash = strrchr(r.out, '-');
    assert_non_null(dash);
    int cups_id = atoi(dash + 1);
    assert_true(cups_id > 0);
    tu_run_free(&r);
    free(pdf);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w);
    BtJobWant want = {f->ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, f->s, bt_latest_is, &want, 60000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    assert_int_equal(store_print_latest(f->s, f->ana, &job), STORE_OK);
    assert_int_equal(job.cups_job_id, cups_id);
    assert_int_equal(job.attempts, 1);
    /* One badge: the one CUPS had. */
    assert_int_equal(pdfs_in(cups.outdir), 1);
}

static void test_sending_never_arrived(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    left_job(f, cups.queue, PRINT_SENDING, 0);
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w);
    BtJobWant want = {f->ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, f->s, bt_latest_is, &want, 60000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, f->ana, &job), STORE_OK);
    assert_true(job.cups_job_id > 0);
    int n = 0;
    assert_int_equal(store_print_each(f->s, false, count_job, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(pdfs_in(cups.outdir), 1);
}

static void test_deleted_queue_fails_for_good(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    /* Sent to a queue that staff deleted since. */
    TuRun r = cups_env_script("--remove", gone);
    tu_run_free(&r);
    left_job(f, gone, PRINT_SENT, 4242);
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w);
    BtJobWant want = {f->ana, PRINT_FAILED, 0};
    assert_true(bt_wait(&w, f->s, bt_latest_is, &want, 60000));
    PrinterStatus st;
    badge_queue_status(q, &st);
    assert_int_equal(st.failed, 1);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    PrintJob job;
    assert_int_equal(store_print_latest(f->s, f->ana, &job), STORE_OK);
    assert_non_null(strstr(job.error, gone));
    assert_non_null(strstr(job.error, "no printer queue named"));

    /* A queue of that name made again: the kiosk's next start has nothing
     * for it, and CUPS has no job on it. */
    r = cups_env_script(gone, gonedir);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    bt_watch_init(&w);
    q = start_queue(f->db, &w);
    int unfinished = 0;
    assert_int_equal(store_print_each(f->s, true, count_job, &unfinished), STORE_OK);
    assert_int_equal(unfinished, 0);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    const char *lpstat[] = {"/usr/bin/lpstat", "-W", "not-completed", "-o", gone, NULL};
    r = tu_run(lpstat, NULL);
    assert_string_equal(r.out, "");
    tu_run_free(&r);
    assert_int_equal(pdfs_in(gonedir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sending_found_at_cups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sending_never_arrived, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_queue_fails_for_good, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
