/* kiosk_idle.c — the kiosk going back to Welcome by itself when a guest
 * walks away. See kiosk_idle.h. */
#include "ui/kiosk_idle.h"

#include <stdio.h>

#include "ui/screens/screen.h"

/* "Still there?" shows this long before the idle reset, or for the last third
 * of a shorter idle time (idle_timeout may be as short as 10 s). */
#define PROMPT_MS 10000

static bool has_visitor_state(const Kiosk *k)
{
    return k->screen != SCREEN_WELCOME || k->lang != k->default_lang || k->contrast;
}

static int64_t idle_ms(const Kiosk *k)
{
    int s = k->env.cfg->idle_timeout_s > 0 ? k->env.cfg->idle_timeout_s : 60;
    int own = kiosk_screen(k)->idle_s;
    /* A guest listening to the screen gets twice the time. */
    return (int64_t)(own > 0 && own < s ? own : s) * (k->speech ? 2000 : 1000);
}

/* A finger resting on the screen holds the reset off (kiosk_tick waits for
 * it to lift). */
int64_t kiosk_idle_deadline(const Kiosk *k)
{
    if (!has_visitor_state(k) || k->pointer_down)
        return INT64_MAX;
    return k->last_input + idle_ms(k);
}

/* How long before the idle reset "Still there?" shows: whole seconds, so its
 * countdown starts at a whole number. */
int64_t kiosk_idle_prompt_ms(const Kiosk *k)
{
    int64_t third = idle_ms(k) / 3 / 1000 * 1000;
    return third < 1000 ? 1000 : third < PROMPT_MS ? third : PROMPT_MS;
}

/* "Still there?" is on screen. */
bool kiosk_idle_prompting(const Kiosk *k, int64_t now)
{
    int64_t d = kiosk_idle_deadline(k);
    return d != INT64_MAX && now >= d - kiosk_idle_prompt_ms(k);
}

const char *kiosk_idle_unsaved(const Kiosk *k)
{
    return k->screen == SCREEN_INTERESTS    ? kiosk_tr(k, S_STILL_UNSAVED)
           : k->screen == SCREEN_WALKIN_FIX ? kiosk_tr(k, S_STILL_UNSAVED_FIX)
                                            : NULL;
}

/* "Still there?" over the screen, with the seconds left and a button; any
 * touch keeps the guest's work (kiosk_handle). */
void kiosk_idle_prompt_draw(Kiosk *k, int64_t now)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    ui_draw_rect(v, ui_rect(0, 0, v->w, v->h), ui_rgba(0, 0, 0, 150), 0);
    int w = v->w - 4 * t->pad < ui_sc(t, 520) ? v->w - 4 * t->pad : ui_sc(t, 520);
    int th = ui_text_height(v, t->px_title, UI_BOLD),
        bh = ui_text_height(v, t->px_body, UI_REGULAR);
    /* The reset forgets what is not saved: the guest is told what staying
     * would keep. */
    const char *unsaved = kiosk_idle_unsaved(k);
    int uh = 0;
    if (unsaved)
        uh = ui_text_wraps(v, unsaved, t->px_body, UI_REGULAR, w - 2 * t->pad, 1) ? bh : 2 * bh;
    int h = 2 * t->pad + th + t->gap + bh + uh + 2 * t->gap + t->target;
    UiRect card = ui_rect((v->w - w) / 2, (v->h - h) / 2, w, h);
    ui_draw_rect(v, card, t->surface, t->radius);
    ui_draw_frame(v, card, t->primary, t->radius, t->border_w);
    int y = card.y + t->pad;
    ui_text_in(v, ui_rect(card.x + t->pad, y, w - 2 * t->pad, th), kiosk_tr(k, S_STILL_THERE),
               t->px_title, t->px_body, UI_BOLD, t->text, UI_CENTER);
    y += th + t->gap;
    int64_t left = (kiosk_idle_deadline(k) - now + 999) / 1000;
    char line[160];
    snprintf(line, sizeof line, kiosk_tr(k, S_STILL_THERE_FMT), (int)(left > 0 ? left : 0));
    ui_text_in(v, ui_rect(card.x + t->pad, y, w - 2 * t->pad, bh), line, t->px_body, t->px_small,
               UI_REGULAR, t->text, UI_CENTER);
    y += bh;
    if (unsaved) {
        ui_text_wrap(v, ui_rect(card.x + t->pad, y, w - 2 * t->pad, uh), unsaved, t->px_body,
                     UI_REGULAR, t->text, 2, UI_CENTER);
        y += uh;
    }
    y += 2 * t->gap;
    const char *here = kiosk_tr(k, S_STILL_HERE);
    int hw = screen_button_w(k, here, t->px_button, t->btn_wide);
    ui_button(v, t, &k->in, KIOSK_STILL_HERE, ui_rect((v->w - hw) / 2, y, hw, t->target), here,
              UI_BTN_PRIMARY, t->px_button);
}
