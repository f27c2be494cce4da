/* test_counts.c — one meaning of "checked in" (SPEC §5, §7, §8): the staff
 * dashboard (visit_dashboard), `lanyard stats` and attendance.csv and
 * followup.csv give the same figures, pre-registered guests and walk-ins
 * apart, for an event with check-ins at two kiosks, the same guest and the
 * same walk-in met at both, undos on a kiosk and after the merge. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/event_config.h"
#include "store/store.h"
#include "visit/visit.h"
#include "visit/visit_staff.h"

#define T0 INT64_C(1787245200000) /* 2026-08-20T17:00:00Z */
#define MIN INT64_C(60000)

static const char LIST[] = "Attendee #,First Name,Last Name,Company,Email\n"
                           "1001,Ana,García,Acme Welding,ana@acme.example\n"
                           "1002,José,Núñez,Núñez Auto,jose@nunez.example\n"
                           "1003,Mei,Chen,Chen Dental,mei@chen.example\n"
                           "1004,Olu,Adeyemi,Adeyemi Builders,olu@adeyemi.example\n";

static const char PROGRAMS[] = "code,name\nWELD,Welding\nHLTH,Health Science\n";

static char *dir;

static Store *open_db(const char *path)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    return s;
}

static void run_ok(TuRun r)
{
    if (r.status != 0)
        fail_msg("lanyard: status %d: %s", r.status, r.err);
    tu_run_free(&r);
}

static char *guest_id(Store *s, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    char *id = strdup(g.id);
    assert_non_null(id);
    guest_clear(&g);
    return id;
}

static void checkin(Store *s, const char *code, const char *kiosk, int64_t at)
{
    char *id = guest_id(s, code);
    CheckinResult r;
    assert_int_equal(store_checkin(s, id, kiosk, at, &r), STORE_OK);
    assert_false(r.already);
    free(id);
}

static void undo(Store *s, const char *code, const char *kiosk, int64_t at)
{
    char *id = guest_id(s, code);
    assert_int_equal(store_checkin_undo(s, id, kiosk, at), STORE_OK);
    free(id);
}

static void walk_in(Store *s, const char *first, const char *last, const char *company,
                    const char *kiosk, int64_t at)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, company), 0);
    assert_int_equal(store_walkin_add(s, &g, kiosk, at, NULL), STORE_OK);
    CheckinResult r;
    assert_int_equal(store_checkin(s, g.id, kiosk, at, &r), STORE_OK);
    guest_clear(&g);
}

static void picks(Store *s, const char *code, const char *program, int64_t at)
{
    char *id = guest_id(s, code);
    const char *p[] = {program};
    assert_int_equal(store_interests_set(s, id, p, 1, NULL, 0, "A", at), STORE_OK);
    free(id);
}

/* One kiosk's database: the list and the catalogue imported as staff do. */
static char *kiosk_db(const char *name)
{
    char *db = tu_path(dir, name), *csv = tu_path(dir, "guests.csv");
    char *programs = tu_path(dir, "programs.csv");
    tu_write(csv, LIST, (size_t)-1);
    tu_write(programs, PROGRAMS, (size_t)-1);
    run_ok(tu_lanyard("import", "guests", csv, "--db", db, NULL));
    run_ok(tu_lanyard("import", "programs", programs, "--db", db, NULL));
    free(csv);
    free(programs);
    return db;
}

/* The event: Ana at both doors (B first); José, Mei and Olu at one each, Mei
 * undone at A and back at B; Sam Lee walking in at both doors; Uma walking in
 * at B; then, after the merge, Ana's check-in undone at the district office. */
static char *build_event(void)
{
    char *a_db = kiosk_db("A.db"), *b_db = kiosk_db("B.db");
    Store *a = open_db(a_db);
    checkin(a, "1001", "A", T0 + 10 * MIN);
    checkin(a, "1002", "A", T0 + 11 * MIN);
    checkin(a, "1003", "A", T0 + 12 * MIN);
    picks(a, "1001", "WELD", T0 + 12 * MIN);
    picks(a, "1002", "HLTH", T0 + 12 * MIN);
    undo(a, "1003", "A", T0 + 13 * MIN);
    walk_in(a, "Sam", "Lee", "Lee Plumbing", "A", T0 + 14 * MIN);
    store_close(a);
    Store *b = open_db(b_db);
    checkin(b, "1001", "B", T0 + 5 * MIN);
    checkin(b, "1004", "B", T0 + 15 * MIN);
    checkin(b, "1003", "B", T0 + 16 * MIN);
    walk_in(b, "Sam", "Lee", "Lee Plumbing", "B", T0 + 17 * MIN);
    walk_in(b, "Uma", "Roy", "Roy Roofing", "B", T0 + 18 * MIN);
    store_close(b);
    char *district = tu_path(dir, "district.db");
    run_ok(tu_lanyard("merge", "--into", district, a_db, b_db, NULL));
    Store *d = open_db(district);
    undo(d, "1001", "office", T0 + 60 * MIN);
    store_close(d);
    free(a_db);
    free(b_db);
    return district;
}

/* ---- the three views ---- */

/* A figure `lanyard stats` prints after label ("walk-ins:"). */
static size_t stats_figure(const char *out, const char *label)
{
    const char *at = strstr(out, label);
    if (!at)
        fail_msg("`lanyard stats` has no \"%s\":\n%s", label, out);
    size_t n = 0;
    assert_int_equal(sscanf(at + strlen(label), " %zu", &n), 1);
    return n;
}

typedef struct Rows {
    size_t rows, registered, walk_ins, type_col;
} Rows;

static int count_row(const CsvRecord *rec, void *ud)
{
    Rows *r = ud;
    if (rec->line == 1) {
        for (size_t i = 0; i < rec->nfields; i++)
            if (!strcmp(rec->fields[i], "Type"))
                r->type_col = i;
        return 0;
    }
    r->rows++;
    if (r->type_col < rec->nfields) {
        r->registered += !strcmp(rec->fields[r->type_col], "Pre-registered");
        r->walk_ins += !strcmp(rec->fields[r->type_col], "Walk-in");
    }
    return 0;
}

/* attendance.csv or followup.csv as `lanyard export` writes it, parsed back. */
static Rows export_rows(const char *db, const char *kind)
{
    TuRun r = tu_lanyard("export", kind, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    Rows rows = {.type_col = SIZE_MAX};
    CsvError err;
    assert_int_equal(csv_read(r.out, strlen(r.out), count_row, &rows, &err), 0);
    tu_run_free(&r);
    return rows;
}

static void test_one_meaning(void **state)
{
    (void)state;
    char *db = build_event();

    /* The dashboard. */
    Store *s = open_db(db);
    EventConfig cfg;
    config_defaults(&cfg);
    VisitEnv env = {.store = s, .cfg = &cfg};
    char err[512];
    Visit *v = visit_create(&env, err, sizeof err);
    if (!v)
        fail_msg("visit_create: %s", err);
    Dashboard *d = malloc(sizeof *d);
    assert_non_null(d);
    visit_dashboard(v, d);
    assert_true(d->stats_ok);
    assert_true(d->charts_ok);
    size_t arrivals = 0, interest = 0;
    for (size_t i = 0; i < d->nbuckets; i++)
        arrivals += d->arrivals[i];
    for (size_t i = 0; i < d->nprog; i++)
        interest += d->prog[i].n;
    visit_destroy(v);
    store_close(s);

    /* `lanyard stats` and the exports. */
    TuRun r = tu_lanyard("stats", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    size_t registered = stats_figure(r.out, "checked in:");
    size_t expected = stats_figure(strstr(r.out, "checked in:"), " of");
    size_t walk_ins = stats_figure(r.out, "walk-ins:");
    size_t present = stats_figure(r.out, "total present:");
    size_t undone = stats_figure(r.out, "undone:");
    size_t interests = stats_figure(r.out, "interests:");
    tu_run_free(&r);
    Rows att = export_rows(db, "attendance"), fu = export_rows(db, "followup");

    /* What the event was: José, Mei (back at B) and Olu of the four on the
     * list; Sam (one walk-in met twice) and Uma; Ana undone (once, though she
     * had a check-in at each door); José's Health Science, Ana's Welding
     * withdrawn with her check-in. */
    assert_int_equal(expected, 4);
    assert_int_equal(registered, 3);
    assert_int_equal(walk_ins, 2);
    assert_int_equal(present, registered + walk_ins);
    assert_int_equal(undone, 1);
    assert_int_equal(interests, 1);
    /* The dashboard says the same ... */
    assert_int_equal(d->stats.expected, expected);
    assert_int_equal(d->stats.registered_in, registered);
    assert_int_equal(d->stats.walk_ins, walk_ins);
    assert_int_equal(d->stats.checked_in, present);
    assert_int_equal(arrivals, present);
    assert_int_equal(d->stats.interests, interests);
    assert_int_equal(interest, interests);
    /* ... and so do the exports. */
    assert_int_equal(att.rows, present);
    assert_int_equal(att.registered, registered);
    assert_int_equal(att.walk_ins, walk_ins);
    assert_int_equal(fu.rows, interests);
    free(d);
    free(db);
}

static int setup(void **state)
{
    (void)state;
    dir = tu_tempdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(dir);
    free(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_one_meaning, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
