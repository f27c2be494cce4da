/* test_soak.c — an hour of use in simulated time (scripts/soak): the seeded
 * monkey of soak.h drives the kiosk in process (ui_driver.h) on a locked-down
 * kiosk with a staff PIN, over a real database of generated guests, for
 * LANYARD_SOAK_MINUTES of kiosk time (default 20) from LANYARD_SOAK_SEED.
 * Under the sanitizer build this is the proof of no crash and no leak; here it
 * also checks that the monkey reached every screen, checked guests in and
 * added walk-ins, and that the database is whole afterwards. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "core/event_config.h"
#include "soak.h"
#include "store/store.h"
#include "ui_driver.h"

static UiKey key_of(const char *name)
{
    static const struct {
        const char *name;
        UiKey key;
    } KEYS[] = {
        {"Return", UI_KEY_RETURN}, {"BackSpace", UI_KEY_BACKSPACE},
        {"Tab", UI_KEY_TAB},       {"Escape", UI_KEY_ESCAPE},
        {"Left", UI_KEY_LEFT},     {"Right", UI_KEY_RIGHT},
        {"Down", UI_KEY_DOWN},     {"Up", UI_KEY_UP},
    };
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        if (!strcmp(KEYS[i].name, name))
            return KEYS[i].key;
    }
    fail_msg("the monkey pressed an unknown key '%s'", name);
    return UI_KEY_NONE;
}

static void act(Uid *d, const SoakAction *a)
{
    switch (a->op) {
    case SOAK_PRESS:
    case SOAK_TAP:
        uid_tap(d, a->x, a->y);
        break;
    case SOAK_DRAG:
        uid_down(d, a->x, a->y);
        for (int i = 1; i <= 8; i++) {
            uid_wait(d, 16);
            uid_move(d, a->x + (a->x2 - a->x) * i / 8, a->y + (a->y2 - a->y) * i / 8);
        }
        uid_up(d, a->x2, a->y2);
        break;
    case SOAK_TYPE:
        uid_type(d, a->text, 90);
        break;
    case SOAK_KEY:
        uid_key(d, key_of(a->text), 0);
        break;
    case SOAK_SCAN:
        uid_scan(d, a->text);
        break;
    case SOAK_WAIT:
        uid_wait(d, a->ms);
        break;
    case SOAK_STAFF:
        uid_hold(d, 10, 10, 3100);
        break;
    }
    uid_wait(d, 150); /* a person looks before the next touch */
    uid_settle(d);    /* a staff PIN is checked on a thread of its own */
}

/* The widgets a person could touch, as soak.h wants them. */
static size_t widgets(const UiView *v, SoakWidget *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < v->nwidgets && n < max; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL || w->clip.w <= 0 || w->clip.h <= 0)
            continue;
        out[n++] =
            (SoakWidget){w->clip.x, w->clip.y, w->clip.w, w->clip.h, ui_view_text(v, w->text)};
    }
    return n;
}

/* PRAGMA integrity_check of the file says "ok". */
static void expect_whole(const char *db)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(c);
}

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : fallback;
}

static void test_soak(void **state)
{
    (void)state;
    long minutes = env_long("LANYARD_SOAK_MINUTES", 20);
    uint64_t seed = (uint64_t)env_long("LANYARD_SOAK_SEED", 1);
    char *dir = tu_tempdir();
    SoakEvent e;
    assert_int_equal(soak_event_create(&e, dir, 400, 30, true), 0);
    EventConfig cfg;
    ConfigDiagnostics diag;
    config_defaults(&cfg);
    assert_int_equal(config_load_dir(&cfg, e.dir, &diag), 0);
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(e.db, 0, &s, err, sizeof err), STORE_OK);
    Uid *d = uid_kiosk_create(&(UidSetup){.store = s, .cfg = &cfg, .w = 1280, .h = 800});

    Monkey m;
    monkey_init(&m, seed, &e, 5);
    char seen[64][32];
    size_t nseen = 0;
    SoakWidget *ws = calloc(UI_MAX_WIDGETS, sizeof *ws);
    assert_non_null(ws);
    int64_t end = uid_now(d) + minutes * 60000;
    while (uid_now(d) < end) {
        nseen = soak_note_screen(seen, nseen, 64, uid_screen(d));
        size_t n = widgets(uid_view(d), ws, UI_MAX_WIDGETS);
        SoakAction a;
        monkey_next(&m, uid_screen(d), ws, n, uid_width(d), uid_height(d), &a);
        act(d, &a);
        assert_false(uid_should_quit(d));
    }
    free(ws);

    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    char missing[512];
    soak_missing_screens(seen, nseen, missing, sizeof missing);
    printf("soak (simulated): %ld min of kiosk time, seed %llu: %zu actions, %zu scans, %zu "
           "searches typed, %zu staff gestures; %zu checked in (%zu walk-ins), %zu interests, "
           "%zu undone; %zu screens seen%s%s\n",
           minutes, (unsigned long long)seed, m.actions, m.scans, m.searches, m.staff,
           st.checked_in, st.walk_ins, st.interests, st.undone, nseen,
           missing[0] ? ", not seen: " : "", missing);
    assert_true(st.registered_in > 0);
    assert_true(st.walk_ins > 0);
    if (minutes >= 20 && missing[0])
        fail_msg("the monkey never reached: %s", missing);

    uid_destroy(d);
    store_close(s);
    expect_whole(e.db);
    soak_event_free(&e);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
