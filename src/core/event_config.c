/* event_config.c — in progress. */
