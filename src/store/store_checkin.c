/* store_checkin.c — check-in, undo and a guest's interests.
 *
 * Interests are never deleted: un-picking one, or undoing the check-in of the
 * visit that picked it, marks it retracted (STORE_INTEREST_ACTIVE), so a merge
 * carries the change to every copy of the database.
 *
 * A check-in is one BEGIN IMMEDIATE transaction that either finds the guest's
 * active attendance (and writes nothing) or inserts one; STORE_OK comes back
 * only after COMMIT, which in WAL with synchronous=FULL means after the flush.
 * The partial unique index attendance_active makes a second active row for the
 * same guest impossible even if two processes race. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "store/store_print.h"

/* Resolves guest_id (or a merged-away id) inside the open transaction. */
static StoreStatus resolve_guest(Store *s, const char *guest_id, char id[ID_LEN + 1])
{
    int found = store_resolve_key(s, "id", guest_id, id);
    if (found < 0)
        return STORE_ERROR;
    if (!found)
        return store_failf(s, STORE_NOT_FOUND, "no guest has the id '%s'", guest_id);
    return STORE_OK;
}

/* The active attendance of a guest: 1 found (and att, at and printed filled
 * when not NULL), 0 none, -1 error. */
static int active_attendance(Store *s, const char *guest_id, char att[ID_LEN + 1], int64_t *at,
                             bool *printed)
{
    sqlite3_stmt *st = store_cached(s,
                                    "SELECT id, checked_in_at, badge_printed FROM attendance "
                                    "WHERE guest_id = ?1 AND " STORE_COUNTED,
                                    "read a check-in");
    if (!st)
        return -1;
    store_bind_text(s, st, 1, guest_id);
    int rc = store_step(s, st);
    int found = 0;
    if (rc == SQLITE_ROW) {
        if (att)
            snprintf(att, ID_LEN + 1, "%s", store_col_text(st, 0));
        if (at)
            *at = store_col_time(st, 1);
        if (printed)
            *printed = sqlite3_column_int(st, 2) != 0;
        found = 1;
    } else if (rc != SQLITE_DONE) {
        store_fail(s, "read a check-in");
        found = -1;
    }
    store_finish(s, st);
    return found;
}

StoreStatus store_checkin_insert(Store *s, const char *id, const char *kiosk, int64_t now,
                                 const char *action, CheckinResult *out)
{
    sqlite3_stmt *st = store_cached(s,
                                    "INSERT INTO attendance (id, guest_id, kiosk, checked_in_at) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    "check in");
    if (!st)
        return STORE_ERROR;
    char att[ID_LEN + 1];
    id_random(att);
    store_bind_text(s, st, 1, att);
    store_bind_text(s, st, 2, id);
    store_bind_text(s, st, 3, kiosk);
    store_bind_time(s, st, 4, now);
    StoreStatus status = store_step_done(s, st, "check in");
    if (status == STORE_OK && action)
        status = store_audit(s, kiosk, now, action, id, att);
    if (status == STORE_OK) {
        snprintf(out->guest_id, sizeof out->guest_id, "%s", id);
        memcpy(out->attendance_id, att, sizeof att);
        out->checked_in_at = now;
        out->already = false;
    }
    return status;
}

/* A held job for the guest's badge, unless they have one that did not fail
 * (checked in again after an undo: the badge they have is theirs). */
StoreStatus store_checkin_hold(Store *s, const char *id, const char *printer, int64_t now)
{
    PrintJob job;
    StoreStatus st = store_print_latest(s, id, &job);
    if (st == STORE_OK && job.state != PRINT_FAILED)
        return STORE_OK;
    if (st == STORE_ERROR)
        return st;
    return store_print_add_state(s, id, printer, PRINT_HELD, now, &job);
}

/* A check-in; a new one is audited as `action` when that is not NULL, and
 * gets a held print job on printer when that is not NULL. */
static StoreStatus checkin(Store *s, const char *guest_id, const char *kiosk, int64_t now,
                           const char *action, const char *printer, CheckinResult *out)
{
    memset(out, 0, sizeof *out);
    if (store_begin(s, "check in") != STORE_OK)
        return STORE_ERROR;
    char id[ID_LEN + 1];
    StoreStatus status = resolve_guest(s, guest_id, id);
    if (status != STORE_OK) {
        store_rollback(s);
        return status;
    }
    memcpy(out->guest_id, id, sizeof id);
    int found = active_attendance(s, id, out->attendance_id, &out->checked_in_at, NULL);
    if (found != 0) {
        /* Already checked in: nothing was written, so nothing to commit. */
        store_rollback(s);
        out->already = found > 0;
        return found > 0 ? STORE_OK : STORE_ERROR;
    }
    status = store_checkin_insert(s, id, kiosk, now, action, out);
    if (status == STORE_OK && printer)
        status = store_checkin_hold(s, id, printer, now);
    if (status != STORE_OK) {
        store_rollback(s);
        return status;
    }
    if (store_commit(s, "check in") != STORE_OK) {
        memset(out, 0, sizeof *out);
        return STORE_ERROR;
    }
    return STORE_OK;
}

StoreStatus store_checkin(Store *s, const char *guest_id, const char *kiosk, int64_t now,
                          CheckinResult *out)
{
    return checkin(s, guest_id, kiosk, now, NULL, NULL, out);
}

StoreStatus store_checkin_staff(Store *s, const char *guest_id, const char *kiosk, int64_t now,
                                CheckinResult *out)
{
    return checkin(s, guest_id, kiosk, now, "staff check-in", NULL, out);
}

StoreStatus store_checkin_held(Store *s, const char *guest_id, const char *kiosk,
                               const char *printer, bool staff, int64_t now, CheckinResult *out)
{
    return checkin(s, guest_id, kiosk, now, staff ? "staff check-in" : NULL, printer, out);
}

static StoreStatus collect(Store *s, sqlite3_stmt *st, char ***out, size_t *n);
static StoreStatus interests_write(Store *s, const char *id, const char *const *programs,
                                   size_t nprograms, const char *const *kinds, size_t nkinds,
                                   bool replace, const char *kiosk, int64_t now);

/* "WELD, CULN", or "none"; malloc'd (NULL when out of memory). */
static char *join_list(char **v, size_t n)
{
    size_t len = 5;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + 2;
    char *out = malloc(len);
    if (!out)
        return NULL;
    strcpy(out, n ? "" : "none");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ", ");
        strcat(out, v[i]);
    }
    return out;
}

/* The guest's consent (1 or 0), or -1 after store_fail. */
static int read_consent(Store *s, const char *id)
{
    sqlite3_stmt *st =
        store_cached(s, "SELECT consent FROM guests WHERE id = ?1", "undo a check-in");
    if (!st)
        return -1;
    store_bind_text(s, st, 1, id);
    int rc = store_step(s, st), consent = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
    store_finish(s, st);
    if (consent < 0)
        store_fail(s, "undo a check-in");
    return consent;
}

/* The audit line of an undo: the check-in undone, and the interests and
 * consent it retracts as they were. malloc'd, NULL after store_failf. */
static char *undo_detail(Store *s, const char *id, const char *att)
{
    char **programs = NULL, **kinds = NULL;
    size_t np = 0, nk = 0;
    if (store_interests_get(s, id, &programs, &np, &kinds, &nk) != STORE_OK)
        return NULL;
    int consent = read_consent(s, id);
    char *p = join_list(programs, np), *k = join_list(kinds, nk), *detail = NULL;
    if (consent >= 0 && p && k) {
        size_t len = strlen(att) + strlen(p) + strlen(k) + 64;
        if ((detail = malloc(len)))
            snprintf(detail, len, "attendance %s; programs: %s; partnership: %s; consent: %s", att,
                     p, k, consent ? "yes" : "no");
    }
    if (consent >= 0 && !detail)
        store_failf(s, STORE_ERROR, "cannot undo a check-in: out of memory");
    free(p);
    free(k);
    store_strings_free(programs, np);
    store_strings_free(kinds, nk);
    return detail;
}

/* What the undone visit left: its interests are retracted and its consent
 * withdrawn (both as they were go into the audit line, as action), so the
 * guest leaves followup.csv and the interest counts, and starts afresh if
 * they come back. */
static StoreStatus retract_visit(Store *s, const char *id, const char *att, const char *kiosk,
                                 const char *action, int64_t now)
{
    char *detail = undo_detail(s, id, att);
    if (!detail)
        return STORE_ERROR;
    static const char *const SQL[] = {
        "UPDATE interests SET retracted_at = ?2 WHERE guest_id = ?1 AND " STORE_INTEREST_ACTIVE,
        /* updated_at moves only on a real change, so merges see no false edits. */
        "UPDATE guests SET consent = 0, updated_at = ?2 WHERE id = ?1 AND consent <> 0",
    };
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i < sizeof SQL / sizeof SQL[0]; i++) {
        sqlite3_stmt *st = store_cached(s, SQL[i], "undo a check-in");
        if (!st) {
            status = STORE_ERROR;
            break;
        }
        store_bind_text(s, st, 1, id);
        store_bind_time(s, st, 2, now);
        status = store_step_done(s, st, "undo a check-in");
    }
    if (status == STORE_OK)
        status = store_audit(s, kiosk, now, action, id, detail);
    free(detail);
    return status;
}

/* Undoes the active check-in of the guest whose own id is id, inside the
 * open transaction, audited as action: STORE_NOT_FOUND when they have none. */
static StoreStatus undo_in(Store *s, const char *id, const char *kiosk, const char *action,
                           int64_t now)
{
    char att[ID_LEN + 1] = "";
    int found = active_attendance(s, id, att, NULL, NULL);
    if (found < 0)
        return STORE_ERROR;
    if (found == 0)
        return store_failf(s, STORE_NOT_FOUND, "the guest is not checked in");
    /* Every row of the guest still standing is undone, including check-ins a
     * merge marked as duplicates, so none of them counts again later. */
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE attendance SET undone_at = ?2, undone_by = ?3 "
                                    "WHERE guest_id = ?1 AND undone_at IS NULL",
                                    "undo a check-in");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    store_bind_time(s, st, 2, now);
    store_bind_text(s, st, 3, kiosk);
    StoreStatus status = store_step_done(s, st, "undo a check-in");
    if (status == STORE_OK)
        status = retract_visit(s, id, att, kiosk, action, now);
    return status;
}

StoreStatus store_checkin_undo(Store *s, const char *guest_id, const char *kiosk, int64_t now)
{
    if (store_begin(s, "undo a check-in") != STORE_OK)
        return STORE_ERROR;
    char id[ID_LEN + 1];
    StoreStatus status = resolve_guest(s, guest_id, id);
    if (status == STORE_OK)
        status = undo_in(s, id, kiosk, "undo", now);
    if (status == STORE_OK)
        return store_commit(s, "undo a check-in");
    store_rollback(s);
    return status;
}

/* Runs sql with ?1 the walk-in's id and ?2 the guest's (store_walkin_move). */
static StoreStatus move_step(Store *s, const char *sql, const char *walkin, const char *guest)
{
    sqlite3_stmt *st = store_cached(s, sql, "move a walk-in");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, walkin);
    if (sqlite3_bind_parameter_count(st) > 1)
        store_bind_text(s, st, 2, guest);
    return store_step_done(s, st, "move a walk-in");
}

/* The audit line of a move: who the walk-in was, whom they are, and what
 * they corrected. malloc'd, NULL after store_failf. */
static char *move_detail(Store *s, const Guest *walkin, const Guest *guest, const char *changes)
{
    const char *fmt = "walk-in %s (%s) is %s (%s)%s%s";
    const char *sep = changes[0] ? ": " : "";
    int len =
        snprintf(NULL, 0, fmt, walkin->code, walkin->id, guest->code, guest->id, sep, changes);
    char *out = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (out)
        snprintf(out, (size_t)len + 1, fmt, walkin->code, walkin->id, guest->code, guest->id, sep,
                 changes);
    else
        store_failf(s, STORE_ERROR, "cannot move a walk-in: out of memory");
    return out;
}

/* Moves the guest's updated_at to now, never back (store_walkin_move). */
static StoreStatus touch_guest(Store *s, const char *id, int64_t now)
{
    sqlite3_stmt *st = store_cached(
        s, "UPDATE guests SET updated_at = ?2 WHERE id = ?1 AND updated_at < ?2", "move a walk-in");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    store_bind_time(s, st, 2, now);
    return store_step_done(s, st, "move a walk-in");
}

StoreStatus store_walkin_move(Store *s, const Guest *typed, const char *guest_id,
                              const StorePicks *picks, const char *kiosk, const char *printer,
                              int64_t now, CheckinResult *out)
{
    memset(out, 0, sizeof *out);
    if (store_begin(s, "move a walk-in") != STORE_OK)
        return STORE_ERROR;
    char wid[ID_LEN + 1], rid[ID_LEN + 1];
    Guest was, reg;
    guest_init(&was);
    guest_init(&reg);
    char *changes = NULL, *detail = NULL;
    bool changed = false;
    StoreStatus status = resolve_guest(s, typed->id, wid);
    if (status == STORE_OK)
        status = resolve_guest(s, guest_id, rid);
    if (status == STORE_OK)
        status = store_guest_by_id(s, wid, "move a walk-in", &was);
    if (status == STORE_OK)
        status = store_guest_by_id(s, rid, "move a walk-in", &reg);
    if (status == STORE_OK && (!was.walk_in || reg.walk_in || !strcmp(wid, rid)))
        status =
            store_failf(s, STORE_INVALID, "guest %s is not a walk-in who is guest %s", wid, rid);
    /* The guest's own check-in, or one now; a check-in made here gets the
     * visit's one badge, held as the walk-in's was. */
    int found = status == STORE_OK
                    ? active_attendance(s, rid, out->attendance_id, &out->checked_in_at, NULL)
                    : 0;
    if (found < 0)
        status = STORE_ERROR;
    memcpy(out->guest_id, rid, sizeof rid);
    out->already = found > 0;
    if (status == STORE_OK && !found)
        status = store_checkin_insert(s, rid, kiosk, now, NULL, out);
    if (status == STORE_OK && !found && printer)
        status = store_checkin_hold(s, rid, printer, now);
    /* The walk-in's check-in taken back (a staff undo may have done so),
     * audited as the move's: the record comes to the registration, whose
     * history must not read as a check-in undone. */
    if (status == STORE_OK &&
        (status = undo_in(s, wid, kiosk, "walk-in check-in moved", now)) == STORE_NOT_FOUND)
        status = STORE_OK;
    if (status == STORE_OK)
        status = store_print_drop_held(s, wid);
    if (status == STORE_OK)
        status = store_guest_changes(s, &was, typed, &changes, &changed);
    if (status == STORE_OK && !(detail = move_detail(s, &was, &reg, changes)))
        status = STORE_ERROR;
    if (status == STORE_OK)
        status = store_audit(s, kiosk, now, "walk-in to registration", rid, detail);
    /* As a merge's fold: both records kept, so the rule finds the person by
     * what the walk-in typed too. */
    const char *both[] = {rid, wid};
    if (status == STORE_OK)
        status = store_guest_records_keep(s, rid, both, 2);
    if (status == STORE_OK)
        status = store_guest_repoint(s, wid, was.code, rid);
    if (status == STORE_OK)
        status = move_step(s, "UPDATE print_jobs SET guest_id = ?2 WHERE guest_id = ?1", wid, rid);
    if (status == STORE_OK)
        status = move_step(s, "DELETE FROM guests WHERE id = ?1", wid, rid);
    /* The walk-in's picks join the guest's own, which were theirs as much
     * (picked when the guest checked in before): none is withdrawn unseen.
     * Consent likewise: given by either, the guest's act each time. */
    if (status == STORE_OK)
        status = interests_write(s, rid, picks->programs, picks->nprograms, picks->kinds,
                                 picks->nkinds, false, kiosk, now);
    if (status == STORE_OK && picks->consent)
        status = store_guest_set_consent(s, rid, true, now);
    /* The registration is now the newest record of the person: a merge with
     * a copy taken before the move keeps its fields, not the walk-in's. */
    if (status == STORE_OK)
        status = touch_guest(s, rid, now);
    free(changes);
    free(detail);
    guest_clear(&was);
    guest_clear(&reg);
    if (status == STORE_OK)
        status = store_commit(s, "move a walk-in");
    else
        store_rollback(s);
    if (status != STORE_OK)
        memset(out, 0, sizeof *out);
    return status;
}

StoreStatus store_checkin_state(Store *s, const char *guest_id, CheckinState *out)
{
    memset(out, 0, sizeof *out);
    char id[ID_LEN + 1];
    StoreStatus status = resolve_guest(s, guest_id, id);
    if (status != STORE_OK)
        return status;
    int found = active_attendance(s, id, NULL, &out->checked_in_at, &out->badge_printed);
    if (found < 0)
        return STORE_ERROR;
    out->checked_in = found > 0;
    return STORE_OK;
}

StoreStatus store_is_checked_in(Store *s, const char *guest_id, bool *out)
{
    CheckinState state;
    StoreStatus status = store_checkin_state(s, guest_id, &state);
    *out = state.checked_in;
    return status;
}

StoreStatus store_attendance_normalise(Store *s)
{
    /* Every step only takes rows out of the partial unique index until the last,
     * which puts back exactly one per guest, so no intermediate state conflicts.
     * The counted check-in of each guest is found in one sorted pass into a temp
     * table, so attendance needs no (guest_id, checked_in_at) index: one index
     * page less to flush on every check-in. */
    return store_exec(s,
                      "DROP TABLE IF EXISTS temp.counted;"
                      "CREATE TEMP TABLE counted (guest_id TEXT PRIMARY KEY, id TEXT NOT NULL);"
                      "INSERT INTO temp.counted SELECT guest_id, id FROM ("
                      "  SELECT guest_id, id, row_number() OVER ("
                      "    PARTITION BY guest_id ORDER BY checked_in_at, id) AS n"
                      "  FROM attendance WHERE undone_at IS NULL) WHERE n = 1;"
                      "UPDATE attendance SET duplicate_of = id "
                      "  WHERE undone_at IS NULL AND duplicate_of IS NULL;"
                      "UPDATE attendance SET duplicate_of = NULL WHERE undone_at IS NOT NULL;"
                      "UPDATE attendance SET duplicate_of = (SELECT c.id FROM temp.counted c "
                      "  WHERE c.guest_id = attendance.guest_id) WHERE undone_at IS NULL;"
                      "UPDATE attendance SET duplicate_of = NULL WHERE duplicate_of = id;"
                      "DROP TABLE temp.counted;",
                      "count check-ins once per guest");
}

/* ---- interests ---- */

static bool in_list(const char *const *v, size_t n, const char *x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] && strcmp(v[i], x) == 0)
            return true;
    return false;
}

static StoreStatus check_interests(Store *s, const char *const *programs, size_t nprograms,
                                   const char *const *kinds, size_t nkinds)
{
    for (size_t i = 0; i < nkinds; i++)
        if (!kinds[i] || !partnership_label(kinds[i]))
            return store_failf(s, STORE_INVALID, "unknown kind of partnership '%s'",
                               kinds[i] ? kinds[i] : "");
    sqlite3_stmt *st =
        store_cached(s, "SELECT 1 FROM programs WHERE code = ?1", "save the interests");
    if (!st)
        return STORE_ERROR;
    StoreStatus status = STORE_OK;
    for (size_t i = 0; i < nprograms && status == STORE_OK; i++) {
        store_reset(s, st);
        store_bind_text(s, st, 1, programs[i]);
        int rc = store_step(s, st);
        if (rc == SQLITE_DONE)
            status = store_failf(s, STORE_INVALID, "unknown program '%s'",
                                 programs[i] ? programs[i] : "");
        else if (rc != SQLITE_ROW)
            status = store_fail(s, "save the interests");
    }
    store_finish(s, st);
    return status;
}

/* Retracts the guest's interests of one kind that are not in keep[0..nkeep):
 * the row stays, so a merge carries the retraction to every copy of it. An
 * interest in a program no longer listed (hidden, so interests in it stay)
 * is not one the guest was shown, and stays. */
static StoreStatus drop_unlisted(Store *s, const char *id, const char *kind,
                                 const char *const *keep, size_t nkeep, int64_t now)
{
    sqlite3_stmt *sel = store_cached(
        s,
        "SELECT value FROM interests WHERE guest_id = ?1 AND kind = ?2 AND " STORE_INTEREST_ACTIVE
        " AND (kind <> 'program' OR value NOT IN (SELECT code FROM programs WHERE visible = 0))",
        "save the interests");
    if (!sel)
        return STORE_ERROR;
    store_bind_text(s, sel, 1, id);
    store_bind_text(s, sel, 2, kind);
    char **stored = NULL;
    size_t nstored = 0;
    /* Read first, delete after: no statement writes the rows another is reading. */
    StoreStatus status = collect(s, sel, &stored, &nstored);
    store_finish(s, sel);
    sqlite3_stmt *del = NULL;
    if (status == STORE_OK && nstored > 0) {
        del = store_cached(s,
                           "UPDATE interests SET retracted_at = ?4 "
                           "WHERE guest_id = ?1 AND kind = ?2 AND value = ?3",
                           "save the interests");
        if (!del)
            status = STORE_ERROR;
        else {
            store_bind_text(s, del, 1, id);
            store_bind_text(s, del, 2, kind);
            store_bind_time(s, del, 4, now);
        }
    }
    for (size_t i = 0; status == STORE_OK && i < nstored; i++) {
        if (in_list(keep, nkeep, stored[i]))
            continue;
        store_reset(s, del);
        store_bind_text(s, del, 3, stored[i]);
        if (store_step(s, del) != SQLITE_DONE)
            status = store_fail(s, "save the interests");
    }
    store_finish(s, del);
    store_strings_free(stored, nstored);
    return status;
}

static StoreStatus add_interests(Store *s, const char *id, const char *kind, const char *const *v,
                                 size_t n, const char *kiosk, int64_t now)
{
    sqlite3_stmt *st =
        store_cached(s,
                     "INSERT INTO interests (guest_id, kind, value, created_at, kiosk) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET "
                     "created_at = excluded.created_at, kiosk = excluded.kiosk, "
                     "retracted_at = NULL WHERE NOT " STORE_INTEREST_ACTIVE,
                     "save the interests");
    if (!st)
        return STORE_ERROR;
    StoreStatus status = STORE_OK;
    store_bind_text(s, st, 1, id);
    store_bind_text(s, st, 2, kind);
    store_bind_time(s, st, 4, now);
    store_bind_text(s, st, 5, kiosk);
    for (size_t i = 0; i < n && status == STORE_OK; i++) {
        store_reset(s, st);
        store_bind_text(s, st, 3, v[i]);
        if (store_step(s, st) != SQLITE_DONE)
            status = store_fail(s, "save the interests");
    }
    store_finish(s, st);
    return status;
}

/* Replaces the interests of the guest whose own id is id (store_interests_set),
 * or with replace false adds these to them (store_walkin_move), inside the
 * open transaction. */
static StoreStatus interests_write(Store *s, const char *id, const char *const *programs,
                                   size_t nprograms, const char *const *kinds, size_t nkinds,
                                   bool replace, const char *kiosk, int64_t now)
{
    StoreStatus status = check_interests(s, programs, nprograms, kinds, nkinds);
    if (status == STORE_OK && replace)
        status = drop_unlisted(s, id, "program", programs, nprograms, now);
    if (status == STORE_OK && replace)
        status = drop_unlisted(s, id, "partnership", kinds, nkinds, now);
    if (status == STORE_OK)
        status = add_interests(s, id, "program", programs, nprograms, kiosk, now);
    if (status == STORE_OK)
        status = add_interests(s, id, "partnership", kinds, nkinds, kiosk, now);
    return status;
}

StoreStatus store_interests_set(Store *s, const char *guest_id, const char *const *programs,
                                size_t nprograms, const char *const *kinds, size_t nkinds,
                                const char *kiosk, int64_t now)
{
    if (store_begin(s, "save the interests") != STORE_OK)
        return STORE_ERROR;
    char id[ID_LEN + 1];
    StoreStatus status = resolve_guest(s, guest_id, id);
    if (status == STORE_OK)
        status = interests_write(s, id, programs, nprograms, kinds, nkinds, true, kiosk, now);
    if (status == STORE_OK)
        return store_commit(s, "save the interests");
    store_rollback(s);
    return status;
}

void store_strings_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Collects column 0 of every row into a malloc'd array. */
static StoreStatus collect(Store *s, sqlite3_stmt *st, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            char **grown = realloc(*out, cap * sizeof *grown);
            if (!grown)
                goto nomem;
            *out = grown;
        }
        if (!((*out)[*n] = strdup(store_col_text(st, 0))))
            goto nomem;
        (*n)++;
    }
    if (rc != SQLITE_DONE) {
        store_strings_free(*out, *n);
        *out = NULL;
        *n = 0;
        return store_fail(s, "read the interests");
    }
    return STORE_OK;
nomem:
    store_strings_free(*out, *n);
    *out = NULL;
    *n = 0;
    return store_failf(s, STORE_ERROR, "cannot read the interests: out of memory");
}

/* Rank of a partnership kind in display order; unknown keys sort last. */
static size_t kind_rank(const char *key)
{
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        if (strcmp(PARTNERSHIP_KINDS[i].key, key) == 0)
            return i;
    return PARTNERSHIP_KIND_COUNT;
}

static int compare_kinds(const void *a, const void *b)
{
    const char *ka = *(const char *const *)a, *kb = *(const char *const *)b;
    size_t ra = kind_rank(ka), rb = kind_rank(kb);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(ka, kb);
}

StoreStatus store_interests_get(Store *s, const char *guest_id, char ***programs, size_t *nprograms,
                                char ***kinds, size_t *nkinds)
{
    *programs = *kinds = NULL;
    *nprograms = *nkinds = 0;
    char id[ID_LEN + 1];
    StoreStatus status = resolve_guest(s, guest_id, id);
    if (status != STORE_OK)
        return status;
    sqlite3_stmt *st = store_cached(
        s,
        "SELECT i.value FROM interests i LEFT JOIN programs p ON p.code = i.value "
        "WHERE i.guest_id = ?1 AND i.kind = 'program' AND " STORE_INTEREST_ACTIVE_OF(
            "i.") " ORDER BY coalesce(p.visible, 0) = 0, p.position IS NULL, p.position, i.value",
        "read the interests");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    status = collect(s, st, programs, nprograms);
    store_finish(s, st);
    if (status != STORE_OK)
        return status;
    st = store_cached(s,
                      "SELECT value FROM interests WHERE guest_id = ?1 AND kind = 'partnership' "
                      "AND " STORE_INTEREST_ACTIVE,
                      "read the interests");
    if (!st)
        status = STORE_ERROR;
    else {
        store_bind_text(s, st, 1, id);
        status = collect(s, st, kinds, nkinds);
        store_finish(s, st);
    }
    if (status != STORE_OK) {
        store_strings_free(*programs, *nprograms);
        *programs = NULL;
        *nprograms = 0;
        return status;
    }
    if (*nkinds > 1)
        qsort(*kinds, *nkinds, sizeof **kinds, compare_kinds);
    return STORE_OK;
}
