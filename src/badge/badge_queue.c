/* badge_queue.c — the print worker: requests in, jobs recorded, rendered, sent
 * to CUPS and followed until printed; all on one thread with its own Store and
 * FontSet. The caller's thread only appends to a request list under a mutex. */
#include "badge/badge_queue_internal.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "badge/badge_cups.h"
#include "badge/badge_sample.h"
#include "core/job.h"
#include "core/text.h"
#include "core/timefmt.h"

void badge_queue_options_default(BadgeQueueOptions *o)
{
    o->max_attempts = 3;
    o->retry_delay_ms = 2000;
    o->poll_ms = 500;
    o->resume = true;
    o->cups_timeout_ms = 0;
    o->give_up_ms = 120000;
    o->wait_stopped = true;
    o->stopped_give_up_ms = 15 * 60 * 1000;
}

bool stopping(BadgeQueue *q)
{
    return __atomic_load_n(&q->cancel, __ATOMIC_ACQUIRE) != 0;
}

/* ---- status shared with the caller (mutex held by the caller of these) ---- */

static void failed_mark(BadgeQueue *q, const char *guest_id, bool failed)
{
    for (size_t i = 0; i < q->nfailed; i++) {
        if (!strcmp(q->failed[i], guest_id)) {
            if (!failed) {
                memmove(q->failed[i], q->failed[i + 1], (q->nfailed - i - 1) * sizeof q->failed[0]);
                q->nfailed--;
            }
            return;
        }
    }
    if (!failed)
        return;
    if (q->nfailed == q->capfailed) {
        size_t cap = q->capfailed ? q->capfailed * 2 : 8;
        void *p = realloc(q->failed, cap * sizeof q->failed[0]);
        if (!p)
            return; /* the count is advisory; the job row says failed anyway */
        q->failed = p;
        q->capfailed = cap;
    }
    snprintf(q->failed[q->nfailed++], ID_LEN + 1, "%s", guest_id);
}

/* Called with the mutex held, before the screen is notified, so that the
 * status the screen then reads already counts this job. */
void failed_set(BadgeQueue *q, const char *guest_id, bool failed)
{
    failed_mark(q, guest_id, failed);
    q->status.failed = q->nfailed;
}

void status_problem(BadgeQueue *q, const char *message)
{
    status_printer(q, message, false);
}

void status_printer(BadgeQueue *q, const char *message, bool paused)
{
    pthread_mutex_lock(&q->mu);
    q->status.ok = !message || !*message;
    q->status.paused = paused && !q->status.ok;
    text_copy(q->status.message, sizeof q->status.message, message);
    pthread_mutex_unlock(&q->mu);
}

/* ---- the worker ---- */

void job_changed(BadgeQueue *q, PrintJob *job)
{
    if (q->store && store_print_update(q->store, job, time_now_ms()) != STORE_OK)
        status_problem(q, store_errmsg(q->store));
    job_told(q, job);
}

void job_told(BadgeQueue *q, const PrintJob *job)
{
    pthread_mutex_lock(&q->mu);
    failed_set(q, job->guest_id, job->state == PRINT_FAILED);
    pthread_mutex_unlock(&q->mu);
    if (q->notify)
        q->notify(q->ud, job);
}

Active *active_push(BadgeQueue *q, const PrintJob *job)
{
    if (q->nactive == q->capactive) {
        size_t cap = q->capactive ? q->capactive * 2 : 16;
        Active *p = realloc(q->active, cap * sizeof *p);
        if (!p)
            return NULL;
        q->active = p;
        q->capactive = cap;
    }
    Active *a = &q->active[q->nactive++];
    memset(a, 0, sizeof *a);
    a->job = *job;
    return a;
}

static int resume_one(const PrintJob *job, void *ud)
{
    BadgeQueue *q = ud;
    return active_push(q, job) ? 0 : 1;
}

/* A request that never became a job (no database, a full disk): there is no
 * row to keep, but the guest's screen and `lanyard print` still learn that the
 * badge will not come, and why. message NULL: the status already says why. */
static void request_failed(BadgeQueue *q, const char *guest_id, const char *message)
{
    if (message)
        status_problem(q, message);
    PrintJob job;
    memset(&job, 0, sizeof job);
    snprintf(job.guest_id, sizeof job.guest_id, "%s", guest_id);
    text_copy(job.printer, sizeof job.printer, q->cfg.printer);
    job.state = PRINT_FAILED;
    pthread_mutex_lock(&q->mu);
    text_copy(job.error, sizeof job.error, q->status.message);
    failed_set(q, job.guest_id, true);
    pthread_mutex_unlock(&q->mu);
    if (q->notify)
        q->notify(q->ud, &job);
}

/* A held job (the guest was on Interests) goes to the printer now. */
static void release(BadgeQueue *q, PrintJob *job)
{
    job->state = PRINT_QUEUED;
    if (store_print_update(q->store, job, time_now_ms()) != STORE_OK) {
        request_failed(q, job->guest_id, store_errmsg(q->store));
        return;
    }
    if (!active_push(q, job)) {
        /* The row stays queued: the next start (or a reprint) takes it up. */
        request_failed(q, job->guest_id, "out of memory");
        return;
    }
    pthread_mutex_lock(&q->mu);
    failed_set(q, job->guest_id, false);
    pthread_mutex_unlock(&q->mu);
    if (q->notify)
        q->notify(q->ud, job);
}

/* The staff's test badge, rendered with the worker's fonts; the caller polls
 * badge_queue_test_result. */
static void take_test(BadgeQueue *q, const Request *r)
{
    TestBadge out;
    EventConfig cfg = q->cfg;
    if (r->printer[0])
        text_copy(cfg.printer, sizeof cfg.printer, r->printer);
    int rc = badge_sample_print(q->fonts, &cfg, q->db_path, r->now, &out);
    if (rc != 0 && stopping(q))
        return;
    pthread_mutex_lock(&q->mu);
    /* A test badge asked for since (staff home's, then the Printer
     * screen's) is the one whose result the screen waits for. */
    if (r->test_seq == q->test_seq) {
        q->test_out = out;
        q->test_rc = rc;
        q->test = TEST_DONE;
        pthread_cond_broadcast(&q->done_cv);
    }
    pthread_mutex_unlock(&q->mu);
}

/* Records a new job for a request (or not, for an enqueue of a guest that has one). */
static void take_request(BadgeQueue *q, const Request *r)
{
    if (r->kind == REQ_TEST) {
        take_test(q, r);
        return;
    }
    PrintJob job;
    if (!q->store) {
        request_failed(q, r->guest_id, NULL);
        return;
    }
    StoreStatus st = store_print_latest(q->store, r->guest_id, &job);
    if (st == STORE_ERROR) {
        request_failed(q, r->guest_id, store_errmsg(q->store));
        return;
    }
    if (st == STORE_OK && job.state == PRINT_HELD) {
        release(q, &job);
        return;
    }
    if (r->kind == REQ_REPRINT && st == STORE_OK && print_job_unfinished(job.state)) {
        /* A badge on its way already (waiting for a stopped printer, or at
         * CUPS): a second job would print too once the printer is started.
         * The one there is tried again at once instead, and told. */
        for (size_t i = 0; i < q->nactive; i++)
            if (q->active[i].job.id == job.id && q->active[i].job.state == PRINT_QUEUED)
                q->active[i].next_at = 0;
        if (q->notify)
            q->notify(q->ud, &job);
        return;
    }
    if (r->kind == REQ_PRINT && st == STORE_OK && job.state != PRINT_FAILED) {
        /* Printed or printing already: the guest checked in again says so
         * too, and their screen shows that job instead of waiting forever. */
        if (job.state == PRINT_DONE && job.printer[0] &&
            store_badge_printed_set(q->store, job.guest_id) == STORE_ERROR)
            status_problem(q, store_errmsg(q->store));
        if (q->notify)
            q->notify(q->ud, &job);
        return;
    }
    if (store_print_add(q->store, r->guest_id, q->cfg.printer, time_now_ms(), &job) != STORE_OK) {
        request_failed(q, r->guest_id, store_errmsg(q->store));
        return;
    }
    if (!active_push(q, &job)) {
        /* The row stays queued: the next start (or a reprint) takes it up. */
        request_failed(q, r->guest_id, "out of memory");
        return;
    }
    pthread_mutex_lock(&q->mu);
    failed_set(q, job.guest_id, false);
    pthread_mutex_unlock(&q->mu);
    if (q->notify)
        q->notify(q->ud, &job);
}

/* At start: the jobs a previous run left unfinished. Held ones (a guest who
 * was on Interests when the kiosk stopped) print now; sending ones are looked
 * for at CUPS first. */
static void resume(BadgeQueue *q)
{
    if (store_print_each(q->store, true, resume_one, q) != STORE_OK) {
        status_problem(q, store_errmsg(q->store));
        return;
    }
    for (size_t i = 0; i < q->nactive; i++) {
        PrintJob *job = &q->active[i].job;
        if (job->state != PRINT_HELD)
            continue;
        job->state = PRINT_QUEUED;
        if (store_print_update(q->store, job, time_now_ms()) != STORE_OK)
            status_problem(q, store_errmsg(q->store));
    }
}

/* One round: requests, tries that are due, CUPS asked about sent jobs.
 * Returns when something is next due (INT64_MAX: nothing). */
static int64_t work(BadgeQueue *q, Request *req, size_t nreq)
{
    for (size_t i = 0; i < nreq && !stopping(q); i++)
        take_request(q, &req[i]);
    int64_t now = time_monotonic_ms();
    /* The first job to find its printer stopped speaks for the others of
     * that printer this round: one question to CUPS, not one per badge. */
    size_t stopped = SIZE_MAX;
    for (size_t i = 0; i < q->nactive && !stopping(q); i++) {
        Active *a = &q->active[i];
        if (a->next_at > now)
            continue;
        if (a->job.state == PRINT_SENDING) {
            recover_sending(q, a);
        } else if (a->job.state != PRINT_QUEUED) {
            continue;
        } else if (stopped != SIZE_MAX && !strcmp(q->active[stopped].job.printer, a->job.printer)) {
            /* The printer's reason, not that job's error: it may have given
             * up waiting meanwhile ("not printed: ..."). */
            wait_stopped(q, a, q->stopped_why);
        } else if (attempt(q, a) && stopped == SIZE_MAX) {
            stopped = i;
        }
    }
    now = time_monotonic_ms();
    for (size_t i = 0; i < q->nactive && !stopping(q); i++) {
        Active *a = &q->active[i];
        if (a->job.cups_job_id > 0 && print_job_unfinished(a->job.state) && a->next_at <= now)
            follow(q, a->job.printer);
    }
    /* Forget finished jobs; work out when something is next due. */
    size_t keep = 0;
    int64_t due = INT64_MAX;
    for (size_t i = 0; i < q->nactive; i++) {
        if (!print_job_unfinished(q->active[i].job.state))
            continue;
        q->active[keep++] = q->active[i];
        if (q->active[i].next_at < due)
            due = q->active[i].next_at;
    }
    q->nactive = keep;
    return due;
}

/* Waits (mutex held) until a request comes, the queue stops or due passes. */
static void wait_until(BadgeQueue *q, int64_t due)
{
    while (!q->stop && q->nreq == 0) {
        int64_t now = time_monotonic_ms();
        if (due <= now)
            break;
        if (due == INT64_MAX) {
            pthread_cond_wait(&q->cv, &q->mu);
            continue;
        }
        struct timespec ts;
        job_deadline(&ts, due - now);
        if (pthread_cond_timedwait(&q->cv, &q->mu, &ts) == ETIMEDOUT)
            break;
    }
}

static void *worker(void *arg)
{
    BadgeQueue *q = arg;
    badge_cups_limit(q->opt.cups_timeout_ms, &q->cancel);
    char err[640];
    if (store_open(q->db_path, 0, &q->store, err, sizeof err) != STORE_OK) {
        q->store = NULL;
        status_problem(q, err);
    } else if (q->opt.resume) {
        resume(q);
    }
    pthread_mutex_lock(&q->mu);
    q->status.waiting = q->nactive; /* what a restart left counts as waiting from now on */
    q->ready = true;
    pthread_cond_broadcast(&q->done_cv);
    pthread_mutex_unlock(&q->mu);
    /* Jobs that were sent before a restart are followed; queued ones are tried. */
    for (;;) {
        pthread_mutex_lock(&q->mu);
        Request *req = q->req;
        size_t nreq = q->nreq;
        q->req = NULL;
        q->nreq = q->capreq = 0;
        bool stop = q->stop;
        pthread_mutex_unlock(&q->mu);
        int64_t due = stop ? 0 : work(q, req, nreq);
        free(req);
        if (stop || stopping(q))
            break;
        pthread_mutex_lock(&q->mu);
        q->status.waiting = q->nactive;
        q->status.stalled = 0;
        for (size_t i = 0; i < q->nactive; i++)
            q->status.stalled += q->active[i].job.paused;
        q->status.failed = q->nfailed;
        wait_until(q, due);
        pthread_mutex_unlock(&q->mu);
    }
    store_close(q->store);
    q->store = NULL;
    /* SDL keeps per-thread state (its error message) that it frees only for
     * threads it started itself. */
    SDL_TLSCleanup();
    return NULL;
}

/* ---- the caller's side ---- */

/* Waits on done_cv (mutex held) until ms from now; false once that passed. */
static bool wait_done(BadgeQueue *q, int64_t until)
{
    int64_t now = time_monotonic_ms();
    if (now >= until)
        return false;
    struct timespec ts;
    job_deadline(&ts, until - now);
    pthread_cond_timedwait(&q->done_cv, &q->mu, &ts);
    return true;
}

BadgeQueue *badge_queue_create(const char *db_path, const EventConfig *cfg,
                               const BadgeQueueOptions *opt, BadgeNotifyFn notify, void *ud,
                               char *err, size_t errlen)
{
    BadgeQueue *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    q->db_path = strdup(db_path);
    q->cfg = *cfg;
    if (opt)
        q->opt = *opt;
    else
        badge_queue_options_default(&q->opt);
    if (q->opt.max_attempts < 1)
        q->opt.max_attempts = 1;
    q->notify = notify;
    q->ud = ud;
    snprintf(q->status.printer, sizeof q->status.printer, "%s", cfg->printer);
    q->status.ok = true;
    if (!q->db_path) {
        snprintf(err, errlen, "out of memory");
        free(q);
        return NULL;
    }
    q->fonts = font_set_create(NULL, err, errlen);
    if (!q->fonts)
        goto err_fonts;
    /* pthread calls return their error number; they do not set errno. */
    int rc = job_cond_init(&q->cv);
    if (rc == 0 && (rc = job_cond_init(&q->done_cv)) != 0)
        pthread_cond_destroy(&q->cv);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the print worker: %s", strerror(rc));
        goto err_cond;
    }
    pthread_mutex_init(&q->mu, NULL);
    rc = pthread_create(&q->thread, NULL, worker, q);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the print worker: %s", strerror(rc));
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->cv);
        pthread_cond_destroy(&q->done_cv);
        goto err_cond;
    }
    /* Until the worker has taken over the unfinished jobs (the database only,
     * never the printer), so that a held job of a guest checked in from now on
     * is not mistaken for one a previous run left. */
    pthread_mutex_lock(&q->mu);
    while (!q->ready)
        pthread_cond_wait(&q->done_cv, &q->mu);
    pthread_mutex_unlock(&q->mu);
    return q;
err_cond:
    font_set_destroy(q->fonts);
err_fonts:
    free(q->db_path);
    free(q);
    return NULL;
}

/* Queues r for the worker; a test badge's number goes to *ticket. */
static int request(BadgeQueue *q, const Request *r, unsigned *ticket)
{
    int rc = 0;
    pthread_mutex_lock(&q->mu);
    if (q->nreq == q->capreq) {
        size_t cap = q->capreq ? q->capreq * 2 : 8;
        Request *p = realloc(q->req, cap * sizeof *p);
        if (!p) {
            rc = -1;
            goto out;
        }
        q->req = p;
        q->capreq = cap;
    }
    q->req[q->nreq] = *r;
    if (r->kind != REQ_TEST) {
        q->status.waiting++;
    } else {
        q->test = TEST_PENDING;
        q->req[q->nreq].test_seq = ++q->test_seq;
        if (q->test_seq == 0) /* 0 means none: after 4 billion, start at 1 */
            q->req[q->nreq].test_seq = ++q->test_seq;
        if (ticket)
            *ticket = q->test_seq;
    }
    q->nreq++;
    pthread_cond_signal(&q->cv);
out:
    pthread_mutex_unlock(&q->mu);
    return rc;
}

static int guest_request(BadgeQueue *q, const char *guest_id, RequestKind kind)
{
    Request r = {.kind = kind};
    snprintf(r.guest_id, sizeof r.guest_id, "%s", guest_id);
    return request(q, &r, NULL);
}

int badge_queue_enqueue(BadgeQueue *q, const char *guest_id)
{
    return guest_request(q, guest_id, REQ_PRINT);
}

int badge_queue_reprint(BadgeQueue *q, const char *guest_id)
{
    return guest_request(q, guest_id, REQ_REPRINT);
}

unsigned badge_queue_test_badge(BadgeQueue *q, int64_t now)
{
    return badge_queue_test_badge_on(q, "", now);
}

unsigned badge_queue_test_badge_on(BadgeQueue *q, const char *printer, int64_t now)
{
    Request r = {.kind = REQ_TEST, .now = now};
    text_copy(r.printer, sizeof r.printer, printer);
    unsigned ticket = 0;
    return request(q, &r, &ticket) == 0 ? ticket : 0;
}

int badge_queue_test_result(BadgeQueue *q, unsigned ticket, TestBadge *out, int wait_ms)
{
    int64_t until = time_monotonic_ms() + (wait_ms > 0 ? wait_ms : 0);
    pthread_mutex_lock(&q->mu);
    while (ticket == q->test_seq && q->test == TEST_PENDING && wait_done(q, until)) {
    }
    int rc = -1;
    if (ticket == 0 || ticket != q->test_seq || q->test == TEST_NONE) {
        snprintf(out->error, sizeof out->error, "%s",
                 ticket && ticket < q->test_seq ? "a newer test badge was asked for since"
                                                : "no test badge was asked for");
    } else if (q->test == TEST_PENDING) {
        rc = 1;
    } else {
        rc = q->test_rc;
        *out = q->test_out;
    }
    out->ticket = ticket;
    pthread_mutex_unlock(&q->mu);
    return rc;
}

bool badge_queue_test_pending(BadgeQueue *q)
{
    pthread_mutex_lock(&q->mu);
    bool pending = q->test == TEST_PENDING;
    pthread_mutex_unlock(&q->mu);
    return pending;
}

void badge_queue_status(BadgeQueue *q, PrinterStatus *out)
{
    pthread_mutex_lock(&q->mu);
    *out = q->status;
    pthread_mutex_unlock(&q->mu);
}

void badge_queue_destroy(BadgeQueue *q)
{
    if (!q)
        return;
    /* The cancel flag lets go of a wait on a print server that does not
     * answer within a fifth of a second; the job stays as the database has it
     * for the next start. */
    __atomic_store_n(&q->cancel, 1, __ATOMIC_RELEASE);
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(q->thread, NULL);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    pthread_cond_destroy(&q->done_cv);
    font_set_destroy(q->fonts);
    free(q->req);
    free(q->failed);
    free(q->active);
    free(q->db_path);
    free(q);
}
