/* store.c — in progress. */
