/* test_ui_keys.c — the kiosk without its touchscreen (issue 11): a guest
 * checks in and a walk-in registers with the keyboard alone (Tab, arrows,
 * Enter, Space, Escape), and with a numeric keypad alone (8 2 4 6 move, 5
 * presses, 0 is Back), typing their name on the on-screen keyboard; checked
 * on the database. The focus is always shown by a ring of at least 3 px that
 * reads at 3:1 against the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/contrast.h"
#include "core/event_config.h"
#include "core/import.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/kiosk_focus.h"
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

/* ---- what holds the focus ---- */

static const char *focused(Uid *d)
{
    const UiWidget *w = kiosk_focus_widget(uid_kiosk(d));
    return w ? ui_view_text(uid_view(d), w->text) : "";
}

/* The ring round the focused control: a frame just outside it, at least
 * 3 px thick, at 3:1 or more against the page under it. */
static void expect_ring(Uid *d)
{
    const UiWidget *w = kiosk_focus_widget(uid_kiosk(d));
    assert_non_null(w);
    const UiView *v = uid_view(d);
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type != UI_CMD_FRAME || c->thick < 3 || c->r.x >= w->r.x || c->r.y >= w->r.y ||
            c->r.x + c->r.w <= w->r.x + w->r.w || c->r.y + c->r.h <= w->r.y + w->r.h)
            continue;
        const UiCmd *page = &v->cmds[0]; /* the whole window's fill */
        double r =
            contrast_ratio((Rgb){c->c.r, c->c.g, c->c.b}, (Rgb){page->c.r, page->c.g, page->c.b});
        if (r >= 3.0)
            return;
    }
    fail_msg("%s: no focus ring of 3 px at 3:1 round '%s'", uid_screen(d), focused(d));
}

/* Presses key until label holds the focus, as a guest listening or looking
 * at the ring would. */
static void focus_to(Uid *d, const char *label, UiKey key)
{
    for (int i = 0; i < 60; i++) {
        if (!strcmp(focused(d), label)) {
            expect_ring(d);
            return;
        }
        uid_key(d, key, 0);
    }
    fail_msg("%s: %s never reached '%s' (at '%s')", uid_screen(d),
             key == UI_KEY_TAB ? "Tab" : "the key", label, focused(d));
}

/* With the keypad alone: 8 2 4 6 towards the control labelled label (the
 * first such one on screen), until it holds the focus. */
static void keypad_to(Uid *d, const char *label)
{
    for (int i = 0; i < 80; i++) {
        if (!strcmp(focused(d), label)) {
            expect_ring(d);
            return;
        }
        const UiView *v = uid_view(d);
        const UiWidget *goal = NULL;
        for (size_t j = 0; j < v->nwidgets && !goal; j++)
            if (v->widgets[j].kind != UI_W_LABEL &&
                !strcmp(ui_view_text(v, v->widgets[j].text), label))
                goal = &v->widgets[j];
        if (!goal)
            fail_msg("%s: no '%s' on screen", uid_screen(d), label);
        const UiWidget *cur = kiosk_focus_widget(uid_kiosk(d));
        int digit = 2;
        if (cur) {
            int dx = goal->r.x + goal->r.w / 2 - (cur->r.x + cur->r.w / 2);
            int dy = goal->r.y + goal->r.h / 2 - (cur->r.y + cur->r.h / 2);
            bool vertical = abs(dy) > goal->r.h / 2;
            digit = vertical ? (dy > 0 ? 2 : 8) : (dx > 0 ? 6 : 4);
        }
        uid_key(d, (UiKey)(UI_KEY_KP_0 + digit), 0);
        uid_type(d, (char[]){(char)('0' + digit), '\0'}, 0); /* NumLock's echo */
    }
    fail_msg("%s: the keypad never reached '%s' (at '%s')", uid_screen(d), label, focused(d));
}

static void keypad(Uid *d, int digit)
{
    uid_key(d, (UiKey)(UI_KEY_KP_0 + digit), 0);
    uid_type(d, (char[]){(char)('0' + digit), '\0'}, 0);
}

static void checked_in(Fixture *f, const char *code, const char *kind)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(f->store, g.id, &in), STORE_OK);
    assert_true(in);
    char **programs, **kinds;
    size_t np, nk;
    assert_int_equal(store_interests_get(f->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    bool found = kind == NULL;
    for (size_t i = 0; i < nk; i++)
        found |= kind && !strcmp(kinds[i], kind);
    assert_true(found);
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
}

/* ---- the flows ---- */

static void test_checkin_keyboard(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    focus_to(d, "Check in", UI_KEY_TAB);
    uid_key(d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(d), "find");
    uid_type(d, "ana", 100);
    focus_to(d, "Ana G. — Acme Welding", UI_KEY_DOWN);
    uid_key(d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(d), "confirm");
    focus_to(d, "Yes, check me in", UI_KEY_TAB);
    uid_type(d, " ", 0); /* Space presses too */
    assert_string_equal(uid_screen(d), "interests");
    focus_to(d, "Host interns", UI_KEY_TAB);
    uid_type(d, " ", 0);
    focus_to(d, "Continue", UI_KEY_TAB);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_expect(d, "Welcome, Ana!");
    checked_in(f, "2713624642", "interns");
    /* Escape is Back: Done goes to Welcome, and nothing quits. */
    uid_key(d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(d), "welcome");
    uid_key(d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(d), "welcome");
    assert_false(uid_should_quit(d));
}

static void test_walkin_keyboard(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    focus_to(d, "I'm new here", UI_KEY_DOWN);
    uid_type(d, " ", 0);
    assert_string_equal(uid_screen(d), "walkin");
    /* Typing starts in the first field; Return goes on to the next. */
    static const char *const FIELDS[] = {"Zoë", "Quist", "Quist Robotics", "CTO",
                                         "zoe@quist.example"};
    for (size_t i = 0; i < 5; i++) {
        uid_type(d, FIELDS[i], 80);
        uid_key(d, UI_KEY_RETURN, 0);
    }
    uid_type(d, "555-0100", 80);
    focus_to(d, "You may contact me about partnering", UI_KEY_TAB);
    uid_type(d, " ", 0);
    focus_to(d, "Next", UI_KEY_TAB);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_expect(d, "Hi Zoë");
    focus_to(d, "Continue", UI_KEY_TAB);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_expect(d, "Welcome, Zoë!");
    GuestList l;
    guest_list_init(&l);
    assert_int_equal(store_guests_by_name(f->store, "Zoë", "Quist", NULL, NULL, &l), STORE_OK);
    assert_int_equal(l.count, 1);
    const Guest *g = &l.items[0];
    assert_true(g->walk_in);
    assert_true(g->consent);
    assert_string_equal(g->company, "Quist Robotics");
    assert_string_equal(g->phone, "555-0100");
    checked_in(f, g->code, NULL);
    guest_list_free(&l);
}

/* A keypad and nothing else: the name typed on the on-screen keyboard. */
static void test_checkin_keypad(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    keypad_to(d, "Check in");
    keypad(d, 5);
    assert_string_equal(uid_screen(d), "find");
    static const char *const KEYS[] = {"a", "n", "a"};
    for (size_t i = 0; i < 3; i++) {
        keypad_to(d, KEYS[i]);
        keypad(d, 5);
    }
    uid_expect(d, "ana");
    keypad_to(d, "Ana G. — Acme Welding");
    keypad(d, 5);
    assert_string_equal(uid_screen(d), "confirm");
    keypad_to(d, "Yes, check me in");
    keypad(d, 5);
    assert_string_equal(uid_screen(d), "interests");
    keypad_to(d, "Job shadowing");
    keypad(d, 5);
    keypad_to(d, "Continue");
    uid_key(d, UI_KEY_RETURN, 0); /* the keypad's Enter */
    uid_expect(d, "Welcome, Ana!");
    checked_in(f, "2713624642", "shadowing");
    keypad(d, 0); /* Back */
    assert_string_equal(uid_screen(d), "welcome");
}

/* Back from every guest screen that has one, by Escape and by the keypad. */
static void test_escape_is_back(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    uid_press(d, "Explore programs");
    uid_press(d, "Welding Technology");
    uid_key(d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(d), "programs");
    keypad(d, 0);
    assert_string_equal(uid_screen(d), "welcome");
    uid_press(d, "I'm new here");
    uid_type(d, "Zo", 30);
    keypad(d, 0); /* in a field too: the keypad moves, it does not type */
    assert_string_equal(uid_screen(d), "welcome");
}

static const UiWidget *widget(Uid *d, const char *label)
{
    const UiView *v = uid_view(d);
    for (size_t i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].kind != UI_W_LABEL && !strcmp(ui_view_text(v, v->widgets[i].text), label))
            return &v->widgets[i];
    fail_msg("%s: no '%s'", uid_screen(d), label);
    return NULL;
}

static bool whole(const UiWidget *w)
{
    return w->clip.x == w->r.x && w->clip.y == w->r.y && w->clip.w == w->r.w && w->clip.h == w->r.h;
}

/* A control the focus reaches inside a scroll area is scrolled into view. */
static void test_focus_scrolls_into_view(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    uid_press(d, "Larger text"); /* so the kinds do not all fit */
    uid_press(d, "Check in");
    uid_type(d, "ana", 100);
    uid_press(d, "Ana G. — Acme Welding");
    uid_press(d, "Yes, check me in");
    assert_string_equal(uid_screen(d), "interests");
    assert_false(whole(widget(d, "Hiring graduates")));
    focus_to(d, "Hiring graduates", UI_KEY_TAB);
    assert_true(whole(widget(d, "Hiring graduates")));
    focus_to(d, "Welding Technology", UI_KEY_TAB);
    assert_true(whole(widget(d, "Welding Technology")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_checkin_keyboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_keyboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_keypad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escape_is_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_scrolls_into_view, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
