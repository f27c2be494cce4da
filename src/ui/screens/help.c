/* help.c — "Please see a staff member": shown when a check-in, a walk-in or
 * interests could not be saved (the visit layer said why on stderr). Goes
 * back to Welcome by itself. */
#include <stdio.h>

#include "ui/screens/screen.h"

enum { ID_OK = 1 };

#define HELP_MS 20000

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_OK)
        kiosk_reset(k, now);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)v;
    (void)now;
    const UiTheme *t = &k->theme;
    ScreenMessage m = {0};
    m.mark = SCREEN_MARK_ALERT;
    m.mark_colour = t->warning;
    m.big = kiosk_tr(k, S_STAFF_TITLE);
    /* Long in some languages: it may shrink to body size, and grows no
     * larger than px_huge. */
    m.big_min_px = t->px_body;
    m.big_max_px = t->px_huge;
    m.small = kiosk_tr(k, S_STAFF_SUB);
    m.small_lines = 2;
    m.button = kiosk_tr(k, S_OK);
    m.button_id = ID_OK;
    screen_message(k, &m);
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, "%s. %s", kiosk_tr(k, S_STAFF_TITLE), kiosk_tr(k, S_STAFF_SUB));
}

const UiScreen screen_help = {
    .name = "help",
    .speak = speak,
    .back_id = ID_OK,
    .press = press,
    .shown_ms = HELP_MS,
    .layout = layout,
};
