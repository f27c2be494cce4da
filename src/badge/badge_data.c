/* badge_data.c — gathers a badge's texts and QR link from the store. */
#include "badge/badge_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/link.h"

int badge_data_load(Store *s, const EventConfig *cfg, const char *guest_id, BadgeData *out,
                    char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    guest_init(&out->guest);
    StoreStatus st = store_guest_get(s, guest_id, &out->guest);
    if (st != STORE_OK) {
        snprintf(err, errlen, "%s", st == STORE_NOT_FOUND ? "no such guest" : store_errmsg(s));
        badge_data_free(out);
        return -1;
    }
    char **programs = NULL, **kinds = NULL;
    size_t nprograms = 0, nkinds = 0;
    st = store_interests_get(s, out->guest.id, &programs, &nprograms, &kinds, &nkinds);
    if (st != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        badge_data_free(out);
        return -1;
    }
    /* Guests get a code when imported (store_import_guests), but one imported
     * by an older version whose list has not changed since, or merged in from
     * such a kiosk's database, may still have none. Their id stands in: it is
     * as stable as the code would be (derived from the list, the same on every
     * kiosk, still found after a merge folds it away) and a scan finds a guest
     * by it (visit_check_in_code), so no badge carries an empty code. */
    const char *code = out->guest.code[0] ? out->guest.code : out->guest.id;
    out->url =
        link_build(cfg->qr_url, cfg->catalog_url, code, (const char *const *)programs, nprograms);
    store_strings_free(programs, nprograms);
    store_strings_free(kinds, nkinds);
    if (!out->url) {
        snprintf(err, errlen, "out of memory");
        badge_data_free(out);
        return -1;
    }
    out->content.event_name = cfg->name;
    out->content.first = out->guest.first;
    out->content.last = out->guest.last;
    out->content.company = out->guest.company;
    out->content.role = out->guest.role;
    out->content.url = out->url;
    return 0;
}

void badge_data_free(BadgeData *d)
{
    guest_clear(&d->guest);
    free(d->url);
    d->url = NULL;
}

int badge_guest_find(Store *s, const char *code, const char *id, char out_id[ID_LEN + 1], char *err,
                     size_t errlen)
{
    Guest g;
    guest_init(&g);
    StoreStatus st = code ? store_guest_by_code(s, code, &g) : store_guest_get(s, id, &g);
    if (st == STORE_OK)
        snprintf(out_id, ID_LEN + 1, "%s", g.id);
    else if (st == STORE_NOT_FOUND)
        snprintf(err, errlen, "no guest with %s %s", code ? "code" : "id", code ? code : id);
    else
        snprintf(err, errlen, "%s", store_errmsg(s));
    guest_clear(&g);
    return st == STORE_OK ? 0 : -1;
}
