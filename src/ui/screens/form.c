/* form.c — the person form of the walk-in and staff's corrections. See form.h. */
#include "ui/screens/form.h"

#include <string.h>

/* Longer than any real name, short enough that nothing downstream (badge,
 * exports) has to cope with a novel typed into a field. */
#define FIELD_MAX_CHARS 100

int screen_form_focused(const Kiosk *k, const ScreenForm *f)
{
    uint32_t id = k->in.focus;
    return id >= f->id_field && id < f->id_field + VISIT_FIELD_COUNT ? (int)(id - f->id_field) : -1;
}

void screen_form_focus(Kiosk *k, ScreenForm *f, int i)
{
    screen_focus_field(k, f->id_field + (uint32_t)i, &f->f[i],
                       i == VISIT_PHONE ? UI_KB_NUMBERS : UI_KB_LETTERS,
                       i <= VISIT_TITLE && f->f[i].len == 0);
    f->reveal = true;
}

bool screen_form_press(Kiosk *k, ScreenForm *f, uint32_t id)
{
    if (id < f->id_field || id >= f->id_field + VISIT_FIELD_COUNT)
        return false;
    int i = (int)(id - f->id_field);
    screen_form_focus(k, f, i);
    screen_field_tapped(k, &f->f[i], f->box[i], f->text_x[i]);
    return true;
}

void screen_form_text(Kiosk *k, ScreenForm *f, const char *utf8)
{
    int i = screen_form_focused(k, f);
    if (i < 0 || !ui_edit_insert(&f->f[i], utf8, FIELD_MAX_CHARS))
        return;
    f->err[i] = VISIT_FIELD_OK;
    /* A new word of a name starts with a capital too. */
    if (i <= VISIT_TITLE && !strcmp(utf8, " ") && k->kb.page == UI_KB_LETTERS)
        k->kb.shift = true;
    f->reveal = true;
}

int screen_form_key(Kiosk *k, ScreenForm *f, UiKey key)
{
    int i = screen_form_focused(k, f);
    if (i < 0)
        return -1;
    if (key == UI_KEY_RETURN) {
        if (i == VISIT_PHONE)
            return 1;
        screen_form_focus(k, f, i + 1);
    } else if (ui_edit_key(&f->f[i], key)) {
        f->err[i] = VISIT_FIELD_OK;
    }
    return 0;
}

UiEdit *screen_form_field(Kiosk *k, ScreenForm *f)
{
    int i = screen_form_focused(k, f);
    return i >= 0 ? &f->f[i] : NULL;
}

void screen_form_errors(Kiosk *k, ScreenForm *f, const VisitFieldError *err)
{
    int first_bad = -1;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        f->err[i] = err[i];
        if (first_bad < 0 && err[i] != VISIT_FIELD_OK)
            first_bad = i;
    }
    if (first_bad >= 0)
        screen_form_focus(k, f, first_bad);
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

int screen_form_field_h(const Kiosk *k)
{
    return ui_field_height(&k->theme, true);
}

void screen_form_layout(Kiosk *k, ScreenForm *f, UiRect area)
{
    static const UiStr CAPTIONS[VISIT_FIELD_COUNT] = {S_FIRST, S_LAST,  S_COMPANY,
                                                      S_JOB,   S_EMAIL, S_PHONE};
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int cols = v->w > v->h && v->w >= ui_sc(t, 600) ? 2 : 1;
    int cw = (v->w - 2 * t->pad - (cols - 1) * t->pad) / cols;
    int fh = screen_form_field_h(k), rowh = fh + t->gap;
    int content_h = ((VISIT_FIELD_COUNT + cols - 1) / cols) * rowh;
    /* Keep the focused field in view. */
    f->sc.view_h = area.h;
    f->sc.content_h = content_h;
    int fi = screen_form_focused(k, f);
    if (f->reveal && fi >= 0)
        ui_scroll_reveal(&f->sc, (fi / cols) * rowh, fh);
    f->reveal = false;
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, &f->sc, f->id_scroll, area);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        int col = i % cols, row = i / cols;
        UiRect r = ui_rect(t->pad + col * (cw + t->pad), top + row * rowh, cw, fh);
        bool optional = !visit_field_required(i);
        UiFieldSpec fs = {kiosk_tr(k, CAPTIONS[i]),
                          f->f[i].text,
                          f->f[i].caret,
                          NULL,
                          error_text(k, i, f->err[i]),
                          optional ? kiosk_tr(k, S_OPTIONAL) : NULL};
        f->box[i] = ui_field(v, t, &k->in, f->id_field + (uint32_t)i, r, &fs, &f->text_x[i]);
    }
    ui_scroll_end(v, &f->sc, content_h, saved);
    ui_scroll_bar(v, t, &f->sc, area);
}

void screen_form_page(Kiosk *k, ScreenForm *f, const ScreenFormPage *p)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int kb_top = screen_keyboard(k);
    int bar_h = t->pad + t->target + t->gap;
    bool in_bar = kb_top - t->gap - t->target - t->gap - bar_h < screen_form_field_h(k);
    UiRect consent = ui_rect(t->pad, kb_top - t->gap - t->target, v->w - 2 * t->pad, t->target);
    int y0;
    if (in_bar) {
        consent = screen_bar_buttons(k, p->back_id, p->back, p->next_id, p->next);
        y0 = consent.y + consent.h + t->gap;
    } else {
        y0 = screen_top_bar(k, p->title, p->back_id, p->back, p->next_id, p->next);
    }
    int bottom = in_bar ? kb_top : consent.y;
    screen_form_layout(k, f, ui_rect(0, y0, v->w, bottom - t->gap - y0));
    ui_checkbox(v, t, &k->in, p->consent_id, consent, kiosk_tr(k, S_CONSENT), p->consent);
}

/* A screen's state begins with its ScreenForm: st points at both. */
void screen_form_on_enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    screen_form_focus(k, st, VISIT_FIRST);
}

void screen_form_on_text(Kiosk *k, void *st, const char *utf8, int64_t now)
{
    (void)now;
    screen_form_text(k, st, utf8);
}

void screen_form_on_focus(Kiosk *k, void *st, uint32_t id)
{
    ScreenForm *f = st;
    if (id >= f->id_field && id < f->id_field + VISIT_FIELD_COUNT)
        screen_form_focus(k, f, (int)(id - f->id_field));
}

UiEdit *screen_form_on_field(Kiosk *k, void *st)
{
    return screen_form_field(k, st);
}

UiScroll *screen_form_on_scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    ScreenForm *f = st;
    return id == f->id_scroll ? &f->sc : NULL;
}
