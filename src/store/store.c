/* store.c — opening a Lanyard database safely, migrations, settings, the
 * audit trail and consistent backups.
 *
 * Opening is careful because a kiosk is pointed at files by hand: anything that
 * is not a Lanyard database (another program's SQLite file, a spreadsheet, a
 * folder), a damaged file or one that cannot be written is refused with a
 * message naming it, and is never written to. The checks read the header
 * through SQLite's OS layer and the -wal and -journal beside it with plain
 * reads (store_files.c: they must carry the file's mark), then run quick_check
 * on a read-only connection; only a file that passes is opened for writing,
 * and its schema is then checked to have every table and column. */
#include "store/store_internal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/ids.h"
#include "core/text.h"
#include "store/store_keys.h"
#include "store/store_vfs.h"

/* ---- opening ---- */

/* Pages between automatic checkpoints: small enough that preallocating the log
 * costs little at open (about 1.3 MB), large enough that checkpoints are rare
 * (a check-in writes three or four pages). */
#define STORE_WAL_PAGES 256
/* The same on a disk with less than STORE_ROOMY_BYTES free. The log holds every
 * version of a page written since the last checkpoint, so it can outgrow the
 * data many times over; on a nearly full disk it would take the space the
 * database file needs to grow into at the checkpoint, after which no commit
 * could succeed. Checkpointing often keeps it to a few pages. */
#define STORE_WAL_PAGES_TIGHT 16
#define STORE_ROOMY_BYTES ((uint64_t)8 * (STORE_WAL_PAGES + 64) * (4096 + 24))

/* SQL function lanyard_fold(text): the search key of text.h, for matching names
 * regardless of case and accents. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *in = sqlite3_value_text(argv[0]);
    char *folded = text_fold(in ? (const char *)in : "");
    if (!folded) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, folded, -1, free);
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The folder that holds path ("." for a bare name), malloc'd. */
char *store_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* A file without any write permission bit counts as read-only even for root,
 * who could write it anyway: someone marked it so on purpose. */
static bool file_is_writable(const char *path, const struct stat *st)
{
    return (st->st_mode & 0222) != 0 && access(path, W_OK) == 0;
}

static bool path_exists(const char *path, const char *suffix)
{
    char buf[4200];
    snprintf(buf, sizeof buf, "%s%s", path, suffix);
    struct stat st;
    return lstat(buf, &st) == 0;
}

static void path_remove(const char *path, const char *suffix)
{
    char buf[4200];
    snprintf(buf, sizeof buf, "%s%s", path, suffix);
    unlink(buf);
}

/* Opens read-only and runs quick_check, so damage is found before any write.
 * Even a read-only connection creates -wal and -shm files for a WAL database;
 * when the file is refused, the ones this check made are removed again. */
/* Opens path with SQLite. immutable: through a "file:...?immutable=1" URI, for a
 * database on read-only media, where SQLite could not create the shared-memory
 * file a WAL database otherwise needs; safe only when no -wal holds data. */
static int open_sqlite(const char *path, int flags, bool immutable, sqlite3 **db)
{
    if (!immutable)
        return sqlite3_open_v2(path, db, flags, store_vfs_name());
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32);
    if (!uri) {
        *db = NULL;
        return SQLITE_NOMEM;
    }
    size_t len = (size_t)snprintf(uri, 8, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("/-._~", *p);
        if (plain)
            uri[len++] = (char)*p;
        else
            len += (size_t)sprintf(uri + len, "%%%02X", *p);
    }
    strcpy(uri + len, "?immutable=1");
    int rc = sqlite3_open_v2(uri, db, flags | SQLITE_OPEN_URI, store_vfs_name());
    free(uri);
    return rc;
}

/* Free bytes a read-only open needs beside the database: SQLite makes a
 * -shm file of 32 KiB for a WAL database, even to read it. */
#define STORE_SHM_ROOM (64 * 1024)

/* True when a read-only open must go through open_sqlite's immutable URI: the
 * folder cannot take the -shm file (read-only, or a full disk: staff export
 * and count after the disk filled up) and there is no log with data to read. */
static bool needs_immutable(const char *path)
{
    char *dir = store_dir_of(path);
    struct statvfs vfs;
    bool writable = dir && access(dir, W_OK) == 0;
    bool roomy = writable && (statvfs(dir, &vfs) != 0 ||
                              (uint64_t)vfs.f_bavail * vfs.f_frsize >= STORE_SHM_ROOM);
    free(dir);
    if (roomy)
        return false;
    /* On a full disk, a -shm already there (a kiosk has the database open)
     * takes no room to read through, and a kiosk writing it needs the
     * readers' locks. */
    if (writable && path_exists(path, "-shm"))
        return false;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat st;
    return stat(wal, &st) != 0 || st.st_size == 0;
}

/* Closes a connection whose statements are all finalized, which cannot fail. */
static void close_db(sqlite3 *db)
{
    int rc = sqlite3_close_v2(db);
    assert(rc == SQLITE_OK);
    (void)rc;
}

static bool check_integrity(const char *file, const char *path, bool immutable, char *err,
                            size_t errlen)
{
    bool had_wal = path_exists(file, "-wal"), had_shm = path_exists(file, "-shm");
    sqlite3 *db = NULL;
    int rc = open_sqlite(file, SQLITE_OPEN_READONLY, immutable, &db);
    sqlite3_stmt *st = NULL;
    bool ok = false;
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(db, 5000);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *res = sqlite3_column_text(st, 0);
            ok = res && strcmp((const char *)res, "ok") == 0;
            rc = ok ? SQLITE_OK : SQLITE_CORRUPT;
        }
    }
    if (!ok) {
        int ext = db ? sqlite3_extended_errcode(db) : rc;
        if ((rc & 0xff) == SQLITE_CORRUPT || (ext & 0xff) == SQLITE_CORRUPT ||
            (rc & 0xff) == SQLITE_NOTADB || (ext & 0xff) == SQLITE_NOTADB)
            set_err(err, errlen, "%s is damaged (corrupt); it was left untouched", path);
        else {
            const char *plain = store_plain_error_db(db, rc);
            set_err(err, errlen, "cannot open %s: %s", path,
                    plain ? plain : (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        }
    }
    (void)sqlite3_finalize(st); /* repeats the step's result, handled above */
    close_db(db);
    if (!ok && !had_wal)
        path_remove(file, "-wal");
    if (!ok && !had_shm)
        path_remove(file, "-shm");
    return ok;
}

static StoreStatus pragma_int(Store *s, const char *sql, int *out)
{
    sqlite3_stmt *st = store_cached(s, sql, "read the schema version");
    if (!st)
        return STORE_ERROR;
    int rc = store_step(s, st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    store_finish(s, st);
    if (rc != SQLITE_ROW)
        return store_fail(s, "read the schema version");
    return STORE_OK;
}

static StoreStatus migrate(Store *s)
{
    int version = 0;
    if (pragma_int(s, "PRAGMA user_version", &version) != STORE_OK)
        return STORE_ERROR;
    if (version > STORE_MIGRATION_COUNT)
        return store_failf(s, STORE_ERROR,
                           "%s was made by a newer version of Lanyard (schema %d, this one "
                           "knows %d); use the newer version",
                           s->path, version, STORE_MIGRATION_COUNT);
    if (version == STORE_MIGRATION_COUNT)
        return STORE_OK;
    /* Read-only users (exports, stats, merge inputs) read an older file through
     * the views of STORE_READ_COMPAT; a file with no schema at all (its
     * creation was interrupted) holds nothing to read. */
    if (s->readonly && version == 0)
        return store_failf(s, STORE_ERROR, "%s is an empty Lanyard database", s->path);
    for (int v = version; s->readonly && v < STORE_MIGRATION_COUNT; v++)
        if (STORE_READ_COMPAT[v] &&
            store_exec(s, STORE_READ_COMPAT[v], "read an older database") != STORE_OK)
            return STORE_ERROR;
    if (s->readonly)
        return STORE_OK;
    for (int v = version; v < STORE_MIGRATION_COUNT; v++) {
        if (store_begin(s, "upgrade the database") != STORE_OK)
            return STORE_ERROR;
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
        if (store_exec(s, STORE_MIGRATIONS[v], "upgrade the database") != STORE_OK ||
            store_exec(s, bump, "upgrade the database") != STORE_OK) {
            store_rollback(s);
            return STORE_ERROR;
        }
        if (store_commit(s, "upgrade the database") != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* Whether the disk that holds path has STORE_ROOMY_BYTES free (true when it
 * cannot be told: the usual case, and the faster settings). */
static bool disk_is_roomy(const char *path)
{
    char *dir = store_dir_of(path);
    struct statvfs vfs;
    bool known = dir && statvfs(dir, &vfs) == 0;
    free(dir);
    return !known || (uint64_t)vfs.f_bavail * vfs.f_frsize >= STORE_ROOMY_BYTES;
}

/* Connection settings. A new file gets its application_id before WAL is turned
 * on, so the mark is in the main file itself (not only in the -wal) from the
 * first moment: a crash right after creation still leaves a file we recognise. */
static StoreStatus configure(Store *s, bool fresh)
{
    if (sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK)
        return store_fail(s, "open the database");
    if (sqlite3_create_function_v2(s->db, "lanyard_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   sql_fold, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, "open the database");
    if (store_exec(s, "PRAGMA foreign_keys = ON", "open the database") != STORE_OK)
        return STORE_ERROR;
    if (s->readonly)
        return STORE_OK; /* query_only is set after migrate's compatibility views */
    if (fresh) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d", (int)STORE_APPLICATION_ID);
        if (store_exec(s, sql, "create the database") != STORE_OK)
            return STORE_ERROR;
    }
    sqlite3_stmt *st = store_cached(s, "PRAGMA journal_mode = WAL", "open the database");
    if (!st)
        return STORE_ERROR;
    int rc = store_step(s, st);
    bool wal = rc == SQLITE_ROW && strcmp(store_col_text(st, 0), "wal") == 0;
    store_finish(s, st);
    if (rc != SQLITE_ROW)
        return store_fail(s, "open the database");
    if (!wal)
        return store_failf(s, STORE_ERROR,
                           "cannot open %s: the file system does not support the write-ahead "
                           "log Lanyard needs",
                           s->path);
    /* Checkpoints every STORE_WAL_PAGES pages keep the log inside the space
     * wal_preallocate gives it. */
    s->wal_pages = disk_is_roomy(s->file) ? STORE_WAL_PAGES : STORE_WAL_PAGES_TIGHT;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint = %d", s->wal_pages);
    if (store_exec(s, sql, "open the database") != STORE_OK)
        return STORE_ERROR;
    return store_exec(s, "PRAGMA synchronous = FULL", "open the database");
}

/* Grows the -wal file to what it holds between two automatic checkpoints, so
 * that a commit overwrites blocks in place: then its flush need not also commit
 * a new file size to the file system's journal, which costs as much again.
 * SQLite ignores bytes past the last valid frame, and the write lock held here
 * keeps other writers from appending meanwhile. A pure optimisation; the log
 * is deleted when the last connection closes, as usual. */
static void wal_preallocate(Store *s)
{
    /* Not on a nearly full disk: the zeros would take the space the database
     * file needs to grow into when the log is checkpointed. */
    if (s->wal_pages != STORE_WAL_PAGES)
        return;
    int page = 0;
    if (pragma_int(s, "PRAGMA page_size", &page) != STORE_OK || page <= 0)
        return;
    const off_t target = (off_t)(STORE_WAL_PAGES + 64) * (page + 24) + 32;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", s->file);
    if (store_begin(s, "open the database") != STORE_OK)
        return;
    struct stat st;
    int fd = stat(wal, &st) == 0 && st.st_size < target ? open(wal, O_WRONLY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        static const char zeros[65536];
        off_t at = st.st_size;
        bool ok = true;
        while (ok && at < target) {
            size_t n = target - at < (off_t)sizeof zeros ? (size_t)(target - at) : sizeof zeros;
            ssize_t w = pwrite(fd, zeros, n, at);
            ok = w > 0;
            at += ok ? w : 0;
        }
        /* On failure (the disk filled up meanwhile) the zeros go again, for the
         * same reason; SQLite reads nothing past the last valid frame, and the
         * write lock keeps anyone from having appended after it. */
        if (ok)
            fdatasync(fd);
        else if (ftruncate(fd, st.st_size) != 0)
            ok = false; /* the zeros stay; a commit that needs the space says the disk is full */
        close(fd);
    }
    store_rollback(s);
}

static void remove_new_file(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char buf[4200];
        snprintf(buf, sizeof buf, "%s%s", path, suffixes[i]);
        unlink(buf);
    }
}

/* Whether the folder of path takes new files (the -wal and -shm of WAL);
 * when not, err says why. */
static bool folder_is_writable(const char *file, const char *path, char *err, size_t errlen)
{
    char *dir = store_dir_of(file);
    if (!dir) {
        set_err(err, errlen, "cannot open %s: out of memory", path);
        return false;
    }
    struct stat dst;
    int ok = access(dir, W_OK | X_OK);
    int e = errno;
    if (ok == 0 && stat(dir, &dst) == 0 && (dst.st_mode & 0222) == 0) {
        ok = -1; /* as for files: no write bit means read-only, even for root */
        e = EACCES;
    }
    if (ok != 0 && (e == ENOENT || e == ENOTDIR))
        set_err(err, errlen, "cannot create %s: the folder %s does not exist", path, dir);
    else if (ok != 0)
        set_err(err, errlen, "cannot write %s: its folder is not writable (%s)", path, strerror(e));
    free(dir);
    return ok == 0;
}

/* The file a path names, symbolic links followed (malloc'd; NULL when out of
 * memory). SQLite opens the target and keeps its -wal and -shm beside it, so
 * every check here looks there too; a link to a file not made yet names the
 * place it will be made. */
static char *resolve_path(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    char *cur = strdup(path);
    for (int hops = 0; cur && hops < 40; hops++) {
        char target[4096];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0)
            break; /* not a link: the file to make */
        target[n] = '\0';
        char *dir = target[0] == '/' ? strdup("") : store_dir_of(cur);
        size_t len = (dir ? strlen(dir) : 0) + (size_t)n + 2;
        char *next = dir ? malloc(len) : NULL;
        if (next)
            snprintf(next, len, "%s%s%s", dir, *dir ? "/" : "", target);
        free(dir);
        free(cur);
        cur = next;
    }
    return cur;
}

/* Makes the database file: SQLite writes its first page with the Lanyard
 * application_id, in rollback-journal mode, and the file gets its mark
 * (store_files.c) before anything else opens it. */
static bool create_file(const char *file, const char *path, char *err, size_t errlen)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", (int)STORE_APPLICATION_ID);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        const char *plain = store_plain_error_db(db, rc);
        set_err(err, errlen, "cannot create %s: %s", path,
                plain ? plain
                : db  ? sqlite3_errmsg(db)
                      : sqlite3_errstr(rc));
    }
    close_db(db);
    if (rc == SQLITE_OK && store_mark_stamp(file, true) != 1) {
        set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    return rc == SQLITE_OK;
}

/* The checks of a file that exists before SQLite opens it, with st its
 * stat(2): what it is, and for a non-empty file its header, whether it may
 * be written, and the -wal and -journal beside it. *fresh when it is empty
 * and may become the database. */
static bool check_file(const char *file, const char *path, unsigned flags, const struct stat *st,
                       bool *fresh, bool *unmarked, char *err, size_t errlen)
{
    bool readonly = (flags & STORE_OPEN_READONLY) != 0;
    if (S_ISDIR(st->st_mode)) {
        set_err(err, errlen, "%s is a folder, not a database file", path);
        return false;
    }
    if (!S_ISREG(st->st_mode)) {
        set_err(err, errlen, "%s is not a regular file, not a database file", path);
        return false;
    }
    if (st->st_size == 0) {
        /* An empty file holds nothing to lose: with CREATE it becomes the database
         * (as mktemp(1) leaves it); without, it is not a database. */
        *fresh = (flags & STORE_OPEN_CREATE) && !readonly;
        if (!*fresh)
            set_err(err, errlen, "%s is empty, not a Lanyard database", path);
        else if (!file_is_writable(file, st))
            set_err(err, errlen, "cannot write %s: the file is read-only", path);
        return *fresh && file_is_writable(file, st);
    }
    unsigned char hdr[100];
    if (!store_check_header(file, path, hdr, err, errlen))
        return false;
    if (!readonly && !file_is_writable(file, st)) {
        set_err(err, errlen, "cannot write %s: the file is read-only", path);
        return false;
    }
    unsigned long applied = 0;
    if (!store_side_files_check(file, path, hdr, &applied, err, errlen))
        return false;
    *unmarked = !readonly && store_mark_of(hdr) == 0 && applied == 0;
    return true;
}

/* Opens the checked file with SQLite, configures and migrates it. */
static StoreStatus open_store(const char *file, const char *path, bool readonly, bool fresh,
                              bool immutable, Store **out, char *err, size_t errlen)
{
    Store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path)) || !(s->file = strdup(file))) {
        if (s)
            free(s->path);
        free(s);
        set_err(err, errlen, "cannot open %s: out of memory", path);
        return STORE_ERROR;
    }
    s->readonly = readonly;
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = open_sqlite(file, oflags, immutable, &s->db);
    StoreStatus status = STORE_OK;
    if (rc != SQLITE_OK) {
        const char *plain = store_plain_error_db(s->db, rc);
        status = store_failf(s, STORE_ERROR, "cannot open %s: %s", path,
                             plain ? plain : sqlite3_errstr(rc));
    }
    if (status == STORE_OK)
        status = configure(s, fresh);
    if (status == STORE_OK)
        status = migrate(s);
    if (status == STORE_OK)
        status = store_schema_check(s);
    if (status == STORE_OK && readonly)
        status = store_exec(s, "PRAGMA query_only = ON", "open the database");
    if (status == STORE_OK && !readonly)
        wal_preallocate(s);
    s->mark_writes = !readonly;
    if (status != STORE_OK) {
        set_err(err, errlen, "%s", s->err);
        store_close(s);
        if (fresh)
            remove_new_file(file);
        return STORE_ERROR;
    }
    *out = s;
    return STORE_OK;
}

static StoreStatus open_file(const char *file, const char *path, unsigned flags, Store **out,
                             char *err, size_t errlen)
{
    bool readonly = (flags & STORE_OPEN_READONLY) != 0;
    bool fresh = false;    /* we are creating it, so we may delete it on failure */
    bool unmarked = false; /* made before databases had a mark, nothing in its log */
    struct stat st;
    if (stat(file, &st) != 0) {
        if (errno != ENOENT) {
            set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
            return STORE_ERROR;
        }
        if (!(flags & STORE_OPEN_CREATE) || readonly) {
            set_err(err, errlen, "%s does not exist", path);
            return STORE_ERROR;
        }
        fresh = true;
    } else if (!check_file(file, path, flags, &st, &fresh, &unmarked, err, errlen)) {
        return STORE_ERROR;
    }
    /* WAL keeps -wal and -shm files beside the database. */
    if (!readonly && !folder_is_writable(file, path, err, errlen))
        return STORE_ERROR;
    if (fresh && !create_file(file, path, err, errlen)) {
        remove_new_file(file);
        return STORE_ERROR;
    }
    bool immutable = readonly && !fresh && needs_immutable(file);
    if (!fresh && !check_integrity(file, path, immutable, err, errlen))
        return STORE_ERROR;
    /* An older file gets its mark once it passed every check, when no other
     * connection has it open (else at a later open). */
    if (unmarked)
        (void)store_mark_stamp(file, false);
    return open_store(file, path, readonly, fresh, immutable, out, err, errlen);
}

StoreStatus store_open(const char *path, unsigned flags, Store **out, char *err, size_t errlen)
{
    *out = NULL;
    set_err(err, errlen, "no error");
    if (!path || !*path) {
        set_err(err, errlen, "no database file given");
        return STORE_ERROR;
    }
    char *file = resolve_path(path);
    if (!file) {
        set_err(err, errlen, "cannot open %s: out of memory", path);
        return STORE_ERROR;
    }
    StoreStatus status = open_file(file, path, flags, out, err, errlen);
    free(file);
    return status;
}

void store_close(Store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < STORE_CACHE_SIZE; i++) {
        /* A statement still in use was never given back to store_finish: it
         * would have held a read snapshot open all along. */
        assert(!s->cache[i].in_use);
        (void)sqlite3_finalize(s->cache[i].st); /* repeats the last step's result */
    }
    close_db(s->db);
    free(s->path);
    free(s->file);
    free(s);
}

/* ---- settings ---- */

StoreStatus store_setting_get(Store *s, const char *key, char **value)
{
    *value = NULL;
    sqlite3_stmt *st =
        store_cached(s, "SELECT value FROM settings WHERE key = ?1", "read a setting");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, key);
    int rc = store_step(s, st);
    StoreStatus status = STORE_OK;
    if (rc == SQLITE_ROW) {
        *value = strdup(store_col_text(st, 0));
        if (!*value)
            status = store_failf(s, STORE_ERROR, "cannot read a setting: out of memory");
    } else if (rc == SQLITE_DONE) {
        status = STORE_NOT_FOUND;
    } else {
        status = store_fail(s, "read a setting");
    }
    store_finish(s, st);
    return status;
}

StoreStatus store_setting_set(Store *s, const char *key, const char *value)
{
    if (s->readonly)
        return store_failf(s, STORE_ERROR, "cannot save a setting in %s: opened read-only",
                           s->path);
    sqlite3_stmt *st = store_cached(s,
                                    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                    "save a setting");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, key);
    store_bind_text(s, st, 2, value);
    return store_step_done(s, st, "save a setting");
}

StoreStatus store_copy_tag(Store *s, const char *machine, char out[STORE_COPY_TAG_LEN + 1])
{
    /* The computer is kept as a digest of its name: a hardware serial has no
     * business travelling in copies and merges. */
    char here[ID_LEN + 1] = "";
    if (machine && *machine)
        id_derived("copy-tag-machine", machine, here);
    char *v = NULL, *owner = NULL;
    StoreStatus st = store_setting_get(s, "copy_tag", &v);
    if (st == STORE_OK)
        st = store_setting_get(s, "copy_tag_machine", &owner);
    if (st != STORE_OK && st != STORE_NOT_FOUND) {
        free(v);
        free(owner);
        return st;
    }
    bool have = v && strlen(v) == STORE_COPY_TAG_LEN;
    /* A tag made before tags had an owner stays with the computer that asks
     * first; one made elsewhere is that computer's. */
    bool mine = !*here || !owner || !strcmp(owner, here);
    if (have)
        memcpy(out, v, STORE_COPY_TAG_LEN + 1);
    free(v);
    free(owner);
    if (!have || !mine) {
        char id[ID_LEN + 1];
        id_random(id);
        memcpy(out, id, STORE_COPY_TAG_LEN);
        out[STORE_COPY_TAG_LEN] = '\0';
        if (store_setting_set(s, "copy_tag", out) != STORE_OK)
            return STORE_ERROR;
    }
    if (*here && (!have || !mine || !owner))
        return store_setting_set(s, "copy_tag_machine", here);
    return STORE_OK;
}

/* ---- the event ---- */

StoreStatus store_event_get(Store *s, EventIdent *out)
{
    event_ident_set(out, NULL, NULL);
    char *name = NULL, *date = NULL;
    StoreStatus st = store_setting_get(s, KEY_EVENT_NAME, &name);
    /* A name alone is an event whose event.ini gives no date. */
    if (st == STORE_OK)
        st = store_setting_get(s, KEY_EVENT_DATE, &date);
    if (st == STORE_OK || (name && st == STORE_NOT_FOUND)) {
        event_ident_set(out, name, date);
        st = STORE_OK;
    }
    free(name);
    free(date);
    return st;
}

StoreStatus store_event_write(Store *s, const EventIdent *e)
{
    StoreStatus st = store_setting_set(s, KEY_EVENT_NAME, e->name);
    return st == STORE_OK ? store_setting_set(s, KEY_EVENT_DATE, e->date) : st;
}

StoreStatus store_event_set(Store *s, const EventIdent *e)
{
    EventIdent now;
    StoreStatus st = store_event_get(s, &now);
    if (st == STORE_OK && event_ident_same(&now, e))
        return STORE_OK; /* a start of the same event writes nothing */
    if (st != STORE_OK && st != STORE_NOT_FOUND)
        return st;
    st = store_begin(s, "record the event");
    if (st == STORE_OK)
        st = store_event_write(s, e);
    if (st == STORE_OK)
        return store_commit(s, "record the event");
    store_rollback(s);
    return st;
}

/* ---- audit ---- */

/* Inside or outside a transaction; outside, the insert is its own commit. */
StoreStatus store_audit(Store *s, const char *kiosk, int64_t now, const char *action,
                        const char *guest_id, const char *detail)
{
    if (s->readonly)
        return store_failf(s, STORE_ERROR, "cannot write the audit trail in %s: opened read-only",
                           s->path);
    sqlite3_stmt *st = store_cached(s,
                                    "INSERT INTO audit (id, at, kiosk, action, guest_id, detail) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    "write the audit trail");
    if (!st)
        return STORE_ERROR;
    char id[ID_LEN + 1];
    id_random(id);
    store_bind_text(s, st, 1, id);
    store_bind_time(s, st, 2, now);
    store_bind_text(s, st, 3, kiosk);
    store_bind_text(s, st, 4, action);
    store_bind_text(s, st, 5, guest_id);
    store_bind_text(s, st, 6, detail);
    return store_step_done(s, st, "write the audit trail");
}
