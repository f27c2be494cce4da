/* search.c — the kiosk's "Find me" index (see search.h): building it.
 *
 * Every guest's first name, last name and company are folded once (search_fold)
 * and cut into words (search_words.c); the words live in an arena that never
 * moves, so a sorted array of (word, guest) references can point straight at
 * them. Guests are ranked by (first, last, company, id) when they are committed
 * (search_merge.c), and a query walks the references (search_query.c).
 *
 * A guest added again with the same id replaces the old entry, which is marked
 * dead: its references are skipped, then dropped at a rebuild. An id map finds
 * the old entry. */
#include "core/search.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search_internal.h"
#include "core/text.h"

#define ARENA_CHUNK 65536

/* ---- arena: strings that never move ---- */

typedef struct SearchArenaChunk {
    struct SearchArenaChunk *next;
    size_t used, cap;
    char data[];
} SearchArenaChunk;

static char *arena_alloc(SearchArena *a, size_t n)
{
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        SearchArenaChunk *c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    char *p = a->head->data + a->head->used;
    a->head->used += n;
    return p;
}

static char *arena_strdup(SearchArena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void arena_free(SearchArena *a)
{
    SearchArenaChunk *c = a->head;
    while (c) {
        SearchArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* ---- a guest's words ---- */

/* Collects a guest's distinct words into one NUL-separated buffer. */
typedef struct WordBuf {
    char *buf;
    size_t len, cap;
    uint32_t count;
} WordBuf;

static bool wordbuf_has(const WordBuf *b, const char *w, size_t n)
{
    size_t off = 0;
    while (off < b->len) {
        size_t l = strlen(b->buf + off);
        if (l == n && memcmp(b->buf + off, w, n) == 0)
            return true;
        off += l + 1;
    }
    return false;
}

static int wordbuf_add(const char *w, size_t n, void *ud)
{
    WordBuf *b = ud;
    if (wordbuf_has(b, w, n))
        return 0;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            return -1;
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, w, n);
    b->buf[b->len + n] = '\0';
    b->len += n + 1;
    b->count++;
    return 0;
}

/* ---- id map ---- */

static uint32_t *idmap_slot(SearchIndex *ix, const char *id)
{
    size_t mask = ix->idmap_cap - 1;
    for (size_t i = text_hash64(id, strlen(id)) & mask;; i = (i + 1) & mask) {
        uint32_t e = ix->idmap[i];
        if (e == UINT32_MAX || strcmp(ix->entries[e].id, id) == 0)
            return &ix->idmap[i];
    }
}

static int idmap_grow(SearchIndex *ix)
{
    size_t cap = ix->idmap_cap ? ix->idmap_cap * 2 : 1024;
    uint32_t *map = malloc(cap * sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i < cap; i++)
        map[i] = UINT32_MAX;
    uint32_t *old = ix->idmap;
    size_t old_cap = ix->idmap_cap;
    ix->idmap = map;
    ix->idmap_cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i] != UINT32_MAX)
            *idmap_slot(ix, ix->entries[old[i]].id) = old[i];
    }
    free(old);
    return 0;
}

/* ---- create, destroy, add ---- */

SearchIndex *search_create(void)
{
    SearchIndex *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    if (idmap_grow(ix) != 0) {
        free(ix);
        return NULL;
    }
    return ix;
}

void search_destroy(SearchIndex *ix)
{
    if (!ix)
        return;
    arena_free(&ix->arena);
    free(ix->entries);
    free(ix->refs);
    free(ix->order);
    free(ix->idmap);
    free(ix->stamps);
    free(ix);
}

size_t search_count(const SearchIndex *ix)
{
    return ix->nlive;
}
static const char *arena_fold(SearchArena *a, const char *s)
{
    char *f = search_fold(s);
    if (!f)
        return NULL;
    const char *out = arena_strdup(a, f, strlen(f));
    free(f);
    return out;
}

/* The first letter of a folded last name, which the masked label shows as
 * the initial; 0 when it starts with no letter (or is empty). */
static int32_t last_initial(const char *last)
{
    utf8proc_int32_t cp = 0;
    if (utf8proc_iterate((const utf8proc_uint8_t *)last, -1, &cp) <= 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    bool letter = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                  (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
    return letter ? cp : 0;
}

int search_add(SearchIndex *ix, const Guest *g)
{
    if (ix->nentries >= UINT32_MAX - 1) {
        errno = ENOMEM;
        return -1;
    }
    /* Keep the id map at most half full. */
    if ((ix->nentries + 1) * 2 > ix->idmap_cap && idmap_grow(ix) != 0)
        return -1;
    if (ix->nentries == ix->cap_entries) {
        size_t cap = ix->cap_entries ? ix->cap_entries * 2 : 1024;
        SearchEntry *e = realloc(ix->entries, cap * sizeof *e);
        if (!e)
            return -1;
        ix->entries = e;
        uint32_t *st = realloc(ix->stamps, cap * sizeof *st);
        if (!st)
            return -1;
        memset(st + ix->cap_entries, 0, (cap - ix->cap_entries) * sizeof *st);
        ix->stamps = st;
        ix->cap_entries = cap;
    }

    SearchEntry e = {0};
    snprintf(e.id, sizeof e.id, "%s", g->id);
    e.first = arena_fold(&ix->arena, g->first);
    e.last = arena_fold(&ix->arena, g->last);
    e.company = arena_fold(&ix->arena, g->company);
    if (!e.first || !e.last || !e.company)
        return -1;
    char *label = guest_masked_name(g);
    if (!label)
        return -1;
    e.label = arena_strdup(&ix->arena, label, strlen(label));
    free(label);
    if (!e.label)
        return -1;

    WordBuf wb = {0}, shown = {0};
    int rc = 0;
    if (search_words_each(e.first, true, wordbuf_add, &wb) != 0 ||
        search_words_each(e.last, true, wordbuf_add, &wb) != 0 ||
        search_words_each(e.company, true, wordbuf_add, &wb) != 0 ||
        search_words_each(e.first, true, wordbuf_add, &shown) != 0 ||
        search_words_each(e.company, true, wordbuf_add, &shown) != 0)
        rc = -1;
    if (rc == 0) {
        e.words = wb.len ? arena_strdup(&ix->arena, wb.buf, wb.len) : "";
        e.shown = shown.len ? arena_strdup(&ix->arena, shown.buf, shown.len) : "";
        if (!e.words || !e.shown)
            rc = -1;
        e.nwords = wb.count;
        e.nshown = shown.count;
    }
    free(wb.buf);
    free(shown.buf);
    if (rc != 0)
        return -1;
    e.initial = last_initial(e.last);

    e.live = true;
    uint32_t idx = (uint32_t)ix->nentries;
    ix->entries[ix->nentries++] = e;
    uint32_t *slot = idmap_slot(ix, e.id);
    if (*slot != UINT32_MAX) {
        ix->entries[*slot].live = false; /* replaced: the old words are ignored */
        ix->nlive--;
        if (*slot < ix->ncommitted)
            ix->ndead_committed++;
    }
    *slot = idx;
    ix->nlive++;
    return 0;
}
