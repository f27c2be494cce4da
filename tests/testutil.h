/* testutil.h — small helpers shared by the test programs: temporary folders,
 * whole-file I/O, and running the lanyard binary as a user would. */
#ifndef LANYARD_TESTUTIL_H
#define LANYARD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* A fresh folder under $TMPDIR (or /tmp), removed by tu_rmtree. Returns malloc'd path. */
char *tu_tempdir(void);
void tu_rmtree(const char *path);

/* malloc'd "a/b" */
char *tu_path(const char *dir, const char *name);

/* Whole file into memory (NUL-terminated; *len excludes the NUL). NULL if unreadable. */
char *tu_read(const char *path, size_t *len);
/* Writes len bytes (len == (size_t)-1: strlen). Fails the test on error. */
void tu_write(const char *path, const char *data, size_t len);

typedef struct TuRun {
    int status; /* exit status, or 128+signal */
    char *out;  /* captured stdout (NUL-terminated, malloc'd) */
    char *err;  /* captured stderr */
} TuRun;

/* Runs argv (argv[0] = program path, NULL-terminated) with optional stdin text,
 * captures stdout/stderr. */
TuRun tu_run(const char *const *argv, const char *stdin_text);
/* Convenience: runs LANYARD_BINARY with the given arguments (NULL-terminated). */
TuRun tu_lanyard(const char *arg, ...);
void tu_run_free(TuRun *r);

/* Path of a file in the repository (LANYARD_SOURCE_DIR/rel), malloc'd. */
char *tu_source(const char *rel);

#endif
