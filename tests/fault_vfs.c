/* fault_vfs.c — the fault-injecting test VFS (see fault_vfs.h).
 *
 * A shim: every file SQLite opens through it is a FaultFile that holds the
 * "unix" VFS's own file right behind it, in the same allocation (szOsFile is
 * the sum of both). Each method goes to the real file; write, sync, truncate
 * and open first pass through gate(), which counts the operation and decides
 * whether it fails, and are then shown to the hook. */
#include "fault_vfs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct FaultFile {
    sqlite3_file base; /* first: SQLite sees a FaultFile as an sqlite3_file */
    sqlite3_file *real;
    unsigned kind; /* one FAULT_FILE_* bit */
    bool in_scope; /* under fault_vfs_fail_only_under's folder */
    FaultVfsHook hook;
    void *hook_state; /* per file, from hook.open */
} FaultFile;

/* The armed fault, after test_vfs.c's TestFaultInject: a countdown to the
 * operation that fails. */
typedef struct Fault {
    bool armed;
    FaultOp op;
    unsigned files;
    unsigned long left; /* matching operations still to let through */
    int rc;
    bool persistent;
    unsigned long injected;
} Fault;

static struct {
    pthread_mutex_t lock;
    sqlite3_vfs vfs;
    sqlite3_vfs *parent;
    bool installed;
    unsigned long counts[FAULT_OP_COUNT][4];
    Fault fault;
    FaultVfsHook hook;
    bool power_off;
    bool fake_syncs;
    char only_under[4096]; /* faults only for files under this folder ("" = any) */
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

static sqlite3_vfs *parent(void)
{
    return g.parent;
}

static unsigned file_kind(int flags)
{
    if (flags & SQLITE_OPEN_MAIN_DB)
        return FAULT_FILE_DB;
    if (flags & SQLITE_OPEN_WAL)
        return FAULT_FILE_WAL;
    if (flags & SQLITE_OPEN_MAIN_JOURNAL)
        return FAULT_FILE_JOURNAL;
    return FAULT_FILE_OTHER;
}

static int kind_index(unsigned kind)
{
    for (int i = 0; i < 4; i++)
        if (kind == 1u << i)
            return i;
    return 3;
}

/* Counts one operation on a file of this kind and returns SQLITE_OK to let it
 * through, or the error it answers instead. */
static int gate(FaultOp op, unsigned kind, bool in_scope)
{
    pthread_mutex_lock(&g.lock);
    g.counts[op][kind_index(kind)]++;
    int rc = SQLITE_OK;
    Fault *f = &g.fault;
    static const int off_codes[] = {[FAULT_WRITE] = SQLITE_IOERR_WRITE,
                                    [FAULT_SYNC] = SQLITE_IOERR_FSYNC,
                                    [FAULT_TRUNCATE] = SQLITE_IOERR_TRUNCATE,
                                    [FAULT_OPEN] = SQLITE_CANTOPEN};
    if (g.power_off) {
        rc = off_codes[op];
    } else if (f->armed && f->op == op && (f->files & kind) && in_scope) {
        if (f->left > 0)
            f->left--;
        if (f->left == 0 && (f->persistent || f->injected == 0)) {
            rc = f->rc;
            f->injected++;
        }
    }
    pthread_mutex_unlock(&g.lock);
    /* As the system call would have left it, for callers that read errno. */
    if (rc != SQLITE_OK)
        errno = (rc & 0xff) == SQLITE_FULL ? ENOSPC : EIO;
    return rc;
}

static void show(FaultFile *f, FaultOp op, bool failed, const void *buf, int n, int64_t offset)
{
    if (f->hook.op)
        f->hook.op(f->hook.ud, f->hook_state, op, failed, f->real, buf, n, offset);
}

/* ---- file methods ---- */

static sqlite3_file *real_of(sqlite3_file *file)
{
    return ((FaultFile *)file)->real;
}

static int ff_close(sqlite3_file *file)
{
    FaultFile *f = (FaultFile *)file;
    if (f->hook.close)
        f->hook.close(f->hook.ud, f->hook_state);
    return f->real->pMethods->xClose(f->real);
}

static int ff_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 offset)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xRead(r, buf, n, offset);
}

static int ff_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 offset)
{
    FaultFile *f = (FaultFile *)file;
    int rc = gate(FAULT_WRITE, f->kind, f->in_scope);
    show(f, FAULT_WRITE, rc != SQLITE_OK, buf, n, offset);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xWrite(f->real, buf, n, offset);
}

static int ff_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    FaultFile *f = (FaultFile *)file;
    int rc = gate(FAULT_TRUNCATE, f->kind, f->in_scope);
    show(f, FAULT_TRUNCATE, rc != SQLITE_OK, NULL, 0, size);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int ff_sync(sqlite3_file *file, int flags)
{
    FaultFile *f = (FaultFile *)file;
    int rc = gate(FAULT_SYNC, f->kind, f->in_scope);
    show(f, FAULT_SYNC, rc != SQLITE_OK, NULL, 0, 0);
    pthread_mutex_lock(&g.lock);
    bool fake = g.fake_syncs;
    pthread_mutex_unlock(&g.lock);
    if (rc != SQLITE_OK || fake)
        return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

static int ff_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xFileSize(r, size);
}

static int ff_lock(sqlite3_file *file, int level)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xLock(r, level);
}

static int ff_unlock(sqlite3_file *file, int level)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xUnlock(r, level);
}

static int ff_check_reserved_lock(sqlite3_file *file, int *out)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xCheckReservedLock(r, out);
}

static int ff_file_control(sqlite3_file *file, int op, void *arg)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xFileControl(r, op, arg);
}

static int ff_sector_size(sqlite3_file *file)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xSectorSize(r);
}

static int ff_device_characteristics(sqlite3_file *file)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xDeviceCharacteristics(r);
}

/* The shared-memory index of a WAL database and memory-mapped reads go
 * straight to the real file: they are not file writes SQLite could fail. */
static int ff_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xShmMap(r, page, size, extend, out);
}

static int ff_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xShmLock(r, offset, n, flags);
}

static void ff_shm_barrier(sqlite3_file *file)
{
    sqlite3_file *r = real_of(file);
    r->pMethods->xShmBarrier(r);
}

static int ff_shm_unmap(sqlite3_file *file, int delete_flag)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xShmUnmap(r, delete_flag);
}

static int ff_fetch(sqlite3_file *file, sqlite3_int64 offset, int n, void **out)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xFetch(r, offset, n, out);
}

static int ff_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *p)
{
    sqlite3_file *r = real_of(file);
    return r->pMethods->xUnfetch(r, offset, p);
}

/* One table per version of the real file's methods, so SQLite never calls a
 * method through us that the real file does not have. */
#define FAULT_METHODS(version, shm_map, shm_lock, shm_barrier, shm_unmap, fetch, unfetch)          \
    {                                                                                              \
        version, ff_close, ff_read, ff_write, ff_truncate, ff_sync, ff_file_size, ff_lock,         \
            ff_unlock, ff_check_reserved_lock, ff_file_control, ff_sector_size,                    \
            ff_device_characteristics, shm_map, shm_lock, shm_barrier, shm_unmap, fetch, unfetch   \
    }

static const sqlite3_io_methods METHODS[] = {
    FAULT_METHODS(1, NULL, NULL, NULL, NULL, NULL, NULL),
    FAULT_METHODS(2, ff_shm_map, ff_shm_lock, ff_shm_barrier, ff_shm_unmap, NULL, NULL),
    FAULT_METHODS(3, ff_shm_map, ff_shm_lock, ff_shm_barrier, ff_shm_unmap, ff_fetch, ff_unfetch),
};

/* ---- VFS methods ---- */

/* The real file sits right after the FaultFile, at an 8-byte boundary. */
#define FAULT_FILE_SIZE ((sizeof(FaultFile) + 7) & ~(size_t)7)

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    (void)vfs;
    FaultFile *f = (FaultFile *)file;
    memset(f, 0, sizeof *f); /* pMethods NULL: SQLite will not call xClose */
    f->real = (sqlite3_file *)((char *)file + FAULT_FILE_SIZE);
    f->kind = file_kind(flags);
    pthread_mutex_lock(&g.lock);
    size_t len = strlen(g.only_under);
    f->in_scope = !len || (name && strncmp(name, g.only_under, len) == 0 && name[len] == '/');
    pthread_mutex_unlock(&g.lock);
    int rc = gate(FAULT_OPEN, f->kind, f->in_scope);
    if (rc != SQLITE_OK)
        return rc;
    rc = parent()->xOpen(parent(), name, f->real, flags, out_flags);
    if (!f->real->pMethods)
        return rc;
    int version = f->real->pMethods->iVersion;
    f->base.pMethods = &METHODS[version < 1 ? 0 : version > 3 ? 2 : version - 1];
    pthread_mutex_lock(&g.lock);
    f->hook = g.hook;
    pthread_mutex_unlock(&g.lock);
    if (f->hook.open)
        f->hook_state = f->hook.open(f->hook.ud, name, f->kind);
    return rc;
}

static int fv_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    pthread_mutex_lock(&g.lock);
    bool off = g.power_off;
    pthread_mutex_unlock(&g.lock);
    if (off)
        return SQLITE_IOERR_DELETE;
    return parent()->xDelete(parent(), name, sync_dir);
}

static int fv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return parent()->xAccess(parent(), name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return parent()->xFullPathname(parent(), name, n, out);
}

static void *fv_dl_open(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return parent()->xDlOpen(parent(), name);
}

static void fv_dl_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    parent()->xDlError(parent(), n, out);
}

static void (*fv_dl_sym(sqlite3_vfs *vfs, void *lib, const char *sym))(void)
{
    (void)vfs;
    return parent()->xDlSym(parent(), lib, sym);
}

static void fv_dl_close(sqlite3_vfs *vfs, void *lib)
{
    (void)vfs;
    parent()->xDlClose(parent(), lib);
}

static int fv_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return parent()->xRandomness(parent(), n, out);
}

static int fv_sleep(sqlite3_vfs *vfs, int microseconds)
{
    (void)vfs;
    return parent()->xSleep(parent(), microseconds);
}

static int fv_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return parent()->xCurrentTime(parent(), out);
}

static int fv_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return parent()->xGetLastError ? parent()->xGetLastError(parent(), n, out) : 0;
}

static int fv_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return parent()->xCurrentTimeInt64(parent(), out);
}

/* ---- control ---- */

int fault_vfs_install(void)
{
    if (g.installed)
        return 0;
    sqlite3_vfs *unix_vfs = sqlite3_vfs_find("unix");
    if (!unix_vfs)
        return -1;
    g.parent = unix_vfs;
    sqlite3_vfs *v = &g.vfs;
    memset(v, 0, sizeof *v);
    /* Version 2 at most: the system-call overrides of version 3 stay the
     * real VFS's business. */
    v->iVersion = unix_vfs->iVersion < 2 ? unix_vfs->iVersion : 2;
    v->szOsFile = (int)(FAULT_FILE_SIZE + (size_t)unix_vfs->szOsFile);
    v->mxPathname = unix_vfs->mxPathname;
    v->zName = "lanyard-fault";
    v->xOpen = fv_open;
    v->xDelete = fv_delete;
    v->xAccess = fv_access;
    v->xFullPathname = fv_full_pathname;
    v->xDlOpen = fv_dl_open;
    v->xDlError = fv_dl_error;
    v->xDlSym = fv_dl_sym;
    v->xDlClose = fv_dl_close;
    v->xRandomness = fv_randomness;
    v->xSleep = fv_sleep;
    v->xCurrentTime = fv_current_time;
    v->xGetLastError = fv_get_last_error;
    if (v->iVersion >= 2)
        v->xCurrentTimeInt64 = fv_current_time_int64;
    if (sqlite3_vfs_register(v, 1) != SQLITE_OK)
        return -1;
    g.installed = true;
    fault_vfs_reset();
    return 0;
}

void fault_vfs_uninstall(void)
{
    if (!g.installed)
        return;
    /* Files still open keep working: their methods do not depend on the
     * registration, only on g.parent, which stays. */
    sqlite3_vfs_unregister(&g.vfs);
    sqlite3_vfs_register(g.parent, 1);
    g.installed = false;
    fault_vfs_set_hook(NULL);
    fault_vfs_fail_only_under(NULL);
    fault_vfs_power(true);
    fault_vfs_real_syncs(true);
}

void fault_vfs_power(bool on)
{
    pthread_mutex_lock(&g.lock);
    g.power_off = !on;
    pthread_mutex_unlock(&g.lock);
}

void fault_vfs_real_syncs(bool on)
{
    pthread_mutex_lock(&g.lock);
    g.fake_syncs = !on;
    pthread_mutex_unlock(&g.lock);
}

void fault_vfs_reset(void)
{
    pthread_mutex_lock(&g.lock);
    memset(g.counts, 0, sizeof g.counts);
    memset(&g.fault, 0, sizeof g.fault);
    pthread_mutex_unlock(&g.lock);
}

unsigned long fault_vfs_count(FaultOp op, unsigned files)
{
    unsigned long n = 0;
    pthread_mutex_lock(&g.lock);
    for (int i = 0; i < 4; i++)
        if (files & (1u << i))
            n += g.counts[op][i];
    pthread_mutex_unlock(&g.lock);
    return n;
}

void fault_vfs_fail(FaultOp op, unsigned files, unsigned long nth, int rc, bool persistent)
{
    pthread_mutex_lock(&g.lock);
    g.fault = (Fault){.armed = true,
                      .op = op,
                      .files = files,
                      .left = nth ? nth : 1,
                      .rc = rc,
                      .persistent = persistent};
    pthread_mutex_unlock(&g.lock);
}

void fault_vfs_fail_only_under(const char *dir)
{
    pthread_mutex_lock(&g.lock);
    snprintf(g.only_under, sizeof g.only_under, "%s", dir ? dir : "");
    pthread_mutex_unlock(&g.lock);
}

void fault_vfs_clear(void)
{
    pthread_mutex_lock(&g.lock);
    g.fault.armed = false;
    pthread_mutex_unlock(&g.lock);
}

unsigned long fault_vfs_injected(void)
{
    pthread_mutex_lock(&g.lock);
    unsigned long n = g.fault.injected;
    pthread_mutex_unlock(&g.lock);
    return n;
}

const char *fault_vfs_op_name(FaultOp op)
{
    static const char *const names[] = {"write", "sync", "truncate", "open"};
    return (unsigned)op < FAULT_OP_COUNT ? names[op] : "?";
}

const char *fault_vfs_file_name(unsigned file)
{
    static const char *const names[] = {"db", "wal", "journal", "other"};
    return names[kind_index(file)];
}

void fault_vfs_set_hook(const FaultVfsHook *hook)
{
    pthread_mutex_lock(&g.lock);
    if (hook)
        g.hook = *hook;
    else
        memset(&g.hook, 0, sizeof g.hook);
    pthread_mutex_unlock(&g.lock);
}
