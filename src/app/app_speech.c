/* app_speech.c — spoken guidance's engine for the kiosk: espeak-ng
 * (platform/speech_espeak.h) when the program was built with it, else none,
 * and the kiosk runs silent. LANYARD_SPEECH_WAV=DIR writes what is said as
 * WAV files in DIR instead of playing it (tests, and listening afterwards). */
#include <stdio.h>
#include <stdlib.h>

#include "app/app_internal.h"

#ifdef LANYARD_HAVE_ESPEAK
#include "platform/speech_espeak.h"

void app_speech_start(App *a, SpeechPort *port)
{
    const char *wav = getenv("LANYARD_SPEECH_WAV");
    char err[256];
    a->speech = speech_create(wav && *wav ? wav : NULL, err, sizeof err);
    if (!a->speech) {
        fprintf(stderr, "lanyard: spoken guidance is off: %s\n", err);
        return;
    }
    *port = (SpeechPort){speech_say, speech_stop, speech_volume, a->speech};
}

void app_speech_stop(App *a)
{
    speech_destroy(a->speech);
    a->speech = NULL;
}

#else

void app_speech_start(App *a, SpeechPort *port)
{
    (void)port;
    a->speech = NULL;
}

void app_speech_stop(App *a)
{
    (void)a;
}

#endif
