/* test_job.c — core/job.h: a job runs on a thread of its own while the
 * caller asks about it; whichever of the two lets go last frees it (and its
 * argument) exactly once, so a caller may walk away from a job that is still
 * blocked and never wait for it. The blocking here is a gate the test opens;
 * nothing sleeps. Under the sanitizers a double free or a leak fails it. */
#include <pthread.h>
#include <time.h>
#include <stdlib.h>

#include "testutil.h"

#include "core/job.h"

typedef struct Work {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool open; /* the run may end */
    int result;
} Work;

/* Works freed so far; the free says so on freed_cv. */
static int freed;
static pthread_mutex_t freed_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t freed_cv = PTHREAD_COND_INITIALIZER;

static int freed_count(void)
{
    pthread_mutex_lock(&freed_mu);
    int n = freed;
    pthread_mutex_unlock(&freed_mu);
    return n;
}

/* Waits (bounded: 20 s on the wall clock) for n works freed. */
static bool freed_wait(int n)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 20;
    pthread_mutex_lock(&freed_mu);
    while (freed < n)
        if (pthread_cond_timedwait(&freed_cv, &freed_mu, &ts) != 0)
            break;
    bool ok = freed >= n;
    pthread_mutex_unlock(&freed_mu);
    return ok;
}

static void run(void *arg)
{
    Work *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->open)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
    w->result = 42;
}

static void work_free(void *arg)
{
    Work *w = arg;
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w);
    pthread_mutex_lock(&freed_mu);
    freed++;
    pthread_cond_broadcast(&freed_cv);
    pthread_mutex_unlock(&freed_mu);
}

static Work *work_new(void)
{
    Work *w = calloc(1, sizeof *w);
    assert_non_null(w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    return w;
}

static void open_gate(Work *w)
{
    pthread_mutex_lock(&w->mu);
    w->open = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* Asked about while it runs, then read once done; freed at the release. */
static void test_done_then_released(void **state)
{
    (void)state;
    int before = freed_count();
    Work *w = work_new();
    char err[128];
    Job *j = job_start(run, work_free, w, err, sizeof err);
    assert_non_null(j);
    assert_false(job_done(j));
    assert_false(job_wait(j, 50)); /* blocked: the wait gives up */
    open_gate(w);
    assert_true(job_wait(j, 20000));
    assert_true(job_done(j));
    assert_int_equal(w->result, 42);
    assert_int_equal(freed_count(), before); /* the caller still holds it */
    job_release(j);
    assert_int_equal(freed_count(), before + 1); /* at once: the run had ended */
}

/* Released while still blocked: the release returns at once and the thread
 * frees the work when it ends. */
static void test_released_while_running(void **state)
{
    (void)state;
    int before = freed_count();
    Work *w = work_new();
    char err[128];
    Job *j = job_start(run, work_free, w, err, sizeof err);
    assert_non_null(j);
    job_release(j); /* returns at once: the run is blocked */
    assert_int_equal(freed_count(), before);
    open_gate(w); /* w is the thread's from here on */
    assert_true(freed_wait(before + 1));
    job_release(NULL); /* ignored */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_done_then_released),
        cmocka_unit_test(test_released_while_running),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
