/* interests.c — Interests (SPEC §3 screen 4): the guest's name in the title,
 * the programs as a grid of tiles and the kinds of partnership, the consent
 * box for pre-registered guests, and Continue, which saves them and prints the
 * badge. Programs and kinds side by side in landscape (kinds whole, programs
 * scrolling when many), one scrolling column otherwise; a "More below" cue
 * whenever something is out of view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screens/screen.h"

enum {
    ID_CONSENT = 1,
    ID_CONTINUE,
    ID_SCROLL,
    ID_KIND = SCREEN_ITEMS(1),
    ID_PROGRAM = SCREEN_ITEMS(2)
};

#define MAX_KINDS 16

typedef struct Interests {
    bool *picked; /* one per program */
    size_t nprograms;
    bool kinds[MAX_KINDS];
    bool consent;
    UiScroll sc;
} Interests;

static int create(Kiosk *k, void *st)
{
    Interests *in = st;
    in->nprograms = visit_programs(k->visit)->count;
    in->picked = calloc(in->nprograms + 1, sizeof *in->picked);
    return in->picked ? 0 : -1;
}

static void reset(Kiosk *k, void *st)
{
    (void)k;
    Interests *in = st;
    memset(in->picked, 0, (in->nprograms + 1) * sizeof *in->picked);
    memset(in->kinds, 0, sizeof in->kinds);
    in->consent = false;
    ui_scroll_reset(&in->sc);
}

static void destroy(Kiosk *k, void *st)
{
    (void)k;
    Interests *in = st;
    free(in->picked);
}

/* A pre-registered guest's consent starts from what the registration said. */
static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    Interests *in = st;
    const VisitGuest *g = visit_guest(k->visit);
    in->consent = g && g->consent;
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Interests *in = st;
    if (id == ID_CONTINUE) {
        if (visit_save_interests(k->visit, in->picked, in->kinds, in->consent) == 0)
            kiosk_go(k, SCREEN_DONE, now);
        else
            kiosk_help(k, now);
        return;
    }
    if (id == ID_CONSENT)
        in->consent = !in->consent;
    else if (id >= ID_PROGRAM && id - ID_PROGRAM < in->nprograms)
        in->picked[id - ID_PROGRAM] = !in->picked[id - ID_PROGRAM];
    else if (id >= ID_KIND && id - ID_KIND < PARTNERSHIP_KIND_COUNT && id - ID_KIND < MAX_KINDS)
        in->kinds[id - ID_KIND] = !in->kinds[id - ID_KIND];
    else
        return;
    k->in.focus = id;
}

static UiScroll *scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    Interests *in = st;
    return id == ID_SCROLL ? &in->sc : NULL;
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    (void)k;
    Interests *in = st;
    return screen_scroll_tick(&in->sc, now);
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)k;
    const Interests *in = st;
    return screen_scroll_wake(&in->sc, now);
}

/* ---- layout ---- */

static int heading(Kiosk *k, int x, int y, int w, const char *text)
{
    const UiTheme *t = &k->theme;
    int h = ui_text_height(k->view, t->px_body, UI_BOLD) + t->gap;
    ui_text_in(k->view, ui_rect(x, y, w, h), text, t->px_body, t->px_small, UI_BOLD, t->muted,
               UI_LEFT);
    return h;
}

/* A grid of tiles: columns, tile size and the one text size of its labels. */
typedef struct TileGrid {
    int cols, rows, tw, th, px;
} TileGrid;

/* Tiles at least min_tile_w (design px) wide in w, 1..max_cols columns, at
 * least min_h tall and tall enough for their labels on two lines. */
static TileGrid tile_grid(Kiosk *k, int w, int min_tile_w, int max_cols, const char *const *labels,
                          size_t n, bool sub, int min_h)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    TileGrid g;
    g.cols = w / ui_sc(t, min_tile_w);
    g.cols = g.cols < 1 ? 1 : g.cols > max_cols ? max_cols : g.cols;
    int lines = 2;
    /* Fewer, wider tiles while a label would be cut. */
    for (;; g.cols--) {
        g.tw = (w - (g.cols - 1) * t->gap) / g.cols;
        g.px = labels ? ui_tile_px(v, t, g.tw, labels, n, &lines) : t->px_small;
        if (g.cols == 1 || !labels || ui_tiles_fit(v, t, g.tw, labels, n, g.px))
            break;
    }
    g.th = ui_tile_height(v, t, g.px, lines, sub);
    if (g.th < min_h)
        g.th = min_h;
    g.rows = (int)((n + (size_t)g.cols - 1) / (size_t)g.cols);
    return g;
}

static int tile_grid_h(const TileGrid *g, const UiTheme *t)
{
    return g->rows * (g->th + t->gap);
}

static UiRect tile_at(const TileGrid *g, const UiTheme *t, size_t i, int x, int y)
{
    int col = (int)(i % (size_t)g->cols), row = (int)(i / (size_t)g->cols);
    return ui_rect(x + col * (g->tw + t->gap), y + row * (g->th + t->gap), g->tw, g->th);
}

static void programs_grid(Kiosk *k, const Interests *in, const TileGrid *g, int x, int y)
{
    const ProgramList *pl = visit_programs(k->visit);
    for (size_t i = 0; i < pl->count; i++) {
        const Program *p = &pl->items[i];
        ui_tile(k->view, &k->theme, &k->in, ID_PROGRAM + (uint32_t)i,
                tile_at(g, &k->theme, i, x, y), p->name, p->school, in->picked[i], g->px);
    }
}

static void kinds_grid(Kiosk *k, const Interests *in, const TileGrid *g, const char *const *kinds,
                       size_t nk, int x, int y)
{
    for (size_t i = 0; i < nk; i++)
        ui_tile(k->view, &k->theme, &k->in, ID_KIND + (uint32_t)i, tile_at(g, &k->theme, i, x, y),
                kinds[i], NULL, in->kinds[i], g->px);
}

/* Height of the "More below" cue under a scroll area whose content is taller. */
static int more_cue_h(Kiosk *k)
{
    return ui_text_height(k->view, k->theme.px_small, UI_BOLD) + ui_sc(&k->theme, 8);
}

/* The cue in r, while the area above it is not scrolled to its end: the guest
 * sees there is more to pick before Continue. */
static void more_cue(Kiosk *k, const UiScroll *sc, UiRect r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    if (sc->offset >= (float)(sc->content_h - sc->view_h) - 1)
        return;
    const char *s = kiosk_tr(k, S_MORE_BELOW);
    int d = ui_sc(t, 5);
    int tw = ui_text_width(v, s, t->px_small, UI_BOLD);
    int x = r.x + (r.w - tw - 3 * d) / 2, cy = r.y + r.h / 2;
    UiColor col = t->contrast ? t->text : t->primary;
    ui_text_in(v, ui_rect(x, r.y, tw, r.h), s, t->px_small, t->px_small, UI_BOLD, col, UI_LEFT);
    /* A chevron pointing down. */
    int ax = x + tw + 2 * d;
    ui_draw_line(v, ax - d, cy - d / 2, ax, cy + d / 2, col, ui_sc(t, 2) + 1);
    ui_draw_line(v, ax, cy + d / 2, ax + d, cy - d / 2, col, ui_sc(t, 2) + 1);
}

/* What both arrangements need: the labels, the area and its heading height. */
typedef struct Lay {
    const char *kinds[MAX_KINDS];
    size_t nk;
    const char **names; /* the programs' */
    size_t np;
    int y0, area_h, head_h, aw;
} Lay;

/* A scroll area holding content_h, with the cue below it when taller;
 * returns the y where content starts. */
static int scroll_begin(Kiosk *k, Interests *in, UiRect *area, int content_h)
{
    if (content_h > area->h)
        area->h -= more_cue_h(k);
    return ui_scroll_begin(k->view, &in->sc, ID_SCROLL, *area);
}

static void scroll_end(Kiosk *k, Interests *in, UiRect area, int content_h, UiRect saved, int x,
                       int w)
{
    ui_scroll_end(k->view, &in->sc, content_h, saved);
    ui_scroll_bar(k->view, &k->theme, &in->sc, area);
    if (content_h > area.h)
        more_cue(k, &in->sc, ui_rect(x, area.y + area.h, w, more_cue_h(k)));
}

/* Landscape: kinds on the right, whole; programs scrolling on the left. */
static void side_by_side(Kiosk *k, Interests *in, const Lay *l, TileGrid *kg, int lw, int rw)
{
    const UiTheme *t = &k->theme;
    UiRect saved = k->view->clip;
    TileGrid pg = tile_grid(k, lw, 190, 3, l->names, l->np, true, t->target);
    int content_h = l->head_h + tile_grid_h(&pg, t);
    UiRect area = ui_rect(0, l->y0, t->pad + lw + t->gap, l->area_h);
    int top = scroll_begin(k, in, &area, content_h);
    heading(k, t->pad, top, lw, kiosk_tr(k, S_INTERESTS_PROGRAMS));
    programs_grid(k, in, &pg, t->pad, top + l->head_h);
    scroll_end(k, in, area, content_h, saved, t->pad, lw);
    int rx = t->pad + lw + 2 * t->gap;
    heading(k, rx, l->y0, rw, kiosk_tr(k, S_INTERESTS_KINDS));
    kinds_grid(k, in, kg, l->kinds, l->nk, rx, l->y0 + l->head_h);
}

/* One scrolling column: programs, then kinds. */
static void one_column(Kiosk *k, Interests *in, const Lay *l)
{
    const UiTheme *t = &k->theme;
    UiRect saved = k->view->clip;
    TileGrid pg = tile_grid(k, l->aw, 220, 4, l->names, l->np, true, ui_sc(t, 76));
    TileGrid kg = tile_grid(k, l->aw, 180, 4, l->kinds, l->nk, false, ui_sc(t, 64));
    int content_h = (l->np ? l->head_h + tile_grid_h(&pg, t) + t->gap : 0) + l->head_h +
                    tile_grid_h(&kg, t) - t->gap;
    UiRect area = ui_rect(0, l->y0, k->view->w, l->area_h);
    int y = scroll_begin(k, in, &area, content_h);
    if (l->np) {
        y += heading(k, t->pad, y, l->aw, kiosk_tr(k, S_INTERESTS_PROGRAMS));
        programs_grid(k, in, &pg, t->pad, y);
        y += tile_grid_h(&pg, t) + t->gap;
    }
    y += heading(k, t->pad, y, l->aw, kiosk_tr(k, S_INTERESTS_KINDS));
    kinds_grid(k, in, &kg, l->kinds, l->nk, t->pad, y);
    scroll_end(k, in, area, content_h, saved, 0, k->view->w);
}

static void tiles(Kiosk *k, Interests *in, Lay *l)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    l->nk = PARTNERSHIP_KIND_COUNT < MAX_KINDS ? PARTNERSHIP_KIND_COUNT : MAX_KINDS;
    for (size_t i = 0; i < l->nk; i++)
        l->kinds[i] = ui_tr_kind(k->lang, PARTNERSHIP_KINDS[i].key);
    const ProgramList *pl = visit_programs(k->visit);
    l->np = pl->count;
    l->names = l->np ? calloc(l->np, sizeof *l->names) : NULL;
    for (size_t i = 0; l->names && i < l->np; i++)
        l->names[i] = pl->items[i].name;
    l->head_h = ui_text_height(v, t->px_body, UI_BOLD) + t->gap;
    int lw = (l->aw - 2 * t->gap) * 55 / 100, rw = l->aw - 2 * t->gap - lw;
    TileGrid kg = tile_grid(k, rw, 150, 2, l->kinds, l->nk, false, t->target);
    /* Smaller text before giving up on showing them all (down to px_small). */
    while (l->head_h + tile_grid_h(&kg, t) - t->gap > l->area_h && kg.px > t->px_small) {
        kg.px--;
        kg.th = ui_tile_height(v, t, kg.px, 2, false);
    }
    bool landscape = v->w > v->h && l->np > 0;
    if (landscape && l->head_h + tile_grid_h(&kg, t) - t->gap <= l->area_h)
        side_by_side(k, in, l, &kg, lw, rw);
    else
        one_column(k, in, l);
    free(l->names);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Interests *in = st;
    const UiTheme *t = &k->theme;
    const VisitGuest *g = visit_guest(k->visit);
    Lay l;
    memset(&l, 0, sizeof l);
    l.aw = v->w - 2 * t->pad;
    char title[600];
    if (g && g->greet[0])
        snprintf(title, sizeof title, kiosk_tr(k, S_INTERESTS_TITLE_FMT), g->greet);
    else
        snprintf(title, sizeof title, "%s", kiosk_tr(k, S_INTERESTS_TITLE));
    /* No buttons up here: the title takes only its own line. */
    int title_h = ui_text_height(v, t->px_title, UI_BOLD);
    ui_text_in(v, ui_rect(t->pad, t->pad, l.aw, title_h), title, t->px_title, t->px_body, UI_BOLD,
               t->text, UI_CENTER);
    l.y0 = t->pad + title_h + t->gap;

    /* Continue at the bottom right; the consent box left of it, or on its own
     * line above it when it would be cut there. Both are drawn last, so Tab
     * reaches them after the tiles. */
    bool ask = g && g->ask_consent;
    int bh = t->target;
    int bar_y = v->h - t->pad - bh;
    const char *cont = kiosk_tr(k, S_CONTINUE);
    int cwid = screen_button_w(k, cont, t->px_button, ui_sc(t, 220));
    int bottom = bar_y - t->gap;
    const char *cs = kiosk_tr(k, S_CONSENT);
    UiRect cr = ui_rect(t->pad, bar_y, l.aw - cwid - t->gap, bh);
    if (ask && ui_text_width(v, cs, t->px_body, UI_REGULAR) + ui_sc(t, 8 + 34 + 12 + 8) > cr.w) {
        cr = ui_rect(t->pad, bar_y - t->gap - bh, l.aw, bh);
        bottom = cr.y - t->gap;
    }
    l.area_h = bottom - l.y0;
    tiles(k, in, &l);
    if (ask)
        ui_checkbox(v, t, &k->in, ID_CONSENT, cr, cs, in->consent);
    ui_button(v, t, &k->in, ID_CONTINUE, ui_rect(v->w - t->pad - cwid, bar_y, cwid, bh), cont,
              UI_BTN_PRIMARY, t->px_button);
}

const UiScreen screen_interests = {
    .name = "interests",
    .idle_s = 30, /* unattended, the guest has walked away: their badge prints */
    .state_size = sizeof(Interests),
    .create = create,
    .reset = reset,
    .destroy = destroy,
    .enter = enter,
    .press = press,
    .scroll = scroll,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
