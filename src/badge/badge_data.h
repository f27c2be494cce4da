/* badge_data.h — what a guest's badge shows, read from the event database:
 * name, company, role, and the QR link built from the programs they picked. */
#ifndef LANYARD_BADGE_DATA_H
#define LANYARD_BADGE_DATA_H

#include <stddef.h>

#include "badge/badge_render.h"
#include "core/event_config.h"
#include "core/guest.h"
#include "store/store.h"

typedef struct BadgeData {
    Guest guest;
    char *url;
    BadgeContent content; /* points into guest, url and the config's event name */
} BadgeData;

/* Loads guest_id's badge. 0; or -1 with err filled (no such guest, database
 * error, out of memory). cfg must outlive out->content. */
int badge_data_load(Store *s, const EventConfig *cfg, const char *guest_id, BadgeData *out,
                    char *err, size_t errlen);
void badge_data_free(BadgeData *d);

/* Finds a guest by registration code (code != NULL) or id. 0, or -1 with err. */
int badge_guest_find(Store *s, const char *code, const char *id, char out_id[ID_LEN + 1], char *err,
                     size_t errlen);

#endif
