/* config_internal.h — what the files of the config module (event_config.c,
 * config_keys.c, config_values.c, config_ini.c, config_write.c)
 * share, and nothing outside them may include: the value parsers, the table of
 * keys, and the splitting of one INI line. Not part of the
 * event.ini interface (event_config.h). */
#ifndef LANYARD_CONFIG_INTERNAL_H
#define LANYARD_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/event_config.h"

#define CONFIG_MM_PER_IN 25.4

/* From the smallest name tag the badge layout can draw (badge_layout.c) to
 * A4: anything else is a typo, not label stock. */
#define CONFIG_BADGE_MIN_MM 20
#define CONFIG_BADGE_MAX_MM 300

/* ---- value parsers (config_values.c) ---- */

bool config_is_blank(char c);
/* ASCII case-insensitive equality. */
bool config_ieq(const char *a, const char *b);
/* Copies s into dst[cap]; false when it does not fit. */
bool config_copy_str(char *dst, size_t cap, const char *s);
/* Parses a non-negative decimal number ("62", "101.6", ".5") at *p, advancing
 * *p; false when there is no digit. */
bool config_parse_decimal(const char **p, double *out);
/* A whole string as an integer in [lo, hi]. */
bool config_parse_int_range(const char *s, long lo, long hi, int *out);
/* "#RRGGBB" or "#RGB". */
bool config_parse_colour(const char *s, Rgb *out);

/* ---- keys (config_keys.c) ---- */

/* Sets one key from its (trimmed, unquoted) value; on a bad value writes why to
 * err and returns false. */
typedef bool (*ConfigKeySetter)(EventConfig *c, const char *v, char *err, size_t errlen);

typedef struct ConfigKey {
    const char *section;
    const char *key;
    const char *def;     /* default as text; NULL: computed (kiosk id) */
    ConfigKeySetter set; /* NULL: a plain string stored at offset, at most cap bytes */
    size_t offset, cap;
} ConfigKey;

/* The key named key[0, key_len) in section, or NULL (names compare without case). */
const ConfigKey *config_key_find(const char *section, const char *key, size_t key_len);
bool config_section_known(const char *name);
/* Sets key k from its value text; on a bad value writes why to err. */
bool config_key_apply(EventConfig *c, const ConfigKey *k, const char *v, char *err, size_t errlen);
void config_key_default(EventConfig *c, const ConfigKey *k);
/* True for the keys that decide the badge's size in pixels (size and dpi). */
bool config_key_sets_badge(const ConfigKey *k);

/* ---- one line of INI (config_ini.c) ---- */

typedef enum ConfigIniKind {
    CONFIG_INI_BLANK, /* empty or a comment */
    CONFIG_INI_SECTION,
    CONFIG_INI_KEY,
    CONFIG_INI_BAD_SECTION,
    CONFIG_INI_NO_EQUALS,
    CONFIG_INI_NO_KEY,
    CONFIG_INI_BAD_QUOTE,
} ConfigIniKind;

typedef struct ConfigIniLine {
    ConfigIniKind kind;
    const char *name; /* section or key */
    size_t name_len;
    const char *value; /* without quotes and comment */
    size_t value_len;
    size_t eq;      /* offset of '=' */
    size_t comment; /* offset of an inline comment, or the line length */
} ConfigIniLine;

/* Splits one line (without its line break) into its parts. */
ConfigIniLine config_ini_split(const char *s, size_t len);

/* The line of text[0, len) that starts at pos: its length without the line break
 * (and a carriage return before it) in *n. Returns where the next line starts
 * (len after the last line). */
size_t config_ini_next_line(const char *text, size_t len, size_t pos, size_t *n);

#endif
