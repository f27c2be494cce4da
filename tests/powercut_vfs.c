/* powercut_vfs.c — a simulated power cut over the fault VFS (see
 * powercut_vfs.h).
 *
 * A fault-VFS hook keeps, per named file, the changes not yet synced: for a
 * write, the bytes it replaced, the bytes it wrote and the size before; for a
 * truncate, the size before and the bytes it cut off. A sync of the file
 * forgets them (they are durable). A reboot undoes them newest first, which
 * leaves the file as of its last sync, and with chaos then redoes a random
 * subset oldest first, tearing the last one redone at 512-byte sectors. */
#include "powercut_vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault_vfs.h"

#define SECTOR 512
#define MAX_FILES 32

typedef struct Change {
    bool truncate;
    int64_t offset;           /* a write's place; a truncate's new size */
    int n;                    /* a write's length */
    int64_t old_size;         /* the file's size before */
    unsigned char *old;       /* what a write replaced (n bytes), or a truncate cut off */
    unsigned char *new_bytes; /* what a write wrote */
} Change;

typedef struct PcFile {
    char *name;
    Change *changes; /* not yet synced, oldest first */
    size_t n, cap;
} PcFile;

static struct {
    pthread_mutex_t lock;
    PcFile files[MAX_FILES];
    size_t nfiles;
    unsigned long syncs, writes;
    unsigned long cut_sync, cut_write; /* counts at which the power goes off; 0: never */
    bool cut;
} pc = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void forget(PcFile *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->changes[i].old);
        free(f->changes[i].new_bytes);
    }
    f->n = 0;
}

static Change *push(PcFile *f)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        Change *grown = realloc(f->changes, cap * sizeof *grown);
        if (!grown)
            abort(); /* a test program out of memory */
        f->changes = grown;
        f->cap = cap;
    }
    Change *c = &f->changes[f->n++];
    memset(c, 0, sizeof *c);
    return c;
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        abort();
    return p;
}

static void *pc_open(void *ud, const char *name, unsigned file)
{
    (void)ud;
    (void)file;
    if (!name)
        return NULL; /* a temporary file: gone after a reboot anyway */
    pthread_mutex_lock(&pc.lock);
    PcFile *f = NULL;
    for (size_t i = 0; i < pc.nfiles && !f; i++)
        if (!strcmp(pc.files[i].name, name))
            f = &pc.files[i];
    if (!f && pc.nfiles < MAX_FILES) {
        f = &pc.files[pc.nfiles++];
        memset(f, 0, sizeof *f);
        f->name = strdup(name);
        if (!f->name)
            abort();
    }
    pthread_mutex_unlock(&pc.lock);
    return f;
}

static void record_write(PcFile *f, sqlite3_file *real, const void *buf, int n, int64_t offset)
{
    Change *c = push(f);
    c->offset = offset;
    c->n = n;
    sqlite3_int64 size = 0;
    if (real->pMethods->xFileSize(real, &size) != SQLITE_OK)
        abort();
    c->old_size = size;
    c->old = xmalloc((size_t)n);
    int rc = real->pMethods->xRead(real, c->old, n, offset);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        abort();
    c->new_bytes = xmalloc((size_t)n);
    memcpy(c->new_bytes, buf, (size_t)n);
}

static void record_truncate(PcFile *f, sqlite3_file *real, int64_t size)
{
    Change *c = push(f);
    c->truncate = true;
    c->offset = size;
    sqlite3_int64 old = 0;
    if (real->pMethods->xFileSize(real, &old) != SQLITE_OK)
        abort();
    c->old_size = old;
    if (old > size) {
        c->n = (int)(old - size);
        c->old = xmalloc((size_t)c->n);
        int rc = real->pMethods->xRead(real, c->old, c->n, size);
        if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
            abort();
    }
}

static void pc_op(void *ud, void *state, FaultOp op, bool failed, sqlite3_file *real,
                  const void *buf, int n, int64_t offset)
{
    (void)ud;
    PcFile *f = state;
    pthread_mutex_lock(&pc.lock);
    bool off = false;
    if (!failed && !pc.cut) {
        if (op == FAULT_WRITE) {
            pc.writes++;
            if (f)
                record_write(f, real, buf, n, offset);
            off = pc.cut_write && pc.writes == pc.cut_write;
        } else if (op == FAULT_TRUNCATE) {
            if (f)
                record_truncate(f, real, offset);
        } else if (op == FAULT_SYNC) {
            pc.syncs++;
            if (f)
                forget(f);
            off = pc.cut_sync && pc.syncs == pc.cut_sync;
        }
        pc.cut = off;
    }
    pthread_mutex_unlock(&pc.lock);
    if (off)
        fault_vfs_power(false); /* this operation still happens; nothing after it */
}

int powercut_start(void)
{
    if (fault_vfs_install() != 0)
        return -1;
    fault_vfs_reset();
    fault_vfs_power(true);
    fault_vfs_real_syncs(false);
    pthread_mutex_lock(&pc.lock);
    for (size_t i = 0; i < pc.nfiles; i++)
        forget(&pc.files[i]);
    pc.syncs = pc.writes = pc.cut_sync = pc.cut_write = 0;
    pc.cut = false;
    pthread_mutex_unlock(&pc.lock);
    fault_vfs_set_hook(&(FaultVfsHook){.open = pc_open, .op = pc_op});
    return 0;
}

void powercut_after_sync(unsigned long nth)
{
    pthread_mutex_lock(&pc.lock);
    pc.cut_sync = nth ? pc.syncs + nth : 0;
    pthread_mutex_unlock(&pc.lock);
}

void powercut_at_write(unsigned long nth)
{
    pthread_mutex_lock(&pc.lock);
    pc.cut_write = nth ? pc.writes + nth : 0;
    pthread_mutex_unlock(&pc.lock);
}

bool powercut_happened(void)
{
    pthread_mutex_lock(&pc.lock);
    bool cut = pc.cut;
    pthread_mutex_unlock(&pc.lock);
    return cut;
}

unsigned long powercut_syncs(void)
{
    pthread_mutex_lock(&pc.lock);
    unsigned long n = pc.syncs;
    pthread_mutex_unlock(&pc.lock);
    return n;
}

unsigned long powercut_writes(void)
{
    pthread_mutex_lock(&pc.lock);
    unsigned long n = pc.writes;
    pthread_mutex_unlock(&pc.lock);
    return n;
}

static bool put(int fd, const unsigned char *bytes, size_t n, int64_t at)
{
    return n == 0 || pwrite(fd, bytes, n, (off_t)at) == (ssize_t)n;
}

/* Undoes c (the newest change not yet undone). */
static bool undo(int fd, const Change *c)
{
    if (ftruncate(fd, (off_t)c->old_size) != 0)
        return false;
    if (c->truncate)
        return c->old_size <= c->offset || put(fd, c->old, (size_t)c->n, c->offset);
    if (c->offset >= c->old_size)
        return true;
    int64_t keep = c->old_size - c->offset;
    return put(fd, c->old, (size_t)(keep < c->n ? keep : c->n), c->offset);
}

/* Redoes c, or (torn) only some of its sectors. */
static bool redo(int fd, const Change *c, bool torn, unsigned *seed)
{
    if (c->truncate)
        return ftruncate(fd, (off_t)c->offset) == 0;
    if (!torn)
        return put(fd, c->new_bytes, (size_t)c->n, c->offset);
    for (int at = 0; at < c->n; at += SECTOR) {
        int len = c->n - at < SECTOR ? c->n - at : SECTOR;
        if (rand_r(seed) % 2 && !put(fd, c->new_bytes + at, (size_t)len, c->offset + at))
            return false;
    }
    return true;
}

static bool reboot_file(PcFile *f, bool chaos, unsigned *seed)
{
    if (f->n == 0)
        return true;
    int fd = open(f->name, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT; /* deleted before the cut: nothing to put back */
    bool ok = true;
    for (size_t i = f->n; ok && i-- > 0;)
        ok = undo(fd, &f->changes[i]);
    if (chaos) {
        bool *kept = xmalloc(f->n);
        size_t last = f->n;
        for (size_t i = 0; i < f->n; i++)
            if ((kept[i] = rand_r(seed) % 2))
                last = i;
        bool torn = rand_r(seed) % 2;
        for (size_t i = 0; ok && i < f->n; i++)
            if (kept[i])
                ok = redo(fd, &f->changes[i], i == last && torn, seed);
        free(kept);
    }
    if (close(fd) != 0)
        ok = false;
    return ok;
}

int powercut_reboot(bool chaos, unsigned seed)
{
    pthread_mutex_lock(&pc.lock);
    bool ok = true;
    for (size_t i = 0; i < pc.nfiles; i++) {
        ok = ok && reboot_file(&pc.files[i], chaos, &seed);
        forget(&pc.files[i]);
    }
    pc.cut = false;
    pc.cut_sync = pc.cut_write = 0;
    pthread_mutex_unlock(&pc.lock);
    fault_vfs_power(true);
    return ok ? 0 : -1;
}

void powercut_stop(void)
{
    fault_vfs_set_hook(NULL);
    fault_vfs_uninstall();
    pthread_mutex_lock(&pc.lock);
    for (size_t i = 0; i < pc.nfiles; i++) {
        forget(&pc.files[i]);
        free(pc.files[i].changes);
        free(pc.files[i].name);
    }
    pc.nfiles = 0;
    pthread_mutex_unlock(&pc.lock);
}
