/* test_ui_door.c — what a trial at the door found (issue 8), each checked on
 * the database as well as on the screen: a walk-in sees the consent question
 * before leaving the form at every size and with larger text, and their
 * consent reaches the follow-up list; Interests shows both choices on the
 * first view at every size; "Not you?" undoes a wrong check-in and prints no
 * badge. Driven in process by the UI driver (ui_driver.h) with the demo's
 * twelve programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "core/event_config.h"
#include "core/import.h"
#include "store/store.h"
#include "ui/ui.h"
#include "platform/font.h"
#include "ui_driver.h"

typedef struct Fixture {
    char *dir;
    Store *store;
    EventConfig cfg;
    Uid *d;
    int prints;
    FontSet *fonts; /* the kiosk's font, for a test of what is cut (use_real_font) */
} Fixture;

static const int SIZES[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
#define NSIZES (sizeof SIZES / sizeof SIZES[0])

static int count_print(void *ud, const char *guest_id)
{
    (void)guest_id;
    ((Fixture *)ud)->prints++;
    return 0;
}

static void import_file(Fixture *f, const char *rel, ImportKind kind)
{
    char *csv = tu_source(rel);
    size_t len;
    char *raw = tu_read(csv, &len);
    assert_non_null(raw);
    ImportReport rep;
    import_report_init(&rep, csv);
    GuestList gl;
    ProgramList pl;
    guest_list_init(&gl);
    program_list_init(&pl);
    if (kind == IMPORT_GUESTS) {
        assert_int_equal(import_parse_guests(raw, len, &gl, &rep), 0);
        assert_int_equal(store_import_guests(f->store, &gl, &rep, 1000), STORE_OK);
    } else {
        assert_int_equal(import_parse_programs(raw, len, &pl, &rep), 0);
        assert_int_equal(store_import_programs(f->store, &pl, &rep, 1000), STORE_OK);
    }
    guest_list_free(&gl);
    program_list_free(&pl);
    import_report_free(&rep);
    free(raw);
    free(csv);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    char *db = tu_path(f->dir, "k.db");
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    import_file(f, "tests/ui/event/guests.csv", IMPORT_GUESTS);
    import_file(f, "assets/demo/programs.csv", IMPORT_PROGRAMS);
    config_defaults(&f->cfg);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store, .cfg = &f->cfg, .printer = {.print = count_print, .ud = f}});
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    if (f->fonts)
        font_set_destroy(f->fonts);
    store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* The widget labelled label is on screen whole: not cut by a scroll area
 * nor by the window's edge. */
static bool whole(Fixture *f, const char *label)
{
    const UiWidget *w = ui_view_find_label(uid_view(f->d), label);
    return w && w->clip.x == w->r.x && w->clip.y == w->r.y && w->clip.w == w->r.w &&
           w->clip.h == w->r.h && w->r.x >= 0 && w->r.y >= 0 &&
           w->r.x + w->r.w <= uid_width(f->d) && w->r.y + w->r.h <= uid_height(f->d);
}

static void assert_whole(Fixture *f, const char *label)
{
    if (!whole(f, label))
        fail_msg("%dx%d: '%s' is not wholly on screen (%s)", uid_width(f->d), uid_height(f->d),
                 label, uid_screen(f->d));
}

/* The consent question is on the walk-in form with the keyboard up, at every
 * size, in normal and larger text. */
static void test_walkin_consent_in_view(void **state)
{
    Fixture *f = *state;
    for (int larger = 0; larger < 2; larger++) {
        if (larger)
            uid_press(f->d, "Larger text");
        uid_press(f->d, "I'm new here");
        for (size_t s = 0; s < NSIZES; s++) {
            uid_resize(f->d, SIZES[s][0], SIZES[s][1]);
            assert_string_equal(uid_screen(f->d), "walkin");
            assert_whole(f, "You may contact me about partnering");
            assert_whole(f, "Next");
        }
        uid_resize(f->d, 800, 480);
        uid_press(f->d, "Back");
    }
}

static bool contains_row(const char *csv, const char *a, const char *b)
{
    for (const char *line = csv; line && *line;) {
        const char *end = strstr(line, "\n");
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char *row = strndup(line, n);
        bool hit = row && strstr(row, a) && strstr(row, b);
        free(row);
        if (hit)
            return true;
        line = end ? end + 1 : NULL;
    }
    return false;
}

/* A walk-in who ticks the box reaches the follow-up list with their email:
 * Interests asks again, starting ticked, and keeps it. */
static void test_walkin_consent_reaches_followup(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "Priya", 100);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, "Raman", 100);
    for (int i = 0; i < 3; i++) /* company and job title left empty */
        uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, "priya@raman.example", 100);
    uid_press(f->d, "You may contact me about partnering");
    uid_press(f->d, "Next");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_whole(f, "You may contact me about partnering");
    uid_press(f->d, "Welding Technology");
    uid_press(f->d, "Continue");
    assert_string_equal(uid_screen(f->d), "done");
    assert_int_equal(f->prints, 1);
    char *out = tu_path(f->dir, "followup.csv");
    char *db = tu_path(f->dir, "k.db");
    TuRun r = tu_lanyard("export", "followup", "--db", db, "--out", out, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char *csv = tu_read(out, NULL);
    assert_non_null(csv);
    if (!contains_row(csv, "Raman", "priya@raman.example"))
        fail_msg("no follow-up row with the walk-in's email:\n%s", csv);
    free(csv);
    free(db);
    free(out);
}

/* Interests with twelve programs: the programs and the kinds of partnership
 * are both there on the first view, each with a tile wholly in view, at
 * every size and with larger text; Continue and the consent box too. */
static void test_interests_both_choices(void **state)
{
    Fixture *f = *state;
    static const char *const CODES[] = {"2713624642", "2713854927"};
    for (int larger = 0; larger < 2; larger++) {
        if (larger)
            uid_press(f->d, "Larger text");
        uid_scan(f->d, CODES[larger]);
        for (size_t s = 0; s < NSIZES; s++) {
            uid_resize(f->d, SIZES[s][0], SIZES[s][1]);
            assert_string_equal(uid_screen(f->d), "interests");
            uid_expect(f->d, "Programs you would like to support");
            uid_expect(f->d, "Ways you could partner");
            assert_whole(f, "Welding Technology");
            assert_whole(f, "Host interns");
            assert_whole(f, "You may contact me about partnering");
            assert_whole(f, "Continue");
            assert_true(uid_visible(f->d, "and print my badge"));
        }
        uid_resize(f->d, 800, 480);
        uid_press(f->d, "Host interns");
        uid_press(f->d, "Continue");
        assert_string_equal(uid_screen(f->d), "done");
        uid_press(f->d, "Done");
    }
}

static bool is_checked_in(Fixture *f, const char *code)
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, code, &g), STORE_OK);
    bool in = false;
    assert_int_equal(store_is_checked_in(f->store, g.id, &in), STORE_OK);
    guest_clear(&g);
    return in;
}

/* The wrong name tapped: "Not you?" checks them out again, prints nothing,
 * and goes back to Find me; the right guest then checks in. */
static void test_not_you(void **state)
{
    Fixture *f = *state;
    uid_press(f->d, "Check in");
    uid_type(f->d, "ana", 100);
    uid_press(f->d, "Ana G. — Acme Welding");
    uid_press(f->d, "Yes, check me in");
    assert_true(is_checked_in(f, "2713624642"));
    /* Back by habit (Escape, a keypad's 0) or a brushed "Not you?" undoes
     * nothing: it asks, and "No, go back" keeps the check-in and the picks. */
    uid_press(f->d, "Welding Technology");
    uid_key(f->d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(f->d), "not_me");
    uid_expect(f->d, "Not Ana?");
    uid_expect(f->d, "This cancels the check-in");
    uid_press(f->d, "No, go back");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(is_checked_in(f, "2713624642"));
    assert_true(uid_ticked(f->d, "Welding Technology"));
    uid_press(f->d, "Not you?");
    assert_string_equal(uid_screen(f->d), "not_me");
    uid_key(f->d, UI_KEY_ESCAPE, 0);
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(is_checked_in(f, "2713624642"));
    /* The wrong name tapped: said so, the check-in is undone. */
    uid_press(f->d, "Not you?");
    uid_press(f->d, "Yes, cancel it");
    assert_string_equal(uid_screen(f->d), "find");
    assert_false(is_checked_in(f, "2713624642"));
    assert_int_equal(f->prints, 0);
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    assert_int_equal(st.checked_in, 0);
    assert_int_equal(st.undone, 1);
    /* A walk-in is not offered it: they typed their own name. */
    uid_press(f->d, "Back");
    uid_press(f->d, "I'm new here");
    uid_type(f->d, "Li", 100);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, "Wei", 100);
    uid_press(f->d, "Next");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_false(uid_visible(f->d, "Not you?"));
}

/* The next person scans their ticket while Ana is still choosing: what she
 * ticked is saved for her (her badge prints with it), not dropped unseen. */
static void test_scan_keeps_the_picks(void **state)
{
    Fixture *f = *state;
    uid_scan(f->d, "2713624642");
    assert_string_equal(uid_screen(f->d), "interests");
    uid_press(f->d, "Welding Technology");
    uid_press(f->d, "Mentoring");
    uid_press(f->d, "You may contact me about partnering");
    uid_wait(f->d, 2000);
    /* A code nobody has ends nothing: nothing saved, no badge yet. */
    uid_scan(f->d, "999999");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(uid_ticked(f->d, "Welding Technology"));
    assert_int_equal(f->prints, 0);
    uid_wait(f->d, 2000);
    uid_scan(f->d, "2713854927");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_false(uid_ticked(f->d, "Welding Technology")); /* the next guest's own */
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "2713624642", &g), STORE_OK);
    char **programs = NULL, **kinds = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(f->store, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_int_equal(nk, 1);
    assert_string_equal(kinds[0], "mentoring");
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "2713624642", &g), STORE_OK);
    assert_true(g.consent);
    guest_clear(&g);
}

/* An unknown code scanned says so on every guest screen, in both languages. */
static void test_unknown_scan_everywhere(void **state)
{
    Fixture *f = *state;
    static const char *const SAYS[] = {"We could not find that code", "No encontramos ese código"};
    static const char *const TAP_CHECK_IN[] = {"Please tap Check in", "Toque «Registrar"};
    for (int es = 0; es < 2; es++) {
        if (es)
            uid_press(f->d, "Español");
        const char *const steps[][2] = {
            {NULL, "welcome"},
            {es ? "Registrar mi llegada" : "Check in", "find"},
            {"@ana", "confirm"},
            {es ? "No, volver" : "No, go back", NULL},
            {es ? "Atrás" : "Back", NULL},
            {es ? "No me inscribí" : "I'm new here", "walkin"},
            {es ? "Atrás" : "Back", NULL},
            {es ? "Explorar programas" : "Explore programs", "programs"},
            {es ? "Tecnología de soldadura" : "Welding Technology", "program"},
        };
        for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
            const char *press = steps[i][0];
            if (press && press[0] == '@') {
                uid_type(f->d, press + 1, 100);
                uid_press(f->d, "Ana G. — Acme Welding");
            } else if (press) {
                uid_press(f->d, press);
            }
            if (!steps[i][1])
                continue;
            assert_string_equal(uid_screen(f->d), steps[i][1]);
            uid_scan(f->d, "NOPE-404");
            uid_expect(f->d, SAYS[es]);
            /* Pointed to Check in only where Check in is. */
            assert_int_equal(uid_visible(f->d, TAP_CHECK_IN[es]), !strcmp(steps[i][1], "welcome"));
            assert_string_equal(uid_screen(f->d), steps[i][1]);
            uid_wait(f->d, 7000); /* the notice goes */
        }
        uid_press(f->d, es ? "Atrás" : "Back");
        uid_press(f->d, es ? "Atrás" : "Back");
        uid_scan(f->d, es ? "2713854927" : "2713624642");
        assert_string_equal(uid_screen(f->d), "interests");
        uid_scan(f->d, "NOPE-404");
        uid_expect(f->d, SAYS[es]);
        assert_false(uid_visible(f->d, TAP_CHECK_IN[es]));
        uid_press(f->d, es ? "Continuar" : "Continue");
        assert_string_equal(uid_screen(f->d), "done");
        uid_scan(f->d, "NOPE-404");
        uid_expect(f->d, SAYS[es]);
        uid_wait(f->d, 30000); /* back to Welcome, in the event's language */
        if (es)
            uid_press(f->d, "Español");
        uid_scan(f->d, es ? "2713854927" : "2713624642");
        assert_string_equal(uid_screen(f->d), "already");
        uid_scan(f->d, "NOPE-404");
        uid_expect(f->d, SAYS[es]);
        uid_wait(f->d, 30000);
    }
}

static int stick_at(void *ud, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", (const char *)ud);
    return 0;
}

static int fake_test_badge(void *ud, int64_t now, TestBadge *out)
{
    (void)ud;
    (void)now;
    snprintf(out->path, sizeof out->path, "/var/lib/lanyard/badges/test-badge.png");
    return 0;
}

/* The program names drawn on the interest chart: every one at one size. */
static void chart_names_one_size(Fixture *f)
{
    const UiView *v = uid_view(f->d);
    static const char *const NAMES[] = {"Welding Technology", "Culinary Arts"};
    int px = 0, seen = 0;
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type != UI_CMD_TEXT)
            continue;
        const char *text = ui_view_text(v, c->text);
        for (size_t n = 0; n < 2; n++) {
            if (strcmp(text, NAMES[n]) != 0)
                continue;
            if (px && c->px != px)
                fail_msg("'%s' at %d px, the other bar's label at %d", text, c->px, px);
            px = c->px;
            seen++;
        }
    }
    assert_int_equal(seen, 2);
}

/* After Export to USB and after Print test badge the dashboard's charts stay
 * drawn beside what the action came to, at every size. */
/* A guest who first shows the wrong code (another barcode on their phone),
 * then the right one: their Interests does not tell them the code was not
 * found. */
static void test_good_scan_after_unknown(void **state)
{
    Fixture *f = *state;
    static const int GAPS[] = {500, 2000, 4000};
    static const char *const CODES[] = {"2713624642", "2713854927", "2714155023"};
    for (size_t i = 0; i < 3; i++) {
        uid_scan(f->d, "NOPE-404");
        uid_expect(f->d, "We could not find that code");
        uid_wait(f->d, GAPS[i]);
        uid_scan(f->d, CODES[i]);
        assert_string_equal(uid_screen(f->d), "interests");
        if (uid_visible(f->d, "We could not find that code"))
            fail_msg("the notice of the code scanned %d ms before shows on Interests", GAPS[i]);
        uid_press(f->d, "Continue");
        uid_wait(f->d, 30000); /* Done, back to Welcome */
        assert_string_equal(uid_screen(f->d), "welcome");
    }
}

/* No text inside r is cut short with an ellipsis or drawn past the window. */
static void assert_texts_whole(const UiView *v, UiRect r)
{
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type != UI_CMD_TEXT || !ui_rect_contains(r, c->r.x, c->r.y))
            continue;
        const char *t = ui_view_text(v, c->text);
        if (strstr(t, "…") || c->r.x < 0 || c->r.x + c->r.w > v->w || c->r.y < 0 ||
            c->r.y + c->r.h > v->h)
            fail_msg("at %dx%d, '%s' is cut or outside the screen", v->w, v->h, t);
    }
}

/* Every button is inside the window, and no two overlap. */
static void assert_buttons_apart(const UiView *v)
{
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *a = &v->widgets[i];
        if (a->kind != UI_W_BUTTON)
            continue;
        if (a->r.x < 0 || a->r.x + a->r.w > v->w || a->r.y < 0 || a->r.y + a->r.h > v->h)
            fail_msg("at %dx%d, '%s' runs off the screen", v->w, v->h, ui_view_text(v, a->text));
        for (size_t j = i + 1; j < v->nwidgets; j++) {
            const UiWidget *b = &v->widgets[j];
            if (b->kind == UI_W_BUTTON && a->r.x < b->r.x + b->r.w && b->r.x < a->r.x + a->r.w &&
                a->r.y < b->r.y + b->r.h && b->r.y < a->r.y + a->r.h)
                fail_msg("at %dx%d, '%s' overlaps '%s'", v->w, v->h, ui_view_text(v, a->text),
                         ui_view_text(v, b->text));
        }
    }
}

static void assert_message_whole(Uid *d)
{
    const UiView *v = uid_view(d);
    assert_texts_whole(v, ui_rect(0, 0, v->w, v->h));
    assert_buttons_apart(v);
}

/* On Welcome: Spanish when es, larger text when larger (a visit starts in
 * English with plain text). */
static void choose_on_welcome(Uid *d, bool es, bool larger)
{
    if (es)
        uid_press(d, "Español");
    if (larger)
        uid_press(d, es ? "Texto más grande" : "Larger text");
}

/* Back (in the visit's language) from the walk-in form, and left alone
 * until Welcome, in English and plain text again. */
static void back_and_wait_for_welcome(Uid *d, bool es)
{
    uid_press(d, es ? "Atrás" : "Back");
    uid_wait(d, 100000);
    assert_string_equal(uid_screen(d), "welcome");
}

/* Done tells a guest whose badge was saved for staff to ask at the desk:
 * the whole sentence, in English and Spanish, with and without larger
 * text, on the Pi's panels either way round and on a portrait tablet. */
static void test_done_whole(void **state)
{
    Fixture *f = *state;
    Uid *d = f->d;
    static const char *const CODES[] = {"2713624642", "2713854927", "2714155023", "2714200001"};
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1080, 1920}, {1280, 720}};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        uid_scan(d, CODES[i]);
        assert_string_equal(uid_screen(d), "interests");
        uid_press(d, es ? "Continuar" : "Continue");
        assert_string_equal(uid_screen(d), "done");
        /* No printer: the badge was written as a file, saved for staff to
         * print, the longest of the statuses. */
        PrintJob job = {.state = PRINT_DONE};
        Guest g;
        guest_init(&g);
        assert_int_equal(store_guest_by_code(f->store, CODES[i], &g), STORE_OK);
        memcpy(job.guest_id, g.id, sizeof g.id);
        guest_clear(&g);
        snprintf(job.output, sizeof job.output, "%s/badge.png", f->dir);
        visit_badge_update(uid_visit(d), &job);
        uid_frame(d);
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            uid_expect(d, es ? "mesa." : "desk."); /* the sentence to its end */
            assert_message_whole(d);
        }
        uid_resize(d, 800, 480);
        uid_wait(d, 30000);
        assert_string_equal(uid_screen(d), "welcome");
    }
}

/* Every key of the on-screen keyboard shows its whole label: "Mayús" and
 * "Ocultar" were "May…" and "Ocul…" on a panel upright with larger text,
 * which tells a guest nothing. All four pages, both languages, both text
 * sizes, on the Pi's panels either way round and on portrait tablets. */
static int real_measure(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height)
{
    return font_measure(ud, utf8, px, w == UI_BOLD ? FONT_BOLD : FONT_REGULAR, width, height);
}

/* The kiosk measured with its own font from here on: the fake one is
 * narrower than Noto Sans, and labels that are a few pixels from an edge
 * pass with it and are cut on the screen. */
static void use_real_font(Fixture *f)
{
    char err[256], *assets = tu_source("assets");
    f->fonts = font_set_create(assets, err, sizeof err);
    free(assets);
    if (!f->fonts)
        fail_msg("%s", err);
    uid_destroy(f->d);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store, .cfg = &f->cfg, .measure = {f->fonts, real_measure}});
}

static void test_keyboard_keys_whole(void **state)
{
    Fixture *f = *state;
    use_real_font(f);
    Uid *d = f->d;
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1080, 1920}};
    static const char *const PAGES[] = {"123", "ABC", "áé", "ăłđ"};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        uid_press(d, es ? "No me inscribí" : "I'm new here");
        assert_string_equal(uid_screen(d), "walkin");
        for (size_t p = 0; p < sizeof PAGES / sizeof PAGES[0]; p++) {
            uid_press(d, PAGES[p]); /* the letters page shows after 123's ABC */
            for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
                uid_resize(d, AT[s][0], AT[s][1]);
                const UiView *v = uid_view(d);
                size_t keys = 0;
                for (size_t w = 0; w < v->nwidgets; w++)
                    if (v->widgets[w].kind == UI_W_KEY) {
                        assert_texts_whole(v, v->widgets[w].r);
                        keys++;
                    }
                if (keys < 35)
                    fail_msg("%zu keys at %dx%d on page %s", keys, AT[s][0], AT[s][1], PAGES[p]);
            }
            uid_resize(d, 800, 480);
        }
        back_and_wait_for_welcome(d, es);
    }
}

/* The walk-in form's consent sentence reads whole: in Spanish with larger
 * text on a panel upright it was "Acepto que me contacten sobre colabor…",
 * a consent the guest cannot read to the end. */
static void test_walkin_consent_whole(void **state)
{
    Fixture *f = *state;
    use_real_font(f);
    Uid *d = f->d;
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1080, 1920}, {1280, 720}};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        uid_press(d, es ? "No me inscribí" : "I'm new here");
        const char *consent = es ? "Acepto que me contacten sobre colaboraciones"
                                 : "You may contact me about partnering";
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            const UiView *v = uid_view(d);
            const UiWidget *w = NULL;
            for (size_t k = 0; k < v->nwidgets && !w; k++)
                if (v->widgets[k].kind == UI_W_CHECK &&
                    !strcmp(ui_view_text(v, v->widgets[k].text), consent))
                    w = &v->widgets[k];
            if (!w)
                fail_msg("no consent box at %dx%d", AT[s][0], AT[s][1]);
            assert_texts_whole(v, w->r);
        }
        uid_resize(d, 800, 480);
        back_and_wait_for_welcome(d, es);
    }
}

/* Some text drawn that begins with prefix is whole: there is one, and it is
 * not cut (a cut one may also be drawn, as a field's placeholder). */
static void assert_drawn_whole(const UiView *v, const char *prefix)
{
    const char *cut = NULL;
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        const char *t = c->type == UI_CMD_TEXT ? ui_view_text(v, c->text) : "";
        if (strncmp(t, prefix, strlen(prefix)))
            continue;
        if (!strstr(t, "…"))
            return;
        cut = t;
    }
    if (cut)
        fail_msg("at %dx%d, '%s' is cut", v->w, v->h, cut);
    fail_msg("at %dx%d, nothing drawn reads '%s…'", v->w, v->h, prefix);
}

/* Welcome reads whole: the instruction and the venue wrap, and the way back
 * from a language chosen by mistake ("English") is never "Engl…". */
static void test_welcome_whole(void **state)
{
    Fixture *f = *state;
    use_real_font(f);
    Uid *d = f->d;
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1080, 1920}, {1280, 720}};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            assert_message_whole(d);
        }
        uid_resize(d, 800, 480);
        if (larger)
            uid_press(d, es ? "Texto más grande" : "Larger text");
        if (es)
            uid_press(d, "English");
    }
}

/* A guest with larger text, on a panel upright, reads Find me's one
 * instruction whole, and "Is this you?" with the company whole: it is what
 * tells them the row is theirs. */
static void test_find_and_confirm_whole(void **state)
{
    Fixture *f = *state;
    use_real_font(f);
    Uid *d = f->d;
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1080, 1920}};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        uid_press(d, es ? "Registrar mi llegada" : "Check in");
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            assert_drawn_whole(uid_view(d), es ? "Escriba su nombre" : "Type your first name");
        }
        uid_resize(d, 800, 480);
        uid_type(d, "jose", 100);
        uid_press(d, "José H. — Hernández Auto Body");
        assert_string_equal(uid_screen(d), "confirm");
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            const UiView *v = uid_view(d);
            assert_texts_whole(v, ui_rect(0, 0, v->w, v->h));
        }
        uid_resize(d, 800, 480);
        uid_wait(d, 100000);
        assert_string_equal(uid_screen(d), "welcome");
    }
}

/* What is wrong with a field reads whole: "This does not look like an
 * email addr…" and "Esto no parece un cor…" told a guest with larger text
 * nothing of what to fix. */
static void test_walkin_errors_whole(void **state)
{
    Fixture *f = *state;
    use_real_font(f);
    Uid *d = f->d;
    static const int AT[][2] = {{800, 480}, {480, 800}, {720, 1280}, {1280, 800}};
    for (int i = 0; i < 4; i++) {
        bool es = i & 1, larger = i & 2;
        choose_on_welcome(d, es, larger);
        uid_press(d, es ? "No me inscribí" : "I'm new here");
        uid_type(d, "Bart", 100);
        uid_key(d, UI_KEY_RETURN, 0);
        uid_type(d, "Simpson", 100);
        for (int k = 0; k < 3; k++)
            uid_key(d, UI_KEY_RETURN, 0);
        uid_type(d, "bart@", 100);
        uid_key(d, UI_KEY_RETURN, 0);
        uid_type(d, "abc", 100);
        uid_press(d, es ? "Siguiente" : "Next");
        for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
            uid_resize(d, AT[s][0], AT[s][1]);
            assert_drawn_whole(uid_view(d), es ? "Esto no parece" : "This does not look");
            assert_drawn_whole(uid_view(d), es ? "Use solo n" : "Use only digits");
        }
        uid_resize(d, 800, 480);
        back_and_wait_for_welcome(d, es);
    }
}

/* Ana finds herself and checks in in Spanish with larger text: on Interests. */
static void ana_on_interests_larger_spanish(Fixture *f)
{
    choose_on_welcome(f->d, true, true);
    uid_press(f->d, "Registrar mi llegada");
    uid_type(f->d, "Ana", 100);
    uid_press(f->d, "Ana G. — Acme Welding");
    uid_press(f->d, "Sí, registrar mi llegada");
    assert_string_equal(uid_screen(f->d), "interests");
}

/* Interests with larger text in Spanish on portrait panels: "¿No es
 * usted?" (which undoes the check-in) and Continue side by side, never one
 * over the other, and the consent sentence whole. */
static void test_interests_bar_apart(void **state)
{
    Fixture *f = *state;
    static const int AT[][2] = {{480, 800}, {720, 1280}, {1080, 1920}, {800, 480}};
    ana_on_interests_larger_spanish(f);
    for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
        uid_resize(f->d, AT[s][0], AT[s][1]);
        const UiView *v = uid_view(f->d);
        assert_buttons_apart(v);
        const UiWidget *consent =
            ui_view_find_label(v, "Acepto que me contacten sobre colaboraciones");
        assert_non_null(consent);
        assert_texts_whole(v, consent->r);
    }
}

/* Check boxes and tiles shown whole on the view (the consent is one). */
static int whole_tiles(const UiView *v)
{
    int n = 0;
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        n += w->kind == UI_W_CHECK && w->clip.h == w->r.h && w->clip.w == w->r.w;
    }
    return n;
}

/* The older Spanish-speaking guest who turns on larger text sees several
 * choices at once on a 7" panel: the title beside "¿No es usted?" and the
 * consent beside Continue, not each on a row of its own. */
static void test_interests_larger_text_room(void **state)
{
    Fixture *f = *state;
    ana_on_interests_larger_spanish(f);
    int n = whole_tiles(uid_view(f->d)) - 1; /* the consent */
    if (n < 3)
        fail_msg("only %d choices shown whole at 800x480", n);
}

static void test_staff_charts_stay(void **state)
{
    Fixture *f = *state;
    char *stick = tu_path(f->dir, "stick");
    assert_int_equal(mkdir(stick, 0700), 0);
    uid_destroy(f->d);
    f->d = uid_kiosk_create(
        &(UidSetup){.store = f->store,
                    .cfg = &f->cfg,
                    .windowed = true,
                    .printer = {.print = count_print, .test_badge = fake_test_badge, .ud = f},
                    .media = {stick_at, stick}});
    static const char *const PICK[] = {"Welding Technology", "Culinary Arts"};
    static const char *const CODES[] = {"2713624642", "2713854927"};
    for (size_t i = 0; i < 2; i++) {
        uid_scan(f->d, CODES[i]);
        uid_press(f->d, PICK[i]);
        uid_press(f->d, "Continue");
        uid_press(f->d, "Done");
    }
    uid_hold(f->d, 5, 5, 3000);
    uid_press(f->d, "OK");
    assert_string_equal(uid_screen(f->d), "staff_home");
    for (size_t s = 0; s < NSIZES; s++) {
        uid_resize(f->d, SIZES[s][0], SIZES[s][1]);
        uid_press(f->d, "Export to USB");
        uid_settle(f->d); /* the export runs on a thread of its own */
        uid_expect(f->d, "Exported to:");
        uid_expect(f->d, "Arrivals per 15 minutes");
        uid_expect(f->d, "Interest per program");
        chart_names_one_size(f);
        uid_press(f->d, "Print test badge");
        uid_expect(f->d, "Test badge written to:");
        uid_expect(f->d, "Arrivals per 15 minutes");
        uid_expect(f->d, "Interest per program");
        chart_names_one_size(f);
    }
    free(stick);
}

static size_t guest_count(Fixture *f)
{
    StoreStats st;
    assert_int_equal(store_stats(f->store, &st), STORE_OK);
    return st.guests;
}

/* Types a walk-in's form: first, last, company; optional phone. */
static void walkin_form(Fixture *f, const char *first, const char *last, const char *company,
                        const char *phone)
{
    uid_press(f->d, "I'm new here");
    uid_type(f->d, first, 100);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, last, 100);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, company, 100);
    if (phone) {
        for (int i = 0; i < 3; i++)
            uid_key(f->d, UI_KEY_RETURN, 0);
        uid_type(f->d, phone, 100);
    }
}

/* A walk-in whose name and company are a registration's is asked "Is this
 * you?" with it, masked: yes checks that registration in (no second guest);
 * no adds them as someone else. A phone number with too few digits is
 * marked. */
static void test_walkin_is_this_you(void **state)
{
    Fixture *f = *state;
    size_t before = guest_count(f);
    walkin_form(f, "Ana", "García", "Acme Welding", NULL);
    uid_press(f->d, "Next");
    assert_string_equal(uid_screen(f->d), "confirm");
    uid_expect(f->d, "Ana G. — Acme Welding");
    assert_false(uid_visible(f->d, "García —"));
    uid_press(f->d, "Yes, check me in");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_true(is_checked_in(f, "2713624642"));
    assert_int_equal(guest_count(f), before);
    uid_press(f->d, "Continue");
    uid_press(f->d, "Done");

    walkin_form(f, "Tomás", "Ruiz", "Acme Welding", "555 12");
    uid_press(f->d, "Next");
    uid_expect(f->d, "A phone number has at least 7 digits");
    assert_string_equal(uid_screen(f->d), "walkin");
    uid_key(f->d, UI_KEY_BACKSPACE, 0);
    uid_key(f->d, UI_KEY_BACKSPACE, 0);
    uid_type(f->d, "1234567", 100);
    uid_press(f->d, "Next");
    assert_string_equal(uid_screen(f->d), "confirm");
    uid_press(f->d, "No, I'm someone else");
    assert_string_equal(uid_screen(f->d), "interests");
    assert_int_equal(guest_count(f), before + 1);
    assert_false(is_checked_in(f, "2713854927")); /* the registration stays as it was */
}

/* A walk-in in Spanish with larger text: "Corregir mis datos" (a longer
 * label than "¿No es usted?") and Continue side by side on Interests at
 * every size, each label whole, the consent sentence whole, and several
 * choices still in view at 800x480; then their form, filled, with Save and
 * the consent box in view at every size. */
static void test_interests_fix_bar_apart(void **state)
{
    Fixture *f = *state;
    static const int AT[][2] = {{480, 800},  {720, 1280},  {1080, 1920},
                                {1280, 800}, {1920, 1080}, {800, 480}};
    choose_on_welcome(f->d, true, true);
    uid_press(f->d, "No me inscribí");
    uid_type(f->d, "Zoe", 100);
    uid_key(f->d, UI_KEY_RETURN, 0);
    uid_type(f->d, "Quistt", 100);
    uid_press(f->d, "Siguiente");
    assert_string_equal(uid_screen(f->d), "interests");
    for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
        uid_resize(f->d, AT[s][0], AT[s][1]);
        const UiView *v = uid_view(f->d);
        assert_buttons_apart(v);
        const UiWidget *fix = ui_view_find_label(v, "Corregir mis datos");
        assert_non_null(fix);
        assert_texts_whole(v, fix->r);
        assert_whole(f, "Corregir mis datos");
        assert_whole(f, "Continuar");
        const UiWidget *consent =
            ui_view_find_label(v, "Acepto que me contacten sobre colaboraciones");
        assert_non_null(consent);
        assert_texts_whole(v, consent->r);
    }
    int n = whole_tiles(uid_view(f->d)) - 1; /* the consent */
    if (n < 3)
        fail_msg("only %d choices shown whole at 800x480", n);
    uid_press(f->d, "Corregir mis datos");
    for (size_t s = 0; s < sizeof AT / sizeof AT[0]; s++) {
        uid_resize(f->d, AT[s][0], AT[s][1]);
        assert_string_equal(uid_screen(f->d), "walkin_fix");
        assert_buttons_apart(uid_view(f->d));
        assert_whole(f, "Guardar");
        assert_whole(f, "Cancelar");
        assert_whole(f, "Acepto que me contacten sobre colaboraciones");
        uid_expect(f->d, "Quistt");
    }
}

/* programs.csv's Spanish columns are what a guest reading Spanish sees, on
 * Explore programs, a program's page and Interests; English readers see the
 * plain ones. */
static void test_programs_in_spanish(void **state)
{
    Fixture *f = *state;
    char *csv = tu_path(f->dir, "programs.csv");
    tu_write(csv,
             "code,name,name_es,description,description_es\n"
             "WELD,Welding Technology,Tecnología de soldadura,Arc and MIG welding,"
             "Soldadura por arco y MIG\n",
             (size_t)-1);
    char *db = tu_path(f->dir, "k.db");
    TuRun r = tu_lanyard("import", "programs", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    uid_kiosk_restart(f->d);
    uid_press(f->d, "Explore programs");
    uid_expect(f->d, "Welding Technology");
    uid_press(f->d, "Back");
    uid_press(f->d, "Español");
    uid_press(f->d, "Explorar programas");
    uid_expect(f->d, "Tecnología de soldadura");
    assert_false(uid_visible(f->d, "Welding Technology"));
    uid_press(f->d, "Tecnología de soldadura");
    uid_expect(f->d, "Soldadura por arco y MIG");
    uid_press(f->d, "Atrás");
    uid_press(f->d, "Atrás");
    uid_scan(f->d, "2713624642");
    uid_expect(f->d, "Tecnología de soldadura");
    free(db);
    free(csv);
}

/* The colour of the text drawn as s (the first such text) on the current
 * view, into *c; false when nothing shows s whole. */
static bool text_colour(Fixture *f, const char *s, UiColor *c)
{
    const UiView *v = uid_view(f->d);
    for (size_t i = 0; i < v->ncmds; i++)
        if (v->cmds[i].type == UI_CMD_TEXT && !strcmp(ui_view_text(v, v->cmds[i].text), s)) {
            *c = v->cmds[i].c;
            return true;
        }
    return false;
}

/* A program keeps its colour in every language (a tester saw Culinary Arts
 * red in English and green in Spanish): each card's pathway, drawn in it,
 * has one colour in both; and the pathways on screen each have their own
 * (three of the demo's shared one). */
static void test_program_colours_any_language(void **state)
{
    Fixture *f = *state;
    ProgramList pl;
    program_list_init(&pl);
    assert_int_equal(store_programs(f->store, &pl), STORE_OK);
    enum { MAX = 16 };
    UiColor en[MAX], es;
    bool shown[MAX];
    size_t n = pl.count < MAX ? pl.count : MAX, checked = 0;
    uid_resize(f->d, 1920, 1080);
    uid_press(f->d, "Explore programs");
    for (size_t i = 0; i < n; i++)
        shown[i] = text_colour(f, program_text(&pl.items[i], PROGRAM_PATHWAY, NULL), &en[i]);
    uid_press(f->d, "Back");
    uid_press(f->d, "Español");
    uid_press(f->d, "Explorar programas");
    for (size_t i = 0; i < n; i++) {
        if (!shown[i])
            continue; /* below the fold */
        if (!text_colour(f, program_text(&pl.items[i], PROGRAM_PATHWAY, "es"), &es))
            fail_msg("%s: its pathway in Spanish is not shown", pl.items[i].code);
        if (memcmp(&es, &en[i], sizeof es))
            fail_msg("%s: another colour in Spanish", pl.items[i].code);
        for (size_t j = 0; j < i; j++)
            if (shown[j] && strcmp(pl.items[i].pathway, pl.items[j].pathway) &&
                !memcmp(&en[i], &en[j], sizeof en[i]))
                fail_msg("%s and %s: two pathways, one colour", pl.items[i].code, pl.items[j].code);
        checked++;
    }
    assert_true(checked >= 5);
    program_list_free(&pl);
}

/* The audit trail's rows of action for a guest, counted with plain SQL on
 * the database file. */
static int audit_rows(Fixture *f, const char *action)
{
    char *db = tu_path(f->dir, "k.db");
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = '%s';", action);
    const char *const argv[] = {"/usr/bin/sqlite3", db, sql, NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    int n = atoi(r.out);
    tu_run_free(&r);
    free(db);
    return n;
}

/* Staff see a name as the badge prints it: family name first for a name in
 * Chinese script (王芳), in the lookup's row and on the guest's page. */
static void test_staff_cjk_name(void **state)
{
    Fixture *f = *state;
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "芳"), 0);
    assert_int_equal(guest_set(&g.last, "王"), 0);
    assert_int_equal(guest_set(&g.company, "Golden Dragon Restaurant"), 0);
    assert_int_equal(store_walkin_add(f->store, &g, "unit", uid_now(f->d), NULL), STORE_OK);
    guest_clear(&g);
    uid_destroy(f->d);
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store, .cfg = &f->cfg, .windowed = true});
    uid_hold(f->d, 5, 5, 3000);
    uid_press(f->d, "OK");
    uid_press(f->d, "Find a guest");
    uid_type(f->d, "Golden", 100);
    uid_expect(f->d, "王芳");
    assert_false(uid_visible(f->d, "芳 王"));
    uid_press(f->d, "王芳");
    assert_string_equal(uid_screen(f->d), "staff_guest");
    uid_expect(f->d, "王芳");
    assert_false(uid_visible(f->d, "芳 王"));
}

/* Staff at the desk: a guest found by part of their registration code; their
 * page shows their picks and consent; staff check them in and correct their
 * company, and the database says so, with an audit record of the change. */
static void test_staff_desk(void **state)
{
    Fixture *f = *state;
    uid_destroy(f->d);
    f->d = uid_kiosk_create(&(UidSetup){.store = f->store,
                                        .cfg = &f->cfg,
                                        .windowed = true,
                                        .printer = {.print = count_print, .ud = f}});
    uid_hold(f->d, 5, 5, 3000);
    uid_press(f->d, "OK");
    uid_press(f->d, "Find a guest");
    uid_type(f->d, "420000", 100); /* in the middle of 2714200001 */
    uid_press(f->d, "Grace Okafor");
    assert_string_equal(uid_screen(f->d), "staff_guest");
    uid_expect(f->d, "Not checked in");
    uid_expect(f->d, "May contact");
    uid_press(f->d, "Check in");
    uid_expect(f->d, "Checked in; the badge is on its way.");
    assert_true(is_checked_in(f, "2714200001"));
    assert_int_equal(f->prints, 1);
    assert_int_equal(audit_rows(f, "staff check-in"), 1);

    uid_press(f->d, "Edit details");
    assert_string_equal(uid_screen(f->d), "staff_edit");
    uid_press(f->d, "Company");
    for (int i = 0; i < 40; i++)
        uid_key(f->d, UI_KEY_BACKSPACE, 0);
    uid_type(f->d, "Bright Smile Dental", 60);
    uid_press(f->d, "Save");
    assert_string_equal(uid_screen(f->d), "staff_guest");
    uid_expect(f->d, "Details saved.");
    uid_expect(f->d, "Bright Smile Dental");
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(f->store, "2714200001", &g), STORE_OK);
    assert_string_equal(g.company, "Bright Smile Dental");
    guest_clear(&g);
    assert_int_equal(audit_rows(f, "edit"), 1);
    /* A name may not be emptied. */
    uid_press(f->d, "Edit details");
    uid_press(f->d, "First name");
    for (int i = 0; i < 10; i++)
        uid_key(f->d, UI_KEY_BACKSPACE, 0);
    uid_press(f->d, "Save");
    assert_string_equal(uid_screen(f->d), "staff_edit");
    uid_expect(f->d, "Please enter your first name");
    uid_press(f->d, "Cancel");
    uid_expect(f->d, "Grace Okafor");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_walkin_consent_in_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_consent_reaches_followup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_both_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_you, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_keeps_the_picks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_scan_everywhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_scan_after_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyboard_keys_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_consent_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_errors_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_and_confirm_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_welcome_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_bar_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_larger_text_room, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interests_fix_bar_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_charts_stay, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walkin_is_this_you, setup, teardown),
        cmocka_unit_test_setup_teardown(test_programs_in_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_program_colours_any_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_desk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_cjk_name, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
