/* cmd_print.c — `lanyard print`: prints one guest's badge through CUPS, using
 * the same print queue as the kiosk (the job is kept in the database), and
 * waits until the print server has accepted the job. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "badge/badge_data.h"
#include "badge/badge_queue.h"
#include "cli/cli.h"
#include "core/event_config.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard print --db DB (--code CODE | --guest ID) [--printer QUEUE]\n"
    "                     [--event DIR]\n"
    "Prints a guest's badge on a CUPS queue and prints the CUPS job id once the\n"
    "print server has accepted the job. The label size is sent as the media size.\n"
    "With no printer (no --printer, none in event.ini) the badge is written as a\n"
    "PNG to badges/ beside the database and its path is printed.\n\n"
    "  --db DB          the event database\n"
    "  --code CODE      the guest's registration code\n"
    "  --guest ID       the guest's id\n"
    "  --printer QUEUE  a CUPS queue (lpstat -p lists them); default: event.ini\n"
    "  --event DIR      the event folder (badge size, QR link, printer)\n";

/* The worker reports through this; the main thread waits on it. */
typedef struct Waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool settled;
    PrintJob job;
} Waiter;

static void on_job(void *ud, const PrintJob *job)
{
    Waiter *w = ud;
    pthread_mutex_lock(&w->mu);
    /* Settled: CUPS has the job, or it failed, or the PNG is written. */
    if (job->state == PRINT_SENT || job->state == PRINT_PRINTING || job->state == PRINT_DONE ||
        job->state == PRINT_FAILED) {
        w->job = *job;
        w->settled = true;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
}

static int parse_args(int argc, char **argv, CliGuestArgs *a)
{
    int rc = cli_parse_guest_args("print", argc, argv, "printer", a);
    if (rc)
        return rc;
    if (a->own && strlen(a->own) >= sizeof((EventConfig *)0)->printer)
        return cli_usage_error("print", "--printer: name too long");
    return 0;
}

int cmd_print(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    CliGuestArgs a;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    EventConfig cfg;
    if (cli_event_config_for_db("print", a.event, a.db, &cfg) != 0)
        return 1;
    if (a.own) /* --printer */
        snprintf(cfg.printer, sizeof cfg.printer, "%s", a.own);

    char err[640];
    char id[ID_LEN + 1];
    Store *s = cli_store_open("print", a.db, 0);
    if (!s)
        return 1;
    rc = badge_guest_find(s, a.code, a.guest, id, err, sizeof err);
    store_close(s);
    if (rc != 0) {
        fprintf(stderr, "lanyard print: %s\n", err);
        return 1;
    }

    Waiter w = {.settled = false};
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    BadgeQueueOptions opt;
    badge_queue_options_default(&opt);
    opt.resume = false;       /* the kiosk's unfinished jobs are the kiosk's */
    opt.max_attempts = 1;     /* a person is waiting for the answer: no retries */
    opt.wait_stopped = false; /* ...nor a wait for a stopped printer: it says so */
    BadgeQueue *q = badge_queue_create(a.db, &cfg, &opt, on_job, &w, err, sizeof err);
    if (!q) {
        fprintf(stderr, "lanyard print: %s\n", err);
        return 1;
    }
    int status = 1;
    if (badge_queue_reprint(q, id) != 0) {
        fprintf(stderr, "lanyard print: out of memory\n");
    } else {
        pthread_mutex_lock(&w.mu);
        while (!w.settled)
            pthread_cond_wait(&w.cv, &w.mu);
        pthread_mutex_unlock(&w.mu);
        if (w.job.state == PRINT_FAILED) {
            fprintf(stderr, "lanyard print: %s\n", w.job.error);
        } else if (w.job.output[0]) {
            printf("%s\n", w.job.output);
            status = 0;
        } else {
            printf("%d\n", w.job.cups_job_id);
            status = 0;
        }
    }
    badge_queue_destroy(q);
    pthread_mutex_destroy(&w.mu);
    pthread_cond_destroy(&w.cv);
    return status;
}
