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

/* ---- the clocks ---- */

/* The time to record: ms UTC. Records (check-ins, audit) take it from here;
 * the screens' timers run on the time they are passed. */
typedef struct ClockPort {
    int64_t (*now)(void *ud);
    void *ud;
} ClockPort;

/* The clock of the visit's own timers (the PIN's lock-out): one never
 * stepped, which a wall clock stepped at boot (a Pi has no battery clock)
 * neither hurries nor holds, and the id of the boot it counts from, so a time
 * saved on it is known to be of this boot. monotonic NULL: the system's when
 * the clock port is the system's too, else the clock port's time, of no known
 * boot (a test's simulated time). */
typedef struct TimerPort {
    int64_t (*monotonic)(void *ud);                   /* ms (CLOCK_MONOTONIC) */
    void (*boot_id)(void *ud, char *out, size_t len); /* "" when unknown */
    void *ud;
} TimerPort;

/* ---- badge printing ---- */

/* Badge printing as staff see it. */
typedef struct PrinterStatus {
    char printer[128]; /* CUPS queue; "" when badges are written as PNG files */
    bool ok;           /* false: the printer or its database has a problem */
    char message[256]; /* the problem, or "" */
    bool paused;       /* the problem is a stopped printer: badges wait for it */
    size_t waiting;    /* jobs not yet printed */
    size_t stalled;    /* of those, the ones held by a stopped printer */
    size_t failed;     /* guests whose latest job failed */
} PrinterStatus;

/* How a test badge went. */
typedef struct TestBadge {
    unsigned ticket;   /* which test badge (from test_badge; test_result reads it) */
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
     * background and returns at once. 0, or -1 with out->error. out->ticket
     * names it. */
    int (*test_badge)(void *ud, int64_t now, TestBadge *out);
    /* How the one of out->ticket went, never blocking: 1 still on its way, 0
     * done (out filled), -1 failed (out->error). NULL: test_badge finished it
     * already. */
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
    /* The folder of the mounted USB stick: 0 with out filled, 1 with out
     * filled when it can only be read (write-protected), -1 when none is
     * mounted. Called on a worker thread (visit/visit_job.h),
     * which may block in it on a dead stick and be left there: ud must stay
     * valid and find must not touch the screen thread's state. */
    int (*find)(void *ud, char *out, size_t outlen);
    void *ud;
} MediaPort;

/* ---- setting up the badge printer (staff's Printer screen) ---- */

/* Queues and devices one look lists at most. */
#define PRINTER_SETUP_MAX 16

typedef struct PrinterQueue {
    char name[128];
    char info[256];   /* its description, or its make and model */
    bool stopped;     /* paused (cupsdisable, or by CUPS when the printer erred) */
    bool rejecting;   /* not accepting jobs (cupsreject) */
    char reason[256]; /* why, as CUPS says it (printer-state-message), or "" */
} PrinterQueue;

/* A printer CUPS can see on this machine (USB, or a local backend such as
 * cups-pdf). */
typedef struct PrinterDevice {
    char uri[512];
    char make_model[256]; /* as the printer reports it: "Brother QL-570" */
    bool label;           /* a Brother QL or a DYMO LabelWriter 4xx */
    char ppd[512];        /* the driver CUPS has for it; "" when none fits */
    char driver[256];     /* that driver's make and model */
} PrinterDevice;

typedef struct PrinterSetup {
    bool busy;    /* a look or an add is under way */
    bool scanned; /* a look finished: the lists are its */
    PrinterQueue queues[PRINTER_SETUP_MAX];
    size_t nqueues;
    PrinterDevice devices[PRINTER_SETUP_MAX];
    size_t ndevices;
    char error[600];   /* the last look or add failed: why ("" when fine) */
    bool refused;      /* the print server refused to add or start a queue: no admin rights */
    char added[128];   /* the queue the last add made */
    char resumed[128]; /* the queue the last resume started */
} PrinterSetup;

typedef struct PrinterSetupPort {
    /* Starts listing the queues and the printers CUPS sees; never blocks. */
    void (*scan)(void *ud);
    /* Starts adding queue name for the device at uri with driver ppd, its
     * paper the label size; never blocks. */
    void (*add)(void *ud, const char *name, const char *uri, const char *ppd, const char *info,
                double w_mm, double h_mm);
    /* What is known now. */
    void (*state)(void *ud, PrinterSetup *out);
    /* Starts the sample badge on queue (not necessarily the event's) in the
     * background and returns at once. 0, or -1 with out->error. out->ticket
     * names it. */
    int (*test_badge)(void *ud, const char *queue, int64_t now, TestBadge *out);
    /* How the one of out->ticket went, never blocking: 1 still on its way, 0
     * done (out filled), -1 failed (out->error). NULL: test_badge finished it
     * already. */
    int (*test_result)(void *ud, TestBadge *out);
    /* Starts starting a stopped queue again (enabled and accepting jobs);
     * never blocks. NULL: staff cannot from here. */
    void (*resume)(void *ud, const char *queue);
    void *ud;
} PrinterSetupPort;

#endif
