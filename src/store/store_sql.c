/* store_sql.c — the SQLite plumbing every file of the store shares: error
 * messages a person can act on, the prepared-statement cache, transactions,
 * and binding values so that a refused one is reported, never run without. */
#include "store/store_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

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

const char *store_plain_error_db(sqlite3 *db, int rc)
{
    /* SQLite says "disk I/O error" when a full disk fails a sync, a
     * truncate or the shared-memory file rather than a write. */
    if (db && (rc & 0xff) == SQLITE_IOERR) {
        int e = sqlite3_system_errno(db);
        if (e == ENOSPC || e == EDQUOT)
            return "disk full";
        /* errno may have moved on since: ask the disk itself. */
        const char *file = sqlite3_db_filename(db, "main");
        struct statvfs vfs;
        if (file && *file && statvfs(file, &vfs) == 0 && vfs.f_bavail == 0)
            return "disk full";
    }
    return store_plain_error(rc);
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
    if (s->txn_rc != SQLITE_OK) { /* kept by store_step, before it rolled back */
        int rc = s->txn_rc;
        s->txn_rc = SQLITE_OK;
        const char *plain = store_plain_error(rc);
        return store_failf(s, STORE_ERROR, "%s: cannot %s: %s", s->path, doing,
                           plain ? plain : s->txn_msg);
    }
    int rc = sqlite3_extended_errcode(s->db);
    const char *plain = store_plain_error_db(s->db, rc);
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
    s->txn_rc = SQLITE_OK;
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
    s->txn_rc = SQLITE_OK;
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

static void own_txn_end(Store *s, int rc);

void store_finish(Store *s, sqlite3_stmt *st)
{
    if (!st)
        return;
    if (st == s->txn_st) {
        /* A statement with RETURNING given back before its last row: its
         * change is made, and would have been committed here. */
        (void)sqlite3_reset(st); /* repeats the last step's result */
        own_txn_end(s, SQLITE_DONE);
    }
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
    int rc = sqlite3_step(st); /* not store_step: these are its own steps */
    store_finish(s, st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Whether the commit of the write transaction open on s may write the first
 * frames of a new log: SQLite starts the -wal afresh when every frame in it is
 * already in the database (its next commit goes to the start of the log) or
 * when it holds none. Read from the wal-index (the -shm file, whose layout is
 * part of SQLite's file format: mxFrame at byte 16 of its header, nBackfill at
 * byte 96). The write lock held makes mxFrame this transaction's; nBackfill
 * only grows while it is held (checkpointers of other connections), so a
 * commit that SQLite writes at the start of the log always finds them equal
 * here, and one that finds them equal by a checkpoint run meanwhile only
 * rewrites a page it did not need to. True whenever the index cannot be read. */
static bool log_may_start_afresh(Store *s)
{
    sqlite3_file *fh = NULL;
    if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &fh) != SQLITE_OK || !fh ||
        !fh->pMethods || fh->pMethods->iVersion < 2 || !fh->pMethods->xShmMap)
        return true;
    volatile void *index = NULL;
    if (fh->pMethods->xShmMap(fh, 0, 32 * 1024, 0, &index) != SQLITE_OK || !index)
        return true;
    const volatile uint32_t *word = index;
    return word[96 / 4] >= word[16 / 4]; /* nBackfill >= mxFrame */
}

/* Rewrites the first page of the database (its application_id, with the
 * value it has) when this transaction may be the first in a new log, so that
 * every log's first transaction carries a copy of the file's mark:
 * store_files.c pairs a log with its database by it. Later transactions in
 * the same log need not: one page less to write and flush at each commit. */
static int mark_the_log(Store *s)
{
    _Static_assert(STORE_APPLICATION_ID == 1280203076, "the application_id below");
    if (!log_may_start_afresh(s))
        return SQLITE_OK;
    return step_cached(s, "PRAGMA application_id = 1280203076", "write the database");
}

StoreStatus store_begin(Store *s, const char *doing)
{
    if (s->readonly)
        return store_failf(s, STORE_ERROR, "%s: cannot %s: opened read-only", s->path, doing);
    if (step_cached(s, "BEGIN IMMEDIATE", doing) != SQLITE_OK)
        return store_fail(s, doing);
    s->changes_at_begin = sqlite3_total_changes64(s->db);
    return STORE_OK;
}

StoreStatus store_commit(Store *s, const char *doing)
{
    /* A transaction that changed nothing writes nothing at its commit. */
    bool changed = sqlite3_total_changes64(s->db) != s->changes_at_begin;
    if ((changed && mark_the_log(s) != SQLITE_OK) || step_cached(s, "COMMIT", doing) != SQLITE_OK) {
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

/* Keeps the failure of the connection's last call for store_fail, then
 * rolls back the transaction store_step opened, or commits it (rc DONE);
 * a commit that fails is kept the same way and its code returned. */
static void own_txn_end(Store *s, int rc)
{
    s->txn_st = NULL;
    if (rc == SQLITE_DONE && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return;
    s->txn_rc = sqlite3_extended_errcode(s->db);
    if (s->txn_rc == SQLITE_OK)
        s->txn_rc = SQLITE_ERROR;
    const char *plain = store_plain_error_db(s->db, s->txn_rc);
    snprintf(s->txn_msg, sizeof s->txn_msg, "%s", plain ? plain : sqlite3_errmsg(s->db));
    if (!sqlite3_get_autocommit(s->db))
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); /* the failure is kept */
}

/* A statement that writes, run outside a transaction, gets one of its own,
 * so that it marks the log as every transaction does (mark_the_log). */
int store_step(Store *s, sqlite3_stmt *st)
{
    if (s->bind_rc != SQLITE_OK)
        return s->bind_rc;
    if (st != s->txn_st)
        s->txn_rc = SQLITE_OK;
    if (s->mark_writes && !s->txn_st && sqlite3_get_autocommit(s->db) &&
        !sqlite3_stmt_readonly(st) && !sqlite3_stmt_busy(st)) {
        int rc = step_cached(s, "BEGIN IMMEDIATE", "write the database");
        if (rc != SQLITE_OK)
            return rc;
        s->txn_st = st;
        if ((rc = mark_the_log(s)) != SQLITE_OK) {
            own_txn_end(s, rc);
            return rc;
        }
    }
    int rc = sqlite3_step(st);
    if (st == s->txn_st && rc != SQLITE_ROW) {
        own_txn_end(s, rc);
        if (rc == SQLITE_DONE && s->txn_rc != SQLITE_OK)
            rc = s->txn_rc;
    }
    return rc;
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
