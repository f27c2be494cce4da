/* font_chars.c — code points for the font module: UTF-8 decoded leniently
 * (a malformed byte becomes U+FFFD rather than ending the name) and encoded,
 * and each character's class (strong left-to-right or right-to-left, number,
 * neutral, joining, dropped) from HarfBuzz's Unicode tables, which drives both
 * the direction of runs (font_layout.c) and where a line may break (font_wrap.c). */
#include <hb.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/font_internal.h"

/* ---- UTF-8 ------------------------------------------------------------------ */

uint32_t font_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = len - *i;
    uint32_t cp;
    size_t n;
    if (u[0] < 0x80) {
        *i += 1;
        return u[0];
    } else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        cp = u[0] & 0x1F;
        n = 2;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        cp = u[0] & 0x0F;
        n = 3;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        cp = u[0] & 0x07;
        n = 4;
    } else {
        *i += 1;
        return 0xFFFD;
    }
    if (left < n) {
        *i += 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            *i += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (u[k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return 0xFFFD;
    }
    *i += n;
    return cp;
}

size_t font_utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

FontClass font_classify(FontSet *fs, uint32_t cp, hb_script_t *script)
{
    *script = hb_unicode_script(fs->ucd, cp);
    hb_unicode_general_category_t gc = hb_unicode_general_category(fs->ucd, cp);
    if (cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xE0020 && cp <= 0xE007F) ||
        (cp >= 0x1F3FB && cp <= 0x1F3FF))
        return FONT_CHAR_JOIN;
    switch (gc) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return FONT_CHAR_JOIN;
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
    case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
        return FONT_CHAR_DROP;
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
        return FONT_CHAR_NUMBER;
    default:
        break;
    }
    if (*script == HB_SCRIPT_COMMON || *script == HB_SCRIPT_INHERITED ||
        *script == HB_SCRIPT_UNKNOWN)
        return FONT_CHAR_NEUTRAL;
    return hb_script_get_horizontal_direction(*script) == HB_DIRECTION_RTL ? FONT_CHAR_RTL
                                                                           : FONT_CHAR_LTR;
}
