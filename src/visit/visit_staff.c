/* visit_staff.c — staff's actions: the PIN and its lock-out, the guest
 * lookup, undo, reprint and the test badge. See visit_staff.h. The dashboard
 * is in visit_dashboard.c, Export to USB in visit_export.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pin.h"
#include "core/text.h"
#include "store/store_keys.h"
#include "visit/visit_internal.h"

/* ---- the PIN's lock-out, kept in the store's settings ---- */

static StoreStatus get_i64(Store *s, const char *key, int64_t *out)
{
    char *val = NULL;
    StoreStatus st = store_setting_get(s, key, &val);
    *out = 0;
    if (st == STORE_NOT_FOUND)
        return STORE_OK;
    if (st != STORE_OK)
        return st;
    if (val && sscanf(val, "%" SCNd64, out) != 1)
        *out = 0;
    free(val);
    return STORE_OK;
}

static void lock_load(Visit *v)
{
    Store *s = v->env.store;
    int64_t failures = 0, until = 0;
    StoreStatus st = get_i64(s, KEY_PIN_FAILURES, &failures);
    if (st == STORE_OK)
        st = get_i64(s, KEY_PIN_LOCKED_UNTIL, &until);
    v->lock_ok = st == STORE_OK;
    if (!v->lock_ok) {
        visit_store_failed(v, "cannot read the staff PIN lock-out");
        return;
    }
    lockout_restore(&v->lock, failures, until, visit_now(v));
}

static void lock_save(Visit *v)
{
    Store *s = v->env.store;
    char val[32];
    snprintf(val, sizeof val, "%d", v->lock.failures);
    StoreStatus st = store_setting_set(s, KEY_PIN_FAILURES, val);
    if (st == STORE_OK) {
        snprintf(val, sizeof val, "%" PRId64, v->lock.locked_until);
        st = store_setting_set(s, KEY_PIN_LOCKED_UNTIL, val);
    }
    if (st != STORE_OK)
        visit_store_failed(v, "cannot save the staff PIN lock-out");
}

static VisitPin pin_of(LockOutState st)
{
    return st == LOCKOUT_LOCKED ? VISIT_PIN_LOCKED
           : st == LOCKOUT_WAIT ? VISIT_PIN_WAIT
                                : VISIT_PIN_OPEN;
}

VisitPin visit_pin_open(Visit *v)
{
    lock_load(v);
    if (!v->env.cfg->pin_hash[0])
        return VISIT_PIN_NONE;
    if (!v->lock_ok)
        return VISIT_PIN_ERROR;
    return visit_pin_state(v, NULL) == VISIT_PIN_LOCKED ? VISIT_PIN_LOCKED : VISIT_PIN_OPEN;
}

VisitPin visit_pin_try(Visit *v, const char *pin)
{
    const char *hash = v->env.cfg->pin_hash;
    /* A demo window may be explored without a PIN; a real kiosk may not. */
    if (!hash[0])
        return v->env.demo ? VISIT_PIN_OK : VISIT_PIN_NONE;
    if (!v->lock_ok) {
        lock_load(v);
        if (!v->lock_ok)
            return VISIT_PIN_ERROR;
    }
    int64_t now = visit_now(v);
    VisitPin state = pin_of(lockout_state(&v->lock, now, NULL));
    if (state != VISIT_PIN_OPEN || !*pin)
        return state;
    bool ok = pin_verify(pin, hash);
    if (ok)
        lockout_passed(&v->lock);
    else
        lockout_failed(&v->lock, now);
    lock_save(v);
    if (ok)
        return VISIT_PIN_OK;
    return lockout_state(&v->lock, now, NULL) == LOCKOUT_LOCKED ? VISIT_PIN_LOCKED
                                                                : VISIT_PIN_WRONG;
}

VisitPin visit_pin_state(const Visit *v, int64_t *remaining_ms)
{
    return pin_of(lockout_state(&v->lock, visit_now(v), remaining_ms));
}

int visit_pin_tries_left(const Visit *v)
{
    int left = LOCKOUT_FREE_TRIES - v->lock.failures;
    return left > 0 ? left : 0;
}

bool visit_is_demo(const Visit *v)
{
    return v->env.demo;
}

/* ---- a guest as staff see them ---- */

void visit_record_init(GuestRecord *r)
{
    memset(r, 0, sizeof *r);
    guest_init(&r->g);
}

void visit_record_clear(GuestRecord *r)
{
    guest_clear(&r->g);
    r->checked_in = r->badge_printed = false;
    r->checked_in_at = 0;
}

/* The active check-ins of the guests in list (by id). */
typedef struct AttendScan {
    GuestRecord *list;
    size_t n;
} AttendScan;

static int scan_attendance(const AttendanceRow *r, void *ud)
{
    AttendScan *a = ud;
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->list[i].g.id, r->guest->id) != 0)
            continue;
        a->list[i].checked_in = true;
        a->list[i].checked_in_at = r->checked_in_at;
        a->list[i].badge_printed = r->badge_printed;
    }
    return 0;
}

/* Fills the check-in and badge state of the guests in list. */
static StoreStatus attendance_of(Store *s, GuestRecord *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        list[i].checked_in = false;
        list[i].checked_in_at = 0;
        list[i].badge_printed = false;
    }
    AttendScan a = {list, n};
    return n ? store_each_attendance(s, scan_attendance, &a) : STORE_OK;
}

int visit_lookup(Visit *v, const char *query, GuestRecord out[VISIT_LOOKUP_MAX], size_t *n,
                 bool *more)
{
    Store *s = v->env.store;
    *n = 0;
    *more = false;
    if (text_codepoints(query) < SEARCH_MIN_QUERY)
        return 0;
    StoreStatus st = store_guest_by_code(s, query, &out[0].g);
    if (st == STORE_OK)
        *n = 1;
    else if (st != STORE_NOT_FOUND)
        return visit_store_failed(v, "staff lookup");
    SearchResult res[SEARCH_MAX_RESULTS];
    size_t nres = search_query(v->ix, query, res);
    for (size_t i = 0; i < nres; i++) {
        if (*n && !strcmp(res[i].guest_id, out[0].g.id))
            continue;
        st = store_guest_get(s, res[i].guest_id, &out[*n].g);
        if (st == STORE_NOT_FOUND)
            continue;
        if (st != STORE_OK)
            return visit_store_failed(v, "staff lookup");
        (*n)++;
    }
    *more = nres == SEARCH_MAX_RESULTS;
    if (attendance_of(s, out, *n) != STORE_OK)
        return visit_store_failed(v, "staff lookup");
    return 0;
}

int visit_record_read(Visit *v, const char *guest_id, GuestRecord *out)
{
    Store *s = v->env.store;
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", guest_id); /* guest_id may be out->g.id */
    if (store_guest_get(s, id, &out->g) != STORE_OK || attendance_of(s, out, 1) != STORE_OK)
        return visit_store_failed(v, "cannot read the guest");
    return 0;
}

/* ---- undo, reprint, test badge ---- */

int visit_undo(Visit *v, const char *guest_id)
{
    if (store_checkin_undo(v->env.store, guest_id, v->env.cfg->kiosk_id, visit_now(v)) != STORE_OK)
        return visit_store_failed(v, "undo check-in");
    visit_changed(v);
    return 0;
}

bool visit_prints(const Visit *v)
{
    return v->env.printer.print != NULL;
}

int visit_reprint(Visit *v, const char *guest_id)
{
    if (!v->env.printer.reprint) {
        visit_fail(v, "this kiosk does not print badges");
        return -1;
    }
    if (v->env.printer.reprint(v->env.printer.ud, guest_id) != 0) {
        visit_fail(v, "out of memory");
        return -1;
    }
    return 0;
}

int visit_test_badge(Visit *v, TestBadge *out)
{
    memset(out, 0, sizeof *out);
    if (!v->env.printer.test_badge) {
        snprintf(out->error, sizeof out->error, "this kiosk does not print badges");
        return -1;
    }
    if (v->env.printer.test_badge(v->env.printer.ud, visit_now(v), out) != 0) {
        visit_fail(v, "test badge: %s", out->error);
        return -1;
    }
    return 0;
}
