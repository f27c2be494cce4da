/* test_badge_url.c — the link printed under a badge's QR code (for a guest
 * without a phone camera): on every label preset it is the link without its
 * "https://", laid out under the code, drawn whole (wrapped, never cut) at a
 * readable size, and the QR code beside it still decodes to the full link. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "badge/badge_render.h"
#include "core/event_config.h"
#include "core/link.h"
#include "platform/font.h"

static FontSet *fonts;
static char *tmp;

static int setup(void **state)
{
    (void)state;
    char err[256];
    fonts = font_set_create(LANYARD_SOURCE_DIR "/assets", err, sizeof err);
    if (!fonts)
        fprintf(stderr, "fonts: %s\n", err);
    tmp = tu_tempdir();
    return fonts && tmp ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    font_set_destroy(fonts);
    tu_rmtree(tmp);
    free(tmp);
    return 0;
}

static char *zbar(const char *image)
{
    const char *argv[] = {"/usr/bin/zbarimg", "--raw", "-q", image, NULL};
    TuRun r = tu_run(argv, NULL);
    char *out = NULL;
    if (r.status == 0) {
        out = strdup(r.out);
        size_t n = strlen(out);
        while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
            out[--n] = '\0';
    }
    tu_run_free(&r);
    return out;
}

static void test_short_form(void **state)
{
    (void)state;
    assert_string_equal(link_short("https://cte.example.org/p?guest=G1"),
                        "cte.example.org/p?guest=G1");
    assert_string_equal(link_short("HTTP://a.org/x"), "a.org/x");
    assert_string_equal(link_short("cte.example.org/x"), "cte.example.org/x");
    assert_string_equal(link_short("ftp://a.org"), "ftp://a.org");
}

/* Dark pixels in r. */
static int ink(const BadgeImage *b, BadgeRect r)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            Rgb c = badge_image_pixel(b, x, y);
            if (c.r < 128 && c.g < 128 && c.b < 128)
                n++;
        }
    return n;
}

static const char *const PROGRAMS[] = {"WELD", "HLTH-101", "IT NET"};

static void check_size(const char *size, const char *code, size_t nprograms)
{
    EventConfig cfg;
    config_defaults(&cfg);
    assert_true(config_parse_badge_size(size, &cfg.badge_w_mm, &cfg.badge_h_mm));
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    char *url = link_build(cfg.qr_url, cfg.catalog_url, code, PROGRAMS, nprograms);
    assert_non_null(url);
    BadgeContent c = {cfg.name, "Ana", "García", "Acme Welding Supply", ROLE_INDUSTRY_PARTNER, url};
    BadgeLayout L;
    char err[512] = "";
    BadgeImage *b = badge_render(fonts, &spec, &c, &L, err, sizeof err);
    if (!b)
        fprintf(stderr, "%s: %s\n", size, err);
    assert_non_null(b);

    /* Under the code (its middle under the code's), inside the label. */
    const BadgeTextBox *u = &L.field[BADGE_URL];
    assert_true(u->box.h > 0 && u->box.w > 0);
    assert_true(u->box.y >= L.qr.y + L.qr.h);
    int mid = u->box.x + u->box.w / 2;
    assert_true(mid >= L.qr.x && mid <= L.qr.x + L.qr.w);
    assert_true(u->box.x >= L.margin && u->box.x + u->box.w <= L.width - L.margin);
    assert_true(u->box.y + u->box.h <= L.height - L.margin);
    /* At least 1.5 mm a line on the label stock badges are printed on (a
     * label under 59 mm across gets what room there is). */
    double short_mm = spec.w_mm < spec.h_mm ? spec.w_mm : spec.h_mm;
    if (short_mm >= 57)
        assert_true(u->px >= 1.5 * spec.dpi / 25.4);

    /* The printed text is the short link, whole: wrapped into the box's lines
     * at the laid-out size, nothing is cut and nothing lost. */
    const char *printed = link_short(url);
    assert_true(strlen(printed) + strlen("https://") == strlen(url));
    char *lines[4] = {0};
    size_t n =
        font_wrap(fonts, printed, u->px, FONT_REGULAR, u->box.w, lines, (size_t)u->max_lines);
    assert_true(n >= 1 && n <= (size_t)u->max_lines);
    char joined[1024] = "";
    int lh = 0;
    for (size_t i = 0; i < n; i++) {
        assert_null(strstr(lines[i], "\xE2\x80\xA6"));
        int w = 0;
        assert_int_equal(font_measure(fonts, lines[i], u->px, FONT_REGULAR, &w, &lh), 0);
        assert_true(w <= u->box.w);
        strncat(joined, lines[i], sizeof joined - strlen(joined) - 1);
        free(lines[i]);
    }
    assert_string_equal(joined, printed);
    assert_true(lh * (int)n <= u->box.h);
    /* And it is drawn there. */
    assert_true(ink(b, u->box) > u->box.w / 2);

    /* The code still reads as the full link. */
    char name[128];
    snprintf(name, sizeof name, "%s.png", size);
    char *png = tu_path(tmp, name);
    assert_int_equal(badge_save_png(b, png, err, sizeof err), 0);
    char *got = zbar(png);
    assert_non_null(got);
    assert_string_equal(got, url);
    free(got);
    free(png);
    free(url);
    badge_image_free(b);
}

static void test_every_preset(void **state)
{
    (void)state;
    static const char *const SIZES[] = {"4x3in",      "brother-62x100", "dymo-30256",
                                        "dymo-30857", "102x59mm",       "80x50mm"};
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        check_size(SIZES[i], "A&B/\xC3\xBC 1", 3); /* a long link */
        check_size(SIZES[i], "G01", 0);            /* the catalogue's */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_form),
        cmocka_unit_test_setup_teardown(test_every_preset, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
