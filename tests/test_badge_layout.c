/* test_badge_layout.c — badge geometry with a fake font and QR scaling: no
 * SDL, no fonts, no printer. (The QR link is tested in test_link.c.) */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "badge/badge_layout.h"
#include "core/qr.h"
#include "core/text.h"

/* A monospaced fake font: every code point is 0.6 em wide, lines are 1.3 em. */
static int fake_measure(void *ud, const char *utf8, int px, int bold, int *w, int *h)
{
    int *calls = ud;
    if (calls)
        (*calls)++;
    *w = (int)(text_codepoints(utf8) * (size_t)px * (bold ? 65 : 60) / 100);
    *h = px * 13 / 10;
    return 0;
}

static bool inside(BadgeRect r, int x0, int y0, int x1, int y1)
{
    return r.w >= 0 && r.h >= 0 && r.x >= x0 && r.y >= y0 && r.x + r.w <= x1 && r.y + r.h <= y1;
}

static bool overlap(BadgeRect a, BadgeRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void check_layout(double w_mm, double h_mm, int dpi, const BadgeTexts *t, BadgeLayout *L)
{
    int calls = 0;
    assert_int_equal(badge_layout(w_mm, h_mm, dpi, t, fake_measure, &calls, L), 0);
    assert_int_equal(L->width, badge_mm_to_px(w_mm, dpi));
    assert_int_equal(L->height, badge_mm_to_px(h_mm, dpi));
    int m = L->margin;
    assert_true(m >= badge_mm_to_px(2.5, dpi));
    int x1 = L->width - m, y1 = L->height - m;
    assert_true(inside(L->header, m, m, x1, y1));
    assert_true(inside(L->ribbon, m, m, x1, y1));
    assert_true(inside(L->qr, m, m, x1, y1));
    assert_int_equal(L->qr.w, L->qr.h);
    for (int f = 0; f < BADGE_FIELD_COUNT; f++) {
        assert_true(inside(L->field[f].box, m, m, x1, y1));
        if (f != BADGE_EVENT && f != BADGE_ROLE && L->field[f].box.h > 0) {
            assert_false(overlap(L->field[f].box, L->qr));
            assert_false(overlap(L->field[f].box, L->header));
            assert_false(overlap(L->field[f].box, L->ribbon));
        }
        const char *text = t->text[f];
        if (!text || !*text)
            continue;
        /* Every text fits its box: one line in full, or its lines in height. */
        const BadgeTextBox *b = &L->field[f];
        assert_true(b->px > 0);
        int w, h;
        fake_measure(NULL, text, b->px, b->bold, &w, &h);
        assert_true(h * b->max_lines <= b->box.h);
        if (b->max_lines == 1 && strlen(text) < 40)
            assert_true(w <= b->box.w);
    }
    assert_false(overlap(L->header, L->qr));
    assert_false(overlap(L->ribbon, L->qr));
    /* The first name is the largest text on the badge. */
    for (int f = 0; f < BADGE_FIELD_COUNT; f++)
        if (f != BADGE_FIRST && t->text[f] && *t->text[f] && t->text[BADGE_FIRST])
            assert_true(L->field[f].px <= L->field[BADGE_FIRST].px);
    assert_true(calls > 0);
}

static const BadgeTexts ANA = {
    {"Fall CTE Partner Meet & Greet", "Ana", "García", "Acme Welding Supply", "INDUSTRY PARTNER"}};

static void test_presets(void **state)
{
    (void)state;
    static const struct {
        double w, h;
        bool landscape;
    } SIZES[] = {
        {101.6, 76.2, true}, {62, 100, false}, {59, 102, false}, {57, 102, false},
        {102, 59, true},     {80, 50, true},   {50, 80, false},
    };
    for (size_t i = 0; i < sizeof SIZES / sizeof SIZES[0]; i++) {
        BadgeLayout L;
        check_layout(SIZES[i].w, SIZES[i].h, 300, &ANA, &L);
        assert_int_equal(L.landscape, SIZES[i].landscape);
        if (L.landscape) {
            /* QR at the right of the names. */
            assert_true(L.qr.x >= L.field[BADGE_FIRST].box.x + L.field[BADGE_FIRST].box.w);
        } else {
            /* QR below the names. */
            assert_true(L.qr.y >= L.field[BADGE_COMPANY].box.y + L.field[BADGE_COMPANY].box.h);
        }
        /* A QR code of a typical link (33 modules) gets at least 0.25 mm modules. */
        int ppm = qr_scale(33, L.qr.w);
        assert_true(ppm >= badge_mm_to_px(0.25, 300));
        /* Names are big enough to read across a room: first name >= 6 mm tall. */
        assert_true(L.field[BADGE_FIRST].px >= badge_mm_to_px(6, 300));
    }
    BadgeLayout L;
    check_layout(101.6, 76.2, 203, &ANA, &L); /* thermal printers' 203 dpi */
    check_layout(101.6, 76.2, 600, &ANA, &L);
}

static void test_long_names_shrink_then_wrap(void **state)
{
    (void)state;
    BadgeLayout shortname, longer, huge;
    check_layout(101.6, 76.2, 300, &ANA, &shortname);
    BadgeTexts t = ANA;
    t.text[BADGE_FIRST] = "Maximiliana";
    check_layout(101.6, 76.2, 300, &t, &longer);
    assert_true(longer.field[BADGE_FIRST].px < shortname.field[BADGE_FIRST].px);
    assert_int_equal(longer.field[BADGE_FIRST].max_lines, 1);

    char name[161];
    memset(name, 'x', 160);
    for (int i = 9; i < 160; i += 10)
        name[i] = ' ';
    name[160] = '\0';
    t.text[BADGE_FIRST] = name;
    t.text[BADGE_LAST] = name;
    t.text[BADGE_COMPANY] = name;
    t.text[BADGE_EVENT] = name;
    check_layout(101.6, 76.2, 300, &t, &huge);
    assert_int_equal(huge.field[BADGE_FIRST].max_lines, 2);
    assert_int_equal(huge.field[BADGE_EVENT].max_lines, 2);
    check_layout(57, 102, 300, &t, &huge);
}

static void test_missing_texts(void **state)
{
    (void)state;
    BadgeTexts t = {{"", "Ana", "", "", "STAFF"}};
    BadgeLayout L;
    check_layout(62, 100, 300, &t, &L);
    /* An absent last name and company leave their room to the first name. */
    assert_int_equal(L.field[BADGE_LAST].box.h, 0);
    assert_int_equal(L.field[BADGE_COMPANY].box.h, 0);
    /* No measure function: sizes from the boxes alone. */
    assert_int_equal(badge_layout(62, 100, 300, &t, NULL, NULL, &L), 0);
    assert_true(L.field[BADGE_FIRST].px > 0);
}

static void test_bad_sizes(void **state)
{
    (void)state;
    BadgeLayout L;
    assert_int_equal(badge_layout(10, 100, 300, &ANA, fake_measure, NULL, &L), -1);
    assert_int_equal(badge_layout(100, 0, 300, &ANA, fake_measure, NULL, &L), -1);
    assert_int_equal(badge_layout(100, 70, 20, &ANA, fake_measure, NULL, &L), -1);
    assert_int_equal(badge_layout(100, 70, 5000, &ANA, fake_measure, NULL, &L), -1);
    assert_int_equal(badge_mm_to_px(25.4, 300), 300);
    assert_int_equal(badge_mm_to_px(101.6, 300), 1200);
}

static void test_qr(void **state)
{
    (void)state;
    QrCode qr;
    char err[200];
    assert_int_equal(qr_encode("https://cte.example.org/programs", &qr, err, sizeof err), 0);
    assert_true(qr.size >= 21 && (qr.size - 17) % 4 == 0);
    /* Finder pattern: top-left 7x7 ring is dark on its border. */
    for (int i = 0; i < 7; i++) {
        assert_int_equal(qr.dark[i], 1);
        assert_int_equal(qr.dark[i * qr.size], 1);
    }
    qr_free(&qr);
    char big[4000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(qr_encode(big, &qr, err, sizeof err), -1);
    assert_non_null(strstr(err, "QR"));
    assert_int_equal(qr_scale(25, 330), 10);
    assert_int_equal(qr_scale(25, 32), 0);
    assert_int_equal(qr_scale(0, 100), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_long_names_shrink_then_wrap),
        cmocka_unit_test(test_missing_texts),
        cmocka_unit_test(test_bad_sizes),
        cmocka_unit_test(test_qr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
