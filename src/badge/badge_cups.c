/* badge_cups.c — badge jobs through libcups (IPP to the local cupsd), each
 * request bounded in time (see badge_cups.h). */
#include "badge/badge_cups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cups/cups.h>

#include "core/timefmt.h"

/* The calling thread's limits (badge_cups_limit). */
static _Thread_local int tl_timeout_ms;
static _Thread_local const int *tl_cancel;

void badge_cups_limit(int timeout_ms, const int *cancel)
{
    tl_timeout_ms = timeout_ms;
    tl_cancel = cancel;
}

static int timeout_ms(void)
{
    return tl_timeout_ms > 0 ? tl_timeout_ms : BADGE_CUPS_TIMEOUT_MS;
}

static bool cancelled(void)
{
    return tl_cancel && __atomic_load_n(tl_cancel, __ATOMIC_ACQUIRE) != 0;
}

/* One connection to the server, and how its current request is doing. */
typedef struct Call {
    http_t *http;
    int64_t started; /* monotonic ms the current request began */
    bool timed_out, stopped;
} Call;

/* libcups asks this each time a wait on the server passes a fifth of a second
 * without news: 1 waits on, 0 gives up. */
static int keep_waiting(http_t *http, void *ud)
{
    (void)http;
    Call *c = ud;
    if (cancelled()) {
        c->stopped = true;
        return 0;
    }
    if (time_monotonic_ms() - c->started >= timeout_ms()) {
        c->timed_out = true;
        return 0;
    }
    return 1;
}

/* Each request gets the whole timeout. */
static void call_request(Call *c)
{
    c->started = time_monotonic_ms();
}

static int call_open(Call *c, const char *queue, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    int connect = timeout_ms() < BADGE_CUPS_CONNECT_MS ? timeout_ms() : BADGE_CUPS_CONNECT_MS;
    /* libcups only reads the cancel flag; its prototype is not const. */
    c->http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, connect,
                           (int *)tl_cancel);
    if (!c->http) {
        if (cancelled())
            snprintf(err, errlen, "stopped before printer %s was reached", queue);
        else
            snprintf(err, errlen,
                     "cannot reach the print server %s to use printer %s (is cupsd running?)",
                     cupsServer(), queue);
        return -1;
    }
    httpSetTimeout(c->http, 0.2, keep_waiting, c);
    call_request(c);
    return 0;
}

static void call_close(Call *c)
{
    httpClose(c->http);
    c->http = NULL;
}

/* Explains why the request of c failed: no answer in time, stopped, a missing
 * server or the server's own words. */
static void call_error(const Call *c, const char *doing, const char *queue, char *err,
                       size_t errlen)
{
    ipp_status_t st = cupsLastError();
    if (c->timed_out)
        snprintf(err, errlen, "cannot %s on %s: the print server %s did not answer within %g s",
                 doing, queue, cupsServer(), timeout_ms() / 1000.0);
    else if (c->stopped)
        snprintf(err, errlen, "cannot %s on %s: stopped while waiting for the print server", doing,
                 queue);
    else if (st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || st == IPP_STATUS_ERROR_INTERNAL)
        snprintf(err, errlen, "cannot %s on %s: the print server is not reachable (%s)", doing,
                 queue, cupsLastErrorString());
    else
        snprintf(err, errlen, "cannot %s on %s: %s", doing, queue, cupsLastErrorString());
}

/* A Get-Printer-Attributes request for queue (NULL when out of memory). */
static ipp_t *printer_request(const char *queue)
{
    static const char *const ATTRS[] = {"printer-state", "printer-state-reasons",
                                        "printer-state-message", "printer-is-accepting-jobs"};
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
                     "/printers/%s", queue);
    ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    if (!req)
        return NULL;
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  (int)(sizeof ATTRS / sizeof ATTRS[0]), NULL, ATTRS);
    return req;
}

/* The printer's state from a Get-Printer-Attributes answer: 0 ready, 1 stopped
 * or rejecting (why says how). */
static int printer_ready(ipp_t *resp, const char *queue, char *why, size_t whylen)
{
    ipp_attribute_t *a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
    int state = a ? ippGetInteger(a, 0) : IPP_PSTATE_IDLE;
    a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    bool accepting = !a || ippGetBoolean(a, 0);
    char reasons[256] = "";
    a = ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD);
    if (a)
        ippAttributeString(a, reasons, sizeof reasons);
    a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
    const char *message = a ? ippGetString(a, 0, NULL) : NULL;
    if (state == IPP_PSTATE_STOPPED) {
        /* cupsdisable leaves the reason "paused"; a failing backend leaves its message. */
        snprintf(why, whylen, "printer %s is stopped (%s)%s%s", queue,
                 reasons[0] ? reasons : "no reason given", message && *message ? ": " : "",
                 message ? message : "");
        return 1;
    }
    if (!accepting) {
        snprintf(why, whylen, "printer %s is not accepting jobs", queue);
        return 1;
    }
    if (whylen)
        why[0] = '\0';
    return 0;
}

int badge_cups_printer_check(const char *queue, char *why, size_t whylen)
{
    Call c;
    if (call_open(&c, queue, why, whylen) != 0)
        return -1;
    ipp_t *req = printer_request(queue);
    ipp_t *resp = req ? cupsDoRequest(c.http, req, "/") : NULL;
    int rc;
    if (!req) {
        snprintf(why, whylen, "out of memory asking for printer %s", queue);
        rc = -1;
    } else if (!resp || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        if (!c.timed_out && !c.stopped && cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
            snprintf(why, whylen, "no printer queue named %s (lpstat -p lists them)", queue);
        else
            call_error(&c, "use the printer", queue, why, whylen);
        rc = -1;
    } else {
        rc = printer_ready(resp, queue, why, whylen);
    }
    ippDelete(resp);
    call_close(&c);
    return rc;
}

static int send_document(Call *c, const char *queue, int id, const unsigned char *pdf, size_t len,
                         char *err, size_t errlen)
{
    call_request(c);
    if (cupsStartDocument(c->http, queue, id, "badge.pdf", CUPS_FORMAT_PDF, 1) !=
        HTTP_STATUS_CONTINUE) {
        call_error(c, "send the badge", queue, err, errlen);
        return -1;
    }
    /* cupsWriteRequestData takes an int length: send in pieces. */
    for (size_t off = 0; off < len;) {
        size_t n = len - off > 65536 ? 65536 : len - off;
        call_request(c);
        if (cupsWriteRequestData(c->http, (const char *)pdf + off, n) != HTTP_STATUS_CONTINUE) {
            call_error(c, "send the badge", queue, err, errlen);
            return -1;
        }
        off += n;
    }
    call_request(c);
    if (cupsFinishDocument(c->http, queue) > IPP_STATUS_OK_EVENTS_COMPLETE) {
        call_error(c, "send the badge", queue, err, errlen);
        return -1;
    }
    return 0;
}

int badge_cups_submit(const char *queue, const char *title, const unsigned char *pdf, size_t len,
                      double w_mm, double h_mm, char *err, size_t errlen)
{
    Call c;
    if (call_open(&c, queue, err, errlen) != 0)
        return 0;
    char media[64];
    snprintf(media, sizeof media, "Custom.%.1fx%.1fmm", w_mm, h_mm);
    cups_option_t *options = NULL;
    int nopt = cupsAddOption("media", media, 0, &options);
    int id = cupsCreateJob(c.http, queue, title, nopt, options);
    cupsFreeOptions(nopt, options);
    if (id <= 0) {
        call_error(&c, "create a print job", queue, err, errlen);
        id = 0;
    } else if (send_document(&c, queue, id, pdf, len, err, errlen) != 0) {
        /* On a fresh connection: this one may be stuck half-way through a request. */
        call_close(&c);
        badge_cups_cancel(queue, id);
        id = 0;
    }
    call_close(&c);
    return id;
}

static BadgeCupsJobState job_state(ipp_jstate_t st)
{
    switch (st) {
    case IPP_JSTATE_PENDING:
    case IPP_JSTATE_HELD:
        return BADGE_CUPS_JOB_WAITING;
    case IPP_JSTATE_PROCESSING:
        return BADGE_CUPS_JOB_PROCESSING;
    case IPP_JSTATE_COMPLETED:
        return BADGE_CUPS_JOB_COMPLETED;
    default:
        return BADGE_CUPS_JOB_FAILED;
    }
}

/* All jobs of queue: their count (>= 0), 0 with *gone when the queue does not
 * exist, -1 with err filled. */
static int all_jobs(const char *queue, cups_job_t **jobs, bool *gone, char *err, size_t errlen)
{
    *jobs = NULL;
    if (gone)
        *gone = false;
    Call c;
    if (call_open(&c, queue, err, errlen) != 0)
        return -1;
    int count = cupsGetJobs2(c.http, jobs, queue, 0, CUPS_WHICHJOBS_ALL);
    if (count < 0 && !c.timed_out && !c.stopped && cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
        if (gone)
            *gone = true;
        count = 0;
    } else if (count < 0) {
        call_error(&c, "follow print jobs", queue, err, errlen);
    }
    call_close(&c);
    return count;
}

int badge_cups_job_states(const char *queue, const int *ids, size_t n, BadgeCupsJobState *out,
                          bool *gone, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        out[i] = BADGE_CUPS_JOB_UNKNOWN;
    if (gone)
        *gone = false;
    if (n == 0)
        return 0;
    cups_job_t *jobs;
    int count = all_jobs(queue, &jobs, gone, err, errlen);
    if (count < 0)
        return -1;
    for (int j = 0; j < count; j++)
        for (size_t i = 0; i < n; i++)
            if (jobs[j].id == ids[i])
                out[i] = job_state(jobs[j].state);
    cupsFreeJobs(count, jobs);
    return 0;
}

int badge_cups_find_job(const char *queue, const char *title, int64_t since_s,
                        BadgeCupsJobState *state, bool *has_document, char *err, size_t errlen)
{
    cups_job_t *jobs;
    int count = all_jobs(queue, &jobs, NULL, err, errlen);
    if (count < 0)
        return -1;
    int found = 0;
    for (int j = 0; j < count; j++) {
        if (!jobs[j].title || strcmp(jobs[j].title, title) != 0 ||
            (int64_t)jobs[j].creation_time < since_s || jobs[j].id < found)
            continue;
        found = jobs[j].id;
        *state = job_state(jobs[j].state);
        *has_document = jobs[j].size > 0;
    }
    cupsFreeJobs(count, jobs);
    return found;
}

void badge_cups_cancel(const char *queue, int id)
{
    /* Best effort: the job may have ended meanwhile, which is fine. */
    Call c;
    char err[256];
    if (call_open(&c, queue, err, sizeof err) != 0)
        return;
    (void)cupsCancelJob2(c.http, queue, id, 0);
    call_close(&c);
}
