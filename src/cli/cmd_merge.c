/* cmd_merge.c — in progress. */
