/* search_query.c — answering a query from the index (see search.h).
 *
 * A query is folded and cut into words as guests' names are, binary-searches
 * the prefix range of each of its words, walks the narrowest range and checks
 * the other words against that guest's own short word list. Each reference
 * carries its guest's rank, so the top 8 of a range of tens of thousands is
 * found with integer compares, touching a guest only when it would enter the
 * top 8. Guests not yet committed are scanned linearly until there are enough
 * of them to be worth a merge. */
#include "core/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/search_internal.h"
#include "core/text.h"

/* Pending guests scanned linearly per query before a merge is worth it. */
#define SEARCH_PENDING_MAX 256
/* Query words beyond this many are ignored (a name has far fewer). */
#define SEARCH_MAX_QUERY_WORDS 16

/* ---- querying ---- */

typedef struct QueryWords {
    char buf[512];
    const char *w[SEARCH_MAX_QUERY_WORDS];
    size_t len[SEARCH_MAX_QUERY_WORDS];
    size_t letters_of[SEARCH_MAX_QUERY_WORDS]; /* letters of each word */
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
        search_is_ideographic(cp)) {
        q->letters += SEARCH_MIN_QUERY; /* one ideograph says as much as two letters */
        q->letters_of[q->n - 1] = 1;
        return 0;
    }
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)w[i] & 0xC0) != 0x80)
            letters++;
    }
    q->letters += letters;
    q->letters_of[q->n - 1] = letters;
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

static bool entry_has_prefix(const SearchEntry *e, const char *w, size_t n)
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
static bool entry_matches(const SearchEntry *e, const QueryWords *q, size_t skip)
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
    return search_entry_cmp_keys(&ix->entries[a], &ix->entries[b]);
}

/* Keeps the first SEARCH_MAX_RESULTS in order; true when a match fell out
 * of them (idx itself, or the last one it pushed out). */
static bool top_insert(const SearchIndex *ix, Top *t, uint32_t idx)
{
    size_t pos = t->n;
    while (pos > 0 && search_entry_cmp(ix, idx, t->idx[pos - 1]) < 0)
        pos--;
    if (pos >= SEARCH_MAX_RESULTS)
        return true;
    bool full = t->n == SEARCH_MAX_RESULTS;
    size_t last = t->n < SEARCH_MAX_RESULTS ? t->n : SEARCH_MAX_RESULTS - 1;
    memmove(&t->idx[pos + 1], &t->idx[pos], (last - pos) * sizeof t->idx[0]);
    t->idx[pos] = idx;
    if (t->n < SEARCH_MAX_RESULTS)
        t->n++;
    return full;
}

/* ---- Find me's rules ---- */

/* w names the guest (e): it is a whole word of their first name or company,
 * or, from SEARCH_FIND_PREFIX letters on, the start of one. */
static bool entry_names(const SearchEntry *e, const char *w, size_t n, size_t letters)
{
    const char *p = e->shown;
    for (uint32_t i = 0; i < e->nshown; i++) {
        size_t l = strlen(p);
        if (l >= n && memcmp(p, w, n) == 0 && (l == n || letters >= SEARCH_FIND_PREFIX))
            return true;
        p += l + 1;
    }
    return false;
}

/* w starts with the initial of e's last name, which the row shows: the rest
 * of w, hidden on the row, is never compared. */
static bool entry_initial(const SearchEntry *e, const char *w, size_t n)
{
    utf8proc_int32_t cp = 0;
    return e->initial &&
           utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &cp) > 0 &&
           cp == e->initial;
}

/* Every query word names e or is its initial, and at least one names it. */
static bool entry_finds(const SearchEntry *e, const QueryWords *q)
{
    bool named = false;
    for (size_t i = 0; i < q->n; i++) {
        if (entry_names(e, q->w[i], q->len[i], q->letters_of[i]))
            named = true;
        else if (!entry_initial(e, q->w[i], q->len[i]))
            return false;
    }
    return named;
}

/* ---- answering ---- */

typedef enum QueryMode { QUERY_STAFF, QUERY_FIND } QueryMode;

static bool query_matches(const SearchEntry *e, const QueryWords *q, QueryMode mode, size_t skip)
{
    return mode == QUERY_FIND ? entry_finds(e, q) : entry_matches(e, q, skip);
}

/* Folds query and cuts it into q; false when it is too short to search. */
static bool query_parse(const char *query, QueryWords *q)
{
    q->n = q->used = q->letters = 0;
    if (!query)
        return false;
    char *folded = search_fold(query);
    if (!folded)
        return false;
    /* A query too long to hold is cut at the words that fit. */
    (void)search_words_each(folded, false, query_word_add, q);
    free(folded);
    return q->n > 0 && q->letters >= SEARCH_MIN_QUERY;
}

bool search_query_enough(const char *query)
{
    QueryWords q;
    return query_parse(query, &q);
}

/* The references to walk: the narrowest prefix range among the query words.
 * Find me matches a word by the initial alone too, so its range is that of
 * the word's first character, except for a lone word, which must name. */
static size_t query_range(const SearchIndex *ix, const QueryWords *q, QueryMode mode,
                          size_t *lo_out, size_t *hi_out)
{
    size_t best = 0, best_size = SIZE_MAX;
    for (size_t i = 0; i < q->n; i++) {
        const char *w = q->w[i];
        size_t n = q->len[i];
        char first[8];
        if (mode == QUERY_FIND && q->n > 1) {
            utf8proc_int32_t cp = 0;
            utf8proc_ssize_t c =
                utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &cp);
            n = c > 0 && (size_t)c < sizeof first ? (size_t)c : 1;
            memcpy(first, w, n);
            first[n] = '\0';
            w = first;
        }
        size_t lo = refs_lower(ix, w);
        size_t hi = refs_prefix_end(ix, lo, w, n);
        if (hi - lo < best_size) {
            best = i;
            *lo_out = lo;
            *hi_out = hi;
            best_size = hi - lo;
        }
    }
    return best;
}

static size_t query_run(SearchIndex *ix, const char *query, QueryMode mode,
                        SearchResult out[SEARCH_MAX_RESULTS], bool *more)
{
    bool beyond = false;
    if (more)
        *more = false;
    QueryWords q;
    if (!query_parse(query, &q))
        return 0;
    /* Find me needs to know, to show nothing when more match than fit. */
    bool want_more = more || mode == QUERY_FIND;

    if (ix->nentries - ix->ncommitted > SEARCH_PENDING_MAX)
        search_commit(ix);

    if (++ix->gen == 0) {
        /* The stamp counter wrapped: old stamps could collide with new ones. */
        memset(ix->stamps, 0, ix->cap_entries * sizeof *ix->stamps);
        ix->gen = 1;
    }

    size_t best_lo = 0, best_hi = 0;
    size_t best = query_range(ix, &q, mode, &best_lo, &best_hi);

    Top top = {.n = 0};
    for (size_t r = best_lo; r < best_hi; r++) {
        const SearchWordRef *ref = &ix->refs[r];
        const SearchEntry *e = &ix->entries[ref->entry];
        bool out_of_top =
            top.n == SEARCH_MAX_RESULTS && ref->rank > ix->entries[top.idx[top.n - 1]].rank;
        /* Past the top 8 a match only says there are more: one is enough. */
        if (out_of_top && (beyond || !want_more))
            continue;
        if (!e->live || ix->stamps[ref->entry] == ix->gen)
            continue;
        ix->stamps[ref->entry] = ix->gen;
        if (!query_matches(e, &q, mode, best))
            continue;
        if (out_of_top)
            beyond = true;
        else
            beyond |= top_insert(ix, &top, ref->entry);
    }
    for (size_t i = ix->ncommitted; i < ix->nentries; i++) {
        const SearchEntry *e = &ix->entries[i];
        if (e->live && query_matches(e, &q, mode, SIZE_MAX))
            beyond |= top_insert(ix, &top, (uint32_t)i);
    }
    if (more)
        *more = beyond;
    if (mode == QUERY_FIND && beyond)
        return 0; /* more than fit: the name is not narrow enough to show any */

    for (size_t i = 0; i < top.n; i++) {
        const SearchEntry *e = &ix->entries[top.idx[i]];
        snprintf(out[i].guest_id, sizeof out[i].guest_id, "%s", e->id);
        text_copy(out[i].label, sizeof out[i].label, e->label);
    }
    return top.n;
}

size_t search_query(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS])
{
    return query_run(ix, query, QUERY_STAFF, out, NULL);
}

size_t search_query_more(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS],
                         bool *more)
{
    return query_run(ix, query, QUERY_STAFF, out, more);
}

size_t search_find(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS],
                   bool *more)
{
    return query_run(ix, query, QUERY_FIND, out, more);
}

bool search_find_partial(const char *query)
{
    QueryWords q;
    if (!query_parse(query, &q))
        return true;
    for (size_t i = 0; i < q.n; i++) {
        utf8proc_int32_t cp = 0;
        utf8proc_iterate((const utf8proc_uint8_t *)q.w[i], (utf8proc_ssize_t)q.len[i], &cp);
        if (q.letters_of[i] >= SEARCH_FIND_PREFIX || search_is_ideographic(cp))
            return false;
    }
    return true;
}
