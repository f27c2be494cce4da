/* test_search.c — the kiosk's "Find me" search: folding, word order, masking,
 * limits, replacement by id, and agreement with a brute-force scan over 100,000
 * generated guests (whose timing is printed for information only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "core/guest.h"
#include "core/search.h"
#include "core/text.h"
#include "gen_guests.h"

/* Adds a guest with id derived from n. */
static void add(SearchIndex *ix, int n, const char *first, const char *last, const char *company)
{
    Guest g;
    guest_init(&g);
    snprintf(g.id, sizeof g.id, "%032x", n);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, company), 0);
    assert_int_equal(guest_set(&g.email, "someone@example.com"), 0);
    assert_int_equal(search_add(ix, &g), 0);
    guest_clear(&g);
}

static void id_of(int n, char out[ID_LEN + 1])
{
    snprintf(out, ID_LEN + 1, "%032x", n);
}

/* Asserts that query finds exactly the guests in want (in that order). */
static void expect(SearchIndex *ix, const char *query, const int *want, size_t nwant)
{
    SearchResult res[SEARCH_MAX_RESULTS];
    size_t n = search_query(ix, query, res);
    if (n != nwant) {
        for (size_t i = 0; i < n; i++)
            print_message("  got %s\n", res[i].label);
        fail_msg("query \"%s\": %zu results, expected %zu", query, n, nwant);
    }
    for (size_t i = 0; i < n; i++) {
        char id[ID_LEN + 1];
        id_of(want[i], id);
        if (strcmp(res[i].guest_id, id) != 0)
            fail_msg("query \"%s\": result %zu is %s (%s), expected guest %d", query, i,
                     res[i].guest_id, res[i].label, want[i]);
    }
}

#define EXPECT(ix, q, ...)                                                                         \
    do {                                                                                           \
        const int want_[] = {__VA_ARGS__};                                                         \
        expect(ix, q, want_, sizeof want_ / sizeof want_[0]);                                      \
    } while (0)
#define EXPECT_NONE(ix, q) expect(ix, q, NULL, 0)

static SearchIndex *small_index(void)
{
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    add(ix, 1, "Ana", "García", "Acme Welding");
    add(ix, 2, "José", "Núñez", "Valley Auto Repair");
    add(ix, 3, "Jose", "Nunez", "Summit Health");
    add(ix, 4, "ZOË", "O'Brien", "");
    add(ix, 5, "Ana", "Smith", "Riverside Dental");
    add(ix, 6, "Łukasz", "García-López", "Acme Welding");
    add(ix, 7, "小明", "王", "北京 Networks");
    add(ix, 8, "Андрей", "Иванов", "Keystone Electric");
    return ix;
}

static void test_accents_and_case(void **state)
{
    (void)state;
    SearchIndex *ix = small_index();
    /* Both José and Jose, whichever way they are typed; sorted by last name then
     * company when the folded first names tie. */
    EXPECT(ix, "jose", 3, 2);
    EXPECT(ix, "José", 3, 2);
    EXPECT(ix, "JOSÉ", 3, 2);
    EXPECT(ix, "nuñ", 3, 2);
    EXPECT(ix, "zoe", 4);
    EXPECT(ix, "Zoë", 4);
    EXPECT(ix, "lukasz", 6);
    EXPECT(ix, "ŁUK", 6);
    EXPECT(ix, "андр", 8);
    EXPECT(ix, "АНДРЕЙ ив", 8);
    EXPECT(ix, "小明", 7);
    /* Names written without spaces are found typed in either order, whole. */
    EXPECT(ix, "王小明", 7);
    EXPECT(ix, "小明王", 7);
    EXPECT(ix, "明", 7);
    EXPECT_NONE(ix, "王芳");
    add(ix, 10, "민준", "김", "");
    EXPECT(ix, "김민준", 10);
    EXPECT(ix, "김민", 10);
    /* Letters with a stroke have no decomposition, but keyboards lack them. */
    add(ix, 9, "Søren", "Ærø", "Đà Nẵng Œuvre");
    EXPECT(ix, "soren", 9);
    EXPECT(ix, "søren aer", 9);
    EXPECT(ix, "da oeuvre", 9);
    char *f = search_fold("ŁUKASZ Øberg Þór");
    assert_string_equal(f, "lukasz oberg thor");
    free(f);
    search_destroy(ix);
}

static void test_words_any_order(void **state)
{
    (void)state;
    SearchIndex *ix = small_index();
    EXPECT(ix, "ana", 1, 5);
    EXPECT(ix, "ana garcia", 1);
    EXPECT(ix, "garcia ana", 1);
    EXPECT(ix, "  GAR   an ", 1);
    EXPECT(ix, "ana acme", 1);
    EXPECT(ix, "ana ri", 5);
    EXPECT_NONE(ix, "ana nunez");
    EXPECT_NONE(ix, "anax");
    /* Only prefixes: "cia" is inside García but starts no word. */
    EXPECT_NONE(ix, "cia");
    /* Punctuation inside a name: both parts and the joined form are words. */
    EXPECT(ix, "obrien", 4);
    EXPECT(ix, "o'brien", 4);
    EXPECT(ix, "brien", 4);
    EXPECT(ix, "lopez", 6);
    EXPECT(ix, "garcia-lo", 6);
    EXPECT(ix, "garcialopez", 6);
    EXPECT(ix, "garcia", 1, 6);
    search_destroy(ix);
}

static void test_company(void **state)
{
    (void)state;
    SearchIndex *ix = small_index();
    EXPECT(ix, "welding", 1, 6);
    EXPECT(ix, "acme", 1, 6);
    EXPECT(ix, "auto rep", 2);
    EXPECT(ix, "health jo", 3);
    EXPECT(ix, "networks", 7);
    search_destroy(ix);
}

static void test_short_queries(void **state)
{
    (void)state;
    SearchIndex *ix = small_index();
    EXPECT_NONE(ix, "");
    EXPECT_NONE(ix, "a");
    EXPECT_NONE(ix, "A ");
    EXPECT_NONE(ix, "   ");
    EXPECT_NONE(ix, "é");
    EXPECT_NONE(ix, "-'.");
    /* One ideograph says as much as two letters: a whole Chinese surname. */
    EXPECT(ix, "王", 7);
    SearchResult res[SEARCH_MAX_RESULTS];
    assert_int_equal(search_query(ix, NULL, res), 0);
    /* The second letter is enough, even split across two words. */
    EXPECT(ix, "an", 1, 5);
    EXPECT(ix, "a g", 1, 6);
    /* The screens ask for more exactly when the search would find nothing
     * for being too short. */
    static const char *const SHORT[] = {"", "a", "A ", "   ", "é", "-'."};
    for (size_t i = 0; i < sizeof SHORT / sizeof SHORT[0]; i++)
        assert_false(search_query_enough(SHORT[i]));
    static const char *const ENOUGH[] = {"王", "芳", "an", "a g", "ana"};
    for (size_t i = 0; i < sizeof ENOUGH / sizeof ENOUGH[0]; i++)
        assert_true(search_query_enough(ENOUGH[i]));
    search_destroy(ix);
}

static void test_at_most_eight_sorted(void **state)
{
    (void)state;
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    /* Added in reverse order; results must come out by last name. */
    static const char *const lasts[] = {"Zamora", "Young", "Wu",    "Vega",   "Ortiz", "Nash",
                                        "Lopez",  "Jones", "Irwin", "Ibáñez", "Hale",  "Ford",
                                        "Ellis",  "Díaz",  "Cruz",  "Brown",  "Ávila", "Adams"};
    size_t n = sizeof lasts / sizeof lasts[0];
    for (size_t i = 0; i < n; i++)
        add(ix, (int)(100 + i), "María", lasts[i], "Evergreen Farms");
    add(ix, 200, "Mario", "Aaron", "Evergreen Farms");
    add(ix, 201, "Maria", "Adams", "Acme");
    assert_int_equal(search_count(ix), n + 2);
    /* maria < mario; among the Marías: adams/acme (201), adams/evergreen (117),
     * avila, brown, cruz, diaz, ellis, ford. */
    EXPECT(ix, "mari", 201, 117, 116, 115, 114, 113, 112, 111);
    EXPECT(ix, "evergreen", 117, 116, 115, 114, 113, 112, 111, 110);
    EXPECT(ix, "mario", 200);
    search_destroy(ix);
}

/* Whether more guests match than the eight returned, so the kiosk can ask
 * for more of the name; pending (uncommitted) guests count too. */
static void test_more_than_eight(void **state)
{
    (void)state;
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    static const char *const lasts[] = {"Adams", "Brown", "Cruz",  "Díaz", "Ellis",
                                        "Ford",  "Hale",  "Irwin", "Jones"};
    for (int i = 0; i < 8; i++)
        add(ix, 300 + i, "Mara", lasts[i], "Acme");
    for (int i = 0; i < 50; i++)
        add(ix, 400 + i, "Zed", lasts[i % 9], "Nowhere");
    search_commit(ix);
    SearchResult out[SEARCH_MAX_RESULTS];
    bool more = true;
    assert_int_equal(search_query_more(ix, "mara", out, &more), 8);
    assert_false(more);
    add(ix, 308, "Mara", lasts[8], "Acme"); /* a ninth, last in order */
    assert_int_equal(search_query_more(ix, "mara", out, &more), 8);
    assert_true(more);
    search_commit(ix);
    assert_int_equal(search_query_more(ix, "mara", out, &more), 8);
    assert_true(more);
    assert_int_equal(search_query_more(ix, "mara jones", out, &more), 1);
    assert_false(more);
    assert_int_equal(search_query_more(ix, "zed", out, &more), 8);
    assert_true(more);
    search_destroy(ix);
}

static void test_masked_label(void **state)
{
    (void)state;
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    Guest g;
    guest_init(&g);
    snprintf(g.id, sizeof g.id, "%032x", 42);
    assert_int_equal(guest_set(&g.first, "Ana"), 0);
    assert_int_equal(guest_set(&g.last, "Hernández"), 0);
    assert_int_equal(guest_set(&g.company, "Acme Welding"), 0);
    assert_int_equal(guest_set(&g.email, "ana.hernandez@acme.example"), 0);
    assert_int_equal(guest_set(&g.phone, "+1 555 010 2233"), 0);
    assert_int_equal(search_add(ix, &g), 0);
    guest_clear(&g);

    SearchResult res[SEARCH_MAX_RESULTS];
    /* Found by the last name, which is never shown in full. */
    assert_int_equal(search_query(ix, "hernandez", res), 1);
    assert_string_equal(res[0].label, "Ana H. — Acme Welding");
    assert_null(strstr(res[0].label, "Hernández"));
    assert_null(strstr(res[0].label, "ernández"));
    assert_null(strstr(res[0].label, "hernandez"));
    assert_null(strstr(res[0].label, "@"));
    assert_null(strstr(res[0].label, "555"));
    /* Contact details are not searchable either. */
    assert_int_equal(search_query(ix, "ana.hernandez@acme.example", res), 0);
    assert_int_equal(search_query(ix, "555 010", res), 0);

    /* A very long label is cut at a character boundary. */
    char company[1024] = ""; /* 100 x 7 bytes */
    for (int i = 0; i < 100; i++)
        strcat(company, "Señé ");
    add(ix, 43, "Zoë", "Long", company);
    assert_int_equal(search_query(ix, "zoe long", res), 1);
    assert_true(strlen(res[0].label) < sizeof res[0].label);
    assert_true(text_is_utf8(res[0].label, strlen(res[0].label)));
    assert_non_null(strstr(res[0].label, "Zoë L. — Señé"));
    search_destroy(ix);
}

/* A name or a company in a right-to-left script is its own isolate in the
 * label, so the row keeps name, then company, in its reading order; labels in
 * other scripts are as they always were. */
static void test_masked_label_rtl(void **state)
{
    (void)state;
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"
    static const struct {
        const char *first, *last, *company, *label;
    } CASES[] = {
        {"محمد", "عبد الرحمن", "Acme Welding", FSI "محمد ع." PDI " — Acme Welding"},
        {"محمد", "الحسن", "شركة النور", FSI "محمد ا." PDI " — " FSI "شركة النور" PDI},
        {"Ana", "Li", "שלום בע״מ", "Ana L. — " FSI "שלום בע״מ" PDI},
        {"Ana", "محمد", "", FSI "Ana م." PDI},
        {"王芳", "", "深圳市科技有限公司", "王芳 — 深圳市科技有限公司"},
        {"Zoë", "Nguyễn", "Café Co.", "Zoë N. — Café Co."},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        Guest g;
        guest_init(&g);
        assert_int_equal(guest_set(&g.first, CASES[i].first), 0);
        assert_int_equal(guest_set(&g.last, CASES[i].last), 0);
        assert_int_equal(guest_set(&g.company, CASES[i].company), 0);
        char *label = guest_masked_name(&g);
        assert_non_null(label);
        assert_string_equal(label, CASES[i].label);
        free(label);
        guest_clear(&g);
    }
#undef FSI
#undef PDI
}

static void test_replace_by_id(void **state)
{
    (void)state;
    SearchIndex *ix = small_index();
    size_t count = search_count(ix);
    SearchResult res[SEARCH_MAX_RESULTS];
    /* Guest 1 corrects her name at the kiosk after the bulk load was committed. */
    search_commit(ix);
    EXPECT(ix, "ana", 1, 5);
    add(ix, 1, "Anabel", "Garcés", "Acme Steel");
    assert_int_equal(search_count(ix), count);
    EXPECT(ix, "ana", 5, 1);
    assert_int_equal(search_query(ix, "anabel", res), 1);
    assert_string_equal(res[0].label, "Anabel G. — Acme Steel");
    EXPECT_NONE(ix, "welding ana");
    EXPECT(ix, "steel", 1);
    /* And again, while the previous replacement is still pending. */
    add(ix, 1, "Ana", "García", "Acme Welding");
    EXPECT_NONE(ix, "steel");
    EXPECT(ix, "welding", 1, 6);
    search_commit(ix);
    EXPECT(ix, "welding", 1, 6);
    EXPECT_NONE(ix, "anabel");
    assert_int_equal(search_count(ix), count);
    search_destroy(ix);
}

/* ---- 100,000 guests against a brute-force scan ---- */

typedef struct Folded {
    char *first, *last, *company, *id;
    char *words[16];
    size_t nwords;
} Folded;

static void fold_guest(Folded *f, const Guest *g)
{
    f->first = search_fold(g->first);
    f->last = search_fold(g->last);
    f->company = search_fold(g->company);
    f->id = text_dup(g->id);
    f->nwords = 0;
    const char *fields[] = {f->first, f->last, f->company};
    for (int i = 0; i < 3; i++) {
        char *copy = text_dup(fields[i]);
        char *save = NULL;
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            assert_true(f->nwords < 16);
            f->words[f->nwords++] = text_dup(w);
        }
        free(copy);
    }
}

static void folded_free(Folded *f)
{
    free(f->first);
    free(f->last);
    free(f->company);
    free(f->id);
    for (size_t i = 0; i < f->nwords; i++)
        free(f->words[i]);
}

static int folded_cmp(const Folded *a, const Folded *b)
{
    int c = strcmp(a->first, b->first);
    if (!c)
        c = strcmp(a->last, b->last);
    if (!c)
        c = strcmp(a->company, b->company);
    if (!c)
        c = strcmp(a->id, b->id);
    return c;
}

/* The reference: every query word prefixes some word; top 8 by key. */
static size_t brute_query(const Folded *all, size_t n, const char *query, const Folded **out)
{
    char *fq = search_fold(query);
    char *qw[16];
    size_t nq = 0, letters = 0;
    char *save = NULL;
    for (char *w = strtok_r(fq, " ", &save); w && nq < 16; w = strtok_r(NULL, " ", &save)) {
        qw[nq++] = w;
        letters += text_codepoints(w);
    }
    size_t nout = 0;
    if (letters >= SEARCH_MIN_QUERY) {
        for (size_t i = 0; i < n; i++) {
            if (!all[i].first)
                continue; /* replaced */
            bool ok = true;
            for (size_t q = 0; q < nq && ok; q++) {
                bool any = false;
                for (size_t w = 0; w < all[i].nwords && !any; w++)
                    any = strncmp(all[i].words[w], qw[q], strlen(qw[q])) == 0;
                ok = any;
            }
            if (!ok)
                continue;
            size_t pos = nout;
            while (pos > 0 && folded_cmp(&all[i], out[pos - 1]) < 0)
                pos--;
            if (pos >= SEARCH_MAX_RESULTS)
                continue;
            size_t last = nout < SEARCH_MAX_RESULTS ? nout : SEARCH_MAX_RESULTS - 1;
            memmove(&out[pos + 1], &out[pos], (last - pos) * sizeof out[0]);
            out[pos] = &all[i];
            if (nout < SEARCH_MAX_RESULTS)
                nout++;
        }
    }
    free(fq);
    return nout;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void compare_with_brute(SearchIndex *ix, const Folded *all, size_t n, const char *q)
{
    const Folded *want[SEARCH_MAX_RESULTS];
    SearchResult got[SEARCH_MAX_RESULTS];
    size_t nw = brute_query(all, n, q, want);
    size_t ng = search_query(ix, q, got);
    if (nw != ng)
        fail_msg("query \"%s\": %zu results, brute force finds %zu", q, ng, nw);
    for (size_t i = 0; i < ng; i++) {
        if (strcmp(got[i].guest_id, want[i]->id) != 0)
            fail_msg("query \"%s\": result %zu is %s, brute force says %s", q, i, got[i].guest_id,
                     want[i]->id);
    }
}

/* Random adds, edits and commits on a mid-sized index, checked against the
 * brute force after each step: exercises the incremental merge, running out of
 * rank space between two neighbours, and the rebuild after many edits. */
static void test_merges(void **state)
{
    (void)state;
    enum { N = 3000, EXTRA = 3000 };
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    Folded *all = calloc(N + EXTRA, sizeof *all);
    assert_non_null(all);
    GenRng rng;
    gen_rng_seed(&rng, 7);
    size_t n = 0;
    static const char *const queries[] = {"an", "ma", "jo", "we", "g a", "ac", "ab", "aa"};
    for (int step = 0; step < 400; step++) {
        size_t op = gen_rng_below(&rng, 10);
        size_t count = 1 + gen_rng_below(&rng, step == 0 ? 1 : 40);
        if (step == 0)
            count = N;
        for (size_t c = 0; c < count && n < N + EXTRA; c++) {
            Guest g;
            guest_init(&g);
            size_t slot = step > 0 && op < 3 ? gen_rng_below(&rng, n) : n; /* edit or add */
            assert_int_equal(gen_guest(&g, slot, &rng), 0);
            if (step % 7 == 3) {
                /* Keys that all land in one gap: "ab" between "aa" and "ac",
                 * each new one just before the previous. */
                char last[16];
                snprintf(last, sizeof last, "%05d", 99999 - step * 40 - (int)c);
                assert_int_equal(guest_set(&g.first, "Ab"), 0);
                assert_int_equal(guest_set(&g.last, last), 0);
            }
            assert_int_equal(search_add(ix, &g), 0);
            if (slot < n)
                folded_free(&all[slot]);
            else
                n++;
            fold_guest(&all[slot], &g);
            guest_clear(&g);
        }
        if (step == 0) {
            Guest g;
            guest_init(&g);
            snprintf(g.id, sizeof g.id, "%032x", 0);
            assert_int_equal(guest_set(&g.first, "Aa"), 0);
            assert_int_equal(search_add(ix, &g), 0);
            folded_free(&all[0]);
            fold_guest(&all[0], &g);
            snprintf(g.id, sizeof g.id, "%032x", 1);
            assert_int_equal(guest_set(&g.first, "Ac"), 0);
            assert_int_equal(search_add(ix, &g), 0);
            folded_free(&all[1]);
            fold_guest(&all[1], &g);
            guest_clear(&g);
        }
        if (gen_rng_below(&rng, 3) == 0)
            search_commit(ix);
        assert_int_equal(search_count(ix), n);
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
            compare_with_brute(ix, all, n, queries[q]);
    }
    for (size_t i = 0; i < n; i++)
        folded_free(&all[i]);
    free(all);
    search_destroy(ix);
}

#define BIG 100000

static void test_hundred_thousand(void **state)
{
    (void)state;
    SearchIndex *ix = search_create();
    assert_non_null(ix);
    Folded *all = calloc(BIG + 100, sizeof *all);
    assert_non_null(all);
    GenRng rng;
    gen_rng_seed(&rng, 2026);
    double t0 = now_ms();
    for (size_t i = 0; i < BIG; i++) {
        Guest g;
        guest_init(&g);
        assert_int_equal(gen_guest(&g, i, &rng), 0);
        assert_int_equal(search_add(ix, &g), 0);
        fold_guest(&all[i], &g);
        guest_clear(&g);
    }
    double t1 = now_ms();
    search_commit(ix);
    double t2 = now_ms();
    print_message("  [info] adding 100,000 guests %.0f ms (with the brute-force copy), "
                  "commit %.0f ms\n",
                  t1 - t0, t2 - t1);
    assert_int_equal(search_count(ix), BIG);

    /* Queries typed letter by letter from real guests' names and companies, plus
     * a few broad ones, each compared with the brute-force answer. */
    static const char *const fixed[] = {"an",    "ma",        "jo",   "ga",     "mar",   "ana g",
                                        "g a",   "welding",   "acme", "nguyen", "ng",    "zz",
                                        "ac we", "garcia ma", "mü",   "mu",     "søren", "soren"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        compare_with_brute(ix, all, BIG, fixed[i]);

    double worst = 0, total = 0;
    size_t nq = 0;
    for (int k = 0; k < 300; k++) {
        const Folded *f = &all[gen_rng_below(&rng, BIG)];
        char text[300];
        if (k % 3 == 2)
            snprintf(text, sizeof text, "%s %s", f->company, f->first);
        else
            snprintf(text, sizeof text, "%s %s", f->first, f->last);
        size_t len = strlen(text);
        for (size_t cut = 2; cut <= len; cut++) {
            char q[300];
            memcpy(q, text, cut);
            q[cut] = '\0';
            if (!text_is_utf8(q, cut))
                continue; /* mid-character: not something a keyboard types */
            SearchResult res[SEARCH_MAX_RESULTS];
            double a = now_ms();
            size_t got = search_query(ix, q, res);
            double b = now_ms();
            (void)got;
            if (b - a > worst)
                worst = b - a;
            total += b - a;
            nq++;
            if (k % 10 == 0)
                compare_with_brute(ix, all, BIG, q);
        }
    }
    print_message("  [info] %zu queries typed letter by letter: mean %.4f ms, worst %.4f ms "
                  "(information only; scripts/bench measures p99)\n",
                  nq, total / (double)nq, worst);

    /* Walk-ins and edits on top of the big index stay consistent with it. */
    for (size_t i = 0; i < 100; i++) {
        Guest g;
        guest_init(&g);
        size_t n = i % 2 ? BIG + i : gen_rng_below(&rng, BIG); /* new, or an edit */
        assert_int_equal(gen_guest(&g, n, &rng), 0);
        assert_int_equal(search_add(ix, &g), 0);
        Folded *slot = n < BIG ? &all[n] : &all[BIG + i];
        if (n < BIG)
            folded_free(slot);
        fold_guest(slot, &g);
        guest_clear(&g);
        if (i % 25 == 0) {
            compare_with_brute(ix, all, BIG + 100, slot->first);
            compare_with_brute(ix, all, BIG + 100, slot->last);
        }
    }
    assert_int_equal(search_count(ix), BIG + 50);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        compare_with_brute(ix, all, BIG + 100, fixed[i]);
    search_commit(ix);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        compare_with_brute(ix, all, BIG + 100, fixed[i]);

    for (size_t i = 0; i < BIG + 100; i++) {
        if (all[i].first)
            folded_free(&all[i]);
    }
    free(all);
    search_destroy(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accents_and_case),
        cmocka_unit_test(test_words_any_order),
        cmocka_unit_test(test_company),
        cmocka_unit_test(test_short_queries),
        cmocka_unit_test(test_at_most_eight_sorted),
        cmocka_unit_test(test_more_than_eight),
        cmocka_unit_test(test_masked_label),
        cmocka_unit_test(test_masked_label_rtl),
        cmocka_unit_test(test_replace_by_id),
        cmocka_unit_test(test_merges),
        cmocka_unit_test(test_hundred_thousand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
