/* cmd_set_pin.c — `lanyard set-pin --event DIR`: asks for a new staff PIN and
 * writes only its salted hash into the event's event.ini. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/event_config.h"
#include "core/pin.h"

static const char HELP[] =
    "Usage: lanyard set-pin --event DIR\n"
    "Sets the staff PIN (6 to 12 digits) that opens staff mode on the kiosk.\n"
    "The PIN is read from the terminal (asked twice, not shown) or from the first\n"
    "line of standard input; only a salted slow hash is written to DIR/event.ini,\n"
    "which is then readable by its owner and group only.\n";

/* Reads one line into buf without its newline; echo off on a terminal. */
static int read_line(const char *prompt, bool tty, char *buf, size_t len)
{
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(buf, (int)len, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

int cmd_set_pin(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    const char *dir;
    int usage = cli_parse_lone_option("set-pin", argc, argv, "event", &dir);
    if (usage != 0)
        return usage;
    if (optind < argc)
        return cli_usage_error("set-pin", "unexpected argument '%s'", argv[optind]);
    if (!dir)
        return cli_usage_error("set-pin", "--event DIR is required");
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "lanyard set-pin: %s is not an event folder\n", dir);
        return 1;
    }

    bool tty = isatty(STDIN_FILENO);
    char pin[64], again[64];
    if (read_line("New staff PIN (6-12 digits): ", tty, pin, sizeof pin) != 0) {
        fputs("lanyard set-pin: no PIN given\n", stderr);
        return 1;
    }
    if (!pin_is_valid(pin)) {
        fprintf(stderr, "lanyard set-pin: a PIN is %d to %d digits\n", PIN_MIN_DIGITS,
                PIN_MAX_DIGITS);
        return 1;
    }
    if (tty && (read_line("Again: ", tty, again, sizeof again) != 0 || strcmp(pin, again))) {
        fputs("lanyard set-pin: the two PINs differ; nothing changed\n", stderr);
        return 1;
    }
    char hash[PIN_HASH_MAX];
    int rc = pin_hash(pin, hash);
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    if (rc != 0) {
        fputs("lanyard set-pin: out of memory while hashing the PIN\n", stderr);
        return 1;
    }
    if (config_write_key(dir, "staff", "pin_hash", hash) != 0) {
        fprintf(stderr, "lanyard set-pin: cannot write %s/event.ini: %s\n", dir, strerror(errno));
        return 1;
    }
    printf("Staff PIN set in %s/event.ini\n", dir);
    return 0;
}
