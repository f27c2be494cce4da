/* sdl_display.h — the kiosk's screen: an SDL window and renderer that draw a
 * UiView (src/ui/ui.h) and measure its text.
 *
 * Opens the window fullscreen and locked down (keyboard grabbed), or as a
 * normal window for development; picks the renderer (sdl_renderer.h); turns
 * the view's draw commands into SDL calls, text through a texture cache over
 * the font module, rounded shapes through a shape cache. With no display it
 * says how to get one. It knows nothing of screens, the kiosk or its data.
 *
 * A panel mounted turned ([kiosk] rotate; SDL's KMSDRM driver ignores the
 * panel's own rotation): the view is laid out upright at the turned size,
 * drawn into a texture and copied turned into the window at present; pointer
 * positions are turned back by sdl_input.h's input space. */
#ifndef LANYARD_SDL_DISPLAY_H
#define LANYARD_SDL_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/ui.h"

typedef struct Display Display;

typedef struct DisplayOptions {
    bool windowed;         /* false: fullscreen (or borderless at a fixed size), locked down */
    int width, height;     /* 0: the desktop (kiosk) or 1280x800 (windowed) */
    const char *title;     /* the window's */
    const char *asset_dir; /* fonts/ */
    int rotate;            /* 0, 90, 180 or 270: the picture turned clockwise on the panel */
    const char *renderer;  /* auto, software, gpu, opengl, opengles2 (NULL: auto) */
    double screen_inches;  /* the panel's diagonal; 0: as the display reports it */
} DisplayOptions;

/* Starts SDL's video, SDL_ttf and SDL_image and opens the window. NULL when
 * there is no display (said on stderr, with what to do) or fonts are missing. */
Display *display_open(const DisplayOptions *o);
void display_close(Display *d);

/* Measures text with the display's fonts, for ui_view_begin. */
UiMeasure display_measure(Display *d);
/* Loads an image file for UI_CMD_IMAGE: its id, or -1 (said on stderr); *w, *h
 * get its size. */
int display_load_image(Display *d, const char *path, int *w, int *h);
/* The size to lay out for, in pixels: the window's, turned with the picture. */
void display_size(Display *d, int *w, int *h);
/* Pixels per millimetre of the panel: from screen_inches when given, else the
 * size the display reports (SDL_GetDisplayDPI) to a fullscreen kiosk; 0 when
 * neither is known. */
double display_px_per_mm(Display *d);
/* How pointer positions map to the view: the picture's rotation and the
 * window's size in the pixels SDL reports pointer positions in. */
void display_pointer_space(Display *d, int *rotate, int *w, int *h);
/* The SDL renderer's name ("software", "opengl", ...). */
const char *display_renderer_name(Display *d);
/* Draws the view into the back buffer. */
void display_draw(Display *d, const UiView *v);
void display_present(Display *d);
/* Writes what was last drawn (before it is presented) as a PNG: the upright
 * view, as a guest facing the panel sees it, whatever its rotation. 0, or -1
 * (said on stderr). */
int display_screenshot(Display *d, const char *path);
/* Puts what was drawn into the window as display_present does, without
 * presenting it (display_present does this first). */
void display_compose(Display *d);
/* The colour of window pixel x, y after display_compose (for tests of the
 * turned picture; with SDL's software renderer, after display_present too).
 * 0, or -1. */
int display_window_pixel(Display *d, int x, int y, UiColor *out);
/* The renderer lost its textures (a device reset): drop the caches. */
void display_lost(Display *d);
/* The display's fonts, for rendering on the screen thread (a test badge). */
typedef struct FontSet FontSet;
FontSet *display_fonts(Display *d);
/* The window's SDL id, for events made up by a script. */
uint32_t display_window_id(Display *d);

#endif
