/* test_listed_code.c — guests from a list without a registration code column
 * (a Google Forms export, a plain sheet) get a code of their own, so the QR
 * code on their badge checks them in at any kiosk: the badge's link carries
 * it and a scan of it checks the guest in; importing the list again keeps it;
 * two kiosks that imported the list agree on it, and their merge is one guest
 * in either order. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "badge/badge_data.h"
#include "core/event_config.h"
#include "core/ids.h"
#include "store/store.h"

static const char GOOGLE_FORMS[] =
    "Timestamp,Email Address,First name,Last name,Company / Organization,Job title\n"
    "2026/03/02 9:14:03 AM PST,pat@kimfarms.example,Pat,Kim,Kim Family Farms,Owner\n"
    "2026/03/02 9:20:41 AM PST,lee@rivera.example,Lee,Rivera,Rivera Electric,Foreman\n";

static Store *open_db(const char *path)
{
    Store *s = NULL;
    char err[512];
    if (store_open(path, 0, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s: %s", path, err);
    return s;
}

static void import(const char *csv, const char *db)
{
    TuRun r = tu_lanyard("import", "guests", csv, "--db", db, NULL);
    if (r.status != 0)
        fail_msg("lanyard import: %s", r.err);
    tu_run_free(&r);
}

/* Pat Kim (or Lee Rivera, lee) as the database at db holds them: the id and
 * code, and how many guests it knows. */
static void guest_of(const char *db, bool lee, char id[ID_LEN + 1], char *code, size_t cap,
                     size_t *guests)
{
    Store *s = open_db(db);
    GuestList l;
    guest_list_init(&l);
    assert_int_equal(
        store_guests_by_name(s, lee ? "Lee" : "Pat", lee ? "Rivera" : "Kim", NULL, NULL, &l),
        STORE_OK);
    assert_int_equal(l.count, 1);
    snprintf(id, ID_LEN + 1, "%s", l.items[0].id);
    snprintf(code, cap, "%s", l.items[0].code);
    guest_list_free(&l);
    StoreStats st;
    assert_int_equal(store_stats(s, &st), STORE_OK);
    *guests = st.guests;
    store_close(s);
}

static void pat(const char *db, char id[ID_LEN + 1], char *code, size_t cap, size_t *guests)
{
    guest_of(db, false, id, code, cap, guests);
}

/* The link on Pat's badge, as the kiosk at db would print it. */
static char *badge_link(const char *db, const char *id)
{
    EventConfig cfg;
    config_defaults(&cfg);
    Store *s = open_db(db);
    BadgeData b;
    char err[256];
    if (badge_data_load(s, &cfg, id, &b, err, sizeof err) != 0)
        fail_msg("badge: %s", err);
    char *url = strdup(b.url);
    badge_data_free(&b);
    store_close(s);
    return url;
}

static void test_badge_of_a_listed_guest_scans(void **state)
{
    (void)state;
    char *dir = tu_tempdir();
    char *csv = tu_path(dir, "guests.csv"), *a = tu_path(dir, "door-1.db");
    char *b = tu_path(dir, "door-2.db"), *event = tu_path(dir, "event");
    tu_write(csv, GOOGLE_FORMS, (size_t)-1);
    import(csv, a);
    TuRun r;

    char id[ID_LEN + 1], code[64];
    size_t guests;
    pat(a, id, code, sizeof code, &guests);
    assert_int_equal(guests, 2);
    assert_true(walkin_code_valid(code)); /* a kiosk's code, never a ticket's */
    char *url = badge_link(a, id);
    char want[256];
    snprintf(want, sizeof want, "guest=%s", code);
    assert_non_null(strstr(url, want));

    /* The list again: the same guests, the same code. */
    import(csv, a);
    char id2[ID_LEN + 1], code2[64];
    pat(a, id2, code2, sizeof code2, &guests);
    assert_int_equal(guests, 2);
    assert_string_equal(id2, id);
    assert_string_equal(code2, code);

    /* Lee as a version that gave listed guests no code left him: his badge
     * carries his id instead. */
    char lee[ID_LEN + 1], none[64], sql[200];
    guest_of(a, true, lee, none, sizeof none, &guests);
    snprintf(sql, sizeof sql, "UPDATE guests SET code = '' WHERE id = '%s';", lee);
    const char *const blank[] = {"/usr/bin/sqlite3", a, sql, NULL};
    r = tu_run(blank, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    char *lee_url = badge_link(a, lee);
    snprintf(want, sizeof want, "guest=%s", lee);
    assert_non_null(strstr(lee_url, want));

    /* The badges under a kiosk's scanner check them in. */
    char *script = tu_path(dir, "scan.script");
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fprintf(f, "scan %s\nexpect What interests you?\npress Continue\nexpect Welcome, Pat!\n", url);
    fprintf(f, "scan %s\nexpect What interests you?\npress Continue\nexpect Welcome, Lee!\n",
            lee_url);
    assert_int_equal(fclose(f), 0);
    char *ini = tu_path(event, "event.ini");
    assert_int_equal(mkdir(event, 0755), 0);
    tu_write(ini, "[event]\nname = Spring CTE Partner Breakfast\n[kiosk]\nid = door-1\n",
             (size_t)-1);
    r = tu_lanyard("run", "--event", event, "--db", a, "--size", "800x480", "--script", script,
                   NULL);
    if (r.status != 0)
        fail_msg("lanyard run: %s", r.err);
    tu_run_free(&r);
    r = tu_lanyard("stats", "--db", a, NULL);
    assert_non_null(strstr(r.out, "checked in:     2 "));
    tu_run_free(&r);

    /* Another kiosk imported the same list: the same code; merged, in
     * either order, Pat is one guest, checked in, and her code finds her. */
    import(csv, b);
    char idb[ID_LEN + 1], codeb[64];
    pat(b, idb, codeb, sizeof codeb, &guests);
    assert_string_equal(codeb, code);
    const char *const orders[2][2] = {{a, b}, {b, a}};
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "district-%d.db", i);
        char *m = tu_path(dir, name);
        r = tu_lanyard("merge", "--into", m, orders[i][0], orders[i][1], NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
        char idm[ID_LEN + 1], codem[64];
        pat(m, idm, codem, sizeof codem, &guests);
        assert_int_equal(guests, 2);
        assert_string_equal(codem, code);
        r = tu_lanyard("checkin", "--db", m, "--code", code, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.err, "already"));
        tu_run_free(&r);
        free(m);
    }
    free(url);
    free(lee_url);
    free(script);
    free(ini);
    tu_rmtree(dir);
    free(csv);
    free(a);
    free(b);
    free(event);
    free(dir);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (ids_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_badge_of_a_listed_guest_scans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
