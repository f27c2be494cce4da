/* cmd_pending.c — subcommands whose layer is not in this build yet. Each layer
 * removes its entry here when it adds its own cmd_*.c; all have landed. */
