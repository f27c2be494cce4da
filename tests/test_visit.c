/* test_visit.c — the visit layer with no screen at all: check-in outcomes,
 * the walk-in form's checks, the badge asked for once per visit, the sync
 * port told of every committed change, the PIN and its lock-out across a
 * restart, staff's lookup, undo and dashboard, Export to USB through the media
 * port, and the event folder's CSVs imported when they changed. Ports are
 * fakes; the clock is simulated. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/link.h"
#include "core/lockout.h"
#include "core/pin.h"
#include "core/text.h"
#include "store/store.h"
#include "store/store_keys.h"
#include "store/store_print.h"
#include "visit/visit.h"
#include "visit/visit_import.h"
#include "visit/visit_staff.h"

#define T0 INT64_C(1787230800000) /* 2026-08-20T13:00:00Z */

typedef struct Fixture {
    char *dir, *db;
    Store *store;
    EventConfig cfg;
    VisitEnv env;
    Visit *v;
    int64_t now;
    int prints, reprints, changes;
    char printed[ID_LEN + 1];
} Fixture;

static int64_t fake_clock(void *ud)
{
    return ((Fixture *)ud)->now;
}

static int fake_print(void *ud, const char *guest_id)
{
    Fixture *f = ud;
    f->prints++;
    snprintf(f->printed, sizeof f->printed, "%s", guest_id);
    return 0;
}

static int fake_reprint(void *ud, const char *guest_id)
{
    (void)guest_id;
    ((Fixture *)ud)->reprints++;
    return 0;
}

static void fake_changed(void *ud)
{
    ((Fixture *)ud)->changes++;
}

static int stick(void *ud, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", (const char *)ud);
    return 0;
}

static void add_guest(Fixture *f, const char *code, const char *first, const char *last,
                      const char *company, const char *email)
{
    GuestList gl;
    guest_list_init(&gl);
    Guest *g = guest_list_push(&gl);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, code), 0);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->company, company), 0);
    assert_int_equal(guest_set(&g->email, email), 0);
    ImportReport rep;
    import_report_init(&rep, "test");
    assert_int_equal(store_import_guests(f->store, &gl, &rep, T0), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&gl);
}

static void add_programs(Fixture *f)
{
    ProgramList pl;
    program_list_init(&pl);
    const char *rows[][2] = {{"WELD", "Welding"}, {"HLTH", "Health Science"}};
    for (size_t i = 0; i < 2; i++) {
        Program *p = program_list_push(&pl);
        assert_non_null(p);
        p->code = strdup(rows[i][0]);
        p->name = strdup(rows[i][1]);
    }
    ImportReport rep;
    import_report_init(&rep, "programs");
    assert_int_equal(store_import_programs(f->store, &pl, &rep, T0), STORE_OK);
    import_report_free(&rep);
    program_list_free(&pl);
}

static void start(Fixture *f)
{
    char err[512];
    f->v = visit_create(&f->env, err, sizeof err);
    if (!f->v)
        fail_msg("visit_create: %s", err);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    char err[512];
    assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    add_guest(f, "A-100", "Ana", "García", "Acme Welding", "ana@acme.example");
    add_guest(f, "B-200", "Bo", "Lee", "Lee Plumbing", "bo@lee.example");
    add_programs(f);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "door-1");
    f->now = T0;
    f->env = (VisitEnv){.store = f->store,
                        .cfg = &f->cfg,
                        .printer = {.print = fake_print, .reprint = fake_reprint, .ud = f},
                        .sync = {.changed = fake_changed, .ud = f},
                        .clock = {fake_clock, f}};
    start(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    visit_destroy(f->v);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->db);
    free(f->dir);
    free(f);
    return 0;
}

static size_t checked_in(Fixture *f)
{
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    return st.checked_in;
}

static size_t guests(Fixture *f)
{
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    return st.guests;
}

/* ---- check-in ---- */

static void test_check_in_outcomes(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "NOPE-1"), VISIT_UNKNOWN);
    assert_null(visit_guest(f->v));
    /* A scanner's code, spaces around it. */
    assert_int_equal(visit_check_in_code(f->v, "  A-100 \n"), VISIT_CHECKED_IN);
    const VisitGuest *g = visit_guest(f->v);
    assert_non_null(g);
    assert_string_equal(g->greet, "Ana");
    assert_false(g->walk_in);
    assert_true(g->new_checkin);
    assert_true(visit_not_me_offered(f->v)); /* this visit checked them in */
    assert_int_equal(checked_in(f), 1);
    assert_int_equal(f->changes, 1);
    visit_end(f->v);
    assert_null(visit_guest(f->v));
    assert_false(visit_not_me_offered(f->v));
    /* Again: no second attendance, nothing new to copy, no second badge. */
    int prints = f->prints;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_ALREADY);
    assert_false(visit_not_me_offered(f->v)); /* an earlier check-in stays */
    assert_int_equal(checked_in(f), 1);
    assert_int_equal(f->changes, 1);
    visit_end(f->v);
    assert_int_equal(f->prints, prints);
}

/* A badge's own QR code, scanned at a kiosk, checks its guest in: with the
 * programs picked, with none (the catalogue's link), under a template with no
 * {code}. Links of other sites, or with a code nobody has, are unknown. */
static void test_check_in_badge_link(void **state)
{
    Fixture *f = *state;
    const char *code = "K&9/\xC3\xB1 #1";
    add_guest(f, code, "Zoë", "Whitfield", "Northwind Robotics", "zoe@example.com");
    visit_destroy(f->v);
    start(f);
    const char *picked[] = {"WELD", "HLTH"};
    char *url = link_build(f->cfg.qr_url, f->cfg.catalog_url, code, picked, 2);
    assert_non_null(url);
    assert_null(strstr(url, code)); /* encoded, not as typed */
    assert_int_equal(visit_check_in_code(f->v, url), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->greet, "Zoë");
    free(url);
    visit_end(f->v);

    /* Nothing picked: the catalogue's link. */
    url = link_build(f->cfg.qr_url, f->cfg.catalog_url, "A-100", NULL, 0);
    assert_non_null(url);
    assert_int_equal(visit_check_in_code(f->v, url), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->greet, "Ana");
    free(url);
    visit_end(f->v);
    url = link_build(f->cfg.qr_url, f->cfg.catalog_url, "NOPE-1", NULL, 0);
    assert_non_null(url);
    assert_int_equal(visit_check_in_code(f->v, url), VISIT_UNKNOWN);
    free(url);

    /* A template without {code}: the link carries it all the same. */
    snprintf(f->cfg.qr_url, sizeof f->cfg.qr_url, "https://cte.example.org/p/{programs}");
    url = link_build(f->cfg.qr_url, f->cfg.catalog_url, "B-200", picked, 1);
    assert_non_null(url);
    assert_string_equal(url, "https://cte.example.org/p/WELD?guest=B-200");
    assert_int_equal(visit_check_in_code(f->v, url), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->greet, "Bo");
    free(url);
    visit_end(f->v);
    assert_int_equal(checked_in(f), 3);

    const char *foreign[] = {
        "https://other.example.org/partners?programs=WELD&guest=B-200",
        "https://cte.example.org/programs",
        "https://cte.example.org/programs/weld",
        "www.example.org/?guest=B-200",
    };
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
        assert_int_equal(visit_check_in_code(f->v, foreign[i]), VISIT_UNKNOWN);
    assert_null(visit_guest(f->v));
    assert_int_equal(checked_in(f), 3);
}

/* The badge is asked for once per visit: on leaving Interests, or when the
 * guest walks away from it; its state is the printer's. */
static void test_badge_once(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    VisitBadge b;
    assert_false(visit_badge(f->v, &b));
    assert_int_equal(f->prints, 0);
    bool picked[2] = {true, false}, kinds[16] = {[0] = true};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    assert_int_equal(f->prints, 1);
    const VisitGuest *g = visit_guest(f->v);
    assert_string_equal(f->printed, g->id);
    assert_true(visit_badge(f->v, &b));
    assert_int_equal(b.state, PRINT_QUEUED);
    PrintJob job = {.state = PRINT_DONE};
    snprintf(job.guest_id, sizeof job.guest_id, "%s", g->id);
    visit_badge_update(f->v, &job);
    assert_true(visit_badge(f->v, &b));
    assert_int_equal(b.state, PRINT_DONE);
    visit_end(f->v);
    assert_int_equal(f->prints, 1);

    /* Bo walks away from Interests: his badge prints all the same. */
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    visit_end(f->v);
    assert_int_equal(f->prints, 2);

    /* Interests were saved with the programs and kinds picked, and consent. */
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);
    assert_true(ana.consent);
    assert_int_equal(store_interests_get(f->store, ana.id, &codes, &nc, &keys, &nk), STORE_OK);
    assert_int_equal(nc, 1);
    assert_string_equal(codes[0], "WELD");
    assert_int_equal(nk, 1);
    assert_string_equal(keys[0], PARTNERSHIP_KINDS[0].key);
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    guest_clear(&ana);
}

/* The printer's reports say where the badge went: with no printer it is a
 * PNG file for staff to print, and its job done means written, not printed;
 * with a printer, done is printed. Reports of other guests' jobs, or before
 * the badge was asked for, leave the visit's badge alone. */
static void test_badge_where(void **state)
{
    Fixture *f = *state;
    bool picked[2] = {false, false}, kinds[16] = {false};
    VisitBadge b;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    char ana[ID_LEN + 1];
    snprintf(ana, sizeof ana, "%s", visit_guest(f->v)->id);
    PrintJob job;
    memset(&job, 0, sizeof job);
    snprintf(job.guest_id, sizeof job.guest_id, "%s", ana);
    snprintf(job.printer, sizeof job.printer, "Elsewhere");
    visit_badge_update(f->v, &job); /* not asked for yet: ignored */
    assert_false(visit_badge(f->v, &b));
    assert_int_equal(visit_save_interests(f->v, picked, kinds, false), 0);
    assert_true(visit_badge(f->v, &b));
    assert_int_equal(b.state, PRINT_QUEUED);
    assert_true(b.to_file); /* the default event has no printer */
    assert_string_equal(b.printer, "");

    job.printer[0] = '\0';
    job.state = PRINT_DONE;
    snprintf(job.output, sizeof job.output, "%s/badges/A-100-1.png", f->dir);
    visit_badge_update(f->v, &job);
    PrintJob other = job;
    snprintf(other.guest_id, sizeof other.guest_id, "%032x", 7);
    snprintf(other.printer, sizeof other.printer, "Brother_QL_820NWB");
    other.state = PRINT_FAILED;
    visit_badge_update(f->v, &other);
    assert_true(visit_badge(f->v, &b));
    assert_int_equal(b.state, PRINT_DONE);
    assert_true(b.to_file);
    assert_string_equal(b.file, job.output);
    visit_end(f->v);
    assert_false(visit_badge(f->v, &b));

    /* A printer: Bo's badge is sent, then printed. */
    snprintf(f->cfg.printer, sizeof f->cfg.printer, "Brother_QL_820NWB");
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    assert_int_equal(visit_save_interests(f->v, picked, kinds, false), 0);
    assert_true(visit_badge(f->v, &b));
    assert_false(b.to_file);
    assert_string_equal(b.printer, "Brother_QL_820NWB");
    memset(&job, 0, sizeof job);
    snprintf(job.guest_id, sizeof job.guest_id, "%s", visit_guest(f->v)->id);
    snprintf(job.printer, sizeof job.printer, "Brother_QL_820NWB");
    job.state = PRINT_SENT;
    visit_badge_update(f->v, &job);
    job.state = PRINT_DONE;
    visit_badge_update(f->v, &job);
    assert_true(visit_badge(f->v, &b));
    assert_int_equal(b.state, PRINT_DONE);
    assert_false(b.to_file);
    assert_string_equal(b.file, "");
}

/* A code scanned while another guest is on Interests ends their visit with
 * their badge; I'm interested on a program's page keeps the other programs. */
static void test_next_guest_and_interest(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    assert_int_equal(f->prints, 1);
    assert_string_equal(visit_guest(f->v)->greet, "Bo");
    bool on = true;
    assert_int_equal(visit_interest_get(f->v, 1, &on), 0);
    assert_false(on);
    assert_int_equal(visit_interest_set(f->v, 1, true), 0);
    assert_int_equal(visit_interest_set(f->v, 0, true), 0);
    assert_int_equal(visit_interest_set(f->v, 1, false), 0);
    assert_int_equal(visit_interest_get(f->v, 0, &on), 0);
    assert_true(on);
    assert_int_equal(visit_interest_get(f->v, 1, &on), 0);
    assert_false(on);
}

/* ---- walk-in ---- */

static VisitOutcome walk_in(Fixture *f, VisitWalkin *w, const char *first, const char *last,
                            const char *email, const char *phone)
{
    memset(w, 0, sizeof *w);
    w->field[VISIT_FIRST] = first;
    w->field[VISIT_LAST] = last;
    w->field[VISIT_COMPANY] = "Quintero Tools";
    w->field[VISIT_EMAIL] = email;
    w->field[VISIT_PHONE] = phone;
    w->consent = true;
    return visit_walk_in(f->v, w);
}

static void test_walk_in(void **state)
{
    Fixture *f = *state;
    VisitWalkin w;
    assert_int_equal(walk_in(f, &w, "  ", NULL, "x@y", "555-ABC"), VISIT_INVALID);
    assert_int_equal(w.error[VISIT_FIRST], VISIT_FIELD_REQUIRED);
    assert_int_equal(w.error[VISIT_LAST], VISIT_FIELD_REQUIRED);
    assert_int_equal(w.error[VISIT_EMAIL], VISIT_FIELD_BAD_EMAIL);
    assert_int_equal(w.error[VISIT_PHONE], VISIT_FIELD_BAD_PHONE);
    assert_int_equal(w.error[VISIT_COMPANY], VISIT_FIELD_OK);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        assert_int_equal(visit_field_required(i), w.error[i] == VISIT_FIELD_REQUIRED);
    /* A phone number cut short: fewer than 7 digits, whatever the separators. */
    assert_int_equal(walk_in(f, &w, "Marisol", "Quintero", NULL, "(555) 01-0"), VISIT_INVALID);
    assert_int_equal(w.error[VISIT_PHONE], VISIT_FIELD_SHORT_PHONE);
    assert_int_equal(w.error[VISIT_FIRST], VISIT_FIELD_OK);
    assert_int_equal(walk_in(f, &w, "Marisol", "Quintero", NULL, "+"), VISIT_INVALID);
    assert_int_equal(w.error[VISIT_PHONE], VISIT_FIELD_SHORT_PHONE);
    assert_int_equal(checked_in(f), 0);
    assert_int_equal(walk_in(f, &w, " Marisol ", "Quintero", "m@q.example", "+1 (555) 010-0100"),
                     VISIT_CHECKED_IN);
    assert_int_equal(checked_in(f), 1);
    assert_string_equal(visit_guest(f->v)->greet, "Marisol");
    assert_true(visit_guest(f->v)->walk_in);
    assert_false(visit_not_me_offered(f->v)); /* they typed their own name */
    assert_true(visit_guest(f->v)->consent);
    /* Findable from now on, masked. */
    SearchResult res[SEARCH_MAX_RESULTS];
    size_t n = visit_search(f->v, "mari", res, NULL);
    assert_int_equal(n, 1);
    assert_string_equal(res[0].label, "Marisol Q. — Quintero Tools");
}

/* A walk-in form that is a pre-registered guest asks "Is this you?" before
 * anyone is added: by email, or by name and company. Yes checks in the
 * registration; no adds a new person, once however often the form comes. */
static void test_walk_in_maybe_guest(void **state)
{
    Fixture *f = *state;
    VisitWalkin w;
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "ana";
    w.field[VISIT_LAST] = "Garcia";
    w.field[VISIT_EMAIL] = "ANA@acme.example";
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_MAYBE_GUEST);
    const SearchResult *m = visit_walkin_match(f->v);
    assert_non_null(m);
    assert_string_equal(m->label, "Ana G. — Acme Welding");
    assert_null(visit_guest(f->v));
    assert_int_equal(guests(f), 2);
    assert_int_equal(checked_in(f), 0);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);
    assert_string_equal(m->guest_id, ana.id);
    /* "Yes, that's me": the registration is checked in. */
    assert_int_equal(visit_check_in(f->v, m->guest_id), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->id, ana.id);
    guest_clear(&ana);
    visit_end(f->v);
    assert_null(visit_walkin_match(f->v));

    /* Name and company, no email: Bo of Lee Plumbing. */
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Bo";
    w.field[VISIT_LAST] = "Lee";
    w.field[VISIT_COMPANY] = "LEE PLUMBING";
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_MAYBE_GUEST);
    assert_string_equal(visit_walkin_match(f->v)->label, "Bo L. — Lee Plumbing");
    /* "No": another Bo Lee, added once however often he types the form. */
    assert_int_equal(visit_walk_in_anyway(f->v, &w), VISIT_CHECKED_IN);
    assert_null(visit_walkin_match(f->v));
    assert_int_equal(guests(f), 3);
    char bo2[ID_LEN + 1];
    snprintf(bo2, sizeof bo2, "%s", visit_guest(f->v)->id);
    visit_end(f->v);
    assert_int_equal(visit_walk_in_anyway(f->v, &w), VISIT_ALREADY);
    assert_string_equal(visit_guest(f->v)->id, bo2);
    assert_int_equal(guests(f), 3);
    visit_end(f->v);

    /* Someone the list does not know: no question; typed twice, one guest. */
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Ana";
    w.field[VISIT_LAST] = "García";
    w.field[VISIT_COMPANY] = "Acme Welding";
    w.field[VISIT_EMAIL] = "ana@elsewhere.example"; /* another email: another Ana */
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_CHECKED_IN);
    visit_end(f->v);
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_ALREADY);
    assert_null(visit_walkin_match(f->v));
    assert_int_equal(guests(f), 4);
}

/* A walk-in who comes back and types the form in other letters (the rule folds
 * case and accents) is found as they were saved: the search keeps finding the
 * name as stored, not the spelling of the second form. */
static void test_walk_in_again_keeps_stored(void **state)
{
    Fixture *f = *state;
    VisitWalkin w;
    assert_int_equal(walk_in(f, &w, "Marisol", "Quintero", "m@q.example", NULL), VISIT_CHECKED_IN);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    visit_end(f->v);
    size_t before = guests(f);

    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "MARISOL";
    w.field[VISIT_LAST] = "quintero";
    w.field[VISIT_COMPANY] = "QUINTERO TOOLS";
    w.field[VISIT_EMAIL] = "M@Q.example";
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_ALREADY);
    assert_string_equal(visit_guest(f->v)->id, id);
    assert_string_equal(visit_guest(f->v)->greet, "Marisol");
    assert_int_equal(guests(f), before);
    visit_end(f->v);

    SearchResult res[SEARCH_MAX_RESULTS];
    size_t n = visit_search(f->v, "quintero", res, NULL);
    assert_int_equal(n, 1);
    assert_string_equal(res[0].guest_id, id);
    assert_string_equal(res[0].label, "Marisol Q. — Quintero Tools");
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_get(f->store, id, &g), STORE_OK);
    assert_string_equal(g.first, "Marisol");
    assert_string_equal(g.company, "Quintero Tools");
    guest_clear(&g);
}

/* ---- staff ---- */

static void test_lockout_schedule(void **state)
{
    (void)state;
    LockOut l = {0};
    int64_t now = T0, rem = -1;
    assert_int_equal(lockout_state(&l, now, &rem), LOCKOUT_OPEN);
    assert_int_equal(rem, 0);
    /* Four wrong PINs: each only throttles the next try for a second. */
    for (int i = 1; i < LOCKOUT_FREE_TRIES; i++) {
        lockout_failed(&l, now);
        assert_int_equal(l.failures, i);
        assert_int_equal(lockout_state(&l, now + 999, &rem), LOCKOUT_WAIT);
        assert_int_equal(rem, 1);
        now += LOCKOUT_THROTTLE_MS;
        assert_int_equal(lockout_state(&l, now, NULL), LOCKOUT_OPEN);
    }
    /* The fifth: a minute. */
    lockout_failed(&l, now);
    assert_int_equal(lockout_state(&l, now, &rem), LOCKOUT_LOCKED);
    assert_int_equal(rem, 60000);
    now += 60000;
    assert_int_equal(lockout_state(&l, now, NULL), LOCKOUT_OPEN);
    /* Each further wrong PIN doubles it: 2, 4, 8 ... minutes, at most an hour. */
    int64_t expect = 120000;
    for (int i = 0; i < 10; i++) {
        lockout_failed(&l, now);
        assert_int_equal(lockout_state(&l, now, &rem), LOCKOUT_LOCKED);
        assert_int_equal(rem, expect);
        now += rem;
        expect = expect * 2 > LOCKOUT_MAX_MS ? LOCKOUT_MAX_MS : expect * 2;
    }
    assert_int_equal(lockout_duration(LOCKOUT_MAX_FAILURES), LOCKOUT_MAX_MS);
    assert_int_equal(lockout_duration(LOCKOUT_FREE_TRIES - 1), 0);
    lockout_passed(&l);
    assert_int_equal(l.failures, 0);
}

/* Five wrong PINs lock the pad; a restart does not unlock it; a clock set
 * back does not lengthen it; the right PIN, once open, lets staff in. */
static void test_pin_lockout_survives_restart(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_pin_try(f->v, "1234"), VISIT_PIN_NONE); /* no PIN set: a kiosk */
    assert_int_equal(pin_hash("246810", f->cfg.pin_hash), 0);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_OPEN);
    for (int i = 1; i < LOCKOUT_FREE_TRIES; i++) {
        assert_int_equal(visit_pin_try(f->v, "111111"), VISIT_PIN_WRONG);
        assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES - i);
        assert_int_equal(visit_pin_try(f->v, "246810"), VISIT_PIN_WAIT); /* throttled */
        f->now += LOCKOUT_THROTTLE_MS;
    }
    assert_int_equal(visit_pin_try(f->v, "111111"), VISIT_PIN_LOCKED);
    visit_destroy(f->v);
    f->now += 1000;
    start(f);
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_LOCKED);
    int64_t rem = 0;
    assert_int_equal(visit_pin_state(f->v, &rem), VISIT_PIN_LOCKED);
    assert_int_equal(rem, LOCKOUT_FIRST_MS - 1000);
    assert_int_equal(visit_pin_try(f->v, "246810"), VISIT_PIN_LOCKED);
    /* A clock set back a day: still a minute from then, not a day and a minute. */
    f->now -= 86400000;
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_LOCKED);
    assert_int_equal(visit_pin_state(f->v, &rem), VISIT_PIN_LOCKED);
    assert_true(rem <= LOCKOUT_FIRST_MS);
    f->now += LOCKOUT_FIRST_MS;
    assert_int_equal(visit_pin_try(f->v, "246810"), VISIT_PIN_OK);
    assert_int_equal(visit_pin_tries_left(f->v), LOCKOUT_FREE_TRIES);
}

static void test_demo_without_pin(void **state)
{
    Fixture *f = *state;
    visit_destroy(f->v);
    f->env.demo = true;
    start(f);
    assert_true(visit_is_demo(f->v));
    assert_int_equal(visit_pin_open(f->v), VISIT_PIN_NONE);
    assert_int_equal(visit_pin_try(f->v, ""), VISIT_PIN_OK);
}

static void test_lookup_undo_reprint(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    visit_end(f->v);
    GuestRecord rec[VISIT_LOOKUP_MAX];
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&rec[i]);
    size_t n = 0;
    bool more = true;
    /* By registration code, with every detail. */
    assert_int_equal(visit_lookup(f->v, "B-200", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_false(more);
    assert_string_equal(rec[0].g.last, "Lee");
    assert_string_equal(rec[0].g.email, "bo@lee.example");
    assert_true(rec[0].checked_in);
    assert_int_equal(rec[0].checked_in_at, T0);
    assert_false(rec[0].badge_printed);
    /* Once the badge printed, the row says so. */
    assert_int_equal(store_badge_printed_set(f->store, rec[0].g.id), STORE_OK);
    visit_record_clear(&rec[0]);
    assert_int_equal(visit_lookup(f->v, "B-200", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_true(rec[0].checked_in);
    assert_true(rec[0].badge_printed);
    /* By name. */
    visit_record_clear(&rec[0]);
    assert_int_equal(visit_lookup(f->v, "ana gar", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rec[0].g.first, "Ana");
    assert_false(rec[0].checked_in);
    visit_record_clear(&rec[0]);

    assert_int_equal(visit_lookup(f->v, "B-200", rec, &n, &more), 0);
    int changes = f->changes;
    assert_int_equal(visit_undo(f->v, rec[0].g.id), 0);
    assert_int_equal(f->changes, changes + 1);
    assert_int_equal(visit_record_read(f->v, rec[0].g.id, &rec[0]), 0);
    assert_false(rec[0].checked_in);
    assert_int_equal(checked_in(f), 0);
    assert_true(visit_prints(f->v));
    assert_int_equal(visit_reprint(f->v, rec[0].g.id), 0);
    assert_int_equal(f->reprints, 1);
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&rec[i]);
}

static int count_row(const FollowupRow *r, void *ud)
{
    (void)r;
    (*(size_t *)ud)++;
    return 0;
}

/* An undone check-in takes its visit's interests and consent with it: off
 * the follow-up list and the dashboard's chart, and not there when the guest
 * checks in again. */
static void test_undo_retracts_visit(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    bool picked[2] = {true, true}, kinds[16] = {[1] = true};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    visit_end(f->v);
    Dashboard *d = malloc(sizeof *d);
    assert_non_null(d);
    visit_dashboard(f->v, d);
    assert_int_equal(d->stats.interests, 2);
    assert_int_equal(d->prog[0].n + d->prog[1].n, 2);

    f->now += 60000;
    assert_int_equal(visit_undo(f->v, id), 0);
    visit_dashboard(f->v, d);
    assert_int_equal(d->stats.interests, 0);
    assert_int_equal(d->stats.checked_in, 0);
    assert_int_equal(d->prog[0].n + d->prog[1].n, 0);
    size_t rows = 0;
    assert_int_equal(store_each_followup(f->store, count_row, &rows), STORE_OK);
    assert_int_equal(rows, 0);
    GuestRecord rec;
    visit_record_init(&rec);
    assert_int_equal(visit_record_read(f->v, id, &rec), 0);
    assert_false(rec.g.consent);
    assert_false(rec.checked_in);
    visit_record_clear(&rec);

    f->now += 60000;
    assert_int_equal(visit_check_in(f->v, id), VISIT_CHECKED_IN);
    assert_false(visit_guest(f->v)->consent);
    for (size_t i = 0; i < 2; i++) {
        bool on = true;
        assert_int_equal(visit_interest_get(f->v, i, &on), 0);
        assert_false(on);
    }
    free(d);
}

/* The text of the last audit record of an action (malloc'd). */
static char *audit_detail(Fixture *f, const char *action)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c,
                                        "SELECT detail FROM audit WHERE action = ?1 "
                                        "ORDER BY at DESC, rowid DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
    char *detail = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        detail = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(c);
    return detail;
}

/* A guest's record shows what they picked, by code and name (a program since
 * taken off the catalogue keeps its name), their kinds and their consent. */
static void test_record_interests(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    bool picked[2] = {true, true}, kinds[16] = {false};
    kinds[PARTNERSHIP_KIND_COUNT - 1] = kinds[0] = true;
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    visit_end(f->v);
    /* Welding leaves the catalogue, Health Science moves behind Automotive. */
    ProgramList pl;
    program_list_init(&pl);
    const char *rows[][2] = {{"AUTO", "Automotive"}, {"HLTH", "Health Science"}};
    for (size_t i = 0; i < 2; i++) {
        Program *p = program_list_push(&pl);
        assert_non_null(p);
        assert_int_equal(guest_set(&p->code, rows[i][0]), 0);
        assert_int_equal(guest_set(&p->name, rows[i][1]), 0);
    }
    ImportReport rep;
    import_report_init(&rep, "programs");
    assert_int_equal(store_import_programs(f->store, &pl, &rep, T0), STORE_OK);
    import_report_free(&rep);
    program_list_free(&pl);
    visit_destroy(f->v);
    start(f);

    GuestRecord rec;
    visit_record_init(&rec);
    assert_int_equal(visit_record_read(f->v, id, &rec), 0);
    assert_true(rec.g.consent);
    assert_int_equal(rec.nprograms, 2);
    assert_string_equal(rec.programs[0], "HLTH"); /* catalogue order: the hidden one last */
    assert_string_equal(rec.program_names[0], "Health Science");
    assert_string_equal(rec.programs[1], "WELD");
    assert_string_equal(rec.program_names[1], "Welding");
    assert_int_equal(rec.nkinds, 2);
    assert_string_equal(rec.kinds[0], PARTNERSHIP_KINDS[0].key);
    assert_string_equal(rec.kinds[1], PARTNERSHIP_KINDS[PARTNERSHIP_KIND_COUNT - 1].key);
    /* Read again into the same record: nothing doubles. */
    assert_int_equal(visit_record_read(f->v, id, &rec), 0);
    assert_int_equal(rec.nprograms, 2);
    visit_record_clear(&rec);
    assert_int_equal(rec.nprograms + rec.nkinds, 0);
    /* The lookup's records carry the same. */
    GuestRecord found[VISIT_LOOKUP_MAX];
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&found[i]);
    size_t n = 0;
    bool more = true;
    assert_int_equal(visit_lookup(f->v, "A-100", found, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_int_equal(found[0].nprograms, 2);
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&found[i]);
}

/* Staff correct a guest: written, audited with old and new values, found by
 * the new name; a bad value is marked and nothing is written. */
static void test_guest_edit(void **state)
{
    Fixture *f = *state;
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &g), STORE_OK);
    VisitGuestEdit e;
    memset(&e, 0, sizeof e);
    e.field[VISIT_FIRST] = "";
    e.field[VISIT_EMAIL] = "ana@";
    e.field[VISIT_PHONE] = "555";
    assert_int_equal(visit_guest_edit(f->v, g.id, &e), -1);
    assert_int_equal(e.error[VISIT_FIRST], VISIT_FIELD_REQUIRED);
    assert_int_equal(e.error[VISIT_EMAIL], VISIT_FIELD_BAD_EMAIL);
    assert_int_equal(e.error[VISIT_PHONE], VISIT_FIELD_SHORT_PHONE);
    assert_int_equal(e.error[VISIT_LAST], VISIT_FIELD_OK);
    assert_null(audit_detail(f, "edit"));

    int changes = f->changes;
    memset(&e, 0, sizeof e);
    e.field[VISIT_FIRST] = "Ana";
    e.field[VISIT_LAST] = " Reyes ";
    e.field[VISIT_COMPANY] = "Acme Welding & Steel";
    e.field[VISIT_EMAIL] = "ana@acmesteel.example";
    e.field[VISIT_PHONE] = "555 010 0100";
    assert_int_equal(visit_guest_edit(f->v, g.id, &e), 0);
    assert_int_equal(f->changes, changes + 1);
    Guest after;
    guest_init(&after);
    assert_int_equal(store_guest_get(f->store, g.id, &after), STORE_OK);
    assert_string_equal(after.first, "Ana");
    assert_string_equal(after.last, "Reyes");
    assert_string_equal(after.company, "Acme Welding & Steel");
    assert_string_equal(after.email, "ana@acmesteel.example");
    assert_string_equal(after.phone, "555 010 0100");
    assert_string_equal(after.code, "A-100");
    assert_int_equal(after.updated_at, T0);
    char *detail = audit_detail(f, "edit");
    assert_non_null(detail);
    assert_non_null(strstr(detail, "last: \"García\" -> \"Reyes\""));
    assert_non_null(strstr(detail, "email: \"ana@acme.example\" -> \"ana@acmesteel.example\""));
    assert_non_null(strstr(detail, "phone: \"\" -> \"555 010 0100\""));
    assert_null(strstr(detail, "first:"));
    free(detail);
    /* The search (here staff's, which is the guests' one plus codes) knows
     * the new name, and no longer the old one. */
    GuestRecord rec[VISIT_LOOKUP_MAX];
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&rec[i]);
    size_t n = 0;
    bool more = false;
    assert_int_equal(visit_lookup(f->v, "reyes", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rec[0].g.id, g.id);
    assert_int_equal(visit_lookup(f->v, "garcia", rec, &n, &more), 0);
    assert_int_equal(n, 0);
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&rec[i]);
    /* The same again changes nothing and says nothing. */
    assert_int_equal(visit_guest_edit(f->v, g.id, &e), 0);
    assert_int_equal(f->changes, changes + 1);
    guest_clear(&after);
    guest_clear(&g);
}

/* Rows of a table, counted with plain SQL on the database file. */
static int table_rows(Fixture *f, const char *table)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return n;
}

/* A walk-in who typed their name wrong corrects it from Interests: the same
 * guest and the same check-in, the corrected name stored, greeted and found,
 * an audit record of the change as theirs; a bad field is marked as on the
 * walk-in form and nothing is written. What they picked before the
 * correction is there when Continue saves, and the badge asked for is the
 * one guest's. Only a walk-in who typed the form on this visit may. */
static void test_walk_in_fix(void **state)
{
    Fixture *f = *state;
    size_t before = guests(f);
    VisitWalkin w;
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Zoe";
    w.field[VISIT_LAST] = "Quistt";
    w.field[VISIT_COMPANY] = "Quist Robotics";
    w.field[VISIT_EMAIL] = "zoe@quist.example";
    w.consent = true;
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_CHECKED_IN);
    assert_true(visit_fix_offered(f->v));
    assert_false(visit_not_me_offered(f->v));
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", visit_guest(f->v)->id);
    assert_int_equal(table_rows(f, "attendance"), 1);
    /* Welding picked on a program's page before the correction. */
    assert_int_equal(visit_interest_set(f->v, 0, true), 0);
    int changes = f->changes;

    /* The form starts from what they typed, as stored. */
    Guest typed;
    guest_init(&typed);
    assert_int_equal(visit_fix_read(f->v, &typed), 0);
    assert_string_equal(typed.id, id);
    assert_string_equal(typed.first, "Zoe");
    assert_string_equal(typed.last, "Quistt");
    assert_string_equal(typed.company, "Quist Robotics");
    assert_string_equal(typed.email, "zoe@quist.example");

    /* A bad email and an emptied last name are marked; nothing is written. */
    VisitGuestEdit e;
    memset(&e, 0, sizeof e);
    const char *fields[VISIT_FIELD_COUNT] = {"Zoë", "", "Quist Robotics", "", "zoe@", ""};
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        e.field[i] = fields[i];
    assert_int_equal(visit_fix_details(f->v, &e), -1);
    assert_int_equal(e.error[VISIT_LAST], VISIT_FIELD_REQUIRED);
    assert_int_equal(e.error[VISIT_EMAIL], VISIT_FIELD_BAD_EMAIL);
    assert_int_equal(e.error[VISIT_FIRST], VISIT_FIELD_OK);
    assert_int_equal(e.error[VISIT_PHONE], VISIT_FIELD_OK);
    assert_string_equal(visit_guest(f->v)->greet, "Zoe");
    assert_null(audit_detail(f, "walk-in edit"));
    assert_int_equal(f->changes, changes);

    /* Corrected: the same guest, one check-in, the name the visit greets. */
    e.field[VISIT_LAST] = " Quist ";
    e.field[VISIT_EMAIL] = "zoe@quist.example";
    assert_int_equal(visit_fix_details(f->v, &e), 0);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        assert_int_equal(e.error[i], VISIT_FIELD_OK);
    assert_string_equal(visit_guest(f->v)->id, id);
    assert_string_equal(visit_guest(f->v)->greet, "Zoë");
    assert_true(visit_fix_offered(f->v)); /* still theirs, should they see another typo */
    assert_int_equal(guests(f), before + 1);
    assert_int_equal(checked_in(f), 1);
    assert_int_equal(table_rows(f, "attendance"), 1);
    assert_int_equal(f->changes, changes + 1);
    Guest after;
    guest_init(&after);
    assert_int_equal(store_guest_get(f->store, id, &after), STORE_OK);
    assert_string_equal(after.first, "Zoë");
    assert_string_equal(after.last, "Quist");
    assert_string_equal(after.code, typed.code);
    assert_true(after.walk_in);
    assert_true(after.consent);
    char *detail = audit_detail(f, "walk-in edit");
    assert_non_null(detail);
    assert_non_null(strstr(detail, "first: \"Zoe\" -> \"Zoë\""));
    assert_non_null(strstr(detail, "last: \"Quistt\" -> \"Quist\""));
    assert_null(strstr(detail, "email:"));
    free(detail);
    assert_null(audit_detail(f, "edit")); /* not staff's */
    /* Found by the new name only. */
    SearchResult res[SEARCH_MAX_RESULTS];
    assert_int_equal(visit_search(f->v, "quistt", res, NULL), 0);
    assert_int_equal(visit_search(f->v, "zoë", res, NULL), 1);
    assert_string_equal(res[0].guest_id, id);

    /* Continue: the programs and kinds picked on Interests saved for the one
     * guest, the page's pick kept, the badge asked for once. */
    assert_int_equal(f->prints, 0);
    bool picked[2] = {true, true}, kinds[PARTNERSHIP_KIND_COUNT] = {[1] = true};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->printed, id);
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, id, &codes, &nc, &keys, &nk), STORE_OK);
    assert_int_equal(nc, 2);
    assert_string_equal(codes[0], "WELD");
    assert_string_equal(codes[1], "HLTH");
    assert_int_equal(nk, 1);
    assert_string_equal(keys[0], PARTNERSHIP_KINDS[1].key);
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    assert_false(visit_fix_offered(f->v));
    assert_int_equal(visit_fix_details(f->v, &e), -1);

    /* Not for a pre-registered guest, nor for the walk-in back with their
     * badge on another visit: they did not type the form here. */
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    assert_false(visit_fix_offered(f->v));
    assert_int_equal(visit_fix_read(f->v, &typed), -1);
    assert_int_equal(visit_fix_details(f->v, &e), -1);
    visit_end(f->v);
    assert_int_equal(visit_undo(f->v, id), 0);
    assert_int_equal(visit_check_in_code(f->v, after.code), VISIT_CHECKED_IN);
    assert_true(visit_guest(f->v)->walk_in);
    assert_false(visit_fix_offered(f->v));
    visit_end(f->v);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);
    assert_string_equal(ana.first, "Ana");
    assert_int_equal(guests(f), before + 1);
    guest_clear(&ana);
    guest_clear(&after);
    guest_clear(&typed);
}

/* Attendance rows as the export writes them: how many, and the last one's
 * first name and registration code. */
typedef struct Exported {
    int n;
    char first[64], code[64];
} Exported;

static int each_exported(const AttendanceRow *r, void *ud)
{
    Exported *x = ud;
    x->n++;
    snprintf(x->first, sizeof x->first, "%s", r->guest->first);
    snprintf(x->code, sizeof x->code, "%s", r->guest->code);
    return 0;
}

/* Anna Garcia of Acme Welding walks in, picks nothing yet, and corrects her
 * name on Interests to Ana García: the registration A-100. */
static void walk_in_anna(Fixture *f, char id[ID_LEN + 1], char code[64], VisitGuestEdit *e)
{
    VisitWalkin w;
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Anna";
    w.field[VISIT_LAST] = "Garcia";
    w.field[VISIT_COMPANY] = "Acme Welding";
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_CHECKED_IN);
    assert_true(visit_fix_offered(f->v));
    snprintf(id, ID_LEN + 1, "%s", visit_guest(f->v)->id);
    Guest typed;
    guest_init(&typed);
    assert_int_equal(visit_fix_read(f->v, &typed), 0);
    snprintf(code, 64, "%s", typed.code);
    guest_clear(&typed);
    memset(e, 0, sizeof *e);
    e->field[VISIT_FIRST] = "Ana";
    e->field[VISIT_LAST] = "García";
    e->field[VISIT_COMPANY] = "Acme Welding";
}

/* The walk-in's correction is a registration: asked "Is this you?" as the
 * walk-in form asks, and "Yes" moves the visit to the registration in one
 * transaction: one guest, one attendance, the picks and consent on the
 * registration, the move audited, one badge, the registration's. */
static void test_walk_in_fix_is_registration(void **state)
{
    Fixture *f = *state;
    size_t before = guests(f);
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);

    /* The question, and nothing written yet. */
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    const SearchResult *m = visit_walkin_match(f->v);
    assert_non_null(m);
    assert_string_equal(m->guest_id, ana.id);
    assert_string_equal(m->label, "Ana G. — Acme Welding");
    assert_string_equal(visit_guest(f->v)->greet, "Anna");
    assert_null(audit_detail(f, "walk-in edit"));
    assert_int_equal(guests(f), before + 1);

    /* "Yes, that's me", with Welding and a kind picked and the consent ticked. */
    int changes = f->changes;
    f->now += 60000;
    bool picked[2] = {true, false}, kinds[PARTNERSHIP_KIND_COUNT] = {[1] = true};
    assert_int_equal(visit_fix_move(f->v, &e, picked, kinds, true), VISIT_CHECKED_IN);
    const VisitGuest *vg = visit_guest(f->v);
    assert_non_null(vg);
    assert_string_equal(vg->id, ana.id);
    assert_string_equal(vg->greet, "Ana");
    assert_false(vg->walk_in);
    assert_true(vg->new_checkin);
    assert_true(vg->consent);
    assert_false(visit_fix_offered(f->v));
    assert_false(visit_not_me_offered(f->v)); /* they typed it: test_walk_in_fix_move_kept */
    assert_null(visit_walkin_match(f->v));
    assert_true(f->changes > changes);

    /* One guest: the walk-in record is gone, its id and code find Ana. */
    assert_int_equal(guests(f), before);
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    assert_int_equal(st.registered_in, 1);
    assert_int_equal(st.walk_ins, 0);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_get(f->store, walkin, &g), STORE_OK);
    assert_string_equal(g.id, ana.id);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    assert_string_equal(g.id, ana.id);
    assert_string_equal(g.first, "Ana"); /* the registration as it was */
    assert_string_equal(g.code, "A-100");
    assert_true(g.consent);
    guest_clear(&g);
    /* The walk-in's check-in kept as an undone record; Ana's counts. */
    assert_int_equal(table_rows(f, "attendance"), 2);
    CheckinState cs;
    assert_int_equal(store_checkin_state(f->store, ana.id, &cs), STORE_OK);
    assert_true(cs.checked_in);
    assert_true(cs.checked_in_at == f->now);
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, ana.id, &codes, &nc, &keys, &nk), STORE_OK);
    assert_int_equal(nc, 1);
    assert_string_equal(codes[0], "WELD");
    assert_int_equal(nk, 1);
    assert_string_equal(keys[0], PARTNERSHIP_KINDS[1].key);
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    /* Audited: what the walk-in had typed and what they corrected it to. */
    char *detail = audit_detail(f, "walk-in to registration");
    assert_non_null(detail);
    assert_non_null(strstr(detail, code));
    assert_non_null(strstr(detail, "first: \"Anna\" -> \"Ana\""));
    assert_non_null(strstr(detail, "last: \"Garcia\" -> \"García\""));
    free(detail);
    /* The walk-in's check-in taken back as the move's, not as an undo: the
     * history the registration now has does not read as a check-in undone. */
    assert_null(audit_detail(f, "undo"));
    detail = audit_detail(f, "walk-in check-in moved");
    assert_non_null(detail);
    free(detail);
    /* The export lists the registration only. */
    Exported x = {0};
    assert_int_equal(store_each_attendance(f->store, each_exported, &x), STORE_OK);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.first, "Ana");
    assert_string_equal(x.code, "A-100");
    /* One badge job, held for Ana until she leaves Interests. */
    assert_int_equal(table_rows(f, "print_jobs"), 1);
    PrintJob job;
    assert_int_equal(store_print_latest(f->store, ana.id, &job), STORE_OK);
    assert_int_equal(job.state, PRINT_HELD);
    assert_int_equal(f->prints, 0);
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->printed, ana.id);
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    /* Her ticket scanned later: already checked in, no second attendance. */
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_ALREADY);
    visit_end(f->v);
    assert_int_equal(checked_in(f), 1);
    /* Find me finds no "Anna" any more. */
    SearchResult res[SEARCH_MAX_RESULTS];
    assert_int_equal(visit_search(f->v, "anna", res, NULL), 0);
    guest_clear(&ana);
}

/* The registration was checked in already (her ticket scanned earlier): the
 * move keeps that check-in and its badge, and takes back the walk-in's. */
static void test_walk_in_fix_registration_already(void **state)
{
    Fixture *f = *state;
    size_t before = guests(f);
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    int64_t first_at = f->now;
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    f->now += 600000;
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    assert_int_equal(checked_in(f), 2);
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    bool picked[2] = {false, true}, kinds[PARTNERSHIP_KIND_COUNT] = {0};
    assert_int_equal(visit_fix_move(f->v, &e, picked, kinds, false), VISIT_ALREADY);
    assert_string_equal(visit_guest(f->v)->greet, "Ana");
    assert_false(visit_guest(f->v)->new_checkin);
    assert_false(visit_not_me_offered(f->v)); /* her earlier check-in stays */
    assert_int_equal(guests(f), before);
    assert_int_equal(checked_in(f), 1);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);
    CheckinState cs;
    assert_int_equal(store_checkin_state(f->store, ana.id, &cs), STORE_OK);
    assert_true(cs.checked_in_at == first_at);
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, ana.id, &codes, &nc, &keys, &nk), STORE_OK);
    assert_int_equal(nc, 1);
    assert_string_equal(codes[0], "HLTH");
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    /* No second badge: the walk-in's held one dropped, hers printed before. */
    assert_int_equal(table_rows(f, "print_jobs"), 1);
    assert_int_equal(visit_save_interests(f->v, picked, kinds, false), 0);
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    guest_clear(&ana);
}

/* The index in PARTNERSHIP_KINDS of key. */
static size_t kind_at(const char *key)
{
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        if (!strcmp(PARTNERSHIP_KINDS[i].key, key))
            return i;
    fail_msg("no kind of partnership '%s'", key);
    return 0;
}

/* How many of the guest's interests are retracted. */
static int retracted(Fixture *f, const char *guest_id)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c,
                                        "SELECT count(*) FROM interests WHERE guest_id = ?1 "
                                        "AND retracted_at IS NOT NULL",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, guest_id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return n;
}

/* Whether the guest's interests as stored include program code (or, with
 * code NULL, kind key). */
static bool has_interest(Fixture *f, const char *guest_id, const char *code, const char *key)
{
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, guest_id, &codes, &nc, &keys, &nk), STORE_OK);
    bool found = false;
    for (size_t i = 0; code && i < nc; i++)
        found = found || !strcmp(codes[i], code);
    for (size_t i = 0; !code && i < nk; i++)
        found = found || !strcmp(keys[i], key);
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    return found;
}

/* The registration checked in before and picked then (Health Science,
 * sponsorship, the consent): the walk-in's picks (Welding, mentoring, no
 * consent) join them. Interests gets all of them ticked, the store keeps
 * them all, and only what the guest unticks after is retracted. No badge:
 * hers printed before. */
static void test_walk_in_fix_already_keeps_picks(void **state)
{
    Fixture *f = *state;
    size_t sponsor = kind_at("sponsorship"), mentor = kind_at("mentoring");
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    bool before[2] = {false, true}, before_kinds[PARTNERSHIP_KIND_COUNT] = {0};
    before_kinds[sponsor] = true;
    assert_int_equal(visit_save_interests(f->v, before, before_kinds, true), 0);
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &ana), STORE_OK);

    f->now += 600000;
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    bool picked[2] = {true, false}, kinds[PARTNERSHIP_KIND_COUNT] = {0};
    kinds[mentor] = true;
    assert_int_equal(visit_fix_move(f->v, &e, picked, kinds, false), VISIT_ALREADY);

    /* What Interests shows now: both visits' picks, and her consent. */
    assert_true(picked[0]);
    assert_true(picked[1]);
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        assert_int_equal(kinds[i], i == sponsor || i == mentor);
    assert_true(visit_guest(f->v)->consent);
    assert_true(visit_badge_earlier(f->v));
    /* Stored so at once, nothing retracted. */
    assert_true(has_interest(f, ana.id, "WELD", NULL));
    assert_true(has_interest(f, ana.id, "HLTH", NULL));
    assert_true(has_interest(f, ana.id, NULL, "sponsorship"));
    assert_true(has_interest(f, ana.id, NULL, "mentoring"));
    assert_int_equal(retracted(f, ana.id), 0);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_get(f->store, ana.id, &g), STORE_OK);
    assert_true(g.consent);
    guest_clear(&g);

    /* Continue with all of them ticked: all kept. */
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    assert_int_equal(retracted(f, ana.id), 0);
    assert_true(has_interest(f, ana.id, "HLTH", NULL));
    assert_true(has_interest(f, ana.id, NULL, "sponsorship"));
    /* Unticked on the screen, and only that, is retracted. */
    picked[1] = false;
    assert_int_equal(visit_save_interests(f->v, picked, kinds, true), 0);
    assert_int_equal(retracted(f, ana.id), 1);
    assert_false(has_interest(f, ana.id, "HLTH", NULL));
    assert_true(has_interest(f, ana.id, "WELD", NULL));
    assert_true(has_interest(f, ana.id, NULL, "sponsorship"));
    visit_end(f->v);
    assert_int_equal(f->prints, 1);
    assert_false(visit_badge_earlier(f->v));
    guest_clear(&ana);
}

/* Ana checked in before with her consent given or not (earlier), then
 * walks in, ticks it or not (walk_in) and says she is the registration:
 * her consent as Interests shows it, checked to be what the store has. */
static bool consent_after_move(Fixture *f, bool earlier, bool walk_in)
{
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    bool picked[2] = {false, false}, kinds[PARTNERSHIP_KIND_COUNT] = {0};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, earlier), 0);
    visit_end(f->v);
    f->now += 600000;
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    assert_int_equal(visit_fix_move(f->v, &e, picked, kinds, walk_in), VISIT_ALREADY);
    bool shown = visit_guest(f->v)->consent;
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "A-100", &g), STORE_OK);
    assert_int_equal(g.consent, shown);
    guest_clear(&g);
    return shown;
}

/* Consent after the move is given only where a visit gave it: neither the
 * registration's earlier visit nor the walk-in ticked it, and it stays
 * unticked. */
static void test_walk_in_fix_already_no_consent(void **state)
{
    assert_false(consent_after_move(*state, false, false));
}

/* The walk-in's own tick gives it, as the earlier visit's did. */
static void test_walk_in_fix_already_consent(void **state)
{
    assert_true(consent_after_move(*state, false, true));
}

/* "Yes, that's me" after correcting their own details: the check-in is
 * theirs, and Interests does not offer "Not me" (offered, it took back the
 * registration's check-in, the walk-in's being undone by the move and their
 * record folded away: a guest told twice they were in, with neither). A
 * visit_not_me anyway (a stale press) ends the visit and undoes nothing. */
static void test_walk_in_fix_move_kept(void **state)
{
    Fixture *f = *state;
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    assert_int_equal(checked_in(f), 1);
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    bool picked[2] = {false, false}, kinds[PARTNERSHIP_KIND_COUNT] = {0};
    assert_int_equal(visit_fix_move(f->v, &e, picked, kinds, false), VISIT_CHECKED_IN);
    assert_false(visit_not_me_offered(f->v));
    assert_false(visit_fix_offered(f->v));
    assert_int_equal(visit_not_me(f->v), 0);
    assert_null(visit_guest(f->v));
    assert_int_equal(checked_in(f), 1);
}

/* "No, I'm someone else": the correction is saved as the walk-in's own, and
 * they are not asked about the same registration again on this visit. */
static void test_walk_in_fix_not_registration(void **state)
{
    Fixture *f = *state;
    size_t before = guests(f);
    char walkin[ID_LEN + 1], code[64];
    VisitGuestEdit e;
    walk_in_anna(f, walkin, code, &e);
    assert_int_equal(visit_fix_details(f->v, &e), 1);
    assert_int_equal(visit_fix_details_anyway(f->v, &e), 0);
    assert_null(visit_walkin_match(f->v));
    assert_string_equal(visit_guest(f->v)->id, walkin);
    assert_string_equal(visit_guest(f->v)->greet, "Ana");
    assert_true(visit_fix_offered(f->v));
    char *detail = audit_detail(f, "walk-in edit");
    assert_non_null(detail);
    assert_non_null(strstr(detail, "first: \"Anna\" -> \"Ana\""));
    free(detail);
    assert_null(audit_detail(f, "walk-in to registration"));
    assert_int_equal(guests(f), before + 1);
    assert_int_equal(checked_in(f), 1);
    /* Another correction: saved at once, the question not asked twice. */
    e.field[VISIT_PHONE] = "555 010 0199";
    assert_int_equal(visit_fix_details(f->v, &e), 0);
    assert_null(visit_walkin_match(f->v));
    visit_end(f->v);

    /* Said "No" on the walk-in form already: a correction does not ask again. */
    VisitWalkin w;
    memset(&w, 0, sizeof w);
    w.field[VISIT_FIRST] = "Bo";
    w.field[VISIT_LAST] = "Lee";
    w.field[VISIT_COMPANY] = "Lee Plumbing";
    assert_int_equal(visit_walk_in(f->v, &w), VISIT_MAYBE_GUEST);
    assert_int_equal(visit_walk_in_anyway(f->v, &w), VISIT_CHECKED_IN);
    memset(&e, 0, sizeof e);
    e.field[VISIT_TITLE] = "Owner";
    assert_int_equal(visit_fix_details(f->v, &e), 0);
    assert_int_equal(guests(f), before + 2);
}

/* Staff check a guest in from their page: audited as staff's, the badge
 * asked for, the kiosk's own visit untouched; again, already. */
static void test_staff_check_in(void **state)
{
    Fixture *f = *state;
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "B-200", &g), STORE_OK);
    assert_int_equal(visit_staff_check_in(f->v, g.id), VISIT_CHECKED_IN);
    assert_null(visit_guest(f->v));
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->printed, g.id);
    assert_int_equal(checked_in(f), 1);
    char *detail = audit_detail(f, "staff check-in");
    assert_non_null(detail);
    free(detail);
    assert_int_equal(visit_staff_check_in(f->v, g.id), VISIT_ALREADY);
    assert_int_equal(f->prints, 1);
    assert_int_equal(visit_staff_check_in(f->v, "0123456789abcdef0123456789abcdef"), VISIT_UNKNOWN);
    guest_clear(&g);
}

/* Staff find a guest by three or more characters from anywhere in a code,
 * in any case; two characters are only a name search. */
static void test_lookup_code_part(void **state)
{
    Fixture *f = *state;
    add_guest(f, "XA1B-77", "Cy", "Ng", "Ng Tools", "");
    add_guest(f, "zz-a1b9", "Dee", "Ox", "", "");
    visit_destroy(f->v);
    start(f);
    GuestRecord rec[VISIT_LOOKUP_MAX];
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&rec[i]);
    size_t n = 0;
    bool more = true;
    assert_int_equal(visit_lookup(f->v, "a1b", rec, &n, &more), 0);
    assert_int_equal(n, 2);
    assert_false(more);
    assert_string_equal(rec[0].g.first, "Cy");
    assert_string_equal(rec[1].g.first, "Dee");
    assert_int_equal(visit_lookup(f->v, "-20", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rec[0].g.first, "Bo");
    /* The whole code: that guest once. */
    assert_int_equal(visit_lookup(f->v, "XA1B-77", rec, &n, &more), 0);
    assert_int_equal(n, 1);
    assert_int_equal(visit_lookup(f->v, "a1", rec, &n, &more), 0);
    assert_int_equal(n, 0);
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&rec[i]);
}

/* Staff lookup says "more" only when more guests match than it shows: eight
 * matches fit, a ninth does not. */
static void test_lookup_more(void **state)
{
    Fixture *f = *state;
    const char *first[] = {"Ada", "Ben", "Cal", "Dot", "Eve", "Fay", "Gus", "Hal", "Ivy"};
    for (size_t i = 0; i < 8; i++) {
        char code[8];
        snprintf(code, sizeof code, "M-%zu", i);
        add_guest(f, code, first[i], "Moss", "Moss Farms", "");
    }
    visit_destroy(f->v);
    start(f);
    GuestRecord rec[VISIT_LOOKUP_MAX];
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&rec[i]);
    size_t n = 0;
    bool more = true;
    assert_int_equal(visit_lookup(f->v, "moss", rec, &n, &more), 0);
    assert_int_equal(n, 8);
    assert_false(more);
    for (size_t i = 0; i < n; i++)
        visit_record_clear(&rec[i]);

    add_guest(f, "M-8", first[8], "Moss", "Moss Farms", "");
    visit_destroy(f->v);
    start(f);
    assert_int_equal(visit_lookup(f->v, "moss", rec, &n, &more), 0);
    assert_int_equal(n, 8);
    assert_true(more);
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&rec[i]);
}

static void test_dashboard(void **state)
{
    Fixture *f = *state;
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    bool picked[2] = {false, true}, kinds[16] = {false};
    assert_int_equal(visit_save_interests(f->v, picked, kinds, false), 0);
    visit_end(f->v);
    f->now += 40 * 60000; /* Bo 40 minutes later */
    assert_int_equal(visit_check_in_code(f->v, "B-200"), VISIT_CHECKED_IN);
    visit_end(f->v);
    Dashboard *d = malloc(sizeof *d);
    assert_non_null(d);
    visit_dashboard(f->v, d);
    assert_true(d->stats_ok);
    assert_int_equal(d->stats.checked_in, 2);
    assert_int_equal(d->stats.expected, 2);
    assert_false(d->have_printer); /* the fake printer has no status */
    assert_false(d->have_sync);
    assert_true(d->charts_ok);
    assert_int_equal(d->nbuckets, VISIT_MIN_BUCKETS);
    size_t total = 0;
    for (size_t i = 0; i < d->nbuckets; i++)
        total += d->arrivals[i];
    assert_int_equal(total, 2);
    assert_int_equal(d->arrivals[d->nbuckets - 1], 1); /* Bo, just now */
    assert_int_equal(d->nprog, 2);
    assert_string_equal(d->prog[0].code, "HLTH"); /* the most wanted first */
    assert_int_equal(d->prog[0].n, 1);
    assert_int_equal(d->prog[1].n, 0);
    free(d);
}

static void test_export_usb(void **state)
{
    Fixture *f = *state;
    char out[1024];
    assert_int_equal(visit_export_usb(f->v, out, sizeof out), VISIT_EXPORT_NO_USB);
    char *usb = tu_path(f->dir, "stick");
    assert_int_equal(mkdir(usb, 0700), 0);
    visit_destroy(f->v);
    f->env.media = (MediaPort){stick, usb};
    start(f);
    assert_int_equal(visit_check_in_code(f->v, "A-100"), VISIT_CHECKED_IN);
    assert_int_equal(visit_export_usb(f->v, out, sizeof out), VISIT_EXPORT_DONE);
    assert_int_equal(strncmp(out, usb, strlen(usb)), 0);
    const char *names[] = {"attendance.csv", "followup.csv", "lanyard-door-1.db"};
    for (size_t i = 0; i < 3; i++) {
        char *p = tu_path(out, names[i]);
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        free(p);
    }
    char *att = tu_path(out, "attendance.csv");
    char *text = tu_read(att, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "García"));
    free(text);
    free(att);
    free(usb);
}

/* ---- the event folder's CSVs ---- */

/* Writes the event folder's file name, imports the folder, and starts the
 * visit again, as a kiosk does on its next start. */
static void import_and_restart(Fixture *f, const char *name, const char *text)
{
    char *csv = tu_path(f->dir, name);
    tu_write(csv, text, (size_t)-1);
    free(csv);
    visit_import_event(f->store, f->dir, T0);
    visit_destroy(f->v);
    start(f);
}

static void test_import_event(void **state)
{
    Fixture *f = *state;
    char *csv = tu_path(f->dir, "guests.csv");
    tu_write(csv, "First Name,Last Name,Company,Attendee #\nCy,Ng,Ng Tools,C-300\n", (size_t)-1);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 3);
    /* Unchanged: nothing new. */
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 3);
    /* A broken file changes nothing, and staff see why. */
    tu_write(csv, "First Name,Last Name\n\"Dee,Ng\nEd,Ox\n", (size_t)-1);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 3);
    Dashboard *d = malloc(sizeof *d);
    assert_non_null(d);
    visit_dashboard(f->v, d);
    assert_non_null(strstr(d->import_err[1], "guests.csv"));
    /* Mended: imported, and the error is gone. */
    tu_write(csv, "First Name,Last Name\nDee,Ng\n", (size_t)-1);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 4);
    visit_dashboard(f->v, d);
    assert_string_equal(d->import_err[1], "");
    free(d);
    free(csv);
}

/* What is kept of an imported file is its size, mtime and the 64-bit FNV-1a of
 * its bytes (core/text's text_hash64, the hash every build has written). A
 * file touched since but with the same bytes is not imported again; one whose
 * kept hash differs is imported once more, keeping its guests and check-ins. */
static void test_import_fingerprint(void **state)
{
    Fixture *f = *state;
    char *csv = tu_path(f->dir, "guests.csv");
    const char *text = "First Name,Last Name,Company,Attendee #\nCy,Ng,Ng Tools,C-300\n";
    tu_write(csv, text, (size_t)-1);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 3);
    char key[64];
    snprintf(key, sizeof key, KEY_IMPORT_FINGERPRINT_FMT, "guests.csv");
    char *fp = NULL;
    assert_int_equal(store_setting_get(f->store, key, &fp), STORE_OK);
    assert_non_null(fp);
    long long size = -1, mtime = 0;
    unsigned long long hash = 0;
    assert_int_equal(sscanf(fp, "size=%lld mtime_ns=%lld fnv1a64=%llx", &size, &mtime, &hash), 3);
    assert_int_equal(size, strlen(text));
    assert_true(hash == text_hash64(text, strlen(text)));
    char *imported = fp;

    /* Touched, same bytes: the fingerprint kept says so and stays. */
    char kept[128];
    snprintf(kept, sizeof kept, "size=%lld mtime_ns=1 fnv1a64=%016llx", size, hash);
    assert_int_equal(store_setting_set(f->store, key, kept), STORE_OK);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(store_setting_get(f->store, key, &fp), STORE_OK);
    assert_string_equal(fp, kept);
    free(fp);

    /* Cy checks in; then a kept hash that differs: imported again, and Cy is
     * still one guest, still checked in. */
    visit_destroy(f->v);
    start(f);
    assert_int_equal(visit_check_in_code(f->v, "C-300"), VISIT_CHECKED_IN);
    snprintf(kept, sizeof kept, "size=%lld mtime_ns=%lld fnv1a64=%016llx", size, mtime, hash ^ 1);
    assert_int_equal(store_setting_set(f->store, key, kept), STORE_OK);
    visit_import_event(f->store, f->dir, T0);
    assert_int_equal(guests(f), 3);
    assert_int_equal(checked_in(f), 1);
    assert_int_equal(store_setting_get(f->store, key, &fp), STORE_OK);
    assert_string_equal(fp, imported);
    visit_destroy(f->v);
    start(f);
    assert_int_equal(visit_check_in_code(f->v, "C-300"), VISIT_ALREADY);
    free(fp);
    free(imported);
    free(csv);
}

/* An Eventbrite list: the ticket's barcode, as scanned, checks its guest in;
 * so does the Attendee #. */
static void test_scan_eventbrite_ticket(void **state)
{
    Fixture *f = *state;
    import_and_restart(f, "guests.csv",
                       "Order #,First Name,Last Name,Attendee #,Barcode #\n"
                       "7001,Cy,Ng,3001,\n"
                       "7002,Dee,Ox,3002,66120044\n");
    assert_int_equal(visit_check_in_code(f->v, "70013001001"), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->greet, "Cy");
    assert_int_equal(visit_check_in_code(f->v, "66120044"), VISIT_CHECKED_IN);
    assert_string_equal(visit_guest(f->v)->greet, "Dee");
    assert_int_equal(visit_check_in_code(f->v, "3002"), VISIT_ALREADY);
    assert_int_equal(visit_check_in_code(f->v, "70023002001"), VISIT_UNKNOWN);
}

/* programs.csv with Spanish columns: the screens read each program's text in
 * the guest's language, the plain column where there is no translation. */
static void test_program_text_in_language(void **state)
{
    Fixture *f = *state;
    import_and_restart(f, "programs.csv",
                       "code,name,name_es,description,description_es,partner_needs,"
                       "partner_needs_es\n"
                       "WELD,Welding,Soldadura,Arc and flame.,Arco y llama.,Mentors,Mentores\n"
                       "HLTH,Health Science,,Care.,,,\n");
    assert_int_equal(visit_programs(f->v)->count, 2);
    assert_string_equal(visit_program_text(f->v, 0, PROGRAM_NAME, "es"), "Soldadura");
    assert_string_equal(visit_program_text(f->v, 0, PROGRAM_DESCRIPTION, "es"), "Arco y llama.");
    assert_string_equal(visit_program_text(f->v, 0, PROGRAM_PARTNER_NEEDS, "es"), "Mentores");
    assert_string_equal(visit_program_text(f->v, 0, PROGRAM_NAME, "en"), "Welding");
    assert_string_equal(visit_program_text(f->v, 0, PROGRAM_NAME, NULL), "Welding");
    assert_string_equal(visit_program_text(f->v, 1, PROGRAM_NAME, "es"), "Health Science");
    assert_string_equal(visit_program_text(f->v, 1, PROGRAM_DESCRIPTION, "es"), "Care.");
    assert_string_equal(visit_program_text(f->v, 2, PROGRAM_NAME, "es"), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_check_in_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_in_badge_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_badge_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_badge_where, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_guest_and_interest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_maybe_guest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_again_keeps_stored, setup, teardown),
        cmocka_unit_test(test_lockout_schedule),
        cmocka_unit_test_setup_teardown(test_pin_lockout_survives_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_without_pin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_undo_reprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_retracts_visit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_interests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guest_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_is_registration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_registration_already, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_already_keeps_picks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_already_no_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_already_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_not_registration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_in_fix_move_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_check_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_code_part, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_more, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dashboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_usb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_fingerprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_eventbrite_ticket, setup, teardown),
        cmocka_unit_test_setup_teardown(test_program_text_in_language, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
