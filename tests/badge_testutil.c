/* badge_testutil.c — see badge_testutil.h. */
#include "badge_testutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "testutil.h"

#include "core/import.h"
#include "core/timefmt.h"

static void add_guest(GuestList *l, const char *code, const char *first, const char *last,
                      const char *company)
{
    Guest *g = guest_list_push(l);
    assert_non_null(g);
    assert_int_equal(guest_set(&g->code, code), 0);
    assert_int_equal(guest_set(&g->first, first), 0);
    assert_int_equal(guest_set(&g->last, last), 0);
    assert_int_equal(guest_set(&g->company, company), 0);
}

void bt_guest_id(Store *s, const char *code, char out[ID_LEN + 1])
{
    Guest g;
    guest_init(&g);
    assert_int_equal(store_guest_by_code(s, code, &g), STORE_OK);
    memcpy(out, g.id, ID_LEN + 1);
    guest_clear(&g);
}

char *bt_make_db(const char *dir, int n, bool checkin_all)
{
    char *path = tu_path(dir, "event.db");
    Store *s = NULL;
    char err[512];
    if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK)
        fail_msg("store_open: %s", err);
    GuestList l;
    guest_list_init(&l);
    add_guest(&l, BT_ANA_CODE, "Ana", "García", "Acme Welding Supply");
    for (int i = 0; i < n; i++) {
        char code[16], first[32];
        snprintf(code, sizeof code, "G%02d", i);
        snprintf(first, sizeof first, "Guest%02d", i);
        add_guest(&l, code, first, "Tester", "Example Co");
    }
    ImportReport rep;
    import_report_init(&rep, "test");
    int64_t now = time_now_ms();
    assert_int_equal(store_import_guests(s, &l, &rep, now), STORE_OK);
    import_report_free(&rep);
    guest_list_free(&l);

    ProgramList pl;
    program_list_init(&pl);
    static const char *const CODES[] = {"WELD", "IT NET"};
    for (int i = 0; i < 2; i++) {
        Program *p = program_list_push(&pl);
        assert_non_null(p);
        assert_int_equal(guest_set(&p->code, CODES[i]), 0);
        assert_int_equal(guest_set(&p->name, CODES[i]), 0);
    }
    import_report_init(&rep, "test");
    assert_int_equal(store_import_programs(s, &pl, &rep, now), STORE_OK);
    import_report_free(&rep);
    program_list_free(&pl);

    char id[ID_LEN + 1];
    CheckinResult res;
    bt_guest_id(s, BT_ANA_CODE, id);
    assert_int_equal(store_checkin(s, id, "test", now, &res), STORE_OK);
    const char *programs[] = {"WELD", "IT NET"};
    assert_int_equal(store_interests_set(s, id, programs, 2, NULL, 0, "test", now), STORE_OK);
    for (int i = 0; i < n && checkin_all; i++) {
        char code[16];
        snprintf(code, sizeof code, "G%02d", i);
        bt_guest_id(s, code, id);
        assert_int_equal(store_checkin(s, id, "test", now, &res), STORE_OK);
    }
    store_close(s);
    return path;
}

typedef struct FindPrinted {
    const char *id;
    int printed; /* -1: not checked in */
} FindPrinted;

static int find_printed(const AttendanceRow *row, void *ud)
{
    FindPrinted *fp = ud;
    if (!strcmp(row->guest->id, fp->id))
        fp->printed = row->badge_printed;
    return 0;
}

int bt_badge_printed(Store *s, const char *guest_id)
{
    FindPrinted fp = {guest_id, -1};
    assert_int_equal(store_each_attendance(s, find_printed, &fp), STORE_OK);
    return fp.printed;
}

void bt_watch_init(BtWatch *w)
{
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    w->changes = 0;
}

void bt_watch_destroy(BtWatch *w)
{
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
}

void bt_watch_notify(void *ud, const PrintJob *job)
{
    (void)job;
    BtWatch *w = ud;
    pthread_mutex_lock(&w->mu);
    w->changes++;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

bool bt_wait(BtWatch *w, Store *s, bool (*done)(Store *s, void *arg), void *arg, int timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    for (;;) {
        pthread_mutex_lock(&w->mu);
        unsigned long seen = w->changes;
        pthread_mutex_unlock(&w->mu);
        /* Checked after noting the count, so a change in between is not lost. */
        if (done(s, arg))
            return true;
        pthread_mutex_lock(&w->mu);
        int rc = 0;
        while (w->changes == seen && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&w->cv, &w->mu, &deadline);
        pthread_mutex_unlock(&w->mu);
        if (rc == ETIMEDOUT)
            return done(s, arg);
    }
}

bool bt_latest_is(Store *s, void *arg)
{
    const BtJobWant *want = arg;
    PrintJob job;
    return store_print_latest(s, want->guest_id, &job) == STORE_OK && job.state == want->state &&
           job.id > want->after_id;
}

char *bt_zbar(const char *png)
{
    const char *argv[] = {"/usr/bin/zbarimg", "--raw", "-q", png, NULL};
    TuRun r = tu_run(argv, NULL);
    char *out = NULL;
    if (r.status == 0) {
        out = strdup(r.out);
        size_t n = strlen(out);
        while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
            out[--n] = '\0';
    } else {
        fprintf(stderr, "zbarimg %s: status %d: %s\n", png, r.status, r.err);
    }
    tu_run_free(&r);
    return out;
}

char *bt_zbar_pdf(const char *pdf, const char *dir)
{
    char *prefix = tu_path(dir, "page");
    const char *argv[] = {"/usr/bin/pdftoppm", "-r", "300",  "-png",
                          "-singlefile",       pdf,  prefix, NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char png[4096];
    snprintf(png, sizeof png, "%s.png", prefix);
    free(prefix);
    char *text = bt_zbar(png);
    remove(png);
    return text;
}

int bt_hung_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(fd, 64), 0);
    socklen_t len = sizeof sa;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    char server[64];
    snprintf(server, sizeof server, "127.0.0.1:%d", ntohs(sa.sin_port));
    assert_int_equal(setenv("CUPS_SERVER", server, 1), 0);
    return fd;
}
