/* job.c — see job.h. */
#include "core/job.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct Job {
    JobFn run, free_arg;
    void *arg;
    pthread_mutex_t mu; /* guards done and holders */
    pthread_cond_t cv;  /* broadcast when done */
    bool done;
    int holders; /* the thread and the caller: 2, 1, then freed */
};

static void job_free(Job *j)
{
    if (j->free_arg)
        j->free_arg(j->arg);
    pthread_cond_destroy(&j->cv);
    pthread_mutex_destroy(&j->mu);
    free(j);
}

static void let_go(Job *j)
{
    pthread_mutex_lock(&j->mu);
    bool last = --j->holders == 0;
    pthread_mutex_unlock(&j->mu);
    if (last)
        job_free(j);
}

/* Jobs whose run has not returned, in this process. */
static atomic_int running;

int job_running(void)
{
    return atomic_load(&running);
}

static void *job_main(void *p)
{
    Job *j = p;
    j->run(j->arg);
    atomic_fetch_sub(&running, 1);
    /* Done and let go in one step: a caller that sees the job done holds
     * the last reference, and its release frees at once. */
    pthread_mutex_lock(&j->mu);
    j->done = true;
    bool last = --j->holders == 0;
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&j->mu);
    if (last)
        job_free(j);
    return NULL;
}

int job_cond_init(pthread_cond_t *cv)
{
    pthread_condattr_t ca;
    int rc = pthread_condattr_init(&ca);
    if (rc != 0)
        return rc;
    rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(cv, &ca);
    pthread_condattr_destroy(&ca);
    return rc;
}

void job_deadline(struct timespec *ts, int64_t wait_ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    int64_t ns = ts->tv_nsec + (wait_ms > 0 ? wait_ms : 0) * 1000000;
    ts->tv_sec += (time_t)(ns / 1000000000);
    ts->tv_nsec = (long)(ns % 1000000000);
}

Job *job_start(JobFn run, JobFn free_arg, void *arg, char *err, size_t errlen)
{
    Job *j = calloc(1, sizeof *j);
    if (!j) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    j->run = run;
    j->free_arg = free_arg;
    j->arg = arg;
    j->holders = 2;
    int rc = job_cond_init(&j->cv);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start a worker: %s", strerror(rc));
        free(j);
        return NULL;
    }
    pthread_mutex_init(&j->mu, NULL);
    pthread_attr_t attr;
    pthread_t thread;
    rc = pthread_attr_init(&attr);
    if (rc == 0) {
        /* Never joined: exit must not wait on a thread blocked on a dead stick. */
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        atomic_fetch_add(&running, 1);
        rc = pthread_create(&thread, &attr, job_main, j);
        if (rc != 0)
            atomic_fetch_sub(&running, 1);
        pthread_attr_destroy(&attr);
    }
    if (rc != 0) {
        snprintf(err, errlen, "cannot start a worker: %s", strerror(rc));
        pthread_cond_destroy(&j->cv);
        pthread_mutex_destroy(&j->mu);
        free(j);
        return NULL;
    }
    return j;
}

bool job_done(Job *j)
{
    pthread_mutex_lock(&j->mu);
    bool done = j->done;
    pthread_mutex_unlock(&j->mu);
    return done;
}

bool job_wait(Job *j, int timeout_ms)
{
    struct timespec ts;
    job_deadline(&ts, timeout_ms);
    pthread_mutex_lock(&j->mu);
    while (!j->done)
        if (pthread_cond_timedwait(&j->cv, &j->mu, &ts) == ETIMEDOUT)
            break;
    bool done = j->done;
    pthread_mutex_unlock(&j->mu);
    return done;
}

void job_release(Job *j)
{
    if (j)
        let_go(j);
}
