/* test_ui_setup.c — staff mode's Kiosk set-up driven in process
 * (ui_driver.h), a folder standing in for the USB stick: About this kiosk
 * (version, kiosk id, free space, database path); Load event from USB with
 * no stick, a stick of several event folders to choose from, one with errors
 * (shown with file and line, no Load button, nothing changed) and another
 * event (asked about first); loading an updated list keeps the check-ins and
 * ends the kiosk to start again; through `lanyard run`, another event starts
 * a new database and keeps the old one, and the preview lists the rows a
 * list will leave out and a list read as Windows-1252; Printer, over a stand-in for the
 * CUPS worker, says plainly when a printer has no driver and when the server
 * refuses to add one. Each screen is laid out at 800x480 and
 * 1080x1920 without overflowing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "core/event_config.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "visit/visit_about.h"
#include "visit/visit_import.h"
#include "visit/visit_printer.h"
#include "visit/visit_staff.h"
#include "ui_driver.h"

#define T0 INT64_C(1787230800000)

static const char EVENT_INI[] = "[event]\nname = Fall Meet\ndate = 2026-08-20\n"
                                "[kiosk]\nid = door-7\n";
static const char GUESTS[] = "First Name,Last Name,Company,Attendee #\n"
                             "Ana,García,Acme Welding,A-100\n"
                             "Bo,Lee,Lee Plumbing,B-200\n";

typedef struct Env {
    char *dir, *event, *stick, *db;
    bool has_stick;
    Store *store;
    EventConfig cfg;
    Uid *d;
} Env;

static int find_stick(void *ud, char *out, size_t outlen)
{
    const Env *e = ud;
    if (!e->has_stick)
        return -1;
    snprintf(out, outlen, "%s", e->stick);
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

static void env_make(Env *e)
{
    memset(e, 0, sizeof *e);
    e->dir = tu_tempdir();
    e->event = subdir(e->dir, "event");
    e->stick = subdir(e->dir, "stick");
    e->db = tu_path(e->dir, "kiosk.db");
    put(e->event, "event.ini", EVENT_INI);
    put(e->event, "guests.csv", GUESTS);
    ConfigDiagnostics diag = {0};
    config_defaults(&e->cfg);
    assert_int_equal(config_load_dir(&e->cfg, e->event, &diag), 0);
    char err[512];
    assert_int_equal(store_open(e->db, STORE_OPEN_CREATE, &e->store, err, sizeof err), STORE_OK);
    visit_import_event(e->store, e->event, T0);
    e->has_stick = true;
    e->d = uid_kiosk_create(&(UidSetup){
        .store = e->store, .cfg = &e->cfg, .now = T0, .windowed = true, .media = {find_stick, e}});
}

static void env_free(Env *e)
{
    uid_destroy(e->d);
    store_close(e->store);
    tu_rmtree(e->dir);
    free(e->dir);
    free(e->event);
    free(e->stick);
    free(e->db);
}

/* The screen fits at the panel's and a portrait screen's size. */
static void fits(Env *e)
{
    uid_resize(e->d, 1080, 1920);
    assert_false(uid_view(e->d)->overflow);
    uid_resize(e->d, 800, 480);
    assert_false(uid_view(e->d)->overflow);
}

static void to_setup(Env *e)
{
    uid_hold(e->d, 5, 5, 3000);
    uid_press(e->d, "OK"); /* a windowed demo with no PIN set goes in */
    assert_string_equal(uid_screen(e->d), "staff_home");
    uid_press(e->d, "Kiosk set-up");
    assert_string_equal(uid_screen(e->d), "staff_setup");
}

static void test_about(void **state)
{
    (void)state;
    Env e;
    env_make(&e);
    to_setup(&e);
    KioskAbout a;
    visit_about(uid_visit(e.d), &a);
    assert_true(a.disk_ok);
    assert_true(a.disk_free > 0 && a.disk_free <= a.disk_size);
    assert_string_equal(a.db_path, e.db);
    char line[1200];
    snprintf(line, sizeof line, "Lanyard version %s", a.version);
    uid_expect(e.d, line);
    uid_expect(e.d, "Kiosk id: door-7");
    uid_expect(e.d, "Free space: ");
    uid_expect(e.d, "About this kiosk");
    /* No printer set-up port: no Printer button (test_printer_setup has one). */
    assert_null(ui_view_find_label(uid_view(e.d), "Printer"));
    /* The path may wrap: its file name is on screen. */
    uid_expect(e.d, "kiosk.db");
    fits(&e);
    uid_press(e.d, "Back");
    assert_string_equal(uid_screen(e.d), "staff_home");
    env_free(&e);
}

static void test_no_stick(void **state)
{
    (void)state;
    Env e;
    env_make(&e);
    e.has_stick = false;
    to_setup(&e);
    uid_press(e.d, "Load event from USB");
    uid_settle(e.d);
    assert_string_equal(uid_screen(e.d), "staff_load");
    uid_expect(e.d, "No USB stick found");
    fits(&e);
    /* A stick without an event folder, then one with. */
    e.has_stick = true;
    uid_press(e.d, "Try again");
    uid_settle(e.d);
    uid_expect(e.d, "No event folder on the stick");
    put(e.stick, "guests.csv", GUESTS);
    uid_press(e.d, "Try again");
    uid_settle(e.d);
    uid_expect(e.d, "Fall Meet");
    uid_expect(e.d, "2 guests, 0 programs");
    env_free(&e);
}

static void test_errors_and_updated_list(void **state)
{
    (void)state;
    Env e;
    env_make(&e);
    assert_int_equal(visit_check_in_code(uid_visit(e.d), "A-100"), VISIT_CHECKED_IN);
    visit_end(uid_visit(e.d));
    char *broken = subdir(e.stick, "broken"), *update = subdir(e.stick, "fall-update");
    put(broken, "event.ini",
        "[event]\nname = Fall Meet\ndate = 2026-08-20\ncolour = red\n"
        "[theme]\nprimary = red\n");
    put(broken, "guests.csv", "First Name,Last Name\n\"Ana,García\n");
    put(update, "guests.csv",
        "First Name,Last Name,Company,Attendee #\n"
        "Ana,García,Acme Welding,A-100\n"
        "Bo,Lee,Lee Plumbing,B-200\n"
        "Cy,Ng,Ng Tools,C-300\n");
    to_setup(&e);
    uid_press(e.d, "Load event from USB");
    uid_settle(e.d);
    uid_expect(e.d, "Choose the event folder");
    fits(&e);
    uid_press(e.d, "broken");
    uid_settle(e.d);
    uid_expect(e.d, "Fix these on the stick");
    uid_expect(e.d, "event.ini:6: ");
    uid_expect(e.d, "guests.csv:2: ");
    assert_null(ui_view_find_label(uid_view(e.d), "Load this event"));
    fits(&e);
    char *ini = tu_path(e.event, "event.ini");
    size_t len;
    char *text = tu_read(ini, &len);
    assert_string_equal(text, EVENT_INI);
    free(text);

    uid_press(e.d, "Back");
    uid_press(e.d, "fall-update");
    uid_settle(e.d);
    uid_expect(e.d, "3 guests, 0 programs");
    uid_expect(e.d, "Files: guests.csv");
    fits(&e);
    uid_press(e.d, "Load this event");
    uid_settle(e.d);
    assert_true(uid_should_quit(e.d));
    assert_true(kiosk_should_restart(uid_kiosk(e.d)));
    StoreStats st;
    assert_int_equal(store_stats(e.store, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    assert_int_equal(st.checked_in, 1);
    /* Started again: the new guest is found, Ana is still checked in. */
    uid_kiosk_restart(e.d);
    assert_int_equal(visit_check_in_code(uid_visit(e.d), "A-100"), VISIT_ALREADY);
    visit_end(uid_visit(e.d));
    assert_int_equal(visit_check_in_code(uid_visit(e.d), "C-300"), VISIT_CHECKED_IN);
    free(ini);
    free(broken);
    free(update);
    env_free(&e);
}

static void test_new_event_asks(void **state)
{
    (void)state;
    Env e;
    env_make(&e);
    put(e.stick, "event.ini", "[event]\nname = Spring Breakfast\ndate = 2027-04-16\n");
    put(e.stick, "guests.csv", "Name,Company\nEve Park,Park Bakery\n");
    to_setup(&e);
    uid_press(e.d, "Load event from USB");
    uid_settle(e.d);
    uid_expect(e.d, "Spring Breakfast");
    uid_expect(e.d, "2027-04-16");
    uid_press(e.d, "Load this event");
    uid_settle(e.d);
    uid_expect(e.d, "Start a new event?");
    uid_expect(e.d, "kiosk-Fall-Meet_2026-08-20.db");
    fits(&e);
    assert_false(uid_should_quit(e.d));
    uid_press(e.d, "Cancel");
    uid_expect(e.d, "Load this event");
    uid_press(e.d, "Load this event");
    uid_settle(e.d);
    uid_press(e.d, "Start new event");
    uid_settle(e.d);
    assert_true(kiosk_should_restart(uid_kiosk(e.d)));
    ConfigDiagnostics diag = {0};
    EventConfig now;
    config_defaults(&now);
    assert_int_equal(config_load_dir(&now, e.event, &diag), 0);
    assert_string_equal(now.name, "Spring Breakfast");
    assert_string_equal(now.kiosk_id, "door-7"); /* the kiosk's own id is kept */
    env_free(&e);
}

/* `lanyard run`: staff load another event from the stick; the kiosk ends
 * to start again, and that start keeps the old database under its event's
 * name and opens a new one for the new event. */
static void test_run_new_event(void **state)
{
    (void)state;
    char *dir = tu_tempdir(), *stick = subdir(dir, "stick");
    char *event = uid_event_copy(dir, true), *db = tu_path(dir, "kiosk.db");
    put(stick, "event.ini", "[event]\nname = Fall Open House\ndate = 2026-10-01\n");
    put(stick, "guests.csv", "Name,Company\nEve Park,Park Bakery\n");
    char *script = tu_path(dir, "load.script");
    put(dir, "load.script",
        "scan 2713624642\npress Continue\npress Done\nhold 5 5 3000\ntype 246813\nkey Return\n"
        "press Kiosk set-up\npress Load event from USB\nexpect Fall Open House\n"
        "press Load this event\nexpect Start a new event?\npress Start new event\n");
    setenv("LANYARD_USB_DIR", stick, 1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = event, .db = db});
    unsetenv("LANYARD_USB_DIR");
    uid_expect_ok(&r);
    assert_non_null(strstr(r.err, "kiosk-Spring-CTE-Partner-Breakfast_2026-04-16.db"));
    tu_run_free(&r);
    /* The old database holds the check-in; the kiosk's path is free for the new one. */
    char *old = tu_path(dir, "kiosk-Spring-CTE-Partner-Breakfast_2026-04-16.db");
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(old, STORE_OPEN_READONLY, &s, err, sizeof err), STORE_OK);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    store_close(s);
    assert_int_equal(access(db, F_OK), -1);
    /* The next start runs the new event with the kiosk's PIN. */
    put(dir, "next.script",
        "hold 5 5 3000\ntype 246813\nkey Return\npress Find a guest\n"
        "type Eve\nexpect Eve Park\n");
    char *next = tu_path(dir, "next.script");
    r = uid_script_run(&(UidScript){.path = next, .event = event, .db = db});
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(next);
    free(old);
    free(script);
    free(db);
    free(event);
    free(stick);
    tu_rmtree(dir);
    free(dir);
}

/* `lanyard run`: a stick's guests.csv saved as Windows-1252, with a row whose
 * "Acme, Inc." lost its quotes and a row with no name. The preview says which
 * rows will be left out, by line and why, and that the file was read as
 * Windows-1252, before staff load it. LANYARD_SHOT (a PNG path) keeps the
 * last frame to look at. */
static void test_run_preview_skipped_rows(void **state)
{
    (void)state;
    char *dir = tu_tempdir(), *stick = subdir(dir, "stick");
    char *event = uid_event_copy(dir, true), *db = tu_path(dir, "kiosk.db");
    put(stick, "guests.csv",
        "First Name,Last Name,Company,Email\r\n"
        "Jos\xE9,N\xFA\xF1"
        "ez,N\xFA\xF1"
        "ez Auto,jose@nunez.example\r\n"
        "Ana,Ortiz,Acme, Inc.,ana@acme.example\r\n"
        ",,Rivera Electric,office@rivera.example\r\n"
        "Mei,Chen,Chen Dental,mei@chen.example\r\n");
    char *script = tu_path(dir, "load.script");
    put(dir, "load.script",
        "hold 5 5 3000\ntype 246813\nkey Return\npress Kiosk set-up\n"
        "press Load event from USB\nexpect 2 guests\nexpect guests.csv:3:\n"
        "expect 5 cells but the header has 4 columns\nexpect guests.csv:4: no name\n"
        "expect read as Windows-1252\nexpect Load this event\n");
    setenv("LANYARD_USB_DIR", stick, 1);
    TuRun r = uid_script_run(&(UidScript){
        .path = script, .event = event, .db = db, .screenshot = getenv("LANYARD_SHOT")});
    unsetenv("LANYARD_USB_DIR");
    uid_expect_ok(&r);
    tu_run_free(&r);
    free(script);
    free(db);
    free(event);
    free(stick);
    tu_rmtree(dir);
    free(dir);
}

/* ---- Printer, over a stand-in for the CUPS worker ---- */

typedef struct FakeSetup {
    PrinterSetup state;
    int scans;
    char added_name[128], added_ppd[512];
    double w, h;
} FakeSetup;

static void fake_scan(void *ud)
{
    FakeSetup *f = ud;
    f->scans++;
    f->state.scanned = true;
}

static void fake_add(void *ud, const char *name, const char *uri, const char *ppd, const char *info,
                     double w, double h)
{
    (void)uri;
    (void)info;
    FakeSetup *f = ud;
    snprintf(f->added_name, sizeof f->added_name, "%s", name);
    snprintf(f->added_ppd, sizeof f->added_ppd, "%s", ppd);
    f->w = w;
    f->h = h;
    /* The server says no: the screen shows why. */
    f->state.refused = true;
    snprintf(f->state.error, sizeof f->state.error,
             "the print server refused to add printer %s: adding a printer needs the right to "
             "administer CUPS",
             name);
}

static void fake_state(void *ud, PrinterSetup *out)
{
    *out = ((FakeSetup *)ud)->state;
}

static void add_device(FakeSetup *f, const char *mm, const char *ppd)
{
    PrinterDevice *d = &f->state.devices[f->state.ndevices++];
    snprintf(d->uri, sizeof d->uri, "usb://%s", mm);
    snprintf(d->make_model, sizeof d->make_model, "%s", mm);
    d->label = true;
    snprintf(d->ppd, sizeof d->ppd, "%s", ppd);
    snprintf(d->driver, sizeof d->driver, "%s%s", ppd[0] ? mm : "", ppd[0] ? " Foomatic" : "");
}

/* A QL-700 is said to have no driver and cannot be added; a QL-570 is added
 * with the event's label size, and a refusal is shown as the server gave it. */
static void test_printer_devices(void **state)
{
    (void)state;
    Env e;
    env_make(&e);
    uid_destroy(e.d);
    snprintf(e.cfg.badge_size, sizeof e.cfg.badge_size, "brother-62x100");
    e.cfg.badge_w_mm = 62;
    e.cfg.badge_h_mm = 100;
    FakeSetup f;
    memset(&f, 0, sizeof f);
    add_device(&f, "Brother QL-700", "");
    add_device(&f, "Brother QL-570", "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd");
    e.d = uid_kiosk_create(
        &(UidSetup){.store = e.store,
                    .cfg = &e.cfg,
                    .now = T0,
                    .windowed = true,
                    .printer_setup = {fake_scan, fake_add, fake_state, NULL, NULL, NULL, &f}});
    to_setup(&e);
    uid_press(e.d, "Printer");
    assert_int_equal(f.scans, 1);
    uid_expect(e.d, "No printer is set");
    uid_expect(e.d, "CUPS has no driver for the Brother QL-700");
    fits(&e);
    uid_press(e.d, "Brother QL-700");
    uid_expect(e.d, "CUPS has no driver for the Brother QL-700, so it cannot print badges here.");
    assert_null(ui_view_find_label(uid_view(e.d), "Add printer"));
    fits(&e);
    uid_press(e.d, "Back");
    uid_press(e.d, "Brother QL-570");
    uid_expect(e.d, "Driver: Brother QL-570 Foomatic");
    uid_press(e.d, "Add printer");
    assert_string_equal(f.added_name, "Brother_QL-570");
    assert_string_equal(f.added_ppd, "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd");
    assert_true(f.w == 62 && f.h == 100);
    uid_frame(e.d);
    uid_expect(e.d, "the print server refused");
    fits(&e);
    env_free(&e);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_about),
        cmocka_unit_test(test_no_stick),
        cmocka_unit_test(test_errors_and_updated_list),
        cmocka_unit_test(test_new_event_asks),
        cmocka_unit_test(test_run_new_event),
        cmocka_unit_test(test_run_preview_skipped_rows),
        cmocka_unit_test(test_printer_devices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
