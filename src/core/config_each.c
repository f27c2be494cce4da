/* config_each.c — config_each_key: the "key = value" lines of an event.ini
 * text, split as reading it does (config_ini.c), for code that carries keys
 * from one file to another (Load event from USB keeps the kiosk's own). */
#include <stdio.h>
#include <string.h>

#include "core/config_internal.h"
#include "core/event_config.h"

int config_each_key(const char *text, size_t len, ConfigEachFn fn, void *ud)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char section[64] = "", key[64], value[CONFIG_STR * 2];
    for (size_t pos = 0; pos < len;) {
        size_t n;
        size_t next = config_ini_next_line(text, len, pos, &n);
        ConfigIniLine l = config_ini_split(text + pos, n);
        pos = next;
        if (l.kind == CONFIG_INI_SECTION && l.name_len < sizeof section) {
            snprintf(section, sizeof section, "%.*s", (int)l.name_len, l.name);
        } else if (l.kind == CONFIG_INI_KEY && l.name_len < sizeof key &&
                   l.value_len < sizeof value) {
            snprintf(key, sizeof key, "%.*s", (int)l.name_len, l.name);
            snprintf(value, sizeof value, "%.*s", (int)l.value_len, l.value ? l.value : "");
            int rc = fn(section, key, value, ud);
            if (rc)
                return rc;
        }
    }
    return 0;
}
