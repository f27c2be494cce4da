/* cups_env.c — a private CUPS queue for the printing tests (cups_env.h). */
#include "cups_env.h"

#include <cups/cups.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

void cups_env_name(const char *kind, char *out, size_t outlen)
{
    /* FNV-1a of the binary's path: one name per build folder. */
    uint32_t h = 2166136261u;
    for (const char *p = LANYARD_BINARY; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    snprintf(out, outlen, "lanyard-%s-%08x", kind, h);
}

TuRun cups_env_script(const char *a, const char *b)
{
    char *script = tu_source("scripts/cups-test-env");
    const char *argv[] = {script, a, b, NULL};
    TuRun r = tu_run(argv, NULL);
    free(script);
    return r;
}

int cups_env_start(CupsEnv *c, const char *test, const char *kind)
{
    c->ready = false;
    c->lock_fd = -1;
    cups_env_name(kind, c->queue, sizeof c->queue);
    snprintf(c->outdir, sizeof c->outdir, "/tmp/%s-pdf", c->queue);
    if (geteuid() != 0) {
        fprintf(stderr, "%s: CUPS tests skipped: adding queues needs root\n", test);
        return 0;
    }
    char lock[160];
    snprintf(lock, sizeof lock, "/tmp/%s.lock", c->queue);
    c->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (c->lock_fd < 0 || flock(c->lock_fd, LOCK_EX) != 0) {
        fprintf(stderr, "%s: cannot lock %s\n", test, lock);
        return -1;
    }
    TuRun r = cups_env_script(c->queue, c->outdir);
    int status = r.status;
    if (status == 0)
        c->ready = true;
    else if (status == 77) /* no CUPS here: the script says why */
        fprintf(stderr, "%s: %s", test, r.err);
    else
        fprintf(stderr, "%s: cups-test-env failed (%d): %s\n", test, status, r.err);
    tu_run_free(&r);
    return status == 0 || status == 77 ? 0 : -1;
}

/* Waits (up to timeout_ms) until the queue has no job pending or printing:
 * 0; 1 when it still has one; -1 when CUPS cannot be asked (said on stderr). */
static int idle(const CupsEnv *c, int timeout_ms)
{
    for (int waited = 0;; waited += 100) {
        cups_job_t *jobs = NULL;
        int n = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, c->queue, 0, CUPS_WHICHJOBS_ACTIVE);
        cupsFreeJobs(n > 0 ? n : 0, jobs);
        if (n == 0)
            return 0;
        if (n < 0) {
            fprintf(stderr, "the jobs of %s: %s\n", c->queue, cupsLastErrorString());
            return -1;
        }
        if (waited >= timeout_ms)
            return 1;
        poll(NULL, 0, 100); /* CUPS tells nobody when a job ends: ask again */
    }
}

int cups_env_disable(const CupsEnv *c, const char *reason)
{
    int rc = idle(c, 60000);
    if (rc != 0) {
        if (rc > 0)
            fprintf(stderr, "%s still has jobs after a minute\n", c->queue);
        return -1;
    }
    const char *argv[] = {"/usr/sbin/cupsdisable", "-r", reason, c->queue, NULL};
    TuRun r = tu_run(argv, NULL);
    int status = r.status;
    if (status != 0)
        fprintf(stderr, "cupsdisable %s: %s\n", c->queue, r.err);
    tu_run_free(&r);
    return status == 0 ? 0 : -1;
}

void cups_env_stop(CupsEnv *c)
{
    if (c->ready) {
        TuRun r = cups_env_script("--remove", c->queue);
        tu_run_free(&r);
        tu_rmtree(c->outdir);
        c->ready = false;
    }
    if (c->lock_fd >= 0)
        close(c->lock_fd);
    c->lock_fd = -1;
}
