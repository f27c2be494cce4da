/* ui_edit.c — the text editor of the kiosk's fields. See ui_edit.h. */
#include "ui/ui_edit.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

void ui_edit_set(UiEdit *e, const char *utf8)
{
    text_copy(e->text, sizeof e->text, utf8);
    e->len = e->caret = strlen(e->text);
}

static size_t utf8_prev(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t utf8_next(const char *s, size_t i, size_t len)
{
    if (i >= len)
        return len;
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* A combining mark typed after a letter joins it, as a keyboard with dead
 * keys would type it: "ê" and a tilde (the on-screen keyboard's tone marks)
 * become "ễ", one character in the name as stored, searched and printed; a
 * second tone mark takes the first one's place (text_join_mark). Only that
 * letter changes. Backspace then takes the whole letter. Left as typed when
 * joining would make the text longer (a few exotic sequences) or cannot be
 * done. */
static void compose_before_caret(UiEdit *e)
{
    size_t from = text_last_grapheme_start(e->text, e->caret);
    char letter[UI_EDIT_BYTES];
    memcpy(letter, e->text + from, e->caret - from);
    letter[e->caret - from] = '\0';
    char *joined = text_join_mark(letter);
    if (!joined)
        return;
    size_t m = strlen(joined), had = e->caret - from;
    if (m <= had) {
        memmove(e->text + from + m, e->text + e->caret, e->len - e->caret + 1);
        memcpy(e->text + from, joined, m);
        e->len -= had - m;
        e->caret = from + m;
    }
    free(joined);
}

bool ui_edit_insert(UiEdit *e, const char *s, size_t max_chars)
{
    char clean[64];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < sizeof clean - 1; p++)
        if (*p >= 0x20 && *p != 0x7F)
            clean[n++] = (char)*p;
    clean[n] = '\0';
    if (!n || !text_is_utf8(clean, n))
        return false;
    /* A tone mark or accent tapped with no letter before it (an empty field,
     * after a space) would join nothing: it is not typed, rather than saved
     * invisible ("Welcome,̃ Hà!"). */
    if (text_starts_with_mark(clean) && !text_ends_with_letter(e->text, e->caret))
        return false;
    size_t have = text_codepoints(e->text), add = text_codepoints(clean);
    if (have + add > max_chars || e->len + n >= UI_EDIT_BYTES)
        return false;
    memmove(e->text + e->caret + n, e->text + e->caret, e->len - e->caret + 1);
    memcpy(e->text + e->caret, clean, n);
    e->len += n;
    e->caret += n;
    if ((unsigned char)clean[0] >= 0x80) /* only a mark can join what is before it */
        compose_before_caret(e);
    return true;
}

/* Takes the character before the caret as a reader sees it: a letter with
 * its marks, a whole emoji (a family is several code points), never half. */
static bool edit_backspace(UiEdit *e)
{
    if (e->caret == 0)
        return false;
    size_t p = text_last_grapheme_start(e->text, e->caret);
    memmove(e->text + p, e->text + e->caret, e->len - e->caret + 1);
    e->len -= e->caret - p;
    e->caret = p;
    return true;
}

static bool edit_delete(UiEdit *e)
{
    if (e->caret >= e->len)
        return false;
    size_t n = text_first_grapheme(e->text + e->caret);
    if (n == 0)
        n = utf8_next(e->text, e->caret, e->len) - e->caret;
    memmove(e->text + e->caret, e->text + e->caret + n, e->len - e->caret - n + 1);
    e->len -= n;
    return true;
}

bool ui_edit_key(UiEdit *e, UiKey key)
{
    switch (key) {
    case UI_KEY_BACKSPACE:
        return edit_backspace(e);
    case UI_KEY_DELETE:
        return edit_delete(e);
    case UI_KEY_LEFT:
        e->caret = utf8_prev(e->text, e->caret);
        return false;
    case UI_KEY_RIGHT:
        e->caret = utf8_next(e->text, e->caret, e->len);
        return false;
    case UI_KEY_HOME:
        e->caret = 0;
        return false;
    case UI_KEY_END:
        e->caret = e->len;
        return false;
    default:
        return false;
    }
}

void ui_edit_end(UiEdit *e)
{
    e->caret = e->len;
}
