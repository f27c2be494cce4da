/* config_file.c — event.ini on disk (read with core/file.h): replaced whole through a
 * temporary file and a rename, so that a crash or a full disk while staff
 * change a setting leaves the old file or the new one, never half of one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config_internal.h"

int config_write_atomic(const char *dir, const char *path, const char *data, size_t len,
                        mode_t mode)
{
    char tmp[CONFIG_STR + 32];
    snprintf(tmp, sizeof tmp, "%s/.event.ini.XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    size_t off = 0;
    int rc = fchmod(fd, mode);
    while (rc == 0 && off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
        } else {
            off += (size_t)w;
        }
    }
    if (rc == 0)
        rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        errno = e;
        return -1;
    }
    /* Make the rename itself durable; a failure here loses nothing already written. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}
