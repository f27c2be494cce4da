/* confirm.c — Is this you? (SPEC §3): the masked row the guest tapped, Yes,
 * check me in, and No, go back to Find me. Asked too of a walk-in form, and
 * of a walk-in's correction (walkin_fix.c), that is a pre-registered guest:
 * there No is "I'm someone else". */
#include <stdio.h>

#include "ui/screens/screen.h"

enum { ID_YES = 1, ID_NO };

typedef enum ConfirmFor {
    CONFIRM_FIND,   /* a row of Find me: no goes back there */
    CONFIRM_WALKIN, /* the walk-in form: no adds them as someone else */
    CONFIRM_FIX,    /* a walk-in's correction: no saves it as theirs */
} ConfirmFor;

typedef struct Confirm {
    char guest_id[ID_LEN + 1];
    char label[256];
    ConfirmFor asked;
} Confirm;

static void open_for(Kiosk *k, const SearchResult *row, ConfirmFor asked, int64_t now)
{
    Confirm *c = kiosk_state(k, SCREEN_CONFIRM);
    snprintf(c->guest_id, sizeof c->guest_id, "%s", row->guest_id);
    snprintf(c->label, sizeof c->label, "%s", row->label);
    c->asked = asked;
    kiosk_go(k, SCREEN_CONFIRM, now);
}

void screen_confirm_open(Kiosk *k, const SearchResult *row, int64_t now)
{
    open_for(k, row, CONFIRM_FIND, now);
}

void screen_confirm_walkin(Kiosk *k, const SearchResult *row, int64_t now)
{
    open_for(k, row, CONFIRM_WALKIN, now);
}

void screen_confirm_fix(Kiosk *k, const SearchResult *row, int64_t now)
{
    open_for(k, row, CONFIRM_FIX, now);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Confirm *c = st;
    if (c->asked == CONFIRM_FIX && (id == ID_YES || id == ID_NO)) {
        screen_walkin_fix_answer(k, id == ID_YES, now);
    } else if (id == ID_YES) {
        char guest_id[ID_LEN + 1];
        snprintf(guest_id, sizeof guest_id, "%s", c->guest_id);
        kiosk_checked_in(k, visit_check_in(k->env.visit, guest_id), now);
    } else if (id == ID_NO && c->asked == CONFIRM_WALKIN) {
        screen_walkin_anyway(k, now);
    } else if (id == ID_NO) {
        kiosk_go(k, SCREEN_FIND, now);
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Confirm *c = st;
    const UiTheme *t = &k->theme;
    bool portrait = v->h > v->w;
    int colw = v->w - 2 * t->pad;
    int title_h = ui_text_height(v, t->px_title, UI_BOLD);
    /* The name and company on one line, shrunk as far as body text; else on
     * two lines, as large as they fit (larger text upright): the guest must
     * read the company to know the row is theirs, so it is never cut. */
    int name_w = v->w - 6 * t->pad, name_px = t->px_huge, lines = 1;
    if (ui_text_width(v, c->label, t->px_body, UI_BOLD) > name_w) {
        const char *const label[] = {c->label};
        name_px = ui_text_common_px_lines(v, label, 1, UI_BOLD, t->px_small, t->px_huge, name_w, 2);
        lines = 2;
    }
    int name_h = lines * ui_text_height(v, name_px, UI_BOLD);
    int bh = t->target * 12 / 10;
    int rows_h = portrait ? 2 * bh + t->gap : bh;
    int g = ui_sc(t, 30);
    int y = (v->h - (title_h + g + name_h + g * 2 + rows_h)) / 2;
    ui_text_in(v, ui_rect(t->pad, y, colw, title_h), kiosk_tr(k, S_CONFIRM_TITLE), t->px_title,
               t->px_body, UI_BOLD, t->text, UI_CENTER);
    y += title_h + g;
    UiRect card = ui_rect(t->pad * 2, y - g / 2, v->w - 4 * t->pad, name_h + g);
    ui_draw_rect(v, card, t->surface, t->radius);
    ui_draw_frame(v, card, t->border, t->radius, t->border_w);
    UiColor name_colour = t->contrast ? t->text : t->primary;
    if (lines == 1)
        ui_text_in(v, ui_rect(card.x + t->pad, y, name_w, name_h), c->label, t->px_huge, t->px_body,
                   UI_BOLD, name_colour, UI_CENTER);
    else
        ui_text_wrap(v, ui_rect(card.x + t->pad, y, name_w, name_h), c->label, name_px, UI_BOLD,
                     name_colour, 2, UI_CENTER);
    y += name_h + g * 2;
    int bw = portrait ? colw : (colw - t->gap) / 2;
    if (bw > ui_sc(t, 340))
        bw = ui_sc(t, 340);
    const char *yes = kiosk_tr(k, S_YES),
               *no = kiosk_tr(k, c->asked != CONFIRM_FIND ? S_NO_NEW : S_NO);
    if (portrait) {
        int x = (v->w - bw) / 2;
        ui_button(v, t, &k->in, ID_YES, ui_rect(x, y, bw, bh), yes, UI_BTN_PRIMARY, t->px_button);
        ui_button(v, t, &k->in, ID_NO, ui_rect(x, y + bh + t->gap, bw, bh), no, UI_BTN_SECONDARY,
                  t->px_button);
    } else {
        int x = (v->w - 2 * bw - t->gap * 2) / 2;
        ui_button(v, t, &k->in, ID_NO, ui_rect(x, y, bw, bh), no, UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, &k->in, ID_YES, ui_rect(x + bw + 2 * t->gap, y, bw, bh), yes,
                  UI_BTN_PRIMARY, t->px_button);
    }
}

/* Escape or the keypad's 0 (Back by habit) on the question a walk-in form
 * or a correction raised goes back to that form, deciding nothing: No there
 * adds the guest as someone else, a second record of a registration that a
 * key pressed by habit must not make. On Find me's question, No is Back. */
static bool back(Kiosk *k, void *st, int64_t now)
{
    const Confirm *c = st;
    if (c->asked == CONFIRM_FIND)
        return false;
    kiosk_go(k, c->asked == CONFIRM_WALKIN ? SCREEN_WALKIN : SCREEN_WALKIN_FIX, now);
    return true;
}

/* The row as it was shown: a masked name. */
static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    const Confirm *c = st;
    snprintf(out, outlen, "%s %s. %s", kiosk_tr(k, S_CONFIRM_TITLE), c->label,
             kiosk_tr(k, S_SAY_CONFIRM));
}

/* A walk-in's correction asked about has picks left on Interests: saved
 * before another guest's scan ends the visit, as from the form. */
static void scanned(Kiosk *k, void *st)
{
    const Confirm *c = st;
    if (c->asked == CONFIRM_FIX)
        screen_walkin_fix_scanned(k, st);
}

const UiScreen screen_confirm = {
    .name = "confirm",
    .speak = speak,
    .back_id = ID_NO,
    .back = back,
    .guide_id = ID_YES,
    .state_size = sizeof(Confirm),
    .press = press,
    .scanned = scanned,
    .layout = layout,
};
