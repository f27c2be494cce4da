/* cups_admin.h — setting up the badge printer through CUPS, for staff's
 * Printer screen: the queues there are (cupsGetDests2), the printers CUPS
 * can see on this machine (the CUPS-Get-Devices request), the driver CUPS
 * has for a Brother QL (printer-driver-ptouch) or DYMO LabelWriter 4xx
 * (printer-driver-dymo) (CUPS-Get-PPDs), and a new queue for one
 * (CUPS-Add-Modify-Printer), and a stopped queue started again (Resume-Printer
 * and CUPS-Accept-Jobs, as cupsenable and cupsaccept do). Adding and
 * starting need the right to administer CUPS: root or the lpadmin group.
 *
 * The requests run on a worker thread of their own, each with a timeout, so
 * the screen never waits: it starts a look or an add and reads the state
 * (visit/ports.h's PrinterSetup) as it goes. The synchronous calls below are
 * what the worker runs, and what tests call directly. */
#ifndef LANYARD_BADGE_CUPS_ADMIN_H
#define LANYARD_BADGE_CUPS_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "visit/ports.h"

/* How long CUPS is given to look for devices, and any request to answer. */
#define CUPS_ADMIN_DEVICE_TIMEOUT_S 5
#define CUPS_ADMIN_REQUEST_TIMEOUT_S 15
/* How long cups_admin_destroy waits for a request under way before leaving
 * it (the kiosk's exit must not wait on a print server that hangs). */
#define CUPS_ADMIN_STOP_WAIT_MS 1500

/* ---- pure ---- */

/* A driver as CUPS-Get-PPDs lists it. */
typedef struct CupsPpd {
    const char *name; /* ppd-name: "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd" */
    const char *make_and_model; /* "Brother QL-570 Foomatic/ptouch-ql (recommended)" */
} CupsPpd;

/* True for the label printers Lanyard sets up: a Brother QL-... or a DYMO
 * LabelWriter 4xx (400, 450, 450 Turbo, 4XL...), by the make and model a
 * printer reports. */
bool cups_admin_is_label(const char *make_model);
/* The driver among ppds made for exactly this model (ignoring case, spaces
 * and a driver's suffix such as " Foomatic/ptouch-ql (recommended)"), a
 * recommended one first: its index, or -1 when none fits (a Brother QL-700
 * has none in Debian's ptouch driver). */
int cups_admin_match_driver(const char *make_model, const CupsPpd *ppds, size_t n);

/* ---- synchronous requests ---- */

/* The queues of the print server. 0, or -1 with err. */
int cups_admin_queues(PrinterQueue *out, size_t max, size_t *n, char *err, size_t errlen);
/* The printers CUPS sees on this machine (direct and file backends: USB,
 * cups-pdf), each label printer with the driver that fits it. 0, or -1 with err. */
int cups_admin_devices(PrinterDevice *out, size_t max, size_t *n, char *err, size_t errlen);
/* Adds (or changes) queue name: device uri, driver ppd, described as info,
 * enabled and accepting jobs, its default paper the label (w_mm x h_mm).
 * 0, or -1 with err; *refused is set when the server said no for want of
 * admin rights. */
int cups_admin_add_queue(const char *name, const char *uri, const char *ppd, const char *info,
                         double w_mm, double h_mm, bool *refused, char *err, size_t errlen);
/* Starts queue name again: resumed (enabled) and accepting jobs, so the
 * badges waiting for it print. 0, or -1 with err; *refused as above. */
int cups_admin_resume_queue(const char *name, bool *refused, char *err, size_t errlen);

/* ---- the worker ---- */

typedef struct CupsAdmin CupsAdmin;

/* Starts the worker thread. NULL with err filled. */
CupsAdmin *cups_admin_create(char *err, size_t errlen);
/* Stops the worker, waiting at most CUPS_ADMIN_STOP_WAIT_MS for the request
 * under way; one still waiting on the server is left to end on its own. */
void cups_admin_destroy(CupsAdmin *a);
/* Starts a look (queues and devices); one already under way goes on. */
void cups_admin_scan(CupsAdmin *a);
/* Starts adding a queue, then a look, so the lists show it. */
void cups_admin_add(CupsAdmin *a, const char *name, const char *uri, const char *ppd,
                    const char *info, double w_mm, double h_mm);
/* Starts starting queue name again, then a look, so the lists show it. */
void cups_admin_resume(CupsAdmin *a, const char *name);
void cups_admin_state(CupsAdmin *a, PrinterSetup *out);
/* Waits until nothing is under way, at most timeout_ms; true when idle. For
 * tests, which have no event loop to poll from. */
bool cups_admin_wait(CupsAdmin *a, int timeout_ms);

#endif
