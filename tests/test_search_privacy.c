/* test_search_privacy.c — Find me cannot be used to read the guest list.
 *
 * Over the demo event's guests (assets/demo/guests.csv) an attacker at the
 * kiosk types every two- and three-letter query, and for every guest extends
 * "first name + last initial" letter by letter, watching whether that guest's
 * row stays. Measured: how many guests the union of all results shows, and how
 * many hidden letters of last names the growing prefix recovers. A guest
 * finding themself still does: by first name, first name + initial, full name,
 * full name typed as it grows. Staff lookup (search_query_more) is not limited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/guest.h"
#include "core/import.h"
#include "core/search.h"
#include "core/text.h"

typedef struct Demo {
    GuestList guests;
    SearchIndex *ix;
} Demo;

static int demo_setup(void **state)
{
    Demo *d = calloc(1, sizeof *d);
    assert_non_null(d);
    char *path = tu_source("assets/demo/guests.csv");
    size_t len = 0;
    char *csv = tu_read(path, &len);
    assert_non_null(csv);
    ImportReport rep;
    import_report_init(&rep, path);
    guest_list_init(&d->guests);
    assert_int_equal(import_parse_guests(csv, len, &d->guests, &rep), 0);
    import_report_free(&rep);
    free(csv);
    free(path);
    assert_true(d->guests.count >= 40);
    d->ix = search_create();
    assert_non_null(d->ix);
    for (size_t i = 0; i < d->guests.count; i++) {
        Guest *g = &d->guests.items[i];
        snprintf(g->id, sizeof g->id, "%032zx", i + 1);
        assert_int_equal(search_add(d->ix, g), 0);
    }
    search_commit(d->ix);
    *state = d;
    return 0;
}

static int demo_teardown(void **state)
{
    Demo *d = *state;
    search_destroy(d->ix);
    guest_list_free(&d->guests);
    free(d);
    return 0;
}

static size_t guest_index(const Demo *d, const char *id)
{
    for (size_t i = 0; i < d->guests.count; i++)
        if (!strcmp(d->guests.items[i].id, id))
            return i;
    fail_msg("unknown guest id %s", id);
    return 0;
}

static bool finds(Demo *d, const char *query, size_t guest)
{
    SearchResult res[SEARCH_MAX_RESULTS];
    size_t n = search_find(d->ix, query, res, NULL);
    for (size_t i = 0; i < n; i++)
        if (guest_index(d, res[i].guest_id) == guest)
            return true;
    return false;
}

/* Every query of len letters a-z: marks shown[] for each guest in a result. */
static void all_queries(Demo *d, size_t len, bool *shown)
{
    char q[4] = {0};
    size_t total = 1;
    for (size_t i = 0; i < len; i++)
        total *= 26;
    for (size_t k = 0; k < total; k++) {
        size_t x = k;
        for (size_t i = 0; i < len; i++, x /= 26)
            q[len - 1 - i] = (char)('a' + x % 26);
        SearchResult res[SEARCH_MAX_RESULTS];
        size_t n = search_find(d->ix, q, res, NULL);
        for (size_t i = 0; i < n; i++)
            shown[guest_index(d, res[i].guest_id)] = true;
    }
}

/* The first word of a guest's first name, folded, as the attacker reads it on
 * the row ("Anne-Marie" is typed "anne"); "" when it has none. */
static void first_word(const Guest *g, char *out, size_t cap)
{
    char *f = search_fold(g->first);
    assert_non_null(f);
    size_t n = strcspn(f, " -'.");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, f, n);
    out[n] = '\0';
    free(f);
}

/* The attack on one guest's last name: from "first x" grows x one letter at a
 * time from the initial, keeping the letter when it is the only one of a-z
 * under which the guest's row stays. Returns how many letters it learned past
 * the initial. */
static size_t grow_last_name(Demo *d, size_t guest, char *learned, size_t cap)
{
    char first[64];
    first_word(&d->guests.items[guest], first, sizeof first);
    learned[0] = '\0';
    /* The row shows the initial: the attack starts from it. */
    char *last = search_fold(d->guests.items[guest].last);
    assert_non_null(last);
    bool latin = last[0] >= 'a' && last[0] <= 'z';
    learned[0] = last[0];
    learned[1] = '\0';
    free(last);
    if (!first[0] || !latin)
        return 0;
    size_t len = 1;
    while (len + 1 < cap) {
        char only = 0;
        int kept = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            char q[160];
            snprintf(q, sizeof q, "%s %.*s%c", first, (int)len, learned, c);
            if (finds(d, q, guest)) {
                kept++;
                only = c;
            }
        }
        if (kept != 1)
            break;
        learned[len++] = only;
        learned[len] = '\0';
    }
    return len - 1;
}

/* Whether the first name or company has a whole word of two or three letters
 * a-z ("ana", "pta"), which a short query may find. */
static bool has_short_word(const Guest *g)
{
    char *both = malloc(strlen(g->first) + strlen(g->company) + 2);
    assert_non_null(both);
    sprintf(both, "%s %s", g->first, g->company);
    char *f = search_fold(both);
    assert_non_null(f);
    bool found = false;
    for (char *p = f; *p;) {
        size_t n = 0;
        while ((p[n] >= 'a' && p[n] <= 'z') || (unsigned char)p[n] >= 0x80)
            n++;
        found |= n >= 2 && n <= 3;
        p += n ? n : 1;
    }
    free(f);
    free(both);
    return found;
}

static void test_enumeration(void **state)
{
    Demo *d = *state;
    size_t n = d->guests.count;
    bool *shown2 = calloc(n, sizeof *shown2), *shown3 = calloc(n, sizeof *shown3);
    assert_non_null(shown2);
    assert_non_null(shown3);
    all_queries(d, 2, shown2);
    all_queries(d, 3, shown3);
    size_t n2 = 0, n3 = 0, nall = 0;
    for (size_t i = 0; i < n; i++) {
        n2 += shown2[i];
        n3 += shown3[i];
        nall += shown2[i] || shown3[i];
    }

    size_t recovered = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        char learned[64];
        size_t got = grow_last_name(d, i, learned, sizeof learned);
        if (got) {
            recovered++;
            letters += got;
            print_message("  last name of guest %zu read as \"%s\"\n", i + 1, learned);
        }
    }
    print_message("  [figures] %zu guests; 676 two-letter queries show %zu, 17,576 three-letter "
                  "queries show %zu, together %zu; the growing prefix recovers %zu hidden last "
                  "names (%zu letters)\n",
                  n, n2, n3, nall, recovered, letters);

    /* No hidden letter of any last name comes out. */
    assert_int_equal(recovered, 0);
    /* A short query shows a guest only when it is a whole word of what their
     * row shows: their first name or company ("Ana", "PTA"). */
    for (size_t i = 0; i < n; i++) {
        if ((shown2[i] || shown3[i]) && !has_short_word(&d->guests.items[i]))
            fail_msg("guest %zu (%s) shown by a short query that is no whole word of theirs", i + 1,
                     d->guests.items[i].first);
    }
    assert_true(nall * 4 < n);
    free(shown2);
    free(shown3);
}

/* The guest finding themself: Ana García of Acme Welding. */
static void test_guest_finds_self(void **state)
{
    Demo *d = *state;
    size_t ana = SIZE_MAX;
    for (size_t i = 0; i < d->guests.count; i++)
        if (!strcmp(d->guests.items[i].first, "Ana"))
            ana = i;
    assert_true(ana != SIZE_MAX);
    static const char *const ok[] = {
        "Ana",        "ana",        "ana g",       "Ana G.",         "ana garcia",
        "Ana García", "ana ga",     "ana garc",    "garcia ana",     "ana acme",
        "acme ana",   "ANA GARCÍA", "ana welding", "ana garcía acme"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!finds(d, ok[i], ana))
            fail_msg("\"%s\" does not find Ana", ok[i]);
    /* Another initial is someone else. */
    assert_false(finds(d, "ana r", ana));
    assert_false(finds(d, "ana ruiz", ana));

    /* Every guest with a first name finds themself by it and by first name
     * plus initial, and by first name and full last name. */
    for (size_t i = 0; i < d->guests.count; i++) {
        const Guest *g = &d->guests.items[i];
        if (!g->first[0] || !g->last[0])
            continue;
        char q[512];
        snprintf(q, sizeof q, "%s", g->first);
        if (!finds(d, q, i))
            fail_msg("\"%s\" does not find guest %zu", q, i + 1);
        snprintf(q, sizeof q, "%s %s", g->first, g->last);
        if (!finds(d, q, i))
            fail_msg("\"%s\" does not find guest %zu", q, i + 1);
    }
}

/* Staff look guests up freely: by part of a last name, by two letters. */
static void test_staff_unlimited(void **state)
{
    Demo *d = *state;
    SearchResult res[SEARCH_MAX_RESULTS];
    bool more = false;
    size_t n = search_query_more(d->ix, "garc", res, &more);
    assert_true(n >= 1);
    assert_true(strstr(res[0].label, "Ana") != NULL);
    n = search_query_more(d->ix, "an", res, &more);
    assert_true(n >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enumeration),
        cmocka_unit_test(test_guest_finds_self),
        cmocka_unit_test(test_staff_unlimited),
    };
    return cmocka_run_group_tests(tests, demo_setup, demo_teardown);
}
