/* visit_event_load.h — staff's Load event from USB (SPEC §5): an event folder
 * on a mounted stick (event.ini, programs.csv, guests.csv and their images)
 * read, checked and shown with its errors before anything changes, then
 * copied into the kiosk's event folder and imported into its database.
 *
 * Nothing on the kiosk changes until every file of the stick's folder has
 * been read into memory and found without error, so a stick with errors, or
 * one pulled out while it is read, changes nothing. The files are then
 * written into a staging folder beside the event's and renamed into place,
 * one atomic rename each. Check-ins, interests and audit records stay: an
 * import adds and updates, it never deletes.
 *
 * Another event (another name or date in event.ini) starts a new database,
 * and only when staff said yes: the kiosk's files are replaced, a note left
 * in the event folder, and the next start of the kiosk (event_load_switch_db,
 * with the database closed) renames the old database after its event and
 * opens a new one. The kiosk's own keys of event.ini ([kiosk] and [staff]:
 * its id, how its screen is mounted, the staff PIN's hash; and [badge]
 * printer) are kept when the stick's file does not set them. */
#ifndef LANYARD_VISIT_EVENT_LOAD_H
#define LANYARD_VISIT_EVENT_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/event_config.h"
#include "visit/visit.h"

/* Event folders listed from one stick at most. */
#define EVENT_LOAD_MAX 8
/* Errors kept from one folder (more are counted). */
#define EVENT_LOAD_ERRORS 6
/* Notes kept from one folder (more are counted). */
#define EVENT_LOAD_NOTES 6

typedef struct EventFolders {
    char dir[EVENT_LOAD_MAX][1024];
    char name[EVENT_LOAD_MAX][256]; /* as staff see it: the folder's name ("" for the stick) */
    size_t n;
    bool more; /* more folders than listed */
} EventFolders;

/* The event folders on the stick at root: root itself and its folders (one
 * level down, hidden ones left out) that hold event.ini, programs.csv or
 * guests.csv, in name order. 0 (n may be 0), or -1 when root cannot be read. */
int event_load_find(const char *root, EventFolders *out);

enum { EVENT_FILE_INI, EVENT_FILE_PROGRAMS, EVENT_FILE_GUESTS, EVENT_FILES };

typedef struct EventLoadCheck {
    char dir[1024];
    bool has[EVENT_FILES];               /* which of event.ini, programs.csv, guests.csv it holds */
    char name[CONFIG_STR];               /* the event: the stick's event.ini, else the kiosk's */
    char date[16];                       /* YYYY-MM-DD or "" */
    size_t programs, guests;             /* in its lists (guests: after merging repeated rows) */
    size_t images;                       /* .png and .jpg files beside them */
    char errors[EVENT_LOAD_ERRORS][400]; /* "guests.csv:12: ..." */
    size_t nerrors;                      /* may exceed EVENT_LOAD_ERRORS */
    /* What loads but not as it stands, as `lanyard import` reports it: a list
     * read as Windows-1252 ("guests.csv: not UTF-8: read as Windows-1252"),
     * then each row a list leaves out ("guests.csv:44: no name"). */
    char notes[EVENT_LOAD_NOTES][440]; /* room for a file name and an encoding note */
    size_t nnotes;                     /* may exceed EVENT_LOAD_NOTES */
    bool new_event;                    /* another name or date than the kiosk's event */
    char archive[1024];                /* new_event: what the kiosk's database will be renamed to */
} EventLoadCheck;

/* Finds the mounted stick through the media port and the event folders on
 * it. 0, or -1 when no stick is mounted (visit_error says so). */
int visit_event_folders(Visit *v, EventFolders *out);

/* Reads and checks the event folder dir; nothing changes. 0 (errors, if
 * any, in out), or -1 when the folder cannot be read at all (visit_error). */
int visit_event_check(Visit *v, const char *dir, EventLoadCheck *out);

typedef enum VisitLoad {
    VISIT_LOAD_DONE,   /* copied and imported: the kiosk restarts on it */
    VISIT_LOAD_ASK,    /* another event, and start_new was false: nothing changed */
    VISIT_LOAD_ERRORS, /* the folder has errors (out->errors): nothing changed */
    VISIT_LOAD_FAILED, /* visit_error() says what could not be done; nothing changed */
} VisitLoad;

/* Checks dir again (out gets what visit_event_check gives) and loads it.
 * start_new: staff answered yes to "Start a new event?". */
VisitLoad visit_event_load(Visit *v, const char *dir, bool start_new, EventLoadCheck *out);

/* At the kiosk's start, with its database closed and cfg the event folder's
 * event.ini as now read: when a load of another event left its note in the
 * folder and the files are that event's, renames the database at db_path
 * (with its -wal and -shm files) to the name the note gives, so a new one is
 * opened. 1 when it did (msg says where the old one went), 0 when there was
 * nothing to do, -1 with msg when the rename failed (the database stays). */
int event_load_switch_db(const EventConfig *cfg, const char *db_path, char *msg, size_t msglen);

/* Whether name (a file in db_path's folder) is the database of an earlier
 * event event_load_switch_db kept beside the one at db_path
 * (DB_BASE-EVENT_DATE.db), not its -wal or -shm. */
bool event_load_is_archive(const char *db_path, const char *name);

#endif
