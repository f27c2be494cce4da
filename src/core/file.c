/* file.c — a whole file read into memory or written from it. */
#include "core/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads fd to its end; NULL with errno set. */
static char *read_all(int fd, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return NULL;
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        errno = FILE_ENOTREG;
        return NULL;
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    size_t n = 0;
    for (;;) {
        if (n + 1 >= cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            errno = e;
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *file_read(const char *path, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO would otherwise wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    char *buf = read_all(fd, len);
    int e = errno;
    close(fd);
    errno = e;
    return buf;
}

const char *file_strerror(int e)
{
    if (e == FILE_ENOTREG)
        return "not a regular file (a pipe, a device or a socket)";
    return strerror(e);
}

int file_check_regular(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : FILE_ENOTREG;
        return -1;
    }
    return 0;
}

/* Writes all of data to fd; 0, or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes data to fd (flushed when sync), then closes fd. 0, or -1 with errno
 * set; fd is closed either way. */
static int write_close(int fd, const void *data, size_t len, bool sync)
{
    int rc = write_all(fd, data, len);
    if (rc == 0 && sync)
        rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    errno = e;
    return rc;
}

int file_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

char *file_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (dir)
        snprintf(dir, n + 1, "%.*s", (int)n, path);
    return dir;
}

/* Puts the written temporary file tmp under path: renamed over it, or with
 * only_new linked to a name that must not exist (EEXIST when it does). A
 * file system without links (a FAT stick) gets the name checked first and
 * then the rename: new unless someone makes the name meanwhile. */
static int place(const char *tmp, const char *path, bool only_new)
{
    if (!only_new)
        return rename(tmp, path);
    if (link(tmp, path) == 0) {
        (void)unlink(tmp); /* the file is in place under its name either way */
        return 0;
    }
    if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOSYS)
        return -1;
    struct stat st;
    if (lstat(path, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(tmp, path);
}

/* Writes data to a temporary file beside path, flushed, then puts it under
 * path (place). */
static int write_atomic(const char *path, const void *data, size_t len, mode_t mode, bool only_new)
{
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(tmp, n, "%.*s.%s.XXXXXX", dir_len, path, path + dir_len); /* dir/.name.XXXXXX */
    int fd = mkstemp(tmp), rc = -1;
    if (fd >= 0) {
        rc = fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 ? fchmod(fd, mode) : -1;
        if (rc != 0) {
            int e = errno;
            close(fd);
            errno = e;
        } else {
            rc = write_close(fd, data, len, true);
        }
        if (rc == 0)
            rc = place(tmp, path, only_new);
        if (rc != 0) {
            int e = errno;
            unlink(tmp);
            errno = e;
        }
    }
    free(tmp);
    return rc;
}

/* Writes data to path, new or truncated; removes what it wrote on failure. */
static int write_plain(const char *path, const void *data, size_t len, mode_t mode, unsigned flags)
{
    int oflags = O_WRONLY | O_CREAT | O_CLOEXEC | (flags & FILE_WRITE_NEW ? O_EXCL : O_TRUNC);
    int fd = open(path, oflags, mode);
    if (fd < 0)
        return -1;
    /* Only a file's name is taken away: never a device's or a pipe's. */
    struct stat st;
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (write_close(fd, data, len, flags & FILE_WRITE_SYNC) != 0) {
        int e = errno;
        if (regular)
            unlink(path);
        errno = e;
        return -1;
    }
    return 0;
}

int file_write(const char *path, const void *data, size_t len, mode_t mode, unsigned flags)
{
    int rc = flags & FILE_WRITE_ATOMIC ? write_atomic(path, data, len, mode, flags & FILE_WRITE_NEW)
                                       : write_plain(path, data, len, mode, flags);
    /* The file's name in its folder too, for a flushed write. Once the bytes
     * are in place a folder that cannot be flushed loses nothing of them, so
     * that is not this write's failure. */
    if (rc == 0 && flags & (FILE_WRITE_SYNC | FILE_WRITE_ATOMIC)) {
        char *dir = file_dir_of(path);
        if (dir)
            (void)file_sync_dir(dir);
        free(dir);
    }
    return rc;
}

void file_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *path = malloc(strlen(dir) + strlen(e->d_name) + 2);
            if (!path)
                continue;
            sprintf(path, "%s/%s", dir, e->d_name);
            unlink(path);
            free(path);
        }
        closedir(d);
    }
    rmdir(dir);
}
