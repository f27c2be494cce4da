/* visit_import.c — an event's CSVs into the database. See visit_import.h. */
#include "visit/visit_import.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/text.h"
#include "store/store_keys.h"

void visit_import_init(ImportData *d, ImportKind kind)
{
    d->kind = kind;
    guest_list_init(&d->guests);
    program_list_init(&d->programs);
}

void visit_import_free(ImportData *d)
{
    guest_list_free(&d->guests);
    program_list_free(&d->programs);
}

int visit_import_parse(const char *raw, size_t len, ImportData *d, ImportReport *rep)
{
    size_t text_len = 0;
    char *text = import_decode(raw, len, &text_len, rep);
    if (!text)
        return -1;
    int rc = d->kind == IMPORT_GUESTS ? import_parse_guests(text, text_len, &d->guests, rep)
                                      : import_parse_programs(text, text_len, &d->programs, rep);
    free(text);
    return rc;
}

int visit_import_apply(Store *s, const ImportData *d, ImportReport *rep, int64_t now)
{
    StoreStatus st = d->kind == IMPORT_GUESTS ? store_import_guests(s, &d->guests, rep, now)
                                              : store_import_programs(s, &d->programs, rep, now);
    if (st == STORE_OK)
        return 0;
    rep->error_line = 0; /* the store has put its message in rep->error */
    return -1;
}

/* ---- the event folder ---- */

/* Says on stderr why FILE was not imported, and keeps the same words in the
 * settings for the staff dashboard ("" once an import works). */
static void import_failed(Store *s, const char *name, const char *file, const char *why,
                          size_t line)
{
    char msg[1200];
    if (line)
        snprintf(msg, sizeof msg, "%s:%zu: %s", file, line, why);
    else
        snprintf(msg, sizeof msg, "%s: %s", file, why);
    fprintf(stderr, "lanyard run: %s\n", msg);
    fprintf(stderr, "lanyard run: %s not imported; the kiosk keeps the data it had.\n", file);
    char key[96];
    snprintf(key, sizeof key, KEY_IMPORT_ERROR_FMT, name);
    if (store_setting_set(s, key, msg) != STORE_OK)
        fprintf(stderr, "lanyard run: cannot note the import error for staff: %s\n",
                store_errmsg(s));
}

/* "size=N mtime_ns=N fnv1a64=HEX" of a file's content. Same size and hash
 * means unchanged, even if the file was only touched. */
static bool unchanged(Store *s, const char *key, const char *value)
{
    char *old = NULL;
    bool same = false;
    if (store_setting_get(s, key, &old) == STORE_OK && old) {
        long long osize = -1, omtime = 0, size = -2, mtime = 0;
        unsigned long long ohash = 0, hash = 1;
        same = sscanf(old, "size=%lld mtime_ns=%lld fnv1a64=%llx", &osize, &omtime, &ohash) == 3 &&
               sscanf(value, "size=%lld mtime_ns=%lld fnv1a64=%llx", &size, &mtime, &hash) == 3 &&
               osize == size && ohash == hash;
    }
    free(old);
    return same;
}

/* Imports DIR/NAME when its content differs from the last import. */
static void import_event_file(Store *s, const char *dir, const char *name, ImportKind kind,
                              int64_t now)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0)
        return; /* optional files */
    size_t raw_len = 0;
    char *raw = file_read(path, &raw_len);
    if (!raw) {
        import_failed(s, name, path, file_strerror(errno), 0);
        return;
    }
    char key[64], value[128];
    snprintf(key, sizeof key, KEY_IMPORT_FINGERPRINT_FMT, name);
    snprintf(value, sizeof value, "size=%lld mtime_ns=%lld fnv1a64=%016llx", (long long)st.st_size,
             (long long)st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec,
             (unsigned long long)text_hash64(raw, raw_len));
    if (unchanged(s, key, value)) {
        free(raw);
        return;
    }
    ImportReport rep;
    import_report_init(&rep, path);
    ImportData d;
    visit_import_init(&d, kind);
    if (visit_import_parse(raw, raw_len, &d, &rep) != 0 ||
        visit_import_apply(s, &d, &rep, now) != 0) {
        import_failed(s, name, path, rep.error, rep.error_line);
        goto out;
    }
    import_report_print(&rep, stderr);
    char ekey[96];
    snprintf(ekey, sizeof ekey, KEY_IMPORT_ERROR_FMT, name);
    if (store_setting_set(s, ekey, "") != STORE_OK)
        fprintf(stderr, "lanyard run: %s\n", store_errmsg(s));
    if (store_setting_set(s, key, value) != STORE_OK)
        fprintf(stderr, "lanyard run: cannot remember that %s was imported: %s\n", path,
                store_errmsg(s));
out:
    visit_import_free(&d);
    import_report_free(&rep);
    free(raw);
}

void visit_import_event(Store *s, const char *dir, int64_t now)
{
    import_event_file(s, dir, "programs.csv", IMPORT_PROGRAMS, now);
    import_event_file(s, dir, "guests.csv", IMPORT_GUESTS, now);
}

void visit_note_config(Store *s, const ConfigDiagnostics *diag)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return;
    config_print_diagnostics(diag, "event.ini", m);
    if (fclose(m) != 0) {
        free(text);
        return;
    }
    /* One line for the screen: the messages joined by "; ". */
    char line[600] = "";
    size_t n = 0;
    for (char *save = NULL, *m = strtok_r(text, "\n", &save); m && n < sizeof line;
         m = strtok_r(NULL, "\n", &save))
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", n ? "; " : "", m);
    free(text);
    if (store_setting_set(s, KEY_CONFIG_NOTES, line) != STORE_OK)
        fprintf(stderr, "lanyard run: cannot note event.ini's messages for staff: %s\n",
                store_errmsg(s));
}
