/* store_vfs.c — the store's SQLite VFS: the default one, with a commit's
 * write-ahead log writes gathered into one write (see store_vfs.h).
 *
 * SQLite writes each frame of the log as two writes (its 24-byte header, then
 * the page) and flushes them with one xSync at COMMIT. A check-in adds two to
 * five frames: four to ten write(2) calls, each taking the file's lock and
 * updating its times, before the flush that makes it durable. Here the log's
 * writes that follow one another are kept in memory and reach the file as one
 * write just before that xSync, which then flushes the same bytes as before:
 * the file, and what is durable when, are unchanged.
 *
 * Only a connection whose synchronous setting is FULL or EXTRA (SQLite tells
 * the database file of every PRAGMA, SQLITE_FCNTL_PRAGMA) gathers: it syncs
 * the log at every commit, before the shared-memory index makes the new
 * frames visible to other connections. Any other use of the log (a read, its
 * size, a truncate, a file control, closing it) writes the gathered bytes
 * first, and so does the index's memory barrier, which SQLite passes through
 * on the database file just before it publishes a commit: whatever the
 * setting, no other connection can read a frame that is not in the file.
 *
 * A write that fails when the bytes are written is reported by the operation
 * that wrote them (the commit's xSync): the commit fails as it would have on
 * the frame's own write, and the frames, which no index points to, are
 * ignored, as SQLite ignores an unfinished commit's. */
#include "store/store_vfs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most a log holds in memory before it writes what it has gathered: a
 * check-in is a few frames; a large import writes in steps of this size.
 * Below 128 KiB, the most the "unix" VFS writes in one call (it keeps the
 * low 17 bits of a length and answers SQLITE_FULL for the rest). */
#define GATHER_MAX (64 * 1024)

typedef struct VfsFile VfsFile;

struct VfsFile {
    sqlite3_file base;
    sqlite3_file *real; /* the parent VFS's file, right after this struct */
    bool wal;           /* a write-ahead log */
    VfsFile *db;        /* a log's database file (NULL once that is closed) */
    VfsFile *log;       /* a database file's log, while it is open */
    bool gather;        /* a database file: synchronous is FULL or EXTRA */
    bool never;         /* a database file whose log had bytes left at a barrier */
    /* A log's gathered writes: len bytes for the file at offset at. */
    unsigned char *buf;
    size_t len, cap;
    sqlite3_int64 at;
    int failed; /* a log: the error of a write of gathered bytes not yet reported */
};

/* The real file sits right after the VfsFile, at an 8-byte boundary. */
#define VFS_FILE_SIZE ((sizeof(VfsFile) + 7) & ~(size_t)7)

enum { MAX_PARENTS = 4 };

typedef struct Shim {
    sqlite3_vfs vfs;
    sqlite3_vfs *parent;
    char name[32];
} Shim;

static struct {
    pthread_mutex_t lock;
    Shim shims[MAX_PARENTS];
    int n;
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

static sqlite3_vfs *parent_of(sqlite3_vfs *vfs)
{
    return ((Shim *)vfs)->parent;
}

/* ---- the gathered writes of a log ---- */

/* Writes what the log gathered. The first failure is kept for the next
 * operation that can report it when the caller cannot (the barrier). */
static int write_gathered(VfsFile *f)
{
    if (!f->len)
        return SQLITE_OK;
    int rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->at);
    f->len = 0;
    if (rc != SQLITE_OK && !f->failed)
        f->failed = rc;
    return rc;
}

/* Writes what was gathered, and answers an earlier write's failure once. */
static int settle(VfsFile *f)
{
    int rc = write_gathered(f);
    if (f->failed) {
        rc = f->failed;
        f->failed = SQLITE_OK;
    }
    return rc;
}

/* Whether this log gathers now: its connection syncs every commit. */
static bool gathers(const VfsFile *f)
{
    return f->wal && f->db && f->db->gather;
}

/* Adds a write to the gathered ones when it continues them: true when taken,
 * false when it must go to the file (after what was gathered), which is also
 * the answer when memory runs out. */
static bool gather(VfsFile *f, const void *data, int n, sqlite3_int64 offset)
{
    if (!gathers(f) || n <= 0 || (size_t)n > GATHER_MAX)
        return false;
    if (f->len && (offset != f->at + (sqlite3_int64)f->len || f->len + (size_t)n > GATHER_MAX))
        return false;
    if (f->len + (size_t)n > f->cap) {
        size_t cap = f->cap ? f->cap : 16384;
        while (cap < f->len + (size_t)n)
            cap *= 2;
        unsigned char *buf = realloc(f->buf, cap);
        if (!buf)
            return false;
        f->buf = buf;
        f->cap = cap;
    }
    if (!f->len)
        f->at = offset;
    memcpy(f->buf + f->len, data, (size_t)n);
    f->len += (size_t)n;
    return true;
}

/* ---- file methods: the log's own, then the pass-through ones ---- */

static VfsFile *file_of(sqlite3_file *file)
{
    return (VfsFile *)file;
}

static int vf_close(sqlite3_file *file)
{
    VfsFile *f = file_of(file);
    int rc = f->wal ? settle(f) : SQLITE_OK;
    if (f->wal && f->db)
        f->db->log = NULL;
    if (f->log)
        f->log->db = NULL;
    int rc2 = f->real->pMethods->xClose(f->real);
    free(f->buf);
    f->buf = NULL;
    return rc != SQLITE_OK ? rc : rc2;
}

static int vf_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 offset)
{
    VfsFile *f = file_of(file);
    int rc = f->wal ? settle(f) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, buf, n, offset);
}

static int vf_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 offset)
{
    VfsFile *f = file_of(file);
    if (!f->wal)
        return f->real->pMethods->xWrite(f->real, buf, n, offset);
    if (f->failed)
        return settle(f);
    if (gather(f, buf, n, offset))
        return SQLITE_OK;
    int rc = settle(f);
    if (rc != SQLITE_OK)
        return rc;
    if (gather(f, buf, n, offset))
        return SQLITE_OK;
    return f->real->pMethods->xWrite(f->real, buf, n, offset);
}

static int vf_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    VfsFile *f = file_of(file);
    int rc = f->wal ? settle(f) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int vf_sync(sqlite3_file *file, int flags)
{
    VfsFile *f = file_of(file);
    int rc = f->wal ? settle(f) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int vf_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    VfsFile *f = file_of(file);
    int rc = f->wal ? settle(f) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}

/* SQLITE_FCNTL_PRAGMA's arguments: [1] the pragma's name, [2] its value (NULL
 * when it is only read). SQLite goes on to run the pragma itself. */
static void note_pragma(VfsFile *f, char **arg)
{
    if (!arg[1] || !arg[2] || strcasecmp(arg[1], "synchronous") != 0)
        return;
    const char *v = arg[2];
    f->gather = !f->never && (strcasecmp(v, "full") == 0 || strcasecmp(v, "extra") == 0 ||
                              strcmp(v, "2") == 0 || strcmp(v, "3") == 0);
}

static int vf_file_control(sqlite3_file *file, int op, void *arg)
{
    VfsFile *f = file_of(file);
    if (f->wal) {
        int rc = settle(f);
        if (rc != SQLITE_OK)
            return rc;
    } else if (op == SQLITE_FCNTL_PRAGMA) {
        note_pragma(f, arg);
    }
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

/* SQLite publishes a commit's frames in the shared index after this barrier:
 * the log's bytes go to the file first. A connection that syncs each commit
 * has none left here; one that has did not sync, whatever its pragma said
 * (PRAGMA synchronous refused inside a transaction, a log padded to sectors
 * past its sync point), and its log is written as it comes from then on: a
 * failure here could only be reported by the log's next operation. */
static void vf_shm_barrier(sqlite3_file *file)
{
    VfsFile *f = file_of(file);
    if (f->log && f->log->len) {
        (void)write_gathered(f->log);
        f->gather = false;
        f->never = true;
    }
    f->real->pMethods->xShmBarrier(f->real);
}

static int vf_lock(sqlite3_file *file, int level)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xLock(r, level);
}

static int vf_unlock(sqlite3_file *file, int level)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xUnlock(r, level);
}

static int vf_check_reserved_lock(sqlite3_file *file, int *out)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xCheckReservedLock(r, out);
}

static int vf_sector_size(sqlite3_file *file)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xSectorSize(r);
}

static int vf_device_characteristics(sqlite3_file *file)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xDeviceCharacteristics(r);
}

static int vf_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xShmMap(r, page, size, extend, out);
}

/* The log's write lock is lock 0 of the shared index (wal.c's WAL_WRITE_LOCK). */
enum { WAL_WRITE_LOCK = 0 };

/* Released, the write lock lets another connection append to the log from
 * where the last commit ended. Bytes still gathered then belong to no commit
 * (a transaction rolled back after it spilled pages into the log: a commit's
 * went to the file at its sync, or at the barrier) and are dropped, as SQLite
 * ignores them: written later they would overwrite that connection's frames.
 * (With locking_mode=EXCLUSIVE the lock is never released; no one else can
 * write the log then, and this connection's next write lands where they were,
 * after them.) */
static int vf_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    VfsFile *f = file_of(file);
    if (f->log && (flags & SQLITE_SHM_UNLOCK) && offset <= WAL_WRITE_LOCK &&
        offset + n > WAL_WRITE_LOCK)
        f->log->len = 0;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static int vf_shm_unmap(sqlite3_file *file, int delete_flag)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xShmUnmap(r, delete_flag);
}

static int vf_fetch(sqlite3_file *file, sqlite3_int64 offset, int n, void **out)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xFetch(r, offset, n, out);
}

static int vf_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *p)
{
    sqlite3_file *r = file_of(file)->real;
    return r->pMethods->xUnfetch(r, offset, p);
}

/* One table per version of the real file's methods, so SQLite never calls a
 * method through us that the real file does not have. */
#define VFS_METHODS(version, shm_map, shm_lock, shm_barrier, shm_unmap, fetch, unfetch)            \
    {                                                                                              \
        version, vf_close, vf_read, vf_write, vf_truncate, vf_sync, vf_file_size, vf_lock,         \
            vf_unlock, vf_check_reserved_lock, vf_file_control, vf_sector_size,                    \
            vf_device_characteristics, shm_map, shm_lock, shm_barrier, shm_unmap, fetch, unfetch   \
    }

static const sqlite3_io_methods METHODS[] = {
    VFS_METHODS(1, NULL, NULL, NULL, NULL, NULL, NULL),
    VFS_METHODS(2, vf_shm_map, vf_shm_lock, vf_shm_barrier, vf_shm_unmap, NULL, NULL),
    VFS_METHODS(3, vf_shm_map, vf_shm_lock, vf_shm_barrier, vf_shm_unmap, vf_fetch, vf_unfetch),
};

/* ---- the VFS: xOpen, the rest is the parent's ---- */

static int vv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    VfsFile *f = file_of(file);
    memset(f, 0, sizeof *f); /* pMethods NULL: SQLite will not call xClose */
    f->real = (sqlite3_file *)((char *)file + VFS_FILE_SIZE);
    sqlite3_vfs *parent = parent_of(vfs);
    int rc = parent->xOpen(parent, name, f->real, flags, out_flags);
    if (!f->real->pMethods)
        return rc;
    int version = f->real->pMethods->iVersion;
    f->base.pMethods = &METHODS[version < 1 ? 0 : version > 3 ? 2 : version - 1];
    if ((flags & SQLITE_OPEN_WAL) && name) {
        /* The log's name leads SQLite back to its database file, opened
         * through this VFS before it. */
        sqlite3_file *db = sqlite3_database_file_object(name);
        bool ours = false;
        for (int i = 0; db && i < 3; i++)
            ours = ours || db->pMethods == &METHODS[i];
        if (ours) {
            f->wal = true;
            f->db = file_of(db);
            f->db->log = f;
        }
    }
    return rc;
}

static int vv_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    return parent_of(vfs)->xDelete(parent_of(vfs), name, sync_dir);
}

static int vv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return parent_of(vfs)->xAccess(parent_of(vfs), name, flags, out);
}

static int vv_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return parent_of(vfs)->xFullPathname(parent_of(vfs), name, n, out);
}

static void *vv_dl_open(sqlite3_vfs *vfs, const char *name)
{
    return parent_of(vfs)->xDlOpen(parent_of(vfs), name);
}

static void vv_dl_error(sqlite3_vfs *vfs, int n, char *out)
{
    parent_of(vfs)->xDlError(parent_of(vfs), n, out);
}

static void (*vv_dl_sym(sqlite3_vfs *vfs, void *lib, const char *sym))(void)
{
    return parent_of(vfs)->xDlSym(parent_of(vfs), lib, sym);
}

static void vv_dl_close(sqlite3_vfs *vfs, void *lib)
{
    parent_of(vfs)->xDlClose(parent_of(vfs), lib);
}

static int vv_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    return parent_of(vfs)->xRandomness(parent_of(vfs), n, out);
}

static int vv_sleep(sqlite3_vfs *vfs, int microseconds)
{
    return parent_of(vfs)->xSleep(parent_of(vfs), microseconds);
}

static int vv_current_time(sqlite3_vfs *vfs, double *out)
{
    return parent_of(vfs)->xCurrentTime(parent_of(vfs), out);
}

static int vv_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    sqlite3_vfs *p = parent_of(vfs);
    return p->xGetLastError ? p->xGetLastError(p, n, out) : 0;
}

static int vv_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    return parent_of(vfs)->xCurrentTimeInt64(parent_of(vfs), out);
}

static bool shim_init(Shim *s, sqlite3_vfs *parent, int index)
{
    memset(s, 0, sizeof *s);
    s->parent = parent;
    snprintf(s->name, sizeof s->name, "lanyard-%d", index);
    sqlite3_vfs *v = &s->vfs;
    /* Version 2 at most: the system-call overrides of version 3 stay the
     * parent's business. */
    v->iVersion = parent->iVersion < 2 ? parent->iVersion : 2;
    v->szOsFile = (int)(VFS_FILE_SIZE + (size_t)parent->szOsFile);
    v->mxPathname = parent->mxPathname;
    v->zName = s->name;
    v->xOpen = vv_open;
    v->xDelete = vv_delete;
    v->xAccess = vv_access;
    v->xFullPathname = vv_full_pathname;
    v->xDlOpen = vv_dl_open;
    v->xDlError = vv_dl_error;
    v->xDlSym = vv_dl_sym;
    v->xDlClose = vv_dl_close;
    v->xRandomness = vv_randomness;
    v->xSleep = vv_sleep;
    v->xCurrentTime = vv_current_time;
    v->xGetLastError = vv_get_last_error;
    if (v->iVersion >= 2)
        v->xCurrentTimeInt64 = vv_current_time_int64;
    return sqlite3_vfs_register(v, 0) == SQLITE_OK;
}

const char *store_vfs_name(void)
{
    sqlite3_vfs *parent = sqlite3_vfs_find(NULL);
    if (!parent)
        return NULL;
    const char *name = NULL;
    pthread_mutex_lock(&g.lock);
    for (int i = 0; i < g.n && !name; i++)
        if (g.shims[i].parent == parent)
            name = g.shims[i].name;
    if (!name && g.n < MAX_PARENTS && shim_init(&g.shims[g.n], parent, g.n))
        name = g.shims[g.n++].name;
    pthread_mutex_unlock(&g.lock);
    return name;
}
