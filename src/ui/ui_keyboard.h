/* ui_keyboard.h — the on-screen keyboard: letters (with shift), numbers and
 * symbols, accented letters (two pages), and the keys a guest needs for names and emails:
 * `@`, `.com`, space, backspace, Enter and hide.
 *
 * The caller keeps a UiKeyboard (page, shift) and lays the keys out each frame;
 * a tap on key i is turned into text or an action by ui_keyboard_press. */
#ifndef LANYARD_UI_KEYBOARD_H
#define LANYARD_UI_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"
#include "ui/ui_i18n.h"
#include "ui/ui_widgets.h"

/* MORE: letters of Vietnamese, Polish, Czech, Turkish and Romanian names and
 * Vietnamese's tone marks (ui_keyboard.c). */
typedef enum UiKbPage { UI_KB_LETTERS, UI_KB_NUMBERS, UI_KB_ACCENTS, UI_KB_MORE } UiKbPage;

typedef struct UiKeyboard {
    UiKbPage page;
    bool shift; /* next letter upper case */
    bool visible;
} UiKeyboard;

typedef enum UiKbAction {
    UI_KB_NONE, /* the key changed the keyboard itself (shift, page) */
    UI_KB_TEXT, /* insert text */
    UI_KB_BACKSPACE,
    UI_KB_ENTER,
    UI_KB_HIDE,
} UiKbAction;

/* Height the keyboard takes in a w x h window. Where a row of keys across w
 * would make keys narrower than the theme's target_mm (a narrow, dense panel
 * upright), each row takes two or three lines, as many as the window holds
 * with room for a field and a row of results above. */
int ui_keyboard_height(const UiTheme *t, int w, int h);
/* Draws the keys into r; key i gets widget id id_base + i. */
void ui_keyboard_layout(UiView *v, const UiTheme *t, const UiInteract *in, const UiKeyboard *kb,
                        UiRect r, uint32_t id_base, UiLang lang);
/* True for keys that repeat while held (backspace). */
bool ui_keyboard_repeats(const UiKeyboard *kb, int i);
/* Applies a tap on key i; fills text (NUL-terminated) for UI_KB_TEXT. */
UiKbAction ui_keyboard_press(UiKeyboard *kb, int i, char *text, size_t textlen);

#endif
