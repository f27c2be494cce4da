/* ui_driver.h — the one driver of the kiosk's UI tests, after LVGL's test
 * input devices (lv_test_indev.c) and screenshot compare
 * (lv_test_screenshot_compare.c).
 *
 * In process: a kiosk on the test's store, measured with a fake monospaced
 * font, on a simulated clock. A test presses a label, taps, types, sends keys,
 * lets time pass as the event loop would (waking only when the kiosk asks) and
 * expects text on screen; nothing sleeps and nothing needs a display.
 *
 * Out of process: runs of `lanyard run --script` on the test event
 * (tests/ui/event), a copy of it with a staff PIN, and the frames such a run
 * writes compared with the reference PNGs in tests/ui/ref/ with a tolerance,
 * NAME_err.png written on a mismatch.
 *
 * Every helper fails the running cmocka test when something is wrong, saying
 * what and on which screen. */
#ifndef LANYARD_UI_DRIVER_H
#define LANYARD_UI_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "testutil.h"

#include "core/event_config.h"
#include "store/store.h"
#include "ui/ui.h"
#include "ui/ui_speech.h"
#include "visit/visit.h"

/* ---- the fake font ---- */

/* Each codepoint px/2 wide, each line px*1.4 high: layouts that depend on no
 * font file, so a test can reason about widths. */
UiMeasure uid_font(void);

/* ---- a kiosk driven in process ---- */

typedef struct Uid Uid;

typedef struct Kiosk Kiosk;

/* Where the simulated clock starts unless a test says otherwise. */
#define UID_T0 INT64_C(1700000000000)

typedef struct UidSetup {
    Store *store;           /* not owned */
    const EventConfig *cfg; /* not owned; must outlive the driver */
    int w, h;               /* window size; 0: 800x480 */
    double px_per_mm;       /* the panel's pixels per millimetre; 0: not known */
    int64_t now;            /* the clock's start, ms since the epoch; 0: UID_T0 */
    bool windowed;          /* false: a locked-down kiosk (true: a demo, in without a PIN) */
    /* The visit layer's ports (zero: no printer, no sync folder, no stick). */
    PrinterPort printer;
    SyncPort sync;
    MediaPort media;
    PrinterSetupPort printer_setup;
    SpeechPort speech; /* spoken guidance (zero: none) */
    /* Called after every frame is laid out (a test that checks each view,
     * e.g. its colours); NULL: none. */
    void (*on_frame)(void *ud, Uid *d);
    void *frame_ud;
    /* The visit's clocks (zero: both the simulated clock, uid_now). */
    ClockPort clock;
    TimerPort timers;
    /* How text is measured (zero: the fake font, uid_font); a test of what is
     * cut gives the real font's (platform/font.h). */
    UiMeasure measure;
} UidSetup;

/* A kiosk laid out at the setup's size, or the test fails. */
Uid *uid_kiosk_create(const UidSetup *setup);
/* A new kiosk in place of the old one, on the same store, clock and size: it
 * loads what was added to the store since (guests, programs). */
void uid_kiosk_restart(Uid *d);
void uid_destroy(Uid *d);
/* The kiosk itself, and its visit, for what only some tests touch. */
Kiosk *uid_kiosk(Uid *d);
Visit *uid_visit(Uid *d);

int64_t uid_now(const Uid *d);
/* Lays the current screen out again at another window size. */
void uid_resize(Uid *d, int w, int h);
int uid_width(const Uid *d);
int uid_height(const Uid *d);
const UiView *uid_view(const Uid *d);
const char *uid_screen(const Uid *d); /* "welcome", "find", "staff_pin", ... */
/* When the kiosk next wants to run (INT64_MAX: only on input). */
int64_t uid_next_wake(const Uid *d);
bool uid_should_quit(const Uid *d);
/* True when something changed since the last layout. */
bool uid_dirty(const Uid *d);

/* One event at the current time, then a frame (timers run, layout). */
void uid_send(Uid *d, UiEvent ev);
void uid_down(Uid *d, int x, int y);
void uid_move(Uid *d, int x, int y);
void uid_up(Uid *d, int x, int y);
/* A finger's tap at x,y: down, 50 ms, up, 16 ms. */
void uid_tap(Uid *d, int x, int y);
/* Taps the middle of the visible part of the widget labelled label. */
void uid_press(Uid *d, const char *label);
/* A finger held at x,y for ms (the time passing as in uid_wait), then lifted. */
void uid_hold(Uid *d, int x, int y, int64_t ms);
/* Text typed one character (UTF-8 sequence) at a time, gap_ms after each. */
void uid_type(Uid *d, const char *utf8, int gap_ms);
void uid_key(Uid *d, UiKey key, unsigned mods);
/* A barcode scanner: the code's characters 8 ms apart, then Return. */
void uid_scan(Uid *d, const char *code);
/* Lets ms pass as the event loop would: a frame at each time the kiosk asked
 * to wake up (uid_next_wake), and one at the end. */
void uid_wait(Uid *d, int64_t ms);
/* Waits (in real time) for a staff PIN being checked on its own thread and
 * for staff's work on the USB stick (visit/visit_job.h), then lets the kiosk
 * take the answer, as a script does before each line. */
void uid_settle(Uid *d);
/* A frame at the current time: what the loop does after a worker's news. */
void uid_frame(Uid *d);

/* True when text is part of any text on screen. */
bool uid_visible(const Uid *d, const char *text);
/* The check box or tile labelled label is ticked (the test fails when there
 * is none). */
bool uid_ticked(const Uid *d, const char *label);
/* Fails, listing what is on screen, when text is not. */
void uid_expect(const Uid *d, const char *text);

/* ---- the fixture most in-process tests share ---- */

/* A kiosk in process on a new database in a temporary folder that holds the
 * test event's guests and programs (tests/ui/event), with the default
 * settings and the kiosk id "unit". */
typedef struct UidFixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
} UidFixture;

UidFixture *uid_fixture_new(void);
void uid_fixture_free(UidFixture *f);

/* ---- runs of `lanyard run --script` ---- */

typedef struct UidScript {
    const char *name;       /* tests/ui/NAME.script (e.g. "already", "screens/welcome") */
    const char *path;       /* or a script anywhere (when name is NULL) */
    const char *event;      /* NULL: tests/ui/event */
    const char *db;         /* the kiosk's database */
    const char *size;       /* NULL: 800x480 */
    const char *screenshot; /* the last frame as a PNG here, or NULL */
    bool windowed;          /* false: locked down */
} UidScript;

/* Runs the kiosk on the script; its status and output (tu_run_free after). */
TuRun uid_script_run(const UidScript *s);
/* Fails, showing the kiosk's stderr, unless the run ended with status 0. */
void uid_expect_ok(const TuRun *r);
/* A copy of tests/ui/event in dir/event, with the staff PIN 246813 set by
 * `lanyard set-pin` when pin; the malloc'd path of the copy. */
char *uid_event_copy(const char *dir, bool pin);
/* Imports the CSV at rel (from the source tree) into s: guests.csv, or
 * programs.csv when programs; parsed and stored, or the test fails. */
void uid_import_csv(Store *s, const char *rel, bool programs, int64_t now);

/* A database path on a small, full tmpfs at dir/disk, the test event imported
 * into it and its log emptied: the next check-in cannot be committed. NULL
 * when no tmpfs can be mounted (not root). uid_full_disk_free unmounts it. */
char *uid_full_disk(const char *dir);
/* Room on the disk again (the filler removed). */
void uid_full_disk_room(const char *dir);
void uid_full_disk_free(const char *dir, char *db);

/* ---- screenshots ---- */

/* Compares the PNG at png with tests/ui/ref/SCREEN-VARIANT.png (variant NULL:
 * SCREEN.png). Alike when no more than 2 pixels in 1,000 differ by more than
 * 24 levels in a channel. On a mismatch writes SCREEN-VARIANT_err.png in the
 * current folder, says so on stderr and returns -1; 0 when alike. With
 * LANYARD_UPDATE_SCREENSHOTS=1 (or a comma-separated list naming SCREEN) the
 * PNG becomes the reference instead (scripts/update-screenshots). */
int uid_screenshot_compare(const char *png, const char *screen, const char *variant);

#endif
