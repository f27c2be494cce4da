/* speech_espeak.c — espeak-ng behind the kiosk's SpeechPort. See
 * speech_espeak.h. */
#include "platform/speech_espeak.h"

#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#define QUEUE 32

typedef struct Utterance {
    char lang[8];
    char *text;
} Utterance;

struct Speech {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool quit;
    Utterance queue[QUEUE];
    size_t head, len;
    atomic_int cancel; /* the utterance being made is cut off */
    atomic_int volume; /* percent */

    /* the worker's own */
    char *wav_dir;
    unsigned wav_seq;
    int rate;     /* samples a second; 0: espeak-ng did not start */
    char lang[8]; /* the voice set */
    SDL_AudioDeviceID dev;
    bool audio_tried;
    short *buf; /* WAV mode: the utterance's samples */
    size_t nbuf, capbuf;
};

/* espeak-ng's callback has no user data of its own for the synchronous API's
 * chunks: the one Speech synthesising (espeak-ng is one per process). */
static Speech *synthesising;

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    Speech *s = synthesising;
    if (!s || atomic_load(&s->cancel))
        return 1; /* stop synthesising */
    if (!wav || n <= 0)
        return 0;
    if (s->wav_dir) {
        if (s->nbuf + (size_t)n > s->capbuf) {
            size_t cap = (s->nbuf + (size_t)n) * 2;
            short *grown = realloc(s->buf, cap * sizeof *grown);
            if (!grown)
                return 1;
            s->buf = grown;
            s->capbuf = cap;
        }
        memcpy(s->buf + s->nbuf, wav, (size_t)n * sizeof *wav);
        s->nbuf += (size_t)n;
    } else if (s->dev) {
        SDL_QueueAudio(s->dev, wav, (Uint32)n * sizeof *wav);
    }
    return 0;
}

/* ---- on the worker ---- */

static void put_le(FILE *f, unsigned v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)((v >> (8 * i)) & 0xFF), f);
}

/* A 16-bit mono PCM WAV of the utterance, and its text beside it. */
static void write_wav(Speech *s, const Utterance *u)
{
    char path[1200];
    unsigned seq = s->wav_seq++;
    snprintf(path, sizeof path, "%s/speech-%03u.wav", s->wav_dir, seq);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "lanyard: cannot write %s: %s\n", path, strerror(errno));
        return;
    }
    unsigned data = (unsigned)(s->nbuf * 2);
    fwrite("RIFF", 1, 4, f);
    put_le(f, 36 + data, 4);
    fwrite("WAVEfmt ", 1, 8, f);
    put_le(f, 16, 4);
    put_le(f, 1, 2); /* PCM */
    put_le(f, 1, 2); /* mono */
    put_le(f, (unsigned)s->rate, 4);
    put_le(f, (unsigned)s->rate * 2, 4);
    put_le(f, 2, 2);
    put_le(f, 16, 2);
    fwrite("data", 1, 4, f);
    put_le(f, data, 4);
    for (size_t i = 0; i < s->nbuf; i++)
        put_le(f, (unsigned)(unsigned short)s->buf[i], 2);
    if (fclose(f) != 0)
        fprintf(stderr, "lanyard: cannot write %s: %s\n", path, strerror(errno));
    snprintf(path, sizeof path, "%s/speech-%03u.txt", s->wav_dir, seq);
    f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\n%s\n", u->lang, u->text);
        fclose(f);
    }
}

/* The audio device, opened the first time something is said; 0 when there
 * is none (said once). */
static SDL_AudioDeviceID audio(Speech *s)
{
    if (s->audio_tried)
        return s->dev;
    s->audio_tried = true;
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = s->rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0)
        s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!s->dev) {
        fprintf(stderr,
                "lanyard: no audio device for spoken guidance (%s); the kiosk runs "
                "silent\n",
                SDL_GetError());
        return 0;
    }
    SDL_PauseAudioDevice(s->dev, 0);
    return s->dev;
}

static void speak_one(Speech *s, const Utterance *u)
{
    if (!s->rate)
        return;
    if (!s->wav_dir && !audio(s))
        return;
    if (strcmp(s->lang, u->lang) != 0 && espeak_SetVoiceByName(u->lang) == EE_OK)
        snprintf(s->lang, sizeof s->lang, "%s", u->lang);
    /* espeak-ng's volume: 0 to 200, 100 its normal. */
    espeak_SetParameter(espeakVOLUME, atomic_load(&s->volume), 0);
    s->nbuf = 0;
    synthesising = s;
    espeak_Synth(u->text, strlen(u->text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, s);
    synthesising = NULL;
    if (s->wav_dir && !atomic_load(&s->cancel))
        write_wav(s, u);
}

static void *worker(void *arg)
{
    Speech *s = arg;
    s->rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (s->rate <= 0) {
        fprintf(stderr, "lanyard: espeak-ng could not start (is espeak-ng-data installed?); "
                        "spoken guidance is silent\n");
        s->rate = 0;
    } else {
        espeak_SetSynthCallback(on_samples);
    }
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (!s->quit && s->len == 0)
            pthread_cond_wait(&s->cv, &s->mu);
        if (s->len == 0 || (s->quit && !s->wav_dir))
            break;
        Utterance u = s->queue[s->head];
        s->head = (s->head + 1) % QUEUE;
        s->len--;
        atomic_store(&s->cancel, 0);
        pthread_mutex_unlock(&s->mu);
        speak_one(s, &u);
        free(u.text);
        pthread_mutex_lock(&s->mu);
    }
    pthread_mutex_unlock(&s->mu);
    if (s->rate)
        espeak_Terminate();
    /* SDL's error text of this thread (no audio device): SDL did not start
     * the thread, so it does not free it. */
    SDL_TLSCleanup();
    return NULL;
}

/* ---- the port ---- */

static void clear_queue(Speech *s)
{
    while (s->len) {
        free(s->queue[s->head].text);
        s->head = (s->head + 1) % QUEUE;
        s->len--;
    }
}

void speech_say(void *ud, const char *lang, const char *text)
{
    Speech *s = ud;
    char *copy = strdup(text);
    if (!copy)
        return;
    pthread_mutex_lock(&s->mu);
    if (!s->wav_dir) {
        /* The newest cuts off what is being said and what waits. */
        clear_queue(s);
        atomic_store(&s->cancel, 1);
        if (s->dev)
            SDL_ClearQueuedAudio(s->dev);
    } else if (s->len == QUEUE) {
        free(copy); /* a test that says this much without a pause */
        pthread_mutex_unlock(&s->mu);
        return;
    }
    Utterance *u = &s->queue[(s->head + s->len) % QUEUE];
    snprintf(u->lang, sizeof u->lang, "%s", lang);
    u->text = copy;
    s->len++;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

void speech_stop(void *ud)
{
    Speech *s = ud;
    pthread_mutex_lock(&s->mu);
    if (!s->wav_dir) {
        clear_queue(s);
        atomic_store(&s->cancel, 1);
        if (s->dev)
            SDL_ClearQueuedAudio(s->dev);
    }
    pthread_mutex_unlock(&s->mu);
}

void speech_volume(void *ud, int percent)
{
    Speech *s = ud;
    atomic_store(&s->volume, percent < 0 ? 0 : percent > 100 ? 100 : percent);
}

Speech *speech_create(const char *wav_dir, char *err, size_t errlen)
{
    Speech *s = calloc(1, sizeof *s);
    if (!s || (wav_dir && !(s->wav_dir = strdup(wav_dir)))) {
        snprintf(err, errlen, "out of memory");
        free(s);
        return NULL;
    }
    atomic_init(&s->cancel, 0);
    atomic_init(&s->volume, 80);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    int rc = pthread_create(&s->thread, NULL, worker, s);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the speech thread: %s", strerror(rc));
        pthread_mutex_destroy(&s->mu);
        pthread_cond_destroy(&s->cv);
        free(s->wav_dir);
        free(s);
        return NULL;
    }
    return s;
}

void speech_destroy(Speech *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->quit = true;
    if (!s->wav_dir) {
        clear_queue(s);
        atomic_store(&s->cancel, 1);
    }
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    if (s->dev)
        SDL_CloseAudioDevice(s->dev);
    if (s->audio_tried)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    clear_queue(s);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s->buf);
    free(s->wav_dir);
    free(s);
}
