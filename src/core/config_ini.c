/* config_ini.c — one line of event.ini taken apart: [sections], "key = value",
 * full-line comments starting with ; or #, and inline comments after white space
 * (";" always, "#" when followed by white space, so "#1B4F8A" stays a colour).
 * A value may be wrapped in double quotes to keep a ; or # in it. Reading
 * (event_config.c) and rewriting one key (config_write.c) split lines alike. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/config_internal.h"

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start && config_is_blank(s[end - 1]))
        end--;
    return end;
}

ConfigIniLine config_ini_split(const char *s, size_t len)
{
    ConfigIniLine l = {.kind = CONFIG_INI_BLANK, .comment = len};
    size_t i = 0;
    while (i < len && config_is_blank(s[i]))
        i++;
    if (i == len || s[i] == ';' || s[i] == '#')
        return l;
    if (s[i] == '[') {
        const char *close = memchr(s + i, ']', len - i);
        l.kind = CONFIG_INI_BAD_SECTION;
        if (!close)
            return l;
        size_t a = i + 1, b = (size_t)(close - s);
        while (a < b && config_is_blank(s[a]))
            a++;
        b = trim_end(s, a, b);
        size_t j = (size_t)(close - s) + 1;
        while (j < len && config_is_blank(s[j]))
            j++;
        if (a == b || (j < len && s[j] != ';' && s[j] != '#'))
            return l;
        l.kind = CONFIG_INI_SECTION;
        l.name = s + a;
        l.name_len = b - a;
        return l;
    }
    const char *eq = memchr(s + i, '=', len - i);
    if (!eq) {
        l.kind = CONFIG_INI_NO_EQUALS;
        return l;
    }
    l.eq = (size_t)(eq - s);
    l.name = s + i;
    l.name_len = trim_end(s, i, l.eq) - i;
    if (l.name_len == 0) {
        l.kind = CONFIG_INI_NO_KEY;
        return l;
    }
    size_t j = l.eq + 1;
    while (j < len && config_is_blank(s[j]))
        j++;
    l.kind = CONFIG_INI_KEY;
    if (j < len && s[j] == '"') {
        const char *q = memchr(s + j + 1, '"', len - j - 1);
        if (!q) {
            l.kind = CONFIG_INI_BAD_QUOTE;
            return l;
        }
        l.value = s + j + 1;
        l.value_len = (size_t)(q - l.value);
        size_t k = (size_t)(q - s) + 1;
        while (k < len && config_is_blank(s[k]))
            k++;
        if (k < len && s[k] != ';' && s[k] != '#')
            l.kind = CONFIG_INI_BAD_QUOTE;
        l.comment = k;
        return l;
    }
    size_t k = j;
    for (; k < len; k++) {
        bool after_blank = k == j || config_is_blank(s[k - 1]);
        if (s[k] == ';' && after_blank)
            break;
        if (s[k] == '#' && after_blank && (k + 1 == len || config_is_blank(s[k + 1])))
            break;
    }
    l.comment = k;
    l.value = s + j;
    l.value_len = trim_end(s, j, k) - j;
    return l;
}

size_t config_ini_next_line(const char *text, size_t len, size_t pos, size_t *n)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    *n = end - pos;
    if (*n > 0 && text[pos + *n - 1] == '\r')
        (*n)--;
    return nl ? end + 1 : len;
}
