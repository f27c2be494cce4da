/* store_print.c — the print_jobs table (see store_print.h). */
#include "store/store_print.h"

#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

static const char *const STATE_NAMES[] = {"queued", "sent", "printing", "done",
                                          "failed", "held", "sending"};

const char *print_job_state_name(PrintJobState st)
{
    return (unsigned)st < sizeof STATE_NAMES / sizeof STATE_NAMES[0] ? STATE_NAMES[st] : "?";
}

bool print_job_unfinished(PrintJobState st)
{
    return st == PRINT_QUEUED || st == PRINT_SENT || st == PRINT_PRINTING || st == PRINT_HELD ||
           st == PRINT_SENDING;
}

static PrintJobState state_parse(const char *s)
{
    for (size_t i = 0; i < sizeof STATE_NAMES / sizeof STATE_NAMES[0]; i++)
        if (!strcmp(s, STATE_NAMES[i]))
            return (PrintJobState)i;
    return PRINT_FAILED; /* the CHECK constraint makes this unreachable */
}

#define JOB_COLUMNS                                                                                \
    "id, guest_id, state, attempts, cups_job_id, printer, output, error, created_at, updated_at"

static void read_job(sqlite3_stmt *st, PrintJob *job)
{
    memset(job, 0, sizeof *job);
    job->id = sqlite3_column_int64(st, 0);
    snprintf(job->guest_id, sizeof job->guest_id, "%s", store_col_text(st, 1));
    job->state = state_parse(store_col_text(st, 2));
    job->attempts = sqlite3_column_int(st, 3);
    job->cups_job_id = sqlite3_column_int(st, 4);
    snprintf(job->printer, sizeof job->printer, "%s", store_col_text(st, 5));
    snprintf(job->output, sizeof job->output, "%s", store_col_text(st, 6));
    snprintf(job->error, sizeof job->error, "%s", store_col_text(st, 7));
    job->created_at = store_col_time(st, 8);
    job->updated_at = store_col_time(st, 9);
}

StoreStatus store_print_add(Store *s, const char *guest_id, const char *printer, int64_t now,
                            PrintJob *job)
{
    return store_print_add_state(s, guest_id, printer, PRINT_QUEUED, now, job);
}

StoreStatus store_print_add_state(Store *s, const char *guest_id, const char *printer,
                                  PrintJobState state, int64_t now, PrintJob *job)
{
    sqlite3_stmt *st =
        store_cached(s,
                     "INSERT INTO print_jobs (guest_id, state, printer, created_at, updated_at)"
                     " VALUES (?1, ?4, ?2, ?3, ?3) RETURNING " JOB_COLUMNS,
                     "queue a badge");
    if (!st)
        return STORE_ERROR;
    StoreStatus rc = STORE_OK;
    store_bind_text(s, st, 1, guest_id);
    store_bind_text(s, st, 2, printer);
    store_bind_time(s, st, 3, now);
    store_bind_text(s, st, 4, print_job_state_name(state));
    if (store_step(s, st) != SQLITE_ROW) {
        rc = store_fail(s, "queue a badge");
    } else {
        read_job(st, job);
        if (store_step(s, st) != SQLITE_DONE)
            rc = store_fail(s, "queue a badge");
    }
    store_finish(s, st);
    return rc;
}

StoreStatus store_print_update(Store *s, const PrintJob *job, int64_t now)
{
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE print_jobs SET state = ?2, attempts = ?3,"
                                    " cups_job_id = ?4, output = ?5, error = ?6, updated_at = ?7"
                                    " WHERE id = ?1",
                                    "update a print job");
    if (!st)
        return STORE_ERROR;
    StoreStatus rc = STORE_OK;
    store_bind_int(s, st, 1, job->id);
    store_bind_text(s, st, 2, print_job_state_name(job->state));
    store_bind_int(s, st, 3, job->attempts);
    store_bind_int(s, st, 4, job->cups_job_id);
    store_bind_text(s, st, 5, job->output);
    store_bind_text(s, st, 6, job->error);
    store_bind_time(s, st, 7, now);
    if (store_step(s, st) != SQLITE_DONE)
        rc = store_fail(s, "update a print job");
    else if (sqlite3_changes(s->db) == 0)
        rc = store_failf(s, STORE_NOT_FOUND, "no print job %lld", (long long)job->id);
    store_finish(s, st);
    return rc;
}

/* Steps a prepared query that yields at most one job, and finalizes it. */
static StoreStatus one_job(Store *s, sqlite3_stmt *st, PrintJob *job)
{
    StoreStatus rc;
    int step = store_step(s, st);
    if (step == SQLITE_ROW) {
        read_job(st, job);
        rc = STORE_OK;
    } else if (step == SQLITE_DONE) {
        rc = store_failf(s, STORE_NOT_FOUND, "no print job found");
    } else {
        rc = store_fail(s, "read print jobs");
    }
    store_finish(s, st);
    return rc;
}

StoreStatus store_print_get(Store *s, int64_t id, PrintJob *job)
{
    static const char SQL[] = "SELECT " JOB_COLUMNS " FROM print_jobs WHERE id = ?1";
    sqlite3_stmt *st = store_cached(s, SQL, "read print jobs");
    if (!st)
        return STORE_ERROR;
    store_bind_int(s, st, 1, id);
    return one_job(s, st, job);
}

StoreStatus store_print_latest(Store *s, const char *guest_id, PrintJob *job)
{
    static const char SQL[] =
        "SELECT " JOB_COLUMNS " FROM print_jobs WHERE guest_id = ?1 ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = store_cached(s, SQL, "read print jobs");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, guest_id);
    return one_job(s, st, job);
}

StoreStatus store_print_each(Store *s, bool unfinished_only,
                             int (*fn)(const PrintJob *job, void *ud), void *ud)
{
    sqlite3_stmt *st =
        store_cached(s,
                     unfinished_only ? "SELECT " JOB_COLUMNS " FROM print_jobs WHERE state IN"
                                       " ('held', 'queued', 'sending', 'sent', 'printing')"
                                       " ORDER BY id"
                                     : "SELECT " JOB_COLUMNS " FROM print_jobs ORDER BY id",
                     "read print jobs");
    if (!st)
        return STORE_ERROR;
    StoreStatus rc = STORE_OK;
    int step;
    while ((step = store_step(s, st)) == SQLITE_ROW) {
        PrintJob job;
        read_job(st, &job);
        if (fn(&job, ud) != 0)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_fail(s, "read print jobs");
    store_finish(s, st);
    return rc;
}

StoreStatus store_badge_printed_set(Store *s, const char *guest_id)
{
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE attendance SET badge_printed = 1 WHERE guest_id = ?1"
                                    " AND " STORE_COUNTED,
                                    "mark a badge printed");
    if (!st)
        return STORE_ERROR;
    StoreStatus rc = STORE_OK;
    store_bind_text(s, st, 1, guest_id);
    if (store_step(s, st) != SQLITE_DONE)
        rc = store_fail(s, "mark a badge printed");
    else if (sqlite3_changes(s->db) == 0)
        rc = store_failf(s, STORE_NOT_FOUND, "guest %s is not checked in", guest_id);
    store_finish(s, st);
    return rc;
}

StoreStatus store_print_drop_held(Store *s, const char *guest_id)
{
    sqlite3_stmt *st = store_cached(
        s, "DELETE FROM print_jobs WHERE guest_id = ?1 AND state = 'held'", "drop a held badge");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, guest_id);
    StoreStatus rc =
        store_step(s, st) == SQLITE_DONE ? STORE_OK : store_fail(s, "drop a held badge");
    store_finish(s, st);
    return rc;
}
