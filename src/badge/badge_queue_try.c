/* badge_queue_try.c — the print worker's tries: a badge rendered and written
 * as a PNG or sent to CUPS (recorded as "sending" first) or held back while
 * its printer is stopped, a job found "sending" at start looked for at CUPS,
 * and sent jobs followed until they printed, failed, or CUPS gave no news of
 * them for too long. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge_cups.h"
#include "badge/badge_data.h"
#include "badge/badge_files.h"
#include "badge/badge_queue_internal.h"
#include "badge/badge_render.h"
#include "core/text.h"
#include "core/timefmt.h"

/* A failed try: again later with a doubled delay, or failed for good. A job
 * that failed for good is cancelled at CUPS too, so that it never prints
 * later (a queue of that name made again, a stopped printer started). */
static void attempt_failed(BadgeQueue *q, Active *a, const char *why)
{
    text_copy(a->job.error, sizeof a->job.error, why);
    a->job.paused = false;
    int cups_id = a->job.cups_job_id;
    a->job.cups_job_id = 0;
    a->silent = 0;
    if (a->job.attempts >= q->opt.max_attempts) {
        a->job.state = PRINT_FAILED;
        if (cups_id > 0 && !stopping(q))
            badge_cups_cancel(a->job.printer, cups_id);
    } else {
        a->job.state = PRINT_QUEUED;
        int64_t delay = q->opt.retry_delay_ms;
        for (int i = 1; i < a->job.attempts && delay < 60000; i++)
            delay *= 2;
        a->next_at = time_monotonic_ms() + delay;
    }
    job_changed(q, &a->job);
}

static void job_done(BadgeQueue *q, Active *a)
{
    a->job.state = PRINT_DONE;
    a->job.error[0] = '\0';
    a->job.paused = false;
    /* A badge written as a file (no printer) is saved for staff, not
     * printed: attendance.csv and staff's guest page must not say it was.
     * Not checked in (a test badge, an undone check-in) is not a problem. */
    if (a->job.printer[0] && store_badge_printed_set(q->store, a->job.guest_id) == STORE_ERROR)
        status_problem(q, store_errmsg(q->store));
    job_changed(q, &a->job);
}

/* File name characters we keep from a registration code; others become '_'. */
static void safe_name(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (; *in && o + 1 < outlen; in++) {
        unsigned char c = (unsigned char)*in;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        out[o++] = ok ? (char)c : '_';
    }
    out[o] = '\0';
}

/* Writes the badge as badges/<code>-<job>.png (private, see badge_files.h),
 * removing the guest's earlier badge files. 0, or -1 with err filled. */
static int write_png(BadgeQueue *q, const BadgeData *d, const BadgeImage *badge, Active *a,
                     char *err, size_t errlen)
{
    char dir[sizeof a->job.output], name[64], prefix[80], path[sizeof a->job.output + 128];
    if (badge_files_dir(q->db_path, dir, sizeof dir, err, errlen) != 0)
        return -1;
    safe_name(d->guest.code[0] ? d->guest.code : d->guest.id, name, sizeof name);
    int n = snprintf(path, sizeof path, "%s/%s-%lld.png", dir, name, (long long)a->job.id);
    if (n < 0 || (size_t)n >= sizeof a->job.output) {
        snprintf(err, errlen, "the database's folder name is too long for badge files");
        return -1;
    }
    if (badge_save_png(badge, path, err, errlen) != 0)
        return -1;
    snprintf(prefix, sizeof prefix, "%s-", name);
    badge_files_prune(dir, prefix, strrchr(path, '/') + 1);
    memcpy(a->job.output, path, sizeof a->job.output);
    return 0;
}

/* The CUPS job name and PDF title: the job's number and when it was made,
 * which tell it apart from any other kiosk's job, and nothing about the guest
 * (CUPS keeps job names in its history). */
void badge_queue_job_name(const PrintJob *job, char *out, size_t outlen)
{
    snprintf(out, outlen, "Lanyard badge %lld-%06lld", (long long)job->id,
             (long long)(job->created_at % 1000000));
}

/* Sends the rendered badge to CUPS, the attempt on disk first (sending): a
 * crash from here on leaves a job that the next start looks for at CUPS
 * rather than sending again. */
static void send_badge(BadgeQueue *q, Active *a, const BadgeImage *badge, const BadgeSpec *spec)
{
    char err[512] = "";
    unsigned char *pdf = NULL;
    size_t len = 0;
    char title[64];
    badge_queue_job_name(&a->job, title, sizeof title);
    if (badge_pdf_memory(badge, spec->w_mm, spec->h_mm, title, &pdf, &len, err, sizeof err) != 0) {
        attempt_failed(q, a, err);
        return;
    }
    /* Only once "sending" is on disk: otherwise a crash during the send
     * would leave a queued job that the next start sends again. */
    a->job.state = PRINT_SENDING;
    a->job.paused = false;
    a->job.error[0] = '\0';
    if (store_print_update(q->store, &a->job, time_now_ms()) != STORE_OK) {
        free(pdf);
        snprintf(err, sizeof err, "%s", store_errmsg(q->store));
        attempt_failed(q, a, err);
        return;
    }
    job_told(q, &a->job);
    int id =
        badge_cups_submit(a->job.printer, title, pdf, len, spec->w_mm, spec->h_mm, err, sizeof err);
    free(pdf);
    if (stopping(q))
        return; /* the row says sending: the next start asks CUPS */
    if (id <= 0) {
        attempt_failed(q, a, err);
    } else {
        a->job.cups_job_id = id;
        a->job.state = PRINT_SENT;
        a->job.error[0] = '\0';
        a->next_at = time_monotonic_ms() + q->opt.poll_ms;
        job_changed(q, &a->job);
    }
}

/* Marks a job as waiting for its printer (paused, why as its error), saved
 * and told only when that is news: a printer stopped for an hour is asked
 * about every poll_ms, and the database is not written each time. */
static void mark_paused(BadgeQueue *q, Active *a, const char *why)
{
    char was[sizeof a->job.error];
    memcpy(was, a->job.error, sizeof was);
    text_copy(a->job.error, sizeof a->job.error, why);
    if (a->job.paused && !strcmp(was, a->job.error))
        return;
    if (!a->job.paused)
        a->paused_at = time_monotonic_ms();
    a->job.paused = true;
    job_changed(q, &a->job);
}

/* A badge held stopped_give_up_ms for its stopped printer fails for good,
 * cancelled at CUPS if it was sent: its guest has gone by then, and a badge
 * printed when the printer is started hours later is a stranger's name left
 * on the desk. Staff reprint it for a guest who is still there. */
static bool waited_too_long(BadgeQueue *q, Active *a, const char *why)
{
    int64_t give_up = q->opt.stopped_give_up_ms;
    if (!a->job.paused || give_up <= 0 || time_monotonic_ms() - a->paused_at < give_up)
        return false;
    char err[512];
    snprintf(err, sizeof err,
             "not printed: printer %s was stopped for %lld min (%s); reprint it from staff "
             "mode once the printer runs",
             a->job.printer, (long long)((give_up + 59999) / 60000), why);
    a->job.attempts = q->opt.max_attempts;
    attempt_failed(q, a, err);
    return true;
}

/* A stopped printer is something staff fix (load labels, then Resume printer
 * or cupsenable): the job stays queued in the kiosk, unsent, without using up
 * a try, and is tried again every poll_ms. Sent only once the printer takes
 * jobs again, it prints once, and a restart meanwhile finds it queued; held
 * for stopped_give_up_ms, it fails (waited_too_long). */
void wait_stopped(BadgeQueue *q, Active *a, const char *why)
{
    if (waited_too_long(q, a, why))
        return;
    a->next_at = time_monotonic_ms() + q->opt.poll_ms;
    mark_paused(q, a, why);
}

/* One try: render, then write the PNG or send to CUPS. */
bool attempt(BadgeQueue *q, Active *a)
{
    char err[512] = "";
    if (a->job.printer[0]) {
        int ready = badge_cups_printer_check(a->job.printer, err, sizeof err);
        if (stopping(q))
            return false; /* the row is as it was: queued */
        status_printer(q, ready == 0 ? NULL : err, ready == 1 && q->opt.wait_stopped);
        if (ready == 1 && q->opt.wait_stopped) {
            text_copy(q->stopped_why, sizeof q->stopped_why, err);
            wait_stopped(q, a, err);
            return true;
        }
        if (ready != 0) {
            a->job.attempts++;
            attempt_failed(q, a, err);
            return false;
        }
    }
    a->job.attempts++;
    BadgeData d;
    if (badge_data_load(q->store, &q->cfg, a->job.guest_id, &d, err, sizeof err) != 0) {
        attempt_failed(q, a, err);
        return false;
    }
    BadgeSpec spec;
    badge_spec_from_config(&q->cfg, &spec);
    BadgeImage *badge = badge_render(q->fonts, &spec, &d.content, NULL, err, sizeof err);
    if (!badge) {
        attempt_failed(q, a, err);
    } else if (a->job.printer[0]) {
        send_badge(q, a, badge, &spec);
    } else if (write_png(q, &d, badge, a, err, sizeof err) != 0) {
        attempt_failed(q, a, err);
    } else {
        job_done(q, a);
    }
    badge_image_free(badge);
    badge_data_free(&d);
    return false;
}

/* A job found sending at start: the kiosk stopped while handing it to CUPS.
 * CUPS is asked for it by its name before anything is sent again. */
void recover_sending(BadgeQueue *q, Active *a)
{
    char title[64], err[512] = "";
    badge_queue_job_name(&a->job, title, sizeof title);
    BadgeCupsJobState st = BADGE_CUPS_JOB_UNKNOWN;
    bool has_document = false;
    int id = badge_cups_find_job(a->job.printer, title, a->job.updated_at / 1000 - 5, &st,
                                 &has_document, err, sizeof err);
    if (stopping(q))
        return;
    if (id < 0) {
        /* Not now: asked again, and given up on like a silent server. */
        status_problem(q, err);
        if (!a->silent)
            a->silent = time_monotonic_ms();
        if (time_monotonic_ms() - a->silent >= q->opt.give_up_ms) {
            a->job.attempts = q->opt.max_attempts;
            attempt_failed(q, a, err);
        }
        a->next_at = time_monotonic_ms() + q->opt.poll_ms;
        return;
    }
    a->silent = 0;
    if (id > 0 && has_document) {
        /* It arrived: followed like any sent job. */
        a->job.cups_job_id = id;
        a->job.state = PRINT_SENT;
        a->next_at = 0;
        job_changed(q, &a->job);
        return;
    }
    if (id > 0) /* created, but its badge never came: CUPS would wait for it */
        badge_cups_cancel(a->job.printer, id);
    /* Never reached CUPS: sent again now. */
    a->job.state = PRINT_QUEUED;
    a->next_at = 0;
    job_changed(q, &a->job);
}

/* CUPS did not answer about a's job: after give_up_ms of that it fails, so a
 * job never stays "printing" for good. */
static void follow_silent(BadgeQueue *q, Active *a, const char *why)
{
    int64_t now = time_monotonic_ms();
    if (!a->silent)
        a->silent = now;
    if (now - a->silent < q->opt.give_up_ms)
        return;
    char err[512];
    snprintf(err, sizeof err, "no news of job %d for %lld s: %s", a->job.cups_job_id,
             (long long)(q->opt.give_up_ms / 1000), why);
    a->job.attempts = q->opt.max_attempts;
    attempt_failed(q, a, err);
}

/* What CUPS says of one sent job (its printer stopped: stopped says why). */
static void follow_one(BadgeQueue *q, Active *a, BadgeCupsJobState st, bool gone, const char *why)
{
    char err[512];
    a->silent = 0;
    switch (st) {
    case BADGE_CUPS_JOB_WAITING:
        /* At a stopped printer (it ran out of labels while this job was
         * sent, or staff paused it) the job waits there and prints once the
         * printer is started: CUPS keeps it, so it is neither cancelled nor
         * sent again. `lanyard print` has no one to wait: it fails. */
        if (why && q->opt.wait_stopped) {
            if (!waited_too_long(q, a, why))
                mark_paused(q, a, why);
        } else if (why) {
            badge_cups_cancel(a->job.printer, a->job.cups_job_id);
            attempt_failed(q, a, why);
        } else if (a->job.paused) {
            a->job.paused = false;
            a->job.error[0] = '\0';
            job_changed(q, &a->job);
        }
        break;
    case BADGE_CUPS_JOB_PROCESSING:
        if (a->job.state != PRINT_PRINTING || a->job.paused) {
            a->job.state = PRINT_PRINTING;
            a->job.paused = false;
            a->job.error[0] = '\0';
            job_changed(q, &a->job);
        }
        break;
    case BADGE_CUPS_JOB_COMPLETED:
        job_done(q, a);
        break;
    case BADGE_CUPS_JOB_FAILED:
        snprintf(err, sizeof err, "printer %s stopped or cancelled job %d", a->job.printer,
                 a->job.cups_job_id);
        attempt_failed(q, a, err);
        break;
    case BADGE_CUPS_JOB_UNKNOWN:
        if (gone)
            snprintf(err, sizeof err, "printer queue %s no longer exists (lpstat -p lists them)",
                     a->job.printer);
        else
            snprintf(err, sizeof err, "the print server lost job %d", a->job.cups_job_id);
        attempt_failed(q, a, err);
        break;
    }
    if (print_job_unfinished(a->job.state) && a->job.cups_job_id > 0)
        a->next_at = time_monotonic_ms() + q->opt.poll_ms;
}

/* Asks CUPS how the sent jobs of one printer are doing. */
void follow(BadgeQueue *q, const char *printer)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nactive; i++)
        if (q->active[i].job.cups_job_id > 0 && !strcmp(q->active[i].job.printer, printer))
            n++;
    if (n == 0)
        return;
    int *ids = malloc(n * sizeof *ids);
    size_t *which = malloc(n * sizeof *which);
    BadgeCupsJobState *states = malloc(n * sizeof *states);
    char err[512] = "", why[512] = "";
    if (!ids || !which || !states)
        goto out;
    n = 0;
    for (size_t i = 0; i < q->nactive; i++) {
        if (q->active[i].job.cups_job_id > 0 && !strcmp(q->active[i].job.printer, printer)) {
            ids[n] = q->active[i].job.cups_job_id;
            which[n++] = i;
        }
    }
    bool gone = false;
    int rc = badge_cups_job_states(printer, ids, n, states, &gone, err, sizeof err);
    if (stopping(q))
        goto out;
    if (rc != 0) {
        status_problem(q, err); /* the server went away or is silent: ask again later */
        for (size_t k = 0; k < n; k++) {
            q->active[which[k]].next_at = time_monotonic_ms() + q->opt.poll_ms;
            follow_silent(q, &q->active[which[k]], err);
        }
        goto out;
    }
    /* Only a printer CUPS says is stopped makes its waiting jobs paused; a
     * question it did not answer says nothing about them. */
    bool stopped = false;
    for (size_t k = 0; k < n; k++)
        if (states[k] == BADGE_CUPS_JOB_WAITING) {
            int check = badge_cups_printer_check(printer, why, sizeof why);
            if (stopping(q))
                goto out;
            stopped = check == 1;
            status_printer(q, check ? why : NULL, stopped && q->opt.wait_stopped);
            break;
        }
    for (size_t k = 0; k < n && !stopping(q); k++)
        follow_one(q, &q->active[which[k]], states[k], gone, stopped ? why : NULL);
out:
    free(ids);
    free(which);
    free(states);
}
