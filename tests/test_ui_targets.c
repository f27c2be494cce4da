/* test_ui_targets.c — touch targets in millimetres (SPEC §3: at least 9 mm).
 *
 * On each panel the kiosk is sold with (a 7-inch 800x480, the 7-inch Touch
 * Display 2 at 720x1280 upright and mounted sideways, a 10-inch 1280x800, a
 * 15.6-inch 1920x1080) and on the denser 5-inch ones (800x480 and the 5-inch
 * Touch Display 2), the kiosk is told the panel's pixels per millimetre from
 * its diagonal, walks every screen that has something to tap (guest and
 * staff, the on-screen keyboard up and down, Spanish, larger text, the "Still
 * there?" prompt) and measures every tappable widget that is shown: each must
 * be at least 9 mm in both directions. The smallest of each panel is printed.
 * ("Please see a staff member" has nothing to tap.) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "ui_driver.h"

#include "core/pin.h"
#include "ui/ui_widgets.h"
#include "visit/visit_import.h"

typedef struct Panel {
    const char *name;
    int w, h;
    double inches;    /* diagonal */
    bool narrow_keys; /* too small for twelve 9 mm keys across and two lines of them:
                       * keys may be narrower, everything else may not */
} Panel;

static const Panel PANELS[] = {
    {"7in 800x480", 800, 480, 7.0, false},
    {"7in 720x1280 (Touch Display 2)", 720, 1280, 7.0, false},
    {"7in 1280x720 (Touch Display 2 sideways)", 1280, 720, 7.0, false},
    {"10in 1280x800", 1280, 800, 10.1, false},
    {"15.6in 1920x1080", 1920, 1080, 15.6, false},
    {"5in 720x1280 (Touch Display 2, 5-inch)", 720, 1280, 5.0, false},
    {"5in 800x480", 800, 480, 5.0, true},
};

/* What one panel's walk found. */
typedef struct Walk {
    const Panel *p;
    double px_per_mm;
    Uid *d;
    double min_mm;
    char min_what[200];
    char failures[8192];
    size_t nfail, nmeasured;
} Walk;

/* Measures every tappable widget shown on the current screen. */
static void measure(Walk *wk, const char *where)
{
    const UiView *v = uid_view(wk->d);
    if (v->overflow)
        fail_msg("%s, %s: the view overflowed", wk->p->name, where);
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL || w->clip.w <= 0 || w->clip.h <= 0)
            continue;
        wk->nmeasured++;
        int side = w->r.w < w->r.h ? w->r.w : w->r.h;
        double mm = side / wk->px_per_mm;
        const char *label = ui_view_text(v, w->text);
        if (mm < wk->min_mm) {
            wk->min_mm = mm;
            snprintf(wk->min_what, sizeof wk->min_what, "'%.60s' %dx%d px on %s", label, w->r.w,
                     w->r.h, where);
        }
        if (mm < UI_TARGET_MM && !(wk->p->narrow_keys && w->kind == UI_W_KEY)) {
            size_t n = strlen(wk->failures);
            if (wk->nfail++ < 40 && n < sizeof wk->failures - 200)
                snprintf(wk->failures + n, sizeof wk->failures - n,
                         "  %s: '%.60s' is %dx%d px = %.1f mm\n", where, label, w->r.w, w->r.h, mm);
        }
    }
}

static void press(Walk *wk, const char *label)
{
    uid_press(wk->d, label);
}

static void guest_screens(Walk *wk)
{
    Uid *d = wk->d;
    measure(wk, "welcome");
    press(wk, "Español");
    measure(wk, "welcome (es)");
    press(wk, "English");
    press(wk, "Larger text");
    measure(wk, "welcome (larger text)");
    press(wk, "Check in");
    measure(wk, "find, larger text, keyboard up");
    press(wk, "Back");
    press(wk, "Larger text");

    press(wk, "Check in");
    measure(wk, "find, keyboard up");
    uid_type(d, "a", 120);
    measure(wk, "find, one letter");
    uid_type(d, "na", 120);
    measure(wk, "find results, keyboard up");
    press(wk, "Hide");
    measure(wk, "find results, keyboard down");
    /* Still there? over the screen. */
    uid_wait(d, 52000);
    if (!uid_visible(d, "Still there?"))
        fail_msg("%s: no 'Still there?' prompt", wk->p->name);
    measure(wk, "still there?");
    press(wk, "I'm still here");
    press(wk, "Ana G. — Acme Welding");
    measure(wk, "confirm");
    press(wk, "Yes, check me in");
    measure(wk, "interests");
    press(wk, "Not you?");
    measure(wk, "not you?");
    press(wk, "No, go back");
    press(wk, "Continue");
    measure(wk, "done");
    press(wk, "Explore programs");
    measure(wk, "programs");
    press(wk, "Welding Technology");
    measure(wk, "program page");
    press(wk, "Back");
    press(wk, "Back");
    if (strcmp(uid_screen(d), "welcome"))
        uid_wait(d, 120000);
    uid_scan(d, "2713624642");
    measure(wk, uid_screen(d)); /* already */
    uid_wait(d, 120000);

    press(wk, "I'm new here");
    measure(wk, "walk-in");
    press(wk, "First name");
    measure(wk, "walk-in, keyboard up");
    press(wk, "Hide");
    press(wk, "Next");
    measure(wk, "walk-in, errors");
    uid_type(d, "Zoe", 120);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_type(d, "Quistt", 120);
    press(wk, "Next");
    measure(wk, "interests, walk-in");
    press(wk, "Fix my details");
    measure(wk, "walk-in fix, keyboard up");
    press(wk, "Hide");
    measure(wk, "walk-in fix");
    press(wk, "Cancel");
    uid_wait(d, 120000);
}

static void staff_screens(Walk *wk)
{
    Uid *d = wk->d;
    uid_hold(d, 5, 5, 3000);
    measure(wk, "staff PIN");
    uid_type(d, "246813", 200);
    uid_key(d, UI_KEY_RETURN, 0);
    uid_settle(d); /* the PIN is checked on a thread of its own */
    if (strcmp(uid_screen(d), "staff_home"))
        fail_msg("%s: staff screen not shown (%s)", wk->p->name, uid_screen(d));
    measure(wk, "staff");
    press(wk, "Find a guest");
    measure(wk, "staff lookup, keyboard up");
    uid_type(d, "ana", 120);
    measure(wk, "staff lookup results");
    press(wk, "Ana García");
    measure(wk, "staff guest");
    press(wk, "Edit details");
    measure(wk, "staff edit");
    press(wk, "First name");
    measure(wk, "staff edit, keyboard up");
    press(wk, "Cancel");
    press(wk, "Back");
    press(wk, "Back");
    if (strcmp(uid_screen(d), "staff_home"))
        fail_msg("%s: staff home not shown (%s)", wk->p->name, uid_screen(d));
    press(wk, "Kiosk set-up");
    measure(wk, "kiosk set-up");
    press(wk, "Load event from USB");
    measure(wk, "load event, no stick");
}

/* Walks one panel; the number of targets under 9 mm (listed on stderr). */
static size_t walk_panel(const Panel *p, const char *event)
{
    char *dir = tu_tempdir(), *db = tu_path(dir, "k.db");
    Store *store = NULL;
    char err[256];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &store, err, sizeof err), STORE_OK);
    visit_import_event(store, event, UID_T0);
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.kiosk_id, sizeof cfg.kiosk_id, "targets");
    assert_int_equal(pin_hash("246813", cfg.pin_hash), 0);

    static Walk wk;
    memset(&wk, 0, sizeof wk);
    wk.p = p;
    wk.min_mm = 1e9;
    wk.px_per_mm = sqrt((double)p->w * p->w + (double)p->h * p->h) / (p->inches * 25.4);
    wk.d = uid_kiosk_create(
        &(UidSetup){.store = store, .cfg = &cfg, .w = p->w, .h = p->h, .px_per_mm = wk.px_per_mm});
    guest_screens(&wk);
    staff_screens(&wk);
    printf("%-42s %5.2f px/mm: smallest target %.1f mm, %s (%zu measured)\n", p->name, wk.px_per_mm,
           wk.min_mm, wk.min_what, wk.nmeasured);
    if (wk.nfail)
        fprintf(stderr, "%s: %zu targets under %d mm:\n%s", p->name, wk.nfail, UI_TARGET_MM,
                wk.failures);
    uid_destroy(wk.d);
    store_close(store);
    tu_rmtree(dir);
    free(db);
    free(dir);
    return wk.nfail;
}

static void test_targets(void **state)
{
    (void)state;
    char *event = tu_source("tests/ui/event");
    size_t small = 0;
    for (size_t i = 0; i < sizeof PANELS / sizeof PANELS[0]; i++)
        small += walk_panel(&PANELS[i], event);
    free(event);
    if (small)
        fail_msg("%zu targets under %d mm (listed above)", small, UI_TARGET_MM);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
