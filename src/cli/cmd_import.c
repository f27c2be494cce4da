/* cmd_import.c — `lanyard import guests|programs FILE --db DB`: reads a CSV,
 * applies it in one transaction, prints the report (SPEC §2). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/import.h"
#include "core/timefmt.h"
#include "store/store.h"
#include "visit/visit_import.h"

static const char HELP[] =
    "Usage: lanyard import guests|programs FILE --db DB\n"
    "Imports a CSV into the event database and prints a report.\n\n"
    "guests:   an Eventbrite attendee report, a Google Forms/Sheets export, a pretix\n"
    "          check-in list or a plain sheet (Name or First/Last, Company, Email,\n"
    "          Phone, Title). Repeated guests are merged; rows with no name skipped.\n"
    "programs: code,name,school,pathway,description,grades,certifications,\n"
    "          partner_needs,contact,url,image (code and name required).\n\n"
    "The import is all or nothing: on any error the database is unchanged.\n"
    "  --db DB   the database (created if missing)\n";

static void print_failure(const ImportReport *rep, const char *file)
{
    if (rep->error_line)
        fprintf(stderr, "lanyard import: %s:%zu: %s\n", file, rep->error_line, rep->error);
    else
        fprintf(stderr, "lanyard import: %s: %s\n", file, rep->error);
}

int cmd_import(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    const char *db;
    int usage = cli_parse_lone_option("import", argc, argv, "db", &db);
    if (usage != 0)
        return usage;
    if (argc - optind != 2)
        return cli_usage_error("import", "expected 'guests' or 'programs' and a FILE");
    const char *what = argv[optind], *file = argv[optind + 1];
    ImportKind kind;
    if (!strcmp(what, "guests"))
        kind = IMPORT_GUESTS;
    else if (!strcmp(what, "programs"))
        kind = IMPORT_PROGRAMS;
    else
        return cli_usage_error("import", "'%s' is neither 'guests' nor 'programs'", what);
    if (!db)
        return cli_usage_error("import", "--db DB is required");

    size_t raw_len = 0;
    char *raw = file_read(file, &raw_len);
    if (!raw) {
        fprintf(stderr, "lanyard import: cannot read %s: %s\n", file, file_strerror(errno));
        return 1;
    }
    ImportReport rep;
    import_report_init(&rep, file);
    int status = 1;
    Store *s = NULL;
    ImportData d;
    visit_import_init(&d, kind);
    if (visit_import_parse(raw, raw_len, &d, &rep) != 0) {
        print_failure(&rep, file);
        fputs("lanyard import: nothing was imported.\n", stderr);
        goto out;
    }
    s = cli_store_open("import", db, STORE_OPEN_CREATE);
    if (!s)
        goto out;
    if (visit_import_apply(s, &d, &rep, time_now_ms()) != 0) {
        fprintf(stderr, "lanyard import: %s\nlanyard import: nothing was imported.\n", rep.error);
        goto out;
    }
    import_report_print(&rep, stdout);
    status = 0;
out:
    store_close(s);
    visit_import_free(&d);
    import_report_free(&rep);
    free(raw);
    return status;
}
