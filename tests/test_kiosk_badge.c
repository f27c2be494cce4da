/* test_kiosk_badge.c — the Done screen and the badge printing in the
 * background, with a fake font, fake time and a stand-in for the print queue:
 * the guest's badge is asked for once on Continue, and the Done screen stays
 * (bounded) until the guest can read whether it printed, so "please see staff"
 * is seen even when the queue only gives up after its retries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/guest.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"
#include "ui_driver.h"

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
    int prints;               /* print_badge calls */
    char printed[ID_LEN + 1]; /* the guest of the last one */
} Fixture;

static int fake_print(void *ud, const char *guest_id)
{
    Fixture *f = ud;
    f->prints++;
    snprintf(f->printed, sizeof f->printed, "%s", guest_id);
    return 0;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    GuestList gl;
    guest_list_init(&gl);
    Guest *g = guest_list_push(&gl);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, "B-1"), 0);
    assert_int_equal(guest_set(&g->first, "Ana"), 0);
    assert_int_equal(guest_set(&g->last, "García"), 0);
    assert_int_equal(guest_set(&g->company, "Acme Welding"), 0);
    g = guest_list_push(&gl);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, "B-2222"), 0);
    assert_int_equal(guest_set(&g->first, "Bo"), 0);
    assert_int_equal(guest_set(&g->last, "Lee"), 0);
    ImportReport rep;
    import_report_init(&rep, "test");
    assert_int_equal(store_import_guests(f->store, &gl, &rep, 1000), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&gl);
    config_defaults(&f->cfg);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store, .cfg = &f->cfg, .printer = {.print = fake_print, .ud = f}});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* The print worker reports the last badge asked for: sent to printer, or
 * written as a file ("" printer). */
static void report(Fixture *f, PrintJobState st, const char *printer)
{
    PrintJob job;
    memset(&job, 0, sizeof job);
    job.state = st;
    snprintf(job.guest_id, sizeof job.guest_id, "%s", f->printed);
    snprintf(job.printer, sizeof job.printer, "%s", printer);
    if (!printer[0])
        snprintf(job.output, sizeof job.output, "%s/badges/b.png", f->dir);
    kiosk_badge_update(uid_kiosk(f->d), &job);
    uid_frame(f->d);
}

/* Ana finds herself and checks in; returns when Interests is on screen. */
static void check_in_to_interests(Fixture *f)
{
    int before = f->prints;
    uid_press(f->d, "Check in");
    uid_type(f->d, "ana", 120);
    uid_wait(f->d, 500);
    uid_press(f->d, "Ana G. — Acme Welding");
    uid_press(f->d, "Yes, check me in");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_int_equal(f->prints, before); /* not before the programs are picked */
}

/* Ana checks in and presses Continue; returns when Done is on screen. */
static void check_in(Fixture *f)
{
    int before = f->prints;
    check_in_to_interests(f);
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    assert_int_equal(f->prints, before + 1);
    assert_true(uid_visible(f->d, "Welcome, Ana!"));
    assert_true(uid_visible(f->d, "Printing your badge"));
}

/* The badge prints within a second: Done goes back to Welcome after its
 * usual 6 s, as before. */
static void test_printed_quickly(void **state)
{
    Fixture *f = *state;
    check_in(f);
    int64_t done_at = uid_now(f->d);
    uid_wait(f->d, 1000);
    report(f, PRINT_DONE, "QL");
    assert_true(uid_visible(f->d, "Your badge is ready."));
    uid_wait(f->d, 6000 - (uid_now(f->d) - done_at) - 100);
    assert_string_equal(uid_screen(f->d), "done");
    uid_wait(f->d, 200);
    assert_string_equal(uid_screen(f->d), "welcome");
    assert_int_equal(f->prints, 1);
}

/* With no printer the badge is written as a file: the guest is told it was
 * saved for staff to print, never that it is ready. */
static void test_saved_for_staff(void **state)
{
    Fixture *f = *state;
    check_in(f);
    report(f, PRINT_DONE, "");
    assert_true(uid_visible(f->d, "saved for staff to print"));
    assert_false(uid_visible(f->d, "Your badge is ready"));
}

/* The queue gives up after its retries (about 6 s with the default delays and
 * a stopped printer, just when Done used to leave): the guest still reads
 * "please see staff", for a few seconds. */
static void test_failure_after_retries_is_seen(void **state)
{
    Fixture *f = *state;
    check_in(f);
    uid_wait(f->d, 8000);
    assert_string_equal(uid_screen(f->d), "done");
    assert_true(uid_visible(f->d, "Printing your badge"));
    report(f, PRINT_FAILED, "QL");
    assert_true(uid_visible(f->d, "Please see a staff member"));
    uid_wait(f->d, 3500);
    assert_string_equal(uid_screen(f->d), "done");
    assert_true(uid_visible(f->d, "Please see a staff member"));
    uid_wait(f->d, 3000);
    assert_string_equal(uid_screen(f->d), "welcome");
    /* The next guest's screen knows nothing of it. */
    assert_false(uid_visible(f->d, "staff member"));
    assert_int_equal(f->prints, 1);
}

/* The printer is stopped (out of labels): the badge waits for it, and the
 * guest is told so and to see staff, not that it failed. */
static void test_paused_printer_is_said(void **state)
{
    Fixture *f = *state;
    check_in(f);
    PrintJob job;
    memset(&job, 0, sizeof job);
    job.state = PRINT_QUEUED;
    job.paused = true;
    snprintf(job.guest_id, sizeof job.guest_id, "%s", f->printed);
    snprintf(job.printer, sizeof job.printer, "QL");
    kiosk_badge_update(uid_kiosk(f->d), &job);
    uid_frame(f->d);
    assert_true(uid_visible(f->d, "The printer is paused. Please see a staff member"));
    assert_false(uid_visible(f->d, "did not print"));
    assert_false(uid_visible(f->d, "Printing your badge"));
    /* Started again, it prints while she is still there. */
    report(f, PRINT_DONE, "QL");
    assert_true(uid_visible(f->d, "Your badge is ready."));
}

/* What the print worker says while the printer is stopped. */
static void paused_status(void *ud, PrinterStatus *out)
{
    (void)ud;
    memset(out, 0, sizeof *out);
    snprintf(out->printer, sizeof out->printer, "Brother_QL-820NWB");
    snprintf(out->message, sizeof out->message,
             "printer Brother_QL-820NWB is stopped (paused): out of labels");
    out->paused = true;
    out->waiting = 4;
    out->failed = 1;
}

/* Staff home at the panel's 800x480 keeps the waiting and failed counts while
 * the printer is stopped, and says why and how to start it, whole. */
static void test_staff_home_paused_printer(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store,
                    .cfg = &f->cfg,
                    .windowed = true,
                    .printer = {.print = fake_print, .status = paused_status, .ud = f}});
    uid_hold(f->d, 5, 5, 3000);
    uid_press(f->d, "OK"); /* a windowed demo with no PIN set goes in */
    assert_string_equal(uid_screen(f->d), "staff_home");
    uid_expect(f->d, "4 waiting, 1 failed");
    uid_expect(f->d, "Badges wait: printer Brother_QL-820NWB is stopped (paused)");
    uid_expect(f->d, "Resume printer.");
    assert_false(uid_view(f->d)->overflow);
}

/* A queue that never answers does not hold the kiosk: Done leaves within
 * 20 s, and the guest (or the next one) can always press Done before. */
static void test_no_answer_is_bounded(void **state)
{
    Fixture *f = *state;
    check_in(f);
    int64_t done_at = uid_now(f->d);
    uid_wait(f->d, 19000);
    assert_string_equal(uid_screen(f->d), "done");
    int64_t wake = uid_next_wake(f->d);
    assert_true(wake > uid_now(f->d) && wake <= done_at + 20000);
    uid_wait(f->d, done_at + 20000 - uid_now(f->d));
    assert_string_equal(uid_screen(f->d), "welcome");

    /* Checked in again (staff undid it), she need not wait for the badge. */
    assert_int_equal(store_checkin_undo(f->store, f->printed, "staff", uid_now(f->d)), STORE_OK);
    check_in(f);
    uid_press(f->d, "Done");
    assert_string_equal(uid_screen(f->d), "welcome");
}

/* Staff open staff mode (the corner held 3 s) while a checked-in guest is on
 * Interests: the guest's badge is asked for once, as on the idle timeout. */
static void test_staff_hold_on_interests_prints(void **state)
{
    Fixture *f = *state;
    check_in_to_interests(f);
    assert_int_equal(f->prints, 0);
    uid_down(f->d, 2, 2);
    uid_wait(f->d, 3100);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    assert_int_equal(f->prints, 1);
    uid_up(f->d, 2, 2);
    assert_int_equal(f->prints, 1);
}

/* A ticket scanned while a checked-in guest is still on Interests: that
 * guest's badge is asked for once before the next guest's visit starts. */
static void test_scan_on_interests_prints(void **state)
{
    Fixture *f = *state;
    check_in_to_interests(f);
    assert_int_equal(f->prints, 0);
    uid_scan(f->d, "B-2222");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_int_equal(f->prints, 1);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "B-1", &ana), STORE_OK);
    assert_string_equal(f->printed, ana.id);
    guest_clear(&ana);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_printed_quickly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_saved_for_staff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_after_retries_is_seen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paused_printer_is_said, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_home_paused_printer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_answer_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_hold_on_interests_prints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_on_interests_prints, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
