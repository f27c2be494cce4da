/* app.h — the kiosk program: the wiring of its layers and its event loop.
 *
 * Opens the display (platform/sdl_display.h), starts the badge printer
 * (badge/badge_queue.h) and the sync folder worker (platform/sync_worker.h),
 * gives the visit layer its ports (visit/ports.h) and the kiosk its visit,
 * and runs until the kiosk quits (a windowed demo closed, or staff's Exit
 * kiosk): blocked in SDL_WaitEventTimeout until input arrives or a timer of
 * the kiosk is due, so an idle kiosk uses no CPU (under systemd's watchdog it
 * also wakes at half its interval to say it is alive:
 * platform/service_notify.h). Workers tell the screen thread what happened
 * through SDL user events.
 *
 * With a script (app/script.h) the same event path runs, but the events are
 * made up and time is simulated (app_script.c), so a run is deterministic and
 * works with SDL_VIDEODRIVER=dummy. */
#ifndef LANYARD_APP_H
#define LANYARD_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event_config.h"
#include "store/store.h"

typedef struct AppOptions {
    bool windowed;          /* false: fullscreen, locked down */
    int width, height;      /* 0: the desktop (kiosk) or 1280x800 (windowed) */
    const char *script;     /* NULL: interactive */
    const char *screenshot; /* written when the run ends; NULL: none */
    const char *asset_dir;  /* fonts/ */
    int64_t started_ms;     /* monotonic ms at process start, for the first-frame figure */
} AppOptions;

/* The kiosk quit to be started again: staff loaded an event from USB. */
#define APP_RESTART 3

/* Runs the kiosk until it quits (windowed) or the script ends. Returns the exit
 * status: 0, or 1 when no display can be opened, a script line fails, or a
 * screenshot cannot be written; APP_RESTART when it is to start again. */
int app_run(const AppOptions *o, Store *store, const EventConfig *cfg);

/* When the kiosk's database cannot be used (damaged, unreadable, a full or
 * read-only disk; reason says which, as store_open put it): shows guests that
 * the kiosk cannot check anyone in and to see staff, and staff the reason,
 * instead of ending on a blank screen (app_fault.c). Calls retry every ten
 * seconds and returns APP_RESTART when it returns 0 (the database opens
 * now; else its why, when another, is shown in place of the reason); 0 when a windowed run is
 * closed or the process is asked to stop. With a script, its expect lines are checked against the
 * message, the screenshot written, and 1 returned: the kiosk did not run. */
int app_fault_run(const AppOptions *o, const EventConfig *cfg, const char *reason,
                  int (*retry)(void *ud, char *why, size_t whylen), void *ud);

#endif
