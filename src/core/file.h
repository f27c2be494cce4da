/* file.h — a whole file at once: read into memory (event.ini, the event's
 * CSVs, a --script file) or written from it (exports, badges, event.ini). */
#ifndef LANYARD_CORE_FILE_H
#define LANYARD_CORE_FILE_H

#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

/* The whole file at path, malloc'd, with a '\0' after its len bytes (not
 * counted in *len); NULL with errno set when it cannot be read: EISDIR for a
 * folder, FILE_ENOTREG for anything else that is not a regular file (a FIFO,
 * a device, a socket), which is refused without waiting on it: reading a FIFO
 * nobody writes to would never end. */
char *file_read(const char *path, size_t *len);

/* 0 when path is a regular file; -1 with errno set as file_read's when not
 * (without opening it). For readers other than file_read (an image loader). */
int file_check_regular(const char *path);

/* How file_write writes. */
enum {
    /* Only a new file: fails with EEXIST when path exists. */
    FILE_WRITE_NEW = 1u << 0,
    /* Flushed to the device before file_write returns (a stick pulled
     * afterwards, a power cut). */
    FILE_WRITE_SYNC = 1u << 1,
    /* Written to a temporary file in the same folder, flushed, renamed over
     * path and the folder flushed: whatever happens, path holds the old bytes
     * or the new ones, never part of them. The file gets exactly mode (the
     * umask is not applied: pass the mode of the file being replaced).
     * With FILE_WRITE_NEW, a new file appears whole or not at all, and
     * EEXIST when path exists. */
    FILE_WRITE_ATOMIC = 1u << 2,
};

/* Writes the len bytes of data to path as flags say, a file created with mode
 * (less the umask, except with FILE_WRITE_ATOMIC). 0, or -1 with errno set,
 * and then nothing of this write is left: a new or replaced file that could
 * not be written whole (a full disk, a stick pulled) is removed rather than
 * left cut off under its name; with FILE_WRITE_ATOMIC the old file stays. */
int file_write(const char *path, const void *data, size_t len, mode_t mode, unsigned flags);

/* Flushes a folder's entries to the device (a file created, renamed or
 * removed in it). 0, or -1 with errno set; a file system that cannot flush a
 * folder (EINVAL) keeps no more to flush, and that counts as done. */
int file_sync_dir(const char *dir);

/* The folder path is in, malloc'd ("/event.ini" is in "/", "event.ini" in
 * "."); NULL when out of memory. */
char *file_dir_of(const char *path);

/* Empties a folder the caller made, which holds only plain files (a staging
 * folder, a half-written export), and removes it; what cannot be removed
 * stays. */
void file_remove_dir(const char *dir);

/* errno of file_read for a path that is not a regular file. */
#define FILE_ENOTREG ENODEV

/* strerror(e), in words for FILE_ENOTREG. */
const char *file_strerror(int e);

#endif
