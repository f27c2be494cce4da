/* ui_keyboard.c — key tables and layout of the on-screen keyboard. See ui_keyboard.h. */
#include "ui/ui_keyboard.h"

#include <stdio.h>
#include <string.h>

typedef enum KeyKind {
    K_CHAR,
    K_SHIFT,
    K_BACKSPACE,
    K_ENTER,
    K_HIDE,
    K_PAGE_LETTERS,
    K_PAGE_NUMBERS,
    K_PAGE_ACCENTS,
    K_SPACE,
    K_END_ROW, /* not a key: ends a row */
} KeyKind;

typedef struct KeyDef {
    KeyKind kind;
    const char *lower, *upper; /* K_CHAR: what it types */
    int units;                 /* width in half keys */
} KeyDef;

#define C(l, u)                                                                                    \
    {                                                                                              \
        K_CHAR, l, u, 2                                                                            \
    }
#define ROW_END                                                                                    \
    {                                                                                              \
        K_END_ROW, NULL, NULL, 0                                                                   \
    }
#define PAGE(k)                                                                                    \
    {                                                                                              \
        k, NULL, NULL, 3                                                                           \
    }
/* The row every page shares after its two page switches. */
#define BOTTOM_KEYS                                                                                \
    C("@", "@"), {K_SPACE, " ", " ", 8}, {K_CHAR, ".com", ".com", 3}, {K_HIDE, NULL, NULL, 3},     \
        ROW_END

static const KeyDef LETTERS[] = {
    C("q", "Q"),
    C("w", "W"),
    C("e", "E"),
    C("r", "R"),
    C("t", "T"),
    C("y", "Y"),
    C("u", "U"),
    C("i", "I"),
    C("o", "O"),
    C("p", "P"),
    {K_BACKSPACE, NULL, NULL, 3},
    ROW_END,
    C("a", "A"),
    C("s", "S"),
    C("d", "D"),
    C("f", "F"),
    C("g", "G"),
    C("h", "H"),
    C("j", "J"),
    C("k", "K"),
    C("l", "L"),
    C("'", "'"),
    {K_ENTER, NULL, NULL, 3},
    ROW_END,
    {K_SHIFT, NULL, NULL, 3},
    C("z", "Z"),
    C("x", "X"),
    C("c", "C"),
    C("v", "V"),
    C("b", "B"),
    C("n", "N"),
    C("m", "M"),
    C("-", "-"),
    C(".", "."),
    C("_", "_"),
    ROW_END,
    PAGE(K_PAGE_NUMBERS),
    PAGE(K_PAGE_ACCENTS),
    BOTTOM_KEYS,
};

static const KeyDef NUMBERS[] = {
    C("1", "1"),
    C("2", "2"),
    C("3", "3"),
    C("4", "4"),
    C("5", "5"),
    C("6", "6"),
    C("7", "7"),
    C("8", "8"),
    C("9", "9"),
    C("0", "0"),
    {K_BACKSPACE, NULL, NULL, 3},
    ROW_END,
    C("-", "-"),
    C("/", "/"),
    C(":", ":"),
    C(";", ";"),
    C("(", "("),
    C(")", ")"),
    C("&", "&"),
    C("+", "+"),
    C("\"", "\""),
    C("'", "'"),
    {K_ENTER, NULL, NULL, 3},
    ROW_END,
    C("#", "#"),
    C("%", "%"),
    C("_", "_"),
    C(",", ","),
    C(".", "."),
    C("?", "?"),
    C("!", "!"),
    C("*", "*"),
    C("=", "="),
    C("$", "$"),
    C("~", "~"),
    ROW_END,
    PAGE(K_PAGE_LETTERS),
    PAGE(K_PAGE_ACCENTS),
    BOTTOM_KEYS,
};

static const KeyDef ACCENTS[] = {
    C("á", "Á"),
    C("é", "É"),
    C("í", "Í"),
    C("ó", "Ó"),
    C("ú", "Ú"),
    C("ñ", "Ñ"),
    C("ü", "Ü"),
    C("ç", "Ç"),
    C("à", "À"),
    C("è", "È"),
    {K_BACKSPACE, NULL, NULL, 3},
    ROW_END,
    C("â", "Â"),
    C("ê", "Ê"),
    C("î", "Î"),
    C("ô", "Ô"),
    C("û", "Û"),
    C("ä", "Ä"),
    C("ö", "Ö"),
    C("ë", "Ë"),
    C("ï", "Ï"),
    C("ã", "Ã"),
    {K_ENTER, NULL, NULL, 3},
    ROW_END,
    {K_SHIFT, NULL, NULL, 3},
    C("õ", "Õ"),
    C("å", "Å"),
    C("ø", "Ø"),
    C("æ", "Æ"),
    C("œ", "Œ"),
    C("ß", "ß"),
    C("ì", "Ì"),
    C("ò", "Ò"),
    C("ù", "Ù"),
    C("ý", "Ý"),
    ROW_END,
    PAGE(K_PAGE_LETTERS),
    PAGE(K_PAGE_NUMBERS),
    BOTTOM_KEYS,
};

static const KeyDef *page_keys(UiKbPage p, size_t *n)
{
    switch (p) {
    case UI_KB_NUMBERS:
        *n = sizeof NUMBERS / sizeof NUMBERS[0];
        return NUMBERS;
    case UI_KB_ACCENTS:
        *n = sizeof ACCENTS / sizeof ACCENTS[0];
        return ACCENTS;
    default:
        *n = sizeof LETTERS / sizeof LETTERS[0];
        return LETTERS;
    }
}

enum { KB_ROWS = 4 };

int ui_keyboard_height(const UiTheme *t, int w, int h)
{
    (void)w;
    (void)h;
    /* Keys are touch targets too: at least 55 px (9 mm on a 7-inch 800x480
     * panel), a little smaller than buttons so the field and results still fit. */
    int row = t->target * 92 / 100;
    if (row < 55)
        row = 55;
    return KB_ROWS * row + (KB_ROWS + 1) * ui_sc(t, 4);
}

static const char *key_label(const KeyDef *k, const UiKeyboard *kb, UiLang lang)
{
    switch (k->kind) {
    case K_CHAR:
        return kb->shift ? k->upper : k->lower;
    case K_SHIFT:
        return ui_tr(lang, S_KEY_SHIFT);
    case K_BACKSPACE:
        return ui_tr(lang, S_KEY_DELETE);
    case K_ENTER:
        return ui_tr(lang, S_KEY_ENTER);
    case K_HIDE:
        return ui_tr(lang, S_KEY_HIDE);
    case K_PAGE_LETTERS:
        return ui_tr(lang, S_KEY_LETTERS);
    case K_PAGE_NUMBERS:
        return ui_tr(lang, S_KEY_NUMBERS);
    case K_PAGE_ACCENTS:
        return ui_tr(lang, S_KEY_ACCENTS);
    case K_SPACE:
        return ui_tr(lang, S_KEY_SPACE);
    default:
        return "";
    }
}

void ui_keyboard_layout(UiView *v, const UiTheme *t, const UiInteract *in, const UiKeyboard *kb,
                        UiRect r, uint32_t id_base, UiLang lang)
{
    size_t n;
    const KeyDef *keys = page_keys(kb->page, &n);
    UiColor panel = t->contrast ? ui_rgb(0, 0, 0) : ui_rgb(0xD9, 0xDE, 0xE5);
    ui_draw_rect(v, r, panel, 0);
    if (t->contrast)
        ui_draw_line(v, r.x, r.y, r.x + r.w, r.y, t->border, t->border_w);
    int g = ui_sc(t, 4);
    int rowh = (r.h - (KB_ROWS + 1) * g) / KB_ROWS;
    size_t i = 0;
    int key_index = 0;
    for (int row = 0; row < KB_ROWS && i < n; row++) {
        int units = 0, count = 0;
        for (size_t j = i; j < n && keys[j].kind != K_END_ROW; j++, count++)
            units += keys[j].units;
        int avail = r.w - (count + 1) * g;
        int x = r.x + g;
        int y = r.y + g + row * (rowh + g);
        int used = 0;
        for (int c = 0; c < count; c++, i++, key_index++) {
            const KeyDef *k = &keys[i];
            used += k->units;
            int x_end = r.x + g + (int)((long)avail * used / units) + c * g;
            UiRect kr = ui_rect(x, y, x_end - x, rowh);
            x = x_end + g;
            uint32_t id = id_base + (uint32_t)key_index;
            bool special = k->kind != K_CHAR && k->kind != K_SPACE;
            bool lit = k->kind == K_SHIFT && kb->shift;
            UiColor fill = special ? (t->contrast ? ui_rgb(40, 40, 40) : ui_rgb(0xB8, 0xC0, 0xCC))
                                   : t->surface;
            if (lit)
                fill = t->primary;
            if (in->pressed == id)
                fill = ui_mix(fill, t->primary, 110);
            ui_draw_rect(v, kr, fill, ui_sc(t, 7));
            if (t->contrast)
                ui_draw_frame(v, kr, t->border, ui_sc(t, 7), 1);
            const char *label = key_label(k, kb, lang);
            int px = k->kind == K_CHAR && strlen(label) <= 2 ? t->px_title * 9 / 10 : t->px_body;
            UiColor fg = lit ? t->on_primary : t->text;
            ui_text_in(v, ui_rect_inset(kr, ui_sc(t, 3)), label, px, t->px_small * 8 / 10,
                       k->kind == K_CHAR ? UI_REGULAR : UI_BOLD, fg, UI_CENTER);
            ui_widget_add(v, id, UI_W_KEY, kr, label, 0);
        }
        i++; /* the row end */
    }
}

static const KeyDef *key_at(const UiKeyboard *kb, int index)
{
    size_t n;
    const KeyDef *keys = page_keys(kb->page, &n);
    int key_index = 0;
    for (size_t i = 0; i < n; i++) {
        if (keys[i].kind == K_END_ROW)
            continue;
        if (key_index++ == index)
            return &keys[i];
    }
    return NULL;
}

bool ui_keyboard_repeats(const UiKeyboard *kb, int index)
{
    const KeyDef *k = key_at(kb, index);
    return k && k->kind == K_BACKSPACE;
}

UiKbAction ui_keyboard_press(UiKeyboard *kb, int index, char *text, size_t textlen)
{
    const KeyDef *k = key_at(kb, index);
    if (!k)
        return UI_KB_NONE;
    switch (k->kind) {
    case K_CHAR:
    case K_SPACE:
        snprintf(text, textlen, "%s", kb->shift ? k->upper : k->lower);
        kb->shift = false;
        return UI_KB_TEXT;
    case K_SHIFT:
        kb->shift = !kb->shift;
        return UI_KB_NONE;
    case K_BACKSPACE:
        return UI_KB_BACKSPACE;
    case K_ENTER:
        return UI_KB_ENTER;
    case K_HIDE:
        return UI_KB_HIDE;
    case K_PAGE_LETTERS:
        kb->page = UI_KB_LETTERS;
        return UI_KB_NONE;
    case K_PAGE_NUMBERS:
        kb->page = UI_KB_NUMBERS;
        kb->shift = false;
        return UI_KB_NONE;
    case K_PAGE_ACCENTS:
        kb->page = UI_KB_ACCENTS;
        return UI_KB_NONE;
    default:
        return UI_KB_NONE;
    }
}
