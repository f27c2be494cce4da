/* export.c — in progress. */
