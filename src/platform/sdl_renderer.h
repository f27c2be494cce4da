/* sdl_renderer.h — which SDL renderer the kiosk draws with ([kiosk] renderer).
 *
 * A GPU draws a kiosk frame in well under a millisecond. Where OpenGL is
 * Mesa's software rasteriser instead (llvmpipe, softpipe, swrast: Xvfb, a
 * remote X display, a machine without a GPU driver), it draws the same frames
 * no faster than SDL's software renderer and keeps ~60 MB more resident (its
 * LLVM code), which breaks the kiosk's memory budget. Those pages stay once the
 * library is loaded, even after the GL renderer is destroyed, so with "auto" a
 * short-lived child process asks what OpenGL is here before this process
 * loads it, and the kiosk draws in software when it is a rasteriser. On the
 * console (KMSDRM, no X11 or Wayland) nothing is asked: the accelerated
 * renderer is created and checked in place.
 *
 * "software" and "gpu" choose without asking; "opengl" and "opengles2" ask SDL
 * for that driver by name. SDL_RENDER_DRIVER=software in the environment
 * still means software, and the dummy video driver always does. */
#ifndef LANYARD_SDL_RENDERER_H
#define LANYARD_SDL_RENDERER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct RenderProbe RenderProbe;

/* Starts asking what OpenGL is here, in a child process, when want is "auto"
 * (or NULL/"") on an X11 or Wayland display. Call it before SDL starts in this
 * process. NULL when there is nothing to ask. */
RenderProbe *render_probe_start(const char *want);
/* Stops a probe whose answer is not wanted (the child is ended). */
void render_probe_cancel(RenderProbe *p);

/* The renderer for win as want asks (the probe's answer read and freed here).
 * note gets one line on what was chosen and why, for the log ("" when there is
 * nothing to say). NULL when no renderer at all can be created. */
SDL_Renderer *render_create(SDL_Window *win, const char *want, RenderProbe *probe, char *note,
                            size_t notelen);

/* True for the GL_RENDERER string of a software rasteriser. */
bool render_gl_is_software(const char *gl_renderer);

#endif
