/* name.c — the order a name is written in, from its letters' scripts (see
 * name.h). */
#include "core/name.h"

#include <hb.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text.h"

/* What the letters of a name are written in. */
typedef struct Letters {
    int cjk;    /* Han, Hiragana, Katakana or Hangul letters */
    int hangul; /* of which Hangul */
    int other;  /* letters of any other script, or bytes that are not UTF-8 */
} Letters;

static void count_letters(const char *s, Letters *l)
{
    hb_unicode_funcs_t *ucd = hb_unicode_funcs_get_default();
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            l->other++;
            return;
        }
        p += n;
        left -= n;
        switch (hb_unicode_script(ucd, (hb_codepoint_t)cp)) {
        case HB_SCRIPT_COMMON:
        case HB_SCRIPT_INHERITED:
        case HB_SCRIPT_UNKNOWN:
            break; /* spaces, punctuation, digits, marks: no script of their own */
        case HB_SCRIPT_HANGUL:
            l->hangul++;
            l->cjk++;
            break;
        case HB_SCRIPT_HAN:
        case HB_SCRIPT_HIRAGANA:
        case HB_SCRIPT_KATAKANA:
            l->cjk++;
            break;
        default:
            l->other++;
            break;
        }
    }
}

static Letters letters_of(const char *first, const char *last)
{
    Letters l = {0, 0, 0};
    count_letters(first, &l);
    count_letters(last, &l);
    return l;
}

NameOrder name_order(const char *first, const char *last)
{
    Letters l = letters_of(first, last);
    return l.cjk > 0 && l.other == 0 ? NAME_FAMILY_FIRST : NAME_GIVEN_FIRST;
}

/* The parts of the whole name in the order they are written, and what goes
 * between them. */
typedef struct FullName {
    const char *parts[2];
    const char *sep;
} FullName;

static FullName full_name(const char *first, const char *last)
{
    first = first ? first : "";
    last = last ? last : "";
    Letters l = letters_of(first, last);
    bool family_first = l.cjk > 0 && l.other == 0;
    FullName f = {{family_first ? last : first, family_first ? first : last}, ""};
    /* Chinese and Japanese names are written with nothing between them. */
    if (*first && *last && !(family_first && l.hangul == 0))
        f.sep = " ";
    return f;
}

char *name_full(const char *first, const char *last)
{
    FullName f = full_name(first, last);
    size_t n = strlen(f.parts[0]) + strlen(f.sep) + strlen(f.parts[1]) + 1;
    char *out = malloc(n);
    if (!out)
        return NULL;
    text_join(out, n, f.parts, 2, f.sep);
    return out;
}

void name_full_into(char *out, size_t n, const char *first, const char *last)
{
    FullName f = full_name(first, last);
    text_join(out, n, f.parts, 2, f.sep);
}
