/* sdl_turn.c — the picture turned for a panel mounted turned. See sdl_turn.h. */
#include "platform/sdl_turn.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct Turn {
    SDL_Renderer *ren;
    int rotate;
    bool software;        /* SDL's software renderer: turned here */
    SDL_Texture *upright; /* the view as drawn */
    int w, h;
    SDL_Texture *band; /* software: a strip turned, streamed into the window */
    Uint32 *strip;     /* software: rows of the upright picture read back */
};

Turn *turn_create(SDL_Renderer *ren, int rotate)
{
    Turn *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->ren = ren;
    t->rotate = rotate;
    SDL_RendererInfo info;
    t->software = SDL_GetRendererInfo(ren, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    return t;
}

void turn_lost(Turn *t)
{
    if (t->upright)
        SDL_DestroyTexture(t->upright);
    if (t->band)
        SDL_DestroyTexture(t->band);
    free(t->strip);
    t->upright = t->band = NULL;
    t->strip = NULL;
    t->w = t->h = 0;
}

void turn_destroy(Turn *t)
{
    if (!t)
        return;
    turn_lost(t);
    free(t);
}

static bool sideways(const Turn *t)
{
    return t->rotate == 90 || t->rotate == 270;
}

/* Rows turned at a time: a strip, not a whole frame (8 MB at 1080p). */
#define STRIP 64

/* The textures (and the read-back strip) for a w x h view. */
static int make(Turn *t, int w, int h)
{
    turn_lost(t);
    t->upright =
        SDL_CreateTexture(t->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!t->upright)
        return -1;
    /* Opaque: copied as it is, never blended. */
    SDL_SetTextureBlendMode(t->upright, SDL_BLENDMODE_NONE);
    if (t->software) {
        /* A strip of rows turned: STRIP columns as tall as the view is wide,
         * or (a half turn) as many rows. */
        t->band = SDL_CreateTexture(t->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                    sideways(t) ? STRIP : w, sideways(t) ? w : STRIP);
        t->strip = malloc((size_t)w * STRIP * sizeof *t->strip);
        if (!t->band || !t->strip) {
            turn_lost(t);
            return SDL_SetError("out of memory for the turned picture");
        }
        SDL_SetTextureBlendMode(t->band, SDL_BLENDMODE_NONE);
    }
    t->w = w;
    t->h = h;
    return 0;
}

int turn_begin(Turn *t, int w, int h)
{
    if ((!t->upright || t->w != w || t->h != h) && make(t, w, h) != 0)
        return -1;
    return SDL_SetRenderTarget(t->ren, t->upright);
}

/* A quarter turn, in tiles that keep both the rows read and the columns
 * written in the cache: view pixel (x, y) shows at window (h-1-y, x) turned
 * clockwise, at (y, w-1-x) anticlockwise (sdl_input.h). */
#define TILE 32

static void quarter(const Uint32 *src, int w, int h, int pitch, Uint32 *dst, int dpitch, bool cw)
{
    for (int ty = 0; ty < h; ty += TILE) {
        int ey = ty + TILE < h ? ty + TILE : h;
        for (int tx = 0; tx < w; tx += TILE) {
            int n = tx + TILE < w ? TILE : w - tx;
            for (int y = ty; y < ey; y++) {
                const Uint32 *s = src + (size_t)y * (size_t)pitch + tx;
                Uint32 *d = cw ? dst + (size_t)tx * (size_t)dpitch + (size_t)(h - 1 - y)
                               : dst + (size_t)(w - 1 - tx) * (size_t)dpitch + (size_t)y;
                ptrdiff_t step = cw ? dpitch : -(ptrdiff_t)dpitch;
                for (int i = 0; i < n; i++, d += step)
                    *d = s[i];
            }
        }
    }
}

void turn_pixels(const Uint32 *src, int w, int h, int pitch, Uint32 *dst, int dpitch, int rotate)
{
    if (rotate == 90 || rotate == 270) {
        quarter(src, w, h, pitch, dst, dpitch, rotate == 90);
        return;
    }
    for (int y = 0; y < h; y++) { /* a half turn: each row reversed, in reverse order */
        const Uint32 *s = src + (size_t)y * (size_t)pitch;
        Uint32 *d = dst + (size_t)(h - 1 - y) * (size_t)dpitch + (size_t)(w - 1);
        for (int x = 0; x < w; x++)
            *d-- = s[x];
    }
}

/* Where the strip of rows [y0, y0 + n) of the upright picture shows in the
 * window: a band of n columns (a quarter turn) or rows (a half turn). */
static SDL_Rect band_rect(const Turn *t, int y0, int n)
{
    switch (t->rotate) {
    case 90:
        return (SDL_Rect){t->h - n - y0, 0, n, t->w};
    case 180:
        return (SDL_Rect){0, t->h - n - y0, t->w, n};
    default:
        return (SDL_Rect){y0, 0, n, t->w};
    }
}

/* Strip by strip: read back from the upright picture, turned into the band
 * texture, copied into the window (locking the band again waits for that
 * copy, so one band serves them all). */
static void finish_software(Turn *t)
{
    for (int y0 = 0; y0 < t->h; y0 += STRIP) {
        int n = y0 + STRIP < t->h ? STRIP : t->h - y0;
        SDL_Rect rows = {0, y0, t->w, n}, band = band_rect(t, y0, n), src = {0, 0, band.w, band.h};
        void *pixels;
        int pitch;
        SDL_SetRenderTarget(t->ren, t->upright);
        if (SDL_RenderReadPixels(t->ren, &rows, SDL_PIXELFORMAT_ARGB8888, t->strip,
                                 t->w * (int)sizeof *t->strip) != 0 ||
            SDL_LockTexture(t->band, &src, &pixels, &pitch) != 0)
            break;
        turn_pixels(t->strip, t->w, n, t->w, pixels, pitch / (int)sizeof(Uint32), t->rotate);
        SDL_UnlockTexture(t->band);
        SDL_SetRenderTarget(t->ren, NULL);
        SDL_RenderCopy(t->ren, t->band, &src, &band);
    }
    SDL_SetRenderTarget(t->ren, NULL);
}

void turn_finish(Turn *t, int ww, int wh)
{
    if (!t->upright) {
        SDL_SetRenderTarget(t->ren, NULL);
        return;
    }
    if (t->software) {
        finish_software(t);
        return;
    }
    SDL_SetRenderTarget(t->ren, NULL);
    SDL_SetRenderDrawColor(t->ren, 0, 0, 0, 255);
    SDL_RenderClear(t->ren);
    /* Centred on the window, then turned about its centre onto it. */
    SDL_Rect dst = {(ww - t->w) / 2, (wh - t->h) / 2, t->w, t->h};
    SDL_RenderCopyEx(t->ren, t->upright, NULL, &dst, t->rotate, NULL, SDL_FLIP_NONE);
}
