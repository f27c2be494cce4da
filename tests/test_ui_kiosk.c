/* test_ui_kiosk.c — the kiosk's screen state machine with no display (scanner
 * timing, idle reset, touch target sizes, layouts at every size, no wake-ups
 * when idle), driven by the UI driver (ui_driver.h) with a fake font, a
 * simulated clock and a real database. The widget layer: test_ui_widgets.c. */
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
#include "ui/ui_widgets.h"
#include "ui_driver.h"

/* The index part of a kiosk widget id (kind << 16 | index). */
/* A screen's repeated widgets: a group in the top 4 of 16 bits, an index below. */
#define WIDGET_INDEX(id) ((int)((id)&0xFFF))
#define WIDGET_GROUP(id) ((int)((id) >> 12))

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

/* A scanner's speed tells a scan, whatever the code's length; typing at 20
 * keys a second does not; an unknown code scanned says so. */
static void test_scan_any_length(void **state)
{
    Fixture *f = *state;
    GuestList gl;
    guest_list_init(&gl);
    Guest *g = guest_list_push(&gl);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->first, "Siu"), 0);
    assert_int_equal(guest_set(&g->last, "Ng"), 0);
    assert_int_equal(guest_set(&g->code, "77"), 0);
    ImportReport rep;
    import_report_init(&rep, "test");
    assert_int_equal(store_import_guests(f->store, &gl, &rep, uid_now(f->d)), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&gl);
    uid_kiosk_restart(f->d);
    /* Typed at 20 keys a second into the walk-in form: typing. */
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "501", 50);
    uid_key(f->d, UI_KEY_RETURN, 0);
    assert_string_equal(uid_screen(f->d), "walkin");
    assert_true(uid_visible(f->d, "501"));
    assert_false(uid_visible(f->d, "could not find that code"));
    /* Scanned: an unknown code is said so, and taken back out of the field. */
    uid_scan(f->d, "501");
    assert_string_equal(uid_screen(f->d), "walkin");
    assert_true(uid_visible(f->d, "could not find that code"));
    assert_false(uid_visible(f->d, "Check in")); /* no such button here to tap */
    assert_false(uid_visible(f->d, "501501"));
    /* A two-character code checks its guest in. */
    uid_scan(f->d, "77");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(checked_in(f, "77"));
}

/* The kiosk's next wake, in (after, by] ms from now, is the idle prompt:
 * not on screen a millisecond before it, on screen at it. */
static void prompt_at_next_wake(Fixture *f, int64_t after, int64_t by, const char *prompt)
{
    int64_t wake = uid_next_wake(f->d);
    assert_true(wake > uid_now(f->d) + after && wake <= uid_now(f->d) + by);
    uid_wait(f->d, wake - uid_now(f->d) - 1);
    assert_false(uid_visible(f->d, prompt));
    uid_wait(f->d, 1);
    assert_true(uid_visible(f->d, prompt));
}

static void test_idle_reset_forgets(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Español");
    uid_press(f->d, "No me inscribí");
    uid_type(f->d, "Secret", 100);
    assert_true(uid_visible(f->d, "Secret"));
    /* 10 s before the reset, the kiosk asks whether the guest is still there,
     * counting down. */
    prompt_at_next_wake(f, 49000, 50000, "¿Sigue ahí?");
    assert_true(uid_visible(f->d, "en 10 s"));
    uid_wait(f->d, 3000);
    assert_true(uid_visible(f->d, "en 7 s"));
    uid_wait(f->d, 7000);
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
    assert_true(uid_next_wake(f->d) == uid_now(f->d) + 50000); /* "Still there?" */
}

/* A tap while "Still there?" shows keeps the guest's work, and presses
 * nothing under the prompt. */
static void test_still_there_keeps_work(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "Zoe", 100);
    uid_wait(f->d, 55000);
    assert_true(uid_visible(f->d, "Still there?"));
    uid_press(f->d, "Back"); /* under the prompt */
    assert_string_equal(uid_screen(f->d), "walkin");
    assert_false(uid_visible(f->d, "Still there?"));
    assert_true(uid_visible(f->d, "Zoe"));
    uid_wait(f->d, 40000);
    assert_string_equal(uid_screen(f->d), "walkin");
    assert_true(uid_visible(f->d, "Zoe"));
    uid_wait(f->d, 20000);
    assert_string_equal(uid_screen(f->d), "welcome");
}

/* The shortest idle time an event may set (10 s) still leaves the guest
 * most of it before asking: the prompt takes the last third. */
static void test_short_idle_timeout_asks_late(void **state)
{
    Fixture *f = *state;
    f->cfg.idle_timeout_s = 10;
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "Zoe", 100);
    assert_false(uid_visible(f->d, "Still there?"));
    prompt_at_next_wake(f, 6000, 7000, "Still there?");
    assert_true(uid_visible(f->d, "in 3 s"));
    /* Each second of the countdown shows on the second. */
    for (int s = 2; s >= 1; s--) {
        char left[16];
        snprintf(left, sizeof left, "in %d s", s);
        assert_true(uid_next_wake(f->d) == uid_now(f->d) + 1000);
        uid_wait(f->d, 1000);
        assert_true(uid_visible(f->d, left));
    }
    uid_press(f->d, "I'm still here");
    assert_false(uid_visible(f->d, "Still there?"));
    assert_true(uid_visible(f->d, "Zoe"));
    uid_wait(f->d, 10000);
    assert_string_equal(uid_screen(f->d), "welcome");
}

/* Left unattended, Interests gives up sooner than the idle timeout and the
 * guest's badge is asked for all the same. */
static void test_interests_unattended(void **state)
{
    Fixture *f = *state;
    uid_scan(f->d, "2713624642");
    assert_string_equal(uid_screen(f->d), "interests");
    uid_wait(f->d, 20000);
    assert_true(uid_visible(f->d, "Still there?"));
    /* What staying keeps: nothing picked is saved before Continue. */
    uid_expect(f->d, "Your choices are saved when you tap Continue.");
    uid_wait(f->d, 10000);
    assert_string_equal(uid_screen(f->d), "welcome");
    /* Elsewhere the prompt has nothing of the kind to say. */
    uid_press(f->d, "Check in");
    uid_wait(f->d, 50000);
    assert_true(uid_visible(f->d, "Still there?"));
    assert_false(uid_visible(f->d, "Your choices are saved"));
}

/* Find me matches a last name only by its initial (privacy): a guest who
 * types theirs is told to type their first name or company, and is not only
 * sent to I'm new here, where they would register twice. Spoken guidance
 * asks for the same. */
static void test_last_name_told(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "garcia", 80);
    uid_expect(f->d, "Type your first name or your company (not your last name)");
    uid_press(f->d, "Back");
    uid_press(f->d, "Español");
    uid_press(f->d, "Registrar mi llegada");
    uid_type(f->d, "garcia", 80);
    uid_expect(f->d, "Escriba su nombre de pila o su empresa (no su apellido)");
}

/* A walk-in added to the store (a new kiosk loads it into its search). */
static void add_walkin(Fixture *f, const char *first, const char *last, const char *company)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, company), 0);
    assert_int_equal(store_walkin_add(f->store, &g, "unit", uid_now(f->d), NULL), STORE_OK);
    guest_clear(&g);
}

static void add_maria(Fixture *f, const char *last)
{
    add_walkin(f, "Maria", last, "");
}

/* More matches than fit above the keyboard: the last slot offers the rest.
 * More than eight: none shows, and the guest is asked for more of the name. */
static void test_show_more(void **state)
{
    Fixture *f = *state;
    static const char *const LAST[] = {"Okoye", "Baker", "Cruz", "Diaz", "Evans", "Ford"};
    for (size_t i = 0; i < 6; i++)
        add_maria(f, LAST[i]);
    /* A new kiosk loads them into its search. */
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "maria", 100);
    assert_true(uid_visible(f->d, "Show all 6"));
    assert_false(uid_visible(f->d, "Maria O."));
    uid_press(f->d, "Show all 6");
    /* Every one of them can be tapped now, and nothing offers more. */
    for (size_t i = 0; i < 6; i++) {
        char label[64];
        snprintf(label, sizeof label, "Maria %c.", LAST[i][0]);
        const UiWidget *w = ui_view_find_label(uid_view(f->d), label);
        if (!w || w->clip.h < w->r.h)
            fail_msg("'%s' is not wholly on screen", label);
    }
    assert_false(uid_visible(f->d, "Show all"));
    assert_false(uid_visible(f->d, "Type more"));
    /* Three more: nine match, none is shown, the guest is asked for more. */
    static const char *const MORE[] = {"Gomez", "Hale", "Ibsen"};
    for (size_t i = 0; i < 3; i++)
        add_maria(f, MORE[i]);
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "maria", 100);
    assert_false(uid_visible(f->d, "Show all"));
    assert_false(uid_visible(f->d, "Maria B."));
    assert_false(uid_visible(f->d, "No match"));
    assert_true(uid_visible(f->d, "type more of your name"));
    uid_type(f->d, " o", 100);
    assert_false(uid_visible(f->d, "type more of your name"));
    assert_true(uid_visible(f->d, "Maria O."));
    assert_false(uid_visible(f->d, "Maria B."));
}

/* A Chinese given name may be one character: Find me searches it at once
 * rather than asking for a second letter. */
static void test_find_one_ideograph(void **state)
{
    Fixture *f = *state;
    add_walkin(f, "芳", "王", "北京科技");
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "芳", 100);
    assert_false(uid_visible(f->d, "Type at least 2 letters"));
    assert_true(uid_visible(f->d, "北京科技"));
    /* One letter of a Latin name is still too little. */
    uid_key(f->d, UI_KEY_BACKSPACE, 0);
    uid_type(f->d, "a", 100);
    assert_true(uid_visible(f->d, "Type at least 2 letters"));
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
    add_walkin(f, "Anabel", "Quist", "Northgate Welding & Fabrication Partners");
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Check in");
    uid_type(f->d, "welding", 100);
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
    int px[64] = {0}, tiles = 0; /* per grid: its widgets' group */
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind != UI_W_CHECK || w->clip.h < w->r.h)
            continue; /* a tile scrolled partly out of view */
        int g = WIDGET_GROUP(w->id) & 63;
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
    uid_key(f->d, UI_KEY_TAB, 0); /* "Not you?", at the top */
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
    const UiWidget *first = ui_view_find_label(v, "Tecnología de soldadura");
    assert_non_null(first);
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        bool program = w->kind == UI_W_CHECK && WIDGET_GROUP(w->id) == WIDGET_GROUP(first->id);
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
        if (v->widgets[i].kind == UI_W_CHECK &&
            WIDGET_GROUP(v->widgets[i].id) == WIDGET_GROUP(first->id))
            last = &v->widgets[i];
    assert_non_null(last);
    assert_string_equal(ui_view_text(v, last->text), "Policía y seguridad pública");
    assert_true(whole(f, last));
}

/* Where the widget labelled label is (its top), or -1 when it is not shown. */
static int widget_y(Fixture *f, const char *label)
{
    const UiWidget *w = ui_view_find_label(uid_view(f->d), label);
    return w ? w->r.y : -1;
}

/* A drag let go of while moving glides on by itself, a frame at a time, and
 * comes to rest; then the kiosk no longer wakes every frame. Left mid-glide
 * for Welcome, the list wakes no one. */
static void test_fling_glides(void **state)
{
    Fixture *f = *state;
    load_programs(f, "assets/demo/programs.csv");
    uid_press(f->d, "Explore programs");
    const char *card = "IT Networking & Cybersecurity";
    int y0 = widget_y(f, card);
    assert_true(y0 > 0);
    /* 60 px up in 96 ms, lifted at once. */
    uid_down(f->d, 400, 400);
    for (int i = 1; i <= 6; i++) {
        uid_wait(f->d, 16);
        uid_move(f->d, 400, 400 - 10 * i);
    }
    uid_up(f->d, 400, 340);
    int released = widget_y(f, card);
    assert_true(released < y0);
    assert_true(uid_next_wake(f->d) <= uid_now(f->d) + 16);
    uid_wait(f->d, 100);
    int gliding = widget_y(f, card);
    assert_true(gliding >= 0 && gliding < released);
    uid_wait(f->d, 3000);
    int rest = widget_y(f, card);
    assert_true(rest >= 0 && rest < gliding);
    assert_true(uid_next_wake(f->d) > uid_now(f->d) + 1000);
    uid_wait(f->d, 1000);
    assert_int_equal(widget_y(f, card), rest);

    uid_down(f->d, 400, 150);
    for (int i = 1; i <= 6; i++) {
        uid_wait(f->d, 16);
        uid_move(f->d, 400, 150 + 10 * i);
    }
    uid_up(f->d, 400, 210);
    assert_true(uid_next_wake(f->d) <= uid_now(f->d) + 16);
    uid_press(f->d, "Back");
    assert_string_equal(uid_screen(f->d), "welcome");
    assert_true(uid_next_wake(f->d) == INT64_MAX);
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

/* Find me's search field too: a tap in its text puts the caret there. */
static void test_find_tap_caret(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "qqqwww", 100); /* no one: no scan, no match */
    const UiWidget *w = NULL;
    const UiView *v = uid_view(f->d);
    for (size_t i = 0; i < v->nwidgets && !w; i++)
        if (v->widgets[i].kind == UI_W_FIELD)
            w = &v->widgets[i];
    assert_non_null(w);
    /* No caption: the widget is the box; its text starts 12 px in. */
    int x = w->r.x + 12 + 9 * 3 + 2, y = w->r.y + w->r.h / 2;
    uid_down(f->d, x, y);
    uid_up(f->d, x, y);
    uid_type(f->d, "X", 100);
    assert_true(uid_visible(f->d, "qqqXwww"));
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
        cmocka_unit_test_setup_teardown(test_idle_welcome_sleeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scanner_timing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_reset_forgets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resting_finger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_still_there_keeps_work, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_idle_timeout_asks_late, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_one_ideograph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_unattended, setup, teardown),
        cmocka_unit_test_setup_teardown(test_last_name_told, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_any_length, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_more, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_rows_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_one_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_in_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_more_below, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fling_glides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_tab_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_repeats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap_caret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_tap_caret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tab_and_enter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_gesture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockdown_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_touch_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_larger_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
