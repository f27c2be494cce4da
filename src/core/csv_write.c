/* csv_write.c — in progress. */
