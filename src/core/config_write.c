/* config_write.c — config_write_key: one key of event.ini set to a new value
 * (`lanyard set-pin` stores the PIN's hash this way). Everything else in the
 * file stays byte for byte: comments, blank lines, the order of keys, the case a
 * key is written in, a byte-order mark and the file's line breaks. A key that is
 * not there yet is added at the end of the first block of its section, or in a
 * new section at the end of the file. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config_internal.h"
#include "core/file.h"
#include "core/event_config.h"

/* The value as written in the file: quoted when it would otherwise read back
 * differently. false (errno EINVAL) when it cannot be written at all. */
static bool value_text(const char *value, char *out, size_t cap)
{
    size_t n = strlen(value);
    if (strpbrk(value, "\r\n")) {
        errno = EINVAL;
        return false;
    }
    bool quote = n > 0 && (strpbrk(value, ";#") || config_is_blank(value[0]) ||
                           config_is_blank(value[n - 1]) || value[0] == '"');
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

/* event.ini as it is now: its text ("" when there is none yet), and the mode
 * and owner to give the new file (*owned false: none to keep). NULL with errno
 * set on failure. */
static char *read_current(const char *path, size_t *len, mode_t *mode, struct stat *owner,
                          bool *owned)
{
    *mode = 0644;
    *owned = false;
    char *text = file_read(path, len);
    if (!text) {
        if (errno != ENOENT)
            return NULL;
        text = calloc(1, 1);
        if (!text)
            return NULL;
        *len = 0;
        return text;
    }
    if (stat(path, owner) == 0) {
        *mode = owner->st_mode & 07777;
        *owned = true;
    }
    return text;
}

/* The file's own line break, judged by its first line. */
static const char *line_break_of(const char *text, size_t len)
{
    const char *first_nl = memchr(text, '\n', len);
    if (first_nl && first_nl > text && first_nl[-1] == '\r')
        return "\r\n";
    return "\n";
}

static bool name_is(const char *name, size_t name_len, const char *want)
{
    return name_len == strlen(want) && strncasecmp(name, want, name_len) == 0;
}

/* One key to set in the text of event.ini. */
typedef struct KeyEdit {
    const char *text;
    size_t len;
    size_t bom;      /* a BOM is kept as it is and not taken for part of the first line */
    const char *eol; /* the file's line break */
    const char *section, *key;
    const char *vtext; /* the value as written in the file; NULL: comment the key out */
    bool found;        /* the key is in its section already */
    size_t insert_at;  /* after the last line of the first [section]; SIZE_MAX: none */
} KeyEdit;

/* First pass: is the key there, and where does its section end? */
static void edit_find(KeyEdit *e)
{
    e->insert_at = SIZE_MAX;
    e->found = false;
    bool in_target = false, first_block = false, seen_target = false;
    for (size_t pos = e->bom; pos < e->len;) {
        size_t n;
        size_t end = config_ini_next_line(e->text, e->len, pos, &n);
        ConfigIniLine l = config_ini_split(e->text + pos, n);
        if (l.kind == CONFIG_INI_SECTION) {
            in_target = name_is(l.name, l.name_len, e->section);
            first_block = in_target && !seen_target;
            if (first_block) {
                seen_target = true;
                e->insert_at = end;
            }
        } else if (in_target && l.kind == CONFIG_INI_KEY) {
            if (first_block)
                e->insert_at = end;
            if (name_is(l.name, l.name_len, e->key))
                e->found = true;
        }
        pos = end;
    }
}

/* The key's line s[0, line_len) (n without its line break) with the new value:
 * the key as written and any comment are kept; only the value is replaced. */
static void edit_put_value(FILE *m, const char *s, size_t n, size_t line_len,
                           const ConfigIniLine *l, const char *vtext)
{
    fwrite(s, 1, l->eq + 1, m);
    if (vtext[0])
        fprintf(m, " %s", vtext);
    if (l->comment < n) {
        fputs(vtext[0] ? "  " : " ", m);
        fwrite(s + l->comment, 1, n - l->comment, m);
    }
    fwrite(s + n, 1, line_len - n, m); /* the original line break */
}

/* Second pass: the text again, with the key's value replaced or the key added. */
static void edit_write(const KeyEdit *e, FILE *m)
{
    char current[64] = "";
    fwrite(e->text, 1, e->bom, m);
    bool wrote_key = false;
    for (size_t pos = e->bom; pos < e->len;) {
        size_t n;
        size_t end = config_ini_next_line(e->text, e->len, pos, &n);
        const char *s = e->text + pos;
        ConfigIniLine l = config_ini_split(s, n);
        if (l.kind == CONFIG_INI_SECTION)
            snprintf(current, sizeof current, "%.*s", (int)l.name_len, l.name);
        bool target = e->found && l.kind == CONFIG_INI_KEY && config_ieq(current, e->section) &&
                      name_is(l.name, l.name_len, e->key);
        if (target && !e->vtext)
            fputs("; ", m); /* the line stays, for a person to read, as a comment */
        if (target && e->vtext)
            edit_put_value(m, s, n, end - pos, &l, e->vtext);
        else
            fwrite(s, 1, end - pos, m);
        if (!e->found && e->vtext && end == e->insert_at && !wrote_key) {
            if (e->text[end - 1] != '\n') /* the last line, without a line break */
                fputs(e->eol, m);
            fprintf(m, "%s = %s%s", e->key, e->vtext, e->eol);
            wrote_key = true;
        }
        pos = end;
    }
    if (!e->found && e->vtext && !wrote_key) {
        if (e->len > 0 && e->text[e->len - 1] != '\n')
            fputs(e->eol, m);
        if (e->len > 0)
            fputs(e->eol, m);
        fprintf(m, "[%s]%s%s = %s%s", e->section, e->eol, e->key, e->vtext, e->eol);
    }
}

int config_write_key(const char *dir, const char *section, const char *key, const char *value)
{
    char vtext[CONFIG_STR * 2];
    if (value && !value_text(value, vtext, sizeof vtext))
        return -1;
    char path[CONFIG_STR + 16];
    snprintf(path, sizeof path, "%s/event.ini", dir);

    size_t len = 0;
    mode_t mode;
    struct stat owner;
    bool owned;
    char *text = read_current(path, &len, &mode, &owner, &owned);
    if (!text)
        return -1;
    /* The PIN's hash is for the kiosk, not for every account on the machine:
     * others lose read access to a file that holds it. */
    bool secret = config_ieq(section, "staff") && config_ieq(key, "pin_hash");
    if (secret)
        mode &= ~(mode_t)0007;
    KeyEdit e = {.text = text,
                 .len = len,
                 .bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0,
                 .eol = line_break_of(text, len),
                 .section = section,
                 .key = key,
                 .vtext = value ? vtext : NULL};
    edit_find(&e);

    char *out = NULL;
    size_t out_len = 0;
    FILE *m = open_memstream(&out, &out_len);
    if (!m) {
        free(text);
        return -1;
    }
    edit_write(&e, m);
    int rc = ferror(m) ? -1 : 0;
    if (fclose(m) != 0)
        rc = -1;
    free(text);
    if (rc != 0) {
        free(out);
        errno = ENOMEM;
        return -1;
    }
    rc = file_write(path, out, out_len, mode, FILE_WRITE_ATOMIC);
    int err = errno;
    free(out);
    /* Written by root (sudo lanyard set-pin) for the kiosk's own account: the
     * file stays the account's, or the kiosk could no longer read it. */
    if (rc == 0 && owned && geteuid() == 0 && (owner.st_uid != 0 || owner.st_gid != 0) &&
        chown(path, owner.st_uid, owner.st_gid) != 0)
        fprintf(stderr, "lanyard: cannot give %s back to its owner: %s\n", path, strerror(errno));
    errno = err;
    return rc;
}
