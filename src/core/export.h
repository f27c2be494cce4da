/* export.h — attendance.csv and followup.csv (SPEC §7).
 *
 * The store hands rows over (store_each_attendance / store_each_followup); this
 * module only decides columns and formatting: RFC 4180, UTF-8, CRLF, optional
 * BOM, formula guard, local times. */
#ifndef LANYARD_EXPORT_H
#define LANYARD_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/csv.h"
#include "core/guest.h"

/* One checked-in guest (the earliest active check-in if several kiosks saw them). */
typedef struct AttendanceRow {
    const Guest *guest;
    int64_t checked_in_at; /* ms UTC */
    const char *kiosk;
    bool badge_printed;
    const char *programs; /* program names, "; "-joined, in catalogue order */
    const char *kinds;    /* partnership kind labels, "; "-joined */
} AttendanceRow;

/* One (guest, program) interest. */
typedef struct FollowupRow {
    const Guest *guest;
    const char *program_code;
    const char *program_name;
    const char *program_contact;
    const char *kinds;     /* the guest's partnership kind labels, "; "-joined */
    int64_t checked_in_at; /* 0 when the guest has not checked in (interest only) */
} FollowupRow;

typedef struct Exporter Exporter;

typedef enum ExportKind { EXPORT_ATTENDANCE, EXPORT_FOLLOWUP } ExportKind;

/* Writes the header row at once. */
Exporter *export_begin(FILE *f, ExportKind kind, bool excel_bom);
void export_attendance_row(Exporter *e, const AttendanceRow *row);
void export_followup_row(Exporter *e, const FollowupRow *row);
/* 0 when everything was written, else an errno value. Frees e. */
int export_end(Exporter *e);

#endif
