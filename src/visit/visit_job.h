/* visit_job.h — staff's slow work off the screen thread: Export to USB, and
 * Load event from USB's look at the stick, its reading of a folder and the
 * load. A dying USB stick or a hung mount blocks every call on it; the
 * screen must never wait on one.
 *
 * One job at a time: visit_job_start hands the work to a thread of its own
 * (core/job.h) with copies of what it needs — the media port, the event's
 * settings, the database's path (an export reads through a Store connection
 * of its own) — and returns at once; the screen asks visit_job_take at each
 * frame until it is done. What changes the kiosk (a load's writing of the
 * event folder and its import into the database) is done by visit_job_take,
 * on the screen thread, from the folder read into memory: nothing changes
 * until then, so a job walked away from changes nothing.
 *
 * A job walked away from (staff pressed Back) still holds the stick until it
 * ends; a new one waits for it (visit_job_start says so). At the end, the
 * visit waits at most a second and a half for a job, then leaves it to end
 * on its own thread or be cut off with the process. */
#ifndef LANYARD_VISIT_JOB_H
#define LANYARD_VISIT_JOB_H

#include <stdbool.h>
#include <stddef.h>

#include "visit/visit.h"
#include "visit/visit_event_load.h"
#include "visit/visit_staff.h"

typedef enum VisitJobKind {
    VISIT_JOB_NONE,
    VISIT_JOB_EXPORT,  /* Export to USB (visit_export_usb) */
    VISIT_JOB_FOLDERS, /* the event folders on the stick (visit_event_folders) */
    VISIT_JOB_CHECK,   /* one folder read and checked (visit_event_check) */
    VISIT_JOB_LOAD,    /* one folder read, checked and loaded (visit_event_load) */
} VisitJobKind;

typedef struct VisitJobResult {
    VisitJobKind kind;
    /* As the call named above returns: a VisitExport, 0 or -1, or a
     * VisitLoad; on failure visit_error says why. */
    int rc;
    char dir[1200];       /* EXPORT: the folder written */
    EventFolders folders; /* FOLDERS */
    EventLoadCheck check; /* CHECK, LOAD */
} VisitJobResult;

/* Starts kind's work (dir: the event folder of CHECK and LOAD; start_new:
 * LOAD's answer to "Start a new event?"). 0 started; 1 when a job is still
 * running (nothing started: ask again later); -1 with visit_error when no
 * thread can be started. A finished job nobody took is let go; an export's
 * answer is kept for staff home (visit_job_export_pending). */
int visit_job_start(Visit *v, VisitJobKind kind, const char *dir, bool start_new);

/* The kind of the job held (running, or finished and not yet taken), or
 * VISIT_JOB_NONE. */
VisitJobKind visit_job_kind(const Visit *v);

/* Whether an export's answer is still to be taken: running, finished, or
 * finished while staff were on Load event (kept for staff home). */
bool visit_job_export_pending(const Visit *v);

/* How the job of kind is doing, never waiting: 1 still running; 0 done, out
 * filled (a LOAD loaded here, on the caller's thread) and the job let go; -1
 * when no job of that kind is held. */
int visit_job_take(Visit *v, VisitJobKind kind, VisitJobResult *out);

/* Waits at most timeout_ms for the job held to end (a script's next line, a
 * test); true when none is running. */
bool visit_job_wait(Visit *v, int timeout_ms);

#endif
