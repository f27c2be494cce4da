/* search.h — the kiosk's "Find me" search, in memory.
 *
 * Accent-, case- and order-insensitive prefix match on first name, last name and
 * company: every word the guest typed must be the start of some word of theirs
 * ("ana acme" finds Ana García of Acme Welding; "jose" finds José). Queries
 * shorter than two letters find nothing. At most SEARCH_MAX_RESULTS results,
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

/* Returns the number of results written to out (<= SEARCH_MAX_RESULTS). */
size_t search_query(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS]);
/* The same; *more (may be NULL) is true when more guests match than were
 * returned (the guest should type more of their name). */
size_t search_query_more(SearchIndex *ix, const char *query, SearchResult out[SEARCH_MAX_RESULTS],
                         bool *more);

#endif
