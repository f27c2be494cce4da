/* test_store_vfs.c — the store's VFS (store_vfs.c), which gathers a commit's
 * write-ahead log writes into one write before the commit's flush.
 *
 * Under it, the fault VFS (fault_vfs.h) counts and fails what reaches the
 * disk. A check-in reaches it as one write and one flush; a write that fails
 * there fails the check-in and leaves nothing behind; a commit is in the file
 * when it returns, for any other connection to read; a transaction larger than
 * what is gathered goes in steps the "unix" VFS can write; a connection that
 * does not flush at every commit is not gathered at all. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "fault_vfs.h"
#include "store/store.h"
#include "store/store_vfs.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */

typedef struct Fixture {
    char *dir;
    char *db;
    Store *s;
    char ids[3][ID_LEN + 1];
} Fixture;

static Store *open_ok(const char *path, unsigned flags)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, flags, &s, err, sizeof err) != STORE_OK)
        fail_msg("store_open(%s): %s", path, err);
    return s;
}

/* A database with three walk-ins, none checked in, open in f->s. */
static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    f->s = open_ok(f->db, STORE_OPEN_CREATE);
    static const char *names[] = {"Ana", "José", "Mei"};
    for (int i = 0; i < 3; i++) {
        Guest g;
        guest_init(&g);
        assert_int_equal(guest_set(&g.first, names[i]), 0);
        assert_int_equal(guest_set(&g.last, "Reyes"), 0);
        assert_int_equal(store_walkin_add(f->s, &g, "kiosk-1", T0 + i, NULL), STORE_OK);
        memcpy(f->ids[i], g.id, sizeof f->ids[i]);
        guest_clear(&g);
    }
    fault_vfs_reset();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    fault_vfs_reset();
    fault_vfs_set_hook(NULL);
    store_close(f->s);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Check-ins counted through a connection of its own, as staff's export would. */
static size_t checked_in(const char *db)
{
    Store *r = open_ok(db, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(r, &st), STORE_OK);
    store_close(r);
    return st.checked_in;
}

static void test_checkin_is_one_write_and_one_flush(void **state)
{
    Fixture *f = *state;
    CheckinResult r;
    assert_int_equal(store_checkin(f->s, f->ids[0], "kiosk-1", T0 + 10, &r), STORE_OK);
    /* Two frames (the row, the index of who is checked in), each a header
     * and a page: four writes without the gathering. */
    assert_int_equal(fault_vfs_count(FAULT_WRITE, FAULT_FILE_WAL), 1);
    assert_int_equal(fault_vfs_count(FAULT_SYNC, FAULT_FILE_WAL), 1);
    assert_int_equal(fault_vfs_count(FAULT_WRITE, FAULT_FILE_DB), 0);
    /* In the file as soon as it is reported: another connection reads it. */
    assert_int_equal(checked_in(f->db), 1);
}

static void test_failed_write_fails_the_checkin(void **state)
{
    Fixture *f = *state;
    static const int codes[] = {SQLITE_IOERR_WRITE, SQLITE_FULL};
    for (size_t i = 0; i < 2; i++) {
        fault_vfs_fail(FAULT_WRITE, FAULT_FILE_WAL, 1, codes[i], false);
        CheckinResult r;
        assert_int_equal(store_checkin(f->s, f->ids[1], "kiosk-1", T0 + 20, &r), STORE_ERROR);
        assert_int_equal(fault_vfs_injected(), 1);
        fault_vfs_clear();
        assert_int_equal(checked_in(f->db), 0);
    }
    /* The connection goes on: the next check-in is written, and kept. */
    CheckinResult r;
    assert_int_equal(store_checkin(f->s, f->ids[1], "kiosk-1", T0 + 30, &r), STORE_OK);
    assert_false(r.already);
    store_close(f->s);
    f->s = open_ok(f->db, 0);
    assert_int_equal(checked_in(f->db), 1);
    assert_int_equal(store_checkin(f->s, f->ids[1], "kiosk-1", T0 + 40, &r), STORE_OK);
    assert_true(r.already);
}

/* The largest write that reaches the log's file. */
static void *note_open(void *ud, const char *name, unsigned file)
{
    (void)ud;
    (void)name;
    return file == FAULT_FILE_WAL ? (void *)1 : NULL;
}

static void note_write(void *ud, void *file_state, FaultOp op, bool failed, sqlite3_file *real,
                       const void *buf, int n, int64_t offset)
{
    (void)failed, (void)real, (void)buf, (void)offset;
    int *largest = ud;
    if (file_state && op == FAULT_WRITE && n > *largest)
        *largest = n;
}

static void test_large_transaction_goes_in_steps(void **state)
{
    Fixture *f = *state;
    int largest = 0;
    FaultVfsHook hook = {.ud = &largest, .open = note_open, .op = note_write};
    /* The hook sees files opened from now on. */
    store_close(f->s);
    fault_vfs_set_hook(&hook);
    f->s = open_ok(f->db, 0);
    GuestList l;
    guest_list_init(&l);
    enum { N = 3000 }; /* some 200 pages: far more than one gathered write */
    for (int i = 0; i < N; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        char name[32];
        snprintf(name, sizeof name, "Guest %d", i);
        assert_int_equal(guest_set(&g->first, name), 0);
        assert_int_equal(guest_set(&g->last, "Import"), 0);
        assert_int_equal(guest_set(&g->company, "A company with a long enough name"), 0);
        snprintf(name, sizeof name, "guest%d@example.com", i);
        assert_int_equal(guest_set(&g->email, name), 0);
        id_derived("guest-code", name, g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    fault_vfs_reset();
    assert_int_equal(store_import_guests(f->s, &l, &rep, T0 + 50), STORE_OK);
    assert_int_equal(rep.added, N);
    import_report_free(&rep);
    guest_list_free(&l);
    /* "unix" writes at most 128 KiB at once; the import's log far more, in
     * steps of several frames. */
    assert_true(largest > 4 * 4096);
    assert_true(largest < 128 * 1024);
    assert_true(fault_vfs_count(FAULT_WRITE, FAULT_FILE_WAL) >= 2);
    store_close(f->s);
    f->s = open_ok(f->db, 0);
    StoreStats st;
    assert_int_equal(store_stats(f->s, &st), STORE_OK);
    assert_int_equal(st.guests, N + 3);
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static int64_t count_rows(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* synchronous=NORMAL commits without flushing the log: nothing may wait in
 * memory then, since other connections read the log as soon as the commit is
 * published. Such a connection writes each frame as SQLite does. */
static void test_no_gathering_without_a_flush_per_commit(void **state)
{
    Fixture *f = *state;
    char *path = tu_path(f->dir, "plain.db");
    sqlite3 *w = NULL, *r = NULL;
    const char *vfs = store_vfs_name();
    assert_non_null(vfs);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    assert_int_equal(sqlite3_open_v2(path, &w, flags, vfs), SQLITE_OK);
    exec_ok(w, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
               "CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x)");
    assert_int_equal(sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY, vfs), SQLITE_OK);
    for (int round = 0; round < 2; round++) {
        fault_vfs_reset();
        exec_ok(w, "INSERT INTO t VALUES (hex(randomblob(16)))");
        assert_int_equal(fault_vfs_count(FAULT_SYNC, FAULT_FILE_WAL), 0);
        assert_true(fault_vfs_count(FAULT_WRITE, FAULT_FILE_WAL) >= 4); /* 2 frames */
        assert_int_equal(count_rows(r), round + 1);
        /* FULL again: the same commit is one write and a flush. */
        exec_ok(w, "PRAGMA synchronous = FULL");
        fault_vfs_reset();
        exec_ok(w, "INSERT INTO t VALUES (hex(randomblob(16)))");
        assert_int_equal(fault_vfs_count(FAULT_WRITE, FAULT_FILE_WAL), 1);
        assert_int_equal(fault_vfs_count(FAULT_SYNC, FAULT_FILE_WAL), 1);
        assert_int_equal(count_rows(r), round + 2);
        exec_ok(w, "DELETE FROM t WHERE rowid = (SELECT max(rowid) FROM t);"
                   "PRAGMA synchronous = NORMAL");
    }
    sqlite3_close(r);
    sqlite3_close(w);
    free(path);
}

static int64_t count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A transaction that spilled pages into the log and then rolled back (a
 * failed import or merge) must leave nothing gathered: another connection
 * appends its commits where that transaction's frames were, and bytes
 * written later would overwrite them. */
static void test_rolled_back_spill_leaves_nothing_behind(void **state)
{
    Fixture *f = *state;
    char *path = tu_path(f->dir, "spill.db");
    sqlite3 *a = NULL, *b = NULL, *check = NULL;
    const char *vfs = store_vfs_name();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    assert_int_equal(sqlite3_open_v2(path, &a, flags, vfs), SQLITE_OK);
    exec_ok(a, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x); CREATE TABLE u (y);"
               "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = 5");
    assert_int_equal(sqlite3_open_v2(path, &b, SQLITE_OPEN_READWRITE, vfs), SQLITE_OK);
    exec_ok(b, "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0");
    exec_ok(a, "BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
               "WHERE i < 40) INSERT INTO t SELECT randomblob(3000) FROM c; ROLLBACK");
    for (int i = 0; i < 40; i++)
        exec_ok(b, "INSERT INTO u VALUES (randomblob(3000))");
    assert_int_equal(count_of(a, "SELECT count(*) FROM t"), 0); /* a read by A */
    exec_ok(a, "INSERT INTO t VALUES (1)");
    assert_int_equal(sqlite3_open_v2(path, &check, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(check, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(count_of(check, "SELECT count(DISTINCT y) FROM u"), 40);
    assert_int_equal(count_of(check, "SELECT count(*) FROM t"), 1);
    sqlite3_close(check);
    sqlite3_close(b);
    sqlite3_close(a);
    free(path);
}

/* PRAGMA synchronous = FULL inside a transaction is refused by SQLite after
 * the VFS has seen it: that commit goes out unsynced. Its frames reach the
 * file before the commit is published, and the log is not gathered again. */
static void test_refused_pragma_does_not_gather(void **state)
{
    Fixture *f = *state;
    char *path = tu_path(f->dir, "refused.db");
    sqlite3 *w = NULL, *r = NULL;
    const char *vfs = store_vfs_name();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    assert_int_equal(sqlite3_open_v2(path, &w, flags, vfs), SQLITE_OK);
    exec_ok(w, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (x)");
    assert_int_equal(sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY, vfs), SQLITE_OK);
    exec_ok(w, "BEGIN; INSERT INTO t VALUES (1)");
    assert_int_not_equal(sqlite3_exec(w, "PRAGMA synchronous = FULL", NULL, NULL, NULL), SQLITE_OK);
    fault_vfs_reset();
    exec_ok(w, "INSERT INTO t VALUES (2); COMMIT");
    assert_int_equal(fault_vfs_count(FAULT_SYNC, FAULT_FILE_WAL), 0);
    assert_int_equal(count_of(r, "SELECT count(*) FROM t"), 2);
    exec_ok(w, "PRAGMA synchronous = FULL");
    fault_vfs_reset();
    exec_ok(w, "INSERT INTO t VALUES (3)");
    assert_true(fault_vfs_count(FAULT_WRITE, FAULT_FILE_WAL) >= 2); /* as SQLite writes */
    assert_int_equal(count_of(r, "SELECT count(*) FROM t"), 3);
    sqlite3_close(r);
    sqlite3_close(w);
    free(path);
}

int main(void)
{
    if (fault_vfs_install() != 0 || ids_init() != 0) {
        fprintf(stderr, "cannot install the fault VFS\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_checkin_is_one_write_and_one_flush, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_write_fails_the_checkin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_transaction_goes_in_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_gathering_without_a_flush_per_commit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rolled_back_spill_leaves_nothing_behind, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refused_pragma_does_not_gather, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
