/* test_speech_wav.c — a real spoken run: the kiosk on a script with spoken
 * guidance on, espeak-ng writing each utterance as a WAV file
 * (LANYARD_SPEECH_WAV), in English and in Spanish. Every file is read back
 * here: 16-bit mono PCM, not silent (RMS), never clipped, and about as long
 * as its words take to say. With sox installed, scripts/speech-check agrees.
 * Without a sound card the kiosk runs the same and says so once. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "ui_driver.h"

typedef struct Wav {
    int rate;
    size_t n;
    double seconds, rms, peak;
    size_t clipped;
} Wav;

static unsigned le(const unsigned char *p, int bytes)
{
    unsigned v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void read_wav(const char *path, Wav *w)
{
    size_t len;
    unsigned char *raw = (unsigned char *)tu_read(path, &len);
    assert_non_null(raw);
    assert_true(len >= 44);
    assert_memory_equal(raw, "RIFF", 4);
    assert_memory_equal(raw + 8, "WAVEfmt ", 8);
    assert_int_equal(le(raw + 20, 2), 1);  /* PCM */
    assert_int_equal(le(raw + 22, 2), 1);  /* mono */
    assert_int_equal(le(raw + 34, 2), 16); /* bits */
    assert_memory_equal(raw + 36, "data", 4);
    w->rate = (int)le(raw + 24, 4);
    size_t bytes = le(raw + 40, 4);
    assert_int_equal(bytes + 44, len);
    w->n = bytes / 2;
    double sum = 0;
    w->peak = 0;
    w->clipped = 0;
    for (size_t i = 0; i < w->n; i++) {
        int x = (int16_t)le(raw + 44 + 2 * i, 2);
        double v = x / 32768.0;
        sum += v * v;
        if (fabs(v) > w->peak)
            w->peak = fabs(v);
        if (x >= 32767 || x <= -32768)
            w->clipped++;
    }
    w->seconds = (double)w->n / w->rate;
    w->rms = w->n ? sqrt(sum / (double)w->n) : 0;
    free(raw);
}

static int words(const char *text)
{
    int n = 0;
    bool in = false;
    for (const char *p = text; *p; p++) {
        bool sp = *p == ' ' || *p == '\n';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_wav(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && !strcmp(e->d_name + n - 4, ".wav");
}

static void spoken_run(const char *script, const char *lang, const char *first_words)
{
    char *dir = tu_tempdir();
    char *wavs = tu_path(dir, "said");
    assert_int_equal(mkdir(wavs, 0755), 0);
    char *db = tu_path(dir, "k.db");
    setenv("LANYARD_SPEECH_WAV", wavs, 1);
    TuRun r = uid_script_run(&(UidScript){.name = script, .db = db});
    unsetenv("LANYARD_SPEECH_WAV");
    uid_expect_ok(&r);
    tu_run_free(&r);

    struct dirent **list;
    int n = scandir(wavs, &list, is_wav, by_name);
    assert_true(n >= 5);
    for (int i = 0; i < n; i++) {
        char *path = tu_path(wavs, list[i]->d_name);
        Wav w;
        read_wav(path, &w);
        char txt[1200];
        snprintf(txt, sizeof txt, "%.*s.txt", (int)(strlen(path) - 4), path);
        size_t tl;
        char *text = tu_read(txt, &tl);
        assert_non_null(text);
        /* The language it was said in, on the first line. */
        assert_int_equal(strncmp(text, lang, strlen(lang)), 0);
        if (i == 0)
            assert_non_null(strstr(text, first_words));
        int nw = words(text) - 1;
        /* Heard: at least -30 dBFS, no sample at full scale, and a tenth of
         * a second to a second a word (espeak-ng says about three words a
         * second). */
        if (w.rms < 0.03 || w.clipped || w.seconds < 0.1 * nw || w.seconds > 1.0 * nw + 0.5)
            fail_msg("%s (%d words): %.2f s, RMS %.3f, peak %.3f, %zu clipped", list[i]->d_name, nw,
                     w.seconds, w.rms, w.peak, w.clipped);
        if (i == 0 && access("/usr/bin/sox", X_OK) == 0) {
            char *check = tu_source("scripts/speech-check");
            const char *argv[] = {check, path, NULL};
            TuRun c = tu_run(argv, NULL);
            if (c.status != 0)
                fail_msg("speech-check: %s%s", c.out, c.err);
            assert_non_null(strstr(c.out, "ok"));
            tu_run_free(&c);
            free(check);
        }
        free(text);
        free(path);
        free(list[i]);
    }
    free(list);
    tu_rmtree(dir);
    free(db);
    free(wavs);
    free(dir);
}

static void test_english(void **state)
{
    (void)state;
    spoken_run("speech", "en", "Spoken guidance on");
}

static void test_spanish(void **state)
{
    (void)state;
    spoken_run("speech_es", "es", "Guía hablada activada");
}

/* No sound card: the kiosk runs the same, and says so once. */
static void test_no_audio(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *db = tu_path(dir, "k.db");
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    TuRun r = uid_script_run(&(UidScript){.name = "speech", .db = db});
    unsetenv("SDL_AUDIODRIVER");
    uid_expect_ok(&r);
    const char *said = strstr(r.err, "no audio device for spoken guidance");
    assert_non_null(said);
    assert_null(strstr(said + 1, "no audio device"));
    tu_run_free(&r);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

int main(void)
{
    /* No screen needed, and no sound card: the words go to files. */
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_no_audio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
