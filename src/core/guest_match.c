/* guest_match.c — the one "same guest?" rule (see guest_match.h for the
 * questions and their order). */
#include "core/guest_match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "core/text.h"

bool guest_match_same(GuestMatch m)
{
    return m >= GUEST_MATCH_NAME;
}

const char *guest_match_name(GuestMatch m)
{
    switch (m) {
    case GUEST_MATCH_NONE:
        return "none";
    case GUEST_MATCH_CONFLICT:
        return "conflict";
    case GUEST_MATCH_NAME:
        return "name";
    case GUEST_MATCH_EMAIL:
        return "email";
    case GUEST_MATCH_CODE:
        return "code";
    case GUEST_MATCH_ID:
        return "id";
    }
    return "none";
}

static bool given(const char *s)
{
    return s && *s;
}

GuestSet guest_match_set_of(const Guest *g)
{
    GuestSet s = {.id = g->id, .records = g, .nrecords = 1};
    return s;
}

/* ---- questions 1 to 3: ids and codes ---- */

/* Whether set s answers to id (code false) or code (code true) v. */
static bool set_has(const GuestSet *s, bool code, const char *v)
{
    for (size_t i = 0; i < s->nrecords; i++) {
        const char *k = code ? s->records[i].code : s->records[i].id;
        if (given(k) && strcmp(k, v) == 0)
            return true;
    }
    const char *const *more = code ? s->codes : s->ids;
    size_t n = code ? s->ncodes : s->nids;
    for (size_t i = 0; i < n; i++) {
        if (given(more[i]) && strcmp(more[i], v) == 0)
            return true;
    }
    return false;
}

/* Whether a and b share an id (code false) or a code (code true). */
static bool sets_share(const GuestSet *a, const GuestSet *b, bool code)
{
    for (size_t i = 0; i < a->nrecords; i++) {
        const char *k = code ? a->records[i].code : a->records[i].id;
        if (given(k) && set_has(b, code, k))
            return true;
    }
    const char *const *more = code ? a->codes : a->ids;
    size_t n = code ? a->ncodes : a->nids;
    for (size_t i = 0; i < n; i++) {
        if (given(more[i]) && set_has(b, code, more[i]))
            return true;
    }
    return false;
}

static bool has_registration_code(const GuestSet *s)
{
    for (size_t i = 0; i < s->nrecords; i++) {
        if (given(s->records[i].code) && !walkin_code_valid(s->records[i].code))
            return true;
    }
    for (size_t i = 0; i < s->ncodes; i++) {
        if (given(s->codes[i]) && !walkin_code_valid(s->codes[i]))
            return true;
    }
    return false;
}

/* ---- questions 4 to 7: email, names and company ---- */

/* The fields questions 4 to 7 compare, folded once per record. */
typedef struct Folded {
    char *first, *last, *company, *email;
} Folded;

static void folded_free(Folded *f)
{
    free(f->first);
    free(f->last);
    free(f->company);
    free(f->email);
}

static int folded_make(const Guest *g, Folded *f)
{
    f->first = text_fold(g->first ? g->first : "");
    f->last = text_fold(g->last ? g->last : "");
    f->company = text_fold(g->company ? g->company : "");
    f->email = text_casefold(g->email ? g->email : "");
    if (f->first && f->last && f->company && f->email)
        return 0;
    folded_free(f);
    return -1;
}

static bool names_differ(const Folded *a, const Folded *b)
{
    return (a->first[0] && b->first[0] && strcmp(a->first, b->first) != 0) ||
           (a->last[0] && b->last[0] && strcmp(a->last, b->last) != 0);
}

static GuestMatch pair_match(const Folded *a, const Folded *b)
{
    if (a->email[0] && b->email[0]) {
        if (strcmp(a->email, b->email) != 0)
            return GUEST_MATCH_NONE;
        return names_differ(a, b) ? GUEST_MATCH_CONFLICT : GUEST_MATCH_EMAIL;
    }
    if (a->first[0] && a->last[0] && a->company[0] && strcmp(a->first, b->first) == 0 &&
        strcmp(a->last, b->last) == 0 && strcmp(a->company, b->company) == 0)
        return GUEST_MATCH_NAME;
    return GUEST_MATCH_NONE;
}

static void folded_free_all(Folded *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++)
        folded_free(&f[i]);
    free(f);
}

static Folded *folded_all(const GuestSet *s)
{
    Folded *f = calloc(s->nrecords ? s->nrecords : 1, sizeof *f);
    if (!f)
        return NULL;
    for (size_t i = 0; i < s->nrecords; i++) {
        if (folded_make(&s->records[i], &f[i]) != 0) {
            folded_free_all(f, i);
            return NULL;
        }
    }
    return f;
}

/* Questions 4 to 7 over every pair of records. */
static int pairs_match(const GuestSet *a, const GuestSet *b, GuestMatch *out)
{
    Folded *fa = folded_all(a), *fb = fa ? folded_all(b) : NULL;
    if (!fa || !fb) {
        folded_free_all(fa, a->nrecords);
        return -1;
    }
    GuestMatch best = GUEST_MATCH_NONE;
    bool conflict = false;
    for (size_t i = 0; i < a->nrecords; i++) {
        for (size_t j = 0; j < b->nrecords; j++) {
            GuestMatch m = pair_match(&fa[i], &fb[j]);
            if (guest_match_same(m) && m > best)
                best = m;
            conflict = conflict || m == GUEST_MATCH_CONFLICT;
        }
    }
    folded_free_all(fa, a->nrecords);
    folded_free_all(fb, b->nrecords);
    *out = best != GUEST_MATCH_NONE ? best : conflict ? GUEST_MATCH_CONFLICT : GUEST_MATCH_NONE;
    return 0;
}

int guest_match_sets(const GuestSet *a, const GuestSet *b, GuestMatch *out)
{
    if (sets_share(a, b, false))
        *out = GUEST_MATCH_ID;
    else if (sets_share(a, b, true))
        *out = GUEST_MATCH_CODE;
    else if (has_registration_code(a) && has_registration_code(b))
        *out = GUEST_MATCH_CONFLICT;
    else
        return pairs_match(a, b, out);
    return 0;
}

int guest_match(const Guest *a, const Guest *b, GuestMatch *out)
{
    GuestSet sa = guest_match_set_of(a), sb = guest_match_set_of(b);
    return guest_match_sets(&sa, &sb, out);
}

/* ---- several candidates ---- */

/* Whether candidate i comes before candidate j: stronger answer, then smaller id. */
static bool before(const GuestSet *cands, const GuestMatch *m, size_t i, size_t j)
{
    if (m[i] != m[j])
        return m[i] > m[j];
    return strcmp(cands[i].id ? cands[i].id : "", cands[j].id ? cands[j].id : "") < 0;
}

/* Whether candidate c is in CONFLICT with none of those taken. 1, 0, or -1 (ENOMEM). */
static int fits(const GuestSet *cands, size_t c, const size_t *pick, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        GuestMatch m;
        if (guest_match_sets(&cands[c], &cands[pick[j]], &m) != 0)
            return -1;
        if (m == GUEST_MATCH_CONFLICT)
            return 0;
    }
    return 1;
}

int guest_match_choose(const GuestSet *rec, const GuestSet *cands, size_t n, size_t *pick)
{
    if (n == 0)
        return 0;
    GuestMatch *m = malloc(n * sizeof *m);
    size_t *order = malloc(n * sizeof *order);
    int k = -1;
    if (!m || !order)
        goto done;
    size_t norder = 0;
    for (size_t i = 0; i < n; i++) {
        if (guest_match_sets(rec, &cands[i], &m[i]) != 0)
            goto done;
        if (!guest_match_same(m[i]))
            continue;
        size_t at = norder++;
        for (; at > 0 && before(cands, m, i, order[at - 1]); at--)
            order[at] = order[at - 1];
        order[at] = i;
    }
    size_t taken = 0;
    for (size_t i = 0; i < norder; i++) {
        int ok = m[order[i]] >= GUEST_MATCH_CODE ? 1 : fits(cands, order[i], pick, taken);
        if (ok < 0)
            goto done;
        if (ok)
            pick[taken++] = order[i];
    }
    k = (int)taken;
done:
    free(m);
    free(order);
    return k;
}

/* ---- looking up question 6's candidates ---- */

int guest_match_name_key(const Guest *g, char **out)
{
    *out = NULL;
    if (!given(g->first) || !given(g->last) || !given(g->company))
        return 0;
    Folded f;
    if (folded_make(g, &f) != 0)
        return -1;
    int rc = 0;
    if (f.first[0] && f.last[0] && f.company[0]) {
        size_t n = strlen(f.first) + strlen(f.last) + strlen(f.company) + 3;
        if ((*out = malloc(n)) != NULL)
            snprintf(*out, n, "%s\x1f%s\x1f%s", f.first, f.last, f.company);
        else
            rc = -1;
    }
    folded_free(&f);
    return rc;
}
