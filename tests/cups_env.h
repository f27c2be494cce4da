/* cups_env.h — a private CUPS queue for the tests that print through a real
 * cupsd. scripts/cups-test-env starts cupsd when needed and adds a cups-pdf
 * queue whose PDFs land in a known folder. Each test's queue is named after
 * the test binary (so the plain and the sanitizer suites have queues of their
 * own), and a lock file serialises two runs of the same binary. Adding queues
 * needs root: without it (or without CUPS) the queue is not there and the
 * tests that need it skip, saying why on stderr. */
#ifndef LANYARD_CUPS_ENV_H
#define LANYARD_CUPS_ENV_H

#include <stdbool.h>

#include "testutil.h"

typedef struct CupsEnv {
    bool ready;       /* the queue is there */
    char queue[64];   /* "lanyard-KIND-XXXXXXXX" */
    char outdir[128]; /* where its PDFs land: /tmp/QUEUE-pdf */
    int lock_fd;
} CupsEnv;

/* Names the queue for kind ("test", "setup", ...) and this binary and, as
 * root, adds it. 0 when it is there or cannot be had here (c->ready false,
 * the reason said as "test: ..."); -1 when setting it up failed. */
int cups_env_start(CupsEnv *c, const char *test, const char *kind);

/* Stops the queue as CUPS stops a label printer out of labels (cupsdisable
 * -r reason), once the jobs earlier tests sent there are done: a queue stopped
 * while a job prints loses the reason (CUPS shows none), and the tests read
 * it back. 0, or -1 with why on stderr. */
int cups_env_disable(const CupsEnv *c, const char *reason);

/* Removes the queue and its PDFs (when added) and lets go of the lock. */
void cups_env_stop(CupsEnv *c);

/* The name of another queue for this binary: "lanyard-KIND-XXXXXXXX". */
void cups_env_name(const char *kind, char *out, size_t outlen);

/* scripts/cups-test-env with its arguments: "QUEUE DIR" adds (or keeps) a
 * queue printing into DIR, "--remove QUEUE" removes one. */
TuRun cups_env_script(const char *a, const char *b);

#endif
