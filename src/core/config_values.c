/* config_values.c — the parsers of event.ini's values: numbers read without the
 * process locale, colours, dates and badge sizes (presets or WxH in mm or
 * inches). Each says only whether the text is a valid value; the messages a person
 * reads are written by the keys that use them (config_keys.c). */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/config_internal.h"
#include "core/text.h"
#include "core/event_config.h"

/* ---- small helpers ---- */

bool config_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

bool config_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    }
    return *a == *b;
}

/* Copies s into dst[cap]; false when it does not fit. */
bool config_copy_str(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap)
        return false;
    memcpy(dst, s, n + 1);
    return true;
}

/* Parses a non-negative decimal number ("62", "101.6", ".5") at *p, advancing
 * *p; false when there is no digit. */
bool config_parse_decimal(const char **p, double *out)
{
    const char *s = *p;
    double v = 0;
    bool digits = false;
    while (isdigit((unsigned char)*s)) {
        v = v * 10 + (*s - '0');
        s++;
        digits = true;
    }
    if (*s == '.') {
        s++;
        double scale = 0.1;
        while (isdigit((unsigned char)*s)) {
            v += (*s - '0') * scale;
            scale /= 10;
            s++;
            digits = true;
        }
    }
    if (!digits)
        return false;
    *p = s;
    *out = v;
    return true;
}

/* A whole string as an integer in [lo, hi]. */
bool config_parse_int_range(const char *s, long lo, long hi, int *out)
{
    if (!isdigit((unsigned char)*s))
        return false;
    long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return false;
        v = v * 10 + (*s - '0');
        if (v > hi)
            return false;
    }
    if (v < lo)
        return false;
    *out = (int)v;
    return true;
}

/* "#RRGGBB" or "#RGB". */
bool config_parse_colour(const char *s, Rgb *out)
{
    if (*s != '#')
        return false;
    s++;
    size_t n = strlen(s);
    int d[6];
    if (n != 6 && n != 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        d[i] = text_hex_digit(s[i]);
        if (d[i] < 0)
            return false;
    }
    if (n == 3) {
        out->r = (uint8_t)(d[0] * 17);
        out->g = (uint8_t)(d[1] * 17);
        out->b = (uint8_t)(d[2] * 17);
    } else {
        out->r = (uint8_t)(d[0] * 16 + d[1]);
        out->g = (uint8_t)(d[2] * 16 + d[3]);
        out->b = (uint8_t)(d[4] * 16 + d[5]);
    }
    return true;
}

/* ---- badge sizes ---- */

typedef struct BadgePreset {
    const char *name;
    double w_mm, h_mm;
} BadgePreset;

static const BadgePreset BADGE_PRESETS[] = {
    {"4x3in", 101.6, 76.2},
    {"brother-62x100", 62.0, 100.0},
    {"dymo-30256", 59.0, 102.0},
    {"dymo-30857", 57.0, 102.0},
};

static bool badge_side_ok(double mm)
{
    return mm >= CONFIG_BADGE_MIN_MM && mm <= CONFIG_BADGE_MAX_MM;
}

bool config_parse_badge_size(const char *s, double *w_mm, double *h_mm)
{
    for (size_t i = 0; i < sizeof BADGE_PRESETS / sizeof BADGE_PRESETS[0]; i++) {
        if (config_ieq(s, BADGE_PRESETS[i].name)) {
            *w_mm = BADGE_PRESETS[i].w_mm;
            *h_mm = BADGE_PRESETS[i].h_mm;
            return true;
        }
    }
    const char *p = s;
    double w, h;
    if (!config_parse_decimal(&p, &w) || (*p != 'x' && *p != 'X'))
        return false;
    p++;
    if (!config_parse_decimal(&p, &h))
        return false;
    double scale;
    if (config_ieq(p, "mm"))
        scale = 1.0;
    else if (config_ieq(p, "in"))
        scale = CONFIG_MM_PER_IN;
    else
        return false;
    w *= scale;
    h *= scale;
    if (!badge_side_ok(w) || !badge_side_ok(h))
        return false;
    *w_mm = w;
    *h_mm = h;
    return true;
}
