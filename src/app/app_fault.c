/* app_fault.c — a kiosk whose database cannot be used (SPEC §6: a corrupt or
 * unreadable database, a full disk, a card gone read-only get a clear message
 * on screen). The kiosk cannot check anyone in, but ending would leave the
 * panel blank (and a service would start again every two seconds, blank
 * each time): it says so instead, to guests in the event's languages and to
 * staff with the reason, and tries the database again every few seconds, so
 * a disk with room made or a card put back starts the kiosk by itself. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_internal.h"
#include "app/script.h"
#include "core/timefmt.h"
#include "platform/sdl_display.h"
#include "platform/service_notify.h"
#include "ui/ui.h"
#include "ui/ui_i18n.h"
#include "ui/ui_widgets.h"

#define RETRY_MS 10000

/* The message from top down: a mark, what a guest is to do in the event's
 * first language and (smaller) its second, then what staff need to know.
 * Returns where it ends. */
static int layout(UiView *v, Display *d, const EventConfig *cfg, const char *reason, int top)
{
    int w, h;
    display_size(d, &w, &h);
    UiTheme t;
    ui_theme_make_mm(&t, w, h, display_px_per_mm(d),
                     ui_rgb(cfg->primary.r, cfg->primary.g, cfg->primary.b),
                     ui_rgb(cfg->accent.r, cfg->accent.g, cfg->accent.b), false);
    ui_view_begin(v, w, h, display_measure(d));
    ui_draw_rect(v, ui_rect(0, 0, w, h), t.bg, 0);
    UiLang first = cfg->nlanguages ? ui_lang_from_code(cfg->languages[0]) : UI_LANG_EN;
    UiLang second = cfg->nlanguages > 1 ? ui_lang_from_code(cfg->languages[1]) : first;
    int x = 2 * t.pad, cw = w - 4 * t.pad, y = top;
    int dot = ui_sc(&t, 64);
    UiRect mark = ui_rect((w - dot) / 2, y, dot, dot);
    ui_draw_rect(v, mark, t.error, dot / 2);
    int bar = ui_sc(&t, 8);
    ui_draw_rect(v, ui_rect(mark.x + (dot - bar) / 2, mark.y + dot * 18 / 100, bar, dot * 42 / 100),
                 t.on_mark, bar / 2);
    ui_draw_rect(v, ui_rect(mark.x + (dot - bar) / 2, mark.y + dot * 68 / 100, bar, bar), t.on_mark,
                 bar / 2);
    y += dot + t.gap;
    y += ui_text_wrap(v, ui_rect(x, y, cw, h - y), ui_tr(first, S_FAULT_GUEST), t.px_title, UI_BOLD,
                      t.text, 3, UI_CENTER);
    if (second != first)
        y += t.gap + ui_text_wrap(v, ui_rect(x, y + t.gap, cw, h - y), ui_tr(second, S_FAULT_GUEST),
                                  t.px_body, UI_REGULAR, t.text, 3, UI_CENTER);
    y += 2 * t.gap;
    ui_draw_rect(v, ui_rect(x, y, cw, t.border_w), t.border, 0);
    y += t.gap;
    char staff[1400];
    snprintf(staff, sizeof staff, "%s %s. %s", ui_tr(first, S_FAULT_STAFF), reason,
             ui_tr(first, S_FAULT_RETRY));
    return y + ui_text_wrap(v, ui_rect(x, y, cw, h - y - t.pad), staff, t.px_small, UI_REGULAR,
                            t.muted, 8, UI_CENTER);
}

/* Laid out once to measure it, then again in the middle of the screen. */
static void show(UiView *v, Display *d, const EventConfig *cfg, const char *reason)
{
    int w, h;
    display_size(d, &w, &h);
    int used = layout(v, d, cfg, reason, 0), edge = h / 24;
    layout(v, d, cfg, reason, used < h - 2 * edge ? (h - used) / 2 : edge);
    display_draw(d, v);
    display_present(d);
}

/* A script's expect lines checked against the message (its other lines need
 * a kiosk); a screenshot written when asked. 1: the kiosk did not run. */
static int scripted(UiView *v, Display *d, const AppOptions *o)
{
    Script s;
    char err[512];
    if (script_load(o->script, &s, err, sizeof err) != 0) {
        fprintf(stderr, "lanyard run: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < s.count; i++) {
        const ScriptAction *a = &s.items[i];
        bool want = a->op == SCRIPT_EXPECT;
        if ((a->op == SCRIPT_EXPECT || a->op == SCRIPT_EXPECT_NOT) &&
            ui_view_contains_text(v, a->arg) != want)
            fprintf(stderr, "%s:%zu: expect%s failed: '%s' (screen: database problem)\n", o->script,
                    a->line, want ? "" : "-not", a->arg);
    }
    script_free(&s);
    if (o->screenshot && display_screenshot(d, o->screenshot) != 0)
        fprintf(stderr, "lanyard run: cannot write %s\n", o->screenshot);
    return 1;
}

int app_fault_run(const AppOptions *o, const EventConfig *cfg, const char *first_reason,
                  int (*retry)(void *ud, char *why, size_t whylen), void *ud)
{
    char reason[1024], why[1024];
    snprintf(reason, sizeof reason, "%s", first_reason);
    if (!o->script)
        app_stop_install();
    DisplayOptions dopt = {o->windowed,  o->width,    o->height,     cfg->name,
                           o->asset_dir, cfg->rotate, cfg->renderer, cfg->screen_inches};
    Display *d = display_open(&dopt);
    UiView *v = d ? malloc(sizeof *v) : NULL;
    if (!v) {
        display_close(d);
        return 1;
    }
    app_stop_sdl(true);
    show(v, d, cfg, reason);
    int status = 0;
    if (o->script) {
        status = scripted(v, d, o);
    } else {
        ServiceNotify notify;
        service_notify_init(&notify);
        service_notify_ready(&notify); /* up, saying what is wrong: no restart */
        int64_t next_try = time_monotonic_ms() + RETRY_MS;
        while (!app_stop_asked()) {
            int64_t now = time_monotonic_ms();
            service_notify_alive(&notify, now);
            if (now >= next_try) {
                if (retry(ud, why, sizeof why) == 0) {
                    status = APP_RESTART;
                    break;
                }
                /* What is wrong now (room made, but the file still damaged). */
                if (strcmp(why, reason) != 0) {
                    snprintf(reason, sizeof reason, "%s", why);
                    fprintf(stderr, "lanyard run: %s\n", reason);
                    show(v, d, cfg, reason);
                }
                next_try = now + RETRY_MS;
            }
            int timeout = service_notify_wait_ms(&notify, (int)(next_try - now));
            SDL_Event e;
            if (!SDL_WaitEventTimeout(&e, timeout))
                continue;
            if (e.type == SDL_QUIT && o->windowed)
                break;
            if (e.type == SDL_WINDOWEVENT || e.type == SDL_RENDER_TARGETS_RESET ||
                e.type == SDL_RENDER_DEVICE_RESET)
                show(v, d, cfg, reason);
        }
        if (status != APP_RESTART)
            service_notify_stopping(&notify);
    }
    app_stop_sdl(false);
    display_close(d);
    free(v);
    return status;
}
