/* import_guests.c — in progress. */
