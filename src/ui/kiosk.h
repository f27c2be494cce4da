/* kiosk.h — the guest side of the kiosk as a state machine (SPEC §3).
 *
 * Welcome, Find me, Is this you?, Walk-in, Interests, Done, Already checked in,
 * the staff message, and Explore programs with each program's page
 * (ui_programs.h); staff mode (ui_staff.h) behind
 * the hidden gesture. The kiosk takes input events and
 * the current time (kiosk_handle, kiosk_tick) and updates its state; laying out
 * (kiosk_layout) reads the state and fills a UiView with draw commands and
 * widgets, which the next pointer event is hit-tested against. No SDL here: the
 * platform layer turns SDL events into UiEvents and the view into pixels, and a
 * test can drive the whole flow with a simulated clock.
 *
 * Check-ins are committed through the store on the caller's thread before the
 * Interests screen shows; a failed commit shows "Please see a staff member". */
#ifndef LANYARD_KIOSK_H
#define LANYARD_KIOSK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event_config.h"
#include "store/store.h"
#include "ui/ui.h"
#include "ui/ui_staff.h"

typedef struct Kiosk Kiosk;

typedef struct KioskEnv {
    Store *store;           /* not owned */
    const EventConfig *cfg; /* not owned; name, colours, languages, idle timeout, kiosk id */
    UiMeasure measure;      /* text measurement (the platform's fonts) */
    int logo_image;         /* image id for UI_CMD_IMAGE, or -1 when no logo */
    int logo_w, logo_h;     /* its size in pixels */
    bool windowed;          /* false: locked-down kiosk (close, Alt+F4, Escape, Ctrl+Q ignored) */
    /* Prints the guest's badge in the background (never blocks), or NULL for
     * no printing. Called once the guest leaves Interests, so the badge's QR
     * code links to the programs they picked. */
    void (*print_badge)(void *ud, const char *guest_id);
    void *print_ud;
    /* Badge printing as staff mode shows it (called with print_ud), or NULL. */
    void (*printer_status)(void *ud, StaffPrinter *out);
    /* Prints a guest's badge again, for staff (called with print_ud); 0 or -1.
     * NULL for no printing. */
    int (*reprint_badge)(void *ud, const char *guest_id);
    /* Prints staff's test badge (called with print_ud); NULL for no printing. */
    int (*print_test_badge)(void *ud, int64_t now, StaffTestBadge *out);
} KioskEnv;

/* How the current guest's badge is doing, for the Done screen. */
typedef enum KioskBadge {
    KIOSK_BADGE_NONE = 0, /* not asked for (no printing) */
    KIOSK_BADGE_PRINTING,
    KIOSK_BADGE_PRINTED,
    KIOSK_BADGE_FAILED,
} KioskBadge;

/* Loads the guest search index and the programs from the store. NULL on error
 * (out of memory, or the store could not be read; err says which). */
Kiosk *kiosk_create(const KioskEnv *env, int64_t now, char *err, size_t errlen);
void kiosk_destroy(Kiosk *k);

void kiosk_handle(Kiosk *k, const UiEvent *ev, int64_t now);
/* Advances timers and animations (idle reset, Done timeout, scrolling) to now. */
void kiosk_tick(Kiosk *k, int64_t now);
/* When kiosk_tick next has something to do: now + a frame while animating, a
 * timer's deadline, or INT64_MAX. */
int64_t kiosk_next_wake(const Kiosk *k, int64_t now);
/* True when the state changed since the last kiosk_layout. */
bool kiosk_dirty(const Kiosk *k);
/* Lays out the current screen for a w x h window. The view stays valid (and is
 * what input is hit-tested against) until the next call. */
const UiView *kiosk_layout(Kiosk *k, int w, int h, int64_t now);
/* The last laid-out view. */
const UiView *kiosk_view(const Kiosk *k);
bool kiosk_should_quit(const Kiosk *k);
/* A badge job changed state (from the print worker, via the event loop);
 * shown when guest_id is the guest on screen. */
void kiosk_badge_update(Kiosk *k, const char *guest_id, KioskBadge state);

/* Sync folder hooks (SPEC §6): the kiosk calls on_change after each committed
 * change (check-in, walk-in, interests) and staff mode after an undo; staff
 * mode shows the state. Not set: no sync folder. Copied. */
void kiosk_set_sync(Kiosk *k, const StaffSyncHooks *h);

/* Names of the screens, for logs and tests ("welcome", "find", ...). */
const char *kiosk_screen_name(const Kiosk *k);

#endif
