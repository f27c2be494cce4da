/* badge_cups.h — the little of libcups that badge printing needs.
 *
 * Every call opens its own connection to the default print server, so each
 * thread may use these freely (libcups keeps its state per thread). Messages
 * are the server's own, prefixed with what was being done. */
#ifndef LANYARD_BADGE_CUPS_H
#define LANYARD_BADGE_CUPS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum BadgeCupsJobState {
    BADGE_CUPS_JOB_WAITING = 0, /* pending or held at the server */
    BADGE_CUPS_JOB_PROCESSING,
    BADGE_CUPS_JOB_COMPLETED,
    BADGE_CUPS_JOB_FAILED,  /* stopped, cancelled or aborted */
    BADGE_CUPS_JOB_UNKNOWN, /* the server does not know the job (any more) */
} BadgeCupsJobState;

/* Whether queue exists and takes jobs now. Returns 0 when it is ready, 1 when it
 * exists but is stopped (disabled) or rejecting jobs, -1 when it does not exist
 * or the server cannot be reached; why says which, in words. */
int badge_cups_printer_check(const char *queue, char *why, size_t whylen);

/* Sends a PDF held in memory as one job, with media set to the label size
 * ("Custom.WxHmm"). Returns the job id (> 0), or 0 with err filled. */
int badge_cups_submit(const char *queue, const char *title, const unsigned char *pdf, size_t len,
                      double w_mm, double h_mm, char *err, size_t errlen);

/* States of the given jobs of queue, in one request. 0, or -1 with err filled
 * (server unreachable). */
int badge_cups_job_states(const char *queue, const int *ids, size_t n, BadgeCupsJobState *out,
                          char *err, size_t errlen);

/* Cancels a job (best effort: a job that already ended stays as it is). */
void badge_cups_cancel(const char *queue, int id);

#endif
