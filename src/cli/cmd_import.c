/* cmd_import.c — in progress. */
