/* file.h — reading a whole file into memory: event.ini, the event's CSVs,
 * a --script file. */
#ifndef LANYARD_CORE_FILE_H
#define LANYARD_CORE_FILE_H

#include <errno.h>
#include <stddef.h>

/* The whole file at path, malloc'd, with a '\0' after its len bytes (not
 * counted in *len); NULL with errno set when it cannot be read: EISDIR for a
 * folder, FILE_ENOTREG for anything else that is not a regular file (a FIFO,
 * a device, a socket), which is refused without waiting on it: reading a FIFO
 * nobody writes to would never end. */
char *file_read(const char *path, size_t *len);

/* 0 when path is a regular file; -1 with errno set as file_read's when not
 * (without opening it). For readers other than file_read (an image loader). */
int file_check_regular(const char *path);

/* errno of file_read for a path that is not a regular file. */
#define FILE_ENOTREG ENODEV

/* strerror(e), in words for FILE_ENOTREG. */
const char *file_strerror(int e);

#endif
