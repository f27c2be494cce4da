/* sdl_input.h — SDL's input events as the kiosk's UiEvents, and the events a
 * scripted run makes up (taps, typing, keys by name) as SDL events, so they
 * take the same path as a real finger or keyboard.
 *
 * Pointer positions arrive in the window's pixels (a finger's as a fraction
 * of the window) and leave in the kiosk's upright picture, which may be
 * turned on the panel ([kiosk] rotate): the input space says how. */
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

/* Where pointer events land: the window's size, how far the kiosk's picture
 * is turned on it, and the one finger followed (a second finger on the glass
 * is ignored until the first lifts). */
typedef struct InputSpace {
    int rotate; /* 0, 90, 180 or 270: the picture turned clockwise */
    int w, h;   /* the window, in the pixels SDL reports pointer positions in */
    bool finger_down;
    SDL_TouchID touch;
    SDL_FingerID finger;
} InputSpace;

/* A point of the window to the upright picture, and back. */
void input_to_view(const InputSpace *sp, int wx, int wy, int *vx, int *vy);
void input_to_window(const InputSpace *sp, int vx, int vy, int *wx, int *wy);

/* What an SDL event is to the kiosk. Letters arrive as SDL_TEXTINPUT; a key
 * event is passed on only for keys that are not text (or with Ctrl/Alt).
 * Fingers are followed through SDL_FINGER* events; the mouse events SDL makes
 * up from them are ignored, so a tap counts once. */
InputKind input_translate(InputSpace *sp, const SDL_Event *e, UiEvent *out);

/* A left-button mouse event (SDL_MOUSEBUTTONDOWN/UP, or SDL_MOUSEMOTION with
 * the button held) at x, y in the window. */
SDL_Event input_mouse(Uint32 type, int x, int y, Uint32 window_id);
/* A finger event (SDL_FINGERDOWN/UP/MOTION) at window pixel x, y, as a touch
 * screen reports it: normalized by the window's size. */
SDL_Event input_finger(Uint32 type, int x, int y, const InputSpace *sp, Uint32 window_id);
/* Typed text: n bytes of s (one character). */
SDL_Event input_text(const char *s, size_t n, Uint32 window_id);
/* A key press by SDL name with modifiers joined by '+' ("Return", "Alt+F4",
 * "ctrl+q"); *up gets its release. False for a name SDL does not know. */
bool input_key(const char *spec, Uint32 window_id, SDL_Event *down, SDL_Event *up);

#endif
