/* test_import.c — guest and program imports (SPEC §2): each registration format,
 * BOM, CRLF, quoted newlines, encodings, merging, skips with their lines,
 * whole-file errors, hostile content, and the printed report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/ids.h"
#include "core/file.h"
#include "core/import.h"

/* Decodes and parses bytes as `lanyard import guests` does. Returns parse rc
 * (or -2 when decoding refused the file). */
static int parse_guests(const char *bytes, size_t len, GuestList *out, ImportReport *rep)
{
    guest_list_init(out);
    import_report_init(rep, "guests.csv");
    size_t n = 0;
    char *text = import_decode(bytes, len, &n, rep);
    if (!text)
        return -2;
    int rc = import_parse_guests(text, n, out, rep);
    free(text);
    return rc;
}

static int parse_guests_str(const char *csv, GuestList *out, ImportReport *rep)
{
    return parse_guests(csv, strlen(csv), out, rep);
}

/* Decodes and parses bytes as `lanyard import programs` does. */
static int parse_programs_str(const char *csv, ProgramList *out, ImportReport *rep)
{
    program_list_init(out);
    import_report_init(rep, "programs.csv");
    size_t n = 0;
    char *text = import_decode(csv, strlen(csv), &n, rep);
    if (!text)
        return -2;
    int rc = import_parse_programs(text, n, out, rep);
    free(text);
    return rc;
}

static const Guest *by_first(const GuestList *l, const char *first)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].first, first) == 0)
            return &l->items[i];
    }
    fail_msg("no guest with first name '%s'", first);
    return NULL;
}

static void done(GuestList *l, ImportReport *rep)
{
    guest_list_free(l);
    import_report_free(rep);
}

static int group_setup(void **state)
{
    (void)state;
    return ids_init();
}

/* ---- formats ---- */

static void test_eventbrite(void **state)
{
    (void)state;
    const char *csv =
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
        "Attendee Status,Company,Job Title,Cell Phone\n"
        "1001,2026-08-01 10:00,Ana,García,ana@acmewelding.com,2,Industry Partner,5001,Attending,"
        "Acme Welding,Owner,555-0100\n"
        "1001,2026-08-01 10:00,Luis,Ortega,luis@acmewelding.com,2,Industry Partner,5002,"
        "Attending,Acme Welding,Foreman,\n"
        "1002,2026-08-02 11:00,Mei,Chen,mei@district.org,1,Educator,5003,Checked In,"
        "Central HS,Teacher,\n"
        "1003,2026-08-03 12:00,Bob,Gone,bob@x.com,1,Industry Partner,5004,Not Attending,X,,\n"
        "1004,2026-08-03 12:30,Cy,Refund,cy@x.com,1,Industry Partner,5005,Refunded,X,,\n"
        "1005,2026-08-03 12:40,Di,Cancel,di@x.com,1,Industry Partner,5006,Cancelled,X,,\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(rep.rows, 6);
    assert_int_equal(l.count, 3);
    assert_int_equal(rep.merged, 0);
    assert_int_equal(rep.skipped, 3);
    assert_int_equal(rep.skips[0].line, 5);
    assert_non_null(strstr(rep.skips[0].reason, "Not Attending"));
    assert_int_equal(rep.skips[1].line, 6);
    assert_non_null(strstr(rep.skips[1].reason, "Refunded"));
    assert_int_equal(rep.skips[2].line, 7);
    assert_non_null(strstr(rep.skips[2].reason, "Cancelled"));

    const Guest *ana = by_first(&l, "Ana");
    assert_string_equal(ana->last, "García");
    assert_string_equal(ana->code, "5001"); /* the Attendee #, not the shared Order # */
    assert_string_equal(ana->email, "ana@acmewelding.com");
    assert_string_equal(ana->company, "Acme Welding");
    assert_string_equal(ana->title, "Owner");
    assert_string_equal(ana->phone, "555-0100");
    assert_int_equal(ana->role, ROLE_INDUSTRY_PARTNER);
    char want[ID_LEN + 1];
    id_derived("guest-code", "5001", want);
    assert_string_equal(ana->id, want);
    assert_string_equal(by_first(&l, "Luis")->code, "5002");
    /* The barcode Eventbrite prints on the ticket: Order #, Attendee #, "001". */
    assert_string_equal(ana->barcode, "10015001001");
    assert_string_equal(by_first(&l, "Luis")->barcode, "10015002001");
    const Guest *mei = by_first(&l, "Mei");
    assert_int_equal(mei->role, ROLE_EDUCATOR);
    assert_string_equal(mei->company, "Central HS");
    assert_string_equal(rep.encoding_note, "");
    done(&l, &rep);
}

/* A ticket Eventbrite collected no attendee details for reads "Info
 * Requested" in every attendee field: no guest of that name, a clear reason;
 * a guest who left one question unanswered keeps their name. */
static void test_eventbrite_info_requested(void **state)
{
    (void)state;
    const char *csv =
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
        "Attendee Status,Company,Job Title,Cell Phone\n"
        "4410,2026-08-01 10:00,Ana,García,ana@acmewelding.com,2,Industry Partner,9001,Attending,"
        "Acme Welding,Info Requested,555-0100\n"
        "4410,2026-08-01 10:00,Info Requested,Info Requested,Info Requested,2,Industry Partner,"
        "9002,Attending,Info Requested,Info Requested,Info Requested\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].first, "Ana");
    assert_string_equal(l.items[0].company, "Acme Welding");
    assert_string_equal(l.items[0].title, "");
    assert_int_equal(rep.skipped, 1);
    assert_int_equal(rep.skips[0].line, 3);
    assert_non_null(strstr(rep.skips[0].reason, "Info Requested"));
    assert_non_null(strstr(rep.skips[0].reason, "walk-in"));
    done(&l, &rep);
}

/* A 300-character name is a name, kept whole; a cell of 100,000 characters
 * (a paste gone wrong: past Excel's cell in the exports, a screen of A's)
 * skips its row, saying which detail and how long. */
static void test_overlong_cell(void **state)
{
    (void)state;
    enum { LONG = 100000, NAME = 300 };
    char *csv = malloc(LONG + 2 * NAME + 200);
    assert_non_null(csv);
    size_t n = (size_t)sprintf(csv, "First Name,Last Name,Company\nAna,García,");
    memset(csv + n, 'A', NAME);
    n += NAME;
    n += (size_t)sprintf(csv + n, "\n");
    memset(csv + n, 'B', LONG);
    n += LONG;
    sprintf(csv + n, ",Lee,Lee Plumbing\nCy,Ng,\n");
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    assert_int_equal(strlen(by_first(&l, "Ana")->company), NAME);
    assert_non_null(by_first(&l, "Cy"));
    assert_int_equal(rep.skipped, 1);
    assert_int_equal(rep.skips[0].line, 3);
    assert_non_null(strstr(rep.skips[0].reason, "first name is 100000 characters"));
    done(&l, &rep);
    free(csv);
}

/* A list with Eventbrite's own "Barcode #" column: that is the ticket's
 * barcode; without an order number nothing is composed; a barcode that is the
 * code itself is no second code. Other lists have none. */
static void test_ticket_barcodes(void **state)
{
    (void)state;
    const char *csv = "Order #,Attendee #,Barcode #,First Name,Last Name\n"
                      "1001,5001,8823419910001,Ana,García\n"
                      "1002,5002,,Bo,Lee\n"
                      ",5003,,Cy,Ng\n"
                      "1004,5004,5004,Di,Ox\n"
                      "A-7,5005,,Ed,Ru\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 5);
    assert_string_equal(by_first(&l, "Ana")->code, "5001");
    assert_string_equal(by_first(&l, "Ana")->barcode, "8823419910001");
    assert_string_equal(by_first(&l, "Bo")->barcode, "10025002001");
    assert_string_equal(by_first(&l, "Cy")->barcode, "");
    assert_string_equal(by_first(&l, "Di")->barcode, "");
    assert_string_equal(by_first(&l, "Ed")->barcode, ""); /* not Eventbrite's numbers */
    done(&l, &rep);

    csv = "Order code,Attendee name\nK3XQ9,Grace Hopper\n";
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_string_equal(l.items[0].code, "K3XQ9");
    assert_string_equal(l.items[0].barcode, "");
    done(&l, &rep);
}

static void test_google_forms(void **state)
{
    (void)state;
    const char *csv = "Timestamp,Email Address,First name,Last name,Company / Organization,"
                      "Job title,Phone number\n"
                      "8/1/2026 9:15:02,Sam@Example.com,Sam,Okafor,Okafor Plumbing,Owner,"
                      "(555) 010-2000\n"
                      "8/1/2026 9:20:00,jo@example.com,Jo,Park,,,\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    const Guest *sam = by_first(&l, "Sam");
    assert_string_equal(sam->last, "Okafor");
    assert_string_equal(sam->email, "Sam@Example.com");
    assert_string_equal(sam->company, "Okafor Plumbing");
    assert_string_equal(sam->title, "Owner");
    assert_string_equal(sam->phone, "(555) 010-2000");
    assert_string_equal(sam->code, "");
    /* No code: the id comes from the email, case-folded. */
    char want[ID_LEN + 1];
    id_derived("guest-email", "sam@example.com", want);
    assert_string_equal(sam->id, want);
    done(&l, &rep);

    /* "Email address" spelling, header cells with odd case and spaces. */
    csv = "  TIMESTAMP ,  Email address  , FIRST NAME,last NAME\n"
          "x,a@b.c,Ann,Lee\n";
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].email, "a@b.c");
    assert_string_equal(l.items[0].last, "Lee");
    done(&l, &rep);
}

static void test_pretix(void **state)
{
    (void)state;
    const char *csv = "Order code,Attendee name,E-mail,Company,Product\n"
                      "K3XQ9,Grace Hopper,grace@navy.mil,US Navy,Partner ticket\n"
                      "PL8ZZ,\"Lovelace, Ada\",ada@example.org,Analytical Engines,Staff pass\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    const Guest *g = by_first(&l, "Grace");
    assert_string_equal(g->last, "Hopper");
    assert_string_equal(g->code, "K3XQ9");
    assert_string_equal(g->email, "grace@navy.mil");
    assert_string_equal(g->company, "US Navy");
    const Guest *a = by_first(&l, "Ada");
    assert_string_equal(a->last, "Lovelace");
    assert_int_equal(a->role, ROLE_STAFF);
    done(&l, &rep);
}

static void test_plain_sheets(void **state)
{
    (void)state;
    const char *csv = "Name,Company,Email,Phone,Title\n"
                      "Ana María García López,Acme,ana@x.com,1,CEO\n"
                      "\"Nguyễn, Văn An\",Phở Co,,,\n"
                      "Cher,Solo Inc,,,\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 3);
    const Guest *ana = by_first(&l, "Ana");
    assert_string_equal(ana->last, "María García López");
    assert_string_equal(ana->title, "CEO");
    const Guest *an = by_first(&l, "Văn An");
    assert_string_equal(an->last, "Nguyễn");
    assert_string_equal(an->company, "Phở Co");
    const Guest *cher = by_first(&l, "Cher");
    assert_string_equal(cher->last, "");
    /* No code and no email: a random id, still well-formed. */
    assert_int_equal(strlen(cher->id), ID_LEN);
    done(&l, &rep);

    csv = "First,Last,Company\n"
          "Zoë,Ångström,Nordic Tools\n";
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].first, "Zoë");
    assert_string_equal(l.items[0].last, "Ångström");
    assert_string_equal(l.items[0].company, "Nordic Tools");
    done(&l, &rep);
}

/* ---- bytes on disk ---- */

static void test_bom_crlf_quoted_newlines(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBF"
                      "First Name,Last Name,Company,Email\r\n"                  /* 1 */
                      "Ana,García,\"Acme,\r\nWelding\r\nDivision\",a@x.com\r\n" /* 2-4 */
                      ",,\"Nameless\r\nCo\",\r\n"                               /* 5-6 */
                      "\r\n"                                                    /* 7 */
                      "Bo,Lee,\"He said \"\"hi\"\"\",b@x.com\r\n"               /* 8 */
                      "   ,  ,Blank Names Inc,c@x.com\r\n"                      /* 9 */
                      ",,,\r\n"                                                 /* 10 */
                      "Cy,Diaz,,\r\n";                                          /* 11 */
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 3);
    /* The BOM does not end up in the first header: First Name was found. */
    const Guest *ana = by_first(&l, "Ana");
    assert_string_equal(ana->company, "Acme,\r\nWelding\r\nDivision");
    assert_string_equal(by_first(&l, "Bo")->company, "He said \"hi\"");
    assert_string_equal(by_first(&l, "Cy")->last, "Diaz");
    assert_int_equal(rep.skipped, 2);
    assert_int_equal(rep.skips[0].line, 5);
    assert_string_equal(rep.skips[0].reason, "no name");
    assert_int_equal(rep.skips[1].line, 9);
    /* The all-empty ",,," row is not a guest and not worth a report line. */
    assert_int_equal(rep.rows, 5);
    done(&l, &rep);
}

static void test_cp1252(void **state)
{
    (void)state;
    const char csv[] = "First Name,Last Name,Company\r\n"
                       "Jos\xE9,Pe\xF1"
                       "a,Caf\xE9 \x93Le Bon\x94\r\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests(csv, sizeof csv - 1, &l, &rep), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].first, "José");
    assert_string_equal(l.items[0].last, "Peña");
    assert_string_equal(l.items[0].company, "Café “Le Bon”");
    assert_non_null(strstr(rep.encoding_note, "Windows-1252"));
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    import_report_print(&rep, f);
    fclose(f);
    assert_non_null(strstr(out, "Windows-1252"));
    free(out);
    done(&l, &rep);
}

/* Excel's "CSV (MS-DOS)" writes code page 850: é is 0x82, ñ 0xA4, ü 0x81
 * (undefined in Windows-1252), É 0x90, ç 0x87. Read as Windows-1252 these
 * were "Jos‚ Mu¤oz" or a refused file. */
static void test_cp850(void **state)
{
    (void)state;
    const char csv[] = "First Name,Last Name,Company\r\n"
                       "Jos\x82,Mu\xA4oz,Pe\xA4"
                       "a Construcci\xA2n\r\n"
                       "\x90milie,M\x81ller,Fran\x87ois & Fils\r\n"
                       "Ren\x82"
                       "e,Ib\xA0\xA4\x82z,\xA5"
                       "and\xA3 S.A.\r\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests(csv, sizeof csv - 1, &l, &rep), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].first, "José");
    assert_string_equal(l.items[0].last, "Muñoz");
    assert_string_equal(l.items[0].company, "Peña Construcción");
    assert_string_equal(l.items[1].first, "Émilie");
    assert_string_equal(l.items[1].last, "Müller");
    assert_string_equal(l.items[1].company, "François & Fils");
    assert_string_equal(l.items[2].first, "Renée");
    assert_string_equal(l.items[2].last, "Ibáñéz");
    assert_string_equal(l.items[2].company, "Ñandú S.A.");
    assert_non_null(strstr(rep.encoding_note, "850"));
    assert_non_null(strstr(rep.encoding_note, "MS-DOS"));
    done(&l, &rep);

    /* Capitals (Í Ó Á read Ö à µ in 1252), and only á and í (¡ and a no-break
     * space in 1252). */
    const char caps[] = "First Name,Last Name,Company\r\n"
                        "MAR\xD6"
                        "A,GARC\xD6"
                        "A,L\xE0PEZ Y GONZ\xB5LEZ\r\n"
                        "Mar\xA1"
                        "a,S\xA0nchez,Mart\xA1nez Hnos\r\n";
    assert_int_equal(parse_guests(caps, sizeof caps - 1, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].first, "MARÍA");
    assert_string_equal(l.items[0].last, "GARCÍA");
    assert_string_equal(l.items[0].company, "LÓPEZ Y GONZÁLEZ");
    assert_string_equal(l.items[1].first, "María");
    assert_string_equal(l.items[1].last, "Sánchez");
    assert_string_equal(l.items[1].company, "Martínez Hnos");
    assert_non_null(strstr(rep.encoding_note, "850"));
    done(&l, &rep);

    /* A 1252 list whose only bytes above 0x7F are no-break spaces pasted at
     * the end of names, and one in capitals: still 1252. */
    const char nbsp[] = "First Name,Last Name,Company\r\n"
                        "Ana\xA0,Lee\xA0,Acme\r\n"
                        "JOS\xC9,GARC\xCD"
                        "A,ACME\r\n";
    assert_int_equal(parse_guests(nbsp, sizeof nbsp - 1, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    assert_null(strstr(l.items[0].first, "á"));
    assert_string_equal(l.items[1].first, "JOSÉ");
    assert_string_equal(l.items[1].last, "GARCÍA");
    assert_non_null(strstr(rep.encoding_note, "Windows-1252"));
    done(&l, &rep);

    /* The same names in Windows-1252 stay Windows-1252, curly quotes and all. */
    const char ansi[] = "First Name,Last Name,Company\r\n"
                        "Jos\xE9,Mu\xF1oz,\x93Pe\xF1"
                        "a\x94 Construcci\xF3n\r\n"
                        "Zo\xEB,M\xFCller,O\x92"
                        "Connor \x96 Fran\xE7ois\r\n";
    assert_int_equal(parse_guests(ansi, sizeof ansi - 1, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].first, "José");
    assert_string_equal(l.items[0].last, "Muñoz");
    assert_string_equal(l.items[0].company, "“Peña” Construcción");
    assert_string_equal(l.items[1].first, "Zoë");
    assert_string_equal(l.items[1].last, "Müller");
    assert_string_equal(l.items[1].company, "O’Connor – François");
    assert_non_null(strstr(rep.encoding_note, "Windows-1252"));
    done(&l, &rep);
}

static void test_refused_encodings(void **state)
{
    (void)state;
    const char csv[] = "First Name,Last Name\n"
                       "Ana,Garc\xED"
                       "a\n"
                       "Bad,By\x81"
                       "te\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests(csv, sizeof csv - 1, &l, &rep), -2);
    assert_int_equal(rep.error_line, 3);
    assert_non_null(strstr(rep.error, "0x81"));
    assert_non_null(strstr(rep.error, "not UTF-8"));
    assert_int_equal(l.count, 0);
    done(&l, &rep);

    const char utf16[] = "\xFF\xFE"
                         "F\0i\0r\0s\0t\0";
    assert_int_equal(parse_guests(utf16, sizeof utf16 - 1, &l, &rep), -2);
    assert_non_null(strstr(rep.error, "UTF-16"));
    done(&l, &rep);

    /* Without a byte-order mark (some exporters write none) it is still UTF-16,
     * not a spreadsheet workbook. */
    const char utf16le[] = "F\0i\0r\0s\0t\0,\0L\0a\0s\0t\0\r\0\n\0A\0n\0a\0,\0L\0e\0e\0";
    assert_int_equal(parse_guests(utf16le, sizeof utf16le - 1, &l, &rep), -2);
    assert_non_null(strstr(rep.error, "UTF-16"));
    done(&l, &rep);
    const char utf16be[] = "\0F\0i\0r\0s\0t\0,\0L\0a\0s\0t\0\n\0A\0n\0a\0,\0L\0e\0e";
    assert_int_equal(parse_guests(utf16be, sizeof utf16be - 1, &l, &rep), -2);
    assert_non_null(strstr(rep.error, "UTF-16"));
    done(&l, &rep);

    const char zip[] = "PK\x03\x04\x14\0\0\0";
    assert_int_equal(parse_guests(zip, sizeof zip - 1, &l, &rep), -2);
    assert_non_null(strstr(rep.error, "binary"));
    done(&l, &rep);
}

/* ---- merging and ids ---- */

static const Guest *by_code(const GuestList *l, const char *code)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].code, code) == 0)
            return &l->items[i];
    }
    fail_msg("no guest with code '%s'", code);
    return NULL;
}

/* Rows that repeat a guest are merged by the one rule of core/guest_match.h;
 * the cases of that rule are tested in test_guest_match.c, these are the
 * ones a registration list brings. */
static void test_duplicates_merged(void **state)
{
    (void)state;
    const char *csv = "Attendee #,First Name,Last Name,Email,Company,Cell Phone\n"
                      "A1,Ana,García,Ana@Acme.com,,\n"
                      "B2,Bo,Lee,bo@lee.com,Lee Co,\n"
                      "A1,Ana,García,,Acme Welding,555\n" /* same code */
                      ",Ana,Garcia,ANA@ACME.COM,,\n"      /* same email, other case */
                      "C3,Cy,Diaz,cy@diaz.com,,\n"
                      "C4,Cy,Diaz,CY@diaz.com,Diaz LLC,\n" /* another ticket: another person */
                      "D5,Dee,Diaz,cy@diaz.com,,\n"        /* same email, another person */
                      ",Eve,Ode,office@ode.com,Ode Farms,\n"
                      ",Fay,Ode,office@ode.com,Ode Farms,\n" /* a colleague, no codes */
                      ",Eve,Ode,,ode farms,\n"               /* Eve again: name and company */
                      ",Gil,Ray,,,\n"
                      ",Gil,Ray,,,\n"; /* one name, no company: two people */
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(rep.rows, 12);
    assert_int_equal(rep.merged, 3);
    assert_int_equal(l.count, 9);
    const Guest *ana = by_first(&l, "Ana");
    assert_string_equal(ana->code, "A1");
    assert_string_equal(ana->company, "Acme Welding"); /* later non-empty values fill in */
    assert_string_equal(ana->phone, "555");
    assert_string_equal(ana->last, "Garcia");
    char want[ID_LEN + 1];
    id_derived("guest-code", "A1", want);
    assert_string_equal(ana->id, want);
    /* Two tickets are two guests, even under one email and one name. */
    assert_string_equal(by_code(&l, "C3")->company, "");
    assert_string_equal(by_code(&l, "C4")->company, "Diaz LLC");
    assert_string_equal(by_code(&l, "D5")->first, "Dee");
    /* Colleagues under one office address: two guests, with ids of their own. */
    const Guest *eve = by_first(&l, "Eve"), *fay = by_first(&l, "Fay");
    assert_string_equal(eve->company, "ode farms");
    assert_string_equal(fay->email, "office@ode.com");
    assert_string_not_equal(eve->id, fay->id);
    size_t gils = 0;
    for (size_t i = 0; i < l.count; i++)
        gils += strcmp(l.items[i].first, "Gil") == 0;
    assert_int_equal(gils, 2);
    for (size_t i = 0; i < l.count; i++)
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(l.items[i].id, l.items[k].id);

    /* A second kiosk importing the same file derives the same ids. */
    GuestList l2;
    ImportReport rep2;
    assert_int_equal(parse_guests_str(csv, &l2, &rep2), 0);
    assert_int_equal(l2.count, l.count);
    for (size_t i = 0; i < l.count; i++)
        assert_string_equal(l.items[i].id, l2.items[i].id);
    done(&l2, &rep2);
    done(&l, &rep);
}

/* ---- whole-file errors ---- */

static void test_errors(void **state)
{
    (void)state;
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str("Email,Company,Phone\na@b.c,X,1\n", &l, &rep), -1);
    assert_int_equal(rep.error_line, 1);
    assert_non_null(strstr(rep.error, "no name column"));
    assert_non_null(strstr(rep.error, "First Name"));
    assert_non_null(strstr(rep.error, "found: Email, Company, Phone"));
    assert_int_equal(l.count, 0);
    done(&l, &rep);

    assert_int_equal(parse_guests_str("", &l, &rep), -1);
    assert_non_null(strstr(rep.error, "empty"));
    done(&l, &rep);

    /* All or nothing: a broken quote late in the file leaves no guests. */
    assert_int_equal(
        parse_guests_str("First,Last\nAna,Lee\n\"x\ny\",z\nBo,\"unterminated\nCy,Diaz\n", &l, &rep),
        -1);
    assert_int_equal(rep.error_line, 5);
    assert_non_null(strstr(rep.error, "unterminated"));
    assert_int_equal(l.count, 0);
    done(&l, &rep);
}

/* Spreadsheets in many locales save "CSV" with semicolons, and some exports
 * are tab-separated: the whole header is then one cell. The message says so
 * instead of listing that cell as the only column found. */
static void test_other_separators(void **state)
{
    (void)state;
    const struct {
        const char *csv, *says;
    } cases[] = {
        {"First Name;Last Name;Email\r\nJos\xC3\xA9;Garc\xC3\xAD"
         "a;j@x.com\r\n",
         "';'"},
        {"Name;Company\nAna Lee;Acme\n", "';'"},
        {"First Name\tLast Name\tEmail\nAna\tLee\ta@x.com\n", "tabs"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        GuestList l;
        ImportReport rep;
        assert_int_equal(parse_guests_str(cases[i].csv, &l, &rep), -1);
        assert_int_equal(rep.error_line, 1);
        if (!strstr(rep.error, cases[i].says) || !strstr(rep.error, "comma"))
            fail_msg("case %zu: %s", i, rep.error);
        done(&l, &rep);
    }
    ProgramList p;
    ImportReport prep;
    assert_int_equal(parse_programs_str("code;name;school\nWELD;Welding;Central HS\n", &p, &prep),
                     -1);
    assert_non_null(strstr(prep.error, "';'"));
    import_report_free(&prep);
}

/* A row with more filled cells than the header has columns is almost always a
 * comma that lost its quotes ("Acme, Inc"): every later cell has moved one
 * column, so the email would land in the company and the phone in the email.
 * Such a guest row is skipped with its line; empty extra cells (a sheet's
 * trailing ",,") and short rows are fine. */
static void test_ragged_rows(void **state)
{
    (void)state;
    const char *csv = "First Name,Last Name,Company,Email\n"
                      "Ana,García,Acme Welding,ana@acme.com\n"
                      "Bo,Lee,Lee Plumbing, Inc.,bo@lee.com\n" /* the comma lost its quotes */
                      "Cy,Diaz,Diaz Farms,cy@diaz.com,,\n"     /* empty trailing cells */
                      "Dee,Day\n";                             /* short: the rest is empty */
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(rep.rows, 4);
    assert_int_equal(l.count, 3);
    assert_int_equal(rep.skipped, 1);
    assert_int_equal(rep.skips[0].line, 3);
    assert_non_null(strstr(rep.skips[0].reason, "5 cells"));
    assert_non_null(strstr(rep.skips[0].reason, "4 columns"));
    assert_string_equal(by_first(&l, "Cy")->email, "cy@diaz.com");
    assert_string_equal(by_first(&l, "Dee")->company, "");
    for (size_t i = 0; i < l.count; i++)
        assert_string_not_equal(l.items[i].first, "Bo");
    done(&l, &rep);

    /* Programs are few and hand-made: such a row fails the file, with its line. */
    ProgramList p;
    ImportReport prep;
    assert_int_equal(parse_programs_str("code,name,school\nWELD,Welding,Central HS\n"
                                        "CUL,Culinary, Baking,East HS\n",
                                        &p, &prep),
                     -1);
    assert_int_equal(prep.error_line, 3);
    assert_non_null(strstr(prep.error, "4 cells"));
    assert_int_equal(p.count, 0);
    import_report_free(&prep);
}

/* ---- hostile content ---- */

static void test_hostile_content(void **state)
{
    (void)state;
    char long_name[201];
    for (int i = 0; i < 200; i++)
        long_name[i] = (char)('a' + i % 26);
    long_name[200] = '\0';
    const char *firsts[] = {
        "José",    "王",
        "محمد",    "👩🏽‍🔧",
        long_name, "=HYPERLINK(\"http://evil\",\"x\")",
        "%s %n",   "Robert'); DROP TABLE guests;--",
        "+1",      "-x",
        "@x",      "O'Brien",
    };
    const char *companies[] = {
        "Café, \"Ñandú\"", "小明有限公司", "شركة", "🔧 Tools", "x",        "=1+1",
        "%x%x%x",          "' OR '1'='1",  "+",    "-",       "@SUM(A1)", "line\nbreak",
    };
    size_t n = sizeof firsts / sizeof firsts[0];
    char *csv = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&csv, &len);
    fputs("First Name,Last Name,Company,Attendee #\n", f);
    for (size_t i = 0; i < n; i++) {
        fputc('"', f);
        for (const char *p = firsts[i]; *p; p++)
            fputs(*p == '"' ? "\"\"" : (char[]){*p, 0}, f);
        fprintf(f, "\",Last%zu,\"", i);
        for (const char *p = companies[i]; *p; p++)
            fputs(*p == '"' ? "\"\"" : (char[]){*p, 0}, f);
        fprintf(f, "\",H%zu\n", i);
    }
    fclose(f);

    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, n);
    for (size_t i = 0; i < n; i++) {
        const Guest *g = &l.items[i];
        char code[16];
        snprintf(code, sizeof code, "H%zu", i);
        assert_string_equal(g->code, code);
        assert_string_equal(g->first, firsts[i]);
        assert_string_equal(g->company, companies[i]);
    }
    assert_int_equal(strlen(l.items[4].first), 200);
    done(&l, &rep);
    free(csv);
}

/* ---- programs ---- */

static void test_programs(void **state)
{
    (void)state;
    const char *csv =
        "code,name,school,pathway,description,grades,certifications,partner_needs,contact,url,"
        "image\n"
        "WELD,Welding Technology,Central HS,Manufacturing,\"MIG, TIG and stick.\nTwo years.\","
        "10-12,AWS D1.1,Interns; equipment,j.doe@district.org,https://cte.example.org/weld,"
        "weld.png\n"
        "HLTH,Health Science,East HS,,,,,,,,\n";
    ProgramList l;
    ImportReport rep;
    assert_int_equal(parse_programs_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    assert_int_equal(rep.rows, 2);
    const Program *w = &l.items[0];
    assert_string_equal(w->code, "WELD");
    assert_string_equal(w->name, "Welding Technology");
    assert_string_equal(w->school, "Central HS");
    assert_string_equal(w->pathway, "Manufacturing");
    assert_string_equal(w->description, "MIG, TIG and stick.\nTwo years.");
    assert_string_equal(w->grades, "10-12");
    assert_string_equal(w->certifications, "AWS D1.1");
    assert_string_equal(w->partner_needs, "Interns; equipment");
    assert_string_equal(w->contact, "j.doe@district.org");
    assert_string_equal(w->url, "https://cte.example.org/weld");
    assert_string_equal(w->image, "weld.png");
    assert_string_equal(l.items[1].pathway, "");
    program_list_free(&l);
    import_report_free(&rep);

    /* Only code and name required, any order, any case. */
    assert_int_equal(parse_programs_str("Name , CODE\nCulinary Arts,CUL\n", &l, &rep), 0);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].code, "CUL");
    program_list_free(&l);
    import_report_free(&rep);

    assert_int_equal(
        parse_programs_str("code,name\nA,One\nB,Two\n\"multi\nline\",Three\nA,Again\n", &l, &rep),
        -1);
    assert_int_equal(rep.error_line, 6);
    assert_non_null(strstr(rep.error, "already used on line 2"));
    assert_int_equal(l.count, 0);
    import_report_free(&rep);

    assert_int_equal(parse_programs_str("code,school\nA,East\n", &l, &rep), -1);
    assert_int_equal(rep.error_line, 1);
    assert_non_null(strstr(rep.error, "\"name\""));
    assert_non_null(strstr(rep.error, "found: code, school"));
    import_report_free(&rep);

    /* A header and no programs would hide the whole catalogue on the kiosk: a
     * file cut short or exported empty by mistake, refused. */
    assert_int_equal(parse_programs_str("code,name,school\r\n,,\r\n", &l, &rep), -1);
    assert_non_null(strstr(rep.error, "no programs"));
    assert_int_equal(l.count, 0);
    import_report_free(&rep);

    assert_int_equal(parse_programs_str("code,name\nA,One\n,Nameless code\n", &l, &rep), -1);
    assert_int_equal(rep.error_line, 3);
    assert_non_null(strstr(rep.error, "no code"));
    import_report_free(&rep);
}

/* Columns per language beside the plain ones (FIELD_LANG for a language the
 * kiosk speaks): kept as the program's texts in that language, the plain
 * column read for the rest. Not a text field, not a known language, or not a
 * field at all: not a translation. */
static void test_program_translations(void **state)
{
    (void)state;
    const char *csv =
        "code,name,Name_ES,description,description_es,certifications_es,partner_needs_es,"
        "grades_es,school_es,pathway_es,contact_es,url_es,image_es,name_fr,notes_es\n"
        "WELD,Welding,Soldadura,Arc and flame.,\"Arco y llama,\nen dos años.\",Certificado AWS,"
        "Mentores,10.º-12.º,Escuela Central,Manufactura,Sra. Díaz,https://es.example,w.png,"
        "Soudage,nota\n"
        "HLTH,Health Science,,Care.,,,,,,,,,,,\n";
    ProgramList l;
    ImportReport rep;
    assert_int_equal(parse_programs_str(csv, &l, &rep), 0);
    assert_int_equal(l.count, 2);
    const Program *w = &l.items[0];
    assert_string_equal(w->name, "Welding");
    assert_string_equal(program_text(w, PROGRAM_NAME, "es"), "Soldadura");
    assert_string_equal(program_text(w, PROGRAM_DESCRIPTION, "es"), "Arco y llama,\nen dos años.");
    assert_string_equal(program_text(w, PROGRAM_CERTIFICATIONS, "es"), "Certificado AWS");
    assert_string_equal(program_text(w, PROGRAM_PARTNER_NEEDS, "es"), "Mentores");
    assert_string_equal(program_text(w, PROGRAM_GRADES, "es"), "10.º-12.º");
    assert_string_equal(program_text(w, PROGRAM_SCHOOL, "es"), "Escuela Central");
    assert_string_equal(program_text(w, PROGRAM_PATHWAY, "es"), "Manufactura");
    assert_string_equal(program_text(w, PROGRAM_CONTACT, "es"), "Sra. Díaz");
    assert_int_equal(w->ntexts, 8);
    /* Not translations: the URL, the image, French (no kiosk words), notes. */
    assert_string_equal(program_text(w, PROGRAM_URL, "es"), "");
    assert_string_equal(program_text(w, PROGRAM_IMAGE, "es"), "");
    assert_string_equal(program_text(w, PROGRAM_NAME, "fr"), "Welding");
    assert_string_equal(program_text(w, PROGRAM_NAME, "en"), "Welding");
    /* An empty translation cell falls back to the plain column. */
    const Program *h = &l.items[1];
    assert_int_equal(h->ntexts, 0);
    assert_string_equal(program_text(h, PROGRAM_NAME, "es"), "Health Science");
    assert_string_equal(program_text(h, PROGRAM_DESCRIPTION, "es"), "Care.");
    program_list_free(&l);
    import_report_free(&rep);
}

/* ---- report and files ---- */

/* Kiosks that import the same list must agree on ids, even for guests with
 * neither code nor email; two people with the same name and no company stay
 * two guests. */
static void test_ids_stable_across_imports(void **state)
{
    (void)state;
    const char *csv = "Name,Company,Email\n"
                      "Ana García,Acme,ana@example.com\n"
                      "Bo Lee,,\n"
                      "Bo Lee,,\n"
                      "Cy Diaz,,\n";
    GuestList a, b;
    ImportReport ra, rb;
    assert_int_equal(parse_guests_str(csv, &a, &ra), 0);
    assert_int_equal(parse_guests_str(csv, &b, &rb), 0);
    assert_int_equal(a.count, 4);
    assert_int_equal(b.count, 4);
    for (size_t i = 0; i < a.count; i++) {
        assert_int_equal(strlen(a.items[i].id), ID_LEN);
        assert_string_equal(a.items[i].id, b.items[i].id);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(a.items[i].id, a.items[k].id);
    }
    done(&a, &ra);
    done(&b, &rb);
}

static void test_report_print(void **state)
{
    (void)state;
    const char *csv = "Name,Email\nAna Lee,a@x.com\n,b@x.com\nAna Lee,A@X.COM\n";
    GuestList l;
    ImportReport rep;
    assert_int_equal(parse_guests_str(csv, &l, &rep), 0);
    rep.added = 1; /* the store fills these in */
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    import_report_print(&rep, f);
    fclose(f);
    assert_string_equal(out, "guests.csv\n"
                             "  rows read: 3\n"
                             "  added:     1\n"
                             "  updated:   0\n"
                             "  unchanged: 0\n"
                             "  merged:    1\n"
                             "  skipped:   1\n"
                             "  line 3: no name\n");
    free(out);
    done(&l, &rep);

    /* Many skips grow the list. */
    char *big = NULL;
    size_t blen = 0;
    f = open_memstream(&big, &blen);
    fputs("Name,Email\n", f);
    for (int i = 0; i < 100; i++)
        fprintf(f, ",x%d@y.z\n", i);
    fclose(f);
    assert_int_equal(parse_guests_str(big, &l, &rep), 0);
    assert_int_equal(rep.skipped, 100);
    assert_int_equal(rep.skips[99].line, 101);
    done(&l, &rep);
    free(big);
}

static void test_read_file(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *path = tu_path(dir, "g.csv");
    tu_write(path, "a,b\n", (size_t)-1);
    size_t len = 0;
    char *buf = file_read(path, &len);
    assert_non_null(buf);
    assert_int_equal(len, 4);
    assert_string_equal(buf, "a,b\n");
    free(buf);
    errno = 0;
    assert_null(file_read(dir, &len));
    assert_int_equal(errno, EISDIR);
    char *missing = tu_path(dir, "missing.csv");
    errno = 0;
    assert_null(file_read(missing, &len));
    assert_int_equal(errno, ENOENT);
    free(missing);
    free(path);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eventbrite),
        cmocka_unit_test(test_eventbrite_info_requested),
        cmocka_unit_test(test_overlong_cell),
        cmocka_unit_test(test_ticket_barcodes),
        cmocka_unit_test(test_google_forms),
        cmocka_unit_test(test_pretix),
        cmocka_unit_test(test_plain_sheets),
        cmocka_unit_test(test_bom_crlf_quoted_newlines),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_cp850),
        cmocka_unit_test(test_refused_encodings),
        cmocka_unit_test(test_duplicates_merged),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_ragged_rows),
        cmocka_unit_test(test_other_separators),
        cmocka_unit_test(test_hostile_content),
        cmocka_unit_test(test_programs),
        cmocka_unit_test(test_program_translations),
        cmocka_unit_test(test_ids_stable_across_imports),
        cmocka_unit_test(test_report_print),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
