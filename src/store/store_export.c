/* store_export.c — in progress. */
