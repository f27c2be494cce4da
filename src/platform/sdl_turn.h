/* sdl_turn.h — the kiosk's picture turned on a panel mounted turned
 * ([kiosk] rotate; SDL's KMSDRM driver ignores the panel's own rotation).
 *
 * The view is drawn upright into a texture of its size, then copied turned
 * into the window: with a GPU by SDL_RenderCopyEx (one textured quad); with
 * SDL's software renderer, whose turned copy builds and blends new surfaces
 * every frame (~100 ms at 720x1280), by reading the picture back a strip of
 * rows at a time and turning its pixels here (0.4 ms a frame at 1280x720) into
 * a small streaming texture copied as it is, so no second whole frame is kept. */
#ifndef LANYARD_SDL_TURN_H
#define LANYARD_SDL_TURN_H

#include <SDL.h>
#include <stdbool.h>

typedef struct Turn Turn;

/* For pictures turned by rotate (90, 180 or 270 degrees clockwise) on ren.
 * NULL when out of memory. */
Turn *turn_create(SDL_Renderer *ren, int rotate);
void turn_destroy(Turn *t);

/* Makes the upright picture, w x h, the render target. -1 (with SDL's
 * error) when it cannot be made. */
int turn_begin(Turn *t, int w, int h);
/* Copies the upright picture turned into the window, whose size is ww x wh;
 * the window is the render target after. */
void turn_finish(Turn *t, int ww, int wh);
/* The renderer lost its textures: they are made again at the next frame. */
void turn_lost(Turn *t);

/* Turns a w x h picture of 32-bit pixels (pitch in pixels) by rotate into
 * dst, whose pitch is dpitch pixels: (w x h) for 180, (h x w) for 90 and 270. */
void turn_pixels(const Uint32 *src, int w, int h, int pitch, Uint32 *dst, int dpitch, int rotate);

#endif
