/* import.c — in progress. */
