/* badge_layout.c — badge geometry from label size, dpi and measured text.
 *
 * Proportions are of the printable area (label minus margins) so one design
 * works from a 57 mm DYMO label to a 4x3 in card. Sizes are found by binary
 * search over pixel sizes with the caller's measure function. */
#include "badge/badge_layout.h"

#include <math.h>
#include <string.h>

/* Kept free of ink: die-cut label printers cannot print to the very edge. */
#define BADGE_MARGIN_MM 3.0
/* Noto Sans line height is about 1.36 em; used when there is no measure function. */
#define LINE_HEIGHT_NUM 136
#define LINE_HEIGHT_DEN 100

int badge_mm_to_px(double mm, int dpi)
{
    return (int)lround(mm * dpi / 25.4);
}

static int px_for_height(int h)
{
    int px = h * LINE_HEIGHT_DEN / LINE_HEIGHT_NUM;
    return px > 1 ? px : 1;
}

/* Text is measured once at this size and the size that fits is found by
 * scaling, then checked: each distinct pixel size costs the font layer a face
 * opened at that size, so a binary search over sizes would be slow. */
#define REF_PX 64

/* Sizes snap down to a coarse grid (a third of a millimetre at 300 dpi), so
 * badges of different guests reuse the same few font sizes. */
static int snap_px(int px)
{
    int step = px >= 48 ? 4 : px >= 16 ? 2 : 1;
    px -= px % step;
    return px > 1 ? px : 1;
}

/* Whether text at px fits in lines lines of w x h pixels. */
static bool fits(BadgeMeasureFn measure, void *ud, const char *text, int px, bool bold, int lines,
                 int w, int h)
{
    int tw = 0, th = 0;
    if (measure(ud, text, px, bold ? 1 : 0, &tw, &th) != 0)
        return false;
    if (lines > 1)
        return th * lines <= h; /* width is the wrapper's business */
    return tw <= w && th <= h;
}

/* Largest snapped px <= hi, not below lo, at which text fits on one line of its
 * box; 0 when none does. */
static int fit_one_line(const BadgeTextBox *t, const char *text, BadgeMeasureFn measure, void *ud,
                        int lo, int hi)
{
    int rw = 0, rh = 0;
    if (measure(ud, text, REF_PX, t->bold ? 1 : 0, &rw, &rh) != 0)
        return 0;
    double scale = 1e9;
    if (rw > 0)
        scale = (double)t->box.w / rw;
    if (rh > 0 && (double)t->box.h / rh < scale)
        scale = (double)t->box.h / rh;
    int px = (int)(REF_PX * scale);
    if (px > hi)
        px = hi;
    /* Hinting makes widths only nearly proportional: step down until it fits. */
    for (int tries = 0; tries < 8; tries++) {
        px = snap_px(px);
        if (px < lo)
            return 0;
        if (fits(measure, ud, text, px, t->bold, 1, t->box.w, t->box.h))
            return px;
        px = px * 95 / 100;
    }
    return 0;
}

/* Sizes one text in its box: one line, shrunk down to min_ratio of the box's
 * own size; below that, up to max_lines wrapped lines; below that, the smallest
 * readable size, cut with an ellipsis by the renderer. */
static void fit_text(BadgeTextBox *t, const char *text, BadgeMeasureFn measure, void *ud,
                     double min_ratio, int max_lines)
{
    int hi = px_for_height(t->box.h);
    int lo = (int)(hi * min_ratio);
    if (lo < 1)
        lo = 1;
    t->max_lines = 1;
    t->px = snap_px(hi);
    if (!text || !*text || !measure)
        return;
    int px = fit_one_line(t, text, measure, ud, lo, hi);
    if (px > 0) {
        t->px = px;
        return;
    }
    for (int lines = 2; lines <= max_lines; lines++) {
        px = snap_px(px_for_height(t->box.h / lines));
        while (px > 1 && !fits(measure, ud, text, px, t->bold, lines, t->box.w, t->box.h))
            px = snap_px(px * 95 / 100);
        if (px >= lo / 2 && fits(measure, ud, text, px, t->bold, lines, t->box.w, t->box.h)) {
            t->px = px;
            t->max_lines = lines;
            return;
        }
    }
    /* Even the smallest readable size does not fit: the renderer cuts the line
     * with an ellipsis rather than shrinking it into illegibility. */
    t->px = snap_px(lo);
}

/* ---- the printed link ---- */

#define URL_LINES 3
#define URL_MAX_MM 3.0

/* Whether text[from, to) fits w at px. */
static bool span_fits(BadgeMeasureFn measure, void *ud, const char *text, size_t from, size_t to,
                      int px, int w)
{
    char line[512];
    size_t n = to - from < sizeof line - 1 ? to - from : sizeof line - 1;
    memcpy(line, text + from, n);
    line[n] = '\0';
    int tw = 0, th = 0;
    return measure(ud, line, px, 0, &tw, &th) == 0 && tw <= w;
}

/* The lines the renderer's wrapping (platform/font_wrap.c) breaks a link into
 * at px in w: each line ends after the last '/' or '-' that fits, else at the
 * last character that does. URL_LINES + 1 when more than URL_LINES. */
static int url_lines(BadgeMeasureFn measure, void *ud, const char *text, int px, int w)
{
    size_t len = strlen(text), pos = 0;
    int lines = 0;
    while (pos < len && lines <= URL_LINES) {
        lines++;
        if (span_fits(measure, ud, text, pos, len, px, w))
            return lines;
        size_t best = 0;
        for (size_t i = pos + 1; i + 1 < len; i++) {
            if (text[i] != '/' && text[i] != '-')
                continue;
            if (!span_fits(measure, ud, text, pos, i + 1, px, w))
                break;
            best = i + 1;
        }
        if (!best) { /* the longest run of whole characters that fits */
            size_t end = pos + 1;
            for (size_t i = pos + 1; i <= len; i++) {
                if (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
                    continue;
                if (!span_fits(measure, ud, text, pos, i, px, w))
                    break;
                end = i;
            }
            best = end;
        }
        pos = best;
    }
    return lines;
}

/* The link in print: the largest size, up to URL_MAX_MM tall, at which it
 * reads whole on at most URL_LINES lines of its box. Without a measure
 * function, the size its box allows. */
static void fit_url(BadgeTextBox *t, const char *text, BadgeMeasureFn measure, void *ud, int dpi)
{
    int cap = px_for_height(badge_mm_to_px(URL_MAX_MM, dpi));
    int px = px_for_height(t->box.h) < cap ? px_for_height(t->box.h) : cap;
    t->max_lines = 1;
    t->px = snap_px(px);
    if (!text || !*text || !measure)
        return;
    for (px = snap_px(px); px > 1; px = snap_px(px * 95 / 100 < px - 1 ? px * 95 / 100 : px - 1)) {
        int tw = 0, th = 0;
        if (measure(ud, "Ag", px, 0, &tw, &th) != 0)
            return;
        int lines = url_lines(measure, ud, text, px, t->box.w);
        if (lines <= URL_LINES && th * lines <= t->box.h) {
            t->px = px;
            t->max_lines = lines;
            return;
        }
    }
}

static BadgeRect rect(int x, int y, int w, int h)
{
    BadgeRect r = {x, y, w > 0 ? w : 0, h > 0 ? h : 0};
    return r;
}

/* Stacks first name, last name and company in a column box, with the share of
 * its height each one gets. */
static void stack_names(BadgeLayout *L, BadgeRect col, const BadgeTexts *texts)
{
    static const double SHARE[3] = {0.46, 0.28, 0.26};
    static const BadgeField F[3] = {BADGE_FIRST, BADGE_LAST, BADGE_COMPANY};
    /* Absent texts give their room to the others. */
    double total = 0;
    for (int i = 0; i < 3; i++)
        if (texts->text[F[i]] && *texts->text[F[i]])
            total += SHARE[i];
    if (total <= 0)
        total = 1;
    int y = col.y;
    for (int i = 0; i < 3; i++) {
        bool present = texts->text[F[i]] && *texts->text[F[i]];
        int h = present ? (int)(col.h * SHARE[i] / total) : 0;
        L->field[F[i]].box = rect(col.x, y, col.w, h);
        y += h;
    }
}

int badge_layout(double w_mm, double h_mm, int dpi, const BadgeTexts *texts, BadgeMeasureFn measure,
                 void *ud, BadgeLayout *out)
{
    memset(out, 0, sizeof *out);
    if (!(w_mm >= 20 && h_mm >= 20 && w_mm <= 1000 && h_mm <= 1000) || dpi < 72 || dpi > 1200)
        return -1;
    BadgeLayout *L = out;
    L->width = badge_mm_to_px(w_mm, dpi);
    L->height = badge_mm_to_px(h_mm, dpi);
    L->margin = badge_mm_to_px(BADGE_MARGIN_MM, dpi);
    L->landscape = L->width >= L->height;
    int m = L->margin;
    int iw = L->width - 2 * m, ih = L->height - 2 * m;
    int gap = (int)(0.035 * (L->landscape ? ih : iw));
    bool url = texts && texts->text[BADGE_URL] && *texts->text[BADGE_URL];

    if (L->landscape) {
        int hh = (int)(0.17 * ih), rh = (int)(0.15 * ih);
        L->header = rect(m, m, iw, hh);
        L->ribbon = rect(m, m + ih - rh, iw, rh);
        int body_y = m + hh + gap, body_h = ih - hh - rh - 2 * gap;
        int col = (int)(0.42 * iw);
        int url_h = url ? (int)(0.20 * body_h) : 0;
        int qr_h = body_h - url_h;
        int side = qr_h < col ? qr_h : col;
        int qy = body_y + (body_h - side - url_h) / 2;
        L->qr = rect(m + iw - side, qy, side, side);
        /* The link under the code, across the code's column: names keep
         * clear of both. */
        int right = url && col > side ? col : side;
        L->field[BADGE_URL].box = rect(m + iw - right, qy + side, right, url_h);
        /* The QR's quiet zone is white already, so names may come close to it. */
        stack_names(L, rect(m + gap, body_y, iw - right - gap, body_h), texts);
    } else {
        int hh = (int)(0.11 * ih), rh = (int)(0.10 * ih);
        L->header = rect(m, m, iw, hh);
        L->ribbon = rect(m, m + ih - rh, iw, rh);
        int body_y = m + hh + gap, body_h = ih - hh - rh - 2 * gap;
        int names_h = (int)(body_h * 0.46);
        int qr_room = body_h - names_h;
        int url_h = url ? (int)(0.20 * qr_room) : 0;
        int side = qr_room - url_h < (int)(0.80 * iw) ? qr_room - url_h : (int)(0.80 * iw);
        stack_names(L, rect(m + gap, body_y, iw - 2 * gap, names_h), texts);
        int qy = body_y + names_h + (qr_room - side - url_h) / 2;
        L->qr = rect(m + (iw - side) / 2, qy, side, side);
        L->field[BADGE_URL].box = rect(m + gap, qy + side, iw - 2 * gap, url_h);
    }
    /* Text sits inside its band with some padding. */
    int pad = L->header.h / 8;
    L->field[BADGE_EVENT].box = rect(L->header.x + 2 * pad, L->header.y + pad,
                                     L->header.w - 4 * pad, L->header.h - 2 * pad);
    pad = L->ribbon.h / 8;
    L->field[BADGE_ROLE].box = rect(L->ribbon.x + 2 * pad, L->ribbon.y + pad, L->ribbon.w - 4 * pad,
                                    L->ribbon.h - 2 * pad);

    L->field[BADGE_EVENT].bold = true;
    L->field[BADGE_FIRST].bold = true;
    L->field[BADGE_LAST].bold = false;
    L->field[BADGE_COMPANY].bold = false;
    L->field[BADGE_ROLE].bold = true;

    static const struct {
        BadgeField f;
        double min_ratio;
        int max_lines;
    } FIT[] = {
        {BADGE_EVENT, 0.55, 2},  {BADGE_FIRST, 0.45, 2}, {BADGE_LAST, 0.5, 2},
        {BADGE_COMPANY, 0.5, 2}, {BADGE_ROLE, 0.6, 1},
    };
    for (size_t i = 0; i < sizeof FIT / sizeof FIT[0]; i++)
        fit_text(&L->field[FIT[i].f], texts ? texts->text[FIT[i].f] : NULL, measure, ud,
                 FIT[i].min_ratio, FIT[i].max_lines);
    fit_url(&L->field[BADGE_URL], url ? texts->text[BADGE_URL] : NULL, measure, ud, dpi);
    /* The first name stays the largest text even when a long one had to shrink. */
    const BadgeTextBox *first = &L->field[BADGE_FIRST];
    if (texts && texts->text[BADGE_FIRST] && *texts->text[BADGE_FIRST]) {
        for (int f = BADGE_LAST; f <= BADGE_COMPANY; f++) {
            int cap = first->px * (f == BADGE_LAST ? 85 : 70) / 100;
            if (L->field[f].px > cap)
                L->field[f].px = snap_px(cap);
        }
    }
    return 0;
}
