/* app_stop.c — stopping the kiosk from outside: systemd stops the service
 * with SIGTERM, a person in a terminal presses Ctrl+C. Both signals are taken
 * by a thread of their own (sigwait) rather than by a handler, so the event
 * loop can be woken safely (SDL_PushEvent from a thread); the loop then ends
 * as the kiosk's own Quit does: STOPPING=1 to systemd, the workers' last
 * copy, the database closed. A second signal ends the process at once. */
#include "app/app_internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

static atomic_bool stop_asked;
static Uint32 stop_event = (Uint32)-1;
static sigset_t stop_signals;
/* Whether SDL's event queue exists: the push must not meet SDL_Quit. */
static pthread_mutex_t sdl_mu = PTHREAD_MUTEX_INITIALIZER;
static bool sdl_up;

static void *stop_thread(void *arg)
{
    (void)arg;
    int sig = 0;
    if (sigwait(&stop_signals, &sig) != 0)
        return NULL;
    atomic_store(&stop_asked, true);
    pthread_mutex_lock(&sdl_mu);
    if (sdl_up && stop_event != (Uint32)-1) {
        SDL_Event e;
        SDL_zero(e);
        e.type = stop_event;
        (void)SDL_PushEvent(&e); /* a wake-up; without SDL, the flag is enough */
    }
    pthread_mutex_unlock(&sdl_mu);
    if (sigwait(&stop_signals, &sig) == 0)
        _exit(128 + sig);
    return NULL;
}

void app_stop_install(void)
{
    static bool installed; /* the main thread's, before any other thread */
    if (installed)
        return;
    installed = true;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    stop_event = SDL_RegisterEvents(1);
    /* Blocked here, and so in every thread started from now on (they inherit
     * the mask): only stop_thread takes them. */
    if (pthread_sigmask(SIG_BLOCK, &stop_signals, NULL) != 0)
        return;
    pthread_t t;
    if (pthread_create(&t, NULL, stop_thread, NULL) != 0) {
        pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
        return;
    }
    pthread_detach(t);
}

bool app_stop_asked(void)
{
    return atomic_load(&stop_asked);
}

void app_stop_sdl(bool up)
{
    pthread_mutex_lock(&sdl_mu);
    sdl_up = up;
    pthread_mutex_unlock(&sdl_mu);
}
