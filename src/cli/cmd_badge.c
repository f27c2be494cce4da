/* cmd_badge.c — `lanyard badge`: renders one guest's badge to a PNG (at the
 * label's dpi) or a PDF (page exactly the label size), as it would print. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "badge/badge_data.h"
#include "badge/badge_render.h"
#include "cli/cli.h"
#include "core/event_config.h"
#include "platform/font.h"
#include "store/store.h"

static const char HELP[] =
    "Usage: lanyard badge --db DB (--code CODE | --guest ID) --out FILE.png|FILE.pdf\n"
    "                     [--event DIR]\n"
    "Renders a guest's badge: event name, name, company, role and a QR code linking\n"
    "to the programs they picked. Label size, dpi and the QR link come from the\n"
    "event's event.ini ([badge] size, dpi, qr_url, catalog_url); defaults without it.\n\n"
    "  --db DB         the event database\n"
    "  --code CODE     the guest's registration code\n"
    "  --guest ID      the guest's id\n"
    "  --out FILE      FILE.png (at the label's dpi) or FILE.pdf (page = label size)\n"
    "  --event DIR     the event folder\n";

static bool has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && !strcasecmp(path + n - e, ext);
}

static int parse_args(int argc, char **argv, CliGuestArgs *a)
{
    int rc = cli_parse_guest_args("badge", argc, argv, "out", a);
    if (rc)
        return rc;
    if (!a->own)
        return cli_usage_error("badge", "--out FILE.png or FILE.pdf is required");
    if (!has_ext(a->own, ".png") && !has_ext(a->own, ".pdf"))
        return cli_usage_error("badge", "--out must name a .png or .pdf file, not '%s'", a->own);
    return 0;
}

int cmd_badge(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return 0;
    }
    CliGuestArgs a;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    EventConfig cfg;
    if (cli_event_config_for_db("badge", a.event, a.db, &cfg) != 0)
        return 1;
    Store *s = cli_store_open("badge", a.db, STORE_OPEN_READONLY);
    if (!s)
        return 1;

    char err[640];
    char id[ID_LEN + 1];
    BadgeData d;
    FontSet *fonts = NULL;
    BadgeImage *badge = NULL;
    int status = 1;
    if (badge_guest_find(s, a.code, a.guest, id, err, sizeof err) != 0 ||
        badge_data_load(s, &cfg, id, &d, err, sizeof err) != 0) {
        fprintf(stderr, "lanyard badge: %s\n", err);
        store_close(s);
        return 1;
    }
    fonts = font_set_create(NULL, err, sizeof err);
    if (fonts) {
        BadgeSpec spec;
        badge_spec_from_config(&cfg, &spec);
        badge = badge_render(fonts, &spec, &d.content, NULL, err, sizeof err);
        if (badge) {
            char title[256];
            snprintf(title, sizeof title, "Badge %s %s", d.guest.first, d.guest.last);
            const char *out = a.own; /* --out */
            rc = has_ext(out, ".pdf")
                     ? badge_save_pdf(badge, spec.w_mm, spec.h_mm, title, out, err, sizeof err)
                     : badge_save_png(badge, out, err, sizeof err);
            status = rc == 0 ? 0 : 1;
        }
    }
    if (status != 0)
        fprintf(stderr, "lanyard badge: %s\n", err);
    badge_image_free(badge);
    font_set_destroy(fonts);
    badge_data_free(&d);
    store_close(s);
    return status;
}
