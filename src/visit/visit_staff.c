/* visit_staff.c — staff's actions: the PIN and its lock-out, the guest
 * lookup, a guest's record, correcting a guest, checking them in, undo,
 * reprint and the test badge. See visit_staff.h. The dashboard
 * is in visit_dashboard.c, Export to USB in visit_export.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pin.h"
#include "core/text.h"
#include "core/timefmt.h"
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

/* The lock-out's clock: monotonic (see TimerPort). */
static int64_t lock_now(const Visit *v)
{
    const TimerPort *t = &v->env.timers;
    if (t->monotonic)
        return t->monotonic(t->ud);
    return v->env.clock.now ? visit_now(v) : time_monotonic_ms();
}

static void lock_boot(const Visit *v, char *out, size_t len)
{
    const TimerPort *t = &v->env.timers;
    out[0] = '\0';
    if (t->monotonic && t->boot_id)
        t->boot_id(t->ud, out, len);
    else if (!t->monotonic && !v->env.clock.now)
        time_boot_id(out, len);
}

/* How long the saved lock-out has still to run: on the monotonic clock when
 * it was saved in this boot (a stepped wall clock changes nothing), else by
 * the wall clock; never longer than the count of wrong PINs deserves (a wall
 * clock set back), never less than nothing (one set forward). */
static int64_t lock_remaining(Visit *v, int failures, int64_t until, int64_t until_mono,
                              const char *boot)
{
    char here[64];
    lock_boot(v, here, sizeof here);
    int64_t rem = here[0] && until_mono && !strcmp(boot, here) ? until_mono - lock_now(v)
                                                               : until - visit_now(v);
    int64_t most = lockout_duration(failures);
    return rem < 0 ? 0 : rem > most ? most : rem;
}

static void lock_load(Visit *v)
{
    Store *s = v->env.store;
    int64_t failures = 0, until = 0, until_mono = 0;
    char *boot = NULL;
    StoreStatus st = get_i64(s, KEY_PIN_FAILURES, &failures);
    if (st == STORE_OK)
        st = get_i64(s, KEY_PIN_LOCKED_UNTIL, &until);
    if (st == STORE_OK)
        st = get_i64(s, KEY_PIN_LOCKED_UNTIL_MONO, &until_mono);
    if (st == STORE_OK) {
        st = store_setting_get(s, KEY_PIN_LOCK_BOOT, &boot);
        if (st == STORE_NOT_FOUND)
            st = STORE_OK;
    }
    v->lock_ok = st == STORE_OK;
    if (!v->lock_ok) {
        free(boot);
        visit_store_failed(v, "cannot read the staff PIN lock-out");
        return;
    }
    int64_t now = lock_now(v);
    lockout_restore(&v->lock, failures, 0, now);
    int64_t rem = lock_remaining(v, v->lock.failures, until, until_mono, boot ? boot : "");
    v->lock.locked_until = rem ? now + rem : 0;
    free(boot);
}

static void lock_save(Visit *v)
{
    Store *s = v->env.store;
    int64_t now = lock_now(v), until = v->lock.locked_until;
    int64_t wall = until > now ? visit_now(v) + (until - now) : 0;
    char val[32], boot[64];
    lock_boot(v, boot, sizeof boot);
    snprintf(val, sizeof val, "%d", v->lock.failures);
    StoreStatus st = store_setting_set(s, KEY_PIN_FAILURES, val);
    if (st == STORE_OK) {
        snprintf(val, sizeof val, "%" PRId64, wall);
        st = store_setting_set(s, KEY_PIN_LOCKED_UNTIL, val);
    }
    if (st == STORE_OK) {
        snprintf(val, sizeof val, "%" PRId64, until > now ? until : 0);
        st = store_setting_set(s, KEY_PIN_LOCKED_UNTIL_MONO, val);
    }
    if (st == STORE_OK)
        st = store_setting_set(s, KEY_PIN_LOCK_BOOT, boot);
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
    /* A PIN tried on an earlier pad lets nobody in through this one. */
    visit_pin_cancel(v);
    if (visit_pin_poll(v) == VISIT_PIN_CHECKING)
        return VISIT_PIN_CHECKING;
    return visit_pin_state(v, NULL) == VISIT_PIN_LOCKED ? VISIT_PIN_LOCKED : VISIT_PIN_OPEN;
}

VisitPin visit_pin_submit(Visit *v, const char *pin)
{
    const char *hash = v->env.cfg->pin_hash;
    /* A demo window may be explored without a PIN; a real kiosk may not. */
    if (!hash[0])
        return v->env.demo ? VISIT_PIN_OK : VISIT_PIN_NONE;
    if (v->pin)
        return VISIT_PIN_CHECKING;
    if (!v->lock_ok) {
        lock_load(v);
        if (!v->lock_ok)
            return VISIT_PIN_ERROR;
    }
    int64_t now = lock_now(v);
    VisitPin state = pin_of(lockout_state(&v->lock, now, NULL));
    if (state != VISIT_PIN_OPEN || !*pin)
        return state;
    v->pin = pin_check_start(pin, hash);
    if (!v->pin) {
        visit_fail(v, "cannot check the staff PIN: %s", strerror(errno));
        return VISIT_PIN_ERROR;
    }
    v->pin_abandoned = false;
    v->pin_weak_if_right = pin_is_weak(pin, hash);
    /* Wrong until proven right, on disk before the answer. */
    lockout_failed(&v->lock, now);
    lock_save(v);
    return VISIT_PIN_CHECKING;
}

VisitPin visit_pin_poll(Visit *v)
{
    if (!v->pin)
        return VISIT_PIN_OPEN;
    PinAnswer a = pin_check_answer(v->pin);
    if (a == PIN_CHECKING)
        return VISIT_PIN_CHECKING;
    pin_check_free(v->pin);
    v->pin = NULL;
    if (a == PIN_RIGHT) {
        lockout_passed(&v->lock);
        lock_save(v);
    }
    if (v->pin_abandoned)
        return visit_pin_state(v, NULL);
    if (a == PIN_RIGHT) {
        v->pin_weak = v->pin_weak_if_right;
        if (v->pin_weak)
            fprintf(stderr,
                    "lanyard: the staff PIN is shorter than %d digits or hashed at an "
                    "older cost: set a new one with `lanyard set-pin --event DIR`\n",
                    PIN_MIN_DIGITS);
        return VISIT_PIN_OK;
    }
    return lockout_state(&v->lock, lock_now(v), NULL) == LOCKOUT_LOCKED ? VISIT_PIN_LOCKED
                                                                        : VISIT_PIN_WRONG;
}

void visit_pin_cancel(Visit *v)
{
    if (v->pin)
        v->pin_abandoned = true;
}

void visit_pin_wait(Visit *v)
{
    if (v->pin)
        pin_check_wait(v->pin);
}

VisitPin visit_pin_try(Visit *v, const char *pin)
{
    VisitPin r = visit_pin_submit(v, pin);
    if (r != VISIT_PIN_CHECKING)
        return r;
    visit_pin_wait(v);
    return visit_pin_poll(v);
}

bool visit_pin_weak(const Visit *v)
{
    return v->pin_weak;
}

VisitPin visit_pin_state(const Visit *v, int64_t *remaining_ms)
{
    return pin_of(lockout_state(&v->lock, lock_now(v), remaining_ms));
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

static void record_free_interests(GuestRecord *r)
{
    store_strings_free(r->programs, r->nprograms);
    store_strings_free(r->program_names, r->nprograms);
    store_strings_free(r->kinds, r->nkinds);
    r->programs = r->program_names = r->kinds = NULL;
    r->nprograms = r->nkinds = 0;
}

void visit_record_clear(GuestRecord *r)
{
    guest_clear(&r->g);
    record_free_interests(r);
    r->checked_in = r->badge_printed = false;
    r->checked_in_at = 0;
}

/* The name of program code: the catalogue's, else the store's (a hidden
 * program), else the code. malloc'd; NULL after visit_fail. */
static char *program_name(Visit *v, const char *code)
{
    for (size_t i = 0; i < v->programs.count; i++)
        if (!strcmp(v->programs.items[i].code, code))
            return text_dup(v->programs.items[i].name);
    Program p;
    program_init(&p);
    StoreStatus st = store_program_get(v->env.store, code, &p);
    char *name = st == STORE_OK && p.name[0] ? text_dup(p.name) : text_dup(code);
    program_clear(&p);
    if (st != STORE_OK && st != STORE_NOT_FOUND) {
        free(name);
        visit_store_failed(v, "cannot read a program");
        return NULL;
    }
    if (!name)
        visit_fail(v, "out of memory reading a guest's programs");
    return name;
}

/* Fills what the guest of r picked. 0, or -1 after visit_fail. */
static int record_interests(Visit *v, GuestRecord *r)
{
    record_free_interests(r);
    if (store_interests_get(v->env.store, r->g.id, &r->programs, &r->nprograms, &r->kinds,
                            &r->nkinds) != STORE_OK)
        return visit_store_failed(v, "cannot read the guest's interests");
    r->program_names = calloc(r->nprograms ? r->nprograms : 1, sizeof *r->program_names);
    if (!r->program_names) {
        visit_fail(v, "out of memory reading a guest's programs");
        return -1;
    }
    for (size_t i = 0; i < r->nprograms; i++)
        if (!(r->program_names[i] = program_name(v, r->programs[i])))
            return -1;
    return 0;
}

/* Fills the check-in, badge state and interests of the guests in list. 0 or -1. */
static int details_of(Visit *v, GuestRecord *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        CheckinState cs;
        if (store_checkin_state(v->env.store, list[i].g.id, &cs) != STORE_OK)
            return visit_store_failed(v, "staff lookup");
        list[i].checked_in = cs.checked_in;
        list[i].checked_in_at = cs.checked_in_at;
        list[i].badge_printed = cs.badge_printed;
        PrintJob job;
        StoreStatus st = store_print_latest(v->env.store, list[i].g.id, &job);
        if (st == STORE_ERROR)
            return visit_store_failed(v, "staff lookup");
        list[i].badge_saved = st == STORE_OK && job.state == PRINT_DONE && !job.printer[0];
        if (record_interests(v, &list[i]) != 0)
            return -1;
    }
    return 0;
}

static bool listed(const GuestRecord *out, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(out[i].g.id, id))
            return true;
    return false;
}

/* Appends the guests one of whose codes contains query (trimmed, 3 characters
 * or more). 0 or -1. */
static int lookup_code_part(Visit *v, const char *query, GuestRecord *out, size_t *n, bool *more)
{
    char *part = text_trim_dup(query);
    if (!part) {
        visit_fail(v, "out of memory");
        return -1;
    }
    GuestList gl;
    guest_list_init(&gl);
    bool part_more = false;
    int rc = 0;
    if (strlen(part) >= STORE_CODE_PART_MIN &&
        store_guests_by_code_part(v->env.store, part, VISIT_LOOKUP_MAX, &gl, &part_more) !=
            STORE_OK)
        rc = visit_store_failed(v, "staff lookup");
    *more = *more || part_more;
    for (size_t i = 0; rc == 0 && i < gl.count; i++) {
        if (listed(out, *n, gl.items[i].id))
            continue;
        if (*n == VISIT_LOOKUP_MAX) {
            *more = true;
            break;
        }
        if (guest_copy(&out[*n].g, &gl.items[i]) != 0) {
            visit_fail(v, "out of memory");
            rc = -1;
        } else {
            (*n)++;
        }
    }
    guest_list_free(&gl);
    free(part);
    return rc;
}

int visit_lookup(Visit *v, const char *query, GuestRecord out[VISIT_LOOKUP_MAX], size_t *n,
                 bool *more)
{
    Store *s = v->env.store;
    *n = 0;
    *more = false;
    if (!search_query_enough(query))
        return 0;
    StoreStatus st = store_guest_by_code(s, query, &out[0].g);
    if (st == STORE_OK)
        *n = 1;
    else if (st != STORE_NOT_FOUND)
        return visit_store_failed(v, "staff lookup");
    if (lookup_code_part(v, query, out, n, more) != 0)
        return -1;
    SearchResult res[SEARCH_MAX_RESULTS];
    bool res_more = false;
    size_t nres = search_query_more(v->ix, query, res, &res_more);
    for (size_t i = 0; i < nres; i++) {
        if (listed(out, *n, res[i].guest_id))
            continue;
        if (*n == VISIT_LOOKUP_MAX) {
            *more = true;
            break;
        }
        st = store_guest_get(s, res[i].guest_id, &out[*n].g);
        if (st == STORE_NOT_FOUND)
            continue;
        if (st != STORE_OK)
            return visit_store_failed(v, "staff lookup");
        (*n)++;
    }
    *more = *more || res_more;
    return details_of(v, out, *n);
}

int visit_record_read(Visit *v, const char *guest_id, GuestRecord *out)
{
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", guest_id); /* guest_id may be out->g.id */
    if (store_guest_get(v->env.store, id, &out->g) != STORE_OK)
        return visit_store_failed(v, "cannot read the guest");
    return details_of(v, out, 1);
}

/* ---- correcting a guest, checking them in ---- */

/* Takes e's fields into g, marking e->error; true when all are fine (false
 * with *oom set when out of memory). */
static bool take_edit(Guest *g, VisitGuestEdit *e, bool *oom)
{
    char **dst[VISIT_FIELD_COUNT] = {&g->first, &g->last,  &g->company,
                                     &g->title, &g->email, &g->phone};
    bool ok = true;
    *oom = false;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        e->error[i] = VISIT_FIELD_OK;
        if (!e->field[i])
            continue;
        char *val = text_trim_dup(e->field[i]);
        if (!val) {
            *oom = true;
            return false;
        }
        /* A name that was never given may stay empty; one that was may not be emptied. */
        bool was_empty_name = (i == VISIT_FIRST || i == VISIT_LAST) && !**dst[i] && !*val;
        e->error[i] = was_empty_name ? VISIT_FIELD_OK : visit_field_check(i, val);
        if (e->error[i] != VISIT_FIELD_OK)
            ok = false;
        else if (guest_set(dst[i], val) != 0)
            *oom = true;
        free(val);
        if (*oom)
            return false;
    }
    return ok;
}

int visit_guest_take(Visit *v, const char *guest_id, VisitGuestEdit *e, Guest *g)
{
    bool oom = false;
    if (store_guest_get(v->env.store, guest_id, g) != STORE_OK) {
        for (int i = 0; i < VISIT_FIELD_COUNT; i++)
            e->error[i] = VISIT_FIELD_OK;
        return visit_store_failed(v, "cannot read the guest to correct");
    }
    if (!take_edit(g, e, &oom)) {
        visit_fail(v, oom ? "out of memory correcting a guest" : "some fields need correcting");
        return -1;
    }
    return 0;
}

int visit_guest_store(Visit *v, const Guest *g, const char *action)
{
    bool changed = false;
    if (store_guest_edit(v->env.store, g, v->env.cfg->kiosk_id, action, visit_now(v), &changed) !=
        STORE_OK)
        return visit_store_failed(v, "correction not saved");
    /* Found by the new name from now on. */
    if (changed && search_add(v->ix, g) != 0)
        visit_fail(v, "out of memory updating the search");
    if (changed)
        visit_changed(v);
    return 0;
}

int visit_guest_write(Visit *v, const char *guest_id, VisitGuestEdit *e, const char *action,
                      Guest *out)
{
    Guest g;
    guest_init(&g);
    int rc = visit_guest_take(v, guest_id, e, &g);
    if (rc == 0)
        rc = visit_guest_store(v, &g, action);
    if (rc == 0 && out) {
        guest_clear(out);
        *out = g; /* handed over whole: g is empty again below */
        guest_init(&g);
    }
    guest_clear(&g);
    return rc;
}

int visit_guest_edit(Visit *v, const char *guest_id, VisitGuestEdit *e)
{
    return visit_guest_write(v, guest_id, e, "edit", NULL);
}

VisitOutcome visit_staff_check_in(Visit *v, const char *guest_id)
{
    CheckinResult r;
    const char *printer = v->env.printer.print ? v->env.cfg->printer : NULL;
    StoreStatus st = store_checkin_held(v->env.store, guest_id, v->env.cfg->kiosk_id, printer, true,
                                        visit_now(v), &r);
    VisitOutcome out = st == STORE_OK          ? (r.already ? VISIT_ALREADY : VISIT_CHECKED_IN)
                       : st == STORE_NOT_FOUND ? VISIT_UNKNOWN
                                               : VISIT_FAILED;
    if (out == VISIT_UNKNOWN)
        visit_fail(v, "no guest has the id '%s'", guest_id);
    else if (out == VISIT_FAILED)
        visit_store_failed(v, "check-in not saved");
    if (out == VISIT_CHECKED_IN) {
        visit_changed(v);
        fprintf(stderr, "lanyard: checked in %s (by staff)\n", r.guest_id);
        if (v->env.printer.print && v->env.printer.print(v->env.printer.ud, r.guest_id) != 0)
            visit_fail(v, "out of memory queueing a badge");
    }
    return out;
}

/* ---- undo, reprint, test badge ---- */

int visit_undo(Visit *v, const char *guest_id)
{
    if (store_checkin_undo(v->env.store, guest_id, v->env.cfg->kiosk_id, visit_now(v)) != STORE_OK)
        return visit_store_failed(v, "undo check-in");
    visit_changed(v);
    /* A badge not yet released (the guest still on Interests) is not owed. */
    if (store_print_drop_held(v->env.store, guest_id) != STORE_OK)
        return visit_store_failed(v, "badge of an undone check-in not dropped");
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
    v->test_done = *out;
    v->home_test = out->ticket;
    return 0;
}

int visit_test_badge_result(Visit *v, TestBadge *out)
{
    if (!v->env.printer.test_result) {
        *out = v->test_done;
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->ticket = v->home_test;
    int rc = v->env.printer.test_result(v->env.printer.ud, out);
    if (rc < 0 && strcmp(v->err, out->error) != 0)
        visit_fail(v, "test badge: %s", out->error);
    return rc;
}
