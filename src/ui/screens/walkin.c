/* walkin.c — I'm new here (SPEC §3 screen 3): first and last name, company,
 * job title, email and phone, the consent box and Next, laid out as the
 * form's page (form.h: Next and the consent box always in view). Fields the
 * visit layer finds wrong are marked on the field; a form that is a
 * registration asks "Is this you?" first. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ui/screens/form.h"

enum { ID_BACK = 1, ID_NEXT, ID_CONSENT, ID_SCROLL, ID_FIELD = SCREEN_ITEMS(1) };

typedef struct Walkin {
    ScreenForm form;
    bool consent;
} Walkin;
_Static_assert(offsetof(Walkin, form) == 0, "the form callbacks take the state as its form");

static void reset(Kiosk *k, void *st)
{
    (void)k;
    Walkin *w = st;
    memset(w, 0, sizeof *w);
    w->form.id_field = ID_FIELD;
    w->form.id_scroll = ID_SCROLL;
}

static int create(Kiosk *k, void *st)
{
    reset(k, st);
    return 0;
}

/* Next: the form checked and the walk-in added and checked in; or, when it
 * is a pre-registered guest, "Is this you?" first (their registration, or
 * screen_walkin_anyway). anyway: they said it is not them. */
static void submit(Kiosk *k, Walkin *w, bool anyway, int64_t now)
{
    VisitWalkin form;
    memset(&form, 0, sizeof form);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        form.field[i] = w->form.f[i].text;
    form.consent = w->consent;
    VisitOutcome o =
        anyway ? visit_walk_in_anyway(k->env.visit, &form) : visit_walk_in(k->env.visit, &form);
    if (o == VISIT_MAYBE_GUEST)
        screen_confirm_walkin(k, visit_walkin_match(k->env.visit), now);
    else if (o == VISIT_INVALID)
        screen_form_errors(k, &w->form, form.error);
    else
        kiosk_checked_in(k, o, now);
}

void screen_walkin_anyway(Kiosk *k, int64_t now)
{
    Walkin *w = kiosk_state(k, SCREEN_WALKIN);
    kiosk_go(k, SCREEN_WALKIN, now);
    submit(k, w, true, now);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Walkin *w = st;
    if (id == ID_BACK) {
        kiosk_home(k, now);
    } else if (id == ID_NEXT) {
        submit(k, w, false, now);
    } else if (id == ID_CONSENT) {
        w->consent = !w->consent;
        k->in.focus = id;
    } else {
        screen_form_press(k, &w->form, id);
    }
}

/* Return goes to the next field, and from the last submits the form. */
static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    Walkin *w = st;
    int r = screen_form_key(k, &w->form, key);
    if (r == 1)
        submit(k, w, false, now);
    return r >= 0;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)v;
    (void)now;
    Walkin *w = st;
    screen_form_page(k, &w->form,
                     &(ScreenFormPage){.title = kiosk_tr(k, S_WALKIN_TITLE),
                                       .back_id = ID_BACK,
                                       .back = kiosk_tr(k, S_BACK),
                                       .next_id = ID_NEXT,
                                       .next = kiosk_tr(k, S_NEXT),
                                       .consent_id = ID_CONSENT,
                                       .consent = w->consent});
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, "%s. %s", kiosk_tr(k, S_WALKIN_TITLE), kiosk_tr(k, S_SAY_WALKIN));
}

const UiScreen screen_walkin = {
    .name = "walkin",
    .speak = speak,
    .back_id = ID_BACK,
    .state_size = sizeof(Walkin),
    .create = create,
    .reset = reset,
    .enter = screen_form_on_enter,
    .press = press,
    .text = screen_form_on_text,
    .key = key,
    .focus = screen_form_on_focus,
    .field = screen_form_on_field,
    .scroll = screen_form_on_scroll,
    .layout = layout,
};
