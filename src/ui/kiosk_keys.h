/* kiosk_keys.h — typing into the kiosk, for its router (kiosk.c): the
 * on-screen keyboard, the hardware keyboard and a barcode scanner's bursts. */
#ifndef LANYARD_UI_KIOSK_KEYS_H
#define LANYARD_UI_KIOSK_KEYS_H

#include <stdint.h>

#include "ui/kiosk.h"

/* Key index of the on-screen keyboard was tapped. */
void kiosk_keys_tap(Kiosk *k, int index, int64_t now);
/* Text typed at time t (the event's): it goes to the screen, and is kept as
 * a possible scan. */
void kiosk_keys_text(Kiosk *k, const char *utf8, int64_t t, int64_t now);
/* A key pressed at time t: Return ends a scan or presses, Tab moves focus. */
void kiosk_keys_key(Kiosk *k, const UiEvent *ev, int64_t t, int64_t now);

#endif
