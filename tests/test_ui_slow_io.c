/* test_ui_slow_io.c — the screen never waits on slow hardware (SPEC §9).
 *
 * The kiosk in process (ui_driver.h) with a USB stick that hangs — a media
 * port whose every look at the stick blocks until the test lets it go, as a
 * dying stick or a hung mount blocks every call on it — and a print server
 * that accepts connections and never answers (a listening socket nobody
 * accepts on, as in test_badge_hang). Staff press Export to USB, Load event
 * from USB and, on the Printer screen, Print test badge: each screen says the
 * work goes on, taps elsewhere (Find a guest and typing in it, Back, another
 * screen) are answered, a second tap starts no second job, and no frame
 * meanwhile waits on the stick or the printer. Then the stick answers: the
 * export's files are on it and parse, the chosen event folder is loaded into
 * the database; and the test badge says the printer did not answer.
 *
 * Each frame's wall time (the input it follows and its layout; the fake font
 * draws nothing) is measured while something blocks; max, median and p99 are
 * printed beside SPEC §9's frame budget, which scripts/bench holds
 * (tap_to_present_p99: a timed test on a shared, sanitised build would fail
 * on the machine's load, as it did in CI at 24 ms). A frame over
 * FRAME_BOUND_MS can only have waited. A kiosk that waited on the stick on
 * the screen thread fails here:
 * the stick lets go by itself after GATE_SELF_RELEASE_MS, so that one frame
 * takes that long, and the test ends instead of hanging. And closing the
 * kiosk while the stick never answers waits no more than two seconds. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "badge_testutil.h"

#include "badge/badge_queue.h"
#include "core/csv.h"
#include "core/event_config.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "visit/visit_import.h"
#include "visit/visit_staff.h"
#include "ui_driver.h"

#define T0 INT64_C(1787230800000)

/* SPEC §9: tap or key to the presented frame that shows its result, p99. */
#define FRAME_BUDGET_MS 16.0
/* A frame this long can only have waited on the stick or the printer (the
 * shortest wait either makes is the print server's 1.5 s). */
#define FRAME_BOUND_MS 250.0
/* A blocked look at the stick lets go by itself after this, so a kiosk that
 * waits on it fails instead of hanging. */
#define GATE_SELF_RELEASE_MS 3000

static const char EVENT_INI[] = "[event]\nname = Fall Meet\ndate = 2026-08-20\n"
                                "[kiosk]\nid = door-7\n";
static const char GUESTS[] = "First Name,Last Name,Company,Attendee #\n"
                             "Ana,García,Acme Welding,A-100\n"
                             "Bo,Lee,Lee Plumbing,B-200\n";
static const char UPDATE[] = "First Name,Last Name,Company,Attendee #\n"
                             "Ana,García,Acme Welding,A-100\n"
                             "Bo,Lee,Lee Plumbing,B-200\n"
                             "Cy,Ng,Ng Tools,C-300\n";

/* ---- a stick that hangs ---- */

typedef struct Gate {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool open;
    int calls;           /* looks at the stick so far */
    int waiting;         /* looks blocked now */
    int self_release_ms; /* 0: GATE_SELF_RELEASE_MS */
    char stick[1024];
} Gate;

static void deadline(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    long long ns = ts->tv_nsec + (long long)ms * 1000000;
    ts->tv_sec += (time_t)(ns / 1000000000);
    ts->tv_nsec = (long)(ns % 1000000000);
}

/* The media port's find: blocks until the test opens the gate, or by itself
 * after GATE_SELF_RELEASE_MS. Runs on whatever thread the kiosk calls it on. */
static int gate_find(void *ud, char *out, size_t outlen)
{
    Gate *g = ud;
    pthread_mutex_lock(&g->mu);
    g->calls++;
    g->waiting++;
    pthread_cond_broadcast(&g->cv);
    struct timespec ts;
    deadline(&ts, g->self_release_ms ? g->self_release_ms : GATE_SELF_RELEASE_MS);
    while (!g->open)
        if (pthread_cond_timedwait(&g->cv, &g->mu, &ts) == ETIMEDOUT)
            break;
    g->waiting--;
    snprintf(out, outlen, "%s", g->stick);
    pthread_mutex_unlock(&g->mu);
    return 0;
}

static void gate_init(Gate *g)
{
    pthread_mutex_init(&g->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g->cv, &ca);
    pthread_condattr_destroy(&ca);
}

static void gate_set(Gate *g, bool open)
{
    pthread_mutex_lock(&g->mu);
    g->open = open;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

static int gate_calls(Gate *g)
{
    pthread_mutex_lock(&g->mu);
    int n = g->calls;
    pthread_mutex_unlock(&g->mu);
    return n;
}

/* Waits (bounded) until a look at the stick is blocked in the gate. */
static bool gate_blocked(Gate *g)
{
    struct timespec ts;
    deadline(&ts, 5000);
    pthread_mutex_lock(&g->mu);
    while (g->waiting == 0)
        if (pthread_cond_timedwait(&g->cv, &g->mu, &ts) == ETIMEDOUT)
            break;
    bool blocked = g->waiting > 0;
    pthread_mutex_unlock(&g->mu);
    return blocked;
}

/* ---- the fixture ---- */

#define MAX_FRAMES 4096

typedef struct Fixture {
    char *dir, *event, *stick, *db;
    Store *store;
    EventConfig cfg;
    Gate gate;
    int listener;      /* the print server that never answers */
    BadgeQueue *queue; /* the print worker, on that server */
    int tests;         /* test badges asked for */
    unsigned ticket;   /* the last one's */
    Uid *d;
    bool measuring; /* frames are timed */
    double last;    /* ms: the end of the last frame, or the start of an action */
    double frames[MAX_FRAMES];
    size_t nframes;
} Fixture;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void on_frame(void *ud, Uid *d)
{
    (void)d;
    Fixture *f = ud;
    double t = now_ms();
    if (f->measuring && f->nframes < MAX_FRAMES) {
        double ms = t - f->last;
        f->frames[f->nframes++] = ms;
        if (ms > FRAME_BOUND_MS)
            fail_msg("a frame took %.0f ms on %s: the screen waited on the stick or the printer",
                     ms, uid_screen(f->d));
    }
    f->last = t;
}

/* Times the frames of what follows (each from the start of the input it
 * follows, or the frame before). */
static void measure(Fixture *f, bool on)
{
    f->measuring = on;
    f->last = now_ms();
}

/* The printer set-up port: one queue, on the server that never answers; the
 * test badge handed to the print worker as the kiosk's wiring does. */
static void p_scan(void *ud)
{
    (void)ud;
}

static void p_add(void *ud, const char *name, const char *uri, const char *ppd, const char *info,
                  double w_mm, double h_mm)
{
    (void)ud, (void)name, (void)uri, (void)ppd, (void)info, (void)w_mm, (void)h_mm;
}

static void p_state(void *ud, PrinterSetup *out)
{
    (void)ud;
    memset(out, 0, sizeof *out);
    out->scanned = true;
    out->nqueues = 1;
    snprintf(out->queues[0].name, sizeof out->queues[0].name, "lanyard-hung");
    snprintf(out->queues[0].info, sizeof out->queues[0].info, "a server that never answers");
}

static int p_test(void *ud, const char *queue, int64_t now, TestBadge *out)
{
    Fixture *f = ud;
    f->tests++;
    if (!(f->ticket = out->ticket = badge_queue_test_badge_on(f->queue, queue, now))) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return -1;
    }
    return 0;
}

static int p_result(void *ud, TestBadge *out)
{
    Fixture *f = ud;
    return badge_queue_test_result(f->queue, out->ticket, out, 0);
}

static char *subdir(const char *dir, const char *name)
{
    char *p = tu_path(dir, name);
    assert_int_equal(mkdir(p, 0755), 0);
    return p;
}

static void put(const char *dir, const char *name, const char *text)
{
    char *p = tu_path(dir, name);
    tu_write(p, text, (size_t)-1);
    free(p);
}

static void hung_server(Fixture *f)
{
    f->listener = bt_hung_server();
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.cups_timeout_ms = 1500;
    char err[512] = "";
    f->queue = badge_queue_create(f->db, &f->cfg, &opt, NULL, NULL, err, sizeof err);
    if (!f->queue)
        fail_msg("badge_queue_create: %s", err);
}

static void fixture_make(Fixture *f)
{
    memset(f, 0, sizeof *f);
    gate_init(&f->gate);
    f->dir = tu_tempdir();
    f->event = subdir(f->dir, "event");
    f->stick = subdir(f->dir, "stick");
    f->db = tu_path(f->dir, "kiosk.db");
    snprintf(f->gate.stick, sizeof f->gate.stick, "%s", f->stick);
    put(f->event, "event.ini", EVENT_INI);
    put(f->event, "guests.csv", GUESTS);
    ConfigDiagnostics diag = {0};
    config_defaults(&f->cfg);
    assert_int_equal(config_load_dir(&f->cfg, f->event, &diag), 0);
    char err[512];
    assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    visit_import_event(f->store, f->event, T0);
    hung_server(f);
    f->d = uid_kiosk_create(&(UidSetup){
        .store = f->store,
        .cfg = &f->cfg,
        .now = T0,
        .windowed = true,
        .media = {gate_find, &f->gate},
        .printer_setup = {p_scan, p_add, p_state, p_test, p_result, NULL, f},
        .on_frame = on_frame,
        .frame_ud = f,
    });
}

static void fixture_free(Fixture *f)
{
    gate_set(&f->gate, true); /* nothing left blocked */
    uid_destroy(f->d);
    badge_queue_destroy(f->queue);
    unsetenv("CUPS_SERVER");
    close(f->listener);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->event);
    free(f->stick);
    free(f->db);
    pthread_cond_destroy(&f->gate.cv);
    pthread_mutex_destroy(&f->gate.mu);
}

/* ---- what the stick holds after the export ---- */

typedef struct Rows {
    size_t n;
    bool ana; /* a row with Ana's registration code */
} Rows;

static int count_row(const CsvRecord *rec, void *ud)
{
    Rows *r = ud;
    r->n++;
    for (size_t i = 0; i < rec->nfields; i++)
        if (!strcmp(rec->fields[i], "A-100"))
            r->ana = true;
    return 0;
}

static Rows parse_csv(const char *dir, const char *name)
{
    char *path = tu_path(dir, name);
    size_t len;
    char *text = tu_read(path, &len);
    if (!text)
        fail_msg("%s was not written", path);
    Rows r = {0};
    CsvError err;
    assert_int_equal(csv_read(text, len, count_row, &r, &err), 0);
    free(text);
    free(path);
    return r;
}

/* The one folder an export made on the stick (named after the event). */
static char *export_folder(const char *stick)
{
    DIR *d = opendir(stick);
    assert_non_null(d);
    char *found = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (!strncmp(e->d_name, "Fall-Meet_", 10)) {
            assert_null(found);
            found = tu_path(stick, e->d_name);
        }
    closedir(d);
    if (!found)
        fail_msg("no export folder on the stick %s", stick);
    return found;
}

/* ---- the steps ---- */

static void to_staff(Fixture *f)
{
    uid_hold(f->d, 5, 5, 3000);
    uid_press(f->d, "OK"); /* a windowed demo with no PIN set goes in */
    assert_string_equal(uid_screen(f->d), "staff_home");
}

/* A kiosk with Ana checked in, on staff home (malloc'd). */
static Fixture *staff_with_ana_in(void)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    fixture_make(f);
    assert_int_equal(visit_check_in_code(uid_visit(f->d), "A-100"), VISIT_CHECKED_IN);
    visit_end(uid_visit(f->d));
    to_staff(f);
    return f;
}

static void export_blocked(Fixture *f)
{
    gate_set(&f->gate, false);
    measure(f, true);
    uid_press(f->d, "Export to USB");
    assert_true(gate_blocked(&f->gate));
    uid_expect(f->d, "Copying to the USB stick…");
    /* Elsewhere on the kiosk meanwhile: a guest looked up, typed for. */
    uid_press(f->d, "Find a guest");
    assert_string_equal(uid_screen(f->d), "staff_lookup");
    uid_type(f->d, "Ana", 80);
    uid_expect(f->d, "García");
    uid_press(f->d, "Back");
    assert_string_equal(uid_screen(f->d), "staff_home");
    uid_expect(f->d, "Copying to the USB stick…");
    /* A second tap starts no second export. */
    uid_press(f->d, "Export to USB");
    uid_wait(f->d, 500);
    assert_int_equal(gate_calls(&f->gate), 1);
    uid_expect(f->d, "Copying to the USB stick…");
    measure(f, false);

    gate_set(&f->gate, true);
    uid_settle(f->d);
    uid_expect(f->d, "Exported to:");
    char *folder = export_folder(f->stick);
    Rows att = parse_csv(folder, "attendance.csv");
    assert_int_equal(att.n, 2); /* the header and Ana, the one checked in */
    assert_true(att.ana);
    Rows fol = parse_csv(folder, "followup.csv");
    assert_true(fol.n >= 1);
    char *db = tu_path(folder, "lanyard-door-7.db");
    assert_int_equal(access(db, R_OK), 0);
    free(db);
    free(folder);
}

static void printer_blocked(Fixture *f)
{
    uid_press(f->d, "Kiosk set-up");
    uid_press(f->d, "Printer");
    uid_press(f->d, "lanyard-hung");
    measure(f, true);
    uid_press(f->d, "Print test badge");
    uid_expect(f->d, "Sending a test badge…");
    uid_press(f->d, "Back");
    uid_expect(f->d, "lanyard-hung");
    uid_press(f->d, "lanyard-hung");
    uid_expect(f->d, "Sending a test badge…");
    /* A second tap sends no second test badge. */
    uid_press(f->d, "Print test badge");
    uid_wait(f->d, 300);
    assert_int_equal(f->tests, 1);
    measure(f, false);
    /* The print worker gives up on the server; the screen says so. */
    TestBadge out;
    assert_int_equal(badge_queue_test_result(f->queue, f->ticket, &out, 20000), -1);
    uid_frame(f->d);
    uid_expect(f->d, "Test badge failed");
    uid_expect(f->d, "did not answer");
    uid_press(f->d, "Back");
    uid_press(f->d, "Back");
    assert_string_equal(uid_screen(f->d), "staff_setup");
}

static void load_blocked(Fixture *f)
{
    char *update = subdir(f->stick, "fall-update"), *other = subdir(f->stick, "other");
    put(update, "guests.csv", UPDATE);
    put(other, "guests.csv", GUESTS);
    int calls = gate_calls(&f->gate);
    gate_set(&f->gate, false);
    measure(f, true);
    uid_press(f->d, "Load event from USB");
    assert_true(gate_blocked(&f->gate));
    uid_expect(f->d, "Reading the USB stick…");
    uid_press(f->d, "Back");
    assert_string_equal(uid_screen(f->d), "staff_setup");
    /* Again: it waits for the stick, still held by the look before. */
    uid_press(f->d, "Load event from USB");
    uid_expect(f->d, "Reading the USB stick…");
    uid_wait(f->d, 500);
    assert_int_equal(gate_calls(&f->gate), calls + 1);
    measure(f, false);

    gate_set(&f->gate, true);
    uid_settle(f->d);
    uid_expect(f->d, "Choose the event folder");
    measure(f, true);
    uid_press(f->d, "fall-update");
    measure(f, false);
    uid_settle(f->d);
    uid_expect(f->d, "3 guests, 0 programs");
    uid_press(f->d, "Load this event");
    uid_settle(f->d);
    assert_true(kiosk_should_restart(uid_kiosk(f->d)));
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    assert_int_equal(st.checked_in, 1);
    free(update);
    free(other);
}

/* Staff leave an export running on a slow stick and go on to Load event,
 * which waits for the stick and then reads it: back on staff home, they are
 * still told where the export went. */
static void test_export_told_after_load_event(void **state)
{
    (void)state;
    Fixture *f = staff_with_ana_in();
    gate_set(&f->gate, false);
    uid_press(f->d, "Export to USB");
    assert_true(gate_blocked(&f->gate));
    uid_press(f->d, "Kiosk set-up");
    uid_press(f->d, "Load event from USB");
    uid_expect(f->d, "Reading the USB stick…");
    gate_set(&f->gate, true);
    uid_settle(f->d);
    assert_string_equal(uid_screen(f->d), "staff_load");
    uid_press(f->d, "Back");
    uid_press(f->d, "Back");
    assert_string_equal(uid_screen(f->d), "staff_home");
    uid_frame(f->d);
    uid_expect(f->d, "Exported to:");
    char *folder = export_folder(f->stick);
    Rows att = parse_csv(folder, "attendance.csv");
    assert_int_equal(att.n, 2);
    free(folder);
    fixture_free(f);
    free(f);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void test_screen_never_waits(void **state)
{
    (void)state;
    Fixture *f = staff_with_ana_in();
    export_blocked(f);
    printer_blocked(f);
    load_blocked(f);

    qsort(f->frames, f->nframes, sizeof f->frames[0], by_value);
    assert_true(f->nframes >= 20);
    double median = f->frames[f->nframes / 2];
    double p99 = f->frames[(f->nframes * 99 + 99) / 100 - 1];
    double max = f->frames[f->nframes - 1];
    printf("frames while the stick or the printer blocked: %zu; median %.2f ms, p99 %.2f ms, "
           "max %.2f ms (budget: p99 %.0f ms)\n",
           f->nframes, median, p99, max, FRAME_BUDGET_MS);
    fixture_free(f);
    free(f);
}

/* A stick that never answers while the kiosk closes: the visit gives the job
 * a second and a half, then leaves its thread blocked (detached, cut off at
 * the process's exit). The gate lives as long as the process, as a real
 * stick's mount does. */
static Gate never;

static void test_exit_does_not_wait(void **state)
{
    (void)state;
    Fixture *f = calloc(1, sizeof *f);
    fixture_make(f);
    gate_init(&never);
    never.self_release_ms = 600000; /* past the test's end */
    snprintf(never.stick, sizeof never.stick, "%s", f->stick);
    uid_destroy(f->d);
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store,
                                        .cfg = &f->cfg,
                                        .now = T0,
                                        .windowed = true,
                                        .media = {gate_find, &never}});
    to_staff(f);
    uid_press(f->d, "Export to USB");
    assert_true(gate_blocked(&never));
    uid_expect(f->d, "Copying to the USB stick…");
    double t0 = now_ms();
    uid_destroy(f->d);
    f->d = NULL;
    double took = now_ms() - t0;
    printf("closing the kiosk with the stick blocked took %.0f ms\n", took);
    if (took > 2000)
        fail_msg("closing the kiosk waited %.0f ms on a stick that does not answer", took);
    fixture_free(f);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screen_never_waits),
        cmocka_unit_test(test_exit_does_not_wait),
        cmocka_unit_test(test_export_told_after_load_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
