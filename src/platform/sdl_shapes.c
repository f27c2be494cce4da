/* sdl_shapes.c — see sdl_shapes.h. */
#include "platform/sdl_shapes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_CORNERS 64
#define MAX_RADIUS 256

typedef struct Corner {
    int radius, thick; /* thick 0: filled */
    SDL_Texture *tex;
} Corner;

struct ShapeCache {
    SDL_Renderer *r;
    Corner corners[MAX_CORNERS];
    int ncorners;
    int next_evict;
};

ShapeCache *shape_cache_create(SDL_Renderer *r)
{
    ShapeCache *sc = calloc(1, sizeof *sc);
    if (sc)
        sc->r = r;
    return sc;
}

void shape_cache_clear(ShapeCache *sc)
{
    for (int i = 0; i < sc->ncorners; i++)
        SDL_DestroyTexture(sc->corners[i].tex);
    sc->ncorners = 0;
    sc->next_evict = 0;
}

void shape_cache_destroy(ShapeCache *sc)
{
    if (!sc)
        return;
    shape_cache_clear(sc);
    free(sc);
}

/* Coverage (0..255) of the top-left quarter of a circle of radius rad centred
 * at (rad, rad), or of its ring of width thick, 4x4 samples per pixel. */
static Uint8 coverage(int x, int y, int rad, int thick)
{
    int inside = 0;
    float outer = (float)rad, inner = thick ? (float)(rad - thick) : -1.0f;
    for (int sy = 0; sy < 4; sy++)
        for (int sx = 0; sx < 4; sx++) {
            float px = (float)x + ((float)sx + 0.5f) / 4.0f - (float)rad;
            float py = (float)y + ((float)sy + 0.5f) / 4.0f - (float)rad;
            float d = sqrtf(px * px + py * py);
            inside += d <= outer && d >= inner;
        }
    return (Uint8)(inside * 255 / 16);
}

static SDL_Texture *corner(ShapeCache *sc, int rad, int thick)
{
    for (int i = 0; i < sc->ncorners; i++)
        if (sc->corners[i].radius == rad && sc->corners[i].thick == thick)
            return sc->corners[i].tex;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, rad, rad, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < rad; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < rad; x++)
            row[x] = (Uint32)coverage(x, y, rad, thick) << 24 | 0xFFFFFFu;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(sc->r, s);
    SDL_FreeSurface(s);
    if (!t) {
        fprintf(stderr, "lanyard: cannot make a corner texture: %s\n", SDL_GetError());
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    int slot;
    if (sc->ncorners < MAX_CORNERS) {
        slot = sc->ncorners++;
    } else { /* full (a theme with many sizes): replace round-robin */
        slot = sc->next_evict++ % MAX_CORNERS;
        SDL_DestroyTexture(sc->corners[slot].tex);
    }
    sc->corners[slot] = (Corner){rad, thick, t};
    return t;
}

/* The four corners of q, tinted c. */
static void corners(ShapeCache *sc, SDL_Rect q, int rad, int thick, SDL_Color c)
{
    SDL_Texture *t = corner(sc, rad, thick);
    if (!t)
        return;
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
    SDL_Rect d[4] = {{q.x, q.y, rad, rad},
                     {q.x + q.w - rad, q.y, rad, rad},
                     {q.x, q.y + q.h - rad, rad, rad},
                     {q.x + q.w - rad, q.y + q.h - rad, rad, rad}};
    SDL_RendererFlip flips[4] = {SDL_FLIP_NONE, SDL_FLIP_HORIZONTAL, SDL_FLIP_VERTICAL,
                                 (SDL_RendererFlip)(SDL_FLIP_HORIZONTAL | SDL_FLIP_VERTICAL)};
    for (int i = 0; i < 4; i++)
        SDL_RenderCopyEx(sc->r, t, NULL, &d[i], 0, NULL, flips[i]);
}

/* Opaque fills are copies, not blends: much cheaper in the software renderer. */
static void set_colour(ShapeCache *sc, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(sc->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(sc->r, c.r, c.g, c.b, c.a);
}

static int clamp_radius(SDL_Rect q, int rad)
{
    if (rad * 2 > q.w)
        rad = q.w / 2;
    if (rad * 2 > q.h)
        rad = q.h / 2;
    if (rad > MAX_RADIUS)
        rad = MAX_RADIUS;
    return rad < 0 ? 0 : rad;
}

void shape_fill(ShapeCache *sc, SDL_Rect q, int radius, SDL_Color c)
{
    if (q.w <= 0 || q.h <= 0)
        return;
    int rad = clamp_radius(q, radius);
    set_colour(sc, c);
    if (rad <= 1) {
        SDL_RenderFillRect(sc->r, &q);
        return;
    }
    SDL_Rect body[3] = {{q.x + rad, q.y, q.w - 2 * rad, rad},
                        {q.x, q.y + rad, q.w, q.h - 2 * rad},
                        {q.x + rad, q.y + q.h - rad, q.w - 2 * rad, rad}};
    SDL_RenderFillRects(sc->r, body, 3);
    corners(sc, q, rad, 0, c);
}

void shape_frame(ShapeCache *sc, SDL_Rect q, int radius, int thick, SDL_Color c)
{
    if (q.w <= 0 || q.h <= 0 || thick <= 0)
        return;
    if (thick * 2 >= q.w || thick * 2 >= q.h) {
        shape_fill(sc, q, radius, c);
        return;
    }
    int rad = clamp_radius(q, radius);
    set_colour(sc, c);
    if (rad <= 1 || thick >= rad) {
        SDL_Rect s[4] = {{q.x, q.y, q.w, thick},
                         {q.x, q.y + q.h - thick, q.w, thick},
                         {q.x, q.y + thick, thick, q.h - 2 * thick},
                         {q.x + q.w - thick, q.y + thick, thick, q.h - 2 * thick}};
        SDL_RenderFillRects(sc->r, s, 4);
        return;
    }
    SDL_Rect s[4] = {{q.x + rad, q.y, q.w - 2 * rad, thick},
                     {q.x + rad, q.y + q.h - thick, q.w - 2 * rad, thick},
                     {q.x, q.y + rad, thick, q.h - 2 * rad},
                     {q.x + q.w - thick, q.y + rad, thick, q.h - 2 * rad}};
    SDL_RenderFillRects(sc->r, s, 4);
    corners(sc, q, rad, thick, c);
}

void shape_line(ShapeCache *sc, int x0, int y0, int x1, int y1, int thick, SDL_Color c)
{
    float dx = (float)(x1 - x0), dy = (float)(y1 - y0), len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float h = (float)thick / 2.0f;
    float nx = -dy / len * h, ny = dx / len * h;
    /* Extend the ends by half the thickness so joined strokes meet. */
    float ex = dx / len * h, ey = dy / len * h;
    float fx0 = (float)x0, fy0 = (float)y0, fx1 = (float)x1, fy1 = (float)y1;
    SDL_Vertex v[4] = {
        {{fx0 + nx - ex, fy0 + ny - ey}, c, {0, 0}},
        {{fx1 + nx + ex, fy1 + ny + ey}, c, {0, 0}},
        {{fx1 - nx + ex, fy1 - ny + ey}, c, {0, 0}},
        {{fx0 - nx - ex, fy0 - ny - ey}, c, {0, 0}},
    };
    int idx[6] = {0, 1, 2, 0, 2, 3};
    set_colour(sc, c);
    SDL_RenderGeometry(sc->r, NULL, v, 4, idx, 6);
}
