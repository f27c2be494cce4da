/* staff_guest.c — one guest as staff see them (SPEC §5): every detail on a
 * line of its own, what they picked and whether they may be contacted; Check
 * in (when they are not), Undo check-in (asked first; kept as an audit
 * record), Reprint badge and Edit details (staff_edit.c), and how the last of
 * them went. */
#include <stdio.h>
#include <string.h>

#include "core/name.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "ui/screens/screen.h"

enum { ID_BACK = 1, ID_UNDO, ID_UNDO_YES, ID_UNDO_NO, ID_REPRINT, ID_CHECK_IN, ID_EDIT };

/* What the page says after an action. */
typedef enum GuestNote {
    GN_NONE,
    GN_UNDONE,
    GN_REPRINTED,
    GN_CHECKED_IN,
    GN_SAVED,
    GN_ERROR
} GuestNote;

typedef struct GuestPage {
    GuestRecord rec;
    bool confirm_undo;
    GuestNote note;
    char err[700];
} GuestPage;

static int create(Kiosk *k, void *st)
{
    (void)k;
    GuestPage *p = st;
    visit_record_init(&p->rec);
    return 0;
}

static void reset(Kiosk *k, void *st)
{
    (void)k;
    GuestPage *p = st;
    visit_record_clear(&p->rec);
    p->confirm_undo = false;
    p->note = GN_NONE;
    p->err[0] = '\0';
}

static void failed(Kiosk *k, GuestPage *p)
{
    snprintf(p->err, sizeof p->err, "%s", visit_error(k->env.visit));
    p->note = GN_ERROR;
}

/* Reads the guest again (after an undo or a reprint). */
static void reload(Kiosk *k, GuestPage *p)
{
    if (visit_record_read(k->env.visit, p->rec.g.id, &p->rec) != 0)
        failed(k, p);
}

void screen_staff_guest_open(Kiosk *k, const char *guest_id, int64_t now)
{
    GuestPage *p = kiosk_state(k, SCREEN_STAFF_GUEST);
    reset(k, p);
    kiosk_go(k, SCREEN_STAFF_GUEST, now);
    if (visit_record_read(k->env.visit, guest_id, &p->rec) != 0)
        failed(k, p);
}

void screen_staff_guest_saved(Kiosk *k, int64_t now)
{
    GuestPage *p = kiosk_state(k, SCREEN_STAFF_GUEST);
    kiosk_go(k, SCREEN_STAFF_GUEST, now);
    p->note = GN_SAVED;
    reload(k, p);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    GuestPage *p = st;
    switch (id) {
    case ID_BACK:
        kiosk_go(k, SCREEN_STAFF_LOOKUP, now);
        break;
    case ID_UNDO:
        p->confirm_undo = true;
        p->note = GN_NONE;
        break;
    case ID_UNDO_NO:
        p->confirm_undo = false;
        break;
    case ID_UNDO_YES:
        p->confirm_undo = false;
        if (visit_undo(k->env.visit, p->rec.g.id) != 0) {
            failed(k, p);
            break;
        }
        p->note = GN_UNDONE;
        reload(k, p);
        break;
    case ID_CHECK_IN:
        switch (visit_staff_check_in(k->env.visit, p->rec.g.id)) {
        case VISIT_CHECKED_IN:
        case VISIT_ALREADY:
            p->note = GN_CHECKED_IN;
            break;
        default:
            failed(k, p);
            break;
        }
        reload(k, p);
        break;
    case ID_EDIT:
        screen_staff_edit_open(k, &p->rec, now);
        break;
    case ID_REPRINT:
        if (!visit_prints(k->env.visit))
            break;
        if (visit_reprint(k->env.visit, p->rec.g.id) != 0)
            failed(k, p);
        else
            p->note = GN_REPRINTED;
        break;
    }
}

/* ---- layout ---- */

/* "Undo the check-in of NAME?", Cancel and Yes, undo; returns the new bottom. */
static int confirm(Kiosk *k, const char *name, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int aw = v->w - 2 * t->pad, bh = t->target;
    int ah = 2 * ui_text_height(v, t->px_body, UI_REGULAR);
    char ask[900];
    snprintf(ask, sizeof ask, kiosk_tr(k, S_STAFF_UNDO_ASK_FMT), name);
    ui_text_wrap(v, ui_rect(t->pad, bottom - t->gap - ah, aw, ah), ask, t->px_body, UI_BOLD,
                 t->text, 2, UI_LEFT);
    const char *yes = kiosk_tr(k, S_STAFF_UNDO_YES), *no = kiosk_tr(k, S_CANCEL);
    int yw = screen_button_w(k, yes, t->px_button, t->btn_wide);
    int nw = screen_button_w(k, no, t->px_button, ui_sc(t, 160));
    ui_button(v, t, &k->in, ID_UNDO_NO, ui_rect(t->pad, bottom, nw, bh), no, UI_BTN_SECONDARY,
              t->px_button);
    ui_button(v, t, &k->in, ID_UNDO_YES, ui_rect(v->w - t->pad - yw, bottom, yw, bh), yes,
              UI_BTN_PRIMARY, t->px_button);
    return bottom - t->gap - ah;
}

/* Reprint badge, drawn as a button that cannot be pressed (with why beside
 * it) when the kiosk does not print. */
static void reprint_button(Kiosk *k, int x, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target;
    const char *rl = kiosk_tr(k, S_STAFF_REPRINT);
    int rw = screen_button_w(k, rl, t->px_button, t->btn_wide);
    UiRect r = ui_rect(x, y, rw, bh);
    if (visit_prints(k->env.visit)) {
        ui_button(v, t, &k->in, ID_REPRINT, r, rl, UI_BTN_SECONDARY, t->px_button);
        return;
    }
    ui_draw_rect(v, r, t->surface, t->radius);
    ui_draw_frame(v, r, t->border, t->radius, t->border_w);
    ui_text_in(v, r, rl, t->px_button, t->px_small, UI_BOLD, t->muted, UI_CENTER);
    int nx = x + rw + t->gap;
    if (v->w - t->pad - nx > t->btn_min)
        ui_text_wrap(v, ui_rect(nx, y, v->w - t->pad - nx, bh), kiosk_tr(k, S_STAFF_NO_PRINTING),
                     t->px_small, UI_REGULAR, t->muted, 2, UI_LEFT);
}

/* Undo check-in (when checked in) and Reprint badge, with how the last action
 * went above them; returns the new bottom. */
static int actions(Kiosk *k, const GuestPage *p, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int x = t->pad;
    /* Undo check-in for a guest checked in; Check in for one who is not. */
    const char *cl = kiosk_tr(k, p->rec.checked_in ? S_STAFF_UNDO : S_STAFF_CHECK_IN);
    int cw = screen_button_w(k, cl, t->px_button, t->btn_wide);
    ui_button(v, t, &k->in, p->rec.checked_in ? ID_UNDO : ID_CHECK_IN,
              ui_rect(x, bottom, cw, t->target), cl,
              p->rec.checked_in ? UI_BTN_SECONDARY : UI_BTN_PRIMARY, t->px_button);
    x += cw + t->gap;
    reprint_button(k, x, bottom);
    static const UiStr NOTES[] = {[GN_UNDONE] = S_STAFF_UNDONE,
                                  [GN_REPRINTED] = S_STAFF_REPRINTED,
                                  [GN_CHECKED_IN] = S_STAFF_CHECKED_NOW,
                                  [GN_SAVED] = S_STAFF_SAVED};
    const char *note = NULL;
    UiColor nc = t->success;
    if (p->note != GN_NONE && p->note != GN_ERROR)
        note = kiosk_tr(k, NOTES[p->note]);
    else if (p->note == GN_ERROR) {
        note = p->err;
        nc = t->error;
    }
    if (!note)
        return bottom;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    ui_text_wrap(v, ui_rect(t->pad, bottom - t->gap - 2 * lh, v->w - 2 * t->pad, 2 * lh), note,
                 t->px_body, UI_BOLD, nc, 2, UI_LEFT);
    return bottom - t->gap - 2 * lh;
}

/* What they picked: the programs' names and the kinds, in the page's
 * language; each into a buffer of len. */
static void picks(Kiosk *k, const GuestRecord *r, char *programs, char *kinds, size_t len)
{
    text_join(programs, len, (const char *const *)r->program_names, r->nprograms, ", ");
    const char *words[16];
    size_t n = 0;
    for (size_t i = 0; i < r->nkinds && n < 16; i++)
        words[n++] = ui_tr_kind(k->lang, r->kinds[i]);
    text_join(kinds, len, words, n, ", ");
}

static void details(Kiosk *k, const GuestRecord *r, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const Guest *g = &r->g;
    char programs[600], kinds[600];
    picks(k, r, programs, kinds, sizeof kinds);
    char when[160];
    if (r->checked_in)
        time_format_local(r->checked_in_at, when);
    else
        snprintf(when, sizeof when, "%s", kiosk_tr(k, S_STAFF_NOT_CHECKED));
    const char *badge = !r->checked_in     ? "—"
                        : r->badge_printed ? kiosk_tr(k, S_STAFF_BADGE_YES)
                        : r->badge_saved   ? kiosk_tr(k, S_STAFF_BADGE_SAVED)
                                           : kiosk_tr(k, S_STAFF_BADGE_NO);
    const char *rows[][2] = {
        {kiosk_tr(k, S_COMPANY), g->company},
        {kiosk_tr(k, S_JOB), g->title},
        {kiosk_tr(k, S_EMAIL), g->email},
        {kiosk_tr(k, S_PHONE), g->phone},
        {kiosk_tr(k, S_STAFF_CODE_LABEL), g->code},
        {kiosk_tr(k, S_STAFF_KIND_LABEL),
         kiosk_tr(k, g->walk_in ? S_STAFF_WALKIN : S_STAFF_PREREG)},
        {kiosk_tr(k, S_STAFF_CHECKIN_LABEL), when},
        {kiosk_tr(k, S_STAFF_BADGE_LABEL), badge},
        {kiosk_tr(k, S_STAFF_PROGRAMS_LABEL), programs},
        {kiosk_tr(k, S_STAFF_KINDS_LABEL), kinds},
        {kiosk_tr(k, S_STAFF_CONSENT_LABEL),
         kiosk_tr(k, g->consent ? S_STAFF_CONSENT_YES : S_STAFF_CONSENT_NO)},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    int lh = ui_text_height(v, t->px_body, UI_REGULAR), rh = lh + ui_sc(t, 4);
    /* Two columns, in landscape, when one does not hold them all. */
    int per_col = (bottom - t->gap - y) / rh;
    int cols = per_col > 0 && (size_t)per_col < nrows && v->w > v->h ? 2 : 1;
    int colw = (v->w - 2 * t->pad - (cols - 1) * 2 * t->gap) / cols, cap_w = 0;
    for (size_t i = 0; i < nrows; i++) {
        int w = ui_text_width(v, rows[i][0], t->px_body, UI_BOLD);
        cap_w = w > cap_w ? w : cap_w;
    }
    if (cap_w > colw / 3)
        cap_w = colw / 3;
    size_t in_col = cols == 2 ? (nrows + 1) / 2 : nrows;
    for (size_t i = 0; i < nrows; i++) {
        int x = t->pad + (int)(i / in_col) * (colw + 2 * t->gap);
        int ry = y + (int)(i % in_col) * rh;
        if (ry + rh > bottom - t->gap)
            continue;
        ui_text_in(v, ui_rect(x, ry, cap_w, lh), rows[i][0], t->px_body, t->px_small, UI_BOLD,
                   t->muted, UI_LEFT);
        const char *val = rows[i][1][0] ? rows[i][1] : "—";
        ui_text_in(v, ui_rect(x + cap_w + t->gap, ry, colw - cap_w - t->gap, lh), val, t->px_body,
                   t->px_small, UI_REGULAR, t->text, UI_LEFT);
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    GuestPage *p = st;
    const UiTheme *t = &k->theme;
    char name[600];
    name_full_into(name, sizeof name, p->rec.g.first, p->rec.g.last);
    int top =
        screen_staff_bar(k, name, ID_BACK, kiosk_tr(k, S_BACK), ID_EDIT, kiosk_tr(k, S_STAFF_EDIT));
    int bottom = v->h - t->pad - t->target;
    bottom = p->confirm_undo ? confirm(k, name, bottom) : actions(k, p, bottom);
    details(k, &p->rec, top + t->gap, bottom);
}

const UiScreen screen_staff_guest = {
    .name = "staff_guest",
    .back_id = ID_BACK,
    .staff = true,
    .state_size = sizeof(GuestPage),
    .create = create,
    .reset = reset,
    .destroy = reset,
    .press = press,
    .layout = layout,
};
