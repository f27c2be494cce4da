/* cmd_export.c — in progress. */
