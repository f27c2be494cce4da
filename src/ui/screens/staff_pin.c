/* staff_pin.c — the PIN pad behind the staff gesture (SPEC §5): digits as
 * dots, what the pad has to say (wrong PIN and tries left, wait, locked with
 * a countdown, no PIN set), and the keys 1–9, Delete, 0 and OK as on a phone.
 * A keyboard's digits, Backspace and Return work too. The PIN is checked by
 * the visit layer, which keeps the lock-out, on a thread of its own: the pad
 * says "Checking…" and stays responsive until the answer comes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/pin.h"
#include "ui/screens/screen.h"

enum { ID_CANCEL = 1, ID_DELETE, ID_OK, ID_DIGIT = SCREEN_ITEMS(1) };

/* How often the pad looks for the answer of a PIN being checked. */
#define CHECK_POLL_MS 25

/* What the pad says under the digits. */
typedef enum PadNote {
    PN_NONE,
    PN_WRONG,
    PN_WAIT,
    PN_LOCKED,
    PN_NO_PIN,
    PN_ERROR,    /* the lock-out could not be read: no PIN is tried */
    PN_CHECKING, /* the PIN is being checked, off the screen's thread */
} PadNote;

typedef struct Pad {
    char pin[PIN_MAX_DIGITS + 1];
    size_t len;
    PadNote note;
} Pad;

static void clear_pin(Pad *p)
{
    memset(p->pin, 0, sizeof p->pin);
    p->len = 0;
}

static void reset(Kiosk *k, void *st)
{
    Pad *p = st;
    if (k->env.visit)
        visit_pin_cancel(k->env.visit); /* a PIN still being checked lets nobody in */
    clear_pin(p);
    p->note = PN_NONE;
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    Pad *p = st;
    clear_pin(p);
    switch (visit_pin_open(k->env.visit)) {
    case VISIT_PIN_NONE:
        p->note = PN_NO_PIN;
        break;
    case VISIT_PIN_ERROR:
        p->note = PN_ERROR;
        break;
    case VISIT_PIN_LOCKED:
        p->note = PN_LOCKED;
        break;
    case VISIT_PIN_CHECKING:
        p->note = PN_CHECKING;
        break;
    default:
        p->note = PN_NONE;
        break;
    }
}

/* What the visit said of a PIN, now or when its check ended. */
static void answered(Kiosk *k, Pad *p, VisitPin r, int64_t now)
{
    switch (r) {
    case VISIT_PIN_OK:
        kiosk_go(k, SCREEN_STAFF_HOME, now);
        if (visit_pin_weak(k->env.visit))
            kiosk_notice(k, S_PIN_WEAK, now);
        break;
    case VISIT_PIN_CHECKING:
        p->note = PN_CHECKING;
        break;
    case VISIT_PIN_WRONG:
        p->note = PN_WRONG;
        break;
    case VISIT_PIN_WAIT:
        p->note = PN_WAIT;
        break;
    case VISIT_PIN_LOCKED:
        p->note = PN_LOCKED;
        break;
    case VISIT_PIN_NONE:
        p->note = PN_NO_PIN;
        break;
    case VISIT_PIN_ERROR:
        p->note = PN_ERROR;
        break;
    case VISIT_PIN_OPEN:
        if (p->note == PN_CHECKING)
            p->note = PN_NONE; /* a left pad's PIN, answered */
        break;                 /* else nothing typed */
    }
}

/* OK: the check starts on its own thread; the answer comes to tick. */
static void try_pin(Kiosk *k, Pad *p, int64_t now)
{
    VisitPin r = visit_pin_submit(k->env.visit, p->pin);
    if (r != VISIT_PIN_WAIT && r != VISIT_PIN_OPEN)
        clear_pin(p);
    answered(k, p, r, now);
}

static void add_digit(Pad *p, char d)
{
    if (p->len >= PIN_MAX_DIGITS)
        return;
    p->pin[p->len++] = d;
    p->pin[p->len] = '\0';
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Pad *p = st;
    if (id >= ID_DIGIT && id <= ID_DIGIT + 9)
        add_digit(p, (char)('0' + id - ID_DIGIT));
    else if (id == ID_DELETE && p->len)
        p->pin[--p->len] = '\0';
    else if (id == ID_OK)
        try_pin(k, p, now);
    else if (id == ID_CANCEL)
        kiosk_reset(k, now);
}

static void text(Kiosk *k, void *st, const char *utf8, int64_t now)
{
    (void)k;
    (void)now;
    for (const char *c = utf8; *c; c++)
        if (*c >= '0' && *c <= '9')
            add_digit(st, *c);
}

static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    if (key == UI_KEY_BACKSPACE)
        press(k, st, ID_DELETE, now);
    else if (key == UI_KEY_RETURN)
        try_pin(k, st, now);
    return true;
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    Pad *p = st;
    if (p->note == PN_CHECKING) {
        VisitPin r = visit_pin_poll(k->env.visit);
        if (r == VISIT_PIN_CHECKING)
            return false;
        answered(k, p, r, now);
        return true;
    }
    VisitPin state = visit_pin_state(k->env.visit, NULL);
    if (p->note == PN_LOCKED) {
        /* The countdown is redrawn each second; at its end the pad says nothing. */
        if (state != VISIT_PIN_LOCKED)
            p->note = PN_NONE;
        return true;
    }
    if (p->note == PN_WAIT && state == VISIT_PIN_OPEN) {
        p->note = PN_NONE;
        return true;
    }
    return false;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    const Pad *p = st;
    if (p->note == PN_CHECKING)
        return now + CHECK_POLL_MS;
    if (p->note != PN_LOCKED && p->note != PN_WAIT)
        return INT64_MAX;
    int64_t rem = 0;
    if (visit_pin_state(k->env.visit, &rem) == VISIT_PIN_OPEN)
        return now;
    /* The next whole second of the countdown (or its end). */
    return now + (rem % 1000 ? rem % 1000 : 1000);
}

/* ---- layout ---- */

/* "m:ss" of a duration, rounded up to the second. */
static void format_remaining(int64_t ms, char *out, size_t len)
{
    int64_t s = (ms + 999) / 1000;
    snprintf(out, len, "%" PRId64 ":%02d", s / 60, (int)(s % 60));
}

/* What the pad says under the digits: up to three parts, each on lines of its
 * own (so a countdown or a command is never split), the first in the note's
 * colour. */
typedef struct Note {
    char part[3][300];
    int n;
    UiColor colour;
    UiWeight weight;
} Note;

static void pad_note(Kiosk *k, const Pad *p, Note *out)
{
    memset(out, 0, sizeof *out);
    out->colour = k->theme.error;
    out->weight = UI_BOLD;
    out->n = 1;
    switch (p->note) {
    case PN_NONE:
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_HINT));
        out->colour = k->theme.muted;
        out->weight = UI_REGULAR;
        break;
    case PN_WRONG: {
        int left = visit_pin_tries_left(k->env.visit);
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_WRONG));
        if (left == 1)
            snprintf(out->part[1], sizeof out->part[1], "%s", kiosk_tr(k, S_PIN_TRIES_ONE));
        else
            snprintf(out->part[1], sizeof out->part[1], kiosk_tr(k, S_PIN_TRIES_FMT), left);
        out->n = 2;
        break;
    }
    case PN_WAIT:
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_WAIT));
        break;
    case PN_LOCKED: {
        int64_t rem = 0;
        char t[32];
        visit_pin_state(k->env.visit, &rem);
        format_remaining(rem, t, sizeof t);
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_LOCKED));
        snprintf(out->part[1], sizeof out->part[1], kiosk_tr(k, S_PIN_TRY_IN_FMT), t);
        out->n = 2;
        break;
    }
    case PN_NO_PIN:
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_NONE));
        snprintf(out->part[1], sizeof out->part[1], "%s", kiosk_tr(k, S_PIN_NONE_CMD));
        snprintf(out->part[2], sizeof out->part[2], "%s",
                 kiosk_tr(k, visit_is_demo(k->env.visit) ? S_PIN_NONE_DEMO : S_PIN_NONE_KIOSK));
        out->n = 3;
        out->colour = k->theme.text;
        break;
    case PN_ERROR:
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_ERROR));
        break;
    case PN_CHECKING:
        snprintf(out->part[0], sizeof out->part[0], "%s", kiosk_tr(k, S_PIN_CHECKING));
        out->colour = k->theme.text;
        break;
    }
}

/* The note's parts, each wrapped on at most two lines, within r. */
static void draw_note(Kiosk *k, UiRect r, const Note *note)
{
    const UiTheme *t = &k->theme;
    int lh = ui_text_height(k->view, t->px_body, UI_REGULAR);
    int y = r.y;
    for (int i = 0; i < note->n && y + lh <= r.y + r.h; i++) {
        int lines = r.y + r.h - y >= 2 * lh ? 2 : 1;
        UiColor colour = i == 0 ? note->colour : t->text;
        UiWeight w = i == 0 ? note->weight : UI_REGULAR;
        y += ui_text_wrap(k->view, ui_rect(r.x, y, r.w, lines * lh), note->part[i], t->px_body, w,
                          colour, lines, UI_CENTER);
    }
}

/* The digits typed, as dots in a box. */
static void dots(Kiosk *k, const Pad *p, UiRect box)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    ui_draw_rect(v, box, t->surface, t->radius);
    ui_draw_frame(v, box, t->primary, t->radius, t->border_w);
    int d = ui_sc(t, 16), dg = ui_sc(t, 12);
    int dots_w = (int)p->len * d + ((int)p->len - 1) * dg;
    for (size_t i = 0; i < p->len; i++)
        ui_draw_rect(v,
                     ui_rect(box.x + (box.w - dots_w) / 2 + (int)i * (d + dg),
                             box.y + (box.h - d) / 2, d, d),
                     t->contrast ? t->text : t->primary, d / 2);
}

/* 1 2 3 / 4 5 6 / 7 8 9 / Delete 0 OK, as on a phone. */
static void keys(Kiosk *k, int gx, int gy, int kw, int kh)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    for (int i = 0; i < 12; i++) {
        int row = i / 3, col = i % 3;
        UiRect r = ui_rect(gx + col * (kw + t->gap), gy + row * (kh + t->gap), kw, kh);
        if (i < 9) {
            char label[2] = {(char)('1' + i), '\0'};
            ui_button(v, t, &k->in, ID_DIGIT + 1 + (uint32_t)i, r, label, UI_BTN_SECONDARY,
                      t->px_title);
        } else if (i == 9) {
            ui_button(v, t, &k->in, ID_DELETE, r, kiosk_tr(k, S_KEY_DELETE), UI_BTN_QUIET,
                      t->px_button);
        } else if (i == 10) {
            ui_button(v, t, &k->in, ID_DIGIT, r, "0", UI_BTN_SECONDARY, t->px_title);
        } else {
            ui_button(v, t, &k->in, ID_OK, r, kiosk_tr(k, S_OK), UI_BTN_PRIMARY, t->px_button);
        }
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Pad *p = st;
    const UiTheme *t = &k->theme;
    int top =
        screen_staff_bar(k, kiosk_tr(k, S_PIN_TITLE), ID_CANCEL, kiosk_tr(k, S_CANCEL), 0, NULL);
    bool landscape = v->w > v->h;
    int kh = t->target, kw = ui_sc(t, landscape ? 120 : 130);
    int grid_w = 3 * kw + 2 * t->gap, grid_h = 4 * kh + 3 * t->gap;
    int note_h = 5 * ui_text_height(v, t->px_body, UI_REGULAR);
    int box_h = t->target;
    int avail = v->h - top - t->pad;
    int col_x, col_w, col_y, gx, gy;
    if (landscape) {
        col_x = t->pad;
        col_w = v->w / 2 - 2 * t->pad;
        col_y = top + (avail - (box_h + t->gap + note_h)) / 2;
        gx = v->w / 2 + (v->w / 2 - grid_w) / 2;
        gy = top + (avail - grid_h) / 2;
    } else {
        int total = box_h + t->gap + note_h + t->gap + grid_h;
        col_w = grid_w;
        col_x = (v->w - col_w) / 2;
        col_y = top + (avail - total) / 2;
        gx = col_x;
        gy = col_y + box_h + t->gap + note_h + t->gap;
    }
    dots(k, p, ui_rect(col_x, col_y, col_w, box_h));
    Note note;
    pad_note(k, p, &note);
    draw_note(k, ui_rect(col_x, col_y + box_h + t->gap, col_w, note_h), &note);
    keys(k, gx, gy, kw, kh);
}

const UiScreen screen_staff_pin = {
    .name = "staff_pin",
    .back_id = ID_CANCEL,
    .keypad_types = true,
    .staff = true,
    .state_size = sizeof(Pad),
    .reset = reset,
    .enter = enter,
    .press = press,
    .text = text,
    .key = key,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
