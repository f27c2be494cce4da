/* cli.h — the `lanyard` subcommands. Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the exit status: 0 success, 1 failure,
 * 2 bad usage (SPEC §8). Errors go to stderr, naming the file and line of bad
 * input where there is one. */
#ifndef LANYARD_CLI_H
#define LANYARD_CLI_H

#include <stdbool.h>

#define EXIT_USAGE 2

typedef struct CliCommand {
    const char *name;
    const char *summary; /* one line for `lanyard --help` */
    int (*run)(int argc, char **argv);
} CliCommand;

int cmd_run(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_checkin(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_badge(int argc, char **argv);
int cmd_print(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_set_pin(int argc, char **argv);

/* True when argv holds -h or --help; used by every subcommand. */
bool cli_wants_help(int argc, char **argv);

#endif
