/* kiosk.c — the guest screens and flows of SPEC §3 as state + events + layout.
 * See kiosk.h. Sections: state, text fields, flows (check-in, walk-in,
 * interests), input, timers, layout of each screen. */
#include "ui/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "core/text.h"
#include "ui/ui_i18n.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_programs.h"
#include "ui/ui_widgets.h"

/* ---- state ---- */

typedef enum Screen {
    SCR_WELCOME,
    SCR_FIND,
    SCR_CONFIRM,
    SCR_WALKIN,
    SCR_INTERESTS,
    SCR_DONE,
    SCR_ALREADY,
    SCR_STAFF,
    SCR_PROGRAMS,
    SCR_STAFF_MODE, /* the PIN pad and staff screen, run by ui_staff.c */
    SCR_PROGRAM,    /* one program's page, from Explore programs */
} Screen;

static const char *const SCREEN_NAMES[] = {"welcome",   "find",       "confirm", "walkin",
                                           "interests", "done",       "already", "staff",
                                           "programs",  "staff_mode", "program"};

enum Field { F_FIRST, F_LAST, F_COMPANY, F_TITLE, F_EMAIL, F_PHONE, F_SEARCH, F_COUNT };
enum { WALKIN_FIELDS = F_SEARCH };

#define FIELD_BYTES 512
/* Longer than any real name, short enough that nothing downstream (badge,
 * exports) has to cope with a novel typed into a field. */
#define FIELD_MAX_CHARS 100
#define SEARCH_MAX_CHARS 60

typedef struct TextField {
    char text[FIELD_BYTES];
    size_t len, caret;
} TextField;

/* Widget ids: a kind in the high 16 bits, an index in the low 16. */
enum WidgetBase {
    W_NONE,
    W_CHECKIN,
    W_NEWHERE,
    W_EXPLORE,
    W_LANG,
    W_CONTRAST,
    W_BACK,
    W_RESULT,
    W_YES,
    W_NO,
    W_FIELD,
    W_CONSENT,
    W_NEXT,
    W_PROGRAM,
    W_KIND,
    W_CONTINUE,
    W_OK,
    W_KEY,
    W_SCROLL,
    W_MORE,
    W_STAFF,    /* staff mode's widgets (ui_staff.c) */
    W_CARD,     /* a program's card on Explore programs */
    W_INTEREST, /* I'm interested, on a program's page */
};
#define WID(base, i) (((uint32_t)(base) << 16) | (uint32_t)(i))
#define WBASE(id) ((int)((id) >> 16))
#define WINDEX(id) ((int)((id)&0xFFFF))

enum ScrollArea { SC_WALKIN, SC_INTERESTS, SC_PROGRAMS, SC_PROGRAM, SC_COUNT };

/* A scanner types a whole code faster than any person: keys at most this far
 * apart, at least SCAN_MIN_CHARS of them, then Enter. */
#define SCAN_GAP_MS 50
#define SCAN_MIN_CHARS 4
#define DONE_MS 6000
/* Done waits at most this long for a badge still printing (the queue gives up
 * only after its retries), then shows how it went for at least BADGE_SHOW_MS. */
#define BADGE_WAIT_MS 20000
#define BADGE_SHOW_MS 4000
#define STAFF_MS 20000
#define NOTICE_MS 6000
#define FRAME_MS 16
/* A held backspace key deletes again after this, then at this rate. */
#define REPEAT_DELAY_MS 500
#define REPEAT_EVERY_MS 80
/* Staff mode: a finger held this long in the top-left corner. */
#define STAFF_HOLD_MS 3000

struct Kiosk {
    KioskEnv env;
    StaffSyncHooks sync; /* kiosk_set_sync; zero: no sync folder */
    SearchIndex *ix;
    ProgramList programs;
    bool *picked;   /* per program, on Interests and (in a visit) program pages */
    size_t program; /* the program whose page is shown */
    bool kinds[16];

    Screen screen;
    int64_t screen_at;
    UiLang lang, default_lang;
    bool contrast;

    TextField f[F_COUNT];
    int ferr[WALKIN_FIELDS]; /* UiStr of the field's error, or -1 */
    bool consent;
    SearchResult results[SEARCH_MAX_RESULTS];
    size_t nresults;
    char chosen_id[ID_LEN + 1];
    char chosen_label[256];
    char guest_id[ID_LEN + 1];
    char guest_first[256];
    bool ask_consent; /* pre-registered: Interests asks for contact consent */
    bool consent_was; /* their consent when they checked in */
    KioskBadge badge;
    KioskBadge badge_seen; /* as of the last kiosk_tick, which notes... */
    int64_t badge_at;      /* ...when it changed (kiosk_badge_update has no clock) */

    UiKeyboard kb;
    UiInteract in;
    bool pointer_down, dragging;
    int down_x, down_y;
    int scroll_drag; /* SC_* being dragged, or -1 */
    UiScroll sc[SC_COUNT];
    bool reveal_focus;
    UiRect field_box[F_COUNT]; /* where each field's box was laid out */
    int field_text_x[F_COUNT]; /* and where its text starts */
    int tap_x, tap_y;          /* the release that activated a widget */
    int64_t last_input;
    int64_t repeat_at; /* next repeat of a held key, 0 when none */
    bool repeated;     /* the held key repeated: its release does nothing more */

    char scan[128];
    size_t scan_len;
    int64_t scan_last;
    int scan_field;
    TextField scan_saved;

    int notice; /* UiStr, or -1 */
    int64_t notice_until;

    StaffMode *staff;
    int64_t hold_at; /* a finger went down in the staff corner then; 0 none */

    bool dirty, quit;
    UiTheme theme;
    UiView *view;
};

static const char *tr(const Kiosk *k, UiStr s)
{
    return ui_tr(k->lang, s);
}

typedef struct IndexLoad {
    SearchIndex *ix;
    bool oom;
} IndexLoad;

static int add_guest(const Guest *g, void *ud)
{
    IndexLoad *l = ud;
    l->oom = search_add(l->ix, g) != 0;
    return l->oom; /* stop: an index missing guests would hide them */
}

Kiosk *kiosk_create(const KioskEnv *env, int64_t now, char *err, size_t errlen)
{
    Kiosk *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    k->env = *env;
    program_list_init(&k->programs);
    k->view = calloc(1, sizeof *k->view);
    k->ix = search_create();
    StaffEnv se = {env->store,    env->cfg,           env->windowed,        env->printer_status,
                   env->print_ud, env->reprint_badge, env->print_test_badge};
    k->staff = staff_create(&se);
    if (!k->view || !k->ix || !k->staff) {
        snprintf(err, errlen, "out of memory");
        goto err;
    }
    IndexLoad load = {k->ix, false};
    StoreStatus st = store_each_guest(env->store, add_guest, &load);
    if (st != STORE_OK || load.oom) {
        snprintf(err, errlen, "cannot read guests: %s",
                 load.oom ? "out of memory" : store_errmsg(env->store));
        goto err;
    }
    search_commit(k->ix);
    st = store_programs(env->store, &k->programs);
    if (st != STORE_OK) {
        snprintf(err, errlen, "cannot read programs: %s", store_errmsg(env->store));
        goto err;
    }
    k->picked = calloc(k->programs.count + 1, sizeof *k->picked);
    if (!k->picked) {
        snprintf(err, errlen, "out of memory");
        goto err;
    }
    k->default_lang = env->cfg->nlanguages ? ui_lang_from_code(env->cfg->languages[0]) : UI_LANG_EN;
    k->lang = k->default_lang;
    k->screen = SCR_WELCOME;
    k->screen_at = now;
    k->last_input = now;
    k->scroll_drag = -1;
    k->notice = -1;
    for (int i = 0; i < WALKIN_FIELDS; i++)
        k->ferr[i] = -1;
    k->dirty = true;
    return k;
err:
    kiosk_destroy(k);
    return NULL;
}

void kiosk_destroy(Kiosk *k)
{
    if (!k)
        return;
    search_destroy(k->ix);
    staff_destroy(k->staff);
    program_list_free(&k->programs);
    free(k->picked);
    free(k->view);
    free(k);
}

bool kiosk_dirty(const Kiosk *k)
{
    return k->dirty;
}

bool kiosk_should_quit(const Kiosk *k)
{
    return k->quit;
}

void kiosk_badge_update(Kiosk *k, const char *guest_id, KioskBadge state)
{
    if (!k->guest_id[0] || strcmp(k->guest_id, guest_id) != 0)
        return;
    k->badge = state;
    k->dirty = true;
}

const UiView *kiosk_view(const Kiosk *k)
{
    return k->view;
}

const char *kiosk_screen_name(const Kiosk *k)
{
    if (k->screen == SCR_STAFF_MODE)
        return staff_screen_name(k->staff);
    return SCREEN_NAMES[k->screen];
}

/* ---- text fields ---- */

static void field_clear(TextField *f)
{
    f->text[0] = '\0';
    f->len = f->caret = 0;
}

static size_t utf8_prev(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t utf8_next(const char *s, size_t i, size_t len)
{
    if (i >= len)
        return len;
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Inserts typed text at the caret, dropping control characters and stopping at
 * max_chars characters. Returns true when something was inserted. */
static bool field_insert(TextField *f, const char *s, size_t max_chars)
{
    char clean[64];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < sizeof clean - 1; p++)
        if (*p >= 0x20 && *p != 0x7F)
            clean[n++] = (char)*p;
    clean[n] = '\0';
    if (!n || !text_is_utf8(clean, n))
        return false;
    size_t have = text_codepoints(f->text), add = text_codepoints(clean);
    if (have + add > max_chars || f->len + n >= FIELD_BYTES)
        return false;
    memmove(f->text + f->caret + n, f->text + f->caret, f->len - f->caret + 1);
    memcpy(f->text + f->caret, clean, n);
    f->len += n;
    f->caret += n;
    return true;
}

static bool field_backspace(TextField *f)
{
    if (f->caret == 0)
        return false;
    size_t p = utf8_prev(f->text, f->caret);
    memmove(f->text + p, f->text + f->caret, f->len - f->caret + 1);
    f->len -= f->caret - p;
    f->caret = p;
    return true;
}

static bool field_delete(TextField *f)
{
    if (f->caret >= f->len)
        return false;
    size_t n = text_first_grapheme(f->text + f->caret);
    if (n == 0)
        n = utf8_next(f->text, f->caret, f->len) - f->caret;
    memmove(f->text + f->caret, f->text + f->caret + n, f->len - f->caret - n + 1);
    f->len -= n;
    return true;
}

static char *field_trimmed(const TextField *f)
{
    return text_trim_dup(f->text);
}

/* ---- navigation ---- */

static int focused_field(const Kiosk *k)
{
    return WBASE(k->in.focus) == W_FIELD ? WINDEX(k->in.focus) : -1;
}

static void focus_field(Kiosk *k, int field)
{
    k->in.focus = WID(W_FIELD, field);
    TextField *f = &k->f[field];
    f->caret = f->len;
    k->kb.visible = true;
    k->kb.page = field == F_PHONE ? UI_KB_NUMBERS : UI_KB_LETTERS;
    /* Names start with a capital; an email or a search does not need one. */
    k->kb.shift = field <= F_TITLE && f->len == 0;
    k->reveal_focus = true;
}

static void go(Kiosk *k, Screen s, int64_t now)
{
    k->screen = s;
    k->screen_at = now;
    k->in.pressed = 0;
    k->in.focus = 0;
    k->in.show_focus = false;
    k->pointer_down = false;
    k->dragging = false;
    k->scroll_drag = -1;
    k->dirty = true;
}

/* Forgets everything about the current guest: what they typed, picked and saw. */
static void forget_guest(Kiosk *k)
{
    for (int i = 0; i < F_COUNT; i++)
        field_clear(&k->f[i]);
    for (int i = 0; i < WALKIN_FIELDS; i++)
        k->ferr[i] = -1;
    k->consent = false;
    k->nresults = 0;
    memset(k->results, 0, sizeof k->results);
    k->chosen_id[0] = k->chosen_label[0] = '\0';
    k->guest_id[0] = k->guest_first[0] = '\0';
    k->ask_consent = k->consent_was = false;
    k->badge = KIOSK_BADGE_NONE;
    memset(k->picked, 0, (k->programs.count + 1) * sizeof *k->picked);
    memset(k->kinds, 0, sizeof k->kinds);
    memset(&k->kb, 0, sizeof k->kb);
    for (int i = 0; i < SC_COUNT; i++)
        ui_scroll_reset(&k->sc[i]);
    k->scan_len = 0;
    memset(k->scan, 0, sizeof k->scan);
    memset(&k->scan_saved, 0, sizeof k->scan_saved);
}

/* The guest is checked in and leaves Interests (Continue, or walked away):
 * their badge prints with whatever they picked. */
static void print_badge(Kiosk *k)
{
    if (k->env.print_badge && k->guest_id[0]) {
        k->env.print_badge(k->env.print_ud, k->guest_id);
        k->badge = KIOSK_BADGE_PRINTING;
    }
}

static void reset_to_welcome(Kiosk *k, int64_t now)
{
    if (k->screen == SCR_INTERESTS)
        print_badge(k);
    forget_guest(k);
    k->lang = k->default_lang;
    k->contrast = false;
    k->notice = -1;
    staff_close(k->staff);
    go(k, SCR_WELCOME, now);
}

/* What staff mode asked for after input. */
static void staff_result(Kiosk *k, StaffResult r, int64_t now)
{
    k->dirty = true;
    if (r == STAFF_WELCOME)
        reset_to_welcome(k, now);
    else if (r == STAFF_EXIT)
        k->quit = true;
}

/* The hidden gesture: a square about a touch target wide (9 mm) in the top-left
 * corner of any guest screen. */
static bool in_staff_corner(const Kiosk *k, int x, int y)
{
    return k->screen != SCR_STAFF_MODE && x >= 0 && y >= 0 && x < k->theme.target &&
           y < k->theme.target;
}

static void show_notice(Kiosk *k, UiStr s, int64_t now)
{
    k->notice = (int)s;
    k->notice_until = now + NOTICE_MS;
    k->dirty = true;
}

static void run_search(Kiosk *k)
{
    k->nresults = search_query(k->ix, k->f[F_SEARCH].text, k->results);
}

/* ---- flows ---- */

void kiosk_set_sync(Kiosk *k, const StaffSyncHooks *h)
{
    k->sync = *h;
    staff_set_sync(k->staff, h);
}

/* A change is committed: the sync folder copy is due. */
static void data_changed(Kiosk *k)
{
    if (k->sync.on_change)
        k->sync.on_change(k->sync.ud);
}

static void staff_needed(Kiosk *k, const char *what, int64_t now)
{
    fprintf(stderr, "lanyard: %s: %s\n", what, store_errmsg(k->env.store));
    forget_guest(k);
    go(k, SCR_STAFF, now);
}

/* Commits the check-in, then shows Interests (or Already checked in). */
static void check_in(Kiosk *k, const char *guest_id, int64_t now)
{
    Store *s = k->env.store;
    Guest g;
    guest_init(&g);
    if (store_guest_get(s, guest_id, &g) != STORE_OK) {
        guest_clear(&g);
        staff_needed(k, "cannot read the guest to check in", now);
        return;
    }
    CheckinResult r;
    if (store_checkin(s, guest_id, k->env.cfg->kiosk_id, now, &r) != STORE_OK) {
        guest_clear(&g);
        staff_needed(k, "check-in not saved", now);
        return;
    }
    /* A code scanned while another checked-in guest is on Interests ends that
     * guest's visit: they get their badge, as on the idle timeout. */
    if (k->screen == SCR_INTERESTS && k->guest_id[0] && strcmp(k->guest_id, guest_id) != 0)
        print_badge(k);
    forget_guest(k);
    snprintf(k->guest_id, sizeof k->guest_id, "%s", guest_id);
    /* The name to greet: the first name, or the last when a list had none. */
    snprintf(k->guest_first, sizeof k->guest_first, "%s", g.first[0] ? g.first : g.last);
    /* A walk-in answered on the form; a pre-registered guest is asked on
     * Interests, starting from what the registration said. */
    k->ask_consent = !g.walk_in;
    k->consent = k->consent_was = g.consent;
    guest_clear(&g);
    if (!r.already)
        data_changed(k);
    go(k, r.already ? SCR_ALREADY : SCR_INTERESTS, now);
}

static void scan_check_in(Kiosk *k, const char *code, int64_t now)
{
    char *c = text_trim_dup(code);
    if (!c)
        return;
    Guest g;
    guest_init(&g);
    StoreStatus st = store_guest_by_code(k->env.store, c, &g);
    if (st == STORE_OK) {
        char id[ID_LEN + 1];
        memcpy(id, g.id, sizeof id);
        check_in(k, id, now);
    } else if (st == STORE_NOT_FOUND || st == STORE_INVALID) {
        show_notice(k, S_SCAN_UNKNOWN, now);
    } else {
        staff_needed(k, "cannot look up a scanned code", now);
    }
    guest_clear(&g);
    free(c);
}

static bool email_looks_valid(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t,;<>"))
        return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

/* Digits with the usual separators (+1 (555) 010-0100, 555.0100); a letter
 * means something else was typed into the field. */
static bool phone_looks_valid(const char *s)
{
    bool digit = false;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (!strchr("+-(). ", *p))
            return false;
    }
    return digit;
}

static void walkin_submit(Kiosk *k, int64_t now)
{
    char *v[WALKIN_FIELDS] = {0};
    int first_bad = -1;
    for (int i = 0; i < WALKIN_FIELDS; i++) {
        v[i] = field_trimmed(&k->f[i]);
        if (!v[i])
            goto out;
        k->ferr[i] = -1;
    }
    if (!*v[F_FIRST])
        k->ferr[F_FIRST] = S_ERR_FIRST;
    if (!*v[F_LAST])
        k->ferr[F_LAST] = S_ERR_LAST;
    if (*v[F_EMAIL] && !email_looks_valid(v[F_EMAIL]))
        k->ferr[F_EMAIL] = S_ERR_EMAIL;
    if (*v[F_PHONE] && !phone_looks_valid(v[F_PHONE]))
        k->ferr[F_PHONE] = S_ERR_PHONE;
    for (int i = 0; i < WALKIN_FIELDS && first_bad < 0; i++)
        if (k->ferr[i] >= 0)
            first_bad = i;
    k->dirty = true;
    if (first_bad >= 0) {
        focus_field(k, first_bad);
        goto out;
    }
    Guest g;
    guest_init(&g);
    char **dst[WALKIN_FIELDS] = {&g.first, &g.last, &g.company, &g.title, &g.email, &g.phone};
    for (int i = 0; i < WALKIN_FIELDS; i++) {
        if (guest_set(dst[i], v[i]) != 0) {
            guest_clear(&g);
            goto out;
        }
    }
    g.walk_in = true;
    g.consent = k->consent;
    g.role = ROLE_INDUSTRY_PARTNER;
    if (store_walkin_add(k->env.store, &g, k->env.cfg->kiosk_id, now) != STORE_OK) {
        guest_clear(&g);
        staff_needed(k, "walk-in not saved", now);
        goto out;
    }
    /* Findable by name from now on, e.g. to print a badge again. */
    if (search_add(k->ix, &g) != 0)
        fprintf(stderr, "lanyard: out of memory adding a walk-in to the search\n");
    char id[ID_LEN + 1];
    memcpy(id, g.id, sizeof id);
    guest_clear(&g);
    check_in(k, id, now);
out:
    for (int i = 0; i < WALKIN_FIELDS; i++)
        free(v[i]);
}

static void interests_submit(Kiosk *k, int64_t now)
{
    const char **codes = calloc(k->programs.count + 1, sizeof *codes);
    const char *keys[16];
    size_t nc = 0, nk = 0;
    if (!codes)
        return;
    for (size_t i = 0; i < k->programs.count; i++)
        if (k->picked[i])
            codes[nc++] = k->programs.items[i].code;
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT && i < 16; i++)
        if (k->kinds[i])
            keys[nk++] = PARTNERSHIP_KINDS[i].key;
    StoreStatus st = store_interests_set(k->env.store, k->guest_id, codes, nc, keys, nk,
                                         k->env.cfg->kiosk_id, now);
    free(codes);
    if (st == STORE_OK && k->ask_consent && k->consent != k->consent_was)
        st = store_guest_set_consent(k->env.store, k->guest_id, k->consent, now);
    data_changed(k); /* even a half-saved visit: what was saved is worth a copy */
    print_badge(k);
    if (st != STORE_OK) {
        staff_needed(k, "interests not saved", now);
        return;
    }
    go(k, SCR_DONE, now);
}

/* A program's page; in a visit, whether the guest is interested comes from
 * what the store has for them (Interests may have picked it already). */
static void open_program(Kiosk *k, size_t i, int64_t now)
{
    if (i >= k->programs.count)
        return;
    k->program = i;
    if (k->guest_id[0]) {
        char **codes = NULL, **kinds = NULL;
        size_t nc = 0, nk = 0;
        if (store_interests_get(k->env.store, k->guest_id, &codes, &nc, &kinds, &nk) != STORE_OK) {
            staff_needed(k, "cannot read the guest's interests", now);
            return;
        }
        k->picked[i] = false;
        for (size_t j = 0; j < nc; j++)
            if (!strcmp(codes[j], k->programs.items[i].code))
                k->picked[i] = true;
        store_strings_free(codes, nc);
        store_strings_free(kinds, nk);
    }
    ui_scroll_reset(&k->sc[SC_PROGRAM]);
    go(k, SCR_PROGRAM, now);
}

/* I'm interested: adds the program to (or takes it off) the guest's
 * interests, saved at once, keeping their other programs and their kinds. */
static void toggle_interest(Kiosk *k, int64_t now)
{
    if (!k->guest_id[0] || k->program >= k->programs.count)
        return;
    const char *code = k->programs.items[k->program].code;
    bool want = !k->picked[k->program];
    char **codes = NULL, **kinds = NULL;
    size_t nc = 0, nk = 0;
    Store *s = k->env.store;
    if (store_interests_get(s, k->guest_id, &codes, &nc, &kinds, &nk) != STORE_OK) {
        staff_needed(k, "cannot read the guest's interests", now);
        return;
    }
    const char **out = calloc(nc + 1, sizeof *out);
    if (!out) {
        fprintf(stderr, "lanyard: out of memory saving an interest\n");
        goto done;
    }
    size_t n = 0;
    for (size_t j = 0; j < nc; j++)
        if (strcmp(codes[j], code) != 0)
            out[n++] = codes[j];
    if (want)
        out[n++] = code;
    if (store_interests_set(s, k->guest_id, out, n, (const char *const *)kinds, nk,
                            k->env.cfg->kiosk_id, now) != STORE_OK) {
        free(out);
        store_strings_free(codes, nc);
        store_strings_free(kinds, nk);
        staff_needed(k, "interest not saved", now);
        return;
    }
    k->picked[k->program] = want;
    data_changed(k);
    free(out);
done:
    store_strings_free(codes, nc);
    store_strings_free(kinds, nk);
    k->dirty = true;
}

/* ---- input ---- */

static void type_text(Kiosk *k, const char *s)
{
    int fi = focused_field(k);
    if (fi < 0)
        return;
    size_t max = fi == F_SEARCH ? SEARCH_MAX_CHARS : FIELD_MAX_CHARS;
    if (!field_insert(&k->f[fi], s, max))
        return;
    if (fi == F_SEARCH)
        run_search(k);
    else
        k->ferr[fi] = -1;
    if (fi <= F_TITLE && !strcmp(s, " ") && k->kb.page == UI_KB_LETTERS)
        k->kb.shift = true;
    k->reveal_focus = true;
    k->dirty = true;
}

static void edit_key(Kiosk *k, UiKey key)
{
    int fi = focused_field(k);
    if (fi < 0)
        return;
    TextField *f = &k->f[fi];
    bool changed = false;
    switch (key) {
    case UI_KEY_BACKSPACE:
        changed = field_backspace(f);
        break;
    case UI_KEY_DELETE:
        changed = field_delete(f);
        break;
    case UI_KEY_LEFT:
        f->caret = utf8_prev(f->text, f->caret);
        break;
    case UI_KEY_RIGHT:
        f->caret = utf8_next(f->text, f->caret, f->len);
        break;
    case UI_KEY_HOME:
        f->caret = 0;
        break;
    case UI_KEY_END:
        f->caret = f->len;
        break;
    default:
        return;
    }
    if (changed && fi == F_SEARCH)
        run_search(k);
    if (changed && fi < WALKIN_FIELDS)
        k->ferr[fi] = -1;
    k->dirty = true;
}

static void activate(Kiosk *k, uint32_t id, int64_t now);

/* Enter: from a walk-in field to the next one (Next after the last), from the
 * search field hides the keyboard so all results show; on a button, presses it. */
static void enter(Kiosk *k, int64_t now)
{
    int fi = focused_field(k);
    if (fi == F_SEARCH) {
        k->kb.visible = false;
        k->dirty = true;
    } else if (fi >= 0 && fi < F_PHONE) {
        focus_field(k, fi + 1);
        k->dirty = true;
    } else if (fi == F_PHONE) {
        walkin_submit(k, now);
    } else if (k->in.focus) {
        activate(k, k->in.focus, now);
    }
}

static void keyboard_tap(Kiosk *k, int index, int64_t now)
{
    char text[16];
    switch (ui_keyboard_press(&k->kb, index, text, sizeof text)) {
    case UI_KB_TEXT:
        type_text(k, text);
        break;
    case UI_KB_BACKSPACE:
        edit_key(k, UI_KEY_BACKSPACE);
        break;
    case UI_KB_ENTER:
        enter(k, now);
        break;
    case UI_KB_HIDE:
        k->kb.visible = false;
        break;
    case UI_KB_NONE:
        break;
    }
    k->dirty = true;
}

static void activate(Kiosk *k, uint32_t id, int64_t now)
{
    int i = WINDEX(id);
    k->dirty = true;
    switch (WBASE(id)) {
    case W_CHECKIN:
        forget_guest(k);
        go(k, SCR_FIND, now);
        focus_field(k, F_SEARCH);
        break;
    case W_NEWHERE:
        forget_guest(k);
        go(k, SCR_WALKIN, now);
        focus_field(k, F_FIRST);
        break;
    case W_EXPLORE:
        ui_scroll_reset(&k->sc[SC_PROGRAMS]);
        go(k, SCR_PROGRAMS, now);
        break;
    case W_LANG: {
        /* Cycle through the event's languages (English and Spanish by default). */
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
        break;
    }
    case W_CONTRAST:
        k->contrast = !k->contrast;
        break;
    case W_BACK: /* every Back leads to Welcome; what was typed is dropped */
        if (k->screen == SCR_PROGRAM) {
            /* ...but a program's page's, which leads back to the list. */
            go(k, SCR_PROGRAMS, now);
            break;
        }
        forget_guest(k);
        go(k, SCR_WELCOME, now);
        break;
    case W_RESULT:
        if ((size_t)i < k->nresults) {
            snprintf(k->chosen_id, sizeof k->chosen_id, "%s", k->results[i].guest_id);
            snprintf(k->chosen_label, sizeof k->chosen_label, "%s", k->results[i].label);
            go(k, SCR_CONFIRM, now);
        }
        break;
    case W_YES: {
        char id[ID_LEN + 1];
        memcpy(id, k->chosen_id, sizeof id);
        check_in(k, id, now);
        break;
    }
    case W_NO:
        go(k, SCR_FIND, now);
        focus_field(k, F_SEARCH);
        break;
    case W_FIELD:
        if (i < F_COUNT) {
            focus_field(k, i);
            k->in.focus = id;
            /* A tap on the text itself puts the caret there; on the caption,
             * at the end. */
            if (ui_rect_contains(k->field_box[i], k->tap_x, k->tap_y))
                k->f[i].caret = ui_field_caret_at(k->view, &k->theme, k->f[i].text,
                                                  k->field_text_x[i], k->tap_x);
        }
        break;
    case W_CONSENT:
        k->consent = !k->consent;
        k->in.focus = id;
        break;
    case W_NEXT:
        walkin_submit(k, now);
        break;
    case W_PROGRAM:
        if ((size_t)i < k->programs.count)
            k->picked[i] = !k->picked[i];
        k->in.focus = id;
        break;
    case W_KIND:
        if ((size_t)i < PARTNERSHIP_KIND_COUNT && i < 16)
            k->kinds[i] = !k->kinds[i];
        k->in.focus = id;
        break;
    case W_CONTINUE:
        interests_submit(k, now);
        break;
    case W_OK:
        reset_to_welcome(k, now);
        break;
    case W_KEY:
        keyboard_tap(k, i, now);
        break;
    case W_MORE:
        k->kb.visible = false;
        break;
    case W_STAFF:
        staff_result(k, staff_press(k->staff, i, now), now);
        break;
    case W_CARD:
        open_program(k, (size_t)i, now);
        break;
    case W_INTEREST:
        toggle_interest(k, now);
        k->in.focus = id;
        break;
    default:
        break;
    }
}

/* Tab / Shift+Tab move focus through the focusable widgets in drawing order. */
static void tab(Kiosk *k, bool back)
{
    const UiView *v = k->view;
    int n = 0, cur = -1;
    uint32_t ids[UI_MAX_WIDGETS];
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (!(w->flags & UI_WF_FOCUSABLE))
            continue;
        if (w->id == k->in.focus)
            cur = n;
        ids[n++] = w->id;
    }
    if (!n)
        return;
    int next = cur < 0 ? (back ? n - 1 : 0) : (cur + (back ? n - 1 : 1)) % n;
    uint32_t id = ids[next];
    if (WBASE(id) == W_FIELD)
        focus_field(k, WINDEX(id));
    k->in.focus = id;
    k->in.show_focus = true;
    k->reveal_focus = true;
    k->dirty = true;
}

static int scroll_at(const Kiosk *k, int x, int y)
{
    const UiView *v = k->view;
    for (size_t i = v->nwidgets; i-- > 0;) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_SCROLL && ui_rect_contains(w->clip, x, y))
            return WINDEX(w->id);
    }
    return -1;
}

static void on_text(Kiosk *k, const char *s, int64_t now)
{
    /* Track bursts for the scanner; the text still goes to the field, and is
     * taken back out if the burst ends in Enter fast enough to be a scan. */
    if (k->scan_len == 0 || now - k->scan_last > SCAN_GAP_MS) {
        k->scan_len = 0;
        k->scan_field = focused_field(k);
        if (k->scan_field >= 0)
            k->scan_saved = k->f[k->scan_field];
    }
    size_t n = strlen(s);
    if (k->scan_len + n < sizeof k->scan) {
        memcpy(k->scan + k->scan_len, s, n);
        k->scan_len += n;
        k->scan[k->scan_len] = '\0';
    }
    k->scan_last = now;
    type_text(k, s);
}

static bool take_scan(Kiosk *k, int64_t now)
{
    if (k->scan_len < SCAN_MIN_CHARS || now - k->scan_last > SCAN_GAP_MS)
        return false;
    char code[sizeof k->scan];
    memcpy(code, k->scan, sizeof code);
    if (k->scan_field >= 0 && k->scan_field == focused_field(k)) {
        k->f[k->scan_field] = k->scan_saved;
        if (k->scan_field == F_SEARCH)
            run_search(k);
    }
    k->scan_len = 0;
    scan_check_in(k, code, now);
    return true;
}

static void on_key(Kiosk *k, const UiEvent *ev, int64_t now)
{
    bool alt = ev->mods & UI_MOD_ALT, ctrl = ev->mods & UI_MOD_CTRL;
    /* Lock-down: in kiosk mode these never quit; in a window Ctrl+Q and
     * Alt+F4 do, as in any desktop program. */
    if ((ev->key == UI_KEY_F4 && alt) || (ev->key == UI_KEY_Q && ctrl)) {
        if (k->env.windowed)
            k->quit = true;
        return;
    }
    if (k->screen == SCR_STAFF_MODE) {
        staff_result(k, staff_key(k->staff, ev->key, now), now);
        return;
    }
    switch (ev->key) {
    case UI_KEY_RETURN:
        if (!take_scan(k, now))
            enter(k, now);
        break;
    case UI_KEY_TAB:
        tab(k, ev->mods & UI_MOD_SHIFT);
        break;
    case UI_KEY_ESCAPE:
        break; /* never leaves the kiosk; Back buttons are on screen */
    default:
        edit_key(k, ev->key);
        break;
    }
    k->scan_len = ev->key == UI_KEY_RETURN ? 0 : k->scan_len;
}

void kiosk_handle(Kiosk *k, const UiEvent *ev, int64_t now)
{
    switch (ev->type) {
    case UI_EV_DOWN: {
        k->last_input = now;
        k->pointer_down = true;
        k->dragging = false;
        k->down_x = ev->x;
        k->down_y = ev->y;
        k->hold_at = in_staff_corner(k, ev->x, ev->y) ? now : 0;
        const UiWidget *w = ui_view_hit(k->view, ev->x, ev->y);
        k->in.pressed = w ? w->id : 0;
        k->in.show_focus = false;
        k->scroll_drag = scroll_at(k, ev->x, ev->y);
        if (k->scroll_drag >= 0)
            ui_scroll_press(&k->sc[k->scroll_drag], ev->y, now);
        k->repeated = false;
        k->repeat_at =
            WBASE(k->in.pressed) == W_KEY && ui_keyboard_repeats(&k->kb, WINDEX(k->in.pressed))
                ? now + REPEAT_DELAY_MS
                : 0;
        k->dirty = true;
        break;
    }
    case UI_EV_MOVE: {
        if (k->hold_at && !in_staff_corner(k, ev->x, ev->y))
            k->hold_at = 0;
        if (!k->pointer_down || k->scroll_drag < 0)
            break;
        int dy = ev->y - k->down_y;
        if (!k->dragging && (dy > ui_sc(&k->theme, 12) || dy < -ui_sc(&k->theme, 12))) {
            k->dragging = true;
            k->in.pressed = 0;
        }
        if (k->dragging) {
            ui_scroll_drag(&k->sc[k->scroll_drag], ev->y, now);
            k->last_input = now;
            k->dirty = true;
        }
        break;
    }
    case UI_EV_UP: {
        if (!k->pointer_down)
            break;
        k->pointer_down = false;
        k->hold_at = 0;
        k->last_input = now;
        if (k->dragging) {
            ui_scroll_release(&k->sc[k->scroll_drag], now);
        } else if (k->in.pressed && !k->repeated) {
            const UiWidget *w = ui_view_hit(k->view, ev->x, ev->y);
            uint32_t id = k->in.pressed;
            k->in.pressed = 0;
            k->tap_x = ev->x;
            k->tap_y = ev->y;
            if (w && w->id == id)
                activate(k, id, now);
        }
        k->repeat_at = 0;
        k->dragging = false;
        k->scroll_drag = -1;
        k->in.pressed = 0;
        k->dirty = true;
        break;
    }
    case UI_EV_TEXT:
        k->last_input = now;
        if (k->screen == SCR_STAFF_MODE)
            staff_result(k, staff_text(k->staff, ev->text, now), now);
        else
            on_text(k, ev->text, now);
        break;
    case UI_EV_KEY:
        k->last_input = now;
        on_key(k, ev, now);
        break;
    case UI_EV_QUIT:
        if (k->env.windowed)
            k->quit = true;
        break;
    }
}

/* ---- timers ---- */

/* When Done (or Already) goes back to Welcome: DONE_MS after it opened, but
 * a guest whose badge is still printing waits to learn how it went. */
static int64_t done_until(const Kiosk *k)
{
    int64_t t = k->screen_at + DONE_MS;
    if (k->screen != SCR_DONE || k->badge == KIOSK_BADGE_NONE)
        return t;
    if (k->badge == KIOSK_BADGE_PRINTING)
        return k->screen_at + BADGE_WAIT_MS;
    return k->badge_at + BADGE_SHOW_MS > t ? k->badge_at + BADGE_SHOW_MS : t;
}

static bool has_visitor_state(const Kiosk *k)
{
    return k->screen != SCR_WELCOME || k->lang != k->default_lang || k->contrast;
}

static int64_t idle_ms(const Kiosk *k)
{
    int s = k->env.cfg->idle_timeout_s > 0 ? k->env.cfg->idle_timeout_s : 60;
    return (int64_t)s * 1000;
}

void kiosk_tick(Kiosk *k, int64_t now)
{
    if (k->hold_at && k->pointer_down && now - k->hold_at >= STAFF_HOLD_MS) {
        /* The finger is still down: go() forgets the press, so lifting it
         * taps nothing on the PIN pad. */
        k->hold_at = 0;
        /* A checked-in guest leaving Interests gets their badge, as when
         * they walk away and the idle timeout ends the visit. */
        if (k->screen == SCR_INTERESTS)
            print_badge(k);
        forget_guest(k);
        go(k, SCR_STAFF_MODE, now);
        staff_open(k->staff, now);
    }
    if (k->screen == SCR_STAFF_MODE && staff_tick(k->staff, now))
        k->dirty = true;
    /* A held backspace key: still pressed (not dragged off) and due. */
    while (k->repeat_at && k->pointer_down && WBASE(k->in.pressed) == W_KEY &&
           now >= k->repeat_at) {
        edit_key(k, UI_KEY_BACKSPACE);
        k->repeated = true;
        k->repeat_at += REPEAT_EVERY_MS;
        k->last_input = now;
    }
    for (int i = 0; i < SC_COUNT; i++)
        if (ui_scroll_moving(&k->sc[i])) {
            ui_scroll_tick(&k->sc[i], now);
            k->dirty = true;
        }
    if (k->badge != k->badge_seen) {
        k->badge_seen = k->badge;
        k->badge_at = now;
    }
    if ((k->screen == SCR_DONE || k->screen == SCR_ALREADY) && now >= done_until(k))
        reset_to_welcome(k, now);
    else if (k->screen == SCR_STAFF && now - k->screen_at >= STAFF_MS)
        reset_to_welcome(k, now);
    if (k->notice >= 0 && now >= k->notice_until) {
        k->notice = -1;
        k->dirty = true;
    }
    if (!k->pointer_down && has_visitor_state(k) && now - k->last_input >= idle_ms(k))
        reset_to_welcome(k, now);
}

int64_t kiosk_next_wake(const Kiosk *k, int64_t now)
{
    int64_t t = INT64_MAX;
#define AT(x)                                                                                      \
    do {                                                                                           \
        int64_t x_ = (x);                                                                          \
        if (x_ < t)                                                                                \
            t = x_;                                                                                \
    } while (0)
    for (int i = 0; i < SC_COUNT; i++)
        if (ui_scroll_moving(&k->sc[i]))
            AT(now + FRAME_MS);
    if (k->repeat_at && k->pointer_down)
        AT(k->repeat_at);
    if (k->hold_at && k->pointer_down)
        AT(k->hold_at + STAFF_HOLD_MS);
    if (k->screen == SCR_STAFF_MODE)
        AT(staff_next_wake(k->staff, now));
    if (k->screen == SCR_DONE || k->screen == SCR_ALREADY)
        AT(k->badge != k->badge_seen ? now : done_until(k));
    if (k->screen == SCR_STAFF)
        AT(k->screen_at + STAFF_MS);
    if (k->notice >= 0)
        AT(k->notice_until);
    /* A finger resting on the screen holds off the idle reset (kiosk_tick
     * waits for it to lift), so there is no deadline to wake for meanwhile. */
    if (has_visitor_state(k) && !k->pointer_down)
        AT(k->last_input + idle_ms(k));
#undef AT
    return t;
}

/* ---- layout ---- */

typedef struct Ctx {
    Kiosk *k;
    UiView *v;
    const UiTheme *t;
    int w, h;
} Ctx;

static int button_w(Ctx *c, const char *label, int px, int min_w)
{
    int w = ui_text_width(c->v, label, px, UI_BOLD) + 2 * ui_sc(c->t, 28);
    return w < min_w ? min_w : w;
}

/* Back button, centred title and an optional primary button on the right (the
 * walk-in form's Next, always in view above the keyboard); returns the y below
 * the bar. */
static int top_bar(Ctx *c, const char *title, bool back, uint32_t right_id, const char *right)
{
    const UiTheme *t = c->t;
    int bh = t->target;
    int y = t->pad;
    int left = t->pad, rightw = t->pad;
    if (back) {
        int bw = button_w(c, tr(c->k, S_BACK), t->px_button, ui_sc(t, 120));
        ui_button(c->v, t, &c->k->in, WID(W_BACK, 0), ui_rect(t->pad, y, bw, bh), tr(c->k, S_BACK),
                  UI_BTN_SECONDARY, t->px_button);
        left = t->pad + bw + t->gap;
    }
    if (right) {
        int bw = button_w(c, right, t->px_button, ui_sc(t, 140));
        ui_button(c->v, t, &c->k->in, right_id, ui_rect(c->w - t->pad - bw, y, bw, bh), right,
                  UI_BTN_PRIMARY, t->px_button);
        rightw = t->pad + bw + t->gap;
    }
    if (title) {
        /* Centred on the window, but never under the buttons; on its own line
         * below them when the window is too narrow (portrait). */
        int side = left > rightw ? left : rightw;
        int tw = c->w - 2 * side;
        int tx = side;
        if (tw < ui_sc(t, 100)) {
            tw = c->w - left - rightw;
            tx = left;
        }
        if (ui_text_width(c->v, title, t->px_body, UI_BOLD) > tw) {
            y += bh + t->gap;
            int th = ui_text_height(c->v, t->px_title, UI_BOLD);
            ui_text_in(c->v, ui_rect(t->pad, y, c->w - 2 * t->pad, th), title, t->px_title,
                       t->px_small, UI_BOLD, t->text, UI_CENTER);
            return y + th + t->gap;
        }
        ui_text_in(c->v, ui_rect(tx, y, tw, bh), title, t->px_title, t->px_small, UI_BOLD, t->text,
                   UI_CENTER);
    }
    return y + bh + t->gap;
}

static void notice_toast(Ctx *c)
{
    const Kiosk *k = c->k;
    if (k->notice < 0)
        return;
    const UiTheme *t = c->t;
    const char *msg = tr(k, (UiStr)k->notice);
    int tw = ui_text_width(c->v, msg, t->px_body, UI_BOLD) + 2 * t->pad;
    if (tw > c->w - 2 * t->pad)
        tw = c->w - 2 * t->pad;
    /* Below the top bar, so it never hides a button there. */
    UiRect r = ui_rect((c->w - tw) / 2, t->pad + t->target + t->gap, tw, t->target);
    ui_draw_rect(c->v, r, t->contrast ? t->accent : ui_rgb(0x30, 0x33, 0x3A), t->radius);
    ui_text_in(c->v, ui_rect_inset(r, ui_sc(t, 8)), msg, t->px_body, t->px_small, UI_BOLD,
               t->contrast ? ui_rgb(0, 0, 0) : ui_rgb(255, 255, 255), UI_CENTER);
}

static void layout_welcome(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    const EventConfig *cfg = k->env.cfg;

    /* Top right: language and larger text. The top-left corner stays empty: it is
     * the staff gesture's. */
    int bh = t->target;
    const char *lang = tr(k, S_OTHER_LANGUAGE);
    int lw = button_w(c, lang, t->px_body, ui_sc(t, 120));
    UiRect lr = ui_rect(c->w - t->pad - lw, t->pad, lw, bh);
    ui_button(v, t, &k->in, WID(W_LANG, 0), lr, lang, UI_BTN_SECONDARY, t->px_body);
    const char *big = tr(k, S_CONTRAST);
    int cw_ = button_w(c, big, t->px_body, ui_sc(t, 120)) + bh / 2;
    UiRect cr = ui_rect(lr.x - t->gap - cw_, t->pad, cw_, bh);
    ui_button(v, t, &k->in, WID(W_CONTRAST, 0), cr, big,
              k->contrast ? UI_BTN_PRIMARY : UI_BTN_SECONDARY, t->px_body);

    bool portrait = c->h > c->w;
    int colw = c->w - 2 * t->pad;
    if (colw > ui_sc(t, 700))
        colw = ui_sc(t, 700);
    int x0 = (c->w - colw) / 2;

    /* Measure the column first so it can be centred vertically. */
    int logo_h = 0;
    if (k->env.logo_image >= 0 && k->env.logo_w > 0 && k->env.logo_h > 0)
        logo_h = ui_sc(t, portrait ? 140 : 84);
    int title_px = ui_text_fit(v, cfg->name, UI_BOLD, t->px_title, t->px_huge, colw);
    bool title_two = ui_text_width(v, cfg->name, title_px, UI_BOLD) > colw;
    int title_lh = ui_text_height(v, title_px, UI_BOLD);
    int title_h = title_two ? 2 * title_lh : title_lh;
    char sub[CONFIG_STR * 2 + 8] = "";
    if (cfg->date[0] && cfg->venue[0])
        snprintf(sub, sizeof sub, "%s · %s", cfg->date, cfg->venue);
    else
        snprintf(sub, sizeof sub, "%s%s", cfg->date, cfg->venue);
    int sub_h = sub[0] ? ui_text_height(v, t->px_body, UI_REGULAR) : 0;
    int hint_h = ui_text_height(v, t->px_body, UI_REGULAR);
    int big_h = bh * 13 / 10;
    int row_h = portrait ? 2 * bh + t->gap : bh;
    int g = ui_sc(t, portrait ? 28 : 14);
    int top = t->pad + bh + t->gap;
    int avail = c->h - t->pad - top;
#define WELCOME_TOTAL                                                                              \
    ((logo_h ? logo_h + g : 0) + title_h + (sub_h ? sub_h + t->gap : 0) + g + hint_h + g + big_h + \
     t->gap * 2 + row_h)
    /* Too tall (a logo on a small panel): tighten the gaps, then shrink the
     * logo, then leave it out. The buttons always stay whole. */
    if (WELCOME_TOTAL > avail)
        g = ui_sc(t, 6);
    if (WELCOME_TOTAL > avail && logo_h) {
        logo_h -= WELCOME_TOTAL - avail;
        if (logo_h < ui_sc(t, 32))
            logo_h = 0;
    }
    int total = WELCOME_TOTAL;
#undef WELCOME_TOTAL
    int y = top + (avail - total) / 2;
    if (y < top)
        y = top;

    if (logo_h) {
        int lw2 = k->env.logo_w * logo_h / k->env.logo_h;
        if (lw2 > colw) {
            lw2 = colw;
        }
        int lh2 = k->env.logo_h * lw2 / k->env.logo_w;
        ui_draw_image(v, ui_rect((c->w - lw2) / 2, y + (logo_h - lh2) / 2, lw2, lh2),
                      k->env.logo_image);
        y += logo_h + g;
    }
    UiColor head = t->contrast ? t->text : t->primary;
    if (title_two)
        ui_text_wrap(v, ui_rect(x0, y, colw, title_h), cfg->name, title_px, UI_BOLD, head, 2,
                     UI_CENTER);
    else
        ui_text_in(v, ui_rect(x0, y, colw, title_h), cfg->name, title_px, title_px, UI_BOLD, head,
                   UI_CENTER);
    y += title_h;
    if (sub_h) {
        y += t->gap;
        ui_text_in(v, ui_rect(x0, y, colw, sub_h), sub, t->px_body, t->px_small, UI_REGULAR,
                   t->muted, UI_CENTER);
        y += sub_h;
    }
    y += g;
    /* A notice (an unknown scanned code) takes the hint's place. */
    if (k->notice >= 0)
        ui_text_in(v, ui_rect(x0, y, colw, hint_h), tr(k, (UiStr)k->notice), t->px_body,
                   t->px_small, UI_BOLD, t->error, UI_CENTER);
    else
        ui_text_in(v, ui_rect(x0, y, colw, hint_h), tr(k, S_WELCOME_HINT), t->px_body, t->px_small,
                   UI_REGULAR, t->text, UI_CENTER);
    y += hint_h + g;

    int bigw = colw * (portrait ? 10 : 7) / 10;
    ui_button(v, t, &k->in, WID(W_CHECKIN, 0), ui_rect((c->w - bigw) / 2, y, bigw, big_h),
              tr(k, S_CHECK_IN), UI_BTN_PRIMARY, t->px_title);
    y += big_h + t->gap * 2;
    if (portrait) {
        ui_button(v, t, &k->in, WID(W_NEWHERE, 0), ui_rect((c->w - bigw) / 2, y, bigw, bh),
                  tr(k, S_NEW_HERE), UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, &k->in, WID(W_EXPLORE, 0),
                  ui_rect((c->w - bigw) / 2, y + bh + t->gap, bigw, bh), tr(k, S_EXPLORE),
                  UI_BTN_SECONDARY, t->px_button);
    } else {
        int hw = (bigw - t->gap) / 2;
        int bx = (c->w - bigw) / 2;
        ui_button(v, t, &k->in, WID(W_NEWHERE, 0), ui_rect(bx, y, hw, bh), tr(k, S_NEW_HERE),
                  UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, &k->in, WID(W_EXPLORE, 0), ui_rect(bx + hw + t->gap, y, hw, bh),
                  tr(k, S_EXPLORE), UI_BTN_SECONDARY, t->px_button);
    }
}

/* The keyboard at the bottom when shown (tapping a field shows it again).
 * Returns its top. */
static int keyboard_area(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    if (!k->kb.visible)
        return c->h;
    int kh = ui_keyboard_height(t, c->w, c->h);
    ui_keyboard_layout(c->v, t, &k->in, &k->kb, ui_rect(0, c->h - kh, c->w, kh), WID(W_KEY, 0),
                       k->lang);
    return c->h - kh;
}

static void layout_find(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    int bh = t->target;
    int bw = button_w(c, tr(k, S_BACK), t->px_button, ui_sc(t, 120));
    ui_button(v, t, &k->in, WID(W_BACK, 0), ui_rect(t->pad, t->pad, bw, bh), tr(k, S_BACK),
              UI_BTN_SECONDARY, t->px_button);
    /* The search field sits beside Back, so results get the room. */
    int fx = t->pad + bw + t->gap;
    UiFieldSpec fs = {
        NULL, k->f[F_SEARCH].text, k->f[F_SEARCH].caret, tr(k, S_FIND_PLACEHOLDER), NULL, NULL};
    k->field_box[F_SEARCH] =
        ui_field(v, t, &k->in, WID(W_FIELD, F_SEARCH), ui_rect(fx, t->pad, c->w - fx - t->pad, bh),
                 &fs, &k->field_text_x[F_SEARCH]);
    int y = t->pad + bh + t->gap * 2;
    int bottom = keyboard_area(c) - t->gap;
    int area_w = c->w - 2 * t->pad;

    if (text_codepoints(k->f[F_SEARCH].text) < SEARCH_MIN_QUERY) {
        ui_text_in(v, ui_rect(t->pad, y, area_w, bh), tr(k, S_FIND_MORE), t->px_body, t->px_small,
                   UI_REGULAR, t->muted, UI_CENTER);
        return;
    }
    if (k->nresults == 0) {
        int lh = ui_text_height(v, t->px_body, UI_REGULAR);
        int used = ui_text_wrap(v, ui_rect(t->pad, y, area_w, 2 * lh), tr(k, S_FIND_NONE),
                                t->px_body, UI_REGULAR, t->text, 2, UI_CENTER);
        const char *nl = tr(k, S_NEW_HERE);
        int nw = button_w(c, nl, t->px_button, ui_sc(t, 220));
        if (y + used + t->gap + bh <= bottom)
            ui_button(v, t, &k->in, WID(W_NEWHERE, 0),
                      ui_rect((c->w - nw) / 2, y + used + t->gap, nw, bh), nl, UI_BTN_PRIMARY,
                      t->px_button);
        return;
    }
    int rowh = t->target;
    int rows_fit = (bottom - y + t->gap) / (rowh + t->gap);
    if (rows_fit < 1)
        rows_fit = 1;
    /* Two columns in landscape when every row shown reads whole in half the
     * width; one full-width column when a long company would be cut. */
    int cols = c->w > c->h ? 2 : 1, colw;
    size_t show, cells;
    bool more;
    const char *labels[SEARCH_MAX_RESULTS];
    for (;; cols--) {
        size_t slots = (size_t)(rows_fit * cols);
        show = k->nresults;
        /* More matches than room above the keyboard: the last slot offers the
         * rest (it hides the keyboard). */
        more = show > slots && slots >= 2;
        if (show > slots)
            show = more ? slots - 1 : slots;
        cells = show + more;
        colw = (area_w - (cols - 1) * t->gap) / cols;
        for (size_t i = 0; i < show; i++)
            labels[i] = k->results[i].label;
        if (cols == 1 || ui_rows_fit(v, t, colw, labels, show))
            break;
    }
    /* Fill the first column before the second, so results read top to bottom
     * in the search's order, as in one column. */
    int rows = (int)((cells + (size_t)cols - 1) / (size_t)cols);
    int px = ui_row_px(v, t, colw, labels, show);
    for (size_t i = 0; i < cells; i++) {
        int col = (int)i / rows, row = (int)i % rows;
        UiRect r = ui_rect(t->pad + col * (colw + t->gap), y + row * (rowh + t->gap), colw, rowh);
        if (i < show) {
            ui_row(v, t, &k->in, WID(W_RESULT, i), r, k->results[i].label, px);
        } else {
            char label[120];
            snprintf(label, sizeof label, tr(k, S_FIND_SHOW_MORE), k->nresults - show);
            ui_button(v, t, &k->in, WID(W_MORE, 0), r, label, UI_BTN_QUIET, t->px_button);
        }
    }
}

static void layout_confirm(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    bool portrait = c->h > c->w;
    int colw = c->w - 2 * t->pad;
    int title_h = ui_text_height(v, t->px_title, UI_BOLD);
    int name_h = ui_text_height(v, t->px_huge, UI_BOLD);
    int bh = t->target * 12 / 10;
    int rows_h = portrait ? 2 * bh + t->gap : bh;
    int g = ui_sc(t, 30);
    int total = title_h + g + name_h + g * 2 + rows_h;
    int y = (c->h - total) / 2;
    ui_text_in(v, ui_rect(t->pad, y, colw, title_h), tr(k, S_CONFIRM_TITLE), t->px_title,
               t->px_body, UI_BOLD, t->text, UI_CENTER);
    y += title_h + g;
    UiRect card = ui_rect(t->pad * 2, y - g / 2, c->w - 4 * t->pad, name_h + g);
    ui_draw_rect(v, card, t->surface, t->radius);
    ui_draw_frame(v, card, t->border, t->radius, t->border_w);
    ui_text_in(v, ui_rect(card.x + t->pad, y, card.w - 2 * t->pad, name_h), k->chosen_label,
               t->px_huge, t->px_body, UI_BOLD, t->contrast ? t->text : t->primary, UI_CENTER);
    y += name_h + g * 2;
    int bw = portrait ? colw : (colw - t->gap) / 2;
    if (bw > ui_sc(t, 340))
        bw = ui_sc(t, 340);
    if (portrait) {
        int x = (c->w - bw) / 2;
        ui_button(v, t, &k->in, WID(W_YES, 0), ui_rect(x, y, bw, bh), tr(k, S_YES), UI_BTN_PRIMARY,
                  t->px_button);
        ui_button(v, t, &k->in, WID(W_NO, 0), ui_rect(x, y + bh + t->gap, bw, bh), tr(k, S_NO),
                  UI_BTN_SECONDARY, t->px_button);
    } else {
        int x = (c->w - 2 * bw - t->gap * 2) / 2;
        ui_button(v, t, &k->in, WID(W_NO, 0), ui_rect(x, y, bw, bh), tr(k, S_NO), UI_BTN_SECONDARY,
                  t->px_button);
        ui_button(v, t, &k->in, WID(W_YES, 0), ui_rect(x + bw + 2 * t->gap, y, bw, bh),
                  tr(k, S_YES), UI_BTN_PRIMARY, t->px_button);
    }
}

static void layout_walkin(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    static const UiStr CAPTIONS[WALKIN_FIELDS] = {S_FIRST, S_LAST,  S_COMPANY,
                                                  S_JOB,   S_EMAIL, S_PHONE};
    int y0 = top_bar(c, tr(k, S_WALKIN_TITLE), true, WID(W_NEXT, 0), tr(k, S_NEXT));
    int bottom = keyboard_area(c);
    UiRect area = ui_rect(0, y0, c->w, bottom - y0);

    int cols = c->w > c->h && c->w >= ui_sc(t, 600) ? 2 : 1;
    int cw = (c->w - 2 * t->pad - (cols - 1) * t->pad) / cols;
    int fh = ui_field_height(t, true);
    int rowh = fh + t->gap;
    int rows = (WALKIN_FIELDS + cols - 1) / cols;
    int consent_y = rows * rowh;
    int bh = t->target;
    int content_h = consent_y + bh + t->pad;

    /* Keep the focused field in view above the keyboard. */
    UiScroll *sc = &k->sc[SC_WALKIN];
    sc->view_h = area.h;
    sc->content_h = content_h;
    if (k->reveal_focus) {
        int fi = focused_field(k);
        if (fi >= 0 && fi < WALKIN_FIELDS)
            ui_scroll_reveal(sc, (fi / cols) * rowh, fh);
        k->reveal_focus = false;
    }
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, sc, WID(W_SCROLL, SC_WALKIN), area);
    for (int i = 0; i < WALKIN_FIELDS; i++) {
        int col = i % cols, row = i / cols;
        UiRect r = ui_rect(t->pad + col * (cw + t->pad), top + row * rowh, cw, fh);
        bool optional = i != F_FIRST && i != F_LAST;
        UiFieldSpec fs = {tr(k, CAPTIONS[i]),
                          k->f[i].text,
                          k->f[i].caret,
                          NULL,
                          k->ferr[i] >= 0 ? tr(k, (UiStr)k->ferr[i]) : NULL,
                          optional ? tr(k, S_OPTIONAL) : NULL};
        k->field_box[i] = ui_field(v, t, &k->in, WID(W_FIELD, i), r, &fs, &k->field_text_x[i]);
    }
    ui_checkbox(v, t, &k->in, WID(W_CONSENT, 0),
                ui_rect(t->pad, top + consent_y, c->w - 2 * t->pad, bh), tr(k, S_CONSENT),
                k->consent);
    ui_scroll_end(v, sc, content_h, saved);
    ui_scroll_bar(v, t, sc, area);
}

static int heading(Ctx *c, int x, int y, int w, const char *text)
{
    int h = ui_text_height(c->v, c->t->px_body, UI_BOLD) + c->t->gap;
    ui_text_in(c->v, ui_rect(x, y, w, h), text, c->t->px_body, c->t->px_small, UI_BOLD, c->t->muted,
               UI_LEFT);
    return h;
}

/* A grid of tiles: columns, tile size and the one text size of its labels. */
typedef struct TileGrid {
    int cols, rows, tw, th, px;
} TileGrid;

/* Tiles at least min_tile_w (design px) wide in w, 1..max_cols columns, at
 * least min_h tall and tall enough for their labels on two lines. */
static TileGrid tile_grid(Ctx *c, int w, int min_tile_w, int max_cols, const char *const *labels,
                          size_t n, bool sub, int min_h)
{
    const UiTheme *t = c->t;
    TileGrid g;
    g.cols = w / ui_sc(t, min_tile_w);
    g.cols = g.cols < 1 ? 1 : g.cols > max_cols ? max_cols : g.cols;
    int lines = 2;
    /* Fewer, wider tiles while a label would be cut. */
    for (;; g.cols--) {
        g.tw = (w - (g.cols - 1) * t->gap) / g.cols;
        g.px = labels ? ui_tile_px(c->v, t, g.tw, labels, n, &lines) : t->px_small;
        if (g.cols == 1 || !labels || ui_tiles_fit(c->v, t, g.tw, labels, n, g.px))
            break;
    }
    g.th = ui_tile_height(c->v, t, g.px, lines, sub);
    if (g.th < min_h)
        g.th = min_h;
    g.rows = (int)((n + (size_t)g.cols - 1) / (size_t)g.cols);
    return g;
}

static int tile_grid_h(const TileGrid *g, const UiTheme *t)
{
    return g->rows * (g->th + t->gap);
}

static void programs_grid(Ctx *c, const TileGrid *g, int x, int y)
{
    Kiosk *k = c->k;
    for (size_t i = 0; i < k->programs.count; i++) {
        int col = (int)(i % (size_t)g->cols), row = (int)(i / (size_t)g->cols);
        UiRect r =
            ui_rect(x + col * (g->tw + c->t->gap), y + row * (g->th + c->t->gap), g->tw, g->th);
        const Program *p = &k->programs.items[i];
        ui_tile(c->v, c->t, &k->in, WID(W_PROGRAM, i), r, p->name, p->school, k->picked[i], g->px);
    }
}

static void kinds_grid(Ctx *c, const TileGrid *g, const char *const *kinds, size_t nk, int x, int y)
{
    for (size_t i = 0; i < nk; i++) {
        int col = (int)(i % (size_t)g->cols), row = (int)(i / (size_t)g->cols);
        UiRect r =
            ui_rect(x + col * (g->tw + c->t->gap), y + row * (g->th + c->t->gap), g->tw, g->th);
        ui_tile(c->v, c->t, &c->k->in, WID(W_KIND, i), r, kinds[i], NULL, c->k->kinds[i], g->px);
    }
}

/* Height of the "More below" cue under a scroll area whose content is taller. */
static int more_cue_h(Ctx *c)
{
    return ui_text_height(c->v, c->t->px_small, UI_BOLD) + ui_sc(c->t, 8);
}

/* The cue in r, while the area above it is not scrolled to its end: the guest
 * sees there is more to pick before Continue. */
static void more_cue(Ctx *c, const UiScroll *sc, UiRect r)
{
    const UiTheme *t = c->t;
    if (sc->offset >= (float)(sc->content_h - sc->view_h) - 1)
        return;
    const char *s = tr(c->k, S_MORE_BELOW);
    int d = ui_sc(t, 5);
    int tw = ui_text_width(c->v, s, t->px_small, UI_BOLD);
    int x = r.x + (r.w - tw - 3 * d) / 2, cy = r.y + r.h / 2;
    UiColor col = t->contrast ? t->text : t->primary;
    ui_text_in(c->v, ui_rect(x, r.y, tw, r.h), s, t->px_small, t->px_small, UI_BOLD, col, UI_LEFT);
    /* A chevron pointing down. */
    int ax = x + tw + 2 * d;
    ui_draw_line(c->v, ax - d, cy - d / 2, ax, cy + d / 2, col, ui_sc(t, 2) + 1);
    ui_draw_line(c->v, ax, cy + d / 2, ax + d, cy - d / 2, col, ui_sc(t, 2) + 1);
}

/* Interests: the guest's name in the title; programs and partnership kinds side
 * by side in landscape (kinds whole, programs scrolling when many), one
 * scrolling column otherwise; the consent box beside (or above) Continue, so
 * it is always in view; a "More below" cue whenever something is out of view. */
static void layout_interests(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    int aw = c->w - 2 * t->pad;

    char title[600];
    if (k->guest_first[0])
        snprintf(title, sizeof title, tr(k, S_INTERESTS_TITLE_FMT), k->guest_first);
    else
        snprintf(title, sizeof title, "%s", tr(k, S_INTERESTS_TITLE));
    /* No buttons up here: the title takes only its own line. */
    int title_h = ui_text_height(v, t->px_title, UI_BOLD);
    ui_text_in(v, ui_rect(t->pad, t->pad, aw, title_h), title, t->px_title, t->px_body, UI_BOLD,
               t->text, UI_CENTER);
    int y0 = t->pad + title_h + t->gap;

    /* Continue at the bottom right; the consent box left of it, or on its own
     * line above it when it would be cut there. Both are drawn last, so Tab
     * reaches them after the tiles. */
    int bh = t->target;
    int bar_y = c->h - t->pad - bh;
    const char *cont = tr(k, S_CONTINUE);
    int cwid = button_w(c, cont, t->px_button, ui_sc(t, 220));
    int bottom = bar_y - t->gap;
    const char *cs = tr(k, S_CONSENT);
    UiRect cr = ui_rect(t->pad, bar_y, aw - cwid - t->gap, bh);
    if (k->ask_consent &&
        ui_text_width(v, cs, t->px_body, UI_REGULAR) + ui_sc(t, 8 + 34 + 12 + 8) > cr.w) {
        cr = ui_rect(t->pad, bar_y - t->gap - bh, aw, bh);
        bottom = cr.y - t->gap;
    }

    size_t nk = PARTNERSHIP_KIND_COUNT < 16 ? PARTNERSHIP_KIND_COUNT : 16;
    const char *kinds[16];
    for (size_t i = 0; i < nk; i++)
        kinds[i] = ui_tr_kind(k->lang, PARTNERSHIP_KINDS[i].key);
    size_t np = k->programs.count;
    const char **names = np ? calloc(np, sizeof *names) : NULL;
    for (size_t i = 0; names && i < np; i++)
        names[i] = k->programs.items[i].name;
    int head_h = ui_text_height(v, t->px_body, UI_BOLD) + t->gap;
    UiScroll *sc = &k->sc[SC_INTERESTS];
    UiRect saved = v->clip;
    int area_h = bottom - y0;

    /* Landscape: kinds on the right, whole; programs on the left. */
    bool landscape = c->w > c->h && np > 0;
    int lw = (aw - 2 * t->gap) * 55 / 100, rw = aw - 2 * t->gap - lw;
    TileGrid kg = tile_grid(c, rw, 150, 2, kinds, nk, false, t->target);
    /* Smaller text before giving up on showing them all (down to px_small). */
    while (head_h + tile_grid_h(&kg, t) - t->gap > area_h && kg.px > t->px_small) {
        kg.px--;
        kg.th = ui_tile_height(v, t, kg.px, 2, false);
    }
    if (landscape && head_h + tile_grid_h(&kg, t) - t->gap <= area_h) {
        TileGrid pg = tile_grid(c, lw, 190, 3, names, np, true, t->target);
        int content_h = head_h + tile_grid_h(&pg, t);
        UiRect area = ui_rect(0, y0, t->pad + lw + t->gap, area_h);
        if (content_h > area_h)
            area.h -= more_cue_h(c);
        int top = ui_scroll_begin(v, sc, WID(W_SCROLL, SC_INTERESTS), area);
        heading(c, t->pad, top, lw, tr(k, S_INTERESTS_PROGRAMS));
        programs_grid(c, &pg, t->pad, top + head_h);
        ui_scroll_end(v, sc, content_h, saved);
        ui_scroll_bar(v, t, sc, area);
        if (content_h > area_h)
            more_cue(c, sc, ui_rect(t->pad, area.y + area.h, lw, more_cue_h(c)));
        int rx = t->pad + lw + 2 * t->gap;
        heading(c, rx, y0, rw, tr(k, S_INTERESTS_KINDS));
        kinds_grid(c, &kg, kinds, nk, rx, y0 + head_h);
    } else {
        /* One column: programs, then kinds. */
        TileGrid pg = tile_grid(c, aw, 220, 4, names, np, true, ui_sc(t, 76));
        kg = tile_grid(c, aw, 180, 4, kinds, nk, false, ui_sc(t, 64));
        int content_h = (np ? head_h + tile_grid_h(&pg, t) + t->gap : 0) + head_h +
                        tile_grid_h(&kg, t) - t->gap;
        UiRect area = ui_rect(0, y0, c->w, area_h);
        if (content_h > area_h)
            area.h -= more_cue_h(c);
        int top = ui_scroll_begin(v, sc, WID(W_SCROLL, SC_INTERESTS), area);
        int y = top;
        if (np) {
            y += heading(c, t->pad, y, aw, tr(k, S_INTERESTS_PROGRAMS));
            programs_grid(c, &pg, t->pad, y);
            y += tile_grid_h(&pg, t) + t->gap;
        }
        y += heading(c, t->pad, y, aw, tr(k, S_INTERESTS_KINDS));
        kinds_grid(c, &kg, kinds, nk, t->pad, y);
        ui_scroll_end(v, sc, content_h, saved);
        ui_scroll_bar(v, t, sc, area);
        if (content_h > area_h)
            more_cue(c, sc, ui_rect(0, area.y + area.h, c->w, more_cue_h(c)));
    }
    free(names);
    if (k->ask_consent)
        ui_checkbox(v, t, &k->in, WID(W_CONSENT, 0), cr, cs, k->consent);
    ui_button(v, t, &k->in, WID(W_CONTINUE, 0), ui_rect(c->w - t->pad - cwid, bar_y, cwid, bh),
              cont, UI_BTN_PRIMARY, t->px_button);
}

/* Done and Already checked in: a big line, a smaller one, the badge's printing
 * status (or NULL) and a button. */
static void layout_message(Ctx *c, const char *big, const char *small, const char *status,
                           UiColor status_colour, const char *button, UiColor mark)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    int colw = c->w - 4 * t->pad;
    int big_px = ui_text_fit(v, big, UI_BOLD, t->px_title, t->px_huge * 12 / 10, colw);
    int big_h = ui_text_height(v, big_px, UI_BOLD);
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int dot = ui_sc(t, 72);
    int g = ui_sc(t, 24);
    int bh = t->target;
    int sh = status ? ui_text_height(v, t->px_body, UI_BOLD) + g : 0;
    int lines = ui_text_width(v, small, t->px_body, UI_REGULAR) > colw ? 2 : 1;
    int total = dot + g + big_h + g + lines * lh + sh + g + bh;
    int y = (c->h - total) / 2;
    UiRect d = ui_rect((c->w - dot) / 2, y, dot, dot);
    ui_draw_rect(v, d, mark, dot / 2);
    ui_draw_line(v, d.x + dot * 28 / 100, d.y + dot * 52 / 100, d.x + dot * 44 / 100,
                 d.y + dot * 68 / 100, ui_rgb(255, 255, 255), ui_sc(t, 6));
    ui_draw_line(v, d.x + dot * 44 / 100, d.y + dot * 68 / 100, d.x + dot * 74 / 100,
                 d.y + dot * 34 / 100, ui_rgb(255, 255, 255), ui_sc(t, 6));
    y += dot + g;
    ui_text_in(v, ui_rect(2 * t->pad, y, colw, big_h), big, big_px, t->px_body, UI_BOLD, t->text,
               UI_CENTER);
    y += big_h + g;
    ui_text_wrap(v, ui_rect(2 * t->pad, y, colw, lines * lh), small, t->px_body, UI_REGULAR,
                 t->muted, lines, UI_CENTER);
    y += lines * lh;
    if (status) {
        y += g;
        ui_text_in(v, ui_rect(2 * t->pad, y, colw, sh - g), status, t->px_body, t->px_small,
                   UI_BOLD, status_colour, UI_CENTER);
        y += sh - g;
    }
    y += g;
    int bw = button_w(c, button, t->px_button, ui_sc(t, 200));
    /* Done also offers Explore programs: the guest stays in the visit, so a
     * program's page can mark them interested. */
    const char *more = k->screen == SCR_DONE && k->programs.count ? tr(k, S_EXPLORE) : NULL;
    int mw = more ? button_w(c, more, t->px_button, ui_sc(t, 200)) : 0;
    int x = (c->w - bw - (more ? mw + t->gap : 0)) / 2;
    if (more) {
        ui_button(v, t, &k->in, WID(W_EXPLORE, 0), ui_rect(x, y, mw, bh), more, UI_BTN_SECONDARY,
                  t->px_button);
        x += mw + t->gap;
    }
    ui_button(v, t, &k->in, WID(W_OK, 0), ui_rect(x, y, bw, bh), button, UI_BTN_PRIMARY,
              t->px_button);
}

static void layout_staff(Ctx *c)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    Kiosk *k = c->k;
    const char *big = tr(k, S_STAFF_TITLE);
    int colw = c->w - 4 * t->pad;
    int big_px = ui_text_fit(v, big, UI_BOLD, t->px_body, t->px_huge, colw);
    int big_h = ui_text_height(v, big_px, UI_BOLD);
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int dot = ui_sc(t, 72), g = ui_sc(t, 24), bh = t->target;
    int y = (c->h - (dot + g + big_h + g + 2 * lh + g + bh)) / 2;
    UiRect d = ui_rect((c->w - dot) / 2, y, dot, dot);
    ui_draw_rect(v, d, t->contrast ? t->accent : ui_rgb(0xE0, 0x8A, 0x00), dot / 2);
    /* An exclamation mark drawn as a bar and a dot. */
    int bw = ui_sc(t, 8);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 18 / 100, bw, dot * 42 / 100),
                 ui_rgb(255, 255, 255), bw / 2);
    ui_draw_rect(v, ui_rect(d.x + (dot - bw) / 2, d.y + dot * 68 / 100, bw, bw),
                 ui_rgb(255, 255, 255), bw / 2);
    y += dot + g;
    ui_text_in(v, ui_rect(2 * t->pad, y, colw, big_h), big, big_px, t->px_body, UI_BOLD, t->text,
               UI_CENTER);
    y += big_h + g;
    ui_text_wrap(v, ui_rect(2 * t->pad, y, colw, 2 * lh), tr(k, S_STAFF_SUB), t->px_body,
                 UI_REGULAR, t->muted, 2, UI_CENTER);
    y += 2 * lh + g;
    const char *ok = tr(k, S_OK);
    int okw = button_w(c, ok, t->px_button, ui_sc(t, 200));
    ui_button(v, t, &k->in, WID(W_OK, 0), ui_rect((c->w - okw) / 2, y, okw, bh), ok, UI_BTN_PRIMARY,
              t->px_button);
}

/* A program's page: its name in the bar, Back to the list. */
static void layout_program(Ctx *c)
{
    Kiosk *k = c->k;
    if (k->program >= k->programs.count)
        return;
    const Program *p = &k->programs.items[k->program];
    int y0 = top_bar(c, p->name, true, 0, NULL);
    UiProgramPage pg = {p,
                        k->lang,
                        k->guest_id[0] != '\0',
                        k->picked[k->program],
                        WID(W_INTEREST, 0),
                        WID(W_SCROLL, SC_PROGRAM)};
    ui_program_page(c->v, c->t, &k->in, ui_rect(0, y0, c->w, c->h - y0), &k->sc[SC_PROGRAM], &pg);
}

static void layout_programs(Ctx *c)
{
    Kiosk *k = c->k;
    const UiTheme *t = c->t;
    UiView *v = c->v;
    int y0 = top_bar(c, tr(k, S_PROGRAMS_TITLE), true, 0, NULL);
    UiRect area = ui_rect(0, y0, c->w, c->h - y0);
    UiScroll *sc = &k->sc[SC_PROGRAMS];
    UiRect saved = v->clip;
    int top = ui_scroll_begin(v, sc, WID(W_SCROLL, SC_PROGRAMS), area);
    int aw = c->w - 2 * t->pad;
    if (!k->programs.count) {
        ui_text_in(v, ui_rect(t->pad, top, aw, t->target), tr(k, S_PROGRAMS_EMPTY), t->px_body,
                   t->px_small, UI_REGULAR, t->muted, UI_CENTER);
        ui_scroll_end(v, sc, t->target, saved);
        return;
    }
    int cols = aw / ui_sc(t, 360);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    int cw = (aw - (cols - 1) * t->gap) / cols;
    /* One size for every card's name: the largest that fits them all on one
     * line, down to body size; past that, on two lines at one size. */
    int nw = cw - 2 * ui_sc(t, 10) - 2 * t->pad; /* beside the colour stripe */
    int px = t->px_button, lines = 1;
    const char **names = calloc(k->programs.count, sizeof *names);
    if (names) {
        for (size_t i = 0; i < k->programs.count; i++)
            names[i] = k->programs.items[i].name;
        px = ui_text_common_px_lines(v, names, k->programs.count, UI_BOLD, t->px_body, t->px_button,
                                     nw, 1);
        for (size_t i = 0; i < k->programs.count && lines == 1; i++)
            if (ui_text_width(v, names[i], px, UI_BOLD) > nw)
                lines = 2;
        if (lines == 2)
            px = ui_text_common_px_lines(v, names, k->programs.count, UI_BOLD, t->px_body,
                                         t->px_button, nw, 2);
        free(names);
    }
    int ch = ui_program_card_height(v, t, px, lines);
    for (size_t i = 0; i < k->programs.count; i++) {
        int col = (int)(i % (size_t)cols), row = (int)(i / (size_t)cols);
        UiRect r = ui_rect(t->pad + col * (cw + t->gap), top + row * (ch + t->gap), cw, ch);
        if (r.y > area.y + area.h || r.y + r.h < area.y)
            continue; /* off screen: skip the text measuring */
        ui_program_card(v, t, &k->in, WID(W_CARD, i), r, &k->programs.items[i], px, lines);
    }
    int rows = (int)((k->programs.count + (size_t)cols - 1) / (size_t)cols);
    ui_scroll_end(v, sc, rows * (ch + t->gap) + t->pad, saved);
    ui_scroll_bar(v, t, sc, area);
}

const UiView *kiosk_layout(Kiosk *k, int w, int h, int64_t now)
{
    const EventConfig *cfg = k->env.cfg;
    ui_theme_make(&k->theme, w, h, ui_rgb(cfg->primary.r, cfg->primary.g, cfg->primary.b),
                  ui_rgb(cfg->accent.r, cfg->accent.g, cfg->accent.b), k->contrast);
    UiView *v = k->view;
    ui_view_begin(v, w, h, k->env.measure);
    Ctx c = {k, v, &k->theme, w, h};
    ui_draw_rect(v, ui_rect(0, 0, w, h), k->theme.bg, 0);
    char line[600];
    switch (k->screen) {
    case SCR_WELCOME:
        layout_welcome(&c);
        break;
    case SCR_FIND:
        layout_find(&c);
        break;
    case SCR_CONFIRM:
        layout_confirm(&c);
        break;
    case SCR_WALKIN:
        layout_walkin(&c);
        break;
    case SCR_INTERESTS:
        layout_interests(&c);
        break;
    case SCR_DONE: {
        UiColor green = k->contrast ? k->theme.accent : ui_rgb(0x2E, 0x7D, 0x32);
        const char *status = NULL;
        UiColor sc = k->theme.text;
        if (k->badge == KIOSK_BADGE_PRINTING) {
            status = tr(k, S_BADGE_PRINTING);
            sc = k->contrast ? k->theme.text : k->theme.primary;
        } else if (k->badge == KIOSK_BADGE_PRINTED) {
            status = tr(k, S_BADGE_PRINTED);
            sc = green;
        } else if (k->badge == KIOSK_BADGE_FAILED) {
            status = tr(k, S_BADGE_FAILED);
            sc = k->theme.error;
        }
        snprintf(line, sizeof line, tr(k, S_DONE_FMT), k->guest_first);
        layout_message(&c, line, tr(k, S_DONE_SUB), status, sc, tr(k, S_DONE_OK), green);
        break;
    }
    case SCR_ALREADY: {
        char sub[600];
        snprintf(sub, sizeof sub, tr(k, S_ALREADY_SUB_FMT), k->guest_first);
        layout_message(&c, tr(k, S_ALREADY), sub, NULL, k->theme.text, tr(k, S_OK),
                       k->contrast ? k->theme.accent : k->theme.primary);
        break;
    }
    case SCR_STAFF:
        layout_staff(&c);
        break;
    case SCR_PROGRAMS:
        layout_programs(&c);
        break;
    case SCR_PROGRAM:
        layout_program(&c);
        break;
    case SCR_STAFF_MODE:
        staff_layout(k->staff, v, &k->theme, &k->in, k->lang, WID(W_STAFF, 0), now);
        break;
    }
    if (k->screen != SCR_WELCOME)
        notice_toast(&c);
    k->dirty = false;
    return v;
}
