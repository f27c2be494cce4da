/* kiosk_keys.c — typing: the on-screen keyboard's keys, the hardware
 * keyboard (Return, Tab focus, the quit keys of a windowed kiosk; arrows,
 * Escape and the keypad are kiosk_focus.c's) and the
 * bursts of a barcode scanner, told from typing by their speed alone. */
#include "ui/kiosk_keys.h"

#include <string.h>

#include "ui/kiosk_focus.h"
#include "ui/screens/screen.h"

/* A scanner types a whole code, then Enter, faster than any person: every
 * key at most this far after the one before, by the events' own times (a
 * busy frame must not make typing look fast). */
#define SCAN_GAP_MS 30

static const UiScreen *current(const Kiosk *k)
{
    return kiosk_screen(k);
}

static void *cur_state(Kiosk *k)
{
    return kiosk_state(k, k->screen);
}

static void screen_key(Kiosk *k, UiKey key, int64_t now)
{
    if (current(k)->key)
        current(k)->key(k, cur_state(k), key, now);
    k->dirty = true;
}

/* Return: the screen's own meaning (next field, hide the keyboard), else the
 * focused widget is pressed. */
static void enter(Kiosk *k, int64_t now)
{
    const UiScreen *s = current(k);
    if (s->key && s->key(k, cur_state(k), UI_KEY_RETURN, now))
        return;
    if (k->in.focus)
        s->press(k, cur_state(k), k->in.focus, now);
}

void kiosk_keys_tap(Kiosk *k, int index, int64_t now)
{
    char text[16];
    switch (ui_keyboard_press(&k->kb, index, text, sizeof text)) {
    case UI_KB_TEXT:
        if (current(k)->text)
            current(k)->text(k, cur_state(k), text, now);
        break;
    case UI_KB_BACKSPACE:
        screen_key(k, UI_KEY_BACKSPACE, now);
        break;
    case UI_KB_ENTER:
        enter(k, now);
        break;
    case UI_KB_HIDE:
        k->kb.visible = false;
        break;
    case UI_KB_NONE:
        break;
    }
    k->dirty = true;
}

/* Tab / Shift+Tab move the focus through the focusable widgets in drawing order. */
static void tab(Kiosk *k, bool back)
{
    const UiView *v = k->view;
    int n = 0, cur = -1;
    uint32_t ids[UI_MAX_WIDGETS];
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (!(w->flags & UI_WF_FOCUSABLE))
            continue;
        if (w->id == k->in.focus)
            cur = n;
        ids[n++] = w->id;
    }
    if (!n)
        return;
    int next = cur < 0 ? (back ? n - 1 : 0) : (cur + (back ? n - 1 : 1)) % n;
    if (current(k)->focus)
        current(k)->focus(k, cur_state(k), ids[next]);
    k->in.focus = ids[next];
    k->in.show_focus = true;
    k->kb_focus = 0;
    kiosk_focus_reveal(k, ids[next]);
    k->dirty = true;
}

/* Typing goes to the screen; a burst is also kept, in case it is a scan. t is
 * when the key was typed. */
void kiosk_keys_text(Kiosk *k, const char *s, int64_t t, int64_t now)
{
    if (kiosk_focus_text(k, s, now))
        return;
    if (k->scan_len == 0 || t - k->scan_last > SCAN_GAP_MS) {
        k->scan_len = 0;
        k->scan_field = current(k)->field ? current(k)->field(k, cur_state(k)) : NULL;
        if (k->scan_field)
            k->scan_saved = *k->scan_field;
    }
    size_t n = strlen(s);
    if (k->scan_len + n < sizeof k->scan) {
        memcpy(k->scan + k->scan_len, s, n);
        k->scan_len += n;
        k->scan[k->scan_len] = '\0';
    }
    k->scan_last = t;
    if (current(k)->text)
        current(k)->text(k, cur_state(k), s, now);
    k->dirty = true;
}

/* Return ending a burst at scanner speed: a scanned code, of any length. The
 * text it typed is taken back out of the field, and the guest is checked in
 * (or told the code is not known). t is when Return was pressed. */
static bool take_scan(Kiosk *k, int64_t t, int64_t now)
{
    if (kiosk_staff_mode(k) || k->scan_len == 0 || t - k->scan_last > SCAN_GAP_MS)
        return false;
    char code[sizeof k->scan];
    memcpy(code, k->scan, sizeof code);
    UiEdit *f = current(k)->field ? current(k)->field(k, cur_state(k)) : NULL;
    if (k->scan_field && f == k->scan_field) {
        *f = k->scan_saved;
        if (current(k)->edited)
            current(k)->edited(k, cur_state(k));
    }
    k->scan_len = 0;
    if (current(k)->scanned && visit_code_is_another(k->env.visit, code))
        current(k)->scanned(k, cur_state(k));
    kiosk_checked_in(k, visit_check_in_code(k->env.visit, code), now);
    return true;
}

void kiosk_keys_key(Kiosk *k, const UiEvent *ev, int64_t t, int64_t now)
{
    bool alt = ev->mods & UI_MOD_ALT, ctrl = ev->mods & UI_MOD_CTRL;
    /* Lock-down: in kiosk mode these never quit; in a window Ctrl+Q and
     * Alt+F4 do, as in any desktop program. */
    if ((ev->key == UI_KEY_F4 && alt) || (ev->key == UI_KEY_Q && ctrl)) {
        if (k->env.windowed)
            k->quit = true;
        return;
    }
    /* Arrows, Escape (Back, never quit) and the keypad. */
    if (kiosk_focus_key(k, ev, t, now)) {
        k->dirty = true;
        return;
    }
    switch (ev->key) {
    case UI_KEY_RETURN:
        if (!take_scan(k, t, now) && !kiosk_focus_enter(k, now))
            enter(k, now);
        k->scan_len = 0;
        break;
    case UI_KEY_TAB:
        tab(k, ev->mods & UI_MOD_SHIFT);
        break;
    default:
        screen_key(k, ev->key, now);
        break;
    }
    k->dirty = true;
}
