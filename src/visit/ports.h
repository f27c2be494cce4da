/* ports.h — what a guest's visit needs from outside the database: a printer,
 * the sync folder, removable media and the wall clock.
 *
 * Each port is a small struct of function pointers and the user data they get;
 * the visit layer calls them and never knows what fills them (badge/ fills the
 * printer, platform/ the sync folder and the media, app/ wires them; tests fill
 * them with fakes). The status types live here, once: the screens show them as
 * they are. A port whose functions are NULL is absent (no printing, no sync
 * folder), and the screens say so. */
#ifndef LANYARD_VISIT_PORTS_H
#define LANYARD_VISIT_PORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the wall clock ---- */

/* The time to record: ms UTC. Records (check-ins, audit, the PIN lock-out)
 * take it from here; the screens' timers run on the time they are passed. */
typedef struct ClockPort {
    int64_t (*now)(void *ud);
    void *ud;
} ClockPort;

/* ---- badge printing ---- */

/* Badge printing as staff see it. */
typedef struct PrinterStatus {
    char printer[128]; /* CUPS queue; "" when badges are written as PNG files */
    bool ok;           /* false: the printer or its database has a problem */
    char message[256]; /* the problem, or "" */
    size_t waiting;    /* jobs not yet printed */
    size_t failed;     /* guests whose latest job failed */
} PrinterStatus;

/* How a test badge went. */
typedef struct TestBadge {
    char printer[128]; /* the CUPS queue it was sent to; "" when written as a PNG */
    int job;           /* its CUPS job id when sent */
    char path[1024];   /* the PNG written when there is no printer */
    char error[512];   /* why not, on failure */
} TestBadge;

typedef struct PrinterPort {
    /* Prints the guest's badge in the background, never blocking; a guest
     * whose badge is already on its way prints once. 0, or -1 out of memory. */
    int (*print)(void *ud, const char *guest_id);
    /* Prints the guest's badge again: always a new job. 0 or -1. */
    int (*reprint)(void *ud, const char *guest_id);
    void (*status)(void *ud, PrinterStatus *out);
    /* Starts a sample badge (a fictional guest, never stored) in the
     * background and returns at once. 0, or -1 with out->error. */
    int (*test_badge)(void *ud, int64_t now, TestBadge *out);
    /* How it went, never blocking: 1 still on its way, 0 done (out filled),
     * -1 failed (out->error). NULL: test_badge finished it already. */
    int (*test_result)(void *ud, TestBadge *out);
    void *ud;
} PrinterPort;

/* ---- the sync folder (SPEC §6) ---- */

typedef struct SyncStatus {
    char folder[1024];  /* where the copy is kept */
    char dest[1100];    /* the copy's path: FOLDER/lanyard-<kiosk id>.db */
    bool ok;            /* false: the last try failed (error says why) */
    int64_t last_ok;    /* ms UTC of the last copy written; 0: none yet */
    int64_t last_error; /* ms UTC of the last failure; 0: none */
    char error[600];    /* the last failure, "" once a copy succeeds again */
    size_t copies;      /* copies written since the worker started */
    size_t failures;    /* failed tries since the worker started */
    bool pending;       /* a change not yet in the copy */
} SyncStatus;

typedef struct SyncPort {
    void (*changed)(void *ud); /* a change was committed: a copy is due; never blocks */
    void (*status)(void *ud, SyncStatus *out);
    void *ud;
} SyncPort;

/* ---- removable media ---- */

typedef struct MediaPort {
    /* The folder of the mounted USB stick to export to: 0 with out filled, or
     * -1 when none is mounted. */
    int (*find)(void *ud, char *out, size_t outlen);
    void *ud;
} MediaPort;

#endif
