/* test_store_faults.c — the store under I/O errors and a full disk, injected
 * through the fault VFS (fault_vfs.h) that the store opens its files through
 * without knowing.
 *
 * Every writing operation (import, check-in, walk-in, interests, undo,
 * settings, the backup copy for export) is failed by a disk error and by a
 * full disk: it must say STORE_ERROR with a message naming the file and the
 * cause, and lose nothing that was stored before. Then a check-in is failed at
 * each of its writes and syncs in turn: "checked in" must never be said of a
 * row that is not in the file afterwards. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ids.h"
#include "fault_vfs.h"
#include "store/store.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */

typedef struct Fixture {
    char *dir;
    char *db;
    char ana[ID_LEN + 1], jose[ID_LEN + 1];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    id_derived("guest-code", "1001", f->ana);
    id_derived("guest-code", "1002", f->jose);
    fault_vfs_reset();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    fault_vfs_reset();
    fault_vfs_set_hook(NULL);
    fault_vfs_fail_only_under(NULL);
    unsetenv("TMPDIR");
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static Store *open_ok(const char *path, unsigned flags)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, flags, &s, err, sizeof err) != STORE_OK)
        fail_msg("store_open(%s): %s", path, err);
    return s;
}

static void add_guest(GuestList *l, const char *code, const char *first, const char *last,
                      const char *email)
{
    Guest *g = guest_list_push(l);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, code), 0);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->company, "Acme Welding"), 0);
    assert_int_equal(guest_set(&g->email, email), 0);
    id_derived("guest-code", code, g->id);
}

static StoreStatus import_guests(Store *s, const char *const *codes, size_t n, int64_t now)
{
    GuestList l;
    guest_list_init(&l);
    for (size_t i = 0; i < n; i++) {
        char email[64];
        snprintf(email, sizeof email, "guest%s@acme.example", codes[i]);
        add_guest(&l, codes[i], i % 2 ? "José" : "Ana", codes[i], email);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    StoreStatus st = store_import_guests(s, &l, &rep, now);
    if (st != STORE_OK && !strstr(rep.error, store_errmsg(s)))
        fail_msg("the import report does not carry the store's message: %s", rep.error);
    import_report_free(&rep);
    guest_list_free(&l);
    return st;
}

static StoreStatus import_programs(Store *s, const char *const *codes, size_t n)
{
    ProgramList l;
    program_list_init(&l);
    for (size_t i = 0; i < n; i++) {
        Program *p = program_list_push(&l);
        assert_non_null(p);
        assert_int_equal(guest_set(&p->code, codes[i]), 0);
        assert_int_equal(guest_set(&p->name, codes[i]), 0);
    }
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    StoreStatus st = store_import_programs(s, &l, &rep, T0);
    import_report_free(&rep);
    program_list_free(&l);
    return st;
}

/* An event with something of every kind stored: guests (Ana 1001 checked in,
 * with interests; José 1002 not), programs, a setting, an audit line. */
static void seed(Fixture *f)
{
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    static const char *const guests[] = {"1001", "1002", "1003"};
    static const char *const programs[] = {"WELD", "AUTO", "HLTH"};
    assert_int_equal(import_guests(s, guests, 3, T0), STORE_OK);
    assert_int_equal(import_programs(s, programs, 3), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, f->ana, "door-1", T0 + 1000, &r), STORE_OK);
    const char *const progs[] = {"WELD"};
    const char *const kinds[] = {"mentoring"};
    assert_int_equal(store_interests_set(s, f->ana, progs, 1, kinds, 1, "door-1", T0 + 2000),
                     STORE_OK);
    assert_int_equal(store_setting_set(s, "guests.csv", "fingerprint-1"), STORE_OK);
    store_close(s);
}

/* ---- reading the file back, with plain SQLite ---- */

static int append_row(void *ud, int n, char **values, char **names)
{
    (void)names;
    char **text = ud;
    for (int i = 0; i < n; i++) {
        const char *v = values[i] ? values[i] : "NULL";
        size_t len = strlen(*text), add = strlen(v) + 2;
        char *grown = realloc(*text, len + add + 1);
        assert_non_null(grown);
        snprintf(grown + len, add + 1, "%s%c", v, i + 1 < n ? '|' : '\n');
        *text = grown;
    }
    return 0;
}

/* Every row of every table, in a fixed order, as text (malloc'd). */
static char *contents(const char *db)
{
    static const char *const queries[] = {
        "SELECT * FROM guests ORDER BY id",
        "SELECT * FROM guest_aliases ORDER BY kind, value",
        "SELECT * FROM programs ORDER BY code",
        "SELECT * FROM attendance ORDER BY id",
        "SELECT * FROM interests ORDER BY guest_id, kind, value",
        "SELECT * FROM audit ORDER BY id",
        "SELECT * FROM settings ORDER BY key",
        "SELECT * FROM print_jobs ORDER BY id",
    };
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char *text = calloc(1, 1);
    assert_non_null(text);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        append_row(&text, 1, (char **)&queries[i], NULL);
        if (sqlite3_exec(c, queries[i], append_row, &text, NULL) != SQLITE_OK)
            fail_msg("%s: %s", queries[i], sqlite3_errmsg(c));
    }
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    return text;
}

static void assert_integrity_ok(const char *db)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *res = (const char *)sqlite3_column_text(st, 0);
    if (!res || strcmp(res, "ok") != 0)
        fail_msg("%s: integrity_check says %s", db, res ? res : "(nothing)");
    assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
}

/* The active check-in of a guest: its id in out, or "" when there is none. */
static void active_checkin(const char *db, const char *guest, char out[ID_LEN + 1])
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c,
                                        "SELECT id FROM attendance WHERE guest_id = ?1 "
                                        "AND undone_at IS NULL AND duplicate_of IS NULL",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_bind_text(st, 1, guest, -1, SQLITE_STATIC), SQLITE_OK);
    out[0] = '\0';
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(out, ID_LEN + 1, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = sqlite3_step(st); /* never two active check-ins */
    }
    assert_int_equal(rc, SQLITE_DONE);
    assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
}

/* ---- each writing operation under a disk error and a full disk ---- */

/* A way the disk fails: from the first operation `op` on, every one answers rc,
 * which the store must put into words containing `words`. */
typedef struct DiskFault {
    FaultOp op;
    int rc;
    const char *words;
} DiskFault;

static const DiskFault DISK_FAULTS[] = {
    {FAULT_WRITE, SQLITE_IOERR_WRITE, "I/O error"},
    {FAULT_WRITE, SQLITE_FULL, "disk full"},
    {FAULT_SYNC, SQLITE_IOERR_FSYNC, "I/O error"},
};

typedef StoreStatus (*StoreOp)(Store *s, const Fixture *f);

static StoreStatus op_import_guests(Store *s, const Fixture *f)
{
    (void)f;
    static const char *const codes[] = {"1003", "2001", "2002", "2003"};
    return import_guests(s, codes, 4, T0 + 5000);
}

static StoreStatus op_import_programs(Store *s, const Fixture *f)
{
    (void)f;
    static const char *const codes[] = {"AUTO", "CULN", "ITNW"};
    return import_programs(s, codes, 3);
}

static StoreStatus op_checkin(Store *s, const Fixture *f)
{
    CheckinResult r;
    return store_checkin(s, f->jose, "door-1", T0 + 5000, &r);
}

static StoreStatus op_walkin(Store *s, const Fixture *f)
{
    (void)f;
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Mei"), 0);
    assert_int_equal(guest_set(&g.last, "Chen"), 0);
    assert_int_equal(guest_set(&g.company, "Chen Farms"), 0);
    StoreStatus st = store_walkin_add(s, &g, "door-1", T0 + 5000, NULL);
    guest_clear(&g);
    return st;
}

static StoreStatus op_interests(Store *s, const Fixture *f)
{
    const char *const progs[] = {"AUTO", "HLTH"};
    const char *const kinds[] = {"interns"};
    return store_interests_set(s, f->ana, progs, 2, kinds, 1, "door-1", T0 + 5000);
}

static StoreStatus op_undo(Store *s, const Fixture *f)
{
    return store_checkin_undo(s, f->ana, "door-1", T0 + 5000);
}

static StoreStatus op_setting(Store *s, const Fixture *f)
{
    (void)f;
    return store_setting_set(s, "guests.csv", "fingerprint-2");
}

/* Runs op on a seeded event with the disk failing as df says: STORE_ERROR,
 * a message naming the file and the cause, the file as it was before, and the
 * same operation going through once the disk is back. */
static void fail_operation(Fixture *f, const char *name, StoreOp op, const DiskFault *df)
{
    seed(f);
    char *before = contents(f->db);
    Store *s = open_ok(f->db, 0);
    fault_vfs_fail(df->op, FAULT_FILE_ANY, 1, df->rc, true);
    StoreStatus st = op(s, f);
    unsigned long injected = fault_vfs_injected();
    fault_vfs_clear();
    if (st != STORE_ERROR || injected == 0)
        fail_msg("%s with every %s failing (%s): status %d after %lu faults", name,
                 fault_vfs_op_name(df->op), df->words, st, injected);
    const char *msg = store_errmsg(s);
    if (!strstr(msg, f->db) || !strstr(msg, df->words))
        fail_msg("%s: the message should name %s and say \"%s\": %s", name, f->db, df->words, msg);
    store_close(s);
    char *after = contents(f->db);
    assert_string_equal(after, before);
    assert_integrity_ok(f->db);
    free(after);
    s = open_ok(f->db, 0);
    if (op(s, f) != STORE_OK)
        fail_msg("%s once the disk is back: %s", name, store_errmsg(s));
    store_close(s);
    free(before);
    char *wal = tu_path(f->dir, "event.db-wal");
    unlink(f->db);
    unlink(wal);
    free(wal);
}

static void test_operations_fail_plainly_and_lose_nothing(void **state)
{
    static const struct {
        const char *name;
        StoreOp op;
    } ops[] = {
        {"import guests", op_import_guests},
        {"import programs", op_import_programs},
        {"check in", op_checkin},
        {"add a walk-in", op_walkin},
        {"save interests", op_interests},
        {"undo a check-in", op_undo},
        {"save a setting", op_setting},
    };
    Fixture *f = *state;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        for (size_t k = 0; k < sizeof DISK_FAULTS / sizeof DISK_FAULTS[0]; k++)
            fail_operation(f, ops[i].name, ops[i].op, &DISK_FAULTS[k]);
}

/* What a folder holds, one name a line ("" when empty). */
static char *listing(const char *dir)
{
    TuRun ls = tu_run((const char *const[]){"/bin/ls", "-A", dir, NULL}, NULL);
    char *out = strdup(ls.out);
    tu_run_free(&ls);
    return out;
}

/* The copy written for a USB export or the sync folder is made in two steps:
 * a scratch copy in the temporary folder, then the copy on the stick. A
 * failure at either names where, leaves the previous copy whole and no
 * temporary file behind, on the stick or in the temporary folder. */
static void test_backup_fails_plainly_and_keeps_the_old_copy(void **state)
{
    Fixture *f = *state;
    seed(f);
    char *usb = tu_path(f->dir, "usb"), *tmp = tu_path(f->dir, "tmp");
    assert_int_equal(mkdir(usb, 0700), 0);
    assert_int_equal(mkdir(tmp, 0700), 0);
    assert_int_equal(setenv("TMPDIR", tmp, 1), 0);
    char *copy = tu_path(usb, "lanyard-door-1.db");
    Store *s = open_ok(f->db, 0);
    assert_int_equal(store_backup(s, copy), STORE_OK);
    char *first = contents(copy);
    CheckinResult r;
    assert_int_equal(store_checkin(s, f->jose, "door-1", T0 + 5000, &r), STORE_OK);
    const char *const where[] = {usb, tmp};
    for (size_t w = 0; w < 2; w++) {
        char named[4200];
        snprintf(named, sizeof named, w == 0 ? "a copy to %s" : "a copy in %s",
                 w == 0 ? copy : tmp);
        for (size_t k = 0; k < sizeof DISK_FAULTS / sizeof DISK_FAULTS[0]; k++) {
            const DiskFault *df = &DISK_FAULTS[k];
            if (where[w] == tmp && df->op == FAULT_SYNC)
                continue; /* the scratch copy is never flushed: it is not kept */
            fault_vfs_fail_only_under(where[w]);
            fault_vfs_fail(df->op, FAULT_FILE_ANY, 1, df->rc, true);
            StoreStatus st = store_backup(s, copy);
            unsigned long injected = fault_vfs_injected();
            fault_vfs_clear();
            fault_vfs_fail_only_under(NULL);
            assert_true(injected > 0);
            assert_int_equal(st, STORE_ERROR);
            const char *msg = store_errmsg(s);
            if (!strstr(msg, named) || !strstr(msg, df->words))
                fail_msg("the message should say \"%s\" and \"%s\": %s", named, df->words, msg);
            char *now = contents(copy);
            assert_string_equal(now, first);
            free(now);
            char *on_usb = listing(usb), *in_tmp = listing(tmp);
            assert_string_equal(on_usb, "lanyard-door-1.db\n");
            assert_string_equal(in_tmp, "");
            free(on_usb);
            free(in_tmp);
        }
    }
    assert_int_equal(store_backup(s, copy), STORE_OK);
    store_close(s);
    char *last = contents(copy), *source = contents(f->db), *in_tmp = listing(tmp);
    assert_string_equal(last, source);
    assert_string_equal(in_tmp, "");
    unsetenv("TMPDIR");
    free(in_tmp);
    free(last);
    free(source);
    free(first);
    free(copy);
    free(tmp);
    free(usb);
}

/* ---- the copy lets the kiosk's log go before it writes the stick ---- */

typedef struct LogWatch {
    const char *usb;
    sqlite3 *other; /* another connection to the kiosk's database */
    int writes;     /* writes seen to files on the stick */
    int log_busy;   /* of them, how many found the log held by a reader */
} LogWatch;

static void *watch_open(void *ud, const char *name, unsigned file)
{
    (void)file;
    LogWatch *lw = ud;
    size_t n = strlen(lw->usb);
    return name && strncmp(name, lw->usb, n) == 0 ? lw : NULL;
}

/* At each write to the stick, which may block for as long as the stick
 * likes, the kiosk's log must be free to start afresh: a checkpoint that
 * resets it succeeds only when no read of the database is open. */
static void watch_op(void *ud, void *file_state, FaultOp op, bool failed, sqlite3_file *real,
                     const void *buf, int n, int64_t offset)
{
    (void)ud, (void)failed, (void)real, (void)buf, (void)n, (void)offset;
    LogWatch *lw = file_state;
    if (!lw || op != FAULT_WRITE)
        return;
    lw->writes++;
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(lw->other, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc != SQLITE_OK || log != 0)
        lw->log_busy++;
}

static void test_backup_lets_the_log_go_before_writing_the_stick(void **state)
{
    Fixture *f = *state;
    seed(f);
    char *usb = tu_path(f->dir, "usb");
    assert_int_equal(mkdir(usb, 0700), 0);
    char *copy = tu_path(usb, "lanyard-door-1.db");
    Store *s = open_ok(f->db, 0);
    LogWatch lw = {.usb = usb};
    assert_int_equal(sqlite3_open_v2(f->db, &lw.other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(lw.other, "SELECT count(*) FROM guests", NULL, NULL, NULL),
                     SQLITE_OK); /* it knows the log from now on */
    for (int round = 0; round < 2; round++) {
        /* Check-ins in the log, not yet in the database file. */
        CheckinResult r;
        assert_int_equal(store_checkin(s, f->jose, "door-1", T0 + 5000, &r), STORE_OK);
        assert_int_equal(store_checkin_undo(s, f->jose, "door-1", T0 + 6000), STORE_OK);
        fault_vfs_set_hook(&(FaultVfsHook){.ud = &lw, .open = watch_open, .op = watch_op});
        assert_int_equal(store_backup(s, copy), STORE_OK);
        fault_vfs_set_hook(NULL);
    }
    assert_true(lw.writes > 0);
    if (lw.log_busy)
        fail_msg("%d of %d writes to the stick were made while a read held the log", lw.log_busy,
                 lw.writes);
    assert_int_equal(sqlite3_close(lw.other), SQLITE_OK);
    store_close(s);
    Store *c = open_ok(copy, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(c, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    store_close(c);
    free(copy);
    free(usb);
}

/* ---- a check-in failed at each of its writes and syncs ---- */

/* What a check-in does to the disk, in order, as the hook saw it. */
typedef struct OpLog {
    struct {
        FaultOp op;
        unsigned file;
        int n;
        int64_t offset;
    } ops[256];
    size_t n;
    bool on; /* recording */
} OpLog;

static void *log_open(void *ud, const char *name, unsigned file)
{
    (void)ud;
    (void)name;
    return (void *)(uintptr_t)file;
}

static void log_op(void *ud, void *file_state, FaultOp op, bool failed, sqlite3_file *real,
                   const void *buf, int n, int64_t offset)
{
    (void)failed;
    (void)real;
    (void)buf;
    OpLog *log = ud;
    if (!log->on)
        return;
    assert_true(log->n < sizeof log->ops / sizeof log->ops[0]);
    log->ops[log->n].op = op;
    log->ops[log->n].file = (unsigned)(uintptr_t)file_state;
    log->ops[log->n].n = n;
    log->ops[log->n].offset = offset;
    log->n++;
}

/* One sweep: a check-in on a fresh copy of the template event, either the
 * first since the database was opened (it starts the log) or a later one. */
typedef struct Sweep {
    Fixture *f;
    const char *template_db;
    bool later;
    OpLog log; /* what a check-in that succeeds does */
} Sweep;

/* The i-th (1-based) operation op of the check-in, in words. */
static const char *describe(const Sweep *w, FaultOp op, unsigned long i, char *buf, size_t len)
{
    const OpLog *log = &w->log;
    const char *which = w->later ? "a later check-in" : "the first check-in";
    snprintf(buf, len, "%s %lu of %s", fault_vfs_op_name(op), i, which);
    for (size_t k = 0, seen = 0; k < log->n; k++)
        if (log->ops[k].op == op && ++seen == i) {
            snprintf(buf, len, "%s %lu of %s (%s, %d bytes at %lld)", fault_vfs_op_name(op), i,
                     which, fault_vfs_file_name(log->ops[k].file), log->ops[k].n,
                     (long long)log->ops[k].offset);
            break;
        }
    return buf;
}

/* Opens a fresh copy of the template event as f->db; for a later check-in,
 * checks guest 1003 in first. */
static Store *open_copy(const Sweep *w)
{
    Fixture *f = w->f;
    static const char *const sides[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 3; i++) {
        char side[4200];
        snprintf(side, sizeof side, "%s%s", f->db, sides[i]);
        unlink(side);
    }
    size_t len = 0;
    char *bytes = tu_read(w->template_db, &len);
    assert_non_null(bytes);
    tu_write(f->db, bytes, len);
    free(bytes);
    Store *s = open_ok(f->db, 0);
    if (w->later) {
        char other[ID_LEN + 1];
        id_derived("guest-code", "1003", other);
        CheckinResult r;
        assert_int_equal(store_checkin(s, other, "door-1", T0 + 4000, &r), STORE_OK);
    }
    return s;
}

/* One fault point: operation i of kind op fails (once, or from then on);
 * afterwards the file holds José's check-in exactly when the store said he
 * was checked in. */
static void fault_point(const Sweep *w, FaultOp op, unsigned long i, bool persistent)
{
    static const int codes[] = {[FAULT_WRITE] = SQLITE_IOERR_WRITE,
                                [FAULT_SYNC] = SQLITE_IOERR_FSYNC,
                                [FAULT_TRUNCATE] = SQLITE_IOERR_TRUNCATE,
                                [FAULT_OPEN] = SQLITE_CANTOPEN};
    Fixture *f = w->f;
    char what[160];
    describe(w, op, i, what, sizeof what);
    Store *s = open_copy(w);
    int rc = persistent && op == FAULT_WRITE ? SQLITE_FULL : codes[op];
    fault_vfs_fail(op, FAULT_FILE_ANY, i, rc, persistent);
    CheckinResult r;
    StoreStatus st = store_checkin(s, f->jose, "door-1", T0 + 5000, &r);
    unsigned long injected = fault_vfs_injected();
    fault_vfs_clear();
    if (injected == 0)
        fail_msg("%s: the check-in never reached it", what);
    char expect[ID_LEN + 1] = "";
    if (st == STORE_OK) {
        memcpy(expect, r.attendance_id, sizeof expect);
    } else {
        if (st != STORE_ERROR || !strstr(store_errmsg(s), f->db))
            fail_msg("%s failed: status %d, message %s", what, st, store_errmsg(s));
        if (!persistent) {
            /* The disk is back: the same connection checks him in, as new. */
            if (store_checkin(s, f->jose, "door-1", T0 + 6000, &r) != STORE_OK || r.already)
                fail_msg("%s, then again: %s", what, r.already ? "already" : store_errmsg(s));
            memcpy(expect, r.attendance_id, sizeof expect);
        }
    }
    store_close(s);
    char found[ID_LEN + 1];
    active_checkin(f->db, f->jose, found);
    if (strcmp(found, expect) != 0)
        fail_msg("%s failed %s: the store said %s, the file holds %s", what,
                 persistent ? "from then on" : "once", st == STORE_OK ? "checked in" : "failed",
                 *found ? found : "no check-in");
    assert_integrity_ok(f->db);
}

/* Counts what a check-in that succeeds does, then fails each of its
 * operations in turn, once and from then on. Returns the fault points run. */
static unsigned sweep_checkin(Sweep *w)
{
    w->log = (OpLog){.n = 0};
    fault_vfs_set_hook(&(FaultVfsHook){.ud = &w->log, .open = log_open, .op = log_op});
    Store *s = open_copy(w);
    fault_vfs_reset();
    w->log.on = true; /* only what the check-in does */
    CheckinResult r;
    assert_int_equal(store_checkin(s, w->f->jose, "door-1", T0 + 5000, &r), STORE_OK);
    w->log.on = false;
    unsigned long counts[FAULT_OP_COUNT];
    for (int op = 0; op < FAULT_OP_COUNT; op++)
        counts[op] = fault_vfs_count((FaultOp)op, FAULT_FILE_ANY);
    store_close(s);
    fault_vfs_set_hook(NULL);
    fprintf(stderr, "%s: writes %lu, syncs %lu, truncates %lu, opens %lu:\n",
            w->later ? "a later check-in" : "the first check-in", counts[FAULT_WRITE],
            counts[FAULT_SYNC], counts[FAULT_TRUNCATE], counts[FAULT_OPEN]);
    const OpLog *log = &w->log;
    for (size_t k = 0; k < log->n; k++)
        fprintf(stderr, "  %s %s, %d bytes at %lld\n", fault_vfs_op_name(log->ops[k].op),
                fault_vfs_file_name(log->ops[k].file), log->ops[k].n,
                (long long)log->ops[k].offset);
    /* Durable before STORE_OK: something was written and the last thing done
     * to the disk was a sync. */
    assert_true(counts[FAULT_WRITE] > 0 && counts[FAULT_SYNC] > 0);
    assert_true(log->n > 0 && log->ops[log->n - 1].op == FAULT_SYNC);

    unsigned points = 0;
    for (int op = 0; op < FAULT_OP_COUNT; op++)
        for (unsigned long i = 1; i <= counts[op]; i++)
            for (int persistent = 0; persistent <= 1; persistent++) {
                fault_point(w, (FaultOp)op, i, persistent);
                points++;
            }
    return points;
}

static void test_checkin_failed_at_every_write_and_sync(void **state)
{
    Fixture *f = *state;
    seed(f);
    char *template_db = tu_path(f->dir, "template.db");
    assert_int_equal(rename(f->db, template_db), 0);
    Sweep first = {.f = f, .template_db = template_db, .later = false};
    Sweep later = {.f = f, .template_db = template_db, .later = true};
    unsigned points = sweep_checkin(&first) + sweep_checkin(&later);
    fprintf(stderr, "%u fault points, each: \"checked in\" exactly when the row is there\n",
            points);
    free(template_db);
}

/* ---- a value SQLite refuses to take ---- */

/* A value that cannot be bound (here: no memory left under SQLite's heap
 * limit for a 4 MB text) stops the statement before it runs, rather than
 * running it without the value: a lookup says it failed, not "no such
 * guest", and a write stores nothing. The next operation is not blamed. */
static void test_refused_value_is_reported(void **state)
{
    Fixture *f = *state;
    seed(f);
    Store *s = open_ok(f->db, 0);
    size_t big = 4u << 20;
    char *text = malloc(big + 1);
    assert_non_null(text);
    memset(text, 'a', big);
    text[big] = '\0';
    Guest g;
    guest_init(&g);
    sqlite3_int64 old_limit = sqlite3_hard_heap_limit64(-1);
    sqlite3_hard_heap_limit64(sqlite3_memory_used() + (1 << 20));
    StoreStatus found = store_guest_by_code(s, text, &g);
    char lookup_msg[640];
    snprintf(lookup_msg, sizeof lookup_msg, "%s", store_errmsg(s));
    StoreStatus saved = store_setting_set(s, "guests.csv", text);
    sqlite3_hard_heap_limit64(old_limit);
    free(text);
    assert_int_equal(found, STORE_ERROR);
    assert_int_equal(saved, STORE_ERROR);
    const char *msgs[] = {lookup_msg, store_errmsg(s)};
    for (int i = 0; i < 2; i++)
        if (!strstr(msgs[i], f->db) || !strstr(msgs[i], "a value was refused (out of memory)"))
            fail_msg("unclear message: %s", msgs[i]);
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    guest_clear(&g);
    char *value = NULL;
    assert_int_equal(store_setting_get(s, "guests.csv", &value), STORE_OK);
    assert_string_equal(value, "fingerprint-1");
    free(value);
    store_close(s);
}

/* ---- opening ---- */

/* A database whose log or main file cannot be opened (the file system refuses
 * it) is refused with a message naming it, and its bytes stay as they were. */
static void test_open_refused_when_a_file_cannot_be_opened(void **state)
{
    Fixture *f = *state;
    seed(f);
    size_t len = 0, after_len = 0;
    char *before = tu_read(f->db, &len);
    static const unsigned files[] = {FAULT_FILE_WAL, FAULT_FILE_DB};
    for (size_t i = 0; i < 2; i++) {
        fault_vfs_fail(FAULT_OPEN, files[i], 1, SQLITE_CANTOPEN, true);
        Store *s = NULL;
        char err[512] = "";
        StoreStatus st = store_open(f->db, 0, &s, err, sizeof err);
        unsigned long injected = fault_vfs_injected();
        fault_vfs_clear();
        assert_int_equal(st, STORE_ERROR);
        assert_null(s);
        assert_true(injected > 0);
        if (!strstr(err, f->db))
            fail_msg("the message does not name the file: %s", err);
        char *after = tu_read(f->db, &after_len);
        assert_int_equal(after_len, len);
        assert_memory_equal(after, before, len);
        free(after);
    }
    free(before);
    store_close(open_ok(f->db, 0));
}

int main(void)
{
    if (fault_vfs_install() != 0) {
        fprintf(stderr, "cannot install the fault VFS\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_operations_fail_plainly_and_lose_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_backup_lets_the_log_go_before_writing_the_stick, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_backup_fails_plainly_and_keeps_the_old_copy, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_checkin_failed_at_every_write_and_sync, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refused_value_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_refused_when_a_file_cannot_be_opened, setup,
                                        teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    fault_vfs_uninstall();
    return failed;
}
