/* csv_write.c — RFC 4180 writing: CRLF, quotes only where needed, optional
 * UTF-8 BOM (so Excel reads accents right), and the formula-injection guard. */
#include "core/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

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

/* ---- the formula guard ----
 *
 * A spreadsheet runs a cell as a formula when it starts with = + - or @, and
 * is not fooled by what comes before: it trims spaces, and no one sees a
 * no-break space, a zero-width space or a BOM; Excel in East Asia also takes
 * the full-width ＝ ＋ － ＠. And a cell does not always start where the field
 * does: Excel in much of Europe and Latin America splits on ';' (the list
 * separator there), some tools on TAB, and a line break inside a quoted field
 * ends the row when the file is split on something else than ','. So every
 * place a cell can start (the field's start, and just after , ; TAB CR or LF
 * inside it) is checked: when its first visible character starts a formula,
 * an apostrophe goes right before that character. '=1+1' and 'Acme;'=cmd...'
 * then read as text under either separator, and the apostrophe is the one
 * spreadsheets themselves use for "this is text". A field that starts with
 * TAB or CR also gets one at its start, as OWASP advises. A phone number such
 * as +1 555 0100 is guarded too: Excel would read it as a sum. */

/* One code point at s (NUL-terminated): its length, 0 at the end, 1 for a
 * byte that is not UTF-8 (*cp = -1). */
static size_t next_cp(const char *s, int32_t *cp)
{
    if (!*s)
        return 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)n;
}

/* Characters a spreadsheet trims or nobody sees: spaces of every kind, format
 * characters (ZWSP, BOM, bidi marks), default-ignorable ones, and the quote
 * that opens a quoted cell when the file is split on another separator. */
static bool invisible(int32_t cp)
{
    if (cp == ' ' || cp == '\v' || cp == '\f' || cp == '"')
        return true;
    if (cp < 0x80)
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CF ||
           utf8proc_get_property(cp)->ignorable;
}

/* = + - @, and what reads as one of them once compatibility forms are folded
 * (full-width ＝ ＋ － ＠, small and superscript forms), and U+2212 MINUS SIGN. */
static bool formula_char(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return cp == '=' || cp == '+' || cp == '-' || cp == '@';
    if (cp == 0x2212)
        return true;
    utf8proc_int32_t d[4];
    int last = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
    return n == 1 && (d[0] == '=' || d[0] == '+' || d[0] == '-' || d[0] == '@' || d[0] == 0x2212);
}

static bool cell_separator(char c)
{
    return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
}

/* Where an apostrophe goes in a cell starting at s: the offset of its first
 * visible character when that starts a formula, else -1. */
static long guard_at(const char *s)
{
    size_t off = 0;
    int32_t cp;
    for (size_t n; (n = next_cp(s + off, &cp)) > 0; off += n) {
        if (!invisible(cp))
            return formula_char(cp) ? (long)off : -1;
    }
    return -1;
}

bool csv_starts_formula(const char *s)
{
    if (!s)
        return false;
    while (*s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return guard_at(s) >= 0;
}

/* Writes s guarded into out (room for 2 * strlen(s) + 2 bytes), or only counts
 * the apostrophes when out is NULL. Returns how many went in. */
static size_t guard_into(const char *s, char *out)
{
    size_t added = 0, o = 0;
    if (s[0] == '\t' || s[0] == '\r') {
        if (out)
            out[o++] = '\'';
        added++;
    }
    bool cell_start = true;
    for (size_t i = 0; s[i];) {
        if (cell_start) {
            cell_start = false;
            long at = guard_at(s + i);
            if (at >= 0) {
                if (out) {
                    memcpy(out + o, s + i, (size_t)at);
                    o += (size_t)at;
                    out[o++] = '\'';
                }
                i += (size_t)at;
                added++;
                continue;
            }
        }
        if (out)
            out[o++] = s[i];
        cell_start = cell_separator(s[i]);
        i++;
    }
    if (out)
        out[o] = '\0';
    return added;
}

bool csv_needs_formula_guard(const char *s)
{
    return s && guard_into(s, NULL) > 0;
}

char *csv_guard(const char *s)
{
    if (!s)
        s = "";
    char *out = malloc(2 * strlen(s) + 2);
    if (out)
        guard_into(s, out);
    return out;
}

void csv_writer_field(CsvWriter *w, const char *s)
{
    if (!s)
        s = "";
    if (!w->at_record_start)
        put(w, ",", 1);
    w->at_record_start = false;

    char *guarded = NULL;
    if (csv_needs_formula_guard(s)) {
        guarded = csv_guard(s);
        if (!guarded) {
            if (!w->err)
                w->err = ENOMEM;
            return;
        }
        s = guarded;
    }
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        put(w, "\"", 1);
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
    free(guarded);
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
