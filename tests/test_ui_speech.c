/* test_ui_speech.c — spoken guidance with its words recorded instead of
 * played (a SpeechPort that keeps every utterance): the sequence a guest who
 * cannot see the screen hears for a check-in, a walk-in (and one fixing a
 * typo) and an unknown code, in English and Spanish, driven by keys alone.
 * What is expected is built from the translation table, never written out
 * here; what must never be said (a full last name, an email, a phone) is
 * checked on every utterance. With guidance on, the idle timeout doubles,
 * "Still there?" is said, and the idle reset ends the guidance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/import.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/kiosk_focus.h"
#include "ui/ui_i18n.h"
#include "ui_driver.h"

/* ---- the recorder ---- */

#define MAX_SAID 256

typedef struct Said {
    char lang[8];
    char text[2048];
} Said;

typedef struct Recorder {
    Said said[MAX_SAID];
    size_t n;
    size_t stops;
    int volume;
} Recorder;

static void rec_say(void *ud, const char *lang, const char *text)
{
    Recorder *r = ud;
    assert_true(r->n < MAX_SAID);
    snprintf(r->said[r->n].lang, sizeof r->said[0].lang, "%s", lang);
    snprintf(r->said[r->n].text, sizeof r->said[0].text, "%s", text);
    r->n++;
}

static void rec_stop(void *ud)
{
    ((Recorder *)ud)->stops++;
}

static void rec_volume(void *ud, int percent)
{
    ((Recorder *)ud)->volume = percent;
}

/* ---- fixture ---- */

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Recorder rec;
    Uid *d;
    size_t from; /* the first utterance not yet matched by expect_said */
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    uid_import_csv(f->store, "tests/ui/event/guests.csv", false, 1000);
    uid_import_csv(f->store, "tests/ui/event/programs.csv", true, 1000);
    config_defaults(&f->cfg);
    snprintf(f->cfg.kiosk_id, sizeof f->cfg.kiosk_id, "unit");
    SpeechPort port = {rec_say, rec_stop, rec_volume, &f->rec};
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store, .cfg = &f->cfg, .speech = port});
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

/* ---- what was heard ---- */

static void dump(const Fixture *f)
{
    for (size_t i = 0; i < f->rec.n; i++)
        fprintf(stderr, "  %zu [%s] %s\n", i, f->rec.said[i].lang, f->rec.said[i].text);
}

/* The next utterances, in order, contain text (each later than the last one
 * matched), all in language lang. */
static void expect_said(Fixture *f, const char *lang, const char *text)
{
    for (size_t i = f->from; i < f->rec.n; i++) {
        if (strstr(f->rec.said[i].text, text)) {
            assert_string_equal(f->rec.said[i].lang, lang);
            f->from = i; /* one utterance may hold several expected parts */
            return;
        }
    }
    dump(f);
    fail_msg("not said (from utterance %zu on): \"%s\"", f->from, text);
}

static void expect_private(const Fixture *f, const char *const *never, size_t n)
{
    for (size_t i = 0; i < f->rec.n; i++)
        for (size_t j = 0; j < n; j++)
            if (strstr(f->rec.said[i].text, never[j])) {
                dump(f);
                fail_msg("utterance %zu says \"%s\"", i, never[j]);
            }
}

static const char *focused(Uid *d)
{
    const UiWidget *w = kiosk_focus_widget(uid_kiosk(d));
    return w ? ui_view_text(uid_view(d), w->text) : "";
}

static void tab_to(Uid *d, const char *label)
{
    for (int i = 0; i < 60 && strcmp(focused(d), label); i++)
        uid_key(d, UI_KEY_TAB, 0);
    if (strcmp(focused(d), label))
        fail_msg("%s: Tab never reached '%s'", uid_screen(d), label);
}

/* "Label, button." as the kiosk describes a control. */
static void control(char *out, size_t n, UiLang lang, const char *label, UiStr kind, int state)
{
    if (state < 0)
        snprintf(out, n, "%s, %s.", label, ui_tr(lang, kind));
    else
        snprintf(out, n, "%s, %s, %s.", label, ui_tr(lang, kind), ui_tr(lang, (UiStr)state));
}

/* ---- the flows ---- */

static void check_in(Fixture *f, UiLang L)
{
    Uid *d = f->d;
    const char *lc = ui_lang_code(L);
    char line[600];
    if (L == UI_LANG_ES)
        uid_press(d, ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE)); /* "Español" */
    tab_to(d, ui_tr(L, S_SPEECH));
    uid_key(d, UI_KEY_RETURN, 0);
    expect_said(f, lc, ui_tr(L, S_SAY_ON));
    snprintf(line, sizeof line, ui_tr(L, S_SAY_WELCOME_FMT), f->cfg.name);
    expect_said(f, lc, line);
    /* Turned on, the focus is on Check in, said as such: one Enter away. */
    assert_string_equal(focused(d), ui_tr(L, S_CHECK_IN));
    control(line, sizeof line, L, ui_tr(L, S_CHECK_IN), S_SAY_BUTTON, -1);
    expect_said(f, lc, line);
    uid_key(d, UI_KEY_RETURN, 0);
    expect_said(f, lc, ui_tr(L, S_SAY_FIND));
    control(line, sizeof line, L, ui_tr(L, S_FIND_PLACEHOLDER), S_SAY_FIELD, S_SAY_EMPTY);
    expect_said(f, lc, line);
    uid_type(d, "ana", 150);
    /* Said once typing pauses: never "No match" for "an" on the way. */
    const char *no_match[] = {ui_tr(L, S_FIND_NONE)};
    expect_private(f, no_match, 1);
    uid_wait(d, 700);
    expect_said(f, lc, "Ana G. — Acme Welding.");
    expect_private(f, no_match, 1);
    uid_key(d, UI_KEY_DOWN, 0);
    control(line, sizeof line, L, "Ana G. — Acme Welding", S_SAY_ROW, -1);
    expect_said(f, lc, line);
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, "%s Ana G. — Acme Welding. %s", ui_tr(L, S_CONFIRM_TITLE),
             ui_tr(L, S_SAY_CONFIRM));
    expect_said(f, lc, line);
    /* The focus starts on Yes, said: Enter checks in, and the first Tab
     * is not "No" (which went back). */
    assert_string_equal(focused(d), ui_tr(L, S_YES));
    control(line, sizeof line, L, ui_tr(L, S_YES), S_SAY_BUTTON, -1);
    expect_said(f, lc, line);
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_INTERESTS_TITLE_FMT), "Ana");
    expect_said(f, lc, line);
    /* On Interests, on the first program (not "Not you?"). */
    const UiWidget *first = kiosk_focus_widget(uid_kiosk(d));
    assert_non_null(first);
    assert_int_equal(first->kind, UI_W_CHECK);
    tab_to(d, ui_tr(L, S_KIND_INTERNS));
    control(line, sizeof line, L, ui_tr(L, S_KIND_INTERNS), S_SAY_CHECKBOX, S_SAY_NOT_SELECTED);
    expect_said(f, lc, line);
    uid_type(d, " ", 0);
    control(line, sizeof line, L, ui_tr(L, S_KIND_INTERNS), S_SAY_CHECKBOX, S_SAY_SELECTED);
    expect_said(f, lc, line);
    tab_to(d, ui_tr(L, S_CONTINUE));
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_DONE_FMT), "Ana");
    expect_said(f, lc, line);
    expect_said(f, lc, ui_tr(L, S_DONE_SUB));
    /* Never the full last name, the email or the phone of anyone. */
    static const char *const NEVER[] = {"García", "Garcia", "@", "555", "Ruiz"};
    expect_private(f, NEVER, 5);
}

static void test_checkin_english(void **state)
{
    check_in(*state, UI_LANG_EN);
}

static void test_checkin_spanish(void **state)
{
    check_in(*state, UI_LANG_ES);
}

static void walk_in(Fixture *f, UiLang L)
{
    Uid *d = f->d;
    const char *lc = ui_lang_code(L);
    char line[600];
    if (L == UI_LANG_ES)
        uid_press(d, ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE));
    uid_key(d, UI_KEY_F1, 0); /* the shortcut */
    expect_said(f, lc, ui_tr(L, S_SAY_ON));
    tab_to(d, ui_tr(L, S_NEW_HERE));
    uid_key(d, UI_KEY_RETURN, 0);
    expect_said(f, lc, ui_tr(L, S_SAY_WALKIN));
    static const UiStr CAPTION[] = {S_FIRST, S_LAST, S_COMPANY, S_JOB, S_EMAIL};
    static const char *const VALUE[] = {"Zoë", "Quist", "Quist Robotics", "CTO",
                                        "zoe@quist.example"};
    for (size_t i = 0; i < 5; i++) {
        control(line, sizeof line, L, ui_tr(L, CAPTION[i]), S_SAY_FIELD, S_SAY_EMPTY);
        expect_said(f, lc, line);
        uid_type(d, VALUE[i], 150);
        uid_key(d, UI_KEY_RETURN, 0);
    }
    uid_type(d, "555-0100", 150);
    tab_to(d, ui_tr(L, S_NEXT));
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_INTERESTS_TITLE_FMT), "Zoë");
    expect_said(f, lc, line);
    tab_to(d, ui_tr(L, S_CONTINUE));
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_DONE_FMT), "Zoë");
    expect_said(f, lc, line);
    /* What the guest typed is theirs, but not read out to the room. */
    static const char *const NEVER[] = {"zoe@", "555", "Quist Robotics"};
    expect_private(f, NEVER, 3);
}

/* Moves the focus with the arrow keys onto the widget labelled label. */
static void arrow_to(Uid *d, const char *label)
{
    for (int i = 0; i < 60; i++) {
        const UiWidget *t = ui_view_find_label(uid_view(d), label);
        const UiWidget *w = kiosk_focus_widget(uid_kiosk(d));
        if (!t)
            fail_msg("no '%s' on %s (after %d arrows, at '%s')", label, uid_screen(d), i,
                     w ? ui_view_text(uid_view(d), w->text) : "");
        if (w == t)
            return;
        int wy = w ? w->r.y + w->r.h / 2 : -1;
        UiKey key = !w || wy < t->r.y      ? UI_KEY_DOWN
                    : wy > t->r.y + t->r.h ? UI_KEY_UP
                    : w->r.x < t->r.x      ? UI_KEY_RIGHT
                                           : UI_KEY_LEFT;
        uid_key(d, key, 0);
    }
    fail_msg("%s: the arrows never reached '%s'", uid_screen(d), label);
}

/* The keyboard's tone marks are said by name: a voice reads the dotted
 * circle they are shown on, not the mark. */
static void tone_marks(Fixture *f, UiLang L)
{
    Uid *d = f->d;
    const char *lc = ui_lang_code(L);
    char line[200];
    if (L == UI_LANG_ES)
        uid_press(d, ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE));
    uid_key(d, UI_KEY_F1, 0);
    tab_to(d, ui_tr(L, S_NEW_HERE));
    uid_key(d, UI_KEY_RETURN, 0);
    /* Pages turned from the keyboard too: a field the arrows pass through
     * turns it back to the letters. */
    arrow_to(d, "áé");
    uid_key(d, UI_KEY_RETURN, 0);
    /* The key pressed turned into another: it is said. */
    char line0[200];
    control(line0, sizeof line0, L, "ăłđ", S_SAY_KEY, -1);
    expect_said(f, lc, line0);
    arrow_to(d, "ăłđ");
    uid_key(d, UI_KEY_RETURN, 0);
    static const struct {
        const char *key;
        UiStr name;
    } MARKS[] = {{"\u25CC\u0303", S_SAY_MARK_TILDE},
                 {"\u25CC\u0301", S_SAY_MARK_ACUTE},
                 {"\u25CC\u0323", S_SAY_MARK_DOT}};
    for (size_t i = 0; i < sizeof MARKS / sizeof MARKS[0]; i++) {
        arrow_to(d, MARKS[i].key);
        control(line, sizeof line, L, ui_tr(L, MARKS[i].name), S_SAY_KEY, -1);
        expect_said(f, lc, line);
    }
    static const char *const NEVER[] = {"\u25CC"};
    expect_private(f, NEVER, 1);
}

static void test_tone_marks_english(void **state)
{
    tone_marks(*state, UI_LANG_EN);
}

static void test_tone_marks_spanish(void **state)
{
    tone_marks(*state, UI_LANG_ES);
}

static void test_walkin_english(void **state)
{
    walk_in(*state, UI_LANG_EN);
}

static void test_walkin_spanish(void **state)
{
    walk_in(*state, UI_LANG_ES);
}

/* A walk-in hears on Interests that they can fix their details, and on the
 * form what it is for and what to do, as on the walk-in form; the fields are
 * named, never read out; back on Interests, the corrected name. */
static void walk_in_fix(Fixture *f, UiLang L)
{
    Uid *d = f->d;
    const char *lc = ui_lang_code(L);
    char line[600];
    if (L == UI_LANG_ES)
        uid_press(d, ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE));
    uid_key(d, UI_KEY_F1, 0);
    tab_to(d, ui_tr(L, S_NEW_HERE));
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Zoe", 150);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Quistt", 150);
    tab_to(d, ui_tr(L, S_NEXT));
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_INTERESTS_TITLE_FMT), "Zoe");
    expect_said(f, lc, line);
    expect_said(f, lc, ui_tr(L, S_SAY_INTERESTS_FIX));
    tab_to(d, ui_tr(L, S_FIX_DETAILS));
    control(line, sizeof line, L, ui_tr(L, S_FIX_DETAILS), S_SAY_BUTTON, -1);
    expect_said(f, lc, line);
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, "%s. %s", ui_tr(L, S_FIX_TITLE), ui_tr(L, S_SAY_FIX));
    expect_said(f, lc, line);
    snprintf(line, sizeof line, "%s, %s.", ui_tr(L, S_FIRST), ui_tr(L, S_SAY_FIELD));
    expect_said(f, lc, line); /* filled: not "empty", and not read out */
    uid_key(d, UI_KEY_BACKSPACE, 0);
    uid_type(d, "ë", 150);
    tab_to(d, ui_tr(L, S_SAVE));
    uid_key(d, UI_KEY_RETURN, 0);
    snprintf(line, sizeof line, ui_tr(L, S_INTERESTS_TITLE_FMT), "Zoë");
    expect_said(f, lc, line);
    static const char *const NEVER[] = {"Quist"};
    expect_private(f, NEVER, 1);
}

static void test_walkin_fix_english(void **state)
{
    walk_in_fix(*state, UI_LANG_EN);
}

static void test_walkin_fix_spanish(void **state)
{
    walk_in_fix(*state, UI_LANG_ES);
}

static void unknown_code(Fixture *f, UiLang L)
{
    Uid *d = f->d;
    if (L == UI_LANG_ES)
        uid_press(d, ui_tr(UI_LANG_EN, S_OTHER_LANGUAGE));
    uid_key(d, UI_KEY_F1, 0);
    assert_string_equal(focused(d), ui_tr(L, S_CHECK_IN)); /* F1 as Accessibility does */
    uid_scan(d, "999999");
    expect_said(f, ui_lang_code(L), ui_tr(L, S_SCAN_UNKNOWN));
    assert_string_equal(uid_screen(d), "welcome");
}

static void test_unknown_english(void **state)
{
    unknown_code(*state, UI_LANG_EN);
}

static void test_unknown_spanish(void **state)
{
    unknown_code(*state, UI_LANG_ES);
}

/* Twice the time, "Still there?" said, and the reset ends the guidance. */
static void test_idle(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    uid_key(d, UI_KEY_F1, 0);
    uid_key(d, UI_KEY_KP_PLUS, 0);
    assert_int_equal(f->rec.volume, 90);
    uid_key(d, UI_KEY_KP_MINUS, 0);
    uid_key(d, UI_KEY_KP_MINUS, 0);
    assert_int_equal(f->rec.volume, 70);
    char line[80];
    snprintf(line, sizeof line, ui_tr(UI_LANG_EN, S_SAY_VOLUME_FMT), 70);
    expect_said(f, "en", line);
    uid_press(d, "Check in");
    int timeout = f->cfg.idle_timeout_s * 1000;
    uid_wait(d, timeout + 1000); /* past the usual timeout: still here */
    assert_string_equal(uid_screen(d), "find");
    uid_wait(d, timeout - 1000 - 10000 + 500); /* the prompt, 10 s before twice the time */
    expect_said(f, "en", ui_tr(UI_LANG_EN, S_STILL_THERE));
    uid_wait(d, 10000);
    assert_string_equal(uid_screen(d), "welcome");
    assert_true(f->rec.stops >= 1);
    size_t n = f->rec.n;
    uid_key(d, UI_KEY_TAB, 0);
    uid_key(d, UI_KEY_TAB, 0);
    assert_int_equal(f->rec.n, n); /* the next guest hears nothing unless they ask */
}

/* The volume is the kiosk's: it starts at event.ini's speech_volume, and in
 * staff mode (guidance off) the keypad's + and - still set it, said aloud. */
static void test_volume_staff(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    f->cfg.speech_volume = 50;
    uid_hold(d, 5, 5, 3100);
    assert_string_equal(uid_screen(d), "staff_pin");
    uid_key(d, UI_KEY_KP_PLUS, 0);
    assert_int_equal(f->rec.volume, 60);
    char line[80];
    snprintf(line, sizeof line, ui_tr(UI_LANG_EN, S_SAY_VOLUME_FMT), 60);
    expect_said(f, "en", line);
    assert_int_equal(f->rec.n, 1); /* the level, and nothing else */
    uid_key(d, UI_KEY_F1, 0);
    assert_int_equal(f->rec.volume, 60); /* kept for guidance */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_checkin_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tone_marks_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tone_marks_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_fix_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_fix_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_volume_staff, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
