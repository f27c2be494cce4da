/* sdl_display.h — the kiosk's screen: an SDL window and renderer that draw a
 * UiView (src/ui/ui.h) and measure its text.
 *
 * Opens the window fullscreen and locked down (keyboard grabbed), or as a
 * normal window for development; picks the renderer (SDL's software renderer
 * with the dummy video driver or when SDL_RENDER_DRIVER=software asks for it,
 * else an accelerated one with vsync); turns the view's draw commands into
 * SDL calls, text through a texture cache over the font module, rounded
 * shapes through a shape cache. With no display it says how to get one. It
 * knows nothing of screens, the kiosk or its data. */
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
/* The size to lay out for, in pixels. */
void display_size(Display *d, int *w, int *h);
/* Draws the view into the back buffer. */
void display_draw(Display *d, const UiView *v);
void display_present(Display *d);
/* Writes what was last drawn (before it is presented) as a PNG. 0, or -1
 * (said on stderr). */
int display_screenshot(Display *d, const char *path);
/* The renderer lost its textures (a device reset): drop the caches. */
void display_lost(Display *d);
/* The display's fonts, for rendering on the screen thread (a test badge). */
typedef struct FontSet FontSet;
FontSet *display_fonts(Display *d);
/* The window's SDL id, for events made up by a script. */
uint32_t display_window_id(Display *d);

#endif
