/* badge_url.c — fills the QR link template of SPEC §4. */
#include "badge/badge_url.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* A growable string; ok turns false on the first failed allocation. */
typedef struct Buf {
    char *s;
    size_t len, cap;
    int ok;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (!b->ok)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->ok = 0;
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
        b->ok = 0;
        return;
    }
    buf_add(b, e, strlen(e));
    free(e);
}

char *badge_url_build(const char *qr_template, const char *catalog_url, const char *code,
                      const char *const *programs, size_t nprograms)
{
    if (nprograms == 0 && catalog_url && *catalog_url)
        return strdup(catalog_url);
    Buf b = {NULL, 0, 0, 1};
    buf_add(&b, "", 0);
    const char *t = qr_template ? qr_template : "";
    while (*t) {
        if (!strncmp(t, "{programs}", 10)) {
            for (size_t i = 0; i < nprograms; i++) {
                if (i)
                    buf_add(&b, ",", 1);
                buf_add_encoded(&b, programs[i]);
            }
            t += 10;
        } else if (!strncmp(t, "{code}", 6)) {
            buf_add_encoded(&b, code ? code : "");
            t += 6;
        } else {
            buf_add(&b, t, 1);
            t++;
        }
    }
    if (!b.ok) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
