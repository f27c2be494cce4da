/* ids.c — in progress. */
