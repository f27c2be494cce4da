/* fault_vfs.h — an SQLite VFS for tests that counts file operations and fails
 * chosen ones, in the manner of SQLite's own src/test_vfs.c.
 *
 * It wraps the "unix" VFS and, once installed, is the default VFS of the
 * process, so code under test (the store) opens its databases through it
 * without knowing. A test counts the writes, syncs, truncates and opens an
 * operation makes, then makes the nth of them answer an error instead of
 * reaching the disk: once, or from the nth on (a disk that stays full).
 *
 * Operations are told apart by the file they touch, as SQLite opens it: the
 * main database, its "-wal" log, its "-journal", or anything else (temporary
 * files). A hook sees every operation before it reaches the disk, with the
 * real file at hand; it is where recording writes for a simulated power cut
 * (keeping only what was synced, as SQLite's test6.c does) would go.
 *
 * One process-wide state, guarded by a mutex; meant for test programs. */
#ifndef LANYARD_FAULT_VFS_H
#define LANYARD_FAULT_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

typedef enum FaultOp {
    FAULT_WRITE,
    FAULT_SYNC,
    FAULT_TRUNCATE,
    FAULT_OPEN,
    FAULT_OP_COUNT,
} FaultOp;

/* Which files an operation is counted and failed on (a mask). */
enum {
    FAULT_FILE_DB = 1 << 0,      /* the main database file */
    FAULT_FILE_WAL = 1 << 1,     /* its "-wal" log */
    FAULT_FILE_JOURNAL = 1 << 2, /* its "-journal" (rollback journal) */
    FAULT_FILE_OTHER = 1 << 3,   /* temporary files, statement journals, ... */
    FAULT_FILE_ANY = 0xf,
};

/* Registers the VFS as the default. 0, or -1 when there is no "unix" VFS. */
int fault_vfs_install(void);
/* Unregisters it ("unix" is the default again) and clears the hook. */
void fault_vfs_uninstall(void);

/* Counts back to zero and no fault armed. */
void fault_vfs_reset(void);
/* Operations of one kind on the given files since the last reset, including
 * those that were failed. */
unsigned long fault_vfs_count(FaultOp op, unsigned files);

/* Arms a fault: the nth operation op on the given files from now on (1 is the
 * next one) answers rc (SQLITE_IOERR_WRITE, SQLITE_FULL, ...) without reaching
 * the disk, with errno set as the system call would have left it (ENOSPC for
 * SQLITE_FULL, EIO otherwise); when persistent, so does every such operation
 * after it. Replaces a fault armed before. */
void fault_vfs_fail(FaultOp op, unsigned files, unsigned long nth, int rc, bool persistent);
/* Faults armed from now on fail only files opened from then on under dir (a
 * path prefix ending before a '/'); NULL or "" for any file again. */
void fault_vfs_fail_only_under(const char *dir);
/* Disarms it; counts go on. */
void fault_vfs_clear(void);
/* How many operations the armed fault has failed so far. */
unsigned long fault_vfs_injected(void);

/* "write", "sync", "truncate", "open". */
const char *fault_vfs_op_name(FaultOp op);
/* "db", "wal", "journal", "other" for one FAULT_FILE_* bit. */
const char *fault_vfs_file_name(unsigned file);

/* A power cut: while off, every write, sync, truncate, open and delete
 * answers an I/O error (SQLITE_IOERR_WRITE, ..., SQLITE_CANTOPEN) without
 * reaching the disk, as a machine that lost power would never do them. The
 * hook still sees them, failed. Off until switched on again. */
void fault_vfs_power(bool on);
/* Whether syncs reach the disk: a simulation that keeps its own account of
 * what was synced (powercut_vfs.h) can skip the real flushes, which cost
 * milliseconds each. On by default; fault_vfs_uninstall turns them back on. */
void fault_vfs_real_syncs(bool on);

/* Sees each write, sync and truncate before it reaches the disk (failed ones
 * too, with failed set). open is called once a file is open and returns the
 * state later calls get for it (NULL is fine); name is NULL for a temporary
 * file. For FAULT_WRITE, buf, n and offset
 * describe the write; for FAULT_TRUNCATE, offset is the new size. real is the
 * underlying file: a power-cut simulation can read the bytes a write is about
 * to replace through real->pMethods->xRead. */
typedef struct FaultVfsHook {
    void *ud;
    void *(*open)(void *ud, const char *name, unsigned file);
    void (*op)(void *ud, void *file_state, FaultOp op, bool failed, sqlite3_file *real,
               const void *buf, int n, int64_t offset);
    void (*close)(void *ud, void *file_state);
} FaultVfsHook;

/* Installs a hook (copied) for files opened from now on; NULL removes it. */
void fault_vfs_set_hook(const FaultVfsHook *hook);

#endif
