/* search_words.c — the search keys of text: folded (text_fold) with the
 * Latin letters that have no decomposition mapped to what people type instead,
 * and cut into words, so that a guest's names and a query's words are cut
 * alike. Spaces separate words, punctuation splits one ("garcia-lopez" is found
 * by "lopez"), and each ideograph is a word of its own. */
#include "core/search.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/search_internal.h"
#include "core/text.h"

/* ---- cutting folded text into words ---- */

/* CH_IDEO: a character of a script written without spaces between names
 * (search_is_ideographic), which is a word of its own: "王芳" is found as 王 and
 * 芳 whichever name field holds which. */
typedef enum CharClass { CH_WORD, CH_SPACE, CH_PUNCT, CH_IDEO } CharClass;

bool search_is_ideographic(utf8proc_int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified ideographs */
           (cp >= 0xAC00 && cp <= 0xD7AF) || /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compatibility ideographs */
           (cp >= 0x20000 && cp <= 0x3134F); /* CJK extensions B-G */
}

static CharClass char_class(utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
            return CH_WORD;
        if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp < 0x20 || cp == 0x7F)
            return CH_SPACE;
        return CH_PUNCT;
    }
    if (search_is_ideographic(cp))
        return CH_IDEO;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CH_WORD;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return CH_SPACE;
    default:
        return CH_PUNCT;
    }
}

/* Cuts folded text into words. Space separates tokens; punctuation splits a token
 * into pieces ("garcia-lopez" -> "garcia", "lopez"). A token of several pieces is
 * also reported joined ("obrien" for "o'brien") when join is set, so a guest is
 * found whether or not the punctuation is typed. Returns -1 if fn stopped. */
int search_words_each(const char *s, bool join, SearchWordFn fn, void *ud)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = strlen(s);
    char joined[256];
    size_t jlen = 0, pieces = 0;
    bool joined_fits = true;
    size_t i = 0;
    size_t piece_start = 0;
    bool in_piece = false;
    while (i <= n) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t len = 1;
        CharClass cls = CH_SPACE; /* the terminating NUL ends everything */
        if (i < n) {
            len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
            if (len <= 0) {
                len = 1; /* a stray byte is part of a word rather than lost */
                cls = CH_WORD;
            } else {
                cls = char_class(cp);
            }
        }
        if (cls == CH_WORD && !in_piece) {
            in_piece = true;
            piece_start = i;
        } else if (cls != CH_WORD && in_piece) {
            size_t plen = i - piece_start;
            if (fn(s + piece_start, plen, ud) != 0)
                return -1;
            pieces++;
            if (jlen + plen < sizeof joined) {
                memcpy(joined + jlen, s + piece_start, plen);
                jlen += plen;
            } else {
                joined_fits = false;
            }
            in_piece = false;
        }
        if (cls == CH_IDEO) { /* a piece of one character */
            if (fn(s + i, (size_t)len, ud) != 0)
                return -1;
            pieces++;
            if (jlen + (size_t)len < sizeof joined) {
                memcpy(joined + jlen, s + i, (size_t)len);
                jlen += (size_t)len;
            } else {
                joined_fits = false;
            }
        }
        if (cls == CH_SPACE) {
            if (join && pieces > 1 && joined_fits && fn(joined, jlen, ud) != 0)
                return -1;
            jlen = 0;
            pieces = 0;
            joined_fits = true;
        }
        i += (size_t)len;
    }
    return 0;
}

/* ---- folding ---- */

/* Latin letters that Unicode does not decompose, so stripping accents leaves
 * them alone; people without them on their keyboard type the base letter. */
static const struct {
    char from[3];
    char to[3];
} STROKE_LETTERS[] = {
    {"\xC5\x82", "l"},  /* ł */
    {"\xC3\xB8", "o"},  /* ø */
    {"\xC4\x91", "d"},  /* đ */
    {"\xC3\xB0", "d"},  /* ð */
    {"\xC4\xA7", "h"},  /* ħ */
    {"\xC5\xA7", "t"},  /* ŧ */
    {"\xC4\xB1", "i"},  /* dotless ı */
    {"\xC3\xA6", "ae"}, /* æ */
    {"\xC5\x93", "oe"}, /* œ */
    {"\xC3\xBE", "th"}, /* þ */
};

char *search_fold(const char *s)
{
    char *f = text_fold(s ? s : "");
    if (!f)
        return NULL;
    /* Every replacement is at most as long as what it replaces: done in place. */
    char *w = f;
    for (const char *r = f; *r;) {
        size_t i = 0, n = sizeof STROKE_LETTERS / sizeof STROKE_LETTERS[0];
        for (; i < n; i++) {
            if (r[0] == STROKE_LETTERS[i].from[0] && r[1] == STROKE_LETTERS[i].from[1])
                break;
        }
        if (i < n) {
            size_t len = strlen(STROKE_LETTERS[i].to);
            memcpy(w, STROKE_LETTERS[i].to, len);
            w += len;
            r += 2;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return f;
}
