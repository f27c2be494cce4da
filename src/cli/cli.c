/* cli.c — what the subcommands share: help, usage errors, opening the database
 * and loading event.ini, with messages a staff member can act on. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/event_config.h"
#include "store/store.h"
#include "store/store_keys.h"

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    }
    return false;
}

Store *cli_store_open(const char *cmd, const char *path, unsigned flags)
{
    char err[512];
    Store *s = NULL;
    if (store_open(path, flags, &s, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "lanyard %s: %s\n", cmd, err);
        return NULL;
    }
    return s;
}

int cli_event_config_diag(const char *dir, EventConfig *cfg, ConfigDiagnostics *diag)
{
    config_defaults(cfg);
    memset(diag, 0, sizeof *diag);
    if (!dir)
        return 0;
    int rc = config_load_dir(cfg, dir, diag);
    char file[CONFIG_STR + 16];
    snprintf(file, sizeof file, "%s/event.ini", dir);
    config_print_diagnostics(diag, file, stderr);
    return rc;
}

int cli_event_config(const char *dir, EventConfig *cfg)
{
    ConfigDiagnostics diag;
    return cli_event_config_diag(dir, cfg, &diag);
}

int cli_event_config_for_db(const char *cmd, const char *dir, const char *db, EventConfig *cfg)
{
    if (dir || !db)
        return cli_event_config(dir, cfg);
    char err[512];
    Store *s = NULL;
    char *remembered = NULL;
    if (store_open(db, STORE_OPEN_READONLY, &s, err, sizeof err) == STORE_OK)
        store_setting_get(s, KEY_EVENT_DIR, &remembered);
    store_close(s); /* the command itself reports a database it cannot open */
    struct stat st;
    if (!remembered || stat(remembered, &st) != 0 || !S_ISDIR(st.st_mode)) {
        free(remembered);
        return cli_event_config(NULL, cfg);
    }
    fprintf(stderr,
            "lanyard %s: using the settings of %s (the event this database was run "
            "with); --event DIR chooses another\n",
            cmd, remembered);
    int rc = cli_event_config(remembered, cfg);
    free(remembered);
    return rc;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "lanyard %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'lanyard %s --help'.\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_parse_lone_option(const char *cmd, int argc, char **argv, const char *name,
                          const char **value)
{
    const struct option opts[] = {{name, required_argument, NULL, 'v'}, {0}};
    *value = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'v')
            *value = optarg;
        else
            return cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    return 0;
}

int cli_parse_guest_args(const char *cmd, int argc, char **argv, const char *own_option,
                         CliGuestArgs *a)
{
    const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"code", required_argument, NULL, 'c'},
        {"guest", required_argument, NULL, 'g'},    {"event", required_argument, NULL, 'E'},
        {own_option, required_argument, NULL, 'o'}, {0},
    };
    memset(a, 0, sizeof *a);
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'c':
            a->code = optarg;
            break;
        case 'g':
            a->guest = optarg;
            break;
        case 'E':
            a->event = optarg;
            break;
        case 'o':
            a->own = optarg;
            break;
        default:
            return cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!a->db)
        return cli_usage_error(cmd, "--db DB is required");
    if ((a->code != NULL) == (a->guest != NULL))
        return cli_usage_error(cmd, "give exactly one of --code and --guest");
    return 0;
}
