/* soak.c — the soak's event and its monkey. See soak.h. */
#include "soak.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/import.h"
#include "core/pin.h"
#include "gen_guests.h"
#include "store/store.h"

/* Not Help: it shows only when a write fails, which a healthy disk never does. */
const char *const SOAK_SCREENS[] = {
    "welcome",  "find",    "confirm",   "walkin",     "interests",    "done",        "already",
    "programs", "program", "staff_pin", "staff_home", "staff_lookup", "staff_guest", "staff_edit",
};
const size_t SOAK_NSCREENS = sizeof SOAK_SCREENS / sizeof SOAK_SCREENS[0];

/* ---- the event ---- */

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int write_text(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "soak: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int write_ini(const char *dir, int idle_s, bool pin)
{
    char hash[PIN_HASH_MAX] = "";
    if (pin && pin_hash(SOAK_PIN, hash) != 0)
        return -1;
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "[event]\nname = Soak Test Evening\ndate = 2026-08-27\n"
                     "languages = en, es\nidle_timeout = %d\n\n[kiosk]\nid = soak\n\n"
                     "[staff]\npin_hash = %s\n",
                     idle_s, hash);
    char *path = join(dir, "event.ini");
    int rc = path ? write_text(path, text, (size_t)n) : -1;
    free(path);
    return rc;
}

/* The demo's programs.csv into the folder and the database. */
static int add_programs(Store *s, const char *dir)
{
    size_t len = 0;
    char *raw = file_read(LANYARD_SOURCE_DIR "/assets/demo/programs.csv", &len);
    char *path = join(dir, "programs.csv");
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    ProgramList l;
    program_list_init(&l);
    int rc = raw && path && write_text(path, raw, len) == 0 &&
                     import_parse_programs(raw, len, &l, &rep) == 0 &&
                     store_import_programs(s, &l, &rep, 1000) == STORE_OK
                 ? 0
                 : -1;
    if (rc != 0)
        fprintf(stderr, "soak: cannot import the demo's programs: %s\n", rep.error);
    program_list_free(&l);
    import_report_free(&rep);
    free(path);
    free(raw);
    return rc;
}

static int add_guests(Store *s, SoakEvent *e)
{
    GuestList l;
    guest_list_init(&l);
    GenRng r;
    gen_rng_seed(&r, 42);
    int rc = 0;
    for (size_t i = 0; i < e->nguests && rc == 0; i++) {
        Guest *g = guest_list_push(&l);
        rc = g && gen_guest(g, i, &r) == 0 ? 0 : -1;
        if (rc == 0) {
            e->code[i] = strdup(g->code);
            e->name[i] = strdup(g->first);
            rc = e->code[i] && e->name[i] ? 0 : -1;
        }
    }
    ImportReport rep;
    import_report_init(&rep, "guests");
    if (rc == 0 && store_import_guests(s, &l, &rep, 1000) != STORE_OK) {
        fprintf(stderr, "soak: cannot import the guests: %s\n", rep.error);
        rc = -1;
    }
    import_report_free(&rep);
    guest_list_free(&l);
    return rc;
}

int soak_event_create(SoakEvent *e, const char *dir, size_t nguests, int idle_s, bool pin)
{
    memset(e, 0, sizeof *e);
    e->dir = join(dir, "event");
    e->db = join(dir, "event.db");
    e->nguests = nguests;
    e->idle_s = idle_s;
    e->code = calloc(nguests, sizeof *e->code);
    e->name = calloc(nguests, sizeof *e->name);
    if (!e->dir || !e->db || !e->code || !e->name || mkdir(e->dir, 0700) != 0 ||
        write_ini(e->dir, idle_s, pin) != 0)
        return -1;
    Store *s = NULL;
    char err[512];
    if (store_open(e->db, STORE_OPEN_CREATE, &s, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "soak: %s\n", err);
        return -1;
    }
    int rc = add_guests(s, e) == 0 && add_programs(s, e->dir) == 0 ? 0 : -1;
    store_close(s);
    return rc;
}

void soak_event_free(SoakEvent *e)
{
    for (size_t i = 0; i < e->nguests; i++) {
        if (e->code)
            free(e->code[i]);
        if (e->name)
            free(e->name[i]);
    }
    free(e->code);
    free(e->name);
    free(e->dir);
    free(e->db);
    memset(e, 0, sizeof *e);
}

/* ---- the monkey ---- */

static uint32_t next(Monkey *m)
{
    /* xorshift64*: the same run for the same seed on any machine. */
    m->rng ^= m->rng >> 12;
    m->rng ^= m->rng << 25;
    m->rng ^= m->rng >> 27;
    return (uint32_t)((m->rng * UINT64_C(2685821657736338717)) >> 32);
}

static int below(Monkey *m, int n)
{
    return n > 0 ? (int)(next(m) % (uint32_t)n) : 0;
}

void monkey_init(Monkey *m, uint64_t seed, const SoakEvent *e, int long_wait_permille)
{
    memset(m, 0, sizeof *m);
    m->rng = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    m->event = e;
    m->long_wait_permille = long_wait_permille;
}

/* Nothing that ends the kiosk: Exit kiosk and its Yes, in either language. */
static bool pressable(const SoakWidget *w)
{
    return w->label && *w->label && !strstr(w->label, "xit") && !strstr(w->label, "alir");
}

/* More than one character: a button or a row rather than a key of the
 * on-screen keyboard, which would otherwise be most of what there is. */
static bool worded(const SoakWidget *w)
{
    size_t chars = 0;
    for (const char *p = w->label; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    return chars > 1;
}

static bool press_random(Monkey *m, const SoakWidget *ws, size_t n, SoakAction *a)
{
    bool words = below(m, 4) != 0;
    size_t ok = 0;
    for (size_t i = 0; i < n; i++)
        ok += pressable(&ws[i]) && (!words || worded(&ws[i]));
    if (ok == 0 && words)
        return press_random(m, ws, n, a);
    if (ok == 0)
        return false;
    size_t pick = (size_t)below(m, (int)ok);
    for (size_t i = 0; i < n; i++) {
        if (pressable(&ws[i]) && (!words || worded(&ws[i])) && pick-- == 0) {
            a->op = SOAK_PRESS;
            a->x = ws[i].x + ws[i].w / 2;
            a->y = ws[i].y + ws[i].h / 2;
            snprintf(a->text, sizeof a->text, "%s", ws[i].label);
            return true;
        }
    }
    return false;
}

static bool press_label(const SoakWidget *ws, size_t n, const char *label, SoakAction *a)
{
    for (size_t i = 0; i < n; i++) {
        if (ws[i].label && !strcmp(ws[i].label, label)) {
            a->op = SOAK_PRESS;
            a->x = ws[i].x + ws[i].w / 2;
            a->y = ws[i].y + ws[i].h / 2;
            snprintf(a->text, sizeof a->text, "%s", label);
            return true;
        }
    }
    return false;
}

/* Someone's name, a part of it, or letters at random (some accented). */
static void some_text(Monkey *m, char *out, size_t len)
{
    static const char *const BITS[] = {"a", "e", "o", "n", "r", "é", "ñ", " ", "-", "'", "ü", "王"};
    const SoakEvent *e = m->event;
    int kind = below(m, 10);
    if (kind < 6 && e->nguests) {
        const char *name = e->name[below(m, (int)e->nguests)];
        size_t keep = kind < 3 ? strlen(name) : 2 + (size_t)below(m, 3);
        snprintf(out, len, "%.*s", (int)keep, name);
        return;
    }
    out[0] = '\0';
    for (int i = 0, n = 1 + below(m, 8); i < n; i++)
        strncat(out, BITS[below(m, sizeof BITS / sizeof BITS[0])], len - strlen(out) - 1);
}

static void scan(Monkey *m, SoakAction *a)
{
    const SoakEvent *e = m->event;
    a->op = SOAK_SCAN;
    if (below(m, 10) == 0 || !e->nguests)
        snprintf(a->text, sizeof a->text, "99%08d", below(m, 100000000));
    else
        snprintf(a->text, sizeof a->text, "%s", e->code[below(m, (int)e->nguests)]);
    m->scans++;
}

static void key(Monkey *m, SoakAction *a)
{
    static const char *const KEYS[] = {"Return", "BackSpace", "Tab",  "Escape",
                                       "Left",   "Right",     "Down", "Up"};
    a->op = SOAK_KEY;
    snprintf(a->text, sizeof a->text, "%s", KEYS[below(m, sizeof KEYS / sizeof KEYS[0])]);
}

/* The PIN pad: mostly the right PIN, digit by digit, then OK. */
static bool pin_pad(Monkey *m, const SoakWidget *ws, size_t n, SoakAction *a)
{
    if (m->pin_at == 0 && below(m, 5) == 0)
        return false; /* a wrong or idle try now and then */
    char digit[2] = {SOAK_PIN[m->pin_at], '\0'};
    if (m->pin_at < strlen(SOAK_PIN)) {
        if (!press_label(ws, n, digit, a))
            return false;
        m->pin_at++;
        return true;
    }
    m->pin_at = 0;
    return press_label(ws, n, "OK", a) || press_label(ws, n, "Aceptar", a);
}

static void wait(Monkey *m, SoakAction *a)
{
    a->op = SOAK_WAIT;
    a->ms = below(m, 1000) < m->long_wait_permille ? 10000 + below(m, 30000) : 200 + below(m, 1500);
}

/* ---- plans: what a person at the door means to do ---- */

static void step(Monkey *m, char kind, const char *text)
{
    if (m->plan_len == SOAK_PLAN_MAX)
        return;
    SoakStep *s = &m->plan[m->plan_len++];
    s->kind = kind;
    snprintf(s->text, sizeof s->text, "%s", text);
}

static const char *some_guest(Monkey *m)
{
    const SoakEvent *e = m->event;
    return e->nguests ? e->name[below(m, (int)e->nguests)] : "Ana";
}

/* After checking in: a few interests (most times), Continue, then Done or a
 * wait while Done shows. */
static void plan_interests(Monkey *m)
{
    for (int i = below(m, 4); i > 0; i--)
        step(m, 'r', "");
    step(m, 'p', "Continue");
    if (below(m, 2))
        step(m, 'p', "Done");
}

/* A walk-in fills the form field after field; a new surname most times. */
static void plan_walkin(Monkey *m)
{
    static const char *const LAST[] = {"Quist", "Okafor", "Nguyễn", "Lindqvist", "O'Brien"};
    char last[48];
    snprintf(last, sizeof last, "%s%s", LAST[below(m, 5)], below(m, 4) ? "-Soak" : "");
    step(m, 'p', "I'm new here");
    step(m, 'p', "First name");
    step(m, 't', some_guest(m));
    step(m, 'k', "Return");
    step(m, 't', last);
    step(m, 'k', "Return");
    step(m, 't', "Soak Welding");
    step(m, 'k', "Return");
    step(m, 't', "Owner");
    step(m, 'k', "Return");
    step(m, 't', "soak@example.org");
    step(m, 'p', "Next");
    plan_interests(m);
}

/* A guest's badge under the scanner (now and then a code nobody has). */
static void plan_scan(Monkey *m)
{
    const SoakEvent *e = m->event;
    char code[48];
    if (below(m, 10) == 0 || !e->nguests)
        snprintf(code, sizeof code, "99%08d", below(m, 100000000));
    else
        snprintf(code, sizeof code, "%s", e->code[below(m, (int)e->nguests)]);
    step(m, 's', code);
    plan_interests(m);
}

/* A pre-registered guest finds their name and says it is them. */
static void plan_search(Monkey *m)
{
    const char *name = some_guest(m);
    step(m, 'p', "Check in");
    step(m, 't', name);
    step(m, 'P', name);
    step(m, 'p', "Yes, check me in");
    plan_interests(m);
}

/* Staff look a guest up and open their details. */
static void plan_lookup(Monkey *m)
{
    const char *name = some_guest(m);
    step(m, 'p', "Find a guest");
    step(m, 't', name);
    step(m, 'P', name);
    step(m, 'p', "Edit details");
}

static bool press_prefix(const SoakWidget *ws, size_t n, const char *prefix, SoakAction *a)
{
    for (size_t i = 0; i < n; i++) {
        if (ws[i].label && !strncmp(ws[i].label, prefix, strlen(prefix)))
            return press_label(ws, n, ws[i].label, a);
    }
    return false;
}

/* The plan's next step as an action; false (and the plan dropped) when what
 * it means to press is not there: the person gives up and does something else. */
static bool follow_plan(Monkey *m, const SoakWidget *ws, size_t n, SoakAction *a)
{
    if (m->plan_at == m->plan_len)
        return false;
    const SoakStep *s = &m->plan[m->plan_at++];
    bool ok = true;
    switch (s->kind) {
    case 'p':
        ok = press_label(ws, n, s->text, a);
        break;
    case 'P':
        ok = press_prefix(ws, n, s->text, a);
        break;
    case 'r':
        ok = press_random(m, ws, n, a);
        break;
    case 's':
        a->op = SOAK_SCAN;
        snprintf(a->text, sizeof a->text, "%s", s->text);
        m->scans++;
        break;
    case 't':
        a->op = SOAK_TYPE;
        snprintf(a->text, sizeof a->text, "%s", s->text);
        m->searches++;
        break;
    default:
        a->op = SOAK_KEY;
        snprintf(a->text, sizeof a->text, "%s", s->text);
        break;
    }
    if (!ok)
        m->plan_at = m->plan_len = 0;
    return ok;
}

/* Now and then, on Welcome or the staff screen, a person starts a plan. */
static void maybe_plan(Monkey *m, const char *screen)
{
    if (m->plan_at < m->plan_len)
        return;
    m->plan_at = m->plan_len = 0;
    int r = below(m, 100);
    if (!strcmp(screen, "welcome") && r < 15)
        plan_walkin(m);
    else if (!strcmp(screen, "welcome") && r < 35)
        plan_search(m);
    else if (!strcmp(screen, "welcome") && r < 75)
        plan_scan(m);
    else if (!strcmp(screen, "staff_home") && r < 40)
        plan_lookup(m);
    m->plans += m->plan_len > 0;
}

void monkey_next(Monkey *m, const char *screen, const SoakWidget *ws, size_t n, int w, int h,
                 SoakAction *a)
{
    memset(a, 0, sizeof *a);
    m->actions++;
    if (strcmp(screen, "staff_pin") != 0)
        m->pin_at = 0;
    else if (pin_pad(m, ws, n, a))
        return;
    maybe_plan(m, screen);
    if (follow_plan(m, ws, n, a))
        return;
    /* A visit that wanders on too long ends as people leave: the idle reset. */
    m->since_welcome = strcmp(screen, "welcome") ? m->since_welcome + 1 : 0;
    if (m->since_welcome > 25) {
        m->since_welcome = 0;
        a->op = SOAK_WAIT;
        a->ms = m->event->idle_s * 1000 + 2000;
        return;
    }
    int r = below(m, 1000);
    if (r < 25) {
        a->op = SOAK_STAFF;
        m->staff++;
        return;
    }
    if (r < 25 + m->long_wait_permille) {
        wait(m, a);
        return;
    }
    r = below(m, 100);
    bool welcome = !strcmp(screen, "welcome"), find = !strcmp(screen, "find");
    bool walkin =
        !strcmp(screen, "walkin") || !strcmp(screen, "walkin_fix") || !strcmp(screen, "staff_edit");
    if ((welcome && r < 20) || (find && r < 10)) {
        scan(m, a);
        return;
    }
    if ((find || !strcmp(screen, "staff_lookup")) && r < 40) {
        a->op = SOAK_TYPE;
        some_text(m, a->text, sizeof a->text);
        m->searches++;
        return;
    }
    if (walkin && r < 45) {
        a->op = SOAK_TYPE;
        some_text(m, a->text, sizeof a->text);
        return;
    }
    if ((walkin && r < 60) || r < 4) {
        key(m, a);
        return;
    }
    if (r < 80 && press_random(m, ws, n, a))
        return;
    if (r < 88) {
        a->op = SOAK_DRAG;
        a->x = a->x2 = below(m, w);
        a->y = below(m, h);
        a->y2 = below(m, h);
        if (below(m, 4) == 0)
            a->x2 = below(m, w);
        return;
    }
    if (r < 94) {
        a->op = SOAK_TAP;
        a->x = below(m, w);
        a->y = below(m, h);
        return;
    }
    wait(m, a);
}

size_t soak_note_screen(char seen[][32], size_t count, size_t max, const char *screen)
{
    for (size_t i = 0; i < count; i++) {
        if (!strcmp(seen[i], screen))
            return count;
    }
    if (count == max)
        return count;
    snprintf(seen[count], 32, "%s", screen);
    return count + 1;
}

void soak_missing_screens(char seen[][32], size_t count, char *out, size_t len)
{
    out[0] = '\0';
    for (size_t i = 0; i < SOAK_NSCREENS; i++) {
        bool found = false;
        for (size_t k = 0; k < count && !found; k++)
            found = !strcmp(seen[k], SOAK_SCREENS[i]);
        if (!found) {
            if (out[0])
                strncat(out, ", ", len - strlen(out) - 1);
            strncat(out, SOAK_SCREENS[i], len - strlen(out) - 1);
        }
    }
}
