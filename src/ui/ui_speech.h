/* ui_speech.h — the kiosk's voice: what it needs from a speech engine.
 *
 * A port in the style of visit/ports.h: a small struct of functions and the
 * user data they get. The kiosk decides what is said and when
 * (kiosk_speech.c); platform/speech_espeak.c speaks it through espeak-ng on
 * a thread of its own, and a test fills the port with a recorder. A port
 * whose say is NULL is absent: the kiosk runs silent, as without a sound
 * card. */
#ifndef LANYARD_UI_SPEECH_H
#define LANYARD_UI_SPEECH_H

typedef struct SpeechPort {
    /* Starts saying text (UTF-8) in the language lang ("en", "es"), cutting
     * off whatever was being said. Never blocks. */
    void (*say)(void *ud, const char *lang, const char *text);
    /* Stops speaking now. Optional. */
    void (*stop)(void *ud);
    /* Loudness from 0 to 100. Optional. */
    void (*volume)(void *ud, int percent);
    void *ud;
} SpeechPort;

#endif
