/* visit_job.c — staff's slow work on a thread of its own. See visit_job.h. */
#include "visit/visit_job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/job.h"
#include "core/text.h"
#include "visit/visit_internal.h"
#include "visit/visit_load_internal.h"

/* How long the visit's end waits for a job before leaving it (exit must not
 * hang on a dead stick). */
#define DROP_WAIT_MS 1500

/* One job: what the worker needs, copied at the start so it touches nothing
 * of the visit's, and its answer. The worker's until job_done, then the
 * visit's; freed by whichever of the two lets go last (core/job.h). */
typedef struct VisitWork {
    Job *job; /* the visit's side only */
    VisitJobKind kind;
    MediaPort media; /* its find runs on the worker (visit/ports.h) */
    EventConfig cfg;
    char db_path[1024];
    int64_t now;
    char dir[1024];
    bool start_new;
    VisitJobResult res;
    EventLoaded *loaded; /* LOAD: the folder in memory */
    char err[1400];
} VisitWork;

static void work_free(void *arg)
{
    VisitWork *w = arg;
    event_load_free(w->loaded);
    free(w);
}

/* Export to USB with a Store connection of the worker's own: SQLite lets a
 * connection read (WAL) while the kiosk's writes; one connection is never
 * used by two threads. */
static void export_work(VisitWork *w)
{
    char usb[1024];
    int found = w->media.find ? w->media.find(w->media.ud, usb, sizeof usb) : -1;
    if (found != 0) {
        w->res.rc = found == 1 ? VISIT_EXPORT_READ_ONLY : VISIT_EXPORT_NO_USB;
        return;
    }
    Store *s = NULL;
    if (store_open(w->db_path, STORE_OPEN_READONLY, &s, w->err, sizeof w->err) != STORE_OK) {
        w->res.rc = VISIT_EXPORT_FAILED;
        return;
    }
    w->res.rc = visit_export_to(s, usb, w->cfg.name, w->cfg.kiosk_id, w->now, w->res.dir,
                                sizeof w->res.dir, w->err, sizeof w->err) == 0
                    ? VISIT_EXPORT_DONE
                    : VISIT_EXPORT_FAILED;
    store_close(s);
}

static void work_run(void *arg)
{
    VisitWork *w = arg;
    switch (w->kind) {
    case VISIT_JOB_EXPORT:
        export_work(w);
        break;
    case VISIT_JOB_FOLDERS:
        w->res.rc = event_load_folders(&w->media, &w->res.folders, w->err, sizeof w->err);
        break;
    case VISIT_JOB_CHECK:
    case VISIT_JOB_LOAD:
        w->loaded =
            event_load_read(&w->cfg, w->db_path, w->dir, &w->res.check, w->err, sizeof w->err);
        w->res.rc = w->loaded ? 0 : -1;
        break;
    case VISIT_JOB_NONE:
        break;
    }
}

static void release_work(struct VisitWork **slot)
{
    if (!*slot)
        return;
    Job *j = (*slot)->job;
    *slot = NULL;
    job_release(j); /* may free the work */
}

static void let_go(Visit *v)
{
    release_work(&v->work);
}

int visit_job_start(Visit *v, VisitJobKind kind, const char *dir, bool start_new)
{
    if (v->work && !job_done(v->work->job))
        return 1;
    /* A finished job nobody took is let go, but for an export's answer when
     * other work takes the stick: it is kept for staff home (staff went on
     * to Load event while it ran) until told. A new export replaces both. */
    if (kind != VISIT_JOB_EXPORT && v->work && v->work->kind == VISIT_JOB_EXPORT) {
        release_work(&v->export_kept);
        v->export_kept = v->work;
        v->work = NULL;
    }
    if (kind == VISIT_JOB_EXPORT)
        release_work(&v->export_kept);
    let_go(v);
    VisitWork *w = calloc(1, sizeof *w);
    if (!w) {
        visit_fail(v, "out of memory");
        return -1;
    }
    w->kind = kind;
    w->media = v->env.media;
    w->cfg = *v->env.cfg;
    text_copy(w->db_path, sizeof w->db_path, store_path(v->env.store));
    w->now = visit_now(v);
    text_copy(w->dir, sizeof w->dir, dir ? dir : "");
    w->start_new = start_new;
    w->res.kind = kind;
    char err[256];
    w->job = job_start(work_run, work_free, w, err, sizeof err);
    if (!w->job) {
        free(w);
        visit_fail(v, "%s", err);
        return -1;
    }
    v->work = w;
    return 0;
}

VisitJobKind visit_job_kind(const Visit *v)
{
    return v->work ? v->work->kind : VISIT_JOB_NONE;
}

bool visit_job_export_pending(const Visit *v)
{
    return visit_job_kind(v) == VISIT_JOB_EXPORT || v->export_kept;
}

int visit_job_take(Visit *v, VisitJobKind kind, VisitJobResult *out)
{
    struct VisitWork **slot = &v->work;
    if ((!*slot || (*slot)->kind != kind) && kind == VISIT_JOB_EXPORT)
        slot = &v->export_kept;
    VisitWork *w = *slot;
    if (!w || w->kind != kind)
        return -1;
    if (!job_done(w->job))
        return 1;
    *out = w->res;
    if (kind == VISIT_JOB_EXPORT && out->rc == VISIT_EXPORT_FAILED) {
        text_copy(v->err, sizeof v->err, w->err);
        fprintf(stderr, "lanyard: export to USB: %s\n", w->err);
    } else if (kind != VISIT_JOB_EXPORT && out->rc != 0) {
        visit_fail(v, "%s", w->err);
        if (kind == VISIT_JOB_LOAD)
            out->rc = VISIT_LOAD_FAILED;
    } else if (kind == VISIT_JOB_LOAD) {
        out->rc = event_load_apply(v, w->loaded, &out->check, w->start_new);
    }
    release_work(slot);
    return 0;
}

bool visit_job_wait(Visit *v, int timeout_ms)
{
    return !v->work || job_wait(v->work->job, timeout_ms);
}

void visit_job_drop(Visit *v)
{
    /* A job writing to a slow stick gets a moment to finish; one blocked on
     * a dead stick is left to its thread, which frees it should the call ever
     * return, and is cut off when the process exits. */
    if (v->work)
        job_wait(v->work->job, DROP_WAIT_MS);
    let_go(v);
    release_work(&v->export_kept);
}
