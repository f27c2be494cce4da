/* interests.c — Interests (SPEC §3 screen 4): the guest's name in the title,
 * the programs as a grid of tiles and the kinds of partnership, the consent
 * box, and Continue, which saves them and prints the badge (and says so);
 * "Not you?" takes a guest who tapped the wrong name back to Find me, and
 * "Fix my details" in its place takes a walk-in back to the form they typed
 * (walkin_fix.c), from which they return to their picks as they left them.
 * Both choices are in view at every size: side by side in landscape, one
 * above the other in portrait, each scrolling on its own with a "More below"
 * cue when it holds more than it shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screens/screen.h"

enum {
    ID_CONSENT = 1,
    ID_CONTINUE,
    ID_BACK, /* "Not you?", or a walk-in's "Fix my details" */
    ID_SCROLL_PROGRAMS,
    ID_SCROLL_KINDS,
    ID_KIND = SCREEN_ITEMS(1),
    ID_PROGRAM = SCREEN_ITEMS(2)
};

typedef struct Interests {
    bool *picked; /* one per program */
    size_t nprograms;
    bool kinds[PARTNERSHIP_KIND_COUNT];
    bool consent;
    bool shown; /* entered on this visit: a return keeps what was picked */
    UiScroll sc_programs, sc_kinds;
} Interests;

static int create(Kiosk *k, void *st)
{
    Interests *in = st;
    in->nprograms = visit_programs(k->env.visit)->count;
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
    in->shown = false;
    ui_scroll_reset(&in->sc_programs);
    ui_scroll_reset(&in->sc_kinds);
}

static void destroy(Kiosk *k, void *st)
{
    (void)k;
    Interests *in = st;
    free(in->picked);
}

/* The consent box starts from what the form or the registration said; back
 * from fixing their details, it is as the guest left it. */
static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    Interests *in = st;
    if (in->shown)
        return;
    const VisitGuest *g = visit_guest(k->env.visit);
    in->consent = g && g->consent;
    in->shown = true;
}

void screen_interests_back(Kiosk *k, const bool *consent, int64_t now)
{
    Interests *in = kiosk_state(k, SCREEN_INTERESTS);
    if (consent)
        in->consent = *consent;
    k->kb.visible = false;
    kiosk_go(k, SCREEN_INTERESTS, now);
}

int screen_interests_move(Kiosk *k, VisitGuestEdit *e, bool *consent)
{
    Interests *in = kiosk_state(k, SCREEN_INTERESTS);
    VisitOutcome o = visit_fix_move(k->env.visit, e, in->picked, in->kinds, *consent);
    if (o != VISIT_CHECKED_IN && o != VISIT_ALREADY)
        return -1;
    /* The registration's own consent stands too, as its picks do. */
    in->consent = *consent = visit_guest(k->env.visit)->consent;
    return 0;
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Interests *in = st;
    if (id == ID_CONTINUE) {
        if (visit_save_interests(k->env.visit, in->picked, in->kinds, in->consent) == 0)
            kiosk_go(k, SCREEN_DONE, now);
        else
            kiosk_help(k, now);
        return;
    }
    if (id == ID_BACK && visit_fix_offered(k->env.visit)) {
        screen_walkin_fix_open(k, in->consent, now);
        return;
    }
    if (id == ID_BACK) {
        kiosk_go(k, SCREEN_NOT_ME, now); /* asks before it undoes the check-in */
        return;
    }
    if (id == ID_CONSENT)
        in->consent = !in->consent;
    else if (id >= ID_PROGRAM && id - ID_PROGRAM < in->nprograms)
        in->picked[id - ID_PROGRAM] = !in->picked[id - ID_PROGRAM];
    else if (id >= ID_KIND && id - ID_KIND < PARTNERSHIP_KIND_COUNT)
        in->kinds[id - ID_KIND] = !in->kinds[id - ID_KIND];
    else
        return;
    k->in.focus = id;
}

/* The next person in line scans their ticket while this guest is still
 * choosing (on Interests, or on the screens it opens: their form, "Not
 * you?"): what they ticked is saved as Continue would save it (their badge
 * prints with it), not dropped unseen. A save that fails changes nothing the
 * guest could still do anything about: the scan goes on. */
void screen_interests_save(Kiosk *k, bool consent)
{
    Interests *in = kiosk_state(k, SCREEN_INTERESTS);
    (void)visit_save_interests(k->env.visit, in->picked, in->kinds, consent);
}

void screen_interests_scanned(Kiosk *k, void *st)
{
    (void)st;
    screen_interests_save(k, ((Interests *)kiosk_state(k, SCREEN_INTERESTS))->consent);
}

static UiScroll *scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    Interests *in = st;
    return id == ID_SCROLL_PROGRAMS ? &in->sc_programs
           : id == ID_SCROLL_KINDS  ? &in->sc_kinds
                                    : NULL;
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

static void program_tiles(Kiosk *k, const Interests *in, const TileGrid *g, int x, int y)
{
    const ProgramList *pl = visit_programs(k->env.visit);
    for (size_t i = 0; i < pl->count; i++) {
        Program p = screen_program_view(k, i);
        ui_tile(k->view, &k->theme, &k->in, ID_PROGRAM + (uint32_t)i,
                tile_at(g, &k->theme, i, x, y), p.name, p.school, in->picked[i], g->px);
    }
}

/* The partnership kinds' labels in the guest's language, in display order. */
static void kind_labels(const Kiosk *k, const char *out[PARTNERSHIP_KIND_COUNT])
{
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        out[i] = ui_tr_kind(k->lang, PARTNERSHIP_KINDS[i].key);
}

static void kind_tiles(Kiosk *k, const Interests *in, const TileGrid *g, int x, int y)
{
    const char *kinds[PARTNERSHIP_KIND_COUNT];
    kind_labels(k, kinds);
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
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

/* A section: its heading, then its tiles in a scroll area of their own with
 * the cue below when they do not all show. r is the whole section. */
static void section(Kiosk *k, UiRect r, const char *title, const TileGrid *g, UiScroll *sc,
                    uint32_t scroll_id,
                    void (*tiles)(Kiosk *, const Interests *, const TileGrid *, int, int),
                    const Interests *in)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int head_h = heading(k, r.x, r.y, r.w, title);
    int content_h = tile_grid_h(g, t) - t->gap;
    UiRect area = ui_rect(r.x - t->pad, r.y + head_h, r.w + t->pad + t->gap, r.h - head_h);
    bool more = content_h > area.h;
    if (more)
        area.h -= more_cue_h(k);
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, sc, scroll_id, area);
    tiles(k, in, g, r.x, top);
    ui_scroll_end(v, sc, content_h, saved);
    ui_scroll_bar(v, t, sc, area);
    if (more)
        more_cue(k, sc, ui_rect(r.x, area.y + area.h, r.w, more_cue_h(k)));
}

/* The kinds' tiles in width w, the text made smaller (down to px_small)
 * until they fit height h; *fit says whether they did. */
static TileGrid kinds_grid_fit(Kiosk *k, int w, const char *const *kinds, size_t nk, int h,
                               bool *fit)
{
    const UiTheme *t = &k->theme;
    TileGrid g = tile_grid(k, w, 150, 2, kinds, nk, false, t->target);
    while (tile_grid_h(&g, t) - t->gap > h && g.px > t->px_small) {
        g.px--;
        g.th = ui_tile_height(k->view, t, g.px, 2, false);
    }
    *fit = tile_grid_h(&g, t) - t->gap <= h;
    return g;
}

/* The two sections in area: side by side in landscape, programs above kinds
 * in portrait, where the kinds keep their whole height when they can. */
static void sections(Kiosk *k, Interests *in, UiRect area)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const char *kinds[PARTNERSHIP_KIND_COUNT];
    kind_labels(k, kinds);
    size_t nk = PARTNERSHIP_KIND_COUNT;
    const ProgramList *pl = visit_programs(k->env.visit);
    const char **names = pl->count ? calloc(pl->count, sizeof *names) : NULL;
    for (size_t i = 0; names && i < pl->count; i++)
        names[i] = visit_program_text(k->env.visit, i, PROGRAM_NAME, ui_lang_code(k->lang));
    int head_h = ui_text_height(v, t->px_body, UI_BOLD) + t->gap;
    const char *ptitle = kiosk_tr(k, S_INTERESTS_PROGRAMS),
               *ktitle = kiosk_tr(k, S_INTERESTS_KINDS);
    if (v->w > v->h) {
        /* The programs' share of the width, from 55% down to 40% until the
         * kinds fit whole (at smaller text, down to px_small, if need be). */
        int lw = 0, rw = 0;
        TileGrid kg;
        bool fit = false;
        for (int share = 55; share >= 40 && !fit; share -= 5) {
            lw = (area.w - 2 * t->gap) * share / 100;
            rw = area.w - 2 * t->gap - lw;
            kg = kinds_grid_fit(k, rw, kinds, nk, area.h - head_h, &fit);
        }
        /* Not even then: the programs keep the larger share, both scroll. */
        if (!fit) {
            lw = (area.w - 2 * t->gap) * 55 / 100;
            rw = area.w - 2 * t->gap - lw;
            kg = kinds_grid_fit(k, rw, kinds, nk, area.h - head_h, &fit);
        }
        TileGrid pg = tile_grid(k, lw, 190, 3, names, pl->count, true, t->target);
        section(k, ui_rect(area.x, area.y, lw, area.h), ptitle, &pg, &in->sc_programs,
                ID_SCROLL_PROGRAMS, program_tiles, in);
        section(k, ui_rect(area.x + lw + 2 * t->gap, area.y, rw, area.h), ktitle, &kg,
                &in->sc_kinds, ID_SCROLL_KINDS, kind_tiles, in);
    } else {
        TileGrid pg = tile_grid(k, area.w, 220, 4, names, pl->count, true, ui_sc(t, 76));
        TileGrid kg = tile_grid(k, area.w, 180, 4, kinds, nk, false, ui_sc(t, 64));
        int ph = head_h + tile_grid_h(&pg, t), kh = head_h + tile_grid_h(&kg, t);
        int room = area.h - t->gap;
        /* The kinds whole when they take at most half the room; else the
         * programs, the first choice, keep the larger share. Both scroll
         * when they have more than they show. */
        int kinds_h = kh <= room / 2 ? kh : room * 45 / 100;
        if (ph < room - kinds_h)
            kinds_h = room - ph;
        int progs_h = room - kinds_h;
        section(k, ui_rect(area.x, area.y, area.w, progs_h), ptitle, &pg, &in->sc_programs,
                ID_SCROLL_PROGRAMS, program_tiles, in);
        section(k, ui_rect(area.x, area.y + progs_h + t->gap, area.w, kinds_h), ktitle, &kg,
                &in->sc_kinds, ID_SCROLL_KINDS, kind_tiles, in);
    }
    free(names);
}

/* The bar at the bottom: Continue at the right, saying it prints the badge
 * (unless it printed when the guest checked in before);
 * "Not you?" (or "Fix my details") at the left in portrait (in landscape it
 * is in the title bar); the consent box between them, or on a line of its
 * own above when it would be cut there. */
typedef struct Bar {
    UiRect back; /* w 0: not here */
    UiRect consent, cont;
} Bar;

/* What Continue says it does besides: prints the badge, unless the visit
 * has none to print (NULL). */
static const char *continue_note(Kiosk *k)
{
    return visit_badge_earlier(k->env.visit) ? NULL : kiosk_tr(k, S_CONTINUE_PRINTS);
}

/* Plans the bar, with the button labelled back at the left when it is not
 * NULL; returns its top. Draws nothing. */
static int bar_plan(Kiosk *k, const char *back, Bar *b)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target, bar_y = v->h - t->pad - bh;
    const char *label = kiosk_tr(k, S_CONTINUE), *note = continue_note(k);
    int cw = screen_button_w(k, label, t->px_button, ui_sc(t, 220));
    int nw = note ? ui_text_width(v, note, t->px_small, UI_REGULAR) + 2 * ui_sc(t, 12) : 0;
    cw = nw > cw ? nw : cw;
    int room = v->w - 2 * t->pad;
    b->back = ui_rect(t->pad, bar_y, 0, bh);
    if (back)
        b->back.w = screen_button_w(k, back, t->px_button, t->btn_min);
    /* Never one over the other: "Not you?" undoes the check-in, and "Fix my
     * details" leaves the picks for a while. Where both do not fit (larger
     * text in Spanish, a narrow panel) they share the width, their labels
     * shrinking to fit. */
    if (b->back.w && b->back.w + t->gap + cw > room) {
        b->back.w = (room - t->gap) / 2;
        cw = room - t->gap - b->back.w;
    }
    b->cont = ui_rect(v->w - t->pad - cw, bar_y, cw, bh);
    int x = b->back.w ? t->pad + b->back.w + t->gap : t->pad;
    b->consent = ui_rect(x, bar_y, b->cont.x - t->gap - x, bh);
    const char *consent = kiosk_tr(k, S_CONSENT);
    int boxes = ui_sc(t, 8 + 34 + 12 + 8);
    int need = ui_text_width(v, consent, t->px_body, UI_REGULAR) + boxes;
    int two = 2 * ui_text_height(v, t->px_body, UI_REGULAR) + ui_sc(t, 8);
    if (need > b->consent.w && two <= bh * 4 / 3 &&
        ui_text_wraps(v, consent, t->px_body, UI_REGULAR, b->consent.w - boxes, 2)) {
        /* Two lines beside Continue rather than a row of its own, which
         * larger text can ill spare from the lists. */
        int h = two > bh ? two : bh;
        b->consent = ui_rect(x, v->h - t->pad - h, b->consent.w, h);
    } else if (need > b->consent.w) {
        /* A line of its own, and two lines of text when one is not enough:
         * what the guest agrees to is read whole. */
        int h = bh;
        if (need > room && two > h)
            h = two;
        b->consent = ui_rect(t->pad, bar_y - t->gap - h, room, h);
    }
    return b->consent.y;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Interests *in = st;
    const UiTheme *t = &k->theme;
    const VisitGuest *g = visit_guest(k->env.visit);
    char title[600];
    if (g && g->greet[0])
        snprintf(title, sizeof title, kiosk_tr(k, S_INTERESTS_TITLE_FMT), g->greet);
    else
        snprintf(title, sizeof title, "%s", kiosk_tr(k, S_INTERESTS_TITLE));
    /* "Not you?" for a guest this visit checked in from a list: the wrong
     * name tapped, someone else's ticket. "Fix my details" for a walk-in
     * who typed theirs: a typo seen in the title would print on the badge. */
    const char *back = visit_fix_offered(k->env.visit)      ? kiosk_tr(k, S_FIX_DETAILS)
                       : visit_not_me_offered(k->env.visit) ? kiosk_tr(k, S_NOT_YOU)
                                                            : NULL;
    bool portrait = v->h > v->w;
    int y0 = screen_top_bar(k, title, back && !portrait ? ID_BACK : 0, back, 0, NULL);
    Bar b;
    int bottom = bar_plan(k, portrait ? back : NULL, &b);
    sections(k, in, ui_rect(t->pad, y0, v->w - 2 * t->pad, bottom - t->gap - y0));
    /* Drawn after the tiles, so Tab reaches them last. */
    if (b.back.w)
        ui_button(v, t, &k->in, ID_BACK, b.back, back, UI_BTN_SECONDARY, t->px_button);
    ui_checkbox(v, t, &k->in, ID_CONSENT, b.consent, kiosk_tr(k, S_CONSENT), in->consent);
    if (continue_note(k))
        ui_button_note(v, t, &k->in, ID_CONTINUE, b.cont, kiosk_tr(k, S_CONTINUE), continue_note(k),
                       UI_BTN_PRIMARY, t->px_button);
    else
        ui_button(v, t, &k->in, ID_CONTINUE, b.cont, kiosk_tr(k, S_CONTINUE), UI_BTN_PRIMARY,
                  t->px_button);
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    const VisitGuest *g = visit_guest(k->env.visit);
    char title[300];
    if (g && g->greet[0])
        snprintf(title, sizeof title, kiosk_tr(k, S_INTERESTS_TITLE_FMT), g->greet);
    else
        snprintf(title, sizeof title, "%s", kiosk_tr(k, S_INTERESTS_TITLE));
    /* Said as Continue's button reads: with "to print your badge" only when
     * it prints one. */
    UiStr what = continue_note(k) ? S_SAY_INTERESTS : S_SAY_INTERESTS_NO_PRINT;
    snprintf(out, outlen, "%s %s%s%s", title, kiosk_tr(k, what),
             visit_fix_offered(k->env.visit) ? " " : "",
             visit_fix_offered(k->env.visit) ? kiosk_tr(k, S_SAY_INTERESTS_FIX) : "");
}

const UiScreen screen_interests = {
    .name = "interests",
    .guide_id = ID_PROGRAM, /* the first program */
    .speak = speak,
    .back_id = ID_BACK, /* the wrong name tapped; a walk-in's own form */
    .idle_s = 30,       /* unattended, the guest has walked away: their badge prints */
    .state_size = sizeof(Interests),
    .create = create,
    .reset = reset,
    .destroy = destroy,
    .enter = enter,
    .press = press,
    .scanned = screen_interests_scanned,
    .scroll = scroll,
    .layout = layout,
};
