/* cmd_checkin.c — `lanyard checkin`: checks a guest in from the command line
 * by registration code, guest id or name, or registers a walk-in, and prints
 * the attendance id once the check-in is on disk. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/event_config.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard checkin --db DB (--code CODE | --guest ID | --first F --last L\n"
    "                       [--company C] [--email E]) [--walk-in ...] [--event DIR]\n"
    "Checks a guest in and prints the attendance id. Checking in a guest who is\n"
    "already checked in makes no second attendance (the existing id is printed).\n\n"
    "  --code CODE     registration code (Eventbrite Attendee #, pretix order code, ...)\n"
    "  --guest ID      guest id\n"
    "  --first F --last L [--company C] [--email E]\n"
    "                  find a pre-registered guest by name; company or email narrow\n"
    "                  down an ambiguous name\n"
    "  --walk-in       register a new guest with --first, --last and optionally\n"
    "                  --company, --email, --title, --phone, --consent (an email\n"
    "                  already registered under the same name checks that guest in)\n"
    "  --kiosk ID      the kiosk recorded with the check-in (default: event.ini, or\n"
    "                  the host name)\n"
    "  --event DIR     the event folder (for its kiosk id)\n";

typedef struct CheckinArgs {
    const char *db, *code, *guest, *first, *last, *company, *email, *title, *phone;
    const char *kiosk, *event;
    bool walk_in, consent;
} CheckinArgs;

static int parse_args(int argc, char **argv, CheckinArgs *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"code", required_argument, NULL, 'c'},
        {"guest", required_argument, NULL, 'g'}, {"first", required_argument, NULL, 'f'},
        {"last", required_argument, NULL, 'l'},  {"company", required_argument, NULL, 'o'},
        {"email", required_argument, NULL, 'e'}, {"title", required_argument, NULL, 't'},
        {"phone", required_argument, NULL, 'p'}, {"kiosk", required_argument, NULL, 'k'},
        {"event", required_argument, NULL, 'E'}, {"walk-in", no_argument, NULL, 'w'},
        {"consent", no_argument, NULL, 'C'},     {0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->db = optarg;
            break;
        case 'c':
            a->code = optarg;
            break;
        case 'g':
            a->guest = optarg;
            break;
        case 'f':
            a->first = optarg;
            break;
        case 'l':
            a->last = optarg;
            break;
        case 'o':
            a->company = optarg;
            break;
        case 'e':
            a->email = optarg;
            break;
        case 't':
            a->title = optarg;
            break;
        case 'p':
            a->phone = optarg;
            break;
        case 'k':
            a->kiosk = optarg;
            break;
        case 'E':
            a->event = optarg;
            break;
        case 'w':
            a->walk_in = true;
            break;
        case 'C':
            a->consent = true;
            break;
        default:
            return cli_usage_error("checkin", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("checkin", "unexpected argument '%s'", argv[optind]);
    if (!a->db)
        return cli_usage_error("checkin", "--db DB is required");
    /* What is stored must be UTF-8: a terminal set to Latin-1 sends other bytes. */
    const struct {
        const char *name, *value;
    } texts[] = {
        {"--code", a->code},       {"--first", a->first}, {"--last", a->last},
        {"--company", a->company}, {"--email", a->email}, {"--title", a->title},
        {"--phone", a->phone},     {"--kiosk", a->kiosk},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i].value && !text_is_utf8(texts[i].value, strlen(texts[i].value)))
            return cli_usage_error(
                "checkin", "%s is not UTF-8 text (is the terminal set to UTF-8?)", texts[i].name);
    int ways = (a->code != NULL) + (a->guest != NULL) + (a->first || a->last || a->walk_in);
    if (ways != 1)
        return cli_usage_error("checkin", "give exactly one of --code, --guest, or --first/--last");
    if ((a->first || a->last || a->walk_in) && (!a->first || !*a->first || !a->last))
        return cli_usage_error("checkin", "--first and --last are both required");
    return 0;
}

/* Finds the guest by name; prints candidates when the name is ambiguous. */
static StoreStatus find_by_name(Store *s, const CheckinArgs *a, Guest *out)
{
    GuestList found;
    guest_list_init(&found);
    StoreStatus st = store_guests_by_name(s, a->first, a->last, a->company, a->email, &found);
    if (st == STORE_OK && found.count == 0)
        st = STORE_NOT_FOUND;
    if (st == STORE_OK && found.count > 1) {
        fprintf(stderr, "lanyard checkin: %zu guests are named %s %s; add --company or --email:\n",
                found.count, a->first, a->last);
        for (size_t i = 0; i < found.count; i++) {
            const Guest *g = &found.items[i];
            fprintf(stderr, "  %s %s  company: %s  email: %s  code: %s  (--guest %s)\n", g->first,
                    g->last, g->company, g->email, g->code, g->id);
        }
        st = STORE_AMBIGUOUS;
    }
    if (st == STORE_OK)
        guest_copy(out, &found.items[0]);
    guest_list_free(&found);
    return st;
}

static StoreStatus add_walkin(Store *s, const CheckinArgs *a, const char *kiosk, Guest *g)
{
    if (guest_set(&g->first, a->first) || guest_set(&g->last, a->last) ||
        guest_set(&g->company, a->company ? a->company : "") ||
        guest_set(&g->email, a->email ? a->email : "") ||
        guest_set(&g->title, a->title ? a->title : "") ||
        guest_set(&g->phone, a->phone ? a->phone : ""))
        return STORE_ERROR;
    g->consent = a->consent;
    bool added = false;
    StoreStatus st = store_walkin_add(s, g, kiosk, time_now_ms(), &added);
    /* The same person registering again is checked in as that guest, whom g
     * now holds as stored. */
    if (st == STORE_OK && !added)
        fprintf(stderr, "lanyard checkin: %s %s is already registered (code %s)\n", g->first,
                g->last, g->code);
    return st;
}

int cmd_checkin(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    CheckinArgs a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    EventConfig cfg;
    if (cli_event_config(a.event, &cfg) != 0)
        return 1;
    const char *kiosk = a.kiosk ? a.kiosk : cfg.kiosk_id;

    Store *s = cli_store_open("checkin", a.db, a.walk_in ? STORE_OPEN_CREATE : 0);
    if (!s)
        return 1;
    Guest g;
    guest_init(&g);
    StoreStatus st;
    if (a.walk_in)
        st = add_walkin(s, &a, kiosk, &g);
    else if (a.code)
        st = store_guest_by_code(s, a.code, &g);
    else if (a.guest)
        st = store_guest_get(s, a.guest, &g);
    else
        st = find_by_name(s, &a, &g);

    CheckinResult res = {0};
    if (st == STORE_OK)
        st = store_checkin(s, g.id, kiosk, time_now_ms(), &res);

    int status = 1;
    switch (st) {
    case STORE_OK:
        if (res.already) {
            char when[32];
            time_format_local(res.checked_in_at, when);
            fprintf(stderr, "lanyard checkin: %s %s was already checked in at %s\n", g.first,
                    g.last, when);
        }
        printf("%s\n", res.attendance_id);
        status = 0;
        break;
    case STORE_NOT_FOUND:
        if (a.code)
            fprintf(stderr, "lanyard checkin: no guest has the registration code '%s'\n", a.code);
        else if (a.guest)
            fprintf(stderr, "lanyard checkin: no guest has the id '%s'\n", a.guest);
        else
            fprintf(stderr,
                    "lanyard checkin: no pre-registered guest is named %s %s%s%s; "
                    "use --walk-in to register them\n",
                    a.first, a.last, a.company ? " at " : "", a.company ? a.company : "");
        break;
    case STORE_AMBIGUOUS:
        break; /* already said: the candidates, or whose email a walk-in gave */
    default:
        fprintf(stderr, "lanyard checkin: %s\n", store_errmsg(s));
        break;
    }
    guest_clear(&g);
    store_close(s);
    return status;
}
