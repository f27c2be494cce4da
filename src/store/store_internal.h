/* store_internal.h — what the store's source files share and nothing outside
 * src/store/ may include: the Store struct, the schema, and small helpers that
 * turn SQLite results into StoreStatus values with a message a person can act on.
 *
 * Conventions: times are stored as the fixed-width UTC text of time_format_utc
 * (so they sort as text); booleans as 0/1 integers; absent strings as ''. */
#ifndef LANYARD_STORE_INTERNAL_H
#define LANYARD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "core/guest_match.h"
#include "store/store.h"

#define STORE_CACHE_SIZE 96

typedef struct StoreCached {
    const char *sql; /* identity: the address of the statement's literal */
    sqlite3_stmt *st;
    bool in_use;
} StoreCached;

struct Store {
    sqlite3 *db;
    char *path; /* as given, for messages */
    char *file; /* the file it names, symbolic links followed */
    bool readonly;
    bool mark_writes;               /* store_step gives a lone write a transaction (once opened) */
    int txn_rc;                     /* a failure store_step met inside its own transaction */
    char txn_msg[256];              /* ... and its message, for store_fail */
    sqlite3_stmt *txn_st;           /* the statement store_step opened a transaction for */
    sqlite3_int64 changes_at_begin; /* sqlite3_total_changes64 at store_begin */
    int wal_pages;                  /* pages between automatic checkpoints (store.c) */
    int bind_rc; /* first failure of a bind or reset not yet reported (store_step) */
    char err[640];
    StoreCached cache[STORE_CACHE_SIZE];
    bool names_indexed; /* temp.match_names is current (store_names_index) */
    bool names_empty;   /* ... and holds no name */
};

/* The folder part of path ("." when it has none); malloc'd, NULL when out
 * of memory. */
char *store_dir_of(const char *path);

/* "LNYD": marks a SQLite file as a Lanyard event database. */
#define STORE_APPLICATION_ID 0x4C4E5944

/* Reads the first 100 bytes of file (named path in messages) into hdr
 * before SQLite opens it, and checks them: an SQLite file, Lanyard's
 * application_id, a schema this version knows. false with err set. */
bool store_check_header(const char *file, const char *path, unsigned char *hdr, char *err,
                        size_t errlen);
/* The first page of every Lanyard database carries a random 64-bit mark
 * (store_files.c) that pairs it with its -wal and -journal. */
uint64_t store_mark_of(const unsigned char *page1);
/* The page size a database header names. */
uint32_t store_page_size_of(const unsigned char *page1);
/* Whether the -journal and -wal beside file (named shown in messages) belong
 * to the database whose first 100 bytes are page1: true when there are none,
 * when they hold nothing SQLite would apply, or when what they hold is this
 * database's. Otherwise err names both files and nothing was touched.
 * *applied: how many frames or records SQLite would apply. */
bool store_side_files_check(const char *file, const char *shown, const unsigned char *page1,
                            unsigned long *applied, char *err, size_t errlen);
/* Gives the database at file a random mark when it has none, or always when
 * fresh (a file nobody else has open). 1 done, 0 not now (it is open
 * elsewhere, or already marked), -1 error. */
int store_mark_stamp(const char *file, bool fresh);

/* Forward migrations, applied in order, one transaction each; user_version is
 * the number applied. Defined in store_schema.c; new migrations go at the end. */
extern const char *const STORE_MIGRATIONS[];
extern const int STORE_MIGRATION_COUNT;
/* A file opened read-only is never migrated (exports, stats and merge inputs
 * may sit on a stick made by an older kiosk). STORE_READ_COMPAT[N] lets such a
 * connection read a file of version N as if it were N+1: temporary views,
 * which shadow the file's tables of the same name, with the columns migration
 * N added at their neutral values (NULL when none). A later migration that
 * changes the same table again replaces that view with one adding both. */
extern const char *const STORE_READ_COMPAT[];
/* Whether every table and column the file's migrations made is there (a
 * table dropped by hand is found at open, not by the first write that needs
 * it); STORE_ERROR naming what is missing. */
StoreStatus store_schema_check(Store *s);

/* Words a staff member can act on for an SQLite result that comes from the
 * file rather than from a bug ("disk full"); NULL for the others. */
const char *store_plain_error(int rc);
/* The same for a failure on connection db (may be NULL): an I/O error whose
 * system error was ENOSPC or EDQUOT, or on a disk with no block left, is a
 * full disk too (SQLite says "disk I/O error" when a full disk fails a flush,
 * a truncate or the shared-memory file rather than a write). */
const char *store_plain_error_db(sqlite3 *db, int rc);
/* Sets the error message from the failure a binder kept, or else from the
 * connection's last error, prefixed by what was being done ("check in"),
 * naming the file; returns STORE_ERROR. */
StoreStatus store_fail(Store *s, const char *doing);
/* Sets a free-form message; returns st. */
StoreStatus store_failf(Store *s, StoreStatus st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Runs SQL without results; STORE_OK or store_fail(doing). */
StoreStatus store_exec(Store *s, const char *sql, const char *doing);
/* Prepares one statement, to be released with sqlite3_finalize; NULL after
 * store_fail(doing). */
sqlite3_stmt *store_prepare(Store *s, const char *sql, const char *doing);
/* The same, kept prepared for the next call (sql must be a string literal or
 * otherwise outlive s); released with store_finish, never sqlite3_finalize. */
sqlite3_stmt *store_cached(Store *s, const char *sql, const char *doing);
/* Resets a cached statement for its next use, or finalizes any other. */
void store_finish(Store *s, sqlite3_stmt *st);

/* Binding a statement's values. A binder does not return its result: the
 * first failure (SQLITE_TOOBIG, SQLITE_NOMEM, SQLITE_RANGE...) is kept in the
 * Store, the next store_step answers it instead of running a statement with a
 * value missing, and store_fail reports it. So each statement has one result
 * to check, its step's, however many values it takes. text NULL binds ''; a
 * time is bound as UTC text. */
void store_bind_text(Store *s, sqlite3_stmt *st, int idx, const char *v);
void store_bind_time(Store *s, sqlite3_stmt *st, int idx, int64_t ms);
void store_bind_int(Store *s, sqlite3_stmt *st, int idx, int64_t v);
void store_bind_null(Store *s, sqlite3_stmt *st, int idx);
/* A guest's own fields at ?2..?11, in the guests table's column order: code,
 * first, last, company, title, email, phone, role, walk_in, consent. */
void store_bind_guest(Store *s, sqlite3_stmt *st, const Guest *g);
/* Rewinds st to run it again (its values stay bound); a failure is kept as a
 * binder's is. */
void store_reset(Store *s, sqlite3_stmt *st);
/* sqlite3_step, or the failure a binder or store_reset kept since the last
 * store_fail, without running st. */
int store_step(Store *s, sqlite3_stmt *st);

/* Steps a statement that returns no rows once and releases it with
 * store_finish; STORE_OK, or store_fail(doing) when it did not run to the end. */
StoreStatus store_step_done(Store *s, sqlite3_stmt *st, const char *doing);

/* BEGIN IMMEDIATE (takes the write lock up front so a busy kiosk waits on
 * busy_timeout instead of failing half-way), COMMIT, ROLLBACK. A rollback
 * that fails adds why to the message already set. */
StoreStatus store_begin(Store *s, const char *doing);
StoreStatus store_commit(Store *s, const char *doing);
void store_rollback(Store *s);

/* Writes the event's name and date settings, inside the caller's
 * transaction (store_event_set makes one; a merge output takes an input's
 * in the merge's). */
StoreStatus store_event_write(Store *s, const EventIdent *e);

/* A column as text, never NULL. */
const char *store_col_text(sqlite3_stmt *st, int col);
/* A UTC text column as ms; 0 when NULL or malformed. */
int64_t store_col_time(sqlite3_stmt *st, int col);

/* The one meaning of "checked in": an attendance row (of table alias t) that
 * counts is neither undone nor a merge's duplicate of an earlier check-in of
 * the same guest, so each guest present counts once. Stats, the exports, the
 * dashboard and check-in itself all ask this. */
#define STORE_COUNTED_OF(t) "(" t "undone_at IS NULL AND " t "duplicate_of IS NULL)"
#define STORE_COUNTED STORE_COUNTED_OF("")

/* Whether an interest row (of table alias t, "" or "i.") counts: picked after
 * its last retraction. Times are fixed-width UTC text, so they compare as text. */
#define STORE_INTEREST_ACTIVE_OF(t)                                                                \
    "(" t "retracted_at IS NULL OR " t "created_at > " t "retracted_at)"
#define STORE_INTEREST_ACTIVE STORE_INTEREST_ACTIVE_OF("")

/* Guests are read with these columns, in this order, by store_read_guest;
 * STORE_GUEST_COLUMNS_OF("g.") qualifies them for joins. */
#define STORE_GUEST_COLUMNS_OF(t)                                                                  \
    t "id, " t "code, " t "first, " t "last, " t "company, " t "title, " t "email, " t "phone, " t \
      "role, " t "walk_in, " t "consent, " t "updated_at"
#define STORE_GUEST_COLUMNS STORE_GUEST_COLUMNS_OF("")
/* Fills g (initialised) from columns first..first+11 of st. 0, or -1 on ENOMEM. */
int store_read_guest(sqlite3_stmt *st, int first, Guest *g);
/* The guest whose own id is id (not an alias: store_resolve_key finds those)
 * into out (initialised; its strings replaced). STORE_NOT_FOUND, with no
 * message, when there is none; a failure is reported as failing to `doing`. */
StoreStatus store_guest_by_id(Store *s, const char *id, const char *doing, Guest *out);

/* The canonical guest id for any id, code or email ('id'|'code'|'email' kind)
 * known to the database, directly or as an alias left by a merge. An id or a
 * code belongs to one guest; an email may be several guests' (colleagues), so
 * 'email' gives the one with the smallest id, and deciding who a person is
 * belongs to store_match_find. 1 found (out filled), 0 not found, -1 SQLite
 * error (message set). */
int store_resolve_key(Store *s, const char *kind, const char *value, char out[ID_LEN + 1]);
/* Keeps (kind, value) as an alias of guest_id ('id'|'code'|'email'; emails in
 * lower case), replacing whom it named before, so store_resolve_key finds the
 * guest by it: a merged-away record's id or code, a code an import replaced,
 * a ticket barcode. An empty value is no alias (STORE_OK); a failure is
 * reported as failing to `doing`. */
StoreStatus store_alias_add(Store *s, const char *kind, const char *value, const char *guest_id,
                            const char *doing);

/* ---- which stored guest a record is (store_match.c) ----
 *
 * The decision is core/guest_match.h's; these pre-select candidates with SQL
 * and load each as the rule sees it. */

/* A small set of guest ids. */
typedef struct StoreIds {
    char (*ids)[ID_LEN + 1];
    size_t n, cap;
} StoreIds;

int store_ids_add(StoreIds *set, const char *id); /* once; 0 or -1 (ENOMEM) */
void store_ids_free(StoreIds *set);

/* A stored guest as guest_match sees it: records[0] is its row, then the
 * records a merge made it of (guest_records); ids and codes are its aliases. */
typedef struct StoreCluster {
    char id[ID_LEN + 1];
    GuestList records;
    char **ids, **codes;
    size_t nids, ncodes;
} StoreCluster;

void store_cluster_init(StoreCluster *c);
void store_cluster_clear(StoreCluster *c);
/* Loads guest id (STORE_NOT_FOUND when none). with_records false for a
 * database older than guest_records (a merge's input). */
StoreStatus store_cluster_load(Store *s, const char *id, bool with_records, StoreCluster *out);
GuestSet store_cluster_set(const StoreCluster *c);

/* Adds to out every guest that shares rec's id, code or email (its own, a
 * merged record's or an alias), or its name and company (guest_match_name_key). */
StoreStatus store_match_candidates(Store *s, const Guest *rec, StoreIds *out, const char *doing);
/* Loads the candidates into clusters[0..cand->n) (initialised) and asks
 * guest_match_choose; k picks in pick[], or -1 after store_fail. */
int store_match_choose(Store *s, const GuestSet *rec, const StoreIds *cand, StoreCluster *clusters,
                       size_t *pick, const char *doing);
/* The stored guest rec is (guest_match_choose's first pick): 1 and its row in
 * found (initialised; its strings replaced), read once with the candidates, 0
 * when rec is nobody known (found untouched), -1 on error (message set).
 * walk_ins_only: only walk-ins are candidates (someone who said they are not
 * the pre-registered guest the rule found); except (NULL: none) is no
 * candidate (a guest correcting their own record is not someone else). */
int store_match_find(Store *s, const Guest *rec, bool walk_ins_only, const char *except,
                     Guest *found, const char *doing);

/* Name-and-company lookups scan the guests, which is right for one walk-in;
 * an import or a merge first builds an index of them in a temporary table,
 * keeps it current through store_names_add and store_names_move while it
 * writes, and drops its use with store_names_unindex. */
StoreStatus store_names_index(Store *s);
StoreStatus store_names_add(Store *s, const char *guest_id, const Guest *g);
StoreStatus store_names_move(Store *s, const char *from, const char *to);
void store_names_unindex(Store *s);

/* Inserts a check-in of the guest whose own id is id, who has no active
 * one, inside the open transaction (audited as action unless NULL); fills
 * out. */
/* A held job for the guest's badge on printer, unless they have one that did
 * not fail; inside the caller's transaction. */
StoreStatus store_checkin_hold(Store *s, const char *id, const char *printer, int64_t now);
StoreStatus store_checkin_insert(Store *s, const char *id, const char *kiosk, int64_t now,
                                 const char *action, CheckinResult *out);

/* Moves everything that points at guest id (whose code is code) to guest
 * to, inside the open transaction: its check-ins (out of the counted ones
 * until store_attendance_normalise decides), interests, audit records,
 * merged records and aliases; id and code become aliases of to. The guest
 * row of id is the caller's to delete. Merge folds guests with it. */
StoreStatus store_guest_repoint(Store *s, const char *id, const char *code, const char *to);
/* Keeps every record the guests ids[0..n) are made of (their own rows, or
 * the records a merge kept of them) as records of guest keep, as a merge
 * that folds them into one does, inside the open transaction. */
StoreStatus store_guest_records_keep(Store *s, const char *keep, const char *const *ids, size_t n);
/* The audit line of a correction of was into g (`last: "Garcia" -> "García"`,
 * each changed field), malloc'd into *detail; *changed says whether any
 * field differs. STORE_ERROR when out of memory. */
StoreStatus store_guest_changes(Store *s, const Guest *was, const Guest *g, char **detail,
                                bool *changed);

/* Recomputes attendance.duplicate_of so each guest has exactly one active
 * check-in counted: the earliest (then smallest id) not undone. */
StoreStatus store_attendance_normalise(Store *s);

#endif
