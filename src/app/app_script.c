/* app_script.c — `lanyard run --script FILE` (SPEC §8): each action becomes
 * SDL events pushed through SDL's queue and handled as a frame would handle
 * them, with simulated time, so a run is the same on any machine and needs
 * no display (SDL_VIDEODRIVER=dummy). */
#include <stdio.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/script.h"
#include "platform/sdl_input.h"
#include "visit/visit_job.h"
#include "visit/visit_staff.h"

typedef struct Run {
    App *a;
    const char *path;
    int status;
    bool stop;
    bool waited; /* a wait line since the last tap */
} Run;

static void dispatch(Run *r)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        app_handle(r->a, &e, r->a->script_now);
}

static void settle(Run *r)
{
    App *a = r->a;
    kiosk_tick(a->k, a->script_now);
    if (kiosk_dirty(a->k) || a->need_redraw)
        app_render(a, a->script_now, true);
}

/* Lets ms of kiosk time pass, running every timer and animation frame due. */
static void advance(Run *r, int64_t ms)
{
    App *a = r->a;
    int64_t end = a->script_now + ms;
    for (;;) {
        int64_t next = kiosk_next_wake(a->k, a->script_now);
        if (next > end)
            break;
        a->script_now = next > a->script_now ? next : a->script_now + 1;
        settle(r);
    }
    a->script_now = end;
    settle(r);
}

/* Pushes one event through SDL's queue and handles it as a frame would, then
 * renders and presents the result. */
static void inject(Run *r, SDL_Event e)
{
    double t0 = app_monotonic_ms();
    e.common.timestamp = SDL_GetTicks();
    if (SDL_PushEvent(&e) < 0) {
        fprintf(stderr, "lanyard: cannot queue a scripted event: %s\n", SDL_GetError());
        return;
    }
    dispatch(r);
    settle(r);
    if (r->a->timing)
        samples_add(&r->a->lat, app_monotonic_ms() - t0);
}

/* A pointer event at window pixel x, y: a mouse's, or a finger's with
 * LANYARD_SCRIPT_TOUCH. */
static void mouse(Run *r, Uint32 type, int x, int y)
{
    App *a = r->a;
    Uint32 win = display_window_id(a->d);
    if (!a->script_touch) {
        inject(r, input_mouse(type, x, y, win));
        return;
    }
    Uint32 ftype = type == SDL_MOUSEBUTTONDOWN ? SDL_FINGERDOWN
                   : type == SDL_MOUSEBUTTONUP ? SDL_FINGERUP
                                               : SDL_FINGERMOTION;
    InputSpace sp = a->input;
    display_pointer_space(a->d, &sp.rotate, &sp.w, &sp.h);
    inject(r, input_finger(ftype, x, y, &sp, win));
}

/* A tap at window x,y. After another with no wait line between them it is a
 * person's next tap, never the second half of a double tap: the time a hand
 * takes passes first. A script asks for a double tap with a wait between two
 * taps. */
static void tap(Run *r, int x, int y)
{
    App *a = r->a;
    if (!r->waited) {
        InputSpace sp = a->input;
        display_pointer_space(a->d, &sp.rotate, &sp.w, &sp.h);
        int vx, vy;
        input_to_view(&sp, x, y, &vx, &vy);
        int64_t until = kiosk_double_tap_until(a->k, vx, vy, a->script_now);
        if (until)
            advance(r, until - a->script_now);
    }
    mouse(r, SDL_MOUSEBUTTONDOWN, x, y);
    advance(r, 60);
    mouse(r, SDL_MOUSEBUTTONUP, x, y);
    r->waited = false;
}

/* Types text one character at a time, gap_ms apart. */
static void type_text(Run *r, const char *s, int gap_ms)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        inject(r, input_text(s + i, j - i, display_window_id(r->a->d)));
        advance(r, gap_ms);
        i = j;
    }
}

static bool key(Run *r, const char *spec)
{
    SDL_Event down, up;
    if (!input_key(spec, display_window_id(r->a->d), &down, &up))
        return false;
    inject(r, down);
    /* As a keyboard does: with text input on, SDL follows the space bar's
     * key with the text " " (which ticks a focused box). Modified keys (a
     * shortcut) type nothing. */
    if (down.key.keysym.sym == SDLK_SPACE && !(down.key.keysym.mod & (KMOD_CTRL | KMOD_ALT)))
        inject(r, input_text(" ", 1, display_window_id(r->a->d)));
    inject(r, up);
    return true;
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
    double until = app_monotonic_ms() + 20000;
    while (app_badges_waiting(a) && app_monotonic_ms() < until) {
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, 10))
            app_handle(a, &e, a->script_now);
    }
    dispatch(r);
}

/* So does staff's work on the USB stick (visit/visit_job.h), and a screen
 * may start the next step of it when it takes the last one's answer (at a
 * frame). Bounded, as a stick may hang. */
static void wait_stick(Run *r, const ScriptAction *act)
{
    App *a = r->a;
    for (int i = 0; i < 4 && visit_job_kind(a->visit) != VISIT_JOB_NONE; i++) {
        if (!visit_job_wait(a->visit, 20000)) {
            fprintf(stderr, "%s:%zu: the USB stick did not answer in 20 s\n", r->path, act->line);
            return;
        }
        settle(r);
    }
}

/* A field is pressed on its label (its top edge), which focuses it with the
 * caret at the end, as SPEC §8 says; other widgets centrally. The point is in
 * the view; the tap is where the window shows it ([kiosk] rotate). */
static void press(Run *r, const ScriptAction *act)
{
    const UiWidget *w = ui_view_find_label(kiosk_view(r->a->k), act->arg);
    if (!w) {
        fail(r, act, "failed: no visible widget labelled '%s'", act->arg);
        return;
    }
    int vx = w->clip.x + w->clip.w / 2,
        vy = w->kind == UI_W_FIELD ? w->clip.y + 2 : w->clip.y + w->clip.h / 2, x, y;
    InputSpace sp = r->a->input;
    display_pointer_space(r->a->d, &sp.rotate, &sp.w, &sp.h);
    input_to_window(&sp, vx, vy, &x, &y);
    tap(r, x, y);
}

static void drag(Run *r, const int *n)
{
    enum { STEPS = 12 };
    mouse(r, SDL_MOUSEBUTTONDOWN, n[0], n[1]);
    for (int i = 1; i <= STEPS; i++) {
        advance(r, 16);
        mouse(r, SDL_MOUSEMOTION, n[0] + (n[2] - n[0]) * i / STEPS,
              n[1] + (n[3] - n[1]) * i / STEPS);
    }
    mouse(r, SDL_MOUSEBUTTONUP, n[2], n[3]);
}

static void expect(Run *r, const ScriptAction *act, bool visible)
{
    if (ui_view_contains_text(kiosk_view(r->a->k), act->arg) == visible)
        return;
    fail(r, act, visible ? "failed: no visible text contains '%s'" : "failed: '%s' is visible",
         act->arg);
}

static void run_action(Run *r, const ScriptAction *act)
{
    App *a = r->a;
    wait_badges(r);
    visit_pin_wait(a->visit); /* a PIN's check, like a badge, takes real time */
    settle(r);                /* the view input is matched against is the one on screen */
    switch (act->op) {
    case SCRIPT_PRESS:
        press(r, act);
        break;
    case SCRIPT_TAP:
        tap(r, act->n[0], act->n[1]);
        break;
    case SCRIPT_DRAG:
        drag(r, act->n);
        break;
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
        if (!key(r, act->arg))
            fail(r, act, "failed: unknown key '%s'", act->arg);
        break;
    case SCRIPT_SCAN:
        type_text(r, act->arg, 8);
        if (!key(r, "Return"))
            fail(r, act, "failed: %s", "no Return key");
        break;
    case SCRIPT_QUIT: {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_QUIT;
        inject(r, e);
        break;
    }
    case SCRIPT_WAIT:
        advance(r, act->n[0]);
        r->waited = true;
        break;
    case SCRIPT_EXPECT:
    case SCRIPT_EXPECT_NOT:
        expect(r, act, act->op == SCRIPT_EXPECT);
        break;
    case SCRIPT_SCREENSHOT:
        if (app_screenshot(a, act->arg, a->script_now) != 0) {
            r->status = 1;
            r->stop = true;
        }
        break;
    }
    /* A printer look or add runs in real time: a script sees it finished, so
     * its runs are the same each time. */
    if (a->admin)
        cups_admin_wait(a->admin, 30000);
    wait_stick(r, act);
    if (kiosk_should_quit(a->k))
        r->stop = true; /* e.g. staff pressed Exit kiosk: the run ends, status 0 */
    if (!r->stop)
        advance(r, 16); /* one frame between actions */
}

int app_script_run(App *a, const char *path, const char *screenshot)
{
    Script s;
    char err[512];
    if (script_load(path, &s, err, sizeof err) != 0) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return 1;
    }
    Run r = {a, path, 0, false, true};
    app_render(a, a->script_now, true);
    for (size_t i = 0; i < s.count && !r.stop; i++) {
        /* The watchdog runs on real time, whatever the script's clock says. */
        service_notify_alive(&a->notify, (int64_t)app_monotonic_ms());
        run_action(&r, &s.items[i]);
    }
    script_free(&s);
    wait_badges(&r);
    settle(&r);
    if (screenshot && app_screenshot(a, screenshot, a->script_now) != 0)
        r.status = 1;
    if (a->timing) {
        samples_report(&a->lat, "input_to_present");
        samples_report(&a->frames, "frame");
    }
    return r.status;
}
