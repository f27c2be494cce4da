/* test_cli.c — the command line end to end, as staff use it: import a hostile
 * guest list, check everyone in, export, parse the CSV back and compare every
 * field; usage errors and bad databases; merge order (and two tickets under
 * one email staying two guests); the event a kiosk's database records, and
 * merge refusing another event's. */
#include "testutil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csv.h"

/* ---- reading an export back ---- */

typedef struct Table {
    size_t rows, cols;
    char *cell[64][16];
} Table;

static int collect(const CsvRecord *rec, void *ud)
{
    Table *t = ud;
    assert_true(t->rows < 64);
    if (t->rows == 0)
        t->cols = rec->nfields;
    assert_int_equal(rec->nfields, t->cols);
    for (size_t i = 0; i < rec->nfields && i < 16; i++)
        t->cell[t->rows][i] = strdup(rec->fields[i]);
    t->rows++;
    return 0;
}

static void table_read(Table *t, const char *text, size_t len)
{
    memset(t, 0, sizeof *t);
    CsvError err = {0};
    assert_int_equal(csv_read(text, len, collect, t, &err), 0);
}

static void table_free(Table *t)
{
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->cols && c < 16; c++)
            free(t->cell[r][c]);
}

static int column(const Table *t, const char *name)
{
    for (size_t c = 0; c < t->cols; c++)
        if (!strcmp(t->cell[0][c], name))
            return (int)c;
    fail_msg("no column '%s' in the export", name);
    return -1;
}

/* What a value must look like in an export: as the formula guard writes it. */
static char *guarded(const char *s)
{
    char *out = csv_guard(s);
    assert_non_null(out);
    assert_false(csv_starts_formula(out));
    return out;
}

/* ---- hostile content, end to end ---- */

typedef struct Hostile {
    const char *code, *first, *last, *company, *email, *phone;
} Hostile;

static const Hostile HOSTILE[] = {
    {"H001", "José", "Hernández-Núñez", "Café Olé, Inc.", "jose@example.com", "+1 555 0100"},
    {"H002", "王", "芳", "北京科技有限公司", "wang@example.com", "(555) 010-0001"},
    {"H003", "محمد", "الحسن", "شركة النور", "m@example.com", ""},
    {"H004", "Zoë 🎉", "O'Brien \"The Welder\"", "=HYPERLINK(\"http://x.example\",\"click\")",
     "zoe@example.com", "-5"},
    {"H005", "Line\nBreak", "Comma, Last", "@SUM(A1:A9)", "line@example.com", "555"},
    {"H006", "%s %n %x", "Robert'); DROP TABLE guests;--", "=cmd|'/c calc'!A1", "bobby@example.com",
     "+44 20 7946 0000"},
    {"H007",
     "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaa",
     "Long", "x", "long@example.com", "1"},
    {"H008",
     "Bartholomew\xF0\x9F\x98\x80"
     "Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew "
     "Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew "
     "Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew "
     "Bartholomew Bartholomew Bartholomew Bartholomew Bartholomew",
     "Nguy\xE1\xBB\x85n \xF0\x9F\x8E\x89", "=cmd|'/c calc'!A1", "bart@example.com", "@1"},
};
static const size_t NHOSTILE = sizeof HOSTILE / sizeof HOSTILE[0];

static void csv_field(FILE *f, const char *s, bool last)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputs(last ? "\"\r\n" : "\",", f);
}

static void test_hostile_round_trip(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *csv = tu_path(dir, "guests.csv");
    char *db = tu_path(dir, "event.db");
    char *out = tu_path(dir, "attendance.csv");

    FILE *f = fopen(csv, "wb");
    assert_non_null(f);
    fputs("Attendee #,First Name,Last Name,Company,Email,Cell Phone\r\n", f);
    for (size_t i = 0; i < NHOSTILE; i++) {
        const Hostile *h = &HOSTILE[i];
        csv_field(f, h->code, false);
        csv_field(f, h->first, false);
        csv_field(f, h->last, false);
        csv_field(f, h->company, false);
        csv_field(f, h->email, false);
        csv_field(f, h->phone, true);
    }
    assert_int_equal(fclose(f), 0);

    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    char added[32];
    snprintf(added, sizeof added, "added:     %zu\n", NHOSTILE);
    assert_non_null(strstr(r.out, added));
    tu_run_free(&r);

    for (size_t i = 0; i < NHOSTILE; i++) {
        r = tu_lanyard("checkin", "--db", db, "--code", HOSTILE[i].code, "--kiosk", "door-1", NULL);
        assert_int_equal(r.status, 0);
        assert_int_equal(strlen(r.out), 33); /* 32 hex digits and a newline */
        tu_run_free(&r);
    }
    r = tu_lanyard("export", "attendance", "--db", db, "--out", out, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);

    size_t len;
    char *text = tu_read(out, &len);
    assert_non_null(text);
    assert_non_null(strstr(text, "\r\n"));
    Table t;
    table_read(&t, text, len);
    assert_int_equal(t.rows, NHOSTILE + 1);
    int cc = column(&t, "Registration code"), cf = column(&t, "First name"),
        cl = column(&t, "Last name"), co = column(&t, "Company"), ce = column(&t, "Email"),
        cp = column(&t, "Phone"), ck = column(&t, "Kiosk");
    for (size_t i = 0; i < NHOSTILE; i++) {
        const Hostile *h = NULL;
        size_t row = 0;
        for (size_t rr = 1; rr < t.rows && !h; rr++)
            for (size_t k = 0; k < NHOSTILE; k++)
                if (!strcmp(t.cell[rr][cc], HOSTILE[k].code) && k == i) {
                    h = &HOSTILE[k];
                    row = rr;
                }
        assert_non_null(h);
        const char *want[] = {h->first, h->last, h->company, h->email, h->phone};
        int cols[] = {cf, cl, co, ce, cp};
        for (size_t k = 0; k < 5; k++) {
            char *g = guarded(want[k]);
            assert_string_equal(t.cell[row][cols[k]], g);
            free(g);
        }
        assert_string_equal(t.cell[row][ck], "door-1");
    }
    table_free(&t);
    free(text);

    /* Every one of them gets a badge, as a PNG and as a PDF. */
    for (size_t i = 0; i < NHOSTILE; i++) {
        const char *exts[] = {"png", "pdf"};
        const char *magic[] = {"\x89PNG", "%PDF"};
        for (size_t k = 0; k < 2; k++) {
            char name[32];
            snprintf(name, sizeof name, "badge-%zu.%s", i, exts[k]);
            char *badge = tu_path(dir, name);
            r = tu_lanyard("badge", "--db", db, "--code", HOSTILE[i].code, "--out", badge, NULL);
            if (r.status != 0)
                fail_msg("badge %s: %s", HOSTILE[i].code, r.err);
            tu_run_free(&r);
            size_t blen;
            char *bytes = tu_read(badge, &blen);
            assert_non_null(bytes);
            assert_true(blen > 100);
            assert_memory_equal(bytes, magic[k], 4);
            free(bytes);
            free(badge);
        }
    }

    /* Import trims cells, so a leading tab is tested through a walk-in. */
    r = tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "Tab", "--last", "Leader",
                   "--company", "\tTab Co", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "'\tTab Co"));
    tu_run_free(&r);

    /* A second check-in makes no second attendance. */
    r = tu_lanyard("checkin", "--db", db, "--code", "H001", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "already checked in"));
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    table_read(&t, r.out, strlen(r.out));
    assert_int_equal(t.rows, NHOSTILE + 2);
    table_free(&t);
    tu_run_free(&r);

    /* --excel starts with a byte-order mark. */
    r = tu_lanyard("export", "followup", "--db", db, "--excel", NULL);
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "\xEF\xBB\xBF", 3);
    tu_run_free(&r);

    tu_rmtree(dir);
    free(csv);
    free(db);
    free(out);
    free(dir);
}

/* ---- usage and bad input ---- */

static void test_usage(void **state)
{
    (void)state;
    TuRun r = tu_lanyard("--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "import"));
    tu_run_free(&r);
    const char *cmds[] = {"import", "checkin", "export", "merge", "stats", "set-pin"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        r = tu_lanyard(cmds[i], "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "Usage: lanyard"));
        tu_run_free(&r);
        r = tu_lanyard(cmds[i], "--no-such-option", NULL);
        assert_int_equal(r.status, 2);
        assert_true(strlen(r.err) > 0);
        tu_run_free(&r);
    }
    r = tu_lanyard("frobnicate", NULL);
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", NULL); /* no --db */
    assert_int_equal(r.status, 2);
    tu_run_free(&r);
}

static void assert_refused_unchanged(const char *db, const char *content, size_t len)
{
    const char *const cmds[][8] = {
        {"stats", "--db", db, NULL},
        {"export", "attendance", "--db", db, NULL},
        {"checkin", "--db", db, "--code", "X", NULL},
    };
    for (size_t i = 0; i < 3; i++) {
        const char *argv[10] = {LANYARD_BINARY};
        for (size_t k = 0; cmds[i][k]; k++)
            argv[k + 1] = cmds[i][k];
        TuRun r = tu_run(argv, NULL);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, db));
        tu_run_free(&r);
        if (content) {
            size_t got_len;
            char *got = tu_read(db, &got_len);
            assert_non_null(got);
            assert_int_equal(got_len, len);
            assert_memory_equal(got, content, len);
            free(got);
        }
    }
}

static void test_bad_databases(void **state)
{
    (void)state;
    char *dir = tu_tempdir();

    char *text = tu_path(dir, "notes.db");
    const char notes[] = "This is a spreadsheet, not a database.\n";
    tu_write(text, notes, sizeof notes - 1);
    assert_refused_unchanged(text, notes, sizeof notes - 1);

    /* A real database made by a working import, then damaged in the middle. */
    char *db = tu_path(dir, "event.db");
    char *csv = tu_path(dir, "g.csv");
    tu_write(csv, "Name,Company\nAna García,Acme\n", (size_t)-1);
    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    size_t len;
    char *bytes = tu_read(db, &len);
    assert_non_null(bytes);
    assert_true(len > 4096);
    memset(bytes + 100, 0xA5, len - 100 > 3000 ? 3000 : len - 100);
    tu_write(db, bytes, len);
    assert_refused_unchanged(db, bytes, len);
    free(bytes);

    /* A directory. */
    char *sub = tu_path(dir, "folder.db");
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_refused_unchanged(sub, NULL, 0);

    tu_rmtree(dir);
    free(text);
    free(db);
    free(csv);
    free(sub);
    free(dir);
}

static void test_broken_csv(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *csv = tu_path(dir, "guests.csv");
    char *db = tu_path(dir, "event.db");
    tu_write(csv, "Name,Company\nAna García,Acme\n", (size_t)-1);
    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    /* An unterminated quote on line 3: nothing of this file is imported. */
    tu_write(csv, "Name,Company\nBo Lee,Lee Co\n\"Cy Unclosed,Nowhere\nDee Day,Dee Co\n",
             (size_t)-1);
    r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, ":3"));
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--first", "Bo", "--last", "Lee", NULL);
    assert_int_equal(r.status, 1); /* Bo Lee was not imported */
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--first", "Ana", "--last", "García", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    tu_rmtree(dir);
    free(csv);
    free(db);
    free(dir);
}

/* An export never overwrites a database: --out naming the --db itself (a slip
 * of tab completion) or another kiosk's database is refused, and the file is
 * left as it was. */
static void test_export_never_overwrites_a_database(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    char *other = tu_path(dir, "door-2.db");
    char *csv = tu_path(dir, "g.csv");
    tu_write(csv, "Name,Company\nAna García,Acme\n", (size_t)-1);
    const char *dbs[] = {db, other};
    for (size_t i = 0; i < 2; i++) {
        TuRun r = tu_lanyard("import", "guests", csv, "--db", dbs[i], NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    const char *kinds[] = {"attendance", "followup"};
    for (size_t i = 0; i < 2; i++) {
        for (size_t k = 0; k < 2; k++) {
            size_t before_len, after_len;
            char *before = tu_read(dbs[i], &before_len);
            assert_non_null(before);
            TuRun r = tu_lanyard("export", kinds[k], "--db", db, "--out", dbs[i], NULL);
            assert_int_equal(r.status, 1);
            assert_non_null(strstr(r.err, dbs[i]));
            assert_non_null(strstr(r.err, "database"));
            tu_run_free(&r);
            char *after = tu_read(dbs[i], &after_len);
            assert_non_null(after);
            assert_int_equal(after_len, before_len);
            assert_memory_equal(after, before, before_len);
            free(before);
            free(after);
        }
    }
    TuRun r = tu_lanyard("stats", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    /* An ordinary file is replaced as before. */
    r = tu_lanyard("export", "attendance", "--db", db, "--out", csv, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char *text = tu_read(csv, NULL);
    assert_non_null(strstr(text, "Checked in,"));
    free(text);
    tu_rmtree(dir);
    free(db);
    free(other);
    free(csv);
    free(dir);
}

/* A walk-in whose email is already a guest's is that guest registering again
 * when the name is the same (checked in as that guest, and said so); under
 * another name it is a colleague sharing the email, registered as a new guest,
 * so nobody is ever checked in under somebody else's name. */
static void test_walkin_with_a_known_email(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    char *csv = tu_path(dir, "g.csv");
    tu_write(csv, "Attendee #,First Name,Last Name,Email\n77,Ana,García,ana@acme.example\n",
             (size_t)-1);
    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);

    r = tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "Sam", "--last", "Lee", "--email",
                   "ANA@acme.example", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("stats", "--db", db, NULL);
    assert_non_null(strstr(r.out, "total present:  1"));
    assert_non_null(strstr(r.out, "guests:         2 "));
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_non_null(strstr(r.out, ",Sam,Lee,"));
    assert_null(strstr(r.out, ",Ana,García,"));
    tu_run_free(&r);

    r = tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "ana", "--last", "Garcia",
                   "--email", "ana@acme.example", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "already registered"));
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_non_null(strstr(r.out, ",Ana,García,"));
    assert_non_null(strstr(r.out, ",77,Pre-registered,"));
    tu_run_free(&r);
    tu_rmtree(dir);
    free(db);
    free(csv);
    free(dir);
}

/* An Eventbrite ticket's barcode checks its guest in, at the kiosk that
 * imported the list and in a merge of it; the Attendee # still does. */
static void test_eventbrite_ticket_barcode(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "door-1.db"), *district = tu_path(dir, "district.db");
    char *csv = tu_path(dir, "g.csv");
    tu_write(csv,
             "Order #,First Name,Last Name,Attendee #,Attendee Status\n"
             "4410,Ana,García,9001,Attending\n"
             "4410,Bo,Lee,9002,Attending\n",
             (size_t)-1);
    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--code", "44109001001", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--code", "9002", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_non_null(strstr(r.out, ",Ana,García,"));
    assert_non_null(strstr(r.out, ",Bo,Lee,"));
    tu_run_free(&r);
    r = tu_lanyard("merge", "--into", district, db, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", district, "--code", "44109002001", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "already"));
    tu_run_free(&r);
    tu_rmtree(dir);
    free(db);
    free(district);
    free(csv);
    free(dir);
}

/* What a command prints is its result (an attendance id, a report, counts):
 * when it cannot be written, here to a full disk, the command fails and says
 * so instead of exiting 0 with the output lost. */
static void test_output_that_cannot_be_written(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    char *csv = tu_path(dir, "g.csv");
    tu_write(csv, "Attendee #,Name,Company\n5,Ana García,Acme\n", (size_t)-1);
    const char *const cmds[][3] = {
        {"import guests", csv, "--db"},
        {"checkin --code 5", "", "--db"},
        {"stats", "", "--db"},
        {"export attendance", "", "--db"},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char line[2048];
        snprintf(line, sizeof line, "'%s' %s %s %s '%s' > /dev/full", LANYARD_BINARY, cmds[i][0],
                 cmds[i][1], cmds[i][2], db);
        const char *argv[] = {"/bin/sh", "-c", line, NULL};
        TuRun r = tu_run(argv, NULL);
        if (r.status != 1 || !strstr(r.err, "No space left"))
            fail_msg("%s: status %d: %s", cmds[i][0], r.status, r.err);
        tu_run_free(&r);
    }
    tu_rmtree(dir);
    free(db);
    free(csv);
    free(dir);
}

/* Text typed in a terminal that is not set to UTF-8 arrives as Latin-1 bytes:
 * refused with the option's name, so the database and its exports (UTF-8 by
 * SPEC) never hold mojibake. */
static void test_checkin_text_not_utf8(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    TuRun r =
        tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "Jos\xE9", "--last", "Lee", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--first"));
    assert_non_null(strstr(r.err, "UTF-8"));
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "Ana", "--last", "Lee",
                   "--company", "Caf\xE9 Ol\xE9", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--company"));
    tu_run_free(&r);
    struct stat st;
    assert_int_equal(stat(db, &st), -1); /* nothing was created */
    r = tu_lanyard("checkin", "--db", db, "--walk-in", "--first", "Jos\xC3\xA9", "--last", "Lee",
                   NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

/* ---- merge order through the command line ---- */

static char *export_of(const char *db)
{
    TuRun r = tu_lanyard("export", "attendance", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    free(r.err);
    return r.out;
}

static void test_merge_orders(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *csv = tu_path(dir, "guests.csv");
    tu_write(csv,
             "Attendee #,First Name,Last Name,Company,Email\n"
             "1,Ana,García,Acme Welding,ana@example.com\n"
             "2,Bo,Lee,Lee Plumbing,bo@example.com\n"
             "3,Cy,Diaz,Diaz Farms,cy@example.com\n"
             "4,Ann,Ode,Ode Farms,office@ode.example\n"
             "5,Bob,Ode,Ode Farms,office@ode.example\n",
             (size_t)-1);
    const char *names[] = {"a.db", "b.db", "c.db"};
    char *kiosk[3];
    for (int k = 0; k < 3; k++) {
        kiosk[k] = tu_path(dir, names[k]);
        TuRun r = tu_lanyard("import", "guests", csv, "--db", kiosk[k], NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    /* Ana checks in at two doors; each door has a walk-in of its own; Ann and
     * Bob, two tickets under one email, check in at one door. */
    const char *checkins[][3] = {{"a.db", "1", "door-a"}, {"b.db", "1", "door-b"},
                                 {"b.db", "2", "door-b"}, {"c.db", "3", "door-c"},
                                 {"c.db", "4", "door-c"}, {"c.db", "5", "door-c"}};
    for (size_t i = 0; i < 6; i++) {
        char *p = tu_path(dir, checkins[i][0]);
        TuRun r = tu_lanyard("checkin", "--db", p, "--code", checkins[i][1], "--kiosk",
                             checkins[i][2], NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
        free(p);
    }
    for (int k = 0; k < 3; k++) {
        TuRun r = tu_lanyard("checkin", "--db", kiosk[k], "--walk-in", "--first", "Sam", "--last",
                             "Walker", NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    char *abc = tu_path(dir, "abc.db"), *cba = tu_path(dir, "cba.db");
    TuRun r = tu_lanyard("merge", "--into", abc, kiosk[0], kiosk[1], kiosk[2], NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("merge", "--into", cba, kiosk[2], kiosk[1], kiosk[0], kiosk[2], kiosk[0], NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char *e1 = export_of(abc), *e2 = export_of(cba);
    assert_string_equal(e1, e2);
    Table t;
    table_read(&t, e1, strlen(e1));
    /* Ana once, Bo, Cy, Ann, Bob, and three different walk-ins named Sam
     * Walker. */
    assert_int_equal(t.rows, 1 + 5 + 3);
    int cf = column(&t, "First name"), ck = column(&t, "Kiosk");
    size_t ana = 0, ann_bob = 0;
    for (size_t i = 1; i < t.rows; i++) {
        if (!strcmp(t.cell[i][cf], "Ana")) {
            ana++;
            assert_string_equal(t.cell[i][ck], "door-a"); /* the earlier check-in */
        }
        ann_bob += !strcmp(t.cell[i][cf], "Ann") || !strcmp(t.cell[i][cf], "Bob");
    }
    assert_int_equal(ana, 1);
    assert_int_equal(ann_bob, 2);
    table_free(&t);
    free(e1);
    free(e2);
    for (int k = 0; k < 3; k++)
        free(kiosk[k]);
    tu_rmtree(dir);
    free(abc);
    free(cba);
    free(csv);
    free(dir);
}

/* Merging only inputs that cannot be read leaves no new, empty output behind
 * for someone to mistake for the district's file; an existing output is kept. */
static void test_merge_bad_inputs_leave_nothing(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *bad = tu_path(dir, "door-1.db");
    tu_write(bad, "not a database\n", (size_t)-1);
    char *missing = tu_path(dir, "door-2.db");
    char *out = tu_path(dir, "district.db");
    TuRun r = tu_lanyard("merge", "--into", out, bad, missing, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "door-1.db"));
    assert_non_null(strstr(r.err, "door-2.db"));
    tu_run_free(&r);
    struct stat st;
    assert_int_equal(stat(out, &st), -1);
    char *wal = tu_path(dir, "district.db-wal");
    assert_int_equal(stat(wal, &st), -1);

    /* One good input: the output is made and keeps what merged. */
    char *csv = tu_path(dir, "g.csv");
    char *good = tu_path(dir, "door-3.db");
    tu_write(csv, "Name,Company\nAna García,Acme\n", (size_t)-1);
    r = tu_lanyard("import", "guests", csv, "--db", good, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("merge", "--into", out, bad, good, NULL);
    assert_int_equal(r.status, 1);
    tu_run_free(&r);
    r = tu_lanyard("stats", "--db", out, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "guests:         1 "));
    tu_run_free(&r);
    /* An existing output stays, even when nothing more merges into it. */
    r = tu_lanyard("merge", "--into", out, bad, NULL);
    assert_int_equal(r.status, 1);
    tu_run_free(&r);
    assert_int_equal(stat(out, &st), 0);
    tu_rmtree(dir);
    free(bad);
    free(missing);
    free(out);
    free(wal);
    free(csv);
    free(good);
    free(dir);
}

/* `lanyard badge` on a kiosk's database, without --event, uses the settings
 * of the event the kiosk ran: here a DYMO 30256 label (59 x 102 mm, 300 dpi). */
static void test_badge_remembers_event(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *event = tu_path(dir, "event"), *db = tu_path(dir, "kiosk.db");
    char *script = tu_path(dir, "run.script"), *png = tu_path(dir, "badge.png");
    assert_int_equal(mkdir(event, 0755), 0);
    char *ini = tu_path(event, "event.ini"), *guests = tu_path(event, "guests.csv");
    tu_write(ini, "[event]\nname = Spring Night\n[badge]\nsize = dymo-30256\ndpi = 300\n",
             (size_t)-1);
    tu_write(guests, "Attendee #,First Name,Last Name\n501,Ana,García\n", (size_t)-1);
    tu_write(script, "expect Check in\n", (size_t)-1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    TuRun r = tu_lanyard("run", "--event", event, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);

    r = tu_lanyard("badge", "--db", db, "--code", "501", "--out", png, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, event));
    tu_run_free(&r);
    size_t len;
    unsigned char *bytes = (unsigned char *)tu_read(png, &len);
    assert_non_null(bytes);
    assert_true(len > 24);
    unsigned w = (unsigned)bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
    unsigned h = (unsigned)bytes[20] << 24 | bytes[21] << 16 | bytes[22] << 8 | bytes[23];
    /* 59 x 102 mm at 300 dpi, in either orientation, to the pixel. */
    unsigned lo = w < h ? w : h, hi = w < h ? h : w;
    assert_in_range(lo, 696, 698);
    assert_in_range(hi, 1204, 1206);
    free(bytes);
    tu_rmtree(dir);
    free(ini);
    free(guests);
    free(event);
    free(db);
    free(script);
    free(png);
    free(dir);
}

/* ---- the event a database is of ---- */

static const char EVENT_GUESTS[] = "Attendee #,First Name,Last Name\n"
                                   "501,Ana,García\n"
                                   "502,Bo,Lee\n"
                                   "503,Cy,Diaz\n"
                                   "504,Dee,Ray\n";

/* DIR/NAME, an event folder with this event.ini and the four-guest list. */
static char *event_folder(const char *dir, const char *name, const char *ini)
{
    char *event = tu_path(dir, name);
    assert_int_equal(mkdir(event, 0755), 0);
    char *p = tu_path(event, "event.ini");
    tu_write(p, ini, (size_t)-1);
    free(p);
    p = tu_path(event, "guests.csv");
    tu_write(p, EVENT_GUESTS, (size_t)-1);
    free(p);
    return event;
}

/* The kiosk started on an event folder and a database, as at the door (a
 * scripted run, with no display), then the guest with code checked in there. */
static void kiosk_at(const char *dir, const char *event, const char *db, const char *code)
{
    char *script = tu_path(dir, "start.script");
    tu_write(script, "expect Check in\n", (size_t)-1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    TuRun r = tu_lanyard("run", "--event", event, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", db, "--code", code, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    free(script);
}

static void assert_stats_event(const char *db, const char *line)
{
    TuRun r = tu_lanyard("stats", "--db", db, NULL);
    assert_int_equal(r.status, 0);
    if (!strstr(r.out, line))
        fail_msg("stats of %s: no \"%s\" in:\n%s", db, line, r.out);
    tu_run_free(&r);
}

/* A kiosk records in its database the event it runs (event.ini's name and
 * date) when it starts; an event.ini with errors leaves the one recorded; a
 * corrected name is recorded, and said. */
static void test_kiosk_records_its_event(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *event = event_folder(dir, "fall", "[event]\nname = Fall Meet\ndate = 2026-08-20\n");
    char *db = tu_path(dir, "door-1.db"), *ini = tu_path(event, "event.ini");
    kiosk_at(dir, event, db, "501");
    assert_stats_event(db, "event:          \"Fall Meet\" (2026-08-20)\n");

    tu_write(ini, "[event]\nname = Spring Meet\ndate = someday\n", (size_t)-1);
    kiosk_at(dir, event, db, "502");
    assert_stats_event(db, "event:          \"Fall Meet\" (2026-08-20)\n");

    tu_write(ini, "[event]\nname = Fall Meet & Greet\ndate = 2026-08-20\n", (size_t)-1);
    char *script = tu_path(dir, "start.script");
    TuRun r = tu_lanyard("run", "--event", event, "--db", db, "--script", script, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "was the database of the event \"Fall Meet\" (2026-08-20); "
                                  "it is now of \"Fall Meet & Greet\" (2026-08-20)"));
    tu_run_free(&r);
    assert_stats_event(db, "event:          \"Fall Meet & Greet\" (2026-08-20)\n");
    tu_rmtree(dir);
    free(script);
    free(ini);
    free(db);
    free(event);
    free(dir);
}

/* Two kiosks of the fall event, one of the spring event and an older file
 * that records none, all on one stick: merge refuses the spring kiosk's,
 * naming both events, merges the others and exits 1; --any-event merges it. */
static void test_merge_refuses_another_event(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *fall = event_folder(dir, "fall", "[event]\nname = Fall Meet\ndate = 2026-08-20\n");
    char *spring = event_folder(dir, "spring", "[event]\nname = Spring Meet\ndate = 2026-03-12\n");
    char *fall1 = tu_path(dir, "lanyard-kiosk1-fall.db"), *fall2 = tu_path(dir, "fall-2.db");
    char *spring1 = tu_path(dir, "lanyard-kiosk1-spring.db"), *old = tu_path(dir, "old.db");
    kiosk_at(dir, fall, fall1, "501");
    kiosk_at(dir, spring, spring1, "502");
    kiosk_at(dir, fall, fall2, "503");
    char *guests = tu_path(fall, "guests.csv");
    TuRun r = tu_lanyard("import", "guests", guests, "--db", old, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    r = tu_lanyard("checkin", "--db", old, "--code", "504", NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);

    char *out = tu_path(dir, "district.db");
    r = tu_lanyard("merge", "--into", out, fall1, spring1, fall2, old, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "district.db is now of the event \"Fall Meet\" (2026-08-20)"));
    char *refusal = strstr(r.err, "lanyard-kiosk1-spring.db is the database of another event: "
                                  "\"Spring Meet\" (2026-03-12), where ");
    assert_non_null(refusal);
    assert_non_null(strstr(refusal, "district.db is of \"Fall Meet\" (2026-08-20)"));
    assert_non_null(strstr(refusal, "--any-event"));
    assert_non_null(strstr(r.err, "old.db records no event"));
    assert_null(strstr(r.out, "spring.db:"));
    assert_non_null(strstr(r.out, "fall-2.db: 0 guests added, 4 matched, 1 check-ins"));
    assert_non_null(strstr(r.out, "old.db: 0 guests added, 4 matched, 1 check-ins"));
    tu_run_free(&r);
    char *csv = export_of(out);
    assert_non_null(strstr(csv, ",Ana,García,"));
    assert_null(strstr(csv, ",Bo,Lee,"));
    assert_non_null(strstr(csv, ",Cy,Diaz,"));
    assert_non_null(strstr(csv, ",Dee,Ray,"));
    free(csv);
    assert_stats_event(out, "event:          \"Fall Meet\" (2026-08-20)\n");
    assert_stats_event(old, "event:          none recorded\n");

    r = tu_lanyard("merge", "--any-event", "--into", out, spring1, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "merged (--any-event)"));
    tu_run_free(&r);
    csv = export_of(out);
    assert_non_null(strstr(csv, ",Bo,Lee,"));
    free(csv);
    assert_stats_event(out, "event:          \"Fall Meet\" (2026-08-20)\n");

    r = tu_lanyard("merge", "--help", NULL);
    assert_non_null(strstr(r.out, "--any-event"));
    tu_run_free(&r);
    tu_rmtree(dir);
    free(out);
    free(guests);
    free(fall1);
    free(fall2);
    free(spring1);
    free(old);
    free(fall);
    free(spring);
    free(dir);
}

static void test_set_pin(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *ini = tu_path(dir, "event.ini");
    tu_write(ini, "[event]\nname = Night ; the name\n\n[staff]\npin_hash =\n", (size_t)-1);
    const char *argv[] = {LANYARD_BINARY, "set-pin", "--event", dir, NULL};
    assert_int_equal(chmod(ini, 0644), 0);
    TuRun r = tu_run(argv, "12\n");
    assert_int_equal(r.status, 1); /* too short */
    tu_run_free(&r);
    r = tu_run(argv, "4829\n");
    assert_int_equal(r.status, 1); /* a new PIN has 6 digits or more */
    assert_non_null(strstr(r.err, "6 to 12 digits"));
    tu_run_free(&r);
    r = tu_run(argv, "482913\n");
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    /* The hash is not for every account on the machine. */
    struct stat st;
    assert_int_equal(stat(ini, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    char *text = tu_read(ini, NULL);
    assert_non_null(strstr(text, "name = Night ; the name"));
    assert_non_null(strstr(text, "pin_hash = $argon2id$"));
    assert_null(strstr(text, "482913"));
    free(text);
    tu_rmtree(dir);
    free(ini);
    free(dir);
}

/* ---- the README, followed literally ---- */

/* The README's example import report is what `lanyard import` prints for the
 * demo guest list, so a new user can compare the two. */
static void test_readme_import_report(void **state)
{
    (void)state;
    char *readme_path = tu_source("README.md");
    char *readme = tu_read(readme_path, NULL);
    assert_non_null(readme);
    const char *intro = strstr(readme, "ends with a report:");
    assert_non_null(intro);
    const char *open = strstr(intro, "```\n");
    assert_non_null(open);
    open += 4;
    const char *close = strstr(open, "```");
    assert_non_null(close);
    /* The README runs from the repository and shows the relative path first. */
    const char *rel = "assets/demo/guests.csv";
    assert_memory_equal(open, rel, strlen(rel));
    char *guests = tu_source(rel);
    size_t n = strlen(guests) + (size_t)(close - open) + 1;
    char *want = malloc(n);
    assert_non_null(want);
    snprintf(want, n, "%s%.*s", guests, (int)(close - open - (ptrdiff_t)strlen(rel)),
             open + strlen(rel));

    char *dir = tu_tempdir();
    char *db = tu_path(dir, "event.db");
    TuRun r = tu_lanyard("import", "guests", guests, "--db", db, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, want);
    tu_run_free(&r);
    tu_rmtree(dir);
    free(db);
    free(dir);
    free(want);
    free(guests);
    free(readme);
    free(readme_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_hostile_round_trip),
        cmocka_unit_test(test_bad_databases),
        cmocka_unit_test(test_broken_csv),
        cmocka_unit_test(test_merge_orders),
        cmocka_unit_test(test_badge_remembers_event),
        cmocka_unit_test(test_set_pin),
        cmocka_unit_test(test_readme_import_report),
        cmocka_unit_test(test_merge_bad_inputs_leave_nothing),
        cmocka_unit_test(test_export_never_overwrites_a_database),
        cmocka_unit_test(test_walkin_with_a_known_email),
        cmocka_unit_test(test_eventbrite_ticket_barcode),
        cmocka_unit_test(test_output_that_cannot_be_written),
        cmocka_unit_test(test_checkin_text_not_utf8),
        cmocka_unit_test(test_kiosk_records_its_event),
        cmocka_unit_test(test_merge_refuses_another_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
