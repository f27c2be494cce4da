/* service_notify.c — sd_notify for lanyard-kiosk.service. See service_notify.h. */
#include "platform/service_notify.h"

#include <stdio.h>

#ifdef LANYARD_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

static void send_state(const char *state)
{
#ifdef LANYARD_HAVE_SYSTEMD
    int rc = sd_notify(0, state);
    if (rc < 0)
        fprintf(stderr, "lanyard: cannot tell systemd %s (error %d)\n", state, -rc);
#else
    (void)state;
#endif
}

bool service_notify_supported(void)
{
#ifdef LANYARD_HAVE_SYSTEMD
    return true;
#else
    return false;
#endif
}

void service_notify_init(ServiceNotify *n)
{
    n->interval_ms = 0;
    n->fed_ms = -1;
    n->ready = false;
#ifdef LANYARD_HAVE_SYSTEMD
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is set (and WATCHDOG_PID, if set, is ours). */
    if (sd_watchdog_enabled(0, &usec) > 0 && usec >= 1000)
        n->interval_ms = (int64_t)(usec / 1000);
#endif
}

void service_notify_ready(ServiceNotify *n)
{
    if (n->ready)
        return;
    n->ready = true;
    send_state("READY=1");
}

void service_notify_alive(ServiceNotify *n, int64_t now_ms)
{
    if (!n->interval_ms || !n->ready)
        return;
    if (n->fed_ms >= 0 && now_ms - n->fed_ms < n->interval_ms / 4)
        return;
    n->fed_ms = now_ms;
    send_state("WATCHDOG=1");
}

int service_notify_wait_ms(const ServiceNotify *n, int timeout_ms)
{
    if (!n->interval_ms)
        return timeout_ms;
    int64_t half = n->interval_ms / 2;
    if (half < 1)
        half = 1;
    if (half > 600000)
        half = 600000;
    if (timeout_ms < 0 || timeout_ms > half)
        return (int)half;
    return timeout_ms;
}

void service_notify_stopping(ServiceNotify *n)
{
    (void)n;
    send_state("STOPPING=1");
}
