/* texture_cache.c — see texture_cache.h. Two small hash tables with chaining;
 * eviction scans for the oldest entry, which is cheap at these sizes and only
 * happens on a miss when full. */
#include "platform/texture_cache.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 1024
#define MEASURE_ENTRIES 4096

typedef struct Entry {
    char *text;
    uint32_t hash;
    int px;
    FontWeight weight;
    uint32_t rgba;
    SDL_Texture *tex; /* NULL in the measure table */
    int w, h;
    size_t bytes;
    uint64_t used;
    int next; /* chain, -1 ends */
    bool live;
} Entry;

typedef struct Table {
    Entry *e;
    size_t cap, count, bytes;
    int heads[NBUCKETS];
    int free_head;
} Table;

struct TextureCache {
    SDL_Renderer *r;
    FontSet *fs;
    size_t max_bytes;
    uint64_t clock;
    Table tex, meas;
    TextureCacheStats stats;
};

static int table_init(Table *t, size_t cap)
{
    t->e = calloc(cap, sizeof *t->e);
    if (!t->e)
        return -1;
    t->cap = cap;
    for (int i = 0; i < NBUCKETS; i++)
        t->heads[i] = -1;
    return 0;
}

static uint32_t hash_key(const char *s, int px, FontWeight w, uint32_t rgba)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ (uint32_t)px) * 16777619u;
    h = (h ^ (uint32_t)w) * 16777619u;
    h = (h ^ rgba) * 16777619u;
    return h;
}

static int table_find(Table *t, uint32_t h, const char *s, int px, FontWeight w, uint32_t rgba)
{
    for (int i = t->heads[h % NBUCKETS]; i >= 0; i = t->e[i].next) {
        Entry *e = &t->e[i];
        if (e->hash == h && e->px == px && e->weight == w && e->rgba == rgba && !strcmp(e->text, s))
            return i;
    }
    return -1;
}

static void table_remove(Table *t, int i)
{
    Entry *e = &t->e[i];
    int *link = &t->heads[e->hash % NBUCKETS];
    while (*link != i)
        link = &t->e[*link].next;
    *link = e->next;
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->text);
    t->bytes -= e->bytes;
    t->count--;
    memset(e, 0, sizeof *e);
}

static int oldest(const Table *t)
{
    int best = -1;
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].live && (best < 0 || t->e[i].used < t->e[best].used))
            best = (int)i;
    return best;
}

/* A free slot, evicting the least recently used when full or over budget. */
static int table_slot(TextureCache *tc, Table *t, size_t need_bytes, size_t max_bytes)
{
    while (t->count > 0 && (t->count >= t->cap || t->bytes + need_bytes > max_bytes)) {
        table_remove(t, oldest(t));
        tc->stats.evictions++;
    }
    for (size_t i = 0; i < t->cap; i++)
        if (!t->e[i].live)
            return (int)i;
    return -1;
}

static int table_insert(TextureCache *tc, Table *t, Entry *src, size_t max_bytes)
{
    int i = table_slot(tc, t, src->bytes, max_bytes);
    if (i < 0)
        return -1;
    Entry *e = &t->e[i];
    *e = *src;
    e->live = true;
    e->next = t->heads[e->hash % NBUCKETS];
    t->heads[e->hash % NBUCKETS] = i;
    t->count++;
    t->bytes += e->bytes;
    return i;
}

static void table_clear(Table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].live)
            table_remove(t, (int)i);
}

TextureCache *texture_cache_create(SDL_Renderer *r, FontSet *fs, size_t max_entries,
                                   size_t max_bytes)
{
    TextureCache *tc = calloc(1, sizeof *tc);
    if (!tc)
        return NULL;
    tc->r = r;
    tc->fs = fs;
    tc->max_bytes = max_bytes;
    if (table_init(&tc->tex, max_entries) != 0 || table_init(&tc->meas, MEASURE_ENTRIES) != 0) {
        texture_cache_destroy(tc);
        return NULL;
    }
    return tc;
}

void texture_cache_destroy(TextureCache *tc)
{
    if (!tc)
        return;
    if (tc->tex.e)
        table_clear(&tc->tex);
    if (tc->meas.e)
        table_clear(&tc->meas);
    free(tc->tex.e);
    free(tc->meas.e);
    free(tc);
}

void texture_cache_clear(TextureCache *tc)
{
    table_clear(&tc->tex);
}

static uint32_t pack(SDL_Color c)
{
    return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

SDL_Texture *texture_cache_text(TextureCache *tc, const char *utf8, int px, FontWeight weight,
                                SDL_Color c, int *w, int *h)
{
    uint32_t rgba = pack(c);
    uint32_t hs = hash_key(utf8, px, weight, rgba);
    int i = table_find(&tc->tex, hs, utf8, px, weight, rgba);
    if (i >= 0) {
        Entry *e = &tc->tex.e[i];
        e->used = ++tc->clock;
        tc->stats.hits++;
        *w = e->w;
        *h = e->h;
        return e->tex;
    }
    tc->stats.misses++;
    SDL_Surface *s = font_render(tc->fs, utf8, px, weight, c);
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(tc->r, s);
    if (!t) {
        fprintf(stderr, "lanyard: cannot make a text texture: %s\n", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    Entry n = {0};
    n.text = strdup(utf8);
    n.hash = hs;
    n.px = px;
    n.weight = weight;
    n.rgba = rgba;
    n.tex = t;
    n.w = s->w;
    n.h = s->h;
    n.bytes = (size_t)s->w * (size_t)s->h * 4;
    n.used = ++tc->clock;
    SDL_FreeSurface(s);
    *w = n.w;
    *h = n.h;
    if (!n.text || table_insert(tc, &tc->tex, &n, tc->max_bytes) < 0) {
        /* Not cached (no memory): still draw it this once, via a leak-free path. */
        free(n.text);
        SDL_DestroyTexture(t);
        return NULL;
    }
    return t;
}

int texture_cache_measure(TextureCache *tc, const char *utf8, int px, FontWeight weight, int *w,
                          int *h)
{
    uint32_t hs = hash_key(utf8, px, weight, 0);
    int i = table_find(&tc->meas, hs, utf8, px, weight, 0);
    if (i >= 0) {
        Entry *e = &tc->meas.e[i];
        e->used = ++tc->clock;
        *w = e->w;
        *h = e->h;
        return 0;
    }
    if (font_measure(tc->fs, utf8, px, weight, w, h) != 0)
        return -1;
    Entry n = {0};
    n.text = strdup(utf8);
    if (!n.text)
        return 0; /* measured, just not cached */
    n.hash = hs;
    n.px = px;
    n.weight = weight;
    n.w = *w;
    n.h = *h;
    n.used = ++tc->clock;
    if (table_insert(tc, &tc->meas, &n, SIZE_MAX) < 0)
        free(n.text);
    return 0;
}

void texture_cache_stats(const TextureCache *tc, TextureCacheStats *out)
{
    *out = tc->stats;
    out->entries = tc->tex.count;
    out->bytes = tc->tex.bytes;
}
