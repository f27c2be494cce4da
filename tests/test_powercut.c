/* test_powercut.c — the event database through simulated power cuts
 * (powercut_vfs.h): a kiosk's day in miniature (start, check-ins, a walk-in,
 * interests, an undo, the print queue, a setting, a merge of another kiosk)
 * is cut right after each of its syncs and at each of its writes, with the
 * writes not yet synced lost, or kept or lost at random with the last one
 * torn, then at random writes; after each cut the
 * files are put back as the disk would hold them and the kiosk starts again.
 * Then: the database opens (its log is its own), integrity_check is ok, every
 * operation the store reported done is there, a walk-in and their check-in
 * are both there or neither, and the kiosk checks the next guest in.
 *
 * LANYARD_POWERCUT_RANDOM sets the number of random cuts (default 1200, 100
 * under the sanitizers). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/ids.h"
#include "powercut_vfs.h"
#include "store/store.h"
#include "store/store_print.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */

#if defined(__SANITIZE_ADDRESS__)
#define RANDOM_CUTS 100
#else
#define RANDOM_CUTS 1200
#endif

static const char *const CODES[] = {"1001", "1002", "1003", "1004", "1005", "1006"};
#define NGUESTS (sizeof CODES / sizeof CODES[0])

typedef struct Fixture {
    char *dir;
    char *db, *wal, *shm;
    char *template_db;
    char *door2;
    char id[NGUESTS][ID_LEN + 1];
} Fixture;

/* What the workload was told: true where the store said STORE_OK. */
typedef struct Told {
    bool opened;
    bool checkin[3]; /* guests 1001, 1002 (undone next), 1003 */
    bool undo_tried, undo;
    bool interests;
    bool walkin[2];
    bool print_added, print_done;
    int64_t job_id;
    bool setting;
    bool merge;
} Told;

static const char *const WALKERS[2][2] = {{"Walker", "Alpha"}, {"Walker", "Beta"}};

static Store *open_ok(const char *path, unsigned flags)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, flags, &s, err, sizeof err) != STORE_OK)
        fail_msg("store_open(%s): %s", path, err);
    return s;
}

static void import_event(Store *s)
{
    GuestList l;
    guest_list_init(&l);
    for (size_t i = 0; i < NGUESTS; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        char email[64];
        snprintf(email, sizeof email, "g%s@acme.example", CODES[i]);
        assert_int_equal(guest_set(&g->code, CODES[i]), 0);
        assert_int_equal(guest_set(&g->first, "Guest"), 0);
        assert_int_equal(guest_set(&g->last, CODES[i]), 0);
        assert_int_equal(guest_set(&g->company, "Acme Welding"), 0);
        assert_int_equal(guest_set(&g->email, email), 0);
        id_derived("guest-code", CODES[i], g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
    ProgramList p;
    program_list_init(&p);
    static const char *const progs[] = {"WELD", "AUTO", "HLTH"};
    for (size_t i = 0; i < 3; i++) {
        Program *pr = program_list_push(&p);
        assert_non_null(pr);
        assert_int_equal(guest_set(&pr->code, progs[i]), 0);
        assert_int_equal(guest_set(&pr->name, progs[i]), 0);
    }
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &p, &rep, T0), STORE_OK);
    import_report_free(&rep);
    program_list_free(&p);
}

static StoreStatus walkin(Store *s, const char *first, const char *last, int64_t now)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, "Walk-in Works"), 0);
    bool added = false;
    CheckinResult r;
    StoreStatus st = store_walkin_checkin(s, &g, false, "door-1", NULL, now, &added, &r);
    guest_clear(&g);
    return st;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    /* In memory when the machine has it: the simulation needs no real
     * flush, and opening a database flushes its preallocated log for real. */
    if (access("/dev/shm", W_OK | X_OK) == 0)
        setenv("TMPDIR", "/dev/shm", 1);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    f->wal = tu_path(f->dir, "event.db-wal");
    f->shm = tu_path(f->dir, "event.db-shm");
    f->template_db = tu_path(f->dir, "template.db");
    f->door2 = tu_path(f->dir, "door-2.db");
    for (size_t i = 0; i < NGUESTS; i++)
        id_derived("guest-code", CODES[i], f->id[i]);
    Store *s = open_ok(f->template_db, STORE_OPEN_CREATE);
    import_event(s);
    store_close(s);
    /* Another kiosk: the same list, guest 1004 checked in there, a walk-in. */
    s = open_ok(f->door2, STORE_OPEN_CREATE);
    import_event(s);
    CheckinResult r;
    assert_int_equal(store_checkin(s, f->id[3], "door-2", T0 + 500, &r), STORE_OK);
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Dana"), 0);
    assert_int_equal(guest_set(&g.last, "Door"), 0);
    bool added = false;
    assert_int_equal(store_walkin_checkin(s, &g, false, "door-2", NULL, T0 + 600, &added, &r),
                     STORE_OK);
    assert_true(added);
    guest_clear(&g);
    store_close(s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    powercut_stop();
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->wal);
    free(f->shm);
    free(f->template_db);
    free(f->door2);
    free(f);
    return 0;
}

/* event.db as the template has it, nothing beside it. */
static void fresh_event(const Fixture *f)
{
    unlink(f->wal);
    unlink(f->shm);
    size_t len = 0;
    char *bytes = tu_read(f->template_db, &len);
    assert_non_null(bytes);
    tu_write(f->db, bytes, len);
    free(bytes);
}

/* The kiosk's day, until the power goes off. */
static void workload(const Fixture *f, Told *t)
{
    memset(t, 0, sizeof *t);
    Store *s = NULL;
    char err[512];
    t->opened = store_open(f->db, 0, &s, err, sizeof err) == STORE_OK;
    if (!t->opened)
        return;
    CheckinResult r;
    t->checkin[0] = store_checkin(s, f->id[0], "door-1", T0 + 1000, &r) == STORE_OK;
    t->walkin[0] = walkin(s, WALKERS[0][0], WALKERS[0][1], T0 + 2000) == STORE_OK;
    const char *const progs[] = {"WELD"};
    const char *const kinds[] = {"mentoring"};
    t->interests =
        store_interests_set(s, f->id[0], progs, 1, kinds, 1, "door-1", T0 + 3000) == STORE_OK;
    PrintJob job;
    t->print_added = store_print_add(s, f->id[0], "", T0 + 3500, &job) == STORE_OK;
    if (t->print_added) {
        t->job_id = job.id;
        job.state = PRINT_DONE;
        job.attempts = 1;
        t->print_done = store_print_update(s, &job, T0 + 3600) == STORE_OK;
    }
    t->checkin[1] = store_checkin(s, f->id[1], "door-1", T0 + 4000, &r) == STORE_OK;
    t->undo_tried = true;
    t->undo = store_checkin_undo(s, f->id[1], "door-1", T0 + 5000) == STORE_OK;
    t->setting = store_setting_set(s, "kiosk.note", "after the undo") == STORE_OK;
    MergeReport rep;
    t->merge = store_merge(s, f->door2, 0, &rep) == STORE_OK;
    t->checkin[2] = store_checkin(s, f->id[2], "door-1", T0 + 6000, &r) == STORE_OK;
    t->walkin[1] = walkin(s, WALKERS[1][0], WALKERS[1][1], T0 + 7000) == STORE_OK;
    store_close(s);
}

static bool is_in(Store *s, const char *id)
{
    bool in = false;
    if (store_is_checked_in(s, id, &in) != STORE_OK)
        fail_msg("is_checked_in: %s", store_errmsg(s));
    return in;
}

/* Each walk-in of that name is checked in (both there or neither); returns
 * how many there are. */
static size_t walkins_named(Store *s, const char *first, const char *last, const char *what)
{
    GuestList l;
    guest_list_init(&l);
    if (store_guests_by_name(s, first, last, NULL, NULL, &l) != STORE_OK)
        fail_msg("%s: by name: %s", what, store_errmsg(s));
    for (size_t i = 0; i < l.count; i++)
        if (!is_in(s, l.items[i].id))
            fail_msg("%s: walk-in %s %s is there without their check-in", what, first, last);
    size_t n = l.count;
    guest_list_free(&l);
    return n;
}

static void integrity_ok(const char *db, const char *what)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *res = (const char *)sqlite3_column_text(st, 0);
    if (!res || strcmp(res, "ok") != 0)
        fail_msg("%s: integrity_check says %s", what, res ? res : "nothing");
    assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
}

static void check_print_and_setting(Store *s, const Told *t, const char *what)
{
    if (t->print_added) {
        PrintJob job;
        if (store_print_get(s, t->job_id, &job) != STORE_OK)
            fail_msg("%s: print job %lld lost: %s", what, (long long)t->job_id, store_errmsg(s));
        if (t->print_done && job.state != PRINT_DONE)
            fail_msg("%s: print job %lld is %s, was done", what, (long long)t->job_id,
                     print_job_state_name(job.state));
    }
    if (t->setting) {
        char *v = NULL;
        if (store_setting_get(s, "kiosk.note", &v) != STORE_OK)
            fail_msg("%s: the setting was lost", what);
        assert_string_equal(v, "after the undo");
        free(v);
    }
}

/* After the reboot: what the store said was done is there, and the kiosk
 * goes on. */
static void verify(const Fixture *f, const Told *t, const char *what)
{
    Store *s = NULL;
    char err[512];
    if (store_open(f->db, 0, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s: the kiosk does not start again: %s", what, err);
    if (t->checkin[0] && !is_in(s, f->id[0]))
        fail_msg("%s: check-in of 1001 lost", what);
    if (t->checkin[1] && !t->undo_tried && !is_in(s, f->id[1]))
        fail_msg("%s: check-in of 1002 lost", what);
    if (t->undo && is_in(s, f->id[1]))
        fail_msg("%s: the undo of 1002 was lost", what);
    if (t->checkin[2] && !is_in(s, f->id[2]))
        fail_msg("%s: check-in of 1003 lost", what);
    for (int w = 0; w < 2; w++) {
        size_t n = walkins_named(s, WALKERS[w][0], WALKERS[w][1], what);
        if (n > 1 || (t->walkin[w] && n != 1))
            fail_msg("%s: %zu walk-ins %s %s, told %s", what, n, WALKERS[w][0], WALKERS[w][1],
                     t->walkin[w] ? "added" : "failed");
    }
    if (t->interests) {
        char **progs = NULL, **kinds = NULL;
        size_t np = 0, nk = 0;
        assert_int_equal(store_interests_get(s, f->id[0], &progs, &np, &kinds, &nk), STORE_OK);
        if (np != 1 || strcmp(progs[0], "WELD") != 0 || nk != 1)
            fail_msg("%s: interests of 1001 lost", what);
        store_strings_free(progs, np);
        store_strings_free(kinds, nk);
    }
    check_print_and_setting(s, t, what);
    size_t dana = walkins_named(s, "Dana", "Door", what);
    if (t->merge && (dana != 1 || !is_in(s, f->id[3])))
        fail_msg("%s: the merge of door 2 was lost", what);
    CheckinResult r;
    if (store_checkin(s, f->id[5], "door-1", T0 + 9000, &r) != STORE_OK || r.already)
        fail_msg("%s: the next check-in: %s", what, store_errmsg(s));
    store_close(s);
    integrity_ok(f->db, what);
}

/* One cut: the workload with the power going off as armed, a reboot, a check. */
static void cut_once(const Fixture *f, unsigned long after_sync, unsigned long at_write, bool chaos,
                     unsigned seed)
{
    char what[160];
    snprintf(what, sizeof what, "cut %s %lu%s (seed %u)", after_sync ? "after sync" : "at write",
             after_sync ? after_sync : at_write, chaos ? ", unsynced writes at random" : "", seed);
    fresh_event(f);
    assert_int_equal(powercut_start(), 0);
    powercut_after_sync(after_sync);
    powercut_at_write(at_write);
    Told t;
    workload(f, &t);
    bool cut = powercut_happened();
    if (powercut_reboot(chaos, seed) != 0)
        fail_msg("%s: cannot put the files back", what);
    if (!cut)
        fail_msg("%s: the workload never reached it", what);
    verify(f, &t, what);
}

static void test_power_cuts_lose_nothing_reported_done(void **state)
{
    Fixture *f = *state;
    /* A run without a cut says how many syncs and writes there are to cut at. */
    fresh_event(f);
    assert_int_equal(powercut_start(), 0);
    Told all;
    workload(f, &all);
    unsigned long syncs = powercut_syncs(), writes = powercut_writes();
    assert_true(all.opened && all.checkin[0] && all.walkin[0] && all.interests && all.undo &&
                all.print_done && all.merge && all.checkin[2] && all.walkin[1]);
    assert_int_equal(powercut_reboot(false, 0), 0);
    verify(f, &all, "no cut");
    assert_true(syncs > 10 && writes > syncs);

    unsigned long points = 0;
    for (unsigned long k = 1; k <= syncs; k++) {
        cut_once(f, k, 0, false, 0);
        cut_once(f, k, 0, true, (unsigned)k);
        points += 2;
    }
    for (unsigned long w = 1; w <= writes; w++) {
        cut_once(f, 0, w, false, 0);
        cut_once(f, 0, w, true, (unsigned)w);
        points += 2;
    }
    const char *env = getenv("LANYARD_POWERCUT_RANDOM");
    unsigned long random_cuts = env && *env ? strtoul(env, NULL, 10) : RANDOM_CUTS;
    unsigned seed = 20260820;
    for (unsigned long i = 0; i < random_cuts; i++) {
        unsigned long w = 1 + (unsigned long)rand_r(&seed) % writes;
        cut_once(f, 0, w, true, (unsigned)rand_r(&seed));
        points++;
    }
    fprintf(stderr,
            "power cuts: %lu (after each of %lu syncs and at each of %lu writes, unsynced writes "
            "lost and at random; %lu more at random writes)\n",
            points, syncs, writes, random_cuts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_power_cuts_lose_nothing_reported_done, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
