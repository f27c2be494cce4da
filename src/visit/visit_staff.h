/* visit_staff.h — what staff do at the kiosk (SPEC §5), over the same Visit:
 * the PIN and its lock-out (kept in the store's settings, so a restart does
 * not reset it), looking a guest up with every detail, undoing a check-in,
 * reprinting a badge, printing a test badge, exporting to a USB stick and the
 * dashboard's figures. No SDL, no layout; times come from the clock port. */
#ifndef LANYARD_VISIT_STAFF_H
#define LANYARD_VISIT_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lockout.h"
#include "visit/visit.h"

/* ---- the PIN ---- */

typedef enum VisitPin {
    VISIT_PIN_OPEN,     /* a PIN may be tried */
    VISIT_PIN_CHECKING, /* being checked on a thread of its own: visit_pin_poll */
    VISIT_PIN_OK,       /* right: staff are in */
    VISIT_PIN_WRONG,    /* wrong; visit_pin_tries_left says how many are left */
    VISIT_PIN_WAIT,     /* too soon after a wrong one: not even checked */
    VISIT_PIN_LOCKED,   /* locked out; visit_pin_state says for how long */
    VISIT_PIN_NONE,     /* no PIN is set for this event */
    VISIT_PIN_ERROR,    /* the lock-out could not be read: no PIN is tried */
} VisitPin;

/* The pad opens: reads the lock-out. OPEN, LOCKED, NONE, ERROR, or CHECKING
 * while a PIN tried on a pad left since is still being checked. */
VisitPin visit_pin_open(Visit *v);
/* Tries a PIN without waiting for it (the screen's thread): the Argon2 check
 * runs on a thread of its own and the answer comes from visit_pin_poll.
 * Throttled, locked out after LOCKOUT_FREE_TRIES wrong ones; a try counts as
 * wrong, saved, from the moment it starts until it proves right, so stopping
 * the kiosk mid-check undoes nothing. CHECKING (also while another PIN is
 * being checked: that one is answered), or at once WAIT, LOCKED, NONE, ERROR,
 * OPEN (nothing typed); with no PIN set, a demo lets staff in (OK). */
VisitPin visit_pin_submit(Visit *v, const char *pin);
/* The answer to the PIN submitted: CHECKING until it is in, then OK, WRONG
 * or LOCKED, once; OPEN when nothing is being checked. A PIN of a pad left
 * meanwhile (visit_pin_cancel) only updates the lock-out: OPEN, WAIT or
 * LOCKED, never OK. Never blocks. */
VisitPin visit_pin_poll(Visit *v);
/* The pad is left: a PIN still being checked lets nobody in. */
void visit_pin_cancel(Visit *v);
/* Blocks until a PIN being checked has its answer (scripts and tests, so
 * their runs do not depend on the machine's speed); poll then gives it. */
void visit_pin_wait(Visit *v);
/* visit_pin_submit, then waiting for the answer: OK, WRONG, LOCKED or what
 * submit said at once. For callers that may wait (not the screen). */
VisitPin visit_pin_try(Visit *v, const char *pin);
/* The PIN that last let staff in is shorter than PIN_MIN_DIGITS or was hashed
 * at an older, cheaper cost: staff should set a new one (lanyard set-pin). */
bool visit_pin_weak(const Visit *v);
/* OPEN, WAIT or LOCKED now; *remaining_ms (may be NULL) until it opens. */
VisitPin visit_pin_state(const Visit *v, int64_t *remaining_ms);
/* Wrong PINs left before the lock-out (0 when locked). */
int visit_pin_tries_left(const Visit *v);
/* True for a windowed demo (VisitEnv.demo). */
bool visit_is_demo(const Visit *v);

/* ---- a guest as staff see them ---- */

typedef struct GuestRecord {
    Guest g; /* every field; g.consent: may be contacted about partnering */
    bool checked_in;
    int64_t checked_in_at; /* ms UTC, when checked_in */
    bool badge_printed;
    bool badge_saved; /* not printed, but written as a file for staff (no printer) */
    /* What they picked, withdrawn picks left out: programs as codes with their
     * names (catalogue order; a hidden program keeps its name), and kinds of
     * partnership as PARTNERSHIP_KINDS keys in that order (partnership_label
     * gives the English words). Owned by the record. */
    char **programs, **program_names;
    size_t nprograms;
    char **kinds;
    size_t nkinds;
} GuestRecord;

void visit_record_init(GuestRecord *r);
/* Frees what the record holds and leaves it initialised. */
void visit_record_clear(GuestRecord *r);

/* Matches shown at most: the search's own, plus the guest whose code it is. */
#define VISIT_LOOKUP_MAX (SEARCH_MAX_RESULTS + 1)

/* Staff lookup with every detail, in this order: the guest whose code (or
 * ticket barcode) the query is; guests one of whose codes contains the query,
 * ignoring case, when it has STORE_CODE_PART_MIN (3) characters or more
 * ("a1b" finds "XA1B-77"); then guests by name or company as the search finds
 * them. Each guest once. out[0..*n) are filled (each initialised with
 * visit_record_init, interests included); *more is true when more matched
 * than fit. 0, or -1 (visit_error). */
int visit_lookup(Visit *v, const char *query, GuestRecord out[VISIT_LOOKUP_MAX], size_t *n,
                 bool *more);
/* One guest, read again (after an undo, an edit or a reprint). 0 or -1. */
int visit_record_read(Visit *v, const char *guest_id, GuestRecord *out);

/* Staff's correction of a guest's details (VisitGuestEdit, visit.h): checks
 * the fields as the walk-in form does (a name that had a value may not be
 * emptied: VISIT_FIELD_REQUIRED; a bad email or phone is marked), then
 * writes them with an "edit" audit record of each old and new value, and the
 * search finds the guest by the new name from then on. 0 when saved (or
 * nothing changed); -1 when not: e->error marks the fields when they were
 * the reason, else visit_error() says why. */
int visit_guest_edit(Visit *v, const char *guest_id, VisitGuestEdit *e);

/* Staff check the guest in from their page: committed, and audited as a
 * check-in by staff. VISIT_CHECKED_IN (the badge is asked for, as at the
 * kiosk), VISIT_ALREADY (nothing written), VISIT_UNKNOWN (no such guest) or
 * VISIT_FAILED (visit_error). The guest visit of the kiosk is left as it is. */
VisitOutcome visit_staff_check_in(Visit *v, const char *guest_id);

/* Undoes the guest's check-in (kept as an audit record, never deleted), with
 * the interests and consent of the visit (store_checkin_undo). 0 or -1. */
int visit_undo(Visit *v, const char *guest_id);
/* True when the kiosk prints badges (a printer port is set). */
bool visit_prints(const Visit *v);
/* Prints the guest's badge again as a new job. 0 or -1. */
int visit_reprint(Visit *v, const char *guest_id);
/* Prints a sample badge, in the background: 0 once it is on its way (see
 * visit_test_badge_result), or -1 with out->error. */
int visit_test_badge(Visit *v, TestBadge *out);
/* How the test badge went, never blocking: 1 still on its way, 0 done (out
 * filled), -1 failed (out->error). */
int visit_test_badge_result(Visit *v, TestBadge *out);

/* ---- export to USB ---- */

typedef enum VisitExport {
    VISIT_EXPORT_DONE,      /* written into the folder given back */
    VISIT_EXPORT_NO_USB,    /* no stick is mounted */
    VISIT_EXPORT_READ_ONLY, /* the stick is write-protected */
    VISIT_EXPORT_FAILED,    /* visit_error() says what could not be written and why */
} VisitExport;

/* Writes attendance.csv, followup.csv and a copy of the database into a new
 * folder on the mounted stick; out_dir gets the folder's path. */
VisitExport visit_export_usb(Visit *v, char *out_dir, size_t outlen);

/* ---- the dashboard ---- */

/* 15-minute buckets of arrivals: at least an hour shown, at most eight. */
#define VISIT_BUCKET_MS (15 * 60000)
#define VISIT_MIN_BUCKETS 4
#define VISIT_MAX_BUCKETS 32
/* Programs the interest chart can show (the most wanted first). */
#define VISIT_CHART_PROGRAMS 64
/* The event files whose import errors staff see. */
#define VISIT_EVENT_FILES 2

typedef struct ProgramCount {
    char code[64];
    char name[160];
    size_t n;
} ProgramCount;

typedef struct Dashboard {
    bool stats_ok;
    /* The staff screen shows stats.registered_in of stats.expected, with
     * stats.walk_ins apart and stats.checked_in (their sum) as everyone
     * present: the same figures as `lanyard stats` and the rows of
     * attendance.csv. The arrivals chart adds up to stats.checked_in. */
    StoreStats stats;
    char stats_err[256];
    bool have_printer;
    PrinterStatus printer;
    bool have_sync;
    SyncStatus sync;
    char import_err[VISIT_EVENT_FILES][600]; /* programs.csv, guests.csv: "" when fine */
    char config_notes[600];                  /* event.ini's errors and warnings ("" none) */
    bool config_errors;   /* some of them are errors (their settings run as defaults) */
    char save_fault[700]; /* the last failure to read or write the database, when
                           * nothing was saved since ("" none): guests see "see staff" */
    bool charts_ok;
    size_t arrivals[VISIT_MAX_BUCKETS]; /* [0] oldest .. [nbuckets - 1] the last 15 minutes */
    size_t nbuckets;
    ProgramCount
        prog[VISIT_CHART_PROGRAMS]; /* the most wanted first, catalogue order among equals */
    size_t nprog;
} Dashboard;

/* Reads the figures the staff screen shows. */
void visit_dashboard(Visit *v, Dashboard *out);

#endif
