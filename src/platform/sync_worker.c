/* sync_worker.c — the sync folder worker: a change flag and a due time under a
 * mutex, one thread that waits for the due time and writes the copy with its
 * own Store connection. See sync_worker.h. */
#include "platform/sync_worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/job.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "store/store.h"

#define NOT_DUE INT64_MAX
#define MAX_BACKOFF_MS 60000

struct SyncWorker {
    char *db_path;
    SyncOptions opt;
    ClockPort clock; /* called with the lock held: must return at once */
    SyncNotifyFn notify;
    void *notify_ud;
    pthread_t thread;

    pthread_mutex_t mu;     /* guards everything below */
    pthread_cond_t cv;      /* the worker waits on it: a change, or stop */
    pthread_cond_t done_cv; /* destroy waits on it for the worker's end */
    bool dirty;             /* a change not yet copied (or a copy that failed) */
    int64_t due;            /* monotonic ms of the next try; NOT_DUE when none */
    int backoff_ms;         /* the next back-off after a failure */
    bool stop, done, abandoned;
    SyncStatus status;

    Store *store; /* worker thread only */
};

void sync_worker_options_default(SyncOptions *o)
{
    o->debounce_ms = 3000;
    o->retry_ms = 5000;
    o->final_wait_ms = 2000;
}

/* A kiosk id as a file name: no '/', no hidden files, nothing a share refuses. */
static void safe_id(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (; in && *in && o + 1 < outlen; in++) {
        unsigned char c = (unsigned char)*in;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (c == '.' && o > 0);
        out[o++] = ok ? (char)c : '_';
    }
    if (o == 0)
        out[o++] = '_';
    out[o] = '\0';
}

static void deadline_at(struct timespec *ts, int64_t mono)
{
    ts->tv_sec = (time_t)(mono / 1000);
    ts->tv_nsec = (long)(mono % 1000) * 1000000;
}

/* ---- the worker ---- */

/* One copy; 0, or -1 with err filled. Runs without the lock. */
static int copy_once(SyncWorker *w, const char *folder, const char *dest, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(folder, &sb) != 0) {
        int e = errno;
        snprintf(err, errlen, "sync folder %s: %s", folder,
                 e == ENOENT ? "missing (is the USB stick or share mounted?)" : strerror(e));
        return -1;
    }
    if (!S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "sync folder %s is not a folder", folder);
        return -1;
    }
    /* Read-write though it only reads: it outlives the kiosk's connection,
     * and only a read-write one closing last puts the log into the file. */
    if (!w->store && store_open(w->db_path, 0, &w->store, err, errlen) != STORE_OK) {
        w->store = NULL;
        return -1;
    }
    if (store_backup(w->store, dest) != STORE_OK) {
        text_copy(err, errlen, store_errmsg(w->store));
        return -1;
    }
    return 0;
}

/* Records how a try went (lock held). */
static void record(SyncWorker *w, bool ok, const char *err)
{
    int64_t now = w->clock.now(w->clock.ud);
    w->status.ok = ok;
    if (ok) {
        w->status.last_ok = now;
        w->status.error[0] = '\0';
        w->status.copies++;
        w->backoff_ms = w->opt.retry_ms;
    } else {
        w->status.last_error = now;
        text_copy(w->status.error, sizeof w->status.error, err);
        w->status.failures++;
        /* Still to copy: at the next change or after the back-off. */
        w->dirty = true;
        int64_t at = time_monotonic_ms() + w->backoff_ms;
        if (at < w->due)
            w->due = at;
        w->backoff_ms = w->backoff_ms >= MAX_BACKOFF_MS / 2 ? MAX_BACKOFF_MS : w->backoff_ms * 2;
    }
    w->status.pending = w->dirty;
}

static void *worker(void *arg)
{
    SyncWorker *w = arg;
    char err[sizeof w->status.error];
    /* dest and folder are fixed at creation; copies so the copy runs unlocked. */
    char dest[sizeof w->status.dest], folder[sizeof w->status.dest];
    pthread_mutex_lock(&w->mu);
    memcpy(dest, w->status.dest, sizeof dest);
    pthread_mutex_unlock(&w->mu);
    memcpy(folder, dest, sizeof folder);
    char *slash = strrchr(folder, '/');
    if (slash)
        *(slash == folder ? slash + 1 : slash) = '\0';

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->stop) {
            int64_t now = time_monotonic_ms();
            if (w->due <= now)
                break;
            if (w->due == NOT_DUE) {
                pthread_cond_wait(&w->cv, &w->mu);
            } else {
                struct timespec ts;
                deadline_at(&ts, w->due);
                pthread_cond_timedwait(&w->cv, &w->mu, &ts);
            }
        }
        if (w->stop)
            break;
        /* Changes from here on are not in this copy: they make it due again. */
        w->dirty = false;
        w->due = NOT_DUE;
        w->status.pending = false;
        pthread_mutex_unlock(&w->mu);
        int rc = copy_once(w, folder, dest, err, sizeof err);
        pthread_mutex_lock(&w->mu);
        record(w, rc == 0, err);
        if (w->notify && !w->stop)
            w->notify(w->notify_ud, &w->status);
    }
    /* The last copy on the way out, of what the kiosk changed since the last one. */
    bool last = w->dirty;
    w->dirty = false;
    pthread_mutex_unlock(&w->mu);
    if (last) {
        int rc = copy_once(w, folder, dest, err, sizeof err);
        pthread_mutex_lock(&w->mu);
        record(w, rc == 0, err);
        pthread_mutex_unlock(&w->mu);
        if (rc != 0)
            fprintf(stderr, "lanyard: the last sync copy was not written: %s\n", err);
    }
    store_close(w->store);
    w->store = NULL;

    pthread_mutex_lock(&w->mu);
    w->done = true;
    bool abandoned = w->abandoned;
    pthread_cond_broadcast(&w->done_cv);
    pthread_mutex_unlock(&w->mu);
    if (abandoned) {
        /* destroy gave up waiting and left the worker to free itself. */
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        pthread_cond_destroy(&w->done_cv);
        free(w->db_path);
        free(w);
    }
    return NULL;
}

/* ---- the caller's side ---- */

SyncWorker *sync_worker_create(const char *db_path, const char *folder, const char *kiosk_id,
                               const SyncOptions *opt, ClockPort clock, SyncNotifyFn notify,
                               void *notify_ud, char *err, size_t errlen)
{
    SyncWorker *w = calloc(1, sizeof *w);
    if (!w || !(w->db_path = strdup(db_path))) {
        snprintf(err, errlen, "out of memory");
        free(w);
        return NULL;
    }
    if (opt)
        w->opt = *opt;
    else
        sync_worker_options_default(&w->opt);
    if (w->opt.retry_ms < 1)
        w->opt.retry_ms = 1;
    w->clock = clock;
    w->notify = notify;
    w->notify_ud = notify_ud;
    w->backoff_ms = w->opt.retry_ms;
    w->status.ok = true;

    char id[128];
    safe_id(kiosk_id, id, sizeof id);
    size_t flen = strlen(folder);
    while (flen > 1 && folder[flen - 1] == '/')
        flen--;
    int n = snprintf(w->status.dest, sizeof w->status.dest, "%.*s/lanyard-%s.db", (int)flen, folder,
                     id);
    if (flen == 0 || n < 0 || (size_t)n >= sizeof w->status.dest) {
        snprintf(err, errlen, "sync folder name is %s", flen ? "too long" : "empty");
        goto err;
    }
    snprintf(w->status.folder, sizeof w->status.folder, "%s", folder);
    /* The first copy: the data the kiosk starts with. */
    w->dirty = true;
    w->status.pending = true;
    w->due = time_monotonic_ms() + w->opt.debounce_ms;

    int rc = job_cond_init(&w->cv);
    if (rc == 0) {
        rc = job_cond_init(&w->done_cv);
        if (rc != 0)
            pthread_cond_destroy(&w->cv);
    }
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the sync worker: %s", strerror(rc));
        goto err;
    }
    pthread_mutex_init(&w->mu, NULL);
    rc = pthread_create(&w->thread, NULL, worker, w);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the sync worker: %s", strerror(rc));
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        pthread_cond_destroy(&w->done_cv);
        goto err;
    }
    return w;
err:
    free(w->db_path);
    free(w);
    return NULL;
}

void sync_worker_changed(SyncWorker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->dirty = true;
    w->status.pending = true;
    /* Due debounce_ms after the first change not yet copied; a change during a
     * back-off brings the retry forward to that too. */
    int64_t at = time_monotonic_ms() + w->opt.debounce_ms;
    if (at < w->due) {
        w->due = at;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_status(SyncWorker *w, SyncStatus *out)
{
    pthread_mutex_lock(&w->mu);
    *out = w->status;
    pthread_mutex_unlock(&w->mu);
}

void sync_worker_destroy(SyncWorker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->cv);
    struct timespec ts;
    deadline_at(&ts, time_monotonic_ms() + w->opt.final_wait_ms);
    while (!w->done)
        if (pthread_cond_timedwait(&w->done_cv, &w->mu, &ts) == ETIMEDOUT)
            break;
    bool done = w->done;
    if (!done)
        w->abandoned = true;
    char dest[sizeof w->status.dest];
    memcpy(dest, w->status.dest, sizeof dest);
    /* Once the lock is let go an abandoned worker may free w at any moment. */
    pthread_t thread = w->thread;
    pthread_mutex_unlock(&w->mu);
    if (!done) {
        /* A share that stopped answering: the kiosk exits anyway, and the
         * worker frees itself should the write ever return. */
        fprintf(stderr, "lanyard: gave up waiting for the last sync copy to %s\n", dest);
        pthread_detach(thread);
        return;
    }
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    pthread_cond_destroy(&w->done_cv);
    free(w->db_path);
    free(w);
}
