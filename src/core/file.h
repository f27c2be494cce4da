/* file.h — reading a whole file into memory: event.ini, the event's CSVs,
 * a --script file. */
#ifndef LANYARD_CORE_FILE_H
#define LANYARD_CORE_FILE_H

#include <stddef.h>

/* The whole file at path, malloc'd, with a '\0' after its len bytes (not
 * counted in *len); NULL with errno set when it cannot be read (EISDIR for a
 * folder). */
char *file_read(const char *path, size_t *len);

#endif
