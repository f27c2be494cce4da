/* event_config.c — reading event.ini (SPEC §2): the file checked for being
 * text, taken apart line by line (config_ini.c), and each key set through the
 * table of keys (config_keys.c), with a warning or an error that names its line;
 * loading an event folder; printing those messages; resolving paths against the
 * event folder. Rewriting one key is config_write.c. */
#include "core/event_config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/config_internal.h"
#include "core/file.h"
#include "core/contrast.h"
#include "core/text.h"

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
    double w = round(c->badge_w_mm / CONFIG_MM_PER_IN * c->badge_dpi);
    double h = round(c->badge_h_mm / CONFIG_MM_PER_IN * c->badge_dpi);
    if (w * h <= BADGE_MAX_PIXELS)
        return true;
    diag_add(diag, line, true,
             "a %s badge at %d dpi is %.0f x %.0f pixels, more than a kiosk can hold in memory; "
             "use a lower dpi (label printers print at 300)",
             c->badge_size, c->badge_dpi, w, h);
    return false;
}

/* Text editors can save as UTF-16 and anything can be copied over the file;
 * neither is worth reading line by line into a list of garbled keys. */
static bool text_is_readable(const char *text, size_t len, ConfigDiagnostics *diag)
{
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        diag_add(diag, 1, true, "the file is UTF-16 text; save it again as UTF-8");
        return false;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        diag_add(diag, line, true, "not a text file (it holds NUL bytes); save it as UTF-8 text");
        return false;
    }
    return true;
}

/* What parsing carries from one line to the next. */
typedef struct ParseState {
    EventConfig *c;
    ConfigDiagnostics *diag;
    char section[64];
    bool in_section, section_ok;
    size_t badge_line; /* the last line that set the badge size or dpi */
    size_t errors;
} ParseState;

static void parse_error(ParseState *ps, size_t line, const char *text)
{
    diag_add(ps->diag, line, true, "%s", text);
    ps->errors++;
}

static void parse_section(ParseState *ps, size_t line, const ConfigIniLine *l)
{
    ps->in_section = true;
    snprintf(ps->section, sizeof ps->section, "%.*s", (int)l->name_len, l->name);
    ps->section_ok = l->name_len < sizeof ps->section && config_section_known(ps->section);
    if (!ps->section_ok)
        diag_add(ps->diag, line, false, "unknown section [%.60s], its keys are ignored",
                 ps->section);
}

/* The primary colour is drawn as text (headings, secondary buttons) on the
 * kiosk's light page: one too light to read there is darkened until it
 * reads (WCAG 4.5:1), and the organiser told what it became. */
static void primary_readable(EventConfig *c, ConfigDiagnostics *diag, size_t line)
{
    Rgb page = {CONTRAST_PAGE_R, CONTRAST_PAGE_G, CONTRAST_PAGE_B};
    double r = contrast_ratio(c->primary, page);
    if (r >= CONTRAST_TEXT)
        return;
    Rgb was = c->primary;
    c->primary = contrast_reach(was, page, CONTRAST_TEXT);
    diag_add(
        diag, line, false,
        "[theme] primary #%02X%02X%02X reads %.1f:1 on the kiosk's page, under the %.1f:1 "
        "text needs: darkened to #%02X%02X%02X (set that, or a darker colour, to silence this)",
        was.r, was.g, was.b, r, CONTRAST_TEXT, c->primary.r, c->primary.g, c->primary.b);
}

static void parse_key(ParseState *ps, size_t line, const ConfigIniLine *l)
{
    if (!ps->in_section) {
        diag_add(ps->diag, line, false, "key \"%.*s\" is outside any section, ignored",
                 (int)(l->name_len > 60 ? 60 : l->name_len), l->name);
        return;
    }
    if (!ps->section_ok)
        return; /* already warned about the section */
    const ConfigKey *k = config_key_find(ps->section, l->name, l->name_len);
    if (!k) {
        diag_add(ps->diag, line, false, "unknown key \"%.*s\" in [%s], ignored",
                 (int)(l->name_len > 60 ? 60 : l->name_len), l->name, ps->section);
        return;
    }
    char value[CONFIG_STR * 2];
    if (l->value_len >= sizeof value) {
        diag_add(ps->diag, line, true, "%s: value is too long", k->key);
        ps->errors++;
        return;
    }
    memcpy(value, l->value, l->value_len);
    value[l->value_len] = '\0';
    if (strlen(value) != l->value_len || !text_is_utf8(value, l->value_len)) {
        diag_add(ps->diag, line, true, "%s: value is not valid UTF-8 (save the file as UTF-8)",
                 k->key);
        ps->errors++;
        return;
    }
    if (value[0] == '\0') {
        config_key_default(ps->c, k);
        return;
    }
    char err[160];
    if (!config_key_apply(ps->c, k, value, err, sizeof err)) {
        diag_add(ps->diag, line, true, "%s", err);
        ps->errors++;
    } else if (config_key_sets_badge(k)) {
        ps->badge_line = line;
    } else if (config_ieq(k->section, "theme") && config_ieq(k->key, "primary")) {
        primary_readable(ps->c, ps->diag, line);
    }
}

static void parse_line(ParseState *ps, size_t line, const char *s, size_t n)
{
    ConfigIniLine l = config_ini_split(s, n);
    switch (l.kind) {
    case CONFIG_INI_BLANK:
        break;
    case CONFIG_INI_BAD_SECTION:
        parse_error(ps, line, "malformed section header (expected [name])");
        break;
    case CONFIG_INI_NO_EQUALS:
        parse_error(ps, line, "expected \"key = value\"");
        break;
    case CONFIG_INI_NO_KEY:
        parse_error(ps, line, "missing key name before '='");
        break;
    case CONFIG_INI_BAD_QUOTE:
        parse_error(ps, line, "unbalanced quotes or text after the closing quote");
        break;
    case CONFIG_INI_SECTION:
        parse_section(ps, line, &l);
        break;
    case CONFIG_INI_KEY:
        parse_key(ps, line, &l);
        break;
    }
}

int config_parse(EventConfig *c, const char *text, size_t len, ConfigDiagnostics *diag)
{
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!text_is_readable(text, len, diag))
        return -1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    ParseState ps = {.c = c, .diag = diag};
    size_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        size_t n;
        size_t next = config_ini_next_line(text, len, pos, &n);
        parse_line(&ps, ++lineno, text + pos, n);
        pos = next;
    }
    if (ps.badge_line && !badge_pixels_ok(c, diag, ps.badge_line))
        ps.errors++;
    return ps.errors ? -1 : 0;
}

int config_load_dir(EventConfig *c, const char *dir, ConfigDiagnostics *diag)
{
    config_defaults(c);
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!config_copy_str(c->dir, sizeof c->dir, dir)) {
        diag_add(diag, 0, true, "event folder path is too long");
        return -1;
    }
    char path[CONFIG_STR + 16];
    snprintf(path, sizeof path, "%s/event.ini", dir);
    size_t len = 0;
    char *text = file_read(path, &len);
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
        diag_add(diag, 0, true, "cannot read: %s", file_strerror(e));
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
