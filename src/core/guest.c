/* guest.c — in progress. */
