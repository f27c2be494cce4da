/* guest_match.h — the one rule for "are these two records the same person?"
 *
 * Importing a guest list (rows of one file, and rows against the database),
 * registering a walk-in and merging kiosk databases all ask this module. The
 * store may pre-select candidates with SQL (by id, code, email or folded name);
 * the decision is made here, in plain C.
 *
 * The rule reads a record's id, code, first and last name, company and email.
 * Names and companies compare folded (text_fold: case, accents and
 * compatibility forms aside, "JOSÉ" is "Jose"), emails case-folded
 * (text_casefold), ids and codes exactly. A registration code is any code but
 * a kiosk-issued walk-in code ("W-7K3M-Q9XD", walkin_code_valid; also the
 * one an import gives a listed guest without a code): a walk-in code names
 * one registration, so two records carrying it are one person, but a
 * walk-in code never shows two records to be two people.
 *
 * The questions, in this order; the first that answers decides:
 *
 *   1. An id in common                                same  GUEST_MATCH_ID
 *   2. A code in common (registration or walk-in)     same  GUEST_MATCH_CODE
 *   3. Both have a registration code, none in common  two   GUEST_MATCH_CONFLICT
 *      ("A1001" and "A1002" are two tickets, so two people, even under one
 *      email and one name: a buyer's details copied onto each ticket.)
 *   4. Both have an email, and they share one:
 *      a. the names do not clearly differ             same  GUEST_MATCH_EMAIL
 *      b. the names clearly differ                    two   GUEST_MATCH_CONFLICT
 *         (colleagues registered under one office address)
 *      Names clearly differ when both first names are given and differ, or
 *      both last names are given and differ; a missing part is no difference
 *      ("Ana" and "Ana García" under one email are one person).
 *   5. Both have an email, none in common             -     GUEST_MATCH_NONE
 *   6. At most one has an email, and the first name, last name and company
 *      are given on both sides and equal              same  GUEST_MATCH_NAME
 *      (a walk-in registering again; two "Sam Lee"s with no company cannot be
 *      told apart, so they stay two guests)
 *   7. Anything else                                  -     GUEST_MATCH_NONE
 *
 * NONE means nothing ties the two records together; CONFLICT means something
 * shows them to be two people. The difference matters when a third record
 * ties two guests together (guest_match_choose).
 *
 * A guest that a merge made of several records is a GuestSet: it is matched
 * through every one of its records, and the ids and codes of its earlier
 * records (a merge's aliases) count as its own. Questions 1 to 3 look at all
 * the set's ids and codes; questions 4 to 7 are asked of every pair of records
 * (one from each set): the strongest "same" wins, else CONFLICT if any pair
 * conflicts, else NONE. So whether two guests match does not depend on which
 * record a merge kept as the visible one. */
#ifndef LANYARD_GUEST_MATCH_H
#define LANYARD_GUEST_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/guest.h"

/* The answer, weakest first: a greater value is stronger evidence. */
typedef enum GuestMatch {
    GUEST_MATCH_NONE = 0, /* nothing ties them: two guests, unless a third record does */
    GUEST_MATCH_CONFLICT, /* two people: different registration codes, or different
                             names under one email */
    GUEST_MATCH_NAME,     /* same name and company (question 6) */
    GUEST_MATCH_EMAIL,    /* same email, names not clearly different (question 4a) */
    GUEST_MATCH_CODE,     /* same registration or walk-in code */
    GUEST_MATCH_ID,       /* same id */
} GuestMatch;

/* True for the answers that mean "the same person" (NAME, EMAIL, CODE, ID). */
bool guest_match_same(GuestMatch m);

/* A short English word for m ("id", "code", "email", "name", "conflict", "none"). */
const char *guest_match_name(GuestMatch m);

/* A guest as the rule sees it. */
typedef struct GuestSet {
    const char *id;       /* the guest's id, to order candidates; "" for a new record */
    const Guest *records; /* the records it is made of; at least one */
    size_t nrecords;
    const char *const *ids; /* more ids it answers to (a merge's aliases); may be NULL */
    size_t nids;
    const char *const *codes; /* more codes it answers to */
    size_t ncodes;
} GuestSet;

/* The set of one record, g itself (no other ids or codes). */
GuestSet guest_match_set_of(const Guest *g);

/* The rule for two records. 0 and *out set, or -1 when out of memory. */
int guest_match(const Guest *a, const Guest *b, GuestMatch *out);

/* The rule for two guests made of one or more records each. 0 or -1 (ENOMEM). */
int guest_match_sets(const GuestSet *a, const GuestSet *b, GuestMatch *out);

/* Which of n candidate guests rec is. The candidates that are the same person
 * as rec are taken strongest answer first, then by id (smallest first; equal
 * ids, such as the "" of rows not yet given one, keep the order of cands). One
 * tied to rec by id or code is always taken: an id or a code belongs to one
 * person. One tied only by email or name is taken unless it is in CONFLICT with
 * a candidate already taken: a walk-in "Pat Kim, pat@kim.example" is the same
 * as both tickets A1001 and A1002 made out to "Pat Kim, pat@kim.example", but
 * joins only the first (the two tickets stay two guests).
 *
 * Fills pick[0..k) with the indices of the candidates taken, in that order,
 * and returns k (0: rec is nobody known), or -1 when out of memory. pick has
 * room for n. Import and walk-ins take pick[0]; merge folds all of them.
 *
 * Merge folds records in the order it meets them, so in that one case (a
 * record tying together two guests in CONFLICT) the guest it joins can depend
 * on which of the two a merge met first; in every other case the outcome
 * depends only on the records seen. */
int guest_match_choose(const GuestSet *rec, const GuestSet *cands, size_t n, size_t *pick);

/* The key under which the store and the import look up question 6's
 * candidates: folded first, last and company joined by U+001F. 0 with *out
 * malloc'd, 0 with *out NULL when one of the three is missing (no name match
 * is possible), -1 when out of memory. */
int guest_match_name_key(const Guest *g, char **out);

#endif
