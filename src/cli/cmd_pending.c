/* cmd_pending.c — subcommands whose layer is not in this build yet. Each layer
 * removes its entry here when it adds its own cmd_*.c. */
#include <stdio.h>

#include "cli/cli.h"

static int pending(const char *name)
{
    fprintf(stderr, "lanyard %s: not available in this build\n", name);
    return 1;
}

int cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return pending("run");
}
