/* store_files.c — the files SQLite keeps beside a database, and the mark that
 * pairs them with it.
 *
 * SQLite does not know which database a "-wal" log or a "-journal" belongs
 * to: it applies whatever sits beside the file under that name. A log copied
 * from another database (a restored copy dropped where a crashed kiosk left
 * its own, another kiosk's files) would replace the event's data with someone
 * else's, or wipe it at the next checkpoint. So every Lanyard database carries
 * a random 64-bit mark in its first page, in header bytes 72..79, which SQLite
 * reserves and never writes; and the first transaction Lanyard commits in
 * each new log rewrites the first page (store_sql.c), so every log holding a
 * committed transaction carries a copy of the mark, and a rollback journal
 * carries the first page as it was. Before SQLite opens a database, the log
 * and the journal beside it are read here with plain reads, their checksums
 * verified as SQLite would, and one whose first pages carry another mark, or
 * none, is refused: nothing is applied and both files are left as they were. */
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARK_AT 72
#define WAL_HEADER 32
#define WAL_FRAME_HEADER 24
#define WAL_MAGIC 0x377f0682u
#define WAL_VERSION 3007000u

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | (uint32_t)p[0];
}

uint64_t store_mark_of(const unsigned char *page1)
{
    return (uint64_t)be32(page1 + MARK_AT) << 32 | be32(page1 + MARK_AT + 4);
}

uint32_t store_page_size_of(const unsigned char *page1)
{
    uint32_t n = (uint32_t)page1[16] << 8 | page1[17];
    return n == 1 ? 65536 : n;
}

static bool power_of_two_page(uint32_t n)
{
    return n >= 512 && n <= 65536 && (n & (n - 1)) == 0;
}

/* Whether a copy of a first page is this database's: a Lanyard header with
 * the same mark. */
static bool page1_is_ours(const unsigned char *page, uint64_t mark)
{
    return memcmp(page, "SQLite format 3", 16) == 0 && be32(page + 68) == STORE_APPLICATION_ID &&
           store_mark_of(page) == mark;
}

static bool read_at(int fd, void *buf, size_t n, off_t at)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, at + (off_t)got);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            return false;
        }
        got += (size_t)r;
    }
    return true;
}

/* What a log or journal holds that SQLite would apply. */
typedef struct SideScan {
    unsigned long applied; /* frames of committed transactions, or journal records */
    unsigned long ours;    /* copies of the first page with this database's mark */
    unsigned long foreign; /* copies of a first page of another database */
    bool other_pages;      /* its pages are not this database's size */
} SideScan;

static void count_page1(SideScan *sc, const unsigned char *page, uint64_t mark)
{
    if (page1_is_ours(page, mark))
        sc->ours++;
    else
        sc->foreign++;
}

/* The WAL checksum: pairs of 32-bit words, in the byte order the log's magic
 * number names, added into s. */
static void wal_sum(bool big, const unsigned char *p, size_t n, uint32_t s[2])
{
    for (size_t i = 0; i + 8 <= n; i += 8) {
        s[0] += (big ? be32(p + i) : le32(p + i)) + s[1];
        s[1] += (big ? be32(p + i + 4) : le32(p + i + 4)) + s[0];
    }
}

/* Reads the log as SQLite's recovery does: a header with a valid checksum,
 * then frames with the header's salts and a running checksum, up to the last
 * one that ends a transaction. -1 when it cannot be read. */
static int scan_wal(int fd, off_t size, uint32_t db_page, uint64_t mark, SideScan *sc)
{
    unsigned char hdr[WAL_HEADER];
    if (size <= WAL_HEADER || !read_at(fd, hdr, sizeof hdr, 0))
        return 0; /* SQLite ignores a log without a whole header and a frame */
    uint32_t magic = be32(hdr), page = be32(hdr + 8);
    bool big = magic & 1;
    uint32_t sum[2] = {0, 0};
    wal_sum(big, hdr, 24, sum);
    if ((magic & ~1u) != WAL_MAGIC || be32(hdr + 4) != WAL_VERSION || !power_of_two_page(page) ||
        sum[0] != be32(hdr + 24) || sum[1] != be32(hdr + 28))
        return 0; /* not a log SQLite would read */
    unsigned char *frame = malloc(WAL_FRAME_HEADER + (size_t)page);
    if (!frame)
        return -1;
    unsigned long pending = 0, pending_ours = 0, pending_foreign = 0;
    for (off_t at = WAL_HEADER; at + WAL_FRAME_HEADER + (off_t)page <= size;
         at += WAL_FRAME_HEADER + (off_t)page) {
        if (!read_at(fd, frame, WAL_FRAME_HEADER + (size_t)page, at))
            break;
        const unsigned char *data = frame + WAL_FRAME_HEADER;
        if (be32(frame) == 0 || memcmp(frame + 8, hdr + 16, 8) != 0)
            break;
        wal_sum(big, frame, 8, sum);
        wal_sum(big, data, page, sum);
        if (sum[0] != be32(frame + 16) || sum[1] != be32(frame + 20))
            break;
        pending++;
        if (be32(frame) == 1) {
            if (page1_is_ours(data, mark))
                pending_ours++;
            else
                pending_foreign++;
        }
        if (be32(frame + 4) != 0) { /* the frame that commits a transaction */
            sc->applied += pending;
            sc->ours += pending_ours;
            sc->foreign += pending_foreign;
            pending = pending_ours = pending_foreign = 0;
        }
    }
    free(frame);
    sc->other_pages = sc->applied > 0 && page != db_page;
    return 0;
}

/* Reads a rollback journal's first segment as SQLite's playback does: the
 * header, then records of page number, page and checksum, up to the first
 * record whose checksum fails. A journal whose first byte is zero is not
 * hot: SQLite ignores it. */
static int scan_journal(int fd, off_t size, uint32_t db_page, uint64_t mark, SideScan *sc)
{
    static const unsigned char magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    unsigned char hdr[28];
    if (size == 0 || !read_at(fd, hdr, 1, 0) || hdr[0] == 0)
        return 0;
    if (size < (off_t)sizeof hdr || !read_at(fd, hdr, sizeof hdr, 0) || memcmp(hdr, magic, 8)) {
        sc->foreign++; /* hot, but not a journal: nothing of ours */
        return 0;
    }
    uint32_t nrec = be32(hdr + 8), nonce = be32(hdr + 12), sector = be32(hdr + 20);
    uint32_t page = be32(hdr + 24);
    if (!power_of_two_page(page) || sector < 32 || sector > 65536 || (sector & (sector - 1))) {
        sc->foreign++;
        return 0;
    }
    sc->applied = 1; /* even with no records, playback would truncate the file */
    sc->other_pages = page != db_page;
    unsigned char *rec = malloc((size_t)page + 8);
    if (!rec)
        return -1;
    off_t at = sector, len = (off_t)page + 8;
    for (uint32_t i = 0; (nrec == 0xffffffffu || i < nrec) && at + len <= size; i++, at += len) {
        if (!read_at(fd, rec, (size_t)len, at) || be32(rec) == 0)
            break;
        uint32_t sum = nonce;
        for (int k = (int)page - 200; k > 0; k -= 200)
            sum += rec[4 + k];
        if (sum != be32(rec + 4 + page))
            break;
        if (be32(rec) == 1)
            count_page1(sc, rec + 4, mark);
    }
    free(rec);
    return 0;
}

/* Opens path+suffix for reading: 1 open, 0 no such file, -1 error (errno). */
static int open_side(const char *path, const char *suffix, int *fd, off_t *size)
{
    char name[4200];
    snprintf(name, sizeof name, "%s%s", path, suffix);
    *fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (*fd < 0)
        return errno == ENOENT ? 0 : -1;
    struct stat st;
    if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISREG(st.st_mode) ? errno : EINVAL;
        close(*fd);
        errno = e;
        return -1;
    }
    *size = st.st_size;
    return 1;
}

/* Whether the file beside the database (suffix "-wal" or "-journal") may be
 * applied to it; when not, err says so, naming both as shown. */
static bool side_file_belongs(const char *file, const char *shown, const char *suffix,
                              const unsigned char *page1, unsigned long *applied, char *err,
                              size_t errlen)
{
    int fd;
    off_t size = 0;
    int rc = open_side(file, suffix, &fd, &size);
    if (rc == 0)
        return true;
    if (rc < 0) {
        snprintf(err, errlen, "cannot read %s%s: %s", shown, suffix, strerror(errno));
        return false;
    }
    SideScan sc = {0};
    uint64_t mark = store_mark_of(page1);
    uint32_t db_page = store_page_size_of(page1);
    bool wal = strcmp(suffix, "-wal") == 0;
    rc = wal ? scan_wal(fd, size, db_page, mark, &sc) : scan_journal(fd, size, db_page, mark, &sc);
    close(fd);
    if (rc != 0) {
        snprintf(err, errlen, "cannot read %s%s: out of memory", shown, suffix);
        return false;
    }
    *applied += sc.applied;
    /* A file from before databases had a mark (mark 0) cannot be told apart
     * by a log that does not hold its first page; any first page it holds
     * must still be a Lanyard one of mark 0. */
    bool belongs = sc.foreign == 0 && !sc.other_pages && (sc.ours > 0 || mark == 0);
    if (sc.applied == 0 && sc.foreign == 0)
        belongs = true; /* nothing in it that SQLite would apply */
    if (!belongs)
        snprintf(err, errlen,
                 "%s%s does not belong to %s (it is the %s of another database): move it "
                 "away; both files were left untouched",
                 shown, suffix, shown, wal ? "write-ahead log" : "rollback journal");
    return belongs;
}

bool store_side_files_check(const char *file, const char *shown, const unsigned char *page1,
                            unsigned long *applied, char *err, size_t errlen)
{
    *applied = 0;
    return side_file_belongs(file, shown, "-journal", page1, applied, err, errlen) &&
           side_file_belongs(file, shown, "-wal", page1, applied, err, errlen);
}

/* ---- the database's own header ---- */

/* Checks the first 100 bytes (the SQLite header) before SQLite opens the file,
 * so a file that is not ours is never handed to a library that might write next
 * to it. The bytes are read through SQLite's OS layer, not open(2)/close(2):
 * closing a descriptor drops every POSIX lock this process holds on the file,
 * including those of its other open connections (the kiosk's print and sync
 * workers open the same database), after which another process could delete
 * the log under them; the unix VFS defers such closes while locks are held. */
bool store_check_header(const char *file, const char *path, unsigned char *hdr, char *err,
                        size_t errlen)
{
    sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
    sqlite3_file *fh = vfs ? calloc(1, (size_t)vfs->szOsFile) : NULL;
    if (!fh) {
        snprintf(err, errlen, "cannot read %s: out of memory", path);
        return false;
    }
    int outflags = 0;
    int rc = vfs->xOpen(vfs, file, fh, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, &outflags);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        free(fh);
        return false;
    }
    size_t got = 100;
    rc = fh->pMethods->xRead(fh, hdr, 100, 0);
    fh->pMethods->xClose(fh);
    free(fh);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        got = 0; /* shorter than a header: not an SQLite file */
    } else if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot read %s: %s", path, sqlite3_errstr(rc));
        return false;
    }
    if (got < 100 || memcmp(hdr, "SQLite format 3", 16) != 0) {
        snprintf(err, errlen, "%s is not a Lanyard database (it is not an SQLite file)", path);
        return false;
    }
    uint32_t app = be32(hdr + 68);
    if (app != STORE_APPLICATION_ID) {
        snprintf(err, errlen,
                 "%s is not a Lanyard database (it is an SQLite database of another program)",
                 path);
        return false;
    }
    /* Refused before SQLite opens it: opening for writing would first turn a
     * copy in rollback-journal mode (a sync or USB copy) into a WAL file. */
    uint32_t version = be32(hdr + 60);
    if (version > (uint32_t)STORE_MIGRATION_COUNT) {
        snprintf(err, errlen,
                 "%s was made by a newer version of Lanyard (schema %u, this one knows %d); use "
                 "the newer version",
                 path, version, STORE_MIGRATION_COUNT);
        return false;
    }
    return true;
}

/* ---- giving a database its mark ---- */

/* Takes the VFS locks from none up to level, one step at a time. */
static int lock_up(sqlite3_file *fh, int level)
{
    static const int ladder[] = {SQLITE_LOCK_SHARED, SQLITE_LOCK_RESERVED, SQLITE_LOCK_EXCLUSIVE};
    for (size_t i = 0; i < sizeof ladder / sizeof ladder[0] && ladder[i] <= level; i++) {
        int rc = fh->pMethods->xLock(fh, ladder[i]);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

/* Writes a new random mark into the database at file when it has none (or
 * always, with fresh: a copy just made, that nobody else has open). The bytes
 * go through SQLite's OS layer under an exclusive lock, so no connection,
 * here or in another process, holds a copy of the first page without them:
 * when one is open, nothing is written (0). 1 written, -1 error. */
int store_mark_stamp(const char *file, bool fresh)
{
    sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
    sqlite3_file *fh = vfs ? calloc(1, (size_t)vfs->szOsFile) : NULL;
    if (!fh)
        return -1;
    int out = 0;
    int rc = vfs->xOpen(vfs, file, fh, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READWRITE, &out);
    if (rc != SQLITE_OK) {
        free(fh);
        return -1;
    }
    int result = 0;
    unsigned char hdr[100];
    if (lock_up(fh, SQLITE_LOCK_EXCLUSIVE) == SQLITE_OK &&
        fh->pMethods->xRead(fh, hdr, sizeof hdr, 0) == SQLITE_OK &&
        be32(hdr + 68) == STORE_APPLICATION_ID && (fresh || store_mark_of(hdr) == 0)) {
        unsigned char mark[8] = {0};
        while (!memcmp(mark, (unsigned char[8]){0}, sizeof mark))
            sqlite3_randomness(sizeof mark, mark); /* 0 means "no mark" */
        rc = fh->pMethods->xWrite(fh, mark, sizeof mark, MARK_AT);
        if (rc == SQLITE_OK)
            rc = fh->pMethods->xSync(fh, SQLITE_SYNC_NORMAL);
        result = rc == SQLITE_OK ? 1 : -1;
    }
    fh->pMethods->xUnlock(fh, SQLITE_LOCK_NONE);
    fh->pMethods->xClose(fh);
    free(fh);
    return result;
}
