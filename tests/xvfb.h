/* xvfb.h — an X server for the tests and benchmarks that run the kiosk in a
 * real window: Xvfb at 1280x800 on a display number it picks itself. No
 * cmocka here: the benchmarks and the window soak use it too. */
#ifndef LANYARD_TESTS_XVFB_H
#define LANYARD_TESTS_XVFB_H

#include <sys/types.h>

/* Starts Xvfb and points this process's environment (inherited by the
 * programs it starts) at it: DISPLAY set, SDL_VIDEODRIVER and WAYLAND_DISPLAY
 * unset. Its pid, or 0 when Xvfb is not installed or did not start. */
pid_t xvfb_start(void);
/* Stops it (pid 0: nothing). */
void xvfb_stop(pid_t pid);

#endif
