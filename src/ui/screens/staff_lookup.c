/* staff_lookup.c — Find a guest, for staff (SPEC §5): search by name,
 * company or registration code; each match shows the full name and company,
 * whether and when they checked in, the badge, and their contact details.
 * Tapping one opens the guest's page (staff_guest.c). */
#include <stdio.h>
#include <string.h>

#include "core/name.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "ui/screens/screen.h"

enum { ID_BACK = 1, ID_FIELD, ID_SHOW_MORE, ID_ROW = SCREEN_ITEMS(1) };

#define QUERY_MAX_CHARS 100

typedef struct Lookup {
    UiEdit query;
    GuestRecord match[VISIT_LOOKUP_MAX];
    size_t nmatch;
    bool more; /* the search had more matches than it returned */
    char err[700];
} Lookup;

static int create(Kiosk *k, void *st)
{
    (void)k;
    Lookup *l = st;
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_init(&l->match[i]);
    return 0;
}

/* Full names stay in memory no longer than staff mode is open. */
static void reset(Kiosk *k, void *st)
{
    (void)k;
    Lookup *l = st;
    for (size_t i = 0; i < VISIT_LOOKUP_MAX; i++)
        visit_record_clear(&l->match[i]);
    memset(&l->query, 0, sizeof l->query);
    l->nmatch = 0;
    l->more = false;
    l->err[0] = '\0';
}

static void find(Kiosk *k, Lookup *l)
{
    for (size_t i = 0; i < l->nmatch; i++)
        visit_record_clear(&l->match[i]);
    l->err[0] = '\0';
    if (visit_lookup(k->env.visit, l->query.text, l->match, &l->nmatch, &l->more) != 0)
        snprintf(l->err, sizeof l->err, "%s", visit_error(k->env.visit));
}

/* Opened from the staff screen, or back from a guest's page: the list shows
 * the guests as they are now. */
static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    k->kb.visible = true;
    k->kb.page = UI_KB_LETTERS;
    find(k, st);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Lookup *l = st;
    if (id == ID_BACK)
        kiosk_go(k, SCREEN_STAFF_HOME, now);
    else if (id == ID_FIELD)
        k->kb.visible = true;
    else if (id == ID_SHOW_MORE)
        k->kb.visible = false;
    else if (id >= ID_ROW && id < ID_ROW + l->nmatch)
        screen_staff_guest_open(k, l->match[id - ID_ROW].g.id, now);
}

static void text(Kiosk *k, void *st, const char *utf8, int64_t now)
{
    (void)now;
    Lookup *l = st;
    ui_edit_end(&l->query);
    if (ui_edit_insert(&l->query, utf8, QUERY_MAX_CHARS))
        find(k, l);
}

static bool key(Kiosk *k, void *st, UiKey key, int64_t now)
{
    (void)now;
    Lookup *l = st;
    if (key == UI_KEY_RETURN) {
        k->kb.visible = false;
        return true;
    }
    if (key != UI_KEY_BACKSPACE)
        return false;
    ui_edit_end(&l->query);
    if (ui_edit_key(&l->query, key))
        find(k, l);
    return true;
}

/* ---- layout ---- */

/* The detail line of a guest: "Checked in at 10:42 · Badge printed · Walk-in ·
 * Code X · email · phone"; parts that are empty are left out. */
static void guest_facts(const Kiosk *k, const GuestRecord *r, char *out, size_t len)
{
    const Guest *g = &r->g;
    char code[160], when[160], hm[32];
    snprintf(code, sizeof code, kiosk_tr(k, S_STAFF_CODE_FMT), g->code);
    if (r->checked_in) {
        time_format_local_hm(r->checked_in_at, hm);
        snprintf(when, sizeof when, kiosk_tr(k, S_STAFF_CHECKED_AT_FMT), hm);
    } else {
        snprintf(when, sizeof when, "%s", kiosk_tr(k, S_STAFF_NOT_CHECKED));
    }
    const char *parts[7];
    size_t n = 0;
    /* What staff look for first, so a line cut on a narrow screen keeps it. */
    parts[n++] = when;
    if (r->checked_in)
        parts[n++] = kiosk_tr(k, r->badge_printed ? S_STAFF_BADGE_YES : S_STAFF_BADGE_NO);
    parts[n++] = kiosk_tr(k, g->walk_in ? S_STAFF_WALKIN : S_STAFF_PREREG);
    if (g->code[0])
        parts[n++] = code;
    if (g->email[0])
        parts[n++] = g->email;
    if (g->phone[0])
        parts[n++] = g->phone;
    text_join(out, len, parts, n, " · ");
}

/* One match: the full name and company on the first line, the facts below;
 * the whole row is the widget (labelled with the full name). */
static void match_row(Kiosk *k, UiRect r, uint32_t id, const GuestRecord *rec)
{
    const Guest *g = &rec->g;
    char name[600], head[900], facts[1200];
    name_full_into(name, sizeof name, g->first, g->last);
    if (g->company[0])
        snprintf(head, sizeof head, "%s — %s", name, g->company);
    else
        snprintf(head, sizeof head, "%s", name);
    guest_facts(k, rec, facts, sizeof facts);
    ui_row_note(k->view, &k->theme, &k->in, id, r, name, head, facts);
}

/* Below the rows: a button that hides the keyboard when more matches are
 * behind it, else how many were not shown. */
static void more_line(Kiosk *k, const Lookup *l, size_t hidden, int y, int h)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    char more[200];
    if (hidden && k->kb.visible) {
        snprintf(more, sizeof more, kiosk_tr(k, S_FIND_SHOW_MORE), hidden);
        int mw = screen_button_w(k, more, t->px_button, ui_sc(t, 160));
        ui_button(v, t, &k->in, ID_SHOW_MORE, ui_rect((v->w - mw) / 2, y, mw, h), more,
                  UI_BTN_QUIET, t->px_button);
    } else if (hidden || l->more) {
        if (hidden)
            snprintf(more, sizeof more, kiosk_tr(k, S_STAFF_FIND_MORE_FMT), hidden);
        else
            snprintf(more, sizeof more, "%s", kiosk_tr(k, S_STAFF_FIND_MANY));
        ui_text_in(v, ui_rect(t->pad, y, v->w - 2 * t->pad, h), more, t->px_small,
                   t->px_small * 8 / 10, UI_REGULAR, t->muted, UI_CENTER);
    }
}

static void rows(Kiosk *k, const Lookup *l, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int rowh = ui_text_height(v, t->px_body, UI_BOLD) + ui_text_height(v, t->px_small, UI_REGULAR) +
               ui_sc(t, 16);
    if (rowh < t->target)
        rowh = t->target;
    int sh = ui_text_height(v, t->px_button, UI_BOLD) + ui_sc(t, 16);
    size_t show = 0;
    while (show < l->nmatch && y + (int)(show + 1) * (rowh + t->gap) - t->gap <= bottom)
        show++;
    /* The last room says how many more there are when not all fit. */
    size_t hidden = l->nmatch - show;
    if ((hidden || l->more) && show > 0 && y + (int)show * (rowh + t->gap) + sh > bottom) {
        show--;
        hidden++;
    }
    for (size_t i = 0; i < show; i++)
        match_row(k, ui_rect(t->pad, y + (int)i * (rowh + t->gap), v->w - 2 * t->pad, rowh),
                  ID_ROW + (uint32_t)i, &l->match[i]);
    more_line(k, l, hidden, y + (int)show * (rowh + t->gap), sh);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Lookup *l = st;
    const UiTheme *t = &k->theme;
    /* Typing always goes to the end of the query: its caret is its length. */
    UiRect box =
        screen_search_bar(k, ID_BACK, ID_FIELD, &l->query, kiosk_tr(k, S_STAFF_FIND_HINT), NULL);
    int bottom = screen_keyboard(k) - t->gap;
    int y = box.y + box.h + 2 * t->gap;
    int aw = v->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    if (l->err[0])
        ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), l->err, t->px_body, UI_BOLD, t->error, 2,
                     UI_CENTER);
    else if (!search_query_enough(l->query.text))
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), kiosk_tr(k, S_FIND_MORE), t->px_body, t->px_small,
                   UI_REGULAR, t->muted, UI_CENTER);
    else if (l->nmatch == 0)
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), kiosk_tr(k, S_STAFF_FIND_NONE), t->px_body,
                   t->px_small, UI_REGULAR, t->text, UI_CENTER);
    else
        rows(k, l, y, bottom);
}

const UiScreen screen_staff_lookup = {
    .name = "staff_lookup",
    .back_id = ID_BACK,
    .staff = true,
    .state_size = sizeof(Lookup),
    .create = create,
    .reset = reset,
    .destroy = reset,
    .enter = enter,
    .press = press,
    .text = text,
    .key = key,
    .layout = layout,
};
