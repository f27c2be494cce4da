/* test_sync.c — the sync folder worker (platform/sync_worker.h): a change makes
 * a copy that opens as a Lanyard database with the same check-ins; a missing
 * folder is reported and the copy follows once it exists; quick changes share
 * a copy; the last change is copied on the way out; and a kiosk run by script
 * leaves its check-in in the folder. Waits are on the worker's notifications,
 * each with a deadline, never a sleep. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/timefmt.h"
#include "platform/sync_worker.h"
#include "store/store.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */
#define DEADLINE_MS 20000         /* generous: sanitizers and a busy machine */

typedef struct Fixture {
    char *dir;
    char *db;
    char *folder;
    Store *s;
    /* What the worker told us, under mu. */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    SyncStatus last;
    size_t notes;
    /* The test's worker, stopped by teardown when a failed check ended the
     * test first (its notes would otherwise land in a freed fixture). */
    SyncWorker *w;
} Fixture;

static int64_t fake_clock(void *ud)
{
    (void)ud;
    return T0 + 42;
}

static void on_note(void *ud, const SyncStatus *st)
{
    Fixture *f = ud;
    pthread_mutex_lock(&f->mu);
    f->last = *st;
    f->notes++;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    f->folder = tu_path(f->dir, "stick");
    char err[512];
    assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &f->s, err, sizeof err), STORE_OK);
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    if (f->w)
        sync_worker_destroy(f->w);
    umount(f->folder); /* test_full_or_read_only_folder's, if a failed check left it */
    store_close(f->s);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->folder);
    free(f);
    return 0;
}

/* Waits (bounded) for a notification that satisfies want; returns it. */
static SyncStatus wait_note(Fixture *f, bool (*want)(const SyncStatus *))
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += DEADLINE_MS / 1000;
    pthread_mutex_lock(&f->mu);
    while (!(f->notes && want(&f->last))) {
        if (pthread_cond_timedwait(&f->cv, &f->mu, &ts) == ETIMEDOUT) {
            pthread_mutex_unlock(&f->mu);
            fail_msg("no such sync notification within %d ms (last: ok=%d error=%s)", DEADLINE_MS,
                     f->last.ok, f->last.error);
        }
    }
    SyncStatus st = f->last;
    pthread_mutex_unlock(&f->mu);
    return st;
}

static bool copied(const SyncStatus *st)
{
    return st->ok && st->copies > 0;
}

static bool failed(const SyncStatus *st)
{
    return !st->ok;
}

static SyncWorker *start(Fixture *f, int debounce_ms, int retry_ms)
{
    SyncOptions o;
    sync_worker_options_default(&o);
    o.debounce_ms = debounce_ms;
    o.retry_ms = retry_ms;
    char err[512] = "";
    SyncWorker *w = sync_worker_create(f->db, f->folder, "door 1/a", &o,
                                       (ClockPort){fake_clock, NULL}, on_note, f, err, sizeof err);
    if (!w)
        fail_msg("sync_worker_create: %s", err);
    f->w = w;
    return w;
}

/* The worker's last copy made and the worker gone. */
static void stop(Fixture *f)
{
    sync_worker_destroy(f->w);
    f->w = NULL;
}

/* A walk-in, checked in. */
static void walk_in(Store *s, const char *first, const char *last, int64_t at)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, "Acme Welding"), 0);
    CheckinResult r;
    bool added = false;
    assert_int_equal(store_walkin_checkin(s, &g, false, "door-1", NULL, at, &added, &r), STORE_OK);
    assert_true(added);
    guest_clear(&g);
}

typedef struct Names {
    char text[2048];
    size_t n;
} Names;

static int add_name(const AttendanceRow *r, void *ud)
{
    Names *n = ud;
    size_t len = strlen(n->text);
    snprintf(n->text + len, sizeof n->text - len, "%s %s;", r->guest->first, r->guest->last);
    n->n++;
    return 0;
}

static Names attendance(const char *path)
{
    Names n;
    memset(&n, 0, sizeof n);
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_READONLY, &s, err, sizeof err) != STORE_OK)
        fail_msg("the copy does not open: %s", err);
    assert_int_equal(store_each_attendance(s, add_name, &n), STORE_OK);
    store_close(s);
    return n;
}

static char *copy_path(const Fixture *f)
{
    return tu_path(f->folder, "lanyard-door_1_a.db");
}

static void test_change_makes_a_copy(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->folder, 0777), 0);
    walk_in(f->s, "Ana", "García", T0);
    SyncWorker *w = start(f, 50, 1000);
    SyncStatus st = wait_note(f, copied);
    char *copy = copy_path(f);
    assert_string_equal(st.dest, copy);
    assert_int_equal(st.last_ok, T0 + 42); /* the clock passed in, not the wall clock */
    assert_string_equal(st.error, "");
    Names n = attendance(copy);
    assert_int_equal(n.n, 1);
    assert_string_equal(n.text, "Ana García;");

    /* A later check-in reaches the copy after the kiosk says it changed. */
    walk_in(f->s, "José", "Núñez", T0 + 1000);
    size_t before = st.copies;
    pthread_mutex_lock(&f->mu);
    f->notes = 0;
    pthread_mutex_unlock(&f->mu);
    sync_worker_changed(w);
    st = wait_note(f, copied);
    assert_true(st.copies > before);
    n = attendance(copy);
    assert_int_equal(n.n, 2);
    assert_non_null(strstr(n.text, "José Núñez;"));
    stop(f);
    /* Nothing but the copy in the folder: no temporary file left beside it. */
    DIR *d = opendir(f->folder);
    assert_non_null(d);
    size_t entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            entries++;
    closedir(d);
    assert_int_equal(entries, 1);
    free(copy);
}

static void test_missing_folder_reports_then_recovers(void **state)
{
    Fixture *f = *state;
    walk_in(f->s, "Ana", "García", T0);
    SyncWorker *w = start(f, 20, 50);
    SyncStatus st = wait_note(f, failed);
    assert_non_null(strstr(st.error, f->folder));
    assert_non_null(strstr(st.error, "missing"));
    assert_int_equal(st.last_ok, 0);
    assert_int_equal(st.last_error, T0 + 42);
    assert_true(st.pending);
    sync_worker_status(w, &st);
    assert_false(st.ok);

    /* The stick is plugged in: the back-off retry copies with no new change. */
    assert_int_equal(mkdir(f->folder, 0777), 0);
    st = wait_note(f, copied);
    assert_string_equal(st.error, "");
    assert_false(st.pending);
    char *copy = copy_path(f);
    assert_int_equal(attendance(copy).n, 1);

    /* Unplugged again: the next change fails, and says so. */
    assert_int_equal(unlink(copy), 0);
    assert_int_equal(rmdir(f->folder), 0);
    sync_worker_changed(w);
    st = wait_note(f, failed);
    assert_true(st.failures >= 2);
    assert_int_equal(st.last_ok, T0 + 42); /* still says when it last worked */
    stop(f);
    free(copy);
}

static void test_quick_changes_share_a_copy(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->folder, 0777), 0);
    /* Long enough that 50 changes in a loop fall in one window, even under ASan. */
    SyncWorker *w = start(f, 400, 1000);
    int64_t began = time_monotonic_ms();
    for (int i = 0; i < 50; i++) {
        char first[16];
        snprintf(first, sizeof first, "G%02d", i);
        walk_in(f->s, first, "Quick", T0 + i);
        sync_worker_changed(w);
    }
    /* Changes within one window share a copy: at most one copy per window the
     * loop spanned (one when it is quick; a loaded machine may take longer),
     * and one more for changes after the last. Fifty changes copied one by
     * one would make fifty. */
    int64_t windows = (time_monotonic_ms() - began) / 400 + 1;
    SyncStatus st = wait_note(f, copied);
    sync_worker_status(w, &st);
    assert_true(st.copies >= 1);
    assert_true((int64_t)st.copies <= windows + 1);
    stop(f);
    /* The last copy (on destroy, if the loop outlasted the window) has all 50. */
    char *copy = copy_path(f);
    assert_int_equal(attendance(copy).n, 50);
    free(copy);
}

static bool failed_read_only(const SyncStatus *st)
{
    return !st->ok && strstr(st->error, "ead-only");
}

static bool failed_full(const SyncStatus *st)
{
    return !st->ok && strstr(st->error, "disk full");
}

/* A stick that is read-only, then full: each said in the error, with the file
 * named; the copy follows at the next change once there is room. */
static void test_full_or_read_only_folder(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->folder, 0777), 0);
    for (int i = 0; i < 60; i++) {
        char first[16];
        snprintf(first, sizeof first, "Guest%02d", i);
        walk_in(f->s, first, "Sample", T0 + i);
    }
    if (mount("tmpfs", f->folder, "tmpfs", MS_RDONLY, "size=64k") != 0) {
        fprintf(stderr, "cannot mount a tmpfs (needs root): test skipped\n");
        skip();
    }
    SyncWorker *w = start(f, 20, 50);
    SyncStatus st = wait_note(f, failed_read_only);
    assert_non_null(strstr(st.error, "lanyard-door_1_a.db"));

    /* Writable, but far smaller than the database. */
    assert_int_equal(umount(f->folder), 0);
    assert_int_equal(mount("tmpfs", f->folder, "tmpfs", 0, "size=4k"), 0);
    sync_worker_changed(w);
    st = wait_note(f, failed_full);
    assert_non_null(strstr(st.error, "lanyard-door_1_a.db"));

    /* Room again (the folder on the disk below): the next change copies. */
    assert_int_equal(umount(f->folder), 0);
    sync_worker_changed(w);
    st = wait_note(f, copied);
    stop(f);
    char *copy = copy_path(f);
    assert_int_equal(attendance(copy).n, 60);
    free(copy);
}

/* Destroy right after a change: the last copy is written on the way out,
 * long before the debounce would have come due. */
static void test_destroy_writes_last_copy(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->folder, 0777), 0);
    SyncWorker *w = start(f, 60000, 60000);
    walk_in(f->s, "Ana", "García", T0);
    sync_worker_changed(w);
    stop(f);
    char *copy = copy_path(f);
    assert_int_equal(attendance(copy).n, 1);
    free(copy);
}

/* The kiosk, run by script with a sync folder in event.ini, leaves a copy that
 * `lanyard export` reads with the guest it checked in. */
static void test_kiosk_script_leaves_copy(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mkdir(f->folder, 0777), 0);
    char *event = tu_path(f->dir, "event");
    assert_int_equal(mkdir(event, 0777), 0);
    char ini[2048];
    snprintf(ini, sizeof ini, "[kiosk]\nid = door-7\n[sync]\nfolder = %s\n", f->folder);
    char *p = tu_path(event, "event.ini");
    tu_write(p, ini, (size_t)-1);
    free(p);
    p = tu_path(event, "programs.csv");
    tu_write(p, "code,name\nWELD,Welding Technology\n", (size_t)-1);
    free(p);
    p = tu_path(event, "guests.csv");
    tu_write(p,
             "First Name,Last Name,Company,Email,Attendee #\n"
             "Marisol,Quintero,Acme Welding,marisol@example.com,5550101\n",
             (size_t)-1);
    free(p);
    const char *const pin[] = {LANYARD_BINARY, "set-pin", "--event", event, NULL};
    TuRun r = tu_run(pin, "246813\n");
    if (r.status != 0)
        fail_msg("set-pin: %s", r.err);
    tu_run_free(&r);
    /* The check-in, then the staff screen, which has a sync line. */
    char *script = tu_path(f->dir, "run.script");
    tu_write(script,
             "scan 5550101\nexpect What interests you?\npress Continue\nexpect Welcome, Marisol\n"
             "hold 5 5 3000\ntype 246813\nkey Return\nexpect Staff\nexpect Sync: \n"
             "expect-not Sync failed\n",
             (size_t)-1);
    char *db = tu_path(f->dir, "kiosk.db");
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    r = tu_lanyard("run", "--event", event, "--db", db, "--size", "1280x800", "--script", script,
                   NULL);
    if (r.status != 0)
        fail_msg("lanyard run: %d\n%s", r.status, r.err);
    tu_run_free(&r);

    /* Named for the kiosk and its database (store_copy_tag). */
    Store *s = NULL;
    char err[256], tag[STORE_COPY_TAG_LEN + 1], name[64];
    assert_int_equal(store_open(db, 0, &s, err, sizeof err), STORE_OK);
    assert_int_equal(store_copy_tag(s, NULL, tag), STORE_OK);
    store_close(s);
    snprintf(name, sizeof name, "lanyard-door-7-%s.db", tag);
    char *copy = tu_path(f->folder, name);
    r = tu_lanyard("export", "attendance", "--db", copy, NULL);
    if (r.status != 0)
        fail_msg("lanyard export: %d\n%s", r.status, r.err);
    assert_non_null(strstr(r.out, "Marisol"));
    assert_non_null(strstr(r.out, "Quintero"));
    tu_run_free(&r);
    free(copy);
    free(db);
    free(script);
    free(event);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_change_makes_a_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_reports_then_recovers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quick_changes_share_a_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_destroy_writes_last_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_or_read_only_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_script_leaves_copy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
