/* text.c — in progress. */
