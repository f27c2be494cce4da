/* help.c — "Please see a staff member": shown when a check-in, a walk-in or
 * interests could not be saved (the visit layer said why on stderr). Goes
 * back to Welcome by itself. */
#include "ui/screens/screen.h"

enum { ID_OK = 1 };

#define HELP_MS 20000

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_OK)
        kiosk_reset(k, now);
}

/* An exclamation mark drawn as a bar and a dot in an amber disc. */
static void mark(Kiosk *k, UiRect d)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int dot = d.w, bw = ui_sc(t, 8);
    ui_draw_rect(v, d, t->warning, dot / 2);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 18 / 100, bw, dot * 42 / 100),
                 t->on_mark, bw / 2);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 68 / 100, bw, bw), t->on_mark,
                 bw / 2);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)now;
    const UiTheme *t = &k->theme;
    const char *big = kiosk_tr(k, S_STAFF_TITLE);
    int colw = v->w - 4 * t->pad;
    int big_px = ui_text_fit(v, big, UI_BOLD, t->px_body, t->px_huge, colw);
    int big_h = ui_text_height(v, big_px, UI_BOLD);
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int dot = ui_sc(t, 72), g = ui_sc(t, 24), bh = t->target;
    int y = (v->h - (dot + g + big_h + g + 2 * lh + g + bh)) / 2;
    mark(k, ui_rect((v->w - dot) / 2, y, dot, dot));
    y += dot + g;
    ui_text_in(v, ui_rect(2 * t->pad, y, colw, big_h), big, big_px, t->px_body, UI_BOLD, t->text,
               UI_CENTER);
    y += big_h + g;
    ui_text_wrap(v, ui_rect(2 * t->pad, y, colw, 2 * lh), kiosk_tr(k, S_STAFF_SUB), t->px_body,
                 UI_REGULAR, t->muted, 2, UI_CENTER);
    y += 2 * lh + g;
    const char *ok = kiosk_tr(k, S_OK);
    int okw = screen_button_w(k, ok, t->px_button, ui_sc(t, 200));
    ui_button(v, t, &k->in, ID_OK, ui_rect((v->w - okw) / 2, y, okw, bh), ok, UI_BTN_PRIMARY,
              t->px_button);
}

const UiScreen screen_help = {
    .name = "help",
    .press = press,
    .shown_ms = HELP_MS,
    .layout = layout,
};
