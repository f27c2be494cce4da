/* badge_testutil.h — what the badge printing tests share: an event database
 * with guests, waiting (bounded, without sleeping) for the print worker, and
 * reading QR codes back from PNG and PDF files. */
#ifndef LANYARD_BADGE_TESTUTIL_H
#define LANYARD_BADGE_TESTUTIL_H

#include <pthread.h>
#include <stdbool.h>

#include "store/store.h"
#include "store/store_print.h"

/* The guest with programs picked, and its link under the default template. */
#define BT_ANA_CODE "A&B/\xC3\xBC 1"
#define BT_ANA_URL                                                                                 \
    "https://cte.example.org/partners?programs=WELD,IT%20NET&guest=A%26B%2F%C3%BC%201"
/* The link of guest G01, who picked nothing: the catalogue, with the code. */
#define BT_CATALOG_URL "https://cte.example.org/programs?guest=G01"

/* Makes dir/event.db with Ana (code BT_ANA_CODE, checked in, programs WELD and
 * "IT NET") and n more guests coded G00, G01, ... (nothing picked; checked in
 * when checkin_all). Returns the malloc'd database path. */
char *bt_make_db(const char *dir, int n, bool checkin_all);

/* The id of the guest with this code (fails the test if there is none). */
void bt_guest_id(Store *s, const char *code, char out[ID_LEN + 1]);

/* The "badge printed" flag of the guest's check-in, as attendance.csv has it;
 * -1 when the guest is not checked in. */
int bt_badge_printed(Store *s, const char *guest_id);

/* Counts worker notifications so a test can wait for the next one. */
typedef struct BtWatch {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned long changes;
} BtWatch;

void bt_watch_init(BtWatch *w);
void bt_watch_destroy(BtWatch *w);
/* A BadgeNotifyFn for badge_queue_create with the BtWatch as ud. */
void bt_watch_notify(void *ud, const PrintJob *job);

/* Waits until done(s, arg) holds, re-checking after each notification, for at
 * most timeout_ms. Returns whether it came true. */
bool bt_wait(BtWatch *w, Store *s, bool (*done)(Store *s, void *arg), void *arg, int timeout_ms);

/* The guest's latest job is newer than after_id and in this state (arg: BtJobWant). */
typedef struct BtJobWant {
    const char *guest_id;
    PrintJobState state;
    int64_t after_id;
} BtJobWant;
bool bt_latest_is(Store *s, void *arg);

/* A print server that never answers: a socket on the loopback whose
 * connections complete in the backlog and are never read. Points CUPS_SERVER
 * at it and returns the listening socket (close it and unset CUPS_SERVER when
 * done). */
int bt_hung_server(void);

/* The text zbarimg reads in a PNG (malloc'd), or NULL when there is no code. */
char *bt_zbar(const char *png);
/* The QR text on page 1 of a PDF, rasterised at 300 dpi into dir. */
char *bt_zbar_pdf(const char *pdf, const char *dir);

#endif
