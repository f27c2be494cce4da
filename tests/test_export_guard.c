/* test_export_guard.c — CSV injection through the real export: guests and
 * programs whose names are injection payloads are stored, checked in, given
 * interests and exported by the store (attendance.csv and followup.csv, with
 * the BOM of Export to USB). Read back with the project's reader, split on ','
 * as RFC 4180 says, on ';' as Excel does in much of Europe and Latin America,
 * and on TAB: no cell starts a formula once spaces and invisible characters
 * are trimmed, and every field reads back as csv_guard wrote it. Ordinary
 * names (O'Brien, Jean-Luc, emoji, "Müller; Söhne") read back unchanged; a
 * phone number starting with + is guarded on purpose (Excel reads +1 555 as
 * a sum) and reads back with an apostrophe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/csv.h"
#include "core/export.h"
#include "core/guest.h"
#include "core/import.h"
#include "store/store.h"

#define NBSP "\xC2\xA0"
#define ZWSP "\xE2\x80\x8B"
#define BOM "\xEF\xBB\xBF"
#define LRM "\xE2\x80\x8E"
#define WJ "\xE2\x81\xA0"
#define FW_EQ "\xEF\xBC\x9D"
#define FW_PLUS "\xEF\xBC\x8B"
#define FW_MINUS "\xEF\xBC\x8D"
#define FW_AT "\xEF\xBC\xA0"
#define MINUS "\xE2\x88\x92"

static const char *const PAYLOADS[] = {
    "=cmd|' /C calc'!A0",
    "Acme;=cmd|' /C calc'!A0",
    "Acme; =HYPERLINK(\"http://evil.example\",\"x\")",
    "Acme,=1+1",
    "Acme;\t=1+1",
    "Acme;;;@SUM(A1)",
    " =1+1",
    NBSP "=1+1",
    ZWSP "=1+1",
    BOM "=1+1",
    LRM "@SUM(A1)",
    "a;" WJ "=1",
    FW_EQ "1+1",
    FW_PLUS "1",
    FW_MINUS "1",
    FW_AT "SUM(A1)",
    MINUS "1+1",
    "Acme; " NBSP FW_EQ "1",
    "Acme\n=1+1",
    "Acme\r\n-1+1",
    "\"=1+1\"",
    "Acme;\"=1+1",
    "\t=1+1",
    "\rx",
};
#define NPAYLOADS (sizeof PAYLOADS / sizeof PAYLOADS[0])

/* The check written out from the issue, apart from the guard's own code: the
 * cell with TAB, CR, LF, spaces, quotes, NBSP, ZWSP, BOM, LRM and WJ trimmed
 * from its start does not start with = + - @, their full-width forms or U+2212. */
static bool starts_formula_plain(const char *s)
{
    static const char *const SKIP[] = {" ", "\t", "\r", "\n", "\"", NBSP, ZWSP, BOM, LRM, WJ};
    static const char *const FORMULA[] = {"=",     "+",      "-",   "@",  FW_EQ,
                                          FW_PLUS, FW_MINUS, FW_AT, MINUS};
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < sizeof SKIP / sizeof SKIP[0]; i++) {
            if (!strncmp(s, SKIP[i], strlen(SKIP[i]))) {
                s += strlen(SKIP[i]);
                again = true;
            }
        }
    }
    for (size_t i = 0; i < sizeof FORMULA / sizeof FORMULA[0]; i++) {
        if (!strncmp(s, FORMULA[i], strlen(FORMULA[i])))
            return true;
    }
    return false;
}

typedef struct Cells {
    size_t n;
    char **cell; /* every cell of every record, in order */
} Cells;

static int collect(const CsvRecord *rec, void *ud)
{
    Cells *c = ud;
    c->cell = realloc(c->cell, (c->n + rec->nfields) * sizeof *c->cell);
    assert_non_null(c->cell);
    for (size_t i = 0; i < rec->nfields; i++) {
        c->cell[c->n] = strdup(rec->fields[i]);
        assert_non_null(c->cell[c->n]);
        c->n++;
    }
    return 0;
}

static void cells_free(Cells *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->cell[i]);
    free(c->cell);
    memset(c, 0, sizeof *c);
}

static bool has_cell(const Cells *c, const char *text)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!strcmp(c->cell[i], text))
            return true;
    }
    return false;
}

/* Reads the export back split on sep; fails on any cell that starts a formula. */
static Cells read_back(const char *buf, size_t len, char sep, const char *what)
{
    Cells c = {0, NULL};
    CsvError err;
    int rc = sep == ',' ? csv_read(buf, len, collect, &c, &err)
                        : csv_read_sep(buf, len, sep, collect, &c, &err);
    if (rc != 0)
        fail_msg("%s does not parse back split on '%c': %s", what, sep, err.message);
    assert_true(c.n > 0);
    for (size_t i = 0; i < c.n; i++) {
        if (starts_formula_plain(c.cell[i]) || csv_starts_formula(c.cell[i]))
            fail_msg("%s split on '%c': cell \"%s\" starts a formula", what, sep, c.cell[i]);
    }
    return c;
}

/* The export of kind from s, as Export to USB writes it (with a BOM). */
static char *export_text(Store *s, ExportKind kind, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    assert_non_null(f);
    Exporter *e = export_begin(f, kind, true);
    assert_non_null(e);
    assert_int_equal(store_export(s, kind, e), STORE_OK);
    assert_int_equal(export_end(e), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

typedef struct Fixture {
    char *dir, *db;
    Store *s;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tempdir();
    f->db = tu_path(f->dir, "event.db");
    char err[512];
    if (store_open(f->db, STORE_OPEN_CREATE, &f->s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    store_close(f->s);
    tu_rmtree(f->dir);
    free(f->db);
    free(f->dir);
    free(f);
    return 0;
}

/* The programs P0..Pn-1 named by names, in that order. */
static void add_programs(Store *s, const char *const *names, size_t n)
{
    ProgramList l;
    program_list_init(&l);
    for (size_t i = 0; i < n; i++) {
        Program *p = program_list_push(&l);
        assert_non_null(p);
        char code[32];
        snprintf(code, sizeof code, "P%zu", i);
        assert_int_equal(guest_set(&p->code, code), 0);
        assert_int_equal(guest_set(&p->name, names[i]), 0);
    }
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    assert_int_equal(store_import_programs(s, &l, &rep, 1000), STORE_OK);
    import_report_free(&rep);
    program_list_free(&l);
}

/* A walk-in with every free-text field set to the given texts, checked in,
 * interested in the programs; the guest as stored (id and code filled). */
static void add_guest(Store *s, const char *const text[6], const char *const *programs, size_t np,
                      int64_t at, Guest *out)
{
    guest_init(out);
    char **fields[] = {&out->first, &out->last,  &out->company,
                       &out->title, &out->email, &out->phone};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(guest_set(fields[i], text[i]), 0);
    out->consent = true;
    bool added = false;
    assert_int_equal(store_walkin_add(s, out, "door;=1", at, &added), STORE_OK);
    assert_true(added);
    CheckinResult r;
    assert_int_equal(store_checkin(s, out->id, "door;=1", at, &r), STORE_OK);
    assert_int_equal(store_interests_set(s, out->id, programs, np, NULL, 0, "door;=1", at),
                     STORE_OK);
    Guest stored;
    guest_init(&stored);
    assert_int_equal(store_guest_get(s, out->id, &stored), STORE_OK);
    guest_clear(out);
    *out = stored;
}

/* Fails unless the field, guarded, is one of the cells. */
static void expect_guarded(const Cells *c, const char *field)
{
    char *want = csv_guard(field);
    assert_non_null(want);
    if (!has_cell(c, want))
        fail_msg("no cell reads \"%s\" (the guarded \"%s\")", want, field);
    free(want);
}

static void test_payloads(void **state)
{
    Fixture *f = *state;
    add_programs(f->s, PAYLOADS, NPAYLOADS);
    const char *codes[NPAYLOADS];
    char code_buf[NPAYLOADS][32];
    for (size_t i = 0; i < NPAYLOADS; i++) {
        snprintf(code_buf[i], sizeof code_buf[i], "P%zu", i);
        codes[i] = code_buf[i];
    }
    Guest g[NPAYLOADS];
    for (size_t i = 0; i < NPAYLOADS; i++) {
        const char *p = PAYLOADS[i];
        const char *text[6] = {p, p, p, p, p, p};
        /* Each guest likes two programs, so the programs column joins payloads. */
        const char *two[] = {codes[i], codes[(i + 1) % NPAYLOADS]};
        add_guest(f->s, text, two, 2, 2000 + (int64_t)i, &g[i]);
        assert_non_null(strstr(g[i].first, p[0] == ' ' ? p + 1 : p)); /* the payload was kept */
    }

    static const ExportKind KINDS[] = {EXPORT_ATTENDANCE, EXPORT_FOLLOWUP};
    static const char SEPS[] = {',', ';', '\t'};
    for (size_t k = 0; k < 2; k++) {
        size_t len = 0;
        char *csv = export_text(f->s, KINDS[k], &len);
        const char *what = KINDS[k] == EXPORT_ATTENDANCE ? "attendance.csv" : "followup.csv";
        for (size_t s = 0; s < sizeof SEPS; s++) {
            Cells c = read_back(csv, len, SEPS[s], what);
            if (SEPS[s] == ',') {
                /* Split as written: every field as csv_guard made it. */
                for (size_t i = 0; i < NPAYLOADS; i++) {
                    expect_guarded(&c, g[i].first);
                    expect_guarded(&c, g[i].company);
                    expect_guarded(&c, PAYLOADS[i]); /* the program's name (followup) */
                }
            }
            cells_free(&c);
        }
        free(csv);
    }
    for (size_t i = 0; i < NPAYLOADS; i++)
        guest_clear(&g[i]);
}

static void test_ordinary_names(void **state)
{
    Fixture *f = *state;
    static const char *const PROGRAMS[] = {"Auto - Diesel", "Welding", "Health; Nursing"};
    add_programs(f->s, PROGRAMS, 3);
    const char *codes[] = {"P0", "P1", "P2"};
    /* first, last, company, title, email, phone */
    static const char *const PEOPLE[][6] = {
        {"Siobhán", "O'Brien", "Acme, Inc.", "Lead - Shop floor", "sob@acme.example",
         "(555) 010-2233"},
        {"Jean-Luc", "Smith-Jones", "Müller; Söhne GmbH", "R&D", "jl@example.org", "555-0100"},
        {"👩🏽‍🔧 Ana", "García 😀", "Café ☕", "Owner", "ana@example.org", "+1 555 0100"},
    };
    Guest g[3];
    for (size_t i = 0; i < 3; i++)
        add_guest(f->s, PEOPLE[i], codes, 3, 5000 + (int64_t)i, &g[i]);

    size_t len = 0;
    char *csv = export_text(f->s, EXPORT_ATTENDANCE, &len);
    Cells c = read_back(csv, len, ',', "attendance.csv");
    for (size_t i = 0; i < 3; i++) {
        for (size_t k = 0; k < 5; k++) {
            if (!has_cell(&c, PEOPLE[i][k]))
                fail_msg("\"%s\" does not read back unchanged", PEOPLE[i][k]);
        }
    }
    assert_true(has_cell(&c, "(555) 010-2233"));
    assert_true(has_cell(&c, "555-0100"));
    /* Decided: a leading + is a formula start to Excel, so the phone is guarded. */
    assert_true(has_cell(&c, "'+1 555 0100"));
    assert_false(has_cell(&c, "+1 555 0100"));
    /* The programs column, "; "-joined, is unchanged when no name starts a formula. */
    assert_true(has_cell(&c, "Auto - Diesel; Welding; Health; Nursing"));
    cells_free(&c);
    c = read_back(csv, len, ';', "attendance.csv");
    cells_free(&c);
    free(csv);
    for (size_t i = 0; i < 3; i++)
        guest_clear(&g[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_payloads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ordinary_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
