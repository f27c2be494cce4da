/* job.h — one piece of slow work (a USB stick, a share) on a thread of its
 * own, which the caller asks about and may walk away from.
 *
 * Two hold a job: the thread that runs it and the caller. Whichever lets go
 * last frees it, and its argument through free_arg. So a caller that gives up
 * on a job blocked in a system call — a dying USB stick, a hung mount, where
 * every call on it blocks — never waits for it: the thread is detached from
 * the start, frees the job should the call ever return, and is simply cut off
 * when the process exits. Plain C and POSIX threads, no SDL. */
#ifndef LANYARD_JOB_H
#define LANYARD_JOB_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct Job Job;

typedef void (*JobFn)(void *arg);

/* Starts run(arg) on a thread of its own and returns at once; free_arg (may
 * be NULL) frees arg once the run has ended and job_release was called. NULL
 * with err filled when no thread can be started (arg is then not freed). */
Job *job_start(JobFn run, JobFn free_arg, void *arg, char *err, size_t errlen);

/* True once run has returned: what it wrote into arg may be read. */
bool job_done(Job *j);

/* Waits at most timeout_ms for run to return; true when it has. */
bool job_wait(Job *j, int timeout_ms);

/* The caller lets go, never waiting: a job still running frees itself when
 * it ends. NULL is ignored. */
void job_release(Job *j);

/* Jobs still running in this process (walked away from, or not yet done). A
 * process ending while one is blocked writing to a dead stick must end with
 * _exit after flushing its own streams: exit() flushes every open stdio
 * stream, the job's too, and would block on it (or on its lock). */
int job_running(void);

/* For the kiosk's worker threads: a condition variable whose timed waits run
 * on the monotonic clock, so a stepped wall clock neither cuts a wait short
 * nor stretches it (0 or an errno value), and the moment wait_ms from now on
 * that clock, for pthread_cond_timedwait. */
int job_cond_init(pthread_cond_t *cv);
void job_deadline(struct timespec *ts, int64_t wait_ms);

#endif
