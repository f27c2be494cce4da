/* sdl_app.h — the kiosk's window: SDL video, input, rendering and the event loop.
 *
 * The only place the guest UI meets SDL. It opens the window (fullscreen and
 * locked down, or a window for development), turns SDL events into UiEvents for
 * the kiosk state machine (src/ui/kiosk.h), draws the kiosk's view with SDL's
 * renderer and the font module, and blocks in SDL_WaitEventTimeout until input
 * arrives or a timer is due, so an idle kiosk uses no CPU.
 *
 * With a script (src/ui/ui_script.h) the same event path runs, but the events
 * are injected with SDL_PushEvent and time is simulated, so a run is
 * deterministic and works with SDL_VIDEODRIVER=dummy. */
#ifndef LANYARD_SDL_APP_H
#define LANYARD_SDL_APP_H

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

/* Runs the kiosk until it quits (windowed) or the script ends. Returns the exit
 * status: 0, or 1 when no display can be opened, a script line fails, or a
 * screenshot cannot be written. */
int sdl_app_run(const AppOptions *o, Store *store, const EventConfig *cfg);

#endif
