/* staff_edit.c — staff correct a guest's details at the desk (SPEC §5): the
 * person form (form.h) filled with what the guest has, Cancel and Save. The
 * visit layer checks the fields as for a walk-in, writes them with an audit
 * record of each old and new value, and the search finds the new name. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ui/screens/form.h"

enum { ID_CANCEL = 1, ID_SAVE, ID_SCROLL, ID_FIELD = SCREEN_ITEMS(1) };

typedef struct Edit {
    ScreenForm form;
    char guest_id[ID_LEN + 1];
    char err[700]; /* why the details were not saved, when not for a field */
} Edit;
_Static_assert(offsetof(Edit, form) == 0, "the form callbacks take the state as its form");

static void reset(Kiosk *k, void *st)
{
    (void)k;
    Edit *e = st;
    memset(e, 0, sizeof *e);
    e->form.id_field = ID_FIELD;
    e->form.id_scroll = ID_SCROLL;
}

static int create(Kiosk *k, void *st)
{
    reset(k, st);
    return 0;
}

void screen_staff_edit_open(Kiosk *k, const GuestRecord *rec, int64_t now)
{
    Edit *e = kiosk_state(k, SCREEN_STAFF_EDIT);
    reset(k, e);
    snprintf(e->guest_id, sizeof e->guest_id, "%s", rec->g.id);
    const char *now_[VISIT_FIELD_COUNT] = {rec->g.first, rec->g.last,  rec->g.company,
                                           rec->g.title, rec->g.email, rec->g.phone};
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        ui_edit_set(&e->form.f[i], now_[i]);
    kiosk_go(k, SCREEN_STAFF_EDIT, now);
    screen_form_focus(k, &e->form, VISIT_FIRST);
}

static void save(Kiosk *k, Edit *e, int64_t now)
{
    VisitGuestEdit ed;
    memset(&ed, 0, sizeof ed);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        ed.field[i] = e->form.f[i].text;
    e->err[0] = '\0';
    if (visit_guest_edit(k->env.visit, e->guest_id, &ed) == 0) {
        screen_staff_guest_saved(k, now);
        return;
    }
    bool marked = false;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        marked = marked || ed.error[i] != VISIT_FIELD_OK;
    if (marked)
        screen_form_errors(k, &e->form, ed.error);
    else
        snprintf(e->err, sizeof e->err, "%s", visit_error(k->env.visit));
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Edit *e = st;
    if (id == ID_CANCEL)
        kiosk_go(k, SCREEN_STAFF_GUEST, now);
    else if (id == ID_SAVE)
        save(k, e, now);
    else
        screen_form_press(k, &e->form, id);
}

static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    Edit *e = st;
    int r = screen_form_key(k, &e->form, key);
    if (r == 1)
        save(k, e, now);
    return r >= 0;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Edit *e = st;
    const UiTheme *t = &k->theme;
    int y0 = screen_top_bar(k, kiosk_tr(k, S_STAFF_EDIT_TITLE), ID_CANCEL, kiosk_tr(k, S_CANCEL),
                            ID_SAVE, kiosk_tr(k, S_SAVE));
    int bottom = screen_keyboard(k);
    if (e->err[0]) {
        int lh = ui_text_height(v, t->px_body, UI_BOLD);
        bottom -= 2 * lh + t->gap;
        ui_text_wrap(v, ui_rect(t->pad, bottom, v->w - 2 * t->pad, 2 * lh), e->err, t->px_body,
                     UI_BOLD, t->error, 2, UI_LEFT);
    }
    screen_form_layout(k, &e->form, ui_rect(0, y0, v->w, bottom - t->gap - y0));
}

const UiScreen screen_staff_edit = {
    .name = "staff_edit",
    .back_id = ID_CANCEL,
    .staff = true,
    .state_size = sizeof(Edit),
    .create = create,
    .reset = reset,
    .press = press,
    .text = screen_form_on_text,
    .key = key,
    .focus = screen_form_on_focus,
    .scroll = screen_form_on_scroll,
    .layout = layout,
};
