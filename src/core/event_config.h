/* event_config.h — event.ini: the settings of one event.
 *
 * Every key has a default, and a missing file means "all defaults". An unknown
 * section or key is a warning with its line number; a bad value is an error with
 * its line number. Strings are fixed-size so the struct can be copied freely. */
#ifndef LANYARD_EVENT_CONFIG_H
#define LANYARD_EVENT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_STR 512

typedef struct Rgb {
    uint8_t r, g, b;
} Rgb;

typedef struct EventConfig {
    char dir[CONFIG_STR]; /* event folder ("" when none) */
    /* [event] */
    char name[CONFIG_STR]; /* default "CTE Partner Event" */
    char date[16];         /* YYYY-MM-DD or "" */
    char venue[CONFIG_STR];
    char logo[CONFIG_STR]; /* path as written; resolve with config_path() */
    char languages[4][8];  /* default {"en","es"} */
    size_t nlanguages;
    int idle_timeout_s; /* default 60, 10..3600 */
    /* [theme] */
    Rgb primary; /* default #1B4F8A */
    Rgb accent;  /* default #F2A900 */
    /* [kiosk] */
    char kiosk_id[64];    /* default: host name */
    int speech_volume;    /* spoken guidance's loudness, percent; default 80 */
    int rotate;           /* 0, 90, 180 or 270: the picture turned clockwise on the panel */
    double screen_inches; /* the panel's diagonal; 0: as the display reports it */
    char renderer[16];    /* auto, software, gpu, opengl or opengles2 */
    /* [badge] */
    char badge_size[64];           /* as written, default "4x3in" */
    double badge_w_mm, badge_h_mm; /* parsed size, default 101.6 x 76.2 */
    int badge_dpi;                 /* default 300, 100..1200 */
    char qr_url[CONFIG_STR];       /* template with {programs} and {code} */
    char catalog_url[CONFIG_STR];
    char printer[128]; /* CUPS queue; "" = write PNGs to badges/ */
    /* [sync] */
    char sync_folder[CONFIG_STR];
    /* [staff] */
    char pin_hash[256]; /* libsodium crypto_pwhash_str, "" = no PIN set */
} EventConfig;

typedef struct ConfigMessage {
    size_t line;
    bool error; /* false: warning */
    char text[200];
} ConfigMessage;

typedef struct ConfigDiagnostics {
    ConfigMessage items[32];
    size_t count; /* may exceed 32; only the first 32 kept */
    size_t errors;
} ConfigDiagnostics;

void config_defaults(EventConfig *c);

/* Parses INI text into c (which should hold defaults). Returns 0 when there were
 * no errors (warnings allowed), -1 otherwise. */
int config_parse(EventConfig *c, const char *text, size_t len, ConfigDiagnostics *diag);

/* Loads DIR/event.ini (missing file = defaults, not an error) and sets c->dir.
 * Returns 0, or -1 on a bad value or unreadable file (diag says why). */
int config_load_dir(EventConfig *c, const char *dir, ConfigDiagnostics *diag);

/* Prints diagnostics as "FILE:LINE: warning: ..." / "FILE:LINE: error: ...". */
void config_print_diagnostics(const ConfigDiagnostics *d, const char *file, FILE *out);

/* Badge size: a preset (brother-62x100, dymo-30256, dymo-30857, 4x3in), or WxHmm /
 * WxHin. Returns false when s is not one of these. */
bool config_parse_badge_size(const char *s, double *w_mm, double *h_mm);

/* Resolves a path from event.ini against the event folder into out. */
void config_path(const EventConfig *c, const char *rel, char *out, size_t outlen);

/* Replaces one key's value in DIR/event.ini (adding section/key if missing),
 * keeping everything else byte for byte; writes atomically. value NULL: the
 * key's line becomes a comment ("; id = door-1"), so the setting goes but a
 * person still reads what it was; nothing is added when the key is not there.
 * 0 or -1 (errno). */
int config_write_key(const char *dir, const char *section, const char *key, const char *value);

/* Calls fn for each "key = value" line of INI text, with its section as
 * written ("" before the first) and its value without quotes or comment;
 * lines that are not well formed are left out. Stops at the first non-zero
 * fn returns, and returns it; else 0. */
typedef int (*ConfigEachFn)(const char *section, const char *key, const char *value, void *ud);
int config_each_key(const char *text, size_t len, ConfigEachFn fn, void *ud);

#endif
