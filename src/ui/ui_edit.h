/* ui_edit.h — the one text editor behind every text field of the kiosk: the
 * text, its caret, and the edits a keyboard (on screen or hardware) makes.
 *
 * UTF-8 throughout: the caret is a byte offset that never falls inside a
 * character, Backspace removes one character and Delete one grapheme (an
 * accented letter typed as two code points goes at once). Control characters
 * typed are dropped. Drawing is ui_field's (ui_widgets.h). */
#ifndef LANYARD_UI_EDIT_H
#define LANYARD_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"

#define UI_EDIT_BYTES 512

typedef struct UiEdit {
    char text[UI_EDIT_BYTES];
    size_t len, caret;
} UiEdit;

/* Starts from text (cut at a character boundary when longer than the editor
 * holds), the caret at its end. */
void ui_edit_set(UiEdit *e, const char *utf8);
/* Inserts typed text at the caret, stopping at max_chars characters in all.
 * True when something was inserted. */
bool ui_edit_insert(UiEdit *e, const char *utf8, size_t max_chars);
/* Backspace, Delete, Left, Right, Home, End. True when the text changed
 * (a caret move changes only the caret). */
bool ui_edit_key(UiEdit *e, UiKey key);
/* Puts the caret at the end. */
void ui_edit_end(UiEdit *e);

#endif
