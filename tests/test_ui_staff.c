/* test_ui_staff.c — staff mode (SPEC §5): the lock-out schedule with simulated
 * time and its settings in the store; the guest lookup on a kiosk driven in
 * process (ui_driver.h); then the hidden gesture, PIN pad and staff screen
 * driven by `lanyard run --script` (tests/ui/staff_*.script) on a copy of the
 * test event with the staff PIN 246813 set by `lanyard set-pin`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <time.h>

#include "testutil.h"

#include "core/csv.h"
#include "store/store.h"
#include "store/store_print.h"
#include "core/event_config.h"
#include "platform/usb_media.h"
#include "visit/visit_staff.h"
#include "ui_driver.h"

#define T0 1700000000000LL

static Store *open_rw(const char *path)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    return s;
}

/* ---- the guest lookup, in process ---- */

/* A kiosk that does not print: the guest's page offers no Reprint badge and
 * says why; the staff screen has no Print test badge. Check-in times read in
 * the local time zone. */
static void test_lookup_without_printing(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    const int64_t t0 = 1700000000000; /* 2023-11-14 22:13:20 UTC */
    char *dir = tu_tempdir(), *db = tu_path(dir, "k.db");
    Store *s = open_rw(db);
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Ana"), 0);
    assert_int_equal(guest_set(&g.last, "García"), 0);
    assert_int_equal(guest_set(&g.company, "Acme Welding"), 0);
    assert_int_equal(guest_set(&g.email, "ana@example.com"), 0);
    assert_int_equal(store_walkin_add(s, &g, "unit", t0, NULL), STORE_OK);
    CheckinResult cr;
    assert_int_equal(store_checkin(s, g.id, "unit", t0, &cr), STORE_OK);

    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.kiosk_id, sizeof cfg.kiosk_id, "unit");
    Uid *d = uid_kiosk_create(&(UidSetup){.store = s, .cfg = &cfg, .now = t0, .windowed = true});
    uid_hold(d, 5, 5, 3000); /* the hidden gesture */
    assert_string_equal(uid_screen(d), "staff_pin");
    uid_press(d, "OK"); /* a demo window with no PIN set goes in */
    assert_string_equal(uid_screen(d), "staff_home");
    assert_false(uid_view(d)->overflow);
    assert_null(ui_view_find_label(uid_view(d), "Print test badge"));
    uid_press(d, "Find a guest");
    assert_string_equal(uid_screen(d), "staff_lookup");
    uid_type(d, "gar", 100);
    uid_expect(d, "Ana García — Acme Welding");
    uid_expect(d, "Checked in at 22:13");
    uid_expect(d, "Walk-in");
    assert_false(uid_view(d)->overflow);
    uid_press(d, "Ana García");
    assert_string_equal(uid_screen(d), "staff_guest");
    uid_expect(d, "2023-11-14 22:13:20");
    uid_expect(d, "ana@example.com");
    assert_null(ui_view_find_label(uid_view(d), "Reprint badge"));
    uid_expect(d, "Badges are not printed on this kiosk.");
    assert_false(uid_view(d)->overflow);
    /* Undo asks first; Cancel keeps the check-in. */
    uid_press(d, "Undo check-in");
    uid_press(d, "Cancel");
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_true(in);
    uid_press(d, "Undo check-in");
    uid_press(d, "Yes, undo");
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_false(in);
    uid_expect(d, "Check-in undone.");
    assert_null(ui_view_find_label(uid_view(d), "Undo check-in"));
    uid_destroy(d);
    guest_clear(&g);
    store_close(s);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

/* ---- scripted flows ---- */

typedef struct Env {
    char *dir;   /* temp folder */
    char *event; /* a copy of tests/ui/event, with the PIN set when asked */
    char *db;
} Env;

static Env env_make(bool with_pin)
{
    Env e;
    e.dir = tu_tempdir();
    e.event = uid_event_copy(e.dir, with_pin);
    e.db = tu_path(e.dir, "kiosk.db");
    return e;
}

static void env_free(Env *e)
{
    tu_rmtree(e->dir);
    free(e->dir);
    free(e->event);
    free(e->db);
}

/* Runs tests/ui/NAME.script against the environment's event and database. */
static TuRun run_script(const Env *e, const char *name, bool windowed)
{
    return uid_script_run(
        &(UidScript){.name = name, .event = e->event, .db = e->db, .windowed = windowed});
}

static char *setting(const char *db, const char *key)
{
    Store *s = NULL;
    char err[512];
    if (store_open(db, STORE_OPEN_READONLY, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    char *v = NULL;
    StoreStatus st = store_setting_get(s, key, &v);
    assert_true(st == STORE_OK || st == STORE_NOT_FOUND);
    store_close(s);
    return v;
}

static void test_lockout_and_restart(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_lockout", false);
    uid_expect_ok(&r);
    /* PINs are never logged, right or wrong. */
    assert_null(strstr(r.err, "246813"));
    assert_null(strstr(r.err, "1111"));
    tu_run_free(&r);
    char *failures = setting(e.db, "staff.pin.failures");
    assert_non_null(failures);
    assert_string_equal(failures, "5");
    free(failures);

    r = run_script(&e, "staff_locked_restart", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    failures = setting(e.db, "staff.pin.failures");
    assert_string_equal(failures, "0"); /* the right PIN forgot the wrong ones */
    free(failures);
    env_free(&e);
}

static void test_exit_kiosk(void **state)
{
    (void)state;
    Env e = env_make(true);
    /* Locked down (not windowed): Exit kiosk on the staff screen is the way out,
     * with status 0; the script's last line never runs. */
    TuRun r = run_script(&e, "staff_exit", false);
    uid_expect_ok(&r);
    assert_null(strstr(r.err, "never reached"));
    tu_run_free(&r);
    env_free(&e);
}

static void test_keyboard(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_keyboard", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_idle(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_idle", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_spanish(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_spanish", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    env_free(&e);
}

static void test_no_pin(void **state)
{
    (void)state;
    Env e = env_make(false);
    /* A demo window goes in without a PIN ... */
    TuRun r = run_script(&e, "staff_demo", true);
    uid_expect_ok(&r);
    tu_run_free(&r);
    /* ... a locked-down kiosk does not (lockdown.script in test_ui_flows too). */
    r = run_script(&e, "staff_demo", false);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "staff_demo.script:6: expect failed"));
    tu_run_free(&r);
    env_free(&e);
}

/* An event file that could not be imported is shown on the staff screen. */
static void test_import_error_shown(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *guests = tu_path(e.event, "guests.csv");
    tu_write(guests, "First,Last,Company\nAna,García,Acme\nZed,\"Broken,Acme\n", (size_t)-1);
    char *script = tu_path(e.dir, "s.script");
    tu_write(script,
             "hold 5 5 3000\ntype 246813\nkey Return\nexpect Staff\n"
             "expect Not imported: \nexpect guests.csv:3\n",
             (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = e.event, .db = e.db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(script);
    free(guests);
    env_free(&e);
}

/* ---- Export to USB ---- */

static void test_usb_find(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char out[1024];
    /* LANYARD_USB_DIR wins, when it is a folder that can be written. */
    assert_int_equal(usb_media_find(dir, "/nonexistent", out, sizeof out), 0);
    assert_string_equal(out, dir);
    char *missing = tu_path(dir, "missing");
    assert_int_equal(usb_media_find(missing, "/proc/self/mounts", out, sizeof out), -1);
    /* Only mounts under /media or /run/media that exist count: not / nor /tmp. */
    char *mounts = tu_path(dir, "mounts");
    tu_write(mounts,
             "/dev/sda1 / ext4 rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n"
             "/dev/sdb1 /media/nobody/NO\\040SUCH\\040STICK vfat rw 0 0\n",
             (size_t)-1);
    assert_int_equal(usb_media_find(NULL, mounts, out, sizeof out), -1);
    assert_int_equal(usb_media_find("", mounts, out, sizeof out), -1);
    free(mounts);
    free(missing);
    tu_rmtree(dir);
    free(dir);
}

/* A stick with its lock switch on (mounted read-only): found, not "No USB
 * stick found". Export to USB says it is write-protected; Load event reads
 * it, since loading only reads. */
static void test_usb_read_only(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *stick = tu_path(e.dir, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    /* Root writes anywhere a file system lets it: only a read-only mount
     * stops it, as it stops the kiosk. */
    bool root = geteuid() == 0;
    if (root && mount("tmpfs", stick, "tmpfs", 0, "size=256k") != 0) {
        env_free(&e);
        free(stick);
        skip(); /* a container that may not mount */
    }
    char *ini = tu_path(stick, "event.ini"), *guests = tu_path(stick, "guests.csv");
    tu_write(ini, "[event]\nname = Fall Open House\ndate = 2026-10-01\n", (size_t)-1);
    tu_write(guests, "Name,Company\nEve Park,Park Bakery\n", (size_t)-1);
    if (root)
        assert_int_equal(mount(NULL, stick, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
    else
        assert_int_equal(chmod(stick, 0555), 0);
    char out[1024];
    assert_int_equal(usb_media_find(stick, "/nonexistent", out, sizeof out), 1);
    assert_string_equal(out, stick);

    char *script = tu_path(e.dir, "ro.script");
    tu_write(script,
             "hold 5 5 3000\ntype 246813\nkey Return\npress Export to USB\n"
             "expect The USB stick cannot be written\nexpect-not No USB stick found\n"
             "press Kiosk set-up\npress Load event from USB\nexpect Fall Open House\n",
             (size_t)-1);
    setenv("LANYARD_USB_DIR", stick, 1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = e.event, .db = e.db});
    unsetenv("LANYARD_USB_DIR");
    if (root)
        umount2(stick, MNT_DETACH);
    else
        chmod(stick, 0755);
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(script);
    free(ini);
    free(guests);
    free(stick);
    env_free(&e);
}

/* Mistakes in event.ini (a misspelt key, a badge size without its unit)
 * reach staff home with their lines: staff at a kiosk never see stderr,
 * where they were the only word. */
static void test_config_notes_on_home(void **state)
{
    (void)state;
    Env e = env_make(true);
    assert_int_equal(config_write_key(e.event, "event", "venu", "Library"), 0);
    assert_int_equal(config_write_key(e.event, "badge", "size", "62x100"), 0);
    char *script = tu_path(e.dir, "notes.script");
    tu_write(script,
             "hold 5 5 3000\ntype 246813\nkey Return\nexpect Staff\n"
             "expect unknown key \"venu\"\nexpect badge size \"62x100\"\n",
             (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = e.event, .db = e.db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    /* Mended: the next start has nothing to say. */
    assert_int_equal(config_write_key(e.event, "event", "venu", NULL), 0);
    assert_int_equal(config_write_key(e.event, "badge", "size", "62x100mm"), 0);
    tu_write(script,
             "hold 5 5 3000\ntype 246813\nkey Return\nexpect Staff\n"
             "expect-not unknown key\nexpect-not badge size\n",
             (size_t)-1);
    r = uid_script_run(&(UidScript){.path = script, .event = e.event, .db = e.db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(script);
    env_free(&e);
}

/* A full disk: the guest is asked to see staff, and staff home says why
 * (before, only a manual check-in or About showed it). Needs a small tmpfs
 * (root), else skipped. */
static void test_save_fault_on_home(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *db = uid_full_disk(e.dir);
    if (!db) {
        env_free(&e);
        skip();
    }
    char *script = tu_path(e.dir, "full.script");
    tu_write(script,
             "scan 2713624642\nexpect Please see a staff member\npress OK\n"
             "hold 5 5 3000\ntype 246813\nkey Return\nexpect Staff\n"
             "expect The database is failing\nexpect disk full\n",
             (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = e.event, .db = db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    uid_full_disk_free(e.dir, db);
    free(script);
    env_free(&e);
}

typedef struct Csv {
    size_t rows;
    char header[16][64];
    size_t ncols;
    char first[256], code[64];
} Csv;

static int csv_row(const CsvRecord *rec, void *ud)
{
    Csv *c = ud;
    if (c->rows == 0) {
        c->ncols = rec->nfields < 16 ? rec->nfields : 16;
        for (size_t i = 0; i < c->ncols; i++)
            snprintf(c->header[i], sizeof c->header[i], "%s", rec->fields[i]);
    } else if (c->rows == 1) {
        for (size_t i = 0; i < c->ncols && i < rec->nfields; i++) {
            if (!strcmp(c->header[i], "First name"))
                snprintf(c->first, sizeof c->first, "%s", rec->fields[i]);
            if (!strcmp(c->header[i], "Registration code"))
                snprintf(c->code, sizeof c->code, "%s", rec->fields[i]);
        }
    }
    c->rows++;
    return 0;
}

static Csv read_csv(const char *path)
{
    Csv c;
    memset(&c, 0, sizeof c);
    size_t len;
    char *text = tu_read(path, &len);
    assert_non_null(text);
    /* Written for Excel: a byte-order mark, CRLF line ends. */
    assert_memory_equal(text, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(text, "\r\n"));
    CsvError err;
    assert_int_equal(csv_read(text, len, csv_row, &c, &err), 0);
    free(text);
    return c;
}

/* The folders an export made in usb, sorted. */
static size_t export_dirs(const char *usb, char names[4][256])
{
    DIR *d = opendir(usb);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || n == 4)
            continue;
        snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    if (n == 2 && strcmp(names[0], names[1]) > 0) {
        char t[256];
        memcpy(t, names[0], 256);
        memcpy(names[0], names[1], 256);
        memcpy(names[1], t, 256);
    }
    return n;
}

static void test_export_usb(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *usb = tu_path(e.dir, "usb");
    assert_int_equal(mkdir(usb, 0700), 0);
    setenv("LANYARD_USB_DIR", usb, 1);
    TuRun r = run_script(&e, "staff_export", false);
    unsetenv("LANYARD_USB_DIR");
    uid_expect_ok(&r);
    tu_run_free(&r);

    char names[4][256];
    assert_int_equal(export_dirs(usb, names), 2);
    /* Named after the event and the local time; the second export of the same
     * minute beside it. */
    assert_int_equal(strncmp(names[0], "Spring-CTE-Partner-Breakfast_20", 31), 0);
    assert_int_equal(strlen(names[0]), strlen("Spring-CTE-Partner-Breakfast_2026-04-16_0930"));
    char second[300];
    snprintf(second, sizeof second, "%s-2", names[0]);
    assert_string_equal(names[1], second);

    char *folder = tu_path(usb, names[0]);
    char *att = tu_path(folder, "attendance.csv"), *fol = tu_path(folder, "followup.csv");
    char *db = tu_path(folder, "lanyard-test-kiosk.db");
    Csv c = read_csv(att);
    assert_int_equal(c.rows, 2); /* header + Ana */
    assert_string_equal(c.header[0], "Checked in");
    assert_string_equal(c.first, "Ana");
    assert_string_equal(c.code, "2713624642");
    Csv f = read_csv(fol);
    assert_true(f.rows >= 1);
    /* The database copy opens on its own and holds the check-in. */
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(db, STORE_OPEN_READONLY, &s, err, sizeof err), STORE_OK);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    assert_int_equal(st.guests, 7);
    store_close(s);
    free(db);
    free(fol);
    free(att);
    free(folder);
    free(usb);
    env_free(&e);
}

/* One number from a SQL query on the kiosk's database. */
static int64_t db_int(const char *db, const char *sql)
{
    sqlite3 *c = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(c));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return v;
}

static int count_job(const PrintJob *job, void *ud)
{
    PrintJob *jobs = ud;
    for (int i = 0; i < 4; i++) {
        if (jobs[i].id == 0) {
            jobs[i] = *job;
            break;
        }
    }
    return 0;
}

/* Staff look a guest up, reprint her badge and undo her check-in. */
static void test_lookup_undo_reprint(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_lookup", false);
    uid_expect_ok(&r);
    tu_run_free(&r);

    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(e.db, STORE_OPEN_READONLY, &s, err, sizeof err), STORE_OK);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2713624642", &g), STORE_OK);
    /* The check-in is undone: no longer counted, but its row is kept. */
    bool in = true;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_false(in);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 0);
    assert_int_equal(st.undone, 1);
    /* Two badge jobs: the one printed at check-in and staff's reprint, both
     * written as PNGs (the test event has no printer). */
    PrintJob jobs[4];
    memset(jobs, 0, sizeof jobs);
    assert_int_equal(store_print_each(s, false, count_job, jobs), STORE_OK);
    assert_true(jobs[0].id != 0 && jobs[1].id != 0);
    assert_int_equal(jobs[2].id, 0);
    for (int i = 0; i < 2; i++) {
        assert_string_equal(jobs[i].guest_id, g.id);
        assert_int_equal(jobs[i].state, PRINT_DONE);
        assert_non_null(strstr(jobs[i].output, "/badges/2713624642"));
    }
    assert_string_not_equal(jobs[0].output, jobs[1].output);
    guest_clear(&g);
    store_close(s);
    assert_int_equal(db_int(e.db, "SELECT count(*) FROM attendance"), 1);
    assert_int_equal(db_int(e.db, "SELECT count(*) FROM attendance WHERE undone_at IS NOT NULL "
                                  "AND undone_by = 'test-kiosk'"),
                     1);
    env_free(&e);
}

/* Print test badge with no printer: a PNG in badges/ beside the database; the
 * sample guest is not stored, not counted and has no print job. */
static void test_test_badge(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_test_badge", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    char *badges = tu_path(e.dir, "badges");
    DIR *d = opendir(badges);
    assert_non_null(d);
    int found = 0;
    for (struct dirent *de; (de = readdir(d));) {
        if (strncmp(de->d_name, "test-badge-", 11) != 0)
            continue;
        found++;
        char *png = tu_path(badges, de->d_name);
        size_t len = 0;
        char *data = tu_read(png, &len);
        assert_non_null(data);
        assert_true(len > 1000);
        assert_memory_equal(data, "\x89PNG\r\n\x1a\n", 8);
        free(data);
        free(png);
    }
    closedir(d);
    assert_int_equal(found, 1);
    free(badges);
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(e.db, STORE_OPEN_READONLY, &s, err, sizeof err), STORE_OK);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 7);
    assert_int_equal(st.checked_in, 0);
    store_close(s);
    assert_int_equal(db_int(e.db, "SELECT count(*) FROM print_jobs"), 0);
    env_free(&e);
}

/* The dashboard: empty charts say so; after two check-ins with interests the
 * arrivals and interest-per-program charts show them (tests/ui/staff_dashboard). */
static void test_dashboard(void **state)
{
    (void)state;
    Env e = env_make(true);
    TuRun r = run_script(&e, "staff_dashboard", false);
    uid_expect_ok(&r);
    tu_run_free(&r);
    assert_int_equal(db_int(e.db, "SELECT count(*) FROM interests WHERE kind = 'program'"), 3);
    env_free(&e);
}

static void test_export_no_usb(void **state)
{
    (void)state;
    Env e = env_make(true);
    char *usb = tu_path(e.dir, "not-mounted");
    setenv("LANYARD_USB_DIR", usb, 1);
    TuRun r = run_script(&e, "staff_export_none", false);
    unsetenv("LANYARD_USB_DIR");
    uid_expect_ok(&r);
    tu_run_free(&r);
    struct stat st;
    assert_int_not_equal(stat(usb, &st), 0); /* nothing was created */
    free(usb);
    env_free(&e);
}

/* A media port that finds the stick at ud, mounted or not. */
static int stick_at(void *ud, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", (const char *)ud);
    return 0;
}

static void test_export_fails(void **state)
{
    (void)state;
    Env e = env_make(true);
    /* A folder that vanished between finding and writing. */
    Store *s = open_rw(e.db);
    char out[1024];
    char *gone = tu_path(e.dir, "gone");
    EventConfig cfg;
    config_defaults(&cfg);
    VisitEnv env = {.store = s, .cfg = &cfg, .media = {stick_at, gone}};
    char err[600];
    Visit *v = visit_create(&env, err, sizeof err);
    assert_non_null(v);
    assert_int_equal(visit_export_usb(v, out, sizeof out), VISIT_EXPORT_FAILED);
    assert_non_null(strstr(visit_error(v), "cannot create"));
    assert_non_null(strstr(visit_error(v), "No such file or directory"));
    visit_destroy(v);
    store_close(s);
    free(gone);

    /* A full stick: a tiny tmpfs (needs root), filled up. */
    char *usb = tu_path(e.dir, "stick");
    assert_int_equal(mkdir(usb, 0700), 0);
    if (mount("tmpfs", usb, "tmpfs", 0, "size=64k") != 0) {
        fprintf(stderr, "cannot mount a small tmpfs (needs root): full stick not tried\n");
    } else {
        char *filler = tu_path(usb, "filler");
        FILE *fp = fopen(filler, "wb");
        assert_non_null(fp);
        static char block[4096];
        while (fwrite(block, 1, sizeof block, fp) == sizeof block && fflush(fp) == 0)
            ;
        fclose(fp);
        setenv("LANYARD_USB_DIR", usb, 1);
        TuRun r = run_script(&e, "staff_export_full", false);
        unsetenv("LANYARD_USB_DIR");
        uid_expect_ok(&r);
        assert_non_null(strstr(r.err, "export to USB"));
        tu_run_free(&r);
        /* No half export is left on the stick. */
        char names[4][256];
        assert_int_equal(export_dirs(usb, names), 1);
        assert_string_equal(names[0], "filler");
        assert_int_equal(umount(usb), 0);
        free(filler);
    }
    free(usb);
    env_free(&e);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_without_printing),
        cmocka_unit_test(test_lockout_and_restart),
        cmocka_unit_test(test_exit_kiosk),
        cmocka_unit_test(test_keyboard),
        cmocka_unit_test(test_idle),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_no_pin),
        cmocka_unit_test(test_import_error_shown),
        cmocka_unit_test(test_usb_find),
        cmocka_unit_test(test_usb_read_only),
        cmocka_unit_test(test_config_notes_on_home),
        cmocka_unit_test(test_save_fault_on_home),
        cmocka_unit_test(test_export_usb),
        cmocka_unit_test(test_export_no_usb),
        cmocka_unit_test(test_export_fails),
        cmocka_unit_test(test_lookup_undo_reprint),
        cmocka_unit_test(test_test_badge),
        cmocka_unit_test(test_dashboard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
