/* lockout.c — the staff PIN's lock-out schedule. See lockout.h. */
#include "core/lockout.h"

#include <string.h>

int64_t lockout_duration(int failures)
{
    if (failures < LOCKOUT_FREE_TRIES)
        return 0;
    int64_t d = LOCKOUT_FIRST_MS;
    for (int i = LOCKOUT_FREE_TRIES; i < failures && d < LOCKOUT_MAX_MS; i++)
        d *= 2;
    return d < LOCKOUT_MAX_MS ? d : LOCKOUT_MAX_MS;
}

LockOutState lockout_state(const LockOut *l, int64_t now, int64_t *remaining_ms)
{
    int64_t rem = 0;
    LockOutState st = LOCKOUT_OPEN;
    if (now < l->locked_until) {
        st = LOCKOUT_LOCKED;
        rem = l->locked_until - now;
    } else if (now < l->next_try) {
        st = LOCKOUT_WAIT;
        rem = l->next_try - now;
    }
    if (remaining_ms)
        *remaining_ms = rem;
    return st;
}

void lockout_failed(LockOut *l, int64_t now)
{
    if (l->failures < LOCKOUT_MAX_FAILURES)
        l->failures++;
    l->next_try = now + LOCKOUT_THROTTLE_MS;
    int64_t d = lockout_duration(l->failures);
    l->locked_until = d ? now + d : 0;
}

void lockout_passed(LockOut *l)
{
    memset(l, 0, sizeof *l);
}

void lockout_restore(LockOut *l, int64_t failures, int64_t locked_until, int64_t now)
{
    memset(l, 0, sizeof *l);
    l->failures = failures < 0                      ? 0
                  : failures > LOCKOUT_MAX_FAILURES ? LOCKOUT_MAX_FAILURES
                                                    : (int)failures;
    l->locked_until = locked_until;
    if (locked_until > now + LOCKOUT_MAX_MS)
        l->locked_until = now + lockout_duration(l->failures);
}
