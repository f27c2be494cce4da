/* test_sync_staff.c — the kiosk's sync folder hooks (kiosk_set_sync), with a
 * simulated clock and no display: a check-in and an interests save each say
 * that a copy is due, a second check-in of the same guest does not, and the
 * staff screen shows when the copy was last written, or why not, in English and
 * Spanish. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/event_config.h"
#include "core/pin.h"
#include "core/text.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"

#define T_COPY INT64_C(1787234580000) /* 2026-08-20T14:03:00Z */

/* A monospaced fake font: each character is px/2 wide, lines are px*1.4 high. */
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
    int changes;    /* on_change calls */
    StaffSync sync; /* what sync_status answers */
} Fixture;

static void on_change(void *ud)
{
    Fixture *f = ud;
    f->changes++;
}

static void sync_status(void *ud, StaffSync *out)
{
    Fixture *f = ud;
    *out = f->sync;
}

static int setup(void **state)
{
    /* "last copied 14:03" is local time: pin the zone. */
    setenv("TZ", "UTC", 1);
    tzset();
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "event.db");
    char err[512];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Marisol"), 0);
    assert_int_equal(guest_set(&g.last, "Quintero"), 0);
    assert_int_equal(guest_set(&g.code, "5550101"), 0);
    GuestList gl = {&g, 1, 1};
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(f->store, &gl, &rep, 1000), STORE_OK);
    import_report_free(&rep);
    guest_clear(&g);

    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "door-7");
    assert_int_equal(pin_hash("2468", f->cfg.pin_hash), 0);
    f->now = T_COPY + 60000;
    KioskEnv env;
    memset(&env, 0, sizeof env);
    env.store = f->store;
    env.cfg = &f->cfg;
    env.measure = (UiMeasure){NULL, fake_measure};
    env.logo_image = -1;
    f->k = kiosk_create(&env, f->now, err, sizeof err);
    assert_non_null(f->k);
    snprintf(f->sync.folder, sizeof f->sync.folder, "/media/usb/lanyard");
    f->sync.ok = true;
    StaffSyncHooks h = {on_change, sync_status, f};
    kiosk_set_sync(f->k, &h);
    kiosk_layout(f->k, 1280, 800, f->now);
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

static void send(Fixture *f, UiEvent ev)
{
    kiosk_handle(f->k, &ev, f->now);
    kiosk_tick(f->k, f->now);
    kiosk_layout(f->k, 1280, 800, f->now);
}

static void wait_ms(Fixture *f, int ms)
{
    f->now += ms;
    kiosk_tick(f->k, f->now);
    kiosk_layout(f->k, 1280, 800, f->now);
}

static void type(Fixture *f, const char *s, int gap_ms)
{
    for (const char *p = s; *p; p++) {
        UiEvent ev = {.type = UI_EV_TEXT};
        ev.text[0] = *p;
        send(f, ev);
        f->now += gap_ms;
    }
}

static void press(Fixture *f, const char *label)
{
    const UiWidget *w = ui_view_find_label(kiosk_view(f->k), label);
    if (!w)
        fail_msg("no widget '%s' on %s", label, kiosk_screen_name(f->k));
    int x = w->clip.x + w->clip.w / 2, y = w->clip.y + w->clip.h / 2;
    send(f, (UiEvent){.type = UI_EV_DOWN, .x = x, .y = y});
    f->now += 50;
    send(f, (UiEvent){.type = UI_EV_UP, .x = x, .y = y});
    f->now += 16;
}

static bool visible(Fixture *f, const char *text)
{
    return ui_view_contains_text(kiosk_view(f->k), text);
}

static void scan(Fixture *f, const char *code)
{
    type(f, code, 8);
    send(f, (UiEvent){.type = UI_EV_KEY, .key = UI_KEY_RETURN});
}

/* The hidden gesture and the PIN. */
static void open_staff(Fixture *f)
{
    send(f, (UiEvent){.type = UI_EV_DOWN, .x = 5, .y = 5});
    wait_ms(f, 3000);
    send(f, (UiEvent){.type = UI_EV_UP, .x = 5, .y = 5});
    type(f, "2468", 200);
    send(f, (UiEvent){.type = UI_EV_KEY, .key = UI_KEY_RETURN});
    if (!visible(f, "Staff") && !visible(f, "Personal"))
        fail_msg("staff screen not shown (%s)", kiosk_screen_name(f->k));
}

static void test_changes_signalled(void **state)
{
    Fixture *f = *state;
    scan(f, "5550101");
    assert_string_equal(kiosk_screen_name(f->k), "interests");
    assert_int_equal(f->changes, 1); /* the check-in */
    press(f, "Continue");
    assert_int_equal(f->changes, 2); /* the interests */
    wait_ms(f, 30000);               /* back to Welcome */
    scan(f, "5550101");
    assert_true(visible(f, "You're already checked in"));
    assert_int_equal(f->changes, 2); /* nothing new to copy */
}

static void test_staff_shows_sync(void **state)
{
    Fixture *f = *state;
    open_staff(f);
    assert_true(visible(f, "Sync: no copy yet in /media/usb/lanyard"));

    /* The staff screen reads the state again every few seconds. */
    f->sync.last_ok = T_COPY;
    wait_ms(f, 2500);
    assert_true(visible(f, "Sync: last copied 14:03 to /media/usb/lanyard"));

    f->sync.ok = false;
    snprintf(f->sync.message, sizeof f->sync.message,
             "cannot write a copy to /media/usb/lanyard/lanyard-door-7.db: disk full");
    wait_ms(f, 2500);
    /* The reason first, where it is read; what could not be written after. */
    assert_true(visible(f, "Sync failed (last copied 14:03): disk full — cannot write a copy"));
    assert_false(visible(f, "Sync: last copied"));

    f->sync.last_ok = 0;
    snprintf(f->sync.message, sizeof f->sync.message, "sync folder /media/usb/lanyard: missing");
    wait_ms(f, 2500);
    assert_true(visible(f, "Sync failed: missing — sync folder /media/usb/lanyard"));
}

static void test_staff_shows_sync_spanish(void **state)
{
    Fixture *f = *state;
    press(f, "Español");
    f->sync.last_ok = T_COPY;
    open_staff(f);
    assert_true(visible(f, "Sincronización: última copia a las 14:03 en /media/usb/lanyard"));
    f->sync.ok = false;
    snprintf(f->sync.message, sizeof f->sync.message, "disk full");
    wait_ms(f, 2500);
    assert_true(visible(f, "La sincronización falló (última copia a las 14:03): disk full"));
}

/* With no hooks set (no sync folder), the staff screen has no sync line. */
static void test_no_sync_no_line(void **state)
{
    Fixture *f = *state;
    StaffSyncHooks none = {NULL, NULL, NULL};
    kiosk_set_sync(f->k, &none);
    scan(f, "5550101");
    assert_int_equal(f->changes, 0);
    press(f, "Continue");
    wait_ms(f, 30000);
    open_staff(f);
    assert_false(visible(f, "Sync"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_changes_signalled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_shows_sync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_shows_sync_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_sync_no_line, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
