/* test_display_rotate.c — the screen as mounted ([kiosk] rotate and
 * screen_inches): the keys of event.ini that describe it, the way between
 * window and view points, the turned picture as the window shows it (a
 * rectangle drawn in the view is where a mouse or a finger on the window lands
 * in it), the panel's pixels per millimetre, and scripted runs at every
 * rotation in which a tap where the window shows Check in or I'm new here
 * opens that screen, with a mouse and with a finger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "ui_driver.h"

#include "core/event_config.h"
#include "platform/sdl_display.h"
#include "platform/sdl_input.h"

static const int ROTATIONS[] = {0, 90, 180, 270};
#define NROT (sizeof ROTATIONS / sizeof ROTATIONS[0])

/* ---- event.ini ---- */

static int parse(EventConfig *c, const char *text, ConfigDiagnostics *d)
{
    config_defaults(c);
    return config_parse(c, text, strlen(text), d);
}

static void test_config_keys(void **state)
{
    (void)state;
    EventConfig c;
    ConfigDiagnostics d;
    assert_int_equal(parse(&c, "", &d), 0);
    assert_int_equal(c.rotate, 0);
    assert_true(c.screen_inches == 0);
    assert_string_equal(c.renderer, "auto");

    assert_int_equal(
        parse(&c, "[kiosk]\nrotate = 270\nscreen_inches = 15.6\nrenderer = OpenGLES2\n", &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(c.rotate, 270);
    assert_true(c.screen_inches > 15.59 && c.screen_inches < 15.61);
    assert_string_equal(c.renderer, "opengles2");

    /* Each bad value is an error naming its key and line; the rest still apply. */
    static const struct {
        const char *line, *key;
    } bad[] = {
        {"rotate = 45", "rotate"},
        {"rotate = -90", "rotate"},
        {"rotate = 360", "rotate"},
        {"screen_inches = seven", "screen_inches"},
        {"screen_inches = 1", "screen_inches"},
        {"renderer = vulkan", "renderer"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[200];
        snprintf(text, sizeof text, "[kiosk]\nid = door-2\n%s\n", bad[i].line);
        assert_int_equal(parse(&c, text, &d), -1);
        assert_int_equal(d.count, 1);
        assert_int_equal(d.items[0].line, 3);
        assert_true(d.items[0].error);
        if (strncmp(d.items[0].text, bad[i].key, strlen(bad[i].key)) != 0)
            fail_msg("'%s' said: %s", bad[i].line, d.items[0].text);
        assert_string_equal(c.kiosk_id, "door-2");
        assert_int_equal(c.rotate, 0);
        assert_true(c.screen_inches == 0);
        assert_string_equal(c.renderer, "auto");
    }
}

/* ---- window and view points ---- */

/* A key held down: Return, Escape and the keypad press once (held on a
 * form's last field, Return answered the question that opened); the arrows
 * and Backspace repeat, as on any keyboard. */
static void test_held_keys(void **state)
{
    (void)state;
    InputSpace sp = {.w = 800, .h = 480};
    static const struct {
        SDL_Keycode sym;
        bool repeats;
    } KEYS[] = {{SDLK_RETURN, false}, {SDLK_KP_ENTER, false}, {SDLK_ESCAPE, false},
                {SDLK_KP_5, false},   {SDLK_DOWN, true},      {SDLK_BACKSPACE, true}};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        SDL_Event e = {0};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = KEYS[i].sym;
        UiEvent ev;
        assert_int_equal(input_translate(&sp, &e, &ev), INPUT_UI);
        e.key.repeat = 1;
        assert_int_equal(input_translate(&sp, &e, &ev), KEYS[i].repeats ? INPUT_UI : INPUT_IGNORED);
    }
}

static void test_points(void **state)
{
    (void)state;
    for (size_t i = 0; i < NROT; i++) {
        InputSpace sp = {.rotate = ROTATIONS[i], .w = 720, .h = 1280};
        bool sideways = sp.rotate == 90 || sp.rotate == 270;
        int vw = sideways ? sp.h : sp.w, vh = sideways ? sp.w : sp.h;
        /* Every corner of the window is a corner of the view, and back. */
        int seen = 0;
        for (int c = 0; c < 4; c++) {
            int wx = c & 1 ? sp.w - 1 : 0, wy = c & 2 ? sp.h - 1 : 0, vx, vy, bx, by;
            input_to_view(&sp, wx, wy, &vx, &vy);
            assert_true((vx == 0 || vx == vw - 1) && (vy == 0 || vy == vh - 1));
            seen |= 1 << ((vx ? 1 : 0) | (vy ? 2 : 0));
            input_to_window(&sp, vx, vy, &bx, &by);
            assert_int_equal(bx, wx);
            assert_int_equal(by, wy);
        }
        assert_int_equal(seen, 15);
        for (int k = 0; k < 500; k++) {
            int vx = (k * 7919) % vw, vy = (k * 104729) % vh, wx, wy, bx, by;
            input_to_window(&sp, vx, vy, &wx, &wy);
            assert_true(wx >= 0 && wx < sp.w && wy >= 0 && wy < sp.h);
            input_to_view(&sp, wx, wy, &bx, &by);
            assert_int_equal(bx, vx);
            assert_int_equal(by, vy);
        }
    }
}

/* ---- the turned picture and the pointer on it ---- */

static bool same(UiColor a, UiColor b)
{
    return abs(a.r - b.r) < 8 && abs(a.g - b.g) < 8 && abs(a.b - b.b) < 8;
}

/* The view point that an event at window pixel wx, wy lands on. */
static void landing(InputSpace *sp, SDL_Event e, int *vx, int *vy)
{
    UiEvent ev;
    assert_int_equal(input_translate(sp, &e, &ev), INPUT_UI);
    *vx = ev.x;
    *vy = ev.y;
}

static void check_point(Display *d, InputSpace *sp, int vx, int vy, UiColor want)
{
    int wx, wy, lx, ly;
    input_to_window(sp, vx, vy, &wx, &wy);
    UiColor got;
    assert_int_equal(display_window_pixel(d, wx, wy, &got), 0);
    if (!same(got, want))
        fail_msg("rotate %d: view %d,%d shows at window %d,%d as %d,%d,%d, not %d,%d,%d",
                 sp->rotate, vx, vy, wx, wy, got.r, got.g, got.b, want.r, want.g, want.b);
    Uint32 win = display_window_id(d);
    landing(sp, input_mouse(SDL_MOUSEBUTTONDOWN, wx, wy, win), &lx, &ly);
    assert_true(lx == vx && ly == vy);
    landing(sp, input_mouse(SDL_MOUSEBUTTONUP, wx, wy, win), &lx, &ly);
    assert_true(lx == vx && ly == vy);
    landing(sp, input_finger(SDL_FINGERDOWN, wx, wy, sp, win), &lx, &ly);
    assert_true(lx == vx && ly == vy);
    /* A second finger on the glass is not a second tap. */
    SDL_Event other = input_finger(SDL_FINGERDOWN, 0, 0, sp, win);
    other.tfinger.fingerId = 2;
    UiEvent ev;
    assert_int_equal(input_translate(sp, &other, &ev), INPUT_IGNORED);
    landing(sp, input_finger(SDL_FINGERUP, wx, wy, sp, win), &lx, &ly);
    assert_true(lx == vx && ly == vy);
    /* The mouse SDL makes up from a finger is not a second tap either. */
    SDL_Event made = input_mouse(SDL_MOUSEBUTTONDOWN, wx, wy, win);
    made.button.which = SDL_TOUCH_MOUSEID;
    assert_int_equal(input_translate(sp, &made, &ev), INPUT_IGNORED);
}

static void test_turned_picture(void **state)
{
    (void)state;
    char *assets = tu_source("assets");
    UiView *v = malloc(sizeof *v);
    assert_non_null(v);
    const UiColor white = ui_rgb(255, 255, 255), red = ui_rgb(220, 0, 0), blue = ui_rgb(0, 0, 200);
    for (size_t i = 0; i < NROT; i++) {
        DisplayOptions o = {
            .width = 800, .height = 480, .asset_dir = assets, .rotate = ROTATIONS[i]};
        Display *d = display_open(&o);
        assert_non_null(d);
        int vw, vh;
        display_size(d, &vw, &vh);
        bool sideways = o.rotate == 90 || o.rotate == 270;
        assert_int_equal(vw, sideways ? 480 : 800);
        assert_int_equal(vh, sideways ? 800 : 480);
        InputSpace sp = {0};
        display_pointer_space(d, &sp.rotate, &sp.w, &sp.h);
        assert_int_equal(sp.rotate, o.rotate);
        assert_true(sp.w == 800 && sp.h == 480);

        /* A red box near the view's top-left, a blue one in its bottom-right corner. */
        ui_view_begin(v, vw, vh, display_measure(d));
        ui_draw_rect(v, ui_rect(0, 0, vw, vh), white, 0);
        UiRect box = ui_rect(30, 60, 50, 40), corner = ui_rect(vw - 20, vh - 20, 20, 20);
        ui_draw_rect(v, box, red, 0);
        ui_draw_rect(v, corner, blue, 0);
        display_draw(d, v);
        display_present(d);

        check_point(d, &sp, box.x, box.y, red);
        check_point(d, &sp, box.x + box.w - 1, box.y + box.h - 1, red);
        check_point(d, &sp, box.x - 1, box.y, white);
        check_point(d, &sp, box.x + box.w, box.y + box.h - 1, white);
        check_point(d, &sp, vw - 1, vh - 1, blue);
        check_point(d, &sp, corner.x, corner.y, blue);
        check_point(d, &sp, corner.x - 1, corner.y, white);
        check_point(d, &sp, 0, 0, white);
        display_close(d);
    }
    free(v);
    free(assets);
}

/* The panel's density: from screen_inches (the window's pixels across that
 * diagonal, turned or not), and nothing from SDL's dummy driver, which has no
 * size to report. */
static void test_px_per_mm(void **state)
{
    (void)state;
    char *assets = tu_source("assets");
    static const struct {
        int w, h, rotate;
        double inches, want;
    } cases[] = {
        {800, 480, 0, 7.0, 933.0 / (7.0 * 25.4)},
        {720, 1280, 90, 7.0, 1468.6 / (7.0 * 25.4)},
        {1920, 1080, 0, 15.6, 2202.9 / (15.6 * 25.4)},
        {800, 480, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DisplayOptions o = {.width = cases[i].w,
                            .height = cases[i].h,
                            .asset_dir = assets,
                            .rotate = cases[i].rotate,
                            .screen_inches = cases[i].inches};
        Display *d = display_open(&o);
        assert_non_null(d);
        double got = display_px_per_mm(d);
        if (got < cases[i].want - 0.01 || got > cases[i].want + 0.01)
            fail_msg("%dx%d at %.1f in: %.3f px/mm, not %.3f", cases[i].w, cases[i].h,
                     cases[i].inches, got, cases[i].want);
        display_close(d);
    }
    free(assets);
}

/* ---- taps in scripted runs ---- */

/* The rectangle of the widget labelled label in a LANYARD_TRACE_VIEW trace. */
static bool trace_widget(const char *trace, const char *label, UiRect *r)
{
    for (const char *p = trace; (p = strstr(p, "widget ")) != NULL; p++) {
        int n = 0;
        if (sscanf(p, "widget %d %d %d %d %n", &r->x, &r->y, &r->w, &r->h, &n) != 4)
            continue;
        size_t len = strlen(label);
        if (!strncmp(p + n, label, len) && (p[n + len] == '\n' || p[n + len] == '\0'))
            return true;
    }
    return false;
}

static TuRun run_script(const char *dir, const char *event, const char *size, const char *text)
{
    char *script = tu_path(dir, "taps.script"), *db = tu_path(dir, "kiosk.db");
    tu_write(script, text, (size_t)-1);
    TuRun r = uid_script_run(&(UidScript){.path = script, .event = event, .db = db, .size = size});
    free(script);
    free(db);
    return r;
}

/* A Touch Display 2 (a 720x1280 panel) at each rotation: the view is
 * 1280x720 mounted sideways, 720x1280 upright. */
static void taps_at(const char *dir, int rotate)
{
    char sub[32];
    snprintf(sub, sizeof sub, "%s/r%d", dir, rotate);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *event = uid_event_copy(sub, false), *ini = tu_path(event, "event.ini");
    char *text = tu_read(ini, NULL);
    assert_non_null(text);
    size_t len = strlen(text) + 64;
    char *with = malloc(len);
    snprintf(with, len, "%s\nrotate = %d\n", text, rotate); /* [kiosk] is the last section */
    tu_write(ini, with, (size_t)-1);

    /* Where the view has its buttons. */
    char *trace = tu_path(sub, "trace.txt");
    setenv("LANYARD_TRACE_VIEW", trace, 1);
    TuRun r = run_script(sub, event, "720x1280", "wait 10\n");
    unsetenv("LANYARD_TRACE_VIEW");
    uid_expect_ok(&r);
    tu_run_free(&r);
    char *t = tu_read(trace, NULL);
    assert_non_null(t);

    static const struct {
        const char *press, *then;
    } cases[] = {{"Check in", "Type at least 2 letters"}, {"I'm new here", "First name"}};
    InputSpace sp = {.rotate = rotate, .w = 720, .h = 1280};
    for (size_t c = 0; c < 2; c++) {
        UiRect b;
        if (!trace_widget(t, cases[c].press, &b))
            fail_msg("rotate %d: no '%s' in\n%s", rotate, cases[c].press, t);
        int wx, wy;
        input_to_window(&sp, b.x + b.w / 2, b.y + b.h / 2, &wx, &wy);
        char script[200];
        snprintf(script, sizeof script, "expect-not %s\ntap %d %d\nexpect %s\n", cases[c].then, wx,
                 wy, cases[c].then);
        for (int finger = 0; finger < 2; finger++) {
            if (finger)
                setenv("LANYARD_SCRIPT_TOUCH", "1", 1);
            r = run_script(sub, event, "720x1280", script);
            unsetenv("LANYARD_SCRIPT_TOUCH");
            if (r.status != 0)
                fail_msg("rotate %d, %s at %d,%d: %s", rotate, finger ? "finger" : "mouse", wx, wy,
                         r.err);
            tu_run_free(&r);
        }
    }
    free(t);
    free(trace);
    free(with);
    free(text);
    free(ini);
    free(event);
}

static void test_script_taps(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    for (size_t i = 0; i < NROT; i++)
        taps_at(dir, ROTATIONS[i]);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_keys), cmocka_unit_test(test_points),
        cmocka_unit_test(test_held_keys),   cmocka_unit_test(test_turned_picture),
        cmocka_unit_test(test_px_per_mm),   cmocka_unit_test(test_script_taps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
