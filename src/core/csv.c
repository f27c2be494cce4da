/* csv.c — RFC 4180 reading on libcsv, with the physical line of every record.
 *
 * libcsv does the quoting rules; what it does not know is line numbers. So the
 * buffer is fed one physical line (up to and including its LF) at a time, and
 * the line a record starts on is noted when the parser begins it. libcsv's own
 * space trimming is turned off: RFC 4180 says spaces are part of a field.
 *
 * libcsv runs in strict mode, so text after a closing quote and an unterminated
 * quoted field are errors with a line number. The one strict rule relaxed is a
 * quote in the middle of an unquoted field (37°36'37.8"N): spreadsheets and the
 * csv-spectrum corpus read it as a literal quote, so that one record is read
 * again by a non-strict parser. */
#include "core/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h> /* libcsv (the system header, not core/csv.h) */

typedef struct ReadCtx {
    CsvRecordFn fn;
    void *ud;
    /* Field bytes of the record being read, each NUL-terminated. */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *offs; /* start of each field in buf */
    const char **ptrs;
    size_t nfields, fields_cap;
    size_t line;         /* physical line now being fed */
    size_t record_start; /* line of the record in progress; 0 = none begun */
    size_t record_pos;   /* its byte offset */
    size_t records;      /* records handed to fn so far */
    int stop;            /* non-zero once the callback asked to stop */
    bool nomem;
} ReadCtx;

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void on_field(void *data, size_t len, void *arg)
{
    ReadCtx *c = arg;
    if (c->stop || c->nomem)
        return;
    if (c->nfields == c->fields_cap) {
        size_t cap = c->fields_cap ? c->fields_cap * 2 : 16;
        size_t *offs = realloc(c->offs, cap * sizeof *offs);
        if (!offs) {
            c->nomem = true;
            return;
        }
        c->offs = offs;
        const char **ptrs = realloc(c->ptrs, cap * sizeof *ptrs);
        if (!ptrs) {
            c->nomem = true;
            return;
        }
        c->ptrs = ptrs;
        c->fields_cap = cap;
    }
    if (c->buf_cap - c->buf_len < len + 1) {
        size_t cap = c->buf_cap ? c->buf_cap : 256;
        while (cap - c->buf_len < len + 1)
            cap *= 2;
        char *buf = realloc(c->buf, cap);
        if (!buf) {
            c->nomem = true;
            return;
        }
        c->buf = buf;
        c->buf_cap = cap;
    }
    if (len)
        memcpy(c->buf + c->buf_len, data, len);
    c->buf[c->buf_len + len] = '\0';
    c->offs[c->nfields++] = c->buf_len;
    c->buf_len += len + 1;
}

static void on_record(int term, void *arg)
{
    (void)term;
    ReadCtx *c = arg;
    if (!c->stop && !c->nomem) {
        for (size_t i = 0; i < c->nfields; i++)
            c->ptrs[i] = c->buf + c->offs[i];
        CsvRecord rec = {
            .line = c->record_start ? c->record_start : c->line,
            .nfields = c->nfields,
            .fields = c->ptrs,
        };
        c->records++;
        int rc = c->fn(&rec, c->ud);
        if (rc != 0)
            c->stop = rc;
    }
    c->nfields = 0;
    c->buf_len = 0;
    c->record_start = 0;
}

static bool only_line_ends(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\r' && s[i] != '\n')
            return false;
    }
    return true;
}

static void set_error(CsvError *err, size_t line, const char *fmt, const char *detail)
{
    if (!err)
        return;
    err->line = line;
    snprintf(err->message, sizeof err->message, fmt, line, detail);
}

static void set_nomem(CsvError *err, size_t line)
{
    if (!err)
        return;
    err->line = line;
    snprintf(err->message, sizeof err->message, "cannot read line %zu: %s", line,
             csv_strerror(CSV_ENOMEM));
}

/* Length of the physical line at buf[pos], its LF included. */
static size_t line_length(const char *buf, size_t pos, size_t len)
{
    const char *nl = memchr(buf + pos, '\n', len - pos);
    return nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
}

static int init_parser(struct csv_parser *p, unsigned char options)
{
    if (csv_init(p, options | CSV_APPEND_NULL) != 0)
        return -1;
    csv_set_space_func(p, no_space);
    return 0;
}

static void free_ctx(ReadCtx *c)
{
    free(c->buf);
    free(c->offs);
    free(c->ptrs);
}

/* Reads the one record that starts at *pos (line c->line) with a non-strict
 * parser, leaving *pos and c->line after it. 0, -1 (err set) or fn's value. */
static int read_record_lenient(const char *buf, size_t len, size_t *pos, ReadCtx *c, CsvError *err)
{
    struct csv_parser p;
    size_t start_line = c->line;
    if (init_parser(&p, 0) != 0) {
        set_nomem(err, start_line);
        return -1;
    }
    c->record_start = start_line;
    size_t before = c->records;
    int rc = 0;
    while (*pos < len && c->records == before && !c->stop && !c->nomem) {
        size_t n = line_length(buf, *pos, len);
        if (csv_parse(&p, buf + *pos, n, on_field, on_record, c) != n)
            c->nomem = true; /* the only error a non-strict parser reports */
        *pos += n;
        c->line++;
    }
    /* At the end of the file a line break ends the record, unless a quoted
     * field is still open and swallows it. */
    if (c->records == before && !c->stop && !c->nomem) {
        if (csv_parse(&p, "\n", 1, on_field, on_record, c) != 1)
            c->nomem = true;
        if (c->records == before && !c->stop && !c->nomem) {
            set_error(err, start_line, "unterminated quoted field starting on line %zu%s", "");
            rc = -1;
        }
    }
    if (c->nomem) {
        set_nomem(err, start_line);
        rc = -1;
    } else if (c->stop) {
        rc = c->stop;
    }
    csv_free(&p);
    return rc;
}

int csv_read(const char *buf, size_t len, CsvRecordFn fn, void *ud, CsvError *err)
{
    if (err) {
        err->line = 0;
        err->message[0] = '\0';
    }
    struct csv_parser p;
    if (init_parser(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        set_nomem(err, 0);
        return -1;
    }

    ReadCtx c = {.fn = fn, .ud = ud, .line = 1};
    int rc = 0;
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;

    while (pos < len && rc == 0) {
        size_t n = line_length(buf, pos, len);
        bool started_here = false;
        if (c.record_start == 0) {
            c.record_start = c.line;
            c.record_pos = pos;
            started_here = true;
        }
        size_t used = csv_parse(&p, buf + pos, n, on_field, on_record, &c);
        if (c.nomem) {
            set_nomem(err, c.line);
            rc = -1;
            break;
        }
        if (c.stop) {
            rc = c.stop;
            break;
        }
        if (used != n) {
            int e = csv_error(&p);
            if (e == CSV_EPARSE && buf[pos + used] == '"' && c.record_start != 0) {
                /* A bare quote inside an unquoted field: read this record again,
                 * leniently, then go on strictly with a fresh parser. */
                csv_free(&p);
                c.nfields = 0;
                c.buf_len = 0;
                pos = c.record_pos;
                c.line = c.record_start;
                rc = read_record_lenient(buf, len, &pos, &c, err);
                if (init_parser(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
                    set_nomem(err, c.line);
                    return -1;
                }
                continue;
            }
            /* Count the line breaks inside quotes before the failing byte. */
            size_t at = c.line;
            for (size_t i = 0; i < used; i++)
                at += buf[pos + i] == '\n';
            if (e == CSV_EPARSE)
                set_error(err, at,
                          "text after a closing quote on line %zu, or a quote inside a quoted "
                          "field that is not doubled%s",
                          "");
            else
                set_error(err, at, "cannot read line %zu: %s", csv_strerror(e));
            rc = -1;
            break;
        }
        if (started_here && only_line_ends(buf + pos, n)) {
            /* A blank line begins no record: the next one starts further down. */
            c.record_start = 0;
        }
        pos += n;
        c.line++;
    }
    if (rc == 0) {
        /* No start noted: the record began after a bare CR on the last line. */
        size_t start = c.record_start ? c.record_start : (c.line > 1 ? c.line - 1 : 1);
        if (csv_fini(&p, on_field, on_record, &c) != 0) {
            set_error(err, start, "unterminated quoted field starting on line %zu%s", "");
            rc = -1;
        } else if (c.nomem) {
            set_nomem(err, c.line);
            rc = -1;
        } else if (c.stop) {
            rc = c.stop;
        }
    }
    csv_free(&p);
    free_ctx(&c);
    return rc;
}

int csv_read_sep(const char *buf, size_t len, char sep, CsvRecordFn fn, void *ud, CsvError *err)
{
    if (err) {
        err->line = 0;
        err->message[0] = '\0';
    }
    struct csv_parser p;
    if (init_parser(&p, 0) != 0) {
        set_nomem(err, 0);
        return -1;
    }
    csv_set_delim(&p, (unsigned char)sep);
    ReadCtx c = {.fn = fn, .ud = ud, .line = 1};
    size_t pos = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (pos < len && !c.stop && !c.nomem) {
        size_t n = line_length(buf, pos, len);
        if (c.record_start == 0 && !only_line_ends(buf + pos, n))
            c.record_start = c.line;
        if (csv_parse(&p, buf + pos, n, on_field, on_record, &c) != n)
            c.nomem = true; /* the only error a non-strict parser reports */
        pos += n;
        c.line++;
    }
    if (!c.stop && !c.nomem && csv_fini(&p, on_field, on_record, &c) != 0)
        c.nomem = true;
    int rc = c.stop;
    if (c.nomem) {
        set_nomem(err, c.line);
        rc = -1;
    }
    csv_free(&p);
    free_ctx(&c);
    return rc;
}
