/* visit_printer.c — staff's Printer screen over the printer set-up port.
 * See visit_printer.h. */
#include "visit/visit_printer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "visit/visit_internal.h"

bool visit_printer_setup(const Visit *v)
{
    return v->env.printer_setup.scan != NULL;
}

void visit_printer_scan(Visit *v)
{
    if (visit_printer_setup(v))
        v->env.printer_setup.scan(v->env.printer_setup.ud);
}

void visit_printer_state(Visit *v, PrinterSetup *out)
{
    memset(out, 0, sizeof *out);
    if (visit_printer_setup(v))
        v->env.printer_setup.state(v->env.printer_setup.ud, out);
}

/* A queue name from a model: letters, digits, '-' and '_' ("Brother_QL-570"). */
static void queue_name(const char *make_model, char *out, size_t outlen)
{
    size_t n = 0;
    for (const char *p = make_model; *p && n + 1 < outlen; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
        if (ok)
            out[n++] = *p;
        else if (n > 0 && out[n - 1] != '_')
            out[n++] = '_';
    }
    while (n > 0 && out[n - 1] == '_')
        n--;
    out[n] = '\0';
    if (!n)
        snprintf(out, outlen, "badge-printer");
}

int visit_printer_add(Visit *v, const PrinterDevice *dev)
{
    if (!visit_printer_setup(v)) {
        visit_fail(v, "this kiosk cannot set printers up");
        return -1;
    }
    if (!dev->label) {
        visit_fail(v,
                   "%s is not a label printer Lanyard sets up (a Brother QL or a DYMO "
                   "LabelWriter 4xx)",
                   dev->make_model);
        return -1;
    }
    if (!dev->ppd[0]) {
        visit_fail(v, "CUPS has no driver for the %s", dev->make_model);
        return -1;
    }
    char name[128];
    queue_name(dev->make_model, name, sizeof name);
    const EventConfig *cfg = v->env.cfg;
    v->env.printer_setup.add(v->env.printer_setup.ud, name, dev->uri, dev->ppd, dev->make_model,
                             cfg->badge_w_mm, cfg->badge_h_mm);
    return 0;
}

int visit_printer_test(Visit *v, const char *queue, TestBadge *out)
{
    memset(out, 0, sizeof *out);
    if (!v->env.printer_setup.test_badge) {
        snprintf(out->error, sizeof out->error, "this kiosk cannot print a test badge");
        return -1;
    }
    if (v->env.printer_setup.test_badge(v->env.printer_setup.ud, queue, visit_now(v), out) != 0)
        return -1;
    v->test_done = *out;
    v->setup_test = out->ticket;
    return 0;
}

int visit_printer_test_result(Visit *v, TestBadge *out)
{
    if (!v->env.printer_setup.test_result) {
        *out = v->test_done;
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->ticket = v->setup_test;
    return v->env.printer_setup.test_result(v->env.printer_setup.ud, out);
}

int visit_printer_resume(Visit *v, const char *queue)
{
    if (!v->env.printer_setup.resume) {
        visit_fail(v, "this kiosk cannot start printers: run cupsenable %s && cupsaccept %s", queue,
                   queue);
        return -1;
    }
    v->env.printer_setup.resume(v->env.printer_setup.ud, queue);
    return 0;
}

const PrinterQueue *visit_printer_queue(const PrinterSetup *s, const char *name)
{
    for (size_t i = 0; i < s->nqueues; i++)
        if (!strcmp(s->queues[i].name, name))
            return &s->queues[i];
    return NULL;
}

const char *visit_printer_current(const Visit *v)
{
    return v->env.cfg->printer;
}

int visit_printer_use(Visit *v, const char *queue)
{
    const char *dir = v->env.cfg->dir;
    if (!dir[0]) {
        visit_fail(v, "this kiosk runs without an event folder: there is no event.ini to set "
                      "the printer in");
        return -1;
    }
    if (config_write_key(dir, "badge", "printer", queue) != 0) {
        visit_fail(v, "cannot write %s/event.ini: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}
