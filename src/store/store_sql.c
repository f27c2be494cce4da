/* store_sql.c — the SQLite plumbing every file of the store shares: error
 * messages a person can act on, the prepared-statement cache, transactions,
 * and binding values so that a refused one is reported, never run without. */
#include "store/store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"

/* ---- errors ---- */

/* Words a staff member can act on for the SQLite errors that come from the
 * file rather than from a bug. */
const char *store_plain_error(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return "disk full";
    case SQLITE_READONLY:
        return "the file or its folder is read-only";
    case SQLITE_CANTOPEN:
        return "cannot open the file";
    case SQLITE_NOTADB:
        return "not a Lanyard database";
    case SQLITE_CORRUPT:
        return "the database file is damaged (corrupt)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database is busy in another program";
    case SQLITE_IOERR:
        return "disk I/O error"; /* SQLite's own words */
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "permission denied";
    case SQLITE_NOMEM:
        return "out of memory";
    default:
        return NULL;
    }
}

StoreStatus store_failf(Store *s, StoreStatus st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return st;
}

StoreStatus store_fail(Store *s, const char *doing)
{
    if (s->bind_rc != SQLITE_OK) {
        int rc = s->bind_rc;
        s->bind_rc = SQLITE_OK;
        const char *plain = store_plain_error(rc);
        return store_failf(s, STORE_ERROR, "%s: cannot %s: a value was refused (%s)", s->path,
                           doing, plain ? plain : sqlite3_errstr(rc));
    }
    int rc = sqlite3_extended_errcode(s->db);
    const char *plain = store_plain_error(rc);
    return store_failf(s, STORE_ERROR, "%s: cannot %s: %s", s->path, doing,
                       plain ? plain : sqlite3_errmsg(s->db));
}

const char *store_errmsg(const Store *s)
{
    return s ? s->err : "no database";
}

const char *store_path(const Store *s)
{
    return s->path;
}

/* ---- helpers shared by the store's files ---- */

StoreStatus store_exec(Store *s, const char *sql, const char *doing)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, doing);
    return STORE_OK;
}

StoreStatus store_step_done(Store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = store_step(s, st);
    store_finish(s, st);
    return rc == SQLITE_DONE ? STORE_OK : store_fail(s, doing);
}

sqlite3_stmt *store_prepare(Store *s, const char *sql, const char *doing)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, doing);
        return NULL;
    }
    return st;
}

/* Statements are kept prepared between calls, looked up by the address of
 * their SQL text (always a string literal): a check-in then costs little more
 * than its disk flush. A statement already in use (a nested call) is prepared
 * afresh and finalized by store_finish. */
sqlite3_stmt *store_cached(Store *s, const char *sql, const char *doing)
{
    StoreCached *free_slot = NULL;
    for (size_t i = 0; i < STORE_CACHE_SIZE; i++) {
        StoreCached *c = &s->cache[i];
        if (c->sql == sql && !c->in_use) {
            c->in_use = true;
            return c->st;
        }
        if (!c->sql && !free_slot)
            free_slot = c;
    }
    sqlite3_stmt *st = NULL;
    unsigned flags = free_slot ? SQLITE_PREPARE_PERSISTENT : 0;
    if (sqlite3_prepare_v3(s->db, sql, -1, flags, &st, NULL) != SQLITE_OK) {
        store_fail(s, doing);
        return NULL;
    }
    if (free_slot) {
        free_slot->sql = sql;
        free_slot->st = st;
        free_slot->in_use = true;
    }
    return st;
}

void store_finish(Store *s, sqlite3_stmt *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < STORE_CACHE_SIZE; i++) {
        StoreCached *c = &s->cache[i];
        if (c->st == st) {
            /* Their results repeat the last step's, which the caller has
             * handled; clearing bindings cannot fail. */
            (void)sqlite3_reset(st);
            (void)sqlite3_clear_bindings(st);
            c->in_use = false;
            return;
        }
    }
    (void)sqlite3_finalize(st);
}

/* Runs a cached statement without parameters or results. */
static int step_cached(Store *s, const char *sql, const char *doing)
{
    sqlite3_stmt *st = store_cached(s, sql, doing);
    if (!st)
        return SQLITE_ERROR;
    int rc = store_step(s, st);
    store_finish(s, st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

StoreStatus store_begin(Store *s, const char *doing)
{
    if (s->readonly)
        return store_failf(s, STORE_ERROR, "%s: cannot %s: opened read-only", s->path, doing);
    if (step_cached(s, "BEGIN IMMEDIATE", doing) != SQLITE_OK)
        return store_fail(s, doing);
    return STORE_OK;
}

StoreStatus store_commit(Store *s, const char *doing)
{
    if (step_cached(s, "COMMIT", doing) != SQLITE_OK) {
        StoreStatus st = store_fail(s, doing);
        store_rollback(s);
        return st;
    }
    return STORE_OK;
}

void store_rollback(Store *s)
{
    /* Nothing to do when SQLite already rolled back (e.g. after SQLITE_FULL).
     * A ROLLBACK that fails leaves the transaction open; the next BEGIN will
     * say so, and the message of the failure being handled says why. */
    if (sqlite3_get_autocommit(s->db))
        return;
    if (sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
        size_t len = strlen(s->err);
        snprintf(s->err + len, sizeof s->err - len, " (and undoing the change failed: %s)",
                 sqlite3_errmsg(s->db));
    }
}

/* Keeps the first failure of a binder or reset for store_step. */
static void keep_failure(Store *s, int rc)
{
    if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
        s->bind_rc = rc;
}

void store_bind_text(Store *s, sqlite3_stmt *st, int idx, const char *v)
{
    keep_failure(s, sqlite3_bind_text(st, idx, v ? v : "", -1, SQLITE_TRANSIENT));
}

void store_bind_time(Store *s, sqlite3_stmt *st, int idx, int64_t ms)
{
    char buf[32];
    time_format_utc(ms, buf);
    keep_failure(s, sqlite3_bind_text(st, idx, buf, -1, SQLITE_TRANSIENT));
}

void store_bind_int(Store *s, sqlite3_stmt *st, int idx, int64_t v)
{
    keep_failure(s, sqlite3_bind_int64(st, idx, v));
}

void store_bind_null(Store *s, sqlite3_stmt *st, int idx)
{
    keep_failure(s, sqlite3_bind_null(st, idx));
}

void store_reset(Store *s, sqlite3_stmt *st)
{
    keep_failure(s, sqlite3_reset(st));
}

int store_step(Store *s, sqlite3_stmt *st)
{
    return s->bind_rc != SQLITE_OK ? s->bind_rc : sqlite3_step(st);
}

const char *store_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

int64_t store_col_time(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    int64_t ms = 0;
    if (!t || !time_parse_utc((const char *)t, &ms))
        return 0;
    return ms;
}
