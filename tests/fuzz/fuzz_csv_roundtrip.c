/* fuzz_csv_roundtrip.c — the CSV writer (core/csv.h) as the exports use it.
 * The input is records split by 0x1E and fields by 0x1F (or NUL). Written
 * with a BOM and read back, every field is what csv_guard makes of it; and
 * split as a spreadsheet would on ',', on ';' or on TAB, no cell starts a
 * formula. (A record of one empty field is a blank line, which readers skip.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

#define RS '\x1E'
#define US '\x1F'

typedef struct Want {
    char **fields; /* every field of every record, guarded */
    size_t *counts;
    size_t nrecords, at, next;
} Want;

static int check_record(const CsvRecord *rec, void *ud)
{
    Want *w = ud;
    if (w->at >= w->nrecords || rec->nfields != w->counts[w->at])
        abort();
    for (size_t i = 0; i < rec->nfields; i++) {
        if (strcmp(rec->fields[i], w->fields[w->next + i]) != 0)
            abort();
    }
    w->next += rec->nfields;
    w->at++;
    return 0;
}

static int no_formula(const CsvRecord *rec, void *ud)
{
    (void)ud;
    for (size_t i = 0; i < rec->nfields; i++) {
        if (csv_starts_formula(rec->fields[i]))
            abort();
    }
    return 0;
}

/* Writes the records of text (fields already split into NUL-terminated runs). */
static void run(char *text, size_t size)
{
    size_t nfields = 1, nrecords = 1;
    for (size_t i = 0; i < size; i++) {
        nfields += text[i] == RS || text[i] == US || text[i] == '\0';
        nrecords += text[i] == RS;
    }
    Want w = {calloc(nfields, sizeof(char *)), calloc(nrecords, sizeof(size_t)), 0, 0, 0};
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    CsvWriter *cw = f ? csv_writer_create(f, true) : NULL;
    if (!w.fields || !w.counts || !cw)
        abort();
    size_t nf = 0, in_record = 0;
    const char *start = text;
    for (size_t i = 0; i <= size; i++) {
        char c = i < size ? text[i] : RS;
        if (c != RS && c != US && c != '\0')
            continue;
        text[i] = '\0';
        csv_writer_field(cw, start);
        if (!(w.fields[nf++] = csv_guard(start)))
            abort();
        in_record++;
        start = text + i + 1;
        if (c != RS)
            continue;
        csv_writer_end_record(cw);
        bool blank = in_record == 1 && !w.fields[nf - 1][0];
        if (blank)
            free(w.fields[--nf]);
        else
            w.counts[w.nrecords++] = in_record;
        in_record = 0;
    }
    if (csv_writer_destroy(cw) != 0 || fclose(f) != 0)
        abort();

    CsvError err;
    if (csv_read(out, len, check_record, &w, &err) != 0 || w.at != w.nrecords)
        abort();
    if (csv_read(out, len, no_formula, NULL, &err) != 0 ||
        csv_read_sep(out, len, ';', no_formula, NULL, &err) != 0 ||
        csv_read_sep(out, len, '\t', no_formula, NULL, &err) != 0)
        abort();
    for (size_t i = 0; i < nf; i++)
        free(w.fields[i]);
    free(w.fields);
    free(w.counts);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    run(text, size);
    free(text);
    return 0;
}
