/* sdl_shapes.h — rounded rectangles (filled and outlined) and thick lines on an
 * SDL renderer, cheap enough for SDL's software renderer.
 *
 * A rounded corner is a small anti-aliased alpha texture, made once per
 * (radius, thickness) and tinted per draw; the straight parts are plain
 * rectangles. That is several times faster than triangulating each corner
 * with SDL_RenderGeometry, and smoother. Lines (check marks, chevrons) are
 * quads. Belongs to one renderer and one thread. */
#ifndef LANYARD_SDL_SHAPES_H
#define LANYARD_SDL_SHAPES_H

#include <SDL.h>

typedef struct ShapeCache ShapeCache;

ShapeCache *shape_cache_create(SDL_Renderer *r); /* NULL on ENOMEM */
void shape_cache_destroy(ShapeCache *sc);
/* Drops the textures (after the renderer lost them). */
void shape_cache_clear(ShapeCache *sc);

void shape_fill(ShapeCache *sc, SDL_Rect q, int radius, SDL_Color c);
void shape_frame(ShapeCache *sc, SDL_Rect q, int radius, int thick, SDL_Color c);
void shape_line(ShapeCache *sc, int x0, int y0, int x1, int y1, int thick, SDL_Color c);

#endif
