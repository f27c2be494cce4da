/* done.c — Done (SPEC §3 screen 5) and Already checked in (screen 6): the
 * guest is greeted by name; Done says how their badge is printing and offers
 * Explore programs, then both go back to Welcome by themselves. Leaving Done,
 * by any way, ends the guest's visit. */
#include <stdio.h>

#include "ui/screens/screen.h"

enum { ID_OK = 1, ID_EXPLORE };

#define DONE_MS 6000
/* Done waits at most this long for a badge still printing (the queue gives up
 * only after its retries), then shows how it went for at least BADGE_SHOW_MS. */
#define BADGE_WAIT_MS 20000
#define BADGE_SHOW_MS 4000

/* The badge as the guest is told about it. */
typedef enum Badge {
    BADGE_NONE,
    BADGE_PRINTING,
    BADGE_PRINTED,
    BADGE_SAVED,
    BADGE_PAUSED, /* waiting for a stopped printer: it prints once staff start it */
    BADGE_FAILED,
    BADGE_EARLIER /* none from this visit: it printed when they checked in before */
} Badge;

typedef struct Done {
    Badge seen;      /* as of the last tick, which notes... */
    int64_t seen_at; /* ...when it changed */
} Done;

/* "Ready" only when it printed: a badge written as a file (no printer) is
 * saved for staff to print. */
static Badge badge(const Kiosk *k)
{
    VisitBadge b;
    if (!visit_badge(k->env.visit, &b))
        return visit_badge_earlier(k->env.visit) ? BADGE_EARLIER : BADGE_NONE;
    if (b.state == PRINT_DONE)
        return b.to_file ? BADGE_SAVED : BADGE_PRINTED;
    if (b.state == PRINT_FAILED)
        return BADGE_FAILED;
    return b.paused ? BADGE_PAUSED : BADGE_PRINTING;
}

/* When Done goes back to Welcome: DONE_MS after it opened, but a guest whose
 * badge is still printing waits to learn how it went. */
static int64_t until(const Kiosk *k, const Done *d)
{
    int64_t t = k->screen_at + DONE_MS;
    Badge b = badge(k);
    if (b == BADGE_NONE || b == BADGE_EARLIER)
        return t;
    if (b == BADGE_PRINTING)
        return k->screen_at + BADGE_WAIT_MS;
    return d->seen_at + BADGE_SHOW_MS > t ? d->seen_at + BADGE_SHOW_MS : t;
}

/* Explore programs: the guest's visit ends here, as at OK. Whoever browses
 * next may be the next person, within the idle timeout: no program page may
 * show or change the guest's interests (they picked them on Interests). */
static void explore(Kiosk *k, int64_t now)
{
    visit_end(k->env.visit);
    kiosk_forget(k);
    screen_programs_open(k, now);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_OK)
        kiosk_reset(k, now);
    else if (id == ID_EXPLORE)
        explore(k, now);
}

/* What the guest is told about their badge, or -1: nothing. */
static int badge_str(Badge b)
{
    switch (b) {
    case BADGE_PRINTING:
        return S_BADGE_PRINTING;
    case BADGE_PRINTED:
        return S_BADGE_PRINTED;
    case BADGE_SAVED:
        return S_BADGE_SAVED;
    case BADGE_PAUSED:
        return S_BADGE_PAUSED;
    case BADGE_FAILED:
        return S_BADGE_FAILED;
    case BADGE_EARLIER:
        return S_BADGE_EARLIER;
    case BADGE_NONE:
        break;
    }
    return -1;
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    Done *d = st;
    Badge b = badge(k);
    if (b != d->seen) {
        /* Spoken guidance says how it went (what it was, speak said). */
        if (d->seen != BADGE_NONE && badge_str(b) >= 0)
            kiosk_say(k, kiosk_tr(k, (UiStr)badge_str(b)));
        d->seen = b;
        d->seen_at = now;
    }
    if (now >= until(k, d))
        kiosk_reset(k, now);
    return false;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    const Done *d = st;
    return badge(k) != d->seen ? now : until(k, d);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)v;
    (void)now;
    const UiTheme *t = &k->theme;
    const VisitGuest *g = visit_guest(k->env.visit);
    UiColor green = t->success;
    ScreenMessage m = {0};
    m.status_colour = t->text;
    switch (badge(k)) {
    case BADGE_PRINTING:
        m.status = kiosk_tr(k, S_BADGE_PRINTING);
        m.status_colour = k->contrast ? t->text : t->primary;
        break;
    case BADGE_PRINTED:
        m.status = kiosk_tr(k, S_BADGE_PRINTED);
        m.status_colour = green;
        break;
    case BADGE_SAVED:
        m.status = kiosk_tr(k, S_BADGE_SAVED);
        m.status_colour = t->text;
        break;
    case BADGE_PAUSED:
    case BADGE_FAILED:
        m.status = kiosk_tr(k, (UiStr)badge_str(badge(k)));
        m.status_colour = t->error;
        break;
    case BADGE_EARLIER:
        m.status = kiosk_tr(k, S_BADGE_EARLIER);
        m.status_colour = t->text;
        break;
    case BADGE_NONE:
        break;
    }
    char line[600];
    snprintf(line, sizeof line, kiosk_tr(k, S_DONE_FMT), g ? g->greet : "");
    m.big = line;
    m.small = kiosk_tr(k, S_DONE_SUB);
    m.mark_colour = green;
    m.button = kiosk_tr(k, S_DONE_OK);
    m.button_id = ID_OK;
    if (visit_programs(k->env.visit)->count) {
        m.other = kiosk_tr(k, S_EXPLORE);
        m.other_id = ID_EXPLORE;
    }
    screen_message(k, &m);
}

/* The welcome and the badge, as the screen shows them. */
static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    const VisitGuest *g = visit_guest(k->env.visit);
    char big[300];
    snprintf(big, sizeof big, kiosk_tr(k, S_DONE_FMT), g ? g->greet : "");
    int b = badge_str(badge(k));
    snprintf(out, outlen, "%s %s%s%s", big, kiosk_tr(k, S_DONE_SUB), b >= 0 ? " " : "",
             b >= 0 ? kiosk_tr(k, (UiStr)b) : "");
}

const UiScreen screen_done = {
    .name = "done",
    .speak = speak,
    .back_id = ID_OK,
    .state_size = sizeof(Done),
    .press = press,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};

/* ---- Already checked in ---- */

static void already_layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)v;
    (void)now;
    const VisitGuest *g = visit_guest(k->env.visit);
    char sub[600];
    snprintf(sub, sizeof sub, kiosk_tr(k, S_ALREADY_SUB_FMT), g ? g->greet : "");
    ScreenMessage m = {0};
    m.big = kiosk_tr(k, S_ALREADY);
    m.small = sub;
    m.status_colour = k->theme.text;
    m.mark_colour = k->contrast ? k->theme.accent : k->theme.primary;
    m.button = kiosk_tr(k, S_OK);
    m.button_id = ID_OK;
    screen_message(k, &m);
}

static void already_speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    const VisitGuest *g = visit_guest(k->env.visit);
    char sub[400];
    snprintf(sub, sizeof sub, kiosk_tr(k, S_ALREADY_SUB_FMT), g ? g->greet : "");
    snprintf(out, outlen, "%s. %s", kiosk_tr(k, S_ALREADY), sub);
}

const UiScreen screen_already = {
    .name = "already",
    .speak = already_speak,
    .back_id = ID_OK,
    .press = press,
    .shown_ms = DONE_MS,
    .layout = already_layout,
};
