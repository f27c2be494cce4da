/* test_merge.c — merging kiosk databases is idempotent and order-independent.
 *
 * Three kiosks A, B and C saw the same event: the same registration list
 * imported under different ids (so guests match by code or by email), walk-ins
 * on several kiosks, the same guest checked in at two doors, an undo, program
 * interests, a later catalogue edit. Merging them in different orders, twice,
 * or through an intermediate merged file must give byte-identical exports and
 * identical tables, with each guest counted once, at the earliest time.
 * Databases of two events are not merged into one unless asked; one that
 * records no event (an older kiosk's) merges. */
#include "testutil.h"
#include "merge_testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/ids.h"
#include "store/store.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */
#define MIN INT64_C(60000)

static char *dir;

static Store *open_db(const char *name, unsigned flags)
{
    return mt_open(dir, name, flags);
}

typedef struct Reg {
    const char *code, *first, *last, *company, *email;
} Reg;

/* The registration list every kiosk imported. */
static const Reg LIST[] = {
    {"1001", "Ana", "García", "Acme Welding", "ana@acme.example"},
    {"1002", "José", "Núñez", "Núñez Auto", "jose@nunez.example"},
    {"1003", "Mei", "Chen", "Chen Dental", "mei@chen.example"},
    {"1004", "Olu", "Adeyemi", "Adeyemi Builders", "olu@adeyemi.example"},
    {"1005", "Zoë", "Müller", "", "zoe@muller.example"},
};

/* Imports the list; `salt` changes how ids are derived, as a different export
 * format would, so only codes and emails tie the kiosks' records together. */
static void import_list(Store *s, const char *salt, int64_t now, const char *company_1004)
{
    GuestList l;
    guest_list_init(&l);
    for (size_t i = 0; i < sizeof LIST / sizeof LIST[0]; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        const Reg *r = &LIST[i];
        assert_int_equal(guest_set(&g->code, r->code), 0);
        assert_int_equal(guest_set(&g->first, r->first), 0);
        assert_int_equal(guest_set(&g->last, r->last), 0);
        bool changed = company_1004 && strcmp(r->code, "1004") == 0;
        assert_int_equal(guest_set(&g->company, changed ? company_1004 : r->company), 0);
        assert_int_equal(guest_set(&g->email, r->email), 0);
        id_derived(salt, r->code, g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, now), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
}

/* The catalogue; weld_es (may be NULL) is Welding's name in Spanish. */
static void import_catalogue(Store *s, int64_t now, const char *weld_description,
                             const char *weld_es)
{
    static const char *const codes[] = {"WELD", "HLTH", "CULN", "AUTO"};
    ProgramList l;
    program_list_init(&l);
    for (size_t i = 0; i < 4; i++) {
        Program *p = program_list_push(&l);
        assert_non_null(p);
        char name[64];
        snprintf(name, sizeof name, "Program %s", codes[i]);
        assert_int_equal(guest_set(&p->code, codes[i]), 0);
        assert_int_equal(guest_set(&p->name, name), 0);
        assert_int_equal(guest_set(&p->description, i == 0 ? weld_description : "About it"), 0);
        assert_int_equal(program_set_text(p, "es", PROGRAM_NAME, i == 0 ? weld_es : NULL), 0);
    }
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, now), STORE_OK);
    import_report_free(&rep);
    program_list_free(&l);
}

/* Imports a one-guest list (its own id), for guests only one kiosk knows. */
static void import_one(Store *s, const char *id, const char *code, const char *first,
                       const char *last, const char *email, int64_t now)
{
    GuestList l;
    guest_list_init(&l);
    Guest *g = guest_list_push(&l);
    assert_non_null(g);
    snprintf(g->id, sizeof g->id, "%s", id);
    assert_int_equal(guest_set(&g->code, code), 0);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->email, email), 0);
    ImportReport rep;
    import_report_init(&rep, "late.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, now), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);
}

static void checkin_code(Store *s, const char *code, const char *kiosk, int64_t at)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, kiosk, at, &r), STORE_OK);
    assert_false(r.already);
    guest_clear(&g);
}

static void walkin_at(Store *s, const char *first, const char *last, const char *company,
                      const char *email, const char *kiosk, int64_t at,
                      char code_out[WALKIN_CODE_LEN + 1])
{
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, company), 0);
    assert_int_equal(guest_set(&g.email, email), 0);
    assert_int_equal(store_walkin_add(s, &g, kiosk, at, NULL), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, kiosk, at, &r), STORE_OK);
    snprintf(code_out, WALKIN_CODE_LEN + 1, "%s", g.code);
    guest_clear(&g);
}

static void walkin(Store *s, const char *first, const char *last, const char *email,
                   const char *kiosk, int64_t at, char code_out[WALKIN_CODE_LEN + 1])
{
    walkin_at(s, first, last, "", email, kiosk, at, code_out);
}

/* Three tickets of one order, all under the buyer's office email: A1001 and
 * A1003 made out to the buyer (Ann), A1002 to a colleague (Bob). Three
 * people, whatever their names. */
static void import_tickets(Store *s, const char *salt, int64_t now)
{
    static const Reg T[] = {
        {"A1001", "Ann", "Ode", "Ode Farms", "office@ode.example"},
        {"A1002", "Bob", "Ode", "Ode Farms", "office@ode.example"},
        {"A1003", "Ann", "Ode", "Ode Farms", "office@ode.example"},
    };
    GuestList l;
    guest_list_init(&l);
    for (size_t i = 0; i < 3; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        assert_int_equal(guest_set(&g->code, T[i].code), 0);
        assert_int_equal(guest_set(&g->first, T[i].first), 0);
        assert_int_equal(guest_set(&g->last, T[i].last), 0);
        assert_int_equal(guest_set(&g->company, T[i].company), 0);
        assert_int_equal(guest_set(&g->email, T[i].email), 0);
        id_derived(salt, T[i].code, g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "tickets.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, now), STORE_OK);
    assert_int_equal(rep.added, 3);
    import_report_free(&rep);
    guest_list_free(&l);
}

static void interests(Store *s, const char *code, const char *const *programs, size_t np,
                      const char *const *kinds, size_t nk, const char *kiosk, int64_t at)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    assert_int_equal(store_interests_set(s, g.id, programs, np, kinds, nk, kiosk, at), STORE_OK);
    assert_int_equal(store_guest_set_consent(s, g.id, true, at), STORE_OK);
    guest_clear(&g);
}

static void undo_code(Store *s, const char *code, const char *kiosk, int64_t at)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    assert_int_equal(store_checkin_undo(s, g.id, kiosk, at), STORE_OK);
    guest_clear(&g);
}

static char sam_a[WALKIN_CODE_LEN + 1], sam_c[WALKIN_CODE_LEN + 1], lee_b[WALKIN_CODE_LEN + 1];
static char pat_b[WALKIN_CODE_LEN + 1];
static char rae_a[WALKIN_CODE_LEN + 1], rae_c[WALKIN_CODE_LEN + 1];
static char uma_b[WALKIN_CODE_LEN + 1], uma_c[WALKIN_CODE_LEN + 1];
static char lin_a[WALKIN_CODE_LEN + 1], max_c[WALKIN_CODE_LEN + 1];

static void build_kiosks(void)
{
    /* Kiosk A */
    Store *a = open_db("A.db", STORE_OPEN_CREATE);
    import_list(a, "format-a", T0, NULL);
    import_catalogue(a, T0, "Welding basics", "Soldadura");
    checkin_code(a, "1001", "A", T0 + 30 * MIN); /* Ana: A at :30, B at :10 */
    checkin_code(a, "1003", "A", T0 + 20 * MIN); /* Mei: undone on C, active on A */
    walkin(a, "Sam", "Lee", "", "A", T0 + 40 * MIN, sam_a);
    /* P: a late registration only A knows, with an email B's walk-in shares
     * and a code C knows under another email: one person across three files. */
    import_one(a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "2001", "Pat", "Kim", "pat@kim.example",
               T0 + 1);
    const char *pa[] = {"WELD", "CULN"}, *ka[] = {"interns"};
    interests(a, "1001", pa, 2, ka, 1, "A", T0 + 31 * MIN);
    /* Rae walks in at A and again at C: one person met twice. */
    walkin(a, "Rae", "Fox", "rae@fox.example", "A", T0 + 42 * MIN, rae_a);
    /* Lin and Max (on C) share their team's email: two people. */
    walkin(a, "Lin", "Wu", "team@wu.example", "A", T0 + 47 * MIN, lin_a);
    store_close(a);

    /* Kiosk B: a later import changed Olu's company. */
    Store *b = open_db("B.db", STORE_OPEN_CREATE);
    import_list(b, "format-b", T0, NULL);
    import_list(b, "format-b", T0 + 5 * MIN, "Adeyemi & Sons Builders");
    /* Same time as A's, another translation: the content decides, in any order. */
    import_catalogue(b, T0, "Welding basics", "Soldadura básica");
    checkin_code(b, "1001", "B", T0 + 10 * MIN);
    checkin_code(b, "1004", "B", T0 + 12 * MIN);
    /* Olu's check-in is undone with what he picked, then he comes back and
     * picks again: only the second visit's interests count. */
    const char *po1[] = {"WELD", "CULN"}, *ko1[] = {"interns"}, *po2[] = {"CULN"};
    interests(b, "1004", po1, 2, ko1, 1, "B", T0 + 13 * MIN);
    undo_code(b, "1004", "B", T0 + 14 * MIN);
    checkin_code(b, "1004", "B", T0 + 15 * MIN);
    interests(b, "1004", po2, 1, NULL, 0, "B", T0 + 16 * MIN);
    /* Pat walks in at B with the email A has on file (other case). */
    walkin(b, "Pat", "Kim", "PAT@kim.example", "B", T0 + 50 * MIN, pat_b);
    walkin(b, "Lee", "Park", "lee@park.example", "B", T0 + 45 * MIN, lee_b);
    const char *pb[] = {"HLTH", "WELD"}, *kb[] = {"mentoring", "interns"};
    interests(b, "1001", pb, 2, kb, 2, "B", T0 + 11 * MIN);
    /* Ann and Bob, two tickets under one email, both at B. */
    import_tickets(b, "tickets-b", T0 + 3);
    checkin_code(b, "A1001", "B", T0 + 21 * MIN);
    checkin_code(b, "A1002", "B", T0 + 22 * MIN);
    /* Uma walks in with no email at B, and again at C: name and company. */
    walkin_at(b, "Uma", "Roy", "Roy Roofing", "", "B", T0 + 44 * MIN, uma_b);
    store_close(b);

    /* Kiosk C: a later catalogue edit; a different Sam Lee walks in. */
    Store *c = open_db("C.db", STORE_OPEN_CREATE);
    import_list(c, "format-c", T0, NULL);
    import_catalogue(c, T0 + 90 * MIN, "Welding basics, now with robotics", "Soldadura y robótica");
    checkin_code(c, "1003", "C", T0 + 5 * MIN);
    /* Mei's interests on C go with the check-in C undoes. */
    const char *pm[] = {"HLTH"}, *km[] = {"speaking"};
    interests(c, "1003", pm, 1, km, 1, "C", T0 + 5 * MIN);
    undo_code(c, "1003", "C", T0 + 6 * MIN);
    walkin(c, "Sam", "Lee", "", "C", T0 + 41 * MIN, sam_c);
    import_one(c, "cccccccccccccccccccccccccccccccc", "2001", "Pat", "Kim", "pk@other.example",
               T0 + 2);
    checkin_code(c, "2001", "C", T0 + 55 * MIN);
    /* Pat's interests ride along when C's record is folded into another. */
    const char *pp[] = {"HLTH", "AUTO"}, *kp[] = {"hiring"};
    interests(c, "2001", pp, 2, kp, 1, "C", T0 + 56 * MIN);
    const char *pc[] = {"AUTO"};
    interests(c, "1002", pc, 1, NULL, 0, "C", T0 + 60 * MIN);
    import_tickets(c, "tickets-c", T0 + 4);
    checkin_code(c, "A1001", "C", T0 + 25 * MIN);
    walkin(c, "RAE", "Fox", "Rae@Fox.example", "C", T0 + 43 * MIN, rae_c);
    walkin_at(c, "UMA", "Roy", "ROY ROOFING", "", "C", T0 + 46 * MIN, uma_c);
    walkin(c, "Max", "Wu", "team@wu.example", "C", T0 + 48 * MIN, max_c);
    store_close(c);
}

/* ---- what a merge produced ---- */

/* Both exports of a database, as the CSV text staff would get. */
static char *exports(const char *name)
{
    return mt_exports(dir, name);
}

/* Every table, every column, in a fixed order. */
static char *dump(const char *name)
{
    return mt_dump(dir, name, true);
}

static void merge_into(const char *out, const char *const *inputs, size_t n, MergeReport *last)
{
    Store *s = open_db(out, STORE_OPEN_CREATE);
    for (size_t i = 0; i < n; i++) {
        char *in = tu_path(dir, inputs[i]);
        MergeReport rep;
        if (store_merge(s, in, 0, &rep) != STORE_OK)
            fail_msg("merge %s into %s: %s", inputs[i], out, store_errmsg(s));
        if (last)
            *last = rep;
        free(in);
    }
    store_close(s);
}

static void assert_same(const char *a, const char *b)
{
    char *ea = exports(a), *eb = exports(b);
    if (strcmp(ea, eb) != 0)
        fail_msg("exports of %s and %s differ:\n%s\n----\n%s", a, b, ea, eb);
    char *da = dump(a), *db = dump(b);
    if (strcmp(da, db) != 0)
        fail_msg("tables of %s and %s differ:\n%s\n----\n%s", a, b, da, db);
    free(ea);
    free(eb);
    free(da);
    free(db);
}

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The line of text holding needle (malloc'd, without its end). */
static char *line_with(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    const char *start = at;
    while (start > text && start[-1] != '\n')
        start--;
    size_t n = strcspn(start, "\r\n");
    char *line = strndup(start, n);
    assert_non_null(line);
    return line;
}

static void test_orders_and_repeats_agree(void **state)
{
    (void)state;
    const char *abc[] = {"A.db", "B.db", "C.db"};
    MergeReport rep;
    merge_into("abc.db", abc, 3, NULL);
    /* Every other order. */
    static const int perms[][3] = {{0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (size_t i = 0; i < sizeof perms / sizeof perms[0]; i++) {
        const char *order[3];
        char name[16] = "";
        for (int j = 0; j < 3; j++) {
            order[j] = abc[perms[i][j]];
            name[j] = (char)('a' + perms[i][j]);
        }
        strcat(name, ".db");
        merge_into(name, order, 3, NULL);
        assert_same("abc.db", name);
    }

    /* Twice: the second round changes nothing. */
    merge_into("twice.db", abc, 3, NULL);
    merge_into("twice.db", abc, 3, &rep);
    assert_int_equal(rep.guests_added, 0);
    assert_int_equal(rep.attendance_added, 0);
    assert_int_equal(rep.interests_added, 0);
    assert_int_equal(rep.audit_added, 0);
    assert_same("abc.db", "twice.db");

    /* Through an intermediate file: (A + C) then B, and a merged file merged again. */
    const char *ac[] = {"A.db", "C.db"};
    merge_into("ac.db", ac, 2, NULL);
    const char *ac_b[] = {"ac.db", "B.db"};
    merge_into("ac_b.db", ac_b, 2, NULL);
    assert_same("abc.db", "ac_b.db");
    const char *again[] = {"abc.db", "B.db"};
    merge_into("again.db", again, 2, NULL);
    assert_same("abc.db", "again.db");
}

/* Every subset of the kiosks (one, two or three), merged in every order, gives
 * the same data; a lone kiosk merged twice gives what merging it once does. */
static void test_every_subset_in_every_order(void **state)
{
    (void)state;
    static const char *const kiosks[] = {"A.db", "B.db", "C.db"};
    static const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                    {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int mask = 1; mask < 8; mask++) {
        char first[32] = "", seen[6][4] = {{0}};
        const char *order[3];
        size_t n = 0;
        for (int p = 0; p < 6; p++) {
            char letters[4] = "";
            n = 0;
            for (int j = 0; j < 3; j++) {
                if (mask & (1 << perms[p][j])) {
                    letters[n] = (char)('a' + perms[p][j]);
                    order[n++] = kiosks[perms[p][j]];
                }
            }
            bool again = false;
            for (int q = 0; q < p; q++)
                again = again || strcmp(seen[q], letters) == 0;
            snprintf(seen[p], sizeof seen[p], "%s", letters);
            if (again)
                continue; /* with fewer than three kiosks, orders repeat */
            char name[32];
            snprintf(name, sizeof name, "set-%s.db", letters);
            merge_into(name, order, n, NULL);
            if (!first[0])
                snprintf(first, sizeof first, "%s", name);
            else
                assert_same(first, name);
        }
        if (n == 1) {
            const char *twice[] = {order[0], order[0]};
            char name[32];
            snprintf(name, sizeof name, "twice-%d.db", mask);
            merge_into(name, twice, 2, NULL);
            assert_same(first, name);
        }
    }
}

/* The reported loss: two tickets, A1001 and A1002, under one email, both
 * checked in on one kiosk. Merging that kiosk keeps both guests and both
 * check-ins, whatever the names on the tickets. */
static void test_shared_email_two_tickets(void **state)
{
    (void)state;
    Store *k = open_db("k1.db", STORE_OPEN_CREATE);
    import_tickets(k, "k1", T0);
    checkin_code(k, "A1001", "k1", T0 + 10 * MIN);
    checkin_code(k, "A1002", "k1", T0 + 11 * MIN);
    checkin_code(k, "A1003", "k1", T0 + 12 * MIN);
    store_close(k);
    const char *k1[] = {"k1.db", "k1.db"};
    merge_into("m.db", k1, 1, NULL);
    Store *m = open_db("m.db", STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(m, &st), STORE_OK);
    assert_int_equal(st.guests, 3);
    assert_int_equal(st.checked_in, 3);
    store_close(m);
    char *csv = exports("m.db");
    assert_int_equal(count_lines_with(csv, "Ann,Ode"), 2);
    assert_int_equal(count_lines_with(csv, "Bob,Ode"), 1);
    free(csv);
    merge_into("m2.db", k1, 2, NULL);
    assert_same("m.db", "m2.db");
}

static void test_merged_content(void **state)
{
    (void)state;
    const char *abc[] = {"A.db", "B.db", "C.db"};
    merge_into("content.db", abc, 3, NULL);
    Store *s = open_db("content.db", STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    /* 5 listed + Pat (A's late registration, B's walk-in and C's record are one)
     * + two different Sam Lees + Lee Park + three Ode tickets + Rae + Uma +
     * Lin and Max. */
    assert_int_equal(st.guests, 16);
    /* Ana, Olu, Mei (A; C's was undone), Pat, Sam (A), Sam (C), Lee, Ann
     * (A1001), Bob (A1002), Rae, Uma, Lin, Max. */
    assert_int_equal(st.checked_in, 13);

    Guest g;
    guest_init(&g);
    /* Ana counts once, at B's earlier time. */
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    assert_true(in);
    char **p = NULL, **k = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 3); /* WELD, HLTH, CULN: A's and B's picks together */
    assert_string_equal(p[0], "WELD");
    assert_string_equal(p[1], "HLTH");
    assert_string_equal(p[2], "CULN");
    assert_int_equal(nk, 2);
    store_strings_free(p, np);
    store_strings_free(k, nk);
    /* Olu: B's later import wins; of his interests, only those of the visit
     * that was not undone. */
    assert_int_equal(store_guest_by_code(s, "1004", &g), STORE_OK);
    assert_string_equal(g.company, "Adeyemi & Sons Builders");
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(p[0], "CULN");
    assert_int_equal(nk, 0);
    store_strings_free(p, np);
    store_strings_free(k, nk);
    /* Mei: checked in on A; what she picked on C went with C's undo, and so
     * did her consent. */
    assert_int_equal(store_guest_by_code(s, "1003", &g), STORE_OK);
    assert_false(g.consent);
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np + nk, 0);
    store_strings_free(p, np);
    store_strings_free(k, nk);
    /* Walk-ins from different kiosks stay apart; every code still finds its guest. */
    Guest other;
    guest_init(&other);
    assert_int_equal(store_guest_by_code(s, sam_a, &g), STORE_OK);
    assert_int_equal(store_guest_by_code(s, sam_c, &other), STORE_OK);
    assert_string_not_equal(g.id, other.id);
    /* Pat: the three records are one guest, found by any of their ids and codes;
     * C's record changed last (consent at :56), so its fields win. */
    assert_int_equal(store_guest_by_code(s, "2001", &g), STORE_OK);
    assert_false(g.walk_in);
    assert_true(g.consent);
    assert_string_equal(g.email, "pk@other.example");
    assert_int_equal(store_guest_by_code(s, pat_b, &other), STORE_OK);
    assert_string_equal(other.id, g.id);
    assert_int_equal(store_guest_get(s, "cccccccccccccccccccccccccccccccc", &other), STORE_OK);
    assert_string_equal(other.id, g.id);
    assert_int_equal(store_guest_get(s, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &other), STORE_OK);
    assert_string_equal(other.id, g.id);
    assert_true(strcmp(g.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") <= 0);
    assert_int_equal(store_interests_get(s, g.id, &p, &np, &k, &nk), STORE_OK);
    assert_int_equal(np, 2);
    assert_string_equal(p[0], "HLTH");
    assert_string_equal(p[1], "AUTO");
    assert_int_equal(nk, 1);
    assert_string_equal(k[0], "hiring");
    store_strings_free(p, np);
    store_strings_free(k, nk);
    guest_clear(&other);
    guest_clear(&g);

    /* The catalogue edit made last (on C) wins. */
    ProgramList pl;
    program_list_init(&pl);
    assert_int_equal(store_programs(s, &pl), STORE_OK);
    assert_int_equal(pl.count, 4);
    assert_string_equal(pl.items[0].description, "Welding basics, now with robotics");
    assert_string_equal(program_text(&pl.items[0], PROGRAM_NAME, "es"), "Soldadura y robótica");
    program_list_free(&pl);
    store_close(s);

    char *csv = exports("content.db");
    /* One attendance line for Ana, with kiosk B. */
    assert_int_equal(count_lines_with(csv, "Ana,García"), 1 + 3); /* + 3 followup rows */
    assert_non_null(strstr(csv, ",B,"));
    assert_int_equal(count_lines_with(csv, "Mei,Chen"), 1);    /* attendance only */
    assert_int_equal(count_lines_with(csv, "Olu,Adeyemi"), 2); /* + CULN */
    free(csv);
}

/* Who is one guest and who is two, after merging the three kiosks. */
static void test_merged_people(void **state)
{
    (void)state;
    const char *abc[] = {"A.db", "B.db", "C.db"};
    merge_into("people.db", abc, 3, NULL);
    Store *s = open_db("people.db", STORE_OPEN_READONLY);
    Guest g, other;
    guest_init(&g);
    guest_init(&other);
    bool in = false;
    /* Three tickets under one email stay three guests; the two checked in
     * count once each, Ann at B's earlier time. */
    Guest t1, t2, t3;
    guest_init(&t1);
    guest_init(&t2);
    guest_init(&t3);
    assert_int_equal(store_guest_by_code(s, "A1001", &t1), STORE_OK);
    assert_int_equal(store_guest_by_code(s, "A1002", &t2), STORE_OK);
    assert_int_equal(store_guest_by_code(s, "A1003", &t3), STORE_OK);
    assert_string_not_equal(t1.id, t2.id);
    assert_string_not_equal(t1.id, t3.id);
    assert_string_not_equal(t2.id, t3.id);
    assert_string_equal(t2.first, "Bob");
    assert_int_equal(store_is_checked_in(s, t1.id, &in), STORE_OK);
    assert_true(in);
    assert_int_equal(store_is_checked_in(s, t2.id, &in), STORE_OK);
    assert_true(in);
    assert_int_equal(store_is_checked_in(s, t3.id, &in), STORE_OK);
    assert_false(in);
    guest_clear(&t1);
    guest_clear(&t2);
    guest_clear(&t3);
    /* Rae (email and name) and Uma (name and company), each met on two
     * kiosks, are one guest each, found by either walk-in code. */
    const char *twice[][2] = {{rae_a, rae_c}, {uma_b, uma_c}};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_guest_by_code(s, twice[i][0], &g), STORE_OK);
        assert_int_equal(store_guest_by_code(s, twice[i][1], &other), STORE_OK);
        assert_string_equal(g.id, other.id);
    }
    /* Lin and Max share an email under two names: two guests. */
    assert_int_equal(store_guest_by_code(s, lin_a, &g), STORE_OK);
    assert_int_equal(store_guest_by_code(s, max_c, &other), STORE_OK);
    assert_string_not_equal(g.id, other.id);
    assert_string_equal(other.first, "Max");
    guest_clear(&other);
    guest_clear(&g);

    store_close(s);

    char *csv = exports("people.db");
    /* One line each for Ann (B's check-in, the earlier) and Bob; one for
     * Rae, with A's check-in (the earlier). */
    assert_int_equal(count_lines_with(csv, "Ann,Ode"), 1);
    assert_int_equal(count_lines_with(csv, "Bob,Ode"), 1);
    assert_int_equal(count_lines_with(csv, ",Fox,"), 1);
    char *ann = line_with(csv, "Ann,Ode"), *rae = line_with(csv, ",Fox,");
    assert_non_null(strstr(ann, ",B,"));
    assert_non_null(strstr(rae, ",A,"));
    free(ann);
    free(rae);
    free(csv);
}

static void test_refuses_bad_input(void **state)
{
    (void)state;
    Store *s = open_db("bad-out.db", STORE_OPEN_CREATE);
    char *junk = tu_path(dir, "junk.db");
    tu_write(junk, "not a database at all", (size_t)-1);
    MergeReport rep;
    assert_int_equal(store_merge(s, junk, 0, &rep), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), junk));
    char *self = tu_path(dir, "bad-out.db");
    assert_int_equal(store_merge(s, self, 0, &rep), STORE_INVALID);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.guests, 0);
    store_close(s);
    free(self);
    free(junk);
}

/* ---- the event a database records ---- */

static void assert_event(Store *s, const char *name, const char *date)
{
    EventIdent e;
    assert_int_equal(store_event_get(s, &e), STORE_OK);
    assert_string_equal(e.name, name);
    assert_string_equal(e.date, date);
}

/* A database records no event until it is given one; an event.ini with no
 * date gives an event all the same (date ""), and another event replaces it. */
static void test_event_recorded(void **state)
{
    (void)state;
    Store *s = open_db("no-date.db", STORE_OPEN_CREATE);
    EventIdent e;
    assert_int_equal(store_event_get(s, &e), STORE_NOT_FOUND);
    event_ident_set(&e, "Advisory Night", "");
    assert_int_equal(store_event_set(s, &e), STORE_OK);
    assert_event(s, "Advisory Night", "");
    event_ident_set(&e, "Advisory Night", "2026-10-01");
    assert_int_equal(store_event_set(s, &e), STORE_OK);
    assert_event(s, "Advisory Night", "2026-10-01");
    store_close(s);
}

/* ---- databases of two events ---- */

/* A kiosk's database of the registration list with guest `code` checked in,
 * recording the event (name NULL: none, as an older kiosk's file). */
static void event_kiosk(const char *file, const char *name, const char *date, const char *code)
{
    Store *s = open_db(file, STORE_OPEN_CREATE);
    import_list(s, file, T0, NULL);
    if (name) {
        EventIdent e;
        event_ident_set(&e, name, date);
        assert_int_equal(store_event_set(s, &e), STORE_OK);
    }
    checkin_code(s, code, file, T0 + MIN);
    store_close(s);
}

static bool is_in(Store *s, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    bool in;
    assert_int_equal(store_is_checked_in(s, g.id, &in), STORE_OK);
    guest_clear(&g);
    return in;
}

static StoreStatus merge_file(Store *s, const char *file, unsigned flags, MergeReport *rep)
{
    char *in = tu_path(dir, file);
    StoreStatus st = store_merge(s, in, flags, rep);
    free(in);
    return st;
}

/* A new output takes the first input's event; a database of another event is
 * refused, named with both events, and nothing of it merged; another kiosk of
 * the same event merges as ever; the override merges the other event too. */
static void test_refuses_another_event(void **state)
{
    (void)state;
    event_kiosk("fall-1.db", "Fall Meet", "2026-08-20", "1001");
    event_kiosk("fall-2.db", "Fall Meet", "2026-08-20", "1002");
    event_kiosk("spring-1.db", "Spring Meet", "2026-03-12", "1003");
    /* The same name another year is another event. */
    event_kiosk("fall-2025.db", "Fall Meet", "2025-08-21", "1005");
    Store *s = open_db("events-out.db", STORE_OPEN_CREATE);
    EventIdent e;
    assert_int_equal(store_event_get(s, &e), STORE_NOT_FOUND);

    MergeReport rep;
    assert_int_equal(merge_file(s, "fall-1.db", 0, &rep), STORE_OK);
    assert_true(rep.event_taken);
    assert_true(rep.in_has_event);
    assert_false(rep.out_has_event);
    assert_event(s, "Fall Meet", "2026-08-20");

    assert_int_equal(merge_file(s, "spring-1.db", 0, &rep), STORE_OTHER_EVENT);
    const char *msg = store_errmsg(s);
    assert_non_null(strstr(msg, "spring-1.db"));
    assert_non_null(strstr(msg, "events-out.db"));
    assert_non_null(strstr(msg, "\"Spring Meet\" (2026-03-12)"));
    assert_non_null(strstr(msg, "\"Fall Meet\" (2026-08-20)"));
    assert_int_equal(rep.guests_added + rep.guests_matched + rep.attendance_added, 0);
    assert_int_equal(merge_file(s, "fall-2025.db", 0, &rep), STORE_OTHER_EVENT);
    assert_non_null(strstr(store_errmsg(s), "(2025-08-21)"));

    assert_int_equal(merge_file(s, "fall-2.db", 0, &rep), STORE_OK);
    assert_false(rep.event_taken);
    assert_int_equal(rep.attendance_added, 1);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    assert_int_equal(st.checked_in, 2);
    assert_true(is_in(s, "1001"));
    assert_true(is_in(s, "1002"));
    assert_false(is_in(s, "1003"));
    assert_false(is_in(s, "1005"));

    assert_int_equal(merge_file(s, "spring-1.db", STORE_MERGE_ANY_EVENT, &rep), STORE_OK);
    assert_int_equal(rep.attendance_added, 1);
    assert_string_equal(rep.in_event.name, "Spring Meet");
    assert_false(rep.event_taken);
    assert_true(is_in(s, "1003"));
    /* The output stays of its own event. */
    assert_event(s, "Fall Meet", "2026-08-20");
    store_close(s);
}

/* A database that records no event (an older kiosk's, or made by `lanyard
 * import`) merges into one of any event, which keeps its event; an output
 * that records none is given none by it, and takes the first recorded event
 * it meets after. */
static void test_unrecorded_event_merges(void **state)
{
    (void)state;
    event_kiosk("old-1.db", NULL, NULL, "1004");
    event_kiosk("old-fall.db", "Fall Meet", "2026-08-20", "1001");
    event_kiosk("old-spring.db", "Spring Meet", "2026-03-12", "1003");
    Store *s = open_db("old-out.db", STORE_OPEN_CREATE);
    MergeReport rep;
    assert_int_equal(merge_file(s, "old-1.db", 0, &rep), STORE_OK);
    assert_false(rep.in_has_event);
    assert_false(rep.out_has_event);
    assert_false(rep.event_taken);
    assert_int_equal(rep.attendance_added, 1);
    EventIdent e;
    assert_int_equal(store_event_get(s, &e), STORE_NOT_FOUND);
    assert_int_equal(merge_file(s, "old-fall.db", 0, &rep), STORE_OK);
    assert_true(rep.event_taken);
    assert_event(s, "Fall Meet", "2026-08-20");
    assert_int_equal(merge_file(s, "old-spring.db", 0, &rep), STORE_OTHER_EVENT);
    store_close(s);

    /* Into an output of an event: merged, and the output keeps its event. */
    s = open_db("fall-out.db", STORE_OPEN_CREATE);
    assert_int_equal(merge_file(s, "old-fall.db", 0, &rep), STORE_OK);
    assert_int_equal(merge_file(s, "old-1.db", 0, &rep), STORE_OK);
    assert_false(rep.in_has_event);
    assert_true(rep.out_has_event);
    assert_string_equal(rep.out_event.name, "Fall Meet");
    assert_int_equal(rep.attendance_added, 1);
    assert_true(is_in(s, "1004"));
    assert_event(s, "Fall Meet", "2026-08-20");
    store_close(s);
}

static int setup_all(void **state)
{
    (void)state;
    dir = tu_tempdir();
    build_kiosks();
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    tu_rmtree(dir);
    free(dir);
    return 0;
}

int main(void)
{
    assert_int_equal(ids_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_orders_and_repeats_agree),
        cmocka_unit_test(test_every_subset_in_every_order),
        cmocka_unit_test(test_shared_email_two_tickets),
        cmocka_unit_test(test_merged_content),
        cmocka_unit_test(test_merged_people),
        cmocka_unit_test(test_refuses_bad_input),
        cmocka_unit_test(test_event_recorded),
        cmocka_unit_test(test_refuses_another_event),
        cmocka_unit_test(test_unrecorded_event_merges),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
