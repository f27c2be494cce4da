/* kiosk.c — the router of the kiosk's screens: which screen is shown, the
 * pointer (taps, drags and their glide, the held keyboard key), the staff
 * gesture, the idle reset and notices. Typing and scanner bursts are
 * kiosk_keys.c; the screens themselves are in src/ui/screens/ (screen.h).
 * Sections: the table of screens, create, input, timers, layout. */
#include "ui/kiosk.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/kiosk_focus.h"
#include "ui/kiosk_idle.h"
#include "ui/kiosk_keys.h"
#include "ui/kiosk_speech.h"
#include "ui/screens/screen.h"

static const UiScreen *const SCREENS[SCREEN_COUNT] = {
    [SCREEN_WELCOME] = &screen_welcome,           [SCREEN_FIND] = &screen_find,
    [SCREEN_CONFIRM] = &screen_confirm,           [SCREEN_WALKIN] = &screen_walkin,
    [SCREEN_INTERESTS] = &screen_interests,       [SCREEN_DONE] = &screen_done,
    [SCREEN_ALREADY] = &screen_already,           [SCREEN_HELP] = &screen_help,
    [SCREEN_PROGRAMS] = &screen_programs,         [SCREEN_PROGRAM] = &screen_program,
    [SCREEN_STAFF_PIN] = &screen_staff_pin,       [SCREEN_STAFF_HOME] = &screen_staff_home,
    [SCREEN_STAFF_LOOKUP] = &screen_staff_lookup, [SCREEN_STAFF_GUEST] = &screen_staff_guest,
    [SCREEN_STAFF_EDIT] = &screen_staff_edit,     [SCREEN_STAFF_SETUP] = &screen_staff_setup,
    [SCREEN_STAFF_LOAD] = &screen_staff_load,     [SCREEN_STAFF_PRINTER] = &screen_staff_printer,
    [SCREEN_WALKIN_FIX] = &screen_walkin_fix,     [SCREEN_NOT_ME] = &screen_not_me,
};

#define NOTICE_MS 6000
/* A held keyboard key (backspace) acts again after this, then at this rate. */
#define REPEAT_DELAY_MS 500
#define REPEAT_EVERY_MS 80
/* A second tap this soon after a release is a double tap (a common habit,
 * and a shaky hand's): the system default for double-clicks is as long. */
#define DOUBLE_TAP_MS 500
/* Staff mode: a finger held this long in the top-left corner. */
#define STAFF_HOLD_MS 3000
/* A gliding scroll area moves once a frame, at 60 Hz. */
#define FRAME_MS 16

static const UiScreen *current(const Kiosk *k)
{
    return SCREENS[k->screen];
}

const UiScreen *kiosk_screen(const Kiosk *k)
{
    return current(k);
}

static void *cur_state(Kiosk *k)
{
    return k->state[k->screen];
}

bool kiosk_staff_mode(const Kiosk *k)
{
    return current(k)->staff;
}

/* ---- for the screens ---- */

void *kiosk_state(Kiosk *k, ScreenId id)
{
    return k->state[id];
}

const char *kiosk_tr(const Kiosk *k, UiStr s)
{
    return ui_tr(k->lang, s);
}

void kiosk_request_quit(Kiosk *k)
{
    k->quit = true;
}

void kiosk_request_restart(Kiosk *k)
{
    k->quit = k->restart = true;
}

void kiosk_go(Kiosk *k, ScreenId s, int64_t now)
{
    k->screen = s;
    k->screen_at = now;
    k->in.pressed = 0;
    k->in.focus = 0;
    k->in.show_focus = false;
    k->kb_focus = 0;
    k->kb_field = 0;
    k->say_screen = true;
    k->pointer_down = false;
    k->dragging = false;
    k->drag = NULL;
    k->dirty = true;
    if (current(k)->enter)
        current(k)->enter(k, cur_state(k), now);
    kiosk_focus_guide(k);
}

static void reset_state(Kiosk *k, ScreenId id)
{
    if (SCREENS[id]->reset)
        SCREENS[id]->reset(k, k->state[id]);
    else if (k->state[id])
        memset(k->state[id], 0, SCREENS[id]->state_size);
}

void kiosk_forget(Kiosk *k)
{
    for (int i = 0; i < SCREEN_COUNT; i++)
        reset_state(k, (ScreenId)i);
    memset(&k->kb, 0, sizeof k->kb);
    k->scan_len = 0;
    memset(k->scan, 0, sizeof k->scan);
    k->scan_field = NULL;
    memset(&k->scan_saved, 0, sizeof k->scan_saved);
    memset(k->glide, 0, sizeof k->glide); /* every area is back at rest */
}

void kiosk_reset(Kiosk *k, int64_t now)
{
    kiosk_speech_end(k);
    visit_end(k->env.visit);
    kiosk_forget(k);
    k->lang = k->default_lang;
    k->contrast = false;
    k->notice = -1;
    k->swallow = false;
    kiosk_go(k, SCREEN_WELCOME, now);
}

void kiosk_home(Kiosk *k, int64_t now)
{
    visit_end(k->env.visit);
    kiosk_forget(k);
    kiosk_go(k, SCREEN_WELCOME, now);
}

void kiosk_notice(Kiosk *k, UiStr s, int64_t now)
{
    k->notice = (int)s;
    k->notice_until = now + NOTICE_MS;
    k->dirty = true;
    kiosk_say(k, kiosk_tr(k, s));
}

void kiosk_help(Kiosk *k, int64_t now)
{
    visit_end(k->env.visit);
    kiosk_forget(k);
    kiosk_go(k, SCREEN_HELP, now);
}

void kiosk_checked_in(Kiosk *k, VisitOutcome o, int64_t now)
{
    switch (o) {
    case VISIT_CHECKED_IN:
    case VISIT_ALREADY:
        k->notice = -1; /* an unknown code scanned just before is not theirs */
        kiosk_forget(k);
        kiosk_go(k, o == VISIT_ALREADY ? SCREEN_ALREADY : SCREEN_INTERESTS, now);
        break;
    case VISIT_UNKNOWN:
        /* "Please tap Check in" only where Check in is: a guest on their own
         * screens (Interests, a form) keeps what they were doing. */
        kiosk_notice(k, k->screen == SCREEN_WELCOME ? S_SCAN_UNKNOWN : S_SCAN_UNKNOWN_HERE, now);
        break;
    case VISIT_INVALID:
    case VISIT_MAYBE_GUEST:
        break; /* the form marks its fields, or asks "Is this you?" */
    case VISIT_FAILED:
        kiosk_help(k, now);
        break;
    }
}

/* ---- create ---- */

Kiosk *kiosk_create(const KioskEnv *env, int64_t now, char *err, size_t errlen)
{
    Kiosk *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    k->env = *env;
    k->view = calloc(1, sizeof *k->view);
    if (!k->view)
        goto oom;
    for (int i = 0; i < SCREEN_COUNT; i++) {
        assert(SCREENS[i]); /* every screen is in the table */
        k->state[i] = calloc(1, SCREENS[i]->state_size ? SCREENS[i]->state_size : 1);
        if (!k->state[i] || (SCREENS[i]->create && SCREENS[i]->create(k, k->state[i]) != 0))
            goto oom;
    }
    const EventConfig *cfg = env->cfg;
    k->default_lang = cfg->nlanguages ? ui_lang_from_code(cfg->languages[0]) : UI_LANG_EN;
    k->lang = k->default_lang;
    k->screen = SCREEN_WELCOME;
    k->screen_at = now;
    k->last_input = now;
    k->notice = -1;
    k->dirty = true;
    return k;
oom:
    snprintf(err, errlen, "out of memory");
    kiosk_destroy(k);
    return NULL;
}

void kiosk_destroy(Kiosk *k)
{
    if (!k)
        return;
    for (int i = 0; i < SCREEN_COUNT; i++) {
        if (k->state[i] && SCREENS[i]->destroy)
            SCREENS[i]->destroy(k, k->state[i]);
        free(k->state[i]);
    }
    free(k->view);
    free(k);
}

bool kiosk_dirty(const Kiosk *k)
{
    return k->dirty;
}

bool kiosk_should_quit(const Kiosk *k)
{
    return k->quit;
}

bool kiosk_should_restart(const Kiosk *k)
{
    return k->restart;
}

void kiosk_badge_update(Kiosk *k, const PrintJob *job)
{
    visit_badge_update(k->env.visit, job);
    k->dirty = true;
}

const UiView *kiosk_view(const Kiosk *k)
{
    return k->view;
}

const char *kiosk_screen_name(const Kiosk *k)
{
    return current(k)->name;
}

/* ---- input ---- */

/* The hidden gesture: a square about a touch target wide (9 mm) in the
 * top-left corner of any guest screen. */
static bool in_staff_corner(const Kiosk *k, int x, int y)
{
    return !kiosk_staff_mode(k) && x >= 0 && y >= 0 && x < k->theme.target && y < k->theme.target;
}

static void activate(Kiosk *k, uint32_t id, int64_t now)
{
    k->dirty = true;
    if (id >= KIOSK_KEY_BASE)
        kiosk_keys_tap(k, (int)(id - KIOSK_KEY_BASE), now);
    else
        current(k)->press(k, cur_state(k), id, now);
}

static UiScroll *scroll_at(Kiosk *k, int x, int y)
{
    const UiView *v = k->view;
    if (!current(k)->scroll)
        return NULL;
    for (size_t i = v->nwidgets; i-- > 0;) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_SCROLL && ui_rect_contains(w->clip, x, y))
            return current(k)->scroll(k, cur_state(k), w->id);
    }
    return NULL;
}

static void pointer_down(Kiosk *k, const UiEvent *ev, int64_t now)
{
    k->pointer_down = true;
    k->dragging = false;
    k->down_x = ev->x;
    k->down_y = ev->y;
    k->hold_at = in_staff_corner(k, ev->x, ev->y) ? now : 0;
    const UiWidget *w = ui_view_hit(k->view, ev->x, ev->y);
    k->in.pressed = w ? w->id : 0;
    k->in.show_focus = false;
    k->drag = scroll_at(k, ev->x, ev->y);
    if (k->drag)
        ui_scroll_press(k->drag, ev->y, now);
    k->repeated = false;
    uint32_t p = k->in.pressed;
    k->repeat_at = p >= KIOSK_KEY_BASE && ui_keyboard_repeats(&k->kb, (int)(p - KIOSK_KEY_BASE))
                       ? now + REPEAT_DELAY_MS
                       : 0;
}

static void pointer_move(Kiosk *k, const UiEvent *ev, int64_t now)
{
    if (k->hold_at && !in_staff_corner(k, ev->x, ev->y))
        k->hold_at = 0;
    if (!k->pointer_down || !k->drag)
        return;
    int dy = ev->y - k->down_y, slop = ui_sc(&k->theme, 12);
    if (!k->dragging && (dy > slop || dy < -slop)) {
        k->dragging = true;
        k->in.pressed = 0;
    }
    if (k->dragging) {
        ui_scroll_drag(k->drag, ev->y, now);
        k->last_input = now;
        k->dirty = true;
    }
}

/* The area let go of keeps gliding, as long as its screen is shown: in a
 * slot of its own, or one whose area has come to rest (it can only move again
 * by being dragged, which brings it back here). */
static void glide(Kiosk *k, UiScroll *sc, int64_t now)
{
    if (!ui_scroll_moving(sc))
        return;
    size_t slot = KIOSK_GLIDES;
    for (size_t i = 0; i < KIOSK_GLIDES; i++) {
        UiScroll *g = k->glide[i].sc;
        if (g == sc || (slot == KIOSK_GLIDES && (!g || !ui_scroll_moving(g))))
            slot = i;
        if (g == sc)
            break;
    }
    if (slot == KIOSK_GLIDES) {
        /* Not reached while there are fewer areas than slots: the first one
         * stops where it is. */
        slot = 0;
        ui_scroll_press(k->glide[0].sc, 0, now);
    }
    k->glide[slot].sc = sc;
    k->glide[slot].screen = k->screen;
}

static void pointer_up(Kiosk *k, const UiEvent *ev, int64_t now)
{
    k->pointer_down = false;
    k->hold_at = 0;
    if (k->dragging) {
        ui_scroll_release(k->drag, now);
        glide(k, k->drag, now);
    } else if (k->in.pressed && !k->repeated) {
        const UiWidget *w = ui_view_hit(k->view, ev->x, ev->y);
        uint32_t id = k->in.pressed;
        k->in.pressed = 0;
        k->tap_x = ev->x;
        k->tap_y = ev->y;
        if (w && w->id == id) {
            k->last_tap.at = now;
            k->last_tap.x = ev->x;
            k->last_tap.y = ev->y;
            k->last_tap.screen = k->screen;
            k->last_tap.id = id;
            k->last_tap.check = w->kind == UI_W_CHECK;
            k->last_tap.kb_visible = k->kb.visible;
            activate(k, id, now);
        }
    }
    k->repeat_at = 0;
    k->dragging = false;
    k->drag = NULL;
    k->in.pressed = 0;
}

/* A press that is the second half of a double tap: on a button that opened
 * another screen, or showed or hid the on-screen keyboard (moving what is
 * under the finger: a field's tap brings keys there, Hide a form's consent
 * box), meant for the same button, it would press whatever is there now
 * (tick a box the guest never read, type a letter, confirm a check-in); on a
 * check box, a shaky hand's second touch would untick what it just ticked.
 * Otherwise, on one screen, quick taps near each other are typing ("e" then
 * "d" on the keyboard's next row), and a letter typed twice is two letters. */
static bool double_tap_through(const Kiosk *k, int x, int y, int64_t now)
{
    if (!k->last_tap.at || now - k->last_tap.at > DOUBLE_TAP_MS)
        return false;
    bool same_screen = k->screen == k->last_tap.screen && k->kb.visible == k->last_tap.kb_visible;
    /* The same check box however far along it (a wide tile, a kinds row). */
    const UiWidget *w = same_screen && k->last_tap.check ? ui_view_hit(k->view, x, y) : NULL;
    if (w && w->id == k->last_tap.id)
        return true;
    int dx = x - k->last_tap.x, dy = y - k->last_tap.y, near = k->theme.target;
    if (dx > near || dx < -near || dy > near || dy < -near)
        return false;
    return !same_screen;
}

int64_t kiosk_double_tap_until(const Kiosk *k, int x, int y, int64_t now)
{
    return double_tap_through(k, x, y, now) ? k->last_tap.at + DOUBLE_TAP_MS + 1 : 0;
}

void kiosk_handle(Kiosk *k, const UiEvent *ev, int64_t now)
{
    int64_t t = ev->t ? ev->t : now;
    /* Any touch while the idle prompt shows keeps the guest's work, and only
     * that: it presses nothing underneath. */
    if (ev->type == UI_EV_DOWN && kiosk_idle_prompting(k, now)) {
        k->last_input = now;
        k->swallow = true;
        k->dirty = true;
        return;
    }
    if (ev->type == UI_EV_DOWN && double_tap_through(k, ev->x, ev->y, now)) {
        k->last_input = now;
        k->swallow = true;
        k->last_tap.at = now; /* a third touch as quick is the same hand's too */
        return;
    }
    if (ev->type == UI_EV_DOWN)
        k->swallow = false; /* a swallowed touch whose release never came */
    if (k->swallow && (ev->type == UI_EV_MOVE || ev->type == UI_EV_UP)) {
        k->swallow = ev->type != UI_EV_UP;
        return;
    }
    switch (ev->type) {
    case UI_EV_DOWN:
        k->last_input = now;
        pointer_down(k, ev, now);
        k->dirty = true;
        break;
    case UI_EV_MOVE:
        pointer_move(k, ev, now);
        break;
    case UI_EV_UP:
        if (!k->pointer_down)
            break;
        k->last_input = now;
        pointer_up(k, ev, now);
        k->dirty = true;
        break;
    case UI_EV_TEXT:
        k->last_input = now;
        kiosk_keys_text(k, ev->text, t, now);
        break;
    case UI_EV_KEY:
        k->last_input = now;
        kiosk_keys_key(k, ev, t, now);
        break;
    case UI_EV_QUIT:
        if (k->env.windowed)
            k->quit = true;
        break;
    }
}

/* ---- timers ---- */

/* Glide slot i's area when it moves on the screen shown, else NULL. */
static UiScroll *gliding(const Kiosk *k, size_t i)
{
    UiScroll *sc = k->glide[i].sc;
    return sc && k->glide[i].screen == k->screen && ui_scroll_moving(sc) ? sc : NULL;
}

void kiosk_tick(Kiosk *k, int64_t now)
{
    if (k->hold_at && k->pointer_down && now - k->hold_at >= STAFF_HOLD_MS) {
        /* The finger is still down: kiosk_go forgets the press, so lifting it
         * taps nothing on the PIN pad. The guest of a visit still open gets
         * their badge, as when they walk away. */
        k->hold_at = 0;
        kiosk_speech_end(k);
        visit_end(k->env.visit);
        kiosk_forget(k);
        kiosk_go(k, SCREEN_STAFF_PIN, now);
    }
    /* A held keyboard key: still pressed (not dragged off) and due. */
    while (k->repeat_at && k->pointer_down && k->in.pressed >= KIOSK_KEY_BASE &&
           now >= k->repeat_at) {
        kiosk_keys_tap(k, (int)(k->in.pressed - KIOSK_KEY_BASE), now);
        k->repeated = true;
        k->repeat_at += REPEAT_EVERY_MS;
        k->last_input = now;
    }
    for (size_t i = 0; i < KIOSK_GLIDES; i++) {
        UiScroll *sc = gliding(k, i);
        if (sc) {
            ui_scroll_tick(sc, now);
            k->dirty = true;
        }
    }
    if (current(k)->tick && current(k)->tick(k, cur_state(k), now))
        k->dirty = true;
    if (current(k)->shown_ms && now >= k->screen_at + current(k)->shown_ms)
        kiosk_reset(k, now);
    if (k->notice >= 0 && now >= k->notice_until) {
        k->notice = -1;
        k->dirty = true;
    }
    if (now >= kiosk_idle_deadline(k))
        kiosk_reset(k, now);
    else if (kiosk_idle_prompting(k, now))
        k->dirty = true; /* the countdown */
}

int64_t kiosk_next_wake(const Kiosk *k, int64_t now)
{
    int64_t t = INT64_MAX;
    const UiScreen *s = current(k);
    if (s->next_wake)
        t = s->next_wake(k, k->state[k->screen], now);
    for (size_t i = 0; i < KIOSK_GLIDES; i++)
        if (gliding(k, i) && now + FRAME_MS < t)
            t = now + FRAME_MS;
    if (s->shown_ms && k->screen_at + s->shown_ms < t)
        t = k->screen_at + s->shown_ms;
    if (k->repeat_at && k->pointer_down && k->repeat_at < t)
        t = k->repeat_at;
    if (k->hold_at && k->pointer_down && k->hold_at + STAFF_HOLD_MS < t)
        t = k->hold_at + STAFF_HOLD_MS;
    if (k->notice >= 0 && k->notice_until < t)
        t = k->notice_until;
    int64_t idle = kiosk_idle_deadline(k);
    if (idle < t)
        t = idle;
    /* The prompt, then each second of its countdown. */
    if (idle != INT64_MAX) {
        int64_t ask = idle - kiosk_idle_prompt_ms(k);
        int64_t left = (idle - now) % 1000; /* until the shown second changes */
        int64_t at = now < ask ? ask : now + (left ? left : 1000);
        if (at < t)
            t = at;
    }
    return t;
}

/* ---- layout ---- */

static void notice_toast(Kiosk *k)
{
    if (k->notice < 0)
        return;
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const char *msg = kiosk_tr(k, (UiStr)k->notice);
    int tw = ui_text_width(v, msg, t->px_body, UI_BOLD) + 2 * t->pad;
    if (tw > v->w - 2 * t->pad)
        tw = v->w - 2 * t->pad;
    /* Below the top bar, so it never hides a button there. */
    UiRect r = ui_rect((v->w - tw) / 2, t->pad + t->target + t->gap, tw, t->target);
    ui_draw_rect(v, r, t->toast, t->radius);
    ui_text_in(v, ui_rect_inset(r, ui_sc(t, 8)), msg, t->px_body, t->px_small, UI_BOLD, t->on_toast,
               UI_CENTER);
}

const UiView *kiosk_layout(Kiosk *k, int w, int h, int64_t now)
{
    const EventConfig *cfg = k->env.cfg;
    ui_theme_make_mm(&k->theme, w, h, k->env.px_per_mm,
                     ui_rgb(cfg->primary.r, cfg->primary.g, cfg->primary.b),
                     ui_rgb(cfg->accent.r, cfg->accent.g, cfg->accent.b), k->contrast);
    UiView *v = k->view;
    ui_view_begin(v, w, h, k->env.measure);
    ui_draw_rect(v, ui_rect(0, 0, w, h), k->theme.bg, 0);
    current(k)->layout(k, cur_state(k), v, now);
    kiosk_focus_draw(k);
    if (!current(k)->own_notice)
        notice_toast(k);
    bool prompt = kiosk_idle_prompting(k, now);
    if (prompt)
        kiosk_idle_prompt_draw(k, now);
    char said[320] = "";
    const char *unsaved = kiosk_idle_unsaved(k);
    if (prompt)
        snprintf(said, sizeof said, "%s%s%s", kiosk_tr(k, S_STILL_THERE), unsaved ? " " : "",
                 unsaved ? unsaved : "");
    kiosk_speech_frame(k, prompt ? said : NULL);
    k->dirty = false;
    return v;
}
