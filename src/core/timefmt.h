/* timefmt.h — the one representation of time: int64 milliseconds since the
 * Unix epoch (UTC). Callers pass the current time in; nothing here reads a clock
 * except time_now_ms(), which only the platform edge and the CLI call. */
#ifndef LANYARD_TIMEFMT_H
#define LANYARD_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int64_t time_now_ms(void);
/* This boot's id (Linux's /proc/sys/kernel/random/boot_id), which
 * time_monotonic_ms counts from; "" when it cannot be read. */
void time_boot_id(char *out, size_t len);

/* Milliseconds of a clock that never steps (CLOCK_MONOTONIC), for timers,
 * retries and measurements: never for a time that is recorded. */
int64_t time_monotonic_ms(void);

/* "2026-08-20T17:03:12.345Z" (24 chars + NUL); sorts as text. */
void time_format_utc(int64_t ms, char out[32]);

/* Parses the format above; false when malformed. */
bool time_parse_utc(const char *s, int64_t *ms);

/* "2026-08-20 10:03:12" in the local time zone (TZ), for exports. */
void time_format_local(int64_t ms, char out[32]);
/* "10:03", the local time of day of the same (an event is one day). */
void time_format_local_hm(int64_t ms, char out[32]);

/* A calendar date written YYYY-MM-DD (event.ini's date), from 1970 on: true
 * and its year, month (1-12) and day; false when s is not one ("2026-02-30").
 * Any of y, m, d may be NULL. */
bool time_parse_date(const char *s, int *y, int *m, int *d);

#endif
