/* kiosk.h — the kiosk's screens as a state machine (SPEC §3, §5).
 *
 * Welcome, Find me, Is this you?, Walk-in, Interests, Done, Already checked
 * in, "Please see a staff member", Explore programs and a program's page, and
 * staff mode (PIN pad, staff screen, guest lookup and a guest's page) behind
 * the hidden gesture: one file each in src/ui/screens/, routed by kiosk.c.
 * The kiosk takes input events and the current time (kiosk_handle,
 * kiosk_tick) and updates its state; laying out (kiosk_layout) reads the state
 * and fills a UiView with draw commands and widgets, which the next pointer
 * event is hit-tested against. No SDL here: the platform layer turns SDL
 * events into UiEvents and the view into pixels, and a test can drive the
 * whole flow with a simulated clock. What a check-in means is the visit
 * layer's (visit/visit.h); the screens show its outcomes. */
#ifndef LANYARD_KIOSK_H
#define LANYARD_KIOSK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event_config.h"
#include "store/store_print.h"
#include "ui/ui.h"
#include "ui/ui_speech.h"
#include "visit/visit.h"

typedef struct Kiosk Kiosk;

typedef struct KioskEnv {
    Visit *visit;           /* not owned: the guest's visit and staff's actions */
    const EventConfig *cfg; /* not owned; name, colours, languages, idle timeout */
    UiMeasure measure;      /* text measurement (the platform's fonts) */
    int logo_image;         /* image id for UI_CMD_IMAGE, or -1 when no logo */
    int logo_w, logo_h;     /* its size in pixels */
    bool windowed;          /* false: locked-down kiosk (close, Alt+F4, Escape, Ctrl+Q ignored) */
    SpeechPort speech;      /* spoken guidance, when a guest asks for it; zero: none */
    double px_per_mm;       /* the panel's pixels per millimetre; 0: not known */
} KioskEnv;

/* The kiosk on Welcome. NULL with err filled when out of memory. */
Kiosk *kiosk_create(const KioskEnv *env, int64_t now, char *err, size_t errlen);
void kiosk_destroy(Kiosk *k);

void kiosk_handle(Kiosk *k, const UiEvent *ev, int64_t now);
/* Advances timers and animations (idle reset, Done timeout, scrolling) to now. */
void kiosk_tick(Kiosk *k, int64_t now);
/* When kiosk_tick next has something to do: now + a frame while animating, a
 * timer's deadline, or INT64_MAX. */
int64_t kiosk_next_wake(const Kiosk *k, int64_t now);
/* A press at x,y now would be the second tap of a double tap whose first
 * opened another screen or ticked that check box, and is ignored. Returns when such a press would
 * count again; 0 when it counts now. Scripted and test taps made one after another, as no hand can,
 * wait for that: they stand for a person's separate taps. */
int64_t kiosk_double_tap_until(const Kiosk *k, int x, int y, int64_t now);
/* True when the state changed since the last kiosk_layout. */
bool kiosk_dirty(const Kiosk *k);
/* Lays out the current screen for a w x h window. The view stays valid (and is
 * what input is hit-tested against) until the next call. */
const UiView *kiosk_layout(Kiosk *k, int w, int h, int64_t now);
/* The last laid-out view. */
const UiView *kiosk_view(const Kiosk *k);
bool kiosk_should_quit(const Kiosk *k);
/* It quits to be started again: staff loaded an event from USB. */
bool kiosk_should_restart(const Kiosk *k);
/* A badge job changed state (from the print worker, via the event loop);
 * the Done screen shows it when it is the guest on screen's. */
void kiosk_badge_update(Kiosk *k, const PrintJob *job);

/* Names of the screens, for logs and tests ("welcome", "find", ...). */
const char *kiosk_screen_name(const Kiosk *k);

#endif
