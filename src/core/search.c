/* search.c — the kiosk's "Find me" index (see search.h).
 *
 * Every guest's first name, last name and company are folded once (text_fold)
 * and cut into words; the words live in an arena that never moves, so a sorted
 * array of (word, guest) references can point straight at them. A query folds
 * and cuts its text the same way, binary-searches the prefix range of each of its
 * words, walks the narrowest range and checks the other words against that
 * guest's own short word list.
 *
 * Guests are ranked once by (first, last, company, id) when they are committed,
 * and each reference carries its guest's rank, so the top 8 of a range of tens of
 * thousands is found with integer compares, touching a guest only when it would
 * enter the top 8.
 *
 * Guests added after the last commit ("pending", typically walk-ins) are scanned
 * linearly until there are enough of them to be worth merging into the sorted
 * arrays. Ranks are spread over the uint32 range, so a merge gives newcomers
 * ranks between their neighbours' and inserts them by binary search without
 * touching anyone else; only when a gap runs out, or replaced entries pile up,
 * is everything renumbered in one linear pass. Replacing a guest (same id) marks
 * the old entry dead; its references are skipped, then dropped at a rebuild. */
#include "core/search.h"

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/text.h"

/* Pending guests scanned linearly per query before a merge is worth it. */
#define SEARCH_PENDING_MAX 256
/* Query words beyond this many are ignored (a name has far fewer). */
#define SEARCH_MAX_QUERY_WORDS 16
#define ARENA_CHUNK 65536

/* ---- arena: strings that never move ---- */

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t used, cap;
    char data[];
} ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;
} Arena;

static char *arena_alloc(Arena *a, size_t n)
{
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        ArenaChunk *c = malloc(sizeof *c + cap);
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

static char *arena_strdup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void arena_free(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* ---- the index ---- */

typedef struct Entry {
    const char *first, *last, *company; /* folded sort keys */
    const char *words;                  /* folded words, each NUL-terminated */
    const char *label;                  /* guest_masked_name() */
    uint32_t nwords;
    uint32_t rank; /* position in (first, last, company, id) order; valid once committed */
    bool live;     /* false once replaced by a newer entry with the same id */
    char id[ID_LEN + 1];
} Entry;

typedef struct WordRef {
    const char *word;
    uint32_t entry;
    uint32_t rank; /* copy of entries[entry].rank, so ranges scan sequentially */
} WordRef;

struct SearchIndex {
    Arena arena;
    Entry *entries;
    size_t nentries, cap_entries;
    size_t ncommitted; /* entries[0..ncommitted) are in refs and order */
    size_t nlive;

    WordRef *refs; /* sorted by (word, entry) */
    size_t nrefs, cap_refs;

    /* Committed entries in rank order; replaced ones stay until a rebuild. */
    uint32_t *order;
    size_t norder, cap_order;
    size_t ndead_committed; /* replaced entries still in order and refs */

    /* id -> entry index, open addressing; UINT32_MAX marks an empty slot. */
    uint32_t *idmap;
    size_t idmap_cap;

    /* stamps[i] == gen: entry i was already looked at by the current query. */
    uint32_t *stamps;
    uint32_t gen;
};

/* ---- cutting folded text into words ---- */

/* CH_IDEO: a character of a script written without spaces between names
 * (Han, kana, Hangul syllables), which is a word of its own: "王芳" is found as
 * 王 and 芳 whichever name field holds which. */
typedef enum CharClass { CH_WORD, CH_SPACE, CH_PUNCT, CH_IDEO } CharClass;

static bool is_ideographic(utf8proc_int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified ideographs */
           (cp >= 0xAC00 && cp <= 0xD7AF) || /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compatibility ideographs */
           (cp >= 0x20000 && cp <= 0x3134F); /* CJK extensions B-G */
}

static CharClass char_class(utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
            return CH_WORD;
        if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp < 0x20 || cp == 0x7F)
            return CH_SPACE;
        return CH_PUNCT;
    }
    if (is_ideographic(cp))
        return CH_IDEO;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CH_WORD;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return CH_SPACE;
    default:
        return CH_PUNCT;
    }
}

/* Called once per word found in folded text; returns 0 to go on, -1 to stop. */
typedef int (*WordFn)(const char *word, size_t len, void *ud);

/* Cuts folded text into words. Space separates tokens; punctuation splits a token
 * into pieces ("garcia-lopez" -> "garcia", "lopez"). A token of several pieces is
 * also reported joined ("obrien" for "o'brien") when join is set, so a guest is
 * found whether or not the punctuation is typed. Returns -1 if fn stopped. */
static int words_each(const char *s, bool join, WordFn fn, void *ud)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = strlen(s);
    char joined[256];
    size_t jlen = 0, pieces = 0;
    bool joined_fits = true;
    size_t i = 0;
    size_t piece_start = 0;
    bool in_piece = false;
    while (i <= n) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t len = 1;
        CharClass cls = CH_SPACE; /* the terminating NUL ends everything */
        if (i < n) {
            len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
            if (len <= 0) {
                len = 1; /* a stray byte is part of a word rather than lost */
                cls = CH_WORD;
            } else {
                cls = char_class(cp);
            }
        }
        if (cls == CH_WORD && !in_piece) {
            in_piece = true;
            piece_start = i;
        } else if (cls != CH_WORD && in_piece) {
            size_t plen = i - piece_start;
            if (fn(s + piece_start, plen, ud) != 0)
                return -1;
            pieces++;
            if (jlen + plen < sizeof joined) {
                memcpy(joined + jlen, s + piece_start, plen);
                jlen += plen;
            } else {
                joined_fits = false;
            }
            in_piece = false;
        }
        if (cls == CH_IDEO) { /* a piece of one character */
            if (fn(s + i, (size_t)len, ud) != 0)
                return -1;
            pieces++;
            if (jlen + (size_t)len < sizeof joined) {
                memcpy(joined + jlen, s + i, (size_t)len);
                jlen += (size_t)len;
            } else {
                joined_fits = false;
            }
        }
        if (cls == CH_SPACE) {
            if (join && pieces > 1 && joined_fits && fn(joined, jlen, ud) != 0)
                return -1;
            jlen = 0;
            pieces = 0;
            joined_fits = true;
        }
        i += (size_t)len;
    }
    return 0;
}

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

static size_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static uint32_t *idmap_slot(SearchIndex *ix, const char *id)
{
    size_t mask = ix->idmap_cap - 1;
    for (size_t i = id_hash(id) & mask;; i = (i + 1) & mask) {
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

/* ---- ordering ---- */

static int entry_cmp_keys(const Entry *a, const Entry *b)
{
    int c = strcmp(a->first, b->first);
    if (c == 0)
        c = strcmp(a->last, b->last);
    if (c == 0)
        c = strcmp(a->company, b->company);
    if (c == 0)
        c = strcmp(a->id, b->id);
    return c;
}

static int entry_ptr_cmp(const void *pa, const void *pb)
{
    return entry_cmp_keys(*(const Entry *const *)pa, *(const Entry *const *)pb);
}

static int ref_cmp(const WordRef *a, const WordRef *b)
{
    int c = strcmp(a->word, b->word);
    if (c == 0)
        c = (a->entry > b->entry) - (a->entry < b->entry);
    return c;
}

static int ref_qsort_cmp(const void *pa, const void *pb)
{
    return ref_cmp(pa, pb);
}

/* ---- public ---- */

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

/* Latin letters that Unicode does not decompose, so stripping accents leaves
 * them alone; people without them on their keyboard type the base letter. */
static const struct {
    char from[3];
    char to[3];
} STROKE_LETTERS[] = {
    {"\xC5\x82", "l"},  /* ł */
    {"\xC3\xB8", "o"},  /* ø */
    {"\xC4\x91", "d"},  /* đ */
    {"\xC3\xB0", "d"},  /* ð */
    {"\xC4\xA7", "h"},  /* ħ */
    {"\xC5\xA7", "t"},  /* ŧ */
    {"\xC4\xB1", "i"},  /* dotless ı */
    {"\xC3\xA6", "ae"}, /* æ */
    {"\xC5\x93", "oe"}, /* œ */
    {"\xC3\xBE", "th"}, /* þ */
};

char *search_fold(const char *s)
{
    char *f = text_fold(s ? s : "");
    if (!f)
        return NULL;
    /* Every replacement is at most as long as what it replaces: done in place. */
    char *w = f;
    for (const char *r = f; *r;) {
        size_t i = 0, n = sizeof STROKE_LETTERS / sizeof STROKE_LETTERS[0];
        for (; i < n; i++) {
            if (r[0] == STROKE_LETTERS[i].from[0] && r[1] == STROKE_LETTERS[i].from[1])
                break;
        }
        if (i < n) {
            size_t len = strlen(STROKE_LETTERS[i].to);
            memcpy(w, STROKE_LETTERS[i].to, len);
            w += len;
            r += 2;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return f;
}

static const char *arena_fold(Arena *a, const char *s)
{
    char *f = search_fold(s);
    if (!f)
        return NULL;
    const char *out = arena_strdup(a, f, strlen(f));
    free(f);
    return out;
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
        Entry *e = realloc(ix->entries, cap * sizeof *e);
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

    Entry e = {0};
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

    WordBuf wb = {0};
    int rc = 0;
    if (words_each(e.first, true, wordbuf_add, &wb) != 0 ||
        words_each(e.last, true, wordbuf_add, &wb) != 0 ||
        words_each(e.company, true, wordbuf_add, &wb) != 0)
        rc = -1;
    if (rc == 0) {
        e.words = wb.len ? arena_strdup(&ix->arena, wb.buf, wb.len) : "";
        if (!e.words)
            rc = -1;
        e.nwords = wb.count;
    }
    free(wb.buf);
    if (rc != 0)
        return -1;

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

/* Ranks are spread over the whole uint32 range, so a few walk-ins can be given
 * ranks between their neighbours' without renumbering everyone. */
#define RANK_SPAN 4294967296.0 /* 2^32 */

/* The pending live entries, sorted by key, and their word references, sorted. */
typedef struct Pending {
    Entry **entries;
    size_t n;
    WordRef *refs;
    size_t nrefs;
} Pending;

static void pending_free(Pending *p)
{
    free(p->entries);
    free(p->refs);
}

static int pending_collect(SearchIndex *ix, Pending *p)
{
    size_t npend = ix->nentries - ix->ncommitted;
    p->n = p->nrefs = 0;
    p->entries = malloc(npend * sizeof *p->entries);
    size_t nwords = 0;
    for (size_t i = ix->ncommitted; i < ix->nentries; i++) {
        if (ix->entries[i].live)
            nwords += ix->entries[i].nwords;
    }
    p->refs = malloc((nwords ? nwords : 1) * sizeof *p->refs);
    if (!p->entries || !p->refs) {
        pending_free(p);
        return -1;
    }
    for (size_t i = ix->ncommitted; i < ix->nentries; i++) {
        Entry *e = &ix->entries[i];
        if (!e->live)
            continue; /* replaced before it was ever committed */
        p->entries[p->n++] = e;
        const char *w = e->words;
        for (uint32_t j = 0; j < e->nwords; j++) {
            p->refs[p->nrefs].word = w;
            p->refs[p->nrefs].entry = (uint32_t)i;
            p->nrefs++;
            w += strlen(w) + 1;
        }
    }
    qsort(p->entries, p->n, sizeof *p->entries, entry_ptr_cmp);
    qsort(p->refs, p->nrefs, sizeof *p->refs, ref_qsort_cmp);
    return 0;
}

/* Inserts k sorted elements into a sorted array of n (with room for n + k):
 * add[j] goes before old element pos[j] (pos non-decreasing). Moves each old
 * block once, from the back. */
static void insert_blocks(void *arr, size_t n, size_t elem, const void *add, const size_t *pos,
                          size_t k)
{
    char *a = arr;
    const char *src = add;
    size_t end = n;
    for (size_t j = k; j-- > 0;) {
        size_t p = pos[j];
        memmove(a + (p + j + 1) * elem, a + p * elem, (end - p) * elem);
        memcpy(a + (p + j) * elem, src + j * elem, elem);
        end = p;
    }
}

/* Full rebuild: drops dead entries and their words, merges in the pending ones
 * and renumbers every rank. Linear, but touches every entry. */
static int search_merge_full(SearchIndex *ix, const Pending *p)
{
    size_t cap_order = ix->norder + p->n + 1, cap_refs = ix->nrefs + p->nrefs + 1;
    uint32_t *order = malloc(cap_order * sizeof *order);
    WordRef *refs = malloc(cap_refs * sizeof *refs);
    if (!order || !refs) {
        free(order);
        free(refs);
        return -1;
    }
    size_t a = 0, b = 0, n = 0;
    while (a < ix->norder || b < p->n) {
        const Entry *ea = NULL;
        if (a < ix->norder) {
            ea = &ix->entries[ix->order[a]];
            if (!ea->live) {
                a++;
                continue;
            }
        }
        if (ea && (b == p->n || entry_cmp_keys(ea, p->entries[b]) < 0))
            order[n++] = ix->order[a++];
        else
            order[n++] = (uint32_t)(p->entries[b++] - ix->entries);
    }
    double gap = RANK_SPAN / (double)(n + 1);
    for (size_t i = 0; i < n; i++)
        ix->entries[order[i]].rank = (uint32_t)(gap * (double)(i + 1));

    a = b = 0;
    size_t m = 0;
    while (a < ix->nrefs || b < p->nrefs) {
        if (a < ix->nrefs && !ix->entries[ix->refs[a].entry].live) {
            a++;
            continue;
        }
        if (a < ix->nrefs && (b == p->nrefs || ref_cmp(&ix->refs[a], &p->refs[b]) < 0))
            refs[m] = ix->refs[a++];
        else
            refs[m] = p->refs[b++];
        refs[m].rank = ix->entries[refs[m].entry].rank;
        m++;
    }
    free(ix->order);
    ix->order = order;
    ix->norder = n;
    ix->cap_order = cap_order;
    free(ix->refs);
    ix->refs = refs;
    ix->nrefs = m;
    ix->cap_refs = cap_refs;
    ix->ndead_committed = 0;
    return 0;
}

/* First position in order whose entry sorts after e. */
static size_t order_lower(const SearchIndex *ix, const Entry *e)
{
    size_t lo = 0, hi = ix->norder;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (entry_cmp_keys(&ix->entries[ix->order[mid]], e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t refs_lower_ref(const SearchIndex *ix, const WordRef *r)
{
    size_t lo = 0, hi = ix->nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ref_cmp(&ix->refs[mid], r) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

/* Incremental merge, the common case after the bulk load: each pending entry
 * gets a rank between its neighbours' and is inserted by binary search, so the
 * old entries and their ranks are not touched. Returns 1 when the neighbours'
 * ranks leave no room (a full rebuild is needed), 0 on success, -1 on ENOMEM. */
static int search_merge_insert(SearchIndex *ix, const Pending *p)
{
    size_t *pos = malloc(((p->n > p->nrefs ? p->n : p->nrefs) + 1) * sizeof *pos);
    uint32_t *idx = malloc((p->n + 1) * sizeof *idx);
    if (!pos || !idx ||
        grow((void **)&ix->order, &ix->cap_order, ix->norder + p->n, sizeof *ix->order) != 0 ||
        grow((void **)&ix->refs, &ix->cap_refs, ix->nrefs + p->nrefs, sizeof *ix->refs) != 0) {
        free(pos);
        free(idx);
        return -1;
    }
    for (size_t i = 0; i < p->n; i++) {
        pos[i] = order_lower(ix, p->entries[i]);
        idx[i] = (uint32_t)(p->entries[i] - ix->entries);
    }
    /* Ranks: the entries that land in the same gap share it evenly. */
    for (size_t i = 0; i < p->n;) {
        size_t j = i;
        while (j < p->n && pos[j] == pos[i])
            j++;
        double lo = pos[i] == 0 ? 0.0 : (double)ix->entries[ix->order[pos[i] - 1]].rank;
        double hi = pos[i] == ix->norder ? RANK_SPAN : (double)ix->entries[ix->order[pos[i]]].rank;
        size_t k = j - i;
        if (hi - lo <= (double)k) {
            free(pos);
            free(idx);
            return 1;
        }
        for (size_t t = 0; t < k; t++)
            p->entries[i + t]->rank =
                (uint32_t)(lo + (hi - lo) * (double)(t + 1) / (double)(k + 1));
        i = j;
    }
    insert_blocks(ix->order, ix->norder, sizeof *ix->order, idx, pos, p->n);
    ix->norder += p->n;

    for (size_t i = 0; i < p->nrefs; i++) {
        p->refs[i].rank = ix->entries[p->refs[i].entry].rank;
        pos[i] = refs_lower_ref(ix, &p->refs[i]);
    }
    insert_blocks(ix->refs, ix->nrefs, sizeof *ix->refs, p->refs, pos, p->nrefs);
    ix->nrefs += p->nrefs;
    free(pos);
    free(idx);
    return 0;
}

/* Merges the pending entries into the rank order and the word references.
 * Returns -1 on ENOMEM, leaving the index as it was (still searchable). */
static int search_merge(SearchIndex *ix)
{
    if (ix->nentries == ix->ncommitted)
        return 0;
    Pending p;
    if (pending_collect(ix, &p) != 0)
        return -1;
    int rc = 1;
    /* Rebuild when replaced entries make up a noticeable share of the arrays;
     * otherwise insert, unless the ranks have run out of room. */
    if (ix->norder > 0 && ix->ndead_committed * 8 <= ix->norder)
        rc = search_merge_insert(ix, &p);
    if (rc == 1)
        rc = search_merge_full(ix, &p);
    pending_free(&p);
    if (rc != 0)
        return -1;
    ix->ncommitted = ix->nentries;
    return 0;
}

void search_commit(SearchIndex *ix)
{
    /* On ENOMEM the pending entries stay pending and are still found by the
     * linear scan, only slower; there is nothing better to do here. */
    (void)search_merge(ix);
}

/* ---- querying ---- */

typedef struct QueryWords {
    char buf[512];
    const char *w[SEARCH_MAX_QUERY_WORDS];
    size_t len[SEARCH_MAX_QUERY_WORDS];
    size_t n;
    size_t used;
    size_t letters;
} QueryWords;

static int query_word_add(const char *w, size_t n, void *ud)
{
    QueryWords *q = ud;
    if (q->n == SEARCH_MAX_QUERY_WORDS || q->used + n + 1 > sizeof q->buf)
        return -1;
    memcpy(q->buf + q->used, w, n);
    q->buf[q->used + n] = '\0';
    q->w[q->n] = q->buf + q->used;
    q->len[q->n] = n;
    q->n++;
    q->used += n + 1;
    utf8proc_int32_t cp = 0;
    if (utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &cp) ==
            (utf8proc_ssize_t)n &&
        is_ideographic(cp)) {
        q->letters += SEARCH_MIN_QUERY; /* one ideograph says as much as two letters */
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)w[i] & 0xC0) != 0x80)
            q->letters++;
    }
    return 0;
}

/* First reference whose word is >= w (lower bound). */
static size_t refs_lower(const SearchIndex *ix, const char *w)
{
    size_t lo = 0, hi = ix->nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->refs[mid].word, w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First reference at or after lo whose word does not start with w. */
static size_t refs_prefix_end(const SearchIndex *ix, size_t lo, const char *w, size_t n)
{
    size_t hi = ix->nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(ix->refs[mid].word, w, n) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool entry_has_prefix(const Entry *e, const char *w, size_t n)
{
    const char *p = e->words;
    for (uint32_t i = 0; i < e->nwords; i++) {
        size_t l = strlen(p);
        if (l >= n && memcmp(p, w, n) == 0)
            return true;
        p += l + 1;
    }
    return false;
}

/* All query words but skip (SIZE_MAX: none skipped) prefix some word of e. */
static bool entry_matches(const Entry *e, const QueryWords *q, size_t skip)
{
    for (size_t i = 0; i < q->n; i++) {
        if (i != skip && !entry_has_prefix(e, q->w[i], q->len[i]))
            return false;
    }
    return true;
}

typedef struct Top {
    uint32_t idx[SEARCH_MAX_RESULTS];
    size_t n;
} Top;

/* Committed entries compare by rank; a pending one by its keys. */
static int search_entry_cmp(const SearchIndex *ix, uint32_t a, uint32_t b)
{
    if (a < ix->ncommitted && b < ix->ncommitted) {
        uint32_t ra = ix->entries[a].rank, rb = ix->entries[b].rank;
        return (ra > rb) - (ra < rb);
    }
    return entry_cmp_keys(&ix->entries[a], &ix->entries[b]);
}

static void top_insert(const SearchIndex *ix, Top *t, uint32_t idx)
{
    size_t pos = t->n;
    while (pos > 0 && search_entry_cmp(ix, idx, t->idx[pos - 1]) < 0)
        pos--;
    if (pos >= SEARCH_MAX_RESULTS)
        return;
    size_t last = t->n < SEARCH_MAX_RESULTS ? t->n : SEARCH_MAX_RESULTS - 1;
    memmove(&t->idx[pos + 1], &t->idx[pos], (last - pos) * sizeof t->idx[0]);
    t->idx[pos] = idx;
    if (t->n < SEARCH_MAX_RESULTS)
        t->n++;
}

size_t search_query(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS])
{
    if (!query)
        return 0;
    char *folded = search_fold(query);
    if (!folded)
        return 0;
    QueryWords q;
    q.n = q.used = q.letters = 0;
    /* A query too long to hold is cut at the words that fit. */
    (void)words_each(folded, false, query_word_add, &q);
    free(folded);
    if (q.n == 0 || q.letters < SEARCH_MIN_QUERY)
        return 0;

    if (ix->nentries - ix->ncommitted > SEARCH_PENDING_MAX)
        search_commit(ix);

    if (++ix->gen == 0) {
        /* The stamp counter wrapped: old stamps could collide with new ones. */
        memset(ix->stamps, 0, ix->cap_entries * sizeof *ix->stamps);
        ix->gen = 1;
    }

    /* The narrowest range among the query words drives the scan. */
    size_t best = 0, best_lo = 0, best_hi = 0, best_size = SIZE_MAX;
    for (size_t i = 0; i < q.n; i++) {
        size_t lo = refs_lower(ix, q.w[i]);
        size_t hi = refs_prefix_end(ix, lo, q.w[i], q.len[i]);
        if (hi - lo < best_size) {
            best = i;
            best_lo = lo;
            best_hi = hi;
            best_size = hi - lo;
        }
    }

    Top top = {.n = 0};
    for (size_t r = best_lo; r < best_hi; r++) {
        const WordRef *ref = &ix->refs[r];
        if (top.n == SEARCH_MAX_RESULTS && ref->rank > ix->entries[top.idx[top.n - 1]].rank)
            continue; /* would not make the top 8 anyway */
        const Entry *e = &ix->entries[ref->entry];
        if (!e->live || ix->stamps[ref->entry] == ix->gen)
            continue;
        ix->stamps[ref->entry] = ix->gen;
        if (entry_matches(e, &q, best))
            top_insert(ix, &top, ref->entry);
    }
    for (size_t i = ix->ncommitted; i < ix->nentries; i++) {
        const Entry *e = &ix->entries[i];
        if (e->live && entry_matches(e, &q, SIZE_MAX))
            top_insert(ix, &top, (uint32_t)i);
    }

    for (size_t i = 0; i < top.n; i++) {
        const Entry *e = &ix->entries[top.idx[i]];
        snprintf(out[i].guest_id, sizeof out[i].guest_id, "%s", e->id);
        text_copy(out[i].label, sizeof out[i].label, e->label);
    }
    return top.n;
}
