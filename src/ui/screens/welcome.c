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

/* Spoken guidance, larger text and language, top right, right of the staff
 * gesture's corner; narrowed alike (their labels shrink) when they do not
 * all fit beside it. */
static void switches(Kiosk *k)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target;
    const char *label[3] = {kiosk_tr(k, S_SPEECH), kiosk_tr(k, S_CONTRAST),
                            kiosk_tr(k, S_OTHER_LANGUAGE)};
    int w[3], sum = 2 * t->gap;
    for (int i = 0; i < 3; i++) {
        w[i] = screen_button_w(k, label[i], t->px_body, t->btn_min) + (i < 2 ? bh / 2 : 0);
        sum += w[i];
    }
    int avail = v->w - 2 * t->pad - t->target - t->gap;
    int x = v->w - t->pad;
    static const uint32_t ID[3] = {ID_SPEECH, ID_CONTRAST, ID_LANG};
    for (int i = 2; i >= 0; i--) {
        int bw = sum > avail ? (int)((long)w[i] * (avail - 2 * t->gap) / (sum - 2 * t->gap)) : w[i];
        x -= bw;
        bool lit = (ID[i] == ID_CONTRAST && k->contrast) || (ID[i] == ID_SPEECH && k->speech);
        ui_button(v, t, &k->in, ID[i], ui_rect(x, t->pad, bw, bh), label[i],
                  lit ? UI_BTN_PRIMARY : UI_BTN_SECONDARY, t->px_body);
        x -= t->gap;
    }
}

/* The heights of the column's parts, measured first so it can be centred. */
typedef struct Column {
    int colw, x0;
    int logo_h, title_px, title_h, sub_h, hint_h, big_h, row_h, g;
    bool title_two;
    char sub[CONFIG_STR * 2 + 8];
} Column;

static int column_total(const Column *c, const UiTheme *t)
{
    return (c->logo_h ? c->logo_h + c->g : 0) + c->title_h + (c->sub_h ? c->sub_h + t->gap : 0) +
           c->g + c->hint_h + c->g + c->big_h + t->gap * 2 + c->row_h;
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
    c->sub_h = c->sub[0] ? ui_text_height(v, t->px_body, UI_REGULAR) : 0;
    c->hint_h = ui_text_height(v, t->px_body, UI_REGULAR);
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
        ui_text_in(v, ui_rect(c->x0, y, c->colw, c->sub_h), c->sub, t->px_body, t->px_small,
                   UI_REGULAR, t->muted, UI_CENTER);
        y += c->sub_h;
    }
    y += c->g;
    /* A notice (an unknown scanned code) takes the hint's place. */
    UiRect hr = ui_rect(c->x0, y, c->colw, c->hint_h);
    if (k->notice >= 0)
        ui_text_in(v, hr, kiosk_tr(k, (UiStr)k->notice), t->px_body, t->px_small, UI_BOLD, t->error,
                   UI_CENTER);
    else
        ui_text_in(v, hr, kiosk_tr(k, S_WELCOME_HINT), t->px_body, t->px_small, UI_REGULAR, t->text,
                   UI_CENTER);
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
    switches(k);
    bool portrait = v->h > v->w;
    int top = t->pad + t->target + t->gap;
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
    .press = press,
    .layout = layout,
};
