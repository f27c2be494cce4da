/* ui_programs.c — program cards, the program page and its QR code. See
 * ui_programs.h. */
#include "ui/ui_programs.h"

#include <stdlib.h>
#include <string.h>

#include "core/link.h"
#include "core/qr.h"

/* Dark enough for white text and for text on white, also on a pressed
 * card's tint of itself (contrast over 4.5:1), and in the order families
 * take them: the most unlike each other first. */
static const UiColor PALETTE[] = {
    {0x1B, 0x4F, 0x8A, 255}, /* blue */
    {0x2A, 0x6B, 0x2E, 255}, /* green */
    {0xB7, 0x1C, 0x1C, 255}, /* red */
    {0x6A, 0x1B, 0x9A, 255}, /* purple */
    {0xA8, 0x45, 0x00, 255}, /* burnt orange */
    {0x00, 0x6D, 0x77, 255}, /* teal */
    {0xAD, 0x14, 0x57, 255}, /* magenta */
    {0x5D, 0x40, 0x37, 255}, /* brown */
    {0x5C, 0x64, 0x00, 255}, /* olive */
    {0x45, 0x5A, 0x64, 255}, /* slate */
    {0x7A, 0x5C, 0x00, 255}, /* mustard */
    {0x3F, 0x4B, 0xA8, 255}, /* indigo */
};
enum { NPALETTE = sizeof PALETTE / sizeof PALETTE[0] };

static int colour_distance(UiColor a, UiColor b)
{
    return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
}

UiColor ui_program_colour(const UiTheme *t, size_t family)
{
    if (t->contrast)
        return t->accent;
    /* The palette without the colours close to the event's primary (the
     * cards would read as its buttons; at most one or two are that close),
     * in turn: the first families each get their own. */
    UiColor usable[NPALETTE];
    size_t n = 0;
    for (int i = 0; i < NPALETTE; i++)
        if (colour_distance(PALETTE[i], t->primary) > 90)
            usable[n++] = PALETTE[i];
    return n ? usable[family % n] : PALETTE[family % NPALETTE];
}

int ui_program_card_height(UiView *v, const UiTheme *t, int name_px, int lines)
{
    return ui_sc(t, 24) + lines * ui_text_height(v, name_px, UI_BOLD) +
           2 * ui_text_height(v, t->px_small, UI_REGULAR);
}

void ui_program_card(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                     const Program *p, size_t family, int name_px, int lines)
{
    UiColor colour = ui_program_colour(t, family);
    bool pressed = in->pressed == id;
    ui_draw_rect(v, r, pressed ? ui_mix(t->surface, colour, 40) : t->surface, t->radius);
    bool focused = in->show_focus && in->focus == id;
    ui_draw_frame(v, r, focused ? t->primary : t->border, t->radius,
                  focused ? ui_sc(t, 3) : t->border_w);
    int stripe = ui_sc(t, 10);
    ui_draw_rect(v, ui_rect(r.x, r.y, stripe * 2, r.h), colour, t->radius);
    ui_draw_rect(v, ui_rect(r.x + stripe, r.y, stripe, r.h), colour, 0);
    int lh = ui_text_height(v, name_px, UI_BOLD);
    int sh = ui_text_height(v, t->px_small, UI_REGULAR);
    int tx = r.x + stripe * 2 + t->pad, tw = r.x + r.w - t->pad - tx;
    int ty = r.y + ui_sc(t, 12);
    int sy = ty + lh; /* school and pathway right below the name */
    if (lines == 2 && ui_text_width(v, p->name, name_px, UI_BOLD) > tw)
        sy = ty + ui_text_wrap(v, ui_rect(tx, ty, tw, 2 * lh), p->name, name_px, UI_BOLD, t->text,
                               2, UI_LEFT);
    else
        ui_text_in(v, ui_rect(tx, ty, tw, lh), p->name, name_px, name_px, UI_BOLD, t->text,
                   UI_LEFT);
    ui_text_in(v, ui_rect(tx, sy, tw, sh), p->school, t->px_small, t->px_small, UI_REGULAR,
               t->muted, UI_LEFT);
    ui_text_in(v, ui_rect(tx, sy + sh, tw, sh), p->pathway, t->px_small, t->px_small, UI_REGULAR,
               t->contrast ? t->text : colour, UI_LEFT);
    /* Recorded after its text, so a tap anywhere on the card opens it. */
    ui_widget_add(v, id, UI_W_BUTTON, r, p->name, UI_WF_FOCUSABLE);
}

/* ---- QR code ---- */

static int page_qr_scale(int size, int min_code, int max_side)
{
    int total = size + 2 * QR_QUIET;
    int scale = (min_code + size - 1) / size;
    if (scale * total > max_side)
        scale = max_side / total;
    /* No room (a negative max_side on a crowded screen): no code, not a
     * negative size that would then shift the panel below it. */
    return scale > 0 ? scale : 0;
}

/* The side drawn and (when code is not NULL) the code's own width in it. */
static int qr_fit(const char *text, int min_code, int max_side, int *code)
{
    QrCode qr;
    char err[128];
    if (!text || !*text || qr_encode(text, &qr, err, sizeof err) != 0)
        return 0;
    int scale = page_qr_scale(qr.size, min_code, max_side);
    int side = scale * (qr.size + 2 * QR_QUIET);
    if (code)
        *code = scale * qr.size;
    qr_free(&qr);
    return side;
}

int ui_qr_side(const char *text, int min_code, int max_side)
{
    return qr_fit(text, min_code, max_side, NULL);
}

int ui_qr_draw(UiView *v, int cx, int y, const char *text, int min_code, int max_side)
{
    QrCode qr;
    char err[128];
    /* A URL too long for a QR code only loses the code; the page still shows. */
    if (!text || !*text || qr_encode(text, &qr, err, sizeof err) != 0)
        return 0;
    int scale = page_qr_scale(qr.size, min_code, max_side);
    if (scale < 1) {
        qr_free(&qr);
        return 0;
    }
    int side = scale * (qr.size + 2 * QR_QUIET);
    int x0 = cx - side / 2;
    ui_draw_rect(v, ui_rect(x0, y, side, side), ui_rgb(255, 255, 255), 0);
    int ox = x0 + QR_QUIET * scale, oy = y + QR_QUIET * scale;
    UiColor dark = ui_rgb(0, 0, 0);
    /* One rectangle per horizontal run of dark modules: whole pixels, square
     * corners, and few enough commands for the view. */
    for (int row = 0; row < qr.size; row++) {
        const unsigned char *cells = qr.dark + (size_t)row * (size_t)qr.size;
        for (int col = 0; col < qr.size;) {
            if (!cells[col]) {
                col++;
                continue;
            }
            int start = col;
            while (col < qr.size && cells[col])
                col++;
            ui_draw_rect(
                v, ui_rect(ox + start * scale, oy + row * scale, (col - start) * scale, scale),
                dark, 0);
        }
    }
    qr_free(&qr);
    return side;
}

/* ---- the link in print ---- */

/* Where the line of text from utf8 that fits w at px ends: after the last '/'
 * or '-' that fits, else after the last character that does (at least one). */
static size_t link_line_end(UiView *v, const char *utf8, int px, int w)
{
    size_t n = strlen(utf8), best = 0, chars = 0;
    char line[512];
    for (size_t i = 1; i <= n && i < sizeof line; i++) {
        if (i < n && ((unsigned char)utf8[i] & 0xC0) == 0x80)
            continue;
        memcpy(line, utf8, i);
        line[i] = '\0';
        if (ui_text_width(v, line, px, UI_REGULAR) > w)
            break;
        chars = i;
        if (utf8[i - 1] == '/' || utf8[i - 1] == '-' || i == n)
            best = i;
    }
    if (chars == n)
        return n;
    if (best)
        return best;
    if (chars)
        return chars;
    size_t one = 1;
    while (one < n && ((unsigned char)utf8[one] & 0xC0) == 0x80)
        one++;
    return one;
}

/* Lines the link takes at px in w (more than max means it does not fit). */
static int link_lines(UiView *v, const char *utf8, int px, int w, int max)
{
    int lines = 0;
    while (*utf8 && lines <= max) {
        utf8 += link_line_end(v, utf8, px, w);
        lines++;
    }
    return lines;
}

/* The link drawn in lines of r.w, centred or from the left, from the top of
 * r; returns the height used. */
static int link_draw(UiView *v, UiRect r, const char *utf8, int px, UiColor c, bool centre)
{
    char line[512];
    int lh = ui_text_height(v, px, UI_REGULAR), y = r.y;
    while (*utf8 && y + lh <= r.y + r.h) {
        size_t end = link_line_end(v, utf8, px, r.w);
        size_t n = end < sizeof line ? end : sizeof line - 1;
        memcpy(line, utf8, n);
        line[n] = '\0';
        int x = centre ? r.x + (r.w - ui_text_width(v, line, px, UI_REGULAR)) / 2 : r.x;
        ui_draw_text(v, x, y, line, px, UI_REGULAR, c);
        utf8 += end;
        y += lh;
    }
    return y - r.y;
}

/* The size and lines at which the link reads whole in w: the smallest text
 * down to four fifths of it, on up to three lines (more when even that is
 * too few). */
static int link_fit(UiView *v, const UiTheme *t, const char *utf8, int w, int *lines)
{
    for (int px = t->px_small; px >= t->px_small * 4 / 5; px--) {
        *lines = link_lines(v, utf8, px, w, 3);
        if (*lines <= 3)
            return px;
    }
    /* A long link at the smallest size takes the lines it needs. */
    *lines = link_lines(v, utf8, t->px_small * 4 / 5, w, 8);
    return t->px_small * 4 / 5;
}

/* ---- the page ---- */

static int para(UiView *v, int x, int y, int w, const char *text, int px, UiWeight wt, UiColor c)
{
    if (!text || !*text)
        return 0;
    return ui_text_wrap(v, ui_rect(x, y, w, 0), text, px, wt, c, 200, UI_LEFT);
}

/* A list stored as "a; b; c" (certifications, partner needs), one bullet each. */
static int bullets(UiView *v, const UiTheme *t, int x, int y, int w, const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        return para(v, x, y, w, text, t->px_body, UI_REGULAR, t->text);
    int h = 0;
    char *save = NULL;
    int bw = ui_text_width(v, "•  ", t->px_body, UI_REGULAR);
    for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        while (*item == ' ')
            item++;
        if (!*item)
            continue;
        ui_draw_text(v, x, y + h, "•", t->px_body, UI_REGULAR, t->text);
        h += para(v, x + bw, y + h, w - bw, item, t->px_body, UI_REGULAR, t->text);
    }
    free(copy);
    return h;
}

/* A heading and its text; nothing for an empty field. */
static int section(UiView *v, const UiTheme *t, int x, int y, int w, const char *title,
                   const char *text, bool list)
{
    if (!text || !*text)
        return 0;
    int h = ui_sc(t, 14);
    h += para(v, x, y + h, w, title, t->px_small, UI_BOLD, t->muted);
    h += ui_sc(t, 2);
    h += list ? bullets(v, t, x, y + h, w, text)
              : para(v, x, y + h, w, text, t->px_body, UI_REGULAR, t->text);
    return h;
}

/* What the panel beside (or below) the text holds and how tall each part is. */
typedef struct Panel {
    int min_code, qr_max, qr, hint_h, tile_h, below;
    const char *link;
    int link_w, link_px, link_h;
    bool link_in_text; /* no room under the code: the link heads the text */
} Panel;

static int panel_below(const UiTheme *t, const Panel *pn, bool interest)
{
    return (pn->hint_h ? t->gap + pn->hint_h : 0) +
           (pn->link_h && !pn->link_in_text ? t->gap + pn->link_h : 0) +
           (interest ? t->gap + pn->tile_h : 0);
}

static void panel_plan(UiView *v, const UiTheme *t, UiRect area, const UiProgramPage *pg, Panel *pn)
{
    const Program *p = pg->p;
    bool landscape = area.w > area.h;
    bool has_url = p->url && *p->url;
    memset(pn, 0, sizeof *pn);
    pn->min_code = ui_sc(t, 200); /* about 35 mm on a 7-inch 800x480 panel */
    pn->hint_h = has_url ? ui_text_height(v, t->px_small, UI_REGULAR) : 0;
    pn->tile_h = pg->show_interest ? ui_tile_height(v, t, t->px_body, 1, false) : 0;
    /* The link in print under the code, for a guest without a phone camera. */
    pn->link = has_url ? link_short(p->url) : "";
    pn->link_w = landscape ? ui_sc(t, 240) : area.w - 2 * t->pad;
    int n = 0;
    pn->link_px = has_url ? link_fit(v, t, pn->link, pn->link_w, &n) : 0;
    pn->link_h = n * ui_text_height(v, pn->link_px, UI_REGULAR);
    for (int round = 0; round < 3; round++) {
        pn->below = panel_below(t, pn, pg->show_interest);
        pn->qr_max = landscape ? area.h - 2 * t->pad - pn->below : area.w - 2 * t->pad;
        if (!landscape && pn->qr_max > area.h / 4) /* most of a portrait screen is the text's */
            pn->qr_max = area.h / 4;
        int code = 0;
        pn->qr = has_url ? qr_fit(p->url, pn->min_code, pn->qr_max, &code) : 0;
        if (!landscape || !pn->qr || code >= pn->min_code * 9 / 10)
            break;
        /* Short of room (larger text at 800x480): the code's size matters
         * more than the line saying to scan it, then than where its link is. */
        if (pn->hint_h)
            pn->hint_h = 0;
        else
            pn->link_in_text = true;
    }
}

void ui_program_page(UiView *v, const UiTheme *t, const UiInteract *in, UiRect area, UiScroll *sc,
                     const UiProgramPage *pg)
{
    const Program *p = pg->p;
    bool landscape = area.w > area.h;
    Panel pn;
    panel_plan(v, t, area, pg, &pn);
    int qr = pn.qr;
    bool panel = qr > 0 || pg->show_interest;
    int panel_w = 0, panel_h = 0;
    if (panel) {
        panel_w = qr > ui_sc(t, 240) ? qr : ui_sc(t, 240);
        panel_h = qr + pn.below - (qr ? 0 : t->gap);
    }

    UiRect text_area = area, panel_r;
    if (panel && landscape) {
        panel_r = ui_rect(area.x + area.w - t->pad - panel_w, area.y, panel_w, panel_h);
        text_area.w = panel_r.x - t->gap - area.x;
    } else if (panel) {
        panel_r = ui_rect(area.x + t->pad, area.y + area.h - t->pad - panel_h, area.w - 2 * t->pad,
                          panel_h);
        text_area.h = panel_r.y - t->gap - area.y;
    }

    /* The text: school and pathway, description, then the details. */
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, sc, pg->scroll_id, text_area);
    int x = text_area.x + t->pad, w = text_area.w - 2 * t->pad;
    int y = top;
    UiColor colour = ui_program_colour(t, pg->family);
    int bar = ui_sc(t, 6);
    int head =
        para(v, x + bar + t->gap, y, w - bar - t->gap, p->school, t->px_body, UI_BOLD, t->text);
    head += para(v, x + bar + t->gap, y + head, w - bar - t->gap, p->pathway, t->px_body, UI_BOLD,
                 t->contrast ? t->text : colour);
    if (head)
        ui_draw_rect(v, ui_rect(x, y, bar, head), colour, bar / 2);
    y += head + ui_sc(t, 8);
    if (pn.link_in_text)
        y += link_draw(v, ui_rect(x, y, w, 10 * pn.link_h), pn.link, pn.link_px, t->text, false) +
             ui_sc(t, 8);
    y += para(v, x, y, w, p->description, t->px_body, UI_REGULAR, t->text);
    y += section(v, t, x, y, w, ui_tr(pg->lang, S_PROG_GRADES), p->grades, false);
    y += section(v, t, x, y, w, ui_tr(pg->lang, S_PROG_CERTS), p->certifications, true);
    y += section(v, t, x, y, w, ui_tr(pg->lang, S_PROG_NEEDS), p->partner_needs, true);
    y += section(v, t, x, y, w, ui_tr(pg->lang, S_PROG_CONTACT), p->contact, false);
    ui_scroll_end(v, sc, y - top + t->pad, saved);
    ui_scroll_bar(v, t, sc, text_area);

    if (!panel)
        return;
    int py = panel_r.y;
    int cx = panel_r.x + panel_r.w / 2;
    if (qr) {
        ui_qr_draw(v, cx, py, p->url, pn.min_code, pn.qr_max);
        if (t->contrast) /* the white quiet zone reads as a box on black */
            ui_draw_frame(v, ui_rect(cx - qr / 2, py, qr, qr), t->border, 0, t->border_w);
        py += qr + t->gap;
        if (!pn.link_in_text) {
            int lw = panel_r.w < pn.link_w ? panel_r.w : pn.link_w;
            py += link_draw(v, ui_rect(cx - lw / 2, py, lw, pn.link_h), pn.link, pn.link_px,
                            t->text, true) +
                  t->gap;
        }
        if (pn.hint_h) {
            ui_text_in(v, ui_rect(panel_r.x, py, panel_r.w, pn.hint_h),
                       ui_tr(pg->lang, S_PROG_SCAN), t->px_small, t->px_small, UI_REGULAR, t->muted,
                       UI_CENTER);
            py += pn.hint_h + t->gap;
        }
    }
    if (pg->show_interest) {
        int tw = landscape ? panel_r.w : (panel_r.w < ui_sc(t, 360) ? panel_r.w : ui_sc(t, 360));
        ui_tile(v, t, in, pg->interest_id, ui_rect(cx - tw / 2, py, tw, pn.tile_h),
                ui_tr(pg->lang, S_INTERESTED), NULL, pg->interested, t->px_body);
    }
}
