/* test_badge_cups.c — badges printed through a real CUPS into cups-pdf.
 *
 * A queue of its own into cups-pdf (cups_env.h); without root (or CUPS)
 * every test is skipped and says why. Checks: the printed PDF is the label and its QR opens the
 * guest's link; a stopped queue holds the badge (not failed, not sent) until cupsenable, then it
 * prints once; 30 quick check-ins give 30 PDFs, none twice. End to end, a guest checked in on the
 * kiosk by script (`lanyard run --script`, no display) gets a PDF whose QR opens her programs, and
 * with the printer stopped the Done screen asks her to see staff while her check-in stands and
 * her badge waits for the printer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "badge_testutil.h"
#include "cups_env.h"

#include "badge/badge_queue.h"
#include "core/event_config.h"
#include "core/timefmt.h"

static CupsEnv cups;

static int group_setup(void **state)
{
    (void)state;
    return cups_env_start(&cups, "test_badge_cups", "test");
}

static int group_teardown(void **state)
{
    (void)state;
    cups_env_stop(&cups);
    return 0;
}

typedef struct Fixture {
    char *dir;
    char *db;
} Fixture;

static void empty_outdir(void)
{
    DIR *d = opendir(cups.outdir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = tu_path(cups.outdir, e->d_name);
        assert_int_equal(unlink(p), 0);
        free(p);
    }
    closedir(d);
}

static int setup_n(void **state, int n)
{
    if (!cups.ready)
        return 0;
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = bt_make_db(f->dir, n, false);
    empty_outdir();
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_n(state, 0);
}

static int setup30(void **state)
{
    return setup_n(state, 30);
}

static int teardown(void **state)
{
    Fixture *f = *state;
    if (!f)
        return 0;
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* The PDFs cups-pdf wrote (names malloc'd, *n of them). */
static char **pdfs(size_t *n)
{
    char **names = NULL;
    *n = 0;
    DIR *d = opendir(cups.outdir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".pdf"))
            continue;
        names = realloc(names, (*n + 1) * sizeof *names);
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    return names;
}

static void pdfs_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The cups-pdf file of a CUPS job ("...-job_ID.pdf"), malloc'd path, or NULL. */
static char *pdf_of_job(int cups_job_id)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, "-job_%d.pdf", cups_job_id);
    size_t n;
    char **names = pdfs(&n);
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]), sl = strlen(suffix);
        if (len > sl && !strcmp(names[i] + len - sl, suffix))
            found = tu_path(cups.outdir, names[i]);
    }
    pdfs_free(names, n);
    return found;
}

/* A queue on the test printer; give_up_ms its stopped_give_up_ms (0: the
 * default). */
static BadgeQueue *start_queue_giving_up(const char *db, BtWatch *w, bool resume, int give_up_ms)
{
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.printer, sizeof cfg.printer, "%s", cups.queue);
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.resume = resume;
    if (give_up_ms)
        opt.stopped_give_up_ms = give_up_ms;
    opt.retry_delay_ms = 20;
    opt.poll_ms = 100;
    char err[512] = "";
    BadgeQueue *q = badge_queue_create(db, &cfg, &opt, bt_watch_notify, w, err, sizeof err);
    if (!q)
        fail_msg("badge_queue_create: %s", err);
    return q;
}

static BadgeQueue *start_queue(const char *db, BtWatch *w, bool resume)
{
    return start_queue_giving_up(db, w, resume, 0);
}

static void cups_tool(const char *tool)
{
    const char *argv[] = {tool, cups.queue, NULL};
    TuRun r = tu_run(argv, NULL);
    if (r.status != 0)
        fail_msg("%s %s: %s", tool, cups.queue, r.err);
    tu_run_free(&r);
}

static void test_print_command_and_follow(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    TuRun r =
        tu_lanyard("print", "--db", f->db, "--code", BT_ANA_CODE, "--printer", cups.queue, NULL);
    if (r.status != 0)
        fail_msg("lanyard print: %s", r.err);
    int cups_id = atoi(r.out);
    assert_true(cups_id > 0);
    tu_run_free(&r);

    /* The kiosk's queue, started next, follows the job to the end. */
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w, true);
    BtJobWant want = {ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 60000));
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.cups_job_id, cups_id);
    assert_string_equal(job.printer, cups.queue);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);

    char *pdf = pdf_of_job(cups_id);
    assert_non_null(pdf);
    /* The printed page is the 4x3 in label, and its QR opens Ana's programs. */
    const char *argv[] = {"/usr/bin/pdfinfo", pdf, NULL};
    r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    double pw = 0, ph = 0;
    assert_int_equal(sscanf(strstr(r.out, "Page size:"), "Page size: %lf x %lf", &pw, &ph), 2);
    /* The PDF's title is the job's number, not the guest. */
    const char *title = strstr(r.out, "Title:");
    assert_non_null(title);
    char line[256] = "";
    assert_int_equal(sscanf(title, "Title: %255[^\n]", line), 1);
    if (!strstr(line, "Lanyard badge "))
        fail_msg("the PDF's title is '%s'", line);
    assert_null(strstr(r.out, "Ana"));
    assert_null(strstr(r.out, "Garc"));
    tu_run_free(&r);
    assert_true(pw / 72 * 25.4 > 101.1 && pw / 72 * 25.4 < 102.1);
    assert_true(ph / 72 * 25.4 > 75.7 && ph / 72 * 25.4 < 76.7);
    char *text = bt_zbar_pdf(pdf, f->dir);
    assert_non_null(text);
    assert_string_equal(text, BT_ANA_URL);
    free(text);
    free(pdf);
    store_close(s);
}

static void test_print_errors(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    TuRun r = tu_lanyard("print", "--db", f->db, "--code", BT_ANA_CODE, "--printer",
                         "lanyard-no-such-queue", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no printer queue named lanyard-no-such-queue"));
    tu_run_free(&r);
    /* As if cupsd were not running. */
    char *sock = tu_path(f->dir, "no-cupsd.sock");
    setenv("CUPS_SERVER", sock, 1);
    r = tu_lanyard("print", "--db", f->db, "--code", BT_ANA_CODE, "--printer", cups.queue, NULL);
    unsetenv("CUPS_SERVER");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot reach the print server"));
    tu_run_free(&r);
    free(sock);
    size_t n;
    char **names = pdfs(&n);
    pdfs_free(names, n);
    assert_int_equal(n, 0);
}

static int count_job(const PrintJob *job, void *ud)
{
    (void)job;
    (*(int *)ud)++;
    return 0;
}

static void cups_stop(const char *reason)
{
    assert_int_equal(cups_env_disable(&cups, reason), 0);
}

/* The jobs CUPS has not finished on the test queue (lpstat's lines, "" when none). */
static char *cups_unfinished(void)
{
    const char *lpstat[] = {"/usr/bin/lpstat", "-W", "not-completed", "-o", cups.queue, NULL};
    TuRun r = tu_run(lpstat, NULL);
    assert_int_equal(r.status, 0);
    char *out = strdup(r.out);
    tu_run_free(&r);
    return out;
}

static size_t pdf_count(void)
{
    size_t n;
    char **names = pdfs(&n);
    pdfs_free(names, n);
    return n;
}

/* The guest's latest job waits for the stopped printer: in this state, no
 * try used up beyond tries, and the printer's reason as its error. */
typedef struct Paused {
    const char *guest_id;
    PrintJobState state;
    int tries;
} Paused;

static bool is_paused(Store *s, void *arg)
{
    const Paused *p = arg;
    PrintJob job;
    return store_print_latest(s, p->guest_id, &job) == STORE_OK && job.state == p->state &&
           job.attempts == p->tries && strstr(job.error, "stopped") &&
           strstr(job.error, "out of labels");
}

/* A stopped printer holds the badge in the kiosk: not failed, not sent, and
 * printed once (one PDF) when the printer is started again. */
/* A notification came since before (arg: Since). */
typedef struct Since {
    BtWatch *w;
    unsigned long before;
} Since;

static bool notified_since(Store *s, void *arg)
{
    (void)s;
    Since *n = arg;
    pthread_mutex_lock(&n->w->mu);
    bool yes = n->w->changes > n->before;
    pthread_mutex_unlock(&n->w->mu);
    return yes;
}

static void test_stopped_queue_waits_then_prints_once(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);

    cups_stop("out of labels");
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w, true);
    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    Paused paused = {ana, PRINT_QUEUED, 0};
    bool waits = bt_wait(&w, s, is_paused, &paused, 60000);
    PrinterStatus st;
    badge_queue_status(q, &st);
    char *at_cups = cups_unfinished();
    if (!waits)
        cups_tool("/usr/sbin/cupsenable");
    assert_true(waits);

    /* Staff see why, and the badge as waiting, not failed; CUPS has nothing. */
    assert_false(st.ok);
    assert_non_null(strstr(st.message, "stopped"));
    assert_non_null(strstr(st.message, "out of labels"));
    assert_int_equal(st.waiting, 1);
    assert_int_equal(st.failed, 0);
    assert_string_equal(at_cups, "");
    free(at_cups);
    assert_int_equal(pdf_count(), 0);

    /* Staff press Reprint for the guest sent to them: the badge on its way
     * is tried again, not doubled (both would print once the printer starts). */
    Since since = {&w, 0};
    pthread_mutex_lock(&w.mu);
    since.before = w.changes;
    pthread_mutex_unlock(&w.mu);
    assert_int_equal(badge_queue_reprint(q, ana), 0);
    assert_true(bt_wait(&w, s, notified_since, &since, 60000));

    cups_tool("/usr/sbin/cupsenable");
    BtJobWant want = {ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 60000));
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.attempts, 1);
    assert_string_equal(job.error, "");
    badge_queue_status(q, &st);
    assert_true(st.ok);
    assert_int_equal(st.failed, 0);
    badge_queue_destroy(q);
    bt_watch_destroy(&w);

    int jobs = 0;
    assert_int_equal(store_print_each(s, false, count_job, &jobs), STORE_OK);
    assert_int_equal(jobs, 1);
    assert_int_equal(pdf_count(), 1);
    char *pdf = pdf_of_job(job.cups_job_id);
    assert_non_null(pdf);
    char *text = bt_zbar_pdf(pdf, f->dir);
    assert_non_null(text);
    assert_string_equal(text, BT_ANA_URL);
    free(text);
    free(pdf);
    at_cups = cups_unfinished();
    assert_string_equal(at_cups, "");
    free(at_cups);
    store_close(s);
}

/* The badge of the guest with code (id guest_id) sent to CUPS, recorded as
 * a kiosk records a job it sent, and then the printer stopped as when its
 * labels run out: a disabled printer still accepts jobs, and they wait.
 * Returns the job's id at CUPS. */
static int sent_then_stopped(Fixture *f, Store *s, const char *code, const char *guest_id)
{
    char *pdf = tu_path(f->dir, "sent.pdf");
    TuRun r = tu_lanyard("badge", "--db", f->db, "--code", code, "--out", pdf, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    cups_stop("out of labels");
    const char *lp[] = {"/usr/bin/lp", "-d", cups.queue, pdf, NULL};
    r = tu_run(lp, NULL);
    assert_int_equal(r.status, 0);
    const char *dash = strrchr(r.out, '-');
    assert_non_null(dash);
    int cups_id = atoi(dash + 1);
    assert_true(cups_id > 0);
    tu_run_free(&r);
    free(pdf);
    PrintJob job;
    assert_int_equal(store_print_add(s, guest_id, cups.queue, time_now_ms(), &job), STORE_OK);
    job.state = PRINT_SENT;
    job.attempts = 1;
    job.cups_job_id = cups_id;
    assert_int_equal(store_print_update(s, &job, time_now_ms()), STORE_OK);
    return cups_id;
}

/* A printer left stopped (no one loaded labels): the badge held for it, and
 * one CUPS already had, fail once held for stopped_give_up_ms, and CUPS has
 * nothing left that would print when the printer is started hours later. */
static void test_stopped_queue_gives_up(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1], jose[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    bt_guest_id(s, "G01", jose);

    /* G01's badge reached CUPS before the labels ran out: it waits there. */
    (void)sent_then_stopped(f, s, "G01", jose);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue_giving_up(f->db, &w, true, 1500);
    assert_int_equal(badge_queue_enqueue(q, ana), 0);
    BtJobWant ana_failed = {ana, PRINT_FAILED, 0}, jose_failed = {jose, PRINT_FAILED, 0};
    bool gave_up = bt_wait(&w, s, bt_latest_is, &ana_failed, 60000) &&
                   bt_wait(&w, s, bt_latest_is, &jose_failed, 60000);
    char *at_cups = cups_unfinished();
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    cups_tool("/usr/sbin/cupsenable");
    assert_true(gave_up);
    assert_string_equal(at_cups, ""); /* G01's job cancelled, Ana's never sent */
    free(at_cups);
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_non_null(strstr(job.error, "stopped"));
    assert_non_null(strstr(job.error, "reprint"));
    assert_int_equal(job.cups_job_id, 0);
    assert_int_equal(pdf_count(), 0);
    store_close(s);
}

/* A job CUPS already has when its printer stops (the labels ran out after it
 * was sent), found by a restarted kiosk: it is left waiting at CUPS, not
 * failed nor cancelled nor sent again, and prints once when the printer is
 * started. */
static void test_waiting_job_at_stopped_printer(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    Store *s;
    char err[512], ana[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, BT_ANA_CODE, ana);
    int cups_id = sent_then_stopped(f, s, BT_ANA_CODE, ana);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w, true);
    Paused paused = {ana, PRINT_SENT, 1};
    bool waits = bt_wait(&w, s, is_paused, &paused, 60000);
    char *at_cups = cups_unfinished();
    cups_tool("/usr/sbin/cupsenable");
    assert_true(waits);
    /* Still at CUPS, waiting for the printer. */
    assert_non_null(strstr(at_cups, cups.queue));
    free(at_cups);

    BtJobWant want = {ana, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 60000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    PrintJob job;
    assert_int_equal(store_print_latest(s, ana, &job), STORE_OK);
    assert_int_equal(job.cups_job_id, cups_id);
    assert_int_equal(job.attempts, 1);
    assert_int_equal(pdf_count(), 1);
    char *out = pdf_of_job(cups_id);
    assert_non_null(out);
    free(out);
    store_close(s);
}

typedef struct AllDone {
    char ids[30][ID_LEN + 1];
} AllDone;

static bool all_done(Store *s, void *arg)
{
    AllDone *a = arg;
    for (int i = 0; i < 30; i++) {
        BtJobWant want = {a->ids[i], PRINT_DONE, 0};
        if (!bt_latest_is(s, &want))
            return false;
    }
    return true;
}

static void test_thirty_checkins_thirty_badges(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    Store *s;
    char err[512];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    AllDone a;
    for (int i = 0; i < 30; i++) {
        char code[8];
        snprintf(code, sizeof code, "G%02d", i);
        bt_guest_id(s, code, a.ids[i]);
    }
    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w, true);
    /* Check-ins one after another, each badge queued as soon as it is on disk,
     * as the kiosk does; a guest scanned twice is queued twice. */
    for (int i = 0; i < 30; i++) {
        char code[8];
        snprintf(code, sizeof code, "G%02d", i);
        TuRun r = tu_lanyard("checkin", "--db", f->db, "--code", code, NULL);
        if (r.status != 0)
            fail_msg("lanyard checkin %s: %s", code, r.err);
        tu_run_free(&r);
        assert_int_equal(badge_queue_enqueue(q, a.ids[i]), 0);
        if (i % 3 == 0)
            assert_int_equal(badge_queue_enqueue(q, a.ids[i]), 0);
    }
    assert_true(bt_wait(&w, s, all_done, &a, 240000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    int jobs = 0;
    assert_int_equal(store_print_each(s, false, count_job, &jobs), STORE_OK);
    assert_int_equal(jobs, 30);

    /* 30 PDFs, one per job; CUPS's job names (which cups-pdf puts in the file
     * names) say nothing of the guest: no code, no name. */
    size_t n;
    char **names = pdfs(&n);
    assert_int_equal(n, 30);
    for (size_t k = 0; k < n; k++) {
        assert_non_null(strstr(names[k], "Lanyard_badge_"));
        assert_null(strstr(names[k], "G0"));
        assert_null(strstr(names[k], "Guest"));
        assert_null(strstr(names[k], "Tester"));
    }
    pdfs_free(names, n);
    for (int i = 0; i < 30; i++) {
        PrintJob job;
        assert_int_equal(store_print_latest(s, a.ids[i], &job), STORE_OK);
        char *pdf = pdf_of_job(job.cups_job_id);
        assert_non_null(pdf);
        free(pdf);
    }
    /* Each check-in now says its badge was printed. */
    for (int i = 0; i < 30; i++)
        assert_int_equal(bt_badge_printed(s, a.ids[i]), 1);
    store_close(s);
}

/* ---- the kiosk, end to end ---- */

/* A guest whose registration code needs every kind of escaping in a link:
 * '&', '/', '#', '+', '?', a space, a comma and a non-ASCII letter. */
#define KP_CODE "K&9/\xC3\xB1 #+?,1"
/* The template, filled by hand: programs in programs.csv order (comma-joined,
 * each code encoded), then the guest's code encoded. */
#define KP_URL                                                                                     \
    "https://partners.example.edu/cte/p?src=badge&programs=WELD-1,IT%20%26%20NET"                  \
    "&g=K%269%2F%C3%B1%20%23%2B%3F%2C1"

/* An event folder in dir/event printing to the test queue; returns its path. */
static char *kiosk_event(const char *dir)
{
    char *ev = tu_path(dir, "event");
    assert_int_equal(mkdir(ev, 0700), 0);
    char ini[512];
    snprintf(ini, sizeof ini,
             "[event]\nname = Fall CTE Partner Meet & Greet\n\n"
             "[badge]\nprinter = %s\n"
             "qr_url = https://partners.example.edu/cte/p?src=badge&programs={programs}&g={code}\n"
             "catalog_url = https://partners.example.edu/cte/catalog\n",
             cups.queue);
    char *p = tu_path(ev, "event.ini");
    tu_write(p, ini, (size_t)-1);
    free(p);
    p = tu_path(ev, "programs.csv");
    tu_write(p,
             "code,name,school\n"
             "WELD-1,Welding Technology,Northgate Career Center\n"
             "IT & NET,IT Networking,Riverside High School\n",
             (size_t)-1);
    free(p);
    p = tu_path(ev, "guests.csv");
    tu_write(p,
             "Attendee #,First Name,Last Name,Company,Job Title,Email\n"
             "\"" KP_CODE "\",Zoë,Whitfield,Northwind Robotics,Plant Manager,zoe@example.com\n",
             (size_t)-1);
    free(p);
    return ev;
}

/* The guest finds her name, checks in, picks both programs (the second one
 * first) and continues; the script then expects the Done screen's status. */
static const char KIOSK_CHECKIN[] = "press Check in\n"
                                    "type zoe w\n"
                                    "press Zoë W. — Northwind Robotics\n"
                                    "press Yes, check me in\n"
                                    "expect What interests you?\n"
                                    "press IT Networking\n"
                                    "press Welding Technology\n"
                                    "press Continue\n"
                                    "expect Welcome, Zoë!\n";

/* Runs the kiosk on the event with the check-in script followed by tail. */
static TuRun kiosk_run(const Fixture *f, const char *tail)
{
    char *ev = kiosk_event(f->dir);
    char *script = tu_path(f->dir, "checkin.script");
    size_t n = strlen(KIOSK_CHECKIN) + strlen(tail) + 1;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%s%s", KIOSK_CHECKIN, tail);
    tu_write(script, text, (size_t)-1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    TuRun r = tu_lanyard("run", "--event", ev, "--db", f->db, "--script", script, NULL);
    free(text);
    free(script);
    free(ev);
    return r;
}

static int setup_kiosk(void **state)
{
    if (!cups.ready)
        return 0;
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "kiosk.db");
    empty_outdir();
    *state = f;
    return 0;
}

static void test_kiosk_checkin_prints(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    TuRun r = kiosk_run(f, "expect Your badge is ready.\n"
                           "press Done\n"
                           "expect Check in\n");
    if (r.status != 0)
        fail_msg("lanyard run: status %d: %s", r.status, r.err);
    tu_run_free(&r);

    Store *s;
    char err[512], id[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, KP_CODE, id);
    PrintJob job;
    assert_int_equal(store_print_latest(s, id, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_DONE);
    assert_int_equal(job.attempts, 1);
    assert_string_equal(job.printer, cups.queue);
    assert_true(job.cups_job_id > 0);
    assert_int_equal(bt_badge_printed(s, id), 1);
    int jobs = 0;
    assert_int_equal(store_print_each(s, false, count_job, &jobs), STORE_OK);
    assert_int_equal(jobs, 1);
    store_close(s);

    /* One PDF, the job's, and its QR opens Zoë's two programs. */
    size_t n;
    char **names = pdfs(&n);
    pdfs_free(names, n);
    assert_int_equal(n, 1);
    char *pdf = pdf_of_job(job.cups_job_id);
    assert_non_null(pdf);
    char *text = bt_zbar_pdf(pdf, f->dir);
    assert_non_null(text);
    assert_string_equal(text, KP_URL);
    free(text);
    free(pdf);
}

/* With the printer stopped the guest is told to see staff while her check-in
 * stands; the badge waits in the kiosk's queue, and a kiosk started after the
 * printer is started again prints it once. */
static void test_kiosk_stopped_queue(void **state)
{
    if (!cups.ready)
        skip();
    Fixture *f = *state;
    cups_stop("out of labels");
    TuRun r = kiosk_run(f, "expect The printer is paused. Please see a staff member\n"
                           "expect-not Your badge is ready.\n"
                           "press Done\n"
                           "expect Check in\n");
    if (r.status != 0) {
        cups_tool("/usr/sbin/cupsenable");
        fail_msg("lanyard run: status %d: %s", r.status, r.err);
    }
    tu_run_free(&r);

    /* Checked in all the same; the job waits, unsent, and says why for staff. */
    Store *s;
    char err[512], id[ID_LEN + 1];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_OK);
    bt_guest_id(s, KP_CODE, id);
    assert_int_equal(bt_badge_printed(s, id), 0);
    Paused paused = {id, PRINT_QUEUED, 0};
    bool waits = is_paused(s, &paused);
    char *at_cups = cups_unfinished();
    cups_tool("/usr/sbin/cupsenable");
    assert_true(waits);
    assert_string_equal(at_cups, "");
    free(at_cups);
    assert_int_equal(pdf_count(), 0);

    BtWatch w;
    bt_watch_init(&w);
    BadgeQueue *q = start_queue(f->db, &w, true);
    BtJobWant want = {id, PRINT_DONE, 0};
    assert_true(bt_wait(&w, s, bt_latest_is, &want, 60000));
    badge_queue_destroy(q);
    bt_watch_destroy(&w);
    assert_int_equal(bt_badge_printed(s, id), 1);
    int jobs = 0;
    assert_int_equal(store_print_each(s, false, count_job, &jobs), STORE_OK);
    assert_int_equal(jobs, 1);
    store_close(s);
    assert_int_equal(pdf_count(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_print_command_and_follow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stopped_queue_waits_then_prints_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stopped_queue_gives_up, setup30, teardown),
        cmocka_unit_test_setup_teardown(test_waiting_job_at_stopped_printer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thirty_checkins_thirty_badges, setup30, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_checkin_prints, setup_kiosk, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_stopped_queue, setup_kiosk, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
