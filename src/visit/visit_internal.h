/* visit_internal.h — what the visit layer's source files share and nothing
 * outside src/visit/ may include: the Visit struct and its failure helpers. */
#ifndef LANYARD_VISIT_INTERNAL_H
#define LANYARD_VISIT_INTERNAL_H

#include "core/lockout.h"
#include "visit/visit.h"
#include "visit/visit_staff.h"

struct Visit {
    VisitEnv env;
    SearchIndex *ix; /* every guest, walk-ins added as they come */
    ProgramList programs;
    size_t *family; /* each program's (program_list_families) */
    char err[700];
    char save_fault[700]; /* the last store failure not followed by a commit ("" none) */

    /* the current guest */
    VisitGuest guest;          /* id "" when there is none */
    bool badge_owed;           /* checked in this visit and no badge asked for yet */
    bool badge_asked;          /* the printer was asked for their badge */
    VisitBadge badge;          /* its job, as the printer last reported it */
    SearchResult walkin_match; /* guest_id "" when none (visit_walkin_match) */
    char declined[ID_LEN + 1]; /* the registration the walk-in said they are not ("" none) */

    /* staff */
    LockOut lock;
    bool lock_ok;           /* the lock-out was read from the store */
    struct PinCheck *pin;   /* a PIN being checked on its own thread, or NULL */
    bool pin_abandoned;     /* the pad was left: its answer only updates the lock-out */
    bool pin_weak_if_right; /* the PIN being checked is short, or its hash old */
    bool pin_weak;          /* the PIN that let staff in should be set again */
    TestBadge test_done;    /* a test badge a port without test_result finished */
    unsigned home_test;     /* the ticket of staff home's test badge */
    unsigned setup_test;    /* the ticket of the Printer screen's */
    struct VisitWork *work; /* staff's slow work off the screen thread (visit_job.c), or NULL */
    struct VisitWork *export_kept; /* a finished export staff home has not told, or NULL */
};

/* Sets visit_error() and says it on stderr. */
void visit_fail(Visit *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* visit_fail("WHAT: the store's message"); returns -1. */
int visit_store_failed(Visit *v, const char *what);
/* A change was committed: the sync folder's copy is due. */
void visit_changed(Visit *v);
/* What is wrong with a trimmed value of a form's field (VISIT_FIRST ...): an
 * empty name, an email that is not name@domain.tld, a phone with letters or
 * fewer than VISIT_PHONE_MIN_DIGITS digits. */
VisitFieldError visit_field_check(int field, const char *value);

/* visit_staff.c: e's fields checked and written over the guest's, audited
 * as action; see visit_guest_edit. out (initialised; may be NULL) gets the
 * guest as written. 0 or -1. It is the two steps below. */
int visit_guest_write(Visit *v, const char *guest_id, VisitGuestEdit *e, const char *action,
                      Guest *out);
/* The guest as stored with e's fields checked and taken in, into g
 * (initialised); nothing written. 0, or -1 with e->error marking the fields
 * (or visit_error saying why). */
int visit_guest_take(Visit *v, const char *guest_id, VisitGuestEdit *e, Guest *g);
/* g written over the stored guest, audited as action when anything
 * changed; the search and the sync folder told. 0 or -1. */
int visit_guest_store(Visit *v, const Guest *g, const char *action);

/* visit_export.c: the export into a new folder under usb_dir, read from s;
 * out_dir gets the folder's path. Touches nothing but its arguments, so a
 * worker with a Store connection of its own may call it. 0, or -1 with err
 * saying what could not be written and why. */
int visit_export_to(Store *s, const char *usb_dir, const char *event_name, const char *kiosk_id,
                    int64_t now, char *out_dir, size_t outlen, char *err, size_t errlen);

/* visit_job.c: lets go of staff's slow work, waiting a little for it. */
void visit_job_drop(Visit *v);

#endif
