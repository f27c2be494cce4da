/* x11_errors.h — keeps one harmless X11 race from ending the kiosk.
 *
 * SDL 2.26 (Debian 12) wakes a waiting event loop by sending an X event to the
 * window from its own second X connection. When a print worker posts its last
 * notice just as the kiosk closes, the server can see the window destroyed
 * before that wake-up arrives, answers BadWindow, and Xlib's default handler
 * exits the process with status 1 (fixed upstream in SDL 2.28, PR 7550). */
#ifndef LANYARD_X11_ERRORS_H
#define LANYARD_X11_ERRORS_H

/* Installs an Xlib error handler that ignores BadWindow from a SendEvent
 * request and passes every other error to the handler it replaces. Call before
 * SDL_Init; harmless when X11 is not used. */
void x11_errors_install(void);

#endif
