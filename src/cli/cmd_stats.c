/* cmd_stats.c — `lanyard stats --db DB`: counts for a quick look. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/event_ident.h"
#include "core/timefmt.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard stats --db DB\n"
    "Prints the event the database is of (the name and date of event.ini the\n"
    "kiosk ran it with; \"none recorded\" for older files and imports), then guest,\n"
    "check-in and interest counts: pre-registered guests checked in of those\n"
    "expected, walk-ins apart, and everyone present (the rows of attendance.csv).\n";

int cmd_stats(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    const char *db;
    int usage = cli_parse_lone_option("stats", argc, argv, "db", &db);
    if (usage != 0)
        return usage;
    if (optind < argc)
        return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cli_usage_error("stats", "--db DB is required");
    Store *s = cli_store_open("stats", db, STORE_OPEN_READONLY);
    if (!s)
        return 1;
    StoreStats st;
    if (store_stats(s, &st) != STORE_OK) {
        fprintf(stderr, "lanyard stats: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    /* Which event the file is of, for whoever is about to merge it. */
    EventIdent ev;
    StoreStatus est = store_event_get(s, &ev);
    if (est != STORE_OK && est != STORE_NOT_FOUND) {
        fprintf(stderr, "lanyard stats: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    char event[600] = "none recorded";
    if (est == STORE_OK)
        event_ident_describe(&ev, event, sizeof event);
    printf("event:          %s\n", event);
    /* The staff dashboard's figures and the exports' rows, by store_stats. */
    printf("guests:         %zu (%zu pre-registered)\n", st.guests, st.expected);
    printf("checked in:     %zu of %zu expected\n", st.registered_in, st.expected);
    printf("walk-ins:       %zu\n", st.walk_ins);
    printf("total present:  %zu\n", st.checked_in);
    printf("undone:         %zu\n", st.undone);
    printf("programs:       %zu\n", st.programs);
    printf("interests:      %zu\n", st.interests);
    if (st.first_checkin) {
        char a[32], b[32];
        time_format_local(st.first_checkin, a);
        time_format_local(st.last_checkin, b);
        printf("first / last:   %s / %s\n", a, b);
    }
    store_close(s);
    return 0;
}
