/* visit.h — a guest's visit to the kiosk and what staff do at it, as plain C
 * over the store and a few ports (ports.h). No SDL, no layout: the screens
 * (src/ui/) call these functions and show the outcome; nothing here decides
 * what is drawn.
 *
 * A Visit lives as long as the kiosk. It holds the one search index (guests
 * finding themselves and staff looking a guest up), the catalogue, and the
 * current guest: checked in by id, by scanned code or as a walk-in (who may
 * correct what they typed), then their interests and consent. A kiosk that prints records the
 * guest's badge as a held job in the check-in's own transaction (store_checkin_held), and asks the
 * printer port to print it once per visit (when the guest leaves Interests, or walks away from it;
 * a crash in between leaves the held job for the next start), tells the sync port after every
 * committed change, and takes the time it records from the clock port. Staff's actions (PIN and
 * lock-out, undo, reprint, test badge, export to USB, the dashboard) are in visit_staff.h.
 *
 * Failures are reported once, here, on stderr and in visit_error(), in words a
 * person can act on; the functions return an outcome or 0/-1. */
#ifndef LANYARD_VISIT_H
#define LANYARD_VISIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event_config.h"
#include "core/guest.h"
#include "core/search.h"
#include "store/store.h"
#include "store/store_print.h"
#include "visit/ports.h"

typedef struct Visit Visit;

typedef struct VisitEnv {
    Store *store;           /* not owned; used from the caller's thread only */
    const EventConfig *cfg; /* not owned: kiosk id, PIN hash, event name */
    PrinterPort printer;    /* print NULL: the kiosk does not print */
    SyncPort sync;          /* changed NULL: no sync folder */
    MediaPort media;        /* find NULL: no USB export */
    ClockPort clock;        /* now NULL: the system's wall clock */
    TimerPort timers;       /* monotonic NULL: see TimerPort */
    bool demo;              /* a windowed demo: with no PIN set, staff go in without one */
    /* Staff's Printer screen; scan NULL: the kiosk has none. */
    PrinterSetupPort printer_setup;
} VisitEnv;

/* Loads the search index and the catalogue from the store. NULL with err
 * filled when out of memory or the store cannot be read. */
Visit *visit_create(const VisitEnv *env, char *err, size_t errlen);
void visit_destroy(Visit *v);

/* The last failure, for a person ("" when none). */
const char *visit_error(const Visit *v);
/* The wall-clock time records are made with (the clock port's). */
int64_t visit_now(const Visit *v);

/* Visible programs in catalogue order. */
const ProgramList *visit_programs(const Visit *v);
/* A field of program i as a reader of lang sees it: programs.csv's FIELD_LANG
 * column for that program when it has one (name_es for PROGRAM_NAME in "es"),
 * else the plain column; "" for a program i that is not there. lang NULL: the
 * plain column. The text lives as long as the catalogue (the Visit). */
const char *visit_program_text(const Visit *v, size_t i, ProgramField f, const char *lang);
/* Program i's family (program_list_families): its colour on screen, the same
 * in every language. */
size_t visit_program_family(const Visit *v, size_t i);

/* ---- finding a guest ---- */

/* Guests finding themselves (search_find: by first name or company, the last
 * name only by its initial): masked rows ("Ana G. — Acme Welding"), at most
 * SEARCH_MAX_RESULTS. Returns how many were written; when more guests match
 * than that, none is written and *more (may be NULL) is true. */
size_t visit_search(Visit *v, const char *query, SearchResult out[SEARCH_MAX_RESULTS], bool *more);

/* ---- the current guest's visit ---- */

typedef enum VisitOutcome {
    VISIT_CHECKED_IN, /* committed: the visit begins (Interests) */
    VISIT_ALREADY,    /* checked in before: no second attendance */
    VISIT_UNKNOWN,    /* no guest has this code */
    VISIT_INVALID,    /* the walk-in form has errors, marked per field */
    VISIT_FAILED,     /* the store failed: visit_error() says why */
    VISIT_MAYBE_GUEST /* the walk-in form is a pre-registered guest: visit_walkin_match */
} VisitOutcome;

/* The guest of the visit, as the screens greet them. */
typedef struct VisitGuest {
    char id[ID_LEN + 1];
    char greet[256];  /* the first name (the last when a list had none) */
    bool walk_in;     /* registered at the kiosk */
    bool consent;     /* as stored when they checked in (Interests asks again) */
    bool new_checkin; /* this visit checked them in (not "already") */
    bool typed;       /* checked in from the walk-in form they typed: visit_fix_offered */
    bool moved;       /* a walk-in who said a registration was them (visit_fix_move) */
} VisitGuest;

/* Checks the guest in, committed to disk before it returns VISIT_CHECKED_IN
 * or VISIT_ALREADY. Another guest's visit still open ends first (visit_end). */
VisitOutcome visit_check_in(Visit *v, const char *guest_id);
/* The same for what a scanner reads (spaces trimmed): a registration code, or
 * the link of a badge's QR code (core/link.h), which carries the code. A link
 * with no code of this event is VISIT_UNKNOWN. */
VisitOutcome visit_check_in_code(Visit *v, const char *code);
/* Whether a scanned code names a guest other than the one of this visit (the
 * next person in line): their visit would end this one. */
bool visit_code_is_another(Visit *v, const char *code);

/* The walk-in form. */
enum {
    VISIT_FIRST,
    VISIT_LAST,
    VISIT_COMPANY,
    VISIT_TITLE,
    VISIT_EMAIL,
    VISIT_PHONE,
    VISIT_FIELD_COUNT
};

/* Whether the form cannot go without field (first and last name). */
bool visit_field_required(int field);

typedef enum VisitFieldError {
    VISIT_FIELD_OK,
    VISIT_FIELD_REQUIRED,    /* first and last name */
    VISIT_FIELD_BAD_EMAIL,   /* not name@domain.tld */
    VISIT_FIELD_BAD_PHONE,   /* letters among the digits */
    VISIT_FIELD_SHORT_PHONE, /* fewer than VISIT_PHONE_MIN_DIGITS digits */
} VisitFieldError;

/* The fewest digits a phone number can have (a local number without area
 * code); fewer is a number cut short. */
#define VISIT_PHONE_MIN_DIGITS 7

typedef struct VisitWalkin {
    const char *field[VISIT_FIELD_COUNT]; /* as typed; NULL is empty */
    bool consent;
    VisitFieldError error[VISIT_FIELD_COUNT]; /* filled by visit_walk_in */
} VisitWalkin;

/* Checks the form (VISIT_INVALID with w->error marked). When it is a
 * pre-registered guest by the one "same guest" rule (core/guest_match.h: the
 * same email under a name that does not clearly differ, or the same first
 * name, last name and company), adds nobody and returns VISIT_MAYBE_GUEST:
 * visit_walkin_match says who, and the guest answers "Is this you?" with
 * visit_check_in(v, match->guest_id) or visit_walk_in_anyway. Otherwise adds
 * the walk-in (or finds them, when they walked in before: the same walk-in
 * typed twice is one guest) and checks them in. */
VisitOutcome visit_walk_in(Visit *v, VisitWalkin *w);
/* The pre-registered guest the last visit_walk_in found the form to be, as
 * search shows them ("Ana G. — Acme Welding", and their id); NULL unless it
 * returned VISIT_MAYBE_GUEST (forgotten by the next walk-in and by visit_end). */
const SearchResult *visit_walkin_match(const Visit *v);
/* "No, that is not me": checks the form as visit_walk_in does, then adds the
 * walk-in as a new person, matched only against earlier walk-ins (so typing
 * the same form twice still makes one guest), and checks them in. Never
 * returns VISIT_MAYBE_GUEST. */
VisitOutcome visit_walk_in_anyway(Visit *v, VisitWalkin *w);

/* The guest of the visit, or NULL when there is none. */
const VisitGuest *visit_guest(const Visit *v);

/* A correction of a guest's details: staff's (visit_guest_edit), or a
 * walk-in's own (visit_fix_details). */
typedef struct VisitGuestEdit {
    /* New values as typed (trimmed here), indexed like the walk-in form
     * (VISIT_FIRST ... VISIT_PHONE); NULL leaves a field as it is, "" empties
     * it. */
    const char *field[VISIT_FIELD_COUNT];
    VisitFieldError error[VISIT_FIELD_COUNT]; /* filled by the check */
} VisitGuestEdit;

/* Whether "Fix my details" is offered on Interests: the guest of the visit
 * is a walk-in whom this visit added (or found) from the form they typed and
 * checked in, so a typo of theirs is theirs to correct before their badge
 * prints it. Never with visit_not_me_offered: a pre-registered guest did not
 * type their details, and a walk-in checked in by a scanned badge did not
 * type them on this visit. */
bool visit_fix_offered(const Visit *v);
/* The details of that walk-in as stored, into out (initialised), for the
 * form to start from. 0; -1 when not offered or the store failed
 * (visit_error). */
int visit_fix_read(Visit *v, Guest *out);
/* The walk-in corrects their details: the fields are checked and written as
 * visit_guest_edit does (the same record, no second guest, no second
 * check-in), audited as their own correction ("walk-in edit"), and the visit
 * greets them by the new name. The badge still owed and what they pick on
 * Interests stay with the visit. 0 when saved (or nothing changed); -1 when
 * not: e->error marks the fields when they were the reason, else
 * visit_error() says why (not offered, the store failed).
 *
 * When the corrected details are a pre-registered guest by the rule the
 * walk-in form asks (visit_walk_in; the walk-in themself left out), nothing
 * is saved and it returns 1: visit_walkin_match says who, and the guest
 * answers "Is this you?" with visit_fix_move or visit_fix_details_anyway.
 * Not for the registration they said they are not, on the walk-in form or
 * here, during this visit. */
int visit_fix_details(Visit *v, VisitGuestEdit *e);
/* "No, that is not me": the correction saved as visit_fix_details saves one
 * that is nobody else (never 1). */
int visit_fix_details_anyway(Visit *v, VisitGuestEdit *e);
/* "Yes, that's me": the visit becomes the registration visit_walkin_match
 * names, in one transaction (store_walkin_move): the registration checked
 * in, the walk-in's check-in taken back and their record folded into the
 * registration, the picks and consent of Interests (as for
 * visit_save_interests) added to the registration's own, the move audited.
 * picked and kinds come back with the registration's own picks ticked too,
 * and visit_guest's consent is given when either gave it: Interests shows
 * them so, and what the guest leaves ticked there is what Continue saves.
 * The visit then greets the registration, and its one badge is theirs: held
 * with their new check-in and asked for when they leave Interests; none
 * when they were checked in before (VISIT_ALREADY: that check-in and its
 * badge stand, staff can reprint). VISIT_CHECKED_IN, VISIT_ALREADY, or
 * VISIT_FAILED (e->error marking the fields, or visit_error) with nothing
 * changed. */
VisitOutcome visit_fix_move(Visit *v, VisitGuestEdit *e, bool *picked, bool *kinds, bool consent);

/* Saves what the guest picked on Interests (picked: one per visible program;
 * kinds: one per PARTNERSHIP_KINDS entry) and their consent; then asks for
 * their badge, whose QR code links to those programs. 0, or -1 when
 * something was not saved (the badge is asked for all the same). */
int visit_save_interests(Visit *v, const bool *picked, const bool *kinds, bool consent);
/* Whether the guest of the visit is interested in program i (from the store);
 * 0 or -1. */
int visit_interest_get(Visit *v, size_t program, bool *interested);
/* I'm interested on a program's page: adds program i to (or takes it off) the
 * guest's interests at once, keeping their other programs and kinds. 0 or -1. */
int visit_interest_set(Visit *v, size_t program, bool interested);

/* The guest leaves (Done, walked away, staff took over): a badge still owed is
 * asked for, and the visit is forgotten. */
void visit_end(Visit *v);
/* "Not you?" on Interests: a pre-registered guest checked in by this visit
 * (the wrong row tapped, someone else's ticket) is checked out again (kept as
 * an undone record) and the visit forgotten with no badge. 0, or -1
 * (visit_error). */
int visit_not_me(Visit *v);
/* Whether "Not you?" has a check-in to take back: a pre-registered guest
 * this visit checked in (a walk-in typed their own name; a guest already
 * checked in keeps that check-in). */
bool visit_not_me_offered(const Visit *v);

/* The badge of the visit and where it went. With no printer set a badge is
 * written as a PNG file for staff to print: its job is PRINT_DONE once the
 * file is written, so "printed" is PRINT_DONE and !to_file, and PRINT_DONE
 * with to_file means "saved for staff to print". */
typedef struct VisitBadge {
    PrintJobState state; /* as the printer last reported it */
    bool paused;         /* waiting for its stopped printer: staff must start it */
    bool to_file;        /* written as a PNG file rather than sent to a printer */
    char printer[128];   /* the CUPS queue it was sent to ("" when to_file) */
    char file[512];      /* the PNG written, when to_file ("" until it is) */
} VisitBadge;

/* The badge of the visit: false when none was asked for (no printer, or not
 * yet), else *out. */
bool visit_badge(const Visit *v, VisitBadge *out);
/* Whether the guest of the visit has no badge from it because one was asked
 * for when they checked in before: a walk-in who said a registration
 * already checked in was them (visit_fix_move, VISIT_ALREADY). */
bool visit_badge_earlier(const Visit *v);
/* The printer reports a job (on the screen thread): its state and where it
 * goes (job->printer, "" when written as a file, job->output that file), kept
 * when it is the guest of the visit's badge. */
void visit_badge_update(Visit *v, const PrintJob *job);

#endif
