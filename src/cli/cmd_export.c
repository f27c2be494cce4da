/* cmd_export.c — `lanyard export attendance|followup`: writes an export
 * (SPEC §7) to a file, atomically, or to stdout. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/export.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard export attendance|followup --db DB [--out FILE] [--excel]\n"
    "Writes a CSV (RFC 4180, UTF-8, CRLF).\n\n"
    "attendance: one row per guest checked in, with their interests.\n"
    "followup:   one row per (guest, program) interest; contact details only\n"
    "            where the guest agreed to be contacted.\n\n"
    "  --db DB     the database (opened read-only)\n"
    "  --out FILE  where to write; '-' or none: standard output\n"
    "  --excel     start with a byte-order mark so Excel shows accents right\n";

static int write_attendance(const AttendanceRow *r, void *ud)
{
    export_attendance_row(ud, r);
    return 0;
}

static int write_followup(const FollowupRow *r, void *ud)
{
    export_followup_row(ud, r);
    return 0;
}

/* True when path is the database being exported or any other SQLite file (a
 * kiosk's database): a mistyped --out must not replace the event's data. */
static bool is_database(const char *path, const char *db)
{
    struct stat a, b;
    if (stat(path, &a) != 0)
        return false;
    if (stat(db, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return true;
    char head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool sqlite = fread(head, 1, sizeof head, f) == sizeof head &&
                  memcmp(head, "SQLite format 3", sizeof head) == 0;
    fclose(f);
    return sqlite;
}

int cmd_export(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"excel", no_argument, NULL, 'x'},
                                         {0}};
    const char *db = NULL, *out = NULL;
    bool excel = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'o')
            out = optarg;
        else if (c == 'x')
            excel = true;
        else
            return cli_usage_error("export", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    if (argc - optind != 1)
        return cli_usage_error("export", "expected 'attendance' or 'followup'");
    ExportKind kind;
    if (!strcmp(argv[optind], "attendance"))
        kind = EXPORT_ATTENDANCE;
    else if (!strcmp(argv[optind], "followup"))
        kind = EXPORT_FOLLOWUP;
    else
        return cli_usage_error("export", "'%s' is neither 'attendance' nor 'followup'",
                               argv[optind]);
    if (!db)
        return cli_usage_error("export", "--db DB is required");

    bool to_stdout = !out || !strcmp(out, "-");
    if (!to_stdout && is_database(out, db)) {
        fprintf(stderr, "lanyard export: %s is a database; an export never replaces one\n", out);
        return 1;
    }
    Store *s = cli_store_open("export", db, STORE_OPEN_READONLY);
    if (!s)
        return 1;

    /* A file is written next to its final name and renamed into place, so a
     * failed export never leaves half a file where a good one was. */
    char *tmp = NULL;
    FILE *f = stdout;
    if (!to_stdout) {
        size_t n = strlen(out) + 16;
        tmp = malloc(n);
        if (!tmp) {
            store_close(s);
            return 1;
        }
        snprintf(tmp, n, "%s.tmpXXXXXX", out);
        int fd = mkstemp(tmp);
        if (fd >= 0) { /* mkstemp makes 0600; an export is an ordinary file */
            mode_t mask = umask(0);
            umask(mask);
            fchmod(fd, 0666 & ~mask);
        }
        f = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!f) {
            fprintf(stderr, "lanyard export: cannot write %s: %s\n", out, strerror(errno));
            if (fd >= 0)
                close(fd);
            free(tmp);
            store_close(s);
            return 1;
        }
    }

    int status = 0;
    Exporter *e = export_begin(f, kind, excel);
    StoreStatus st = !e                          ? STORE_ERROR
                     : kind == EXPORT_ATTENDANCE ? store_each_attendance(s, write_attendance, e)
                                                 : store_each_followup(s, write_followup, e);
    int werr = e ? export_end(e) : ENOMEM;
    if (st != STORE_OK) {
        fprintf(stderr, "lanyard export: %s\n", store_errmsg(s));
        status = 1;
    } else if (werr || fflush(f) != 0 || (!to_stdout && fsync(fileno(f)) != 0)) {
        fprintf(stderr, "lanyard export: cannot write %s: %s\n", to_stdout ? "output" : out,
                strerror(werr ? werr : errno));
        status = 1;
    }
    if (!to_stdout) {
        if (fclose(f) != 0 && status == 0) {
            fprintf(stderr, "lanyard export: cannot write %s: %s\n", out, strerror(errno));
            status = 1;
        }
        if (status == 0 && rename(tmp, out) != 0) {
            fprintf(stderr, "lanyard export: cannot write %s: %s\n", out, strerror(errno));
            status = 1;
        }
        if (status != 0)
            unlink(tmp);
        free(tmp);
    }
    store_close(s);
    return status;
}
