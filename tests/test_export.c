/* test_export.c — attendance.csv and followup.csv: columns, local times, the
 * formula guard on hostile fields, contact details only with consent, the BOM
 * of --excel and CRLF. Every output is parsed back with csv_read and compared
 * field by field. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "core/csv.h"
#include "core/export.h"
#include "core/guest.h"
#include "core/text.h"

/* ---- parsing the output back ---- */

#define MAX_ROWS 16
#define MAX_COLS 20

typedef struct Parsed {
    size_t nrows;
    size_t ncols[MAX_ROWS];
    char *cell[MAX_ROWS][MAX_COLS];
} Parsed;

static int collect(const CsvRecord *rec, void *ud)
{
    Parsed *p = ud;
    assert_true(p->nrows < MAX_ROWS);
    assert_true(rec->nfields <= MAX_COLS);
    p->ncols[p->nrows] = rec->nfields;
    for (size_t i = 0; i < rec->nfields; i++)
        p->cell[p->nrows][i] = text_dup(rec->fields[i]);
    p->nrows++;
    return 0;
}

static void parse_back(const char *buf, size_t len, Parsed *p)
{
    memset(p, 0, sizeof *p);
    CsvError err;
    int rc = csv_read(buf, len, collect, p, &err);
    if (rc != 0)
        fail_msg("export does not parse back: line %zu: %s", err.line, err.message);
}

static void parsed_free(Parsed *p)
{
    for (size_t r = 0; r < p->nrows; r++) {
        for (size_t c = 0; c < p->ncols[r]; c++)
            free(p->cell[r][c]);
    }
}

/* ---- writing ---- */

typedef struct Out {
    char *buf;
    size_t len;
    FILE *f;
} Out;

static void out_open(Out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    assert_non_null(o->f);
}

static void out_close(Out *o)
{
    assert_int_equal(fclose(o->f), 0);
}

static void make_guest(Guest *g, const char *first, const char *last, bool consent)
{
    guest_init(g);
    snprintf(g->id, sizeof g->id, "%032x", 7);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->company, "Acme Welding, Inc."), 0);
    assert_int_equal(guest_set(&g->title, "Shop \"Lead\""), 0);
    assert_int_equal(guest_set(&g->email, "ana@acme.example"), 0);
    assert_int_equal(guest_set(&g->phone, "(555) 010-2233"), 0);
    assert_int_equal(guest_set(&g->code, "1234567890"), 0);
    g->consent = consent;
}

/* 2026-08-20T17:03:12Z */
#define CHECKIN_MS 1787245392000LL

static void set_tz(void)
{
    /* Central time as a POSIX rule, so no tz database is needed: UTC-5 in August. */
    setenv("TZ", "CST6CDT,M3.2.0,M11.1.0", 1);
    tzset();
}

static const char *const ATTENDANCE_HEADER[] = {
    "Checked in",
    "First name",
    "Last name",
    "Company",
    "Job title",
    "Email",
    "Phone",
    "Registration code",
    "Type",
    "Kiosk",
    "Badge printed",
    "Programs of interest",
    "Partnership kinds",
    "Consent",
};

static const char *const FOLLOWUP_HEADER[] = {
    "Program code", "Program",           "Program contact", "First name", "Last name", "Company",
    "Job title",    "Partnership kinds", "Consent",         "Email",      "Phone",     "Checked in",
};

static void expect_header(const Parsed *p, const char *const *want, size_t n)
{
    assert_true(p->nrows >= 1);
    assert_int_equal(p->ncols[0], n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(p->cell[0][i], want[i]);
}

static void test_attendance_columns(void **state)
{
    (void)state;
    set_tz();
    Guest a, w;
    make_guest(&a, "Ana", "García", true);
    make_guest(&w, "Zoë", "Lefèvre", false);
    w.walk_in = true;
    assert_int_equal(guest_set(&w.code, "W-7K3M-Q9XD"), 0);

    Out o;
    out_open(&o);
    Exporter *e = export_begin(o.f, EXPORT_ATTENDANCE, false);
    assert_non_null(e);
    AttendanceRow r1 = {&a,
                        CHECKIN_MS,
                        "door-1",
                        true,
                        "Welding Technology; Health Science",
                        "Host interns; Mentoring"};
    AttendanceRow r2 = {&w, CHECKIN_MS + 61000, "door-2", false, "", ""};
    export_attendance_row(e, &r1);
    export_attendance_row(e, &r2);
    assert_int_equal(export_end(e), 0);
    out_close(&o);

    /* No BOM unless asked; CRLF after every record (no field holds a newline). */
    assert_false(o.len >= 3 && memcmp(o.buf, "\xEF\xBB\xBF", 3) == 0);
    size_t lf = 0, crlf = 0;
    for (size_t i = 0; i < o.len; i++) {
        if (o.buf[i] == '\n') {
            lf++;
            crlf += i > 0 && o.buf[i - 1] == '\r';
        }
    }
    assert_int_equal(lf, 3);
    assert_int_equal(crlf, 3);

    Parsed p;
    parse_back(o.buf, o.len, &p);
    expect_header(&p, ATTENDANCE_HEADER, sizeof ATTENDANCE_HEADER / sizeof ATTENDANCE_HEADER[0]);
    assert_int_equal(p.nrows, 3);
    const char *want1[] = {"2026-08-20 12:03:12",
                           "Ana",
                           "García",
                           "Acme Welding, Inc.",
                           "Shop \"Lead\"",
                           "ana@acme.example",
                           "(555) 010-2233",
                           "1234567890",
                           "Pre-registered",
                           "door-1",
                           "Yes",
                           "Welding Technology; Health Science",
                           "Host interns; Mentoring",
                           "Yes"};
    const char *want2[] = {"2026-08-20 12:04:13",
                           "Zoë",
                           "Lefèvre",
                           "Acme Welding, Inc.",
                           "Shop \"Lead\"",
                           "ana@acme.example",
                           "(555) 010-2233",
                           "W-7K3M-Q9XD",
                           "Walk-in",
                           "door-2",
                           "No",
                           "",
                           "",
                           "No"};
    assert_int_equal(p.ncols[1], 14);
    assert_int_equal(p.ncols[2], 14);
    for (size_t i = 0; i < 14; i++) {
        assert_string_equal(p.cell[1][i], want1[i]);
        assert_string_equal(p.cell[2][i], want2[i]);
    }
    parsed_free(&p);
    free(o.buf);
    guest_clear(&a);
    guest_clear(&w);
}

static void test_formula_guard(void **state)
{
    (void)state;
    set_tz();
    /* Hostile text in every free-text column; the guarded ones come back with a
     * leading apostrophe, the others exactly as they went in. */
    static const char *const hostile[] = {
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1 555 0100",
        "-x",
        "@SUM(A1:A2)",
        "\tleading tab",
        "\rleading cr",
        "%s %n %x",
        "Robert'); DROP TABLE guests;--",
        "comma, \"quotes\" and\nnewline",
        "王小明 مرحبا 🎉",
    };
    size_t n = sizeof hostile / sizeof hostile[0];
    Out o;
    out_open(&o);
    Exporter *e = export_begin(o.f, EXPORT_ATTENDANCE, false);
    assert_non_null(e);
    for (size_t i = 0; i < n; i++) {
        Guest g;
        guest_init(&g);
        const char *h = hostile[i];
        assert_int_equal(guest_set(&g.first, h), 0);
        assert_int_equal(guest_set(&g.last, h), 0);
        assert_int_equal(guest_set(&g.company, h), 0);
        assert_int_equal(guest_set(&g.title, h), 0);
        assert_int_equal(guest_set(&g.email, h), 0);
        assert_int_equal(guest_set(&g.phone, h), 0);
        assert_int_equal(guest_set(&g.code, h), 0);
        AttendanceRow r = {&g, CHECKIN_MS, h, false, h, h};
        export_attendance_row(e, &r);
        guest_clear(&g);
    }
    assert_int_equal(export_end(e), 0);
    out_close(&o);

    Parsed p;
    parse_back(o.buf, o.len, &p);
    assert_int_equal(p.nrows, n + 1);
    /* Columns that carry the hostile text (not time, type, badge, consent). */
    static const size_t cols[] = {1, 2, 3, 4, 5, 6, 7, 9, 11, 12};
    for (size_t i = 0; i < n; i++) {
        char *want = csv_guard(hostile[i]);
        assert_non_null(want);
        assert_int_equal(p.ncols[i + 1], 14);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            if (strcmp(p.cell[i + 1][cols[c]], want) != 0)
                fail_msg("row %zu column %zu: got \"%s\", want \"%s\"", i + 1, cols[c],
                         p.cell[i + 1][cols[c]], want);
        }
        free(want);
        /* No cell anywhere starts like a formula. */
        for (size_t c = 0; c < p.ncols[i + 1]; c++)
            assert_false(csv_starts_formula(p.cell[i + 1][c]));
    }
    parsed_free(&p);
    free(o.buf);
}

static void test_followup_consent(void **state)
{
    (void)state;
    set_tz();
    Guest yes, no;
    make_guest(&yes, "Ana", "García", true);
    make_guest(&no, "Omar", "Haddad", false);
    assert_int_equal(guest_set(&no.email, "omar.private@example.com"), 0);
    assert_int_equal(guest_set(&no.phone, "+1 555 999 0000"), 0);

    Out o;
    out_open(&o);
    Exporter *e = export_begin(o.f, EXPORT_FOLLOWUP, false);
    assert_non_null(e);
    FollowupRow r1 = {&yes,
                      "WELD",
                      "Welding Technology",
                      "Mr. Ruiz <ruiz@district.example>",
                      "Host interns; Mentoring",
                      CHECKIN_MS};
    FollowupRow r2 = {
        &no, "WELD", "Welding Technology", "Mr. Ruiz <ruiz@district.example>", "Guest speaking", 0};
    export_followup_row(e, &r1);
    export_followup_row(e, &r2);
    assert_int_equal(export_end(e), 0);
    out_close(&o);

    /* The private details are nowhere in the file. */
    assert_null(strstr(o.buf, "omar.private"));
    assert_null(strstr(o.buf, "999"));

    Parsed p;
    parse_back(o.buf, o.len, &p);
    expect_header(&p, FOLLOWUP_HEADER, sizeof FOLLOWUP_HEADER / sizeof FOLLOWUP_HEADER[0]);
    assert_int_equal(p.nrows, 3);
    const char *want1[] = {"WELD",
                           "Welding Technology",
                           "Mr. Ruiz <ruiz@district.example>",
                           "Ana",
                           "García",
                           "Acme Welding, Inc.",
                           "Shop \"Lead\"",
                           "Host interns; Mentoring",
                           "Yes",
                           "ana@acme.example",
                           "(555) 010-2233",
                           "2026-08-20 12:03:12"};
    const char *want2[] = {"WELD",
                           "Welding Technology",
                           "Mr. Ruiz <ruiz@district.example>",
                           "Omar",
                           "Haddad",
                           "Acme Welding, Inc.",
                           "Shop \"Lead\"",
                           "Guest speaking",
                           "No",
                           "",
                           "",
                           ""};
    assert_int_equal(p.ncols[1], 12);
    assert_int_equal(p.ncols[2], 12);
    for (size_t i = 0; i < 12; i++) {
        assert_string_equal(p.cell[1][i], want1[i]);
        assert_string_equal(p.cell[2][i], want2[i]);
    }
    parsed_free(&p);
    free(o.buf);
    guest_clear(&yes);
    guest_clear(&no);
}

static void test_excel_bom(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        Out o;
        out_open(&o);
        Exporter *e = export_begin(o.f, kind ? EXPORT_FOLLOWUP : EXPORT_ATTENDANCE, true);
        assert_non_null(e);
        assert_int_equal(export_end(e), 0);
        out_close(&o);
        assert_true(o.len > 3);
        assert_memory_equal(o.buf, "\xEF\xBB\xBF", 3);
        /* Exactly one BOM, then the header, ending in CRLF. */
        assert_false(memcmp(o.buf + 3, "\xEF\xBB\xBF", 3) == 0);
        assert_memory_equal(o.buf + o.len - 2, "\r\n", 2);
        Parsed p;
        parse_back(o.buf, o.len, &p);
        assert_int_equal(p.nrows, 1);
        assert_string_equal(p.cell[0][0], kind ? "Program code" : "Checked in");
        parsed_free(&p);
        free(o.buf);
    }
}

static void test_write_error_reported(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f) {
        skip(); /* not Linux */
        return;
    }
    Guest g;
    make_guest(&g, "Ana", "García", true);
    Exporter *e = export_begin(f, EXPORT_ATTENDANCE, true);
    assert_non_null(e);
    AttendanceRow r = {&g, CHECKIN_MS, "door-1", true, "", ""};
    for (int i = 0; i < 200; i++)
        export_attendance_row(e, &r);
    assert_int_equal(export_end(e), ENOSPC);
    fclose(f);
    guest_clear(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attendance_columns),   cmocka_unit_test(test_formula_guard),
        cmocka_unit_test(test_followup_consent),     cmocka_unit_test(test_excel_bom),
        cmocka_unit_test(test_write_error_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
