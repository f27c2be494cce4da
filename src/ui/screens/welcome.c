/* welcome.c — Welcome (SPEC §3 screen 1): the event's name and logo, Check
 * in, I'm new here, Explore programs, and the language and larger-text
 * switches. The top-left corner stays empty: it is the staff gesture's. */
#include <stdio.h>

#include "core/lang.h"
#include "ui/screens/screen.h"

enum { ID_CHECKIN = 1, ID_NEWHERE, ID_EXPLORE, ID_LANG, ID_CONTRAST, ID_SPEECH };

/* Cycles through the event's languages (English and Spanish by default). */
static void next_language(Kiosk *k)
{
    const EventConfig *c = k->env.cfg;
    size_t n = c->nlanguages, cur = 0;
    for (size_t j = 0; j < n; j++)
        if (ui_lang_from_code(c->languages[j]) == k->lang)
            cur = j;
    UiLang next = n > 1 ? ui_lang_from_code(c->languages[(cur + 1) % n])
                        : (k->lang == UI_LANG_EN ? UI_LANG_ES : UI_LANG_EN);
    if (next == k->lang)
        next = k->lang == UI_LANG_EN ? UI_LANG_ES : UI_LANG_EN;
    k->lang = next;
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    switch (id) {
    case ID_CHECKIN:
        kiosk_forget(k);
        kiosk_go(k, SCREEN_FIND, now);
        break;
    case ID_NEWHERE:
        kiosk_forget(k);
        kiosk_go(k, SCREEN_WALKIN, now);
        break;
    case ID_EXPLORE:
        screen_programs_open(k, now);
        break;
    case ID_LANG:
        next_language(k);
        k->say_screen = true; /* in the new language */
        break;
    case ID_CONTRAST:
        k->contrast = !k->contrast;
        break;
    case ID_SPEECH:
        kiosk_speech_toggle(k);
        break;
    }
}

/* Buttons first..first+n-1 of the switches on one line at y, right-aligned
 * in avail: as wide as their labels at body size, else narrowed, each no
 * further than its label needs at the smallest size a button shrinks it to
 * when they all can be; else in proportion. */
static void switch_row(Kiosk *k, const char *const *label, const uint32_t *id, const int *w,
                       const int *least, int n, int y, int avail)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int sum = 0, sum_least = 0;
    for (int i = 0; i < n; i++) {
        sum += w[i];
        sum_least += least[i];
    }
    avail -= (n - 1) * t->gap;
    int x = v->w - t->pad;
    for (int i = n - 1; i >= 0; i--) {
        int bw = w[i];
        if (sum > avail && avail >= sum_least)
            bw =
                least[i] + (int)((long)(w[i] - least[i]) * (avail - sum_least) / (sum - sum_least));
        else if (sum > avail)
            bw = (int)((long)w[i] * avail / sum);
        x -= bw;
        bool lit = (id[i] == ID_CONTRAST && k->contrast) || (id[i] == ID_SPEECH && k->speech);
        ui_button(v, t, &k->in, id[i], ui_rect(x, y, bw, t->target), label[i],
                  lit ? UI_BTN_PRIMARY : UI_BTN_SECONDARY, t->px_body);
        x -= t->gap;
    }
}

/* Spoken guidance, larger text and language, top right, right of the staff
 * gesture's corner. Where their labels cannot all be read on one line (larger
 * text in Spanish on a panel upright) the language goes on a line of its
 * own below: "Engl…" would hide the way back from a language chosen by
 * mistake. Returns the y below them. */
static int switches(Kiosk *k)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target;
    const char *label[3] = {kiosk_tr(k, S_SPEECH), kiosk_tr(k, S_CONTRAST),
                            kiosk_tr(k, S_OTHER_LANGUAGE)};
    static const uint32_t ID[3] = {ID_SPEECH, ID_CONTRAST, ID_LANG};
    int w[3], least[3], sum_least = 2 * t->gap;
    for (int i = 0; i < 3; i++) {
        w[i] = screen_button_w(k, label[i], t->px_body, t->btn_min) + (i < 2 ? bh / 2 : 0);
        least[i] = ui_button_least_w(v, t, label[i], t->px_body);
        if (least[i] > w[i])
            least[i] = w[i];
        sum_least += least[i];
    }
    int avail = v->w - 2 * t->pad - t->target - t->gap;
    if (sum_least <= avail || v->w > v->h) {
        switch_row(k, label, ID, w, least, 3, t->pad, avail);
        return t->pad + bh;
    }
    switch_row(k, label, ID, w, least, 2, t->pad, avail);
    switch_row(k, label + 2, ID + 2, w + 2, least + 2, 1, t->pad + bh + t->gap, avail);
    return t->pad + 2 * bh + t->gap;
}

/* The heights of the column's parts, measured first so it can be centred. */
typedef struct Column {
    int colw, x0;
    int logo_h, title_px, title_h, sub_h, hint_h, big_h, row_h, g;
    int sub_px, hint_px; /* 0: one line, shrunk as needed; else two lines at that size */
    bool title_two;
    char sub[CONFIG_STR * 2 + 8];
} Column;

static int column_total(const Column *c, const UiTheme *t)
{
    return (c->logo_h ? c->logo_h + c->g : 0) + c->title_h + (c->sub_h ? c->sub_h + t->gap : 0) +
           c->g + c->hint_h + c->g + c->big_h + t->gap * 2 + c->row_h;
}

/* How a line of the column is set: 0 when it fits one line (shrunk as far
 * as small text), else the size at which it wraps on two (body text, or
 * small text when body text is too big even for two). Its height in *h. */
static int line_px(Kiosk *k, const char *text, UiWeight weight, int w, int *h)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    if (ui_text_width(v, text, t->px_small, weight) <= w) {
        *h = ui_text_height(v, t->px_body, weight);
        return 0;
    }
    int px = ui_text_wraps(v, text, t->px_body, weight, w, 2) ? t->px_body : t->px_small;
    *h = 2 * ui_text_height(v, px, weight);
    return px;
}

/* A line of the column as line_px set it, in r. */
static void draw_line(UiView *v, const UiTheme *t, UiRect r, const char *text, int px, UiWeight w,
                      UiColor colour)
{
    if (px)
        ui_text_wrap(v, r, text, px, w, colour, 2, UI_CENTER);
    else
        ui_text_in(v, r, text, t->px_body, t->px_small, w, colour, UI_CENTER);
}

static void measure_column(Kiosk *k, Column *c, bool portrait, int avail)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const EventConfig *cfg = k->env.cfg;
    c->colw = v->w - 2 * t->pad;
    if (c->colw > ui_sc(t, 700))
        c->colw = ui_sc(t, 700);
    c->x0 = (v->w - c->colw) / 2;
    c->logo_h = 0;
    if (k->env.logo_image >= 0 && k->env.logo_w > 0 && k->env.logo_h > 0)
        c->logo_h = ui_sc(t, portrait ? 140 : 84);
    c->title_px = ui_text_fit(v, cfg->name, UI_BOLD, t->px_title, t->px_huge, c->colw);
    c->title_two = ui_text_width(v, cfg->name, c->title_px, UI_BOLD) > c->colw;
    int title_lh = ui_text_height(v, c->title_px, UI_BOLD);
    c->title_h = c->title_two ? 2 * title_lh : title_lh;
    /* The date as the guest's language writes it. */
    char date[64] = "";
    if (cfg->date[0])
        lang_format_date(cfg->date, ui_lang_code(k->lang), date, sizeof date);
    if (date[0] && cfg->venue[0])
        snprintf(c->sub, sizeof c->sub, "%s · %s", date, cfg->venue);
    else
        snprintf(c->sub, sizeof c->sub, "%s%s", date, cfg->venue);
    c->sub_h = 0;
    c->sub_px = c->sub[0] ? line_px(k, c->sub, UI_REGULAR, c->colw, &c->sub_h) : 0;
    /* A notice (an unknown code scanned) takes the hint's place, in the room
     * the larger of the two needs, so the buttons stay where they are when it
     * comes and goes. */
    int hint_h = 0, notice_h = 0;
    int hint_px = line_px(k, kiosk_tr(k, S_WELCOME_HINT), UI_REGULAR, c->colw, &hint_h);
    int notice_px = line_px(k, kiosk_tr(k, k->notice >= 0 ? (UiStr)k->notice : S_SCAN_UNKNOWN),
                            UI_BOLD, c->colw, &notice_h);
    c->hint_px = k->notice >= 0 ? notice_px : hint_px;
    c->hint_h = hint_h > notice_h ? hint_h : notice_h;
    c->big_h = t->target * 13 / 10;
    c->row_h = portrait ? 2 * t->target + t->gap : t->target;
    c->g = ui_sc(t, portrait ? 28 : 14);
    /* Too tall (a logo on a small panel): tighten the gaps, then shrink the
     * logo, then leave it out. The buttons always stay whole. */
    if (column_total(c, t) > avail)
        c->g = ui_sc(t, 6);
    if (column_total(c, t) > avail && c->logo_h) {
        c->logo_h -= column_total(c, t) - avail;
        if (c->logo_h < ui_sc(t, 32))
            c->logo_h = 0;
    }
}

/* Logo, name, date and venue, and the hint (or a notice in its place);
 * returns the y below them. */
static int heading(Kiosk *k, const Column *c, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const EventConfig *cfg = k->env.cfg;
    if (c->logo_h) {
        int lw = k->env.logo_w * c->logo_h / k->env.logo_h;
        if (lw > c->colw)
            lw = c->colw;
        int lh = k->env.logo_h * lw / k->env.logo_w;
        ui_draw_image(v, ui_rect((v->w - lw) / 2, y + (c->logo_h - lh) / 2, lw, lh),
                      k->env.logo_image);
        y += c->logo_h + c->g;
    }
    UiColor head = t->contrast ? t->text : t->primary;
    UiRect tr = ui_rect(c->x0, y, c->colw, c->title_h);
    if (c->title_two)
        ui_text_wrap(v, tr, cfg->name, c->title_px, UI_BOLD, head, 2, UI_CENTER);
    else
        ui_text_in(v, tr, cfg->name, c->title_px, c->title_px, UI_BOLD, head, UI_CENTER);
    y += c->title_h;
    if (c->sub_h) {
        y += t->gap;
        draw_line(v, t, ui_rect(c->x0, y, c->colw, c->sub_h), c->sub, c->sub_px, UI_REGULAR,
                  t->muted);
        y += c->sub_h;
    }
    y += c->g;
    /* A notice (an unknown scanned code) takes the hint's place. */
    UiRect hr = ui_rect(c->x0, y, c->colw, c->hint_h);
    if (k->notice >= 0)
        draw_line(v, t, hr, kiosk_tr(k, (UiStr)k->notice), c->hint_px, UI_BOLD, t->error);
    else
        draw_line(v, t, hr, kiosk_tr(k, S_WELCOME_HINT), c->hint_px, UI_REGULAR, t->text);
    return y + c->hint_h + c->g;
}

static void buttons(Kiosk *k, const Column *c, int y, bool portrait)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target;
    int bigw = c->colw * (portrait ? 10 : 7) / 10;
    int bx = (v->w - bigw) / 2;
    ui_button(v, t, &k->in, ID_CHECKIN, ui_rect(bx, y, bigw, c->big_h), kiosk_tr(k, S_CHECK_IN),
              UI_BTN_PRIMARY, t->px_title);
    y += c->big_h + t->gap * 2;
    if (portrait) {
        ui_button(v, t, &k->in, ID_NEWHERE, ui_rect(bx, y, bigw, bh), kiosk_tr(k, S_NEW_HERE),
                  UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, &k->in, ID_EXPLORE, ui_rect(bx, y + bh + t->gap, bigw, bh),
                  kiosk_tr(k, S_EXPLORE), UI_BTN_SECONDARY, t->px_button);
    } else {
        int hw = (bigw - t->gap) / 2;
        ui_button(v, t, &k->in, ID_NEWHERE, ui_rect(bx, y, hw, bh), kiosk_tr(k, S_NEW_HERE),
                  UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, &k->in, ID_EXPLORE, ui_rect(bx + hw + t->gap, y, hw, bh),
                  kiosk_tr(k, S_EXPLORE), UI_BTN_SECONDARY, t->px_button);
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)st;
    (void)now;
    const UiTheme *t = &k->theme;
    int top = switches(k) + t->gap;
    bool portrait = v->h > v->w;
    int avail = v->h - t->pad - top;
    Column c;
    measure_column(k, &c, portrait, avail);
    int y = top + (avail - column_total(&c, t)) / 2;
    if (y < top)
        y = top;
    y = heading(k, &c, y);
    buttons(k, &c, y, portrait);
}

static void speak(Kiosk *k, void *st, char *out, size_t outlen)
{
    (void)st;
    snprintf(out, outlen, kiosk_tr(k, S_SAY_WELCOME_FMT), k->env.cfg->name);
}

const UiScreen screen_welcome = {
    .name = "welcome",
    .speak = speak,
    .own_notice = true,
    .guide_id = ID_CHECKIN,
    .press = press,
    .layout = layout,
};
