/* search.c — in progress. */
