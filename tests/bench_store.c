/* bench_store.c — speed figures of the store and import (SPEC §9), printed as
 * "NAME VALUE UNIT budget BUDGET ok|OVER" for scripts/bench:
 *   import_10k_eventbrite  import of 10,000 Eventbrite rows (decode, parse, commit)
 *   checkin_commit_ratio   median durable check-in / median raw fdatasync, same disk
 *   checkin_with_badge_commit_ratio  the same for the check-in of a kiosk that
 *                          prints: its held badge job is written in the same commit
 * and, as comments, SQLite's own floor on the same disk (bench_floor).
 * Runs in a scratch folder under the current directory (a real disk, not tmpfs). */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/ids.h"
#include "core/import.h"
#include "store/store.h"
#include "store/store_print.h"
#include "store/store_vfs.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void report(const char *name, double value, const char *unit, double budget)
{
    printf("%s %.3f %s budget %g %s\n", name, value, unit, budget, value <= budget ? "ok" : "OVER");
}

static char *eventbrite_rows(size_t n, size_t *len)
{
    static const char *first[] = {"Ana", "José", "Zoë", "Lan", "Łukasz", "Søren", "Mia", "Omar"};
    static const char *last[] = {"García", "Hernández", "Nguyễn", "Smith", "O'Connor", "Kim"};
    size_t cap = n * 200 + 512, off = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    off += (size_t)snprintf(buf, cap,
                            "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,"
                            "Attendee #,Attendee Status,Company,Job Title,Cell Phone\r\n");
    for (size_t i = 0; i < n; i++)
        off += (size_t)snprintf(buf + off, cap - off,
                                "%zu,2026-07-20 13:12:28-07:00,%s,%s,guest%zu@example.com,1,"
                                "Business Partner,%zu,Attending,\"Company %zu, LLC\",Owner,"
                                "(555) 010-%04zu\r\n",
                                1000000000 + i / 2, first[i % 8], last[i % 6], i, 2000000000 + i,
                                i % 997, i % 10000);
    *len = off;
    return buf;
}

static int bench_import(const char *dir)
{
    size_t len = 0;
    char *csv = eventbrite_rows(10000, &len);
    char db[4096];
    snprintf(db, sizeof db, "%s/import.db", dir);
    double best = 1e9;
    for (int run = 0; run < 3; run++) {
        unlink(db);
        Store *s = NULL;
        char err[256];
        if (store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK) {
            fprintf(stderr, "bench: %s\n", err);
            return -1;
        }
        double t0 = now_ms();
        ImportReport rep;
        import_report_init(&rep, "bench.csv");
        GuestList guests;
        guest_list_init(&guests);
        size_t ulen;
        char *text = import_decode(csv, len, &ulen, &rep);
        int ok = text && import_parse_guests(text, ulen, &guests, &rep) == 0 &&
                 store_import_guests(s, &guests, &rep, 1) == STORE_OK && rep.added == 10000;
        double t = now_ms() - t0;
        free(text);
        guest_list_free(&guests);
        import_report_free(&rep);
        store_close(s);
        if (!ok) {
            fprintf(stderr, "bench: the import of 10,000 rows failed\n");
            return -1;
        }
        if (t < best)
            best = t;
    }
    free(csv);
    report("import_10k_eventbrite", best, "ms", 1000);
    return 0;
}

enum { SAMPLES = 400, WARMUP = 20 };

/* One page overwritten in place and flushed, as a WAL in steady state does. */
typedef struct RawFile {
    int fd;
    char page[4096];
} RawFile;

static int raw_open(RawFile *r, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/raw.bin", dir);
    r->fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    memset(r->page, 'x', sizeof r->page);
    return r->fd >= 0 && pwrite(r->fd, r->page, sizeof r->page, 0) == (ssize_t)sizeof r->page &&
                   fsync(r->fd) == 0
               ? 0
               : -1;
}

static double raw_sync_ms(RawFile *r, int i)
{
    r->page[0] = (char)i;
    double t0 = now_ms();
    if (pwrite(r->fd, r->page, sizeof r->page, 0) != (ssize_t)sizeof r->page ||
        fdatasync(r->fd) != 0)
        return -1;
    return now_ms() - t0;
}

/* A commit measured against raw flushes: op(ud, i) is timed alternately
 * with a raw flush, so that whatever else the machine is doing weighs on both
 * figures alike; the medians, after WARMUP rounds (the first few grow the log
 * to its steady size). 0, or -1 after op or the flush failed. */
typedef int (*CommitOp)(void *ud, int i);

static int alternate(const char *dir, CommitOp op, void *ud, double *commit_ms, double *flush_ms)
{
    RawFile raw;
    if (raw_open(&raw, dir) != 0) {
        fprintf(stderr, "bench: cannot write a scratch file in %s\n", dir);
        return -1;
    }
    static double commit[SAMPLES], flush[SAMPLES];
    int rc = 0;
    for (int i = 0; i < SAMPLES + WARMUP && rc == 0; i++) {
        double t0 = now_ms();
        rc = op(ud, i);
        double t = now_ms() - t0, f = raw_sync_ms(&raw, i);
        if (f < 0) {
            fprintf(stderr, "bench: raw fdatasync failed\n");
            rc = -1;
        }
        if (i >= WARMUP) {
            commit[i - WARMUP] = t;
            flush[i - WARMUP] = f;
        }
    }
    close(raw.fd);
    *commit_ms = median(commit, SAMPLES);
    *flush_ms = median(flush, SAMPLES);
    return rc;
}

typedef struct CheckinBench {
    Store *s;
    const char *printer;
    char ids[SAMPLES + WARMUP][ID_LEN + 1];
} CheckinBench;

/* With printer, each check-in is the kiosk's when it prints (store_checkin_held). */
static int checkin_op(void *ud, int i)
{
    CheckinBench *b = ud;
    CheckinResult r;
    StoreStatus st =
        b->printer ? store_checkin_held(b->s, b->ids[i], "bench", b->printer, false, 100000 + i, &r)
                   : store_checkin(b->s, b->ids[i], "bench", 100000 + i, &r);
    if (st != STORE_OK)
        fprintf(stderr, "bench: %s\n", store_errmsg(b->s));
    return st == STORE_OK ? 0 : -1;
}

static int bench_checkin(const char *dir, const char *printer)
{
    char db[4096];
    snprintf(db, sizeof db, "%s/checkin.db", dir);
    unlink(db);
    static CheckinBench b;
    b.printer = printer;
    char err[256];
    if (store_open(db, STORE_OPEN_CREATE, &b.s, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    for (int i = 0; i < SAMPLES + WARMUP; i++) {
        Guest g;
        guest_init(&g);
        char name[32];
        snprintf(name, sizeof name, "Guest%d", i);
        guest_set(&g.first, name);
        guest_set(&g.last, "Bench");
        if (store_walkin_add(b.s, &g, "bench", 1000 + i, NULL) != STORE_OK) {
            fprintf(stderr, "bench: %s\n", store_errmsg(b.s));
            store_close(b.s);
            return -1;
        }
        memcpy(b.ids[i], g.id, sizeof b.ids[i]);
        guest_clear(&g);
    }
    double c = 0, f = 1;
    int rc = alternate(dir, checkin_op, &b, &c, &f);
    store_close(b.s);
    if (rc)
        return rc;
    const char *name = printer ? "checkin_with_badge_commit_ratio" : "checkin_commit_ratio";
    printf("# %s: commit median %.3f ms, raw fdatasync median %.3f ms\n", name, c, f);
    report(name, c / f, "x", 1.5);
    return 0;
}

/* SQLite's own floor on this disk, to read the ratios above by: a bare
 * connection (WAL, synchronous=FULL, its log grown in advance as the store's
 * is, opened through the store's VFS so that its writes are gathered alike)
 * commits one INSERT at a time into a table of one B-tree, and into one
 * shaped like attendance (a random text key and a partial unique index: two
 * B-trees, which a check-in cannot do with less). Comments, no budget. */
static int floor_op(void *ud, int i)
{
    (void)i;
    sqlite3_stmt *insert = ud;
    int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int bench_floor(const char *dir, bool two_trees)
{
    char db[4096], wal[4200];
    snprintf(db, sizeof db, "%s/floor.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    unlink(db);
    sqlite3 *h = NULL;
    sqlite3_stmt *insert = NULL;
    int rc = sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             store_vfs_name()) == SQLITE_OK
                 ? 0
                 : -1;
    if (rc == 0)
        rc = sqlite3_exec(h,
                          two_trees ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                      "CREATE TABLE t (id TEXT PRIMARY KEY, g TEXT NOT NULL, "
                                      "at TEXT, gone TEXT) WITHOUT ROWID;"
                                      "CREATE UNIQUE INDEX t_g ON t (g) WHERE gone IS NULL;"
                                    : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                      "CREATE TABLE t (n INTEGER PRIMARY KEY, g TEXT, at TEXT);",
                          NULL, NULL, NULL);
    /* The log grown in advance under the write lock, past what is written. */
    int fd = -1;
    if (rc == 0 && sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
        (fd = open(wal, O_WRONLY)) >= 0) {
        static const char zeros[65536];
        off_t at = lseek(fd, 0, SEEK_END);
        for (int k = 0; k < 64 && rc == 0; k++, at += sizeof zeros)
            rc = pwrite(fd, zeros, sizeof zeros, at) == (ssize_t)sizeof zeros ? 0 : -1;
        if (rc == 0)
            rc = fdatasync(fd);
        close(fd);
    }
    if (rc == 0)
        rc = sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc == 0)
        rc = sqlite3_prepare_v2(h,
                                two_trees ? "INSERT INTO t VALUES (lower(hex(randomblob(16))), "
                                            "lower(hex(randomblob(16))), "
                                            "'2026-09-01T17:00:00.000Z', NULL)"
                                          : "INSERT INTO t (g, at) VALUES "
                                            "(lower(hex(randomblob(16))), "
                                            "'2026-09-01T17:00:00.000Z')",
                                -1, &insert, NULL) == SQLITE_OK
                 ? 0
                 : -1;
    double c = 0, f = 1;
    if (rc == 0)
        rc = alternate(dir, floor_op, insert, &c, &f);
    if (rc)
        fprintf(stderr, "bench: SQLite's floor: %s\n", sqlite3_errmsg(h));
    sqlite3_finalize(insert);
    sqlite3_close(h);
    if (rc == 0)
        printf("# sqlite_floor_%s: one INSERT per commit, median %.3f ms, raw fdatasync "
               "median %.3f ms: %.3f x\n",
               two_trees ? "two_btrees" : "one_btree", c, f, c / f);
    return rc;
}

int main(void)
{
    if (ids_init() != 0)
        return 1;
    char dir[] = "bench-store-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 1;
    }
    int rc = bench_import(dir) | bench_checkin(dir, NULL) | bench_checkin(dir, "Brother_QL") |
             bench_floor(dir, false) | bench_floor(dir, true);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    return rc ? 1 : 0;
}
