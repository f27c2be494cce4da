/* cmd_run.c — `lanyard run`: the kiosk (SPEC §3, §8).
 *
 * Finds the event folder (the bundled demo when none is given) and its database
 * (by default one per event folder in the user's data folder), brings the
 * folder's programs.csv and guests.csv into the database when they changed since
 * the last start, and hands over to the SDL window (src/app/app.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/event_config.h"
#include "core/event_ident.h"
#include "core/ids.h"
#include "core/job.h"
#include "core/timefmt.h"
#include "app/app.h"
#include "platform/assets.h"
#include "store/store.h"
#include "store/store_keys.h"
#include "visit/visit_event_load.h"
#include "visit/visit_import.h"

static const char HELP[] =
    "Usage: lanyard run [--event DIR] [--db FILE] [--windowed] [--size WxH]\n"
    "                   [--script FILE] [--screenshot FILE]\n"
    "Starts the check-in kiosk: fullscreen and locked down (window close, Alt+F4,\n"
    "Escape and Ctrl+Q do nothing; staff mode exits).\n\n"
    "  --event DIR        the event folder (event.ini, programs.csv, guests.csv);\n"
    "                     default: the bundled demo event\n"
    "  --db FILE          the database; default: one per event folder in\n"
    "                     $XDG_DATA_HOME/lanyard (~/.local/share/lanyard)\n"
    "  --windowed         a normal window that can be closed (development, demos)\n"
    "  --size WxH         window size in pixels, e.g. 800x480\n"
    "  --script FILE      run the actions of FILE with simulated time, then exit\n"
    "                     (press, tap, drag, type, hold, key, scan, quit, wait,\n"
    "                     expect, expect-not, screenshot); a failing line exits 1\n"
    "  --screenshot FILE  write the last frame as PNG when the run ends\n\n"
    "programs.csv and guests.csv are imported whenever they changed since the last\n"
    "start; a broken file is reported with its line and the data from before kept.\n"
    "With no display: SDL_VIDEODRIVER=kmsdrm on a Raspberry Pi console;\n"
    "SDL_VIDEODRIVER=dummy for scripted runs.\n";

/* ---- default database path ---- */

static int mkdirs(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* DATA/lanyard/<folder name>-<8 hex of the folder's absolute path>.db, so two
 * events with the same folder name never share a database. */
static int default_db_path(const char *event_abs, char *out, size_t outlen)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char base[PATH_MAX];
    if (xdg && *xdg == '/')
        snprintf(base, sizeof base, "%s/lanyard", xdg);
    else if (home && *home)
        snprintf(base, sizeof base, "%s/.local/share/lanyard", home);
    else {
        fputs("lanyard run: neither XDG_DATA_HOME nor HOME is set; give --db FILE\n", stderr);
        return -1;
    }
    if (mkdirs(base) != 0) {
        fprintf(stderr, "lanyard run: cannot create %s: %s\n", base, strerror(errno));
        return -1;
    }
    const char *name = strrchr(event_abs, '/');
    name = name && name[1] ? name + 1 : event_abs;
    char id[ID_LEN + 1];
    id_derived("event-folder", event_abs, id);
    int n = snprintf(out, outlen, "%s/%s-%.8s.db", base, name, id);
    if (n < 0 || (size_t)n >= outlen) {
        fputs("lanyard run: the data folder path is too long; give --db FILE\n", stderr);
        return -1;
    }
    return 0;
}

/* ---- one run of the kiosk ---- */

/* When an event of another name or date was loaded from USB, its database
 * starts anew: the old one is renamed after its event (visit_event_load.h).
 * 0, or 1 when that rename failed (the kiosk does not start on the wrong
 * database). */
static int switch_db(const EventConfig *cfg, const char *db_path)
{
    char msg[2400];
    int rc = event_load_switch_db(cfg, db_path, msg, sizeof msg);
    if (rc != 0)
        fprintf(stderr, "lanyard run: %s\n", msg);
    return rc < 0 ? 1 : 0;
}

/* Whether the database opens now (app_fault_run's retry): 0 when it does,
 * else -1 with why. */
static int db_opens(void *ud, char *why, size_t whylen)
{
    Store *s = NULL;
    if (store_open(ud, STORE_OPEN_CREATE, &s, why, whylen) != STORE_OK)
        return -1;
    store_close(s);
    return 0;
}

/* Records in the database the event it is run with, so that `lanyard merge`
 * tells this event's databases from another's. A database recorded as of
 * another event (event.ini's name corrected by hand, or --db naming an
 * earlier event's file) is now of this one, and that is said. */
static void record_event(Store *s, const EventConfig *cfg)
{
    EventIdent now, was;
    event_ident_set(&now, cfg->name, cfg->date);
    StoreStatus st = store_event_get(s, &was);
    if (st == STORE_OK && event_ident_same(&was, &now))
        return;
    if (st == STORE_OK) {
        char a[600], b[600];
        event_ident_describe(&was, a, sizeof a);
        event_ident_describe(&now, b, sizeof b);
        fprintf(stderr, "lanyard run: %s was the database of the event %s; it is now of %s\n",
                store_path(s), a, b);
    }
    if ((st == STORE_OK || st == STORE_NOT_FOUND) && store_event_set(s, &now) == STORE_OK)
        return;
    fprintf(stderr, "lanyard run: %s\n", store_errmsg(s));
}

/* Reads the event folder, opens its database, imports its lists when they
 * changed and runs the kiosk; app_run's status. A database that cannot be
 * used is said on screen until it can (app_fault_run). */
static int run_event(const AppOptions *o, const char *event_abs, const char *db_path)
{
    EventConfig cfg;
    ConfigDiagnostics diag;
    bool cfg_ok = cli_event_config_diag(event_abs, &cfg, &diag) == 0;
    if (!cfg_ok)
        fprintf(stderr, "lanyard run: running with the defaults for the settings above\n");
    if (switch_db(&cfg, db_path) != 0)
        return 1;
    Store *s = NULL;
    char err[1024];
    if (store_open(db_path, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return app_fault_run(o, &cfg, err, db_opens, (void *)db_path);
    }
    /* So that `lanyard badge` and `print` on this database use this event's
     * badge settings without being told. */
    if (store_setting_set(s, KEY_EVENT_DIR, event_abs) != STORE_OK)
        fprintf(stderr, "lanyard run: %s\n", store_errmsg(s));
    /* An event.ini with errors may have lost its name or date to them (an
     * unreadable one gives the defaults): the event recorded before stays. */
    if (cfg_ok)
        record_event(s, &cfg);
    visit_note_config(s, &diag); /* for staff home: staff never see stderr */
    visit_import_event(s, event_abs, time_now_ms());
    int status = app_run(o, s, &cfg);
    store_close(s);
    return status;
}

/* ---- the command ---- */

static bool parse_size(const char *s, int *w, int *h)
{
    char x;
    char rest;
    if (sscanf(s, "%d%c%d%c", w, &x, h, &rest) != 3 || (x != 'x' && x != 'X'))
        return false;
    return *w >= 100 && *h >= 100 && *w <= 16384 && *h <= 16384;
}

/* The kiosk has closed its database and its window. A staff job it gave up
 * waiting for (an export to a USB stick that stopped answering) may be
 * blocked inside a write to a stdio stream on the stick: exit() flushes every
 * stream, that one too, and would wait for the stick for ever. So the kiosk's
 * own streams are flushed and the process ends without that flush. */
static int end_run(int status)
{
    if (job_running() == 0)
        return status;
    fprintf(stderr, "lanyard run: left a USB stick that stopped answering as it was\n");
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}

int cmd_run(int argc, char **argv)
{
    int64_t started = time_monotonic_ms();
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    static const struct option opts[] = {
        {"event", required_argument, NULL, 'e'},
        {"db", required_argument, NULL, 'd'},
        {"windowed", no_argument, NULL, 'w'},
        {"size", required_argument, NULL, 's'},
        {"script", required_argument, NULL, 'S'},
        {"screenshot", required_argument, NULL, 'P'},
        {0},
    };
    const char *event = NULL, *db = NULL;
    AppOptions o;
    memset(&o, 0, sizeof o);
    o.asset_dir = assets_dir();
    o.started_ms = started;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            event = optarg;
            break;
        case 'd':
            db = optarg;
            break;
        case 'w':
            o.windowed = true;
            break;
        case 's':
            if (!parse_size(optarg, &o.width, &o.height))
                return cli_usage_error("run", "--size wants WxH, e.g. 800x480, not '%s'", optarg);
            break;
        case 'S':
            o.script = optarg;
            break;
        case 'P':
            o.screenshot = optarg;
            break;
        default:
            return cli_usage_error("run", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);

    char event_abs[PATH_MAX], demo[PATH_MAX];
    snprintf(demo, sizeof demo, "%s/demo", assets_dir());
    const char *dir = event ? event : demo;
    struct stat st;
    if (!realpath(dir, event_abs) || stat(event_abs, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "lanyard run: %s is not an event folder: %s\n", dir,
                errno ? strerror(errno) : "not a directory");
        return 1;
    }
    char db_path[PATH_MAX];
    if (db)
        snprintf(db_path, sizeof db_path, "%s", db);
    else if (default_db_path(event_abs, db_path, sizeof db_path) != 0)
        return 1;
    for (;;) {
        int status = run_event(&o, event_abs, db_path);
        if (status != APP_RESTART)
            return end_run(status);
        if (o.script) {
            /* A scripted run ends where the kiosk would start again; the
             * database is switched as that start would. */
            EventConfig cfg;
            cli_event_config(event_abs, &cfg);
            return switch_db(&cfg, db_path);
        }
        fprintf(stderr, "lanyard run: starting again\n");
    }
}
