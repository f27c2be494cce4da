/* test_ui_taps.c — a double tap on a button that changes the screen presses
 * nothing on the next one, and one on a check box ticks it once. Older guests and shaky hands often
 * tap twice; the second tap, meant for the same button, landed on whatever the new screen had
 * there: a letter typed into Find me, a partnership ticked on Interests that the guest never read,
 * the next guest's Explore programs. A letter typed twice on the on-screen keyboard is still two
 * letters, and a tap on the same spot a moment later counts. Driven in process (ui_driver.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/event_config.h"
#include "store/store.h"
#include "ui/ui.h"
#include "ui_driver.h"

typedef UidFixture Fixture;

static int setup(void **state)
{
    *state = uid_fixture_new();
    return 0;
}

static int teardown(void **state)
{
    uid_fixture_free(*state);
    return 0;
}

/* What a guest can see of a view: each widget's kind, ticks and text. */
static char *snapshot(const Uid *d)
{
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_non_null(m);
    const UiView *v = uid_view(d);
    fprintf(m, "%s\n", uid_screen(d));
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        const char *t = ui_view_text(v, w->text);
        fprintf(m, "%u %d %u %s\n", w->id, (int)w->kind, w->flags, t ? t : "");
    }
    fclose(m);
    return out;
}

/* The middle of the widget labelled label. */
static void centre_of(const Uid *d, const char *label, int *x, int *y)
{
    const UiWidget *w = ui_view_find_label(uid_view(d), label);
    if (!w)
        fail_msg("no widget '%s' on %s", label, uid_screen(d));
    *x = w->clip.x + w->clip.w / 2;
    *y = w->clip.y + w->clip.h / 2;
}

/* Taps label twice, gap_ms between the release and the second press, as a
 * finger does: the first tap must show screen, and the second must leave it
 * exactly as the first left it, though there is something to press there. */
static void double_tap_at(Uid *d, const char *label, int x, int y, int gap_ms, const char *screen)
{
    uid_down(d, x, y);
    uid_wait(d, 60);
    uid_up(d, x, y);
    uid_wait(d, gap_ms);
    assert_string_equal(uid_screen(d), screen);
    if (!ui_view_hit(uid_view(d), x, y))
        fail_msg("nothing under '%s' (%d,%d) on %s at %dx%d: the second tap would prove nothing",
                 label, x, y, screen, uid_view(d)->w, uid_view(d)->h);
    char *before = snapshot(d);
    uid_down(d, x, y);
    uid_wait(d, 60);
    uid_up(d, x, y);
    uid_wait(d, 16);
    char *after = snapshot(d);
    if (strcmp(before, after) != 0)
        fail_msg("the second tap on '%s' pressed something on %s:\n--- before\n%s--- after\n%s",
                 label, screen, before, after);
    free(before);
    free(after);
}

static void double_tap(Uid *d, const char *label, int gap_ms, const char *screen)
{
    int x, y;
    centre_of(d, label, &x, &y);
    double_tap_at(d, label, x, y, gap_ms, screen);
}

static void test_double_tap_check_in(void **state)
{
    Fixture *f = *state;
    static const int GAPS[] = {50, 150, 250, 400};
    for (size_t i = 0; i < sizeof GAPS / sizeof GAPS[0]; i++) {
        double_tap(f->d, "Check in", GAPS[i], "find");
        uid_press(f->d, "Back");
        assert_string_equal(uid_screen(f->d), "welcome");
    }
}

static void test_double_tap_new_here(void **state)
{
    Fixture *f = *state;
    double_tap(f->d, "I'm new here", 150, "walkin");
}

static void test_double_tap_yes_check_me_in(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "Ana", 80);
    uid_press(f->d, "Ana G. — Acme Welding");
    assert_string_equal(uid_screen(f->d), "confirm");
    double_tap(f->d, "Yes, check me in", 150, "interests");
    uid_press(f->d, "Continue");
    /* Nothing was picked for her. */
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "2713624642", &g), STORE_OK);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(f->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 0);
    assert_int_equal(nk, 0);
    assert_false(g.consent);
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
}

/* A shaky hand's second touch on a check box does not untick what it just
 * ticked, at any gap a double tap has; a tap on it a moment later does, and
 * quick taps on two different boxes tick both. */
static void test_double_tap_check_box(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "Ana", 80);
    uid_press(f->d, "Ana G. — Acme Welding");
    uid_press(f->d, "Yes, check me in");
    assert_string_equal(uid_screen(f->d), "interests");
    static const int GAPS[] = {50, 150, 250, 400};
    for (size_t i = 0; i < sizeof GAPS / sizeof GAPS[0]; i++) {
        bool was = uid_ticked(f->d, "Host interns");
        double_tap(f->d, "Host interns", GAPS[i], "interests");
        assert_true(uid_ticked(f->d, "Host interns") != was);
        uid_wait(f->d, 600);
    }
    uid_press(f->d, "Host interns"); /* a moment later: the guest means it */
    assert_true(uid_ticked(f->d, "Host interns"));

    /* A shaky hand's touches far apart on one wide box, and three in a
     * row, tick or untick it once. */
    const UiWidget *box = ui_view_find_label(uid_view(f->d), "Host interns");
    assert_non_null(box);
    UiRect r = box->clip;
    const int XS[] = {r.x + 4, r.x + r.w - 4, r.x + r.w / 2};
    for (int n = 2; n <= 3; n++) {
        uid_wait(f->d, 600);
        bool was = uid_ticked(f->d, "Host interns");
        for (int i = 0; i < n; i++) {
            uid_down(f->d, XS[i], r.y + r.h / 2);
            uid_wait(f->d, 50);
            uid_up(f->d, XS[i], r.y + r.h / 2);
            uid_wait(f->d, 150);
        }
        assert_true(uid_ticked(f->d, "Host interns") != was);
    }

    int x, y, mx, my;
    centre_of(f->d, "Mentoring", &x, &y);
    centre_of(f->d, "Job shadowing", &mx, &my);
    uid_wait(f->d, 600);
    bool mentoring = uid_ticked(f->d, "Mentoring"), speaker = uid_ticked(f->d, "Job shadowing");
    uid_down(f->d, x, y);
    uid_wait(f->d, 50);
    uid_up(f->d, x, y);
    uid_wait(f->d, 150);
    uid_down(f->d, mx, my);
    uid_wait(f->d, 50);
    uid_up(f->d, mx, my);
    uid_wait(f->d, 16);
    assert_true(uid_ticked(f->d, "Mentoring") != mentoring);
    assert_true(uid_ticked(f->d, "Job shadowing") != speaker);
}

/* A double tap on a tap that showed or hid the on-screen keyboard: Hide
 * (a tester's second tap ticked the consent box that came under it, consent
 * the guest never gave) and a form's field while the keyboard is hidden
 * (the second tap typed the key that came under it). At both upright and
 * landscape sizes. */
static void test_double_tap_keyboard(void **state)
{
    Fixture *f = *state;
    static const int AT[][2] = {{800, 480}, {480, 800}};
    for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
        uid_resize(f->d, AT[s][0], AT[s][1]);
        uid_press(f->d, "I'm new here");
        uid_type(f->d, "Sam", 80);
        double_tap(f->d, "Hide", 150, "walkin");
        assert_false(uid_ticked(f->d, "You may contact me about partnering"));
        /* A spot of the field where a key comes when the keyboard shows. */
        const UiWidget *email = ui_view_find_label(uid_view(f->d), "Email");
        assert_non_null(email);
        UiRect field = email->clip, spot = {0};
        uid_press(f->d, "Email");
        const UiView *v = uid_view(f->d);
        for (size_t i = 0; i < v->nwidgets && !spot.w; i++)
            if (v->widgets[i].kind == UI_W_KEY)
                spot = ui_rect_intersect(field, v->widgets[i].clip);
        assert_true(spot.w > 0 && spot.h > 0);
        uid_press(f->d, "Hide");
        uid_wait(f->d, 600);
        double_tap_at(f->d, "Email", spot.x + spot.w / 2, spot.y + spot.h / 2, 150, "walkin");
        assert_true(uid_visible(f->d, "Hide")); /* the keyboard came */
        uid_press(f->d, "Back");
        uid_wait(f->d, 600);
    }
}

/* The same key twice is two letters, however quick; and a tap on the spot
 * of the button that changed the screen counts once the moment has passed. */
static void test_taps_that_count(void **state)
{
    Fixture *f = *state;
    int x, y;
    centre_of(f->d, "Check in", &x, &y);
    uid_tap(f->d, x, y);
    assert_string_equal(uid_screen(f->d), "find");
    char *before = snapshot(f->d);
    uid_wait(f->d, 600);
    uid_down(f->d, x, y);
    uid_wait(f->d, 60);
    uid_up(f->d, x, y);
    uid_wait(f->d, 16);
    char *after = snapshot(f->d);
    assert_string_not_equal(before, after); /* it pressed what is there now */
    free(before);
    free(after);

    uid_press(f->d, "Back");
    uid_press(f->d, "Check in");
    int lx, ly;
    centre_of(f->d, "l", &lx, &ly);
    for (int i = 0; i < 2; i++) {
        uid_down(f->d, lx, ly);
        uid_wait(f->d, 50);
        uid_up(f->d, lx, ly);
        uid_wait(f->d, 100);
    }
    uid_expect(f->d, "ll");
}

/* Quick typing on one screen is never taken for double taps: neighbouring
 * keys on two rows, 200 ms apart, each type their letter at every size. */
static void test_typing_neighbours(void **state)
{
    Fixture *f = *state;
    static const int AT[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
    static const char *const KEYS[] = {"e", "d", "r", "t", "g", "y", "h", "u", "j"};
    for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
        uid_resize(f->d, AT[s][0], AT[s][1]);
        uid_press(f->d, "Check in");
        for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
            int x, y;
            centre_of(f->d, KEYS[i], &x, &y);
            uid_down(f->d, x + 3, y + 3); /* a finger is never on the centre */
            uid_wait(f->d, 50);
            uid_up(f->d, x + 3, y + 3);
            uid_wait(f->d, 200);
        }
        uid_expect(f->d, "edrtgyhuj");
        uid_press(f->d, "Back");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_double_tap_check_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_tap_new_here, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_tap_yes_check_me_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_tap_check_box, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_tap_keyboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_taps_that_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typing_neighbours, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
