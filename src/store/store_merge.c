/* store_merge.c — in progress. */
