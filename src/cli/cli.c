/* cli.c — in progress. */
