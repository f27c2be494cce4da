/* config_keys.c — every key of event.ini, described once in KEYS with its
 * default as text, so defaults and parsed values go through the same checks;
 * the setters that check a value and say what is wrong with a bad one; and
 * config_defaults. */
#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/config_internal.h"
#include "core/event_config.h"
#include "core/lang.h"
#include "core/timefmt.h"

static bool kiosk_id_char_ok(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

/* ---- setters: one per key that is more than a plain string ---- */

static bool set_date(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (*v && !time_parse_date(v, NULL, NULL, NULL)) {
        snprintf(err, errlen, "date \"%.40s\" is not a date like 2026-08-20", v);
        return false;
    }
    config_copy_str(c->date, sizeof c->date, v);
    return true;
}

static bool set_languages(EventConfig *c, const char *v, char *err, size_t errlen)
{
    char langs[4][8];
    size_t n = 0;
    const char *p = v;
    while (*p) {
        while (config_is_blank(*p) || *p == ',')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ',' && !config_is_blank(*p))
            p++;
        size_t len = (size_t)(p - start);
        const char *known = lang_find(start, len);
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
            config_copy_str(langs[n++], sizeof langs[0], known);
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
    if (!config_parse_int_range(v, 10, 3600, &c->idle_timeout_s)) {
        snprintf(err, errlen, "idle_timeout \"%.40s\" must be a number of seconds from 10 to 3600",
                 v);
        return false;
    }
    return true;
}

static bool set_colour(Rgb *out, const char *key, const char *v, char *err, size_t errlen)
{
    if (!config_parse_colour(v, out)) {
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

static bool set_speech_volume(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (!config_parse_int_range(v, 10, 100, &c->speech_volume)) {
        snprintf(err, errlen, "speech_volume \"%.40s\" must be a percentage from 10 to 100", v);
        return false;
    }
    return true;
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
    config_copy_str(c->kiosk_id, sizeof c->kiosk_id, v);
    return true;
}

static bool set_rotate(EventConfig *c, const char *v, char *err, size_t errlen)
{
    int r;
    if (!config_parse_int_range(v, 0, 270, &r) || r % 90) {
        snprintf(err, errlen, "rotate \"%.40s\" must be 0, 90, 180 or 270 (degrees clockwise)", v);
        return false;
    }
    c->rotate = r;
    return true;
}

static bool set_screen_inches(EventConfig *c, const char *v, char *err, size_t errlen)
{
    const char *p = v;
    double d;
    if (!config_parse_decimal(&p, &d) || *p || (d != 0 && (d < 3 || d > 120))) {
        snprintf(err, errlen,
                 "screen_inches \"%.40s\" must be the screen's diagonal in inches, from 3 to 120",
                 v);
        return false;
    }
    c->screen_inches = d;
    return true;
}

static bool set_renderer(EventConfig *c, const char *v, char *err, size_t errlen)
{
    static const char *const known[] = {"auto", "software", "gpu", "opengl", "opengles2"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (config_ieq(v, known[i])) {
            config_copy_str(c->renderer, sizeof c->renderer, known[i]);
            return true;
        }
    }
    snprintf(err, errlen, "renderer \"%.40s\" must be auto, software, gpu, opengl or opengles2", v);
    return false;
}

static bool set_badge_size(EventConfig *c, const char *v, char *err, size_t errlen)
{
    double w, h;
    if (strlen(v) >= sizeof c->badge_size || !config_parse_badge_size(v, &w, &h)) {
        /* A well-formed size out of range says so, not that it is malformed. */
        const char *p = v;
        bool formed = config_parse_decimal(&p, &w) && (*p == 'x' || *p == 'X') && (++p, true) &&
                      config_parse_decimal(&p, &h) && (config_ieq(p, "mm") || config_ieq(p, "in"));
        if (formed)
            snprintf(err, errlen, "badge size \"%.40s\": each side must be %d to %d mm", v,
                     CONFIG_BADGE_MIN_MM, CONFIG_BADGE_MAX_MM);
        else
            snprintf(err, errlen,
                     "badge size \"%.40s\" is not WxHmm, WxHin or one of 4x3in, brother-62x100, "
                     "dymo-30256, dymo-30857",
                     v);
        return false;
    }
    config_copy_str(c->badge_size, sizeof c->badge_size, v);
    c->badge_w_mm = w;
    c->badge_h_mm = h;
    return true;
}

static bool set_dpi(EventConfig *c, const char *v, char *err, size_t errlen)
{
    if (!config_parse_int_range(v, 100, 1200, &c->badge_dpi)) {
        snprintf(err, errlen, "dpi \"%.40s\" must be a number from 100 to 1200", v);
        return false;
    }
    return true;
}

/* ---- the table of keys ---- */

static const ConfigKey KEYS[] = {
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
    {"kiosk", "speech_volume", "80", set_speech_volume, 0, 0},
    {"kiosk", "rotate", "0", set_rotate, 0, 0},
    {"kiosk", "screen_inches", "0", set_screen_inches, 0, 0},
    {"kiosk", "renderer", "auto", set_renderer, 0, 0},
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
        config_copy_str(out, cap, "kiosk");
}

bool config_key_apply(EventConfig *c, const ConfigKey *k, const char *v, char *err, size_t errlen)
{
    if (k->set)
        return k->set(c, v, err, errlen);
    if (!config_copy_str((char *)c + k->offset, k->cap, v)) {
        snprintf(err, errlen, "%s is too long (at most %zu bytes)", k->key, k->cap - 1);
        return false;
    }
    return true;
}

void config_key_default(EventConfig *c, const ConfigKey *k)
{
    char err[200];
    if (k->def) {
        bool ok = config_key_apply(c, k, k->def, err, sizeof err);
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
        config_key_default(c, &KEYS[i]);
}

const ConfigKey *config_key_find(const char *section, const char *key, size_t key_len)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (config_ieq(KEYS[i].section, section) && strlen(KEYS[i].key) == key_len &&
            strncasecmp(KEYS[i].key, key, key_len) == 0)
            return &KEYS[i];
    }
    return NULL;
}

bool config_section_known(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (config_ieq(KEYS[i].section, name))
            return true;
    }
    return false;
}

bool config_key_sets_badge(const ConfigKey *k)
{
    return k->set == set_badge_size || k->set == set_dpi;
}
