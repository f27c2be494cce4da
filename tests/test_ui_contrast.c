/* test_ui_contrast.c — measured, not assumed: every text the kiosk draws is
 * read back from the views of a scripted walk through every screen (the
 * driver's on_frame hook sees each frame laid out), with the colour of what
 * lies under it worked out from the draw commands before it, and its WCAG 2.x
 * contrast ratio computed: 4.5:1 for text, 3:1 for large text (24 design px
 * and up, bold). The walk runs in the normal theme and in high contrast, in
 * English and Spanish, with event.ini's default colours and with colours an
 * organiser might pick (a yellow, a light blue, a mid grey); event.ini is
 * parsed for real, so a primary too light to read is darkened there, with a
 * warning naming the key and its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/contrast.h"
#include "core/event_config.h"
#include "core/import.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"
#include "ui_driver.h"

/* ---- what a frame's texts are drawn on ---- */

static Rgb rgb(UiColor c)
{
    return (Rgb){c.r, c.g, c.b};
}

static UiColor over(UiColor top, UiColor under)
{
    UiColor c = ui_mix(under, top, top.a);
    c.a = 255;
    return c;
}

typedef struct Audit {
    char failures[64][200];
    size_t nfail;
    size_t texts; /* texts measured */
    double worst;
    bool large_seen;
} Audit;

static void fail_once(Audit *a, const char *msg)
{
    for (size_t i = 0; i < a->nfail && i < 64; i++)
        if (!strcmp(a->failures[i], msg))
            return;
    if (a->nfail < 64)
        snprintf(a->failures[a->nfail], sizeof a->failures[0], "%s", msg);
    a->nfail++;
}

/* The colour under point (x, y) when command `upto` is drawn: the rectangles
 * before it that cover the point inside their clip, composed in order. false
 * when an image lies under it (its colours are not known here). */
static bool under(const UiView *v, size_t upto, int x, int y, UiColor *out)
{
    UiColor c = ui_rgb(0, 0, 0);
    UiRect clip = ui_rect(0, 0, v->w, v->h);
    for (size_t i = 0; i < upto; i++) {
        const UiCmd *cmd = &v->cmds[i];
        if (cmd->type == UI_CMD_CLIP) {
            clip = cmd->r.w ? cmd->r : ui_rect(0, 0, v->w, v->h);
            continue;
        }
        if (!ui_rect_contains(clip, x, y) || !ui_rect_contains(cmd->r, x, y))
            continue;
        if (cmd->type == UI_CMD_RECT)
            c = over(cmd->c, c);
        else if (cmd->type == UI_CMD_IMAGE)
            return false;
    }
    *out = c;
    return true;
}

static void audit_view(Audit *a, const UiView *v, const char *screen, double s)
{
    UiRect clip = ui_rect(0, 0, v->w, v->h);
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *cmd = &v->cmds[i];
        if (cmd->type == UI_CMD_CLIP)
            clip = cmd->r.w ? cmd->r : ui_rect(0, 0, v->w, v->h);
        if (cmd->type != UI_CMD_TEXT)
            continue;
        int x = cmd->r.x + cmd->r.w / 2, y = cmd->r.y + cmd->r.h / 2;
        if (!ui_rect_contains(clip, x, y) || !ui_rect_contains(ui_rect(0, 0, v->w, v->h), x, y))
            continue; /* scrolled or clipped out of sight */
        UiColor bg;
        if (!under(v, i, x, y, &bg))
            continue;
        UiColor fg = over(cmd->c, bg);
        double r = contrast_ratio(rgb(fg), rgb(bg));
        bool large = cmd->weight == UI_BOLD && cmd->px >= 24 * s - 0.5;
        double need = large ? CONTRAST_LARGE : CONTRAST_TEXT;
        a->texts++;
        a->large_seen |= large;
        if (a->worst == 0 || r < a->worst)
            a->worst = r;
        if (r + 1e-9 < need) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "%s: \"%.40s\" #%02X%02X%02X on #%02X%02X%02X at %d px%s: "
                     "%.2f:1, under %.1f:1",
                     screen, ui_view_text(v, cmd->text), fg.r, fg.g, fg.b, bg.r, bg.g, bg.b,
                     cmd->px, cmd->weight == UI_BOLD ? " bold" : "", r, need);
            fail_once(a, msg);
        }
    }
}

static void on_frame(void *ud, Uid *d)
{
    const UiView *v = uid_view(d);
    /* The theme's scale, as ui_theme_make works it out. */
    bool portrait = v->h > v->w;
    double sx = v->w / (portrait ? 480.0 : 800.0), sy = v->h / (portrait ? 800.0 : 480.0);
    audit_view(ud, v, uid_screen(d), sx < sy ? sx : sy);
}

/* ---- the walk ---- */

typedef struct Fixture {
    char *dir;
    Store *store;
} Fixture;

static void fresh_store(Fixture *f)
{
    if (f->store)
        store_close(f->store);
    static int n;
    char name[32];
    snprintf(name, sizeof name, "k%d.db", n++);
    char *db = tu_path(f->dir, name);
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &f->store, err, sizeof err), STORE_OK);
    free(db);
    uid_import_csv(f->store, "tests/ui/event/guests.csv", false, 1000);
    uid_import_csv(f->store, "tests/ui/event/programs.csv", true, 1000);
}

/* Every guest screen and staff mode's, with what they show in their states:
 * results, an error on a field, a notice, the idle prompt. */
static void walk(Uid *d)
{
    uid_press(d, "Check in");
    uid_type(d, "ana", 100);
    uid_wait(d, 51000); /* "Still there?" over Find me */
    uid_tap(d, 5, 400);
    uid_press(d, "Ana G. — Acme Welding");
    uid_press(d, "Yes, check me in");
    uid_press(d, "Host interns");
    uid_press(d, "Not you?"); /* it asks first */
    uid_press(d, "No, go back");
    uid_press(d, "Continue");
    uid_wait(d, 1000);
    uid_press(d, "Done");
    uid_scan(d, "2713624642"); /* Already checked in */
    uid_wait(d, 1000);
    uid_scan(d, "999999"); /* a code nobody has: the notice on Welcome */
    uid_wait(d, 8000);
    uid_press(d, "I'm new here");
    uid_press(d, "Next"); /* every field marked */
    uid_type(d, "Zoe", 100);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Quistt", 100);
    uid_press(d, "Next");
    uid_press(d, "Fix my details"); /* the walk-in's form again */
    uid_wait(d, 21000);             /* "Still there?" over it */
    uid_tap(d, 5, 400);
    uid_press(d, "Cancel");
    uid_press(d, "Continue");
    uid_press(d, "Done");
    uid_press(d, "Explore programs");
    uid_press(d, "Welding Technology");
    uid_press(d, "Back");
    uid_press(d, "Back");
    uid_hold(d, 5, 5, 3100); /* staff mode */
    uid_press(d, "OK");
    uid_press(d, "Find a guest");
    uid_type(d, "ana", 100);
    uid_press(d, "Ana García");
    uid_press(d, "Edit details");
}

static const char *const COLOURS[][2] = {
    {"#1B4F8A", "#F2A900"}, /* the default */
    {"#F2A900", "#1B4F8A"}, /* a yellow */
    {"#9ABCDE", "#F2A900"}, /* a light blue */
    {"#808080", "#808080"}, /* a mid grey */
    {"#2E9D32", "#FFFFFF"}, /* a green */
};

static void walk_with(Fixture *f, const char *primary, const char *accent, int w, int h, Audit *a)
{
    char ini[512];
    snprintf(ini, sizeof ini,
             "[event]\nname = Spring CTE Partner Breakfast\nlanguages = en, es\n"
             "[theme]\nprimary = %s\naccent = %s\n",
             primary, accent);
    EventConfig cfg;
    config_defaults(&cfg);
    ConfigDiagnostics diag;
    assert_int_equal(config_parse(&cfg, ini, strlen(ini), &diag), 0);
    snprintf(cfg.kiosk_id, sizeof cfg.kiosk_id, "unit");
    static const char *const VARIANT[] = {"", "Larger text", "Español"};
    for (int var = 0; var < 3; var++) {
        fresh_store(f);
        Uid *d = uid_kiosk_create(&(UidSetup){.store = f->store,
                                              .cfg = &cfg,
                                              .w = w,
                                              .h = h,
                                              .windowed = true,
                                              .on_frame = on_frame,
                                              .frame_ud = a});
        if (var)
            uid_press(d, VARIANT[var]);
        if (var == 2) {
            /* The walk's labels are English: in Spanish, the screens it
             * reaches by their Spanish labels. */
            uid_press(d, "Registrar mi llegada");
            uid_type(d, "ana", 100);
            uid_press(d, "Ana G. — Acme Welding");
            uid_press(d, "Sí, registrar mi llegada");
            uid_press(d, "Continuar");
        } else {
            walk(d);
        }
        uid_destroy(d);
    }
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    if (f->store)
        store_close(f->store);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void report(const Audit *a, const char *what)
{
    for (size_t i = 0; i < a->nfail && i < 64; i++)
        fprintf(stderr, "%s: %s\n", what, a->failures[i]);
    if (a->nfail)
        fail_msg("%zu text/background pairs under the WCAG ratio (%s)", a->nfail, what);
}

static void test_every_screen(void **state)
{
    Fixture *f = *state;
    static const int SIZES[][2] = {{800, 480}, {1080, 1920}};
    for (size_t c = 0; c < sizeof COLOURS / sizeof COLOURS[0]; c++) {
        for (size_t s = 0; s < 2; s++) {
            Audit *a = calloc(1, sizeof *a);
            walk_with(f, COLOURS[c][0], COLOURS[c][1], SIZES[s][0], SIZES[s][1], a);
            /* The walk saw the screens' text, large and small. */
            assert_true(a->texts > 500);
            assert_true(a->large_seen);
            char what[64];
            snprintf(what, sizeof what, "primary %s at %dx%d", COLOURS[c][0], SIZES[s][0],
                     SIZES[s][1]);
            report(a, what);
            free(a);
        }
    }
}

/* A primary too light to read on the page is darkened until it reads, and
 * the warning names the key and its line. */
static void test_primary_adjusted(void **state)
{
    (void)state;
    const char *ini = "[event]\nname = X\n\n[theme]\nprimary = #F2A900\n";
    EventConfig cfg;
    config_defaults(&cfg);
    ConfigDiagnostics diag;
    assert_int_equal(config_parse(&cfg, ini, strlen(ini), &diag), 0);
    assert_int_equal(diag.count, 1);
    assert_false(diag.items[0].error);
    assert_int_equal(diag.items[0].line, 5);
    assert_non_null(strstr(diag.items[0].text, "primary"));
    assert_non_null(strstr(diag.items[0].text, "#F2A900"));
    Rgb page = {CONTRAST_PAGE_R, CONTRAST_PAGE_G, CONTRAST_PAGE_B}, white = {255, 255, 255};
    assert_true(contrast_ratio(cfg.primary, page) >= CONTRAST_TEXT);
    assert_true(contrast_ratio(cfg.primary, white) >= CONTRAST_TEXT);
    char hex[8];
    snprintf(hex, sizeof hex, "#%02X%02X%02X", cfg.primary.r, cfg.primary.g, cfg.primary.b);
    assert_non_null(strstr(diag.items[0].text, hex));
    /* Still a yellow-brown, not black: only as dark as it needs. */
    assert_true(cfg.primary.r > cfg.primary.b && cfg.primary.r > 0x60);
    /* A colour that reads is kept as written, without a word. */
    const char *ok = "[theme]\nprimary = #1B4F8A\n";
    config_defaults(&cfg);
    assert_int_equal(config_parse(&cfg, ok, strlen(ok), &diag), 0);
    assert_int_equal(diag.count, 0);
    assert_int_equal(cfg.primary.r, 0x1B);
}

/* The ratio itself, against WCAG's own figures. */
static void test_ratio(void **state)
{
    (void)state;
    Rgb black = {0, 0, 0}, white = {255, 255, 255}, grey = {0x76, 0x76, 0x76};
    assert_true(contrast_ratio(black, white) > 20.99 && contrast_ratio(black, white) < 21.01);
    assert_true(contrast_ratio(white, white) == 1.0);
    /* #767676 on white is the lightest grey that passes 4.5:1. */
    assert_true(contrast_ratio(grey, white) >= 4.5 && contrast_ratio(grey, white) < 4.6);
    Rgb light = {0x77, 0x77, 0x77};
    assert_true(contrast_ratio(light, white) < 4.5);
    Rgb fixed = contrast_reach(light, white, 4.5);
    assert_true(contrast_ratio(fixed, white) >= 4.5);
    Rgb on_black = contrast_reach((Rgb){0x40, 0x40, 0x40}, black, 4.5);
    assert_true(on_black.r > 0x40 && contrast_ratio(on_black, black) >= 4.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ratio),
        cmocka_unit_test(test_primary_adjusted),
        cmocka_unit_test_setup_teardown(test_every_screen, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
