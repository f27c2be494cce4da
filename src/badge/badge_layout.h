/* badge_layout.h — where everything goes on a badge, in pixels, with no SDL.
 *
 * From the label size (mm), the print resolution and the guest's texts, decides
 * the boxes of the event name band, first name (largest, shrunk to fit), last
 * name, company, role ribbon and QR code, and the pixel size of each text. Text
 * is measured through a callback, so the layout is tested with a fake font and
 * drawn with the real one (platform/font.h). Landscape labels put the QR code at
 * the right of the names; portrait labels stack it below them. The link the
 * code holds is printed under it, for a guest without a phone camera: whole,
 * on up to three lines, never cut. */
#ifndef LANYARD_BADGE_LAYOUT_H
#define LANYARD_BADGE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* Measures one line of text at px pixels; bold != 0 for the bold face. Fills the
 * width and line height in pixels and returns 0, or non-zero on error. */
typedef int (*BadgeMeasureFn)(void *ud, const char *utf8, int px, int bold, int *w, int *h);

typedef struct BadgeRect {
    int x, y, w, h;
} BadgeRect;

/* One text of the badge: its box, its pixel size, and how many lines it may
 * take (the renderer wraps into at most that many, ending in "…"). */
typedef struct BadgeTextBox {
    BadgeRect box;
    int px;
    int max_lines;
    bool bold;
} BadgeTextBox;

typedef enum BadgeField {
    BADGE_EVENT = 0,
    BADGE_FIRST,
    BADGE_LAST,
    BADGE_COMPANY,
    BADGE_ROLE,
    BADGE_URL, /* the QR code's link in print (link_short), under the code */
    BADGE_FIELD_COUNT
} BadgeField;

typedef struct BadgeTexts {
    const char *text[BADGE_FIELD_COUNT]; /* UTF-8; NULL or "" = nothing drawn */
} BadgeTexts;

typedef struct BadgeLayout {
    int width, height; /* the whole label in pixels */
    int margin;        /* safe margin kept free of ink on every side */
    BadgeRect header;  /* coloured band behind the event name */
    BadgeRect ribbon;  /* coloured band behind the role */
    BadgeRect qr;      /* square for the QR code, quiet zone included */
    BadgeTextBox field[BADGE_FIELD_COUNT];
    bool landscape;
} BadgeLayout;

/* Pixels for a length in millimetres at dpi, rounded to nearest. */
int badge_mm_to_px(double mm, int dpi);

/* Lays out a w_mm x h_mm label at dpi. measure may be NULL (no shrinking: each
 * text gets the largest size its box allows). Returns 0, or -1 when the label is
 * too small to hold a badge (under 20 mm on a side) or the dpi is out of range. */
int badge_layout(double w_mm, double h_mm, int dpi, const BadgeTexts *texts, BadgeMeasureFn measure,
                 void *ud, BadgeLayout *out);

#endif
