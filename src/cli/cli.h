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

struct Store;
struct EventConfig;

/* Opens a database for a subcommand; prints the reason to stderr and returns
 * NULL when it cannot. flags: STORE_OPEN_* from store/store.h. */
struct Store *cli_store_open(const char *cmd, const char *path, unsigned flags);

/* Loads DIR/event.ini when dir is given, else the defaults; prints warnings and
 * errors with their line numbers. Returns 0, or -1 on a bad value. */
int cli_event_config(const char *dir, struct EventConfig *cfg);
/* The same, with what reading it found in diag as well. */
struct ConfigDiagnostics;
int cli_event_config_diag(const char *dir, struct EventConfig *cfg, struct ConfigDiagnostics *diag);

/* The event settings for a command given --db and maybe --event: DIR/event.ini
 * when dir is given; otherwise the event folder the database was last run with
 * (`lanyard run` remembers it), said on stderr; else the defaults. */
int cli_event_config_for_db(const char *cmd, const char *dir, const char *db,
                            struct EventConfig *cfg);

/* Prints "lanyard CMD: message" to stderr plus a hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* Parses argv for a command whose only option is --NAME VALUE (import and stats
 * take --db, merge --into, set-pin --event): *value is its value or NULL, and
 * optind is left at the first operand. 0, or EXIT_USAGE after naming an
 * unknown option. */
int cli_parse_lone_option(const char *cmd, int argc, char **argv, const char *name,
                          const char **value);

/* The options of the commands that act on one guest's badge: the database, the
 * guest by --code or --guest, the event folder, and one option of the command's
 * own that takes a value (badge's --out, print's --printer). */
typedef struct CliGuestArgs {
    const char *db, *code, *guest, *event;
    const char *own; /* the value of the command's own option, or NULL */
} CliGuestArgs;

/* Parses argv into a (own_option: the long name of the command's own option).
 * Requires --db and exactly one of --code and --guest. 0, or EXIT_USAGE after
 * saying what is wrong. */
int cli_parse_guest_args(const char *cmd, int argc, char **argv, const char *own_option,
                         CliGuestArgs *a);

#endif
