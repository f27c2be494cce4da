/* texture_cache.h — text rendered once, drawn many times.
 *
 * Text textures are cached by (text, size, weight, colour) and measurements by
 * (text, size, weight), each with a bound (entries and texture bytes); the least
 * recently used go first. Frames then cost a lookup per label, not a shaping
 * and rasterising pass. Belongs to one renderer and one thread. */
#ifndef LANYARD_TEXTURE_CACHE_H
#define LANYARD_TEXTURE_CACHE_H

#include <SDL.h>
#include <stddef.h>

#include "platform/font.h"

typedef struct TextureCache TextureCache;

/* max_bytes bounds the pixel memory of cached textures. NULL on ENOMEM. */
TextureCache *texture_cache_create(SDL_Renderer *r, FontSet *fs, size_t max_entries,
                                   size_t max_bytes);
void texture_cache_destroy(TextureCache *tc);

/* The texture of one line; *w, *h its size. NULL when it cannot be rendered
 * (the error is reported once per text on stderr). Valid until the next call. */
SDL_Texture *texture_cache_text(TextureCache *tc, const char *utf8, int px, FontWeight weight,
                                SDL_Color c, int *w, int *h);
/* Measures through the cache. 0 on success. */
int texture_cache_measure(TextureCache *tc, const char *utf8, int px, FontWeight weight, int *w,
                          int *h);
/* Drops all textures (after the renderer lost them). */
void texture_cache_clear(TextureCache *tc);

typedef struct TextureCacheStats {
    size_t entries, bytes, hits, misses, evictions;
} TextureCacheStats;
void texture_cache_stats(const TextureCache *tc, TextureCacheStats *out);

#endif
