/* ui_keyboard.c — key tables and layout of the on-screen keyboard. See ui_keyboard.h. */
#include "ui/ui_keyboard.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

typedef enum KeyKind {
    K_CHAR,
    K_SHIFT,
    K_BACKSPACE,
    K_ENTER,
    K_HIDE,
    K_PAGE_LETTERS,
    K_PAGE_NUMBERS,
    K_PAGE_ACCENTS,
    K_PAGE_MORE,
    K_SPACE,
    K_END_ROW, /* not a key: ends a row */
} KeyKind;

typedef struct KeyDef {
    KeyKind kind;
    const char *lower, *upper; /* K_CHAR: what it types */
    int units;                 /* width in half keys */
    const char *label;         /* K_CHAR: what it shows, when not what it types */
} KeyDef;

#define C(l, u)                                                                                    \
    {                                                                                              \
        K_CHAR, l, u, 2, NULL                                                                      \
    }
/* A combining mark, shown on a dotted circle: typed after a letter, it joins
 * it (ui_edit_insert composes "ê" and a tilde into "ễ"). */
#define MARK(m)                                                                                    \
    {                                                                                              \
        K_CHAR, m, m, 2, "\u25CC" m                                                                \
    }
#define ROW_END                                                                                    \
    {                                                                                              \
        K_END_ROW, NULL, NULL, 0, NULL                                                             \
    }
#define PAGE(k)                                                                                    \
    {                                                                                              \
        k, NULL, NULL, 3, NULL                                                                     \
    }
/* The row every page shares after its two page switches. */
#define BOTTOM_KEYS                                                                                \
    C("@", "@"), {K_SPACE, " ", " ", 8, NULL}, {K_CHAR, ".com", ".com", 3, NULL},                  \
        {K_HIDE, NULL, NULL, 3, NULL}, ROW_END

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
    {K_BACKSPACE, NULL, NULL, 3, NULL},
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
    {K_ENTER, NULL, NULL, 3, NULL},
    ROW_END,
    {K_SHIFT, NULL, NULL, 3, NULL},
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
    {K_BACKSPACE, NULL, NULL, 3, NULL},
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
    {K_ENTER, NULL, NULL, 3, NULL},
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
    {K_BACKSPACE, NULL, NULL, 3, NULL},
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
    {K_ENTER, NULL, NULL, 3, NULL},
    ROW_END,
    {K_SHIFT, NULL, NULL, 3, NULL},
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
    PAGE(K_PAGE_MORE),
    BOTTOM_KEYS,
};

/* Letters of Vietnamese, Polish, Czech, Turkish and Romanian names that the
 * accents page has no room for, and Vietnamese's five tone marks, which go on
 * any vowel of the first two rows (ư then a hook above: ử) and join any
 * letter they compose with (Slovak's l then the acute mark: ĺ). */
static const KeyDef MORE[] = {
    C("ă", "Ă"),
    C("â", "Â"),
    C("đ", "Đ"),
    C("ê", "Ê"),
    C("ô", "Ô"),
    C("ơ", "Ơ"),
    C("ư", "Ư"),
    C("ą", "Ą"),
    C("ę", "Ę"),
    C("ł", "Ł"),
    C("ť", "Ť"),
    {K_BACKSPACE, NULL, NULL, 3, NULL},
    ROW_END,
    C("ć", "Ć"),
    C("ń", "Ń"),
    C("ś", "Ś"),
    C("ź", "Ź"),
    C("ż", "Ż"),
    C("č", "Č"),
    C("ř", "Ř"),
    C("š", "Š"),
    C("ž", "Ž"),
    C("ě", "Ě"),
    C("ď", "Ď"),
    {K_ENTER, NULL, NULL, 3, NULL},
    ROW_END,
    {K_SHIFT, NULL, NULL, 3, NULL},
    C("ů", "Ů"),
    C("ň", "Ň"),
    C("ğ", "Ğ"),
    C("ş", "Ş"),
    C("ț", "Ț"),
    C("ı", "İ"),
    MARK("\u0300"),
    MARK("\u0301"),
    MARK("\u0309"),
    MARK("\u0303"),
    MARK("\u0323"),
    ROW_END,
    PAGE(K_PAGE_LETTERS),
    PAGE(K_PAGE_ACCENTS),
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
    case UI_KB_MORE:
        *n = sizeof MORE / sizeof MORE[0];
        return MORE;
    default:
        *n = sizeof LETTERS / sizeof LETTERS[0];
        return LETTERS;
    }
}

enum { KB_ROWS = 4, KB_MAX_LINES = 3 };

/* ---- rows split into lines ----
 * A row of twelve keys across a narrow, dense panel (the 7-inch Touch Display
 * 2 upright is 87 mm wide) would make each key under 9 mm wide; there each row
 * of keys is laid out on two (or three) lines instead, split where the keys
 * come out widest. */

/* One row's keys: [first, first + count) of the page's table. */
typedef struct KbRow {
    size_t first;
    int count;
} KbRow;

/* The rows of a page; returns how many. */
static int page_rows(const KeyDef *keys, size_t n, KbRow *rows)
{
    int nrows = 0;
    size_t i = 0;
    while (i < n && nrows < KB_ROWS) {
        rows[nrows].first = i;
        while (i < n && keys[i].kind != K_END_ROW)
            i++;
        rows[nrows].count = (int)(i - rows[nrows].first);
        nrows++;
        i++; /* the row end */
    }
    return nrows;
}

/* The width of the narrowest key of keys laid out on one line w wide with
 * gaps g (a pixel less than the exact share, for rounding). */
static int narrowest_key(const KeyDef *keys, int count, int w, int g)
{
    int units = 0, least = 0;
    for (int c = 0; c < count; c++) {
        units += keys[c].units;
        if (!least || keys[c].units < least)
            least = keys[c].units;
    }
    if (units == 0)
        return w;
    return (w - (count + 1) * g) * least / units - 1;
}

/* Where a row is split into `lines` lines: ends[l] is the count of keys up to
 * the end of line l. Returns the narrowest key it leaves. */
static int split_row(const KeyDef *keys, int count, int lines, int w, int g, int *ends)
{
    if (lines <= 1 || count < lines) {
        ends[0] = count;
        for (int l = 1; l < lines; l++)
            ends[l] = count;
        return narrowest_key(keys, count, w, g);
    }
    int best = -1;
    for (int a = 1; a < count; a++) {
        int b_lo = lines == 3 ? a + 1 : count, b_hi = lines == 3 ? count - 1 : count;
        for (int b = b_lo; b <= b_hi; b++) {
            int m = narrowest_key(keys, a, w, g);
            int m2 = narrowest_key(keys + a, b - a, w, g);
            if (m2 < m)
                m = m2;
            if (lines == 3) {
                int m3 = narrowest_key(keys + b, count - b, w, g);
                if (m3 < m)
                    m = m3;
            }
            if (m > best) {
                best = m;
                ends[0] = a;
                ends[1] = b;
                ends[2] = count;
            }
        }
    }
    return best;
}

static int key_gap(const UiTheme *t)
{
    return ui_sc(t, 4);
}

/* Lines per row for a keyboard w wide: the fewest at which every one-letter
 * key of every page is a touch target wide (all pages alike, so turning the
 * page does not move the screen). */
static int kb_lines(const UiTheme *t, int w)
{
    if (t->target_mm <= 0)
        return 1;
    for (int lines = 1; lines < KB_MAX_LINES; lines++) {
        bool fits = true;
        for (int p = UI_KB_LETTERS; p <= UI_KB_MORE && fits; p++) {
            size_t n;
            const KeyDef *keys = page_keys((UiKbPage)p, &n);
            KbRow rows[KB_ROWS];
            int ends[KB_MAX_LINES];
            for (int r = 0, nr = page_rows(keys, n, rows); r < nr && fits; r++)
                fits = split_row(keys + rows[r].first, rows[r].count, lines, w, key_gap(t), ends) >=
                       t->target_mm;
        }
        if (fits)
            return lines;
    }
    return KB_MAX_LINES;
}

/* The height of one line of keys. */
static int key_height(const UiTheme *t)
{
    /* Keys are touch targets too: at least 55 px and 9 mm, a little smaller
     * than buttons so the field and results still fit. */
    int row = t->target * 92 / 100;
    if (row < 55)
        row = 55;
    if (row < t->target_mm)
        row = t->target_mm;
    return row;
}

static int height_of(const UiTheme *t, int lines)
{
    int n = KB_ROWS * lines;
    return n * key_height(t) + (n + 1) * key_gap(t);
}

/* Lines per row that fit: a keyboard of more lines than the window holds
 * with room above it for a field and one row of results (a 5-inch 800x480
 * panel) keeps narrower keys instead. */
static int lines_within(const UiTheme *t, int w, int h)
{
    int lines = kb_lines(t, w), room = 2 * t->target + 3 * t->pad;
    while (lines > 1 && height_of(t, lines) > h - room)
        lines--;
    return lines;
}

int ui_keyboard_height(const UiTheme *t, int w, int h)
{
    return height_of(t, lines_within(t, w, h));
}

static const char *key_label(const KeyDef *k, const UiKeyboard *kb, UiLang lang)
{
    switch (k->kind) {
    case K_CHAR:
        return k->label ? k->label : kb->shift ? k->upper : k->lower;
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
    case K_PAGE_MORE:
        return ui_tr(lang, S_KEY_MORE_LETTERS);
    case K_SPACE:
        return ui_tr(lang, S_KEY_SPACE);
    default:
        return "";
    }
}

static void draw_key(UiView *v, const UiTheme *t, const UiInteract *in, const UiKeyboard *kb,
                     const KeyDef *k, UiRect kr, uint32_t id, UiLang lang)
{
    bool special = k->kind != K_CHAR && k->kind != K_SPACE;
    bool lit = k->kind == K_SHIFT && kb->shift;
    UiColor fill =
        special ? (t->contrast ? ui_rgb(40, 40, 40) : ui_rgb(0xB8, 0xC0, 0xCC)) : t->surface;
    if (lit)
        fill = t->primary;
    if (in->pressed == id)
        fill = ui_mix(fill, t->primary, 110);
    ui_draw_rect(v, kr, fill, ui_sc(t, 7));
    if (t->contrast)
        ui_draw_frame(v, kr, t->border, ui_sc(t, 7), 1);
    const char *label = key_label(k, kb, lang);
    /* One letter (or a mark on its circle) large; ".com" and the words small. */
    int px = k->kind == K_CHAR && text_codepoints(label) <= 2 ? t->px_title * 9 / 10 : t->px_body;
    UiColor fg = lit ? t->on_primary : t->text;
    /* A word on a narrow key (Spanish with larger text, a panel upright)
     * shrinks further before it is cut: "Ocul…" tells no one what it does. */
    int least = special ? ui_sc(t, 11) : t->px_small * 8 / 10;
    ui_text_in(v, ui_rect_inset(kr, ui_sc(t, 3)), label, px, least,
               k->kind == K_CHAR ? UI_REGULAR : UI_BOLD, fg, UI_CENTER);
    ui_widget_add(v, id, UI_W_KEY, kr, label, 0);
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
    int g = key_gap(t), lines = kb_lines(t, r.w);
    while (lines > 1 && height_of(t, lines) > r.h)
        lines--; /* as ui_keyboard_height chose */
    int nlines = KB_ROWS * lines;
    int rowh = (r.h - (nlines + 1) * g) / nlines;
    KbRow rows[KB_ROWS];
    int nrows = page_rows(keys, n, rows), key_index = 0;
    for (int row = 0; row < nrows; row++) {
        const KeyDef *rk = keys + rows[row].first;
        int ends[KB_MAX_LINES];
        split_row(rk, rows[row].count, lines, r.w, g, ends);
        for (int line = 0, c0 = 0; line < lines; c0 = ends[line], line++) {
            int count = ends[line] - c0, units = 0;
            for (int c = c0; c < ends[line]; c++)
                units += rk[c].units;
            int avail = r.w - (count + 1) * g, used = 0;
            int x = r.x + g, y = r.y + g + (row * lines + line) * (rowh + g);
            for (int c = 0; c < count; c++, key_index++) {
                used += rk[c0 + c].units;
                int x_end = r.x + g + (int)((long)avail * used / units) + c * g;
                draw_key(v, t, in, kb, &rk[c0 + c], ui_rect(x, y, x_end - x, rowh),
                         id_base + (uint32_t)key_index, lang);
                x = x_end + g;
            }
        }
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
        if (!k->label) /* a mark: the next letter is still the capital shift asked for */
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
    case K_PAGE_MORE:
        kb->page = UI_KB_MORE;
        return UI_KB_NONE;
    default:
        return UI_KB_NONE;
    }
}
