/* csv_write.c — RFC 4180 writing: CRLF, quotes only where needed, optional
 * UTF-8 BOM (so Excel reads accents right), and the formula-injection guard. */
#include "core/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct CsvWriter {
    FILE *f;
    bool at_record_start;
    int err; /* errno of the first failed write, 0 while all went well */
};

static void put(CsvWriter *w, const char *s, size_t n)
{
    if (w->err || n == 0)
        return;
    if (fwrite(s, 1, n, w->f) != n)
        w->err = errno ? errno : EIO;
}

CsvWriter *csv_writer_create(FILE *f, bool bom)
{
    CsvWriter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->f = f;
    w->at_record_start = true;
    if (bom)
        put(w, "\xEF\xBB\xBF", 3);
    return w;
}

bool csv_needs_formula_guard(const char *s)
{
    /* Spreadsheets treat these leading characters as the start of a formula
     * (TAB and CR because some strip them and then see what follows). */
    return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csv_writer_field(CsvWriter *w, const char *s)
{
    if (!s)
        s = "";
    if (!w->at_record_start)
        put(w, ",", 1);
    w->at_record_start = false;

    bool guard = csv_needs_formula_guard(s);
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        put(w, "\"", 1);
    if (guard)
        put(w, "'", 1);
    const char *p = s;
    while (*p) {
        const char *q = strchr(p, '"');
        if (!q) {
            put(w, p, strlen(p));
            break;
        }
        put(w, p, (size_t)(q - p) + 1);
        put(w, "\"", 1); /* a quote inside a field is doubled */
        p = q + 1;
    }
    if (quote)
        put(w, "\"", 1);
}

void csv_writer_end_record(CsvWriter *w)
{
    put(w, "\r\n", 2);
    w->at_record_start = true;
}

int csv_writer_destroy(CsvWriter *w)
{
    if (!w)
        return 0;
    if (!w->err && fflush(w->f) != 0)
        w->err = errno ? errno : EIO;
    if (!w->err && ferror(w->f))
        w->err = EIO;
    int err = w->err;
    free(w);
    return err;
}
