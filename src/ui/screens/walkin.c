/* walkin.c — I'm new here (SPEC §3 screen 3): first and last name, company,
 * job title, email and phone, the consent box and Next. Next and the consent
 * box are always in view, the box just above the keyboard, so no guest leaves
 * without having seen the question; the fields scroll between them. Fields
 * the visit layer finds wrong are marked on the field. */
#include <stdio.h>
#include <string.h>

#include "ui/screens/screen.h"

enum { ID_BACK = 1, ID_NEXT, ID_CONSENT, ID_SCROLL, ID_FIELD = SCREEN_ITEMS(1) };

/* Longer than any real name, short enough that nothing downstream (badge,
 * exports) has to cope with a novel typed into a field. */
#define FIELD_MAX_CHARS 100

typedef struct Walkin {
    UiEdit f[VISIT_FIELD_COUNT];
    VisitFieldError err[VISIT_FIELD_COUNT];
    bool consent;
    UiScroll sc;
    bool reveal;                   /* scroll the focused field into view */
    UiRect box[VISIT_FIELD_COUNT]; /* where each field's box was laid out */
    int text_x[VISIT_FIELD_COUNT]; /* and where its text starts */
} Walkin;

static int focused(const Kiosk *k)
{
    uint32_t id = k->in.focus;
    return id >= ID_FIELD && id < ID_FIELD + VISIT_FIELD_COUNT ? (int)(id - ID_FIELD) : -1;
}

/* Names start with a capital; an email does not need one. */
static void focus_field(Kiosk *k, Walkin *w, int i)
{
    screen_focus_field(k, ID_FIELD + (uint32_t)i, &w->f[i],
                       i == VISIT_PHONE ? UI_KB_NUMBERS : UI_KB_LETTERS,
                       i <= VISIT_TITLE && w->f[i].len == 0);
    w->reveal = true;
}

static void focus(Kiosk *k, void *st, uint32_t id)
{
    if (id >= ID_FIELD && id < ID_FIELD + VISIT_FIELD_COUNT)
        focus_field(k, st, (int)(id - ID_FIELD));
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    focus_field(k, st, VISIT_FIRST);
}

/* Next: the form checked and the walk-in added and checked in; or, when it
 * is a pre-registered guest, "Is this you?" first (their registration, or
 * screen_walkin_anyway). anyway: they said it is not them. */
static void submit(Kiosk *k, Walkin *w, bool anyway, int64_t now)
{
    VisitWalkin form;
    memset(&form, 0, sizeof form);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        form.field[i] = w->f[i].text;
    form.consent = w->consent;
    VisitOutcome o =
        anyway ? visit_walk_in_anyway(k->visit, &form) : visit_walk_in(k->visit, &form);
    if (o == VISIT_MAYBE_GUEST) {
        screen_confirm_walkin(k, visit_walkin_match(k->visit), now);
        return;
    }
    if (o != VISIT_INVALID) {
        kiosk_checked_in(k, o, now);
        return;
    }
    int first_bad = -1;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        w->err[i] = form.error[i];
        if (first_bad < 0 && w->err[i] != VISIT_FIELD_OK)
            first_bad = i;
    }
    if (first_bad >= 0)
        focus_field(k, w, first_bad);
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
    } else if (id >= ID_FIELD && id < ID_FIELD + VISIT_FIELD_COUNT) {
        int i = (int)(id - ID_FIELD);
        focus_field(k, w, i);
        /* A tap on the text itself puts the caret there; on the caption, at the end. */
        if (ui_rect_contains(w->box[i], k->tap_x, k->tap_y))
            w->f[i].caret =
                ui_field_caret_at(k->view, &k->theme, w->f[i].text, w->text_x[i], k->tap_x);
    }
}

static void text(Kiosk *k, void *st, const char *utf8, int64_t now)
{
    (void)now;
    Walkin *w = st;
    int i = focused(k);
    if (i < 0 || !ui_edit_insert(&w->f[i], utf8, FIELD_MAX_CHARS))
        return;
    w->err[i] = VISIT_FIELD_OK;
    /* A new word of a name starts with a capital too. */
    if (i <= VISIT_TITLE && !strcmp(utf8, " ") && k->kb.page == UI_KB_LETTERS)
        k->kb.shift = true;
    w->reveal = true;
}

/* Return goes to the next field, and from the last submits the form. */
static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    Walkin *w = st;
    int i = focused(k);
    if (i < 0)
        return false;
    if (key == UI_KEY_RETURN) {
        if (i < VISIT_PHONE)
            focus_field(k, w, i + 1);
        else
            submit(k, w, false, now);
    } else if (ui_edit_key(&w->f[i], key)) {
        w->err[i] = VISIT_FIELD_OK;
    }
    return true;
}

static UiEdit *field(Kiosk *k, void *st)
{
    Walkin *w = st;
    int i = focused(k);
    return i >= 0 ? &w->f[i] : NULL;
}

static UiScroll *scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    Walkin *w = st;
    return id == ID_SCROLL ? &w->sc : NULL;
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    (void)k;
    Walkin *w = st;
    return screen_scroll_tick(&w->sc, now);
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)k;
    const Walkin *w = st;
    return screen_scroll_wake(&w->sc, now);
}

static const char *error_text(const Kiosk *k, int i, VisitFieldError e)
{
    switch (e) {
    case VISIT_FIELD_REQUIRED:
        return kiosk_tr(k, i == VISIT_FIRST ? S_ERR_FIRST : S_ERR_LAST);
    case VISIT_FIELD_BAD_EMAIL:
        return kiosk_tr(k, S_ERR_EMAIL);
    case VISIT_FIELD_BAD_PHONE:
        return kiosk_tr(k, S_ERR_PHONE);
    case VISIT_FIELD_SHORT_PHONE:
        return kiosk_tr(k, S_ERR_PHONE_SHORT);
    case VISIT_FIELD_OK:
        break;
    }
    return NULL;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Walkin *w = st;
    const UiTheme *t = &k->theme;
    static const UiStr CAPTIONS[VISIT_FIELD_COUNT] = {S_FIRST, S_LAST,  S_COMPANY,
                                                      S_JOB,   S_EMAIL, S_PHONE};
    int fh = ui_field_height(t, true);
    int kb_top = screen_keyboard(k);
    /* The consent box on a line of its own above the keyboard, or, where that
     * would not leave room for a whole field (a small panel with the keyboard
     * up), in the top bar in place of the title. */
    int bar_h = t->pad + t->target + t->gap;
    bool in_bar = kb_top - t->gap - t->target - t->gap - bar_h < fh;
    UiRect consent = ui_rect(t->pad, kb_top - t->gap - t->target, v->w - 2 * t->pad, t->target);
    int y0;
    if (in_bar) {
        y0 = screen_top_bar(k, NULL, ID_BACK, kiosk_tr(k, S_BACK), ID_NEXT, kiosk_tr(k, S_NEXT));
        int back_w = screen_button_w(k, kiosk_tr(k, S_BACK), t->px_button, t->btn_min);
        int next_w = screen_button_w(k, kiosk_tr(k, S_NEXT), t->px_button, ui_sc(t, 140));
        consent = ui_rect(t->pad + back_w + t->gap, t->pad,
                          v->w - 2 * t->pad - back_w - next_w - 2 * t->gap, t->target);
    } else {
        y0 = screen_top_bar(k, kiosk_tr(k, S_WALKIN_TITLE), ID_BACK, kiosk_tr(k, S_BACK), ID_NEXT,
                            kiosk_tr(k, S_NEXT));
    }
    UiRect area = ui_rect(0, y0, v->w, (in_bar ? kb_top : consent.y) - t->gap - y0);
    int cols = v->w > v->h && v->w >= ui_sc(t, 600) ? 2 : 1;
    int cw = (v->w - 2 * t->pad - (cols - 1) * t->pad) / cols;
    int rowh = fh + t->gap;
    int content_h = ((VISIT_FIELD_COUNT + cols - 1) / cols) * rowh;

    /* Keep the focused field in view. */
    w->sc.view_h = area.h;
    w->sc.content_h = content_h;
    int fi = focused(k);
    if (w->reveal && fi >= 0)
        ui_scroll_reveal(&w->sc, (fi / cols) * rowh, fh);
    w->reveal = false;
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, &w->sc, ID_SCROLL, area);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        int col = i % cols, row = i / cols;
        UiRect r = ui_rect(t->pad + col * (cw + t->pad), top + row * rowh, cw, fh);
        bool optional = i != VISIT_FIRST && i != VISIT_LAST;
        UiFieldSpec fs = {kiosk_tr(k, CAPTIONS[i]),
                          w->f[i].text,
                          w->f[i].caret,
                          NULL,
                          error_text(k, i, w->err[i]),
                          optional ? kiosk_tr(k, S_OPTIONAL) : NULL};
        w->box[i] = ui_field(v, t, &k->in, ID_FIELD + (uint32_t)i, r, &fs, &w->text_x[i]);
    }
    ui_scroll_end(v, &w->sc, content_h, saved);
    ui_scroll_bar(v, t, &w->sc, area);
    ui_checkbox(v, t, &k->in, ID_CONSENT, consent, kiosk_tr(k, S_CONSENT), w->consent);
}

const UiScreen screen_walkin = {
    .name = "walkin",
    .state_size = sizeof(Walkin),
    .enter = enter,
    .press = press,
    .text = text,
    .key = key,
    .focus = focus,
    .field = field,
    .scroll = scroll,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
