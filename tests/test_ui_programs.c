/* test_ui_programs.c — Explore programs (SPEC §3 item 7): the cards open a
 * program's page with its details and a QR code of its URL; a guest's visit
 * ends at Done, so whoever explores after it marks nothing on their record. Scripted flows through
 * `lanyard run --script` are checked on the database; the QR code is decoded from a screenshot with
 * zbarimg; the page's layout (QR size, crisp modules, long text) is checked on
 * the draw commands with a fake font. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "store/store.h"
#include "ui/ui_programs.h"
#include "ui_driver.h"

/* ---- scripted flows ---- */

typedef struct Run {
    char *dir, *db, *png;
    TuRun run;
} Run;

static Run run_script(const char *name, const char *size, bool screenshot)
{
    Run r = {0};
    r.dir = tu_tempdir();
    r.db = tu_path(r.dir, "kiosk.db");
    r.png = tu_path(r.dir, "frame.png");
    r.run = uid_script_run(&(UidScript){
        .name = name, .db = r.db, .size = size, .screenshot = screenshot ? r.png : NULL});
    if (r.run.status != 0)
        fail_msg("%s at %s: status %d\n%s", name, size, r.run.status, r.run.err);
    return r;
}

static void run_free(Run *r)
{
    tu_rmtree(r->dir);
    free(r->dir);
    free(r->db);
    free(r->png);
    tu_run_free(&r->run);
}

static bool has(char **v, size_t n, const char *x)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], x))
            return true;
    return false;
}

/* From Welcome: a card opens its page (certifications, contact), Back returns
 * to the list; nobody is checked in, so no I'm interested. */
static void test_browse(void **state)
{
    (void)state;
    Run r = run_script("explore_browse", "800x480", false);
    run_free(&r);
    r = run_script("explore_browse", "1080x1920", false);
    run_free(&r);
}

/* The guest's interests after Done and Explore programs: Health Science and
 * her kind of partnership, as she saved them on Interests; the program pages
 * opened after Done did not reach her record. */
static void test_interested_saved(void **state)
{
    (void)state;
    Run r = run_script("explore_interested", "800x480", false);
    Store *s = NULL;
    char err[512];
    if (store_open(r.db, STORE_OPEN_READONLY, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, "2713624642", &g), STORE_OK);
    char **programs = NULL, **kinds = NULL;
    size_t np = 0, nk = 0;
    assert_int_equal(store_interests_get(s, g.id, &programs, &np, &kinds, &nk), STORE_OK);
    assert_int_equal(np, 1);
    assert_true(has(programs, np, "HLTH"));
    assert_int_equal(nk, 1);
    assert_true(has(kinds, nk, "interns"));
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    guest_clear(&g);
    store_close(s);
    run_free(&r);
}

/* After Done, and after the idle timeout, the next person exploring is
 * nobody's guest. */
static void test_idle_ends_visit(void **state)
{
    (void)state;
    Run r = run_script("explore_idle", "800x480", false);
    run_free(&r);
}

static void test_spanish(void **state)
{
    (void)state;
    Run r = run_script("explore_spanish", "800x480", false);
    run_free(&r);
}

/* The QR code on a program's page, as a phone would read it off the screen. */
static void test_qr_decodes(void **state)
{
    (void)state;
    static const char *const SIZES[] = {"800x480", "1920x1080", "1080x1920"};
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        Run r = run_script("explore_qr", SIZES[i], true);
        const char *argv[] = {"/usr/bin/zbarimg", "--raw", "-q", r.png, NULL};
        TuRun z = tu_run(argv, NULL);
        if (z.status != 0)
            fail_msg("zbarimg at %s: status %d: %s", SIZES[i], z.status, z.err);
        assert_string_equal(z.out, "https://cte.example.org/programs/hlth\n");
        tu_run_free(&z);
        run_free(&r);
    }
}

/* ---- the page's layout, on draw commands ---- */

typedef struct Page {
    UiView *v;
    UiTheme t;
    UiScroll sc;
    Program p;
} Page;

static void page_program(Program *p, const char *url, const char *description)
{
    program_init(p);
    p->code = strdup("WELD");
    p->name = strdup("Welding Technology");
    p->school = strdup("Northgate Career Center");
    p->pathway = strdup("Manufacturing");
    p->description = strdup(description);
    p->grades = strdup("11-12");
    p->certifications = strdup("AWS D1.1; NCCER Welding Level 1; OSHA 10-Hour");
    p->partner_needs = strdup("internship hosts; donated steel");
    p->contact = strdup("Marcus Bell, mbell@example.org");
    p->url = strdup(url);
}

static void page_layout_in(Page *pg, int w, int h, bool guest, bool larger)
{
    if (!pg->v)
        pg->v = calloc(1, sizeof *pg->v);
    assert_non_null(pg->v);
    ui_theme_make(&pg->t, w, h, ui_rgb(0x1B, 0x4F, 0x8A), ui_rgb(0xF2, 0xA9, 0x00), larger);
    ui_view_begin(pg->v, w, h, uid_font());
    UiInteract in = {0};
    int top = pg->t.pad + pg->t.target + pg->t.gap; /* below the kiosk's top bar */
    UiProgramPage spec = {
        .p = &pg->p, .lang = UI_LANG_EN, .show_interest = guest, .interest_id = 1, .scroll_id = 2};
    ui_program_page(pg->v, &pg->t, &in, ui_rect(0, top, w, h - top), &pg->sc, &spec);
}

static void page_layout(Page *pg, int w, int h, bool guest)
{
    page_layout_in(pg, w, h, guest, false);
}

static void page_free(Page *pg)
{
    program_clear(&pg->p);
    free(pg->v);
}

static bool black(UiColor c)
{
    return c.r == 0 && c.g == 0 && c.b == 0 && c.a == 255;
}

/* The dark modules' bounding box and the module size; every dark rectangle is
 * whole modules on the grid (crisp, no scaled-image blur). Returns how many. */
static int qr_box(const UiView *v, UiRect *box, int *module)
{
    int n = 0, x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, m = 0;
    UiRect white = {0, 0, 0, 0}; /* the quiet zone: a white square */
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type == UI_CMD_RECT && c->c.r == 255 && c->c.g == 255 && c->c.b == 255 &&
            c->radius == 0 && c->r.w == c->r.h)
            white = c->r;
    }
    for (size_t i = 0; i < v->ncmds; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type != UI_CMD_RECT || !black(c->c) || !ui_rect_contains(white, c->r.x, c->r.y))
            continue;
        assert_int_equal(c->radius, 0);
        if (!m)
            m = c->r.h;
        assert_int_equal(c->r.h, m);
        assert_int_equal(c->r.w % m, 0);
        x0 = c->r.x < x0 ? c->r.x : x0;
        y0 = c->r.y < y0 ? c->r.y : y0;
        x1 = c->r.x + c->r.w > x1 ? c->r.x + c->r.w : x1;
        y1 = c->r.y + c->r.h > y1 ? c->r.y + c->r.h : y1;
        n++;
    }
    for (size_t i = 0; i < v->ncmds && n; i++) {
        const UiCmd *c = &v->cmds[i];
        if (c->type == UI_CMD_RECT && black(c->c) && ui_rect_contains(white, c->r.x, c->r.y)) {
            assert_int_equal((c->r.x - x0) % m, 0);
            assert_int_equal((c->r.y - y0) % m, 0);
        }
    }
    *box = ui_rect(x0, y0, x1 - x0, y1 - y0);
    *module = m;
    return n;
}

/* At 800x480 (a 7-inch panel) the code is at least 200 px (about 35 mm), in
 * whole-pixel modules, inside a white quiet zone of 4 modules, fully in view. */
static void test_qr_size(void **state)
{
    (void)state;
    Page pg = {0};
    page_program(&pg.p, "https://cte.example.org/programs/weld", "MIG, TIG and stick welding.");
    static const int SIZES[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
    for (size_t s = 0; s < 4; s++) {
        int w = SIZES[s][0], h = SIZES[s][1];
        page_layout(&pg, w, h, true);
        UiRect box;
        int m = 0;
        assert_true(qr_box(pg.v, &box, &m) > 20);
        assert_int_equal(box.w, box.h);
        assert_int_equal(box.w % m, 0);
        if (w == 800)
            assert_true(box.w >= 200);
        assert_true(box.x >= 4 * m && box.y >= 0 && box.x + box.w + 4 * m <= w &&
                    box.y + box.h + 4 * m <= h);
        /* The white square behind it spans the quiet zone. */
        bool quiet = false;
        for (size_t i = 0; i < pg.v->ncmds; i++) {
            const UiCmd *c = &pg.v->cmds[i];
            if (c->type == UI_CMD_RECT && c->c.r == 255 && c->c.g == 255 && c->c.b == 255 &&
                c->r.x == box.x - 4 * m && c->r.y == box.y - 4 * m && c->r.w == box.w + 8 * m)
                quiet = true;
        }
        assert_true(quiet);
        assert_false(pg.v->overflow);
        assert_non_null(ui_view_find_label(pg.v, "I'm interested"));
    }
    /* Larger text leaves less room beside the text: the code keeps its size. */
    page_layout_in(&pg, 800, 480, true, true);
    UiRect box;
    int m = 0;
    assert_true(qr_box(pg.v, &box, &m) > 20);
    assert_true(box.w >= 200 && box.y + box.h + 4 * m <= 480);
    const UiWidget *toggle = ui_view_find_label(pg.v, "I'm interested");
    assert_non_null(toggle);
    assert_true(toggle->r.y + toggle->r.h <= 480);
    page_free(&pg);
}

/* The link is printed near the code for a guest without a phone camera: its
 * short form (no https://), whole, in lines that are each on screen; under
 * the code when there is room, else at the head of the text beside it. */
static void test_qr_link_printed(void **state)
{
    (void)state;
    static const char *const URLS[] = {
        "https://cte.example.org/programs/weld",
        "https://cte.example.org/programs/welding-technology?school=northgate-career-center"};
    static const int SIZES[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
    for (size_t u = 0; u < 2; u++) {
        Page pg = {0};
        page_program(&pg.p, URLS[u], "MIG, TIG and stick welding.");
        const char *want = URLS[u] + strlen("https://");
        for (size_t s = 0; s < 8; s++) {
            int w = SIZES[s % 4][0], h = SIZES[s % 4][1];
            page_layout_in(&pg, w, h, true, s >= 4);
            UiRect box;
            int m = 0;
            assert_true(qr_box(pg.v, &box, &m) > 20);
            char got[512] = "";
            size_t lines = 0;
            for (size_t i = 0; i < pg.v->ncmds; i++) {
                const UiCmd *c = &pg.v->cmds[i];
                const char *text = ui_view_text(pg.v, c->text);
                if (c->type != UI_CMD_TEXT || !*text || !strstr(want, text) || strlen(text) < 4)
                    continue;
                assert_true(c->r.x >= 0 && c->r.x + c->r.w <= w && c->r.y + c->r.h <= h);
                strncat(got, text, sizeof got - strlen(got) - 1);
                lines++;
            }
            if (strcmp(got, want) != 0)
                fail_msg("%dx%d%s: the link reads \"%s\"", w, h, s >= 4 ? " larger" : "", got);
            assert_true(lines >= 1 && lines <= 3);
        }
        page_free(&pg);
    }
}

/* With no room for it the code has no size: never a negative side. */
static void test_qr_no_room(void **state)
{
    (void)state;
    const char *url = "https://cte.example.org/programs/weld";
    assert_true(ui_qr_side(url, 200, 1000) >= 200);
    assert_int_equal(ui_qr_side(url, 200, 10), 0);
    assert_int_equal(ui_qr_side(url, 200, -1000), 0);
    UiView *v = calloc(1, sizeof *v);
    assert_non_null(v);
    ui_view_begin(v, 800, 480, uid_font());
    assert_int_equal(ui_qr_draw(v, 400, 0, url, 200, -1000), 0);
    assert_int_equal(v->ncmds, 0);
    free(v);
}

/* No URL: no QR code. No guest in the visit: no I'm interested. */
static void test_no_url_no_guest(void **state)
{
    (void)state;
    Page pg = {0};
    page_program(&pg.p, "", "A student-run bistro.");
    page_layout(&pg, 800, 480, false);
    UiRect box;
    int m = 0;
    assert_int_equal(qr_box(pg.v, &box, &m), 0);
    assert_null(ui_view_find_label(pg.v, "I'm interested"));
    assert_true(ui_view_contains_text(pg.v, "AWS D1.1"));
    assert_true(ui_view_contains_text(pg.v, "Marcus Bell"));
    page_layout(&pg, 800, 480, true);
    assert_int_equal(qr_box(pg.v, &box, &m), 0);
    assert_non_null(ui_view_find_label(pg.v, "I'm interested"));
    page_free(&pg);
}

/* A long description wraps inside the text column (nothing wider) and the
 * text scrolls; the QR code stays beside it. */
static void test_long_description(void **state)
{
    (void)state;
    char desc[4000] = "";
    while (strlen(desc) + 60 < sizeof desc)
        strcat(desc, "Students weld test plates to structural code every term. ");
    Page pg = {0};
    page_program(&pg.p, "https://cte.example.org/programs/weld", desc);
    page_layout(&pg, 800, 480, true);
    UiRect box;
    int m = 0;
    assert_true(qr_box(pg.v, &box, &m) > 0);
    assert_true(pg.sc.content_h > pg.sc.view_h); /* it scrolls */
    for (size_t i = 0; i < pg.v->ncmds; i++) {
        const UiCmd *c = &pg.v->cmds[i];
        if (c->type == UI_CMD_TEXT && c->r.y > box.y && c->r.y < box.y + box.h)
            assert_true(c->r.x + c->r.w <= box.x - 4 * m); /* left of the code */
    }
    assert_false(pg.v->overflow);
    page_free(&pg);
}

static double lum(UiColor c)
{
    double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* One colour per pathway, whatever the program; the first pathways each a
 * colour of their own (three of five shared one when a hash of the name
 * chose); white text reads on each (WCAG 4.5:1), and none is the event's
 * primary. */
static void test_colours(void **state)
{
    (void)state;
    static const char *const PATHWAYS[] = {"Manufacturing",
                                           "Health Science",
                                           "Hospitality & Tourism",
                                           "Information Technology",
                                           "Transportation, Distribution & Logistics",
                                           "Architecture & Construction",
                                           "Education & Training",
                                           "Agriculture, Food & Natural Resources",
                                           "Arts, A/V Technology",
                                           "Business Management",
                                           "Law, Public Safety",
                                           "Science, Technology, Engineering"};
    enum { N = sizeof PATHWAYS / sizeof PATHWAYS[0] };
    UiTheme t;
    ui_theme_make(&t, 800, 480, ui_rgb(0x1B, 0x4F, 0x8A), ui_rgb(0xF2, 0xA9, 0x00), false);
    /* Each pathway twice, the second time after all the others; then two
     * programs with no pathway. */
    ProgramList l;
    program_list_init(&l);
    for (size_t i = 0; i < 2 * N + 2; i++) {
        Program *p = program_list_push(&l);
        assert_non_null(p);
        if (i < 2 * N)
            p->pathway = strdup(PATHWAYS[i % N]);
    }
    size_t family[2 * N + 2];
    program_list_families(&l, family);
    UiColor c[2 * N + 2];
    for (size_t i = 0; i < 2 * N + 2; i++) {
        c[i] = ui_program_colour(&t, family[i]);
        assert_true((1.05) / (lum(c[i]) + 0.05) >= 4.5);
        assert_false(c[i].r == 0x1B && c[i].g == 0x4F && c[i].b == 0x8A);
    }
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(family[i], family[N + i]);
        assert_memory_equal(&c[i], &c[N + i], sizeof c[i]);
    }
    assert_int_equal(family[2 * N], N);
    assert_int_equal(family[2 * N + 1], N + 1);
    /* The first nine pathways look different from each other (the palette
     * has twelve; those near the primary, here three, are left out); the
     * demo has twelve. */
    for (size_t i = 0; i < 9; i++)
        for (size_t j = i + 1; j < 9; j++)
            assert_memory_not_equal(&c[i], &c[j], sizeof c[i]);
    program_list_free(&l);
}

int main(void)
{
    /* No display: the kiosk draws into memory (SDL's software renderer). */
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qr_size),          cmocka_unit_test(test_qr_link_printed),
        cmocka_unit_test(test_no_url_no_guest),  cmocka_unit_test(test_long_description),
        cmocka_unit_test(test_colours),          cmocka_unit_test(test_browse),
        cmocka_unit_test(test_interested_saved), cmocka_unit_test(test_idle_ends_visit),
        cmocka_unit_test(test_spanish),          cmocka_unit_test(test_qr_decodes),
        cmocka_unit_test(test_qr_no_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
