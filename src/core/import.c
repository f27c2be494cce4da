/* import.c — what guest and program imports share: the report, decoding the
 * file (BOM, UTF-8, Windows-1252 or MS-DOS code page 850, never mojibake; core/file.h reads it),
 * and finding columns by header name. */
#include "core/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/import_priv.h"
#include "core/text.h"

/* ---- report ---- */

void import_report_init(ImportReport *r, const char *file)
{
    memset(r, 0, sizeof *r);
    r->file = file;
}

void import_report_free(ImportReport *r)
{
    free(r->skips);
    r->skips = NULL;
    r->nskips = 0;
    r->skipped = 0;
}

int import_fail(ImportReport *r, size_t line, const char *fmt, ...)
{
    if (r->error[0])
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->error_line = line;
    return -1;
}

int import_csv_read(const char *utf8, size_t len, CsvRecordFn fn, void *ud, ImportReport *rep)
{
    CsvError err;
    int rc = csv_read(utf8, len, fn, ud, &err);
    if (rc == -1 && !rep->error[0])
        import_fail(rep, err.line, "broken CSV: %s", err.message);
    return rc;
}

int import_add_skip(ImportReport *r, size_t line, const char *fmt, ...)
{
    /* Grow in powers of two: nskips is a power of two exactly when full. */
    if (r->nskips == 0 || (r->nskips >= 16 && (r->nskips & (r->nskips - 1)) == 0)) {
        size_t cap = r->nskips < 16 ? 16 : r->nskips * 2;
        ImportSkip *s = realloc(r->skips, cap * sizeof *s);
        if (!s)
            return import_fail(r, line, "out of memory");
        r->skips = s;
    }
    ImportSkip *s = &r->skips[r->nskips++];
    s->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->reason, sizeof s->reason, fmt, ap);
    va_end(ap);
    r->skipped = r->nskips;
    return 0;
}

void import_report_print(const ImportReport *r, FILE *out)
{
    if (r->file)
        fprintf(out, "%s\n", r->file);
    fprintf(out, "  rows read: %zu\n", r->rows);
    fprintf(out, "  added:     %zu\n", r->added);
    fprintf(out, "  updated:   %zu\n", r->updated);
    fprintf(out, "  unchanged: %zu\n", r->unchanged);
    fprintf(out, "  merged:    %zu\n", r->merged);
    fprintf(out, "  skipped:   %zu\n", r->skipped);
    for (size_t i = 0; i < r->nskips; i++)
        fprintf(out, "  line %zu: %s\n", r->skips[i].line, r->skips[i].reason);
    if (r->encoding_note[0])
        fprintf(out, "  note: %s\n", r->encoding_note);
}

/* ---- decoding ---- */

static size_t line_of_offset(const char *buf, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* UTF-16 without a byte-order mark: in the first bytes, one byte of every pair
 * is NUL (Latin text) and always the same one, which a workbook's or other
 * binary's scattered NULs are not. */
static bool looks_utf16(const unsigned char *u, size_t len)
{
    size_t pairs = (len < 512 ? len : 512) / 2, nul_first = 0, nul_second = 0;
    for (size_t i = 0; i < pairs; i++) {
        nul_first += u[2 * i] == 0;
        nul_second += u[2 * i + 1] == 0;
    }
    return pairs >= 2 && ((nul_second * 2 >= pairs && nul_first == 0) ||
                          (nul_first * 2 >= pairs && nul_second == 0));
}

char *import_decode(const char *buf, size_t len, size_t *out_len, ImportReport *rep)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        import_fail(rep, 0,
                    "the file is UTF-16 text, not CSV in UTF-8; save it again as "
                    "\"CSV UTF-8 (comma delimited)\"");
        return NULL;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul && looks_utf16((const unsigned char *)buf, len)) {
        import_fail(rep, 0,
                    "the file is UTF-16 text (without a byte-order mark), not CSV in UTF-8; "
                    "save it again as \"CSV UTF-8 (comma delimited)\"");
        return NULL;
    }
    if (nul) {
        /* Workbooks (.xlsx, .xls) and other binaries are full of NUL bytes. */
        import_fail(rep, line_of_offset(buf, (size_t)(nul - buf)),
                    "the file holds binary data (is it a spreadsheet workbook rather than "
                    "CSV?); save it as \"CSV UTF-8\"");
        return NULL;
    }
    if (text_is_utf8(buf, len)) {
        char *out = malloc(len + 1);
        if (!out) {
            import_fail(rep, 0, "out of memory");
            return NULL;
        }
        memcpy(out, buf, len);
        out[len] = '\0';
        *out_len = len;
        return out;
    }
    /* Not UTF-8: Windows-1252, or the DOS code page Excel's "CSV (MS-DOS)"
     * writes, whichever reads as names do (text_guess_8bit). */
    TextCodePage page = text_guess_8bit(buf, len);
    size_t bad = 0;
    errno = 0;
    char *out = text_8bit_to_utf8(page, buf, len, out_len, &bad);
    if (!out) {
        if (errno == ENOMEM) {
            import_fail(rep, 0, "out of memory");
        } else {
            import_fail(rep, line_of_offset(buf, bad),
                        "the file is not UTF-8, and byte 0x%02X (byte %zu of the file) is not "
                        "Windows-1252 either; save it as \"CSV UTF-8\" and import again",
                        (unsigned)(unsigned char)buf[bad], bad + 1);
        }
        return NULL;
    }
    snprintf(rep->encoding_note, sizeof rep->encoding_note, "%s",
             page == TEXT_CP850
                 ? "not UTF-8: read as MS-DOS text, code page 850 (Excel's \"CSV (MS-DOS)\"; "
                   "save as \"CSV UTF-8\" to avoid this)"
                 : "not UTF-8: read as Windows-1252 (save as \"CSV UTF-8\" to avoid this)");
    return out;
}

/* ---- header matching ---- */

void import_header_free(ImportHeader *h)
{
    for (size_t i = 0; i < h->count; i++) {
        if (h->folded)
            free(h->folded[i]);
        if (h->original)
            free(h->original[i]);
    }
    free(h->folded);
    free(h->original);
    memset(h, 0, sizeof *h);
}

int import_header_init(ImportHeader *h, const CsvRecord *rec)
{
    memset(h, 0, sizeof *h);
    h->folded = calloc(rec->nfields ? rec->nfields : 1, sizeof *h->folded);
    h->original = calloc(rec->nfields ? rec->nfields : 1, sizeof *h->original);
    if (!h->folded || !h->original) {
        import_header_free(h);
        return -1;
    }
    for (size_t i = 0; i < rec->nfields; i++) {
        h->count = i + 1;
        h->original[i] = text_trim_dup(rec->fields[i]);
        h->folded[i] = h->original[i] ? text_casefold(h->original[i]) : NULL;
        if (!h->folded[i]) {
            import_header_free(h);
            return -1;
        }
    }
    return 0;
}

void import_header_list(const ImportHeader *h, char *out, size_t cap)
{
    const char *const *names = (const char *const *)h->original;
    if (!text_join(out, cap, names, h->count, ", ") && cap > 4) {
        text_join(out, cap - 3, names, h->count, ", ");
        strcat(out, "...");
    }
}

int import_header_check_separator(const ImportHeader *h, ImportReport *r, size_t line)
{
    if (h->count != 1)
        return 0;
    const char *sep = strchr(h->original[0], ';')    ? "';'"
                      : strchr(h->original[0], '\t') ? "tabs"
                                                     : NULL;
    if (!sep)
        return 0;
    return import_fail(r, line,
                       "the columns are separated by %s, not commas; save the sheet as "
                       "\"CSV UTF-8 (comma delimited)\" and import it again",
                       sep);
}

void import_column_find(const ImportHeader *h, const char *const *aliases, ImportColumn *c)
{
    c->n = 0;
    for (const char *const *a = aliases; *a; a++) {
        for (size_t i = 0; i < h->count && c->n < IMPORT_MAX_MATCH; i++) {
            if (strcmp(h->folded[i], *a) != 0)
                continue;
            bool seen = false;
            for (size_t k = 0; k < c->n; k++)
                seen = seen || c->idx[k] == i;
            if (!seen)
                c->idx[c->n++] = i;
        }
    }
}

static bool is_blank(const char *s)
{
    for (; *s; s++) {
        if (!strchr(" \t\r\n\v\f", *s))
            return false;
    }
    return true;
}

const char *import_cell(const CsvRecord *rec, const ImportColumn *c)
{
    for (size_t k = 0; k < c->n; k++) {
        size_t i = c->idx[k];
        if (i < rec->nfields && !is_blank(rec->fields[i]))
            return rec->fields[i];
    }
    return "";
}

bool import_record_is_empty(const CsvRecord *rec)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        if (!is_blank(rec->fields[i]))
            return false;
    }
    return true;
}

bool import_record_overflows(const ImportHeader *h, const CsvRecord *rec, char *why, size_t cap)
{
    size_t used = rec->nfields;
    while (used > h->count && is_blank(rec->fields[used - 1]))
        used--;
    if (used <= h->count)
        return false;
    snprintf(why, cap,
             "%zu cells but the header has %zu columns; a value with a comma needs quotes "
             "(\"Acme, Inc.\")",
             used, h->count);
    return true;
}
