/* import_programs.c — in progress. */
