/* csv.h — RFC 4180 reading (on libcsv) and writing.
 *
 * Reading takes a whole file in memory (guest lists are small next to RAM) and
 * calls back once per record with the physical line the record starts on, so
 * error messages can name it. Quoted fields may hold commas, quotes, CR and LF;
 * records end with LF or CRLF; a UTF-8 BOM is skipped; blank lines are skipped.
 *
 * Writing produces RFC 4180 with CRLF and quotes only where needed, and guards
 * against spreadsheet formula injection (csv_guard): no cell a spreadsheet makes
 * of the file, split on ',' or on ';', starts a formula. */
#ifndef LANYARD_CSV_H
#define LANYARD_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One record: fields[i] is NUL-terminated (may contain NUL-free arbitrary UTF-8). */
typedef struct CsvRecord {
    size_t line; /* 1-based physical line where the record starts */
    size_t nfields;
    const char *const *fields;
} CsvRecord;

/* Return 0 to continue, non-zero to stop parsing (csv_read then returns that value). */
typedef int (*CsvRecordFn)(const CsvRecord *rec, void *ud);

typedef struct CsvError {
    size_t line; /* where parsing failed, 0 if not applicable */
    char message[160];
} CsvError;

/* Parses buf[0..len). (Not named csv_parse: libcsv exports that symbol.)
 * Returns 0 on success, -1 on a malformed file (err filled:
 * "unterminated quoted field starting on line 7", ...), or the callback's
 * non-zero value. */
int csv_read(const char *buf, size_t len, CsvRecordFn fn, void *ud, CsvError *err);

/* Reads buf as a spreadsheet set to another list separator would (Excel in
 * much of Europe and Latin America splits on ';'): fields end at sep, a quote
 * opens a quoted field only at a field's start, and nothing is an error. What
 * tests and the fuzzers use to see the cells an export becomes there. 0, -1
 * out of memory (err set), or the callback's non-zero value. */
int csv_read_sep(const char *buf, size_t len, char sep, CsvRecordFn fn, void *ud, CsvError *err);

/* ---- writing ---- */

typedef struct CsvWriter CsvWriter;

/* Writes to f (not closed by csv_writer_destroy). bom: write a UTF-8 BOM first. */
CsvWriter *csv_writer_create(FILE *f, bool bom);
void csv_writer_field(CsvWriter *w, const char *s); /* NULL writes an empty field */
void csv_writer_end_record(CsvWriter *w);
/* 0 when every write so far succeeded, else errno of the first failure. */
int csv_writer_destroy(CsvWriter *w);

/* The text a field is written as, before quoting: s with an apostrophe before
 * each formula start (= + - @, their full-width forms, U+2212) that begins a
 * cell once spaces and invisible characters are trimmed, where a cell begins
 * at the field's start or after , ; TAB CR or LF inside it; and one at the
 * start of a field that starts with TAB or CR. Malloc'd; NULL when out of
 * memory. See csv_write.c for why. */
char *csv_guard(const char *s);
/* Whether csv_guard changes s. */
bool csv_needs_formula_guard(const char *s);
/* Whether a cell read back would start a formula in a spreadsheet: its first
 * character that is not TAB, CR, LF, a space or invisible starts a formula. */
bool csv_starts_formula(const char *s);

#endif
