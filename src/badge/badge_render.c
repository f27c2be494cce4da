/* badge_render.c — badge pixels (SDL software surfaces), PNG (SDL2_image) and
 * PDF (cairo). Needs TTF only; never touches the video subsystem. */
#include "badge/badge_render.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <cairo-pdf.h>
#include <cairo.h>

#include "core/file.h"
#include "core/link.h"
#include "core/name.h"
#include "core/qr.h"
#include "platform/font.h"

#define MAX_LINES 4

static const SDL_Color INK = {0x14, 0x14, 0x14, 0xFF};
static const SDL_Color INK_SOFT = {0x3A, 0x3A, 0x3A, 0xFF};
static const SDL_Color WHITE = {0xFF, 0xFF, 0xFF, 0xFF};

void badge_spec_from_config(const EventConfig *cfg, BadgeSpec *out)
{
    out->w_mm = cfg->badge_w_mm;
    out->h_mm = cfg->badge_h_mm;
    out->dpi = cfg->badge_dpi;
    out->primary = cfg->primary;
    out->accent = cfg->accent;
}

static int measure(void *ud, const char *utf8, int px, int bold, int *w, int *h)
{
    return font_measure(ud, utf8, px, bold ? FONT_BOLD : FONT_REGULAR, w, h);
}

static Uint32 map(SDL_Surface *s, Rgb c)
{
    return SDL_MapRGB(s->format, c.r, c.g, c.b);
}

static SDL_Rect sdl_rect(BadgeRect r)
{
    SDL_Rect s = {r.x, r.y, r.w, r.h};
    return s;
}

/* Dark text on light colours, white on dark ones (relative luminance, ITU-R 601). */
static SDL_Color text_on(Rgb bg)
{
    int y = (299 * bg.r + 587 * bg.g + 114 * bg.b) / 1000;
    return y > 150 ? INK : WHITE;
}

static Rgb role_colour(GuestRole role, Rgb accent)
{
    static const Rgb STAFF = {0xB3, 0x26, 0x1E}, EDUCATOR = {0x2E, 0x7D, 0x32},
                     STUDENT = {0x6A, 0x1B, 0x9A};
    switch (role) {
    case ROLE_STAFF:
        return STAFF;
    case ROLE_EDUCATOR:
        return EDUCATOR;
    case ROLE_STUDENT:
        return STUDENT;
    case ROLE_INDUSTRY_PARTNER:
    default:
        return accent;
    }
}

/* Draws text wrapped into its box's lines, each line centred, the block centred
 * vertically; clipped to the box so that nothing can leave it. */
static int draw_text(FontSet *fs, SDL_Surface *dst, const BadgeTextBox *t, const char *text,
                     SDL_Color colour, char *err, size_t errlen)
{
    if (!text || !*text || t->box.w <= 0 || t->box.h <= 0 || t->px <= 0)
        return 0;
    FontWeight weight = t->bold ? FONT_BOLD : FONT_REGULAR;
    char *lines[MAX_LINES] = {0};
    size_t max = t->max_lines > MAX_LINES ? MAX_LINES : (size_t)t->max_lines;
    size_t n = font_wrap(fs, text, t->px, weight, t->box.w, lines, max);
    SDL_Surface *surf[MAX_LINES] = {0};
    int rc = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!lines[i] || !*lines[i])
            continue;
        surf[i] = font_render(fs, lines[i], t->px, weight, colour);
        if (!surf[i]) {
            snprintf(err, errlen, "cannot draw \"%s\": %s", lines[i], SDL_GetError());
            rc = -1;
            break;
        }
        total += surf[i]->h;
    }
    SDL_Rect clip = sdl_rect(t->box);
    SDL_SetClipRect(dst, &clip);
    int y = t->box.y + (t->box.h - total) / 2;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!surf[i])
            continue;
        SDL_Rect at = {t->box.x + (t->box.w - surf[i]->w) / 2, y, surf[i]->w, surf[i]->h};
        if (surf[i]->w > t->box.w)
            at.x = t->box.x;
        SDL_SetSurfaceBlendMode(surf[i], SDL_BLENDMODE_BLEND);
        if (SDL_BlitSurface(surf[i], NULL, dst, &at) != 0) {
            snprintf(err, errlen, "cannot draw text: %s", SDL_GetError());
            rc = -1;
        }
        y += surf[i]->h;
    }
    SDL_SetClipRect(dst, NULL);
    for (size_t i = 0; i < n; i++) {
        SDL_FreeSurface(surf[i]);
        free(lines[i]);
    }
    return rc;
}

static int draw_qr(SDL_Surface *dst, BadgeRect box, const char *url, char *err, size_t errlen)
{
    QrCode qr;
    if (qr_encode(url, &qr, err, errlen) != 0)
        return -1;
    int ppm = qr_scale(qr.size, box.w < box.h ? box.w : box.h);
    if (ppm < 1) {
        snprintf(err, errlen, "the label is too small for a QR code of this link (%d modules)",
                 qr.size);
        qr_free(&qr);
        return -1;
    }
    int side = qr.size * ppm;
    int x0 = box.x + (box.w - side) / 2, y0 = box.y + (box.h - side) / 2;
    Uint32 black = SDL_MapRGB(dst->format, 0, 0, 0);
    SDL_Rect quiet = {x0 - QR_QUIET * ppm, y0 - QR_QUIET * ppm, side + 2 * QR_QUIET * ppm,
                      side + 2 * QR_QUIET * ppm};
    SDL_FillRect(dst, &quiet, SDL_MapRGB(dst->format, 0xFF, 0xFF, 0xFF));
    for (int r = 0; r < qr.size; r++) {
        /* One rectangle per horizontal run of dark modules. */
        int c = 0;
        while (c < qr.size) {
            if (!qr.dark[r * qr.size + c]) {
                c++;
                continue;
            }
            int start = c;
            while (c < qr.size && qr.dark[r * qr.size + c])
                c++;
            SDL_Rect run = {x0 + start * ppm, y0 + r * ppm, (c - start) * ppm, ppm};
            SDL_FillRect(dst, &run, black);
        }
    }
    qr_free(&qr);
    return 0;
}

static void upper_ascii(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x80)
            *s = (char)toupper((unsigned char)*s);
}

struct BadgeImage {
    SDL_Surface *s; /* RGB888 */
};

void badge_image_free(BadgeImage *b)
{
    if (!b)
        return;
    SDL_FreeSurface(b->s);
    free(b);
}

void badge_image_size(const BadgeImage *b, int *w, int *h)
{
    *w = b->s->w;
    *h = b->s->h;
}

Rgb badge_image_pixel(const BadgeImage *b, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)b->s->pixels + y * b->s->pitch);
    Rgb c;
    SDL_GetRGB(row[x], b->s->format, &c.r, &c.g, &c.b);
    return c;
}

/* Draws the badge's texts and QR code on s, laid out as L. 0 or -1. */
static int draw_badge(FontSet *fs, SDL_Surface *s, const BadgeSpec *spec, const BadgeContent *c,
                      const BadgeTexts *texts, const BadgeLayout *L, char *err, size_t errlen)
{
    static const Rgb WHITE_RGB = {0xFF, 0xFF, 0xFF};
    SDL_FillRect(s, NULL, map(s, WHITE_RGB));

    SDL_Rect header = sdl_rect(L->header);
    SDL_FillRect(s, &header, map(s, spec->primary));
    /* A stripe of the accent colour under the event name. */
    SDL_Rect stripe = {header.x, header.y + header.h - header.h / 10, header.w, header.h / 10};
    SDL_FillRect(s, &stripe, map(s, spec->accent));
    Rgb ribbon_rgb = role_colour(c->role, spec->accent);
    SDL_Rect ribbon = sdl_rect(L->ribbon);
    SDL_FillRect(s, &ribbon, map(s, ribbon_rgb));

    const char *const *t = texts->text;
    int rc = draw_text(fs, s, &L->field[BADGE_EVENT], t[BADGE_EVENT], text_on(spec->primary), err,
                       errlen);
    if (rc == 0)
        rc = draw_text(fs, s, &L->field[BADGE_FIRST], t[BADGE_FIRST], INK, err, errlen);
    if (rc == 0)
        rc = draw_text(fs, s, &L->field[BADGE_LAST], t[BADGE_LAST], INK, err, errlen);
    if (rc == 0)
        rc = draw_text(fs, s, &L->field[BADGE_COMPANY], t[BADGE_COMPANY], INK_SOFT, err, errlen);
    if (rc == 0)
        rc = draw_text(fs, s, &L->field[BADGE_ROLE], t[BADGE_ROLE], text_on(ribbon_rgb), err,
                       errlen);
    if (rc == 0 && c->url && *c->url)
        rc = draw_qr(s, L->qr, c->url, err, errlen);
    if (rc == 0)
        rc = draw_text(fs, s, &L->field[BADGE_URL], t[BADGE_URL], INK, err, errlen);
    return rc;
}

static SDL_Surface *render_surface(FontSet *fs, const BadgeSpec *spec, const BadgeContent *c,
                                   BadgeLayout *layout, char *err, size_t errlen)
{
    char role[64];
    snprintf(role, sizeof role, "%s", guest_role_name(c->role));
    upper_ascii(role);
    const char *url = c->url && *c->url ? link_short(c->url) : NULL;
    BadgeTexts texts = {{c->event_name, c->first, c->last, c->company, role, url}};
    /* A Chinese, Japanese or Korean name is one line, family name first (王芳):
     * the first name's line, with the last name's room given to it. */
    char *full = NULL;
    if (name_order(c->first, c->last) == NAME_FAMILY_FIRST && c->last && *c->last) {
        full = name_full(c->first, c->last);
        if (!full) {
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
        texts.text[BADGE_FIRST] = full;
        texts.text[BADGE_LAST] = NULL;
    }
    SDL_Surface *s = NULL;
    BadgeLayout L;
    if (badge_layout(spec->w_mm, spec->h_mm, spec->dpi, &texts, measure, fs, &L) != 0) {
        snprintf(err, errlen, "cannot lay out a %.1f x %.1f mm badge at %d dpi", spec->w_mm,
                 spec->h_mm, spec->dpi);
        goto out;
    }
    if (layout)
        *layout = L;
    s = SDL_CreateRGBSurfaceWithFormat(0, L.width, L.height, 32, SDL_PIXELFORMAT_RGB888);
    if (!s) {
        snprintf(err, errlen, "cannot make a %dx%d badge image: %s", L.width, L.height,
                 SDL_GetError());
        goto out;
    }
    if (draw_badge(fs, s, spec, c, &texts, &L, err, errlen) != 0) {
        SDL_FreeSurface(s);
        s = NULL;
    }
out:
    free(full);
    return s;
}

BadgeImage *badge_render(FontSet *fs, const BadgeSpec *spec, const BadgeContent *c,
                         BadgeLayout *layout, char *err, size_t errlen)
{
    BadgeImage *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->s = render_surface(fs, spec, c, layout, err, errlen);
    if (!b->s) {
        free(b);
        return NULL;
    }
    return b;
}

/* Ends writing a badge file: flushes and closes f, and on any failure (a full
 * disk shows only here, when the buffer goes out) removes what was written, so
 * no empty or cut-off badge stays under its name. ok: the writes so far went
 * well; why: their error when not. 0 or -1 with err set. */
static int finish_file(FILE *f, bool ok, const char *why, const char *path, char *err,
                       size_t errlen)
{
    int e = 0;
    if (ok && (fflush(f) != 0 || ferror(f)))
        e = errno ? errno : EIO;
    if (fclose(f) != 0 && ok && !e)
        e = errno ? errno : EIO;
    if (ok && !e)
        return 0;
    snprintf(err, errlen, "cannot write %s: %s", path, e ? strerror(e) : why);
    unlink(path);
    return -1;
}

int badge_save_png(const BadgeImage *image, const char *path, char *err, size_t errlen)
{
    SDL_Surface *badge = image->s;
    /* Opened here rather than by IMG_SavePNG, whose message drops the reason
     * and which does not see a write that fails when the file is closed. */
    /* Badges carry a name and a link: readable by the kiosk's user only. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    SDL_RWops *rw = SDL_RWFromFP(f, SDL_FALSE);
    errno = 0;
    bool ok = rw && IMG_SavePNG_RW(badge, rw, 1) == 0;
    /* SDL's error text only when there is one: reading it makes SDL allocate
     * per-thread state, which a thread SDL did not start must free itself. */
    return finish_file(f, ok, ok ? "" : IMG_GetError(), path, err, errlen);
}

/* ---- PDF ---- */

typedef struct MemBuf {
    unsigned char *data;
    size_t len, cap;
} MemBuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length)
{
    MemBuf *b = closure;
    if (b->len + length > b->cap) {
        size_t cap = (b->len + length) * 2;
        unsigned char *p = realloc(b->data, cap);
        if (!p)
            return CAIRO_STATUS_NO_MEMORY;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, length);
    b->len += length;
    return CAIRO_STATUS_SUCCESS;
}

int badge_pdf_memory(const BadgeImage *image, double w_mm, double h_mm, const char *title,
                     unsigned char **data, size_t *len, char *err, size_t errlen)
{
    SDL_Surface *badge = image->s;
    *data = NULL;
    *len = 0;
    /* cairo's RGB24 is a native-endian 32-bit xRGB word, as SDL's RGB888. */
    SDL_Surface *px = badge;
    if (badge->format->format != SDL_PIXELFORMAT_RGB888 ||
        badge->pitch != cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, badge->w)) {
        px = SDL_ConvertSurfaceFormat(badge, SDL_PIXELFORMAT_RGB888, 0);
        if (!px || px->pitch != cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, px->w)) {
            snprintf(err, errlen, "cannot convert the badge image: %s", SDL_GetError());
            SDL_FreeSurface(px);
            return -1;
        }
    }
    MemBuf buf = {0};
    double w_pt = w_mm / 25.4 * 72.0, h_pt = h_mm / 25.4 * 72.0;
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(mem_write, &buf, w_pt, h_pt);
    cairo_surface_t *img = cairo_image_surface_create_for_data(px->pixels, CAIRO_FORMAT_RGB24,
                                                               px->w, px->h, px->pitch);
    if (title && *title)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "Lanyard");
    cairo_t *cr = cairo_create(pdf);
    /* Stretch the raster over the whole page: pixel sizes were rounded from mm. */
    cairo_scale(cr, w_pt / px->w, h_pt / px->h);
    cairo_set_source_surface(cr, img, 0, 0);
    /* No smoothing: QR modules must stay sharp squares. */
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    cairo_surface_destroy(img);
    if (px != badge)
        SDL_FreeSurface(px);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cannot make the badge PDF: %s", cairo_status_to_string(st));
        free(buf.data);
        return -1;
    }
    *data = buf.data;
    *len = buf.len;
    return 0;
}

int badge_save_pdf(const BadgeImage *badge, double w_mm, double h_mm, const char *title,
                   const char *path, char *err, size_t errlen)
{
    unsigned char *data;
    size_t len;
    if (badge_pdf_memory(badge, w_mm, h_mm, title, &data, &len, err, errlen) != 0)
        return -1;
    /* Badges carry a name and a link: readable by the kiosk's user only. */
    int rc = file_write(path, data, len, 0600, 0);
    if (rc != 0)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    free(data);
    return rc;
}
