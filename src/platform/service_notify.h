/* service_notify.h — telling systemd how the kiosk is doing (sd_notify).
 *
 * lanyard-kiosk.service is Type=notify with a watchdog: the kiosk says READY=1
 * once its first frame is on the screen, WATCHDOG=1 from its event loop while
 * that loop runs (so a frozen kiosk is restarted), and STOPPING=1 when it ends.
 * Started by hand (no NOTIFY_SOCKET), or built without libsystemd, every call
 * does nothing. No SDL here: the event loop calls it. */
#ifndef LANYARD_SERVICE_NOTIFY_H
#define LANYARD_SERVICE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ServiceNotify {
    int64_t interval_ms; /* the watchdog's interval (WATCHDOG_USEC); 0: no watchdog */
    int64_t fed_ms;      /* monotonic ms of the last WATCHDOG=1; -1: never */
    bool ready;          /* READY=1 sent */
} ServiceNotify;

/* Reads the watchdog's interval from the environment systemd gives. */
void service_notify_init(ServiceNotify *n);
/* READY=1, once. */
void service_notify_ready(ServiceNotify *n);
/* WATCHDOG=1 when a quarter of the interval has passed since the last one (the
 * first call after READY=1 always feeds). now_ms: the monotonic clock. */
void service_notify_alive(ServiceNotify *n, int64_t now_ms);
/* The longest the event loop may wait for input: timeout_ms (-1: forever)
 * shortened to half the watchdog's interval, so an idle loop still feeds it. */
int service_notify_wait_ms(const ServiceNotify *n, int timeout_ms);
/* STOPPING=1. */
void service_notify_stopping(ServiceNotify *n);
/* false when built without libsystemd (no message can be sent). */
bool service_notify_supported(void);

#endif
