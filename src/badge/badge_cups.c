/* badge_cups.c — badge jobs through libcups (IPP to the local cupsd). */
#include "badge/badge_cups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cups/cups.h>

/* Explains the last libcups error, telling a missing server apart. */
static void last_error(const char *doing, const char *queue, char *err, size_t errlen)
{
    ipp_status_t st = cupsLastError();
    if (st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || st == IPP_STATUS_ERROR_INTERNAL)
        snprintf(err, errlen, "cannot %s on %s: the print server is not reachable (%s)", doing,
                 queue, cupsLastErrorString());
    else
        snprintf(err, errlen, "cannot %s on %s: %s", doing, queue, cupsLastErrorString());
}

int badge_cups_printer_check(const char *queue, char *why, size_t whylen)
{
    /* A missing server and a missing queue both make cupsGetNamedDest fail;
     * connecting first tells them apart. */
    http_t *http =
        httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 5000, NULL);
    if (!http) {
        snprintf(why, whylen,
                 "cannot reach the print server %s to use printer %s (is cupsd running?)",
                 cupsServer(), queue);
        return -1;
    }
    cups_dest_t *dest = cupsGetNamedDest(http, queue, NULL);
    if (!dest) {
        ipp_status_t st = cupsLastError();
        if (st == IPP_STATUS_ERROR_NOT_FOUND || st <= IPP_STATUS_OK_EVENTS_COMPLETE)
            snprintf(why, whylen, "no printer queue named %s (lpstat -p lists them)", queue);
        else
            snprintf(why, whylen, "cannot use printer %s: %s", queue, cupsLastErrorString());
        httpClose(http);
        return -1;
    }
    const char *state = cupsGetOption("printer-state", dest->num_options, dest->options);
    const char *accepting =
        cupsGetOption("printer-is-accepting-jobs", dest->num_options, dest->options);
    const char *reasons = cupsGetOption("printer-state-reasons", dest->num_options, dest->options);
    const char *message = cupsGetOption("printer-state-message", dest->num_options, dest->options);
    int rc = 0;
    if (state && atoi(state) == IPP_PSTATE_STOPPED) {
        /* cupsdisable leaves the reason "paused"; a failing backend leaves its message. */
        snprintf(why, whylen, "printer %s is stopped (%s)%s%s", queue,
                 reasons && *reasons ? reasons : "no reason given", message && *message ? ": " : "",
                 message ? message : "");
        rc = 1;
    } else if (accepting && !strcmp(accepting, "false")) {
        snprintf(why, whylen, "printer %s is not accepting jobs", queue);
        rc = 1;
    } else if (whylen) {
        why[0] = '\0';
    }
    cupsFreeDests(1, dest);
    httpClose(http);
    return rc;
}

int badge_cups_submit(const char *queue, const char *title, const unsigned char *pdf, size_t len,
                      double w_mm, double h_mm, char *err, size_t errlen)
{
    char media[64];
    snprintf(media, sizeof media, "Custom.%.1fx%.1fmm", w_mm, h_mm);
    cups_option_t *options = NULL;
    int nopt = cupsAddOption("media", media, 0, &options);
    int id = cupsCreateJob(CUPS_HTTP_DEFAULT, queue, title, nopt, options);
    cupsFreeOptions(nopt, options);
    if (id <= 0) {
        last_error("create a print job", queue, err, errlen);
        return 0;
    }
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, queue, id, "badge.pdf", CUPS_FORMAT_PDF, 1) !=
        HTTP_STATUS_CONTINUE) {
        last_error("send the badge", queue, err, errlen);
        cupsCancelJob2(CUPS_HTTP_DEFAULT, queue, id, 0);
        return 0;
    }
    /* cupsWriteRequestData takes an int length: send in pieces. */
    size_t off = 0;
    while (off < len) {
        size_t n = len - off > 65536 ? 65536 : len - off;
        if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, (const char *)pdf + off, n) !=
            HTTP_STATUS_CONTINUE) {
            last_error("send the badge", queue, err, errlen);
            cupsFinishDocument(CUPS_HTTP_DEFAULT, queue);
            cupsCancelJob2(CUPS_HTTP_DEFAULT, queue, id, 0);
            return 0;
        }
        off += n;
    }
    if (cupsFinishDocument(CUPS_HTTP_DEFAULT, queue) > IPP_STATUS_OK_EVENTS_COMPLETE) {
        last_error("send the badge", queue, err, errlen);
        cupsCancelJob2(CUPS_HTTP_DEFAULT, queue, id, 0);
        return 0;
    }
    return id;
}

int badge_cups_job_states(const char *queue, const int *ids, size_t n, BadgeCupsJobState *out,
                          char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        out[i] = BADGE_CUPS_JOB_UNKNOWN;
    if (n == 0)
        return 0;
    cups_job_t *jobs = NULL;
    int count = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue, 0, CUPS_WHICHJOBS_ALL);
    if (count < 0) {
        last_error("follow print jobs", queue, err, errlen);
        return -1;
    }
    for (int j = 0; j < count; j++) {
        for (size_t i = 0; i < n; i++) {
            if (jobs[j].id != ids[i])
                continue;
            switch (jobs[j].state) {
            case IPP_JSTATE_PENDING:
            case IPP_JSTATE_HELD:
                out[i] = BADGE_CUPS_JOB_WAITING;
                break;
            case IPP_JSTATE_PROCESSING:
                out[i] = BADGE_CUPS_JOB_PROCESSING;
                break;
            case IPP_JSTATE_COMPLETED:
                out[i] = BADGE_CUPS_JOB_COMPLETED;
                break;
            default:
                out[i] = BADGE_CUPS_JOB_FAILED;
                break;
            }
        }
    }
    cupsFreeJobs(count, jobs);
    return 0;
}

void badge_cups_cancel(const char *queue, int id)
{
    /* Best effort: the job may have ended meanwhile, which is fine. */
    (void)cupsCancelJob2(CUPS_HTTP_DEFAULT, queue, id, 0);
}
