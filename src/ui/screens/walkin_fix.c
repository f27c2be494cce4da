/* walkin_fix.c — "Fix my details" on Interests: a walk-in, checked in as
 * soon as they pressed Next, sees a typo in their name (their badge would
 * print it) and goes back to the walk-in form, filled with what they typed
 * and laid out as it was (form.h), with Cancel and Save. Save corrects the
 * same guest (the visit layer checks the fields as for a walk-in and audits
 * the change) and returns to Interests with its picks as they were; Cancel
 * returns with nothing changed. The consent box is Interests' own, shown
 * here as it is there.
 *
 * The guest is checked in and their full details are on show: left alone,
 * the form goes back to Welcome as soon as Interests would, and their badge
 * prints as when they walk away from Interests. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ui/screens/form.h"

enum { ID_CANCEL = 1, ID_SAVE, ID_CONSENT, ID_SCROLL, ID_FIELD = SCREEN_ITEMS(1) };

typedef struct Fix {
    ScreenForm form;
    bool consent;
} Fix;
_Static_assert(offsetof(Fix, form) == 0, "the form callbacks take the state as its form");

static void reset(Kiosk *k, void *st)
{
    (void)k;
    Fix *x = st;
    memset(x, 0, sizeof *x);
    x->form.id_field = ID_FIELD;
    x->form.id_scroll = ID_SCROLL;
}

static int create(Kiosk *k, void *st)
{
    reset(k, st);
    return 0;
}

void screen_walkin_fix_open(Kiosk *k, bool consent, int64_t now)
{
    Fix *x = kiosk_state(k, SCREEN_WALKIN_FIX);
    Guest g;
    guest_init(&g);
    if (visit_fix_read(k->env.visit, &g) != 0) {
        guest_clear(&g);
        kiosk_help(k, now);
        return;
    }
    reset(k, x);
    const char *typed[VISIT_FIELD_COUNT] = {g.first, g.last, g.company, g.title, g.email, g.phone};
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        ui_edit_set(&x->form.f[i], typed[i]);
    guest_clear(&g);
    x->consent = consent;
    kiosk_go(k, SCREEN_WALKIN_FIX, now);
}

static void edit_of(const Fix *x, VisitGuestEdit *ed)
{
    memset(ed, 0, sizeof *ed);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        ed->field[i] = x->form.f[i].text;
}

/* Saved: back to the picks. Not: the fields marked, or staff asked for. */
static void saved(Kiosk *k, Fix *x, const VisitGuestEdit *ed, int rc, int64_t now)
{
    if (rc == 0) {
        screen_interests_back(k, &x->consent, now);
        return;
    }
    if (k->screen != SCREEN_WALKIN_FIX) /* answered on "Is this you?" */
        kiosk_go(k, SCREEN_WALKIN_FIX, now);
    bool marked = false;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        marked = marked || ed->error[i] != VISIT_FIELD_OK;
    if (marked)
        screen_form_errors(k, &x->form, ed->error);
    else
        kiosk_help(k, now); /* not saved: staff can correct it */
}

/* Save: the correction, or "Is this you?" first when it is a registration,
 * as on the walk-in form. */
static void save(Kiosk *k, Fix *x, int64_t now)
{
    VisitGuestEdit ed;
    edit_of(x, &ed);
    int rc = visit_fix_details(k->env.visit, &ed);
    if (rc == 1)
        screen_confirm_fix(k, visit_walkin_match(k->env.visit), now);
    else
        saved(k, x, &ed, rc, now);
}

void screen_walkin_fix_scanned(Kiosk *k, void *st)
{
    (void)st;
    const Fix *x = kiosk_state(k, SCREEN_WALKIN_FIX);
    screen_interests_save(k, x->consent);
}

void screen_walkin_fix_answer(Kiosk *k, bool is_them, int64_t now)
{
    Fix *x = kiosk_state(k, SCREEN_WALKIN_FIX);
    VisitGuestEdit ed;
    edit_of(x, &ed);
    int rc = is_them ? screen_interests_move(k, &ed, &x->consent)
                     : visit_fix_details_anyway(k->env.visit, &ed);
    saved(k, x, &ed, rc, now);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Fix *x = st;
    if (id == ID_CANCEL) {
        screen_interests_back(k, NULL, now);
    } else if (id == ID_SAVE) {
        save(k, x, now);
    } else if (id == ID_CONSENT) {
        x->consent = !x->consent;
        k->in.focus = id;
    } else {
        screen_form_press(k, &x->form, id);
    }
}

/* Return goes to the next field, and from the last saves. */
static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    Fix *x = st;
    int r = screen_form_key(k, &x->form, key);
    if (r == 1)
        save(k, x, now);
    return r >= 0;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)v;
    (void)now;
    Fix *x = st;
    screen_form_page(k, &x->form,
                     &(ScreenFormPage){.title = kiosk_tr(k, S_FIX_TITLE),
                                       .back_id = ID_CANCEL,
                                       .back = kiosk_tr(k, S_CANCEL),
                                       .next_id = ID_SAVE,
                                       .next = kiosk_tr(k, S_SAVE),
                                       .consent_id = ID_CONSENT,
                                       .consent = x->consent});
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, "%s. %s", kiosk_tr(k, S_FIX_TITLE), kiosk_tr(k, S_SAY_FIX));
}

const UiScreen screen_walkin_fix = {
    .name = "walkin_fix",
    .speak = speak,
    .back_id = ID_CANCEL,
    .idle_s = 30, /* as Interests: a checked-in guest's details on show */
    .state_size = sizeof(Fix),
    .create = create,
    .reset = reset,
    .enter = screen_form_on_enter, /* also back from "Is this you?" */
    .press = press,
    .scanned = screen_walkin_fix_scanned, /* the picks left on Interests */
    .text = screen_form_on_text,
    .key = key,
    .focus = screen_form_on_focus,
    .field = screen_form_on_field,
    .scroll = screen_form_on_scroll,
    .layout = layout,
};
