/* kiosk_idle.h — the kiosk going back to Welcome by itself, for its router
 * (kiosk.c): a guest who has left anything behind (another screen, another
 * language, high contrast) and stopped touching the screen is asked "Still
 * there?" with the seconds left, then the kiosk starts afresh for the next. */
#ifndef LANYARD_UI_KIOSK_IDLE_H
#define LANYARD_UI_KIOSK_IDLE_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/kiosk.h"

/* When the kiosk goes back to Welcome by itself, or INT64_MAX. */
int64_t kiosk_idle_deadline(const Kiosk *k);
/* How long before that "Still there?" shows. */
int64_t kiosk_idle_prompt_ms(const Kiosk *k);
/* "Still there?" is on screen. */
bool kiosk_idle_prompting(const Kiosk *k, int64_t now);
/* What the guest would lose by walking away, which the prompt says, or NULL:
 * the picks on Interests (saved by Continue only, SPEC §3), a walk-in's
 * corrections on their form (saved by Save). */
const char *kiosk_idle_unsaved(const Kiosk *k);
/* Draws it over the screen. */
void kiosk_idle_prompt_draw(Kiosk *k, int64_t now);

#endif
