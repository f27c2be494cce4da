/* text.c — UTF-8 validation, Windows-1252 and DOS code page 850 conversion, search folding
 * (utf8proc), URL encoding and grapheme helpers. No locale is consulted: results must not depend on
 * the machine the kiosk runs on. */
#include "core/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), 0 if malformed.
 * Rejects overlongs, surrogates and code points above U+10FFFF (RFC 3629). */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0; /* continuation byte or overlong 2-byte lead */
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

bool text_is_utf8(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_seq_len(s + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* Code points of bytes 0x80..0x9F in Windows-1252; 0 marks the five undefined ones. */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Code points of bytes 0x80..0xFF in IBM code page 850 (MS-DOS Latin 1, which
 * Excel's "CSV (MS-DOS)" writes on Western European and American systems;
 * code page 437 has its small accented letters and Ñ, Ä, Å, Ç, É, Ö, Ü at the
 * same places, not its other capitals). */
static const uint16_t CP850_HIGH[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557,
    0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB,
    0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9,
    0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

/* The code point of byte c in the code page, 0 when it has none. */
static uint32_t code_point(TextCodePage page, unsigned char c)
{
    if (c < 0x80)
        return c;
    if (page == TEXT_CP850)
        return CP850_HIGH[c - 0x80];
    return c <= 0x9F ? CP1252_HIGH[c - 0x80] : c;
}

char *text_8bit_to_utf8(TextCodePage page, const char *buf, size_t len, size_t *out_len,
                        size_t *bad_offset)
{
    /* Every byte becomes at most 3 UTF-8 bytes. */
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    unsigned char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t cp = code_point(page, (unsigned char)buf[i]);
        if (cp == 0 && buf[i] != 0) {
            if (bad_offset)
                *bad_offset = i;
            free(out);
            return NULL;
        }
        o += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, out + o);
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return (char *)out;
}

char *text_cp1252_to_utf8(const char *buf, size_t len, size_t *out_len, size_t *bad_offset)
{
    return text_8bit_to_utf8(TEXT_CP1252, buf, len, out_len, bad_offset);
}

/* 'L' upper-case letter, 'l' lower-case (or other) letter, 'q' a mark that
 * stands next to words in names and company names (quotes, apostrophes,
 * dashes, ...), ' ' anything else. */
static char char_class(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return 'L';
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 'l';
    default:
        break;
    }
    static const uint32_t marks[] = {0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026,
                                     0x2022, 0x00AB, 0x00BB, 0x00A1, 0x00BF, 0x00B7, 0x00AA,
                                     0x00BA, 0x00B0, 0x20AC, 0x2122, 0x00AE, 0x00A9, 0x00A0};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (cp == marks[i])
            return 'q';
    return ' ';
}

/* The accented letters of Spanish, French, Portuguese and German names, in
 * either case: a byte that reads as one of them is better evidence than one
 * that reads as a rarer letter (Ö, µ, Ð). */
static bool common_letter(uint32_t cp)
{
    static const char LETTERS[] = "áéíóúñüçàèêôãõâÁÉÍÓÚÑÜÇÀÈÊÔÃÕÂ";
    utf8proc_uint8_t utf8[5];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, utf8);
    utf8[n > 0 ? n : 0] = '\0';
    return cp >= 0x80 && n > 0 && strstr(LETTERS, (const char *)utf8) != NULL;
}

/* How plausible the text is read in the code page: each byte above 0x7F next
 * to a letter scores, read as a letter in the case its neighbours suggest, +2
 * for a common one and +1 for another, or +1 as a quote or dash beside a
 * word; it counts -2 read as a capital right after a small letter ("JosÚ"),
 * -1 as a small letter between two capitals ("LàPEZ"), as a mark inside a word
 * ("Mar¡a", a no-break space in "S nchez"; an apostrophe may be), or as a
 * symbol touching a word ("Mu¤oz"); an undefined byte counts -2. */
static long plausibility(TextCodePage page, const unsigned char *s, size_t len)
{
    long score = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 0x80)
            continue;
        uint32_t cp = code_point(page, s[i]);
        if (cp == 0) {
            score -= 2;
            continue;
        }
        char prev = i > 0 ? char_class(code_point(page, s[i - 1])) : ' ';
        char next = i + 1 < len ? char_class(code_point(page, s[i + 1])) : ' ';
        bool prev_letter = prev == 'l' || prev == 'L', next_letter = next == 'l' || next == 'L';
        if (!prev_letter && !next_letter)
            continue;
        /* 0xA0 is á in 850 and a no-break space in 1252, which a name pasted
         * from a web page brings at its end: evidence only inside a word. */
        if (s[i] == 0xA0 && !(prev_letter && next_letter))
            continue;
        char c = char_class(cp);
        if (c == 'L' && prev == 'l')
            score -= 2; /* "JosÚ", "GarcÝa": not how any name is written */
        else if (c == 'l' && prev == 'L' && next == 'L')
            score -= 1;
        else if (c == 'l' || c == 'L')
            score += common_letter(cp) ? 2 : 1;
        else if (c == 'q' && (!prev_letter || !next_letter || cp == 0x2019))
            score += 1;
        else
            score -= 1;
    }
    return score;
}

TextCodePage text_guess_8bit(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    long dos = plausibility(TEXT_CP850, s, len);
    return dos > 0 && dos > plausibility(TEXT_CP1252, s, len) ? TEXT_CP850 : TEXT_CP1252;
}

/* ASCII-only lower-casing copy: the fallback for input utf8proc refuses
 * (malformed UTF-8), so a bad byte degrades search instead of failing it. */
static char *ascii_lower_dup(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i <= n; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    return out;
}

/* Printable ASCII: every folding here leaves it as it is but for case. */
static bool printable_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
            return false;
    return true;
}

static char *map_or_fallback(const char *s, utf8proc_option_t opts)
{
    if (!s)
        s = "";
    if (printable_ascii(s)) /* most names and emails: no need to decompose */
        return ascii_lower_dup(s);
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, opts);
    if (n < 0) {
        if (n == UTF8PROC_ERROR_NOMEM)
            return NULL;
        return ascii_lower_dup(s);
    }
    return (char *)out;
}

char *text_fold(const char *s)
{
    /* STRIPMARK needs a decomposition to find the marks; COMPOSE recomposes what
     * is left. COMPAT maps ligatures and full-width forms; IGNORE drops
     * zero-width characters that would otherwise break prefix matches. */
    return map_or_fallback(s, UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                  UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                  UTF8PROC_IGNORE);
}

char *text_nfc(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    return n < 0 ? NULL : (char *)out;
}

/* The tone marks written above a letter. The dot below is Vietnamese's
 * fifth tone but, in Yoruba, part of the letter under a tone (ẹ́): it never
 * takes another mark's place, nor loses its own. */
static bool tone_mark(utf8proc_int32_t c)
{
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309;
}

char *text_join_mark(const char *letter)
{
    utf8proc_uint8_t *nfd = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)(letter ? letter : ""), 0, &nfd,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    if (n < 0)
        return NULL;
    /* The code points, the last one the mark just typed; a tone mark drops
     * the tone marks before it. Decomposed, the text only gets shorter. */
    utf8proc_int32_t last = -1;
    utf8proc_ssize_t at = 0, last_at = 0;
    while (at < n) {
        last_at = at;
        at += utf8proc_iterate(nfd + at, n - at, &last);
    }
    if (last >= 0 && tone_mark(last)) {
        utf8proc_ssize_t r = 0, w = 0;
        while (r < last_at) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k = utf8proc_iterate(nfd + r, last_at - r, &c);
            if (k <= 0)
                break;
            if (!tone_mark(c) || r == 0) {
                memmove(nfd + w, nfd + r, (size_t)k);
                w += k;
            }
            r += k;
        }
        memmove(nfd + w, nfd + last_at, (size_t)(n - last_at) + 1);
    }
    char *out = text_nfc((const char *)nfd);
    free(nfd);
    return out;
}

#define CASEFOLD_OPTS (UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)

char *text_casefold(const char *s)
{
    return map_or_fallback(s, CASEFOLD_OPTS);
}

bool text_equal_fold(const char *a, const char *b)
{
    if (!a)
        a = "";
    if (!b)
        b = "";
    if (strcmp(a, b) == 0)
        return true;
    char *fa = map_or_fallback(a, CASEFOLD_OPTS);
    char *fb = map_or_fallback(b, CASEFOLD_OPTS);
    bool eq = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return eq;
}

bool text_has_rtl(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            n = 1; /* a stray byte is no letter */
        } else {
            utf8proc_propval_t bidi = utf8proc_get_property(cp)->bidi_class;
            if (bidi == UTF8PROC_BIDI_CLASS_R || bidi == UTF8PROC_BIDI_CLASS_AL)
                return true;
        }
        p += n;
        left -= n;
    }
    return false;
}

int text_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool text_url_unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int text_url_decode(const char *s, size_t n, char **out)
{
    char *d = malloc(n + 1);
    if (!d)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            d[o++] = s[i];
            continue;
        }
        int hi = i + 2 < n ? text_hex_digit(s[i + 1]) : -1;
        int lo = hi >= 0 ? text_hex_digit(s[i + 2]) : -1;
        if (lo < 0) {
            free(d);
            return 0;
        }
        d[o++] = (char)(hi * 16 + lo);
        i += 2;
    }
    d[o] = '\0';
    *out = d;
    return 1;
}

char *text_url_encode(const char *s)
{
    static const char HEX[] = "0123456789ABCDEF";
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (text_url_unreserved((char)c)) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = HEX[c >> 4];
            out[o++] = HEX[c & 0x0F];
        }
    }
    out[o] = '\0';
    return out;
}

static bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *text_trim_dup(const char *s)
{
    if (!s)
        s = "";
    const char *start = s;
    while (*start && is_ascii_space(*start))
        start++;
    const char *end = start + strlen(start);
    while (end > start && is_ascii_space(end[-1]))
        end--;
    size_t n = (size_t)(end - start);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, start, n);
    out[n] = '\0';
    return out;
}

/* The length of the grapheme cluster at the start of s[0..n): a letter with
 * its marks, a whole emoji. A malformed byte ends the cluster; alone it
 * counts as one byte. */
static size_t grapheme_len(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t prev = -1;
    utf8proc_int32_t state = 0;
    size_t off = 0;
    while (off < n && p[off]) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(p + off, (utf8proc_ssize_t)(n - off), &cp);
        if (len <= 0)
            return off ? off : 1;
        if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
            return off;
        prev = cp;
        off += (size_t)len;
    }
    return off;
}

size_t text_first_grapheme(const char *s)
{
    return s ? grapheme_len(s, strlen(s)) : 0;
}

size_t text_last_grapheme_start(const char *s, size_t len)
{
    size_t at = 0, last = 0;
    while (at < len) {
        size_t n = grapheme_len(s + at, len - at);
        if (n == 0)
            break;
        last = at;
        at += n;
    }
    return last;
}

/* Where the UTF-8 character that byte i of s is part of begins. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The general category of the code point that starts at s (n bytes at most). */
static utf8proc_category_t category_at(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
        return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(cp);
}

static bool is_mark(utf8proc_category_t c)
{
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

bool text_starts_with_mark(const char *s)
{
    return s && *s && is_mark(category_at(s, strlen(s)));
}

bool text_ends_with_letter(const char *s, size_t len)
{
    if (!len)
        return false;
    size_t i = char_start(s, len - 1);
    utf8proc_category_t c = category_at(s + i, len - i);
    return is_mark(c) || (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO);
}

size_t text_codepoints(const char *s)
{
    size_t count = 0;
    if (!s)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80)
            count++;
    }
    return count;
}

char *text_dup(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, s, n + 1);
    return out;
}

void text_copy(char *dst, size_t n, const char *src)
{
    size_t len = src ? strlen(src) : 0;
    if (len >= n)
        len = char_start(src, n - 1);
    if (len)
        memcpy(dst, src, len);
    dst[len] = '\0';
}

bool text_join(char *out, size_t len, const char *const *items, size_t n, const char *sep)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *parts[2] = {i ? sep : "", items[i] ? items[i] : ""};
        for (int j = 0; j < 2; j++) {
            size_t l = strlen(parts[j]);
            if (l >= len - used) {
                text_copy(out + used, len - used, parts[j]);
                return false;
            }
            memcpy(out + used, parts[j], l + 1);
            used += l;
        }
    }
    return true;
}

uint64_t text_hash64(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    uint64_t h = 14695981039346656037ULL; /* FNV's 64-bit offset basis */
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL; /* FNV's 64-bit prime */
    }
    return h;
}

void text_file_name(const char *name, const char *fallback, char *out, size_t max)
{
    /* Letters beyond ASCII are kept (sticks are FAT32 or exFAT, with Unicode
     * names), but only from valid UTF-8 and never cut inside a character. */
    bool utf8 = text_is_utf8(name, strlen(name));
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        size_t len = 1;
        bool keep =
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (*p >= 0x80) {
            while (p[len] && (p[len] & 0xC0) == 0x80)
                len++;
            keep = utf8 && *p >= 0xC2; /* not a stray continuation byte */
        }
        if (keep) {
            size_t need = len + (dash && n > 0);
            if (n + need >= max)
                break;
            if (dash && n > 0)
                out[n++] = '-';
            memcpy(out + n, p, len);
            n += len;
            dash = false;
        } else {
            dash = true;
        }
        p += len;
    }
    out[n] = '\0';
    if (!n)
        snprintf(out, max, "%s", fallback);
}
