/* test_event_config.c — event.ini: defaults, the SPEC's full example, comments,
 * BOM and CRLF, bad values and unknown keys with their line numbers, badge
 * sizes, and rewriting one key while keeping the rest of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "core/event_config.h"

static const char SPEC_EXAMPLE[] =
    "[event]\n"
    "name = Fall CTE Partner Meet & Greet\n"
    "date = 2026-08-20\n"
    "venue = Central High School Library\n"
    "logo = logo.png\n"
    "languages = en, es\n"
    "idle_timeout = 60          ; seconds\n"
    "\n"
    "[theme]\n"
    "primary = #1B4F8A          ; buttons and headings\n"
    "accent = #F2A900\n"
    "\n"
    "[kiosk]\n"
    "id = door-1                ; default: the host name\n"
    "\n"
    "[badge]\n"
    "size = 4x3in               ; or WxHmm / WxHin, or a preset: brother-62x100, dymo-30256, "
    "dymo-30857\n"
    "dpi = 300\n"
    "qr_url = https://cte.example.org/partners?programs={programs}&guest={code}\n"
    "catalog_url = https://cte.example.org/programs\n"
    "printer = Brother_QL_820NWB   ; a CUPS queue; empty: badges are written as PNGs to badges/\n"
    "\n"
    "[sync]\n"
    "folder = /media/usb/lanyard   ; empty: no sync copy\n"
    "\n"
    "[staff]\n"
    "pin_hash =                 ; written by `lanyard set-pin`, never a plain PIN\n";

static int parse(EventConfig *c, const char *text, ConfigDiagnostics *d)
{
    config_defaults(c);
    return config_parse(c, text, strlen(text), d);
}

static void check_defaults(const EventConfig *c)
{
    assert_string_equal(c->name, "CTE Partner Event");
    assert_string_equal(c->date, "");
    assert_string_equal(c->venue, "");
    assert_string_equal(c->logo, "");
    assert_int_equal(c->nlanguages, 2);
    assert_string_equal(c->languages[0], "en");
    assert_string_equal(c->languages[1], "es");
    assert_int_equal(c->idle_timeout_s, 60);
    assert_int_equal(c->primary.r, 0x1B);
    assert_int_equal(c->primary.g, 0x4F);
    assert_int_equal(c->primary.b, 0x8A);
    assert_int_equal(c->accent.r, 0xF2);
    assert_int_equal(c->accent.g, 0xA9);
    assert_int_equal(c->accent.b, 0x00);
    assert_string_equal(c->badge_size, "4x3in");
    assert_true(c->badge_w_mm > 101.59 && c->badge_w_mm < 101.61);
    assert_true(c->badge_h_mm > 76.19 && c->badge_h_mm < 76.21);
    assert_int_equal(c->badge_dpi, 300);
    assert_string_equal(c->qr_url,
                        "https://cte.example.org/partners?programs={programs}&guest={code}");
    assert_string_equal(c->catalog_url, "https://cte.example.org/programs");
    assert_string_equal(c->printer, "");
    assert_string_equal(c->sync_folder, "");
    assert_string_equal(c->pin_hash, "");
}

static void test_defaults(void **state)
{
    (void)state;
    EventConfig c;
    config_defaults(&c);
    check_defaults(&c);
    /* The kiosk id defaults to the host name, made safe for an id. */
    char host[256] = "";
    assert_int_equal(gethostname(host, sizeof host), 0);
    assert_true(strlen(c.kiosk_id) > 0);
    for (const char *p = c.kiosk_id; *p; p++)
        assert_non_null(
            strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p));
    if (host[0] && strlen(host) < sizeof c.kiosk_id && !strpbrk(host, " /:"))
        assert_string_equal(c.kiosk_id, host);

    /* An empty file, only comments, and a missing file all mean "all defaults". */
    ConfigDiagnostics d;
    assert_int_equal(parse(&c, "", &d), 0);
    assert_int_equal(d.count, 0);
    check_defaults(&c);
    assert_int_equal(parse(&c, "; nothing\n# here\n\n   ; indented\n[event]\n", &d), 0);
    assert_int_equal(d.count, 0);
    check_defaults(&c);

    char *dir = tu_tempdir();
    assert_int_equal(config_load_dir(&c, dir, &d), 0);
    assert_int_equal(d.count, 0);
    check_defaults(&c);
    assert_string_equal(c.dir, dir);
    tu_rmtree(dir);
    free(dir);
}

static void test_spec_example(void **state)
{
    (void)state;
    EventConfig c;
    ConfigDiagnostics d;
    assert_int_equal(parse(&c, SPEC_EXAMPLE, &d), 0);
    assert_int_equal(d.count, 0);
    assert_string_equal(c.name, "Fall CTE Partner Meet & Greet");
    assert_string_equal(c.date, "2026-08-20");
    assert_string_equal(c.venue, "Central High School Library");
    assert_string_equal(c.logo, "logo.png");
    assert_int_equal(c.nlanguages, 2);
    assert_int_equal(c.idle_timeout_s, 60);
    assert_int_equal(c.primary.r, 0x1B);
    assert_int_equal(c.accent.g, 0xA9);
    assert_string_equal(c.kiosk_id, "door-1");
    assert_string_equal(c.badge_size, "4x3in");
    assert_int_equal(c.badge_dpi, 300);
    assert_string_equal(c.qr_url,
                        "https://cte.example.org/partners?programs={programs}&guest={code}");
    assert_string_equal(c.printer, "Brother_QL_820NWB");
    assert_string_equal(c.sync_folder, "/media/usb/lanyard");
    assert_string_equal(c.pin_hash, "");

    /* The bundled demo event parses cleanly too. */
    char *demo = tu_source("assets/demo");
    if (access(demo, F_OK) == 0) {
        assert_int_equal(config_load_dir(&c, demo, &d), 0);
        assert_int_equal(d.errors, 0);
    }
    free(demo);
}

static void test_syntax_variants(void **state)
{
    (void)state;
    EventConfig c;
    ConfigDiagnostics d;
    /* BOM, CRLF, spacing, case of section and key names, quotes, '#' comments,
     * and a '#' inside a value that is not a comment. */
    const char text[] = "\xEF\xBB\xBF; comment\r\n"
                        "[ Event ]\r\n"
                        "  Name=Night #2 at Central\t# the second one\r\n"
                        "venue = \"Room 5; Building B\"   ; quoted keeps the ;\r\n"
                        "languages = ES\r\n"
                        "idle_timeout=3600\r\n"
                        "[theme]\r\n"
                        "primary = #246\r\n"
                        "accent=#00ff7F\r\n"
                        "[kiosk]\r\n"
                        "id = Door_2.left\r\n";
    assert_int_equal(parse(&c, text, &d), 0);
    assert_int_equal(d.count, 0);
    assert_string_equal(c.name, "Night #2 at Central");
    assert_string_equal(c.venue, "Room 5; Building B");
    assert_int_equal(c.nlanguages, 1);
    assert_string_equal(c.languages[0], "es");
    assert_int_equal(c.idle_timeout_s, 3600);
    assert_int_equal(c.primary.r, 0x22);
    assert_int_equal(c.primary.g, 0x44);
    assert_int_equal(c.primary.b, 0x66);
    assert_int_equal(c.accent.g, 0xFF);
    assert_int_equal(c.accent.b, 0x7F);
    assert_string_equal(c.kiosk_id, "Door_2.left");

    /* An empty value means the default. */
    assert_int_equal(parse(&c, "[event]\nname =\nidle_timeout =   ; default\n", &d), 0);
    assert_string_equal(c.name, "CTE Partner Event");
    assert_int_equal(c.idle_timeout_s, 60);
    /* No final newline. */
    assert_int_equal(parse(&c, "[badge]\ndpi = 600", &d), 0);
    assert_int_equal(c.badge_dpi, 600);
}

/* Parses a one-key file at line 3 and expects exactly one error there. */
static void expect_error(const char *section, const char *line)
{
    char text[512];
    snprintf(text, sizeof text, "; test\n[%s]\n%s\nname_after = 1\n", section, line);
    EventConfig c;
    ConfigDiagnostics d;
    int rc = parse(&c, text, &d);
    if (rc != -1 || d.errors != 1)
        fail_msg("\"%s\": rc %d, %zu errors (expected one error)", line, rc, d.errors);
    size_t found = 0;
    for (size_t i = 0; i < d.count; i++) {
        if (d.items[i].error) {
            assert_int_equal(d.items[i].line, 3);
            assert_true(strlen(d.items[i].text) > 0);
            found++;
        }
    }
    assert_int_equal(found, 1);
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_error("theme", "primary = blue");
    expect_error("theme", "primary = #12345");
    expect_error("theme", "accent = #GG0000");
    expect_error("theme", "accent = 1B4F8A");
    expect_error("event", "date = 2026-02-30");
    expect_error("event", "date = 20/08/2026");
    expect_error("event", "date = 2026-8-20");
    expect_error("event", "date = 2027-02-29");
    expect_error("event", "date = 2026-13-01");
    expect_error("event", "date = 2026-08-00");
    expect_error("event", "idle_timeout = 9");
    expect_error("event", "idle_timeout = 3601");
    expect_error("event", "idle_timeout = 60s");
    expect_error("event", "idle_timeout = -60");
    expect_error("event", "languages = en, fr");
    expect_error("event", "languages = ,");
    expect_error("badge", "size = 4x3");
    expect_error("badge", "size = big");
    expect_error("badge", "size = 4x3cm");
    expect_error("badge", "size = 0x0mm");
    expect_error("badge", "dpi = 99");
    expect_error("badge", "dpi = 1201");
    expect_error("badge", "dpi = 300dpi");
    expect_error("kiosk", "id = door 1");
    expect_error("kiosk", "id = door/1");
    expect_error("kiosk", "id = kiosk-ñ");
    expect_error("kiosk",
                 "id = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect_error("event", "this line has no equals sign");
    expect_error("event", "= value without key");
    expect_error("event", "name = \"unterminated");
    expect_error("event", "name = \"x\" trailing");
    expect_error("event", "[broken");
    expect_error("event", "name = bad \xFF utf8");
    char long_printer[300] = "printer = ";
    memset(long_printer + strlen(long_printer), 'q', 200);
    long_printer[210] = '\0';
    expect_error("badge", long_printer); /* the queue name holds at most 127 bytes */

    /* Errors and warnings are all reported, each with its line. */
    EventConfig c;
    ConfigDiagnostics d;
    const char text[] = "[event]\n"           /* 1 */
                        "idle_timeout = 5\n"  /* 2: error */
                        "colour = red\n"      /* 3: warning */
                        "[theme]\n"           /* 4 */
                        "primary = #zzzzzz\n" /* 5: error */
                        "accent = #F2A900\n"; /* 6 */
    assert_int_equal(parse(&c, text, &d), -1);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.errors, 2);
    assert_true(d.items[0].error);
    assert_int_equal(d.items[0].line, 2);
    assert_false(d.items[1].error);
    assert_int_equal(d.items[1].line, 3);
    assert_true(d.items[2].error);
    assert_int_equal(d.items[2].line, 5);
    /* A bad value leaves the default in place. */
    assert_int_equal(c.idle_timeout_s, 60);
    assert_int_equal(c.primary.r, 0x1B);

    /* The printed form names the file and the line. */
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    assert_non_null(f);
    config_print_diagnostics(&d, "ev/event.ini", f);
    fclose(f);
    assert_non_null(strstr(out, "ev/event.ini:2: error: "));
    assert_non_null(strstr(out, "ev/event.ini:3: warning: "));
    assert_non_null(strstr(out, "ev/event.ini:5: error: "));
    assert_non_null(strstr(out, "idle_timeout"));
    free(out);
}

static void test_unknown_keys_warn(void **state)
{
    (void)state;
    EventConfig c;
    ConfigDiagnostics d;
    const char text[] = "[event]\n"
                        "name = Partner Night\n"
                        "nmae = typo\n" /* 3 */
                        "[printer]\n"   /* 4: unknown section */
                        "queue = x\n"   /* ignored with its section */
                        "[badge]\n"
                        "dpi = 600\n"
                        "colour = red\n"; /* 8 */
    assert_int_equal(parse(&c, text, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.items[0].line, 3);
    assert_false(d.items[0].error);
    assert_non_null(strstr(d.items[0].text, "nmae"));
    assert_int_equal(d.items[1].line, 4);
    assert_non_null(strstr(d.items[1].text, "printer"));
    assert_int_equal(d.items[2].line, 8);
    assert_non_null(strstr(d.items[2].text, "colour"));
    /* Warnings do not stop the known keys. */
    assert_string_equal(c.name, "Partner Night");
    assert_int_equal(c.badge_dpi, 600);

    /* A key before any section is warned about too. */
    assert_int_equal(parse(&c, "name = x\n", &d), 0);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 1);
    assert_false(d.items[0].error);

    /* More messages than fit are counted. */
    char many[4096] = "[event]\n";
    for (int i = 0; i < 40; i++)
        strcat(many, "unknown_key = 1\n");
    assert_int_equal(parse(&c, many, &d), 0);
    assert_int_equal(d.count, 40);
    assert_int_equal(d.items[31].line, 33);
}

static void expect_size(const char *s, double w, double h)
{
    double gw = 0, gh = 0;
    if (!config_parse_badge_size(s, &gw, &gh))
        fail_msg("badge size \"%s\" refused", s);
    if (gw < w - 0.001 || gw > w + 0.001 || gh < h - 0.001 || gh > h + 0.001)
        fail_msg("badge size \"%s\": %.3f x %.3f mm, want %.3f x %.3f", s, gw, gh, w, h);
}

static void test_badge_sizes(void **state)
{
    (void)state;
    expect_size("4x3in", 101.6, 76.2);
    expect_size("brother-62x100", 62, 100);
    expect_size("dymo-30256", 59, 102);
    expect_size("dymo-30857", 57, 102);
    expect_size("DYMO-30857", 57, 102);
    expect_size("62x100mm", 62, 100);
    expect_size("62.5x29mm", 62.5, 29);
    expect_size("3.5x2.25in", 88.9, 57.15);
    expect_size("4X6IN", 101.6, 152.4);
    double w, h;
    assert_false(config_parse_badge_size("", &w, &h));
    assert_false(config_parse_badge_size("62x100", &w, &h));
    assert_false(config_parse_badge_size("x100mm", &w, &h));
    assert_false(config_parse_badge_size("62x100mm extra", &w, &h));
    assert_false(config_parse_badge_size("1x1mm", &w, &h));
    /* Smaller than the smallest badge the layout can draw: refused here, with
     * the line, rather than when the first guest's badge fails to print. */
    assert_false(config_parse_badge_size("15x15mm", &w, &h));
    assert_false(config_parse_badge_size("62x19.9mm", &w, &h));
    expect_size("20x20mm", 20, 20);
    EventConfig small;
    ConfigDiagnostics sd;
    assert_int_equal(parse(&small, "[badge]\nsize = 15x15mm\n", &sd), -1);
    assert_int_equal(sd.items[0].line, 2);
    assert_non_null(strstr(sd.items[0].text, "20 to 300 mm"));
    assert_false(config_parse_badge_size("62,5x29mm", &w, &h));
    assert_false(config_parse_badge_size("dymo-99999", &w, &h));

    EventConfig c;
    ConfigDiagnostics d;
    assert_int_equal(parse(&c, "[badge]\nsize = dymo-30256\n", &d), 0);
    assert_string_equal(c.badge_size, "dymo-30256");
    assert_true(c.badge_w_mm == 59 && c.badge_h_mm == 102);
    assert_int_equal(parse(&c, "[badge]\nsize = 2.3x4in\n", &d), 0);
    assert_true(c.badge_w_mm > 58.41 && c.badge_w_mm < 58.43);

    /* Size and dpi together make the picture the print worker holds in memory:
     * 300 x 300 mm at 1200 dpi is 14173 x 14173 pixels, over a gigabyte on a
     * 1 GB Raspberry Pi. Too many pixels is an error on the later of the two
     * lines, whichever order they come in; real label stock at up to 600 dpi,
     * or 4x3in at 1200, is fine. */
    assert_int_equal(parse(&c, "[badge]\nsize = 300x300mm\ndpi = 1200\n", &d), -1);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].text, "14173 x 14173"));
    assert_int_equal(parse(&c, "[badge]\ndpi = 1200\n\nsize = 300x300mm\n", &d), -1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(parse(&c, "[badge]\nsize = 4x6in\ndpi = 600\n", &d), 0);
    assert_int_equal(parse(&c, "[badge]\nsize = 4x3in\ndpi = 1200\n", &d), 0);
    assert_int_equal(parse(&c, "[badge]\nsize = 210x297mm\ndpi = 300\n", &d), 0);
}

static void test_paths(void **state)
{
    (void)state;
    EventConfig c;
    config_defaults(&c);
    char out[CONFIG_STR * 2];
    config_path(&c, "logo.png", out, sizeof out);
    assert_string_equal(out, "logo.png");
    snprintf(c.dir, sizeof c.dir, "/events/fall");
    config_path(&c, "logo.png", out, sizeof out);
    assert_string_equal(out, "/events/fall/logo.png");
    config_path(&c, "/srv/logo.png", out, sizeof out);
    assert_string_equal(out, "/srv/logo.png");
}

static void test_load_errors(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *ini = tu_path(dir, "event.ini");
    tu_write(ini, "[badge]\ndpi = 5\n", (size_t)-1);
    EventConfig c;
    ConfigDiagnostics d;
    assert_int_equal(config_load_dir(&c, dir, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 2);

    /* An event.ini that cannot be read (a folder here) is an error, not defaults. */
    unlink(ini);
    assert_int_equal(mkdir(ini, 0755), 0);
    assert_int_equal(config_load_dir(&c, dir, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 0);

    /* A folder given but not there is a mistyped path, not "all defaults":
     * badges would silently come out at the wrong size with the wrong link. */
    char *missing = tu_path(dir, "no-such-event");
    assert_int_equal(config_load_dir(&c, missing, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].text, "no-such-event"));
    assert_non_null(strstr(d.items[0].text, "does not exist"));
    /* ...and a file is not an event folder either. */
    char *file = tu_path(dir, "notes.txt");
    tu_write(file, "hello\n", (size_t)-1);
    assert_int_equal(config_load_dir(&c, file, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].text, "not a folder"));
    free(missing);
    free(file);
    tu_rmtree(dir);
    free(ini);
    free(dir);
}

/* An event.ini saved as UTF-16 (Notepad's "Unicode") or a binary file put in
 * its place: one error that says what the file is, not a line-by-line list of
 * "expected key = value" and garbled keys. */
static void test_not_text(void **state)
{
    (void)state;
    const char utf16le[] = "\xFF\xFE[\0e\0v\0e\0n\0t\0]\0\n\0n\0a\0m\0e\0=\0X\0\n\0";
    const char utf16be[] = "\xFE\xFF\0[\0e\0v\0e\0n\0t\0]\0\n";
    const char binary[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\x9a\xb3\n\xff\x01[x\n=\n";
    const struct {
        const char *text;
        size_t len;
        const char *says;
    } cases[] = {
        {utf16le, sizeof utf16le - 1, "UTF-16"},
        {utf16be, sizeof utf16be - 1, "UTF-16"},
        {binary, sizeof binary - 1, "not a text file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        EventConfig c;
        ConfigDiagnostics d;
        config_defaults(&c);
        assert_int_equal(config_parse(&c, cases[i].text, cases[i].len, &d), -1);
        assert_int_equal(d.count, 1);
        assert_int_equal(d.errors, 1);
        assert_true(d.items[0].error);
        if (!strstr(d.items[0].text, cases[i].says))
            fail_msg("case %zu: \"%s\" does not say %s", i, d.items[0].text, cases[i].says);
        assert_string_equal(c.name, "CTE Partner Event"); /* nothing half-read */
    }
}

static void test_write_key(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *ini = tu_path(dir, "event.ini");
    tu_write(ini, SPEC_EXAMPLE, (size_t)-1);
    const char *hash =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", hash), 0);

    /* Only that line changed, its comment kept. */
    size_t len;
    char *text = tu_read(ini, &len);
    assert_non_null(text);
    char want[4096];
    const char *old_line =
        "pin_hash =                 ; written by `lanyard set-pin`, never a plain PIN\n";
    const char *at = strstr(SPEC_EXAMPLE, old_line);
    assert_non_null(at);
    snprintf(want, sizeof want,
             "%.*spin_hash = %s  ; written by `lanyard set-pin`, never a plain PIN\n",
             (int)(at - SPEC_EXAMPLE), SPEC_EXAMPLE, hash);
    assert_string_equal(text, want);
    free(text);
    EventConfig c;
    ConfigDiagnostics d;
    assert_int_equal(config_load_dir(&c, dir, &d), 0);
    assert_int_equal(d.count, 0);
    assert_string_equal(c.pin_hash, hash);
    assert_string_equal(c.printer, "Brother_QL_820NWB");

    /* Again, over the value just written; and a value that needs quotes. */
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "x"), 0);
    assert_int_equal(config_write_key(dir, "event", "venue", "Room 5; Building B # 2"), 0);
    assert_int_equal(config_load_dir(&c, dir, &d), 0);
    assert_string_equal(c.pin_hash, "x");
    assert_string_equal(c.venue, "Room 5; Building B # 2");
    assert_string_equal(c.name, "Fall CTE Partner Meet & Greet");

    /* A key missing from its section is added to it; a missing section at the end. */
    tu_write(ini, "; mine\r\n[event]\r\nname = A\r\n\r\n[badge]\r\ndpi = 600\r\n", (size_t)-1);
    assert_int_equal(config_write_key(dir, "event", "venue", "Gym"), 0);
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "h"), 0);
    text = tu_read(ini, &len);
    assert_string_equal(text, "; mine\r\n[event]\r\nname = A\r\nvenue = Gym\r\n\r\n[badge]\r\n"
                              "dpi = 600\r\n\r\n[staff]\r\npin_hash = h\r\n");
    free(text);

    /* A BOM stays where it is, and the section right after it is found. */
    tu_write(ini, "\xEF\xBB\xBF[staff]\npin_hash =\n[theme]\n", (size_t)-1);
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "h"), 0);
    assert_int_equal(config_write_key(dir, "theme", "primary", "#102030"), 0);
    text = tu_read(ini, &len);
    assert_string_equal(text,
                        "\xEF\xBB\xBF[staff]\npin_hash = h\n[theme]\nprimary = \"#102030\"\n");
    free(text);
    assert_int_equal(config_load_dir(&c, dir, &d), 0);
    assert_int_equal(c.primary.g, 0x20);

    /* No file yet: one is made. */
    unlink(ini);
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "h2"), 0);
    text = tu_read(ini, &len);
    assert_string_equal(text, "[staff]\npin_hash = h2\n");
    free(text);

    /* The file's permissions survive, and no temporary file is left behind. */
    assert_int_equal(chmod(ini, 0600), 0);
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "h3"), 0);
    struct stat st;
    assert_int_equal(stat(ini, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    TuRun r = tu_run((const char *const[]){"/bin/ls", "-A", dir, NULL}, NULL);
    assert_string_equal(r.out, "event.ini\n");
    tu_run_free(&r);

    /* A newline cannot be written into a value. */
    assert_int_equal(config_write_key(dir, "staff", "pin_hash", "a\nb"), -1);
    /* Nor into a folder that does not exist. */
    char *missing = tu_path(dir, "nope");
    assert_int_equal(config_write_key(missing, "staff", "pin_hash", "h"), -1);
    free(missing);

    tu_rmtree(dir);
    free(ini);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_spec_example),
        cmocka_unit_test(test_syntax_variants),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_unknown_keys_warn),
        cmocka_unit_test(test_badge_sizes),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_not_text),
        cmocka_unit_test(test_write_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
