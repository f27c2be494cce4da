/* badge_queue_internal.h — what the print worker's files share: the queue
 * itself, and the tries (badge_queue_try.c) that render, send and follow a
 * job. Worker thread only, unless a field says otherwise. */
#ifndef LANYARD_BADGE_QUEUE_INTERNAL_H
#define LANYARD_BADGE_QUEUE_INTERNAL_H

#include <pthread.h>

#include "badge/badge_queue.h"
#include "platform/font.h"

typedef enum RequestKind { REQ_PRINT, REQ_REPRINT, REQ_TEST } RequestKind;

typedef struct Request {
    RequestKind kind;
    char guest_id[ID_LEN + 1]; /* REQ_PRINT, REQ_REPRINT */
    int64_t now;               /* REQ_TEST: ms UTC, names the PNG */
    char printer[128];         /* REQ_TEST: the queue ("" the event's) */
    unsigned test_seq;         /* REQ_TEST: which test badge this is */
} Request;

/* A job the worker is working on, with when to try or ask CUPS next. */
typedef struct Active {
    PrintJob job;
    int64_t next_at;   /* monotonic ms */
    int64_t silent;    /* monotonic ms since when CUPS has not answered about it; 0 */
    int64_t paused_at; /* monotonic ms since when it waits for its stopped printer */
} Active;

/* The test badge: none asked for, on its way, or done (rc 0 or -1). */
typedef enum TestState { TEST_NONE, TEST_PENDING, TEST_DONE } TestState;

struct BadgeQueue {
    char *db_path;
    EventConfig cfg;
    BadgeQueueOptions opt;
    BadgeNotifyFn notify;
    void *ud;
    FontSet *fonts;        /* used by the worker only */
    char stopped_why[512]; /* the worker's: why the printer last found stopped is */
    pthread_t thread;

    int cancel;             /* set (atomically) when the queue stops: libcups lets go */
    pthread_mutex_t mu;     /* guards everything below */
    pthread_cond_t cv;      /* the worker waits on it for requests */
    pthread_cond_t done_cv; /* callers wait on it for the start and the test badge */
    bool ready;             /* the worker has taken over the unfinished jobs */
    Request *req;
    size_t nreq, capreq;
    bool stop;
    PrinterStatus status;
    char (*failed)[ID_LEN + 1]; /* guests whose latest job failed */
    size_t nfailed, capfailed;
    TestState test;    /* of the last test badge asked for */
    unsigned test_seq; /* the last test badge asked for: an earlier one's result is dropped */
    int test_rc;
    TestBadge test_out;

    /* Worker thread only. */
    Store *store;
    Active *active;
    size_t nactive, capactive;
};

/* Whether the queue is stopping (any thread). */
bool stopping(BadgeQueue *q);
/* Saves the job, counts it failed or not, and tells the notify callback. */
void job_changed(BadgeQueue *q, PrintJob *job);
/* The same without saving it (saved already). */
void job_told(BadgeQueue *q, const PrintJob *job);
/* With the mutex held: the guest's latest job failed or not. */
void failed_set(BadgeQueue *q, const char *guest_id, bool failed);
/* The printer's problem for staff (NULL or "": none). */
void status_problem(BadgeQueue *q, const char *message);
/* The same, saying whether it is a stopped printer that badges wait for. */
void status_printer(BadgeQueue *q, const char *message, bool paused);
Active *active_push(BadgeQueue *q, const PrintJob *job);

/* badge_queue_try.c: one try of a queued job (true when it found its printer
 * stopped and waits, the reason in its error); a queued job waiting for its
 * stopped printer; a job found "sending" at start; CUPS asked about the sent
 * jobs of one printer. */
bool attempt(BadgeQueue *q, Active *a);
void wait_stopped(BadgeQueue *q, Active *a, const char *why);
void recover_sending(BadgeQueue *q, Active *a);
void follow(BadgeQueue *q, const char *printer);

#endif
