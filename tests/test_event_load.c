/* test_event_load.c — staff's Load event from USB in the visit layer, a
 * folder standing in for the stick: event folders found on it, what one holds
 * and its errors with file and line, a stick with errors changing nothing
 * (the event folder compared byte for byte, the database's rows counted) and
 * neither does one that fails while it is read, an
 * updated guest list keeping every check-in, interest and audit record, and
 * another event asked about first, then started on a new database with the
 * old one kept under its event's name. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "core/event_config.h"
#include "store/store.h"
#include "visit/visit.h"
#include "visit/visit_event_load.h"
#include "visit/visit_import.h"
#include "visit/visit_staff.h"

#define T0 INT64_C(1787230800000) /* 2026-08-20T13:00:00Z */

static const char EVENT_INI[] = "; the kiosk's event\n"
                                "[event]\n"
                                "name = Fall Meet\n"
                                "date = 2026-08-20\n"
                                "[kiosk]\n"
                                "id = door-1\n"
                                "rotate = 90 ; the panel as mounted\n"
                                "[badge]\n"
                                "printer = \"Door QL\"\n"
                                "[staff]\n"
                                "pin_hash = $argon2id$fake\n";
static const char PROGRAMS[] = "code,name\nWELD,Welding\nHLTH,Health Science\n";
static const char GUESTS[] = "First Name,Last Name,Company,Attendee #\n"
                             "Ana,García,Acme Welding,A-100\n"
                             "Bo,Lee,Lee Plumbing,B-200\n"
                             "Cy,Ng,Ng Tools,C-300\n";

typedef struct Fixture {
    char *dir, *event, *stick, *db;
    Store *store;
    EventConfig cfg;
    VisitEnv env;
    Visit *v;
    int64_t now;
} Fixture;

static int64_t fake_clock(void *ud)
{
    return ((Fixture *)ud)->now;
}

static int find_stick(void *ud, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", ((Fixture *)ud)->stick);
    return 0;
}

static void put(const char *dir, const char *name, const char *text)
{
    char *p = tu_path(dir, name);
    tu_write(p, text, (size_t)-1);
    free(p);
}

static char *subdir(const char *dir, const char *name)
{
    char *p = tu_path(dir, name);
    assert_int_equal(mkdir(p, 0755), 0);
    return p;
}

/* The kiosk as `lanyard run` starts it: event.ini read, the lists imported. */
static void start(Fixture *f)
{
    ConfigDiagnostics diag = {0};
    config_defaults(&f->cfg);
    assert_int_equal(config_load_dir(&f->cfg, f->event, &diag), 0);
    char err[512];
    assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    visit_import_event(f->store, f->event, T0);
    f->env = (VisitEnv){
        .store = f->store, .cfg = &f->cfg, .media = {find_stick, f}, .clock = {fake_clock, f}};
    f->v = visit_create(&f->env, err, sizeof err);
    if (!f->v)
        fail_msg("visit_create: %s", err);
}

static void stop(Fixture *f)
{
    visit_destroy(f->v);
    f->v = NULL;
    store_close(f->store);
    f->store = NULL;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->event = subdir(f->dir, "event");
    f->stick = subdir(f->dir, "stick");
    f->db = tu_path(f->dir, "kiosk.db");
    f->now = T0;
    put(f->event, "event.ini", EVENT_INI);
    put(f->event, "programs.csv", PROGRAMS);
    put(f->event, "guests.csv", GUESTS);
    start(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    stop(f);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->event);
    free(f->stick);
    free(f->db);
    free(f);
    return 0;
}

/* One number from SQL on a database file. */
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

typedef struct Counts {
    int64_t guests, attendance, interests, audit, programs;
} Counts;

static Counts counts(const char *db)
{
    Counts c = {
        db_int(db, "SELECT count(*) FROM guests"),    db_int(db, "SELECT count(*) FROM attendance"),
        db_int(db, "SELECT count(*) FROM interests"), db_int(db, "SELECT count(*) FROM audit"),
        db_int(db, "SELECT count(*) FROM programs"),
    };
    return c;
}

/* Ana checked in with an interest in Welding; Bo checked in and undone. */
static void make_history(Fixture *f)
{
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    bool picked[2] = {true, false}, kinds[PARTNERSHIP_KIND_COUNT] = {true};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    visit_end(f->v);
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    visit_end(f->v);
    assert_int_equal(visit_undo(f->v, id), 0);
}

/* ---- finding event folders ---- */

static void test_find(void **state)
{
    Fixture *f = *state;
    char *b = subdir(f->stick, "b-lists"), *a = subdir(f->stick, "a-fall"),
         *hidden = subdir(f->stick, ".trash"), *other = subdir(f->stick, "photos");
    put(b, "guests.csv", GUESTS);
    put(a, "event.ini", EVENT_INI);
    put(hidden, "guests.csv", GUESTS);
    put(other, "attendance.csv", "x\n");
    EventFolders found;
    assert_int_equal(visit_event_folders(f->v, &found), 0);
    assert_int_equal(found.n, 2);
    assert_string_equal(found.name[0], "a-fall");
    assert_string_equal(found.dir[0], a);
    assert_string_equal(found.name[1], "b-lists");
    /* Files at the top of the stick: the stick itself comes first. */
    put(f->stick, "programs.csv", PROGRAMS);
    assert_int_equal(event_load_find(f->stick, &found), 0);
    assert_int_equal(found.n, 3);
    assert_string_equal(found.dir[0], f->stick);
    assert_string_equal(found.name[0], "");
    /* No stick: said so. */
    f->env.media.find = NULL;
    visit_destroy(f->v);
    char err[256];
    f->v = visit_create(&f->env, err, sizeof err);
    assert_int_equal(visit_event_folders(f->v, &found), -1);
    assert_non_null(strstr(visit_error(f->v), "no USB stick"));
    free(a);
    free(b);
    free(hidden);
    free(other);
}

/* ---- checking ---- */

static void test_check_counts_and_errors(void **state)
{
    Fixture *f = *state;
    put(f->stick, "event.ini", "[event]\nname = Fall Meet\ndate = 2026-08-20\n");
    put(f->stick, "programs.csv", "code,name\nWELD,Welding\nHLTH,Health\nAUTO,Automotive\n");
    put(f->stick, "guests.csv", GUESTS);
    put(f->stick, "logo.png", "not really a png");
    EventLoadCheck c;
    assert_int_equal(visit_event_check(f->v, f->stick, &c), 0);
    assert_true(c.has[EVENT_FILE_INI] && c.has[EVENT_FILE_PROGRAMS] && c.has[EVENT_FILE_GUESTS]);
    assert_string_equal(c.name, "Fall Meet");
    assert_string_equal(c.date, "2026-08-20");
    assert_int_equal(c.programs, 3);
    assert_int_equal(c.guests, 3);
    assert_int_equal(c.images, 1);
    assert_int_equal(c.nerrors, 0);
    assert_false(c.new_event);

    /* Each file's error with its line, as the importers report them. */
    put(f->stick, "event.ini", "[event]\nname = Fall Meet\n[theme]\nprimary = blue\n");
    put(f->stick, "guests.csv", "First Name,Last Name\nAna,\"García\nBo,Lee\n");
    put(f->stick, "programs.csv", "name\nWelding\n");
    assert_int_equal(visit_event_check(f->v, f->stick, &c), 0);
    assert_int_equal(c.nerrors, 3);
    assert_int_equal(strncmp(c.errors[0], "event.ini:4: ", 13), 0);
    assert_int_equal(strncmp(c.errors[1], "programs.csv", 12), 0);
    assert_int_equal(strncmp(c.errors[2], "guests.csv:2: ", 14), 0);
    /* The date is gone from event.ini: another event. */
    assert_true(c.new_event);
}

/* ---- a stick with errors changes nothing ---- */

typedef struct Snapshot {
    char names[16][256];
    char *data[16];
    size_t len[16];
    size_t n;
} Snapshot;

static Snapshot snapshot(const char *dir)
{
    Snapshot s;
    memset(&s, 0, sizeof s);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        assert_true(s.n < 16);
        snprintf(s.names[s.n], 256, "%s", e->d_name);
        char *p = tu_path(dir, e->d_name);
        s.data[s.n] = tu_read(p, &s.len[s.n]);
        free(p);
        s.n++;
    }
    closedir(d);
    return s;
}

static void expect_same(const Snapshot *a, const Snapshot *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        size_t j = 0;
        while (j < b->n && strcmp(a->names[i], b->names[j]))
            j++;
        assert_true(j < b->n);
        assert_int_equal(a->len[i], b->len[j]);
        assert_memory_equal(a->data[i], b->data[j], a->len[i]);
    }
}

static void snapshot_free(Snapshot *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->data[i]);
}

static void test_errors_change_nothing(void **state)
{
    Fixture *f = *state;
    make_history(f);
    Snapshot before = snapshot(f->event);
    Counts cb = counts(f->db);
    /* Good lists, but a bad line in event.ini; then good event.ini and a broken list. */
    put(f->stick, "event.ini", "[event]\nname = Fall Meet\nidle_timeout = 2\n");
    put(f->stick, "guests.csv", "First Name,Last Name\nZed,Zo\n");
    EventLoadCheck c;
    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_ERRORS);
    assert_string_equal(c.errors[0], "event.ini:3: idle_timeout \"2\" must be a number of "
                                     "seconds from 10 to 3600");
    put(f->stick, "event.ini", "[event]\nname = Other\n");
    put(f->stick, "guests.csv", "First Name,Last Name\n\"Zed,Zo\n");
    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_ERRORS);
    Snapshot after = snapshot(f->event);
    expect_same(&before, &after);
    Counts ca = counts(f->db);
    assert_memory_equal(&cb, &ca, sizeof cb);
    snapshot_free(&before);
    snapshot_free(&after);
}

/* A stick pulled out while it is read: a file that cannot be read (here
 * /proc/self/mem, whose first page is never mapped: EIO, as a vanished
 * device gives) fails the load before anything is written. */
static void test_read_error_changes_nothing(void **state)
{
    Fixture *f = *state;
    make_history(f);
    Snapshot before = snapshot(f->event);
    Counts cb = counts(f->db);
    put(f->stick, "guests.csv", "First Name,Last Name\nZed,Zo\n");
    char *img = tu_path(f->stick, "photo.png");
    assert_int_equal(symlink("/proc/self/mem", img), 0);
    EventLoadCheck c;
    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_FAILED);
    assert_non_null(strstr(visit_error(f->v), "photo.png"));
    Snapshot after = snapshot(f->event);
    expect_same(&before, &after);
    Counts ca = counts(f->db);
    assert_memory_equal(&cb, &ca, sizeof cb);
    snapshot_free(&before);
    snapshot_free(&after);
    free(img);
}

/* ---- an updated list ---- */

static void test_updated_list_keeps_history(void **state)
{
    Fixture *f = *state;
    make_history(f);
    Counts cb = counts(f->db);
    assert_int_equal(cb.attendance, 2);
    assert_true(cb.audit >= 1); /* the undo */
    /* Ana's company changed, Cy left the list, Dee is new. */
    static const char UPDATED[] = "First Name,Last Name,Company,Attendee #\n"
                                  "Ana,García,Acme Welding & Fab,A-100\n"
                                  "Bo,Lee,Lee Plumbing,B-200\n"
                                  "Dee,Ox,Ox Farms,D-400\n";
    put(f->stick, "guests.csv", UPDATED);
    EventLoadCheck c;
    assert_int_equal(visit_event_load(f->v, f->stick, false, &c), VISIT_LOAD_DONE);
    assert_false(c.new_event);
    Counts ca = counts(f->db);
    assert_int_equal(ca.guests, cb.guests + 1);
    assert_int_equal(ca.attendance, cb.attendance);
    assert_int_equal(ca.interests, cb.interests);
    assert_true(ca.audit >= cb.audit);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM guests WHERE company = "
                                   "'Acme Welding & Fab'"),
                     1);
    /* The folder holds the stick's list; event.ini and programs.csv stay. */
    char *p = tu_path(f->event, "guests.csv");
    size_t len;
    char *text = tu_read(p, &len);
    assert_int_equal(len, strlen(UPDATED));
    assert_memory_equal(text, UPDATED, len);
    free(text);
    free(p);
    p = tu_path(f->event, "event.ini");
    text = tu_read(p, &len);
    assert_string_equal(text, EVENT_INI);
    free(text);
    free(p);
    /* Nothing of the staging left; a restart finds Ana checked in still. */
    Snapshot s = snapshot(f->event);
    assert_int_equal(s.n, 3);
    snapshot_free(&s);
    stop(f);
    start(f);
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_ALREADY);
}

/* ---- another event ---- */

static void test_new_event(void **state)
{
    Fixture *f = *state;
    make_history(f);
    Counts old = counts(f->db);
    put(f->stick, "event.ini",
        "; next spring\n[event]\nname = Spring Breakfast\n"
        "date = 2027-04-16\n");
    put(f->stick, "guests.csv", "Name,Company\nEve Park,Park Bakery\n");
    Snapshot before = snapshot(f->event);
    EventLoadCheck c;
    /* Asked first: nothing changes until staff say yes. */
    assert_int_equal(visit_event_load(f->v, f->stick, false, &c), VISIT_LOAD_ASK);
    assert_true(c.new_event);
    assert_string_equal(c.name, "Spring Breakfast");
    char *archive = tu_path(f->dir, "kiosk-Fall-Meet_2026-08-20.db");
    assert_string_equal(c.archive, archive);
    Snapshot same = snapshot(f->event);
    expect_same(&before, &same);
    snapshot_free(&same);
    snapshot_free(&before);

    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_DONE);
    /* The new event.ini, with the kiosk's PIN and id kept and its comment as it was. */
    stop(f);
    char *p = tu_path(f->event, "event.ini");
    size_t len;
    char *ini = tu_read(p, &len);
    assert_non_null(strstr(ini, "; next spring\n"));
    assert_non_null(strstr(ini, "pin_hash = $argon2id$fake"));
    assert_non_null(strstr(ini, "id = door-1"));
    assert_non_null(strstr(ini, "rotate = 90"));
    assert_non_null(strstr(ini, "printer = Door QL"));
    free(ini);
    free(p);
    /* The old event's programs.csv went with it. */
    p = tu_path(f->event, "programs.csv");
    assert_int_equal(access(p, F_OK), -1);
    free(p);

    /* The next start: the old database is kept under its event's name, a new one begins. */
    ConfigDiagnostics diag = {0};
    config_defaults(&f->cfg);
    assert_int_equal(config_load_dir(&f->cfg, f->event, &diag), 0);
    assert_string_equal(f->cfg.pin_hash, "$argon2id$fake");
    char msg[1400];
    assert_int_equal(event_load_switch_db(&f->cfg, f->db, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, archive));
    Counts kept = counts(archive);
    assert_memory_equal(&kept, &old, sizeof kept);
    /* Done once only. */
    assert_int_equal(event_load_switch_db(&f->cfg, f->db, msg, sizeof msg), 0);
    start(f);
    Counts fresh = counts(f->db);
    assert_int_equal(fresh.guests, 1);
    assert_int_equal(fresh.attendance, 0);
    assert_int_equal(fresh.programs, 0);

    /* Export to USB on the new event takes the last one's database too:
     * its check-ins are not left only on the kiosk. */
    char out[4096];
    assert_int_equal(visit_export_usb(f->v, out, sizeof out), VISIT_EXPORT_DONE);
    char *copy = tu_path(out, "kiosk-Fall-Meet_2026-08-20.db");
    Counts copied = counts(copy);
    assert_memory_equal(&copied, &old, sizeof copied);
    free(copy);
    free(archive);
}

/* A load cut short after its note but before the files moved leaves the
 * database as it is. */
/* The event.ini the load left in the event folder, read back as the next
 * start does. */
static void loaded_config(Fixture *f, EventConfig *cfg)
{
    ConfigDiagnostics diag = {0};
    config_defaults(cfg);
    assert_int_equal(config_load_dir(cfg, f->event, &diag), 0);
}

/* One stick prepared for every kiosk of the event, with the [kiosk] and
 * [badge] printer lines of the kiosk it was made on: each kiosk keeps its own
 * id, screen and printer, and a kiosk without an id of its own does not take
 * the stick's (every kiosk would then be "door-7", their sync copies and
 * check-ins one kiosk's). */
static void test_kiosk_keeps_its_own_keys(void **state)
{
    Fixture *f = *state;
    put(f->stick, "event.ini",
        "[event]\nname = Fall Meet\ndate = 2026-08-20\n[kiosk]\nid = door-7\nrotate = 180\n"
        "screen_inches = 15\n[badge]\nprinter = Office Laser\n");
    put(f->stick, "programs.csv", PROGRAMS);
    EventLoadCheck c;
    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_DONE);
    EventConfig cfg;
    loaded_config(f, &cfg);
    assert_string_equal(cfg.kiosk_id, "door-1");
    assert_int_equal(cfg.rotate, 90);
    assert_string_equal(cfg.printer, "Door QL");
    assert_true(cfg.screen_inches > 14.9); /* the kiosk sets none: the stick's is taken */

    /* A kiosk whose event.ini names no id keeps its default one. */
    put(f->event, "event.ini", "[event]\nname = Fall Meet\ndate = 2026-08-20\n");
    assert_int_equal(visit_event_load(f->v, f->stick, true, &c), VISIT_LOAD_DONE);
    loaded_config(f, &cfg);
    EventConfig defaults;
    config_defaults(&defaults);
    assert_string_equal(cfg.kiosk_id, defaults.kiosk_id);
    assert_string_not_equal(cfg.kiosk_id, "door-7");
    char *p = tu_path(f->event, "event.ini");
    size_t len;
    char *ini = tu_read(p, &len);
    assert_non_null(strstr(ini, "; id = door-7")); /* left for a person to read */
    free(ini);
    free(p);
}

static void test_note_without_files(void **state)
{
    Fixture *f = *state;
    put(f->event, ".lanyard-new-event", "Spring Breakfast\n2027-04-16\n/tmp/x.db\n");
    stop(f);
    char msg[256];
    assert_int_equal(event_load_switch_db(&f->cfg, f->db, msg, sizeof msg), 0);
    char *p = tu_path(f->event, ".lanyard-new-event");
    assert_int_equal(access(p, F_OK), -1);
    free(p);
    start(f);
    assert_int_equal(counts(f->db).guests, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_counts_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_error_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_updated_list_keeps_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_keeps_its_own_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_without_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
