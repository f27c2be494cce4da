/* main.c — `lanyard`: dispatches to the subcommands of src/cli/. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ids.h"

static const CliCommand COMMANDS[] = {
    {"run", "the kiosk (fullscreen; --windowed for demos)", cmd_run},
    {"import", "import a guests or programs CSV and print its report", cmd_import},
    {"checkin", "check a guest in from the command line", cmd_checkin},
    {"export", "write attendance.csv or followup.csv", cmd_export},
    {"badge", "render a guest's badge to PNG or PDF", cmd_badge},
    {"print", "print a guest's badge through CUPS", cmd_print},
    {"merge", "merge kiosk databases into one", cmd_merge},
    {"stats", "counts for a quick look", cmd_stats},
    {"set-pin", "set the staff PIN of an event", cmd_set_pin},
};
static const size_t NCOMMANDS = sizeof COMMANDS / sizeof COMMANDS[0];

static void usage(FILE *out)
{
    fputs("Usage: lanyard COMMAND [OPTIONS]\n"
          "A touchscreen check-in kiosk for CTE partner events.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-9s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\n`lanyard COMMAND --help` describes one command.\n"
          "Exit status: 0 success, 1 failure, 2 bad usage.\n",
          out);
}

/* What a command prints (an attendance id, a report) is its result: a command
 * whose output could not be written (a full disk, a closed pipe) fails. One
 * that failed already has said why. */
static int finish(const char *cmd, int status)
{
    errno = 0;
    if (status == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "lanyard %s: cannot write the output: %s\n", cmd,
                strerror(errno ? errno : EIO));
        return 1;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (ids_init() != 0) {
        fputs("lanyard: cannot initialise the random number generator\n", stderr);
        return 1;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(argv[1], COMMANDS[i].name))
            return finish(COMMANDS[i].name, COMMANDS[i].run(argc - 1, argv + 1));
    fprintf(stderr, "lanyard: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
