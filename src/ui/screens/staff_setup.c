/* staff_setup.c — staff mode's Kiosk set-up (SPEC §5): Load event from USB
 * (staff_load.c) and Printer (staff_printer.c), then About this
 * kiosk: the program's version, the kiosk id, the free space where the
 * database lives and its path, and the event folder (visit_about). */
#include <stdio.h>
#include <string.h>

#include "ui/screens/screen.h"
#include "visit/visit_about.h"
#include "visit/visit_printer.h"

enum { ID_BACK = 1, ID_LOAD, ID_PRINTER };

typedef struct Setup {
    KioskAbout about;
} Setup;

static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    Setup *s = st;
    visit_about(k->env.visit, &s->about);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    (void)st;
    if (id == ID_BACK)
        kiosk_go(k, SCREEN_STAFF_HOME, now);
    else if (id == ID_LOAD)
        kiosk_go(k, SCREEN_STAFF_LOAD, now);
    else if (id == ID_PRINTER && visit_printer_setup(k->env.visit))
        kiosk_go(k, SCREEN_STAFF_PRINTER, now);
}

/* The set-up's buttons, in a row while they fit, then on the next. Returns
 * the y below them. */
static int buttons(Kiosk *k, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    static const struct {
        uint32_t id;
        UiStr label;
    } BUTTONS[] = {{ID_LOAD, S_LOAD_EVENT}, {ID_PRINTER, S_PRINTER}};
    /* Printer only where printers can be set up (a printer set-up port). */
    size_t n = visit_printer_setup(k->env.visit) ? 2 : 1;
    int x = t->pad;
    for (size_t i = 0; i < n; i++) {
        const char *label = kiosk_tr(k, BUTTONS[i].label);
        int w = screen_button_w(k, label, t->px_button, t->btn_wide);
        if (x > t->pad && x + w > v->w - t->pad) {
            x = t->pad;
            y += t->target + t->gap;
        }
        ui_button(v, t, &k->in, BUTTONS[i].id, ui_rect(x, y, w, t->target), label, UI_BTN_SECONDARY,
                  t->px_button);
        x += w + t->gap;
    }
    return y + t->target + 2 * t->gap;
}

/* One line of About: wrapped over two lines when long (a path). */
static int line(Kiosk *k, int y, const char *text, UiColor c)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    return y +
           ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, 2 * lh), text, t->px_small,
                        UI_REGULAR, c, 2, UI_LEFT) +
           t->gap / 2;
}

static void about(Kiosk *k, const KioskAbout *a, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int hh = ui_text_height(v, t->px_body, UI_BOLD);
    ui_text_in(v, ui_rect(t->pad, y, v->w - 2 * t->pad, hh), kiosk_tr(k, S_ABOUT), t->px_body,
               t->px_small, UI_BOLD, t->text, UI_LEFT);
    y += hh + t->gap / 2;
    char buf[1400], free_s[32], size_s[32];
    snprintf(buf, sizeof buf, kiosk_tr(k, S_ABOUT_VERSION_FMT), a->version);
    y = line(k, y, buf, t->text);
    snprintf(buf, sizeof buf, kiosk_tr(k, S_ABOUT_ID_FMT), a->kiosk_id);
    y = line(k, y, buf, t->text);
    if (a->disk_ok) {
        visit_about_bytes(a->disk_free, free_s, sizeof free_s);
        visit_about_bytes(a->disk_size, size_s, sizeof size_s);
        snprintf(buf, sizeof buf, kiosk_tr(k, S_ABOUT_FREE_FMT), free_s, size_s);
        y = line(k, y, buf, t->text);
    } else {
        y = line(k, y, a->disk_err, t->error);
    }
    snprintf(buf, sizeof buf, kiosk_tr(k, S_ABOUT_DB_FMT), a->db_path);
    y = line(k, y, buf, t->text);
    if (a->event_dir[0])
        snprintf(buf, sizeof buf, kiosk_tr(k, S_ABOUT_EVENT_FMT), a->event_dir);
    else
        snprintf(buf, sizeof buf, "%s", kiosk_tr(k, S_ABOUT_NO_EVENT));
    line(k, y, buf, t->text);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)v;
    (void)now;
    Setup *s = st;
    int y = screen_staff_bar(k, kiosk_tr(k, S_STAFF_SETUP), ID_BACK, kiosk_tr(k, S_BACK), 0, NULL);
    y = buttons(k, y + k->theme.gap);
    about(k, &s->about, y);
}

const UiScreen screen_staff_setup = {
    .name = "staff_setup",
    .staff = true,
    .state_size = sizeof(Setup),
    .enter = enter,
    .press = press,
    .layout = layout,
};
