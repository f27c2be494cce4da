/* x11_errors.c — see x11_errors.h. */
#include "platform/x11_errors.h"

#include <X11/Xlib.h>
#include <X11/Xproto.h>

static XErrorHandler previous;

static int tolerate_late_wakeup(Display *dpy, XErrorEvent *e)
{
    if (e->error_code == BadWindow && e->request_code == X_SendEvent)
        return 0;
    return previous ? previous(dpy, e) : 0;
}

void x11_errors_install(void)
{
    /* Installed once; the first call's "previous" is Xlib's default handler. */
    if (!previous)
        previous = XSetErrorHandler(tolerate_late_wakeup);
}
