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
#include "core/text.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"

static int fake_measure(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height)
{
    (void)ud;
    (void)w;
    *width = (int)text_codepoints(utf8) * px / 2;
    *height = px * 14 / 10;
    return 0;
}

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Kiosk *k;
    int64_t now;
    int prints;               /* print_badge calls */
    char printed[ID_LEN + 1]; /* the guest of the last one */
} Fixture;

static void fake_print(void *ud, const char *guest_id)
{
    Fixture *f = ud;
    f->prints++;
    snprintf(f->printed, sizeof f->printed, "%s", guest_id);
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
    f->now = 1700000000000;
    KioskEnv env;
    memset(&env, 0, sizeof env);
    env.store = f->store;
    env.cfg = &f->cfg;
    env.measure = (UiMeasure){NULL, fake_measure};
    env.logo_image = -1;
    env.print_badge = fake_print;
    env.print_ud = f;
    f->k = kiosk_create(&env, f->now, err, sizeof err);
    assert_non_null(f->k);
    kiosk_layout(f->k, 800, 480, f->now);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    kiosk_destroy(f->k);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void frame(Fixture *f)
{
    kiosk_tick(f->k, f->now);
    kiosk_layout(f->k, 800, 480, f->now);
}

/* Lets ms pass as the kiosk's loop would: waking only when kiosk_next_wake says. */
static void advance(Fixture *f, int64_t ms)
{
    int64_t end = f->now + ms;
    for (;;) {
        int64_t next = kiosk_next_wake(f->k, f->now);
        if (next > end)
            break;
        f->now = next > f->now ? next : f->now + 1;
        frame(f);
    }
    f->now = end;
    frame(f);
}

static void press(Fixture *f, const char *label)
{
    const UiWidget *w = ui_view_find_label(kiosk_view(f->k), label);
    if (!w)
        fail_msg("no widget '%s' on %s", label, kiosk_screen_name(f->k));
    UiEvent ev = {.type = UI_EV_DOWN, .x = w->clip.x + w->clip.w / 2, .y = w->clip.y + 2};
    kiosk_handle(f->k, &ev, f->now);
    frame(f);
    f->now += 50;
    ev.type = UI_EV_UP;
    kiosk_handle(f->k, &ev, f->now);
    frame(f);
    f->now += 16;
    frame(f);
}

static bool visible(Fixture *f, const char *text)
{
    return ui_view_contains_text(kiosk_view(f->k), text);
}

/* Ana finds herself and checks in; returns when Interests is on screen. */
static void check_in_to_interests(Fixture *f)
{
    int before = f->prints;
    press(f, "Check in");
    UiEvent ev = {.type = UI_EV_TEXT};
    for (const char *p = "ana"; *p; p++) {
        ev.text[0] = *p;
        kiosk_handle(f->k, &ev, f->now);
        f->now += 120;
        frame(f);
    }
    advance(f, 500);
    press(f, "Ana G. — Acme Welding");
    press(f, "Yes, check me in");
    assert_string_equal(kiosk_screen_name(f->k), "interests");
    assert_int_equal(f->prints, before); /* not before the programs are picked */
}

/* Ana checks in and presses Continue; returns when Done is on screen. */
static void check_in(Fixture *f)
{
    int before = f->prints;
    check_in_to_interests(f);
    press(f, "Continue");
    assert_string_equal(kiosk_screen_name(f->k), "done");
    assert_int_equal(f->prints, before + 1);
    assert_true(visible(f, "Welcome, Ana!"));
    assert_true(visible(f, "Printing your badge"));
}

/* The badge prints within a second: Done goes back to Welcome after its
 * usual 6 s, as before. */
static void test_printed_quickly(void **state)
{
    Fixture *f = *state;
    check_in(f);
    int64_t done_at = f->now;
    advance(f, 1000);
    kiosk_badge_update(f->k, f->printed, KIOSK_BADGE_PRINTED);
    frame(f);
    assert_true(visible(f, "Your badge is ready."));
    advance(f, 6000 - (f->now - done_at) - 100);
    assert_string_equal(kiosk_screen_name(f->k), "done");
    advance(f, 200);
    assert_string_equal(kiosk_screen_name(f->k), "welcome");
    assert_int_equal(f->prints, 1);
}

/* The queue gives up after its retries (about 6 s with the default delays and
 * a stopped printer, just when Done used to leave): the guest still reads
 * "please see staff", for a few seconds. */
static void test_failure_after_retries_is_seen(void **state)
{
    Fixture *f = *state;
    check_in(f);
    advance(f, 8000);
    assert_string_equal(kiosk_screen_name(f->k), "done");
    assert_true(visible(f, "Printing your badge"));
    kiosk_badge_update(f->k, f->printed, KIOSK_BADGE_FAILED);
    frame(f);
    assert_true(visible(f, "Please see a staff member"));
    advance(f, 3500);
    assert_string_equal(kiosk_screen_name(f->k), "done");
    assert_true(visible(f, "Please see a staff member"));
    advance(f, 3000);
    assert_string_equal(kiosk_screen_name(f->k), "welcome");
    /* The next guest's screen knows nothing of it. */
    assert_false(visible(f, "staff member"));
    assert_int_equal(f->prints, 1);
}

/* A queue that never answers does not hold the kiosk: Done leaves within
 * 20 s, and the guest (or the next one) can always press Done before. */
static void test_no_answer_is_bounded(void **state)
{
    Fixture *f = *state;
    check_in(f);
    int64_t done_at = f->now;
    advance(f, 19000);
    assert_string_equal(kiosk_screen_name(f->k), "done");
    int64_t wake = kiosk_next_wake(f->k, f->now);
    assert_true(wake > f->now && wake <= done_at + 20000);
    advance(f, done_at + 20000 - f->now);
    assert_string_equal(kiosk_screen_name(f->k), "welcome");

    /* Checked in again (staff undid it), she need not wait for the badge. */
    assert_int_equal(store_checkin_undo(f->store, f->printed, "staff", f->now), STORE_OK);
    check_in(f);
    press(f, "Done");
    assert_string_equal(kiosk_screen_name(f->k), "welcome");
}

/* Staff open staff mode (the corner held 3 s) while a checked-in guest is on
 * Interests: the guest's badge is asked for once, as on the idle timeout. */
static void test_staff_hold_on_interests_prints(void **state)
{
    Fixture *f = *state;
    check_in_to_interests(f);
    assert_int_equal(f->prints, 0);
    UiEvent down = {.type = UI_EV_DOWN, .x = 2, .y = 2};
    kiosk_handle(f->k, &down, f->now);
    frame(f);
    advance(f, 3100);
    assert_string_equal(kiosk_screen_name(f->k), "staff_pin");
    assert_int_equal(f->prints, 1);
    UiEvent up = {.type = UI_EV_UP, .x = 2, .y = 2};
    kiosk_handle(f->k, &up, f->now);
    frame(f);
    assert_int_equal(f->prints, 1);
}

/* A ticket scanned while a checked-in guest is still on Interests: that
 * guest's badge is asked for once before the next guest's visit starts. */
static void test_scan_on_interests_prints(void **state)
{
    Fixture *f = *state;
    check_in_to_interests(f);
    assert_int_equal(f->prints, 0);
    UiEvent ev = {.type = UI_EV_TEXT};
    for (const char *p = "B-2222"; *p; p++) { /* a scanner: keys 10 ms apart */
        ev.text[0] = *p;
        kiosk_handle(f->k, &ev, f->now);
        f->now += 10;
    }
    UiEvent enter = {.type = UI_EV_KEY, .key = UI_KEY_RETURN};
    kiosk_handle(f->k, &enter, f->now);
    frame(f);
    assert_string_equal(kiosk_screen_name(f->k), "interests");
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
        cmocka_unit_test_setup_teardown(test_failure_after_retries_is_seen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_answer_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_hold_on_interests_prints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_on_interests_prints, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
