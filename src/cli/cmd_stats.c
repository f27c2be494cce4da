/* cmd_stats.c — in progress. */
