/* store.h — the event database: the only module that speaks SQL.
 *
 * One SQLite file per kiosk, WAL with synchronous=FULL, so a function that
 * returns STORE_OK after a write has the write on disk. Schema versioned through
 * PRAGMA user_version with forward migrations; PRAGMA application_id marks the
 * file as Lanyard's. Rows that travel between kiosks (guests, attendance,
 * interests, audit) have 128-bit ids; times are ms UTC, stored as ISO 8601 text.
 *
 * A Store is used from one thread. Worker threads (printing, sync) open their own.
 * Functions return a StoreStatus; store_errmsg() says what went wrong, in words a
 * staff member can act on ("cannot write /x/event.db: disk full"). */
#ifndef LANYARD_STORE_H
#define LANYARD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event_ident.h"
#include "core/export.h"
#include "core/guest.h"
#include "core/import.h"

typedef struct Store Store;

typedef enum StoreStatus {
    STORE_OK = 0,
    STORE_NOT_FOUND,   /* no such guest / code */
    STORE_AMBIGUOUS,   /* several guests match a name */
    STORE_INVALID,     /* bad argument: empty name, ... */
    STORE_ERROR,       /* I/O, corruption, full disk, not a Lanyard database */
    STORE_OTHER_EVENT, /* a merge input of another event than the output's */
} StoreStatus;

enum {
    STORE_OPEN_CREATE = 1 << 0,   /* create the file if missing */
    STORE_OPEN_READONLY = 1 << 1, /* exports, stats, merge inputs */
};

/* Opens (and migrates) a database. On failure returns STORE_ERROR, *out = NULL,
 * and err holds a message naming the file; a file that is not a Lanyard database,
 * is corrupt, is a directory, cannot be written, was made by a newer version or
 * lacks a table is left byte-for-byte untouched, and so is a -wal or -journal
 * beside it that belongs to another database (with the file). A path through
 * symbolic links opens the file they lead to. */
StoreStatus store_open(const char *path, unsigned flags, Store **out, char *err, size_t errlen);
void store_close(Store *s);
const char *store_errmsg(const Store *s);
const char *store_path(const Store *s);

/* ---- guests ---- */

/* A guest by id or registration code; out must be initialised (guest_init) and
 * its strings are replaced. Ids and codes of records a merge folded into
 * another guest still find that guest. STORE_NOT_FOUND when none. */
StoreStatus store_guest_get(Store *s, const char *id, Guest *out);
StoreStatus store_guest_by_code(Store *s, const char *code, Guest *out);
/* Guests whose first and last name match (case/accent-insensitive), narrowed by
 * company and/or email when given (NULL or "" = not given). out gets all matches. */
StoreStatus store_guests_by_name(Store *s, const char *first, const char *last, const char *company,
                                 const char *email, GuestList *out);
/* Guests one of whose codes (registration code, ticket barcode, or a code a
 * merge or an import kept) contains part, ignoring case; part has at least
 * STORE_CODE_PART_MIN characters (else STORE_INVALID). Ordered by code, at
 * most max appended to out; *more is true when others matched too. */
#define STORE_CODE_PART_MIN 3
StoreStatus store_guests_by_code_part(Store *s, const char *part, size_t max, GuestList *out,
                                      bool *more);
/* Calls fn for every guest (order unspecified). Stops early if fn returns non-zero. */
StoreStatus store_each_guest(Store *s, int (*fn)(const Guest *g, void *ud), void *ud);

/* Creates a walk-in: fills g->id and g->code (unique across kiosks), sets
 * walk_in, commits, and sets *added (may be NULL). If the person is already a
 * guest by the one rule of core/guest_match.h (asked of g as typed, with no
 * code: the same email under a name that does not clearly differ, or the same
 * name and company with no other email), adds nobody: g becomes that guest as
 * stored (the stored fields, not the typed ones; g->walk_in says whether it is
 * an earlier walk-in or a registration) and *added is false. A colleague
 * giving a shared email under another name, or a second "Sam Lee" with no
 * company, is a new guest. */
StoreStatus store_walkin_add(Store *s, Guest *g, const char *kiosk, int64_t now, bool *added);
/* The same for someone who said they are not the pre-registered guest the rule
 * found: only walk-ins are matched, so the same walk-in typed twice is still
 * one guest, and anyone else is added as a new one. */
StoreStatus store_walkin_add_new(Store *s, Guest *g, const char *kiosk, int64_t now, bool *added);

/* The pre-registered guest g is by the one rule of core/guest_match.h,
 * asked as store_walkin_add asks it (g as typed, with no id or code), the
 * guest except (an id; NULL: none) left out: a walk-in correcting their
 * details is not someone else. STORE_OK with out (initialised; its strings
 * replaced) that guest; STORE_NOT_FOUND when the rule finds nobody else, or
 * an earlier walk-in. */
StoreStatus store_guest_registration(Store *s, const Guest *g, const char *except, Guest *out);

/* Applies parsed guests in one transaction. Each is matched against the
 * stored guests by the one rule of core/guest_match.h (ids and codes a merge
 * folded away count); a known guest is updated (an empty cell never blanks a
 * value; a code the list replaces stays an alias, so a walk-in's badge still
 * finds them), anyone else added. A guest's ticket barcode (Guest.barcode) is
 * kept as one more code of theirs, so store_guest_by_code finds them by it.
 * A guest the list gives no code is given one derived from their id
 * (walkin_code_derived), the same on every kiosk that imports the list, for
 * their badge's QR code. Fills rep->added/updated/unchanged. All or nothing; on failure rep->error
 * holds store_errmsg. */
StoreStatus store_import_guests(Store *s, const GuestList *guests, ImportReport *rep, int64_t now);

/* Replaces the catalogue: programs in the list are added or updated (list order
 * is catalogue order); programs no longer listed are hidden, not deleted, so
 * interests in them survive. All or nothing; on failure rep->error holds
 * store_errmsg. */
StoreStatus store_import_programs(Store *s, const ProgramList *programs, ImportReport *rep,
                                  int64_t now);

/* A correction of a guest (g->id, or an id a merge folded): writes g's
 * first and last name, company, title, email and phone over the stored ones,
 * and an audit record of action (staff's "edit", a walk-in's own "walk-in
 * edit") with each changed field's old and new value
 * (`last: "Garcia" -> "García"`), in one transaction. *changed says whether
 * anything differed (nothing is written when not). STORE_INVALID when both
 * names would be empty; STORE_NOT_FOUND for an unknown id. */
StoreStatus store_guest_edit(Store *s, const Guest *g, const char *kiosk, const char *action,
                             int64_t now, bool *changed);

/* Sets the guest's consent to be contacted about partnering. */
StoreStatus store_guest_set_consent(Store *s, const char *guest_id, bool consent, int64_t now);

/* Visible programs in catalogue order. */
StoreStatus store_programs(Store *s, ProgramList *out);
/* One program by code, shown or hidden, into out (initialised); STORE_NOT_FOUND
 * when no program has it. */
StoreStatus store_program_get(Store *s, const char *code, Program *out);

/* ---- check-in ---- */

typedef struct CheckinResult {
    char guest_id[ID_LEN + 1]; /* who: the id asked for, or the guest a merge folded it into */
    char attendance_id[ID_LEN + 1];
    bool already;          /* the guest was already checked in: no new row */
    int64_t checked_in_at; /* of the (existing or new) attendance */
} CheckinResult;

/* Checks a guest in, committed durably before returning STORE_OK. */
StoreStatus store_checkin(Store *s, const char *guest_id, const char *kiosk, int64_t now,
                          CheckinResult *out);
/* The same, done by staff for the guest (from the guest's page): a new
 * check-in is also written to the audit trail as "staff check-in". */
StoreStatus store_checkin_staff(Store *s, const char *guest_id, const char *kiosk, int64_t now,
                                CheckinResult *out);
/* store_walkin_add, or store_walkin_add_new when walk_ins_only; a walk-in
 * added is checked in within the same transaction (out, as store_checkin
 * fills it), so no crash or power cut leaves a walk-in without the check-in
 * they were told of. When nobody is added, out is zeroed and nothing is
 * checked in: g is the guest found, as store_walkin_add says. With printer
 * (not NULL), the check-in of a walk-in added gets a held badge job on it in
 * the same transaction, as store_checkin_held does. */
StoreStatus store_walkin_checkin(Store *s, Guest *g, bool walk_ins_only, const char *kiosk,
                                 const char *printer, int64_t now, bool *added, CheckinResult *out);

/* Undoes the guest's active check-in (kept as an audit record, never deleted).
 * The visit's interests are retracted and its consent withdrawn with it, so
 * the guest leaves followup.csv and the interest counts and starts afresh if
 * checked in again; the audit record keeps them as they were. */
StoreStatus store_checkin_undo(Store *s, const char *guest_id, const char *kiosk, int64_t now);
/* What a guest picked on Interests: program codes, partnership kind keys
 * (PARTNERSHIP_KINDS) and their consent. */
typedef struct StorePicks {
    const char *const *programs;
    size_t nprograms;
    const char *const *kinds;
    size_t nkinds;
    bool consent;
} StorePicks;

/* A walk-in who corrected their details into a pre-registered guest's
 * (typed: the walk-in's id with the fields as corrected) is that guest, in
 * one transaction: guest_id is checked in (out, as store_checkin fills it;
 * out->already when they were, whose check-in and badge stay as they are;
 * else a held badge job on printer, when not NULL), the walk-in's check-in
 * undone (as store_checkin_undo does) and their held badge dropped, the
 * walk-in record folded into the guest as a merge folds one (its id and
 * code find the guest from now on; its check-in and audit records are the
 * guest's) and deleted, picks added to the guest's interests (theirs from
 * before stay, so a guest checked in before loses none of their earlier
 * picks) and their consent given when picks gives it (never withdrawn here),
 * and an audit record "walk-in to registration" naming both and what was
 * corrected. STORE_INVALID when typed is not a walk-in or guest_id is one. */
StoreStatus store_walkin_move(Store *s, const Guest *typed, const char *guest_id,
                              const StorePicks *picks, const char *kiosk, const char *printer,
                              int64_t now, CheckinResult *out);
/* A guest's check-in that counts (the one attendance.csv lists), if any. */
typedef struct CheckinState {
    bool checked_in;
    int64_t checked_in_at; /* ms UTC, when checked_in */
    bool badge_printed;
} CheckinState;

/* The guest's check-in state: one guest's row, not a walk of the attendance. */
StoreStatus store_checkin_state(Store *s, const char *guest_id, CheckinState *out);
/* True when the guest has an active check-in. */
StoreStatus store_is_checked_in(Store *s, const char *guest_id, bool *out);

/* Replaces the guest's interests with these program codes and partnership kind
 * keys (PARTNERSHIP_KINDS); those no longer listed are retracted, not deleted,
 * so a merge carries the change. One transaction. Unknown codes or keys:
 * STORE_INVALID. */
StoreStatus store_interests_set(Store *s, const char *guest_id, const char *const *programs,
                                size_t nprograms, const char *const *kinds, size_t nkinds,
                                const char *kiosk, int64_t now);
/* The guest's program codes (catalogue order, programs no longer listed after
 * them) and kind keys (PARTNERSHIP_KINDS order), retracted ones left out
 * (malloc'd arrays of malloc'd strings). */
StoreStatus store_interests_get(Store *s, const char *guest_id, char ***programs, size_t *nprograms,
                                char ***kinds, size_t *nkinds);
void store_strings_free(char **v, size_t n);

/* Appends an audit record (who did what, when). */
StoreStatus store_audit(Store *s, const char *kiosk, int64_t now, const char *action,
                        const char *guest_id, const char *detail);

/* ---- export, stats ---- */

/* One row per checked-in guest, ordered by check-in time, then guest id. */
StoreStatus store_each_attendance(Store *s, int (*fn)(const AttendanceRow *r, void *ud), void *ud);
/* One row per (guest, program) interest, ordered by program, then guest name. */
StoreStatus store_each_followup(Store *s, int (*fn)(const FollowupRow *r, void *ud), void *ud);
/* The time (ms UTC) of every check-in that counts: one per guest present, as
 * attendance.csv has them, in no set order. Stops early if fn returns
 * non-zero. For the dashboard's arrivals, without the rows' guests. */
StoreStatus store_each_checkin_time(Store *s, int (*fn)(int64_t at, void *ud), void *ud);
/* Each program code guests are interested in, with how many are (the
 * interests followup.csv lists), in no set order. Stops early if fn returns
 * non-zero. */
StoreStatus store_each_interest_count(Store *s, int (*fn)(const char *code, size_t n, void *ud),
                                      void *ud);
/* Every row of one export to e, begun (export_begin) for the same kind. The
 * store's status; whether the rows were written is export_end's to say. */
StoreStatus store_export(Store *s, ExportKind kind, Exporter *e);

/* The counts, with the one meaning of "checked in" that the exports share: a
 * guest counts once while they have a check-in that is not undone (on several
 * kiosks: the earliest); pre-registered guests and walk-ins apart. So
 * attendance.csv has checked_in rows, registered_in of them "Pre-registered"
 * and walk_ins "Walk-in", and followup.csv has interests rows. */
typedef struct StoreStats {
    size_t guests;                       /* all known guests */
    size_t expected;                     /* pre-registered guests */
    size_t registered_in;                /* pre-registered guests checked in */
    size_t walk_ins;                     /* walk-ins checked in */
    size_t checked_in;                   /* everyone checked in: registered_in + walk_ins */
    size_t programs;                     /* visible programs */
    size_t interests;                    /* (guest, program) interests, withdrawn ones left out */
    size_t undone;                       /* guests whose check-in was undone, not back since */
    int64_t first_checkin, last_checkin; /* 0 when none */
} StoreStats;

StoreStatus store_stats(Store *s, StoreStats *out);

/* ---- settings (small key/value state: imported file fingerprints, PIN lockout) ---- */

/* *value is malloc'd, or NULL with STORE_NOT_FOUND. */
StoreStatus store_setting_get(Store *s, const char *key, char **value);
StoreStatus store_setting_set(Store *s, const char *key, const char *value);

/* Eight hex digits that name this database among others (made and kept the
 * first time they are asked for): the sync copy's name carries them, so two
 * kiosks that share an id (every Pi is "raspberrypi" until named) or one
 * kiosk's databases of two events never write to one copy. machine names the
 * computer asking (NULL: any): a database that goes on on another computer
 * (an SD card cloned for a second kiosk, database and all) gets a tag of its
 * own there, so the two kiosks do not write to one copy either. */
#define STORE_COPY_TAG_LEN 8
StoreStatus store_copy_tag(Store *s, const char *machine, char out[STORE_COPY_TAG_LEN + 1]);

/* ---- the event ---- */

/* The event whose records the database holds (core/event_ident.h): the kiosk
 * records its event.ini's name and date each time it starts, and a merge
 * output takes the event of the first input that records one. STORE_NOT_FOUND
 * when none is recorded: a database made before kiosks recorded their event,
 * or only by `lanyard import`, `checkin` or a merge of such databases. */
StoreStatus store_event_get(Store *s, EventIdent *out);
/* Records the event, name and date in one transaction; nothing is written
 * when it is the one recorded already. */
StoreStatus store_event_set(Store *s, const EventIdent *e);

/* ---- merge ---- */

typedef struct MergeReport {
    size_t guests_added, guests_matched;
    size_t attendance_added;
    size_t interests_added;
    size_t audit_added;
    /* The events the input and the output record (core/event_ident.h), the
     * output's as it was before; *_has_event false when one records none. */
    EventIdent in_event, out_event;
    bool in_has_event, out_has_event;
    bool event_taken; /* the output recorded none and now records the input's */
} MergeReport;

enum {
    STORE_MERGE_ANY_EVENT = 1 << 0, /* merge an input of another event all the same */
};

/* Merges the database at in_path into s. Idempotent and order-independent:
 * guests are matched by the one rule of core/guest_match.h, each through every
 * record it was made of (two tickets under one email stay two guests; the same
 * person met on two kiosks becomes one); the surviving record is the most
 * recently updated (ties broken by content) under the smallest id, and the ids
 * and codes of records folded away still find it; a guest checked in on
 * several kiosks counts once, at the earliest time; interests and audit
 * records are unioned, an interest counting when it was picked after its last
 * retraction on any kiosk. One transaction. (guest_match_choose names the one
 * case where the order of merges can matter.)
 *
 * An input that records another event than s does is refused with
 * STORE_OTHER_EVENT, its file and both events named in store_errmsg, and
 * nothing merged, unless flags has STORE_MERGE_ANY_EVENT. When s records no
 * event, it takes the input's (rep->event_taken); an input that records none
 * merges as part of s's event (older kiosks' files). */
StoreStatus store_merge(Store *s, const char *in_path, unsigned flags, MergeReport *rep);

/* Writes a consistent copy of the database to dest_path with the online backup
 * API (for USB export and the sync folder). */
StoreStatus store_backup(Store *s, const char *dest_path);

#endif
