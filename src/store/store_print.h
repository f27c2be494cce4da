/* store_print.h — the badge print queue kept in the event database.
 *
 * A job per badge to print: queued (waiting to be sent), sent (accepted by CUPS),
 * printing, done, or failed (after its last attempt; staff see it and reprint,
 * which is a new job). Jobs stay in the database so a restarted kiosk resumes
 * the unfinished ones. The table is local to one kiosk: merge does not copy it.
 * Same threading rule as the rest of the store: one Store per thread. */
#ifndef LANYARD_STORE_PRINT_H
#define LANYARD_STORE_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ids.h"
#include "store/store.h"

typedef enum PrintJobState {
    PRINT_QUEUED = 0,
    PRINT_SENT,
    PRINT_PRINTING,
    PRINT_DONE,
    PRINT_FAILED,
} PrintJobState;

typedef struct PrintJob {
    int64_t id;
    char guest_id[ID_LEN + 1];
    PrintJobState state;
    int attempts;      /* tries made so far */
    int cups_job_id;   /* 0 until CUPS accepted it */
    char printer[128]; /* CUPS queue; "" = PNG file */
    char output[512];  /* the PNG written when there is no printer */
    char error[256];   /* why the last attempt failed ("" when it did not) */
    int64_t created_at, updated_at;
} PrintJob;

/* "queued", "sent", "printing", "done", "failed". */
const char *print_job_state_name(PrintJobState st);
/* True for queued, sent and printing. */
bool print_job_unfinished(PrintJobState st);

/* Adds a queued job for the guest on printer ("" = PNG); fills job. */
StoreStatus store_print_add(Store *s, const char *guest_id, const char *printer, int64_t now,
                            PrintJob *job);
/* Saves state, attempts, cups_job_id, output and error of job (by id). */
StoreStatus store_print_update(Store *s, const PrintJob *job, int64_t now);
StoreStatus store_print_get(Store *s, int64_t id, PrintJob *job);
/* The guest's most recent job; STORE_NOT_FOUND when there is none. */
StoreStatus store_print_latest(Store *s, const char *guest_id, PrintJob *job);
/* Calls fn for each job in id order (only unfinished ones when asked); stops
 * when fn returns non-zero. */
StoreStatus store_print_each(Store *s, bool unfinished_only,
                             int (*fn)(const PrintJob *job, void *ud), void *ud);

/* Marks the guest's active check-in as having its badge printed (the
 * "badge printed" column of attendance.csv). No check-in: STORE_NOT_FOUND. */
StoreStatus store_badge_printed_set(Store *s, const char *guest_id);

#endif
