/* ui_widgets.c — theme, widgets and scrolling. See ui_widgets.h. */
#include "ui/ui_widgets.h"

#include <math.h>
#include <string.h>

#include "core/contrast.h"

/* ---- theme ---- */

void ui_theme_make(UiTheme *t, int w, int h, UiColor primary, UiColor accent, bool contrast)
{
    ui_theme_make_mm(t, w, h, 0, primary, accent, contrast);
}

void ui_theme_make_mm(UiTheme *t, int w, int h, double px_per_mm, UiColor primary, UiColor accent,
                      bool contrast)
{
    memset(t, 0, sizeof *t);
    /* Designed for 800x480 landscape and 480x800 portrait. */
    bool portrait = h > w;
    float sx = (float)w / (portrait ? 480.0f : 800.0f),
          sy = (float)h / (portrait ? 800.0f : 480.0f);
    t->s = sx < sy ? sx : sy;
    if (t->s < 0.5f)
        t->s = 0.5f;
    t->contrast = contrast;
    /* Larger text: about 30% larger, enough to be plainly bigger to a guest
     * who needs it (button labels still shrink to fit their buttons). */
    float ts = contrast ? 1.3f : 1.0f;
    t->px_small = (int)lroundf(15 * t->s * ts);
    t->px_body = (int)lroundf(19 * t->s * ts);
    t->px_button = (int)lroundf(21 * t->s * ts);
    t->px_title = (int)lroundf(28 * t->s * ts);
    t->px_huge = (int)lroundf(40 * t->s * ts);
    t->pad = ui_sc(t, 16);
    t->gap = ui_sc(t, 10);
    t->radius = ui_sc(t, 10);
    t->target = ui_sc(t, 60);
    if (t->target < 55)
        t->target = 55;
    /* UI_TARGET_MM on this panel, where that is more than the design's size. */
    t->target_mm = px_per_mm > 0 ? (int)ceil(UI_TARGET_MM * px_per_mm) : 0;
    if (t->target < t->target_mm)
        t->target = t->target_mm;
    t->btn_min = ui_sc(t, 120);
    t->btn_wide = ui_sc(t, 180);
    t->on_mark = ui_rgb(255, 255, 255);
    if (contrast) {
        t->bg = ui_rgb(0, 0, 0);
        t->surface = ui_rgb(0, 0, 0);
        t->text = ui_rgb(255, 255, 255);
        t->muted = ui_rgb(235, 235, 235);
        t->primary = ui_rgb(255, 221, 0);
        t->on_primary = ui_rgb(0, 0, 0);
        t->accent = ui_rgb(255, 221, 0);
        t->border = ui_rgb(255, 255, 255);
        t->error = ui_rgb(255, 120, 120);
        t->selected = ui_rgb(255, 221, 0);
        t->success = t->warning = t->toast = t->accent;
        t->on_toast = ui_rgb(0, 0, 0);
        t->border_w = ui_sc(t, 3);
        t->focus = t->accent;
    } else {
        t->bg = ui_rgb(CONTRAST_PAGE_R, CONTRAST_PAGE_G, CONTRAST_PAGE_B);
        t->surface = ui_rgb(255, 255, 255);
        t->text = ui_rgb(0x17, 0x1E, 0x2B);
        t->muted = ui_rgb(0x55, 0x5F, 0x6E);
        t->primary = primary;
        /* White or dark text on buttons, whichever reads better (a yellow
         * theme needs dark text). */
        Rgb p = {primary.r, primary.g, primary.b}, white = {255, 255, 255},
            dark = {0x17, 0x1E, 0x2B};
        t->on_primary = contrast_ratio(white, p) >= contrast_ratio(dark, p)
                            ? ui_rgb(255, 255, 255)
                            : ui_rgb(dark.r, dark.g, dark.b);
        t->accent = accent;
        t->border = ui_rgb(0xC5, 0xCC, 0xD6);
        t->error = ui_rgb(0xC6, 0x28, 0x28);
        t->selected = primary;
        t->success = ui_rgb(0x2E, 0x7D, 0x32);
        t->warning = ui_rgb(0xE0, 0x8A, 0x00);
        t->toast = ui_rgb(0x30, 0x33, 0x3A);
        t->on_toast = ui_rgb(255, 255, 255);
        t->border_w = ui_sc(t, 2);
        t->focus = t->text; /* the event's accent may be pale (a yellow) */
    }
    if (t->border_w < 1)
        t->border_w = 1;
}

int ui_sc(const UiTheme *t, int v)
{
    return (int)lroundf((float)v * t->s);
}

/* ---- widgets ---- */

void ui_focus_ring(UiView *v, const UiTheme *t, UiRect r)
{
    int thick = ui_sc(t, 3) > 3 ? ui_sc(t, 3) : 3, out = ui_sc(t, 2) + thick;
    ui_draw_frame(v, ui_rect_inset(r, -out), t->focus, t->radius + out, thick);
}

static void focus_ring(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r)
{
    if (in->show_focus && in->focus == id)
        ui_focus_ring(v, t, r);
}

/* A button's face (fill, frame, focus ring); returns its text colour. */
static UiColor button_face(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                           UiButtonStyle style)
{
    bool pressed = in->pressed == id;
    UiColor fill, fg;
    switch (style) {
    case UI_BTN_PRIMARY:
        fill = t->primary;
        fg = t->on_primary;
        break;
    case UI_BTN_SECONDARY:
        fill = t->surface;
        fg = t->contrast ? t->text : t->primary;
        break;
    default:
        fill = t->bg;
        fg = t->contrast ? t->text : t->primary;
        break;
    }
    if (pressed && style != UI_BTN_PRIMARY) {
        /* Pressed, a light button fills with the primary: darkening its face
         * would sink its primary-coloured label under 4.5:1. */
        fill = t->primary;
        fg = t->on_primary;
    } else if (pressed) {
        /* Away from the label's colour, so it reads better, never worse. */
        bool light_text = fg.r + fg.g + fg.b > 3 * 128;
        fill = ui_mix(fill, light_text ? ui_rgb(0, 0, 0) : ui_rgb(255, 255, 255), 40);
    }
    ui_draw_rect(v, r, fill, t->radius);
    if (style == UI_BTN_SECONDARY || t->contrast)
        ui_draw_frame(v, r, t->contrast ? t->border : t->primary, t->radius, t->border_w);
    focus_ring(v, t, in, id, r);
    return fg;
}

/* A button's label keeps this margin each side, and shrinks to six tenths of
 * its size before it is cut. */
static int button_margin(const UiTheme *t)
{
    return ui_sc(t, 12);
}

static int button_least_px(int px)
{
    return px * 6 / 10;
}

int ui_button_least_w(UiView *v, const UiTheme *t, const char *label, int px)
{
    return ui_text_width(v, label, button_least_px(px), UI_BOLD) + 2 * button_margin(t) + 2;
}

void ui_button(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
               const char *label, UiButtonStyle style, int px)
{
    UiColor fg = button_face(v, t, in, id, r, style);
    int m = button_margin(t);
    ui_text_in(v, ui_rect(r.x + m, r.y, r.w - 2 * m, r.h), label, px, button_least_px(px), UI_BOLD,
               fg, UI_CENTER);
    ui_widget_add(v, id, UI_W_BUTTON, r, label, UI_WF_FOCUSABLE);
}

void ui_button_note(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                    const char *label, const char *note, UiButtonStyle style, int px)
{
    UiColor fg = button_face(v, t, in, id, r, style);
    int m = ui_sc(t, 12);
    int nh = ui_text_height(v, t->px_small, UI_REGULAR);
    int lh = ui_text_height(v, px, UI_BOLD);
    if (lh + nh > r.h)
        lh = r.h - nh;
    int y = r.y + (r.h - lh - nh) / 2;
    ui_text_in(v, ui_rect(r.x + m, y, r.w - 2 * m, lh), label, px, px * 6 / 10, UI_BOLD, fg,
               UI_CENTER);
    ui_text_in(v, ui_rect(r.x + m, y + lh, r.w - 2 * m, nh), note, t->px_small,
               t->px_small * 7 / 10, UI_REGULAR, fg, UI_CENTER);
    ui_widget_add(v, id, UI_W_BUTTON, r, label, UI_WF_FOCUSABLE);
}

int ui_field_height(const UiTheme *t, bool caption)
{
    int box = t->target;
    return caption ? box + t->px_small + ui_sc(t, 10) : box;
}

/* A field's text keeps this margin each side; its placeholder shrinks to
 * seven tenths of body size before it is cut. */
static int field_margin(const UiTheme *t)
{
    return ui_sc(t, 12);
}

static int placeholder_least_px(int px)
{
    return px * 7 / 10;
}

bool ui_field_placeholder_whole(UiView *v, const UiTheme *t, int box_w, const char *placeholder)
{
    return ui_text_width(v, placeholder, placeholder_least_px(t->px_body), UI_REGULAR) <=
           box_w - 2 * field_margin(t);
}

UiRect ui_field(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                const UiFieldSpec *f, int *text_x)
{
    bool focused = in->focus == id;
    UiRect box = r;
    if (f->caption) {
        int ch = t->px_small + ui_sc(t, 10), lh = t->px_small + ui_sc(t, 4);
        int cw = ui_text_width(v, f->caption, t->px_small, UI_BOLD);
        int nx = r.x + cw + ui_sc(t, 8);
        /* What is wrong, beside the caption when it fits there; else across
         * the whole line instead of the caption (the message names what it
         * is about, and the box is marked), never cut where it could be
         * read whole: it is all that says what to fix. */
        int least = t->px_small * 8 / 10;
        bool beside = !f->error || ui_text_width(v, f->error, least, UI_BOLD) <= r.x + r.w - nx;
        if (beside)
            ui_draw_text(v, r.x, r.y, f->caption, t->px_small, UI_BOLD, t->text);
        if (f->error) {
            UiRect line =
                beside ? ui_rect(nx, r.y, r.x + r.w - nx, lh) : ui_rect(r.x, r.y, r.w, lh);
            ui_text_in(v, line, f->error, t->px_small, least, UI_BOLD, t->error,
                       beside ? UI_RIGHT : UI_LEFT);
        } else if (f->note) {
            ui_draw_text(v, nx, r.y, f->note, t->px_small, UI_REGULAR, t->muted);
        }
        box = ui_rect(r.x, r.y + ch, r.w, r.h - ch);
    }
    UiColor edge = f->error ? t->error : focused ? t->primary : t->border;
    if (t->contrast && !f->error)
        edge = focused ? t->accent : t->border;
    ui_draw_rect(v, box, t->contrast ? ui_rgb(0, 0, 0) : t->surface, t->radius);
    int bw = focused || f->error ? t->border_w * 2 : t->border_w;
    ui_draw_frame(v, box, edge, t->radius, bw);

    int m = field_margin(t);
    UiRect inner = ui_rect(box.x + m, box.y, box.w - 2 * m, box.h);
    UiRect saved = v->clip;
    ui_clip_push(v, inner);
    int px = t->px_body;
    int th = ui_text_height(v, px, UI_REGULAR);
    int ty = box.y + (box.h - th) / 2;
    if (f->value && *f->value) {
        /* Keep the caret in view: shift the text left when the part before the
         * caret is wider than the box. */
        char before[1024];
        size_t n = f->caret < sizeof before ? f->caret : sizeof before - 1;
        memcpy(before, f->value, n);
        before[n] = '\0';
        int cx = ui_text_width(v, before, px, UI_REGULAR);
        int shift = cx > inner.w - ui_sc(t, 4) ? cx - (inner.w - ui_sc(t, 4)) : 0;
        if (text_x)
            *text_x = inner.x - shift;
        ui_draw_text(v, inner.x - shift, ty, f->value, px, UI_REGULAR, t->text);
        if (focused)
            ui_draw_rect(v, ui_rect(inner.x - shift + cx, ty, ui_sc(t, 2) + 1, th), t->primary, 0);
    } else {
        if (text_x)
            *text_x = inner.x;
        if (f->placeholder)
            ui_text_in(v, inner, f->placeholder, px, placeholder_least_px(px), UI_REGULAR, t->muted,
                       UI_LEFT); /* muted, not paler: it must read at 4.5:1 */
        if (focused)
            ui_draw_rect(v, ui_rect(inner.x, ty, ui_sc(t, 2) + 1, th),
                         t->contrast ? t->accent : t->primary, 0);
    }
    ui_clip_set(v, saved);
    ui_widget_add(v, id, UI_W_FIELD, r, f->caption ? f->caption : f->placeholder,
                  UI_WF_FOCUSABLE | (f->value && *f->value ? 0 : UI_WF_EMPTY));
    return box;
}

size_t ui_field_caret_at(UiView *v, const UiTheme *t, const char *value, int text_x, int x)
{
    size_t n = strlen(value), best = 0;
    int best_d = x - text_x < 0 ? text_x - x : x - text_x;
    char prefix[1024];
    for (size_t i = 1; i <= n && i < sizeof prefix; i++) {
        if (i < n && ((unsigned char)value[i] & 0xC0) == 0x80)
            continue; /* not a character boundary */
        memcpy(prefix, value, i);
        prefix[i] = '\0';
        int d = text_x + ui_text_width(v, prefix, t->px_body, UI_REGULAR) - x;
        if (d < 0)
            d = -d;
        if (d <= best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

static void check_mark(UiView *v, UiRect b, UiColor c, int thick)
{
    int x0 = b.x + b.w * 22 / 100, y0 = b.y + b.h * 52 / 100;
    int x1 = b.x + b.w * 42 / 100, y1 = b.y + b.h * 72 / 100;
    int x2 = b.x + b.w * 78 / 100, y2 = b.y + b.h * 30 / 100;
    ui_draw_line(v, x0, y0, x1, y1, c, thick);
    ui_draw_line(v, x1, y1, x2, y2, c, thick);
}

void ui_checkbox(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                 const char *label, bool checked)
{
    bool pressed = in->pressed == id;
    if (pressed)
        ui_draw_rect(v, r, ui_mix(t->bg, t->primary, 30), t->radius);
    focus_ring(v, t, in, id, r);
    int bs = ui_sc(t, 34);
    UiRect b = ui_rect(r.x + ui_sc(t, 8), r.y + (r.h - bs) / 2, bs, bs);
    if (checked) {
        ui_draw_rect(v, b, t->primary, ui_sc(t, 6));
        check_mark(v, b, t->on_primary, ui_sc(t, 4));
    } else {
        ui_draw_rect(v, b, t->contrast ? ui_rgb(0, 0, 0) : t->surface, ui_sc(t, 6));
        ui_draw_frame(v, b, t->contrast ? t->border : t->muted, ui_sc(t, 6), t->border_w);
    }
    int lx = b.x + bs + ui_sc(t, 12), lw = r.x + r.w - lx;
    /* One line at body size; else two at body size when the box is tall
     * enough; else one line shrunk as far as small text; else two lines of
     * small text (a consent sentence in Spanish with larger text): cut only
     * when none of these holds it. */
    int px = 0;
    if (ui_text_width(v, label, t->px_body, UI_REGULAR) > lw) {
        if (r.h >= 2 * ui_text_height(v, t->px_body, UI_REGULAR) &&
            ui_text_wraps(v, label, t->px_body, UI_REGULAR, lw, 2))
            px = t->px_body;
        else if (ui_text_width(v, label, t->px_small, UI_REGULAR) > lw &&
                 r.h >= 2 * ui_text_height(v, t->px_small, UI_REGULAR) &&
                 ui_text_wraps(v, label, t->px_small, UI_REGULAR, lw, 2))
            px = t->px_small;
    }
    if (px) {
        int lh = ui_text_height(v, px, UI_REGULAR);
        ui_text_wrap(v, ui_rect(lx, r.y + (r.h - 2 * lh) / 2, lw, 2 * lh), label, px, UI_REGULAR,
                     t->text, 2, UI_LEFT);
    } else {
        ui_text_in(v, ui_rect(lx, r.y, lw, r.h), label, t->px_body, t->px_small, UI_REGULAR,
                   t->text, UI_LEFT);
    }
    ui_widget_add(v, id, UI_W_CHECK, r, label, UI_WF_FOCUSABLE | (checked ? UI_WF_CHECKED : 0));
}

/* Width left for a tile's label next to its check box. */
static int tile_label_w(const UiTheme *t, int tile_w)
{
    return tile_w - ui_sc(t, 10 + 28 + 10 + 8);
}

int ui_tile_px(UiView *v, const UiTheme *t, int tile_w, const char *const *labels, size_t n,
               int *lines)
{
    int w = tile_label_w(t, tile_w);
    int px = ui_text_common_px_lines(v, labels, n, UI_BOLD, t->px_small, t->px_body, w, 2);
    if (lines) {
        *lines = 1;
        for (size_t i = 0; i < n && *lines == 1; i++)
            if (ui_text_width(v, labels[i], px, UI_BOLD) > w)
                *lines = 2;
    }
    return px;
}

bool ui_tiles_fit(UiView *v, const UiTheme *t, int tile_w, const char *const *labels, size_t n,
                  int px)
{
    for (size_t i = 0; i < n; i++)
        if (!ui_text_wraps(v, labels[i], px, UI_BOLD, tile_label_w(t, tile_w), 2))
            return false;
    return true;
}

int ui_tile_height(UiView *v, const UiTheme *t, int px, int lines, bool sub)
{
    int h = lines * ui_text_height(v, px, UI_BOLD) + ui_sc(t, 16);
    if (sub)
        h += ui_text_height(v, t->px_small, UI_REGULAR);
    return h > t->target ? h : t->target;
}

void ui_tile(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
             const char *label, const char *sub, bool selected, int max_px)
{
    bool pressed = in->pressed == id;
    UiColor fill = selected ? ui_mix(t->surface, t->selected, t->contrast ? 0 : 40) : t->surface;
    if (pressed)
        fill = ui_mix(fill, t->primary, 60);
    ui_draw_rect(v, r, fill, t->radius);
    ui_draw_frame(v, r, selected ? t->selected : t->border, t->radius,
                  selected ? t->border_w * 2 : t->border_w);
    focus_ring(v, t, in, id, r);
    /* A square box, as a checkbox: any number of tiles may be picked (a round
     * one reads as "pick one"). */
    int bs = ui_sc(t, 28), br = ui_sc(t, 5);
    UiRect b = ui_rect(r.x + ui_sc(t, 10), r.y + (r.h - bs) / 2, bs, bs);
    if (selected) {
        ui_draw_rect(v, b, t->selected, br);
        check_mark(v, b, t->contrast ? ui_rgb(0, 0, 0) : t->on_primary, ui_sc(t, 3) + 1);
    } else {
        ui_draw_rect(v, b, t->contrast ? ui_rgb(0, 0, 0) : t->surface, br);
        ui_draw_frame(v, b, t->contrast ? t->border : t->muted, br, t->border_w);
    }
    int lx = b.x + bs + ui_sc(t, 10);
    UiRect tr = ui_rect(lx, r.y + ui_sc(t, 4), tile_label_w(t, r.w), r.h - ui_sc(t, 8));
    /* The label at the grid's one size (ui_tile_px): on one line, else wrapped
     * on two, cut only past that; the sub line (a school) below it. */
    int sh = sub && *sub ? ui_text_height(v, t->px_small, UI_REGULAR) : 0;
    int px = max_px;
    int lh = ui_text_height(v, px, UI_BOLD);
    int lines = 1;
    if (ui_text_width(v, label, px, UI_BOLD) > tr.w && 2 * lh + sh <= tr.h)
        lines = 2;
    int y = tr.y + (tr.h - lines * lh - sh) / 2;
    if (lines == 2)
        ui_text_wrap(v, ui_rect(tr.x, y, tr.w, 2 * lh), label, px, UI_BOLD, t->text, 2, UI_LEFT);
    else
        ui_text_in(v, ui_rect(tr.x, y, tr.w, lh), label, px, px, UI_BOLD, t->text, UI_LEFT);
    if (sh)
        ui_text_in(v, ui_rect(tr.x, y + lines * lh, tr.w, sh), sub, t->px_small, t->px_small,
                   UI_REGULAR, t->muted, UI_LEFT);
    ui_widget_add(v, id, UI_W_CHECK, r, label, UI_WF_FOCUSABLE | (selected ? UI_WF_CHECKED : 0));
}

/* Width left for a row's label beside its chevron. */
static int row_label_w(const UiTheme *t, int row_w)
{
    return row_w - 3 * ui_sc(t, 16) - ui_sc(t, 7);
}

int ui_row_px(UiView *v, const UiTheme *t, int row_w, const char *const *labels, size_t n)
{
    /* Readable first: a long company is cut rather than every row shrunk. */
    return ui_text_common_px(v, labels, n, UI_BOLD, t->px_body, t->px_button,
                             row_label_w(t, row_w));
}

bool ui_rows_fit(UiView *v, const UiTheme *t, int row_w, const char *const *labels, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ui_text_width(v, labels[i], t->px_body, UI_BOLD) > row_label_w(t, row_w))
            return false;
    return true;
}

/* A row's face: fill (tinted while pressed), frame and focus ring. */
static void row_face(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r)
{
    bool pressed = in->pressed == id;
    UiColor fill = pressed ? ui_mix(t->surface, t->primary, 50) : t->surface;
    ui_draw_rect(v, r, fill, t->radius);
    ui_draw_frame(v, r, t->border, t->radius, t->border_w);
    focus_ring(v, t, in, id, r);
}

void ui_row(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
            const char *label, int px)
{
    row_face(v, t, in, id, r);
    int m = ui_sc(t, 16);
    /* A chevron says "tap me". */
    int cx = r.x + r.w - m - ui_sc(t, 6), cy = r.y + r.h / 2, d = ui_sc(t, 7);
    UiColor cc = t->contrast ? t->text : t->primary;
    ui_draw_line(v, cx - d / 2, cy - d, cx + d / 2, cy, cc, ui_sc(t, 3));
    ui_draw_line(v, cx + d / 2, cy, cx - d / 2, cy + d, cc, ui_sc(t, 3));
    ui_text_in(v, ui_rect(r.x + m, r.y, row_label_w(t, r.w), r.h), label, px, px, UI_BOLD, t->text,
               UI_LEFT);
    ui_widget_add(v, id, UI_W_ROW, r, label, UI_WF_FOCUSABLE);
}

void ui_row_note(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                 const char *label, const char *head, const char *note)
{
    row_face(v, t, in, id, r);
    ui_widget_add(v, id, UI_W_ROW, r, label, UI_WF_FOCUSABLE);
    int m = ui_sc(t, 12);
    int bh = ui_text_height(v, t->px_body, UI_BOLD);
    int sh = ui_text_height(v, t->px_small, UI_REGULAR);
    int y = r.y + (r.h - bh - sh) / 2;
    ui_text_in(v, ui_rect(r.x + m, y, r.w - 2 * m, bh), head, t->px_body, t->px_small, UI_BOLD,
               t->text, UI_LEFT);
    ui_text_in(v, ui_rect(r.x + m, y + bh, r.w - 2 * m, sh), note, t->px_small,
               t->px_small * 8 / 10, UI_REGULAR, t->muted, UI_LEFT);
}

/* ---- scrolling ---- */

/* Time constant of the fling's exponential decay, as on phones. */
#define FLING_TAU_MS 325.0f
#define FLING_MIN_V 0.02f

static float max_offset(const UiScroll *sc)
{
    float m = (float)(sc->content_h - sc->view_h);
    return m > 0 ? m : 0;
}

static void clamp(UiScroll *sc)
{
    float m = max_offset(sc);
    if (sc->offset > m) {
        sc->offset = m;
        if (sc->velocity > 0)
            sc->velocity = 0;
    }
    if (sc->offset < 0) {
        sc->offset = 0;
        if (sc->velocity < 0)
            sc->velocity = 0;
    }
}

int ui_scroll_begin(UiView *v, UiScroll *sc, uint32_t id, UiRect r)
{
    sc->view_h = r.h;
    /* The area may have grown (the keyboard was hidden): never draw a frame
     * scrolled past the end. content_h is last frame's until ui_scroll_end. */
    if (!sc->dragging)
        clamp(sc);
    ui_widget_add(v, id, UI_W_SCROLL, r, NULL, 0);
    ui_clip_push(v, r);
    return r.y - (int)lroundf(sc->offset);
}

void ui_scroll_end(UiView *v, UiScroll *sc, int content_h, UiRect saved_clip)
{
    sc->content_h = content_h;
    ui_clip_set(v, saved_clip);
    if (!sc->dragging)
        clamp(sc);
}

void ui_scroll_press(UiScroll *sc, int y, int64_t now)
{
    sc->velocity = 0;
    sc->dragging = false;
    sc->drag_start_offset = sc->offset;
    sc->drag_start_y = y;
    sc->last_y = y;
    sc->last_t = now;
}

void ui_scroll_drag(UiScroll *sc, int y, int64_t now)
{
    sc->dragging = true;
    sc->offset = sc->drag_start_offset - (float)(y - sc->drag_start_y);
    float m = max_offset(sc);
    /* Rubber band: past the ends the content follows at a third of the finger. */
    if (sc->offset < 0)
        sc->offset /= 3;
    else if (sc->offset > m)
        sc->offset = m + (sc->offset - m) / 3;
    int64_t dt = now - sc->last_t;
    if (dt > 0) {
        float inst = (float)(sc->last_y - y) / (float)dt;
        sc->velocity = sc->velocity * 0.2f + inst * 0.8f;
        sc->last_y = y;
        sc->last_t = now;
    }
}

void ui_scroll_release(UiScroll *sc, int64_t now)
{
    sc->dragging = false;
    /* A finger that stopped before lifting does not fling. */
    if (now - sc->last_t > 100)
        sc->velocity = 0;
    sc->last_t = now;
    if (fabsf(sc->velocity) < FLING_MIN_V)
        sc->velocity = 0;
    clamp(sc);
}

bool ui_scroll_tick(UiScroll *sc, int64_t now)
{
    if (sc->dragging || sc->velocity == 0) {
        sc->last_t = now;
        return false;
    }
    float dt = (float)(now - sc->last_t);
    sc->last_t = now;
    if (dt <= 0)
        return true;
    /* Integral of v*exp(-t/tau) over dt. */
    float decay = expf(-dt / FLING_TAU_MS);
    sc->offset += sc->velocity * FLING_TAU_MS * (1 - decay);
    sc->velocity *= decay;
    if (fabsf(sc->velocity) < FLING_MIN_V)
        sc->velocity = 0;
    clamp(sc);
    return sc->velocity != 0;
}

bool ui_scroll_moving(const UiScroll *sc)
{
    return !sc->dragging && sc->velocity != 0;
}

void ui_scroll_reveal(UiScroll *sc, int y, int h)
{
    if (y < sc->offset)
        sc->offset = (float)y;
    else if (y + h > sc->offset + sc->view_h)
        sc->offset = (float)(y + h - sc->view_h);
    clamp(sc);
}

void ui_scroll_reset(UiScroll *sc)
{
    memset(sc, 0, sizeof *sc);
}

void ui_scroll_bar(UiView *v, const UiTheme *t, const UiScroll *sc, UiRect area)
{
    if (sc->content_h <= sc->view_h || sc->view_h <= 0)
        return;
    int w = ui_sc(t, 6);
    int track = area.h - 2 * ui_sc(t, 4);
    int len = track * sc->view_h / sc->content_h;
    if (len < ui_sc(t, 40))
        len = ui_sc(t, 40);
    float pos = sc->offset / (float)(sc->content_h - sc->view_h);
    pos = pos < 0 ? 0 : pos > 1 ? 1 : pos;
    int y = area.y + ui_sc(t, 4) + (int)((float)(track - len) * pos);
    UiColor c = t->contrast ? t->text : ui_rgba(t->muted.r, t->muted.g, t->muted.b, 140);
    ui_draw_rect(v, ui_rect(area.x + area.w - w - ui_sc(t, 3), y, w, len), c, w / 2);
}
