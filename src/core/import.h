/* import.h — reading guest and program spreadsheets into records.
 *
 * Guest CSVs come from Eventbrite, Google Forms/Sheets, pretix or a plain sheet;
 * columns are found by header name (case-insensitive, surrounding spaces ignored,
 * with aliases). Rows that repeat a guest in the same file are merged into one
 * record, by the one "same guest" rule of guest_match.h (same registration
 * code; same email unless the codes or the names say two people; same name and
 * company); rows with no name are skipped with their line number. Nothing here touches the
 * database: store_import_guests() applies the result in one transaction and fills in the
 * added/updated counts. */
#ifndef LANYARD_IMPORT_H
#define LANYARD_IMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/guest.h"

typedef struct ImportSkip {
    size_t line;
    char reason[120];
} ImportSkip;

typedef struct ImportReport {
    const char *file;  /* for messages; not owned */
    size_t rows;       /* data rows read (header excluded) */
    size_t added;      /* new in the database */
    size_t updated;    /* already in the database and changed */
    size_t unchanged;  /* already in the database, same data */
    size_t merged;     /* rows folded into an earlier row of the same file */
    size_t skipped;    /* == nskips */
    ImportSkip *skips; /* malloc'd */
    size_t nskips;
    char encoding_note[160]; /* e.g. "not UTF-8: read as Windows-1252" or "" */
    /* When the import fails as a whole: */
    size_t error_line; /* 0 when the error has no line */
    char error[240];
} ImportReport;

void import_report_init(ImportReport *r, const char *file);
void import_report_free(ImportReport *r);
/* Prints the report the way `lanyard import` shows it. */
void import_report_print(const ImportReport *r, FILE *out);

typedef enum ImportKind { IMPORT_GUESTS, IMPORT_PROGRAMS } ImportKind;

/* Decodes a file's bytes: strips a UTF-8 BOM; if not valid UTF-8, converts from
 * Windows-1252 and notes it in the report, or fails (returns NULL, error set)
 * when the bytes are not Windows-1252 either. Returns malloc'd UTF-8. */
char *import_decode(const char *buf, size_t len, size_t *out_len, ImportReport *rep);

/* Parses a guest CSV (already decoded). Returns 0, or -1 with rep->error set
 * (broken CSV, no name column, ...). out receives one Guest per distinct guest,
 * with id derived from its code, else its email, else its name (ids.h), so
 * kiosks that import the same list agree. */
int import_parse_guests(const char *utf8, size_t len, GuestList *out, ImportReport *rep);

/* Parses programs.csv (header code,name,school,...; only code and name required). */
int import_parse_programs(const char *utf8, size_t len, ProgramList *out, ImportReport *rep);

#endif
