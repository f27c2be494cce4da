/* cli.c — what the subcommands share: help, usage errors, opening the database
 * and loading event.ini, with messages a staff member can act on. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/event_config.h"
#include "store/store.h"

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

int cli_event_config(const char *dir, EventConfig *cfg)
{
    config_defaults(cfg);
    if (!dir)
        return 0;
    ConfigDiagnostics diag = {0};
    int rc = config_load_dir(cfg, dir, &diag);
    char file[CONFIG_STR + 16];
    snprintf(file, sizeof file, "%s/event.ini", dir);
    config_print_diagnostics(&diag, file, stderr);
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
