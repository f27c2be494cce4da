/* store_print.h — the badge print queue kept in the event database.
 *
 * A job per badge to print: held (the guest checked in and is still choosing
 * interests; written in the check-in's own transaction), queued (waiting to be
 * sent), sending (recorded before it goes to CUPS, so a restart asks CUPS
 * rather than sending it again), sent (accepted by CUPS), printing, done, or
 * failed (after its last attempt; staff see it and reprint, which is a new
 * job). Jobs stay in the database so a restarted kiosk resumes the unfinished
 * ones. The table is local to one kiosk: merge does not copy it.
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
    PRINT_HELD,
    PRINT_SENDING,
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
    /* Not stored: the job waits for its stopped printer (error says why),
     * which takes no try; the print worker sets it for the screens. */
    bool paused;
} PrintJob;

/* "queued", "sent", "printing", "done", "failed", "held", "sending". */
const char *print_job_state_name(PrintJobState st);
/* True for held, queued, sending, sent and printing. */
bool print_job_unfinished(PrintJobState st);

/* Adds a queued job for the guest on printer ("" = PNG); fills job. */
StoreStatus store_print_add(Store *s, const char *guest_id, const char *printer, int64_t now,
                            PrintJob *job);
/* The same in state st (PRINT_HELD or PRINT_QUEUED), inside the caller's
 * transaction when one is open. */
StoreStatus store_print_add_state(Store *s, const char *guest_id, const char *printer,
                                  PrintJobState st, int64_t now, PrintJob *job);
/* Checks the guest in as store_checkin (store_checkin_staff when staff) does
 * and, when that is a new check-in, records a held job for their badge on
 * printer in the same transaction: a check-in that is on disk always has its
 * badge. */
StoreStatus store_checkin_held(Store *s, const char *guest_id, const char *kiosk,
                               const char *printer, bool staff, int64_t now, CheckinResult *out);
/* Deletes the guest's held jobs (a check-in taken back: no badge is owed). */
StoreStatus store_print_drop_held(Store *s, const char *guest_id);
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
