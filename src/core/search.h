/* search.h — the guest search, in memory: staff lookup and "Find me".
 *
 * Accent-, case- and order-insensitive prefix match on first name, last name and
 * company: every word typed must be the start of some word of theirs
 * ("ana acme" finds Ana García of Acme Welding; "jose" finds José). Queries
 * shorter than two letters find nothing. Find me (search_find) narrows this so
 * the guest list cannot be read through it. At most SEARCH_MAX_RESULTS results,
 * sorted by first name, then last name, then company, masked for display.
 * Built so one query stays well under 2 ms at 100,000 guests: a sorted array of
 * folded words is binary-searched for each typed word. */
#ifndef LANYARD_SEARCH_H
#define LANYARD_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/guest.h"

#define SEARCH_MAX_RESULTS 8
#define SEARCH_MIN_QUERY 2
/* Find me matches the start of a name from this many letters on. */
#define SEARCH_FIND_PREFIX 4

typedef struct SearchIndex SearchIndex;

typedef struct SearchResult {
    char guest_id[ID_LEN + 1];
    char label[256]; /* "Ana G. — Acme Welding", truncated at a character boundary */
} SearchResult;

SearchIndex *search_create(void);
void search_destroy(SearchIndex *ix);

/* Adds (or replaces, by id) one guest. 0 or -1 on ENOMEM. Cheap for a few walk-ins
 * after the bulk load; search_add many then search_commit for bulk loads. */
int search_add(SearchIndex *ix, const Guest *g);
/* Sorts pending additions into the index. Called by search_query if needed. */
void search_commit(SearchIndex *ix);
size_t search_count(const SearchIndex *ix);

/* The search key of a text: text_fold() plus the Latin letters that have no
 * decomposition mapped to what people type instead ("Łukasz" -> "lukasz",
 * "Søren" -> "soren"). malloc'd, NULL on ENOMEM. */
char *search_fold(const char *s);

/* Whether a query says enough to search: SEARCH_MIN_QUERY letters, or one
 * ideograph (a Chinese or Japanese name may be one character). The screens
 * ask for more until it does. */
bool search_query_enough(const char *query);

/* Returns the number of results written to out (<= SEARCH_MAX_RESULTS). */
size_t search_query(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS]);
/* The same; *more (may be NULL) is true when more guests match than were
 * returned (the guest should type more of their name). */
size_t search_query_more(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS],
                         bool *more);

/* Find me, for a guest finding themself, as search_query_more but such that no
 * sequence of queries reads the guest list or a hidden last name:
 * - a query word matches the first name or company (which the row shows) as a
 *   whole word ("ana", "acme"), or as the start of one from SEARCH_FIND_PREFIX
 *   letters ("jess" finds Jessica);
 * - it matches the last name by its first letter only, the initial the row
 *   shows ("ana g", "ana garcia" and "ana gomez" find Ana G. alike), and never
 *   finds a guest alone: some word must match the first name or company;
 * - when more than SEARCH_MAX_RESULTS guests match, none is returned and
 *   *more (may be NULL) is set: the guest types more of their name.
 * Staff lookup uses search_query_more, which has none of these limits. */
size_t search_find(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS],
                   bool *more);
/* Whether a query may still be the start of a name Find me has not matched
 * yet: none of its words has SEARCH_FIND_PREFIX letters (or is an ideograph).
 * Depends on the query alone, never on the guests. */
bool search_find_partial(const char *query);

#endif
