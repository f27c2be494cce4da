/* test_font.c — the text renderer: every script draws real glyphs (not boxes),
 * right-to-left names are shaped and ordered, measuring matches drawing, and
 * fitting and wrapping keep text inside the width they are given. Needs no
 * display: only SDL_ttf and fontconfig. */
#include "testutil.h"
#include "core/guest.h"
#include "platform/font.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSETS LANYARD_SOURCE_DIR "/assets"
#define PX 48

static const SDL_Color INK = {10, 20, 30, 255};

/* U+E000 is private use: no font installed here or in the bundled set has it. */
#define NO_FONT_CHAR "\xEE\x80\x80"

static int setup(void **state)
{
    char err[256] = "";
    FontSet *fs = font_set_create(ASSETS, err, sizeof err);
    if (!fs)
        fprintf(stderr, "font_set_create: %s\n", err);
    *state = fs;
    return fs ? 0 : -1;
}

static int teardown(void **state)
{
    font_set_destroy(*state);
    return 0;
}

/* ---- pixel helpers ---------------------------------------------------------- */

static Uint8 alpha_at(const SDL_Surface *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
    return (Uint8)(row[x] >> 24);
}

typedef struct Ink {
    int minx, maxx, miny, maxy; /* bounding box of pixels with any alpha */
    long total;                 /* sum of alpha */
} Ink;

/* Ink of the rows [y0, y1) of s. */
static Ink ink_rows(const SDL_Surface *s, int y0, int y1)
{
    assert_int_equal(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    Ink k = {s->w, -1, s->h, -1, 0};
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < s->w; x++) {
            Uint8 a = alpha_at(s, x, y);
            if (!a)
                continue;
            k.total += a;
            if (x < k.minx)
                k.minx = x;
            if (x > k.maxx)
                k.maxx = x;
            if (y < k.miny)
                k.miny = y;
            if (y > k.maxy)
                k.maxy = y;
        }
    return k;
}

static Ink ink_of(const SDL_Surface *s)
{
    return ink_rows(s, 0, s->h);
}

static int ink_width(Ink k)
{
    return k.maxx >= k.minx ? k.maxx - k.minx + 1 : 0;
}

/* Alpha of the inked box of a, scaled to a fixed 32x32 grid, so two drawings
 * can be compared whatever their size and position. */
static void ink_grid(const SDL_Surface *s, Uint8 grid[32][32])
{
    Ink k = ink_of(s);
    memset(grid, 0, 32 * 32);
    if (k.maxx < k.minx)
        return;
    int w = k.maxx - k.minx + 1, h = k.maxy - k.miny + 1;
    for (int gy = 0; gy < 32; gy++)
        for (int gx = 0; gx < 32; gx++)
            grid[gy][gx] = alpha_at(s, k.minx + gx * w / 32, k.miny + gy * h / 32);
}

/* Fraction (0..1) of grid cells that differ by more than a third of full alpha. */
static double grid_difference(const SDL_Surface *a, const SDL_Surface *b)
{
    Uint8 ga[32][32], gb[32][32];
    ink_grid(a, ga);
    ink_grid(b, gb);
    int differ = 0;
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 32; x++)
            if (abs(ga[y][x] - gb[y][x]) > 85)
                differ++;
    return differ / 1024.0;
}

/* Sum of alpha in each column from x0, for n columns. Independent of where a
 * run sits vertically, so it identifies a run within a mixed line. */
static void column_profile(const SDL_Surface *s, int x0, int n, long *out)
{
    for (int x = 0; x < n; x++) {
        out[x] = 0;
        for (int y = 0; y < s->h; y++)
            out[x] += alpha_at(s, x0 + x, y);
    }
}

static SDL_Surface *render_ok(FontSet *fs, const char *text, int px, FontWeight w)
{
    SDL_Surface *s = font_render(fs, text, px, w, INK);
    if (!s)
        fail_msg("font_render(\"%s\"): %s", text, SDL_GetError());
    int mw = -1, mh = -1;
    assert_int_equal(font_measure(fs, text, px, w, &mw, &mh), 0);
    assert_int_equal(mw, s->w);
    assert_int_equal(mh, s->h);
    Ink k = ink_of(s);
    assert_true(k.total > 0);
    return s;
}

/* The box SDL_ttf draws for a character the bundled font lacks: what a name
 * would look like if fallback did not work. */
static SDL_Surface *render_tofu(int px)
{
    assert_int_equal(TTF_Init(), 0);
    TTF_Font *f = TTF_OpenFont(ASSETS "/fonts/NotoSans-Regular.ttf", px);
    assert_non_null(f);
    assert_false(TTF_GlyphIsProvided32(f, 0xE000));
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, NO_FONT_CHAR, INK);
    assert_non_null(s);
    TTF_CloseFont(f);
    TTF_Quit();
    return s;
}

static bool installed_font_has(FcChar32 cp)
{
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, NULL);
    assert_true(pat && cs && os && FcCharSetAddChar(cs, cp) &&
                FcPatternAddCharSet(pat, FC_CHARSET, cs));
    FcFontSet *set = FcFontList(NULL, pat, os);
    bool has = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return has;
}

/* Each character of text rendered alone must be a real glyph: unlike the box,
 * and unlike each other (every missing glyph draws the same box). */
static void assert_real_glyphs(FontSet *fs, const char *const *chars, size_t n)
{
    SDL_Surface *tofu = render_tofu(PX);
    SDL_Surface *s[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) {
        s[i] = render_ok(fs, chars[i], PX, FONT_REGULAR);
        double d = grid_difference(s[i], tofu);
        if (d < 0.05)
            fail_msg("\"%s\" looks like the missing-glyph box (%.3f)", chars[i], d);
        for (size_t j = 0; j < i; j++)
            if (grid_difference(s[i], s[j]) < 0.05)
                fail_msg("\"%s\" and \"%s\" draw alike: boxes?", chars[i], chars[j]);
    }
    for (size_t i = 0; i < n; i++)
        SDL_FreeSurface(s[i]);
    SDL_FreeSurface(tofu);
}

/* A copy of s without its isolate controls (U+2066..U+2069). */
static char *text_without_isolates(const char *s)
{
    char *out = strdup(s);
    assert_non_null(out);
    size_t o = 0;
    for (size_t i = 0; s[i];) {
        if (!strncmp(s + i, "\xE2\x81", 2) && (unsigned char)s[i + 2] >= 0xA6 &&
            (unsigned char)s[i + 2] <= 0xA9) {
            i += 3;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_create_errors(void **state)
{
    (void)state;
    char err[256] = "";
    FontSet *fs = font_set_create("/nonexistent/lanyard-assets", err, sizeof err);
    assert_null(fs);
    assert_non_null(strstr(err, "NotoSans-Regular.ttf"));
}

static void test_sets_are_independent(void **state)
{
    (void)state;
    char err[256];
    FontSet *a = font_set_create(ASSETS, err, sizeof err);
    FontSet *b = font_set_create(ASSETS, err, sizeof err);
    assert_non_null(a);
    assert_non_null(b);
    font_set_destroy(a); /* SDL_ttf must stay up for b */
    SDL_Surface *s = render_ok(b, "Still here", 20, FONT_REGULAR);
    SDL_FreeSurface(s);
    font_set_destroy(b);
}

static void test_scripts_render(void **state)
{
    FontSet *fs = *state;
    const char *names[] = {
        "José Müller-Ñúñez Ærøskøbing",
        "Nguyễn Thị Minh Khai",
        "Nguye\xCC\x82\xCC\x83n", /* Nguyễn with combining marks (NFD) */
        "Дмитрий Шостакович",
        "Αλέξανδρος Παπαδόπουλος",
        "محمد",
        "محمد Ali",
        "שָׁלוֹם Cohen",
        "王芳",
        "Ana 😀 López",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        for (int w = FONT_REGULAR; w <= FONT_BOLD; w++) {
            SDL_Surface *s = render_ok(fs, names[i], PX, (FontWeight)w);
            Ink k = ink_of(s);
            /* Each of these names is wider than one em, and fits in the surface. */
            assert_true(ink_width(k) >= PX);
            assert_true(k.minx >= 0 && k.maxx < s->w && k.miny >= 0 && k.maxy < s->h);
            SDL_FreeSurface(s);
        }
    }
}

static void test_cjk_not_boxes(void **state)
{
    FontSet *fs = *state;
    if (!installed_font_has(0x738B)) {
        fprintf(stderr, "test_cjk_not_boxes: skipped: no CJK font installed "
                        "(scripts/deps installs fonts-noto-cjk)\n");
        skip();
    }
    const char *chars[] = {"王", "芳", "李"};
    assert_real_glyphs(fs, chars, 3);
    SDL_Surface *s = render_ok(fs, "王芳", PX, FONT_REGULAR);
    int w = ink_width(ink_of(s));
    /* Two ideographs are each nearly a full em wide. */
    assert_true(w >= 3 * PX / 2);
    assert_true(w <= 5 * PX / 2);
    SDL_FreeSurface(s);
}

static void test_arabic_shaped_and_rtl(void **state)
{
    FontSet *fs = *state;
    if (!installed_font_has(0x0645)) {
        fprintf(stderr, "test_arabic_shaped_and_rtl: skipped: no Arabic font installed "
                        "(scripts/deps installs fonts-noto-core)\n");
        skip();
    }
    const char *letters[] = {"م", "ح", "د"};
    assert_real_glyphs(fs, letters, 3);

    /* Joined: the word differs from, and is narrower than, the same letters kept
     * apart by zero-width non-joiners (their isolated forms). */
    SDL_Surface *word = render_ok(fs, "محمد", PX, FONT_REGULAR);
    SDL_Surface *apart = render_ok(fs, "م\u200Cح\u200Cم\u200Cد", PX, FONT_REGULAR);
    assert_true(word->w < apart->w);
    assert_true(grid_difference(word, apart) > 0.1);
    SDL_FreeSurface(apart);
    int iw = ink_width(ink_of(word));
    assert_true(iw >= PX && iw <= 4 * PX);

    /* Right to left: a line that starts in Arabic puts the Latin run on the
     * left and the Arabic word, drawn right to left, on the right. */
    SDL_Surface *ali = render_ok(fs, "Ali", PX, FONT_REGULAR);
    SDL_Surface *mixed = render_ok(fs, "محمد Ali", PX, FONT_REGULAR);
    assert_true(mixed->w > ali->w + word->w);
    long *got = calloc((size_t)(ali->w + word->w), sizeof *got);
    long *want = calloc((size_t)(ali->w + word->w), sizeof *want);
    assert_non_null(got);
    assert_non_null(want);
    column_profile(mixed, 0, ali->w, got);
    column_profile(ali, 0, ali->w, want);
    assert_memory_equal(got, want, (size_t)ali->w * sizeof *got);
    column_profile(mixed, mixed->w - word->w, word->w, got);
    column_profile(word, 0, word->w, want);
    assert_memory_equal(got, want, (size_t)word->w * sizeof *got);

    /* A line that starts in Latin keeps Latin first. */
    SDL_Surface *ltr = render_ok(fs, "Ali محمد", PX, FONT_REGULAR);
    column_profile(ltr, 0, ali->w, got);
    column_profile(ali, 0, ali->w, want);
    assert_memory_equal(got, want, (size_t)ali->w * sizeof *got);
    column_profile(ltr, ltr->w - word->w, word->w, got);
    column_profile(word, 0, word->w, want);
    assert_memory_equal(got, want, (size_t)word->w * sizeof *got);

    free(got);
    free(want);
    SDL_FreeSurface(ltr);
    SDL_FreeSurface(mixed);
    SDL_FreeSurface(ali);
    SDL_FreeSurface(word);
}

/* Whether columns [x0, x0 + s->w) of line hold s, drawn alone. */
static bool drawn_at(const SDL_Surface *line, int x0, const SDL_Surface *s)
{
    if (x0 < 0 || x0 + s->w > line->w)
        return false;
    long *got = calloc((size_t)s->w, sizeof *got);
    long *want = calloc((size_t)s->w, sizeof *want);
    assert_true(got && want);
    column_profile(line, x0, s->w, got);
    column_profile(s, 0, s->w, want);
    bool same = memcmp(got, want, (size_t)s->w * sizeof *got) == 0;
    free(got);
    free(want);
    return same;
}

/* A kiosk result row, "First L. — Company" (core/guest.c), reads name first
 * in a left-to-right row: an Arabic name is an isolate (FSI ... PDI), drawn
 * right to left at the left of the row, its abbreviating dot after the initial
 * (at its left), and the Latin company at the right. Without the isolate the
 * Arabic name sets the line's direction and the company comes first. */
static void test_isolates_keep_row_order(void **state)
{
    FontSet *fs = *state;
    if (!installed_font_has(0x0645)) {
        fprintf(stderr, "test_isolates_keep_row_order: skipped: no Arabic font installed\n");
        skip();
    }
    Guest g;
    guest_init(&g);
    assert_int_equal(guest_set(&g.first, "محمد"), 0);
    assert_int_equal(guest_set(&g.last, "عبد الرحمن"), 0);
    assert_int_equal(guest_set(&g.company, "Acme Welding"), 0);
    char *label = guest_masked_name(&g);
    assert_non_null(label);
    guest_clear(&g);

    SDL_Surface *row = render_ok(fs, label, PX, FONT_BOLD);
    SDL_Surface *name = render_ok(fs, "محمد ع.", PX, FONT_BOLD);
    SDL_Surface *company = render_ok(fs, "Acme Welding", PX, FONT_BOLD);
    SDL_Surface *dot = render_ok(fs, ".", PX, FONT_BOLD);
    assert_true(drawn_at(row, 0, name));
    assert_true(drawn_at(row, row->w - company->w, company));
    /* The dot is the leftmost ink: after the initial, in right-to-left order. */
    Ink k = ink_of(row), d = ink_of(dot);
    assert_true(k.minx < ink_width(d) + PX / 8);

    char *plain = text_without_isolates(label);
    SDL_Surface *before = render_ok(fs, plain, PX, FONT_BOLD);
    assert_true(drawn_at(before, 0, company));
    assert_false(drawn_at(before, 0, name));

    /* A PDI with no isolate to end, or an isolate never ended, is harmless. */
    SDL_Surface *a = render_ok(fs, "\u2069Acme Welding", PX, FONT_BOLD);
    assert_true(drawn_at(a, 0, company) && a->w == company->w);
    SDL_Surface *b = render_ok(fs, "\u2068محمد ع.", PX, FONT_BOLD);
    assert_true(drawn_at(b, 0, name) && b->w == name->w);

    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(before);
    SDL_FreeSurface(dot);
    SDL_FreeSurface(company);
    SDL_FreeSurface(name);
    SDL_FreeSurface(row);
    free(plain);
    free(label);
}

/* Lowest row with solid ink in columns [x0, x1). */
static int ink_bottom(const SDL_Surface *s, int x0, int x1)
{
    int bottom = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = x0; x < x1; x++)
            if (alpha_at(s, x, y) > 128)
                bottom = y;
    return bottom;
}

static void test_common_baseline(void **state)
{
    FontSet *fs = *state;
    if (!installed_font_has(0x738B)) {
        fprintf(stderr, "test_common_baseline: skipped: no CJK font installed\n");
        skip();
    }
    /* Latin from the bundled font, an ideograph from a fallback font: their
     * baselines stay together even when stacked accents make the Latin run's
     * surface taller. */
    SDL_Surface *plain = render_ok(fs, "NN王", PX, FONT_REGULAR);
    SDL_Surface *tall = render_ok(fs, "NA\xCC\x8A\xCC\x81\xCC\x82N王", PX, FONT_REGULAR);
    assert_true(tall->h > plain->h);
    int d_plain = ink_bottom(plain, 0, PX / 4) - ink_bottom(plain, plain->w - PX, plain->w);
    int d_tall = ink_bottom(tall, 0, PX / 4) - ink_bottom(tall, tall->w - PX, tall->w);
    assert_int_equal(d_plain, d_tall);
    SDL_FreeSurface(plain);
    SDL_FreeSurface(tall);
}

static void test_missing_glyphs_left_out(void **state)
{
    FontSet *fs = *state;
    int with = 0, without = 0;
    assert_int_equal(font_measure(fs, "A" NO_FONT_CHAR "B", PX, FONT_REGULAR, &with, NULL), 0);
    assert_int_equal(font_measure(fs, "AB", PX, FONT_REGULAR, &without, NULL), 0);
    assert_int_equal(with, without);
    /* Nothing drawable at all: a transparent sliver, not an error or a box. */
    SDL_Surface *none = font_render(fs, NO_FONT_CHAR NO_FONT_CHAR, PX, FONT_REGULAR, INK);
    assert_non_null(none);
    assert_int_equal(none->w, 1);
    assert_int_equal(ink_of(none).total, 0);
    assert_int_equal(font_measure(fs, NO_FONT_CHAR, PX, FONT_REGULAR, &with, NULL), 0);
    assert_int_equal(with, 1);
    SDL_FreeSurface(none);
    assert_int_equal(font_measure(fs, "", PX, FONT_REGULAR, &with, NULL), 0);
    assert_int_equal(with, 0);
    assert_null(font_render(fs, "", PX, FONT_REGULAR, INK));
    /* Malformed UTF-8 still renders (as replacement characters). */
    SDL_Surface *s = render_ok(fs, "ab\xFF\xC3(cd\xE2\x82", PX, FONT_REGULAR);
    SDL_FreeSurface(s);
}

static void test_bold_is_bolder(void **state)
{
    FontSet *fs = *state;
    SDL_Surface *r = render_ok(fs, "Maria Garcia", PX, FONT_REGULAR);
    SDL_Surface *b = render_ok(fs, "Maria Garcia", PX, FONT_BOLD);
    assert_true(ink_of(b).total > ink_of(r).total * 11 / 10);
    SDL_FreeSurface(r);
    SDL_FreeSurface(b);
}

static void test_many_sizes(void **state)
{
    FontSet *fs = *state;
    /* More sizes and faces than the open-font cache holds: handles are closed
     * and reopened as needed, and sizes grow with px. */
    int prev = 0;
    for (int px = 8; px <= 100; px += 2) {
        SDL_Surface *s = render_ok(fs, "Ana 王 محمد", px, (px / 2) % 2 ? FONT_BOLD : FONT_REGULAR);
        assert_true(s->h > prev);
        prev = s->h;
        SDL_FreeSurface(s);
    }
    SDL_Surface *s = render_ok(fs, "Ana 王 محمد", 8, FONT_REGULAR);
    SDL_FreeSurface(s);
}

static char *long_name(void)
{
    const char *part = "Maximiliana Wolfeschlegelsteinhausen ";
    char *s = malloc(161);
    assert_non_null(s);
    for (size_t i = 0; i < 160; i++)
        s[i] = part[i % strlen(part)];
    s[160] = '\0';
    return s;
}

static void test_fit_shrinks(void **state)
{
    FontSet *fs = *state;
    char *name = long_name();
    int px = font_fit_px(fs, name, FONT_BOLD, 6, 96, 1800);
    assert_true(px > 6 && px < 96);
    int w = 0;
    assert_int_equal(font_measure(fs, name, px, FONT_BOLD, &w, NULL), 0);
    assert_true(w <= 1800);
    assert_int_equal(font_measure(fs, name, px + 1, FONT_BOLD, &w, NULL), 0);
    assert_true(w > 1800);
    /* Short names keep the largest size; impossible widths get the smallest. */
    assert_int_equal(font_fit_px(fs, "Li", FONT_BOLD, 6, 96, 1800), 96);
    assert_int_equal(font_fit_px(fs, name, FONT_BOLD, 6, 96, 10), 6);
    free(name);
}

static void assert_lines_fit(FontSet *fs, char **lines, size_t n, int px, int max_width)
{
    for (size_t i = 0; i < n; i++) {
        int w = 0;
        assert_int_equal(font_measure(fs, lines[i], px, FONT_REGULAR, &w, NULL), 0);
        if (w > max_width)
            fail_msg("line %zu \"%s\" is %d px wide, more than %d", i, lines[i], w, max_width);
        assert_true(lines[i][0] != '\0');
        assert_true(lines[i][0] != ' ' && lines[i][strlen(lines[i]) - 1] != ' ');
    }
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
}

static void test_wrap(void **state)
{
    FontSet *fs = *state;
    char *lines[8] = {0};

    /* Fits: one line, unchanged. */
    size_t n = font_wrap(fs, "Ada Lovelace", 30, FONT_REGULAR, 1000, lines, 8);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0], "Ada Lovelace");
    free_lines(lines, n);

    /* Breaks at spaces; nothing lost when there is room. */
    const char *text = "Northern Virginia Regional Advanced Manufacturing Partnership";
    n = font_wrap(fs, text, 30, FONT_REGULAR, 360, lines, 8);
    assert_true(n >= 2);
    assert_lines_fit(fs, lines, n, 30, 360);
    char joined[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(joined, " ");
        strcat(joined, lines[i]);
    }
    assert_string_equal(joined, text);
    free_lines(lines, n);

    /* Too much text: the last line ends in an ellipsis and still fits. */
    char *name = long_name();
    n = font_wrap(fs, name, 30, FONT_REGULAR, 400, lines, 3);
    assert_int_equal(n, 3);
    assert_lines_fit(fs, lines, n, 30, 400);
    const char *last = lines[2];
    assert_string_equal(last + strlen(last) - 3, "\xE2\x80\xA6");
    free_lines(lines, n);
    free(name);

    /* No spaces (Chinese, or one very long word): breaks between characters. */
    const char *word = "Wolfeschlegelsteinhausenbergerdorff";
    n = font_wrap(fs, word, 30, FONT_REGULAR, 150, lines, 8);
    assert_true(n >= 3);
    assert_lines_fit(fs, lines, n, 30, 150);
    joined[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(joined, lines[i]);
    assert_string_equal(joined, word);
    free_lines(lines, n);

    /* Marks stay on their letter when a word is broken. */
    const char *nfd = "Nguye\xCC\x82\xCC\x83nNguye\xCC\x82\xCC\x83nNguye\xCC\x82\xCC\x83n";
    n = font_wrap(fs, nfd, 30, FONT_REGULAR, 60, lines, 8);
    assert_true(n >= 2);
    assert_lines_fit(fs, lines, n, 30, 60);
    for (size_t i = 0; i < n; i++)
        assert_true((unsigned char)lines[i][0] != 0xCC);
    free_lines(lines, n);

    /* A line may end after a hyphen when the whole word does not fit. */
    int hw = 0, vw = 0;
    assert_int_equal(font_measure(fs, "Bergerdorff-", 30, FONT_REGULAR, &hw, NULL), 0);
    assert_int_equal(font_measure(fs, "Vandenberghe", 30, FONT_REGULAR, &vw, NULL), 0);
    n = font_wrap(fs, "Bergerdorff-Vandenberghe", 30, FONT_REGULAR, (hw > vw ? hw : vw) + 10, lines,
                  8);
    assert_int_equal(n, 2);
    assert_string_equal(lines[0], "Bergerdorff-");
    assert_string_equal(lines[1], "Vandenberghe");
    free_lines(lines, n);

    /* A newline always breaks; text left after the last line is marked. */
    n = font_wrap(fs, "Line one\nLine two", 30, FONT_REGULAR, 1000, lines, 8);
    assert_int_equal(n, 2);
    assert_string_equal(lines[0], "Line one");
    assert_string_equal(lines[1], "Line two");
    free_lines(lines, n);
    n = font_wrap(fs, "A\n\nB\nC", 30, FONT_REGULAR, 1000, lines, 2);
    assert_int_equal(n, 2);
    assert_string_equal(lines[0], "A");
    assert_string_equal(lines[1], "B\xE2\x80\xA6");
    free_lines(lines, n);

    /* Nothing to wrap. */
    assert_int_equal(font_wrap(fs, "", 30, FONT_REGULAR, 100, lines, 8), 0);
    assert_int_equal(font_wrap(fs, "   ", 30, FONT_REGULAR, 100, lines, 8), 0);
}

static void test_render_wrapped(void **state)
{
    FontSet *fs = *state;
    char *name = long_name();
    int line_h = 0;
    assert_int_equal(font_measure(fs, "Maximiliana", 30, FONT_BOLD, NULL, &line_h), 0);
    SDL_Surface *s = font_render_wrapped(fs, name, 30, FONT_BOLD, INK, 400, 3, FONT_ALIGN_LEFT);
    assert_non_null(s);
    assert_true(s->w <= 400 && s->w > 200);
    assert_int_equal(s->h, 3 * line_h);
    Ink k = ink_of(s);
    assert_true(k.miny < line_h / 2 && k.maxy > 2 * line_h);
    SDL_FreeSurface(s);
    free(name);

    /* Centred: the short second line's ink is in the middle of the block. */
    s = font_render_wrapped(fs, "Wide first line here\nab", 30, FONT_REGULAR, INK, 1000, 4,
                            FONT_ALIGN_CENTRE);
    assert_non_null(s);
    Ink second = ink_rows(s, s->h / 2, s->h);
    int centre = (second.minx + second.maxx) / 2;
    assert_true(abs(centre - s->w / 2) <= 3);
    assert_true(second.minx > s->w / 4);
    SDL_FreeSurface(s);

    assert_null(font_render_wrapped(fs, "  ", 30, FONT_REGULAR, INK, 100, 2, FONT_ALIGN_LEFT));
}

static void test_default_assets(void **state)
{
    (void)state;
    char err[256];
    FontSet *fs = font_set_create(NULL, err, sizeof err);
    assert_non_null(fs);
    SDL_Surface *s = render_ok(fs, "Default", 20, FONT_BOLD);
    SDL_FreeSurface(s);
    font_set_destroy(fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_errors),
        cmocka_unit_test(test_sets_are_independent),
        cmocka_unit_test(test_scripts_render),
        cmocka_unit_test(test_cjk_not_boxes),
        cmocka_unit_test(test_arabic_shaped_and_rtl),
        cmocka_unit_test(test_isolates_keep_row_order),
        cmocka_unit_test(test_common_baseline),
        cmocka_unit_test(test_missing_glyphs_left_out),
        cmocka_unit_test(test_bold_is_bolder),
        cmocka_unit_test(test_many_sizes),
        cmocka_unit_test(test_fit_shrinks),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_render_wrapped),
        cmocka_unit_test(test_default_assets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
