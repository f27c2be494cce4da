/* store_backup.c — a consistent copy of the database in a file of its own,
 * for Export to USB and the sync folder (store_backup in store.h). */
#include "store/store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static StoreStatus backup_fail(Store *s, sqlite3 *dest, int rc, char *tmp, const char *dest_path)
{
    const char *plain = store_plain_error(rc);
    store_failf(s, STORE_ERROR, "cannot write a copy to %s: %s", dest_path,
                plain ? plain : sqlite3_errstr(rc));
    (void)sqlite3_close_v2(dest);
    unlink(tmp);
    free(tmp);
    return STORE_ERROR;
}

static bool fsync_path(const char *path, int oflags)
{
    int fd = open(path, oflags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Copies all of src into dest (a connection to an empty file) in one step. */
static int backup_all(sqlite3 *dest, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
    if (!b)
        return sqlite3_extended_errcode(dest);
    int rc;
    do {
        rc = sqlite3_backup_step(b, -1);
    } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int frc = sqlite3_backup_finish(b);
    return rc != SQLITE_DONE ? rc : frc;
}

/* A copy left unfinished this long ago (its writer gave up on a stick or a
 * share that stopped answering, or the kiosk stopped) is removed by the next
 * copy; one being written now is left alone. */
#define STALE_COPY_SECONDS (10 * 60)

/* Removes the abandoned temporary files in dir named prefix + six characters
 * (make_temp's): the copies beside a destination, the scratch copies. */
static void remove_stale(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t plen = strlen(prefix);
    time_t now = time(NULL);
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, prefix, plen) != 0 || strlen(e->d_name + plen) != 6)
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            now - st.st_mtime > STALE_COPY_SECONDS)
            unlinkat(dirfd(d), e->d_name, 0); /* best effort */
    }
    closedir(d);
}

/* remove_stale for the copies beside dest_path (dest_path.tmp-XXXXXX). */
static void remove_stale_copies(const char *dest_path)
{
    char *dir = store_dir_of(dest_path);
    const char *slash = strrchr(dest_path, '/');
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s.tmp-", slash ? slash + 1 : dest_path);
    if (dir)
        remove_stale(dir, prefix);
    free(dir);
}

/* Makes an empty file named base + suffix + six random characters and
 * returns its malloc'd name, or NULL after saying "cannot WHAT WHERE: why". */
static char *make_temp(Store *s, const char *base, const char *suffix, const char *what,
                       const char *where)
{
    size_t n = strlen(base) + strlen(suffix) + 7;
    char *name = malloc(n);
    if (!name) {
        store_failf(s, STORE_ERROR, "cannot %s %s: out of memory", what, where);
        return NULL;
    }
    snprintf(name, n, "%s%sXXXXXX", base, suffix);
    int fd = mkstemp(name);
    if (fd < 0) {
        store_failf(s, STORE_ERROR, "cannot %s %s: %s", what, where, strerror(errno));
        free(name);
        return NULL;
    }
    close(fd);
    return name;
}

/* Writes the database open on src into a temporary file beside dest_path and
 * renames it into place, so a reader (or a USB stick pulled out half-way)
 * sees the old copy or the new one, never half a file. The copy uses a
 * rollback journal so it is one self-contained file. Failures are s's. */
static StoreStatus write_copy(Store *s, sqlite3 *src, const char *dest_path)
{
    remove_stale_copies(dest_path);
    char *tmp = make_temp(s, dest_path, ".tmp-", "write a copy to", dest_path);
    if (!tmp)
        return STORE_ERROR;
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK)
        return backup_fail(s, dest, rc, tmp, dest_path);
    if ((rc = backup_all(dest, src)) != SQLITE_OK)
        return backup_fail(s, dest, rc, tmp, dest_path);
    rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return backup_fail(s, dest, sqlite3_extended_errcode(dest), tmp, dest_path);
    /* The copy is a file of its own: a log left beside the original (a
     * crashed kiosk's) must never be applied to it once restored. */
    if (sqlite3_close(dest) != SQLITE_OK || store_mark_stamp(tmp, true) != 1 ||
        !fsync_path(tmp, O_RDONLY)) {
        store_failf(s, STORE_ERROR, "cannot write a copy to %s: %s", dest_path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return STORE_ERROR;
    }
    if (rename(tmp, dest_path) != 0) {
        store_failf(s, STORE_ERROR, "cannot write a copy to %s: %s", dest_path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return STORE_ERROR;
    }
    free(tmp);
    char *dir = store_dir_of(dest_path);
    if (dir) {
        fsync_path(dir, O_RDONLY | O_DIRECTORY); /* best effort: the copy is complete */
        free(dir);
    }
    return STORE_OK;
}

/* The database is first copied to a scratch file in the temporary folder
 * (local storage: a moment, never flushed), and the copy at dest_path is
 * written from that. A read of the database is open only during the first
 * step, so a destination that is slow or stops answering (a USB stick, a
 * network share) never holds a snapshot that keeps the log from starting
 * afresh while the kiosk goes on writing. */
StoreStatus store_backup(Store *s, const char *dest_path)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    remove_stale(tmpdir, "lanyard-copy-");
    char *scratch = make_temp(s, tmpdir, "/lanyard-copy-", "make a copy in", tmpdir);
    if (!scratch)
        return STORE_ERROR;
    sqlite3 *local = NULL;
    int rc = sqlite3_open_v2(scratch, &local, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(local, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = backup_all(local, s->db);
    /* The first page says "write-ahead log" as the kiosk's does: a copy in
     * rollback mode makes no -wal beside it in the temporary folder. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(local, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    StoreStatus status = STORE_OK;
    if (rc != SQLITE_OK) {
        const char *plain = store_plain_error(rc);
        status = store_failf(s, STORE_ERROR, "cannot make a copy in %s: %s", tmpdir,
                             plain ? plain : sqlite3_errstr(rc));
    } else {
        status = write_copy(s, local, dest_path);
    }
    (void)sqlite3_close_v2(local);
    unlink(scratch);
    free(scratch);
    return status;
}
