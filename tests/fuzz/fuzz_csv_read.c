/* fuzz_csv_read.c — the CSV reader (core/csv.h) on any bytes, as a guest list
 * from a stranger's spreadsheet would reach it: it parses or fails with a line
 * and a message, and hands over records whose lines only go forward. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

typedef struct Seen {
    size_t records;
    size_t last_line;
} Seen;

static int on_record(const CsvRecord *rec, void *ud)
{
    Seen *s = ud;
    if (rec->line < 1 || rec->line < s->last_line || rec->nfields == 0)
        abort();
    size_t bytes = 0;
    for (size_t i = 0; i < rec->nfields; i++)
        bytes += strlen(rec->fields[i]); /* every field is a terminated string */
    (void)bytes;
    s->last_line = rec->line;
    s->records++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    Seen seen = {0, 0};
    CsvError err;
    int rc = csv_read(buf, size, on_record, &seen, &err);
    if (rc != 0 && (rc != -1 || !err.message[0] || err.line < 1))
        abort();

    /* Split as a spreadsheet set to ';' would: never an error. */
    Seen loose = {0, 0};
    if (csv_read_sep(buf, size, ';', on_record, &loose, &err) != 0)
        abort();
    return 0;
}
