/* visit_import.h — bringing an event's guests.csv and programs.csv into the
 * database (SPEC §2): the same steps for `lanyard import` and for `lanyard run`,
 * which imports the event folder's files whenever they changed.
 *
 * A file's bytes are decoded (UTF-8 or Windows-1252) and parsed first, with
 * nothing touched; then applied in one transaction. A file that fails either
 * step changes nothing. */
#ifndef LANYARD_VISIT_IMPORT_H
#define LANYARD_VISIT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/event_config.h"
#include "core/import.h"
#include "store/store.h"

/* A parsed file, ready to apply. */
typedef struct ImportData {
    ImportKind kind;
    GuestList guests;
    ProgramList programs;
} ImportData;

void visit_import_init(ImportData *d, ImportKind kind);
void visit_import_free(ImportData *d);

/* Decodes and parses a file's bytes. 0, or -1 with rep->error (and
 * rep->error_line when the error has one). */
int visit_import_parse(const char *raw, size_t len, ImportData *d, ImportReport *rep);
/* Applies parsed data in one transaction, filling rep's counts. 0, or -1 with
 * the store's message in rep->error. */
int visit_import_apply(Store *s, const ImportData *d, ImportReport *rep, int64_t now);

/* Imports DIR/programs.csv and DIR/guests.csv, each when its content differs
 * from the last import (missing files are fine). A broken file is said on
 * stderr with its line, kept in the settings for the staff dashboard, and the
 * database keeps what it had. */
void visit_import_event(Store *s, const char *dir, int64_t now);

/* What reading event.ini found (errors and warnings, with their lines), kept
 * in the settings for the staff dashboard: staff at a kiosk never see stderr.
 * Nothing found clears it. */
void visit_note_config(Store *s, const ConfigDiagnostics *diag);

#endif
