/* store_guests.c — guests: lookups, walk-ins, and applying an imported
 * guest list in one all-or-nothing transaction.
 *
 * A guest is looked up by id or registration code, also through the aliases a
 * merge leaves behind, so a ticket that was issued by another kiosk still
 * finds its guest after the merge. Whether a walk-in or a list row is a guest
 * already known is the one rule of core/guest_match.h, asked through
 * store_match.c. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "core/text.h"
#include "core/timefmt.h"

int store_read_guest(sqlite3_stmt *st, int c, Guest *g)
{
    const char *id = store_col_text(st, c);
    snprintf(g->id, sizeof g->id, "%s", id);
    if (guest_set(&g->code, store_col_text(st, c + 1)) ||
        guest_set(&g->first, store_col_text(st, c + 2)) ||
        guest_set(&g->last, store_col_text(st, c + 3)) ||
        guest_set(&g->company, store_col_text(st, c + 4)) ||
        guest_set(&g->title, store_col_text(st, c + 5)) ||
        guest_set(&g->email, store_col_text(st, c + 6)) ||
        guest_set(&g->phone, store_col_text(st, c + 7)))
        return -1;
    int role = sqlite3_column_int(st, c + 8);
    g->role = role >= ROLE_INDUSTRY_PARTNER && role <= ROLE_STUDENT ? (GuestRole)role
                                                                    : ROLE_INDUSTRY_PARTNER;
    g->walk_in = sqlite3_column_int(st, c + 9) != 0;
    g->consent = sqlite3_column_int(st, c + 10) != 0;
    g->updated_at = store_col_time(st, c + 11);
    return 0;
}

/* Steps st once and finishes it: 1 and the id in its first column, 0 when no
 * row, -1 on error (reported as failing to `doing`). */
static int first_id(Store *s, sqlite3_stmt *st, const char *doing, char out[ID_LEN + 1])
{
    int rc = store_step(s, st), found = 0;
    if (rc == SQLITE_ROW) {
        snprintf(out, ID_LEN + 1, "%s", store_col_text(st, 0));
        found = 1;
    } else if (rc != SQLITE_DONE) {
        store_fail(s, doing);
        found = -1;
    }
    store_finish(s, st);
    return found;
}

int store_resolve_key(Store *s, const char *kind, const char *value, char out[ID_LEN + 1])
{
    if (!value || !*value)
        return 0;
    const char *sql;
    if (strcmp(kind, "id") == 0)
        sql = "SELECT id FROM guests WHERE id = ?1 "
              "UNION ALL SELECT guest_id FROM guest_aliases WHERE kind = 'id' AND value = ?1";
    else if (strcmp(kind, "code") == 0)
        sql = "SELECT id FROM guests WHERE code = ?1 AND code <> '' "
              "UNION ALL SELECT guest_id FROM guest_aliases WHERE kind = 'code' AND value = ?1";
    else
        sql = "SELECT * FROM (SELECT id FROM guests WHERE lower(email) = lower(?1) "
              "AND email <> '' ORDER BY id LIMIT 1) UNION ALL SELECT guest_id FROM "
              "guest_aliases WHERE kind = 'email' AND value = lower(?1)";
    sqlite3_stmt *st = store_cached(s, sql, "look up a guest");
    if (!st)
        return -1;
    store_bind_text(s, st, 1, value);
    return first_id(s, st, "look up a guest", out);
}

StoreStatus store_guest_by_id(Store *s, const char *id, const char *doing, Guest *out)
{
    sqlite3_stmt *st =
        store_cached(s, "SELECT " STORE_GUEST_COLUMNS " FROM guests WHERE id = ?1", doing);
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    int rc = store_step(s, st);
    StoreStatus status = STORE_OK;
    if (rc == SQLITE_ROW) {
        if (store_read_guest(st, 0, out) != 0)
            status = store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
    } else if (rc == SQLITE_DONE) {
        status = STORE_NOT_FOUND;
    } else {
        status = store_fail(s, doing);
    }
    store_finish(s, st);
    return status;
}

StoreStatus store_alias_add(Store *s, const char *kind, const char *value, const char *guest_id,
                            const char *doing)
{
    if (!value || !*value)
        return STORE_OK;
    sqlite3_stmt *st =
        store_cached(s,
                     "INSERT OR REPLACE INTO guest_aliases (kind, value, guest_id) "
                     "VALUES (?1, CASE WHEN ?1 = 'email' THEN lower(?2) ELSE ?2 END, "
                     "?3)",
                     doing);
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, kind);
    store_bind_text(s, st, 2, value);
    store_bind_text(s, st, 3, guest_id);
    return store_step_done(s, st, doing);
}

static StoreStatus guest_by_key(Store *s, const char *kind, const char *value, Guest *out)
{
    char id[ID_LEN + 1];
    int found = store_resolve_key(s, kind, value, id);
    if (found < 0)
        return STORE_ERROR;
    if (found == 0)
        return STORE_NOT_FOUND;
    return store_guest_by_id(s, id, "read a guest", out);
}

StoreStatus store_guest_get(Store *s, const char *id, Guest *out)
{
    return guest_by_key(s, "id", id, out);
}

StoreStatus store_guest_by_code(Store *s, const char *code, Guest *out)
{
    return guest_by_key(s, "code", code, out);
}

StoreStatus store_guests_by_name(Store *s, const char *first, const char *last, const char *company,
                                 const char *email, GuestList *out)
{
    if (!first || !*first || !last || !*last)
        return store_failf(s, STORE_INVALID, "a first and a last name are needed");
    sqlite3_stmt *st = store_cached(
        s,
        "SELECT " STORE_GUEST_COLUMNS " FROM guests "
        "WHERE lanyard_fold(first) = lanyard_fold(?1) AND lanyard_fold(last) = lanyard_fold(?2) "
        "AND (?3 = '' OR lanyard_fold(company) = lanyard_fold(?3)) "
        "AND (?4 = '' OR lower(email) = lower(?4)) ORDER BY id",
        "look up a guest by name");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, first);
    store_bind_text(s, st, 2, last);
    store_bind_text(s, st, 3, company);
    store_bind_text(s, st, 4, email);
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        Guest *g = guest_list_push(out);
        if (!g || store_read_guest(st, 0, g) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot look up a guest: out of memory");
            break;
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "look up a guest by name");
    store_finish(s, st);
    return status;
}

StoreStatus store_each_guest(Store *s, int (*fn)(const Guest *g, void *ud), void *ud)
{
    sqlite3_stmt *st =
        store_cached(s, "SELECT " STORE_GUEST_COLUMNS " FROM guests", "read the guests");
    if (!st)
        return STORE_ERROR;
    Guest g;
    guest_init(&g);
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        if (store_read_guest(st, 0, &g) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot read the guests: out of memory");
            break;
        }
        if (fn(&g, ud) != 0)
            break;
    }
    if (status == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = store_fail(s, "read the guests");
    guest_clear(&g);
    store_finish(s, st);
    return status;
}

StoreStatus store_guests_by_code_part(Store *s, const char *part, size_t max, GuestList *out,
                                      bool *more)
{
    *more = false;
    if (!part || strlen(part) < STORE_CODE_PART_MIN)
        return store_failf(s, STORE_INVALID, "give at least %d characters of a code",
                           STORE_CODE_PART_MIN);
    sqlite3_stmt *st =
        store_cached(s,
                     "SELECT " STORE_GUEST_COLUMNS " FROM guests WHERE id IN ("
                     "SELECT id FROM guests WHERE code <> '' AND instr(lower(code), lower(?1)) > 0 "
                     "UNION SELECT guest_id FROM guest_aliases WHERE kind = 'code' "
                     "AND instr(lower(value), lower(?1)) > 0) ORDER BY code, id LIMIT ?2",
                     "look up a guest by code");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, part);
    store_bind_int(s, st, 2, (int64_t)max + 1);
    int rc;
    size_t n = 0;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        if (n++ == max) {
            *more = true;
            continue;
        }
        Guest *g = guest_list_push(out);
        if (!g || store_read_guest(st, 0, g) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot look up a guest: out of memory");
            break;
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "look up a guest by code");
    store_finish(s, st);
    return status;
}

/* ---- writing guests ---- */

static const char INSERT_GUEST[] =
    "INSERT INTO guests (id, code, first, last, company, title, email, phone, role, walk_in, "
    "consent, kiosk, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";

void store_bind_guest(Store *s, sqlite3_stmt *st, const Guest *g)
{
    store_bind_text(s, st, 2, g->code);
    store_bind_text(s, st, 3, g->first);
    store_bind_text(s, st, 4, g->last);
    store_bind_text(s, st, 5, g->company);
    store_bind_text(s, st, 6, g->title);
    store_bind_text(s, st, 7, g->email);
    store_bind_text(s, st, 8, g->phone);
    store_bind_int(s, st, 9, (int)g->role);
    store_bind_int(s, st, 10, g->walk_in);
    store_bind_int(s, st, 11, g->consent);
}

/* 1 when a code is already in use (by a guest or a merged-away record). */
static int code_taken(Store *s, const char *code)
{
    char id[ID_LEN + 1];
    return store_resolve_key(s, "code", code, id);
}

/* checkin: when not NULL, a walk-in added is checked in in the same
 * transaction (left zeroed when no one is added). */
static StoreStatus walkin_add(Store *s, Guest *g, bool walk_ins_only, const char *kiosk,
                              const char *printer, int64_t now, bool *added, CheckinResult *checkin)
{
    if (added)
        *added = false;
    if (checkin)
        memset(checkin, 0, sizeof *checkin);
    if (!g->first || !*g->first)
        return store_failf(s, STORE_INVALID, "a walk-in needs a first name");
    if (store_begin(s, "add a walk-in") != STORE_OK)
        return STORE_ERROR;
    StoreStatus status = STORE_OK;
    /* The person as typed: no id or code yet, whatever g held before. */
    static char NO_CODE[] = "";
    Guest typed = *g; /* shallow: only to be matched */
    typed.id[0] = '\0';
    typed.code = NO_CODE;
    Guest stored;
    guest_init(&stored);
    int found = store_match_find(s, &typed, walk_ins_only, NULL, &stored, "add a walk-in");
    if (found > 0) {
        /* The same person registering again: keep one guest, as stored. g
         * takes the stored record; what was typed goes with `stored`. */
        Guest was = *g;
        *g = stored;
        stored = was;
    }
    guest_clear(&stored);
    if (found != 0) {
        store_rollback(s);
        return found > 0 ? STORE_OK : STORE_ERROR;
    }
    char code[WALKIN_CODE_LEN + 1];
    /* 40 random bits: a collision is rare, but cheap to rule out here. */
    for (int tries = 0; status == STORE_OK; tries++) {
        walkin_code_new(code);
        int taken = code_taken(s, code);
        if (taken < 0)
            status = STORE_ERROR;
        else if (!taken)
            break;
        else if (tries > 100)
            status = store_failf(s, STORE_ERROR, "cannot make a unique walk-in code");
    }
    sqlite3_stmt *st = status == STORE_OK ? store_cached(s, INSERT_GUEST, "add a walk-in") : NULL;
    if (status == STORE_OK && !st)
        status = STORE_ERROR;
    if (status == STORE_OK) {
        char id[ID_LEN + 1];
        id_random(id);
        Guest tmp = *g; /* shallow: only to bind the new code and flags */
        tmp.code = code;
        tmp.walk_in = true;
        store_bind_text(s, st, 1, id);
        store_bind_guest(s, st, &tmp);
        store_bind_text(s, st, 12, kiosk);
        store_bind_time(s, st, 13, now);
        if (store_step(s, st) != SQLITE_DONE) {
            status = store_fail(s, "add a walk-in");
        } else if (guest_set(&g->code, code) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot add a walk-in: out of memory");
        } else {
            memcpy(g->id, id, sizeof g->id);
            g->walk_in = true;
            g->updated_at = now;
        }
    }
    store_finish(s, st);
    if (status == STORE_OK)
        status = store_audit(s, kiosk, now, "walk-in", g->id, g->code);
    if (status == STORE_OK && checkin)
        status = store_checkin_insert(s, g->id, kiosk, now, NULL, checkin);
    if (status == STORE_OK && checkin && printer)
        status = store_checkin_hold(s, g->id, printer, now);
    if (status == STORE_OK)
        status = store_commit(s, "add a walk-in");
    if (status != STORE_OK && checkin)
        memset(checkin, 0, sizeof *checkin);
    else
        store_rollback(s);
    if (status == STORE_OK && added)
        *added = true;
    return status;
}

StoreStatus store_walkin_add(Store *s, Guest *g, const char *kiosk, int64_t now, bool *added)
{
    return walkin_add(s, g, false, kiosk, NULL, now, added, NULL);
}

StoreStatus store_walkin_checkin(Store *s, Guest *g, bool walk_ins_only, const char *kiosk,
                                 const char *printer, int64_t now, bool *added, CheckinResult *out)
{
    return walkin_add(s, g, walk_ins_only, kiosk, printer, now, added, out);
}

StoreStatus store_walkin_add_new(Store *s, Guest *g, const char *kiosk, int64_t now, bool *added)
{
    return walkin_add(s, g, true, kiosk, NULL, now, added, NULL);
}

StoreStatus store_guest_set_consent(Store *s, const char *guest_id, bool consent, int64_t now)
{
    char id[ID_LEN + 1];
    int found = store_resolve_key(s, "id", guest_id, id);
    if (found < 0)
        return STORE_ERROR;
    if (!found)
        return store_failf(s, STORE_NOT_FOUND, "no guest has the id '%s'", guest_id);
    /* updated_at moves only on a real change, so merges see no false edits. */
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE guests SET consent = ?2, updated_at = ?3 "
                                    "WHERE id = ?1 AND consent <> ?2",
                                    "save the consent");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    store_bind_int(s, st, 2, consent);
    store_bind_time(s, st, 3, now);
    return store_step_done(s, st, "save the consent");
}

/* Appends ` field: "old" -> "new"` to the audit line f when the two differ;
 * true when they do. */
static bool note_change(FILE *f, const char *field, const char *old, const char *new)
{
    if (strcmp(old, new) == 0)
        return false;
    fprintf(f, "%s%s: \"%s\" -> \"%s\"", ftell(f) > 0 ? "; " : "", field, old, new);
    return true;
}

StoreStatus store_guest_changes(Store *s, const Guest *was, const Guest *g, char **detail,
                                bool *changed)
{
    *changed = false;
    size_t len = 0;
    FILE *f = open_memstream(detail, &len);
    if (!f)
        return store_failf(s, STORE_ERROR, "cannot correct a guest: out of memory");
    const char *names[] = {"first", "last", "company", "title", "email", "phone"};
    const char *old[] = {was->first, was->last, was->company, was->title, was->email, was->phone};
    const char *now_[] = {g->first, g->last, g->company, g->title, g->email, g->phone};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        *changed |= note_change(f, names[i], old[i], now_[i]);
    if (fclose(f) != 0) {
        free(*detail);
        *detail = NULL;
        *changed = false;
        return store_failf(s, STORE_ERROR, "cannot correct a guest: out of memory");
    }
    return STORE_OK;
}

/* Writes the edited fields of g over the stored guest id (cur). */
static StoreStatus write_edit(Store *s, const char *id, const Guest *g, int64_t now)
{
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE guests SET first = ?3, last = ?4, company = ?5, "
                                    "title = ?6, email = ?7, phone = ?8, updated_at = ?12 "
                                    "WHERE id = ?1",
                                    "correct a guest");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    store_bind_guest(s, st, g);
    store_bind_time(s, st, 12, now);
    return store_step_done(s, st, "correct a guest");
}

StoreStatus store_guest_edit(Store *s, const Guest *g, const char *kiosk, const char *action,
                             int64_t now, bool *changed)
{
    *changed = false;
    if (!g->first[0] && !g->last[0])
        return store_failf(s, STORE_INVALID, "a guest needs a first or a last name");
    if (store_begin(s, "correct a guest") != STORE_OK)
        return STORE_ERROR;
    char id[ID_LEN + 1];
    int found = store_resolve_key(s, "id", g->id, id);
    StoreStatus status = found < 0 ? STORE_ERROR
                         : !found
                             ? store_failf(s, STORE_NOT_FOUND, "no guest has the id '%s'", g->id)
                             : STORE_OK;
    Guest cur;
    guest_init(&cur);
    if (status == STORE_OK)
        status = store_guest_by_id(s, id, "read a guest", &cur);
    char *detail = NULL;
    if (status == STORE_OK)
        status = store_guest_changes(s, &cur, g, &detail, changed);
    if (status == STORE_OK && *changed)
        status = write_edit(s, id, g, now);
    if (status == STORE_OK && *changed)
        status = store_audit(s, kiosk, now, action, id, detail);
    free(detail);
    guest_clear(&cur);
    if (status == STORE_OK && *changed)
        status = store_commit(s, "correct a guest");
    else
        store_rollback(s);
    if (status != STORE_OK)
        *changed = false;
    return status;
}

/* ---- import ---- */

static bool differs(const char *stored, const char *incoming)
{
    return incoming && *incoming && strcmp(stored, incoming) != 0;
}

/* A code for a listed guest whose list gives none, so the badge's QR code
 * finds the guest at any kiosk as a walk-in's does (SPEC §4). It is derived
 * from the guest's id rather than random: the id is derived from the list
 * (core/import.h), so re-importing the list, or importing it on another
 * kiosk, gives the guest the same code, and a merge sees one guest with one
 * code. It has the walk-in form ("W-7K3M-Q9XD"), which the same-guest rule
 * (core/guest_match.h) reads as issued by a kiosk: two records sharing it are
 * one person, but it never shows two records to be two people, so a kiosk
 * that later imports the list with its real codes still finds the guest by
 * email or name, and the real code replaces it (kept as an alias). The form
 * is Lanyard's own, so no registration system's code takes it; one taken
 * here already (40 bits rarely collide) moves on to the next attempt. */
static StoreStatus listed_code(Store *s, const char *id, char code[WALKIN_CODE_LEN + 1])
{
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        walkin_code_derived(id, attempt, code);
        int taken = code_taken(s, code);
        if (taken < 0)
            return STORE_ERROR;
        if (!taken)
            return STORE_OK;
    }
    return store_failf(s, STORE_ERROR, "cannot make a unique code for guest %s", id);
}

/* Updates a known guest (cur, as stored) with what the list says. An empty cell never blanks a
 * stored value, and consent and the walk-in flag belong to the kiosk, not to
 * the registration list. 1 updated, 0 unchanged, -1 error. */
static int import_update(Store *s, const Guest *cur, const Guest *in, int64_t now)
{
    const char *id = cur->id;
    /* A guest imported without a code before codes were made for them. */
    char made[WALKIN_CODE_LEN + 1] = "";
    if (!cur->code[0] && !(in->code && *in->code) && listed_code(s, id, made) != STORE_OK)
        return -1;
    bool changed = made[0] || differs(cur->code, in->code) || differs(cur->first, in->first) ||
                   differs(cur->last, in->last) || differs(cur->company, in->company) ||
                   differs(cur->title, in->title) || differs(cur->email, in->email) ||
                   differs(cur->phone, in->phone) || cur->role != in->role;
    /* A walk-in found on the list takes the list's code; the code on the
     * badge they wear stays theirs, as an alias. */
    if (differs(cur->code, in->code) && cur->code[0] &&
        store_alias_add(s, "code", cur->code, id, "import guests") != STORE_OK)
        return -1;
    if (!changed)
        return 0;
    if (in->code && *in->code) {
        char other[ID_LEN + 1];
        int taken = store_resolve_key(s, "code", in->code, other);
        if (taken < 0)
            return -1;
        if (taken && strcmp(other, id) != 0) {
            store_failf(s, STORE_ERROR,
                        "cannot import: registration code %s would belong to two guests (%s %s "
                        "and another guest)",
                        in->code, in->first, in->last);
            return -1;
        }
    }
    sqlite3_stmt *st = store_cached(s,
                                    "UPDATE guests SET "
                                    "code = CASE WHEN ?2 <> '' THEN ?2 ELSE code END, "
                                    "first = CASE WHEN ?3 <> '' THEN ?3 ELSE first END, "
                                    "last = CASE WHEN ?4 <> '' THEN ?4 ELSE last END, "
                                    "company = CASE WHEN ?5 <> '' THEN ?5 ELSE company END, "
                                    "title = CASE WHEN ?6 <> '' THEN ?6 ELSE title END, "
                                    "email = CASE WHEN ?7 <> '' THEN ?7 ELSE email END, "
                                    "phone = CASE WHEN ?8 <> '' THEN ?8 ELSE phone END, "
                                    "role = ?9, updated_at = ?12 WHERE id = ?1",
                                    "import guests");
    if (!st)
        return -1;
    Guest tmp = *in; /* shallow: only to bind a code made here */
    if (made[0])
        tmp.code = made;
    store_bind_text(s, st, 1, id);
    store_bind_guest(s, st, &tmp);
    store_bind_time(s, st, 12, now);
    return store_step_done(s, st, "import guests") == STORE_OK ? 1 : -1;
}

/* Keeps the ticket barcode of a listed guest as one more code of theirs, so
 * scanning the ticket finds them. A barcode that is already another guest's
 * code fails the import, as a repeated registration code does. */
static StoreStatus keep_barcode(Store *s, const char *id, const Guest *g)
{
    if (!g->barcode[0])
        return STORE_OK;
    char other[ID_LEN + 1];
    int taken = store_resolve_key(s, "code", g->barcode, other);
    if (taken < 0)
        return STORE_ERROR;
    if (taken && strcmp(other, id) == 0)
        return STORE_OK;
    if (taken)
        return store_failf(s, STORE_ERROR,
                           "cannot import: ticket barcode %s of %s %s is another guest's code",
                           g->barcode, g->first, g->last);
    return store_alias_add(s, "code", g->barcode, id, "import guests");
}

static int import_insert(Store *s, sqlite3_stmt *ins, const Guest *g, int64_t now,
                         char id[ID_LEN + 1])
{
    if (strlen(g->id) == ID_LEN)
        memcpy(id, g->id, ID_LEN + 1);
    else
        id_random(id);
    char made[WALKIN_CODE_LEN + 1];
    Guest tmp = *g;
    if (!g->code[0]) {
        if (listed_code(s, id, made) != STORE_OK)
            return -1;
        tmp.code = made;
    }
    store_reset(s, ins);
    store_bind_text(s, ins, 1, id);
    tmp.walk_in = false;
    store_bind_guest(s, ins, &tmp);
    store_bind_text(s, ins, 12, "");
    store_bind_time(s, ins, 13, now);
    if (store_step(s, ins) != SQLITE_DONE) {
        store_fail(s, "import guests");
        return -1;
    }
    return 0;
}

StoreStatus store_import_guests(Store *s, const GuestList *guests, ImportReport *rep, int64_t now)
{
    rep->added = rep->updated = rep->unchanged = 0;
    if (store_begin(s, "import guests") != STORE_OK)
        goto fail;
    /* Rows are matched against the guests known before the import: the list
     * itself was merged by the same rule when it was read. */
    if (store_names_index(s) != STORE_OK)
        goto fail;
    sqlite3_stmt *ins = store_cached(s, INSERT_GUEST, "import guests");
    if (!ins)
        goto fail;
    size_t added = 0, updated = 0, unchanged = 0;
    Guest cur; /* the stored guest a row is */
    guest_init(&cur);
    for (size_t i = 0; i < guests->count; i++) {
        const Guest *g = &guests->items[i];
        char id[ID_LEN + 1];
        int found = store_match_find(s, g, false, NULL, &cur, "import guests");
        int rc = found < 0 ? -1
                 : found   ? import_update(s, &cur, g, now)
                           : import_insert(s, ins, g, now, id);
        if (found > 0)
            memcpy(id, cur.id, sizeof id);
        if (rc >= 0 && keep_barcode(s, id, g) != STORE_OK)
            rc = -1;
        if (rc < 0) {
            guest_clear(&cur);
            store_finish(s, ins);
            goto fail;
        }
        if (!found)
            added++;
        else if (rc)
            updated++;
        else
            unchanged++;
    }
    guest_clear(&cur);
    store_finish(s, ins);
    store_names_unindex(s);
    if (store_commit(s, "import guests") != STORE_OK)
        goto fail;
    rep->added = added;
    rep->updated = updated;
    rep->unchanged = unchanged;
    return STORE_OK;
fail:
    store_names_unindex(s);
    store_rollback(s);
    text_copy(rep->error, sizeof rep->error, s->err);
    return STORE_ERROR;
}
