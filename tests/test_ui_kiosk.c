/* test_ui_kiosk.c — the kiosk's UI layer with no display: the script parser,
 * the on-screen keyboard, text fitting, scrolling with inertia, the translation
 * table, and the screen state machine (scanner timing, idle reset, touch target
 * sizes, no wake-ups when idle) with a fake font and a real database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/import.h"
#include "core/text.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"
#include "ui/ui_i18n.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_script.h"
#include "ui/ui_widgets.h"
#include "ui_driver.h"

/* The index part of a kiosk widget id (kind << 16 | index). */
#define WIDGET_INDEX(id) ((int)((id)&0xFFFF))

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
    ui_keyboard_press(&kb, key_index(&kb, "123"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_NUMBERS);
    ui_keyboard_press(&kb, key_index(&kb, "7"), text, sizeof text);
    assert_string_equal(text, "7");
    ui_keyboard_press(&kb, key_index(&kb, "ABC"), text, sizeof text);
    assert_int_equal(kb.page, UI_KB_LETTERS);
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

/* ---- the state machine ---- */

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    char *csv = tu_source("tests/ui/event/guests.csv");
    size_t len;
    char *raw = tu_read(csv, &len);
    assert_non_null(raw);
    ImportReport rep;
    import_report_init(&rep, csv);
    GuestList gl;
    guest_list_init(&gl);
    assert_int_equal(import_parse_guests(raw, len, &gl, &rep), 0);
    assert_int_equal(store_import_guests(f->store, &gl, &rep, 1000), STORE_OK);
    guest_list_free(&gl);
    import_report_free(&rep);
    free(raw);
    free(csv);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "unit");
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store, .cfg = &f->cfg});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static bool checked_in(Fixture *f, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(f->store, g.id, &in), STORE_OK);
    guest_clear(&g);
    return in;
}

static void test_idle_welcome_sleeps(void **state)
{
    Fixture *f = *state;
    assert_string_equal(uid_screen(f->d), "welcome");
    /* Nothing to do on Welcome: the loop may sleep until input. */
    assert_true(uid_next_wake(f->d) == INT64_MAX);
    assert_false(uid_dirty(f->d));
    uid_press(f->d, "I'm new here");
    assert_true(uid_next_wake(f->d) <= uid_now(f->d) + 60000);
}

static void test_scanner_timing(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "2713624642", 80); /* a person typing a code */
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(f->d), "find");
    assert_false(checked_in(f, "2713624642"));
    assert_true(uid_visible(f->d, "2713624642"));
    /* A scanner: the same code fast, then Enter, while the field holds text. */
    uid_wait(f->d, 1000);
    uid_type(f->d, "2713854927", 6);
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(checked_in(f, "2713854927"));
    assert_false(uid_visible(f->d, "2713854927"));
}

static void test_idle_reset_forgets(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Español");
    uid_press(f->d, "Es mi primera vez");
    uid_type(f->d, "Secret", 100);
    assert_true(uid_visible(f->d, "Secret"));
    int64_t wake = uid_next_wake(f->d);
    assert_true(wake > uid_now(f->d) + 59000 && wake <= uid_now(f->d) + 60000);
    uid_wait(f->d, wake - uid_now(f->d));
    assert_string_equal(uid_screen(f->d), "welcome");
    assert_true(uid_visible(f->d, "Check in")); /* back to the first language */
    uid_press(f->d, "I'm new here");
    assert_false(uid_visible(f->d, "Secret"));
}

/* A finger resting on the screen past the idle timeout: no reset under it, and
 * no deadline in the past (which would make the event loop spin). */
static void test_resting_finger(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "I'm new here");
    uid_down(f->d, 5, 470);
    uid_wait(f->d, 120000);
    assert_string_equal(uid_screen(f->d), "walkin");
    assert_true(uid_next_wake(f->d) > uid_now(f->d));
    uid_up(f->d, 5, 470);
    assert_true(uid_next_wake(f->d) == uid_now(f->d) + 60000);
}

/* More matches than fit above the keyboard: the last slot offers the rest. */
static void test_show_more(void **state)
{
    Fixture *f = *state;
    static const char *const FIRST[] = {"Mark", "Maria", "Mateo", "Malik", "Maya", "Manon"};
    for (size_t i = 0; i < 6; i++) {
        Guest g;
        guest_init(&g);
        assert_int_equal(guest_set(&g.first, FIRST[i]), 0);
        assert_int_equal(guest_set(&g.last, "Okoye"), 0);
        assert_int_equal(store_walkin_add(f->store, &g, "unit", uid_now(f->d)), STORE_OK);
        guest_clear(&g);
    }
    /* A new kiosk loads them into its search. */
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "ma", 100);
    assert_true(uid_visible(f->d, "Show 3 more"));
    assert_false(uid_visible(f->d, "Maya O."));
    uid_press(f->d, "Show 3 more");
    assert_true(uid_visible(f->d, "Maya O."));
    assert_true(uid_visible(f->d, "Mateo O."));
    assert_false(uid_visible(f->d, "Show 3 more"));
}

/* No drawn text inside r was cut short with an ellipsis. */
static void assert_uncut_in(const UiView *v, UiRect r)
{
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type == UI_CMD_TEXT && ui_rect_contains(r, c->r.x, c->r.y) &&
            strstr(ui_view_text(v, c->text), "…"))
            fail_msg("cut: '%s'", ui_view_text(v, c->text));
    }
}

/* A result with a long company: one full-width column instead of two
 * half-width ones that would cut it, rows in the search's order top to bottom. */
static void test_find_rows_whole(void **state)
{
    Fixture *f = *state;
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "Anabel"), 0);
    assert_int_equal(guest_set(&g.last, "Quist"), 0);
    assert_int_equal(guest_set(&g.company, "Northgate Welding & Fabrication Partners"), 0);
    assert_int_equal(store_walkin_add(f->store, &g, "unit", uid_now(f->d)), STORE_OK);
    guest_clear(&g);
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "an", 100);
    for (int hidden = 0; hidden < 2; hidden++) {
        if (hidden)
            uid_press(f->d, "Hide");
        const UiView *v = uid_view(f->d);
        int rows = 0, last_y = -1;
        for (size_t i = 0; i < v->nwidgets; i++) {
            const UiWidget *w = &v->widgets[i];
            if (w->kind != UI_W_ROW)
                continue;
            assert_int_equal(w->r.w, uid_width(f->d) - 2 * 16); /* full width inside the padding */
            assert_int_equal(WIDGET_INDEX(w->id), rows);
            assert_true(w->r.y > last_y);
            last_y = w->r.y;
            assert_uncut_in(v, w->r);
            rows++;
        }
        assert_true(rows >= (hidden ? 3 : 1));
        assert_true(!hidden ||
                    uid_visible(f->d, "Anabel Q. — Northgate Welding & Fabrication Partners"));
    }
}

/* Imports a programs CSV (a path in the source tree) and starts a new kiosk
 * that shows them. */
static void load_programs(Fixture *f, const char *rel)
{
    char *csv = tu_source(rel);
    size_t len;
    char *raw = tu_read(csv, &len);
    assert_non_null(raw);
    ImportReport rep;
    import_report_init(&rep, csv);
    ProgramList pl;
    program_list_init(&pl);
    assert_int_equal(import_parse_programs(raw, len, &pl, &rep), 0);
    assert_int_equal(store_import_programs(f->store, &pl, &rep, uid_now(f->d)), STORE_OK);
    program_list_free(&pl);
    import_report_free(&rep);
    free(raw);
    free(csv);
    uid_kiosk_restart(f->d);
}

/* The bold texts drawn inside r all at one px (returned; 0 when none), cut
 * with an ellipsis only at min_px. */
static int one_bold_px(const UiView *v, UiRect r, int px, int min_px)
{
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type != UI_CMD_TEXT || c->weight != UI_BOLD || !ui_rect_contains(r, c->r.x, c->r.y))
            continue;
        const char *text = ui_view_text(v, c->text);
        if (px && c->px != px)
            fail_msg("'%s' at %d px, its neighbours at %d", text, c->px, px);
        px = c->px;
        if (strstr(text, "…") && px > min_px)
            fail_msg("'%s' cut at %d px", text, px);
    }
    return px;
}

/* Program names on Interests tiles and Explore cards: one size per grid (long
 * names wrap on two lines rather than shrinking alone). */
static void test_cards_one_size(void **state)
{
    Fixture *f = *state;
    load_programs(f, "assets/demo/programs.csv");
    UiTheme t;
    ui_theme_make(&t, uid_width(f->d), uid_height(f->d), ui_rgb(0, 0, 0), ui_rgb(0, 0, 0), false);
    uid_type(f->d, "2713624642", 5);
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(f->d), "interests");
    const UiView *v = uid_view(f->d);
    int px[64] = {0}, tiles = 0; /* per grid: widget kind (id >> 16) */
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind != UI_W_CHECK || w->clip.h < w->r.h)
            continue; /* a tile scrolled partly out of view */
        int g = (int)(w->id >> 16) & 63;
        px[g] = one_bold_px(v, w->r, px[g], t.px_small);
        tiles++;
    }
    assert_true(tiles >= 4);
    uid_press(f->d, "Continue");
    uid_press(f->d, "Done");
    uid_press(f->d, "Explore programs");
    v = uid_view(f->d);
    int cards_px = one_bold_px(v, ui_rect(0, t.pad + t.target, uid_width(f->d), uid_height(f->d)),
                               0, t.px_body);
    assert_true(cards_px >= t.px_body);
}

static void check_targets(Fixture *f);

/* A tappable widget drawn whole (not clipped by a scroll area) inside the window. */
static bool whole(const Fixture *f, const UiWidget *w)
{
    return w->clip.x == w->r.x && w->clip.y == w->r.y && w->clip.w == w->r.w &&
           w->clip.h == w->r.h && w->r.x >= 0 && w->r.y >= 0 &&
           w->r.x + w->r.w <= uid_width(f->d) && w->r.y + w->r.h <= uid_height(f->d);
}

/* Interests with the test event's 4 programs: every program, every kind, the
 * consent box and Continue in view at once, landscape and portrait, with the
 * guest's name in the title. */
static void test_interests_in_view(void **state)
{
    Fixture *f = *state;
    load_programs(f, "tests/ui/event/programs.csv");
    uid_type(f->d, "2713624642", 5);
    uid_key(f->d, UI_KEY_RETURN, 0);
    static const int SIZES[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
    for (size_t s = 0; s < 4; s++) {
        uid_resize(f->d, SIZES[s][0], SIZES[s][1]);
        assert_string_equal(uid_screen(f->d), "interests");
        assert_true(uid_visible(f->d, "Hi Ana! What interests you?"));
        assert_false(uid_visible(f->d, "More below"));
        check_targets(f);
        const UiView *v = uid_view(f->d);
        int checks = 0;
        for (size_t i = 0; i < v->nwidgets; i++) {
            const UiWidget *w = &v->widgets[i];
            if (w->kind != UI_W_CHECK && w->kind != UI_W_BUTTON)
                continue;
            if (!whole(f, w))
                fail_msg("%dx%d: '%s' not wholly in view", uid_width(f->d), uid_height(f->d),
                         ui_view_text(v, w->text));
            checks += w->kind == UI_W_CHECK;
        }
        assert_int_equal(checks, 4 + 8 + 1); /* programs, kinds, consent */
        assert_true(uid_visible(f->d, "Hiring graduates"));
        assert_true(uid_visible(f->d, "You may contact me about partnering"));
    }
}

/* Tab from nothing reaches the first program before the consent box and
 * Continue: a keyboard-only guest picks programs first. */
static void test_interests_tab_order(void **state)
{
    Fixture *f = *state;
    load_programs(f, "tests/ui/event/programs.csv");
    uid_type(f->d, "2713624642", 5);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_wait(f->d, 1000);
    uid_key(f->d, UI_KEY_TAB, 0);
    uid_key(f->d, UI_KEY_RETURN, 0); /* ticks the focused tile */
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "2713624642", &g), STORE_OK);
    char **programs = NULL, **kinds = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_string_equal(programs[0], "WELD");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
}

/* Too many programs to show at 800x480: the kinds, consent and Continue stay in
 * view, a cue says there is more, and it goes once the list is at its end. */
static void test_interests_more_below(void **state)
{
    Fixture *f = *state;
    load_programs(f, "assets/demo/programs.csv");
    uid_press(f->d, "Español");
    uid_type(f->d, "2713624642", 5);
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_true(uid_visible(f->d, "¡Hola, Ana! ¿Qué le interesa?"));
    assert_true(uid_visible(f->d, "Más abajo"));
    check_targets(f);
    const UiView *v = uid_view(f->d);
    const UiWidget *first = ui_view_find_label(v, "Welding Technology");
    assert_non_null(first);
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        bool program = w->kind == UI_W_CHECK && (w->id >> 16) == (first->id >> 16);
        if (((w->kind == UI_W_CHECK && !program) || w->kind == UI_W_BUTTON) && !whole(f, w))
            fail_msg("'%s' not wholly in view", ui_view_text(v, w->text));
    }
    /* Drag the programs up, well past their end. */
    int x = first->r.x + first->r.w / 2, y = first->r.y + first->r.h / 2;
    for (int round = 0; round < 8; round++) {
        uid_down(f->d, x, y + 150);
        for (int d = 1; d <= 10; d++) {
            uid_wait(f->d, 16);
            uid_move(f->d, x, y + 150 - 15 * d);
        }
        uid_wait(f->d, 200); /* a rest before lifting: no fling */
        uid_up(f->d, x, y);
    }
    assert_false(uid_visible(f->d, "Más abajo"));
    v = uid_view(f->d);
    const UiWidget *last = NULL;
    for (size_t i = 0; i < v->nwidgets; i++)
        if (v->widgets[i].kind == UI_W_CHECK && (v->widgets[i].id >> 16) == (first->id >> 16))
            last = &v->widgets[i];
    assert_non_null(last);
    assert_string_equal(ui_view_text(v, last->text), "Law Enforcement & Public Safety");
    assert_true(whole(f, last));
}

/* Holding the on-screen Delete key deletes again and again; a tap deletes once. */
static void test_delete_repeats(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "abcdefghijklmnopqrst", 100); /* 20 letters */
    uid_press(f->d, "Delete");
    assert_true(uid_visible(f->d, "abcdefghijklmnopqrs"));
    assert_false(uid_visible(f->d, "abcdefghijklmnopqrst"));
    const UiWidget *w = ui_view_find_label(uid_view(f->d), "Delete");
    assert_non_null(w);
    int x = w->clip.x + w->clip.w / 2, y = w->clip.y + w->clip.h / 2;
    /* Held a second, waking at the repeat times as the event loop would. */
    uid_hold(f->d, x, y, 1000);
    /* Repeats at 500, 580, ..., 980 ms: 7 more; the release adds none. */
    assert_true(uid_visible(f->d, "abcdefghijkl"));
    assert_false(uid_visible(f->d, "abcdefghijklm"));
}

/* A tap in a field's text puts the caret there; a tap on its caption, at the end. */
static void test_tap_caret(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "abcdef", 100); /* fake font: 19 px text, each letter 9 px wide */
    uid_key(f->d, UI_KEY_TAB, 0);  /* away, to Last name */
    const UiView *v = uid_view(f->d);
    const UiWidget *w = ui_view_find_label(v, "First name");
    assert_non_null(w);
    /* The box is the lower part of the widget; its text starts 12 px in. */
    int box_y = w->r.y + w->r.h - 10, text_x = w->r.x + 12;
    uid_down(f->d, text_x + 9 * 2 + 2, box_y);
    uid_up(f->d, text_x + 9 * 2 + 2, box_y);
    uid_type(f->d, "X", 100);
    assert_true(uid_visible(f->d, "abXcdef"));
    /* On the caption: the end. */
    uid_down(f->d, w->r.x + 5, w->r.y + 2);
    uid_up(f->d, w->r.x + 5, w->r.y + 2);
    uid_type(f->d, "Y", 100);
    assert_true(uid_visible(f->d, "abXcdefY"));
}

static void test_tab_and_enter(void **state)
{
    Fixture *f = *state;
    uid_key(f->d, UI_KEY_TAB, 0);            /* the first button */
    uid_key(f->d, UI_KEY_TAB, UI_MOD_SHIFT); /* wraps backwards to the last: Explore programs */
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(f->d), "programs");
}

/* Staff mode's hidden gesture: 3 s of a finger in the top-left corner. */
static void test_staff_gesture(void **state)
{
    Fixture *f = *state;
    /* Lifted early, slid out of the corner, or elsewhere: nothing. */
    uid_down(f->d, 5, 5);
    assert_true(uid_next_wake(f->d) == uid_now(f->d) + 3000);
    uid_wait(f->d, 2999);
    uid_up(f->d, 5, 5);
    assert_string_equal(uid_screen(f->d), "welcome");
    uid_down(f->d, 5, 5);
    uid_wait(f->d, 100);
    uid_move(f->d, 200, 200);
    uid_wait(f->d, 3000);
    uid_up(f->d, 200, 200);
    assert_string_equal(uid_screen(f->d), "welcome");
    uid_hold(f->d, 400, 5, 3000);
    assert_string_equal(uid_screen(f->d), "welcome");

    /* On Find me, on top of Back: the pad opens while the finger is still
     * down, and lifting it taps neither Back nor the pad's Cancel under it. */
    uid_press(f->d, "Check in");
    assert_string_equal(uid_screen(f->d), "find");
    uid_down(f->d, 20, 20);
    uid_wait(f->d, 3000);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    uid_up(f->d, 20, 20);
    assert_string_equal(uid_screen(f->d), "staff_pin");
    /* No PIN set and locked down: OK lets nobody in, and nothing quits. */
    uid_press(f->d, "OK");
    assert_string_equal(uid_screen(f->d), "staff_pin");
    assert_false(uid_should_quit(f->d));
    uid_press(f->d, "Cancel");
    assert_string_equal(uid_screen(f->d), "welcome");
}

static void test_lockdown_keys(void **state)
{
    Fixture *f = *state;
    uid_send(f->d, (UiEvent){.type = UI_EV_QUIT});
    uid_key(f->d, UI_KEY_F4, UI_MOD_ALT);
    uid_key(f->d, UI_KEY_Q, UI_MOD_CTRL);
    uid_key(f->d, UI_KEY_ESCAPE, 0);
    assert_false(uid_should_quit(f->d));
}

/* Every tappable widget on every screen is at least 55 px tall and wide at
 * 800x480 (9 mm on a 7-inch panel), and laid out inside the window. */
static void check_targets(Fixture *f)
{
    const UiView *v = uid_view(f->d);
    assert_false(v->overflow);
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL)
            continue;
        if (w->r.h < 55 || w->r.w < 55)
            fail_msg("%s: '%s' is %dx%d", uid_screen(f->d), ui_view_text(v, w->text), w->r.w,
                     w->r.h);
        assert_true(w->r.x >= 0 && w->r.x + w->r.w <= uid_width(f->d));
    }
}

static void test_touch_targets(void **state)
{
    Fixture *f = *state;
    check_targets(f);
    uid_press(f->d, "Check in");
    uid_type(f->d, "ana", 100);
    check_targets(f);
    uid_press(f->d, "Ana G. — Acme Welding");
    check_targets(f);
    uid_press(f->d, "Yes, check me in");
    check_targets(f);
    uid_press(f->d, "Continue");
    check_targets(f);
    uid_press(f->d, "Done");
    uid_press(f->d, "I'm new here");
    check_targets(f);
    uid_press(f->d, "Back");
    uid_press(f->d, "Explore programs");
    check_targets(f);
}

/* The px of the first drawn text containing needle, or 0. */
static int text_px(Fixture *f, const char *needle)
{
    const UiView *v = uid_view(f->d);
    for (size_t i = 0; i < v->ncmds; i++)
        if (v->cmds[i].type == UI_CMD_TEXT && strstr(ui_view_text(v, v->cmds[i].text), needle))
            return v->cmds[i].px;
    return 0;
}

/* "Larger text" is plainly larger (at least 25%), and every screen still fits
 * an 800x480 panel with it. */
static void test_larger_text(void **state)
{
    Fixture *f = *state;
    int hint = text_px(f, "Welcome! Tap Check in"), button = text_px(f, "I'm new here");
    assert_true(hint > 0 && button > 0);
    uid_press(f->d, "Larger text");
    assert_true(text_px(f, "Welcome! Tap Check in") * 100 >= hint * 125);
    assert_true(text_px(f, "I'm new here") * 100 >= button * 125);
    check_targets(f);
    uid_press(f->d, "Check in");
    uid_type(f->d, "ana", 100);
    check_targets(f);
    uid_press(f->d, "Ana G. — Acme Welding");
    check_targets(f);
    uid_press(f->d, "Yes, check me in");
    check_targets(f);
    uid_press(f->d, "Continue");
    check_targets(f);
    uid_press(f->d, "Done");
    uid_press(f->d, "Larger text");
    uid_press(f->d, "I'm new here");
    check_targets(f);
    uid_press(f->d, "Back");
    uid_press(f->d, "Explore programs");
    check_targets(f);
}

int main(void)
{
    if (ids_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_parse),
        cmocka_unit_test(test_script_errors),
        cmocka_unit_test(test_keyboard),
        cmocka_unit_test(test_text_fit),
        cmocka_unit_test(test_scroll_inertia),
        cmocka_unit_test(test_translations),
        cmocka_unit_test_setup_teardown(test_idle_welcome_sleeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scanner_timing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_reset_forgets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resting_finger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_more, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_rows_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_one_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_in_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_more_below, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_tab_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_repeats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap_caret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tab_and_enter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_gesture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockdown_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_touch_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_larger_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
