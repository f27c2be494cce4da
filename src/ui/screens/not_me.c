/* not_me.c — "Not you?" from Interests asks before it undoes anything: a
 * guest who tapped the wrong name on Find me (or scanned someone else's
 * ticket) says so here, and the check-in made under that name is undone;
 * one who pressed Back, Escape or a keypad's 0 by habit, or brushed the
 * button, goes back to Interests with their picks as they were. */
#include <stdio.h>

#include "ui/screens/screen.h"

enum { ID_NO = 1, ID_YES };

/* "Not Ana?", or "Not you?" when the visit has no name to show. */
static void title(Kiosk *k, char *out, size_t n)
{
    const VisitGuest *g = visit_guest(k->env.visit);
    if (g && g->greet[0])
        snprintf(out, n, kiosk_tr(k, S_NOT_ME_TITLE_FMT), g->greet);
    else
        snprintf(out, n, "%s", kiosk_tr(k, S_NOT_ME_TITLE));
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_NO) {
        screen_interests_back(k, NULL, now);
    } else if (id == ID_YES) {
        if (visit_not_me(k->env.visit) != 0) {
            kiosk_help(k, now);
            return;
        }
        kiosk_forget(k);
        kiosk_go(k, SCREEN_FIND, now);
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)v;
    (void)now;
    const UiTheme *t = &k->theme;
    char big[300];
    title(k, big, sizeof big);
    ScreenMessage m = {0};
    m.mark = SCREEN_MARK_ALERT;
    m.mark_colour = t->warning;
    m.big = big;
    m.big_min_px = t->px_body;
    m.big_max_px = t->px_huge;
    m.small = kiosk_tr(k, S_NOT_ME_SUB);
    m.small_lines = 2;
    m.button = kiosk_tr(k, S_NOT_ME_YES);
    m.button_id = ID_YES;
    m.other = kiosk_tr(k, S_NOT_ME_NO);
    m.other_id = ID_NO;
    screen_message(k, &m);
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    char big[300];
    title(k, big, sizeof big);
    snprintf(out, outlen, "%s %s", big, kiosk_tr(k, S_NOT_ME_SUB));
}

const UiScreen screen_not_me = {
    .name = "not_me",
    .speak = speak,
    .back_id = ID_NO, /* Back, Escape: nothing undone */
    .idle_s = 30,     /* as Interests: unattended, the guest has walked away */
    .press = press,
    .layout = layout,
};
