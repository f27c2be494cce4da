/* cups_admin.c — setting up the badge printer through CUPS. See
 * cups_admin.h. Sections: matching a printer to a driver, the requests, the
 * worker thread. */
#include "badge/cups_admin.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cups/cups.h>

#include "core/job.h"

/* ---- matching a printer to a driver ---- */

bool cups_admin_is_label(const char *mm)
{
    while (isspace((unsigned char)*mm))
        mm++;
    return !strncasecmp(mm, "Brother QL-", 11) ||
           (!strncasecmp(mm, "DYMO LabelWriter 4", 18) && isalnum((unsigned char)mm[18]));
}

/* A model as compared: lower case, runs of spaces as one, without a
 * driver's suffix (" Foomatic/...", " (recommended)", ", ..."). */
static void model_key(const char *mm, char *out, size_t outlen)
{
    size_t n = 0;
    bool space = false;
    for (const char *p = mm; *p && n + 1 < outlen; p++) {
        if (*p == ',' || *p == '(' || !strncasecmp(p, " Foomatic/", 10) ||
            !strncasecmp(p, " CUPS+Gutenprint", 16))
            break;
        if (isspace((unsigned char)*p)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        if (n + 1 < outlen)
            out[n++] = (char)tolower((unsigned char)*p);
    }
    out[n] = '\0';
}

int cups_admin_match_driver(const char *make_model, const CupsPpd *ppds, size_t n)
{
    char want[256];
    model_key(make_model, want, sizeof want);
    if (!want[0])
        return -1;
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        char have[256];
        model_key(ppds[i].make_and_model, have, sizeof have);
        if (strcmp(have, want))
            continue;
        if (best < 0 || strstr(ppds[i].make_and_model, "(recommended)"))
            best = (int)i;
    }
    return best;
}

/* ---- the requests ---- */

/* Never asks for a password: the kiosk has no one to type it. */
static const char *no_password(const char *prompt, http_t *http, const char *method,
                               const char *resource, void *ud)
{
    (void)prompt;
    (void)http;
    (void)method;
    (void)resource;
    (void)ud;
    return NULL;
}

static http_t *server(char *err, size_t errlen)
{
    cupsSetPasswordCB2(no_password, NULL); /* per thread */
    http_t *http =
        httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 5000, NULL);
    if (!http) {
        snprintf(err, errlen, "cannot reach the print server %s (is cupsd running?)", cupsServer());
        return NULL;
    }
    httpSetTimeout(http, CUPS_ADMIN_REQUEST_TIMEOUT_S, NULL, NULL);
    return http;
}

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

/* Why queue name is stopped, as CUPS says it (printer-state-message, which
 * cupsGetDests2 does not ask for): "" when it does not say. */
static void state_message(http_t *http, const char *name, char *out, size_t outlen)
{
    out[0] = '\0';
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
                     "/printers/%s", name);
    ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", NULL,
                 "printer-state-message");
    ipp_t *resp = cupsDoRequest(http, req, "/");
    ipp_attribute_t *a =
        resp ? ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT) : NULL;
    copy(out, outlen, a ? ippGetString(a, 0, NULL) : NULL);
    ippDelete(resp);
}

int cups_admin_queues(PrinterQueue *out, size_t max, size_t *n, char *err, size_t errlen)
{
    *n = 0;
    http_t *http = server(err, errlen);
    if (!http)
        return -1;
    cups_dest_t *dests = NULL;
    int count = cupsGetDests2(http, &dests);
    if (count == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE &&
        cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND) {
        snprintf(err, errlen, "cannot list the printer queues: %s", cupsLastErrorString());
        httpClose(http);
        return -1;
    }
    for (int i = 0; i < count && *n < max; i++) {
        if (dests[i].instance)
            continue;
        PrinterQueue *q = &out[(*n)++];
        copy(q->name, sizeof q->name, dests[i].name);
        const char *info = cupsGetOption("printer-info", dests[i].num_options, dests[i].options);
        const char *mm =
            cupsGetOption("printer-make-and-model", dests[i].num_options, dests[i].options);
        copy(q->info, sizeof q->info, info && *info ? info : mm);
        const char *state = cupsGetOption("printer-state", dests[i].num_options, dests[i].options);
        const char *accepting =
            cupsGetOption("printer-is-accepting-jobs", dests[i].num_options, dests[i].options);
        q->stopped = state && atoi(state) == IPP_PSTATE_STOPPED;
        q->rejecting = accepting && !strcmp(accepting, "false");
        if (q->stopped)
            state_message(http, q->name, q->reason, sizeof q->reason);
    }
    cupsFreeDests(count, dests);
    httpClose(http);
    return 0;
}

/* The drivers CUPS has from make (the first word of a make and model). */
static ipp_t *ppds_of(http_t *http, const char *make_model)
{
    char make[64];
    size_t i = 0;
    while (make_model[i] && !isspace((unsigned char)make_model[i]) && i + 1 < sizeof make) {
        make[i] = make_model[i];
        i++;
    }
    make[i] = '\0';
    ipp_t *req = ippNewRequest(IPP_OP_CUPS_GET_PPDS);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_TEXT, "ppd-make", NULL, make);
    static const char *const WANT[] = {"ppd-name", "ppd-make-and-model"};
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, WANT);
    return cupsDoRequest(http, req, "/");
}

/* Fills dev's driver from the PPDs CUPS has for its make. */
static void find_driver(http_t *http, PrinterDevice *dev)
{
    ipp_t *resp = ppds_of(http, dev->make_model);
    if (!resp)
        return;
    CupsPpd ppds[512];
    size_t n = 0;
    const char *name = NULL, *mm = NULL;
    for (ipp_attribute_t *a = ippFirstAttribute(resp);; a = ippNextAttribute(resp)) {
        const char *an = a ? ippGetName(a) : NULL;
        if (!an) { /* the end of one driver's attributes */
            if (name && mm && n < 512)
                ppds[n++] = (CupsPpd){name, mm};
            name = mm = NULL;
            if (!a)
                break;
            continue;
        }
        if (!strcmp(an, "ppd-name"))
            name = ippGetString(a, 0, NULL);
        else if (!strcmp(an, "ppd-make-and-model"))
            mm = ippGetString(a, 0, NULL);
    }
    int i = cups_admin_match_driver(dev->make_model, ppds, n);
    if (i >= 0) {
        copy(dev->ppd, sizeof dev->ppd, ppds[i].name);
        copy(dev->driver, sizeof dev->driver, ppds[i].make_and_model);
    }
    ippDelete(resp);
}

/* One device of the CUPS-Get-Devices answer, when it is on this machine. */
static void add_device(PrinterDevice *out, size_t max, size_t *n, const char *cls, const char *uri,
                       const char *mm, const char *info)
{
    if (!cls || !uri || (strcmp(cls, "direct") && strcmp(cls, "file")) || !strchr(uri, ':') ||
        *n >= max)
        return;
    PrinterDevice *d = &out[(*n)++];
    memset(d, 0, sizeof *d);
    copy(d->uri, sizeof d->uri, uri);
    /* "Unknown" is what a backend says when the printer does not. */
    copy(d->make_model, sizeof d->make_model,
         mm && *mm && strcasecmp(mm, "unknown") ? mm
         : info                                 ? info
                                                : "");
    d->label = cups_admin_is_label(d->make_model);
}

static int by_model(const void *a, const void *b)
{
    const PrinterDevice *x = a, *y = b;
    int c = strcasecmp(x->make_model, y->make_model);
    return c ? c : strcmp(x->uri, y->uri);
}

int cups_admin_devices(PrinterDevice *out, size_t max, size_t *n, char *err, size_t errlen)
{
    *n = 0;
    http_t *http = server(err, errlen);
    if (!http)
        return -1;
    /* The backends look for as long as the timeout: the request waits that
     * long and a little more. */
    httpSetTimeout(http, CUPS_ADMIN_DEVICE_TIMEOUT_S + CUPS_ADMIN_REQUEST_TIMEOUT_S, NULL, NULL);
    ipp_t *req = ippNewRequest(IPP_OP_CUPS_GET_DEVICES);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "timeout", CUPS_ADMIN_DEVICE_TIMEOUT_S);
    ipp_t *resp = cupsDoRequest(http, req, "/");
    if (!resp || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        snprintf(err, errlen, "cannot look for printers: %s", cupsLastErrorString());
        ippDelete(resp);
        httpClose(http);
        return -1;
    }
    const char *cls = NULL, *uri = NULL, *mm = NULL, *info = NULL;
    for (ipp_attribute_t *a = ippFirstAttribute(resp);; a = ippNextAttribute(resp)) {
        const char *an = a ? ippGetName(a) : NULL;
        if (!an) {
            add_device(out, max, n, cls, uri, mm, info);
            cls = uri = mm = info = NULL;
            if (!a)
                break;
            continue;
        }
        if (!strcmp(an, "device-class"))
            cls = ippGetString(a, 0, NULL);
        else if (!strcmp(an, "device-uri"))
            uri = ippGetString(a, 0, NULL);
        else if (!strcmp(an, "device-make-and-model"))
            mm = ippGetString(a, 0, NULL);
        else if (!strcmp(an, "device-info"))
            info = ippGetString(a, 0, NULL);
    }
    /* Backends answer in any order: the list is in name order, the same each look. */
    qsort(out, *n, sizeof *out, by_model);
    for (size_t i = 0; i < *n; i++)
        if (out[i].label)
            find_driver(http, &out[i]);
    ippDelete(resp);
    httpClose(http);
    return 0;
}

/* Whether the server said no for want of admin rights. */
static bool refusal(ipp_status_t st)
{
    return st == IPP_STATUS_ERROR_FORBIDDEN || st == IPP_STATUS_ERROR_NOT_AUTHORIZED ||
           st == IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED;
}

int cups_admin_add_queue(const char *name, const char *uri, const char *ppd, const char *info,
                         double w_mm, double h_mm, bool *refused, char *err, size_t errlen)
{
    *refused = false;
    http_t *http = server(err, errlen);
    if (!http)
        return -1;
    char printer_uri[HTTP_MAX_URI], media[64];
    httpAssembleURIf(HTTP_URI_CODING_ALL, printer_uri, sizeof printer_uri, "ipp", NULL, "localhost",
                     ippPort(), "/printers/%s", name);
    snprintf(media, sizeof media, "Custom.%.1fx%.1fmm", w_mm, h_mm);
    ipp_t *req = ippNewRequest(IPP_OP_CUPS_ADD_MODIFY_PRINTER);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, printer_uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "ppd-name", NULL, ppd);
    ippAddString(req, IPP_TAG_PRINTER, IPP_TAG_URI, "device-uri", NULL, uri);
    ippAddString(req, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-info", NULL, info);
    ippAddString(req, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "media-default", NULL, media);
    ippAddBoolean(req, IPP_TAG_PRINTER, "printer-is-accepting-jobs", 1);
    ippAddInteger(req, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", IPP_PSTATE_IDLE);
    ippDelete(cupsDoRequest(http, req, "/admin/"));
    ipp_status_t st = cupsLastError();
    httpClose(http);
    if (st <= IPP_STATUS_OK_EVENTS_COMPLETE)
        return 0;
    if (refusal(st)) {
        *refused = true;
        snprintf(err, errlen,
                 "the print server refused to add printer %s (%s): adding a printer needs the "
                 "right to administer CUPS. Run the kiosk as a user in the lpadmin group, or add "
                 "it as root with: lpadmin -p %s -E -v '%s' -m '%s'",
                 name, cupsLastErrorString(), name, uri, ppd);
    } else {
        snprintf(err, errlen, "cannot add printer %s: %s", name, cupsLastErrorString());
    }
    return -1;
}

/* One request on queue name's printer object; its status. */
static ipp_status_t printer_op(http_t *http, ipp_op_t op, const char *name)
{
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
                     "/printers/%s", name);
    ipp_t *req = ippNewRequest(op);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippDelete(cupsDoRequest(http, req, "/admin/"));
    return cupsLastError();
}

int cups_admin_resume_queue(const char *name, bool *refused, char *err, size_t errlen)
{
    *refused = false;
    http_t *http = server(err, errlen);
    if (!http)
        return -1;
    /* Resume-Printer is what cupsenable sends; a queue that also rejects
     * jobs (cupsreject) would still refuse badges without CUPS-Accept-Jobs. */
    ipp_status_t st = printer_op(http, IPP_OP_RESUME_PRINTER, name);
    if (st <= IPP_STATUS_OK_EVENTS_COMPLETE)
        st = printer_op(http, IPP_OP_CUPS_ACCEPT_JOBS, name);
    httpClose(http);
    if (st <= IPP_STATUS_OK_EVENTS_COMPLETE)
        return 0;
    if (refusal(st)) {
        *refused = true;
        snprintf(err, errlen,
                 "the print server refused to start printer %s (%s): starting a printer needs "
                 "the right to administer CUPS. Run the kiosk as a user in the lpadmin group, or "
                 "start it as root with: cupsenable %s && cupsaccept %s",
                 name, cupsLastErrorString(), name, name);
    } else {
        snprintf(err, errlen, "cannot start printer %s: %s", name, cupsLastErrorString());
    }
    return -1;
}

/* ---- the worker ---- */

typedef struct AddRequest {
    char name[128], uri[512], ppd[512], info[256];
    double w_mm, h_mm;
} AddRequest;

struct CupsAdmin {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cond; /* a request came, or one ended */
    bool stop;
    bool done;      /* the worker has left its loop */
    bool abandoned; /* destroy stopped waiting: the worker frees a when it ends */
    bool want_scan, want_add, want_resume;
    bool add_failed; /* the last add or resume failed: its error stays past the look after it */
    AddRequest add;
    char resume[128]; /* the queue to start again */
    PrinterSetup state;
};

/* One look, its lists put in the state at once. */
static void do_scan(CupsAdmin *a)
{
    PrinterSetup *got = calloc(1, sizeof *got);
    if (!got)
        return;
    char err[600] = "";
    if (cups_admin_queues(got->queues, PRINTER_SETUP_MAX, &got->nqueues, err, sizeof err) == 0)
        cups_admin_devices(got->devices, PRINTER_SETUP_MAX, &got->ndevices, err, sizeof err);
    pthread_mutex_lock(&a->mu);
    memcpy(a->state.queues, got->queues, sizeof got->queues);
    a->state.nqueues = got->nqueues;
    memcpy(a->state.devices, got->devices, sizeof got->devices);
    a->state.ndevices = got->ndevices;
    if (err[0] || !a->add_failed)
        copy(a->state.error, sizeof a->state.error, err);
    a->state.scanned = true;
    pthread_mutex_unlock(&a->mu);
    free(got);
}

static void do_add(CupsAdmin *a, const AddRequest *r)
{
    char err[600] = "";
    bool refused = false;
    int rc = cups_admin_add_queue(r->name, r->uri, r->ppd, r->info, r->w_mm, r->h_mm, &refused, err,
                                  sizeof err);
    pthread_mutex_lock(&a->mu);
    a->state.refused = refused;
    a->add_failed = rc != 0;
    copy(a->state.error, sizeof a->state.error, err);
    copy(a->state.added, sizeof a->state.added, rc == 0 ? r->name : "");
    a->want_scan = true; /* the lists show the new queue */
    pthread_mutex_unlock(&a->mu);
}

static void do_resume(CupsAdmin *a, const char *name)
{
    char err[600] = "";
    bool refused = false;
    int rc = cups_admin_resume_queue(name, &refused, err, sizeof err);
    pthread_mutex_lock(&a->mu);
    a->state.refused = refused;
    a->add_failed = rc != 0;
    copy(a->state.error, sizeof a->state.error, err);
    copy(a->state.resumed, sizeof a->state.resumed, rc == 0 ? name : "");
    a->want_scan = true; /* the lists show it started */
    pthread_mutex_unlock(&a->mu);
}

static void *worker(void *arg)
{
    CupsAdmin *a = arg;
    pthread_mutex_lock(&a->mu);
    for (;;) {
        while (!a->stop && !a->want_scan && !a->want_add && !a->want_resume) {
            a->state.busy = false;
            pthread_cond_broadcast(&a->cond);
            pthread_cond_wait(&a->cond, &a->mu);
        }
        if (a->stop)
            break;
        a->state.busy = true;
        if (a->want_add) {
            AddRequest r = a->add;
            a->want_add = false;
            pthread_mutex_unlock(&a->mu);
            do_add(a, &r);
        } else if (a->want_resume) {
            char name[sizeof a->resume];
            memcpy(name, a->resume, sizeof name);
            a->want_resume = false;
            pthread_mutex_unlock(&a->mu);
            do_resume(a, name);
        } else {
            a->want_scan = false;
            pthread_mutex_unlock(&a->mu);
            do_scan(a);
        }
        pthread_mutex_lock(&a->mu);
    }
    a->state.busy = false;
    a->done = true;
    bool abandoned = a->abandoned;
    pthread_cond_broadcast(&a->cond);
    pthread_mutex_unlock(&a->mu);
    if (abandoned) {
        pthread_cond_destroy(&a->cond);
        pthread_mutex_destroy(&a->mu);
        free(a);
    }
    return NULL;
}

CupsAdmin *cups_admin_create(char *err, size_t errlen)
{
    CupsAdmin *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&a->mu, NULL);
    if (job_cond_init(&a->cond) != 0) {
        snprintf(err, errlen, "cannot start the printer set-up thread");
        pthread_mutex_destroy(&a->mu);
        free(a);
        return NULL;
    }
    if (pthread_create(&a->thread, NULL, worker, a) != 0) {
        snprintf(err, errlen, "cannot start the printer set-up thread");
        pthread_cond_destroy(&a->cond);
        pthread_mutex_destroy(&a->mu);
        free(a);
        return NULL;
    }
    return a;
}

void cups_admin_destroy(CupsAdmin *a)
{
    if (!a)
        return;
    struct timespec until;
    job_deadline(&until, CUPS_ADMIN_STOP_WAIT_MS);
    pthread_mutex_lock(&a->mu);
    a->stop = true;
    pthread_cond_broadcast(&a->cond);
    while (!a->done)
        if (pthread_cond_timedwait(&a->cond, &a->mu, &until) == ETIMEDOUT)
            break;
    bool done = a->done;
    a->abandoned = !done;
    pthread_t thread = a->thread;
    pthread_mutex_unlock(&a->mu);
    if (!done) {
        /* A print server that does not answer holds the worker in a request
         * (up to its timeout): the kiosk exits anyway; the worker frees a
         * should the request return first, else it is cut off with the
         * process. a may be freed from here on. */
        fprintf(stderr, "lanyard: gave up waiting for the print server to answer\n");
        pthread_detach(thread);
        return;
    }
    pthread_join(thread, NULL);
    pthread_cond_destroy(&a->cond);
    pthread_mutex_destroy(&a->mu);
    free(a);
}

void cups_admin_scan(CupsAdmin *a)
{
    pthread_mutex_lock(&a->mu);
    a->want_scan = true;
    a->add_failed = false;
    a->state.busy = true;
    pthread_cond_broadcast(&a->cond);
    pthread_mutex_unlock(&a->mu);
}

void cups_admin_add(CupsAdmin *a, const char *name, const char *uri, const char *ppd,
                    const char *info, double w_mm, double h_mm)
{
    pthread_mutex_lock(&a->mu);
    copy(a->add.name, sizeof a->add.name, name);
    copy(a->add.uri, sizeof a->add.uri, uri);
    copy(a->add.ppd, sizeof a->add.ppd, ppd);
    copy(a->add.info, sizeof a->add.info, info);
    a->add.w_mm = w_mm;
    a->add.h_mm = h_mm;
    a->want_add = true;
    a->state.busy = true;
    a->state.added[0] = '\0';
    a->state.error[0] = '\0';
    a->state.refused = false;
    pthread_cond_broadcast(&a->cond);
    pthread_mutex_unlock(&a->mu);
}

void cups_admin_resume(CupsAdmin *a, const char *name)
{
    pthread_mutex_lock(&a->mu);
    copy(a->resume, sizeof a->resume, name);
    a->want_resume = true;
    a->state.busy = true;
    a->state.resumed[0] = '\0';
    a->state.error[0] = '\0';
    a->state.refused = false;
    pthread_cond_broadcast(&a->cond);
    pthread_mutex_unlock(&a->mu);
}

void cups_admin_state(CupsAdmin *a, PrinterSetup *out)
{
    pthread_mutex_lock(&a->mu);
    *out = a->state;
    pthread_mutex_unlock(&a->mu);
}

bool cups_admin_wait(CupsAdmin *a, int timeout_ms)
{
    struct timespec until;
    job_deadline(&until, timeout_ms);
    pthread_mutex_lock(&a->mu);
    int rc = 0;
    while (rc == 0 && (a->state.busy || a->want_scan || a->want_add || a->want_resume))
        rc = pthread_cond_timedwait(&a->cond, &a->mu, &until);
    bool idle = !a->state.busy && !a->want_scan && !a->want_add && !a->want_resume;
    pthread_mutex_unlock(&a->mu);
    return idle;
}
