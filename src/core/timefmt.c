/* timefmt.c — in progress. */
