/* kiosk_speech.h — spoken guidance, for the kiosk's router (kiosk.c): what
 * each frame says once it is laid out, the volume, and the end of a visit's
 * guidance. kiosk_say and kiosk_speech_toggle (screen.h) are the screens'. */
#ifndef LANYARD_UI_KIOSK_SPEECH_H
#define LANYARD_UI_KIOSK_SPEECH_H

#include <stdbool.h>

#include "ui/kiosk.h"

/* After a frame is laid out: says the screen when it is new, the idle prompt
 * when it has just come up (prompt: its text, or NULL when not shown), what
 * the screens asked to be said, and the focused control when it changed. */
void kiosk_speech_frame(Kiosk *k, const char *prompt);
/* Louder (delta > 0) or softer by delta percent; said when guidance is on. */
void kiosk_speech_volume(Kiosk *k, int delta);
/* The visit is over (the idle reset, staff mode): guidance stops. */
void kiosk_speech_end(Kiosk *k);

#endif
