/* test_store_files.c — the files around an event database: a -wal or a
 * -journal that belongs to another database is never applied (the file and
 * it are left byte for byte as they were), while the log a crashed kiosk
 * left is still recovered; and the files a person points Lanyard at by hand
 * (a newer version's copy, a symbolic link, a file with a table dropped, a
 * full disk, a FIFO) are met with a clear answer. */
#include "testutil.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ids.h"
#include "fault_vfs.h"
#include "store/store.h"
#include "store/store_internal.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */

typedef struct Fixture {
    char *dir;
    char *db;
    char *wal;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    f->wal = tu_path(f->dir, "event.db-wal");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char *small = tu_path(f->dir, "small");
    umount(small); /* test_full_disk_reads_disk_full's, if a failed check left it */
    free(small);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->wal);
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

static void exec_ok(sqlite3 *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static void copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *bytes = tu_read(from, &len);
    if (!bytes)
        fail_msg("cannot read %s", from);
    tu_write(to, bytes, len);
    free(bytes);
}

/* An event with three guests; Ana (1001) checked in when checked is set. */
static void make_event(const char *db, bool checked)
{
    Store *s = open_ok(db, STORE_OPEN_CREATE);
    GuestList l;
    guest_list_init(&l);
    static const char *const codes[] = {"1001", "1002", "1003"};
    static const char *const names[] = {"Ana", "José", "Mei"};
    for (size_t i = 0; i < 3; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        assert_int_equal(guest_set(&g->code, codes[i]), 0);
        assert_int_equal(guest_set(&g->first, names[i]), 0);
        assert_int_equal(guest_set(&g->last, "Lee"), 0);
        assert_int_equal(guest_set(&g->company, "Acme Welding"), 0);
        id_derived("guest-code", codes[i], g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
    if (checked) {
        char ana[ID_LEN + 1];
        id_derived("guest-code", "1001", ana);
        CheckinResult r;
        assert_int_equal(store_checkin(s, ana, "door-1", T0 + 1000, &r), STORE_OK);
    }
    store_close(s);
}

static bool checked_in(Store *s, const char *code)
{
    char id[ID_LEN + 1];
    id_derived("guest-code", code, id);
    bool in = false;
    assert_int_equal(store_is_checked_in(s, id, &in), STORE_OK);
    return in;
}

/* The bytes of a file, to compare before and after (malloc'd; "" when absent). */
typedef struct Bytes {
    char *data;
    size_t len;
} Bytes;

static Bytes bytes_of(const char *path)
{
    Bytes b = {0};
    b.data = tu_read(path, &b.len);
    if (!b.data)
        b.data = strdup("");
    return b;
}

static void assert_same_bytes(const char *path, const Bytes *before)
{
    Bytes now = bytes_of(path);
    if (now.len != before->len || memcmp(now.data, before->data, now.len) != 0)
        fail_msg("%s changed (%zu bytes, was %zu)", path, now.len, before->len);
    free(now.data);
}

/* The database and its side file are refused for writing and for reading,
 * with a message naming both, and neither changes by a byte. */
static void expect_side_refused(const Fixture *f, const char *suffix)
{
    char side[4200];
    snprintf(side, sizeof side, "%s%s", f->db, suffix);
    Bytes db = bytes_of(f->db), log = bytes_of(side);
    assert_true(log.len > 0);
    static const unsigned modes[] = {0, STORE_OPEN_CREATE, STORE_OPEN_READONLY};
    for (size_t i = 0; i < 3; i++) {
        Store *s = (Store *)0x1;
        char err[512] = "";
        assert_int_equal(store_open(f->db, modes[i], &s, err, sizeof err), STORE_ERROR);
        assert_null(s);
        char words[4300];
        snprintf(words, sizeof words, "%s does not belong to %s", side, f->db);
        if (!strstr(err, words) || !strstr(err, "move it away"))
            fail_msg("the message should say \"%s\" and what to do: %s", words, err);
        assert_same_bytes(f->db, &db);
        assert_same_bytes(side, &log);
    }
    free(db.data);
    free(log.data);
}

/* ---- a -wal or -journal that is not the database's ---- */

/* A log of another program's SQLite database, left beside event.db as a crash
 * would leave one (its connection still open when copied). */
static void test_wal_of_another_sqlite_database_is_refused(void **state)
{
    Fixture *f = *state;
    make_event(f->db, true);
    char *other = tu_path(f->dir, "other.db"), *other_wal = tu_path(f->dir, "other.db-wal");
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(other, &c), SQLITE_OK);
    exec_ok(c, "PRAGMA journal_mode = WAL; CREATE TABLE notes (t TEXT);"
               "INSERT INTO notes VALUES ('not an event');");
    copy_file(other_wal, f->wal);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    expect_side_refused(f, "-wal");
    /* Moved away, the database opens as it was. */
    assert_int_equal(unlink(f->wal), 0);
    Store *s = open_ok(f->db, 0);
    assert_true(checked_in(s, "1001"));
    store_close(s);
    free(other);
    free(other_wal);
}

/* Another kiosk's database, made from the same guest list (so its pages lie
 * where this one's do): its log, with its own check-ins, is refused; so is a
 * log of it that holds no copy of the first page at all (written by a tool
 * other than Lanyard), which a check of the first page alone would let by. */
static void test_wal_of_another_kiosk_is_refused(void **state)
{
    Fixture *f = *state;
    make_event(f->db, false);
    char *other = tu_path(f->dir, "door-2.db"), *other_wal = tu_path(f->dir, "door-2.db-wal");
    make_event(other, false);
    Store *b = open_ok(other, 0);
    char mei[ID_LEN + 1];
    id_derived("guest-code", "1003", mei);
    CheckinResult r;
    assert_int_equal(store_checkin(b, mei, "door-2", T0 + 2000, &r), STORE_OK);
    copy_file(other_wal, f->wal);
    expect_side_refused(f, "-wal");

    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(other, &c), SQLITE_OK);
    exec_ok(c, "PRAGMA wal_checkpoint(TRUNCATE);"
               "UPDATE guests SET company = 'Door 2 Welding' WHERE code = '1002';");
    copy_file(other_wal, f->wal);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    store_close(b);
    expect_side_refused(f, "-wal");
    free(other);
    free(other_wal);
}

/* A hot rollback journal of another database (its transaction open when it
 * was copied): SQLite would play it back into event.db. */
static void test_journal_of_another_database_is_refused(void **state)
{
    Fixture *f = *state;
    make_event(f->db, true);
    char *other = tu_path(f->dir, "other.db"), *journal = tu_path(f->dir, "other.db-journal");
    char *side = tu_path(f->dir, "event.db-journal");
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(other, &c), SQLITE_OK);
    exec_ok(c, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;"
               "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');"
               "BEGIN; PRAGMA user_version = 7; DELETE FROM notes;");
    copy_file(journal, side);
    exec_ok(c, "COMMIT");
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    expect_side_refused(f, "-journal");
    assert_int_equal(unlink(side), 0);
    Store *s = open_ok(f->db, 0);
    assert_true(checked_in(s, "1001"));
    store_close(s);
    free(other);
    free(journal);
    free(side);
}

/* What a crashed kiosk leaves (the database and its log copied while the
 * kiosk had them open, nothing checkpointed) is recovered, check-ins and all;
 * also when the log was restarted and begins with a lone write (a setting). */
static void test_log_of_a_crashed_kiosk_is_recovered(void **state)
{
    Fixture *f = *state;
    make_event(f->db, false);
    Store *s = open_ok(f->db, 0);
    char ana[ID_LEN + 1], jose[ID_LEN + 1];
    id_derived("guest-code", "1001", ana);
    id_derived("guest-code", "1002", jose);
    CheckinResult r;
    assert_int_equal(store_checkin(s, ana, "door-1", T0 + 1000, &r), STORE_OK);
    char *crash = tu_path(f->dir, "crash");
    assert_int_equal(mkdir(crash, 0700), 0);
    char *db2 = tu_path(crash, "event.db"), *wal2 = tu_path(crash, "event.db-wal");
    copy_file(f->db, db2);
    copy_file(f->wal, wal2);
    /* The main file alone does not hold the check-in: the log does. */
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    exec_ok(c, "PRAGMA wal_checkpoint(TRUNCATE)");
    assert_int_equal(store_setting_set(s, "kiosk.note", "after a restart"), STORE_OK);
    assert_int_equal(store_checkin(s, jose, "door-1", T0 + 2000, &r), STORE_OK);
    char *crash2 = tu_path(f->dir, "crash2");
    assert_int_equal(mkdir(crash2, 0700), 0);
    char *db3 = tu_path(crash2, "event.db"), *wal3 = tu_path(crash2, "event.db-wal");
    copy_file(f->db, db3);
    copy_file(f->wal, wal3);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    store_close(s);

    s = open_ok(db2, 0);
    assert_true(checked_in(s, "1001"));
    store_close(s);
    s = open_ok(db3, 0);
    assert_true(checked_in(s, "1001"));
    assert_true(checked_in(s, "1002"));
    char *note = NULL;
    assert_int_equal(store_setting_get(s, "kiosk.note", &note), STORE_OK);
    assert_string_equal(note, "after a restart");
    free(note);
    store_close(s);
    free(db2);
    free(wal2);
    free(db3);
    free(wal3);
    free(crash);
    free(crash2);
}

/* The salts of the log beside db (bytes 16..23 of its header): they change
 * each time SQLite starts the log afresh. 0 when there is no log. */
static uint64_t log_salts(const char *wal)
{
    unsigned char hdr[32];
    FILE *fp = fopen(wal, "rb");
    size_t got = fp ? fread(hdr, 1, sizeof hdr, fp) : 0;
    if (fp)
        fclose(fp);
    uint64_t salts = 0;
    for (size_t i = 16; got == sizeof hdr && i < 24; i++)
        salts = salts << 8 | hdr[i];
    return salts;
}

/* Only the first transaction of each log rewrites the first page, so the
 * mark must be in every log the kiosk leaves, whichever transaction starts it
 * and whatever another connection checkpoints meanwhile: after every commit,
 * the log on disk is the database's, and a crash copied then recovers. */
static void test_every_new_log_carries_the_mark(void **state)
{
    Fixture *f = *state;
    make_event(f->db, false);
    Store *s = open_ok(f->db, 0);
    sqlite3 *other = NULL; /* another process's connection, as the workers' are */
    assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
    char ana[ID_LEN + 1];
    id_derived("guest-code", "1001", ana);
    char *crash = tu_path(f->dir, "crash");
    assert_int_equal(mkdir(crash, 0700), 0);
    char *db2 = tu_path(crash, "event.db"), *wal2 = tu_path(crash, "event.db-wal");
    uint64_t salts = log_salts(f->wal);
    unsigned restarts = 0, recovered = 0, seed = 7;
    bool reading = false;
    for (int i = 0; i < 1200; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned dice = seed >> 16 & 15;
        if (dice == 0 && !reading)
            exec_ok(other, "PRAGMA wal_checkpoint(PASSIVE)");
        if (dice == 1 && !reading) { /* a reader that holds back the checkpoints */
            exec_ok(other, "BEGIN; SELECT count(*) FROM guests");
            reading = true;
        } else if (dice == 2 && reading) {
            exec_ok(other, "COMMIT");
            reading = false;
        }
        CheckinResult r;
        bool in = i % 3 != 2;
        if (i % 3 == 0) /* one transaction of the store's own (store_begin) */
            assert_int_equal(store_checkin(s, ana, "door-1", T0 + i, &r), STORE_OK);
        else if (i % 3 == 1) /* a lone statement given its own transaction */
            assert_int_equal(store_setting_set(s, "kiosk.note", i % 2 ? "odd" : "even"), STORE_OK);
        else
            assert_int_equal(store_checkin_undo(s, ana, "door-1", T0 + i), STORE_OK);

        unsigned char hdr[100];
        char err[512];
        unsigned long applied = 0;
        assert_true(store_check_header(f->db, f->db, hdr, err, sizeof err));
        if (!store_side_files_check(f->db, f->db, hdr, &applied, err, sizeof err))
            fail_msg("after commit %d (%u logs started afresh): %s", i, restarts, err);
        uint64_t now = log_salts(f->wal);
        if (now == salts)
            continue;
        salts = now;
        restarts++;
        /* A crash just after a commit that started the log afresh. */
        copy_file(f->db, db2);
        copy_file(f->wal, wal2);
        Store *copy = open_ok(db2, 0);
        assert_int_equal(checked_in(copy, "1001"), in);
        store_close(copy);
        unlink(wal2);
        recovered++;
    }
    if (reading)
        exec_ok(other, "COMMIT");
    assert_int_equal(sqlite3_close(other), SQLITE_OK);
    store_close(s);
    /* The run must have started the log afresh several times, by the
     * kiosk's checkpoints and by the other connection's. */
    if (restarts < 4)
        fail_msg("the log started afresh only %u times", restarts);
    assert_int_equal(recovered, restarts);
    free(db2);
    free(wal2);
    free(crash);
}

/* Each database gets its own mark, and a file made before marks existed
 * gets one at its next open for writing. */
static void test_each_database_has_its_own_mark(void **state)
{
    Fixture *f = *state;
    char *other = tu_path(f->dir, "door-2.db");
    make_event(f->db, false);
    make_event(other, false);
    Bytes a = bytes_of(f->db), b = bytes_of(other);
    assert_true(a.len >= 100 && b.len >= 100);
    static const char zeros[8];
    assert_memory_not_equal(a.data + 72, zeros, 8);
    assert_memory_not_equal(b.data + 72, zeros, 8);
    assert_memory_not_equal(a.data + 72, b.data + 72, 8);
    /* Unmarked, as an older Lanyard left it. */
    char *bytes = a.data;
    memset(bytes + 72, 0, 8);
    tu_write(f->db, bytes, a.len);
    Store *s = open_ok(f->db, STORE_OPEN_READONLY);
    store_close(s);
    Bytes still = bytes_of(f->db);
    assert_memory_equal(still.data + 72, zeros, 8);
    s = open_ok(f->db, 0);
    store_close(s);
    Bytes marked = bytes_of(f->db);
    assert_memory_not_equal(marked.data + 72, zeros, 8);
    free(a.data);
    free(b.data);
    free(still.data);
    free(marked.data);
    free(other);
}

/* A copy (the sync folder's, a USB export's) is a database of its own: put
 * back in place of event.db where the crashed kiosk's log still lies, that
 * log is refused rather than applied to it. */
static void test_restored_copy_refuses_the_old_log(void **state)
{
    Fixture *f = *state;
    make_event(f->db, false);
    char *copy = tu_path(f->dir, "lanyard-door-1.db"), *old_wal = tu_path(f->dir, "crash.wal");
    Store *s = open_ok(f->db, 0);
    assert_int_equal(store_backup(s, copy), STORE_OK);
    char jose[ID_LEN + 1];
    id_derived("guest-code", "1002", jose);
    CheckinResult r;
    assert_int_equal(store_checkin(s, jose, "door-1", T0 + 3000, &r), STORE_OK);
    copy_file(f->wal, old_wal); /* the log as the crash left it */
    store_close(s);
    Bytes a = bytes_of(f->db), b = bytes_of(copy);
    assert_memory_not_equal(a.data + 72, b.data + 72, 8);
    free(a.data);
    free(b.data);
    assert_int_equal(rename(copy, f->db), 0);
    copy_file(old_wal, f->wal);
    expect_side_refused(f, "-wal");
    free(copy);
    free(old_wal);
}

/* ---- files pointed at by hand ---- */

/* A copy made by a newer Lanyard, in rollback-journal mode as sync and USB
 * copies are: refused before anything writes to it, still in that mode. */
static void test_newer_copy_is_refused_untouched(void **state)
{
    Fixture *f = *state;
    make_event(f->db, true);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    exec_ok(c, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    Bytes before = bytes_of(f->db);
    assert_int_equal(before.data[18], 1); /* rollback journal */
    static const unsigned modes[] = {0, STORE_OPEN_CREATE, STORE_OPEN_READONLY};
    for (size_t i = 0; i < 3; i++) {
        Store *s = (Store *)0x1;
        char err[512] = "";
        assert_int_equal(store_open(f->db, modes[i], &s, err, sizeof err), STORE_ERROR);
        if (!strstr(err, f->db) || !strstr(err, "newer version"))
            fail_msg("the message should name %s and say it is newer: %s", f->db, err);
        assert_same_bytes(f->db, &before);
        assert_int_equal(access(f->wal, F_OK), -1);
    }
    free(before.data);
}

/* event.db as a symbolic link, absolute or relative, to a file that is not
 * there yet: made at the first start, opened at every start after. */
static void test_database_through_a_link_opens_every_time(void **state)
{
    Fixture *f = *state;
    char *real = tu_path(f->dir, "real");
    assert_int_equal(mkdir(real, 0700), 0);
    char *target = tu_path(real, "event.db");
    char *rel = tu_path(f->dir, "rel.db");
    assert_int_equal(symlink(target, f->db), 0);
    assert_int_equal(symlink("real/other.db", rel), 0);
    const char *links[] = {f->db, rel};
    for (size_t i = 0; i < 2; i++) {
        for (int start = 0; start < 3; start++) {
            Store *s = open_ok(links[i], STORE_OPEN_CREATE);
            if (start == 0) {
                char id[ID_LEN + 1];
                Guest g;
                guest_init(&g);
                assert_int_equal(guest_set(&g.first, "Ana"), 0);
                assert_int_equal(guest_set(&g.last, "Lee"), 0);
                assert_int_equal(store_walkin_add(s, &g, "door-1", T0, NULL), STORE_OK);
                memcpy(id, g.id, sizeof id);
                CheckinResult r;
                assert_int_equal(store_checkin(s, id, "door-1", T0, &r), STORE_OK);
                guest_clear(&g);
            }
            StoreStats st;
            assert_int_equal(store_stats(s, &st), STORE_OK);
            assert_int_equal(st.checked_in, 1);
            store_close(s);
            s = open_ok(links[i], STORE_OPEN_READONLY);
            store_close(s);
        }
        struct stat lst;
        assert_int_equal(lstat(links[i], &lst), 0);
        assert_true(S_ISLNK(lst.st_mode)); /* still a link, to the file beside the logs */
    }
    char *other = tu_path(real, "other.db");
    assert_int_equal(access(target, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0);
    free(other);
    free(real);
    free(target);
    free(rel);
}

/* A table or a column dropped by hand is refused at open, naming it, rather
 * than failing at the first check-in or badge that needs it. */
static void test_dropped_table_is_refused_at_open(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *sql, *words;
    } damage[] = {
        {"DROP TABLE print_jobs", "table print_jobs is missing"},
        {"ALTER TABLE programs DROP COLUMN texts", "table programs has no column texts"},
    };
    for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
        make_event(f->db, true);
        sqlite3 *c = NULL;
        assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
        exec_ok(c, damage[i].sql);
        assert_int_equal(sqlite3_close(c), SQLITE_OK);
        static const unsigned modes[] = {0, STORE_OPEN_READONLY};
        for (size_t m = 0; m < 2; m++) {
            Store *s = (Store *)0x1;
            char err[512] = "";
            assert_int_equal(store_open(f->db, modes[m], &s, err, sizeof err), STORE_ERROR);
            if (!strstr(err, f->db) || !strstr(err, damage[i].words))
                fail_msg("the message should name %s and say \"%s\": %s", f->db, damage[i].words,
                         err);
        }
        assert_int_equal(unlink(f->db), 0);
    }
}

/* A full disk says "disk full" in the messages a person sees: whichever of a
 * write, a flush or a truncate it fails, at a check-in or when the database
 * is made; and on a real disk with no byte left, where SQLite itself calls
 * the failure of its shared-memory file an I/O error. */
static void test_full_disk_reads_disk_full(void **state)
{
    Fixture *f = *state;
    make_event(f->db, false);
    char ana[ID_LEN + 1];
    id_derived("guest-code", "1001", ana);
    char *fresh = tu_path(f->dir, "fresh.db");
    assert_int_equal(fault_vfs_install(), 0);
    for (int op = FAULT_WRITE; op <= FAULT_TRUNCATE; op++) {
        Store *s = open_ok(f->db, 0);
        fault_vfs_fail((FaultOp)op, FAULT_FILE_ANY, 1, SQLITE_FULL, true);
        CheckinResult r;
        StoreStatus st = store_checkin(s, ana, "door-1", T0, &r);
        unsigned long injected = fault_vfs_injected();
        fault_vfs_reset();
        if (injected > 0 && (st != STORE_ERROR || !strstr(store_errmsg(s), "disk full")))
            fail_msg("check-in, %s failing: status %d, %s", fault_vfs_op_name((FaultOp)op), st,
                     store_errmsg(s));
        store_close(s);
        fault_vfs_fail((FaultOp)op, FAULT_FILE_ANY, 1, SQLITE_FULL, true);
        char err[512] = "";
        s = NULL;
        st = store_open(fresh, STORE_OPEN_CREATE, &s, err, sizeof err);
        injected = fault_vfs_injected();
        fault_vfs_reset();
        store_close(s);
        if (injected > 0 && (st != STORE_ERROR || !strstr(err, "disk full")))
            fail_msg("making a database, %s failing: status %d, %s", fault_vfs_op_name((FaultOp)op),
                     st, err);
        unlink(fresh);
    }
    fault_vfs_uninstall();
    free(fresh);

    /* A real disk with no byte left (a small tmpfs, when it can be mounted). */
    char *small = tu_path(f->dir, "small");
    assert_int_equal(mkdir(small, 0700), 0);
    if (mount("tmpfs", small, "tmpfs", 0, "size=400k") != 0) {
        free(small);
        fprintf(stderr, "cannot mount a small tmpfs (needs root): real disk skipped\n");
        return;
    }
    char *db = tu_path(small, "event.db"), *fill = tu_path(small, "fill");
    make_event(db, true);
    char block[4096] = {0};
    FILE *out = fopen(fill, "wb");
    assert_non_null(out);
    while (fwrite(block, 1, sizeof block, out) == sizeof block)
        ;
    fclose(out);
    Store *s = NULL;
    char err[512] = "";
    if (store_open(db, 0, &s, err, sizeof err) == STORE_OK) {
        CheckinResult r;
        if (store_checkin(s, ana, "door-1", T0, &r) != STORE_OK)
            snprintf(err, sizeof err, "%s", store_errmsg(s));
        store_close(s);
    }
    /* What is stored can still be read, counted and exported: staff's way out
     * of a full disk. Reading a WAL database needs a -shm file of 32 KiB. */
    Store *r = NULL;
    char rerr[512] = "";
    StoreStatus rst = store_open(db, STORE_OPEN_READONLY, &r, rerr, sizeof rerr);
    StoreStats stats = {0};
    if (rst == STORE_OK)
        rst = store_stats(r, &stats);
    store_close(r);
    assert_int_equal(umount(small), 0);
    if (!strstr(err, "disk full"))
        fail_msg("a full disk: %s", *err ? err : "the check-in went through");
    if (rst != STORE_OK)
        fail_msg("reading on a full disk: %s", rerr);
    assert_int_equal(stats.guests, 3);
    assert_int_equal(stats.checked_in, 1);
    free(db);
    free(fill);
    free(small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_wal_of_another_sqlite_database_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_wal_of_another_kiosk_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_of_another_database_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_log_of_a_crashed_kiosk_is_recovered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_new_log_carries_the_mark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_database_has_its_own_mark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restored_copy_refuses_the_old_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_copy_is_refused_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_database_through_a_link_opens_every_time, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dropped_table_is_refused_at_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_reads_disk_full, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
