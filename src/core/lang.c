/* lang.c — the known languages and the event date in each. See lang.h. */
#include "core/lang.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "core/timefmt.h"

const char *const LANG_CODES[] = {"en", "es"};
const size_t LANG_COUNT = sizeof LANG_CODES / sizeof LANG_CODES[0];

static const char *const MONTHS_EN[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const MONTHS_ES[12] = {
    "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
    "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre",
};

const char *lang_find(const char *s, size_t len)
{
    for (size_t i = 0; i < LANG_COUNT; i++)
        if (len == strlen(LANG_CODES[i]) && strncasecmp(s, LANG_CODES[i], len) == 0)
            return LANG_CODES[i];
    return NULL;
}

int lang_format_date(const char *ymd, const char *lang, char *out, size_t outlen)
{
    int y, m, d;
    if (!time_parse_date(ymd, &y, &m, &d)) {
        text_copy(out, outlen, ymd);
        return -1;
    }
    if (lang && strcmp(lang, "es") == 0)
        snprintf(out, outlen, "%d de %s de %d", d, MONTHS_ES[m - 1], y);
    else
        snprintf(out, outlen, "%s %d, %d", MONTHS_EN[m - 1], d, y);
    return 0;
}
