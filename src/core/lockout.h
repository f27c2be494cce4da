/* lockout.h — the staff PIN's lock-out schedule (SPEC §5): plain arithmetic
 * over a LockOut, with the time passed in.
 *
 * Wrong PINs closer together than LOCKOUT_THROTTLE_MS are not even checked;
 * after LOCKOUT_FREE_TRIES wrong PINs in a row the pad is locked for
 * LOCKOUT_FIRST_MS, each further wrong PIN doubling it up to LOCKOUT_MAX_MS.
 * Times are on the clock passed in: the kiosk passes its monotonic clock, so
 * a wall clock stepped at boot neither ends nor stretches a lock-out. Keeping
 * it across restarts is the visit layer's (visit_pin_*). */
#ifndef LANYARD_LOCKOUT_H
#define LANYARD_LOCKOUT_H

#include <stdint.h>

#define LOCKOUT_THROTTLE_MS 1000
#define LOCKOUT_FREE_TRIES 5
#define LOCKOUT_FIRST_MS 60000
#define LOCKOUT_MAX_MS (60 * 60000)
/* Failures are counted up to this, so a stored count is always an int. */
#define LOCKOUT_MAX_FAILURES 1000000

typedef struct LockOut {
    int failures;         /* wrong PINs since the last right one */
    int64_t locked_until; /* ms; 0 when not locked */
    int64_t next_try;     /* ms before which a try is refused (throttle) */
} LockOut;

typedef enum LockOutState {
    LOCKOUT_OPEN,   /* a PIN may be tried */
    LOCKOUT_WAIT,   /* too soon after a wrong PIN */
    LOCKOUT_LOCKED, /* locked out */
} LockOutState;

/* How long a lock-out lasts after this many wrong PINs in a row (0: none). */
int64_t lockout_duration(int failures);
/* Whether a PIN may be tried at now; *remaining_ms (may be NULL) gets how long
 * until it may. */
LockOutState lockout_state(const LockOut *l, int64_t now, int64_t *remaining_ms);
void lockout_failed(LockOut *l, int64_t now);
void lockout_passed(LockOut *l);
/* A lock-out read back from storage: a count clamped to [0, max], and an end
 * further ahead than the longest lock-out (a clock that was set back)
 * shortened to the one its count deserves from now. */
void lockout_restore(LockOut *l, int64_t failures, int64_t locked_until, int64_t now);

#endif
