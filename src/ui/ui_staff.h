/* ui_staff.h — staff mode (SPEC §5): the PIN pad behind the hidden gesture, the
 * lock-out after wrong PINs, the staff screen (counts, badge printing,
 * import problems, Exit kiosk), and the guest lookup with full details, Undo
 * check-in and Reprint badge.
 *
 * Like the guest screens (kiosk.h) it is state + events + layout with the time
 * passed in; the kiosk owns a StaffMode, hands it the input while staff mode is
 * on screen, and acts on what it answers (stay, back to Welcome, end the kiosk).
 * No SDL here.
 *
 * The lock-out is plain arithmetic over StaffLock (tested with simulated time);
 * its failure count and end are kept in the store's settings, so restarting the
 * kiosk does not reset it. */
#ifndef LANYARD_UI_STAFF_H
#define LANYARD_UI_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event_config.h"
#include "store/store.h"
#include "ui/ui.h"
#include "ui/ui_i18n.h"
#include "ui/ui_widgets.h"

/* ---- the lock-out schedule ---- */

/* Wrong PINs closer together than this are not even checked. */
#define STAFF_THROTTLE_MS 1000
/* Wrong PINs allowed before the first lock-out. */
#define STAFF_FREE_TRIES 5
/* The first lock-out; each further wrong PIN doubles it, up to the maximum. */
#define STAFF_LOCK_FIRST_MS 60000
#define STAFF_LOCK_MAX_MS (60 * 60000)

typedef struct StaffLock {
    int failures;         /* wrong PINs since the last right one */
    int64_t locked_until; /* ms UTC; 0 when not locked */
    int64_t next_try;     /* ms UTC before which a try is refused (throttle) */
} StaffLock;

typedef enum StaffLockState {
    STAFF_LOCK_OPEN,   /* a PIN may be tried */
    STAFF_LOCK_WAIT,   /* too soon after a wrong PIN */
    STAFF_LOCK_LOCKED, /* locked out */
} StaffLockState;

/* How long a lock-out lasts after this many wrong PINs in a row (0: none). */
int64_t staff_lock_duration(int failures);
/* Whether a PIN may be tried at now; *remaining_ms (may be NULL) gets how long
 * until it may. */
StaffLockState staff_lock_state(const StaffLock *l, int64_t now, int64_t *remaining_ms);
void staff_lock_failed(StaffLock *l, int64_t now);
void staff_lock_passed(StaffLock *l);
/* Reads and writes the lock in the store's settings. Load: a missing setting
 * is no failures; a lock-out ending further ahead than the longest one (a clock
 * that was set back) is shortened to the one its count deserves from now. */
StoreStatus staff_lock_load(Store *s, StaffLock *l, int64_t now);
StoreStatus staff_lock_save(Store *s, const StaffLock *l);

/* ---- staff mode ---- */

/* Badge printing as the staff screen shows it. */
typedef struct StaffPrinter {
    char printer[128]; /* CUPS queue, "" when badges are written as PNG files */
    bool ok;
    char message[256]; /* the problem when !ok */
    size_t waiting, failed;
} StaffPrinter;

/* The sync folder (SPEC §6) as the staff screen shows it. */
typedef struct StaffSync {
    char folder[1024]; /* where the copy is kept */
    bool ok;           /* false: the last copy failed (message says why) */
    int64_t last_ok;   /* ms UTC of the last copy written; 0: none yet */
    char message[600]; /* the failure when !ok */
} StaffSync;

/* How the kiosk and staff mode reach the sync folder worker. */
typedef struct StaffSyncHooks {
    void (*on_change)(void *ud);              /* a change was committed: a copy is due */
    void (*status)(void *ud, StaffSync *out); /* for the staff screen */
    void *ud;
} StaffSyncHooks;

/* How a test badge went. */
typedef struct StaffTestBadge {
    char printer[128]; /* sent to this CUPS queue; "" when written as a PNG */
    int job;           /* its CUPS job id */
    char path[1024];   /* the PNG written */
    char error[512];   /* why not, on failure */
} StaffTestBadge;

typedef struct StaffEnv {
    Store *store;           /* not owned */
    const EventConfig *cfg; /* not owned; pin_hash, name */
    bool windowed;          /* a demo window: with no PIN set, staff may go in without one */
    /* Fills the badge printing state; NULL when the kiosk does not print. */
    void (*printer_status)(void *ud, StaffPrinter *out);
    void *printer_ud;
    /* Prints a guest's badge again as a new job (with printer_ud); 0 or -1.
     * NULL when the kiosk does not print: Reprint badge is then unavailable. */
    int (*reprint_badge)(void *ud, const char *guest_id);
    /* Prints a sample badge (a fictional guest, not stored) with printer_ud;
     * 0 or -1 with out->error. NULL when the kiosk does not print. */
    int (*print_test_badge)(void *ud, int64_t now, StaffTestBadge *out);
} StaffEnv;

typedef struct StaffMode StaffMode;

/* What the kiosk should do after staff input. */
typedef enum StaffResult {
    STAFF_STAY,    /* still in staff mode */
    STAFF_WELCOME, /* back to the guest Welcome screen */
    STAFF_EXIT,    /* end the kiosk (exit status 0) */
} StaffResult;

StaffMode *staff_create(const StaffEnv *env);
/* Sets the sync folder hooks (copied); without them the staff screen shows no
 * sync line. Staff mode calls on_change after an undo. */
void staff_set_sync(StaffMode *m, const StaffSyncHooks *h);
void staff_destroy(StaffMode *m);

/* Shows the PIN pad (the hidden gesture was made). */
void staff_open(StaffMode *m, int64_t now);
/* Leaves staff mode and forgets the digits typed. */
void staff_close(StaffMode *m);
/* "staff_pin", "staff", "staff_lookup" or "staff_guest" (for logs and tests). */
const char *staff_screen_name(const StaffMode *m);

/* A tap on one of the widgets laid out with id_base + index. */
StaffResult staff_press(StaffMode *m, int index, int64_t now);
/* Text from a hardware keyboard (digits go to the PIN). */
StaffResult staff_text(StaffMode *m, const char *utf8, int64_t now);
/* Backspace, Return. */
StaffResult staff_key(StaffMode *m, UiKey key, int64_t now);
/* Advances timers to now; true when what is shown changed. */
bool staff_tick(StaffMode *m, int64_t now);
/* When staff_tick next has something to do, or INT64_MAX. */
int64_t staff_next_wake(const StaffMode *m, int64_t now);

void staff_layout(StaffMode *m, UiView *v, const UiTheme *t, const UiInteract *in, UiLang lang,
                  uint32_t id_base, int64_t now);

#endif
