/* find.c — Find me (SPEC §3 screen 2): a search field beside Back, the
 * on-screen keyboard, and up to eight result rows "Ana G. — Acme Welding";
 * tapping one asks Is this you?. Above the keyboard as many rows as fit, the
 * last slot showing all of them (it hides the keyboard); then all of them,
 * scrolling when they do not fit. When more than eight match, none shows and
 * the guest is asked to type more of their name: there is no way to scroll
 * through the guest list, nor to read it by trying names (visit_search). */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "ui/screens/screen.h"

enum { ID_BACK = 1, ID_FIELD, ID_NEWHERE, ID_MORE, ID_SCROLL, ID_ROW = SCREEN_ITEMS(1) };

#define SEARCH_MAX_CHARS 60

typedef struct Find {
    UiEdit query;
    SearchResult results[SEARCH_MAX_RESULTS];
    size_t nresults;
    bool more; /* more guests match than the results */
    UiScroll sc;
    int text_x; /* where the field's text starts, for a tap's caret */
    UiRect box;
    bool say_pending; /* results to say once typing pauses */
} Find;

/* Typing pauses this long before the results are said: said at each
 * letter, a slow typist heard "No match" for their own name after its
 * second letter, and each letter's results cut off the last. */
#define SAY_PAUSE_MS 700

/* Spoken guidance reads the results as the rows show them (masked names). */
static void say_results(Kiosk *k, const Find *f)
{
    if (!k->speech || !search_query_enough(f->query.text))
        return;
    char line[1024] = "";
    if (f->nresults == 0)
        snprintf(line, sizeof line, "%s", kiosk_tr(k, S_FIND_NONE));
    else if (f->nresults == 1)
        snprintf(line, sizeof line, "%s", kiosk_tr(k, S_SAY_RESULT_ONE));
    else
        snprintf(line, sizeof line, kiosk_tr(k, S_SAY_RESULTS_FMT), f->nresults);
    for (size_t i = 0; i < f->nresults; i++) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, " %s.", f->results[i].label);
    }
    if (f->more) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, " %s", kiosk_tr(k, S_FIND_TYPE_MORE));
    }
    kiosk_say(k, line);
}

static void run_search(Kiosk *k, Find *f)
{
    f->nresults = visit_search(k->env.visit, f->query.text, f->results, &f->more);
    ui_scroll_reset(&f->sc);
    f->say_pending = k->speech;
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    Find *f = st;
    if (f->say_pending && now >= k->last_input + SAY_PAUSE_MS) {
        f->say_pending = false;
        say_results(k, f);
    }
    return false;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)now;
    const Find *f = st;
    return f->say_pending ? k->last_input + SAY_PAUSE_MS : INT64_MAX;
}

static void focus(Kiosk *k, void *st, uint32_t id)
{
    Find *f = st;
    if (id == ID_FIELD)
        screen_focus_field(k, ID_FIELD, &f->query, UI_KB_LETTERS, false);
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    focus(k, st, ID_FIELD);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Find *f = st;
    if (id == ID_BACK) {
        kiosk_home(k, now);
    } else if (id == ID_NEWHERE) {
        kiosk_forget(k);
        kiosk_go(k, SCREEN_WALKIN, now);
    } else if (id == ID_MORE) {
        k->kb.visible = false;
    } else if (id == ID_FIELD) {
        focus(k, st, id);
        screen_field_tapped(k, &f->query, f->box, f->text_x);
    } else if (id >= ID_ROW && id < ID_ROW + f->nresults) {
        screen_confirm_open(k, &f->results[id - ID_ROW], now);
    }
}

static void text(Kiosk *k, void *st, const char *utf8, int64_t now)
{
    (void)now;
    Find *f = st;
    if (k->in.focus == ID_FIELD && ui_edit_insert(&f->query, utf8, SEARCH_MAX_CHARS))
        run_search(k, f);
}

/* Return hides the keyboard so all the results show. */
static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    (void)now;
    Find *f = st;
    if (k->in.focus != ID_FIELD)
        return false;
    if (key == UI_KEY_RETURN) {
        k->kb.visible = false;
        return true;
    }
    if (ui_edit_key(&f->query, key))
        run_search(k, f);
    return true;
}

static UiEdit *field(Kiosk *k, void *st)
{
    Find *f = st;
    return k->in.focus == ID_FIELD ? &f->query : NULL;
}

static void edited(Kiosk *k, void *st)
{
    run_search(k, st);
}

static UiScroll *scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    Find *f = st;
    return id == ID_SCROLL ? &f->sc : NULL;
}

/* No row: says why (no match, a name not typed far enough, more people
 * than rows) and offers I'm new here. */
static void no_match(Kiosk *k, int y, int bottom, UiStr why)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int used = ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, 2 * lh), kiosk_tr(k, why),
                            t->px_body, UI_REGULAR, t->text, 2, UI_CENTER);
    const char *nl = kiosk_tr(k, S_NEW_HERE);
    int nw = screen_button_w(k, nl, t->px_button, ui_sc(t, 220));
    if (y + used + t->gap + t->target <= bottom)
        ui_button(v, t, &k->in, ID_NEWHERE,
                  ui_rect((v->w - nw) / 2, y + used + t->gap, nw, t->target), nl, UI_BTN_PRIMARY,
                  t->px_button);
}

/* How the rows are laid out: columns and their width. Two columns in
 * landscape when every row reads whole in half the width; one full-width
 * column when a long company would be cut. */
typedef struct Rows {
    int cols, colw, px;
    const char *labels[SEARCH_MAX_RESULTS];
} Rows;

static void plan_rows(Kiosk *k, const Find *f, Rows *r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int area_w = v->w - 2 * t->pad;
    for (size_t i = 0; i < f->nresults; i++)
        r->labels[i] = f->results[i].label;
    for (r->cols = v->w > v->h ? 2 : 1;; r->cols--) {
        r->colw = (area_w - (r->cols - 1) * t->gap) / r->cols;
        if (r->cols == 1 || ui_rows_fit(v, t, r->colw, r->labels, f->nresults))
            break;
    }
    r->px = ui_row_px(v, t, r->colw, r->labels, f->nresults);
}

/* Cell i of n, filling the first column before the second, so results read
 * top to bottom in the search's order, as in one column. */
static UiRect cell(const Kiosk *k, const Rows *r, size_t i, size_t n, int y)
{
    const UiTheme *t = &k->theme;
    int rows = (int)((n + (size_t)r->cols - 1) / (size_t)r->cols);
    int col = (int)i / rows, row = (int)i % rows;
    return ui_rect(t->pad + col * (r->colw + t->gap), y + row * (t->target + t->gap), r->colw,
                   t->target);
}

/* The keyboard is up and not every result fits above it: as many rows as
 * fit, the last slot showing them all. */
static void rows_above_keyboard(Kiosk *k, const Find *f, const Rows *r, size_t slots, int y)
{
    const UiTheme *t = &k->theme;
    size_t show = slots - 1;
    for (size_t i = 0; i < show; i++)
        ui_row(k->view, t, &k->in, ID_ROW + (uint32_t)i, cell(k, r, i, slots, y),
               f->results[i].label, r->px);
    char label[120];
    snprintf(label, sizeof label, kiosk_tr(k, S_FIND_SHOW_ALL), f->nresults);
    ui_button(k->view, t, &k->in, ID_MORE, cell(k, r, show, slots, y), label, UI_BTN_QUIET,
              t->px_button);
}

/* Every result, in a scroll area when they do not all fit. */
static void all_rows(Kiosk *k, Find *f, const Rows *r, UiRect area)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, &f->sc, ID_SCROLL, area);
    for (size_t i = 0; i < f->nresults; i++)
        ui_row(v, t, &k->in, ID_ROW + (uint32_t)i, cell(k, r, i, f->nresults, top),
               f->results[i].label, r->px);
    int rows = (int)((f->nresults + (size_t)r->cols - 1) / (size_t)r->cols);
    ui_scroll_end(v, &f->sc, rows * (t->target + t->gap), saved);
    ui_scroll_bar(v, t, &f->sc, area);
}

static void result_rows(Kiosk *k, Find *f, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    if (f->more) {
        /* More than eight match: the name is not narrow enough yet. */
        int lh = ui_text_height(v, t->px_body, UI_BOLD);
        bottom -= lh + t->gap;
        ui_text_in(v, ui_rect(t->pad, bottom + t->gap, v->w - 2 * t->pad, lh),
                   kiosk_tr(k, S_FIND_TYPE_MORE), t->px_body, t->px_small, UI_BOLD, t->text,
                   UI_CENTER);
    }
    Rows r;
    plan_rows(k, f, &r);
    int rows_fit = (bottom - y + t->gap) / (t->target + t->gap);
    size_t slots = (size_t)(rows_fit < 1 ? 1 : rows_fit) * (size_t)r.cols;
    if (k->kb.visible && f->nresults > slots && slots >= 2)
        rows_above_keyboard(k, f, &r, slots, y);
    else
        all_rows(k, f, &r, ui_rect(0, y, v->w, bottom - y));
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Find *f = st;
    const UiTheme *t = &k->theme;
    int bh = t->target;
    f->box = screen_search_bar(k, ID_BACK, ID_FIELD, &f->query, kiosk_tr(k, S_FIND_PLACEHOLDER),
                               &f->text_x);
    int y = f->box.y + f->box.h + t->gap * 2;
    int bottom = screen_keyboard(k) - t->gap;
    if (!search_query_enough(f->query.text)) {
        /* The field's placeholder is the screen's one instruction: where the
         * field cannot show it whole (larger text, a panel upright), it is
         * said in full below it, before anything is typed. */
        const char *say = kiosk_tr(k, S_FIND_PLACEHOLDER);
        if (f->query.text[0] || ui_field_placeholder_whole(v, t, f->box.w, say))
            say = kiosk_tr(k, S_FIND_MORE);
        ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, 3 * bh), say, t->px_body, UI_REGULAR,
                     t->muted, 3, UI_CENTER);
        return;
    }
    /* A short word may be the start of a name not matched yet: whether it
     * is depends on the query alone, so the guest list is not told. */
    if (f->nresults == 0)
        no_match(k, y, bottom,
                 f->more                              ? S_FIND_TYPE_MORE
                 : search_find_partial(f->query.text) ? S_FIND_KEEP_TYPING
                                                      : S_FIND_NONE);
    else
        result_rows(k, f, y, bottom);
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, "%s", kiosk_tr(k, S_SAY_FIND));
}

const UiScreen screen_find = {
    .name = "find",
    .speak = speak,
    .back_id = ID_BACK,
    .state_size = sizeof(Find),
    .enter = enter,
    .press = press,
    .text = text,
    .key = key,
    .focus = focus,
    .field = field,
    .edited = edited,
    .scroll = scroll,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
