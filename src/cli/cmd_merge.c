/* cmd_merge.c — `lanyard merge --into OUT.db IN.db...`: brings several kiosks'
 * databases together (SPEC §6). Each input is merged in its own transaction, so
 * a bad input, or one of another event than OUT.db's, is reported and the
 * others still merge. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/event_ident.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard merge [--any-event] --into OUT.db IN.db...\n"
    "Merges kiosk databases into OUT.db (created if missing). Merging is idempotent\n"
    "and order-independent: merging the same input twice changes nothing, and a\n"
    "guest checked in on two kiosks counts once, at the earliest time.\n\n"
    "A kiosk's database records its event: the name and date of its event.ini.\n"
    "An input of another event than OUT.db's is not merged: it is named, with both\n"
    "events, the other inputs still merge, and the exit status is 1. OUT.db is of\n"
    "the event it records, or when it records none (a new OUT.db) of the first\n"
    "input's that records one. An input that records no event (from an older\n"
    "kiosk, or made by `lanyard import`) merges, and the command says so.\n\n"
    "  --into OUT.db   the database that receives the data\n"
    "  --any-event     merge inputs of another event all the same\n";

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

/* What a merge assumed or changed about events, on stderr beside its report. */
static void say_events(const char *into, const char *in, const MergeReport *rep)
{
    char a[600], b[600];
    event_ident_describe(&rep->in_event, a, sizeof a);
    event_ident_describe(&rep->out_event, b, sizeof b);
    if (rep->event_taken)
        fprintf(stderr, "lanyard merge: %s is now of the event %s, as %s is\n", into, a, in);
    else if (!rep->in_has_event && rep->out_has_event)
        fprintf(stderr,
                "lanyard merge: %s records no event (an older kiosk's, or made by `lanyard "
                "import`): merged as part of %s's event, %s\n",
                in, into, b);
    else if (!rep->in_has_event)
        fprintf(stderr, "lanyard merge: neither %s nor %s records an event: merged\n", in, into);
    else if (!event_ident_same(&rep->in_event, &rep->out_event))
        fprintf(stderr, "lanyard merge: %s is of the event %s, not %s's %s: merged (--any-event)\n",
                in, a, into, b);
}

int cmd_merge(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    static const struct option opts[] = {
        {"into", required_argument, NULL, 'i'},
        {"any-event", no_argument, NULL, 'a'},
        {0},
    };
    const char *into = NULL;
    unsigned flags = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'i')
            into = optarg;
        else if (c == 'a')
            flags |= STORE_MERGE_ANY_EVENT;
        else
            return cli_usage_error("merge", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
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
        StoreStatus ms = store_merge(s, argv[i], flags, &rep);
        if (ms == STORE_OTHER_EVENT) {
            fprintf(stderr, "lanyard merge: %s (--any-event merges it all the same)\n",
                    store_errmsg(s));
            status = 1;
            continue;
        }
        if (ms != STORE_OK) {
            fprintf(stderr, "lanyard merge: %s\n", store_errmsg(s));
            status = 1;
            continue;
        }
        merged++;
        printf("%s: %zu guests added, %zu matched, %zu check-ins, %zu interests, "
               "%zu audit records added\n",
               argv[i], rep.guests_added, rep.guests_matched, rep.attendance_added,
               rep.interests_added, rep.audit_added);
        say_events(into, argv[i], &rep);
    }
    store_close(s);
    /* An output made by this run that received nothing is only an empty file
     * someone could take for the merged one. */
    if (!existed && merged == 0)
        remove_made(into);
    return status;
}
