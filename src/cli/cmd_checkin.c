/* cmd_checkin.c — in progress. */
