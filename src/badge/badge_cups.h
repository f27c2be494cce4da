/* badge_cups.h — the little of libcups that badge printing needs.
 *
 * Every call opens its own connection to the default print server (CUPS_SERVER,
 * cupsSetServer), so each thread may use these freely (libcups keeps its state
 * per thread). Nothing here waits on the server without a bound: connecting
 * gives up after BADGE_CUPS_CONNECT_MS and each request after the calling
 * thread's timeout (badge_cups_limit, default BADGE_CUPS_TIMEOUT_MS) without an
 * answer, saying "did not answer"; a thread that set a cancel flag is let go
 * within a fifth of a second of the flag being set. Messages are the server's
 * own, prefixed with what was being done. */
#ifndef LANYARD_BADGE_CUPS_H
#define LANYARD_BADGE_CUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BADGE_CUPS_CONNECT_MS 5000
#define BADGE_CUPS_TIMEOUT_MS 10000

typedef enum BadgeCupsJobState {
    BADGE_CUPS_JOB_WAITING = 0, /* pending or held at the server */
    BADGE_CUPS_JOB_PROCESSING,
    BADGE_CUPS_JOB_COMPLETED,
    BADGE_CUPS_JOB_FAILED,  /* stopped, cancelled or aborted */
    BADGE_CUPS_JOB_UNKNOWN, /* the server does not know the job (any more) */
} BadgeCupsJobState;

/* For the calling thread from now on: each request fails after timeout_ms
 * (<= 0: BADGE_CUPS_TIMEOUT_MS) without an answer, and, when cancel is not
 * NULL, as soon as *cancel (set by another thread, read atomically) is not 0. */
void badge_cups_limit(int timeout_ms, const int *cancel);

/* Whether queue exists and takes jobs now. Returns 0 when it is ready, 1 when it
 * exists but is stopped (disabled) or rejecting jobs, -1 when it does not exist
 * or the server cannot be reached or did not answer; why says which, in words. */
int badge_cups_printer_check(const char *queue, char *why, size_t whylen);

/* Sends a PDF held in memory as one job named title, with media set to the
 * label size ("Custom.WxHmm"). Returns the job id (> 0), or 0 with err filled. */
int badge_cups_submit(const char *queue, const char *title, const unsigned char *pdf, size_t len,
                      double w_mm, double h_mm, char *err, size_t errlen);

/* States of the given jobs of queue, in one request. 0, or -1 with err filled
 * (server unreachable or silent). A queue that no longer exists: 0 with every
 * job BADGE_CUPS_JOB_UNKNOWN and *gone (may be NULL) set. */
int badge_cups_job_states(const char *queue, const int *ids, size_t n, BadgeCupsJobState *out,
                          bool *gone, char *err, size_t errlen);

/* The job of queue named title that the server created at or after since_s
 * (seconds UTC): its id (> 0) with *state and *has_document (false: created but
 * its document never arrived) filled, 0 when there is none (or the queue is
 * gone), -1 with err filled when the server cannot be asked. */
int badge_cups_find_job(const char *queue, const char *title, int64_t since_s,
                        BadgeCupsJobState *state, bool *has_document, char *err, size_t errlen);

/* Cancels a job (best effort: a job that already ended stays as it is). */
void badge_cups_cancel(const char *queue, int id);

#endif
