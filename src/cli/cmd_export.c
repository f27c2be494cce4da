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

/* What the command line asks for. */
typedef struct ExportArgs {
    const char *db, *out;
    bool excel;
    ExportKind kind;
} ExportArgs;

/* Reads the command line into a; 0, or the exit status of a usage error. */
static int export_args(int argc, char **argv, ExportArgs *a)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"excel", no_argument, NULL, 'x'},
                                         {0}};
    *a = (ExportArgs){0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'd')
            a->db = optarg;
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'x')
            a->excel = true;
        else
            return cli_usage_error("export", "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    if (argc - optind != 1)
        return cli_usage_error("export", "expected 'attendance' or 'followup'");
    if (!strcmp(argv[optind], "attendance"))
        a->kind = EXPORT_ATTENDANCE;
    else if (!strcmp(argv[optind], "followup"))
        a->kind = EXPORT_FOLLOWUP;
    else
        return cli_usage_error("export", "'%s' is neither 'attendance' nor 'followup'",
                               argv[optind]);
    if (!a->db)
        return cli_usage_error("export", "--db DB is required");
    return 0;
}

/* A file is written next to its final name and renamed into place, so a
 * failed export never leaves half a file where a good one was. Opens that
 * temporary file, its name in *tmp (malloc'd); NULL when it cannot. */
static FILE *open_temp(const char *out, char **tmp)
{
    size_t n = strlen(out) + 16;
    *tmp = malloc(n);
    if (!*tmp)
        return NULL;
    snprintf(*tmp, n, "%s.tmpXXXXXX", out);
    int fd = mkstemp(*tmp);
    if (fd >= 0) { /* mkstemp makes 0600; an export is an ordinary file */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        fprintf(stderr, "lanyard export: cannot write %s: %s\n", out, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

/* Writes the export to f (standard output when to_stdout); 0, or 1 after
 * saying what failed. */
static int write_export(Store *s, FILE *f, const ExportArgs *a, bool to_stdout)
{
    Exporter *e = export_begin(f, a->kind, a->excel);
    StoreStatus st = e ? store_export(s, a->kind, e) : STORE_ERROR;
    int werr = e ? export_end(e) : ENOMEM;
    if (st != STORE_OK) {
        fprintf(stderr, "lanyard export: %s\n", store_errmsg(s));
        return 1;
    }
    if (werr || fflush(f) != 0 || (!to_stdout && fsync(fileno(f)) != 0)) {
        fprintf(stderr, "lanyard export: cannot write %s: %s\n", to_stdout ? "output" : a->out,
                strerror(werr ? werr : errno));
        return 1;
    }
    return 0;
}

/* Closes the temporary file and renames it into place when the export so far
 * went well (status 0), else removes it. Returns the final status. */
static int finish_temp(FILE *f, char *tmp, const char *out, int status)
{
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
    return status;
}

int cmd_export(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    ExportArgs a;
    int rc = export_args(argc, argv, &a);
    if (rc != 0)
        return rc;

    bool to_stdout = !a.out || !strcmp(a.out, "-");
    if (!to_stdout && is_database(a.out, a.db)) {
        fprintf(stderr, "lanyard export: %s is a database; an export never replaces one\n", a.out);
        return 1;
    }
    Store *s = cli_store_open("export", a.db, STORE_OPEN_READONLY);
    if (!s)
        return 1;
    char *tmp = NULL;
    FILE *f = stdout;
    if (!to_stdout && !(f = open_temp(a.out, &tmp))) {
        store_close(s);
        return 1;
    }
    int status = write_export(s, f, &a, to_stdout);
    if (!to_stdout)
        status = finish_temp(f, tmp, a.out, status);
    store_close(s);
    return status;
}
