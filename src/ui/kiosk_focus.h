/* kiosk_focus.h — the kiosk without a touchscreen, for its router (kiosk.c
 * and kiosk_keys.c): arrow keys move the focus to the nearest control in
 * their direction (the on-screen keyboard's keys included), Space and Enter
 * press it, Escape presses the screen's Back, and a numeric keypad does the
 * same (8 2 4 6 move, 5 and Enter press, 0 is Back) everywhere but on the
 * PIN pad, where its digits are the PIN. F1 and the keypad's * turn spoken
 * guidance on and off, its + and - change the volume. */
#ifndef LANYARD_UI_KIOSK_FOCUS_H
#define LANYARD_UI_KIOSK_FOCUS_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/kiosk.h"

/* Arrows, Escape and the keypad; false when the key is not one of these (or
 * is left to the screen: Left and Right move a text field's caret). */
bool kiosk_focus_key(Kiosk *k, const UiEvent *ev, int64_t t, int64_t now);
/* Text typed: true when it was taken here (Space pressing the focused
 * control, the keypad's echo of a digit it already acted on). */
bool kiosk_focus_text(Kiosk *k, const char *utf8, int64_t now);
/* Return while an on-screen key holds the focus: true when it was pressed. */
bool kiosk_focus_enter(Kiosk *k, int64_t now);
/* Scrolls the area holding widget id, when it cuts it, so the focus is in
 * view. */
void kiosk_focus_reveal(Kiosk *k, uint32_t id);
/* The ring around the on-screen key holding the focus, over the screen. */
void kiosk_focus_draw(Kiosk *k);
/* The widget holding the focus in the last view (an on-screen key first), or
 * NULL. */
const UiWidget *kiosk_focus_widget(const Kiosk *k);
/* With spoken guidance on, the focus on the screen's first step (its
 * guide_id), which is then said: Enter there does what a sighted guest would
 * tap, and the first Tab lands on no "No", "Not you?" or Español. Where the
 * screen shows, and where guidance is turned on. */
void kiosk_focus_guide(Kiosk *k);

#endif
