/* test_sync_staff.c — the kiosk's sync folder port (visit/ports.h), with a
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
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"
#include "ui_driver.h"

#define T_COPY INT64_C(1787234580000) /* 2026-08-20T14:03:00Z */

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
    int changes;     /* on_change calls */
    SyncStatus sync; /* what sync_status answers */
} Fixture;

static void on_change(void *ud)
{
    Fixture *f = ud;
    f->changes++;
}

static void sync_status(void *ud, SyncStatus *out)
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
    assert_int_equal(pin_hash("246813", f->cfg.pin_hash), 0);
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store,
                                        .cfg = &f->cfg,
                                        .w = 1280,
                                        .h = 800,
                                        .now = T_COPY + 60000,
                                        .sync = {on_change, sync_status, f}});
    snprintf(f->sync.folder, sizeof f->sync.folder, "/media/usb/lanyard");
    f->sync.ok = true;
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

/* The hidden gesture and the PIN. */
static void open_staff(Fixture *f)
{
    uid_hold(f->d, 5, 5, 3000);
    uid_type(f->d, "246813", 200);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_settle(f->d); /* the PIN is checked on a thread of its own */
    if (!uid_visible(f->d, "Staff") && !uid_visible(f->d, "Personal"))
        fail_msg("staff screen not shown (%s)", uid_screen(f->d));
}

static void test_changes_signalled(void **state)
{
    Fixture *f = *state;
    uid_scan(f->d, "5550101");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_int_equal(f->changes, 1); /* the check-in */
    uid_press(f->d, "Continue");
    assert_int_equal(f->changes, 2); /* the interests */
    uid_wait(f->d, 30000);           /* back to Welcome */
    uid_scan(f->d, "5550101");
    assert_true(uid_visible(f->d, "You're already checked in"));
    assert_int_equal(f->changes, 2); /* nothing new to copy */
}

static void test_staff_shows_sync(void **state)
{
    Fixture *f = *state;
    open_staff(f);
    assert_true(uid_visible(f->d, "Sync: no copy yet in /media/usb/lanyard"));

    /* The staff screen reads the state again every few seconds. */
    f->sync.last_ok = T_COPY;
    uid_wait(f->d, 2500);
    assert_true(uid_visible(f->d, "Sync: last copied 14:03 to /media/usb/lanyard"));

    f->sync.ok = false;
    snprintf(f->sync.error, sizeof f->sync.error,
             "cannot write a copy to /media/usb/lanyard/lanyard-door-7.db: disk full");
    uid_wait(f->d, 2500);
    /* The reason first, where it is read; what could not be written after. */
    assert_true(
        uid_visible(f->d, "Sync failed (last copied 14:03): disk full — cannot write a copy"));
    assert_false(uid_visible(f->d, "Sync: last copied"));

    f->sync.last_ok = 0;
    snprintf(f->sync.error, sizeof f->sync.error, "sync folder /media/usb/lanyard: missing");
    uid_wait(f->d, 2500);
    assert_true(uid_visible(f->d, "Sync failed: missing — sync folder /media/usb/lanyard"));
}

static void test_staff_shows_sync_spanish(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Español");
    f->sync.last_ok = T_COPY;
    open_staff(f);
    assert_true(
        uid_visible(f->d, "Sincronización: última copia a las 14:03 en /media/usb/lanyard"));
    f->sync.ok = false;
    snprintf(f->sync.error, sizeof f->sync.error, "disk full");
    uid_wait(f->d, 2500);
    assert_true(uid_visible(f->d, "La sincronización falló (última copia a las 14:03): disk full"));
}

/* With no sync port (no sync folder), the staff screen has no sync line. */
static void test_no_sync_no_line(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store, .cfg = &f->cfg, .w = 1280, .h = 800, .now = T_COPY + 60000});
    uid_scan(f->d, "5550101");
    assert_int_equal(f->changes, 0);
    uid_press(f->d, "Continue");
    uid_wait(f->d, 30000);
    open_staff(f);
    assert_false(uid_visible(f->d, "Sync"));
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
