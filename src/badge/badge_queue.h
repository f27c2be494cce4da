/* badge_queue.h — badge printing in the background, so check-in never waits.
 *
 * The kiosk checks a guest in (which records a held job for their badge in the
 * same transaction, store_checkin_held), then calls badge_queue_enqueue when
 * they leave Interests, which only hands the guest id to a worker thread and
 * returns. The worker, with its own database connection (store_open on the
 * same file), releases the held job (or records one, store/store_print.h),
 * renders the badge from what the database says then, sends it to the CUPS
 * queue named in event.ini (or writes badges/<code>-<job>.png beside the
 * database when no printer is set, see badge_files.h), follows the job at CUPS
 * until it has printed, retries a failed job a bounded number of times, then
 * leaves it failed for staff to see and reprint. A queue created after a
 * restart resumes the unfinished jobs: held ones print, and one found
 * "sending" (the kiosk stopped while handing it to CUPS) is looked for at CUPS
 * by its job name before it is sent again, so no badge prints twice.
 *
 * A stopped printer (cupsdisable, or CUPS itself when a label printer runs
 * out of labels or errs) is a reason to wait, not to fail: a queued job stays
 * in the kiosk, unsent and with no try used up, marked paused with the
 * printer's reason, and is sent once the printer takes jobs again; a job CUPS
 * already has is left waiting there and prints when the printer is started.
 * Either way it prints once, or not at all: a badge held for
 * stopped_give_up_ms (15 minutes) fails and is cancelled at CUPS, since its
 * guest has left by then; staff reprint it for one who is still there.
 *
 * No wait on CUPS is unbounded (badge_cups.h): a print server that does not
 * answer fails the try with "did not answer", and a sent job CUPS gives no
 * news of for give_up_ms, or whose queue is gone, fails for good and is
 * cancelled at CUPS so that it never prints later. badge_queue_destroy lets go
 * of a call in progress within a fifth of a second.
 *
 * Fonts: a FontSet is not thread-safe, so the worker renders with a FontSet of
 * its own, created by badge_queue_create (a missing font is reported there, not
 * later) and from then on used by the worker only. The kiosk keeps its own.
 *
 * The notify callback runs on the worker thread after each change of a job's
 * state; it must not touch UI state (the kiosk wraps it in SDL_PushEvent). For
 * the guest's Done screen: queued, sent and printing read "printing…" (a try
 * that failed and will be retried stays queued, with its error set) unless
 * the job is paused (its printer is stopped: staff must start it), done reads
 * "printed" when the job's printer is set and "saved for staff to print" when
 * it is "" (the badge is the PNG in the job's output), failed reads "please
 * see staff". */
#ifndef LANYARD_BADGE_QUEUE_H
#define LANYARD_BADGE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event_config.h"
#include "store/store_print.h"
#include "visit/ports.h"

typedef struct BadgeQueue BadgeQueue;

typedef void (*BadgeNotifyFn)(void *ud, const PrintJob *job);

typedef struct BadgeQueueOptions {
    int max_attempts;       /* tries before a job is left failed; default 3 */
    int retry_delay_ms;     /* wait before the first retry, doubled for each next; default 2000 */
    int poll_ms;            /* how often CUPS is asked about sent jobs, and a stopped
                             * printer whether it was started; default 500 */
    bool resume;            /* take over unfinished jobs found in the database; default true
                             * (`lanyard print` says false: it leaves the kiosk's jobs alone) */
    int cups_timeout_ms;    /* a request to CUPS with no answer for this long fails;
                             * 0: BADGE_CUPS_TIMEOUT_MS */
    int give_up_ms;         /* a sent job CUPS says nothing of for this long fails; 120000 */
    bool wait_stopped;      /* a stopped printer holds jobs until it is started; default
                             * true (`lanyard print` says false: someone waits for the answer,
                             * and a job CUPS holds at a stopped printer is then cancelled) */
    int stopped_give_up_ms; /* a badge held this long for a stopped printer fails, and is
                             * cancelled at CUPS: its guest has left; 900000 (15 min),
                             * 0: held until the printer is started */
} BadgeQueueOptions;

void badge_queue_options_default(BadgeQueueOptions *o);

/* Starts the worker for the database at db_path with the event's settings
 * (copied). opt NULL means defaults; notify may be NULL. Returns once the
 * worker has read the unfinished jobs (from the database, never waiting on the
 * printer), or NULL with err filled when the fonts cannot be loaded or the
 * thread cannot start. A database that cannot be opened is reported through
 * the status and failed jobs. */
BadgeQueue *badge_queue_create(const char *db_path, const EventConfig *cfg,
                               const BadgeQueueOptions *opt, BadgeNotifyFn notify, void *ud,
                               char *err, size_t errlen);

/* Prints the guest's badge: releases their held job, else records a new one
 * unless the guest already has a job that is not failed (a second check-in or
 * a double tap prints once; notify then reports that job as it is, and a done
 * one marks the active check-in printed). Never blocks on the printer or the
 * disk. 0, or -1 when out of memory. */
int badge_queue_enqueue(BadgeQueue *q, const char *guest_id);

/* Prints the guest's badge again: a new job, or their held one released, or
 * (while one is still on its way, e.g. waiting for a stopped printer) that
 * one tried again at once, so it never prints twice. 0 or -1. */
int badge_queue_reprint(BadgeQueue *q, const char *guest_id);

/* Staff's Print test badge (badge_sample.h), rendered and sent by the worker;
 * returns at once. now (ms UTC) names the PNG. Its ticket (> 0), or 0 when
 * out of memory. */
unsigned badge_queue_test_badge(BadgeQueue *q, int64_t now);
/* The same on another CUPS queue than the event's (staff's Printer set-up). */
unsigned badge_queue_test_badge_on(BadgeQueue *q, const char *printer, int64_t now);
/* How the test badge of this ticket went, waiting at most wait_ms (0: not at
 * all) for it: 1 still on its way, 0 done (out filled), -1 failed (out->error
 * says why; also when a newer test badge was asked for since, whose answer
 * is the only one kept). */
int badge_queue_test_result(BadgeQueue *q, unsigned ticket, TestBadge *out, int wait_ms);
/* Whether the last test badge asked for is still on its way. */
bool badge_queue_test_pending(BadgeQueue *q);

/* The CUPS job name (and PDF title) of a job: "Lanyard badge <id>-<stamp>",
 * its number and when it was made, and nothing about the guest. */
void badge_queue_job_name(const PrintJob *job, char *out, size_t outlen);

/* The printer as staff see it (visit/ports.h). */
void badge_queue_status(BadgeQueue *q, PrinterStatus *out);

/* Stops the worker (after the step it is in; a wait on CUPS is let go within a
 * fifth of a second) and frees the queue. Unfinished jobs stay in the
 * database for the next start. */
void badge_queue_destroy(BadgeQueue *q);

#endif
