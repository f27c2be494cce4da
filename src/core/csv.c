/* csv.c — in progress. */
