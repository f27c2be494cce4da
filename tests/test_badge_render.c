/* test_badge_render.c — badges as pixels, PNG and PDF, for every label preset
 * and a custom size: the PDF page is the label, the QR code decodes (zbarimg) to
 * the expected link, which reads back to the guest's code, and names in any
 * script or length stay inside the label. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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
    /* BADGE_TEST_KEEP=DIR renders the badges there, to look at them. */
    const char *keep = getenv("BADGE_TEST_KEEP");
    fonts = font_set_create(LANYARD_SOURCE_DIR "/assets", err, sizeof err);
    if (!fonts)
        fprintf(stderr, "fonts: %s\n", err);
    tmp = keep ? strdup(keep) : tu_tempdir();
    return fonts && tmp ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    font_set_destroy(fonts);
    if (!getenv("BADGE_TEST_KEEP"))
        tu_rmtree(tmp);
    free(tmp);
    return 0;
}

/* What zbarimg reads from an image: the decoded text, or NULL. */
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
    } else {
        fprintf(stderr, "zbarimg %s: status %d: %s\n", image, r.status, r.err);
    }
    tu_run_free(&r);
    return out;
}

/* The page size of a one-page PDF in mm, from pdfinfo. */
static void pdf_page_mm(const char *pdf, double *w_mm, double *h_mm)
{
    const char *argv[] = {"/usr/bin/pdfinfo", pdf, NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    const char *p = strstr(r.out, "Page size:");
    assert_non_null(p);
    double w = 0, h = 0;
    assert_int_equal(sscanf(p, "Page size: %lf x %lf pts", &w, &h), 2);
    const char *pages = strstr(r.out, "Pages:");
    int npages = 0;
    assert_non_null(pages);
    assert_int_equal(sscanf(pages, "Pages: %d", &npages), 1);
    assert_int_equal(npages, 1);
    *w_mm = w / 72.0 * 25.4;
    *h_mm = h / 72.0 * 25.4;
    tu_run_free(&r);
}

/* pdftoppm -r 300 of the PDF's page, as a PNG path (malloc'd). */
static char *pdf_to_png(const char *pdf, const char *base)
{
    char *prefix = tu_path(tmp, base);
    const char *argv[] = {"/usr/bin/pdftoppm", "-r", "300",  "-png",
                          "-singlefile",       pdf,  prefix, NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    size_t n = strlen(prefix) + 5;
    char *png = malloc(n);
    snprintf(png, n, "%s.png", prefix);
    free(prefix);
    return png;
}

static BadgeImage *render_ok(const BadgeSpec *spec, const BadgeContent *c, BadgeLayout *L)
{
    char err[512] = "";
    BadgeImage *s = badge_render(fonts, spec, c, L, err, sizeof err);
    if (!s)
        fprintf(stderr, "badge_render: %s\n", err);
    assert_non_null(s);
    int w, h;
    badge_image_size(s, &w, &h);
    assert_int_equal(w, L->width);
    assert_int_equal(h, L->height);
    return s;
}

static const char *const PROGRAMS[] = {"WELD", "HLTH-101", "IT NET"};

static void render_size(const char *size, const char *code, const char *const *programs,
                        size_t nprograms)
{
    EventConfig cfg;
    config_defaults(&cfg);
    assert_true(config_parse_badge_size(size, &cfg.badge_w_mm, &cfg.badge_h_mm));
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    char *url = link_build(cfg.qr_url, cfg.catalog_url, code, programs, nprograms);
    assert_non_null(url);
    BadgeContent c = {cfg.name, "Ana", "García", "Acme Welding Supply", ROLE_INDUSTRY_PARTNER, url};
    BadgeLayout L;
    BadgeImage *s = render_ok(&spec, &c, &L);

    char name[128], err[512];
    snprintf(name, sizeof name, "%s.png", size);
    char *png = tu_path(tmp, name);
    snprintf(name, sizeof name, "%s.pdf", size);
    char *pdf = tu_path(tmp, name);
    assert_int_equal(badge_save_png(s, png, err, sizeof err), 0);
    assert_int_equal(badge_save_pdf(s, spec.w_mm, spec.h_mm, "t", pdf, err, sizeof err), 0);

    /* The PDF page is the label, to half a millimetre. */
    double w, h;
    pdf_page_mm(pdf, &w, &h);
    assert_true(w > spec.w_mm - 0.5 && w < spec.w_mm + 0.5);
    assert_true(h > spec.h_mm - 0.5 && h < spec.h_mm + 0.5);

    /* Both decode to the link, and the link a scanner reads gives the code
     * back (SPEC §4: the badge's own QR code finds its guest). */
    char *got = zbar(png);
    assert_non_null(got);
    assert_string_equal(got, url);
    char *back = NULL;
    assert_int_equal(link_code(cfg.qr_url, cfg.catalog_url, got, &back), 1);
    assert_string_equal(back, code);
    free(back);
    free(got);
    snprintf(name, sizeof name, "%s-page", size);
    char *page = pdf_to_png(pdf, name);
    got = zbar(page);
    assert_non_null(got);
    assert_string_equal(got, url);
    free(got);

    free(page);
    free(png);
    free(pdf);
    free(url);
    badge_image_free(s);
}

static void test_presets_and_custom(void **state)
{
    (void)state;
    render_size("4x3in", "A&B/\xC3\xBC 1", PROGRAMS, 3);
    render_size("brother-62x100", "1234567890-1", PROGRAMS, 1);
    render_size("dymo-30256", "W-7K3M-Q9XD", PROGRAMS, 2);
    render_size("dymo-30857", "A&B/\xC3\xBC 1", PROGRAMS, 3);
    render_size("80x50mm", "A&B/\xC3\xBC 1", PROGRAMS, 3);
    render_size("3x4in", "Z", NULL, 0); /* nothing picked: the catalogue */
    render_size("100x60mm", "K&9/\xC3\xB1 #+?,1", NULL, 0);
}

/* The box holding all pixels that are not white. */
static void ink_box(const BadgeImage *s, BadgeRect box, int *x0, int *y0, int *x1, int *y1)
{
    badge_image_size(s, x0, y0);
    *x1 = -1;
    *y1 = -1;
    for (int y = box.y; y < box.y + box.h; y++) {
        for (int x = box.x; x < box.x + box.w; x++) {
            Rgb c = badge_image_pixel(s, x, y);
            if (c.r == 255 && c.g == 255 && c.b == 255)
                continue;
            if (x < *x0)
                *x0 = x;
            if (x > *x1)
                *x1 = x;
            if (y < *y0)
                *y0 = y;
            if (y > *y1)
                *y1 = y;
        }
    }
}

static void check_name(const char *size, const char *first, const char *last, const char *company)
{
    EventConfig cfg;
    config_defaults(&cfg);
    assert_true(config_parse_badge_size(size, &cfg.badge_w_mm, &cfg.badge_h_mm));
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    BadgeContent c = {first,   first,         last,
                      company, ROLE_EDUCATOR, "https://cte.example.org/programs"};
    BadgeLayout L;
    BadgeImage *s = render_ok(&spec, &c, &L);
    /* All ink is inside the margins. */
    int sw, sh;
    badge_image_size(s, &sw, &sh);
    BadgeRect all = {0, 0, sw, sh};
    int x0, y0, x1, y1;
    ink_box(s, all, &x0, &y0, &x1, &y1);
    assert_true(x0 >= L.margin && y0 >= L.margin);
    assert_true(x1 < sw - L.margin && y1 < sh - L.margin);
    /* The first name was drawn, and inside its own box. */
    BadgeRect fb = L.field[BADGE_FIRST].box;
    ink_box(s, fb, &x0, &y0, &x1, &y1);
    assert_true(x1 >= x0 && y1 >= y0);
    assert_true(x1 - x0 > fb.w / 20 || y1 - y0 > fb.h / 4);
    if (getenv("BADGE_TEST_KEEP")) {
        static int n;
        char name[64], err[256];
        snprintf(name, sizeof name, "name-%02d.png", n++);
        char *png = tu_path(tmp, name);
        assert_int_equal(badge_save_png(s, png, err, sizeof err), 0);
        free(png);
    }
    badge_image_free(s);
}

static void test_any_name_stays_inside(void **state)
{
    (void)state;
    char longname[200];
    const char *word = "Bartholomew ";
    size_t n = 0;
    while (n + strlen(word) < 160) {
        memcpy(longname + n, word, strlen(word));
        n += strlen(word);
    }
    while (n < 160)
        longname[n++] = 'x';
    longname[n] = '\0';
    char nospace[161];
    memset(nospace, 'W', 160);
    nospace[160] = '\0';
    static const char *const SIZES[] = {"4x3in", "brother-62x100", "dymo-30857", "50x30mm"};
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        check_name(SIZES[i], longname, longname, longname);
        check_name(SIZES[i], nospace, nospace, nospace);
        check_name(SIZES[i], "王小明", "欧阳", "深圳市科技有限公司");
        check_name(SIZES[i], "محمد", "عبد الرحمن", "شركة الخليج للتقنية");
        check_name(SIZES[i], "Zoë 😀🎉", "Nguyễn 👩‍🔧", "Café ☕ Co.");
        check_name(SIZES[i], "Ёлка", "Παπαδόπουλος", "देवनागरी");
    }
}

/* A badge for a guest named first last, at size; its layout in *L. */
static BadgeImage *render_name(const char *size, const char *first, const char *last,
                               BadgeLayout *L)
{
    EventConfig cfg;
    config_defaults(&cfg);
    assert_true(config_parse_badge_size(size, &cfg.badge_w_mm, &cfg.badge_h_mm));
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    BadgeContent c = {
        cfg.name, first, last, "Acme Welding", ROLE_INDUSTRY_PARTNER, "https://x.example/?guest=1"};
    return render_ok(&spec, &c, L);
}

static bool same_pixels(const BadgeImage *a, const BadgeImage *b)
{
    int aw, ah, bw, bh;
    badge_image_size(a, &aw, &ah);
    badge_image_size(b, &bw, &bh);
    if (aw != bw || ah != bh)
        return false;
    for (int y = 0; y < ah; y++)
        for (int x = 0; x < aw; x++) {
            Rgb p = badge_image_pixel(a, x, y), q = badge_image_pixel(b, x, y);
            if (p.r != q.r || p.g != q.g || p.b != q.b)
                return false;
        }
    return true;
}

/* A name in Chinese, Japanese or Korean script is one line, family name
 * first: the badge of given name 芳 and family name 王 is, pixel for pixel,
 * the badge of the one name 王芳, and the last name's box is given up. Names in
 * other scripts, or mixing scripts, keep the first name above the last. */
static void test_cjk_names_one_line(void **state)
{
    (void)state;
    static const char *const SIZES[] = {"4x3in", "brother-62x100"};
    static const struct {
        const char *first, *last, *line, *wrong;
    } CJK[] = {
        {"芳", "王", "王芳", "芳王"},
        {"太郎", "山田", "山田太郎", "太郎山田"},
        {"はなこ", "やまだ", "やまだはなこ", "はなこやまだ"},
        {"민준", "김", "김 민준", "민준 김"},
    };
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        for (size_t k = 0; k < sizeof CJK / sizeof CJK[0]; k++) {
            BadgeLayout L, one, wrong;
            BadgeImage *a = render_name(SIZES[i], CJK[k].first, CJK[k].last, &L);
            BadgeImage *b = render_name(SIZES[i], CJK[k].line, NULL, &one);
            BadgeImage *w = render_name(SIZES[i], CJK[k].wrong, NULL, &wrong);
            assert_int_equal(L.field[BADGE_LAST].box.h, 0);
            assert_memory_equal(&L.field[BADGE_FIRST], &one.field[BADGE_FIRST],
                                sizeof L.field[BADGE_FIRST]);
            /* The first name's box took the last name's room. */
            BadgeLayout latin;
            badge_image_free(render_name(SIZES[i], "Ana", "Li", &latin));
            assert_true(L.field[BADGE_FIRST].box.h > latin.field[BADGE_FIRST].box.h);
            if (!same_pixels(a, b))
                fail_msg("%s %s on %s is not drawn as %s", CJK[k].first, CJK[k].last, SIZES[i],
                         CJK[k].line);
            assert_false(same_pixels(a, w));
            badge_image_free(a);
            badge_image_free(b);
            badge_image_free(w);
        }
        /* Two lines, first name on top, for these. */
        const char *const TWO[][2] = {{"Ana", "García"}, {"芳", "Wang"}, {"محمد", "عبد الرحمن"}};
        for (size_t k = 0; k < sizeof TWO / sizeof TWO[0]; k++) {
            BadgeLayout L;
            badge_image_free(render_name(SIZES[i], TWO[k][0], TWO[k][1], &L));
            assert_true(L.field[BADGE_LAST].box.h > 0);
            assert_true(L.field[BADGE_LAST].box.y > L.field[BADGE_FIRST].box.y);
        }
    }
}

static void test_empty_fields_and_roles(void **state)
{
    (void)state;
    EventConfig cfg;
    config_defaults(&cfg);
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    for (int role = ROLE_INDUSTRY_PARTNER; role <= ROLE_STUDENT; role++) {
        BadgeContent c = {"", "Ana", NULL, "", (GuestRole)role, NULL};
        BadgeLayout L;
        BadgeImage *s = render_ok(&spec, &c, &L);
        badge_image_free(s);
    }
    /* A label too small for a badge is an error, not a crash. */
    spec.w_mm = 10;
    char err[256] = "";
    BadgeContent c = {"E", "Ana", "G", "", ROLE_STAFF, "x"};
    assert_null(badge_render(fonts, &spec, &c, NULL, err, sizeof err));
    assert_non_null(strstr(err, "10.0 x"));
}

/* A badge file that cannot be written in full (a full disk; here the file
 * size limit, which fails a write part-way the same) is an error naming the
 * file and the reason, and no empty or partial file is left where a badge is
 * expected. */
static void test_full_disk(void **state)
{
    (void)state;
    EventConfig cfg;
    config_defaults(&cfg);
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    BadgeContent c = {cfg.name,           "Ana", "García", "Acme", ROLE_INDUSTRY_PARTNER,
                      "https://x.example"};
    BadgeLayout L;
    BadgeImage *s = render_ok(&spec, &c, &L);
    signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails with EFBIG */
    struct rlimit was;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    const char *names[] = {"full.png", "full.pdf"};
    for (size_t i = 0; i < 2; i++) {
        char *path = tu_path(tmp, names[i]);
        char err[512] = "";
        struct rlimit small = {4096, was.rlim_max};
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
        int rc = i == 0 ? badge_save_png(s, path, err, sizeof err)
                        : badge_save_pdf(s, spec.w_mm, spec.h_mm, "t", path, err, sizeof err);
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
        assert_int_equal(rc, -1);
        if (!strstr(err, path) || !strstr(err, strerror(EFBIG)))
            fail_msg("unclear message: %s", err);
        struct stat st;
        assert_int_equal(lstat(path, &st), -1); /* nothing left under the badge's name */
        free(path);
    }
    badge_image_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets_and_custom), cmocka_unit_test(test_any_name_stays_inside),
        cmocka_unit_test(test_cjk_names_one_line), cmocka_unit_test(test_empty_fields_and_roles),
        cmocka_unit_test(test_full_disk),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
