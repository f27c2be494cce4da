/* visit_event_load.c — Load event from USB. See visit_event_load.h.
 * Sections: finding event folders, reading one into memory, checking it,
 * writing it into the event folder, switching the database. */
#include "visit/visit_event_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/event_ident.h"
#include "core/file.h"
#include "core/text.h"
#include "visit/visit_import.h"
#include "visit/visit_internal.h"
#include "visit/visit_load_internal.h"

static const char *const FILES[EVENT_FILES] = {"event.ini", "programs.csv", "guests.csv"};

/* Where a load is staged, and the note another event's load leaves for the
 * next start; both in the event folder, so the renames stay on one disk. */
#define STAGING ".lanyard-load"
#define NEW_EVENT_NOTE ".lanyard-new-event"

/* Images copied with an event folder: logo and program pictures. */
#define MAX_IMAGES 64
#define MAX_IMAGE_BYTES (16u << 20)

/* ---- finding event folders ---- */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool holds_event(const char *dir)
{
    for (int i = 0; i < EVENT_FILES; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        if (is_file(path))
            return true;
    }
    return false;
}

static void add_folder(EventFolders *out, const char *dir, const char *name)
{
    if (out->n == EVENT_LOAD_MAX) {
        out->more = true;
        return;
    }
    text_copy(out->dir[out->n], sizeof out->dir[0], dir);
    text_copy(out->name[out->n], sizeof out->name[0], name);
    out->n++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int event_load_find(const char *root, EventFolders *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(root);
    if (!d)
        return -1;
    if (holds_event(root))
        add_folder(out, root, "");
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", root, e->d_name);
        if (e->d_name[0] == '.' || !is_dir(path) || !holds_event(path))
            continue;
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", root, names[i]);
        add_folder(out, path, names[i]);
        free(names[i]);
    }
    return 0;
}

int event_load_folders(const MediaPort *media, EventFolders *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char usb[1024];
    /* A write-protected stick is read as well as any: loading only reads. */
    if (!media->find || media->find(media->ud, usb, sizeof usb) < 0) {
        snprintf(err, errlen, "no USB stick is mounted");
        return -1;
    }
    if (event_load_find(usb, out) != 0) {
        snprintf(err, errlen, "cannot read the USB stick at %s: %s", usb, strerror(errno));
        return -1;
    }
    return 0;
}

int visit_event_folders(Visit *v, EventFolders *out)
{
    char err[1200];
    if (event_load_folders(&v->env.media, out, err, sizeof err) != 0) {
        visit_fail(v, "%s", err);
        return -1;
    }
    return 0;
}

/* ---- one event folder in memory ---- */

typedef struct Blob {
    char name[256];
    char *data; /* NULL: not there */
    size_t len;
} Blob;

struct EventLoaded {
    Blob file[EVENT_FILES];
    Blob image[MAX_IMAGES];
    size_t nimages;
    EventConfig cfg; /* the stick's event.ini over the defaults */
};
typedef EventLoaded Loaded;

static void loaded_free(Loaded *l)
{
    for (int i = 0; i < EVENT_FILES; i++)
        free(l->file[i].data);
    for (size_t i = 0; i < l->nimages; i++)
        free(l->image[i].data);
    memset(l, 0, sizeof *l);
}

static bool is_image(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot &&
           (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

/* Reads dir's event files and images. 0, or -1 with err. */
static int read_folder(const char *dir, Loaded *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof *l);
    for (int i = 0; i < EVENT_FILES; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        snprintf(l->file[i].name, sizeof l->file[i].name, "%s", FILES[i]);
        if (!is_file(path))
            continue;
        l->file[i].data = file_read(path, &l->file[i].len);
        if (!l->file[i].data) {
            snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
            return -1;
        }
    }
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read %s: %s", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL && l->nimages < MAX_IMAGES) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_name[0] == '.' || !is_image(e->d_name) || strlen(e->d_name) >= 256 ||
            stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_IMAGE_BYTES)
            continue;
        Blob *b = &l->image[l->nimages];
        snprintf(b->name, sizeof b->name, "%s", e->d_name);
        b->data = file_read(path, &b->len);
        if (!b->data) {
            snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
            rc = -1;
        }
        l->nimages++;
    }
    closedir(d);
    return rc;
}

/* ---- checking it ---- */

static void add_error(EventLoadCheck *c, const char *file, size_t line, const char *text)
{
    if (c->nerrors < EVENT_LOAD_ERRORS) {
        char *e = c->errors[c->nerrors];
        size_t cap = sizeof c->errors[0];
        if (line)
            snprintf(e, cap, "%s:%zu: %s", file, line, text);
        else
            snprintf(e, cap, "%s: %s", file, text);
    }
    c->nerrors++;
}

static void add_note(EventLoadCheck *c, const char *file, size_t line, const char *text)
{
    if (c->nnotes < EVENT_LOAD_NOTES) {
        char *n = c->notes[c->nnotes];
        size_t cap = sizeof c->notes[0];
        if (line)
            snprintf(n, cap, "%s:%zu: %s", file, line, text);
        else
            snprintf(n, cap, "%s: %s", file, text);
    }
    c->nnotes++;
}

static void check_ini(Loaded *l, EventLoadCheck *c)
{
    config_defaults(&l->cfg);
    const Blob *b = &l->file[EVENT_FILE_INI];
    if (!b->data)
        return;
    ConfigDiagnostics diag = {0};
    config_parse(&l->cfg, b->data, b->len, &diag);
    for (size_t i = 0; i < diag.count && i < 32; i++)
        if (diag.items[i].error)
            add_error(c, b->name, diag.items[i].line, diag.items[i].text);
}

static void check_list(const Blob *b, ImportKind kind, EventLoadCheck *c, size_t *count)
{
    if (!b->data)
        return;
    ImportReport rep;
    import_report_init(&rep, b->name);
    ImportData d;
    visit_import_init(&d, kind);
    if (visit_import_parse(b->data, b->len, &d, &rep) != 0) {
        add_error(c, b->name, rep.error_line, rep.error);
    } else {
        *count = kind == IMPORT_GUESTS ? d.guests.count : d.programs.count;
        /* Staff see before loading what `lanyard import` would tell them
         * after: the rows left out, and a file that was not UTF-8. */
        if (rep.encoding_note[0])
            add_note(c, b->name, 0, rep.encoding_note);
        for (size_t i = 0; i < rep.nskips; i++)
            add_note(c, b->name, rep.skips[i].line, rep.skips[i].reason);
    }
    visit_import_free(&d);
    import_report_free(&rep);
}

/* The database's path without its ".db": what the name of an earlier
 * event's database kept beside it starts with. */
static void db_stem(const char *db, char *out, size_t outlen)
{
    text_copy(out, outlen, db);
    size_t n = strlen(out);
    if (n > 3 && !strcmp(out + n - 3, ".db"))
        out[n - 3] = '\0';
}

bool event_load_is_archive(const char *db_path, const char *name)
{
    char stem[1024];
    db_stem(db_path, stem, sizeof stem);
    const char *slash = strrchr(stem, '/');
    const char *base = slash ? slash + 1 : stem;
    size_t b = strlen(base), n = strlen(name);
    return n > b + 4 && !strncmp(name, base, b) && name[b] == '-' && !strcmp(name + n - 3, ".db");
}

/* DB_DIR/DB_BASE-EVENT_DATE.db, one that does not exist yet. */
static void archive_name(const char *db, const EventConfig *cfg, char *out, size_t outlen)
{
    char base[1024], event[80];
    db_stem(db, base, sizeof base);
    text_file_name(cfg->name, "event", event, sizeof event);
    for (int i = 1; i < 1000; i++) {
        char suffix[32] = "";
        if (i > 1)
            snprintf(suffix, sizeof suffix, "-%d", i);
        snprintf(out, outlen, "%s-%s%s%s%s.db", base, event, cfg->date[0] ? "_" : "", cfg->date,
                 suffix);
        if (access(out, F_OK) != 0)
            return;
    }
}

EventLoaded *event_load_read(const EventConfig *now, const char *db_path, const char *dir,
                             EventLoadCheck *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    Loaded *l = malloc(sizeof *l);
    if (!l) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (read_folder(dir, l, err, errlen) != 0) {
        event_load_free(l);
        return NULL;
    }
    for (int i = 0; i < EVENT_FILES; i++)
        c->has[i] = l->file[i].data != NULL;
    c->images = l->nimages;
    check_ini(l, c);
    check_list(&l->file[EVENT_FILE_PROGRAMS], IMPORT_PROGRAMS, c, &c->programs);
    check_list(&l->file[EVENT_FILE_GUESTS], IMPORT_GUESTS, c, &c->guests);
    const EventConfig *its = c->has[EVENT_FILE_INI] ? &l->cfg : now;
    text_copy(c->name, sizeof c->name, its->name);
    snprintf(c->date, sizeof c->date, "%s", its->date);
    EventIdent stick, kiosk;
    event_ident_set(&stick, its->name, its->date);
    event_ident_set(&kiosk, now->name, now->date);
    c->new_event = !event_ident_same(&stick, &kiosk);
    if (c->new_event)
        archive_name(db_path, now, c->archive, sizeof c->archive);
    return l;
}

void event_load_free(EventLoaded *l)
{
    if (!l)
        return;
    loaded_free(l);
    free(l);
}

int visit_event_check(Visit *v, const char *dir, EventLoadCheck *out)
{
    char err[1400];
    EventLoaded *l =
        event_load_read(v->env.cfg, store_path(v->env.store), dir, out, err, sizeof err);
    if (!l) {
        visit_fail(v, "%s", err);
        return -1;
    }
    event_load_free(l);
    return 0;
}

/* ---- writing it into the event folder ---- */

/* ---- the kiosk's own keys ---- */

/* The keys that belong to the kiosk rather than the event: all of [kiosk]
 * (its id, how its screen is mounted...), all of [staff] (without the PIN's
 * hash staff could not come back in) and the badge printer plugged into it. */
static bool kiosk_key(const char *section, const char *key)
{
    return !strcasecmp(section, "kiosk") || !strcasecmp(section, "staff") ||
           (!strcasecmp(section, "badge") && !strcasecmp(key, "printer"));
}

typedef struct HasKey {
    const char *section, *key;
} HasKey;

static int has_key(const char *section, const char *key, const char *value, void *ud)
{
    (void)value;
    const HasKey *h = ud;
    return !strcasecmp(section, h->section) && !strcasecmp(key, h->key);
}

/* One of the kiosk's own keys, as its event.ini has it, into the staged one. */
static int keep_key(const char *section, const char *key, const char *value, void *ud)
{
    const char *staging = ud;
    if (!kiosk_key(section, key))
        return 0;
    return config_write_key(staging, section, key, value) != 0 ? -1 : 0;
}

/* The kiosk's own keys of its event.ini into the staged event.ini, over what
 * the stick's says: one stick serves every kiosk of the event, but each has
 * its own screen, printer and PIN. The stick's kiosk id never comes along:
 * every kiosk loaded from it would get that one id, and their sync copies
 * and check-ins would no longer tell them apart; a kiosk whose event.ini
 * names none keeps its default (the host name), the stick's line left as a
 * comment. 0, or -1 (errno). */
static int keep_kiosk_keys(const char *staging, const char *event_dir, const Blob *stick)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/event.ini", event_dir);
    size_t len = 0;
    char *mine = file_read(path, &len);
    if (!mine && errno != ENOENT)
        return -1;
    int rc = mine ? config_each_key(mine, len, keep_key, (void *)staging) : 0;
    HasKey id = {"kiosk", "id"};
    if (rc == 0 && config_each_key(stick->data, stick->len, has_key, &id) &&
        !(mine && config_each_key(mine, len, has_key, &id)))
        rc = config_write_key(staging, "kiosk", "id", NULL) != 0 ? -1 : 0;
    free(mine);
    return rc;
}

/* Every file of l into the staging folder, flushed. 0 or -1 with err. */
static int stage(const char *staging, const Loaded *l, const char *event_dir, char *err,
                 size_t errlen)
{
    file_remove_dir(staging); /* what a load cut short left */
    if (mkdir(staging, 0755) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", staging, strerror(errno));
        return -1;
    }
    char path[1400];
    for (int i = 0; i < EVENT_FILES + (int)l->nimages; i++) {
        const Blob *b = i < EVENT_FILES ? &l->file[i] : &l->image[i - EVENT_FILES];
        if (!b->data)
            continue;
        snprintf(path, sizeof path, "%s/%s", staging, b->name);
        if (file_write(path, b->data, b->len, 0644, FILE_WRITE_SYNC) != 0)
            goto fail;
    }
    snprintf(path, sizeof path, "%s/event.ini", staging);
    if (l->file[EVENT_FILE_INI].data &&
        keep_kiosk_keys(staging, event_dir, &l->file[EVENT_FILE_INI]) != 0)
        goto fail;
    if (file_sync_dir(staging) != 0)
        goto fail;
    return 0;
fail:
    snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return -1;
}

/* The note for the next start: the new event, and where the database goes. */
static int leave_note(const char *event_dir, const EventLoadCheck *c)
{
    char path[1200], text[2200];
    snprintf(path, sizeof path, "%s/%s", event_dir, NEW_EVENT_NOTE);
    int n = snprintf(text, sizeof text, "%s\n%s\n%s\n", c->name, c->date, c->archive);
    return file_write(path, text, (size_t)n, 0644, FILE_WRITE_ATOMIC);
}

/* The staged files into the event folder, one rename each; for another
 * event the lists it does not have go (they were the old event's). */
static int put_in_place(const char *event_dir, const char *staging, const Loaded *l, bool new_event,
                        char *err, size_t errlen)
{
    for (int i = 0; i < EVENT_FILES + (int)l->nimages; i++) {
        const Blob *b = i < EVENT_FILES ? &l->file[i] : &l->image[i - EVENT_FILES];
        char from[1400], to[1400];
        snprintf(to, sizeof to, "%s/%s", event_dir, i < EVENT_FILES ? FILES[i] : b->name);
        if (!b->data) {
            if (new_event && i > EVENT_FILE_INI && i < EVENT_FILES && unlink(to) != 0 &&
                errno != ENOENT) {
                snprintf(err, errlen, "cannot remove %s: %s", to, strerror(errno));
                return -1;
            }
            continue;
        }
        snprintf(from, sizeof from, "%s/%s", staging, b->name);
        if (rename(from, to) != 0) {
            snprintf(err, errlen, "cannot write %s: %s", to, strerror(errno));
            return -1;
        }
    }
    if (file_sync_dir(event_dir) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", event_dir, strerror(errno));
        return -1;
    }
    return 0;
}

static VisitLoad load_checked(Visit *v, const Loaded *l, const EventLoadCheck *c)
{
    const char *event_dir = v->env.cfg->dir;
    if (!event_dir[0]) {
        visit_fail(v, "this kiosk runs without an event folder to load into");
        return VISIT_LOAD_FAILED;
    }
    char staging[1200], err[3000];
    snprintf(staging, sizeof staging, "%s/%s", event_dir, STAGING);
    if (stage(staging, l, event_dir, err, sizeof err) != 0)
        goto fail;
    if (c->new_event && leave_note(event_dir, c) != 0) {
        snprintf(err, sizeof err, "cannot write in %s: %s", event_dir, strerror(errno));
        goto fail;
    }
    if (put_in_place(event_dir, staging, l, c->new_event, err, sizeof err) != 0)
        goto fail;
    file_remove_dir(staging);
    if (!c->new_event) /* another event is imported into its new database at the start */
        visit_import_event(v->env.store, event_dir, visit_now(v));
    return VISIT_LOAD_DONE;
fail:
    file_remove_dir(staging);
    visit_fail(v, "%s", err);
    return VISIT_LOAD_FAILED;
}

VisitLoad event_load_apply(Visit *v, const EventLoaded *l, const EventLoadCheck *c, bool start_new)
{
    if (c->nerrors)
        return VISIT_LOAD_ERRORS;
    if (c->new_event && !start_new)
        return VISIT_LOAD_ASK;
    return load_checked(v, l, c);
}

VisitLoad visit_event_load(Visit *v, const char *dir, bool start_new, EventLoadCheck *out)
{
    char err[1400];
    EventLoaded *l =
        event_load_read(v->env.cfg, store_path(v->env.store), dir, out, err, sizeof err);
    if (!l) {
        visit_fail(v, "%s", err);
        return VISIT_LOAD_FAILED;
    }
    VisitLoad r = event_load_apply(v, l, out, start_new);
    event_load_free(l);
    return r;
}

/* ---- switching the database ---- */

static void chomp_line(char **p, char *out, size_t outlen)
{
    char *nl = strchr(*p, '\n');
    size_t n = nl ? (size_t)(nl - *p) : strlen(*p);
    snprintf(out, outlen, "%.*s", (int)n, *p);
    *p += n + (nl ? 1 : 0);
}

/* Renames path + suffix to to + suffix when it exists. 0 or -1. */
static int move_file(const char *path, const char *to, const char *suffix)
{
    char a[1200], b[1200];
    snprintf(a, sizeof a, "%s%s", path, suffix);
    snprintf(b, sizeof b, "%s%s", to, suffix);
    if (rename(a, b) != 0 && errno != ENOENT)
        return -1;
    return 0;
}

int event_load_switch_db(const EventConfig *cfg, const char *db_path, char *msg, size_t msglen)
{
    char note[1200];
    snprintf(note, sizeof note, "%s/%s", cfg->dir, NEW_EVENT_NOTE);
    size_t len;
    char *text = cfg->dir[0] ? file_read(note, &len) : NULL;
    if (!text)
        return 0;
    char name[CONFIG_STR], date[64], archive[1024], *p = text;
    chomp_line(&p, name, sizeof name);
    chomp_line(&p, date, sizeof date);
    chomp_line(&p, archive, sizeof archive);
    free(text);
    /* The note without the files it announces: the load was cut short. */
    if (strcmp(name, cfg->name) || strcmp(date, cfg->date) || !archive[0]) {
        unlink(note);
        return 0;
    }
    /* The log first: a -wal file left beside a new database would be replayed into it. */
    if (move_file(db_path, archive, "-wal") != 0 || move_file(db_path, archive, "-shm") != 0 ||
        move_file(db_path, archive, "") != 0) {
        snprintf(msg, msglen, "cannot rename %s to %s: %s", db_path, archive, strerror(errno));
        return -1;
    }
    unlink(note);
    char dir[1200];
    snprintf(dir, sizeof dir, "%s", db_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    file_sync_dir(slash ? dir : ".");
    snprintf(msg, msglen, "a new event: the database of the one before is kept as %s", archive);
    return 1;
}
