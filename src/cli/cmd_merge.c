/* cmd_merge.c — `lanyard merge --into OUT.db IN.db...`: brings several kiosks'
 * databases together (SPEC §6). Each input is merged in its own transaction, so
 * a bad input is reported and the others still merge. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard merge --into OUT.db IN.db...\n"
    "Merges kiosk databases into OUT.db (created if missing). Merging is idempotent\n"
    "and order-independent: merging the same input twice changes nothing, and a\n"
    "guest checked in on two kiosks counts once, at the earliest time.\n\n"
    "  --into OUT.db   the database that receives the data\n";

/* Removes a database this run created, with the log files beside it. */
static void remove_made(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        if (unlink(p) != 0 && errno != ENOENT)
            fprintf(stderr, "lanyard merge: cannot remove %s: %s\n", p, strerror(errno));
    }
}

int cmd_merge(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    const char *into;
    int usage = cli_parse_lone_option("merge", argc, argv, "into", &into);
    if (usage != 0)
        return usage;
    if (!into)
        return cli_usage_error("merge", "--into OUT.db is required");
    if (optind >= argc)
        return cli_usage_error("merge", "name at least one database to merge");

    struct stat st;
    bool existed = stat(into, &st) == 0;
    Store *s = cli_store_open("merge", into, STORE_OPEN_CREATE);
    if (!s)
        return 1;
    int status = 0, merged = 0;
    for (int i = optind; i < argc; i++) {
        MergeReport rep = {0};
        if (store_merge(s, argv[i], &rep) != STORE_OK) {
            fprintf(stderr, "lanyard merge: %s\n", store_errmsg(s));
            status = 1;
            continue;
        }
        merged++;
        printf("%s: %zu guests added, %zu matched, %zu check-ins, %zu interests, "
               "%zu audit records added\n",
               argv[i], rep.guests_added, rep.guests_matched, rep.attendance_added,
               rep.interests_added, rep.audit_added);
    }
    store_close(s);
    /* An output made by this run that received nothing is only an empty file
     * someone could take for the merged one. */
    if (!existed && merged == 0)
        remove_made(into);
    return status;
}
