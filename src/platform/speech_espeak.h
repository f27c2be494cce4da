/* speech_espeak.h — the kiosk's voice through espeak-ng (offline, English
 * and Spanish among many), on a thread of its own.
 *
 * speech_say never waits: the worker synthesises with espeak-ng's
 * synchronous API and queues the samples on an SDL audio device, and a new
 * utterance cuts off the one playing. The audio device is opened when the
 * first utterance comes; without one the kiosk runs silent and says so once
 * on stderr. With a folder given, every utterance is written there as a WAV
 * file instead (speech-NNN.wav, with its text in speech-NNN.txt), none cut
 * off, for a test or a listen afterwards. Built only where libespeak-ng is
 * (the program runs without it). espeak-ng keeps its state in the process:
 * one Speech at a time. */
#ifndef LANYARD_SPEECH_ESPEAK_H
#define LANYARD_SPEECH_ESPEAK_H

#include <stddef.h>

typedef struct Speech Speech;

/* Starts the worker. wav_dir: write WAV files there rather than play; NULL
 * to play. NULL with err filled when the thread cannot start. */
Speech *speech_create(const char *wav_dir, char *err, size_t errlen);
/* Stops the worker: what plays is cut off; in WAV mode every utterance said
 * is written first. */
void speech_destroy(Speech *s);

/* The SpeechPort's functions (ui/ui_speech.h), with the Speech as ud. */
void speech_say(void *s, const char *lang, const char *text);
void speech_stop(void *s);
void speech_volume(void *s, int percent);

#endif
