/* export.c — the columns of attendance.csv and followup.csv (SPEC §7).
 *
 * Quoting, CRLF, the BOM and the formula guard are the CSV writer's job; this
 * file decides which fields go out, in which order and how they read: local
 * times, Yes/No, and no contact details in followup.csv for a guest who did not
 * agree to be contacted. */
#include "core/export.h"

#include <errno.h>
#include <stdlib.h>

#include "core/timefmt.h"

struct Exporter {
    FILE *f;
    CsvWriter *w;
    ExportKind kind;
};

static const char *const ATTENDANCE_COLUMNS[] = {
    "Checked in",
    "First name",
    "Last name",
    "Company",
    "Job title",
    "Email",
    "Phone",
    "Registration code",
    "Type",
    "Kiosk",
    "Badge printed",
    "Programs of interest",
    "Partnership kinds",
    "Consent",
};

static const char *const FOLLOWUP_COLUMNS[] = {
    "Program code", "Program",           "Program contact", "First name", "Last name", "Company",
    "Job title",    "Partnership kinds", "Consent",         "Email",      "Phone",     "Checked in",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

Exporter *export_begin(FILE *f, ExportKind kind, bool excel_bom)
{
    Exporter *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->f = f;
    e->kind = kind;
    e->w = csv_writer_create(f, excel_bom);
    if (!e->w) {
        free(e);
        return NULL;
    }
    const char *const *cols = kind == EXPORT_ATTENDANCE ? ATTENDANCE_COLUMNS : FOLLOWUP_COLUMNS;
    size_t n = kind == EXPORT_ATTENDANCE ? COUNT(ATTENDANCE_COLUMNS) : COUNT(FOLLOWUP_COLUMNS);
    for (size_t i = 0; i < n; i++)
        csv_writer_field(e->w, cols[i]);
    csv_writer_end_record(e->w);
    return e;
}

static const char *yes_no(bool b)
{
    return b ? "Yes" : "No";
}

/* Writes a time as local time, or an empty field for 0 (never checked in). */
static void field_time(CsvWriter *w, int64_t ms)
{
    if (ms == 0) {
        csv_writer_field(w, "");
        return;
    }
    char buf[32];
    time_format_local(ms, buf);
    csv_writer_field(w, buf);
}

void export_attendance_row(Exporter *e, const AttendanceRow *row)
{
    const Guest *g = row->guest;
    CsvWriter *w = e->w;
    field_time(w, row->checked_in_at);
    csv_writer_field(w, g->first);
    csv_writer_field(w, g->last);
    csv_writer_field(w, g->company);
    csv_writer_field(w, g->title);
    csv_writer_field(w, g->email);
    csv_writer_field(w, g->phone);
    csv_writer_field(w, g->code);
    csv_writer_field(w, g->walk_in ? "Walk-in" : "Pre-registered");
    csv_writer_field(w, row->kiosk);
    csv_writer_field(w, yes_no(row->badge_printed));
    csv_writer_field(w, row->programs);
    csv_writer_field(w, row->kinds);
    csv_writer_field(w, yes_no(g->consent));
    csv_writer_end_record(w);
}

void export_followup_row(Exporter *e, const FollowupRow *row)
{
    const Guest *g = row->guest;
    CsvWriter *w = e->w;
    csv_writer_field(w, row->program_code);
    csv_writer_field(w, row->program_name);
    csv_writer_field(w, row->program_contact);
    csv_writer_field(w, g->first);
    csv_writer_field(w, g->last);
    csv_writer_field(w, g->company);
    csv_writer_field(w, g->title);
    csv_writer_field(w, row->kinds);
    csv_writer_field(w, yes_no(g->consent));
    /* Contact details only with consent: this list is handed to teachers. */
    csv_writer_field(w, g->consent ? g->email : "");
    csv_writer_field(w, g->consent ? g->phone : "");
    field_time(w, row->checked_in_at);
    csv_writer_end_record(w);
}

int export_end(Exporter *e)
{
    int rc = csv_writer_destroy(e->w);
    if (fflush(e->f) != 0 && rc == 0)
        rc = errno ? errno : EIO;
    if (rc == 0 && ferror(e->f))
        rc = EIO;
    free(e);
    return rc;
}
