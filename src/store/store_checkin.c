/* store_checkin.c — in progress. */
