/* badge_render.h — draws a badge into pixels and writes it as PNG or PDF.
 *
 * Software rendering into an image of the label's size (no video subsystem,
 * no window), text through the platform's fonts (platform/font.h) so badges
 * get the same font fallback as the kiosk.
 * The PNG is at the label's dpi; the PDF page is exactly the label size, with the
 * raster embedded at full resolution (cairo). A FontSet belongs to one thread, so
 * whoever renders passes the FontSet of the thread it runs on. */
#ifndef LANYARD_BADGE_RENDER_H
#define LANYARD_BADGE_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "badge/badge_layout.h"
#include "core/event_config.h"
#include "core/guest.h"

typedef struct FontSet FontSet; /* platform/font.h */

/* A rendered badge: pixels of the label's size at its dpi. */
typedef struct BadgeImage BadgeImage;

/* What a badge shows. Strings are UTF-8 and may be NULL or "". */
typedef struct BadgeContent {
    const char *event_name;
    const char *first, *last, *company;
    GuestRole role;
    const char *url; /* encoded in the QR code; NULL or "": no QR code */
} BadgeContent;

/* The label and its colours, usually from event.ini (badge_spec_from_config). */
typedef struct BadgeSpec {
    double w_mm, h_mm;
    int dpi;
    Rgb primary, accent;
} BadgeSpec;

void badge_spec_from_config(const EventConfig *cfg, BadgeSpec *out);

/* Renders the badge as a new image of the label's size in pixels (freed with
 * badge_image_free). If layout is not NULL it receives the geometry used. NULL
 * with err filled on failure. */
BadgeImage *badge_render(FontSet *fs, const BadgeSpec *spec, const BadgeContent *c,
                         BadgeLayout *layout, char *err, size_t errlen);
void badge_image_free(BadgeImage *b);
/* Its size in pixels. */
void badge_image_size(const BadgeImage *b, int *w, int *h);
/* The colour of the pixel at x, y (inside the image). */
Rgb badge_image_pixel(const BadgeImage *b, int x, int y);

/* Writes the badge as PNG. 0, or -1 with err filled (the library's message). */
int badge_save_png(const BadgeImage *badge, const char *path, char *err, size_t errlen);

/* Makes a one-page PDF of exactly w_mm x h_mm holding the badge raster; *data is
 * malloc'd. 0, or -1 with err filled. */
int badge_pdf_memory(const BadgeImage *badge, double w_mm, double h_mm, const char *title,
                     unsigned char **data, size_t *len, char *err, size_t errlen);

/* The same PDF written to a file. */
int badge_save_pdf(const BadgeImage *badge, double w_mm, double h_mm, const char *title,
                   const char *path, char *err, size_t errlen);

#endif
