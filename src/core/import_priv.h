/* import_priv.h — what import.c shares with import_guests.c and
 * import_programs.c: report bookkeeping and finding columns by header name.
 * Not part of the import interface. */
#ifndef LANYARD_IMPORT_PRIV_H
#define LANYARD_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/csv.h"
#include "core/import.h"

/* Adds a skipped row to the report. 0, or -1 when out of memory (error set). */
int import_add_skip(ImportReport *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets the whole-file error (the first one wins). Always returns -1. */
int import_fail(ImportReport *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* csv_read over an import file; a CSV syntax error that no callback has
 * reported yet becomes the whole-file error "broken CSV: ...". Returns what
 * csv_read returns. */
int import_csv_read(const char *utf8, size_t len, CsvRecordFn fn, void *ud, ImportReport *rep);

/* The header row, trimmed and case-folded once. */
typedef struct ImportHeader {
    size_t count;
    char **folded;   /* folded[i]: cell i trimmed and case-folded */
    char **original; /* original[i]: cell i trimmed, for messages */
} ImportHeader;

int import_header_init(ImportHeader *h, const CsvRecord *rec);
void import_header_free(ImportHeader *h);
/* "First Name, Email, ..." (truncated to fit) for "found headers: ..." messages. */
void import_header_list(const ImportHeader *h, char *out, size_t cap);

/* When the header is one cell holding semicolons or tabs (a spreadsheet saved
 * with another separator), sets the whole-file error saying so and returns -1;
 * otherwise returns 0. */
int import_header_check_separator(const ImportHeader *h, ImportReport *r, size_t line);

#define IMPORT_MAX_MATCH 8

/* The columns that can hold one field, best alias first. */
typedef struct ImportColumn {
    size_t idx[IMPORT_MAX_MATCH];
    size_t n;
} ImportColumn;

/* Finds the columns whose header is one of aliases (lower-case ASCII,
 * NULL-terminated), in the order of the aliases. */
void import_column_find(const ImportHeader *h, const char *const *aliases, ImportColumn *c);

/* The first non-empty cell of rec among c's columns, or "" (not trimmed). */
const char *import_cell(const CsvRecord *rec, const ImportColumn *c);

/* True when every cell of rec is empty or white space. */
bool import_record_is_empty(const CsvRecord *rec);

/* When rec has a filled cell past the header's last column (a comma that lost
 * its quotes shifts every later cell), writes why into why and returns true.
 * Empty trailing cells do not count. */
bool import_record_overflows(const ImportHeader *h, const CsvRecord *rec, char *why, size_t cap);

#endif
