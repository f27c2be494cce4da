/* link.c — fills the QR link template of SPEC §4, and reads a scanned link
 * back by matching it against the same template. */
#include "core/link.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"

#define PROGRAMS "{programs}"
#define CODE "{code}"
#define PROGRAMS_LEN (sizeof PROGRAMS - 1)
#define CODE_LEN (sizeof CODE - 1)

/* ---- building ---- */

/* A growable string; ok turns false on the first failed allocation. */
typedef struct Buf {
    char *s;
    size_t len, cap;
    bool ok;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (!b->ok)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->ok = false;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_add_encoded(Buf *b, const char *s)
{
    char *e = text_url_encode(s);
    if (!e) {
        b->ok = false;
        return;
    }
    buf_add(b, e, strlen(e));
    free(e);
}

static char *buf_take(Buf *b)
{
    if (!b->ok) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

/* The template the link is made from: tpl itself when it has {code}, else tpl
 * with guest={code} added to its query, before any #fragment. */
static char *with_code(const char *tpl)
{
    if (strstr(tpl, CODE))
        return strdup(tpl);
    size_t end = strcspn(tpl, "#");
    const char *q = memchr(tpl, '?', end);
    const char *param = "?guest=" CODE;
    if (q)
        param = end > 0 && (tpl[end - 1] == '?' || tpl[end - 1] == '&') ? "guest=" CODE
                                                                        : "&guest=" CODE;
    Buf b = {NULL, 0, 0, true};
    buf_add(&b, tpl, end);
    buf_add(&b, param, strlen(param));
    buf_add(&b, tpl + end, strlen(tpl + end));
    return buf_take(&b);
}

static char *fill(const char *tpl, const char *code, const char *const *programs, size_t nprograms)
{
    Buf b = {NULL, 0, 0, true};
    buf_add(&b, "", 0);
    for (const char *t = tpl; *t;) {
        if (!strncmp(t, PROGRAMS, PROGRAMS_LEN)) {
            for (size_t i = 0; i < nprograms; i++) {
                if (i)
                    buf_add(&b, ",", 1);
                buf_add_encoded(&b, programs[i]);
            }
            t += PROGRAMS_LEN;
        } else if (!strncmp(t, CODE, CODE_LEN)) {
            buf_add_encoded(&b, code ? code : "");
            t += CODE_LEN;
        } else {
            buf_add(&b, t, 1);
            t++;
        }
    }
    return buf_take(&b);
}

/* The template a guest's link is made from (before with_code). */
static const char *pick(const char *qr_template, const char *catalog_url, size_t nprograms)
{
    if (nprograms == 0 && catalog_url && *catalog_url)
        return catalog_url;
    return qr_template ? qr_template : "";
}

char *link_build(const char *qr_template, const char *catalog_url, const char *code,
                 const char *const *programs, size_t nprograms)
{
    char *tpl = with_code(pick(qr_template, catalog_url, nprograms));
    if (!tpl)
        return NULL;
    char *url = fill(tpl, code, programs, nprograms);
    free(tpl);
    return url;
}

/* ---- reading a scanned link back ---- */

/* The code's place in the scanned text; p NULL until a {code} matched. */
typedef struct Span {
    const char *p;
    size_t n;
} Span;

/* What link_build can put in for a placeholder: URL-encoded text, and for
 * {programs} the commas between codes. */
static bool value_char(char c, bool list)
{
    return text_url_unreserved(c) || c == '%' || (list && c == ',');
}

/* How many placeholder splits one scanned text may try. A template with one
 * {programs} and one {code} needs a few per character; one with a dozen
 * placeholders in a row would need exponentially many, and the scanner is
 * anyone's: past this, the text is not taken for a link of this event. */
#define MATCH_BUDGET 100000

/* Whether s is tpl with its placeholders filled; *code gets the {code}'s
 * text. A placeholder that appears twice must have the same text both times.
 * *budget counts the splits tried; none is tried once it is spent. */
static bool match(const char *t, const char *s, Span *code, long *budget)
{
    while (*t) {
        bool list = !strncmp(t, PROGRAMS, PROGRAMS_LEN);
        if (list || !strncmp(t, CODE, CODE_LEN)) {
            const char *rest = t + (list ? PROGRAMS_LEN : CODE_LEN);
            size_t max = 0;
            while (value_char(s[max], list))
                max++;
            for (size_t n = max + 1; n-- > 0;) {
                if (--*budget < 0)
                    return false;
                if (list) {
                    if (match(rest, s + n, code, budget))
                        return true;
                    continue;
                }
                if (code->p && (code->n != n || memcmp(code->p, s, n) != 0))
                    continue;
                Span before = *code;
                *code = (Span){s, n};
                if (match(rest, s + n, code, budget))
                    return true;
                *code = before;
            }
            return false;
        }
        if (*t != *s)
            return false;
        t++;
        s++;
    }
    return *s == '\0';
}

/* The percent-decoded code: 1 with *out, 0 when it is empty or not what
 * text_url_encode makes (a stray '%'), -1 out of memory. */
static int decode(Span sp, char **out)
{
    return sp.n == 0 ? 0 : text_url_decode(sp.p, sp.n, out);
}

/* 1 with *code when s is a link made from tpl, 0 when not, -1 out of memory. */
static int from_template(const char *tpl, const char *s, char **code)
{
    char *full = with_code(tpl);
    if (!full)
        return -1;
    Span sp = {NULL, 0};
    long budget = MATCH_BUDGET;
    int rc = match(full, s, &sp, &budget) ? decode(sp, code) : 0;
    free(full);
    return rc;
}

/* A URL (scheme://...) or a web address, rather than a code. */
static bool looks_like_link(const char *s)
{
    const char *p = s;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    if (p > s && !strncmp(p, "://", 3))
        return true;
    return !strncmp(s, "www.", 4) || !strncmp(s, "WWW.", 4);
}

int link_code(const char *qr_template, const char *catalog_url, const char *scanned, char **code)
{
    *code = NULL;
    char *s = text_trim_dup(scanned);
    if (!s)
        return -1;
    int rc = from_template(qr_template ? qr_template : "", s, code);
    if (rc == 0 && catalog_url && *catalog_url)
        rc = from_template(catalog_url, s, code);
    if (rc == 0 && *s && !looks_like_link(s)) {
        *code = s;
        return 1;
    }
    free(s);
    return rc;
}

/* ---- the printed form ---- */

const char *link_short(const char *url)
{
    static const char *const SCHEMES[] = {"https://", "http://"};
    for (size_t i = 0; i < sizeof SCHEMES / sizeof SCHEMES[0]; i++) {
        size_t n = strlen(SCHEMES[i]);
        if (!strncasecmp(url, SCHEMES[i], n))
            return url + n;
    }
    return url;
}
