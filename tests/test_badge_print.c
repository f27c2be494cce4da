/* test_badge_print.c — `lanyard badge` and `lanyard print`, and the background
 * print queue with no printer configured (badges written as PNGs to badges/
 * beside the database): one job per check-in, reprints, restart resume, and
 * the guest's visit told that their badge was written, not printed. */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "testutil.h"

#include "badge_testutil.h"

#include "badge/badge_queue.h"
#include "core/event_config.h"
#include "core/timefmt.h"
#include "store/store_print.h"
#include "visit/visit.h"

typedef struct Fixture {
    char *dir;
    char *db;
    char *event; /* an event folder whose badges are DYMO 30857 labels */
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = bt_make_db(f->dir, 3, true);
    f->event = tu_path(f->dir, "event");
    mkdir(f->event, 0777);
    char *ini = tu_path(f->event, "event.ini");
    tu_write(ini, "[event]\nname = Spring Advisory Night\n[badge]\nsize = dymo-30857\n",
             (size_t)-1);
    free(ini);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->event);
    free(f);
    return 0;
}

static void test_badge_command(void **state)
{
    Fixture *f = *state;
    char *pdf = tu_path(f->dir, "ana.pdf");
    char *png = tu_path(f->dir, "ana.png");
    TuRun r = tu_lanyard("badge", "--db", f->db, "--code", BT_ANA_CODE, "--out", pdf, "--event",
                         f->event, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    const char *argv[] = {"/usr/bin/pdfinfo", pdf, NULL};
    r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    double w = 0, h = 0;
    assert_int_equal(sscanf(strstr(r.out, "Page size:"), "Page size: %lf x %lf", &w, &h), 2);
    tu_run_free(&r);
    /* DYMO 30857 is 57 x 102 mm. */
    assert_true(w / 72 * 25.4 > 56.5 && w / 72 * 25.4 < 57.5);
    assert_true(h / 72 * 25.4 > 101.5 && h / 72 * 25.4 < 102.5);
    char *text = bt_zbar_pdf(pdf, f->dir);
    assert_non_null(text);
    assert_string_equal(text, BT_ANA_URL);
    free(text);

    /* By guest id, to PNG, default event settings; nothing picked: the catalogue. */
    Store *s;
    char err[512], id[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, "G01", id);
    store_close(s);
    r = tu_lanyard("badge", "--db", f->db, "--guest", id, "--out", png, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    text = bt_zbar(png);
    assert_non_null(text);
    assert_string_equal(text, BT_CATALOG_URL);
    free(text);

    /* Errors: usage 2, failures 1, each with a message. */
    r = tu_lanyard("badge", "--db", f->db, "--code", "nobody", "--out", png, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "nobody"));
    tu_run_free(&r);
    r = tu_lanyard("badge", "--db", f->db, "--code", "G00", "--out", "x.txt", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, ".png"));
    tu_run_free(&r);
    r = tu_lanyard("badge", "--db", f->db, "--code", "G00", "--guest", id, "--out", png, NULL);
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
    r = tu_lanyard("badge", "--db", f->db, "--code", "G00", NULL);
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
    char *missing = tu_path(f->dir, "no/such/folder/x.png");
    r = tu_lanyard("badge", "--db", f->db, "--code", "G00", "--out", missing, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no/such/folder"));
    tu_run_free(&r);
    r = tu_lanyard("badge", "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--out"));
    tu_run_free(&r);
    r = tu_lanyard("print", "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--printer"));
    tu_run_free(&r);
    free(missing);
    free(pdf);
    free(png);
}

static void test_print_command_without_printer(void **state)
{
    Fixture *f = *state;
    TuRun r = tu_lanyard("print", "--db", f->db, "--code", BT_ANA_CODE, NULL);
    assert_int_equal(r.status, 0);
    size_t n = strlen(r.out);
    assert_true(n > 5);
    r.out[n - 1] = '\0';
    /* badges/ beside the database, named after the registration code. */
    assert_non_null(strstr(r.out, "/badges/A_B____1-"));
    char *text = bt_zbar(r.out);
    assert_non_null(text);
    assert_string_equal(text, BT_ANA_URL);
    free(text);
    tu_run_free(&r);

    r = tu_lanyard("print", "--db", f->db, "--code", "nobody", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "nobody"));
    tu_run_free(&r);
    r = tu_lanyard("print", "--code", "G00", NULL);
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
}

static int count_job(const PrintJob *job, void *ud)
{
    (void)job;
    (*(int *)ud)++;
    return 0;
}

static int jobs_of(Store *s, const char *guest_id)
{
    (void)guest_id;
    int n = 0;
    assert_int_equal(store_print_each(s, false, count_job, &n), STORE_OK);
    return n;
}

static BadgeQueue *start_queue(const char *db, const char *printer, bool resume, BtWatch *w)
{
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.printer, sizeof cfg.printer, "%s", printer);
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.resume = resume;
    opt.retry_delay_ms = 20;
    char err[512] = "";
    BadgeQueue *q = badge_queue_create(db, &cfg, &opt, bt_watch_notify, w, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    return q;
}

static void test_queue_writes_pngs(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1], g0[ID_LEN + 1], g1[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    bt_guest_id(s, "G00", g0);
    bt_guest_id(s, "G01", g1);
    assert_int_equal(bt_badge_printed(s, ana), 0);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, "", true, &w);
    PrinterStatus st;
    badge_queue_status(q, &st);
    assert_string_equal(st.printer, "");

    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    BtJobWant want = {ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.attempts, 1);
    assert_string_equal(job.error, "");
    assert_non_null(strstr(job.output, "/badges/"));
    char *text = bt_zbar(job.output);
    assert_non_null(text);
    assert_string_equal(text, BT_ANA_URL);
    free(text);
    /* Written as a file (no printer): saved for staff, not printed. */
    assert_int_equal(bt_badge_printed(s, ana), 0);

    /* A second check-in of the same guest, or a double tap, prints once. Requests
     * are taken in order, so once G00's badge is done Ana's repeat was seen. */
    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    assert_int_equal(badge_queue_enqueue(q, g0), 0);
    want.guest_id = g0;
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    assert_int_equal(jobs_of(s, NULL), 2);
    /* Badges are private: the folder 0700, the file 0600. */
    struct stat sb;
    assert_int_equal(stat(job.output, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *dir = strdup(job.output);
    *strrchr(dir, '/') = '\0';
    assert_int_equal(stat(dir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    free(dir);
    /* A reprint is a new job and a new file, which replaces the old one. */
    assert_int_equal(badge_queue_reprint(q, ana), 0);
    want.guest_id = ana;
    want.after_id = job.id;
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    PrintJob again;
    assert_int_equal(store_print_latest(s, ana, &again), STORE_OK);
    assert_true(again.id > job.id);
    assert_string_not_equal(again.output, job.output);
    assert_int_equal(stat(again.output, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(stat(job.output, &sb), -1);
    assert_int_equal(jobs_of(s, NULL), 3);

    /* An unknown guest fails visibly, after its retries. */
    assert_int_equal(badge_queue_enqueue(q, "0123456789abcdef0123456789abcdef"), 0);
    want.guest_id = "0123456789abcdef0123456789abcdef";
    want.state = PRINT_FAILED;
    want.after_id = 0;
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    assert_int_equal(store_print_latest(s, want.guest_id, &job), STORE_OK);
    assert_int_equal(job.attempts, 3);
    assert_non_null(strstr(job.error, "no such guest"));
    badge_queue_status(q, &st);
    assert_int_equal(st.failed, 1);

    /* A badge written as a file does not mark the check-in as printed. */
    assert_int_equal(badge_queue_enqueue(q, g1), 0);
    want.guest_id = g1;
    want.state = PRINT_DONE;
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    assert_int_equal(bt_badge_printed(s, g1), 0);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    store_close(s);
}

static void test_restart_resumes(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1], g2[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    bt_guest_id(s, "G02", g2);
    /* As left by a kiosk that stopped after recording the job. */
    PrintJob left;
    assert_int_equal(store_print_add(s, ana, "", time_now_ms(), &left), STORE_OK);

    /* `lanyard print` leaves other programs' jobs alone... */
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, "", false, &w);
    assert_int_equal(badge_queue_reprint(q, g2), 0);
    BtJobWant want = {g2, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    PrintJob job;
    assert_int_equal(store_print_get(s, left.id, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_QUEUED);
    badge_queue_destroy(q);

    /* ...and the kiosk's queue, started again, prints it. */
    q = start_queue(f->db, "", true, &w);
    want.guest_id = ana;
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.id, left.id);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    store_close(s);
}

/* Waits up to seconds for the worker's first notification; false on time-out. */
static bool first_change(BtWatch *w, int seconds)
{
    pthread_mutex_lock(&w->mu);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += seconds;
    int rc = 0;
    while (w->changes == 0 && rc == 0)
        rc = pthread_cond_timedwait(&w->cv, &w->mu, &deadline);
    pthread_mutex_unlock(&w->mu);
    return rc == 0;
}

static void test_unopenable_database(void **state)
{
    Fixture *f = *state;
    BtWatch w;
    bt_watch_init(&w);
    char *bad = tu_path(f->dir, "not-a-db.db");
    tu_write(bad, "this is not a database, it is a spreadsheet\n", (size_t)-1);
    BadgeQueue *q = start_queue(bad, "", true, &w);
    assert_int_equal(badge_queue_enqueue(q, "0123456789abcdef0123456789abcdef"), 0);
    /* The worker reports the failure to the screen, and the status says why. */
    assert_true(first_change(&w, 20));
    PrinterStatus st;
    badge_queue_status(q, &st);
    assert_false(st.ok);
    assert_non_null(strstr(st.message, "not-a-db.db"));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    free(bad);
}

/* A job that cannot even be recorded (the disk is full, here a trigger that
 * refuses the row) still ends: the screen hears that the badge failed, the
 * status says why, and `lanyard print` says so and exits 1 instead of waiting
 * for ever. */
static void test_job_not_recorded(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    store_close(s);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TRIGGER refuse_jobs BEFORE INSERT ON print_jobs "
                                  "BEGIN SELECT RAISE(ABORT, 'no room for the job'); END",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, "", true, &w);
    assert_int_equal(badge_queue_reprint(q, ana), 0);
    assert_true(first_change(&w, 20));
    PrinterStatus st;
    badge_queue_status(q, &st);
    assert_false(st.ok);
    assert_non_null(strstr(st.message, "no room for the job"));
    assert_int_equal(st.failed, 1);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);

    TuRun r = tu_lanyard("print", "--db", f->db, "--code", BT_ANA_CODE, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no room for the job"));
    tu_run_free(&r);
}

/* The print worker opens the database in the kiosk's process; check-ins made
 * meanwhile by other processes (here `lanyard checkin`) must all stay. */
static void test_checkins_survive_worker_connection(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    /* Twenty more guests, imported as staff would. */
    char *csv = tu_path(f->dir, "more.csv");
    char text[1024] = "Code,First Name,Last Name\n";
    for (int i = 0; i < 20; i++) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "X%02d,Extra%02d,Guest\n", i, i);
    }
    tu_write(csv, text, (size_t)-1);
    TuRun imp = tu_lanyard("import", "guests", csv, "--db", f->db, NULL);
    assert_int_equal(imp.status, 0);
    tu_run_free(&imp);
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, "", true, &w);
    char ids[20][ID_LEN + 1];
    for (int i = 0; i < 20; i++) {
        char code[8];
        snprintf(code, sizeof code, "X%02d", i);
        TuRun r = tu_lanyard("checkin", "--db", f->db, "--code", code, NULL);
        if (r.status != 0)
            fail_msg("lanyard checkin %s: %s", code, r.err);
        tu_run_free(&r);
        bt_guest_id(s, code, ids[i]);
        assert_int_equal(badge_queue_enqueue(q, ids[i]), 0);
    }
    BtJobWant want = {ids[19], PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 20000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    for (int i = 0; i < 20; i++) {
        PrintJob job;
        assert_int_equal(store_print_latest(s, ids[i], &job), STORE_OK);
        assert_int_equal(job.state, PRINT_DONE);
        assert_int_equal(bt_badge_printed(s, ids[i]), 0); /* a file: not printed */
    }
    store_close(s);
    /* And a fresh process sees them all: Ana, G00-G02 and the 20. */
    TuRun r = tu_lanyard("stats", "--db", f->db, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "checked in:     24 of"));
    tu_run_free(&r);
    free(csv);
}

/* A guest checked in again on the kiosk (after staff undid the check-in) gets
 * no second badge; the Done screen says the one printed is ready instead of
 * "printing" for as long as it is shown, and the new check-in counts it. */
static void test_kiosk_checkin_again_prints_once(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512], id[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, "G00", id);
    assert_int_equal(store_checkin_undo(s, id, "test", time_now_ms()), STORE_OK);
    char *script = tu_path(f->dir, "checkin.script");
    tu_write(script,
             "press Check in\n"
             "type guest00\n"
             "press Guest00 T. — Example Co\n"
             "press Yes, check me in\n"
             "press Continue\n"
             "expect Welcome, Guest00!\n"
             "expect Your badge was saved for staff to print\n"
             "expect-not Printing\n",
             (size_t)-1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            assert_int_equal(store_checkin_undo(s, id, "test", time_now_ms()), STORE_OK);
        TuRun r = tu_lanyard("run", "--event", f->event, "--db", f->db, "--script", script, NULL);
        if (r.status != 0)
            fail_msg("lanyard run, check-in %d: status %d: %s", round + 1, r.status, r.err);
        tu_run_free(&r);
        PrintJob job;
        assert_int_equal(store_print_latest(s, id, &job), STORE_OK);
        assert_int_equal(job.state, PRINT_DONE);
        assert_int_equal(jobs_of(s, id), 1);
        assert_int_equal(bt_badge_printed(s, id), 0); /* a file for staff, not printed */
    }
    free(script);
    store_close(s);
}

/* The jobs the print worker reports, kept for the test's thread to hand to the
 * visit as the kiosk's event loop does (app_ports.c). */
typedef struct Inbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    PrintJob jobs[32];
    size_t n;
} Inbox;

static void inbox_notify(void *ud, const PrintJob *job)
{
    Inbox *in = ud;
    pthread_mutex_lock(&in->mu);
    if (in->n < sizeof in->jobs / sizeof in->jobs[0])
        in->jobs[in->n++] = *job;
    pthread_cond_broadcast(&in->cv);
    pthread_mutex_unlock(&in->mu);
}

/* Hands each reported job to the visit, where first and then its state, until
 * one of guest_id's is in state; false after 20 s without. */
static bool inbox_deliver_until(Inbox *in, Visit *v, const char *guest_id, PrintJobState state)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 20;
    size_t done = 0;
    bool found = false;
    pthread_mutex_lock(&in->mu);
    while (!found) {
        while (done < in->n) {
            PrintJob job = in->jobs[done++];
            visit_badge_update(v, &job);
            found = found || (!strcmp(job.guest_id, guest_id) && job.state == state);
        }
        if (!found && pthread_cond_timedwait(&in->cv, &in->mu, &deadline) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&in->mu);
    return found;
}

static int queue_print(void *ud, const char *guest_id)
{
    return badge_queue_enqueue(ud, guest_id);
}

/* With no printer set, the guest's badge is a PNG for staff to print: the
 * queue's notification says where it went, and the guest's visit learns that
 * it was written to that file (so Done can say where, not "ready"). */
static void test_visit_learns_badge_was_written(void **state)
{
    Fixture *f = *state;
    Store *s;
    char err[512], id[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, "G00", id);
    assert_int_equal(store_checkin_undo(s, id, "test", time_now_ms()), STORE_OK);
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.kiosk_id, sizeof cfg.kiosk_id, "door-1");
    Inbox in = {.n = 0};
    assert_int_equal(pthread_mutex_init(&in.mu, NULL), 0);
    assert_int_equal(pthread_cond_init(&in.cv, NULL), 0);
    BadgeQueue *q = badge_queue_create(f->db, &cfg, NULL, inbox_notify, &in, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    VisitEnv env = {.store = s, .cfg = &cfg, .printer = {.print = queue_print, .ud = q}};
    Visit *v = visit_create(&env, err, sizeof err);
    if (!v)
        fail_msg("visit_create: %s", err);

    assert_int_equal(visit_check_in_code(v, "G00"), VISIT_CHECKED_IN);
    bool *picked = calloc(visit_programs(v)->count + 1, sizeof *picked);
    bool *kinds = calloc(PARTNERSHIP_KIND_COUNT, sizeof *kinds);
    assert_true(picked && kinds);
    assert_int_equal(visit_save_interests(v, picked, kinds, false), 0);
    free(picked);
    free(kinds);
    VisitBadge b;
    assert_true(visit_badge(v, &b));
    assert_int_equal(b.state, PRINT_QUEUED);
    assert_true(b.to_file);

    assert_true(inbox_deliver_until(&in, v, id, PRINT_DONE));
    assert_true(visit_badge(v, &b));
    assert_int_equal(b.state, PRINT_DONE);
    assert_true(b.to_file);
    assert_string_equal(b.printer, "");
    PrintJob job;
    assert_int_equal(store_print_latest(s, id, &job), STORE_OK);
    assert_string_equal(b.file, job.output);
    assert_non_null(strstr(b.file, "/badges/G00-"));
    char *text = bt_zbar(b.file);
    assert_non_null(text);
    assert_string_equal(text, "https://cte.example.org/programs?guest=G00");
    free(text);

    visit_destroy(v);
    badge_queue_destroy(q);
    pthread_cond_destroy(&in.cv);
    pthread_mutex_destroy(&in.mu);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_badge_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_command_without_printer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_writes_pngs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart_resumes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unopenable_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_job_not_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkins_survive_worker_connection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_checkin_again_prints_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_visit_learns_badge_was_written, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
