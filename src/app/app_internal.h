/* app_internal.h — what the kiosk program's files share (app.c: setup and the
 * interactive loop; app_ports.c: the printer and sync folder behind the visit
 * layer's ports; app_script.c: --script runs). Nothing outside src/app/
 * includes it. */
#ifndef LANYARD_APP_INTERNAL_H
#define LANYARD_APP_INTERNAL_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "badge/badge_queue.h"
#include "badge/cups_admin.h"
#include "platform/sdl_display.h"
#include "platform/sdl_input.h"
#include "platform/service_notify.h"
#include "platform/sync_worker.h"
#include "platform/usb_media.h"
#include "ui/kiosk.h"
#include "visit/visit.h"

/* Timing samples for the benchmark figures (LANYARD_TIMING). */
typedef struct Samples {
    double *v;
    size_t n, cap;
} Samples;

typedef struct App {
    Display *d;
    Kiosk *k;
    Visit *visit;
    Store *store;
    const EventConfig *cfg;

    BadgeQueue *queue;       /* badge printing in the background; NULL: none */
    Uint32 badge_event;      /* SDL user event: a badge job changed state */
    SyncWorker *sync;        /* the sync folder's copy; NULL: no sync folder */
    Uint32 sync_event;       /* SDL user event: a sync copy was tried */
    char sync_reported[600]; /* the sync error last written to stderr */
    CupsAdmin *admin;        /* staff's Printer screen: CUPS queues and devices; NULL: none */
    struct Speech *speech;   /* spoken guidance's engine; NULL: none (built without it) */

    bool scripted;      /* time is simulated: */
    int64_t script_now; /* the script's clock, for the records too */

    InputSpace input;  /* how pointer positions map to the view */
    bool script_touch; /* LANYARD_SCRIPT_TOUCH: a script taps with a finger, not a mouse */

    bool need_redraw; /* the window was exposed or resized */
    bool overflow_reported;
    bool timing;
    int64_t started_ms;
    bool first_frame_done;
    ServiceNotify notify;   /* systemd: READY=1 after the first frame, the watchdog */
    const char *trace_path; /* LANYARD_TRACE_VIEW: widgets of each frame, for X tests */
    Samples lat;            /* LANYARD_TIMING: input to presented frame, ms (scripted runs) */
    Samples frames;         /* LANYARD_TIMING: layout + draw + present of each frame, ms */
} App;

/* app.c */
void app_render(App *a, int64_t now, bool present);
/* Renders the current state and writes it as a PNG. 0 or -1. */
int app_screenshot(App *a, const char *path, int64_t now);
void app_handle(App *a, const SDL_Event *e, int64_t now);
double app_monotonic_ms(void);
void samples_add(Samples *s, double x);
void samples_report(Samples *s, const char *name);

/* app_ports.c: starts the badge printer and the sync folder worker (as
 * event.ini asks) and fills the visit layer's ports with them, the USB media
 * and the clock. What cannot start is said on stderr; the kiosk runs without. */
void app_ports_start(App *a, VisitEnv *env);
/* Stops the workers (unfinished jobs stay for the next start) and frees what
 * they posted that nobody read. */
void app_workers_stop(App *a);
/* app_speech.c: the speech engine behind the kiosk's SpeechPort (LANYARD_SPEECH_WAV=DIR:
 * WAV files there rather than sound); the port stays empty without it. */
void app_speech_start(App *a, SpeechPort *port);
void app_speech_stop(App *a);
/* A worker's note arrived on the screen thread; true when e was one. */
bool app_worker_event(App *a, const SDL_Event *e);
/* Badge jobs on their way (0 without a printer; not those a stopped printer holds). */
size_t app_badges_waiting(App *a);

/* app_script.c */
int app_script_run(App *a, const char *path, const char *screenshot);

/* SIGTERM and SIGINT end an interactive run cleanly (app_stop.c): installed
 * once, before the process starts any other thread. */
void app_stop_install(void);
/* Whether one of them came. */
bool app_stop_asked(void);
/* Says whether SDL's event queue is up (after opening the display, before
 * closing it), so that the wake-up is pushed only then. */
void app_stop_sdl(bool up);

#endif
