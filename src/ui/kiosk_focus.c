/* kiosk_focus.c — moving and pressing the focus from a keyboard or keypad.
 * See kiosk_focus.h.
 *
 * The keypad moves everywhere but where digits are the task (the PIN pad):
 * a guest with only a keypad can then still reach every control, and types
 * letters and digits through the on-screen keyboard, which the arrows reach
 * like any control; a guest with a whole keyboard types digits on its top
 * row. NumLock makes no difference: its echo of a digit as text is dropped. */
#include "ui/kiosk_focus.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/kiosk_keys.h"
#include "ui/kiosk_speech.h"
#include "ui/screens/screen.h"

static const UiWidget *find_id(const UiView *v, uint32_t id)
{
    for (size_t i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].id == id && v->widgets[i].kind != UI_W_LABEL)
            return &v->widgets[i];
    return NULL;
}

void kiosk_focus_guide(Kiosk *k)
{
    uint32_t id = kiosk_screen(k)->guide_id;
    if (k->speech && id)
        k->in.focus = id;
}

const UiWidget *kiosk_focus_widget(const Kiosk *k)
{
    if (k->kb_focus && k->kb.visible)
        return find_id(k->view, KIOSK_KEY_ID(k->kb_focus - 1));
    return k->in.focus ? find_id(k->view, k->in.focus) : NULL;
}

static bool movable(const Kiosk *k, const UiWidget *w)
{
    if (w->kind == UI_W_KEY)
        return k->kb.visible;
    return (w->flags & UI_WF_FOCUSABLE) != 0;
}

/* How far w lies from r going (dx, dy): the gap along the way plus twice the
 * sideways gap; -1 when it is not that way at all. */
static long distance(UiRect r, UiRect w, int dx, int dy)
{
    long rc = dx ? r.x + r.w / 2 : r.y + r.h / 2, wc = dx ? w.x + w.w / 2 : w.y + w.h / 2;
    if ((dx + dy > 0 && wc <= rc) || (dx + dy < 0 && wc >= rc))
        return -1;
    long along = dx > 0   ? w.x - (r.x + r.w)
                 : dx < 0 ? r.x - (w.x + w.w)
                 : dy > 0 ? w.y - (r.y + r.h)
                          : r.y - (w.y + w.h);
    long a0 = dx ? r.y : r.x, a1 = dx ? r.y + r.h : r.x + r.w;
    long b0 = dx ? w.y : w.x, b1 = dx ? w.y + w.h : w.x + w.w;
    long side = b1 < a0 ? a0 - b1 : b0 > a1 ? b0 - a1 : 0;
    return (along > 0 ? along : 0) + 2 * side;
}

static bool same_rect(UiRect a, UiRect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

void kiosk_focus_reveal(Kiosk *k, uint32_t id)
{
    const UiView *v = k->view;
    const UiScreen *s = kiosk_screen(k);
    const UiWidget *w = find_id(v, id);
    if (!w || !s->scroll || same_rect(w->clip, w->r))
        return; /* in view already */
    /* Cut by a scroll area: the last one drawn before it, across its x. */
    const UiWidget *area = NULL;
    for (const UiWidget *a = v->widgets; a < w; a++)
        if (a->kind == UI_W_SCROLL && a->r.x <= w->r.x && a->r.x + a->r.w >= w->r.x + w->r.w)
            area = a;
    UiScroll *sc = area ? s->scroll(k, kiosk_state(k, k->screen), area->id) : NULL;
    if (!sc)
        return;
    int top = area->r.y - (int)lroundf(sc->offset); /* where the content starts */
    ui_scroll_reveal(sc, w->r.y - top, w->r.h);
    k->dirty = true;
}

/* Gives the focus to widget w (a control, or an on-screen key). */
static void focus_on(Kiosk *k, const UiWidget *w)
{
    k->in.show_focus = true;
    k->dirty = true;
    const UiScreen *s = kiosk_screen(k);
    if (w->kind == UI_W_KEY) {
        /* Keys type into the field last focused: it takes the focus back
         * from a button or row the arrows passed through. */
        const UiWidget *cur = k->in.focus ? find_id(k->view, k->in.focus) : NULL;
        if ((!cur || cur->kind != UI_W_FIELD) && k->kb_field && find_id(k->view, k->kb_field)) {
            int key = k->kb_focus;
            if (s->focus)
                s->focus(k, kiosk_state(k, k->screen), k->kb_field);
            k->in.focus = k->kb_field;
            k->kb_focus = key;
        }
        k->kb_focus = (int)(w->id - KIOSK_KEY_BASE) + 1;
        return;
    }
    k->kb_focus = 0;
    if (w->kind == UI_W_FIELD)
        k->kb_field = w->id;
    if (s->focus)
        s->focus(k, kiosk_state(k, k->screen), w->id);
    k->in.focus = w->id;
    kiosk_focus_reveal(k, w->id);
}

static void move(Kiosk *k, int dx, int dy)
{
    const UiView *v = k->view;
    const UiWidget *cur = kiosk_focus_widget(k), *best = NULL;
    long best_d = -1;
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w == cur || !movable(k, w))
            continue;
        if (!cur) { /* nothing focused yet: the first control */
            best = w;
            break;
        }
        long d = distance(cur->r, w->r, dx, dy);
        if (d >= 0 && (best_d < 0 || d < best_d)) {
            best = w;
            best_d = d;
        }
    }
    if (best)
        focus_on(k, best);
    else if (cur)
        k->in.show_focus = true; /* at the edge: the ring shows where */
}

/* Presses what holds the focus. */
static bool activate(Kiosk *k, int64_t now)
{
    k->dirty = true;
    if (k->kb_focus && k->kb.visible) {
        kiosk_keys_tap(k, k->kb_focus - 1, now);
        return true;
    }
    if (!k->in.focus || !find_id(k->view, k->in.focus))
        return false;
    kiosk_screen(k)->press(k, kiosk_state(k, k->screen), k->in.focus, now);
    return true;
}

/* Escape: the screen's Back, when it is on screen. */
static void back(Kiosk *k, int64_t now)
{
    if (kiosk_screen(k)->back && kiosk_screen(k)->back(k, kiosk_state(k, k->screen), now)) {
        k->dirty = true;
        return;
    }
    uint32_t id = kiosk_screen(k)->back_id;
    const UiWidget *w = id ? find_id(k->view, id) : NULL;
    if (w && w->clip.w > 0) {
        k->dirty = true;
        kiosk_screen(k)->press(k, kiosk_state(k, k->screen), id, now);
    }
}

static void keypad(Kiosk *k, int digit, int64_t t, int64_t now)
{
    char s[2] = {(char)('0' + digit), '\0'};
    if (kiosk_screen(k)->keypad_types) {
        kiosk_keys_text(k, s, t, now);
    } else if (digit == 8 || digit == 2) {
        move(k, 0, digit == 2 ? 1 : -1);
    } else if (digit == 4 || digit == 6) {
        move(k, digit == 6 ? 1 : -1, 0);
    } else if (digit == 5) {
        if (!activate(k, now))
            move(k, 0, 1);
    } else if (digit == 0) {
        back(k, now);
    }
    k->kp_echo = s[0]; /* NumLock on: the same digit comes again as text */
}

bool kiosk_focus_key(Kiosk *k, const UiEvent *ev, int64_t t, int64_t now)
{
    k->kp_echo = 0;
    const UiWidget *cur = kiosk_focus_widget(k);
    bool in_field = cur && cur->kind == UI_W_FIELD;
    switch (ev->key) {
    case UI_KEY_UP:
    case UI_KEY_DOWN:
        move(k, 0, ev->key == UI_KEY_DOWN ? 1 : -1);
        return true;
    case UI_KEY_LEFT:
    case UI_KEY_RIGHT:
        if (in_field)
            return false; /* the caret */
        move(k, ev->key == UI_KEY_RIGHT ? 1 : -1, 0);
        return true;
    case UI_KEY_ESCAPE:
        back(k, now);
        return true;
    case UI_KEY_F1:
    case UI_KEY_KP_MULTIPLY:
        kiosk_speech_toggle(k);
        k->kp_echo = ev->key == UI_KEY_KP_MULTIPLY ? '*' : 0;
        return true;
    case UI_KEY_KP_PLUS:
    case UI_KEY_KP_MINUS:
        kiosk_speech_volume(k, ev->key == UI_KEY_KP_PLUS ? 1 : -1);
        k->kp_echo = ev->key == UI_KEY_KP_PLUS ? '+' : '-';
        return true;
    default:
        if (ev->key >= UI_KEY_KP_0 && ev->key <= UI_KEY_KP_9) {
            keypad(k, (int)(ev->key - UI_KEY_KP_0), t, now);
            return true;
        }
        return false;
    }
}

bool kiosk_focus_text(Kiosk *k, const char *utf8, int64_t now)
{
    char echo = k->kp_echo;
    k->kp_echo = 0;
    if (echo && utf8[0] == echo && utf8[1] == '\0')
        return true;
    if (strcmp(utf8, " ") != 0)
        return false;
    const UiWidget *cur = kiosk_focus_widget(k);
    if (!cur || cur->kind == UI_W_FIELD)
        return false; /* a space in a name */
    return activate(k, now);
}

bool kiosk_focus_enter(Kiosk *k, int64_t now)
{
    if (!k->kb_focus || !k->kb.visible)
        return false;
    return activate(k, now);
}

void kiosk_focus_draw(Kiosk *k)
{
    const UiWidget *f = k->in.focus ? find_id(k->view, k->in.focus) : NULL;
    if (f && f->kind == UI_W_FIELD)
        k->kb_field = f->id;
    if (!k->kb_focus || !k->kb.visible || !k->in.show_focus)
        return;
    const UiWidget *w = find_id(k->view, KIOSK_KEY_ID(k->kb_focus - 1));
    if (w)
        ui_focus_ring(k->view, &k->theme, w->r);
}
