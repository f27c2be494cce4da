/* sdl_input.h — SDL's input events as the kiosk's UiEvents, and the events a
 * scripted run makes up (taps, typing, keys by name) as SDL events, so they
 * take the same path as a real finger or keyboard. */
#ifndef LANYARD_SDL_INPUT_H
#define LANYARD_SDL_INPUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"

typedef enum InputKind {
    INPUT_IGNORED, /* nothing for the kiosk (hovering, key up, ...) */
    INPUT_UI,      /* *out is the kiosk's event */
    INPUT_REDRAW,  /* the window was exposed or resized */
    INPUT_LOST,    /* the renderer lost its textures: redraw from scratch */
} InputKind;

/* What an SDL event is to the kiosk. Letters arrive as SDL_TEXTINPUT; a key
 * event is passed on only for keys that are not text (or with Ctrl/Alt). */
InputKind input_translate(const SDL_Event *e, UiEvent *out);

/* A left-button mouse event (SDL_MOUSEBUTTONDOWN/UP, or SDL_MOUSEMOTION with
 * the button held) at x, y in the window. */
SDL_Event input_mouse(Uint32 type, int x, int y, Uint32 window_id);
/* Typed text: n bytes of s (one character). */
SDL_Event input_text(const char *s, size_t n, Uint32 window_id);
/* A key press by SDL name with modifiers joined by '+' ("Return", "Alt+F4",
 * "ctrl+q"); *up gets its release. False for a name SDL does not know. */
bool input_key(const char *spec, Uint32 window_id, SDL_Event *down, SDL_Event *up);

#endif
