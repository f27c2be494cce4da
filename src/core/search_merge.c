/* search_merge.c — guests added to the index after the last commit
 * ("pending", typically walk-ins) sorted into its rank order and its word
 * references.
 *
 * Ranks are spread over the uint32 range, so a merge gives newcomers ranks
 * between their neighbours' and inserts them by binary search without touching
 * anyone else; only when a gap runs out, or replaced entries pile up, is
 * everything renumbered in one linear pass, which also drops the replaced
 * entries' references. */
#include "core/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/search_internal.h"

/* ---- ordering ---- */

int search_entry_cmp_keys(const SearchEntry *a, const SearchEntry *b)
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
    return search_entry_cmp_keys(*(const SearchEntry *const *)pa, *(const SearchEntry *const *)pb);
}

static int ref_cmp(const SearchWordRef *a, const SearchWordRef *b)
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

/* Ranks are spread over the whole uint32 range, so a few walk-ins can be given
 * ranks between their neighbours' without renumbering everyone. */
#define RANK_SPAN 4294967296.0 /* 2^32 */

/* The pending live entries, sorted by key, and their word references, sorted. */
typedef struct Pending {
    SearchEntry **entries;
    size_t n;
    SearchWordRef *refs;
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
        SearchEntry *e = &ix->entries[i];
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
    SearchWordRef *refs = malloc(cap_refs * sizeof *refs);
    if (!order || !refs) {
        free(order);
        free(refs);
        return -1;
    }
    size_t a = 0, b = 0, n = 0;
    while (a < ix->norder || b < p->n) {
        const SearchEntry *ea = NULL;
        if (a < ix->norder) {
            ea = &ix->entries[ix->order[a]];
            if (!ea->live) {
                a++;
                continue;
            }
        }
        if (ea && (b == p->n || search_entry_cmp_keys(ea, p->entries[b]) < 0))
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
static size_t order_lower(const SearchIndex *ix, const SearchEntry *e)
{
    size_t lo = 0, hi = ix->norder;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (search_entry_cmp_keys(&ix->entries[ix->order[mid]], e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t refs_lower_ref(const SearchIndex *ix, const SearchWordRef *r)
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
