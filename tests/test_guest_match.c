/* test_guest_match.c — the one "same guest?" rule (core/guest_match.h), each
 * of its questions, guests made of several records, and choosing among
 * several candidates. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest_match.h"
#include "core/ids.h"

/* A record: id, code, first, last, company, email ("" = not given). */
static Guest rec(const char *id, const char *code, const char *first, const char *last,
                 const char *company, const char *email)
{
    Guest g;
    guest_init(&g);
    snprintf(g.id, sizeof g.id, "%s", id);
    assert_int_equal(guest_set(&g.code, code), 0);
    assert_int_equal(guest_set(&g.first, first), 0);
    assert_int_equal(guest_set(&g.last, last), 0);
    assert_int_equal(guest_set(&g.company, company), 0);
    assert_int_equal(guest_set(&g.email, email), 0);
    return g;
}

/* The rule both ways round: it must not depend on which record comes first. */
static GuestMatch match(const Guest *a, const Guest *b)
{
    GuestMatch ab, ba;
    assert_int_equal(guest_match(a, b, &ab), 0);
    assert_int_equal(guest_match(b, a, &ba), 0);
    if (ab != ba)
        fail_msg("the rule is not symmetric: %s one way, %s the other", guest_match_name(ab),
                 guest_match_name(ba));
    return ab;
}

typedef struct Case {
    const char *what;
    const char *a[6], *b[6]; /* id, code, first, last, company, email */
    GuestMatch want;
} Case;

/* Every question of guest_match.h, with a case on each side of it. Codes
 * starting "W-" are kiosk walk-in codes. */
static const Case CASES[] = {
    /* 1. ids */
    {"same id, whatever else differs",
     {"i1", "A1", "Ana", "García", "Acme", "ana@acme.example"},
     {"i1", "B2", "Bo", "Lee", "Lee Co", "bo@lee.example"},
     GUEST_MATCH_ID},
    /* 2. codes */
    {"same registration code on two kiosks",
     {"k1", "1001", "Ana", "García", "Acme", "ana@acme.example"},
     {"k2", "1001", "Ana", "Garcia", "", "ana.garcia@home.example"},
     GUEST_MATCH_CODE},
    {"same walk-in code (a merged file merged again)",
     {"k1", "W-7K3M-Q9XD", "Sam", "Lee", "", ""},
     {"k2", "W-7K3M-Q9XD", "Sam", "Lee", "", ""},
     GUEST_MATCH_CODE},
    /* 3. two registration codes */
    {"two tickets under one email and one name",
     {"k1", "A1001", "Pat", "Kim", "Kim Co", "pat@kim.example"},
     {"k2", "A1002", "Pat", "Kim", "Kim Co", "pat@kim.example"},
     GUEST_MATCH_CONFLICT},
    {"two tickets under one email, two names",
     {"k1", "A1001", "Ann", "Ode", "", "office@ode.example"},
     {"k2", "A1002", "Bob", "Ode", "", "office@ode.example"},
     GUEST_MATCH_CONFLICT},
    {"two tickets, nothing else alike",
     {"k1", "A1001", "Ann", "Ode", "", "ann@ode.example"},
     {"k2", "A1002", "Bob", "Ray", "", "bob@ray.example"},
     GUEST_MATCH_CONFLICT},
    /* 4a. one email, names not clearly different */
    {"a walk-in with the email and name of a ticket",
     {"k1", "2001", "Pat", "Kim", "", "pat@kim.example"},
     {"k2", "W-0000-0001", "PAT", "Kim", "", "PAT@Kim.Example"},
     GUEST_MATCH_EMAIL},
    {"two walk-ins with one email and name",
     {"k1", "W-0000-0001", "José", "Núñez", "", "jose@nunez.example"},
     {"k2", "W-0000-0002", "Jose", "Nunez", "Núñez Auto", "JOSE@nunez.example"},
     GUEST_MATCH_EMAIL},
    {"a row without code repeating a ticket's email",
     {"k1", "A1", "Ana", "García", "", "Ana@Acme.com"},
     {"k2", "", "Ana", "Garcia", "", "ANA@ACME.COM"},
     GUEST_MATCH_EMAIL},
    {"a missing last name is no difference",
     {"k1", "", "Ana", "", "", "ana@acme.example"},
     {"k2", "", "Ana", "García", "Acme", "ana@acme.example"},
     GUEST_MATCH_EMAIL},
    /* 4b. one email, names clearly different */
    {"colleagues under an office email, no codes",
     {"k1", "", "Ann", "Ode", "Ode Farms", "office@ode.example"},
     {"k2", "", "Bob", "Ode", "Ode Farms", "office@ode.example"},
     GUEST_MATCH_CONFLICT},
    {"a walk-in giving a colleague's email",
     {"k1", "1001", "Ana", "García", "Acme", "ana@acme.example"},
     {"k2", "W-0000-0003", "Dee", "Day", "Acme", "ana@acme.example"},
     GUEST_MATCH_CONFLICT},
    {"same first name, other last name",
     {"k1", "", "Cy", "Diaz", "", "cy@diaz.example"},
     {"k2", "", "Cy", "Ruiz", "", "cy@diaz.example"},
     GUEST_MATCH_CONFLICT},
    /* 5. two emails, none in common */
    {"same name and company, two emails",
     {"k1", "W-0000-0004", "Sam", "Lee", "Lee Plumbing", "sam@lee.example"},
     {"k2", "W-0000-0005", "Sam", "Lee", "Lee Plumbing", "sam@home.example"},
     GUEST_MATCH_NONE},
    /* 6. name and company */
    {"a walk-in registering again, no email",
     {"k1", "W-0000-0006", "Sam", "Lee", "Lee Plumbing", ""},
     {"k2", "", "SAM", "lee", "lee plumbing", ""},
     GUEST_MATCH_NAME},
    {"name and company, accents aside, one email",
     {"k1", "1002", "José", "Núñez", "Núñez Auto", "jose@nunez.example"},
     {"k2", "", "Jose", "Nunez", "NUNEZ AUTO", ""},
     GUEST_MATCH_NAME},
    {"name and company, codeless rows of a plain sheet",
     {"k1", "", "Mei", "Chen", "Chen Dental", ""},
     {"k2", "", "Mei", "Chen", "Chen Dental", ""},
     GUEST_MATCH_NAME},
    /* 7. nothing else */
    {"one name, no company on either side",
     {"k1", "W-0000-0007", "Sam", "Lee", "", ""},
     {"k2", "W-0000-0008", "Sam", "Lee", "", ""},
     GUEST_MATCH_NONE},
    {"one name, a company on one side only",
     {"k1", "", "Sam", "Lee", "Lee Plumbing", ""},
     {"k2", "", "Sam", "Lee", "", ""},
     GUEST_MATCH_NONE},
    {"one name, two companies",
     {"k1", "", "Sam", "Lee", "Lee Plumbing", ""},
     {"k2", "", "Sam", "Lee", "Acme", ""},
     GUEST_MATCH_NONE},
    {"a first name and a company only",
     {"k1", "", "Cher", "", "Acme", ""},
     {"k2", "", "Cher", "", "Acme", ""},
     GUEST_MATCH_NONE},
    {"a ticket and a walk-in with nothing alike",
     {"k1", "1001", "Ana", "García", "Acme", ""},
     {"k2", "W-0000-0009", "Bo", "Lee", "Lee Co", ""},
     GUEST_MATCH_NONE},
};

static void test_each_question(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const Case *c = &CASES[i];
        Guest a = rec(c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
        Guest b = rec(c->b[0], c->b[1], c->b[2], c->b[3], c->b[4], c->b[5]);
        GuestMatch got = match(&a, &b);
        if (got != c->want)
            fail_msg("%s: got %s, want %s", c->what, guest_match_name(got),
                     guest_match_name(c->want));
        assert_int_equal(guest_match_same(got), c->want >= GUEST_MATCH_NAME);
        guest_clear(&a);
        guest_clear(&b);
    }
}

static void test_walkin_codes(void **state)
{
    (void)state;
    for (int i = 0; i < 100; i++) {
        char code[WALKIN_CODE_LEN + 1];
        walkin_code_new(code);
        assert_true(walkin_code_valid(code));
    }
    assert_true(walkin_code_valid("W-7K3M-Q9XD"));
    static const char *const not_walkin[] = {
        "",
        "1001",
        "W-7K3M-Q9X",
        "W-7K3M-Q9XDE",
        "X-7K3M-Q9XD",
        "W-7K3MQQ9XD",
        "W-7k3m-q9xd", /* lower case: not what a kiosk makes */
        "W-7K3M-Q9XI", /* I is not a Crockford digit */
    };
    for (size_t i = 0; i < sizeof not_walkin / sizeof not_walkin[0]; i++)
        assert_false(walkin_code_valid(not_walkin[i]));
    assert_false(walkin_code_valid(NULL));
}

/* A guest a merge made of two records (as in the kiosks of test_merge.c):
 * Pat's ticket 2001 from kiosk A (pat@kim) and from kiosk C (pk@other). */
static void test_sets(void **state)
{
    (void)state;
    Guest pat[2] = {rec("aaaa", "2001", "Pat", "Kim", "", "pat@kim.example"),
                    rec("cccc", "2001", "Pat", "Kim", "", "pk@other.example")};
    const char *alias_ids[] = {"old-id"};
    const char *alias_codes[] = {"W-0000-00AA"};
    GuestSet merged = {.id = "aaaa",
                       .records = pat,
                       .nrecords = 2,
                       .ids = alias_ids,
                       .nids = 1,
                       .codes = alias_codes,
                       .ncodes = 1};
    GuestMatch m;

    /* A walk-in with the email of the record that is not the visible one. */
    Guest walkin = rec("bbbb", "W-0000-00BB", "Pat", "Kim", "", "PAT@kim.example");
    GuestSet w = guest_match_set_of(&walkin);
    assert_int_equal(guest_match_sets(&merged, &w, &m), 0);
    assert_int_equal(m, GUEST_MATCH_EMAIL);
    assert_int_equal(guest_match_sets(&w, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_EMAIL);

    /* Ids and codes folded into the guest earlier count as its own. */
    Guest by_alias = rec("old-id", "", "Someone", "Else", "", "");
    GuestSet a = guest_match_set_of(&by_alias);
    assert_int_equal(guest_match_sets(&a, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_ID);
    Guest by_code = rec("dddd", "W-0000-00AA", "P.", "Kim", "", "");
    GuestSet c = guest_match_set_of(&by_code);
    assert_int_equal(guest_match_sets(&c, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_CODE);

    /* Another ticket under Pat's email and name is somebody else. */
    Guest other = rec("eeee", "2002", "Pat", "Kim", "", "pat@kim.example");
    GuestSet o = guest_match_set_of(&other);
    assert_int_equal(guest_match_sets(&o, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_CONFLICT);

    /* One pair of records that matches wins over another that conflicts. */
    Guest mixed = rec("ffff", "", "Pat", "Kim", "", "pk@other.example");
    Guest colleague = rec("gggg", "", "Lou", "Kim", "", "pat@kim.example");
    Guest two[2] = {mixed, colleague};
    GuestSet t = {.id = "ffff", .records = two, .nrecords = 2};
    assert_int_equal(guest_match_sets(&t, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_EMAIL);
    GuestSet only_colleague = guest_match_set_of(&colleague);
    assert_int_equal(guest_match_sets(&only_colleague, &merged, &m), 0);
    assert_int_equal(m, GUEST_MATCH_CONFLICT);

    for (int i = 0; i < 2; i++)
        guest_clear(&pat[i]);
    guest_clear(&walkin);
    guest_clear(&by_alias);
    guest_clear(&by_code);
    guest_clear(&other);
    guest_clear(&mixed);
    guest_clear(&colleague);
}

static int choose(const Guest *r, const Guest *cands, size_t n, size_t *pick)
{
    GuestSet rs = guest_match_set_of(r);
    GuestSet *cs = calloc(n, sizeof *cs);
    assert_non_null(cs);
    for (size_t i = 0; i < n; i++)
        cs[i] = guest_match_set_of(&cands[i]);
    int k = guest_match_choose(&rs, cs, n, pick);
    free(cs);
    return k;
}

static void test_choose(void **state)
{
    (void)state;
    size_t pick[4];
    /* A walk-in that is the same as both tickets of one buyer joins only the
     * first (by id): the two tickets stay two guests. */
    Guest tickets[3] = {
        rec("t2", "A1002", "Pat", "Kim", "", "pat@kim.example"),
        rec("t1", "A1001", "Pat", "Kim", "", "pat@kim.example"),
        rec("t3", "A1003", "Lou", "Kim", "", "lou@kim.example"),
    };
    Guest walkin = rec("", "", "Pat", "Kim", "", "pat@kim.example");
    assert_int_equal(choose(&walkin, tickets, 3, pick), 1);
    assert_int_equal(pick[0], 1);

    /* Nobody known. */
    Guest stranger = rec("", "", "Ivy", "Ng", "", "ivy@ng.example");
    assert_int_equal(choose(&stranger, tickets, 3, pick), 0);
    assert_int_equal(choose(&stranger, NULL, 0, pick), 0);

    /* Strongest answer first: a code beats an email, an email beats a name;
     * guests that do not conflict are all taken (a merge folds them). */
    Guest cands[3] = {
        rec("n1", "W-0000-0001", "Sam", "Lee", "Lee Plumbing", ""),
        rec("e1", "W-0000-0002", "Sam", "Lee", "", "sam@lee.example"),
        rec("c1", "3001", "Samuel", "Lee", "", "samuel@lee.example"),
    };
    Guest sam = rec("x", "3001", "Sam", "Lee", "Lee Plumbing", "sam@lee.example");
    assert_int_equal(choose(&sam, cands, 3, pick), 3);
    assert_int_equal(pick[0], 2);
    assert_int_equal(pick[1], 1);
    assert_int_equal(pick[2], 0);

    /* Guests tied by id or code are taken even when they conflict with each
     * other: an id and a code each belong to one person. */
    Guest strong[2] = {
        rec("same-id", "5001", "Ana", "García", "", ""),
        rec("other", "5002", "Ana", "García", "", ""),
    };
    Guest both = rec("same-id", "5002", "Ana", "García", "", "");
    assert_int_equal(choose(&both, strong, 2, pick), 2);
    assert_int_equal(pick[0], 0);
    assert_int_equal(pick[1], 1);

    for (int i = 0; i < 3; i++) {
        guest_clear(&tickets[i]);
        guest_clear(&cands[i]);
    }
    for (int i = 0; i < 2; i++)
        guest_clear(&strong[i]);
    guest_clear(&walkin);
    guest_clear(&stranger);
    guest_clear(&sam);
    guest_clear(&both);
}

static void test_name_key(void **state)
{
    (void)state;
    Guest a = rec("", "", "José", "Núñez", "Núñez Auto", "");
    Guest b = rec("", "", "JOSE", "nunez", "NUNEZ AUTO", "x@y.example");
    char *ka = NULL, *kb = NULL;
    assert_int_equal(guest_match_name_key(&a, &ka), 0);
    assert_int_equal(guest_match_name_key(&b, &kb), 0);
    assert_non_null(ka);
    assert_string_equal(ka, kb);
    assert_non_null(strchr(ka, '\x1f'));
    free(ka);
    free(kb);
    /* Without a company (or a last name) there is no name match to look up. */
    Guest c = rec("", "", "Sam", "Lee", "", "");
    Guest d = rec("", "", "Cher", "", "Acme", "");
    assert_int_equal(guest_match_name_key(&c, &ka), 0);
    assert_null(ka);
    assert_int_equal(guest_match_name_key(&d, &ka), 0);
    assert_null(ka);
    guest_clear(&a);
    guest_clear(&b);
    guest_clear(&c);
    guest_clear(&d);
}

int main(void)
{
    assert_int_equal(ids_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_question), cmocka_unit_test(test_walkin_codes),
        cmocka_unit_test(test_sets),          cmocka_unit_test(test_choose),
        cmocka_unit_test(test_name_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
