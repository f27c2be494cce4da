/* test_merge_move.c — a walk-in moved to their registration
 * (store_walkin_move), then merged with copies and other kiosks.
 *
 * Kiosk K: "Anna Garcia" of Acme Welding walks in (a held badge), marks
 * Welding "I'm interested", and K's sync folder takes a copy (K-before).
 * She then corrects her name to "Ana García", who is registered (1001), and
 * says "Yes, that's me": the visit moves to the registration.
 *
 * Scenario A: K-before merged into K, K into K-before, both into a fresh
 * file in both orders, and again: one attendee (the registration, as
 * registered), one counted attendance, no walk-in back, the picks on the
 * registration; the same data whatever the order (SPEC §6).
 *
 * Scenario B: kiosk L checked Ana in (ticket scanned) before the move on K:
 * merged, she counts once, at L's earlier time, and is still the
 * registration. */
#include "testutil.h"
#include "merge_testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/ids.h"
#include "store/store.h"
#include "store/store_print.h"

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

static const Reg LIST[] = {
    {"1001", "Ana", "García", "Acme Welding", "ana@acme.example"},
    {"1002", "José", "Núñez", "Núñez Auto", "jose@nunez.example"},
    {"1003", "Mei", "Chen", "Chen Dental", "mei@chen.example"},
};
#define NLIST (sizeof LIST / sizeof LIST[0])

static void import_list(Store *s, const char *salt, int64_t now)
{
    GuestList l;
    guest_list_init(&l);
    for (size_t i = 0; i < NLIST; i++) {
        Guest *g = guest_list_push(&l);
        assert_non_null(g);
        const Reg *r = &LIST[i];
        assert_int_equal(guest_set(&g->code, r->code), 0);
        assert_int_equal(guest_set(&g->first, r->first), 0);
        assert_int_equal(guest_set(&g->last, r->last), 0);
        assert_int_equal(guest_set(&g->company, r->company), 0);
        assert_int_equal(guest_set(&g->email, r->email), 0);
        id_derived(salt, r->code, g->id);
    }
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    assert_int_equal(store_import_guests(s, &l, &rep, now), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);

    static const char *const codes[] = {"WELD", "HLTH", "CULN"};
    ProgramList pl;
    program_list_init(&pl);
    for (size_t i = 0; i < 3; i++) {
        Program *p = program_list_push(&pl);
        assert_non_null(p);
        assert_int_equal(guest_set(&p->code, codes[i]), 0);
        assert_int_equal(guest_set(&p->name, codes[i]), 0);
    }
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &pl, &rep, T0), STORE_OK);
    import_report_free(&rep);
    program_list_free(&pl);
}

static char walkin_id[ID_LEN + 1], walkin_code[WALKIN_CODE_LEN + 1];

/* Builds K-before (sync copy before the move) and K (after it); consent is
 * what Interests says when she confirms. */
static void build_k(const char *k_name, const char *before_name, bool consent)
{
    Store *k = open_db(k_name, STORE_OPEN_CREATE);
    import_list(k, "format-k", T0);
    /* The walk-in form, a held badge with the check-in (as the kiosk does). */
    Guest w;
    guest_init(&w);
    assert_int_equal(guest_set(&w.first, "Anna"), 0);
    assert_int_equal(guest_set(&w.last, "Garcia"), 0);
    assert_int_equal(guest_set(&w.company, "Acme Welding"), 0);
    bool added = false;
    CheckinResult r;
    assert_int_equal(store_walkin_checkin(k, &w, false, "K", "", T0 + 40 * MIN, &added, &r),
                     STORE_OK);
    assert_true(added);
    snprintf(walkin_id, sizeof walkin_id, "%s", w.id);
    snprintf(walkin_code, sizeof walkin_code, "%s", w.code);
    /* "I'm interested" on Welding's page during the visit. */
    const char *weld[] = {"WELD"};
    assert_int_equal(store_interests_set(k, w.id, weld, 1, NULL, 0, "K", T0 + 41 * MIN), STORE_OK);
    /* The sync folder's copy, a few seconds after that change. */
    char *before = tu_path(dir, before_name);
    assert_int_equal(store_backup(k, before), STORE_OK);
    free(before);

    /* "Fix my details": Ana García, who is 1001. Yes, that's me. */
    Guest typed;
    guest_init(&typed);
    assert_int_equal(store_guest_get(k, w.id, &typed), STORE_OK);
    assert_int_equal(guest_set(&typed.first, "Ana"), 0);
    assert_int_equal(guest_set(&typed.last, "García"), 0);
    Guest reg;
    guest_init(&reg);
    assert_int_equal(store_guest_registration(k, &typed, w.id, &reg), STORE_OK);
    assert_string_equal(reg.code, "1001");
    const char *progs[] = {"WELD", "HLTH"}, *kinds[] = {"interns"};
    StorePicks picks = {progs, 2, kinds, 1, consent};
    assert_int_equal(store_walkin_move(k, &typed, reg.id, &picks, "K", "", T0 + 45 * MIN, &r),
                     STORE_OK);
    assert_false(r.already);
    guest_clear(&reg);
    guest_clear(&typed);
    guest_clear(&w);
    store_close(k);
}

/* Kiosk L: Ana's ticket scanned at :20, Culinary picked. */
static void build_l(const char *name)
{
    Store *l = open_db(name, STORE_OPEN_CREATE);
    import_list(l, "format-l", T0);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(l, "1001", &g), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(l, g.id, "L", T0 + 20 * MIN, &r), STORE_OK);
    const char *culn[] = {"CULN"};
    assert_int_equal(store_interests_set(l, g.id, culn, 1, NULL, 0, "L", T0 + 21 * MIN), STORE_OK);
    guest_clear(&g);
    store_close(l);
}

static void copy_db(const char *from, const char *to)
{
    Store *s = open_db(from, STORE_OPEN_READONLY);
    char *path = tu_path(dir, to);
    remove(path);
    assert_int_equal(store_backup(s, path), STORE_OK);
    free(path);
    store_close(s);
}

static void merge_into(const char *out, const char *const *inputs, size_t n)
{
    Store *s = open_db(out, STORE_OPEN_CREATE);
    for (size_t i = 0; i < n; i++) {
        char *in = tu_path(dir, inputs[i]);
        MergeReport rep;
        if (store_merge(s, in, 0, &rep) != STORE_OK)
            fail_msg("merge %s into %s: %s", inputs[i], out, store_errmsg(s));
        free(in);
    }
    store_close(s);
}

static char *exports(const char *name)
{
    return mt_exports(dir, name);
}

static char *dump(const char *name)
{
    return mt_dump(dir, name, false);
}

static void assert_same(const char *a, const char *b, bool tables)
{
    char *ea = exports(a), *eb = exports(b);
    if (strcmp(ea, eb) != 0)
        fail_msg("exports of %s and %s differ:\n%s\n----\n%s", a, b, ea, eb);
    free(ea);
    free(eb);
    if (!tables)
        return;
    char *da = dump(a), *db = dump(b);
    if (strcmp(da, db) != 0)
        fail_msg("tables of %s and %s differ:\n%s\n----\n%s", a, b, da, db);
    free(da);
    free(db);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The merged file holds one Ana: the registration as registered, checked in
 * once (at at), with the picks of the move (and more, when given). */
static void assert_one_ana(const char *name, int64_t at, const char *also)
{
    Store *s = open_db(name, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    if (st.guests != NLIST || st.walk_ins != 0 || st.checked_in != 1)
        fail_msg("%s: %zu guests (want %zu), %zu walk-ins in (want 0), %zu in (want 1)", name,
                 st.guests, NLIST, st.walk_ins, st.checked_in);
    Guest g;
    guest_init(&g);
    /* By the registration's code, the walk-in's code and the walk-in's id. */
    assert_int_equal(store_guest_by_code(s, "1001", &g), STORE_OK);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", g.id);
    if (g.walk_in || strcmp(g.first, "Ana") != 0 || strcmp(g.last, "García") != 0 ||
        strcmp(g.code, "1001") != 0)
        fail_msg("%s: the guest of 1001 is %s %s, code %s, walk-in %d: the walk-in's record "
                 "came back over the registration",
                 name, g.first, g.last, g.code, g.walk_in);
    assert_int_equal(store_guest_by_code(s, walkin_code, &g), STORE_OK);
    assert_string_equal(g.id, id);
    assert_int_equal(store_guest_get(s, walkin_id, &g), STORE_OK);
    assert_string_equal(g.id, id);
    CheckinState cs;
    assert_int_equal(store_checkin_state(s, id, &cs), STORE_OK);
    assert_true(cs.checked_in);
    if (cs.checked_in_at != at)
        fail_msg("%s: checked in at %lld, want %lld", name, (long long)cs.checked_in_at,
                 (long long)at);
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    assert_int_equal(store_interests_get(s, id, &codes, &nc, &keys, &nk), STORE_OK);
    char got[128] = "";
    qsort(codes, nc, sizeof *codes, cmp_str);
    for (size_t i = 0; i < nc; i++) {
        strcat(got, codes[i]);
        strcat(got, " ");
    }
    char want[128];
    snprintf(want, sizeof want, "%sHLTH WELD ", also ? also : "");
    if (strcmp(got, want) != 0)
        fail_msg("%s: programs '%s', want '%s'", name, got, want);
    assert_int_equal(nk, 1);
    assert_string_equal(keys[0], "interns");
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    guest_clear(&g);
    store_close(s);
}

/* K right after the move, before any merge: the baseline. */
static void test_move_alone(void **state)
{
    (void)state;
    build_k("K0.db", "K0-before.db", false);
    assert_one_ana("K0.db", T0 + 45 * MIN, NULL);
}

/* Scenario A, consent unchanged by the move (false, as the registration had):
 * the registration keeps the updated_at of its import, older than the
 * walk-in record in the copy. */
static void scenario_a(const char *tag, bool consent)
{
    char k[32], before[32], k_in[32], before_in[32], f1[32], f2[32];
    snprintf(k, sizeof k, "K-%s.db", tag);
    snprintf(before, sizeof before, "Kb-%s.db", tag);
    snprintf(k_in, sizeof k_in, "K+b-%s.db", tag);
    snprintf(before_in, sizeof before_in, "b+K-%s.db", tag);
    snprintf(f1, sizeof f1, "F1-%s.db", tag);
    snprintf(f2, sizeof f2, "F2-%s.db", tag);
    build_k(k, before, consent);
    int64_t at = T0 + 45 * MIN;

    /* The old copy merged into K (K kept aside as it was). */
    copy_db(k, k_in);
    const char *b[] = {before};
    merge_into(k_in, b, 1);
    assert_one_ana(k_in, at, NULL);
    /* K merged into the old copy. */
    copy_db(before, before_in);
    const char *kk[] = {k};
    merge_into(before_in, kk, 1);
    assert_one_ana(before_in, at, NULL);
    /* Both into fresh files, in both orders. */
    const char *o1[] = {before, k}, *o2[] = {k, before};
    merge_into(f1, o1, 2);
    merge_into(f2, o2, 2);
    assert_one_ana(f1, at, NULL);
    assert_one_ana(f2, at, NULL);
    assert_same(f1, f2, true);
    assert_same(f1, k_in, false);
    assert_same(f1, before_in, false);
    /* Again: nothing changes. */
    char *d1 = dump(f1);
    merge_into(f1, o2, 2);
    char *d2 = dump(f1);
    if (strcmp(d1, d2) != 0)
        fail_msg("merging again changed %s:\n%s\n----\n%s", f1, d1, d2);
    free(d1);
    free(d2);
}

static void test_a_consent_unchanged(void **state)
{
    (void)state;
    scenario_a("nc", false);
}

static void test_a_consent_given(void **state)
{
    (void)state;
    scenario_a("c", true);
}

/* Scenario B: L checked Ana in at :20, before K's move at :45. */
static void test_b_checked_in_elsewhere(void **state)
{
    (void)state;
    build_k("KB.db", "KB-before.db", true);
    build_l("L.db");
    const char *o1[] = {"KB.db", "L.db"}, *o2[] = {"L.db", "KB.db"};
    merge_into("KL.db", o1, 2);
    merge_into("LK.db", o2, 2);
    assert_one_ana("KL.db", T0 + 20 * MIN, "CULN ");
    assert_one_ana("LK.db", T0 + 20 * MIN, "CULN ");
    assert_same("KL.db", "LK.db", true);
    /* With K's old copy too, in every order. */
    const char *o3[] = {"KB-before.db", "L.db", "KB.db"}, *o4[] = {"L.db", "KB.db", "KB-before.db"};
    merge_into("bLK.db", o3, 3);
    merge_into("LKb.db", o4, 3);
    assert_one_ana("bLK.db", T0 + 20 * MIN, "CULN ");
    assert_one_ana("LKb.db", T0 + 20 * MIN, "CULN ");
    assert_same("bLK.db", "LKb.db", true);
}

/* Kiosk M: the same Anna walked in there earlier, typing what she first
 * typed on K (no email). */
static void build_m(const char *name)
{
    Store *m = open_db(name, STORE_OPEN_CREATE);
    import_list(m, "format-m", T0);
    Guest w;
    guest_init(&w);
    assert_int_equal(guest_set(&w.first, "Anna"), 0);
    assert_int_equal(guest_set(&w.last, "Garcia"), 0);
    assert_int_equal(guest_set(&w.company, "Acme Welding"), 0);
    bool added = false;
    CheckinResult r;
    assert_int_equal(store_walkin_checkin(m, &w, false, "M", NULL, T0 + 10 * MIN, &added, &r),
                     STORE_OK);
    assert_true(added);
    guest_clear(&w);
    store_close(m);
}

static size_t guests_in(const char *name)
{
    Store *s = open_db(name, STORE_OPEN_READONLY);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    store_close(s);
    return st.guests;
}

/* The move folds the walk-in record into the registration "as a merge folds
 * one": a merge keeps the folded record (guest_records), so the person is
 * still matched by what she first typed. Merged with kiosk M, where she
 * walked in as that, she is one guest, with or without K's older copy. */
static void test_c_walked_in_elsewhere_as_typed(void **state)
{
    (void)state;
    build_k("KC.db", "KC-before.db", true);
    build_m("M.db");
    const char *with_copy[] = {"KC-before.db", "KC.db", "M.db"}, *without[] = {"KC.db", "M.db"};
    merge_into("KbM.db", with_copy, 3);
    merge_into("KM.db", without, 2);
    size_t a = guests_in("KbM.db"), b = guests_in("KM.db");
    if (a != NLIST || b != NLIST)
        fail_msg("guests: %zu with K's older copy, %zu without (want %zu both): the move lost "
                 "the walk-in record a merge would have kept",
                 a, b, NLIST);
}

/* On K itself: she comes back and types what she first typed (no email):
 * the rule finds her registration, as it would after a merge's fold. */
static void test_c_walks_in_again_as_typed(void **state)
{
    (void)state;
    build_k("KD.db", "KD-before.db", true);
    /* After a merge with K's older copy (a fold), the rule does find her. */
    const char *both[] = {"KD-before.db", "KD.db"};
    merge_into("KDm.db", both, 2);
    Store *k = open_db("KDm.db", 0);
    Guest w;
    guest_init(&w);
    assert_int_equal(guest_set(&w.first, "Anna"), 0);
    assert_int_equal(guest_set(&w.last, "Garcia"), 0);
    assert_int_equal(guest_set(&w.company, "Acme Welding"), 0);
    bool found_added = true;
    CheckinResult fr;
    assert_int_equal(
        store_walkin_checkin(k, &w, false, "K", NULL, T0 + 50 * MIN, &found_added, &fr), STORE_OK);
    assert_false(found_added);
    assert_string_equal(w.code, "1001");
    guest_clear(&w);
    store_close(k);

    /* On K as the move left it. */
    k = open_db("KD.db", 0);
    guest_init(&w);
    assert_int_equal(guest_set(&w.first, "Anna"), 0);
    assert_int_equal(guest_set(&w.last, "Garcia"), 0);
    assert_int_equal(guest_set(&w.company, "Acme Welding"), 0);
    bool added = true;
    CheckinResult r;
    assert_int_equal(store_walkin_checkin(k, &w, false, "K", NULL, T0 + 50 * MIN, &added, &r),
                     STORE_OK);
    if (added)
        fail_msg("typed again, 'Anna Garcia' of Acme Welding became a new walk-in %s", w.code);
    assert_string_equal(w.code, "1001");
    guest_clear(&w);
    store_close(k);
}

static int setup_all(void **state)
{
    (void)state;
    dir = tu_tempdir();
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    if (!getenv("KEEP_TEST_DIR"))
        tu_rmtree(dir);
    else
        fprintf(stderr, "kept %s\n", dir);
    free(dir);
    return 0;
}

int main(void)
{
    assert_int_equal(ids_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_move_alone),
        cmocka_unit_test(test_a_consent_unchanged),
        cmocka_unit_test(test_a_consent_given),
        cmocka_unit_test(test_b_checked_in_elsewhere),
        cmocka_unit_test(test_c_walked_in_elsewhere_as_typed),
        cmocka_unit_test(test_c_walks_in_again_as_typed),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
