/* test_store.c — the event database: opening and refusing files, migrations,
 * check-in and undo, walk-ins, import counts, programs, interests, exports,
 * settings and backups. */
#include "testutil.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/ids.h"
#include "store/store.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */

typedef struct Fixture {
    char *dir;
    char *db;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char *ro = tu_path(f->dir, "ro");
    umount(ro); /* test_read_only_media's mount, if a failed check left it */
    free(ro);
    char *small = tu_path(f->dir, "small");
    umount(small); /* test_small_disk_holds_what_fits's */
    free(small);
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
    StoreStatus st = store_open(path, flags, &s, err, sizeof err);
    if (st != STORE_OK)
        fail_msg("store_open(%s): %s", path, err);
    return s;
}

static bool side_file_exists(const char *path, const char *suffix)
{
    char side[4200];
    snprintf(side, sizeof side, "%s%s", path, suffix);
    return access(side, F_OK) == 0;
}

/* Opens a file that must be refused; checks the message names it, that its
 * bytes are unchanged and that no -wal/-shm appeared beside it. */
static void expect_refused(const char *path, unsigned flags, const char *words)
{
    size_t before_len = 0, after_len = 0;
    char *before = tu_read(path, &before_len);
    bool had_wal = side_file_exists(path, "-wal"), had_shm = side_file_exists(path, "-shm");
    Store *s = (Store *)0x1;
    char err[512] = "";
    assert_int_equal(store_open(path, flags, &s, err, sizeof err), STORE_ERROR);
    assert_null(s);
    if (!strstr(err, path))
        fail_msg("message does not name the file: %s", err);
    if (words && !strstr(err, words))
        fail_msg("message lacks \"%s\": %s", words, err);
    char *after = tu_read(path, &after_len);
    if (before) {
        assert_non_null(after);
        assert_int_equal(before_len, after_len);
        assert_memory_equal(before, after, before_len);
    }
    assert_int_equal(side_file_exists(path, "-wal"), had_wal);
    assert_int_equal(side_file_exists(path, "-shm"), had_shm);
    free(before);
    free(after);
}

static Guest *add_guest(GuestList *l, const char *code, const char *first, const char *last,
                        const char *company, const char *email)
{
    Guest *g = guest_list_push(l);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, code), 0);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->company, company), 0);
    assert_int_equal(guest_set(&g->email, email), 0);
    if (code && *code)
        id_derived("guest-code", code, g->id);
    else
        id_derived("guest-email", email, g->id);
    return g;
}

static void import_three(Store *s, ImportReport *rep)
{
    GuestList l;
    guest_list_init(&l);
    add_guest(&l, "1001", "Ana", "García", "Acme Welding", "ana@acme.example");
    add_guest(&l, "1002", "José", "Núñez", "Núñez Auto", "jose@nunez.example");
    add_guest(&l, "", "Mei", "Chen", "", "mei@chen.example");
    import_report_init(rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, rep, T0), STORE_OK);
    guest_list_free(&l);
}

static void import_programs(Store *s, const char *const *codes, size_t n)
{
    ProgramList l;
    program_list_init(&l);
    for (size_t i = 0; i < n; i++) {
        Program *p = program_list_push(&l);
        assert_non_null(p);
        char name[64];
        snprintf(name, sizeof name, "Program %s", codes[i]);
        assert_int_equal(guest_set(&p->code, codes[i]), 0);
        assert_int_equal(guest_set(&p->name, name), 0);
    }
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    program_list_free(&l);
}

static sqlite3_int64 count_rows(const char *db, const char *sql)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sqlite3_int64 n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return n;
}

/* ---- opening ---- */

static void test_create_and_reopen(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    assert_string_equal(store_path(s), f->db);
    store_close(s);
    s = open_ok(f->db, 0);
    store_close(s);
    s = open_ok(f->db, STORE_OPEN_READONLY);
    store_close(s);
    assert_int_equal(count_rows(f->db, "PRAGMA application_id"), 0x4C4E5944);
    assert_true(count_rows(f->db, "PRAGMA user_version") >= 1);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(c);
}

static void test_missing_file(void **state)
{
    Fixture *f = *state;
    expect_refused(f->db, 0, "does not exist");
    expect_refused(f->db, STORE_OPEN_READONLY | STORE_OPEN_CREATE, "does not exist");
    assert_int_not_equal(access(f->db, F_OK), 0);
}

static void test_refuses_text_and_random_bytes(void **state)
{
    Fixture *f = *state;
    tu_write(f->db, "first,last\nAna,García\n", (size_t)-1);
    expect_refused(f->db, 0, "not a Lanyard database");
    expect_refused(f->db, STORE_OPEN_CREATE, "not a Lanyard database");
    expect_refused(f->db, STORE_OPEN_READONLY, "not a Lanyard database");
    char junk[8192];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    tu_write(f->db, junk, sizeof junk);
    expect_refused(f->db, STORE_OPEN_CREATE, "not a Lanyard database");
    /* An SQLite header followed by junk is still not ours. */
    memcpy(junk, "SQLite format 3", 16);
    tu_write(f->db, junk, sizeof junk);
    expect_refused(f->db, STORE_OPEN_CREATE, "not a Lanyard database");
}

static void test_refuses_other_sqlite_app(void **state)
{
    Fixture *f = *state;
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c,
                                  "CREATE TABLE contacts (name TEXT);"
                                  "INSERT INTO contacts VALUES ('Ana');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(c);
    expect_refused(f->db, STORE_OPEN_CREATE, "another program");
    expect_refused(f->db, STORE_OPEN_READONLY, "another program");
}

static void test_refuses_directory_and_empty(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->db, 0700), 0);
    expect_refused(f->db, STORE_OPEN_CREATE, "folder");
    assert_int_equal(rmdir(f->db), 0);
    tu_write(f->db, "", 0);
    expect_refused(f->db, 0, "empty");
    /* With CREATE an empty file simply becomes the database. */
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    store_close(s);
}

static void test_refuses_corrupt(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    GuestList l;
    guest_list_init(&l);
    for (int i = 0; i < 400; i++) {
        char code[16], first[32];
        snprintf(code, sizeof code, "C%04d", i);
        snprintf(first, sizeof first, "Guest%04d with a longer name", i);
        add_guest(&l, code, first, "Example", "Example Company Incorporated", "");
    }
    ImportReport rep;
    import_report_init(&rep, "x");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
    store_close(s);
    /* Closing checkpointed everything into the main file and removed the log. */
    assert_false(side_file_exists(f->db, "-wal"));
    size_t len = 0;
    char *bytes = tu_read(f->db, &len);
    assert_non_null(bytes);
    assert_true(len > 6 * 4096);
    /* Scribble over the middle pages, leaving the header intact. */
    for (size_t i = 2 * 4096; i < 5 * 4096; i++)
        bytes[i] = (char)(i * 7);
    tu_write(f->db, bytes, len);
    free(bytes);
    expect_refused(f->db, 0, "damaged");
    expect_refused(f->db, STORE_OPEN_READONLY, "damaged");
}

static void test_refuses_read_only_file(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    store_close(s);
    assert_int_equal(chmod(f->db, 0444), 0);
    expect_refused(f->db, 0, "read-only");
    expect_refused(f->db, STORE_OPEN_CREATE, "read-only");
    /* Reading it is fine. */
    s = open_ok(f->db, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    store_close(s);
}

static void test_refuses_read_only_folder(void **state)
{
    Fixture *f = *state;
    char *sub = tu_path(f->dir, "ro");
    assert_int_equal(mkdir(sub, 0700), 0);
    char *db = tu_path(sub, "event.db");
    Store *s = open_ok(db, STORE_OPEN_CREATE);
    store_close(s);
    assert_int_equal(chmod(sub, 0555), 0);
    expect_refused(db, 0, "not writable");
    char *fresh = tu_path(sub, "new.db");
    expect_refused(fresh, STORE_OPEN_CREATE, "not writable");
    assert_int_not_equal(access(fresh, F_OK), 0);
    assert_int_equal(chmod(sub, 0700), 0);
    /* A folder that is not there is said to be missing, not "not writable (No
     * such file or directory)". */
    char *nowhere = tu_path(f->dir, "no-such-folder/event.db");
    Store *none = NULL;
    char err[512];
    assert_int_equal(store_open(nowhere, STORE_OPEN_CREATE, &none, err, sizeof err), STORE_ERROR);
    assert_null(none);
    if (!strstr(err, "no-such-folder does not exist") || strstr(err, "not writable"))
        fail_msg("unclear message: %s", err);
    free(nowhere);
    free(fresh);
    free(db);
    free(sub);
}

/* A kiosk's file on read-only media (a USB stick mounted read-only): readable
 * for exports and merges although SQLite cannot put its shared-memory file
 * beside it; refused for writing. Needs a read-only bind mount (root). */
static void test_read_only_media(void **state)
{
    Fixture *f = *state;
    char *src = tu_path(f->dir, "stick");
    char *ro = tu_path(f->dir, "ro");
    assert_int_equal(mkdir(src, 0700), 0);
    assert_int_equal(mkdir(ro, 0700), 0);
    char *db = tu_path(src, "door #1?.db");
    Store *s = open_ok(db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    store_close(s);
    if (mount(src, ro, NULL, MS_BIND, NULL) != 0 ||
        mount(NULL, ro, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) != 0) {
        umount(ro);
        free(db);
        free(ro);
        free(src);
        fprintf(stderr, "cannot make a read-only mount (needs root): test skipped\n");
        skip();
    }
    char *on_ro = tu_path(ro, "door #1?.db");
    s = open_ok(on_ro, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    store_close(s);
    expect_refused(on_ro, 0, "read-only");
    assert_int_equal(umount(ro), 0);
    free(on_ro);
    free(db);
    free(ro);
    free(src);
}

static void test_refuses_newer_schema(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    store_close(s);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
    s = (Store *)0x1;
    char err[512];
    assert_int_equal(store_open(f->db, 0, &s, err, sizeof err), STORE_ERROR);
    assert_non_null(strstr(err, "newer version"));
}

static void test_migrates_marked_empty_file(void **state)
{
    /* A file that has the Lanyard mark but no schema yet (creation interrupted
     * right after the mark was written) is brought up to the current version. */
    Fixture *f = *state;
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "PRAGMA application_id = 1280203076", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(c);
    assert_int_equal(count_rows(f->db, "PRAGMA user_version"), 0);
    Store *s = open_ok(f->db, 0);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    store_close(s);
    sqlite3_int64 v = count_rows(f->db, "PRAGMA user_version");
    assert_true(v >= 1);
    s = open_ok(f->db, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    store_close(s);
    assert_int_equal(count_rows(f->db, "PRAGMA user_version"), v);
}

/* Adds walk-ins to the database at db until 400 are in or one fails: through
 * one connection (the kiosk), or opening and closing for each (`lanyard
 * checkin`). Returns how many went in; err gets the failure. */
static size_t add_walkins(const char *db, bool reopen, char *err, size_t errlen)
{
    Store *s = NULL;
    size_t added = 0;
    StoreStatus st = STORE_OK;
    while (st == STORE_OK && added < 400) {
        if (!s && (st = store_open(db, STORE_OPEN_CREATE, &s, err, errlen)) != STORE_OK)
            break;
        Guest g;
        guest_init(&g);
        char first[32];
        snprintf(first, sizeof first, "Walker%zu", added);
        assert_int_equal(guest_set(&g.first, first), 0);
        assert_int_equal(guest_set(&g.last, "With a long enough last name"), 0);
        assert_int_equal(guest_set(&g.company, "A company of some length, Inc."), 0);
        st = store_walkin_add(s, &g, "door-1", T0 + (int64_t)added, NULL);
        if (st == STORE_OK)
            added++;
        else
            snprintf(err, errlen, "%s", store_errmsg(s));
        guest_clear(&g);
        if (reopen || st != STORE_OK) {
            store_close(s);
            s = NULL;
        }
    }
    store_close(s);
    return added;
}

/* On a nearly full disk (a 600 KB tmpfs here) the database may use the space
 * that is left. Opening must not fill it with a preallocated log, and a kiosk
 * that keeps its connection open must not let the log outgrow it between
 * checkpoints: either way the file could no longer grow when the log is
 * checkpointed, and after a dozen check-ins every commit would say the disk is
 * full. When the disk does fill up, earlier guests are all still there. */
static void test_small_disk_holds_what_fits(void **state)
{
    Fixture *f = *state;
    char *small = tu_path(f->dir, "small");
    assert_int_equal(mkdir(small, 0700), 0);
    char *db = tu_path(small, "event.db");
    for (int reopen = 1; reopen >= 0; reopen--) {
        if (mount("tmpfs", small, "tmpfs", 0, "size=600k") != 0) {
            free(db);
            free(small);
            fprintf(stderr, "cannot mount a small tmpfs (needs root): test skipped\n");
            skip();
        }
        char err[512] = "";
        size_t added = add_walkins(db, reopen, err, sizeof err);
        if (added < 400)
            fail_msg("%s: the disk took only %zu walk-ins: %s",
                     reopen ? "reopening" : "one connection", added, err);
        Store *s = open_ok(db, STORE_OPEN_READONLY);
        StoreStats stats;
        assert_int_equal(store_stats(s, &stats), STORE_OK);
        assert_int_equal(stats.guests, added);
        store_close(s);
        assert_int_equal(umount(small), 0);
    }
    free(db);
    free(small);
}

static int count_followup(const FollowupRow *r, void *ud)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

static void test_migrates_older_version_keeping_data(void **state)
{
    /* A file made by the first version only (its schema is kept as it was in
     * tests/data), with a guest in it, is brought forward one migration at a
     * time to the version a new file gets. */
    Fixture *f = *state;
    char *fresh = tu_path(f->dir, "fresh.db");
    store_close(open_ok(fresh, STORE_OPEN_CREATE));
    sqlite3_int64 latest = count_rows(fresh, "PRAGMA user_version");
    free(fresh);
    assert_true(latest > 1);
    char *schema_path = tu_source("tests/data/store-schema-v1.sql");
    char *schema = tu_read(schema_path, NULL);
    assert_non_null(schema);
    free(schema_path);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, schema, NULL, NULL, NULL), SQLITE_OK);
    free(schema);
    assert_int_equal(
        sqlite3_exec(c,
                     "INSERT INTO guests (id, code, first, last, created_at, updated_at) VALUES "
                     "('0123456789abcdef0123456789abcdef', 'OLD-1', 'Ana', 'García', "
                     "'2026-08-20T17:00:00.000Z', '2026-08-20T17:00:00.000Z');"
                     "INSERT INTO interests (guest_id, kind, value, created_at) VALUES "
                     "('0123456789abcdef0123456789abcdef', 'program', 'WELD', "
                     "'2026-08-20T17:00:00.000Z');"
                     "INSERT INTO programs (code, name, updated_at) VALUES ('WELD', 'Welding', "
                     "'2026-08-20T17:00:00.000Z');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    /* Read-only users can read it as it is, later columns and all... */
    Store *s = open_ok(f->db, STORE_OPEN_READONLY);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "OLD-1", &g), STORE_OK);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.interests, 1);
    int rows = 0;
    assert_int_equal(store_each_followup(s, count_followup, &rows), STORE_OK);
    assert_int_equal(rows, 1);
    ProgramList pl;
    program_list_init(&pl);
    assert_int_equal(store_programs(s, &pl), STORE_OK);
    assert_int_equal(pl.count, 1);
    assert_int_equal(pl.items[0].ntexts, 0);
    program_list_free(&pl);
    store_close(s);
    assert_int_equal(count_rows(f->db, "PRAGMA user_version"), 1);
    /* ...and the first writer upgrades it. */
    s = open_ok(f->db, 0);
    assert_int_equal(store_guest_by_code(s, "OLD-1", &g), STORE_OK);
    assert_string_equal(g.last, "García");
    assert_int_equal(g.updated_at, T0);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, "door-1", T0 + 1, &r), STORE_OK);
    store_close(s);
    assert_int_equal(count_rows(f->db, "PRAGMA user_version"), latest);
    guest_clear(&g);
}

/* ---- check-in ---- */

static void test_checkin_twice_one_row(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    assert_string_equal(g.first, "Ana");
    CheckinResult a, b;
    assert_int_equal(store_checkin(s, g.id, "door-1", T0 + 1000, &a), STORE_OK);
    assert_false(a.already);
    assert_int_equal(a.checked_in_at, T0 + 1000);
    assert_int_equal(strlen(a.attendance_id), ID_LEN);
    assert_int_equal(store_checkin(s, g.id, "door-2", T0 + 5000, &b), STORE_OK);
    assert_true(b.already);
    assert_string_equal(a.attendance_id, b.attendance_id);
    assert_int_equal(b.checked_in_at, T0 + 1000);
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_true(in);
    assert_int_equal(store_checkin(s, "00000000000000000000000000000000", "door-1", T0, &b),
                     STORE_NOT_FOUND);
    store_close(s);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM attendance"), 1);
    guest_clear(&g);
}

static void test_undo_keeps_row_and_audit(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "1002", &g), STORE_OK);
    CheckinResult a, b;
    assert_int_equal(store_checkin(s, g.id, "door-1", T0, &a), STORE_OK);
    assert_int_equal(store_checkin_undo(s, g.id, "staff", T0 + 60000), STORE_OK);
    bool in = true;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_false(in);
    assert_int_equal(store_checkin_undo(s, g.id, "staff", T0 + 61000), STORE_NOT_FOUND);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 0);
    assert_int_equal(st.undone, 1);
    /* Checking in again makes a new row; the undone one stays. */
    assert_int_equal(store_checkin(s, g.id, "door-1", T0 + 120000, &b), STORE_OK);
    assert_false(b.already);
    assert_string_not_equal(a.attendance_id, b.attendance_id);
    store_close(s);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM attendance"), 2);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM attendance WHERE undone_at IS NOT "
                                       "NULL AND undone_by = 'staff'"),
                     1);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM audit WHERE action = 'undo'"), 1);
    guest_clear(&g);
}

/* The text of the last audit record of an action (malloc'd). */
static char *audit_detail(const char *db, const char *action)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(c, "SELECT detail FROM audit WHERE action = ?1 ORDER BY at DESC", -1,
                           &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *detail = strdup((const char *)sqlite3_column_text(st, 0));
    assert_non_null(detail);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return detail;
}

/* Undo retracts the visit's interests and consent: they leave the follow-up
 * list and the counts, stay in the database (marked) and in the audit line,
 * and a guest checked in again starts with none; picking one again counts. */
static void test_undo_retracts_interests(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    const char *codes[] = {"WELD", "HLTH"};
    import_programs(s, codes, 2);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, "door-1", T0, &r), STORE_OK);
    const char *kinds[] = {"interns"};
    assert_int_equal(store_interests_set(s, g.id, codes, 2, kinds, 1, "door-1", T0), STORE_OK);
    assert_int_equal(store_guest_set_consent(s, g.id, true, T0), STORE_OK);
    int rows = 0;
    assert_int_equal(store_each_followup(s, count_followup, &rows), STORE_OK);
    assert_int_equal(rows, 2);

    assert_int_equal(store_checkin_undo(s, g.id, "staff", T0 + 60000), STORE_OK);
    rows = 0;
    assert_int_equal(store_each_followup(s, count_followup, &rows), STORE_OK);
    assert_int_equal(rows, 0);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.interests, 0);
    assert_int_equal(st.checked_in, 0);
    char **p = NULL, **k = NULL;
    size_t np = 9, nk = 9;
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np + nk, 0);
    assert_int_equal(store_guest_get(s, g.id, &g), STORE_OK);
    assert_false(g.consent);
    char *detail = audit_detail(f->db, "undo");
    assert_non_null(strstr(detail, r.attendance_id));
    assert_non_null(strstr(detail, "programs: WELD, HLTH"));
    assert_non_null(strstr(detail, "partnership: interns"));
    assert_non_null(strstr(detail, "consent: yes"));
    free(detail);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM interests WHERE retracted_at IS NOT "
                                       "NULL AND created_at < retracted_at"),
                     3);

    /* Back again: nothing picked; what they pick now counts, even what they
     * had picked before. */
    assert_int_equal(store_checkin(s, g.id, "door-1", T0 + 120000, &r), STORE_OK);
    const char *again[] = {"HLTH"};
    assert_int_equal(store_interests_set(s, g.id, again, 1, NULL, 0, "door-1", T0 + 121000),
                     STORE_OK);
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(p[0], "HLTH");
    assert_int_equal(nk, 0);
    store_strings_free(p, np);
    store_strings_free(k, nk);
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.interests, 1);
    /* Un-picking is a retraction too: the row stays. */
    assert_int_equal(store_interests_set(s, g.id, NULL, 0, NULL, 0, "door-1", T0 + 122000),
                     STORE_OK);
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.interests, 0);
    guest_clear(&g);
    store_close(s);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM interests"), 3);
}

static void test_walkin_codes_and_email_reuse(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    char codes[50][WALKIN_CODE_LEN + 1];
    for (int i = 0; i < 50; i++) {
        Guest g;
        guest_init(&g);
        char first[16];
        snprintf(first, sizeof first, "Walker%d", i);
        assert_int_equal(guest_set(&g.first, first), 0);
        assert_int_equal(guest_set(&g.last, "Smith"), 0);
        assert_int_equal(store_walkin_add(s, &g, "door-1", T0 + i, NULL), STORE_OK);
        assert_int_equal(strlen(g.id), ID_LEN);
        assert_int_equal(strlen(g.code), WALKIN_CODE_LEN);
        assert_memory_equal(g.code, "W-", 2);
        assert_true(g.walk_in);
        snprintf(codes[i], sizeof codes[i], "%s", g.code);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(codes[i], codes[j]);
        Guest back;
        guest_init(&back);
        assert_int_equal(store_guest_by_code(s, g.code, &back), STORE_OK);
        assert_string_equal(back.id, g.id);
        assert_true(back.walk_in);
        guest_clear(&back);
        guest_clear(&g);
    }
    /* The same email (other case) is the same person: no second guest. */
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(s, "1001", &ana), STORE_OK);
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Ana"), 0);
    assert_int_equal(guest_set(&g.last, "Garcia"), 0);
    assert_int_equal(guest_set(&g.email, "ANA@Acme.Example"), 0);
    assert_int_equal(store_walkin_add(s, &g, "door-1", T0, NULL), STORE_OK);
    assert_string_equal(g.id, ana.id);
    assert_string_equal(g.code, "1001");
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 53);
    assert_int_equal(st.expected, 3);
    /* A walk-in registering twice with the same name and company is one guest;
     * without a company, two people of one name stay two guests. */
    char first_id[ID_LEN + 1] = "";
    for (int i = 0; i < 2; i++) {
        Guest w;
        guest_init(&w);
        assert_int_equal(guest_set(&w.first, i ? "SAM" : "Sam"), 0);
        assert_int_equal(guest_set(&w.last, "Lee"), 0);
        assert_int_equal(guest_set(&w.company, i ? "lee plumbing" : "Lee Plumbing"), 0);
        assert_int_equal(store_walkin_add(s, &w, "door-1", T0 + 100 + i, NULL), STORE_OK);
        if (i)
            assert_string_equal(w.id, first_id);
        else
            snprintf(first_id, sizeof first_id, "%s", w.id);
        guest_clear(&w);
    }
    char nameless_company[2][ID_LEN + 1];
    for (int i = 0; i < 2; i++) {
        Guest w;
        guest_init(&w);
        assert_int_equal(guest_set(&w.first, "Sam"), 0);
        assert_int_equal(guest_set(&w.last, "Lee"), 0);
        assert_int_equal(store_walkin_add(s, &w, "door-1", T0 + 200 + i, NULL), STORE_OK);
        snprintf(nameless_company[i], sizeof nameless_company[i], "%s", w.id);
        guest_clear(&w);
    }
    /* A colleague giving Ana's email under another name is a new guest. */
    Guest colleague;
    guest_init(&colleague);
    assert_int_equal(guest_set(&colleague.first, "Dee"), 0);
    assert_int_equal(guest_set(&colleague.last, "Day"), 0);
    assert_int_equal(guest_set(&colleague.email, "ana@acme.example"), 0);
    assert_int_equal(store_walkin_add(s, &colleague, "door-1", T0 + 300, NULL), STORE_OK);
    assert_string_not_equal(colleague.id, ana.id);
    assert_true(colleague.walk_in);
    guest_clear(&colleague);
    assert_string_not_equal(nameless_company[0], nameless_company[1]);
    assert_string_not_equal(nameless_company[0], first_id);
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 57);

    Guest empty;
    guest_init(&empty);
    assert_int_equal(store_walkin_add(s, &empty, "door-1", T0, NULL), STORE_INVALID);
    guest_clear(&empty);
    guest_clear(&g);
    guest_clear(&ana);
    store_close(s);
}

/* ---- import ---- */

static void test_import_counts(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    assert_int_equal(rep.added, 3);
    assert_int_equal(rep.updated, 0);
    assert_int_equal(rep.unchanged, 0);
    import_report_free(&rep);
    import_three(s, &rep);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.updated, 0);
    assert_int_equal(rep.unchanged, 3);
    import_report_free(&rep);

    /* One changed company, one matched only by email (other case, new code), one new. */
    GuestList l;
    guest_list_init(&l);
    add_guest(&l, "1001", "Ana", "García", "Acme Welding & Fab", "ana@acme.example");
    Guest *mei = add_guest(&l, "P-77", "Mei", "Chen", "", "MEI@chen.example");
    id_derived("guest-code", "P-77", mei->id);
    add_guest(&l, "1003", "Ngozi", "Okafor", "Okafor Builders", "ngozi@okafor.example");
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0 + 1000), STORE_OK);
    assert_int_equal(rep.added, 1);
    assert_int_equal(rep.updated, 2);
    assert_int_equal(rep.unchanged, 0);
    import_report_free(&rep);
    guest_list_free(&l);

    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "P-77", &g), STORE_OK);
    assert_string_equal(g.first, "Mei");
    assert_string_equal(g.email, "MEI@chen.example");
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    assert_string_equal(g.company, "Acme Welding & Fab");

    /* All or nothing: the second row would take Ana's code for José. */
    guest_list_init(&l);
    add_guest(&l, "1004", "Lena", "Novak", "", "lena@novak.example");
    Guest *bad = add_guest(&l, "1001", "José", "Núñez", "", "jose@nunez.example");
    id_derived("guest-code", "1002", bad->id);
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0 + 2000), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), "1001"));
    assert_int_equal(rep.added, 0);
    import_report_free(&rep);
    guest_list_free(&l);
    assert_int_equal(store_guest_by_code(s, "1004", &g), STORE_NOT_FOUND);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 4);
    guest_clear(&g);
    store_close(s);
}

/* Applying a list matches its rows to the stored guests by the one rule of
 * core/guest_match.h (its cases are in test_guest_match.c). Two tickets on one
 * email are two people, under different names (someone registered a colleague
 * with their own address) and under one name (a buyer's details copied onto
 * each ticket): the second must not be written over the first. */
static void test_import_shared_email(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    GuestList l;
    guest_list_init(&l);
    add_guest(&l, "C3", "Cy", "Diaz", "Diaz Farms", "cy@diaz.example");
    add_guest(&l, "D5", "Dee", "Diaz", "Diaz Farms", "cy@diaz.example");
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.updated, 0);
    import_report_free(&rep);
    guest_list_free(&l);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "C3", &g), STORE_OK);
    assert_string_equal(g.first, "Cy");
    assert_int_equal(store_guest_by_code(s, "D5", &g), STORE_OK);
    assert_string_equal(g.first, "Dee");

    /* Cy's name on a new ticket, same email: another ticket, another guest. */
    guest_list_init(&l);
    add_guest(&l, "C9", "CY", "Díaz", "Diaz Farms", "CY@diaz.example");
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0 + 1000), STORE_OK);
    assert_int_equal(rep.added, 1);
    assert_int_equal(rep.updated, 0);
    import_report_free(&rep);
    guest_list_free(&l);
    assert_int_equal(store_guest_by_code(s, "C9", &g), STORE_OK);
    assert_string_equal(g.last, "Díaz");
    assert_int_equal(store_guest_by_code(s, "C3", &g), STORE_OK);
    assert_string_equal(g.last, "Diaz");
    assert_int_equal(store_guest_by_code(s, "D5", &g), STORE_OK);
    assert_string_equal(g.first, "Dee");
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    guest_clear(&g);
    store_close(s);
}

/* A walk-in who turns up on a later list (same email and name) is one guest:
 * the list's code becomes theirs, and the walk-in code on the badge they wear
 * still finds them. Without a code, a colleague under a shared email stays a
 * guest of their own; the same name and company is the same person. */
static void test_import_finds_walkins(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    Guest w;
    guest_init(&w);
    assert_int_equal(guest_set(&w.first, "Pat"), 0);
    assert_int_equal(guest_set(&w.last, "Kim"), 0);
    assert_int_equal(guest_set(&w.email, "pat@kim.example"), 0);
    assert_int_equal(store_walkin_add(s, &w, "door-1", T0, NULL), STORE_OK);
    Guest v;
    guest_init(&v);
    assert_int_equal(guest_set(&v.first, "Vic"), 0);
    assert_int_equal(guest_set(&v.last, "Ode"), 0);
    assert_int_equal(guest_set(&v.company, "Ode Farms"), 0);
    assert_int_equal(store_walkin_add(s, &v, "door-1", T0 + 1, NULL), STORE_OK);

    GuestList l;
    guest_list_init(&l);
    add_guest(&l, "7001", "PAT", "Kim", "Kim Co", "Pat@Kim.example");
    add_guest(&l, "", "Lou", "Kim", "Kim Co", "pat@kim.example"); /* a colleague */
    add_guest(&l, "", "Vic", "Ode", "ODE FARMS", "vic@ode.example");
    ImportReport rep;
    import_report_init(&rep, "late.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0 + 1000), STORE_OK);
    assert_int_equal(rep.added, 1);
    assert_int_equal(rep.updated, 2);
    import_report_free(&rep);
    guest_list_free(&l);

    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "7001", &g), STORE_OK);
    assert_string_equal(g.id, w.id);
    assert_string_equal(g.company, "Kim Co");
    assert_true(g.walk_in);
    assert_int_equal(store_guest_by_code(s, w.code, &g), STORE_OK);
    assert_string_equal(g.id, w.id);
    assert_int_equal(store_guest_by_code(s, v.code, &g), STORE_OK);
    assert_string_equal(g.email, "vic@ode.example");
    GuestList found;
    guest_list_init(&found);
    assert_int_equal(store_guests_by_name(s, "Lou", "Kim", NULL, NULL, &found), STORE_OK);
    assert_int_equal(found.count, 1);
    assert_string_not_equal(found.items[0].id, w.id);
    guest_list_free(&found);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    guest_clear(&g);
    guest_clear(&w);
    guest_clear(&v);
    store_close(s);
}

static void test_guests_by_name(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    GuestList l;
    guest_list_init(&l);
    add_guest(&l, "2001", "Jose", "Nunez", "Other Co", "jose2@other.example");
    import_report_init(&rep, "x");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);

    GuestList found;
    guest_list_init(&found);
    assert_int_equal(store_guests_by_name(s, "JOSÉ", "nuñez", NULL, NULL, &found), STORE_OK);
    assert_int_equal(found.count, 2);
    guest_list_free(&found);
    guest_list_init(&found);
    assert_int_equal(store_guests_by_name(s, "jose", "nunez", "núñez auto", "", &found), STORE_OK);
    assert_int_equal(found.count, 1);
    assert_string_equal(found.items[0].code, "1002");
    guest_list_free(&found);
    guest_list_init(&found);
    assert_int_equal(store_guests_by_name(s, "jose", "nunez", NULL, "JOSE2@other.example", &found),
                     STORE_OK);
    assert_int_equal(found.count, 1);
    assert_string_equal(found.items[0].code, "2001");
    guest_list_free(&found);
    guest_list_init(&found);
    assert_int_equal(store_guests_by_name(s, "Nobody", "Here", NULL, NULL, &found), STORE_OK);
    assert_int_equal(found.count, 0);
    guest_list_free(&found);
    store_close(s);
}

/* ---- programs and interests ---- */

static void test_programs_order_and_hiding(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    const char *first[] = {"WELD", "HLTH", "CULN"};
    import_programs(s, first, 3);
    ProgramList l;
    program_list_init(&l);
    assert_int_equal(store_programs(s, &l), STORE_OK);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].code, "WELD");
    assert_string_equal(l.items[2].code, "CULN");
    assert_string_equal(l.items[2].name, "Program CULN");
    program_list_free(&l);
    const char *second[] = {"CULN", "WELD"};
    import_programs(s, second, 2);
    program_list_init(&l);
    assert_int_equal(store_programs(s, &l), STORE_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].code, "CULN");
    assert_string_equal(l.items[1].code, "WELD");
    program_list_free(&l);
    store_close(s);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM programs"), 3);
}

/* A program's texts in other languages are stored with it, come back as
 * they were (tabs, line breaks and backslashes too), and count as a change of
 * the program when they change. */
static void test_program_translations_stored(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ProgramList l;
    program_list_init(&l);
    Program *p = program_list_push(&l);
    assert_non_null(p);
    assert_int_equal(guest_set(&p->code, "WELD"), 0);
    assert_int_equal(guest_set(&p->name, "Welding"), 0);
    assert_int_equal(program_set_text(p, "es", PROGRAM_NAME, "Soldadura"), 0);
    const char *odd = "Arco\ty llama\\n\nen dos\r\naños";
    assert_int_equal(program_set_text(p, "es", PROGRAM_DESCRIPTION, odd), 0);
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, T0), STORE_OK);
    assert_int_equal(rep.added, 1);
    import_report_free(&rep);
    ProgramList got;
    program_list_init(&got);
    assert_int_equal(store_programs(s, &got), STORE_OK);
    assert_int_equal(got.count, 1);
    assert_int_equal(got.items[0].ntexts, 2);
    assert_string_equal(program_text(&got.items[0], PROGRAM_NAME, "es"), "Soldadura");
    assert_string_equal(program_text(&got.items[0], PROGRAM_DESCRIPTION, "es"), odd);
    program_list_free(&got);
    Program one;
    program_init(&one);
    assert_int_equal(store_program_get(s, "WELD", &one), STORE_OK);
    assert_string_equal(program_text(&one, PROGRAM_NAME, "es"), "Soldadura");
    program_clear(&one);

    /* The same file again: unchanged; a translation edited: updated. */
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, T0 + 1), STORE_OK);
    assert_int_equal(rep.unchanged, 1);
    import_report_free(&rep);
    assert_int_equal(program_set_text(p, "es", PROGRAM_NAME, "Soldadura y corte"), 0);
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, T0 + 2), STORE_OK);
    assert_int_equal(rep.updated, 1);
    import_report_free(&rep);
    program_init(&one);
    assert_int_equal(store_program_get(s, "WELD", &one), STORE_OK);
    assert_string_equal(program_text(&one, PROGRAM_NAME, "es"), "Soldadura y corte");
    program_clear(&one);
    program_list_free(&l);
    store_close(s);
}

static void test_interests_set_get(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    const char *codes[] = {"WELD", "HLTH", "CULN"};
    import_programs(s, codes, 3);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);

    const char *progs[] = {"CULN", "WELD"};
    const char *kinds[] = {"hiring", "interns"};
    assert_int_equal(store_interests_set(s, g.id, progs, 2, kinds, 2, "door-1", T0), STORE_OK);
    char **p = NULL, **k = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 2);
    assert_string_equal(p[0], "WELD"); /* catalogue order */
    assert_string_equal(p[1], "CULN");
    assert_int_equal(nk, 2);
    assert_string_equal(k[0], "interns"); /* PARTNERSHIP_KINDS order */
    assert_string_equal(k[1], "hiring");
    store_strings_free(p, np);
    store_strings_free(k, nk);

    /* Replacing drops what is no longer picked. */
    const char *progs2[] = {"HLTH"};
    assert_int_equal(store_interests_set(s, g.id, progs2, 1, NULL, 0, "door-1", T0 + 1), STORE_OK);
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(p[0], "HLTH");
    assert_int_equal(nk, 0);
    store_strings_free(p, np);
    store_strings_free(k, nk);

    /* A program no longer listed (hidden) is not one the guest is shown:
     * saving what they picked from the listed ones keeps it. */
    const char *weld[] = {"WELD", "HLTH"};
    assert_int_equal(store_interests_set(s, g.id, weld, 2, NULL, 0, "door-1", T0 + 2), STORE_OK);
    const char *listed[] = {"HLTH", "CULN"};
    import_programs(s, listed, 2); /* WELD hidden */
    assert_int_equal(store_interests_set(s, g.id, listed, 1, NULL, 0, "door-1", T0 + 3), STORE_OK);
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    bool kept = false;
    for (size_t i = 0; i < np; i++)
        kept = kept || !strcmp(p[i], "WELD");
    assert_true(kept);
    store_strings_free(p, np);
    store_strings_free(k, nk);

    const char *unknown[] = {"NOPE"};
    assert_int_equal(store_interests_set(s, g.id, unknown, 1, NULL, 0, "door-1", T0),
                     STORE_INVALID);
    const char *badkind[] = {"juggling"};
    assert_int_equal(store_interests_set(s, g.id, NULL, 0, badkind, 1, "door-1", T0),
                     STORE_INVALID);
    assert_int_equal(store_interests_get(s, "ffffffffffffffffffffffffffffffff", &p, &np, &k, &nk),
                     STORE_NOT_FOUND);
    assert_int_equal(store_guest_set_consent(s, g.id, true, T0 + 2), STORE_OK);
    assert_int_equal(store_guest_get(s, g.id, &g), STORE_OK);
    assert_true(g.consent);
    guest_clear(&g);
    store_close(s);
}

/* ---- exports and stats ---- */

typedef struct Collected {
    char lines[8][512];
    int n;
} Collected;

static int collect_attendance(const AttendanceRow *r, void *ud)
{
    Collected *c = ud;
    assert_true(c->n < 8);
    snprintf(c->lines[c->n++], sizeof c->lines[0], "%lld|%s|%s|%s|%s|%d",
             (long long)r->checked_in_at, r->guest->first, r->kiosk, r->programs, r->kinds,
             r->badge_printed);
    return 0;
}

static int collect_followup(const FollowupRow *r, void *ud)
{
    Collected *c = ud;
    assert_true(c->n < 8);
    snprintf(c->lines[c->n++], sizeof c->lines[0], "%s|%s|%s|%s|%lld", r->program_code,
             r->program_name, r->guest->first, r->kinds, (long long)r->checked_in_at);
    return 0;
}

static void test_export_rows_and_stats(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    const char *codes[] = {"WELD", "HLTH", "CULN"};
    import_programs(s, codes, 3);
    Guest ana, jose;
    guest_init(&ana);
    guest_init(&jose);
    assert_int_equal(store_guest_by_code(s, "1001", &ana), STORE_OK);
    assert_int_equal(store_guest_by_code(s, "1002", &jose), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, jose.id, "door-2", T0 + 500, &r), STORE_OK);
    assert_int_equal(store_checkin(s, ana.id, "door-1", T0 + 100, &r), STORE_OK);
    const char *progs[] = {"CULN", "WELD"};
    const char *kinds[] = {"mentoring", "interns"};
    assert_int_equal(store_interests_set(s, ana.id, progs, 2, kinds, 2, "door-1", T0), STORE_OK);

    Collected c = {0};
    if (store_each_attendance(s, collect_attendance, &c) != STORE_OK)
        fail_msg("%s", store_errmsg(s));
    assert_int_equal(c.n, 2);
    char want[512];
    snprintf(want, sizeof want,
             "%lld|Ana|door-1|Program WELD; Program CULN|Host interns; "
             "Mentoring|0",
             (long long)(T0 + 100));
    assert_string_equal(c.lines[0], want);
    snprintf(want, sizeof want, "%lld|José|door-2|||0", (long long)(T0 + 500));
    assert_string_equal(c.lines[1], want);

    Collected fu = {0};
    assert_int_equal(store_each_followup(s, collect_followup, &fu), STORE_OK);
    assert_int_equal(fu.n, 2);
    snprintf(want, sizeof want, "WELD|Program WELD|Ana|Host interns; Mentoring|%lld",
             (long long)(T0 + 100));
    assert_string_equal(fu.lines[0], want);
    assert_non_null(strstr(fu.lines[1], "CULN|Program CULN|Ana|"));

    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    assert_int_equal(st.expected, 3);
    assert_int_equal(st.checked_in, 2);
    assert_int_equal(st.walk_ins, 0);
    assert_int_equal(st.programs, 3);
    assert_int_equal(st.interests, 2);
    assert_int_equal(st.first_checkin, T0 + 100);
    assert_int_equal(st.last_checkin, T0 + 500);
    guest_clear(&ana);
    guest_clear(&jose);
    store_close(s);
}

/* ---- settings and backup ---- */

static void test_settings(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    char *v = (char *)"x";
    assert_int_equal(store_setting_get(s, "pin.failures", &v), STORE_NOT_FOUND);
    assert_null(v);
    assert_int_equal(store_setting_set(s, "pin.failures", "3"), STORE_OK);
    assert_int_equal(store_setting_set(s, "pin.failures", "4"), STORE_OK);
    assert_int_equal(store_setting_get(s, "pin.failures", &v), STORE_OK);
    assert_string_equal(v, "4");
    free(v);
    store_close(s);
    s = open_ok(f->db, STORE_OPEN_READONLY);
    assert_int_equal(store_setting_set(s, "k", "v"), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), "read-only"));
    store_close(s);
}

static void test_backup_is_a_complete_copy(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    ImportReport rep;
    import_three(s, &rep);
    import_report_free(&rep);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, "door-1", T0, &r), STORE_OK);
    char *copy = tu_path(f->dir, "copy.db");
    tu_write(copy, "old copy", (size_t)-1);
    /* Copies abandoned half-way (a stick that stopped answering): an old one
     * is removed, one that may still be being written is kept. */
    char *tmp = tu_path(f->dir, "tmp");
    assert_int_equal(mkdir(tmp, 0700), 0);
    assert_int_equal(setenv("TMPDIR", tmp, 1), 0);
    char *stale[] = {tu_path(f->dir, "copy.db.tmp-Ab12Cd"), tu_path(tmp, "lanyard-copy-Ab12Cd")};
    char *recent[] = {tu_path(f->dir, "copy.db.tmp-Ef34Gh"), tu_path(tmp, "lanyard-copy-Ef34Gh")};
    struct timespec long_ago[2] = {{.tv_sec = time(NULL) - 3600}, {.tv_sec = time(NULL) - 3600}};
    for (int i = 0; i < 2; i++) {
        tu_write(stale[i], "half a copy", (size_t)-1);
        tu_write(recent[i], "half a copy", (size_t)-1);
        assert_int_equal(utimensat(AT_FDCWD, stale[i], long_ago, 0), 0);
    }
    assert_int_equal(store_backup(s, copy), STORE_OK);
    unsetenv("TMPDIR");
    for (int i = 0; i < 2; i++) {
        assert_int_not_equal(access(stale[i], F_OK), 0);
        assert_int_equal(access(recent[i], F_OK), 0);
        free(stale[i]);
        free(recent[i]);
    }
    free(tmp);
    store_close(s);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", copy);
    assert_int_not_equal(access(side, F_OK), 0);
    Store *c = open_ok(copy, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(c, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    assert_int_equal(st.checked_in, 1);
    store_close(c);
    char *bad = tu_path(f->dir, "no/such/dir/copy.db");
    s = open_ok(f->db, 0);
    assert_int_equal(store_backup(s, bad), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), bad));
    store_close(s);
    free(bad);
    free(copy);
    guest_clear(&g);
}

/* A database's copy tag stays with it on its computer, and a copy of the
 * database going on on another computer (an SD card cloned for a second
 * kiosk) gets its own there: two kiosks never write one sync copy. */
static void test_copy_tag_per_machine(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f->db, STORE_OPEN_CREATE);
    char a[STORE_COPY_TAG_LEN + 1], again[STORE_COPY_TAG_LEN + 1], b[STORE_COPY_TAG_LEN + 1];
    assert_int_equal(store_copy_tag(s, "serial-1000", a), STORE_OK);
    assert_int_equal(strlen(a), STORE_COPY_TAG_LEN);
    assert_int_equal(store_copy_tag(s, "serial-1000", again), STORE_OK);
    assert_string_equal(a, again);
    assert_int_equal(store_copy_tag(s, NULL, again), STORE_OK); /* whoever asks */
    assert_string_equal(a, again);
    /* The clone, booted on another board. */
    assert_int_equal(store_copy_tag(s, "serial-2000", b), STORE_OK);
    assert_string_not_equal(a, b);
    assert_int_equal(store_copy_tag(s, "serial-2000", again), STORE_OK);
    assert_string_equal(b, again);
    /* The board's serial is not stored as such. */
    char *owner = NULL;
    assert_int_equal(store_setting_get(s, "copy_tag_machine", &owner), STORE_OK);
    assert_null(strstr(owner, "serial"));
    free(owner);
    store_close(s);
}

int main(void)
{
    assert_int_equal(ids_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_tag_per_machine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_text_and_random_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_other_sqlite_app, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_directory_and_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_corrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_read_only_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_read_only_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_media, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_marked_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_older_version_keeping_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_disk_holds_what_fits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_shared_email, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_finds_walkins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_twice_one_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_keeps_row_and_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_retracts_interests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_codes_and_email_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guests_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_programs_order_and_hiding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_program_translations_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_set_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_rows_and_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_is_a_complete_copy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
