/* programs.c — Explore programs (SPEC §3 screen 7): a card per program with
 * its colour, name, school and pathway, scrolled by dragging with inertia;
 * and a program's page, where a guest of the visit open could mark I'm
 * interested (Done ends the visit before its Explore programs, so none is
 * open on the way here today). Cards and pages are drawn by ui_programs.h. */
#include <stdio.h>
#include <stdlib.h>

#include "ui/screens/screen.h"
#include "ui/ui_programs.h"

enum { ID_BACK = 1, ID_SCROLL, ID_INTEREST, ID_CARD = SCREEN_ITEMS(1) };

typedef struct Programs {
    UiScroll sc;
} Programs;

typedef struct ProgramPage {
    size_t i; /* the program shown */
    bool interested;
    UiScroll sc;
} ProgramPage;

void screen_programs_open(Kiosk *k, int64_t now)
{
    Programs *p = kiosk_state(k, SCREEN_PROGRAMS);
    ui_scroll_reset(&p->sc);
    kiosk_go(k, SCREEN_PROGRAMS, now);
}

void screen_program_open(Kiosk *k, size_t i, int64_t now)
{
    ProgramPage *pg = kiosk_state(k, SCREEN_PROGRAM);
    if (i >= visit_programs(k->env.visit)->count)
        return;
    pg->i = i;
    /* In a visit, whether the guest is interested comes from what the store
     * has for them (Interests may have picked it already). */
    if (visit_interest_get(k->env.visit, i, &pg->interested) != 0) {
        kiosk_help(k, now);
        return;
    }
    ui_scroll_reset(&pg->sc);
    kiosk_go(k, SCREEN_PROGRAM, now);
}

/* ---- the list ---- */

static void list_press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_BACK)
        kiosk_home(k, now);
    else if (id >= ID_CARD && id < ID_CARD + SCREEN_MAX_ITEMS)
        screen_program_open(k, id - ID_CARD, now);
}

static UiScroll *list_scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    Programs *p = st;
    return id == ID_SCROLL ? &p->sc : NULL;
}

/* One size for every card's name: the largest that fits them all on one
 * line, down to body size; past that, on two lines at one size. */
static int card_name_px(Kiosk *k, const ProgramList *pl, int nw, int *lines)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int px = t->px_button;
    *lines = 1;
    const char **names = calloc(pl->count, sizeof *names);
    if (!names)
        return px;
    for (size_t i = 0; i < pl->count; i++)
        names[i] = visit_program_text(k->env.visit, i, PROGRAM_NAME, ui_lang_code(k->lang));
    px = ui_text_common_px_lines(v, names, pl->count, UI_BOLD, t->px_body, t->px_button, nw, 1);
    for (size_t i = 0; i < pl->count && *lines == 1; i++)
        if (ui_text_width(v, names[i], px, UI_BOLD) > nw)
            *lines = 2;
    if (*lines == 2)
        px = ui_text_common_px_lines(v, names, pl->count, UI_BOLD, t->px_body, t->px_button, nw, 2);
    free(names);
    return px;
}

static void list_layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Programs *p = st;
    const UiTheme *t = &k->theme;
    const ProgramList *pl = visit_programs(k->env.visit);
    int y0 =
        screen_top_bar(k, kiosk_tr(k, S_PROGRAMS_TITLE), ID_BACK, kiosk_tr(k, S_BACK), 0, NULL);
    UiRect area = ui_rect(0, y0, v->w, v->h - y0);
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, &p->sc, ID_SCROLL, area);
    int aw = v->w - 2 * t->pad;
    if (!pl->count) {
        ui_text_in(v, ui_rect(t->pad, top, aw, t->target), kiosk_tr(k, S_PROGRAMS_EMPTY),
                   t->px_body, t->px_small, UI_REGULAR, t->muted, UI_CENTER);
        ui_scroll_end(v, &p->sc, t->target, saved);
        return;
    }
    int cols = aw / ui_sc(t, 360);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    int cw = (aw - (cols - 1) * t->gap) / cols;
    int lines;
    int px = card_name_px(k, pl, cw - 2 * ui_sc(t, 10) - 2 * t->pad, &lines);
    int ch = ui_program_card_height(v, t, px, lines);
    for (size_t i = 0; i < pl->count; i++) {
        int col = (int)(i % (size_t)cols), row = (int)(i / (size_t)cols);
        UiRect r = ui_rect(t->pad + col * (cw + t->gap), top + row * (ch + t->gap), cw, ch);
        if (r.y > area.y + area.h || r.y + r.h < area.y)
            continue; /* off screen: skip the text measuring */
        Program p = screen_program_view(k, i);
        ui_program_card(v, t, &k->in, ID_CARD + (uint32_t)i, r, &p,
                        visit_program_family(k->env.visit, i), px, lines);
    }
    int rows = (int)((pl->count + (size_t)cols - 1) / (size_t)cols);
    ui_scroll_end(v, &p->sc, rows * (ch + t->gap) + t->pad, saved);
    ui_scroll_bar(v, t, &p->sc, area);
}

static void list_speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, "%s. %s", kiosk_tr(k, S_PROGRAMS_TITLE), kiosk_tr(k, S_SAY_PROGRAMS));
}

const UiScreen screen_programs = {
    .name = "programs",
    .speak = list_speak,
    .back_id = ID_BACK,
    .state_size = sizeof(Programs),
    .press = list_press,
    .scroll = list_scroll,
    .layout = list_layout,
};

/* ---- a program's page ---- */

static void page_press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    ProgramPage *pg = st;
    if (id == ID_BACK) {
        kiosk_go(k, SCREEN_PROGRAMS, now);
    } else if (id == ID_INTEREST && visit_guest(k->env.visit)) {
        /* Saved at once, keeping the guest's other programs and kinds. */
        if (visit_interest_set(k->env.visit, pg->i, !pg->interested) != 0) {
            kiosk_help(k, now);
            return;
        }
        pg->interested = !pg->interested;
        k->in.focus = id;
    }
}

static UiScroll *page_scroll(Kiosk *k, void *st, uint32_t id)
{
    (void)k;
    ProgramPage *pg = st;
    return id == ID_SCROLL ? &pg->sc : NULL;
}

static void page_layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    ProgramPage *pg = st;
    const ProgramList *pl = visit_programs(k->env.visit);
    if (pg->i >= pl->count)
        return;
    Program p = screen_program_view(k, pg->i);
    int y0 = screen_top_bar(k, p.name, ID_BACK, kiosk_tr(k, S_BACK), 0, NULL);
    UiProgramPage page = {.p = &p,
                          .family = visit_program_family(k->env.visit, pg->i),
                          .lang = k->lang,
                          .show_interest = visit_guest(k->env.visit) != NULL,
                          .interested = pg->interested,
                          .interest_id = ID_INTEREST,
                          .scroll_id = ID_SCROLL};
    ui_program_page(v, &k->theme, &k->in, ui_rect(0, y0, v->w, v->h - y0), &pg->sc, &page);
}

/* The page's name, school and description; the rest is read on screen. */
static void page_speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    const ProgramPage *pg = st;
    Program p = screen_program_view(k, pg->i);
    snprintf(out, outlen, "%s. %s. %s", p.name ? p.name : "", p.school ? p.school : "",
             p.description ? p.description : "");
}

const UiScreen screen_program = {
    .name = "program",
    .speak = page_speak,
    .back_id = ID_BACK,
    .state_size = sizeof(ProgramPage),
    .press = page_press,
    .scroll = page_scroll,
    .layout = page_layout,
};
