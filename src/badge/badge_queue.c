/* badge_queue.c — the print worker: requests in, jobs recorded, rendered, sent
 * to CUPS and followed until printed; all on one thread with its own Store and
 * FontSet. The caller's thread only appends to a request list under a mutex. */
#include "badge/badge_queue.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "badge/badge_cups.h"
#include "badge/badge_data.h"
#include "badge/badge_render.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "platform/font.h"

typedef struct Request {
    char guest_id[ID_LEN + 1];
    bool reprint;
} Request;

/* A job the worker is working on, with when to try or ask CUPS next. */
typedef struct Active {
    PrintJob job;
    int64_t next_at; /* monotonic ms */
} Active;

struct BadgeQueue {
    char *db_path;
    EventConfig cfg;
    BadgeQueueOptions opt;
    BadgeNotifyFn notify;
    void *ud;
    FontSet *fonts; /* used by the worker only */
    pthread_t thread;

    pthread_mutex_t mu; /* guards everything below */
    pthread_cond_t cv;
    Request *req;
    size_t nreq, capreq;
    bool stop;
    PrinterStatus status;
    char (*failed)[ID_LEN + 1]; /* guests whose latest job failed */
    size_t nfailed, capfailed;

    /* Worker thread only. */
    Store *store;
    Active *active;
    size_t nactive, capactive;
};

void badge_queue_options_default(BadgeQueueOptions *o)
{
    o->max_attempts = 3;
    o->retry_delay_ms = 2000;
    o->poll_ms = 500;
    o->resume = true;
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
static void failed_set(BadgeQueue *q, const char *guest_id, bool failed)
{
    failed_mark(q, guest_id, failed);
    q->status.failed = q->nfailed;
}

static void status_problem(BadgeQueue *q, const char *message)
{
    pthread_mutex_lock(&q->mu);
    q->status.ok = !message || !*message;
    text_copy(q->status.message, sizeof q->status.message, message);
    pthread_mutex_unlock(&q->mu);
}

/* ---- the worker ---- */

static void job_changed(BadgeQueue *q, PrintJob *job)
{
    if (q->store && store_print_update(q->store, job, time_now_ms()) != STORE_OK)
        status_problem(q, store_errmsg(q->store));
    pthread_mutex_lock(&q->mu);
    failed_set(q, job->guest_id, job->state == PRINT_FAILED);
    pthread_mutex_unlock(&q->mu);
    if (q->notify)
        q->notify(q->ud, job);
}

static Active *active_push(BadgeQueue *q, const PrintJob *job)
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
    a->job = *job;
    a->next_at = 0;
    return a;
}

static int resume_one(const PrintJob *job, void *ud)
{
    BadgeQueue *q = ud;
    return active_push(q, job) ? 0 : 1;
}

/* A failed try: again later with a doubled delay, or failed for good. */
static void attempt_failed(BadgeQueue *q, Active *a, const char *why)
{
    text_copy(a->job.error, sizeof a->job.error, why);
    a->job.cups_job_id = 0;
    if (a->job.attempts >= q->opt.max_attempts) {
        a->job.state = PRINT_FAILED;
    } else {
        a->job.state = PRINT_QUEUED;
        int64_t delay = q->opt.retry_delay_ms;
        for (int i = 1; i < a->job.attempts && delay < 60000; i++)
            delay *= 2;
        a->next_at = time_monotonic_ms() + delay;
    }
    job_changed(q, &a->job);
}

static void job_done(BadgeQueue *q, Active *a)
{
    a->job.state = PRINT_DONE;
    a->job.error[0] = '\0';
    /* Not checked in (a test badge, an undone check-in) is not a problem. */
    if (store_badge_printed_set(q->store, a->job.guest_id) == STORE_ERROR)
        status_problem(q, store_errmsg(q->store));
    job_changed(q, &a->job);
}

/* File name characters we keep from a registration code; others become '_'. */
static void safe_name(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (; *in && o + 1 < outlen; in++) {
        unsigned char c = (unsigned char)*in;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        out[o++] = ok ? (char)c : '_';
    }
    out[o] = '\0';
}

/* badges/ beside the database. */
static int png_path(BadgeQueue *q, const BadgeData *d, int64_t job_id, char *out, size_t outlen,
                    char *err, size_t errlen)
{
    const char *slash = strrchr(q->db_path, '/');
    int dirlen = slash ? (int)(slash - q->db_path) : 1;
    const char *dir = slash ? q->db_path : ".";
    char name[64];
    safe_name(d->guest.code[0] ? d->guest.code : d->guest.id, name, sizeof name);
    int n = snprintf(out, outlen, "%.*s/badges", dirlen, dir);
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "the database's folder name is too long for badge files");
        return -1;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        snprintf(err, errlen, "cannot create the badge folder %.300s: %s", out, strerror(e));
        return -1;
    }
    n = snprintf(out, outlen, "%.*s/badges/%s-%lld.png", dirlen, dir, name, (long long)job_id);
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "the database's folder name is too long for badge files");
        return -1;
    }
    return 0;
}

static void job_title(const BadgeData *d, int64_t job_id, char *out, size_t outlen)
{
    snprintf(out, outlen, "Badge %s %s %s (%lld)", d->guest.code, d->guest.first, d->guest.last,
             (long long)job_id);
}

/* One try: render, then write the PNG or send to CUPS. */
static void attempt(BadgeQueue *q, Active *a)
{
    char err[512] = "";
    a->job.attempts++;
    if (a->job.printer[0]) {
        int ready = badge_cups_printer_check(a->job.printer, err, sizeof err);
        status_problem(q, ready == 0 ? NULL : err);
        if (ready != 0) {
            attempt_failed(q, a, err);
            return;
        }
    }
    BadgeData d;
    if (badge_data_load(q->store, &q->cfg, a->job.guest_id, &d, err, sizeof err) != 0) {
        attempt_failed(q, a, err);
        return;
    }
    BadgeSpec spec;
    badge_spec_from_config(&q->cfg, &spec);
    BadgeImage *badge = badge_render(q->fonts, &spec, &d.content, NULL, err, sizeof err);
    if (!badge) {
        badge_data_free(&d);
        attempt_failed(q, a, err);
        return;
    }
    if (!a->job.printer[0]) {
        char path[sizeof a->job.output];
        if (png_path(q, &d, a->job.id, path, sizeof path, err, sizeof err) != 0 ||
            badge_save_png(badge, path, err, sizeof err) != 0) {
            attempt_failed(q, a, err);
        } else {
            memcpy(a->job.output, path, sizeof path);
            job_done(q, a);
        }
    } else {
        unsigned char *pdf = NULL;
        size_t len = 0;
        char title[256];
        job_title(&d, a->job.id, title, sizeof title);
        int id = 0;
        if (badge_pdf_memory(badge, spec.w_mm, spec.h_mm, title, &pdf, &len, err, sizeof err) == 0)
            id = badge_cups_submit(a->job.printer, title, pdf, len, spec.w_mm, spec.h_mm, err,
                                   sizeof err);
        free(pdf);
        if (id <= 0) {
            attempt_failed(q, a, err);
        } else {
            a->job.cups_job_id = id;
            a->job.state = PRINT_SENT;
            a->job.error[0] = '\0';
            a->next_at = time_monotonic_ms() + q->opt.poll_ms;
            job_changed(q, &a->job);
        }
    }
    badge_image_free(badge);
    badge_data_free(&d);
}

/* Asks CUPS how the sent jobs of one printer are doing. */
static void follow(BadgeQueue *q, const char *printer)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nactive; i++)
        if (q->active[i].job.cups_job_id > 0 && !strcmp(q->active[i].job.printer, printer))
            n++;
    if (n == 0)
        return;
    int *ids = malloc(n * sizeof *ids);
    size_t *which = malloc(n * sizeof *which);
    BadgeCupsJobState *states = malloc(n * sizeof *states);
    char err[512] = "";
    if (!ids || !which || !states)
        goto out;
    n = 0;
    for (size_t i = 0; i < q->nactive; i++) {
        if (q->active[i].job.cups_job_id > 0 && !strcmp(q->active[i].job.printer, printer)) {
            ids[n] = q->active[i].job.cups_job_id;
            which[n++] = i;
        }
    }
    if (badge_cups_job_states(printer, ids, n, states, err, sizeof err) != 0) {
        status_problem(q, err); /* the server went away: ask again later */
        goto out;
    }
    /* A job waiting at a stopped printer would print whenever someone restarts it,
     * maybe long after the guest left: it counts as failed, and staff reprint. */
    char why[512] = "";
    bool stopped = false;
    for (size_t k = 0; k < n; k++)
        if (states[k] == BADGE_CUPS_JOB_WAITING) {
            stopped = badge_cups_printer_check(printer, why, sizeof why) != 0;
            status_problem(q, stopped ? why : NULL);
            break;
        }
    for (size_t k = 0; k < n; k++) {
        Active *a = &q->active[which[k]];
        switch (states[k]) {
        case BADGE_CUPS_JOB_WAITING:
            if (stopped) {
                badge_cups_cancel(printer, a->job.cups_job_id);
                attempt_failed(q, a, why);
            }
            break;
        case BADGE_CUPS_JOB_PROCESSING:
            if (a->job.state != PRINT_PRINTING) {
                a->job.state = PRINT_PRINTING;
                job_changed(q, &a->job);
            }
            break;
        case BADGE_CUPS_JOB_COMPLETED:
            job_done(q, a);
            break;
        case BADGE_CUPS_JOB_FAILED:
            snprintf(err, sizeof err, "printer %s stopped or cancelled job %d", printer,
                     a->job.cups_job_id);
            attempt_failed(q, a, err);
            break;
        case BADGE_CUPS_JOB_UNKNOWN:
            snprintf(err, sizeof err, "the print server lost job %d", a->job.cups_job_id);
            attempt_failed(q, a, err);
            break;
        }
        if (print_job_unfinished(a->job.state) && a->job.cups_job_id > 0)
            a->next_at = time_monotonic_ms() + q->opt.poll_ms;
    }
out:
    free(ids);
    free(which);
    free(states);
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

/* Records a new job for a request (or not, for an enqueue of a guest that has one). */
static void take_request(BadgeQueue *q, const Request *r)
{
    PrintJob job;
    if (!q->store) {
        request_failed(q, r->guest_id, NULL);
        return;
    }
    if (!r->reprint) {
        StoreStatus st = store_print_latest(q->store, r->guest_id, &job);
        if (st == STORE_OK && job.state != PRINT_FAILED) {
            /* Printed or printing already: the guest checked in again says so
             * too, and their screen shows that job instead of waiting forever. */
            if (job.state == PRINT_DONE &&
                store_badge_printed_set(q->store, job.guest_id) == STORE_ERROR)
                status_problem(q, store_errmsg(q->store));
            if (q->notify)
                q->notify(q->ud, &job);
            return;
        }
        if (st == STORE_ERROR) {
            request_failed(q, r->guest_id, store_errmsg(q->store));
            return;
        }
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

static void *worker(void *arg)
{
    BadgeQueue *q = arg;
    char err[640];
    if (store_open(q->db_path, 0, &q->store, err, sizeof err) != STORE_OK) {
        q->store = NULL;
        status_problem(q, err);
    } else if (q->opt.resume && store_print_each(q->store, true, resume_one, q) != STORE_OK) {
        status_problem(q, store_errmsg(q->store));
    }
    /* Jobs that were sent before a restart are followed; queued ones are tried. */
    for (;;) {
        pthread_mutex_lock(&q->mu);
        Request *req = q->req;
        size_t nreq = q->nreq;
        q->req = NULL;
        q->nreq = q->capreq = 0;
        bool stop = q->stop;
        pthread_mutex_unlock(&q->mu);
        for (size_t i = 0; i < nreq && !stop; i++)
            take_request(q, &req[i]);
        free(req);
        if (stop)
            break;

        int64_t now = time_monotonic_ms();
        for (size_t i = 0; i < q->nactive; i++) {
            Active *a = &q->active[i];
            if (a->job.state == PRINT_QUEUED && a->next_at <= now)
                attempt(q, a);
        }
        now = time_monotonic_ms();
        for (size_t i = 0; i < q->nactive; i++) {
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

        pthread_mutex_lock(&q->mu);
        q->status.waiting = q->nactive;
        q->status.failed = q->nfailed;
        while (!q->stop && q->nreq == 0) {
            now = time_monotonic_ms();
            if (due <= now)
                break;
            if (due == INT64_MAX) {
                pthread_cond_wait(&q->cv, &q->mu);
            } else {
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC, &ts);
                int64_t wait = due - now;
                ts.tv_sec += wait / 1000;
                ts.tv_nsec += (wait % 1000) * 1000000;
                if (ts.tv_nsec >= 1000000000) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000;
                }
                if (pthread_cond_timedwait(&q->cv, &q->mu, &ts) == ETIMEDOUT)
                    break;
            }
        }
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
    pthread_condattr_t ca;
    int rc = pthread_condattr_init(&ca);
    if (rc == 0) {
        rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        if (rc == 0)
            rc = pthread_cond_init(&q->cv, &ca);
        pthread_condattr_destroy(&ca);
    }
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
        goto err_cond;
    }
    return q;
err_cond:
    font_set_destroy(q->fonts);
err_fonts:
    free(q->db_path);
    free(q);
    return NULL;
}

static int request(BadgeQueue *q, const char *guest_id, bool reprint)
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
    snprintf(q->req[q->nreq].guest_id, ID_LEN + 1, "%s", guest_id);
    q->req[q->nreq++].reprint = reprint;
    q->status.waiting++;
    pthread_cond_signal(&q->cv);
out:
    pthread_mutex_unlock(&q->mu);
    return rc;
}

int badge_queue_enqueue(BadgeQueue *q, const char *guest_id)
{
    return request(q, guest_id, false);
}

int badge_queue_reprint(BadgeQueue *q, const char *guest_id)
{
    return request(q, guest_id, true);
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
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(q->thread, NULL);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    font_set_destroy(q->fonts);
    free(q->req);
    free(q->failed);
    free(q->active);
    free(q->db_path);
    free(q);
}
