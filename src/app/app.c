/* app.c — the kiosk program: setup, rendering a frame and the interactive
 * loop. See app.h. */
#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_internal.h"
#include "core/file.h"
#include "core/timefmt.h"
#include "platform/sdl_input.h"

/* ---- timing samples ---- */

double app_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void samples_add(Samples *s, double x)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        double *grown = realloc(s->v, cap * sizeof *grown);
        if (!grown)
            return;
        s->v = grown;
        s->cap = cap;
    }
    s->v[s->n++] = x;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* "lanyard: timing: NAME_p50_ms=.. p99_ms=.. n=.." on stderr. */
void samples_report(Samples *s, const char *name)
{
    if (!s->n)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_double);
    size_t p99 = (s->n * 99 + 99) / 100 - 1;
    fprintf(stderr, "lanyard: timing: %s_p50_ms=%.2f p99_ms=%.2f n=%zu\n", name, s->v[s->n / 2],
            s->v[p99 < s->n ? p99 : s->n - 1], s->n);
}

/* ---- a frame ---- */

/* Writes the screen, the renderer and the tappable widgets of the view, so an
 * X input test knows where to click. */
static void trace_view(App *a, const UiView *v)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", a->trace_path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    fprintf(f, "screen %s\nrenderer %s\n", kiosk_screen_name(a->k), display_renderer_name(a->d));
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL || w->clip.w <= 0)
            continue;
        fprintf(f, "widget %d %d %d %d %s\n", w->clip.x, w->clip.y, w->clip.w, w->clip.h,
                ui_view_text(v, w->text));
    }
    if (fclose(f) == 0)
        rename(tmp, a->trace_path);
}

/* Lays out and draws the current state; presents unless asked not to. */
void app_render(App *a, int64_t now, bool present)
{
    double t0 = app_monotonic_ms();
    int w, h;
    display_size(a->d, &w, &h);
    const UiView *v = kiosk_layout(a->k, w, h, now);
    if (v->overflow && !a->overflow_reported) {
        fprintf(stderr, "lanyard: the screen has more items than the view holds\n");
        a->overflow_reported = true;
    }
    display_draw(a->d, v);
    a->need_redraw = false;
    if (present) {
        display_present(a->d);
        if (a->timing)
            samples_add(&a->frames, app_monotonic_ms() - t0);
        if (!a->first_frame_done) {
            a->first_frame_done = true;
            service_notify_ready(&a->notify);
            if (a->timing)
                fprintf(stderr, "lanyard: timing: first_frame_ms=%lld\n",
                        (long long)(time_monotonic_ms() - a->started_ms));
        }
    }
    if (a->trace_path)
        trace_view(a, v);
}

int app_screenshot(App *a, const char *path, int64_t now)
{
    app_render(a, now, false);
    int rc = display_screenshot(a->d, path);
    display_present(a->d);
    return rc;
}

void app_handle(App *a, const SDL_Event *e, int64_t now)
{
    if (app_worker_event(a, e))
        return;
    UiEvent ev;
    display_pointer_space(a->d, &a->input.rotate, &a->input.w, &a->input.h);
    switch (input_translate(&a->input, e, &ev)) {
    case INPUT_UI:
        /* When it happened: SDL's timestamp (ms since SDL started) on the
         * kiosk's clock, so events that waited for a busy frame keep their
         * spacing (a scanner is told from typing by it). A script's events
         * happen when it sends them. */
        if (!a->scripted) {
            int64_t ago = (int64_t)(Uint32)(SDL_GetTicks() - e->common.timestamp);
            ev.t = ago >= 0 && ago < 60000 ? now - ago : now;
        }
        kiosk_handle(a->k, &ev, now);
        break;
    case INPUT_LOST:
        display_lost(a->d);
        a->need_redraw = true;
        break;
    case INPUT_REDRAW:
        a->need_redraw = true;
        break;
    case INPUT_IGNORED:
        break;
    }
}

/* ---- the interactive loop ---- */

/* The kiosk's timers run on the monotonic clock: a wall clock stepped at
 * boot (a Pi has no battery clock) neither hurries nor holds them. */
static int run_interactive(App *a)
{
    int64_t now = time_monotonic_ms();
    app_render(a, now, true);
    while (!kiosk_should_quit(a->k) && !app_stop_asked()) {
        now = time_monotonic_ms();
        service_notify_alive(&a->notify, now);
        kiosk_tick(a->k, now);
        if (kiosk_dirty(a->k) || a->need_redraw)
            app_render(a, now, true);
        int64_t wake = kiosk_next_wake(a->k, now);
        int timeout = -1; /* nothing due: sleep until input */
        if (wake != INT64_MAX)
            timeout = wake <= now ? 0 : wake - now > 600000 ? 600000 : (int)(wake - now);
        /* Under systemd's watchdog an idle kiosk still wakes to say it is alive. */
        timeout = service_notify_wait_ms(&a->notify, timeout);
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout)) {
            now = time_monotonic_ms();
            app_handle(a, &e, now);
            while (SDL_PollEvent(&e))
                app_handle(a, &e, now);
        }
    }
    return 0;
}

/* ---- setup ---- */

static void app_options(App *a, const AppOptions *o)
{
    a->started_ms = o->started_ms;
    const char *timing = getenv("LANYARD_TIMING");
    a->timing = timing && *timing && strcmp(timing, "0");
    /* A benchmark that starts the process passes its own start time, so the
     * first-frame figure includes exec and loading. */
    const char *t0 = getenv("LANYARD_TIMING_T0");
    if (t0 && *t0) {
        a->timing = true;
        a->started_ms = (int64_t)strtod(t0, NULL);
    }
    const char *trace = getenv("LANYARD_TRACE_VIEW");
    a->trace_path = trace && *trace ? trace : NULL;
    a->scripted = o->script != NULL;
    const char *touch = getenv("LANYARD_SCRIPT_TOUCH");
    a->script_touch = touch && *touch && strcmp(touch, "0");
    a->script_now = time_now_ms();
    service_notify_init(&a->notify);
}

/* The visit and the kiosk over it. 0, or -1 (said on stderr). */
static int start_kiosk(App *a, const AppOptions *o)
{
    VisitEnv venv;
    memset(&venv, 0, sizeof venv);
    venv.store = a->store;
    venv.cfg = a->cfg;
    venv.demo = o->windowed;
    app_ports_start(a, &venv);
    char err[512];
    a->visit = visit_create(&venv, err, sizeof err);
    if (!a->visit) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return -1;
    }
    KioskEnv env;
    memset(&env, 0, sizeof env);
    env.visit = a->visit;
    env.cfg = a->cfg;
    env.measure = display_measure(a->d);
    env.windowed = o->windowed;
    env.px_per_mm = display_px_per_mm(a->d);
    env.logo_image = -1;
    app_speech_start(a, &env.speech);
    if (a->cfg->logo[0]) {
        char path[CONFIG_STR * 2];
        config_path(a->cfg, a->cfg->logo, path, sizeof path);
        /* The image loader would wait forever on a FIFO named by mistake. */
        if (file_check_regular(path) != 0)
            fprintf(stderr, "lanyard: logo %s not shown: %s\n", path, file_strerror(errno));
        else
            env.logo_image = display_load_image(a->d, path, &env.logo_w, &env.logo_h);
    }
    a->k = kiosk_create(&env, a->scripted ? a->script_now : time_monotonic_ms(), err, sizeof err);
    if (!a->k) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return -1;
    }
    return 0;
}

/* A kiosk runs for days and makes and drops pixel buffers all day (text,
 * badges, QR codes). glibc's default raises its mmap threshold to the size of
 * the largest block freed, after which such buffers come from the heap, which
 * then keeps every hole they leave; and each worker thread gets its own heap.
 * A fixed threshold returns big buffers to the system when freed, and two
 * heaps serve the few threads. */
static void tune_allocator(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    mallopt(M_ARENA_MAX, 2);
#endif
}

int app_run(const AppOptions *o, Store *store, const EventConfig *cfg)
{
    tune_allocator();
    if (!o->script)
        app_stop_install();
    App a;
    memset(&a, 0, sizeof a);
    a.store = store;
    a.cfg = cfg;
    app_options(&a, o);
    DisplayOptions dopt = {o->windowed,  o->width,    o->height,     cfg->name,
                           o->asset_dir, cfg->rotate, cfg->renderer, cfg->screen_inches};
    a.d = display_open(&dopt);
    if (!a.d)
        return 1;
    app_stop_sdl(true);
    int status = 1;
    if (start_kiosk(&a, o) != 0)
        goto out;
    SDL_StartTextInput();
    if (o->script) {
        status = app_script_run(&a, o->script, o->screenshot);
    } else {
        status = run_interactive(&a);
        if (o->screenshot && app_screenshot(&a, o->screenshot, time_monotonic_ms()) != 0)
            status = 1;
    }
    if (status == 0 && kiosk_should_restart(a.k) && !app_stop_asked())
        status = APP_RESTART; /* not when asked to stop meanwhile */
out:
    service_notify_stopping(&a.notify);
    app_workers_stop(&a);
    kiosk_destroy(a.k);
    app_speech_stop(&a);
    visit_destroy(a.visit);
    app_stop_sdl(false);
    display_close(a.d);
    free(a.lat.v);
    free(a.frames.v);
    return status;
}
