/* event_config.c — reading and editing event.ini (SPEC §2).
 *
 * The format is the plain INI staff already know: [sections], "key = value",
 * full-line comments starting with ; or #, and inline comments after white space
 * (";" always, "#" when followed by white space, so "#1B4F8A" stays a colour).
 * A value may be wrapped in double quotes to keep a ; or # in it. Every key is
 * described once in KEYS below, with its default as text, so defaults and parsed
 * values go through the same checks. Numbers are parsed by hand so the result
 * never depends on the process locale. */
#include "core/event_config.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text.h"

#define MM_PER_IN 25.4

/* ---- small helpers ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    }
    return *a == *b;
}

/* Copies s into dst[cap]; false when it does not fit. */
static bool copy_str(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap)
        return false;
    memcpy(dst, s, n + 1);
    return true;
}

/* Parses a non-negative decimal number ("62", "101.6", ".5") at *p, advancing
 * *p; false when there is no digit. */
static bool parse_decimal(const char **p, double *out)
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
static bool parse_int_range(const char *s, long lo, long hi, int *out)
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

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* "#RRGGBB" or "#RGB". */
static bool parse_colour(const char *s, Rgb *out)
{
    if (*s != '#')
        return false;
    s++;
    size_t n = strlen(s);
    int d[6];
    if (n != 6 && n != 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        d[i] = hex_digit(s[i]);
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

/* "YYYY-MM-DD", a real calendar date. */
static bool parse_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = DAYS[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

static bool kiosk_id_char_ok(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
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

/* From the smallest name tag the badge layout can draw (badge_layout.c) to
 * A4: anything else is a typo, not label stock. */
#define BADGE_MIN_MM 20
#define BADGE_MAX_MM 300

static bool badge_side_ok(double mm)
{
    return mm >= BADGE_MIN_MM && mm <= BADGE_MAX_MM;
}

bool config_parse_badge_size(const char *s, double *w_mm, double *h_mm)
{
    for (size_t i = 0; i < sizeof BADGE_PRESETS / sizeof BADGE_PRESETS[0]; i++) {
        if (ieq(s, BADGE_PRESETS[i].name)) {
            *w_mm = BADGE_PRESETS[i].w_mm;
            *h_mm = BADGE_PRESETS[i].h_mm;
            return true;
        }
    }
    const char *p = s;
    double w, h;
    if (!parse_decimal(&p, &w) || (*p != 'x' && *p != 'X'))
        return false;
    p++;
    if (!parse_decimal(&p, &h))
        return false;
    double scale;
    if (ieq(p, "mm"))
        scale = 1.0;
    else if (ieq(p, "in"))
        scale = MM_PER_IN;
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

/* ---- keys ---- */

/* Sets one key from its (trimmed, unquoted) value; on a bad value writes why to
 * err and returns false. */
typedef bool (*KeySetter)(EventConfig *c, const char *v, char *err, size_t errlen);

typedef struct KeyDef {
    const char *section;
    const char *key;
    const char *def; /* default as text; NULL: computed (kiosk id) */
    KeySetter set;   /* NULL: a plain string stored at offset, at most cap bytes */
    size_t offset, cap;
} KeyDef;

static bool set_date(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (*v && !parse_date(v)) {
        snprintf(err, errlen, "date \"%.40s\" is not a date like 2026-08-20", v);
        return false;
    }
    copy_str(c->date, sizeof c->date, v);
    return true;
}

static const char *const LANGUAGES[] = {"en", "es"};

static bool set_languages(EventConfig *c, const char *v, char *err, size_t errlen)
{
    char langs[4][8];
    size_t n = 0;
    const char *p = v;
    while (*p) {
        while (is_blank(*p) || *p == ',')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ',' && !is_blank(*p))
            p++;
        size_t len = (size_t)(p - start);
        const char *known = NULL;
        for (size_t i = 0; i < sizeof LANGUAGES / sizeof LANGUAGES[0]; i++) {
            if (len == strlen(LANGUAGES[i]) && strncasecmp(start, LANGUAGES[i], len) == 0)
                known = LANGUAGES[i];
        }
        if (!known) {
            snprintf(err, errlen, "unknown language \"%.*s\" (known: en, es)",
                     (int)(len > 20 ? 20 : len), start);
            return false;
        }
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup = dup || strcmp(langs[i], known) == 0;
        if (!dup) {
            if (n == 4) {
                snprintf(err, errlen, "too many languages (at most 4)");
                return false;
            }
            copy_str(langs[n++], sizeof langs[0], known);
        }
    }
    if (n == 0) {
        snprintf(err, errlen, "no language given (known: en, es)");
        return false;
    }
    memcpy(c->languages, langs, sizeof langs);
    c->nlanguages = n;
    return true;
}

static bool set_idle_timeout(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (!parse_int_range(v, 10, 3600, &c->idle_timeout_s)) {
        snprintf(err, errlen, "idle_timeout \"%.40s\" must be a number of seconds from 10 to 3600",
                 v);
        return false;
    }
    return true;
}

static bool set_colour(Rgb *out, const char *key, const char *v, char *err, size_t errlen)
{
    if (!parse_colour(v, out)) {
        snprintf(err, errlen, "%s \"%.40s\" is not a colour like #1B4F8A", key, v);
        return false;
    }
    return true;
}

static bool set_primary(EventConfig *c, const char *v, char *err, size_t errlen)
{
    return set_colour(&c->primary, "primary", v, err, errlen);
}

static bool set_accent(EventConfig *c, const char *v, char *err, size_t errlen)
{
    return set_colour(&c->accent, "accent", v, err, errlen);
}

static bool set_kiosk_id(EventConfig *c, const char *v, char *err, size_t errlen)
{
    size_t n = strlen(v);
    bool ok = n > 0 && n < sizeof c->kiosk_id;
    for (size_t i = 0; ok && i < n; i++)
        ok = kiosk_id_char_ok(v[i]);
    if (!ok) {
        snprintf(err, errlen,
                 "kiosk id \"%.40s\" must be 1 to %zu letters, digits, '.', '_' or '-'", v,
                 sizeof c->kiosk_id - 1);
        return false;
    }
    copy_str(c->kiosk_id, sizeof c->kiosk_id, v);
    return true;
}

static bool set_badge_size(EventConfig *c, const char *v, char *err, size_t errlen)
{
    double w, h;
    if (strlen(v) >= sizeof c->badge_size || !config_parse_badge_size(v, &w, &h)) {
        /* A well-formed size out of range says so, not that it is malformed. */
        const char *p = v;
        bool formed = parse_decimal(&p, &w) && (*p == 'x' || *p == 'X') && (++p, true) &&
                      parse_decimal(&p, &h) && (ieq(p, "mm") || ieq(p, "in"));
        if (formed)
            snprintf(err, errlen, "badge size \"%.40s\": each side must be %d to %d mm", v,
                     BADGE_MIN_MM, BADGE_MAX_MM);
        else
            snprintf(err, errlen,
                     "badge size \"%.40s\" is not WxHmm, WxHin or one of 4x3in, brother-62x100, "
                     "dymo-30256, dymo-30857",
                     v);
        return false;
    }
    copy_str(c->badge_size, sizeof c->badge_size, v);
    c->badge_w_mm = w;
    c->badge_h_mm = h;
    return true;
}

static bool set_dpi(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (!parse_int_range(v, 100, 1200, &c->badge_dpi)) {
        snprintf(err, errlen, "dpi \"%.40s\" must be a number from 100 to 1200", v);
        return false;
    }
    return true;
}

static const KeyDef KEYS[] = {
    {"event", "name", "CTE Partner Event", NULL, offsetof(EventConfig, name),
     sizeof((EventConfig *)0)->name},
    {"event", "date", "", set_date, 0, 0},
    {"event", "venue", "", NULL, offsetof(EventConfig, venue), sizeof((EventConfig *)0)->venue},
    {"event", "logo", "", NULL, offsetof(EventConfig, logo), sizeof((EventConfig *)0)->logo},
    {"event", "languages", "en, es", set_languages, 0, 0},
    {"event", "idle_timeout", "60", set_idle_timeout, 0, 0},
    {"theme", "primary", "#1B4F8A", set_primary, 0, 0},
    {"theme", "accent", "#F2A900", set_accent, 0, 0},
    {"kiosk", "id", NULL, set_kiosk_id, 0, 0},
    {"badge", "size", "4x3in", set_badge_size, 0, 0},
    {"badge", "dpi", "300", set_dpi, 0, 0},
    {"badge", "qr_url", "https://cte.example.org/partners?programs={programs}&guest={code}", NULL,
     offsetof(EventConfig, qr_url), sizeof((EventConfig *)0)->qr_url},
    {"badge", "catalog_url", "https://cte.example.org/programs", NULL,
     offsetof(EventConfig, catalog_url), sizeof((EventConfig *)0)->catalog_url},
    {"badge", "printer", "", NULL, offsetof(EventConfig, printer),
     sizeof((EventConfig *)0)->printer},
    {"sync", "folder", "", NULL, offsetof(EventConfig, sync_folder),
     sizeof((EventConfig *)0)->sync_folder},
    {"staff", "pin_hash", "", NULL, offsetof(EventConfig, pin_hash),
     sizeof((EventConfig *)0)->pin_hash},
};

#define NKEYS (sizeof KEYS / sizeof KEYS[0])

/* The host name, made into a valid kiosk id ("kiosk" if there is none). */
static void default_kiosk_id(char *out, size_t cap)
{
    char host[256];
    if (gethostname(host, sizeof host) != 0)
        host[0] = '\0';
    host[sizeof host - 1] = '\0';
    size_t n = 0;
    for (const char *p = host; *p && n + 1 < cap; p++)
        out[n++] = kiosk_id_char_ok(*p) ? *p : '-';
    out[n] = '\0';
    if (n == 0)
        copy_str(out, cap, "kiosk");
}

/* Sets key k from its value text; on a bad value writes why to err. */
static bool key_apply(EventConfig *c, const KeyDef *k, const char *v, char *err, size_t errlen)
{
    if (k->set)
        return k->set(c, v, err, errlen);
    if (!copy_str((char *)c + k->offset, k->cap, v)) {
        snprintf(err, errlen, "%s is too long (at most %zu bytes)", k->key, k->cap - 1);
        return false;
    }
    return true;
}

static void key_default(EventConfig *c, const KeyDef *k)
{
    char err[200];
    if (k->def) {
        bool ok = key_apply(c, k, k->def, err, sizeof err);
        assert(ok); /* the defaults above are valid by construction */
        (void)ok;
        return;
    }
    default_kiosk_id(c->kiosk_id, sizeof c->kiosk_id);
}

void config_defaults(EventConfig *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NKEYS; i++)
        key_default(c, &KEYS[i]);
}

static const KeyDef *key_find(const char *section, const char *key, size_t key_len)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (ieq(KEYS[i].section, section) && strlen(KEYS[i].key) == key_len &&
            strncasecmp(KEYS[i].key, key, key_len) == 0)
            return &KEYS[i];
    }
    return NULL;
}

static bool section_known(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (ieq(KEYS[i].section, name))
            return true;
    }
    return false;
}

/* ---- one line of INI ---- */

typedef enum IniKind {
    INI_BLANK, /* empty or a comment */
    INI_SECTION,
    INI_KEY,
    INI_BAD_SECTION,
    INI_NO_EQUALS,
    INI_NO_KEY,
    INI_BAD_QUOTE,
} IniKind;

typedef struct IniLine {
    IniKind kind;
    const char *name; /* section or key */
    size_t name_len;
    const char *value; /* without quotes and comment */
    size_t value_len;
    size_t eq;      /* offset of '=' */
    size_t comment; /* offset of an inline comment, or the line length */
} IniLine;

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start && is_blank(s[end - 1]))
        end--;
    return end;
}

/* Splits one line (without its line break) into its parts. */
static IniLine ini_split(const char *s, size_t len)
{
    IniLine l = {.kind = INI_BLANK, .comment = len};
    size_t i = 0;
    while (i < len && is_blank(s[i]))
        i++;
    if (i == len || s[i] == ';' || s[i] == '#')
        return l;
    if (s[i] == '[') {
        const char *close = memchr(s + i, ']', len - i);
        l.kind = INI_BAD_SECTION;
        if (!close)
            return l;
        size_t a = i + 1, b = (size_t)(close - s);
        while (a < b && is_blank(s[a]))
            a++;
        b = trim_end(s, a, b);
        size_t j = (size_t)(close - s) + 1;
        while (j < len && is_blank(s[j]))
            j++;
        if (a == b || (j < len && s[j] != ';' && s[j] != '#'))
            return l;
        l.kind = INI_SECTION;
        l.name = s + a;
        l.name_len = b - a;
        return l;
    }
    const char *eq = memchr(s + i, '=', len - i);
    if (!eq) {
        l.kind = INI_NO_EQUALS;
        return l;
    }
    l.eq = (size_t)(eq - s);
    l.name = s + i;
    l.name_len = trim_end(s, i, l.eq) - i;
    if (l.name_len == 0) {
        l.kind = INI_NO_KEY;
        return l;
    }
    size_t j = l.eq + 1;
    while (j < len && is_blank(s[j]))
        j++;
    l.kind = INI_KEY;
    if (j < len && s[j] == '"') {
        const char *q = memchr(s + j + 1, '"', len - j - 1);
        if (!q) {
            l.kind = INI_BAD_QUOTE;
            return l;
        }
        l.value = s + j + 1;
        l.value_len = (size_t)(q - l.value);
        size_t k = (size_t)(q - s) + 1;
        while (k < len && is_blank(s[k]))
            k++;
        if (k < len && s[k] != ';' && s[k] != '#')
            l.kind = INI_BAD_QUOTE;
        l.comment = k;
        return l;
    }
    size_t k = j;
    for (; k < len; k++) {
        bool after_blank = k == j || is_blank(s[k - 1]);
        if (s[k] == ';' && after_blank)
            break;
        if (s[k] == '#' && after_blank && (k + 1 == len || is_blank(s[k + 1])))
            break;
    }
    l.comment = k;
    l.value = s + j;
    l.value_len = trim_end(s, j, k) - j;
    return l;
}

/* ---- diagnostics ---- */

static void diag_add(ConfigDiagnostics *d, size_t line, bool error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void diag_add(ConfigDiagnostics *d, size_t line, bool error, const char *fmt, ...)
{
    if (!d)
        return;
    size_t cap = sizeof d->items / sizeof d->items[0];
    if (d->count < cap) {
        ConfigMessage *m = &d->items[d->count];
        m->line = line;
        m->error = error;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(m->text, sizeof m->text, fmt, ap);
        va_end(ap);
    }
    d->count++;
    if (error)
        d->errors++;
}

/* ---- parsing ---- */

/* The badge is rendered as one picture of size x dpi pixels, held in memory by
 * the print worker beside the kiosk on a 1 GB Raspberry Pi. 24 million pixels
 * (about 100 MB) takes any label stock at 600 dpi, and 4x3in at 1200. */
#define BADGE_MAX_PIXELS 24e6

static bool badge_pixels_ok(const EventConfig *c, ConfigDiagnostics *diag, size_t line)
{
    double w = round(c->badge_w_mm / MM_PER_IN * c->badge_dpi);
    double h = round(c->badge_h_mm / MM_PER_IN * c->badge_dpi);
    if (w * h <= BADGE_MAX_PIXELS)
        return true;
    diag_add(diag, line, true,
             "a %s badge at %d dpi is %.0f x %.0f pixels, more than a kiosk can hold in memory; "
             "use a lower dpi (label printers print at 300)",
             c->badge_size, c->badge_dpi, w, h);
    return false;
}

int config_parse(EventConfig *c, const char *text, size_t len, ConfigDiagnostics *diag)
{
    if (diag)
        memset(diag, 0, sizeof *diag);
    size_t errors = 0;
    /* Text editors can save as UTF-16 and anything can be copied over the file;
     * neither is worth reading line by line into a list of garbled keys. */
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        diag_add(diag, 1, true, "the file is UTF-16 text; save it again as UTF-8");
        return -1;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        diag_add(diag, line, true, "not a text file (it holds NUL bytes); save it as UTF-8 text");
        return -1;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char section[64] = "";
    bool in_section = false, section_ok = false;
    size_t badge_line = 0; /* the last line that set the badge size or dpi */
    size_t lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        lineno++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        if (n > 0 && s[n - 1] == '\r')
            n--;

        IniLine l = ini_split(s, n);
        switch (l.kind) {
        case INI_BLANK:
            break;
        case INI_BAD_SECTION:
            diag_add(diag, lineno, true, "malformed section header (expected [name])");
            errors++;
            break;
        case INI_NO_EQUALS:
            diag_add(diag, lineno, true, "expected \"key = value\"");
            errors++;
            break;
        case INI_NO_KEY:
            diag_add(diag, lineno, true, "missing key name before '='");
            errors++;
            break;
        case INI_BAD_QUOTE:
            diag_add(diag, lineno, true, "unbalanced quotes or text after the closing quote");
            errors++;
            break;
        case INI_SECTION:
            in_section = true;
            snprintf(section, sizeof section, "%.*s", (int)l.name_len, l.name);
            section_ok = l.name_len < sizeof section && section_known(section);
            if (!section_ok)
                diag_add(diag, lineno, false, "unknown section [%.60s], its keys are ignored",
                         section);
            break;
        case INI_KEY: {
            if (!in_section) {
                diag_add(diag, lineno, false, "key \"%.*s\" is outside any section, ignored",
                         (int)(l.name_len > 60 ? 60 : l.name_len), l.name);
                break;
            }
            if (!section_ok)
                break; /* already warned about the section */
            const KeyDef *k = key_find(section, l.name, l.name_len);
            if (!k) {
                diag_add(diag, lineno, false, "unknown key \"%.*s\" in [%s], ignored",
                         (int)(l.name_len > 60 ? 60 : l.name_len), l.name, section);
                break;
            }
            char value[CONFIG_STR * 2];
            if (l.value_len >= sizeof value) {
                diag_add(diag, lineno, true, "%s: value is too long", k->key);
                errors++;
                break;
            }
            memcpy(value, l.value, l.value_len);
            value[l.value_len] = '\0';
            if (strlen(value) != l.value_len || !text_is_utf8(value, l.value_len)) {
                diag_add(diag, lineno, true,
                         "%s: value is not valid UTF-8 (save the file as UTF-8)", k->key);
                errors++;
                break;
            }
            if (value[0] == '\0') {
                key_default(c, k);
                break;
            }
            char err[160];
            if (!key_apply(c, k, value, err, sizeof err)) {
                diag_add(diag, lineno, true, "%s", err);
                errors++;
            } else if (k->set == set_badge_size || k->set == set_dpi) {
                badge_line = lineno;
            }
            break;
        }
        }
    }
    if (badge_line && !badge_pixels_ok(c, diag, badge_line))
        errors++;
    return errors ? -1 : 0;
}

/* Reads a whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                fclose(f);
                errno = e;
                return NULL;
            }
            break;
        }
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    *len = n;
    return buf;
}

int config_load_dir(EventConfig *c, const char *dir, ConfigDiagnostics *diag)
{
    config_defaults(c);
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!copy_str(c->dir, sizeof c->dir, dir)) {
        diag_add(diag, 0, true, "event folder path is too long");
        return -1;
    }
    char path[CONFIG_STR + 16];
    snprintf(path, sizeof path, "%s/event.ini", dir);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        int e = errno;
        /* No event.ini in a real folder means all defaults; a folder that is
         * not there is a mistyped path, whose defaults would go unnoticed. */
        struct stat st;
        if ((e == ENOENT || e == ENOTDIR) && stat(dir, &st) != 0) {
            diag_add(diag, 0, true, "the event folder %.120s does not exist", dir);
            return -1;
        }
        if ((e == ENOENT || e == ENOTDIR) && !S_ISDIR(st.st_mode)) {
            diag_add(diag, 0, true, "%.120s is not a folder, so not an event folder", dir);
            return -1;
        }
        if (e == ENOENT)
            return 0; /* no event.ini: all defaults */
        diag_add(diag, 0, true, "cannot read: %s", strerror(e));
        return -1;
    }
    int rc = config_parse(c, text, len, diag);
    free(text);
    return rc;
}

void config_print_diagnostics(const ConfigDiagnostics *d, const char *file, FILE *out)
{
    size_t cap = sizeof d->items / sizeof d->items[0];
    size_t shown = d->count < cap ? d->count : cap;
    for (size_t i = 0; i < shown; i++) {
        const ConfigMessage *m = &d->items[i];
        const char *what = m->error ? "error" : "warning";
        if (m->line)
            fprintf(out, "%s:%zu: %s: %s\n", file, m->line, what, m->text);
        else
            fprintf(out, "%s: %s: %s\n", file, what, m->text);
    }
    if (d->count > shown)
        fprintf(out, "%s: %zu more messages not shown\n", file, d->count - shown);
}

void config_path(const EventConfig *c, const char *rel, char *out, size_t outlen)
{
    if (rel[0] == '/' || c->dir[0] == '\0')
        snprintf(out, outlen, "%s", rel);
    else
        snprintf(out, outlen, "%s/%s", c->dir, rel);
}

/* ---- rewriting one key ---- */

/* Writes data to path through a temporary file in the same folder and a rename,
 * so a crash leaves either the old file or the new one, never half of one. */
static int write_atomic(const char *dir, const char *path, const char *data, size_t len,
                        mode_t mode)
{
    char tmp[CONFIG_STR + 32];
    snprintf(tmp, sizeof tmp, "%s/.event.ini.XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    size_t off = 0;
    int rc = fchmod(fd, mode);
    while (rc == 0 && off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
        } else {
            off += (size_t)w;
        }
    }
    if (rc == 0)
        rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        errno = e;
        return -1;
    }
    /* Make the rename itself durable; a failure here loses nothing already written. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* The value as written in the file: quoted when it would otherwise read back
 * differently. false (errno EINVAL) when it cannot be written at all. */
static bool value_text(const char *value, char *out, size_t cap)
{
    size_t n = strlen(value);
    if (strpbrk(value, "\r\n")) {
        errno = EINVAL;
        return false;
    }
    bool quote = n > 0 && (strpbrk(value, ";#") || is_blank(value[0]) || is_blank(value[n - 1]) ||
                           value[0] == '"');
    if (quote && strchr(value, '"')) {
        errno = EINVAL;
        return false;
    }
    int w = snprintf(out, cap, quote ? "\"%s\"" : "%s", value);
    if (w < 0 || (size_t)w >= cap) {
        errno = EINVAL;
        return false;
    }
    return true;
}

int config_write_key(const char *dir, const char *section, const char *key, const char *value)
{
    char vtext[CONFIG_STR * 2];
    if (!value_text(value, vtext, sizeof vtext))
        return -1;
    char path[CONFIG_STR + 16];
    snprintf(path, sizeof path, "%s/event.ini", dir);

    size_t len = 0;
    mode_t mode = 0644;
    char *text = read_file(path, &len);
    if (!text) {
        if (errno != ENOENT)
            return -1;
        text = calloc(1, 1);
        if (!text)
            return -1;
        len = 0;
    } else {
        struct stat st;
        if (stat(path, &st) == 0)
            mode = st.st_mode & 07777;
    }
    const char *eol = "\n";
    const char *first_nl = memchr(text, '\n', len);
    if (first_nl && first_nl > text && first_nl[-1] == '\r')
        eol = "\r\n";

    /* First pass: is the key there, and where does its section end? */
    size_t insert_at = SIZE_MAX; /* after the last line of the first [section] */
    bool in_target = false, first_block = false, seen_target = false, found = false;
    /* A BOM is kept as it is and not taken for part of the first line. */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t pos = bom;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        size_t n = (nl ? end - 1 : end) - pos;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        IniLine l = ini_split(text + pos, n);
        if (l.kind == INI_SECTION) {
            in_target =
                l.name_len == strlen(section) && strncasecmp(l.name, section, l.name_len) == 0;
            first_block = in_target && !seen_target;
            if (first_block) {
                seen_target = true;
                insert_at = end;
            }
        } else if (in_target && l.kind == INI_KEY) {
            if (first_block)
                insert_at = end;
            if (l.name_len == strlen(key) && strncasecmp(l.name, key, l.name_len) == 0)
                found = true;
        }
        pos = end;
    }

    char *out = NULL;
    size_t out_len = 0;
    FILE *m = open_memstream(&out, &out_len);
    if (!m) {
        free(text);
        return -1;
    }
    char current[64] = "";
    fwrite(text, 1, bom, m);
    pos = bom;
    bool wrote_key = false;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        size_t n = (nl ? end - 1 : end) - pos;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        const char *s = text + pos;
        IniLine l = ini_split(s, n);
        if (l.kind == INI_SECTION)
            snprintf(current, sizeof current, "%.*s", (int)l.name_len, l.name);
        if (found && l.kind == INI_KEY && ieq(current, section) && l.name_len == strlen(key) &&
            strncasecmp(l.name, key, l.name_len) == 0) {
            /* Keep the key as written and any comment; replace only the value. */
            fwrite(s, 1, l.eq + 1, m);
            if (vtext[0])
                fprintf(m, " %s", vtext);
            if (l.comment < n) {
                fputs(vtext[0] ? "  " : " ", m);
                fwrite(s + l.comment, 1, n - l.comment, m);
            }
            fwrite(s + n, 1, end - pos - n, m); /* the original line break */
        } else {
            fwrite(s, 1, end - pos, m);
        }
        if (!found && end == insert_at && !wrote_key) {
            if (!nl)
                fputs(eol, m);
            fprintf(m, "%s = %s%s", key, vtext, eol);
            wrote_key = true;
        }
        pos = end;
    }
    if (!found && !wrote_key) {
        if (len > 0 && text[len - 1] != '\n')
            fputs(eol, m);
        if (len > 0)
            fputs(eol, m);
        fprintf(m, "[%s]%s%s = %s%s", section, eol, key, vtext, eol);
    }
    int rc = ferror(m) ? -1 : 0;
    if (fclose(m) != 0)
        rc = -1;
    free(text);
    if (rc != 0) {
        free(out);
        errno = ENOMEM;
        return -1;
    }
    rc = write_atomic(dir, path, out, out_len, mode);
    int e = errno;
    free(out);
    errno = e;
    return rc;
}
