/* test_ui_widgets.c — the kiosk's widget layer with no display: the script
 * parser, the on-screen keyboard, text fitting (with the UI driver's fake
 * font), list rows, scrolling with inertia and the translation table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/guest.h"
#include "core/text.h"
#include "ui/ui.h"
#include "ui/ui_edit.h"
#include "ui/ui_i18n.h"
#include "ui/ui_keyboard.h"
#include "app/script.h"
#include "ui/ui_widgets.h"
#include "ui_driver.h"

/* ---- script parser ---- */

static void test_script_parse(void **state)
{
    (void)state;
    Script s;
    char err[256];
    const char *text = "# a comment\n"
                       "press Check in        # tap it\n"
                       "\n"
                       "tap 640 400\n"
                       "drag 1 2 3 4\n"
                       "type José #1\n"
                       "hold 10 10 3000\n"
                       "key Alt+F4\n"
                       "scan 0042-ABCD\r\n"
                       "quit\n"
                       "wait 1500\n"
                       "expect Welcome, José\n"
                       "expect-not Ana\n"
                       "screenshot out.png";
    assert_int_equal(script_parse(text, &s, err, sizeof err), 0);
    assert_int_equal(s.count, 12);
    assert_int_equal(s.items[0].op, SCRIPT_PRESS);
    assert_string_equal(s.items[0].arg, "Check in");
    assert_int_equal(s.items[0].line, 2);
    assert_int_equal(s.items[1].op, SCRIPT_TAP);
    assert_int_equal(s.items[1].n[0], 640);
    assert_int_equal(s.items[1].n[1], 400);
    assert_int_equal(s.items[2].n[3], 4);
    assert_string_equal(s.items[3].arg, "José");
    assert_int_equal(s.items[4].n[2], 3000);
    assert_string_equal(s.items[5].arg, "Alt+F4");
    assert_string_equal(s.items[6].arg, "0042-ABCD");
    assert_int_equal(s.items[7].op, SCRIPT_QUIT);
    assert_int_equal(s.items[8].n[0], 1500);
    assert_string_equal(s.items[9].arg, "Welcome, José");
    assert_int_equal(s.items[10].op, SCRIPT_EXPECT_NOT);
    assert_int_equal(s.items[11].op, SCRIPT_SCREENSHOT);
    assert_int_equal(s.items[11].line, 14);
    script_free(&s);
}

static void test_script_errors(void **state)
{
    (void)state;
    Script s;
    char err[256];
    assert_int_equal(script_parse("wait 10\nfly away\n", &s, err, sizeof err), -1);
    assert_string_equal(err, "2: unknown action 'fly'");
    assert_int_equal(script_parse("tap 10\n", &s, err, sizeof err), -1);
    assert_string_equal(err, "1: tap needs 2 numbers");
    assert_int_equal(script_parse("wait soon\n", &s, err, sizeof err), -1);
    assert_int_equal(script_parse("quit now\n", &s, err, sizeof err), -1);
    assert_int_equal(script_parse("\n\npress\n", &s, err, sizeof err), -1);
    assert_string_equal(err, "3: press needs an argument");
    assert_int_equal(script_parse("tap 1 2 3\n", &s, err, sizeof err), -1);
}

/* ---- keyboard ---- */

/* Index of the key labelled `label` in a laid-out keyboard. */
static int key_index(const UiKeyboard *kb, const char *label)
{
    static UiView v;
    UiTheme t;
    UiInteract in = {0};
    ui_theme_make(&t, 800, 480, ui_rgb(0, 0, 0), ui_rgb(0, 0, 0), false);
    ui_view_begin(&v, 800, 480, uid_font());
    ui_keyboard_layout(&v, &t, &in, kb, ui_rect(0, 240, 800, 240), 1000, UI_LANG_EN);
    const UiWidget *w = ui_view_find_label(&v, label);
    return w ? (int)(w->id - 1000) : -1;
}

static void test_keyboard(void **state)
{
    (void)state;
    UiKeyboard kb = {0};
    char text[16];
    int a = key_index(&kb, "a");
    assert_true(a >= 0);
    assert_int_equal(ui_keyboard_press(&kb, a, text, sizeof text), UI_KB_TEXT);
    assert_string_equal(text, "a");
    /* Shift is one-shot. */
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "Shift"), text, sizeof text),
                     UI_KB_NONE);
    assert_true(kb.shift);
    assert_int_equal(key_index(&kb, "a"), -1); /* the key now shows "A" */
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "A"), text, sizeof text), UI_KB_TEXT);
    assert_string_equal(text, "A");
    assert_false(kb.shift);
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "@"), text, sizeof text), UI_KB_TEXT);
    assert_string_equal(text, "@");
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, ".com"), text, sizeof text), UI_KB_TEXT);
    assert_string_equal(text, ".com");
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "space"), text, sizeof text),
                     UI_KB_TEXT);
    assert_string_equal(text, " ");
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "Delete"), text, sizeof text),
                     UI_KB_BACKSPACE);
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "Enter"), text, sizeof text),
                     UI_KB_ENTER);
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "Hide"), text, sizeof text), UI_KB_HIDE);
    /* Accented letters, with shift. */
    ui_keyboard_press(&kb, key_index(&kb, "áé"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_ACCENTS);
    ui_keyboard_press(&kb, key_index(&kb, "ñ"), text, sizeof text);
    assert_string_equal(text, "ñ");
    ui_keyboard_press(&kb, key_index(&kb, "Shift"), text, sizeof text);
    ui_keyboard_press(&kb, key_index(&kb, "É"), text, sizeof text);
    assert_string_equal(text, "É");
    /* More letters: Vietnamese, Polish, ...; a tone mark shows on a dotted
     * circle and types the mark alone. */
    ui_keyboard_press(&kb, key_index(&kb, "ăłđ"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_MORE);
    ui_keyboard_press(&kb, key_index(&kb, "ư"), text, sizeof text);
    assert_string_equal(text, "ư");
    /* Czech's own three, whose names (Ťoupalík, Ďurovič, Plzeň) the keys
     * of the other pages cannot make. */
    static const char *const CZECH[] = {"ť", "ď", "ň"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, CZECH[i]), text, sizeof text),
                         UI_KB_TEXT);
        assert_string_equal(text, CZECH[i]);
    }
    ui_keyboard_press(&kb, key_index(&kb, "Shift"), text, sizeof text);
    ui_keyboard_press(&kb, key_index(&kb, "Ł"), text, sizeof text);
    assert_string_equal(text, "Ł");
    assert_int_equal(ui_keyboard_press(&kb, key_index(&kb, "\u25CC\u0303"), text, sizeof text),
                     UI_KB_TEXT);
    assert_string_equal(text, "\u0303");
    /* A mark leaves shift as it was: the capital asked for is still next. */
    ui_keyboard_press(&kb, key_index(&kb, "Shift"), text, sizeof text);
    ui_keyboard_press(&kb, key_index(&kb, "\u25CC\u0301"), text, sizeof text);
    assert_true(kb.shift);
    ui_keyboard_press(&kb, key_index(&kb, "Ư"), text, sizeof text);
    assert_string_equal(text, "Ư");
    assert_false(kb.shift);
    ui_keyboard_press(&kb, key_index(&kb, "áé"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_ACCENTS);
    ui_keyboard_press(&kb, key_index(&kb, "ABC"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_LETTERS);
    ui_keyboard_press(&kb, key_index(&kb, "123"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_NUMBERS);
    ui_keyboard_press(&kb, key_index(&kb, "7"), text, sizeof text);
    assert_string_equal(text, "7");
    ui_keyboard_press(&kb, key_index(&kb, "ABC"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_LETTERS);
}

/* "Nguyễn" typed on the on-screen keyboard: ê, then the tilde tone mark,
 * which joins it into one letter, as stored and as Backspace takes it. */
static void test_edit_tone_marks(void **state)
{
    (void)state;
    UiEdit e;
    ui_edit_set(&e, "");
    const char *keys[] = {"N", "g", "u", "y", "ê", "\u0303", "n"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_true(ui_edit_insert(&e, keys[i], 100));
    assert_string_equal(e.text, "Nguy\u1EC5n");
    assert_int_equal(text_codepoints(e.text), 6);
    ui_edit_key(&e, UI_KEY_BACKSPACE);
    ui_edit_key(&e, UI_KEY_BACKSPACE);
    assert_string_equal(e.text, "Nguy");
    /* Two marks on one vowel (ư, hook above: ử), and a mark in the middle. */
    ui_edit_set(&e, "Tr");
    assert_true(ui_edit_insert(&e, "\u01B0", 100));
    assert_true(ui_edit_insert(&e, "\u0309", 100));
    assert_true(ui_edit_insert(&e, "ng", 100));
    assert_string_equal(e.text, "Tr\u1EED"
                                "ng");
    ui_edit_set(&e, "Le Van");
    e.caret = 2;
    assert_true(ui_edit_insert(&e, "\u0302", 100));
    assert_string_equal(e.text, "L\u00EA Van");
    assert_int_equal(e.caret, strlen("L\u00EA"));
    /* A second tone takes the first one's place (ễ, then an acute: ế), on
     * that letter only: text before it, even decomposed, is left as it is. */
    ui_edit_set(&e, "Ve\u0301 Nguy\u1EC5");
    assert_true(ui_edit_insert(&e, "\u0301", 100));
    assert_string_equal(e.text, "Ve\u0301 Nguy\u1EBF");
    assert_true(ui_edit_insert(&e, "\u0309", 100));
    assert_string_equal(e.text, "Ve\u0301 Nguy\u1EC3");
    assert_int_equal(e.caret, e.len);
    /* The dot below is no such tone: Yoruba's ẹ with an acute keeps both. */
    ui_edit_set(&e, "\u1EB9");
    assert_true(ui_edit_insert(&e, "\u0301", 100));
    assert_string_equal(e.text, "\u1EB9\u0301");
    /* A mark with nothing to join (an empty field, after a space) is not
     * typed: it would be saved invisible. */
    ui_edit_set(&e, "");
    assert_false(ui_edit_insert(&e, "\u0301", 100));
    assert_string_equal(e.text, "");
    ui_edit_set(&e, "H\u00E0 ");
    assert_false(ui_edit_insert(&e, "\u0303", 100));
    assert_string_equal(e.text, "H\u00E0 ");
    /* Backspace takes a whole emoji, a family of several code points. */
    ui_edit_set(&e, "Ana \U0001F468\u200D\U0001F469\u200D\U0001F467");
    ui_edit_key(&e, UI_KEY_BACKSPACE);
    assert_string_equal(e.text, "Ana ");
}

/* ---- text fitting ---- */

static void test_text_fit(void **state)
{
    (void)state;
    static UiView v;
    ui_view_begin(&v, 800, 480, uid_font());
    /* 10 characters at 20 px = 100 px. */
    assert_int_equal(ui_text_fit(&v, "abcdefghij", UI_REGULAR, 10, 20, 100), 20);
    assert_int_equal(ui_text_fit(&v, "abcdefghij", UI_REGULAR, 10, 20, 60), 12);
    assert_int_equal(ui_text_fit(&v, "abcdefghij", UI_REGULAR, 10, 20, 10), 10);
    char out[64];
    ui_text_ellipsize(&v, "abcdefghij", 20, UI_REGULAR, 100, out, sizeof out);
    assert_string_equal(out, "abcdefghij");
    ui_text_ellipsize(&v, "abcdefghij", 20, UI_REGULAR, 60, out, sizeof out);
    assert_string_equal(out, "abcde…");
    /* Cuts between characters, never inside one. */
    ui_text_ellipsize(&v, "ééééééééé", 20, UI_REGULAR, 40, out, sizeof out);
    assert_string_equal(out, "ééé…");
    assert_true(text_is_utf8(out, strlen(out)));
    /* A text drawn into a rectangle never extends past it. */
    ui_view_begin(&v, 800, 480, uid_font());
    char longname[400];
    memset(longname, 'W', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    ui_text_in(&v, ui_rect(10, 10, 200, 40), longname, 30, 15, UI_BOLD, ui_rgb(0, 0, 0), UI_LEFT);
    assert_int_equal(v.ncmds, 1);
    assert_true(v.cmds[0].r.x >= 10 && v.cmds[0].r.x + v.cmds[0].r.w <= 210);
}

/* ---- rows ---- */

/* The face of a row: its commands before the first text or line. */
static size_t face(const UiView *v)
{
    size_t n = 0;
    while (n < v->ncmds && (v->cmds[n].type == UI_CMD_RECT || v->cmds[n].type == UI_CMD_FRAME))
        n++;
    return n;
}

/* A row with a note (staff's lookup) has the face of a plain one (Find me):
 * at rest, pressed, and focused (the focus ring around it). */
static void test_row_faces(void **state)
{
    (void)state;
    static UiView a, b;
    UiTheme t;
    ui_theme_make(&t, 800, 480, ui_rgb(0x1F, 0x4E, 0x79), ui_rgb(0xE0, 0x9A, 0x1B), false);
    const UiInteract states[] = {{0, 0, false}, {7, 0, false}, {0, 7, true}};
    const size_t want[] = {2, 2, 3};
    UiRect r = ui_rect(16, 100, 600, 60);
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        ui_view_begin(&a, 800, 480, uid_font());
        ui_view_begin(&b, 800, 480, uid_font());
        ui_row(&a, &t, &states[i], 7, r, "Ana G. — Acme", t.px_body);
        ui_row_note(&b, &t, &states[i], 7, r, "Ana García", "Ana García — Acme", "Checked in");
        assert_int_equal(face(&a), want[i]);
        assert_int_equal(face(&b), want[i]);
        for (size_t j = 0; j < want[i]; j++) {
            const UiCmd *x = &a.cmds[j], *y = &b.cmds[j];
            assert_int_equal(x->type, y->type);
            assert_memory_equal(&x->r, &y->r, sizeof x->r);
            assert_memory_equal(&x->c, &y->c, sizeof x->c);
            assert_int_equal(x->radius, y->radius);
            assert_int_equal(x->thick, y->thick);
        }
        if (states[i].show_focus)
            assert_memory_equal(&b.cmds[2].c, &t.focus, sizeof t.focus);
    }
    /* The note row is found by its label, and shows both lines. */
    const UiWidget *w = ui_view_find_label(&b, "Ana García");
    assert_non_null(w);
    assert_int_equal(w->kind, UI_W_ROW);
    assert_true(ui_view_contains_text(&b, "Ana García — Acme"));
    assert_true(ui_view_contains_text(&b, "Checked in"));
}

/* ---- scrolling ---- */

static void test_scroll_inertia(void **state)
{
    (void)state;
    UiScroll sc;
    ui_scroll_reset(&sc);
    sc.content_h = 2000;
    sc.view_h = 400;
    int64_t t = 1000;
    ui_scroll_press(&sc, 300, t);
    for (int i = 1; i <= 10; i++)
        ui_scroll_drag(&sc, 300 - 20 * i, t + 16 * i); /* 20 px per frame upwards */
    t += 160;
    assert_true(sc.offset > 190 && sc.offset < 210);
    ui_scroll_release(&sc, t);
    assert_true(ui_scroll_moving(&sc));
    float at_release = sc.offset;
    int frames = 0;
    while (ui_scroll_tick(&sc, t += 16))
        frames++;
    assert_true(sc.offset > at_release + 100); /* it coasted */
    assert_true(frames > 10 && frames < 400);  /* and stopped */
    assert_false(ui_scroll_moving(&sc));
    /* A fling never passes the end. */
    ui_scroll_press(&sc, 300, t);
    for (int i = 1; i <= 10; i++)
        ui_scroll_drag(&sc, 300 - 80 * i, t + 16 * i);
    t += 160;
    ui_scroll_release(&sc, t);
    while (ui_scroll_tick(&sc, t += 16))
        ;
    assert_true(sc.offset <= 1600.0f);
    /* A finger that rests before lifting does not fling. */
    ui_scroll_press(&sc, 300, t);
    ui_scroll_drag(&sc, 200, t + 16);
    ui_scroll_release(&sc, t + 400);
    assert_false(ui_scroll_moving(&sc));
}

/* ---- translations ---- */

static void test_translations(void **state)
{
    (void)state;
    for (int l = 0; l < UI_LANG_COUNT; l++)
        for (int s = 0; s < S_COUNT; s++) {
            const char *t = ui_tr((UiLang)l, (UiStr)s);
            assert_non_null(t);
            assert_true(*t != '\0');
            assert_true(text_is_utf8(t, strlen(t)));
        }
    /* The English labels scripts rely on (SPEC §8). */
    assert_string_equal(ui_tr(UI_LANG_EN, S_CHECK_IN), "Check in");
    assert_string_equal(ui_tr(UI_LANG_EN, S_NEW_HERE), "I'm new here");
    assert_string_equal(ui_tr(UI_LANG_EN, S_EXPLORE), "Explore programs");
    assert_string_equal(ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE), "Español");
    assert_string_equal(ui_tr(UI_LANG_ES, S_OTHER_LANGUAGE), "English");
    assert_string_equal(ui_tr(UI_LANG_EN, S_YES), "Yes, check me in");
    assert_string_equal(ui_tr(UI_LANG_EN, S_NO), "No, go back");
    assert_string_equal(ui_tr(UI_LANG_EN, S_CONSENT), "You may contact me about partnering");
    assert_string_equal(ui_tr(UI_LANG_EN, S_ALREADY), "You're already checked in");
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++) {
        assert_string_equal(ui_tr_kind(UI_LANG_EN, PARTNERSHIP_KINDS[i].key),
                            PARTNERSHIP_KINDS[i].label);
        assert_string_not_equal(ui_tr_kind(UI_LANG_ES, PARTNERSHIP_KINDS[i].key),
                                PARTNERSHIP_KINDS[i].key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_parse), cmocka_unit_test(test_script_errors),
        cmocka_unit_test(test_keyboard),     cmocka_unit_test(test_edit_tone_marks),
        cmocka_unit_test(test_text_fit),     cmocka_unit_test(test_scroll_inertia),
        cmocka_unit_test(test_row_faces),    cmocka_unit_test(test_translations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
