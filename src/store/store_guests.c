/* store_guests.c — in progress. */
