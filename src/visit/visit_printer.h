/* visit_printer.h — staff's Printer screen (SPEC §5): the CUPS queues and
 * the label printers CUPS sees, a queue added for a Brother QL or DYMO
 * LabelWriter with the event's label size, a test badge on a queue, and the
 * queue set as the event's printer (event.ini's [badge] printer, the rest of
 * the file kept as it is), and a stopped queue started again. The CUPS work is the printer set-up
 * port's, off the screen thread; these calls never wait on it. */
#ifndef LANYARD_VISIT_PRINTER_H
#define LANYARD_VISIT_PRINTER_H

#include <stdbool.h>

#include "visit/visit.h"

/* True when the kiosk can set printers up (the port is there). */
bool visit_printer_setup(const Visit *v);
/* Starts a look at the queues and printers. */
void visit_printer_scan(Visit *v);
/* What the last look and add came to, and whether one is under way. */
void visit_printer_state(Visit *v, PrinterSetup *out);
/* Starts adding a queue for a label printer that has a driver, named after
 * its model, its paper the event's badge size. -1 with visit_error when it
 * has no driver or is not a label printer Lanyard sets up. */
int visit_printer_add(Visit *v, const PrinterDevice *dev);
/* Starts the sample badge on queue, never waiting on the printer. 0, or -1
 * with out->error. */
int visit_printer_test(Visit *v, const char *queue, TestBadge *out);
/* How it went, never waiting: 1 still on its way, 0 done (out filled), -1
 * failed (out->error). */
int visit_printer_test_result(Visit *v, TestBadge *out);
/* Starts starting a stopped queue again (resumed and accepting jobs); the
 * state's resumed, or its error and refused, say how it went. -1 with
 * visit_error when this kiosk cannot. */
int visit_printer_resume(Visit *v, const char *queue);
/* The queue of that name in the last look, or NULL. */
const PrinterQueue *visit_printer_queue(const PrinterSetup *s, const char *name);
/* The event's printer, as event.ini has it now ("" when badges are PNG files). */
const char *visit_printer_current(const Visit *v);
/* Makes queue the event's printer in event.ini (it takes effect when the
 * kiosk starts again). 0, or -1 with visit_error. */
int visit_printer_use(Visit *v, const char *queue);

#endif
