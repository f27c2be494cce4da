/* sdl_app.c — window, input, rendering, event loop and the script runner.
 * See sdl_app.h. Sections: rendering a view, badges, input translation,
 * the interactive loop, the scripted loop, setup. */
#include "platform/sdl_app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "badge/badge_queue.h"
#include "badge/badge_sample.h"
#include "core/timefmt.h"
#include "platform/font.h"
#include "platform/sdl_shapes.h"
#include "platform/sync_worker.h"
#include "platform/texture_cache.h"
#include "platform/x11_errors.h"
#include "ui/kiosk.h"
#include "ui/ui_script.h"

enum { LOGO_IMAGE = 1 };

/* Timing samples for the benchmark figures (LANYARD_TIMING). */
typedef struct Samples {
    double *v;
    size_t n, cap;
} Samples;

static void samples_add(Samples *s, double x)
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
static void samples_report(Samples *s, const char *name)
{
    if (!s->n)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_double);
    size_t p99 = (s->n * 99 + 99) / 100 - 1;
    fprintf(stderr, "lanyard: timing: %s_p50_ms=%.2f p99_ms=%.2f n=%zu\n", name, s->v[s->n / 2],
            s->v[p99 < s->n ? p99 : s->n - 1], s->n);
}

typedef struct App {
    SDL_Window *win;
    SDL_Renderer *ren;
    FontSet *fs;
    TextureCache *tc;
    ShapeCache *shapes;
    SDL_Texture *logo;
    Kiosk *k;
    BadgeQueue *queue;      /* badge printing in the background; NULL: none */
    const EventConfig *cfg; /* for staff's test badge */
    const char *db_path;
    Uint32 badge_event; /* SDL user event: a badge job changed state */

    /* The sync folder copy (sync_worker.h); sync NULL: no sync folder. */
    SyncWorker *sync;
    Uint32 sync_event;       /* SDL user event: a sync copy was tried */
    char sync_folder[1024];  /* as staff read it */
    char sync_reported[600]; /* the sync error last written to stderr */

    bool windowed;
    bool need_redraw; /* the window was exposed or resized */
    bool overflow_reported;
    bool timing;
    int64_t started_ms;
    bool first_frame_done;
    const char *trace_path; /* LANYARD_TRACE_VIEW: widgets of each frame, for X tests */
    Samples lat;            /* LANYARD_TIMING: input to presented frame, ms (scripted runs) */
    Samples frames;         /* LANYARD_TIMING: layout + draw + present of each frame, ms */
} App;

static double monotonic_ms_f(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- rendering a view ---- */

static SDL_Color sdl_colour(UiColor c)
{
    SDL_Color s = {c.r, c.g, c.b, c.a};
    return s;
}

static SDL_Rect sdl_rect(UiRect r)
{
    SDL_Rect s = {r.x, r.y, r.w, r.h};
    return s;
}

static void draw_view(App *a, const UiView *v)
{
    SDL_Renderer *r = a->ren;
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        switch (c->type) {
        case UI_CMD_RECT:
            shape_fill(a->shapes, sdl_rect(c->r), c->radius, sdl_colour(c->c));
            break;
        case UI_CMD_FRAME:
            shape_frame(a->shapes, sdl_rect(c->r), c->radius, c->thick, sdl_colour(c->c));
            break;
        case UI_CMD_LINE:
            shape_line(a->shapes, c->r.x, c->r.y, c->r.x + c->r.w, c->r.y + c->r.h, c->thick,
                       sdl_colour(c->c));
            break;
        case UI_CMD_TEXT: {
            int tw, th;
            SDL_Texture *t = texture_cache_text(a->tc, ui_view_text(v, c->text), c->px,
                                                c->weight == UI_BOLD ? FONT_BOLD : FONT_REGULAR,
                                                sdl_colour(c->c), &tw, &th);
            if (t) {
                SDL_Rect d = {c->r.x, c->r.y, tw, th};
                SDL_RenderCopy(r, t, NULL, &d);
            }
            break;
        }
        case UI_CMD_IMAGE:
            if (c->image == LOGO_IMAGE && a->logo) {
                SDL_Rect d = {c->r.x, c->r.y, c->r.w, c->r.h};
                SDL_RenderCopy(r, a->logo, NULL, &d);
            }
            break;
        case UI_CMD_CLIP: {
            SDL_Rect cl = {c->r.x, c->r.y, c->r.w, c->r.h};
            SDL_RenderSetClipRect(r, c->r.w ? &cl : NULL);
            break;
        }
        }
    }
    SDL_RenderSetClipRect(r, NULL);
}

static int measure_cb(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height)
{
    App *a = ud;
    return texture_cache_measure(a->tc, utf8, px, w == UI_BOLD ? FONT_BOLD : FONT_REGULAR, width,
                                 height);
}

/* Writes the tappable widgets of the view, so an X input test knows where to click. */
static void trace_view(App *a, const UiView *v)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", a->trace_path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    fprintf(f, "screen %s\n", kiosk_screen_name(a->k));
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
static void render(App *a, int64_t now, bool present)
{
    double t0 = monotonic_ms_f();
    int w, h;
    if (SDL_GetRendererOutputSize(a->ren, &w, &h) != 0) {
        SDL_GetWindowSize(a->win, &w, &h);
    }
    const UiView *v = kiosk_layout(a->k, w, h, now);
    if (v->overflow && !a->overflow_reported) {
        fprintf(stderr, "lanyard: the screen has more items than the view holds\n");
        a->overflow_reported = true;
    }
    draw_view(a, v);
    a->need_redraw = false;
    if (present) {
        SDL_RenderPresent(a->ren);
        if (a->timing)
            samples_add(&a->frames, monotonic_ms_f() - t0);
        if (!a->first_frame_done) {
            a->first_frame_done = true;
            if (a->timing)
                fprintf(stderr, "lanyard: timing: first_frame_ms=%lld\n",
                        (long long)(time_monotonic_ms() - a->started_ms));
        }
    }
    if (a->trace_path)
        trace_view(a, v);
}

static int save_screenshot(App *a, const char *path, int64_t now)
{
    render(a, now, false);
    int w, h;
    if (SDL_GetRendererOutputSize(a->ren, &w, &h) != 0)
        SDL_GetWindowSize(a->win, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    int rc = -1;
    if (s && SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
        IMG_SavePNG(s, path) == 0)
        rc = 0;
    if (rc != 0)
        fprintf(stderr, "lanyard: cannot write screenshot %s: %s\n", path, SDL_GetError());
    SDL_FreeSurface(s);
    SDL_RenderPresent(a->ren);
    return rc;
}

/* ---- badges ---- */

/* What the print worker tells the screen thread, through SDL's event queue. */
typedef struct BadgeNote {
    char guest_id[ID_LEN + 1];
    PrintJobState state;
} BadgeNote;

/* Runs on the print worker: never touches the kiosk, only posts an event
 * (badge_event is set before the worker starts and never changes). */
static void badge_notify(void *ud, const PrintJob *job)
{
    const App *a = ud;
    BadgeNote *n = malloc(sizeof *n);
    if (!n)
        return;
    memcpy(n->guest_id, job->guest_id, sizeof n->guest_id);
    n->state = job->state;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = a->badge_event;
    e.user.data1 = n;
    if (SDL_PushEvent(&e) != 1)
        free(n);
}

static void print_badge(void *ud, const char *guest_id)
{
    App *a = ud;
    if (badge_queue_enqueue(a->queue, guest_id) != 0)
        fprintf(stderr, "lanyard: out of memory queueing a badge\n");
}

/* Staff's Reprint badge: always a new job. */
static int reprint_badge(void *ud, const char *guest_id)
{
    App *a = ud;
    return badge_queue_reprint(a->queue, guest_id);
}

/* Staff's Print test badge: rendered here, on the thread that owns a.fs (a
 * few tens of milliseconds), then written or handed to CUPS. */
static int print_test_badge(void *ud, int64_t now, StaffTestBadge *out)
{
    App *a = ud;
    BadgeSampleResult r;
    memset(out, 0, sizeof *out);
    if (badge_sample_print(a->fs, a->cfg, a->db_path, now, &r, out->error, sizeof out->error) !=
        0) {
        fprintf(stderr, "lanyard: test badge: %s\n", out->error);
        return -1;
    }
    snprintf(out->printer, sizeof out->printer, "%s", r.printer);
    out->job = r.job;
    snprintf(out->path, sizeof out->path, "%s", r.path);
    return 0;
}

/* For the staff screen. */
static void printer_status(void *ud, StaffPrinter *out)
{
    App *a = ud;
    BadgeQueueStatus st;
    badge_queue_status(a->queue, &st);
    memset(out, 0, sizeof *out);
    snprintf(out->printer, sizeof out->printer, "%s", st.printer);
    out->ok = st.ok;
    snprintf(out->message, sizeof out->message, "%s", st.message);
    out->waiting = st.waiting;
    out->failed = st.failed;
}

static void badge_note(App *a, BadgeNote *n)
{
    KioskBadge b = KIOSK_BADGE_PRINTING;
    if (n->state == PRINT_DONE) {
        b = KIOSK_BADGE_PRINTED;
        sync_worker_changed(a->sync); /* the check-in now says printed */
    } else if (n->state == PRINT_FAILED) {
        b = KIOSK_BADGE_FAILED;
    }
    kiosk_badge_update(a->k, n->guest_id, b);
    free(n);
}

/* ---- the sync folder ---- */

static int64_t wall_clock(void *ud)
{
    (void)ud;
    return time_now_ms();
}

/* Runs on the sync worker: only posts a copy of the status (sync_event is set
 * before the worker starts and never changes). */
static void sync_notify(void *ud, const SyncStatus *st)
{
    const App *a = ud;
    SyncStatus *n = malloc(sizeof *n);
    if (!n)
        return;
    *n = *st;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = a->sync_event;
    e.user.data1 = n;
    if (SDL_PushEvent(&e) != 1)
        free(n);
}

/* On the screen thread: a failure goes to stderr once, until a copy works again. */
static void sync_note(App *a, SyncStatus *st)
{
    if (st->ok) {
        if (a->sync_reported[0])
            fprintf(stderr, "lanyard: sync copy written again to %s\n", st->dest);
        a->sync_reported[0] = '\0';
    } else if (strcmp(a->sync_reported, st->error)) {
        fprintf(stderr, "lanyard: sync copy not written: %s\n", st->error);
        snprintf(a->sync_reported, sizeof a->sync_reported, "%s", st->error);
    }
    free(st);
}

static void sync_changed(void *ud)
{
    App *a = ud;
    sync_worker_changed(a->sync);
}

/* For the staff screen. */
static void sync_status(void *ud, StaffSync *out)
{
    App *a = ud;
    SyncStatus st;
    sync_worker_status(a->sync, &st);
    memset(out, 0, sizeof *out);
    snprintf(out->folder, sizeof out->folder, "%s", a->sync_folder);
    out->ok = st.ok;
    out->last_ok = st.last_ok;
    snprintf(out->message, sizeof out->message, "%s", st.error);
}

/* Starts the sync worker when event.ini names a folder (relative: to the
 * event folder); a copy of what the kiosk starts with follows in a few seconds. */
static void sync_start(App *a, Store *store, const EventConfig *cfg)
{
    if (!cfg->sync_folder[0])
        return;
    config_path(cfg, cfg->sync_folder, a->sync_folder, sizeof a->sync_folder);
    a->sync_event = SDL_RegisterEvents(1);
    if (a->sync_event == (Uint32)-1) {
        a->sync_event = 0;
        fprintf(stderr, "lanyard run: no sync copy: no SDL event left\n");
        return;
    }
    char err[512];
    a->sync = sync_worker_create(store_path(store), a->sync_folder, cfg->kiosk_id, NULL, wall_clock,
                                 NULL, sync_notify, a, err, sizeof err);
    if (!a->sync) {
        fprintf(stderr, "lanyard run: no sync copy: %s\n", err);
        return;
    }
    StaffSyncHooks h = {sync_changed, sync_status, a};
    kiosk_set_sync(a->k, &h);
}

/* ---- input translation ---- */

static UiKey map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return UI_KEY_RETURN;
    case SDLK_BACKSPACE:
        return UI_KEY_BACKSPACE;
    case SDLK_DELETE:
        return UI_KEY_DELETE;
    case SDLK_TAB:
        return UI_KEY_TAB;
    case SDLK_ESCAPE:
        return UI_KEY_ESCAPE;
    case SDLK_LEFT:
        return UI_KEY_LEFT;
    case SDLK_RIGHT:
        return UI_KEY_RIGHT;
    case SDLK_UP:
        return UI_KEY_UP;
    case SDLK_DOWN:
        return UI_KEY_DOWN;
    case SDLK_HOME:
        return UI_KEY_HOME;
    case SDLK_END:
        return UI_KEY_END;
    case SDLK_F4:
        return UI_KEY_F4;
    case SDLK_q:
        return UI_KEY_Q;
    default:
        return UI_KEY_OTHER;
    }
}

static unsigned map_mods(Uint16 m)
{
    unsigned out = 0;
    if (m & KMOD_SHIFT)
        out |= UI_MOD_SHIFT;
    if (m & KMOD_CTRL)
        out |= UI_MOD_CTRL;
    if (m & KMOD_ALT)
        out |= UI_MOD_ALT;
    if (m & KMOD_GUI)
        out |= UI_MOD_GUI;
    return out;
}

static void handle_sdl(App *a, const SDL_Event *e, int64_t now)
{
    UiEvent ev;
    memset(&ev, 0, sizeof ev);
    if (a->badge_event && e->type == a->badge_event) {
        badge_note(a, e->user.data1);
        return;
    }
    if (a->sync_event && e->type == a->sync_event) {
        sync_note(a, e->user.data1);
        return;
    }
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.button != SDL_BUTTON_LEFT)
            return;
        ev.type = e->type == SDL_MOUSEBUTTONDOWN ? UI_EV_DOWN : UI_EV_UP;
        ev.x = e->button.x;
        ev.y = e->button.y;
        break;
    case SDL_MOUSEMOTION:
        if (!(e->motion.state & SDL_BUTTON_LMASK))
            return; /* hovering means nothing on a touch screen */
        ev.type = UI_EV_MOVE;
        ev.x = e->motion.x;
        ev.y = e->motion.y;
        break;
    case SDL_TEXTINPUT:
        ev.type = UI_EV_TEXT;
        snprintf(ev.text, sizeof ev.text, "%s", e->text.text);
        break;
    case SDL_KEYDOWN:
        ev.type = UI_EV_KEY;
        ev.key = map_key(e->key.keysym.sym);
        ev.mods = map_mods(e->key.keysym.mod);
        if (ev.key == UI_KEY_OTHER && !(ev.mods & (UI_MOD_CTRL | UI_MOD_ALT)))
            return; /* letters arrive as SDL_TEXTINPUT */
        break;
    case SDL_QUIT:
        ev.type = UI_EV_QUIT;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
            e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_RESTORED)
            a->need_redraw = true;
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        texture_cache_clear(a->tc);
        shape_cache_clear(a->shapes);
        a->need_redraw = true;
        return;
    default:
        return;
    }
    kiosk_handle(a->k, &ev, now);
}

/* ---- interactive loop ---- */

static int run_interactive(App *a)
{
    int64_t now = time_now_ms();
    render(a, now, true);
    while (!kiosk_should_quit(a->k)) {
        now = time_now_ms();
        kiosk_tick(a->k, now);
        if (kiosk_dirty(a->k) || a->need_redraw)
            render(a, now, true);
        int64_t wake = kiosk_next_wake(a->k, now);
        int timeout = -1; /* nothing due: sleep until input */
        if (wake != INT64_MAX)
            timeout = wake <= now ? 0 : wake - now > 600000 ? 600000 : (int)(wake - now);
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout)) {
            now = time_now_ms();
            handle_sdl(a, &e, now);
            while (SDL_PollEvent(&e))
                handle_sdl(a, &e, now);
        }
    }
    return 0;
}

/* ---- scripted loop ---- */

typedef struct Run {
    App *a;
    const char *path;
    int64_t now;
    int status;
    bool stop;
} Run;

static void dispatch(Run *r)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle_sdl(r->a, &e, r->now);
}

static void settle(Run *r)
{
    kiosk_tick(r->a->k, r->now);
    if (kiosk_dirty(r->a->k) || r->a->need_redraw)
        render(r->a, r->now, true);
}

/* Lets ms of kiosk time pass, running every timer and animation frame due. */
static void advance(Run *r, int64_t ms)
{
    int64_t end = r->now + ms;
    for (;;) {
        int64_t next = kiosk_next_wake(r->a->k, r->now);
        if (next > end)
            break;
        r->now = next > r->now ? next : r->now + 1;
        settle(r);
    }
    r->now = end;
    settle(r);
}

static void record_latency(Run *r, double started)
{
    if (r->a->timing)
        samples_add(&r->a->lat, monotonic_ms_f() - started);
}

/* Pushes one event through SDL's queue and handles it as a frame would, then
 * renders and presents the result. */
static void inject(Run *r, SDL_Event *e)
{
    double t0 = monotonic_ms_f();
    e->common.timestamp = SDL_GetTicks();
    if (SDL_PushEvent(e) < 0) {
        fprintf(stderr, "lanyard: cannot queue a scripted event: %s\n", SDL_GetError());
        return;
    }
    dispatch(r);
    settle(r);
    record_latency(r, t0);
}

static void mouse(Run *r, Uint32 type, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.windowID = SDL_GetWindowID(r->a->win);
        e.motion.state = SDL_BUTTON_LMASK;
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.windowID = SDL_GetWindowID(r->a->win);
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    inject(r, &e);
}

static void tap(Run *r, int x, int y)
{
    mouse(r, SDL_MOUSEBUTTONDOWN, x, y);
    advance(r, 60);
    mouse(r, SDL_MOUSEBUTTONUP, x, y);
}

static void text_char(Run *r, const char *s, size_t n)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(r->a->win);
    if (n >= sizeof e.text.text)
        n = sizeof e.text.text - 1;
    memcpy(e.text.text, s, n);
    inject(r, &e);
}

/* Types text one character at a time, gap_ms apart. */
static void type_text(Run *r, const char *s, int gap_ms)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        text_char(r, s + i, j - i);
        advance(r, gap_ms);
        i = j;
    }
}

static int key_event(Run *r, const char *spec)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", spec);
    Uint16 mod = 0;
    char *name = buf;
    for (char *plus; (plus = strchr(name, '+')) && plus[1];) {
        *plus = '\0';
        if (!SDL_strcasecmp(name, "shift"))
            mod |= KMOD_LSHIFT;
        else if (!SDL_strcasecmp(name, "ctrl") || !SDL_strcasecmp(name, "control"))
            mod |= KMOD_LCTRL;
        else if (!SDL_strcasecmp(name, "alt"))
            mod |= KMOD_LALT;
        else if (!SDL_strcasecmp(name, "gui") || !SDL_strcasecmp(name, "super"))
            mod |= KMOD_LGUI;
        else
            return -1;
        name = plus + 1;
    }
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN)
        return -1;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(r->a->win);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    e.key.keysym.mod = mod;
    inject(r, &e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    inject(r, &e);
    return 0;
}

static void fail(Run *r, const ScriptAction *act, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s:%zu: %s ", r->path, act->line, script_op_name(act->op));
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (screen: %s)\n", kiosk_screen_name(r->a->k));
    r->status = 1;
    r->stop = true;
}

/* Badges print on a worker thread in real time. A script waits for the jobs
 * in flight to finish before its next line, so what it sees does not depend on
 * the machine's speed. Bounded, in case a printer never answers. */
static void wait_badges(Run *r)
{
    App *a = r->a;
    if (!a->queue)
        return;
    double until = monotonic_ms_f() + 20000;
    for (;;) {
        BadgeQueueStatus st;
        badge_queue_status(a->queue, &st);
        if (st.waiting == 0 || monotonic_ms_f() > until)
            break;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, 10))
            handle_sdl(a, &e, r->now);
    }
    dispatch(r);
}

static void run_action(Run *r, const ScriptAction *act)
{
    App *a = r->a;
    wait_badges(r);
    settle(r); /* the view input is matched against is the one on screen */
    switch (act->op) {
    case SCRIPT_PRESS: {
        const UiWidget *w = ui_view_find_label(kiosk_view(a->k), act->arg);
        if (!w) {
            fail(r, act, "failed: no visible widget labelled '%s'", act->arg);
            return;
        }
        /* A field is pressed on its label (its top edge), which focuses it
         * with the caret at the end, as SPEC §8 says; other widgets centrally. */
        tap(r, w->clip.x + w->clip.w / 2,
            w->kind == UI_W_FIELD ? w->clip.y + 2 : w->clip.y + w->clip.h / 2);
        break;
    }
    case SCRIPT_TAP:
        tap(r, act->n[0], act->n[1]);
        break;
    case SCRIPT_DRAG: {
        enum { STEPS = 12 };
        mouse(r, SDL_MOUSEBUTTONDOWN, act->n[0], act->n[1]);
        for (int i = 1; i <= STEPS; i++) {
            advance(r, 16);
            mouse(r, SDL_MOUSEMOTION, act->n[0] + (act->n[2] - act->n[0]) * i / STEPS,
                  act->n[1] + (act->n[3] - act->n[1]) * i / STEPS);
        }
        mouse(r, SDL_MOUSEBUTTONUP, act->n[2], act->n[3]);
        break;
    }
    case SCRIPT_TYPE:
        /* A quick typist: slower than a scanner, so never mistaken for one. */
        type_text(r, act->arg, 80);
        break;
    case SCRIPT_HOLD:
        mouse(r, SDL_MOUSEBUTTONDOWN, act->n[0], act->n[1]);
        advance(r, act->n[2]);
        mouse(r, SDL_MOUSEBUTTONUP, act->n[0], act->n[1]);
        break;
    case SCRIPT_KEY:
        if (key_event(r, act->arg) != 0)
            fail(r, act, "failed: unknown key '%s'", act->arg);
        break;
    case SCRIPT_SCAN:
        type_text(r, act->arg, 8);
        if (key_event(r, "Return") != 0)
            fail(r, act, "failed: %s", "no Return key");
        break;
    case SCRIPT_QUIT: {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_QUIT;
        inject(r, &e);
        if (kiosk_should_quit(a->k))
            r->stop = true;
        break;
    }
    case SCRIPT_WAIT:
        advance(r, act->n[0]);
        break;
    case SCRIPT_EXPECT:
        if (!ui_view_contains_text(kiosk_view(a->k), act->arg))
            fail(r, act, "failed: no visible text contains '%s'", act->arg);
        break;
    case SCRIPT_EXPECT_NOT:
        if (ui_view_contains_text(kiosk_view(a->k), act->arg))
            fail(r, act, "failed: '%s' is visible", act->arg);
        break;
    case SCRIPT_SCREENSHOT:
        if (save_screenshot(a, act->arg, r->now) != 0) {
            r->status = 1;
            r->stop = true;
        }
        break;
    }
    if (kiosk_should_quit(a->k))
        r->stop = true; /* e.g. staff pressed Exit kiosk: the run ends, status 0 */
    if (!r->stop)
        advance(r, 16); /* one frame between actions */
}

static int run_script(App *a, const char *path, const char *screenshot)
{
    Script s;
    char err[512];
    if (script_load(path, &s, err, sizeof err) != 0) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return 1;
    }
    Run r = {a, path, time_now_ms(), 0, false};
    render(a, r.now, true);
    for (size_t i = 0; i < s.count && !r.stop; i++)
        run_action(&r, &s.items[i]);
    script_free(&s);
    wait_badges(&r);
    settle(&r);
    if (screenshot && save_screenshot(a, screenshot, r.now) != 0)
        r.status = 1;
    if (a->timing) {
        samples_report(&a->lat, "input_to_present");
        samples_report(&a->frames, "frame");
    }
    return r.status;
}

/* ---- setup ---- */

static void no_display(const char *what)
{
    fprintf(stderr,
            "lanyard run: cannot open a display (%s: %s).\n"
            "  On a Raspberry Pi console without a desktop, run with SDL_VIDEODRIVER=kmsdrm.\n"
            "  On a desktop, run it under X11 or Wayland (DISPLAY or WAYLAND_DISPLAY set).\n"
            "  For tests with no screen at all, SDL_VIDEODRIVER=dummy with --script.\n",
            what, SDL_GetError());
}

static bool dummy_driver(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && !strcmp(d, "dummy");
}

static void load_logo(App *a, const EventConfig *cfg, KioskEnv *env)
{
    env->logo_image = -1;
    if (!cfg->logo[0])
        return;
    char path[CONFIG_STR * 2];
    config_path(cfg, cfg->logo, path, sizeof path);
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "lanyard: logo %s not shown: %s\n", path, IMG_GetError());
        return;
    }
    a->logo = SDL_CreateTextureFromSurface(a->ren, s);
    if (a->logo) {
        SDL_SetTextureScaleMode(a->logo, SDL_ScaleModeLinear);
        env->logo_image = LOGO_IMAGE;
        env->logo_w = s->w;
        env->logo_h = s->h;
    } else {
        fprintf(stderr, "lanyard: logo %s not shown: %s\n", path, SDL_GetError());
    }
    SDL_FreeSurface(s);
}

int sdl_app_run(const AppOptions *o, Store *store, const EventConfig *cfg)
{
    App a;
    memset(&a, 0, sizeof a);
    a.windowed = o->windowed;
    a.started_ms = o->started_ms;
    const char *timing = getenv("LANYARD_TIMING");
    a.timing = timing && *timing && strcmp(timing, "0");
    /* A benchmark that starts the process passes its own start time, so the
     * first-frame figure includes exec and loading. */
    const char *t0 = getenv("LANYARD_TIMING_T0");
    if (t0 && *t0) {
        a.timing = true;
        a.started_ms = (int64_t)strtod(t0, NULL);
    }
    const char *trace = getenv("LANYARD_TRACE_VIEW");
    a.trace_path = trace && *trace ? trace : NULL;
    int status = 1;

    /* Ctrl+C in the terminal that started the kiosk still stops it; SDL would
     * turn it into a quit request that the locked-down kiosk ignores. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (!o->windowed)
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    x11_errors_install();
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        no_display("SDL_Init");
        return 1;
    }
    /* With no X11, Wayland or KMS display, SDL falls back to its offscreen
     * driver: a kiosk nobody can see, so say so unless it was asked for. */
    const char *driver = SDL_GetCurrentVideoDriver(), *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && !strcmp(driver, "offscreen") && !(asked && !SDL_strcasecmp(asked, "offscreen"))) {
        SDL_SetError("no X11, Wayland or KMS display was found");
        no_display("SDL_Init");
        SDL_Quit();
        return 1;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "lanyard run: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        return 1;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);

    int w = o->width, h = o->height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (o->windowed) {
        flags |= SDL_WINDOW_RESIZABLE;
        if (!w || !h) {
            w = 1280;
            h = 800;
        }
    } else if (!w || !h) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = 1280;
        h = 800;
    } else {
        /* A kiosk of a fixed size (tests, odd panels): borderless, still locked down. */
        flags |= SDL_WINDOW_BORDERLESS;
    }
    int pos = o->windowed ? SDL_WINDOWPOS_CENTERED : 0;
    a.win = SDL_CreateWindow(cfg->name[0] ? cfg->name : "Lanyard", pos, pos, w, h, flags);
    if (!a.win) {
        no_display("SDL_CreateWindow");
        goto out;
    }
    if (!o->windowed)
        SDL_SetWindowKeyboardGrab(a.win, SDL_TRUE);
    /* No vsync or GPU with the dummy driver (tests, screenshots), nor when the
     * user asked for SDL's software renderer (SDL_RENDER_DRIVER=software, e.g.
     * where OpenGL is broken). */
    const char *want = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    bool software = dummy_driver() || (want && !SDL_strcasecmp(want, "software"));
    if (software) /* SDL would otherwise show the software frame through OpenGL */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    else
        a.ren = SDL_CreateRenderer(a.win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a.ren)
        a.ren = SDL_CreateRenderer(a.win, -1, SDL_RENDERER_SOFTWARE);
    if (!a.ren) {
        no_display("SDL_CreateRenderer");
        goto out;
    }
    char err[512];
    a.fs = font_set_create(o->asset_dir, err, sizeof err);
    if (!a.fs) {
        fprintf(stderr, "lanyard run: %s\n", err);
        goto out;
    }
    /* 16 MB of text pixels is a few screens' worth at 1080p. */
    a.tc = texture_cache_create(a.ren, a.fs, 768, 16u << 20);
    a.shapes = shape_cache_create(a.ren);
    if (!a.tc || !a.shapes) {
        fprintf(stderr, "lanyard run: out of memory\n");
        goto out;
    }
    KioskEnv env;
    memset(&env, 0, sizeof env);
    env.store = store;
    env.cfg = cfg;
    env.measure.ud = &a;
    env.measure.measure = measure_cb;
    env.windowed = o->windowed;
    load_logo(&a, cfg, &env);
    a.badge_event = SDL_RegisterEvents(1);
    if (a.badge_event == (Uint32)-1) {
        a.badge_event = 0;
        fprintf(stderr, "lanyard run: badges will not print: no SDL event left\n");
    } else {
        a.queue =
            badge_queue_create(store_path(store), cfg, NULL, badge_notify, &a, err, sizeof err);
        if (!a.queue)
            fprintf(stderr, "lanyard run: badges will not print: %s\n", err);
    }
    if (a.queue) {
        env.print_badge = print_badge;
        env.printer_status = printer_status;
        env.reprint_badge = reprint_badge;
        env.print_test_badge = print_test_badge;
        a.cfg = cfg;
        a.db_path = store_path(store);
        env.print_ud = &a;
    }
    a.k = kiosk_create(&env, time_now_ms(), err, sizeof err);
    if (!a.k) {
        fprintf(stderr, "lanyard run: %s\n", err);
        goto out;
    }
    sync_start(&a, store, cfg);
    SDL_StartTextInput();
    if (o->script)
        status = run_script(&a, o->script, o->screenshot);
    else {
        status = run_interactive(&a);
        int64_t now = time_now_ms();
        if (o->screenshot && save_screenshot(&a, o->screenshot, now) != 0)
            status = 1;
    }
out:
    /* Stop the worker first (unfinished jobs stay for the next start), then
     * free what it posted and nobody read. */
    badge_queue_destroy(a.queue);
    if (a.badge_event) {
        SDL_Event e;
        while (SDL_PeepEvents(&e, 1, SDL_GETEVENT, a.badge_event, a.badge_event) == 1)
            free(e.user.data1);
    }
    /* After the print worker, so the last copy has the badges it printed. */
    sync_worker_destroy(a.sync);
    if (a.sync_event) {
        SDL_Event e;
        while (SDL_PeepEvents(&e, 1, SDL_GETEVENT, a.sync_event, a.sync_event) == 1)
            free(e.user.data1);
    }
    kiosk_destroy(a.k);
    texture_cache_destroy(a.tc);
    shape_cache_destroy(a.shapes);
    font_set_destroy(a.fs);
    if (a.logo)
        SDL_DestroyTexture(a.logo);
    if (a.ren)
        SDL_DestroyRenderer(a.ren);
    if (a.win)
        SDL_DestroyWindow(a.win);
    free(a.lat.v);
    free(a.frames.v);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return status;
}
