/* fuzz_event_ini.c — event.ini of any bytes: it parses or names an error, and
 * what it leaves in the configuration is in range and terminated, since the
 * kiosk starts on it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/event_config.h"

#define TERMINATED(field) (memchr((field), '\0', sizeof(field)) != NULL)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EventConfig c;
    config_defaults(&c);
    ConfigDiagnostics diag;
    memset(&diag, 0, sizeof diag);
    int rc = config_parse(&c, (const char *)data, size, &diag);
    if (rc != 0 && diag.errors == 0)
        abort();
    for (size_t i = 0; i < diag.count && i < 32; i++) {
        if (!TERMINATED(diag.items[i].text))
            abort();
    }
    if (!TERMINATED(c.name) || !TERMINATED(c.date) || !TERMINATED(c.venue) || !TERMINATED(c.logo) ||
        !TERMINATED(c.kiosk_id) || !TERMINATED(c.badge_size) || !TERMINATED(c.qr_url) ||
        !TERMINATED(c.catalog_url) || !TERMINATED(c.printer) || !TERMINATED(c.sync_folder) ||
        !TERMINATED(c.pin_hash))
        abort();
    if (c.nlanguages > 4)
        abort();
    for (size_t i = 0; i < c.nlanguages; i++) {
        if (!TERMINATED(c.languages[i]))
            abort();
    }
    if (c.idle_timeout_s < 10 || c.idle_timeout_s > 3600 || c.badge_dpi < 100 ||
        c.badge_dpi > 1200 || !(c.badge_w_mm > 0) || !(c.badge_h_mm > 0))
        abort();
    return 0;
}
