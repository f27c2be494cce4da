/* search_internal.h — what the files of the search module share, and nothing
 * outside them may include: the index itself (search.c builds it, search_merge.c
 * sorts newcomers into it, search_query.c reads it) and the cutting of folded
 * text into words (search_words.c), which guests and queries share. */
#ifndef LANYARD_SEARCH_INTERNAL_H
#define LANYARD_SEARCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "core/search.h"

/* Strings that never move (search.c). */
typedef struct SearchArena {
    struct SearchArenaChunk *head;
} SearchArena;

typedef struct SearchEntry {
    const char *first, *last, *company; /* folded sort keys */
    const char *words;                  /* folded words, each NUL-terminated */
    const char *label;                  /* guest_masked_name() */
    const char *shown;                  /* the words of first name and company, which label shows */
    int32_t initial;                    /* the folded last name's first letter; 0: none */
    uint32_t nwords, nshown;
    uint32_t rank; /* position in (first, last, company, id) order; valid once committed */
    bool live;     /* false once replaced by a newer entry with the same id */
    char id[ID_LEN + 1];
} SearchEntry;

typedef struct SearchWordRef {
    const char *word;
    uint32_t entry;
    uint32_t rank; /* copy of entries[entry].rank, so ranges scan sequentially */
} SearchWordRef;

struct SearchIndex {
    SearchArena arena;
    SearchEntry *entries;
    size_t nentries, cap_entries;
    size_t ncommitted; /* entries[0..ncommitted) are in refs and order */
    size_t nlive;

    SearchWordRef *refs; /* sorted by (word, entry) */
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

/* The order guests are shown in: first name, last name, company, id
 * (search_merge.c). */
int search_entry_cmp_keys(const SearchEntry *a, const SearchEntry *b);

/* ---- words (search_words.c) ---- */

/* A character of a script written without spaces between names (Han, kana,
 * Hangul syllables), which is a word of its own. */
bool search_is_ideographic(utf8proc_int32_t cp);

/* Called once per word found in folded text; returns 0 to go on, -1 to stop. */
typedef int (*SearchWordFn)(const char *word, size_t len, void *ud);

/* Cuts folded text into words. Space separates tokens; punctuation splits a token
 * into pieces ("garcia-lopez" -> "garcia", "lopez"). A token of several pieces is
 * also reported joined ("obrien" for "o'brien") when join is set, so a guest is
 * found whether or not the punctuation is typed. Returns -1 if fn stopped. */
int search_words_each(const char *s, bool join, SearchWordFn fn, void *ud);

#endif
