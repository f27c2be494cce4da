/* kiosk_speech.c — spoken guidance (issue 11): a guest who cannot see the
 * screen turns it on with Accessibility on Welcome (or F1, or the keypad's
 * *) and hears each screen's title and what to do (the screen's own speak),
 * the control the focus moves to ("Host interns, checkbox, not selected"),
 * search results as the rows show them (masked: "Ana G. — Acme Welding"),
 * notices and the idle prompt. One utterance a frame, which cuts off the one
 * before; the engine speaks on its own thread (SpeechPort), so nothing here
 * waits. The guidance is the visit's: the idle reset ends it. */
#include "ui/kiosk_speech.h"

#include <stdio.h>
#include <string.h>

#include "ui/kiosk_focus.h"
#include "ui/screens/screen.h"

#define VOLUME_STEP 10

static void append(char *out, size_t outlen, const char *text)
{
    if (!text || !*text)
        return;
    size_t n = strlen(out);
    if (n + 2 >= outlen)
        return;
    snprintf(out + n, outlen - n, "%s%s", n ? " " : "", text);
}

static const char *lang(const Kiosk *k)
{
    return ui_lang_code(k->lang);
}

static bool on(const Kiosk *k)
{
    return k->speech && k->env.speech.say;
}

void kiosk_say(Kiosk *k, const char *text)
{
    if (on(k)) {
        append(k->say_more, sizeof k->say_more, text);
        k->dirty = true;
    }
}

void kiosk_speech_toggle(Kiosk *k)
{
    const SpeechPort *p = &k->env.speech;
    k->dirty = true;
    if (k->speech) {
        if (p->say)
            p->say(p->ud, lang(k), kiosk_tr(k, S_SAY_OFF));
        k->speech = false;
        return;
    }
    k->speech = true;
    if (!k->volume)
        k->volume = k->env.cfg->speech_volume;
    if (p->volume)
        p->volume(p->ud, k->volume);
    k->say_more[0] = '\0';
    kiosk_say(k, kiosk_tr(k, S_SAY_ON));
    k->say_screen = true;
    k->said_focus = 0;
    kiosk_focus_guide(k); /* not left on Accessibility, one Tab from Español */
}

void kiosk_speech_end(Kiosk *k)
{
    if (k->speech && k->env.speech.stop)
        k->env.speech.stop(k->env.speech.ud);
    k->speech = false;
    k->say_screen = false;
    k->say_more[0] = '\0';
    k->said_focus = 0;
    k->said_prompt = false;
}

/* The volume is the kiosk's, kept across visits (event.ini's speech_volume
 * at start): staff set it with the same keys, and hear the level even with
 * guidance off. */
void kiosk_speech_volume(Kiosk *k, int delta)
{
    int v = (k->volume ? k->volume : k->env.cfg->speech_volume) + delta * VOLUME_STEP;
    k->volume = v < VOLUME_STEP ? VOLUME_STEP : v > 100 ? 100 : v;
    const SpeechPort *p = &k->env.speech;
    if (p->volume)
        p->volume(p->ud, k->volume);
    char line[80];
    snprintf(line, sizeof line, kiosk_tr(k, S_SAY_VOLUME_FMT), k->volume);
    if (on(k))
        kiosk_say(k, line);
    else if (p->say)
        p->say(p->ud, lang(k), line);
}

/* A key's label as said: a tone mark, shown on a dotted circle, by its name
 * (a voice reads the circle and not the mark). */
static const char *key_said(const Kiosk *k, const char *label)
{
    static const struct {
        const char *mark;
        UiStr name;
    } MARKS[] = {{"\u0300", S_SAY_MARK_GRAVE},
                 {"\u0301", S_SAY_MARK_ACUTE},
                 {"\u0303", S_SAY_MARK_TILDE},
                 {"\u0309", S_SAY_MARK_HOOK},
                 {"\u0323", S_SAY_MARK_DOT}};
    static const char CIRCLE[] = "\u25CC";
    if (strncmp(label, CIRCLE, sizeof CIRCLE - 1) != 0)
        return label;
    for (size_t i = 0; i < sizeof MARKS / sizeof MARKS[0]; i++)
        if (!strcmp(label + sizeof CIRCLE - 1, MARKS[i].mark))
            return kiosk_tr(k, MARKS[i].name);
    return label;
}

/* "Host interns, checkbox, not selected": the label as shown, its kind, its
 * state. A result row's label is the masked one the row shows. */
static void describe(const Kiosk *k, const UiWidget *w, char *out, size_t outlen)
{
    const char *label = ui_view_text(k->view, w->text);
    switch (w->kind) {
    case UI_W_CHECK:
        snprintf(out, outlen, "%s, %s, %s.", label, kiosk_tr(k, S_SAY_CHECKBOX),
                 kiosk_tr(k, w->flags & UI_WF_CHECKED ? S_SAY_SELECTED : S_SAY_NOT_SELECTED));
        break;
    case UI_W_FIELD:
        snprintf(out, outlen, "%s, %s%s%s.", label, kiosk_tr(k, S_SAY_FIELD),
                 w->flags & UI_WF_EMPTY ? ", " : "",
                 w->flags & UI_WF_EMPTY ? kiosk_tr(k, S_SAY_EMPTY) : "");
        break;
    case UI_W_ROW:
        snprintf(out, outlen, "%s, %s.", label, kiosk_tr(k, S_SAY_ROW));
        break;
    case UI_W_KEY:
        snprintf(out, outlen, "%s, %s.", key_said(k, label), kiosk_tr(k, S_SAY_KEY));
        break;
    default:
        snprintf(out, outlen, "%s, %s.", label, kiosk_tr(k, S_SAY_BUTTON));
        break;
    }
}

static void screen_text(Kiosk *k, char *out, size_t outlen)
{
    const UiScreen *s = kiosk_screen(k);
    char buf[1024] = "";
    if (s->speak)
        s->speak(k, kiosk_state(k, k->screen), buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%s", kiosk_tr(k, S_SAY_STAFF));
    append(out, outlen, buf);
}

void kiosk_speech_frame(Kiosk *k, const char *prompt)
{
    if (!on(k)) {
        k->say_more[0] = '\0';
        return;
    }
    char out[2048] = "";
    append(out, sizeof out, k->say_more);
    k->say_more[0] = '\0';
    if (k->say_screen)
        screen_text(k, out, sizeof out);
    if (prompt && !k->said_prompt)
        append(out, sizeof out, prompt);
    k->said_prompt = prompt != NULL;
    const UiWidget *w = kiosk_focus_widget(k);
    /* The focus, when it moved or its state changed: a box ticked, or the
     * key it is on turned into another with the keyboard's page ("áé"
     * becomes "ăłđ" where the guest pressed it). */
    uint32_t said = w ? w->id ^ (w->flags & UI_WF_CHECKED ? 0x80000000u : 0) : 0;
    if (w && w->kind == UI_W_KEY)
        for (const unsigned char *c = (const unsigned char *)ui_view_text(k->view, w->text); *c;
             c++)
            said = (said ^ *c) * 16777619u;
    if (w && (said != k->said_focus || k->say_screen)) {
        char line[600];
        describe(k, w, line, sizeof line);
        append(out, sizeof out, line);
    }
    k->said_focus = said;
    k->say_screen = false;
    if (out[0])
        k->env.speech.say(k->env.speech.ud, lang(k), out);
}
