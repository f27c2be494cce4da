/* test_ui_walkin_fix.c — a walk-in who sees a typo in their name on
 * Interests goes back to their form with "Fix my details", corrects it and
 * comes back to their picks as they left them; the database has one guest
 * with the corrected name, one check-in, and the badge printed after
 * Continue carries it. A bad field is marked on the form, Cancel changes
 * nothing, and a guest who walks away from the form gets the badge they are
 * owed, as from Interests. Driven in process (ui_driver.h), the badge read
 * from the database as the print queue reads it when the kiosk asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "badge/badge_data.h"
#include "core/export.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/kiosk_focus.h"
#include "ui/ui.h"
#include "ui_driver.h"

typedef struct Fixture {
    UidFixture *u;
    Uid *d;
    int prints;
    /* the badge of the last print, as the queue would render it */
    char first[128], last[128], url[512];
    char said[4096]; /* what spoken guidance said, one sentence a line */
} Fixture;

static void say(void *ud, const char *lang, const char *text)
{
    (void)lang;
    Fixture *f = ud;
    size_t n = strlen(f->said);
    snprintf(f->said + n, sizeof f->said - n, "%s\n", text);
}

static int print_badge(void *ud, const char *guest_id)
{
    Fixture *f = ud;
    BadgeData b;
    char err[256];
    if (badge_data_load(f->u->store, &f->u->cfg, guest_id, &b, err, sizeof err) != 0)
        fail_msg("badge of %s: %s", guest_id, err);
    snprintf(f->first, sizeof f->first, "%s", b.content.first);
    snprintf(f->last, sizeof f->last, "%s", b.content.last);
    snprintf(f->url, sizeof f->url, "%s", b.content.url);
    badge_data_free(&b);
    f->prints++;
    return 0;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->u = uid_fixture_new();
    /* The fixture's kiosk again, with a printer. */
    uid_destroy(f->u->d);
    f->u->d = uid_kiosk_create(&(UidSetup){.store = f->u->store,
                                           .cfg = &f->u->cfg,
                                           .printer = {.print = print_badge, .ud = f},
                                           .speech = {.say = say, .ud = f}});
    f->d = f->u->d;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    uid_fixture_free(f->u);
    free(f);
    return 0;
}

static size_t guest_count(Fixture *f)
{
    StoreStats st;
    assert_int_equal(store_stats(f->u->store, &st), STORE_OK);
    return st.guests;
}

typedef struct WalkIns {
    size_t n;
    Guest *last; /* gets the last one found */
} WalkIns;

static int each_walk_in(const Guest *g, void *ud)
{
    WalkIns *w = ud;
    if (g->walk_in) {
        w->n++;
        guest_clear(w->last);
        assert_int_equal(guest_copy(w->last, g), 0);
    }
    return 0;
}

/* How many walk-ins the database has (the test event has none of its own);
 * g (initialised) gets one of them. */
static size_t walk_ins(Fixture *f, Guest *g)
{
    WalkIns w = {0, g};
    assert_int_equal(store_each_guest(f->u->store, each_walk_in, &w), STORE_OK);
    return w.n;
}

/* A walk-in types first, last and company: on Interests, Welding and
 * Mentoring picked and the consent ticked there. */
static void walk_in_and_pick(Fixture *f, const char *first, const char *last, const char *company)
{
    Uid *d = f->d;
    uid_press(d, "I'm new here");
    uid_type(d, first, 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, last, 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, company, 100);
    uid_press(d, "Next");
    assert_string_equal(uid_screen(d), "interests");
    char hi[128];
    snprintf(hi, sizeof hi, "Hi %s! What interests you?", first);
    uid_expect(d, hi);
    assert_false(uid_visible(d, "Not you?")); /* that undoes a registration's check-in */
    uid_press(d, "Welding Technology");
    uid_press(d, "Mentoring");
    uid_press(d, "You may contact me about partnering");
}

/* Zoe Quistt of Quist Robotics walks in. */
static void walk_in_with_typo(Fixture *f)
{
    walk_in_and_pick(f, "Zoe", "Quistt", "Quist Robotics");
}

static void expect_picks_kept(Fixture *f)
{
    assert_true(uid_ticked(f->d, "Welding Technology"));
    assert_true(uid_ticked(f->d, "Mentoring"));
    assert_true(uid_ticked(f->d, "You may contact me about partnering"));
    assert_false(uid_ticked(f->d, "Health Science"));
    assert_false(uid_ticked(f->d, "Host interns"));
}

static void test_fix_typo(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    size_t before = guest_count(f);
    walk_in_with_typo(f);

    /* The form, filled with what they typed; the first name focused. */
    uid_press(d, "Fix my details");
    assert_string_equal(uid_screen(d), "walkin_fix");
    uid_expect(d, "Zoe");
    uid_expect(d, "Quistt");
    uid_expect(d, "Quist Robotics");
    assert_true(uid_ticked(d, "You may contact me about partnering")); /* as on Interests */

    /* An emptied last name is marked on the field, as for a new walk-in. */
    uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "ë", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    for (int i = 0; i < 6; i++)
        uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_press(d, "Save");
    assert_string_equal(uid_screen(d), "walkin_fix");
    uid_expect(d, "Please enter your last name");
    Guest g;
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 1);
    assert_string_equal(g.first, "Zoe"); /* nothing written */
    assert_string_equal(g.last, "Quistt");

    /* Corrected and saved: back on Interests under the right name, with
     * what was picked there still ticked. */
    uid_type(d, "Quist", 100);
    uid_press(d, "Save");
    assert_string_equal(uid_screen(d), "interests");
    uid_expect(d, "Hi Zoë! What interests you?");
    expect_picks_kept(f);
    assert_int_equal(f->prints, 0); /* not before Continue */

    /* Cancel leaves everything as it was. */
    uid_press(d, "Fix my details");
    uid_expect(d, "Zoë");
    uid_expect(d, "Quist");
    uid_type(d, "xyz", 100);
    uid_press(d, "You may contact me about partnering");
    uid_press(d, "Cancel");
    assert_string_equal(uid_screen(d), "interests");
    uid_expect(d, "Hi Zoë! What interests you?");
    expect_picks_kept(f);

    uid_press(d, "Continue");
    assert_string_equal(uid_screen(d), "done");
    uid_expect(d, "Welcome, Zoë!");

    /* One guest, corrected, checked in once, with the picks made before the
     * correction; the badge printed says the corrected name. */
    assert_int_equal(guest_count(f), before + 1);
    guest_clear(&g);
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 1);
    assert_string_equal(g.first, "Zoë");
    assert_string_equal(g.last, "Quist");
    assert_string_equal(g.company, "Quist Robotics");
    assert_true(g.consent);
    StoreStats st;
    assert_int_equal(store_stats(f->u->store, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    assert_int_equal(st.walk_ins, 1);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(f->u->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(programs[0], "WELD");
    assert_int_equal(nk, 1);
    assert_string_equal(kinds[0], "mentoring");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->first, "Zoë");
    assert_string_equal(f->last, "Quist");
    assert_non_null(strstr(f->url, "WELD"));
    guest_clear(&g);
}

/* Walked away from the form: "Still there?" says the corrections are not
 * saved yet, then back to Welcome as from Interests; the badge they are owed
 * prints with what was saved. */
static void test_fix_walked_away(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    walk_in_with_typo(f);
    uid_press(d, "Fix my details");
    uid_type(d, "x", 100);
    uid_wait(d, 21000);
    assert_string_equal(uid_screen(d), "walkin_fix");
    uid_expect(d, "Still there?");
    uid_expect(d, "Your corrections are saved when you tap Save.");
    uid_wait(d, 10000);
    assert_string_equal(uid_screen(d), "welcome");
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->first, "Zoe");
    Guest g;
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 1);
    assert_string_equal(g.first, "Zoe");
    guest_clear(&g);
    /* The next guest sees nothing of theirs. */
    uid_press(d, "I'm new here");
    assert_false(uid_visible(d, "Quist"));
}

/* Anna Garcia of Acme Welding walks in, picks Welding and Mentoring and
 * ticks the consent on Interests, then corrects her name to Ana García: the
 * registration of the test event. Save asks "Is this you?" as the walk-in
 * form does. */
static void correct_to_registration(Fixture *f)
{
    Uid *d = f->d;
    walk_in_and_pick(f, "Anna", "Garcia", "Acme Welding");
    uid_press(d, "Fix my details");
    for (int i = 0; i < 4; i++)
        uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "Ana", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    for (int i = 0; i < 6; i++)
        uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "García", 100);
    uid_press(d, "Save");
    assert_string_equal(uid_screen(d), "confirm");
    uid_expect(d, "Is this you?");
    uid_expect(d, "Ana G. — Acme Welding");
    uid_expect(d, "Yes, check me in");
    uid_expect(d, "No, I'm someone else");
}

/* Who attendance.csv lists: how many, and the last row's registration code. */
typedef struct Attendees {
    size_t n;
    char code[64];
} Attendees;

static int each_attendee(const AttendanceRow *r, void *ud)
{
    Attendees *a = ud;
    a->n++;
    snprintf(a->code, sizeof a->code, "%s", r->guest->code);
    return 0;
}

/* "Yes": back on Interests as the registration, the picks as they were; one
 * guest checked in once, and the one badge printed is hers. */
static void test_fix_is_registration(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    size_t before = guest_count(f);
    correct_to_registration(f);
    uid_press(d, "Yes, check me in");
    assert_string_equal(uid_screen(d), "interests");
    uid_expect(d, "Hi Ana! What interests you?");
    expect_picks_kept(f);
    assert_false(uid_visible(d, "Fix my details")); /* she did not type the registration */
    assert_int_equal(guest_count(f), before);
    Guest g;
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 0);
    guest_clear(&g);

    uid_press(d, "Continue");
    assert_string_equal(uid_screen(d), "done");
    uid_expect(d, "Welcome, Ana!");
    StoreStats st;
    assert_int_equal(store_stats(f->u->store, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    assert_int_equal(st.registered_in, 1);
    assert_int_equal(st.walk_ins, 0);
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->u->store, "2713624642", &ana), STORE_OK);
    assert_true(ana.consent);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(f->u->store, ana.id, &programs, &np, &kinds, &nk),
                     STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(programs[0], "WELD");
    assert_int_equal(nk, 1);
    assert_string_equal(kinds[0], "mentoring");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    assert_int_equal(f->prints, 1);
    assert_string_equal(f->first, "Ana");
    assert_string_equal(f->last, "García");
    assert_non_null(strstr(f->url, "WELD"));
    Attendees a = {0};
    assert_int_equal(store_each_attendance(f->u->store, each_attendee, &a), STORE_OK);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.code, ana.code);
    guest_clear(&ana);
    uid_wait(d, 20000);
    assert_int_equal(f->prints, 1);
}

/* The registration checked in earlier by her ticket, picking Culinary Arts
 * and Sponsorship then. "Yes" keeps those: Interests shows them ticked with
 * what the walk-in ticked, Continue saves all of them, and Done says her
 * badge was printed then (no second one prints). */
static void test_fix_is_registration_already(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    uid_scan(d, "2713624642");
    assert_string_equal(uid_screen(d), "interests");
    uid_press(d, "Culinary Arts");
    uid_press(d, "Sponsorship");
    uid_press(d, "Continue");
    assert_string_equal(uid_screen(d), "done");
    uid_press(d, "Done");
    assert_int_equal(f->prints, 1);

    correct_to_registration(f);
    uid_key(d, UI_KEY_F1, 0); /* guidance on: what Interests says next */
    uid_press(d, "Yes, check me in");
    assert_string_equal(uid_screen(d), "interests");
    uid_expect(d, "Hi Ana! What interests you?");
    /* Said as the button reads: nothing about printing. */
    assert_non_null(strstr(f->said, "then choose Continue."));
    assert_null(strstr(f->said, "print your badge"));
    assert_true(uid_ticked(d, "Culinary Arts"));
    assert_true(uid_ticked(d, "Sponsorship"));
    expect_picks_kept(f);
    /* Continue prints nothing: her badge printed with her first check-in. */
    assert_false(uid_visible(d, "and print my badge"));

    uid_press(d, "Continue");
    assert_string_equal(uid_screen(d), "done");
    uid_expect(d, "Welcome, Ana!");
    uid_expect(d, "Your badge was made when you first checked in.");
    uid_expect(d, "Don't have it?");
    uid_expect(d, "desk.");
    Guest ana;
    guest_init(&ana);
    assert_int_equal(store_guest_by_code(f->u->store, "2713624642", &ana), STORE_OK);
    assert_true(ana.consent);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(f->u->store, ana.id, &programs, &np, &kinds, &nk),
                     STORE_OK);
    /* Catalogue order and PARTNERSHIP_KINDS order. */
    assert_int_equal(np, 2);
    assert_string_equal(programs[0], "WELD");
    assert_string_equal(programs[1], "CULN");
    assert_int_equal(nk, 2);
    assert_string_equal(kinds[0], "mentoring");
    assert_string_equal(kinds[1], "sponsorship");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&ana);
    uid_wait(d, 20000);
    assert_int_equal(f->prints, 1);
}

/* "No": the correction saved as the walk-in's own, as before. */
static void test_fix_not_registration(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    size_t before = guest_count(f);
    correct_to_registration(f);
    uid_press(d, "No, I'm someone else");
    assert_string_equal(uid_screen(d), "interests");
    uid_expect(d, "Hi Ana! What interests you?");
    expect_picks_kept(f);
    assert_true(uid_visible(d, "Fix my details"));
    assert_int_equal(guest_count(f), before + 1);
    Guest g;
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 1);
    assert_string_equal(g.first, "Ana");
    assert_string_equal(g.last, "García");
    uid_press(d, "Continue");
    uid_expect(d, "Welcome, Ana!");
    assert_int_equal(f->prints, 1);
    StoreStats st;
    assert_int_equal(store_stats(f->u->store, &st), STORE_OK);
    assert_int_equal(st.checked_in, 1);
    assert_int_equal(st.walk_ins, 1);
    guest_clear(&g);
}

/* Escape or the keypad's 0 (Back by habit) on the question goes back to
 * the form with the correction as typed, deciding nothing (it answered
 * "No, I'm someone else": a second record of the registration); asked
 * again, the answer counts. And the same on the walk-in form's question. */
static void test_back_on_question(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    size_t before = guest_count(f);
    correct_to_registration(f);
    static const UiKey BACK[] = {UI_KEY_ESCAPE, UI_KEY_KP_0};
    for (size_t i = 0; i < 2; i++) {
        uid_key(d, BACK[i], 0);
        assert_string_equal(uid_screen(d), "walkin_fix");
        uid_expect(d, "García");
        const UiWidget *w = kiosk_focus_widget(uid_kiosk(d));
        assert_true(w && w->kind == UI_W_FIELD); /* typing goes somewhere */
        Guest g;
        guest_init(&g);
        assert_int_equal(walk_ins(f, &g), 1);
        assert_string_equal(g.first, "Anna"); /* nothing saved */
        guest_clear(&g);
        uid_press(d, "Save");
        assert_string_equal(uid_screen(d), "confirm");
    }
    uid_press(d, "Yes, check me in");
    assert_string_equal(uid_screen(d), "interests");
    assert_int_equal(guest_count(f), before);
    uid_press(d, "Continue");
    uid_wait(d, 30000);

    /* The walk-in form's own question. */
    uid_press(d, "I'm new here");
    uid_type(d, "Tomás", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Ruiz", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Acme Welding", 100);
    uid_press(d, "Next");
    assert_string_equal(uid_screen(d), "confirm");
    uid_key(d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(d), "walkin");
    uid_expect(d, "Ruiz");
    assert_int_equal(guest_count(f), before);
}

/* The next person's ticket scanned while the question is asked: the picks
 * are saved with the consent as the guest last left it, on the form (they
 * unticked it there), not as Interests had it. */
static void test_scan_on_question_consent(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    walk_in_and_pick(f, "Anna", "Garcia", "Acme Welding"); /* consent ticked */
    uid_press(d, "Fix my details");
    assert_true(uid_ticked(d, "You may contact me about partnering"));
    for (int i = 0; i < 4; i++)
        uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "Ana", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    for (int i = 0; i < 6; i++)
        uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "García", 100);
    uid_press(d, "You may contact me about partnering");
    assert_false(uid_ticked(d, "You may contact me about partnering"));
    uid_press(d, "Save");
    assert_string_equal(uid_screen(d), "confirm");
    uid_scan(d, "2713854927"); /* Tomás */
    assert_string_equal(uid_screen(d), "interests");
    Guest g;
    guest_init(&g);
    assert_int_equal(walk_ins(f, &g), 1);
    assert_false(g.consent);
    guest_clear(&g);
}

/* In Spanish, the same button in the same place, and the form's words. */
static void test_fix_spanish(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    uid_press(d, "Español");
    uid_press(d, "No me inscribí");
    uid_type(d, "Zoe", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Quistt", 100);
    uid_press(d, "Siguiente");
    uid_expect(d, "¡Hola, Zoe!");
    assert_false(uid_visible(d, "¿No es usted?"));
    uid_press(d, "Corregir mis datos");
    uid_press(d, "Ocultar"); /* the keyboard: the title shows */
    uid_expect(d, "Corrija sus datos");
    uid_press(d, "Guardar");
    assert_string_equal(uid_screen(d), "interests");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fix_typo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_walked_away, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_is_registration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_is_registration_already, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_not_registration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_on_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_on_question_consent, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
