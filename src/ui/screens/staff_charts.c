/* staff_charts.c — the staff screen's dashboard charts (SPEC §5): arrivals
 * per 15 minutes over the time up to now, and interest per program, each
 * saying so while empty. See screen.h. */
#include <stdio.h>

#include "ui/screens/screen.h"

/* "now", "45 min ago", "2:15 h ago": the left end of the arrivals chart. */
static void ago_label(const Kiosk *k, int minutes, char *out, size_t len)
{
    if (minutes <= 0)
        snprintf(out, len, "%s", kiosk_tr(k, S_STAFF_NOW));
    else if (minutes < 120)
        snprintf(out, len, kiosk_tr(k, S_STAFF_AGO_MIN_FMT), minutes);
    else
        snprintf(out, len, kiosk_tr(k, S_STAFF_AGO_H_FMT), minutes / 60, minutes % 60);
}

/* The time labels under the two ends of the arrivals chart. */
static void arrival_ends(Kiosk *k, UiRect plot, int n, int sh)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    char left[64], right[64];
    ago_label(k, n * 15, left, sizeof left);
    ago_label(k, 0, right, sizeof right);
    int ly = plot.y + plot.h + ui_sc(t, 4);
    const char *both[] = {left, right};
    int px =
        ui_text_common_px(v, both, 2, UI_REGULAR, t->px_small * 7 / 10, t->px_small, plot.w / 2);
    ui_text_in(v, ui_rect(plot.x, ly, plot.w / 2, sh), left, px, px, UI_REGULAR, t->muted, UI_LEFT);
    ui_text_in(v, ui_rect(plot.x + plot.w / 2, ly, plot.w / 2, sh), right, px, px, UI_REGULAR,
               t->muted, UI_RIGHT);
}

/* Arrivals per 15 minutes as vertical bars over the time up to now, the
 * tallest bar's count at its top; labels under the ends. */
static void chart_arrivals(Kiosk *k, const Dashboard *d, UiRect r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int sh = ui_text_height(v, t->px_small, UI_BOLD);
    ui_text_in(v, ui_rect(r.x, r.y, r.w, sh), kiosk_tr(k, S_STAFF_ARRIVALS), t->px_small,
               t->px_small * 8 / 10, UI_BOLD, t->muted, UI_LEFT);
    size_t max = 0, total = 0;
    for (size_t i = 0; i < d->nbuckets; i++) {
        max = d->arrivals[i] > max ? d->arrivals[i] : max;
        total += d->arrivals[i];
    }
    UiRect plot = ui_rect(r.x, r.y + sh + ui_sc(t, 4), r.w, r.h - 2 * sh - ui_sc(t, 8));
    ui_draw_line(v, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, t->border,
                 ui_sc(t, 2) > 0 ? ui_sc(t, 2) : 1);
    if (total == 0) {
        ui_text_in(v, plot, kiosk_tr(k, S_STAFF_NO_ARRIVALS), t->px_small, t->px_small, UI_REGULAR,
                   t->muted, UI_CENTER);
        return;
    }
    int n = (int)d->nbuckets;
    int gap = ui_sc(t, n > 16 ? 2 : 4);
    int bw = (plot.w - (n - 1) * gap) / n;
    int bar_room = plot.h - sh;
    for (int i = 0; i < n; i++) {
        size_t a = d->arrivals[i];
        if (!a)
            continue;
        int h = (int)((int64_t)bar_room * (int64_t)a / (int64_t)max);
        if (h < ui_sc(t, 3))
            h = ui_sc(t, 3);
        int x = plot.x + i * (bw + gap);
        ui_draw_rect(v, ui_rect(x, plot.y + plot.h - h, bw, h), t->primary, 0);
        if (a == max) {
            char num[32];
            snprintf(num, sizeof num, "%zu", a);
            ui_text_in(v, ui_rect(x - bw, plot.y + plot.h - h - sh, 3 * bw, sh), num, t->px_small,
                       t->px_small * 7 / 10, UI_BOLD, t->text, UI_CENTER);
        }
    }
    arrival_ends(k, plot, n, sh);
}

/* Interest per program as horizontal bars, the most wanted first: the name,
 * the bar, the count; as many programs as have room. */
static void chart_interest(Kiosk *k, const Dashboard *d, UiRect r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int sh = ui_text_height(v, t->px_small, UI_BOLD);
    ui_text_in(v, ui_rect(r.x, r.y, r.w, sh), kiosk_tr(k, S_STAFF_INTEREST), t->px_small,
               t->px_small * 8 / 10, UI_BOLD, t->muted, UI_LEFT);
    int y = r.y + sh + ui_sc(t, 4);
    size_t max = d->nprog ? d->prog[0].n : 0;
    if (max == 0) {
        ui_text_in(v, ui_rect(r.x, y, r.w, r.y + r.h - y), kiosk_tr(k, S_STAFF_NO_INTEREST),
                   t->px_small, t->px_small, UI_REGULAR, t->muted, UI_CENTER);
        return;
    }
    int rh = ui_text_height(v, t->px_small, UI_REGULAR) + ui_sc(t, 4);
    int name_w = r.w * 2 / 5;
    int num_w = ui_text_width(v, "0000", t->px_small, UI_BOLD);
    int bar_x = r.x + name_w + t->gap;
    int bar_w = r.w - name_w - t->gap - num_w - ui_sc(t, 6);
    /* One size for every name (the largest at which they all fit, a long one
     * cut at the smallest), and the counts at it too, so bars compare. */
    size_t shown = 0;
    const char *names[VISIT_CHART_PROGRAMS];
    for (size_t i = 0; i < d->nprog && d->prog[i].n > 0 && y + (int)(i + 1) * rh <= r.y + r.h; i++)
        names[shown++] = d->prog[i].name;
    int px =
        ui_text_common_px(v, names, shown, UI_REGULAR, t->px_small * 7 / 10, t->px_small, name_w);
    for (size_t i = 0; i < shown; i++, y += rh) {
        const ProgramCount *p = &d->prog[i];
        ui_text_in(v, ui_rect(r.x, y, name_w, rh), p->name, px, px, UI_REGULAR, t->text, UI_LEFT);
        int w = (int)((int64_t)bar_w * (int64_t)p->n / (int64_t)max);
        if (w < ui_sc(t, 3))
            w = ui_sc(t, 3);
        ui_draw_rect(v, ui_rect(bar_x, y + ui_sc(t, 3), w, rh - ui_sc(t, 6)),
                     t->contrast ? t->text : t->accent, 0);
        char num[32];
        snprintf(num, sizeof num, "%zu", p->n);
        ui_text_in(v, ui_rect(bar_x + w + ui_sc(t, 6), y, num_w, rh), num, px, px, UI_BOLD, t->text,
                   UI_LEFT);
    }
}

void screen_charts(Kiosk *k, const Dashboard *d, UiRect r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    if (v->w > v->h) {
        int half = (r.w - 2 * t->gap) / 2;
        chart_arrivals(k, d, ui_rect(r.x, r.y, half, r.h));
        chart_interest(k, d, ui_rect(r.x + half + 2 * t->gap, r.y, r.w - half - 2 * t->gap, r.h));
    } else {
        int top_h = (r.h - 2 * t->gap) / 2;
        if (top_h > ui_sc(t, 320))
            top_h = ui_sc(t, 320);
        chart_arrivals(k, d, ui_rect(r.x, r.y, r.w, top_h));
        chart_interest(k, d, ui_rect(r.x, r.y + top_h + 2 * t->gap, r.w, r.h - top_h - 2 * t->gap));
    }
}
