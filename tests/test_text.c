/* test_text.c — the UTF-8 helpers, time formatting, ids, the guest model and
 * the languages (core/lang.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "core/guest.h"
#include "core/ids.h"
#include "core/lang.h"
#include "core/text.h"
#include "core/timefmt.h"

static void check_fold(const char *in, const char *want)
{
    char *got = text_fold(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_fold(void **state)
{
    (void)state;
    check_fold("José", "jose");
    check_fold("Straße", "strasse");
    check_fold("STRASSE", "strasse");
    check_fold("ÅNGSTRÖM", "angstrom");
    check_fold("Nguyễn", "nguyen");
    check_fold("ﬁne", "fine");          /* ligature, compatibility-normalised */
    check_fold("Ｊｏｓｅ", "jose");     /* full-width */
    check_fold("Jose\xCC\x81", "jose"); /* decomposed accent */
    check_fold("王小明", "王小明");
    check_fold("", "");
    check_fold(NULL, "");
    /* Malformed UTF-8 degrades to ASCII lower-casing instead of failing. */
    check_fold("AB\xFF", "ab\xFF");

    /* Printable ASCII takes a short cut; it must fold as the full mapping
     * does. An "é" after it makes the same text go the long way. */
    char ascii[0x7F - 0x20 + 1];
    for (int c = 0x20; c < 0x7F; c++)
        ascii[c - 0x20] = (char)c;
    ascii[sizeof ascii - 1] = '\0';
    char with_accent[sizeof ascii + 2];
    snprintf(with_accent, sizeof with_accent, "%s\xC3\xA9", ascii);
    char *fast = text_fold(ascii), *slow = text_fold(with_accent);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_int_equal(strlen(slow), strlen(fast) + 1);
    assert_memory_equal(fast, slow, strlen(fast));
    assert_int_equal(slow[strlen(fast)], 'e');
    free(fast);
    free(slow);
    fast = text_casefold(ascii);
    slow = text_casefold(with_accent);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_memory_equal(fast, slow, strlen(fast));
    assert_string_equal(slow + strlen(fast), "\xC3\xA9");
    free(fast);
    free(slow);
}

static void test_equal_fold(void **state)
{
    (void)state;
    assert_true(text_equal_fold("Ana@Example.COM", "ana@example.com"));
    assert_true(text_equal_fold("  x", "  X"));
    assert_true(text_equal_fold("ÉCOLE", "école"));
    assert_false(text_equal_fold("ecole", "école"));
    assert_false(text_equal_fold("a", "b"));
    assert_true(text_equal_fold(NULL, ""));
}

static void test_utf8_validation(void **state)
{
    (void)state;
    const char *good[] = {"", "abc", "é", "王", "😀", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(text_is_utf8(good[i], strlen(good[i])));
    const char *bad[] = {
        "\x80",             /* lone continuation */
        "\xC0\xAF",         /* overlong '/' */
        "\xE0\x80\xAF",     /* overlong */
        "\xED\xA0\x80",     /* surrogate */
        "\xF4\x90\x80\x80", /* above U+10FFFF */
        "\xC3",             /* truncated */
        "caf\xE9",          /* Windows-1252 é */
        "\xF8\x88\x80\x80\x80",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(text_is_utf8(bad[i], strlen(bad[i])));
    /* Embedded NUL is valid UTF-8. */
    assert_true(text_is_utf8("a\0b", 3));
}

static void test_cp1252(void **state)
{
    (void)state;
    size_t n = 0, bad = 99;
    char *s = text_cp1252_to_utf8("Jos\xE9 \x80 \x93q\x94 \x9F", 12, &n, &bad);
    assert_non_null(s);
    assert_string_equal(s, "José € “q” Ÿ");
    assert_int_equal(n, strlen("José € “q” Ÿ"));
    free(s);
    const unsigned char undefined[] = {0x81, 0x8D, 0x8F, 0x90, 0x9D};
    for (size_t i = 0; i < sizeof undefined; i++) {
        char buf[4] = {'a', 'b', (char)undefined[i], 'c'};
        bad = 99;
        assert_null(text_cp1252_to_utf8(buf, 4, &n, &bad));
        assert_int_equal(bad, 2);
    }
}

static void test_url_trim_count(void **state)
{
    (void)state;
    char *u = text_url_encode("A-1,B 2/é~_.");
    assert_string_equal(u, "A-1%2CB%202%2F%C3%A9~_.");
    /* Decoding gives back what was encoded; either case of hex digit reads;
     * a '%' without two hex digits after it is no encoding. */
    char *d = NULL;
    assert_int_equal(text_url_decode(u, strlen(u), &d), 1);
    assert_string_equal(d, "A-1,B 2/é~_.");
    free(d);
    free(u);
    assert_int_equal(text_url_decode("%c3%a9x", 7, &d), 1);
    assert_string_equal(d, "éx");
    free(d);
    d = NULL;
    assert_int_equal(text_url_decode("50%", 3, &d), 0);
    assert_int_equal(text_url_decode("%4", 2, &d), 0);
    assert_int_equal(text_url_decode("%G1", 3, &d), 0);
    assert_null(d);
    assert_int_equal(text_hex_digit('f'), 15);
    assert_int_equal(text_hex_digit('F'), 15);
    assert_int_equal(text_hex_digit('g'), -1);
    /* Joining: all of it when it fits; else cut whole characters, never half
     * of the separator's or a name's. */
    const char *items[] = {"Ana", NULL, "José"};
    char out[32];
    assert_true(text_join(out, sizeof out, items, 3, " · "));
    assert_string_equal(out, "Ana ·  · José");
    assert_true(text_join(out, 17, items, 3, " · ")); /* 16 bytes and the NUL */
    assert_false(text_join(out, 16, items, 3, " · "));
    assert_string_equal(out, "Ana ·  · Jos"); /* é is two bytes: both go */
    assert_false(text_join(out, 5, items, 3, " · "));
    assert_string_equal(out, "Ana "); /* not the first byte of the dot */
    assert_true(text_join(out, 1, items, 0, ", "));
    assert_string_equal(out, "");
    char *t = text_trim_dup(" \t Ana María \r\n");
    assert_string_equal(t, "Ana María");
    free(t);
    t = text_trim_dup("   ");
    assert_string_equal(t, "");
    free(t);
    assert_int_equal(text_codepoints("José 王😀"), 7);
    assert_int_equal(text_codepoints(""), 0);
    /* Right-to-left letters: Arabic, Hebrew; digits and punctuation are none. */
    assert_true(text_has_rtl("محمد"));
    assert_true(text_has_rtl("Acme שלום"));
    assert_true(text_has_rtl("\xFF ع"));
    assert_false(text_has_rtl("Ana García 王芳 ١٢٣ ."));
    assert_false(text_has_rtl(""));
    assert_false(text_has_rtl(NULL));
    d = text_dup(NULL);
    assert_string_equal(d, "");
    free(d);
}

static void test_first_grapheme(void **state)
{
    (void)state;
    assert_int_equal(text_first_grapheme(""), 0);
    assert_int_equal(text_first_grapheme("García"), 1);
    assert_int_equal(text_first_grapheme("Émile"), 2);
    assert_int_equal(text_first_grapheme("E\xCC\x81mile"), 3); /* E + combining acute */
    assert_int_equal(text_first_grapheme("王小明"), 3);
    /* Family emoji joined with ZWJ is one cluster of 18 bytes. */
    const char *family = "👨‍👩‍👧x";
    assert_int_equal(text_first_grapheme(family), strlen(family) - 1);
    /* Flag: two regional indicators. */
    assert_int_equal(text_first_grapheme("🇲🇽🇨🇦"), 8);
}

static void test_time_utc(void **state)
{
    (void)state;
    char buf[32];
    time_format_utc(0, buf);
    assert_string_equal(buf, "1970-01-01T00:00:00.000Z");
    time_format_utc(1787245392345, buf);
    assert_string_equal(buf, "2026-08-20T17:03:12.345Z");
    time_format_utc(-1, buf);
    assert_string_equal(buf, "1969-12-31T23:59:59.999Z");
    time_format_utc(951782400000, buf); /* leap day 2000 */
    assert_string_equal(buf, "2000-02-29T00:00:00.000Z");

    int64_t ms = 0;
    assert_true(time_parse_utc("2026-08-20T17:03:12.345Z", &ms));
    assert_int_equal(ms, 1787245392345);
    assert_true(time_parse_utc("1969-12-31T23:59:59.999Z", &ms));
    assert_int_equal(ms, -1);
    assert_true(time_parse_utc("2026-08-20T17:03:12Z", &ms));
    assert_int_equal(ms, 1787245392000);
    const char *bad[] = {"",
                         "2026-08-20",
                         "2026-08-20T17:03:12.345",
                         "2026-13-01T00:00:00.000Z",
                         "2026-02-29T00:00:00.000Z",
                         "2026-08-20T24:00:00.000Z",
                         "2026-08-20T17:03:12.345Zx",
                         "2026-08-20 17:03:12.345Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(time_parse_utc(bad[i], &ms));

    /* Round trip across a wide range, step ~ 13 days + some ms. */
    for (int64_t t = -2208988800000; t < 4102444800000; t += 1123200007) {
        char s[32];
        int64_t back = 0;
        time_format_utc(t, s);
        assert_true(time_parse_utc(s, &back));
        assert_int_equal(back, t);
    }
}

static void test_time_local(void **state)
{
    (void)state;
    char buf[32];
    setenv("TZ", "UTC", 1);
    tzset();
    time_format_local(1787245392345, buf);
    assert_string_equal(buf, "2026-08-20 17:03:12");
    setenv("TZ", "America/Los_Angeles", 1);
    tzset();
    time_format_local(1787245392345, buf);
    assert_string_equal(buf, "2026-08-20 10:03:12");
    time_format_local_hm(1787245392345, buf);
    assert_string_equal(buf, "10:03");
    /* UTC formatting never depends on TZ. */
    time_format_utc(1787245392345, buf);
    assert_string_equal(buf, "2026-08-20T17:03:12.345Z");
    unsetenv("TZ");
    tzset();
    assert_true(time_now_ms() > 1700000000000);
}

static bool is_hex_id(const char *s)
{
    if (strlen(s) != ID_LEN)
        return false;
    for (const char *p = s; *p; p++) {
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    }
    return true;
}

static void test_ids(void **state)
{
    (void)state;
    assert_int_equal(ids_init(), 0);
    assert_int_equal(ids_init(), 0);
    char a[ID_LEN + 1], b[ID_LEN + 1];
    id_random(a);
    id_random(b);
    assert_true(is_hex_id(a));
    assert_string_not_equal(a, b);

    id_derived("guest-code", "A123", a);
    id_derived("guest-code", "A123", b);
    assert_true(is_hex_id(a));
    assert_string_equal(a, b);
    id_derived("guest-email", "A123", b);
    assert_string_not_equal(a, b);
    id_derived("guest-code", "A124", b);
    assert_string_not_equal(a, b);
    /* Kind and key are separated, not concatenated. */
    id_derived("ab", "c", a);
    id_derived("a", "bc", b);
    assert_string_not_equal(a, b);

    const char *crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    char prev[WALKIN_CODE_LEN + 1] = "";
    for (int i = 0; i < 200; i++) {
        char code[WALKIN_CODE_LEN + 1];
        walkin_code_new(code);
        assert_int_equal(strlen(code), WALKIN_CODE_LEN);
        assert_memory_equal(code, "W-", 2);
        assert_int_equal(code[6], '-');
        for (int k = 2; k < WALKIN_CODE_LEN; k++) {
            if (k != 6)
                assert_non_null(strchr(crockford, code[k]));
        }
        assert_string_not_equal(code, prev);
        memcpy(prev, code, sizeof prev);
    }
}

static void test_guest_model(void **state)
{
    (void)state;
    Guest g;
    guest_init(&g);
    assert_string_equal(g.first, "");
    assert_string_equal(g.code, "");
    assert_int_equal(guest_set(&g.first, "Ana"), 0);
    assert_int_equal(guest_set(&g.last, "García López"), 0);
    assert_int_equal(guest_set(&g.company, "Acme Welding"), 0);
    char *m = guest_masked_name(&g);
    assert_string_equal(m, "Ana G. — Acme Welding");
    free(m);
    assert_int_equal(guest_set(&g.company, NULL), 0);
    assert_string_equal(g.company, "");
    m = guest_masked_name(&g);
    assert_string_equal(m, "Ana G.");
    free(m);
    assert_int_equal(guest_set(&g.last, "Émile"), 0);
    m = guest_masked_name(&g);
    assert_string_equal(m, "Ana É.");
    free(m);
    assert_int_equal(guest_set(&g.last, ""), 0);
    m = guest_masked_name(&g);
    assert_string_equal(m, "Ana");
    free(m);
    /* Names written family name first read so on Find me too, as on the
     * badge, showing no more of the family name than its first character. */
    static const char *const CJK[][3] = {
        {"芳", "王", "王芳"},
        {"민준", "김", "김 민준"},
        {"娜", "欧阳", "欧.娜"},
        {"芳", "Wang", "芳 W."}, /* mixed scripts: given name first */
    };
    for (size_t i = 0; i < sizeof CJK / sizeof CJK[0]; i++) {
        assert_int_equal(guest_set(&g.first, CJK[i][0]), 0);
        assert_int_equal(guest_set(&g.last, CJK[i][1]), 0);
        m = guest_masked_name(&g);
        assert_string_equal(m, CJK[i][2]);
        free(m);
    }
    assert_int_equal(guest_set(&g.first, "Ana"), 0);
    assert_int_equal(guest_set(&g.last, ""), 0);
    assert_int_equal(guest_set(&g.email, "ana@example.com"), 0);

    Guest c;
    guest_init(&c);
    g.role = ROLE_EDUCATOR;
    g.consent = true;
    g.updated_at = 42;
    id_derived("guest-code", "X", g.id);
    assert_int_equal(guest_copy(&c, &g), 0);
    assert_string_equal(c.first, "Ana");
    assert_string_equal(c.email, "ana@example.com");
    assert_string_equal(c.id, g.id);
    assert_int_equal(c.role, ROLE_EDUCATOR);
    assert_true(c.consent);
    assert_int_equal(c.updated_at, 42);
    assert_ptr_not_equal(c.first, g.first);
    guest_clear(&c);
    assert_string_equal(c.first, "");
    guest_clear(&c);
    guest_clear(&g);

    assert_string_equal(guest_role_name(ROLE_INDUSTRY_PARTNER), "Industry Partner");
    assert_string_equal(guest_role_name(ROLE_STAFF), "Staff");
    assert_string_equal(guest_role_name(ROLE_EDUCATOR), "Educator");
    assert_string_equal(guest_role_name(ROLE_STUDENT), "Student");

    GuestList l;
    guest_list_init(&l);
    for (int i = 0; i < 100; i++) {
        Guest *p = guest_list_push(&l);
        assert_non_null(p);
        assert_int_equal(guest_set(&p->first, "x"), 0);
    }
    assert_int_equal(l.count, 100);
    guest_list_free(&l);
    assert_int_equal(l.count, 0);

    ProgramList pl;
    program_list_init(&pl);
    Program *p = program_list_push(&pl);
    assert_non_null(p);
    assert_string_equal(p->image, "");
    assert_int_equal(guest_set(&p->name, "Welding"), 0);
    program_list_free(&pl);
}

/* event.ini's date: four, two and two digits, a day the month has (leap years
 * by the Gregorian rule), from 1970 on. */
static void test_parse_date(void **state)
{
    (void)state;
    int y = 0, m = 0, d = 0;
    assert_true(time_parse_date("2028-02-29", &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 20280229);
    const char *good[] = {"1970-01-01", "2000-02-29", "2026-04-30", "2026-12-31", "9999-12-31"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        if (!time_parse_date(good[i], NULL, NULL, NULL))
            fail_msg("\"%s\" is a date", good[i]);
    }
    const char *bad[] = {
        "2026-02-29",
        "2100-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-08-00",
        "2026-08-32",
        "1969-12-31",
        "2026-8-20",
        "26-08-20",
        "2026-08-2",
        "2026-08-20 ",
        " 2026-08-20",
        "2026/08/20",
        "+026-08-20",
        "2026-08-2x",
        "2026-08-20T00:00:00Z",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        y = m = d = -1;
        if (time_parse_date(bad[i], &y, &m, &d))
            fail_msg("\"%s\" is not a date", bad[i]);
        assert_int_equal(y + m + d, -3); /* nothing written */
    }
}

/* The event date as each language writes it; a date that is not one is given
 * back as it is. */
static void test_event_date(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(lang_format_date("2026-08-20", "en", out, sizeof out), 0);
    assert_string_equal(out, "August 20, 2026");
    assert_int_equal(lang_format_date("2026-08-20", "es", out, sizeof out), 0);
    assert_string_equal(out, "20 de agosto de 2026");
    assert_int_equal(lang_format_date("2027-01-05", "es", out, sizeof out), 0);
    assert_string_equal(out, "5 de enero de 2027");
    assert_int_equal(lang_format_date("2028-02-29", NULL, out, sizeof out), 0);
    assert_string_equal(out, "February 29, 2028");
    assert_int_equal(lang_format_date("2026-02-29", "es", out, sizeof out), -1);
    assert_string_equal(out, "2026-02-29");
    assert_int_equal(lang_format_date("next Friday", "en", out, sizeof out), -1);
    assert_string_equal(out, "next Friday");
    int y = 0, m = 0, d = 0;
    assert_true(time_parse_date("2026-12-31", &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 20261231);
    assert_false(time_parse_date("2026-13-01", NULL, NULL, NULL));
    assert_false(time_parse_date("26-08-20", NULL, NULL, NULL));
    assert_string_equal(lang_find("ES", 2), "es");
    assert_null(lang_find("fr", 2));
    assert_null(lang_find("e", 1));
}

/* A program's texts in other languages: set, replaced, removed, read with
 * fallback to the plain column; kept sorted by language and field. */
static void test_program_texts(void **state)
{
    (void)state;
    Program p;
    program_init(&p);
    assert_int_equal(guest_set(&p.name, "Welding"), 0);
    assert_int_equal(guest_set(&p.description, "Arc and flame."), 0);
    assert_int_equal(program_set_text(&p, "es", PROGRAM_DESCRIPTION, "Arco"), 0);
    assert_int_equal(program_set_text(&p, "es", PROGRAM_NAME, "Soldadura"), 0);
    assert_int_equal(program_set_text(&p, "en", PROGRAM_NAME, "Welding Technology"), 0);
    assert_int_equal(p.ntexts, 3);
    assert_string_equal(p.texts[0].lang, "en");
    assert_int_equal(p.texts[1].field, PROGRAM_NAME);
    assert_int_equal(p.texts[2].field, PROGRAM_DESCRIPTION);
    assert_string_equal(program_text(&p, PROGRAM_NAME, "es"), "Soldadura");
    assert_string_equal(program_text(&p, PROGRAM_NAME, "en"), "Welding Technology");
    assert_string_equal(program_text(&p, PROGRAM_NAME, NULL), "Welding");
    assert_string_equal(program_text(&p, PROGRAM_SCHOOL, "es"), "");
    assert_int_equal(program_set_text(&p, "es", PROGRAM_NAME, "Soldadura y corte"), 0);
    assert_string_equal(program_text(&p, PROGRAM_NAME, "es"), "Soldadura y corte");
    assert_int_equal(program_set_text(&p, "es", PROGRAM_DESCRIPTION, ""), 0);
    assert_int_equal(p.ntexts, 2);
    assert_string_equal(program_text(&p, PROGRAM_DESCRIPTION, "es"), "Arc and flame.");
    assert_string_equal(program_field_name(PROGRAM_PARTNER_NEEDS), "partner_needs");
    assert_true(program_field_translatable(PROGRAM_CONTACT));
    assert_false(program_field_translatable(PROGRAM_URL));
    assert_false(program_field_translatable(PROGRAM_CODE));
    /* Each field reads its own column; one out of range reads as empty. */
    assert_int_equal(guest_set(&p.partner_needs, "Mentors"), 0);
    assert_int_equal(guest_set(&p.image, "weld.png"), 0);
    assert_string_equal(program_field(&p, PROGRAM_NAME), "Welding");
    assert_string_equal(program_field(&p, PROGRAM_DESCRIPTION), "Arc and flame.");
    assert_string_equal(program_field(&p, PROGRAM_PARTNER_NEEDS), "Mentors");
    assert_string_equal(program_field(&p, PROGRAM_IMAGE), "weld.png");
    assert_string_equal(program_field(&p, PROGRAM_SCHOOL), "");
    assert_string_equal(program_field(&p, (ProgramField)PROGRAM_TEXT_FIELDS), "");
    program_clear(&p);
    assert_int_equal(p.ntexts, 0);
}

static void test_partnership_kinds(void **state)
{
    (void)state;
    const char *keys[] = {"interns",   "shadowing", "speaking",    "advisory",
                          "mentoring", "equipment", "sponsorship", "hiring"};
    const char *labels[] = {"Host interns",   "Job shadowing",   "Guest speaking",
                            "Advisory board", "Mentoring",       "Equipment or donations",
                            "Sponsorship",    "Hiring graduates"};
    assert_int_equal(PARTNERSHIP_KIND_COUNT, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(PARTNERSHIP_KINDS[i].key, keys[i]);
        assert_string_equal(PARTNERSHIP_KINDS[i].label, labels[i]);
        assert_string_equal(partnership_label(keys[i]), labels[i]);
    }
    assert_null(partnership_label("bribes"));
    assert_null(partnership_label(NULL));
}

/* A file name for a USB stick, from an event's or a kiosk's name. */
/* FNV-1a as published: the offset basis is the FNV-0 hash of the string its
 * authors chose, and the hashes of "a" and "foobar" are FNV's own test vectors. */
static void test_hash64(void **state)
{
    (void)state;
    const char *chongo = "chongo <Landon Curt Noll> /\\../\\";
    uint64_t basis = 0;
    for (const char *p = chongo; *p; p++)
        basis = (basis * 1099511628211ULL) ^ (unsigned char)*p;
    assert_true(text_hash64("", 0) == basis);
    assert_true(text_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(text_hash64("foobar", 6) == 0x85944171f73967e8ULL);
    /* Bytes, not a C string: a NUL inside counts, and only len bytes are read. */
    assert_true(text_hash64("a\0b", 3) != text_hash64("a", 1));
    assert_true(text_hash64("foobar", 1) == text_hash64("f", 1));
}

static void test_file_name(void **state)
{
    (void)state;
    char out[64];
    text_file_name("Fall CTE Partner Meet & Greet", "x", out, sizeof out);
    assert_string_equal(out, "Fall-CTE-Partner-Meet-Greet");
    text_file_name("  José's Día: 2026/08/20 ", "x", out, sizeof out);
    assert_string_equal(out, "José-s-Día-2026-08-20");
    text_file_name("../..", "lanyard", out, sizeof out);
    assert_string_equal(out, "lanyard");
    text_file_name("bad \xff\xfe bytes", "x", out, sizeof out);
    assert_string_equal(out, "bad-bytes");
    /* Cut short, never inside a character. */
    text_file_name("ééééé", "x", out, 6);
    assert_string_equal(out, "éé");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_equal_fold),
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_url_trim_count),
        cmocka_unit_test(test_first_grapheme),
        cmocka_unit_test(test_time_utc),
        cmocka_unit_test(test_time_local),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_guest_model),
        cmocka_unit_test(test_event_date),
        cmocka_unit_test(test_program_texts),
        cmocka_unit_test(test_partnership_kinds),
        cmocka_unit_test(test_hash64),
        cmocka_unit_test(test_file_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
