/* parts.c — pieces several screens share: button widths, the top bars, the
 * on-screen keyboard, focusing a field, the message of Done, Already checked
 * in and "Please see a staff member". See screen.h. */
#include <stdint.h>
#include <string.h>

#include "ui/screens/screen.h"

Program screen_program_view(const Kiosk *k, size_t i)
{
    Program p;
    memset(&p, 0, sizeof p);
    char **f[PROGRAM_TEXT_FIELDS];
    program_text_fields(&p, f);
    const char *lang = ui_lang_code(k->lang);
    for (int j = 0; j < PROGRAM_TEXT_FIELDS; j++)
        *f[j] = (char *)visit_program_text(k->env.visit, i, (ProgramField)j, lang);
    return p;
}

int screen_button_w(const Kiosk *k, const char *label, int px, int min_w)
{
    int w = ui_text_width(k->view, label, px, UI_BOLD) + 2 * ui_sc(&k->theme, 28);
    return w < min_w ? min_w : w;
}

/* The buttons of a bar at the top: left_id's at the left (none when 0), a
 * secondary button at least btn_min wide; right_id's at the right (none when
 * right is NULL), the primary action at least 140 design px wide, or, for
 * staff, secondary as the left one. Returns the room between them. */
static UiRect bar_buttons(Kiosk *k, uint32_t left_id, const char *left, uint32_t right_id,
                          const char *right, bool staff)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target;
    int y = t->pad;
    int l = t->pad, r = t->pad;
    if (left_id) {
        int bw = screen_button_w(k, left, t->px_button, t->btn_min);
        ui_button(v, t, &k->in, left_id, ui_rect(t->pad, y, bw, bh), left, UI_BTN_SECONDARY,
                  t->px_button);
        l += bw + t->gap;
    }
    if (right) {
        int bw = screen_button_w(k, right, t->px_button, staff ? t->btn_min : ui_sc(t, 140));
        ui_button(v, t, &k->in, right_id, ui_rect(v->w - t->pad - bw, y, bw, bh), right,
                  staff ? UI_BTN_SECONDARY : UI_BTN_PRIMARY, t->px_button);
        r += bw + t->gap;
    }
    return ui_rect(l, y, v->w - l - r, bh);
}

/* The title centred on the window, but never under the buttons either side
 * of room; on its own line below them when the window is too narrow
 * (portrait). Returns the y below the bar. */
static int bar_title(Kiosk *k, const char *title, UiRect room)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = room.h, y = room.y;
    int left = room.x, right = v->w - room.x - room.w;
    int side = left > right ? left : right;
    int tw = v->w - 2 * side;
    int tx = side;
    /* Centred on the screen when it fits between the buttons so; else in
     * the room beside them (one button on the left leaves the right free);
     * only then on a line of its own, which takes a row from the screen. */
    int need = ui_text_width(v, title, t->px_body, UI_BOLD);
    if (tw < ui_sc(t, 100) || need > tw) {
        tw = room.w;
        tx = room.x;
    }
    if (need > tw) {
        y += bh + t->gap;
        int th = ui_text_height(v, t->px_title, UI_BOLD);
        ui_text_in(v, ui_rect(t->pad, y, v->w - 2 * t->pad, th), title, t->px_title, t->px_small,
                   UI_BOLD, t->text, UI_CENTER);
        return y + th + t->gap;
    }
    ui_text_in(v, ui_rect(tx, y, tw, bh), title, t->px_title, t->px_small, UI_BOLD, t->text,
               UI_CENTER);
    return y + bh + t->gap;
}

int screen_top_bar(Kiosk *k, const char *title, uint32_t back_id, const char *back,
                   uint32_t right_id, const char *right)
{
    return bar_title(k, title, bar_buttons(k, back_id, back, right_id, right, false));
}

UiRect screen_bar_buttons(Kiosk *k, uint32_t back_id, const char *back, uint32_t right_id,
                          const char *right)
{
    return bar_buttons(k, back_id, back, right_id, right, false);
}

int screen_staff_bar(Kiosk *k, const char *title, uint32_t left_id, const char *left,
                     uint32_t right_id, const char *right)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    UiRect room = bar_buttons(k, left_id, left, right_id, right, true);
    int right_w = v->w - room.x - room.w;
    int side = room.x > right_w ? room.x : right_w;
    ui_text_in(v, ui_rect(side, room.y, v->w - 2 * side, room.h), title, t->px_title, t->px_small,
               UI_BOLD, t->text, UI_CENTER);
    return room.y + room.h + t->gap;
}

UiRect screen_search_bar(Kiosk *k, uint32_t back_id, uint32_t field_id, const UiEdit *query,
                         const char *placeholder, int *text_x)
{
    UiRect room = bar_buttons(k, back_id, kiosk_tr(k, S_BACK), 0, NULL, false);
    UiFieldSpec fs = {NULL, query->text, query->caret, placeholder, NULL, NULL};
    return ui_field(k->view, &k->theme, &k->in, field_id, room, &fs, text_x);
}

int screen_keyboard(Kiosk *k)
{
    UiView *v = k->view;
    if (!k->kb.visible)
        return v->h;
    int kh = ui_keyboard_height(&k->theme, v->w, v->h);
    ui_keyboard_layout(v, &k->theme, &k->in, &k->kb, ui_rect(0, v->h - kh, v->w, kh),
                       KIOSK_KEY_ID(0), k->lang);
    return v->h - kh;
}

void screen_focus_field(Kiosk *k, uint32_t id, UiEdit *e, UiKbPage page, bool shift)
{
    k->in.focus = id;
    ui_edit_end(e);
    k->kb.visible = true;
    k->kb.page = page;
    k->kb.shift = shift;
}

void screen_field_tapped(Kiosk *k, UiEdit *e, UiRect box, int text_x)
{
    if (ui_rect_contains(box, k->tap_x, k->tap_y))
        e->caret = ui_field_caret_at(k->view, &k->theme, e->text, text_x, k->tap_x);
}

/* A tick in a round mark. */
static void tick_mark(UiView *v, const UiTheme *t, UiRect d, UiColor mark)
{
    int dot = d.w;
    ui_draw_rect(v, d, mark, dot / 2);
    ui_draw_line(v, d.x + dot * 28 / 100, d.y + dot * 52 / 100, d.x + dot * 44 / 100,
                 d.y + dot * 68 / 100, t->on_mark, ui_sc(t, 6));
    ui_draw_line(v, d.x + dot * 44 / 100, d.y + dot * 68 / 100, d.x + dot * 74 / 100,
                 d.y + dot * 34 / 100, t->on_mark, ui_sc(t, 6));
}

/* An exclamation mark, a bar and a dot, in a round mark. */
static void alert_mark(UiView *v, const UiTheme *t, UiRect d, UiColor mark)
{
    int dot = d.w, bw = ui_sc(t, 8);
    ui_draw_rect(v, d, mark, dot / 2);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 18 / 100, bw, dot * 42 / 100),
                 t->on_mark, bw / 2);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 68 / 100, bw, bw), t->on_mark,
                 bw / 2);
}

/* Whether the message's buttons stand side by side (else one above the
 * other: a long label, larger text, a narrow portrait screen). */
static bool buttons_side_by_side(Kiosk *k, const ScreenMessage *m, int *bw, int *mw)
{
    const UiTheme *t = &k->theme;
    int room = k->view->w - 2 * t->gap;
    *bw = screen_button_w(k, m->button, t->px_button, ui_sc(t, 200));
    *mw = m->other ? screen_button_w(k, m->other, t->px_button, ui_sc(t, 200)) : 0;
    if (*bw > room)
        *bw = room;
    if (*mw > room)
        *mw = room;
    return !m->other || *bw + t->gap + *mw <= room;
}

/* The buttons under the message, centred: other (if any), then the main
 * one, side by side when they fit, else other above the main one. */
static void message_buttons(Kiosk *k, const ScreenMessage *m, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target, bw, mw;
    bool row = buttons_side_by_side(k, m, &bw, &mw);
    int x = row ? (v->w - bw - (m->other ? mw + t->gap : 0)) / 2 : (v->w - mw) / 2;
    if (m->other) {
        ui_button(v, t, &k->in, m->other_id, ui_rect(x, y, mw, bh), m->other, UI_BTN_SECONDARY,
                  t->px_button);
        if (row) {
            x += mw + t->gap;
        } else {
            x = (v->w - bw) / 2;
            y += bh + t->gap;
        }
    }
    ui_button(v, t, &k->in, m->button_id, ui_rect(x, y, bw, bh), m->button, UI_BTN_PRIMARY,
              t->px_button);
}

/* The fewest lines, up to max, that text takes wrapped in w. */
static int lines_for(UiView *v, const char *text, int px, UiWeight weight, int w, int max)
{
    int n = 1;
    while (n < max && !ui_text_wraps(v, text, px, weight, w, n))
        n++;
    return n;
}

void screen_message(Kiosk *k, const ScreenMessage *m)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int colw = v->w - 4 * t->pad;
    int big_min = m->big_min_px ? m->big_min_px : t->px_title;
    int big_max = m->big_max_px ? m->big_max_px : t->px_huge * 12 / 10;
    int big_px = ui_text_fit(v, m->big, UI_BOLD, big_min, big_max, colw);
    int big_h = ui_text_height(v, big_px, UI_BOLD);
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int dot = ui_sc(t, 72);
    int g = ui_sc(t, 24);
    /* The badge's status is what the guest must act on ("please ask at the
     * desk"): wrapped whole, never cut short. */
    int status_lines = m->status ? lines_for(v, m->status, t->px_body, UI_BOLD, colw, 4) : 0;
    int sh = m->status ? status_lines * ui_text_height(v, t->px_body, UI_BOLD) + g : 0;
    int lines =
        m->small_lines ? m->small_lines : lines_for(v, m->small, t->px_body, UI_REGULAR, colw, 4);
    int bw, mw;
    int buttons = buttons_side_by_side(k, m, &bw, &mw) ? t->target : 2 * t->target + t->gap;
    int total = dot + g + big_h + g + lines * lh + sh + g + buttons;
    int y = (v->h - total) / 2;
    if (y < t->pad)
        y = t->pad;
    UiRect d = ui_rect((v->w - dot) / 2, y, dot, dot);
    if (m->mark == SCREEN_MARK_ALERT)
        alert_mark(v, t, d, m->mark_colour);
    else
        tick_mark(v, t, d, m->mark_colour);
    y += dot + g;
    ui_text_in(v, ui_rect(2 * t->pad, y, colw, big_h), m->big, big_px, t->px_body, UI_BOLD, t->text,
               UI_CENTER);
    y += big_h + g;
    ui_text_wrap(v, ui_rect(2 * t->pad, y, colw, lines * lh), m->small, t->px_body, UI_REGULAR,
                 t->muted, lines, UI_CENTER);
    y += lines * lh;
    if (m->status) {
        y += g;
        ui_text_wrap(v, ui_rect(2 * t->pad, y, colw, sh - g), m->status, t->px_body, UI_BOLD,
                     m->status_colour, status_lines, UI_CENTER);
        y += sh - g;
    }
    message_buttons(k, m, y + g);
}
