/* ui_staff.c — staff mode: lock-out arithmetic, the PIN pad and the staff
 * screen, and the guest lookup. See ui_staff.h. Sections: lock-out, state,
 * guest lookup, PIN entry, timers, layout. */
#include "ui/ui_staff.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pin.h"
#include "core/search.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "ui/staff_export.h"
#include "ui/ui_keyboard.h"

/* ---- lock-out ---- */

int64_t staff_lock_duration(int failures)
{
    if (failures < STAFF_FREE_TRIES)
        return 0;
    int64_t d = STAFF_LOCK_FIRST_MS;
    for (int i = STAFF_FREE_TRIES; i < failures && d < STAFF_LOCK_MAX_MS; i++)
        d *= 2;
    return d < STAFF_LOCK_MAX_MS ? d : STAFF_LOCK_MAX_MS;
}

StaffLockState staff_lock_state(const StaffLock *l, int64_t now, int64_t *remaining_ms)
{
    int64_t rem = 0;
    StaffLockState st = STAFF_LOCK_OPEN;
    if (now < l->locked_until) {
        st = STAFF_LOCK_LOCKED;
        rem = l->locked_until - now;
    } else if (now < l->next_try) {
        st = STAFF_LOCK_WAIT;
        rem = l->next_try - now;
    }
    if (remaining_ms)
        *remaining_ms = rem;
    return st;
}

void staff_lock_failed(StaffLock *l, int64_t now)
{
    if (l->failures < 1000000)
        l->failures++;
    l->next_try = now + STAFF_THROTTLE_MS;
    int64_t d = staff_lock_duration(l->failures);
    l->locked_until = d ? now + d : 0;
}

void staff_lock_passed(StaffLock *l)
{
    memset(l, 0, sizeof *l);
}

#define KEY_FAILURES "staff.pin.failures"
#define KEY_UNTIL "staff.pin.locked_until"

static StoreStatus get_i64(Store *s, const char *key, int64_t *out)
{
    char *v = NULL;
    StoreStatus st = store_setting_get(s, key, &v);
    *out = 0;
    if (st == STORE_NOT_FOUND)
        return STORE_OK;
    if (st != STORE_OK)
        return st;
    if (v && sscanf(v, "%" SCNd64, out) != 1)
        *out = 0;
    free(v);
    return STORE_OK;
}

StoreStatus staff_lock_load(Store *s, StaffLock *l, int64_t now)
{
    memset(l, 0, sizeof *l);
    int64_t failures = 0, until = 0;
    StoreStatus st = get_i64(s, KEY_FAILURES, &failures);
    if (st == STORE_OK)
        st = get_i64(s, KEY_UNTIL, &until);
    if (st != STORE_OK)
        return st;
    l->failures = failures < 0 ? 0 : failures > 1000000 ? 1000000 : (int)failures;
    l->locked_until = until;
    if (until > now + STAFF_LOCK_MAX_MS)
        l->locked_until = now + staff_lock_duration(l->failures);
    return STORE_OK;
}

StoreStatus staff_lock_save(Store *s, const StaffLock *l)
{
    char v[32];
    snprintf(v, sizeof v, "%d", l->failures);
    StoreStatus st = store_setting_set(s, KEY_FAILURES, v);
    if (st != STORE_OK)
        return st;
    snprintf(v, sizeof v, "%" PRId64, l->locked_until);
    return store_setting_set(s, KEY_UNTIL, v);
}

/* ---- state ---- */

/* Widget indexes under the kiosk's id_base. */
enum {
    SW_DIGIT = 0, /* 0..9 */
    SW_DELETE = 10,
    SW_OK,
    SW_CANCEL,
    SW_BACK,
    SW_EXIT,
    SW_EXPORT,
    SW_FIND,      /* staff screen: Find a guest */
    SW_FIELD,     /* lookup: the search field (shows the keyboard) */
    SW_UNDO,      /* guest: Undo check-in */
    SW_UNDO_YES,  /* guest: the confirmation's Yes, undo */
    SW_UNDO_NO,   /* guest: the confirmation's Cancel */
    SW_REPRINT,   /* guest: Reprint badge */
    SW_SHOW_MORE, /* lookup: hides the keyboard to show more matches */
    SW_TEST,      /* staff screen: Print test badge */
    SW_KEY = 100, /* lookup: on-screen keyboard keys */
    SW_ROW = 300, /* lookup: result rows */
};

typedef enum StaffView { SV_OFF, SV_PIN, SV_HOME, SV_LOOKUP, SV_GUEST } StaffView;

/* A guest as staff see them: every field, and the check-in and badge state. */
typedef struct StaffGuest {
    Guest g;
    bool checked_in;
    int64_t checked_in_at; /* ms UTC, when checked_in */
    bool badge_printed;
} StaffGuest;

/* Matches shown at most: the search's own, plus one found by its code. */
#define MAX_MATCHES (SEARCH_MAX_RESULTS + 1)

/* What the guest detail says after an action. */
typedef enum GuestNote { GN_NONE, GN_UNDONE, GN_REPRINTED, GN_ERROR } GuestNote;

/* What the pad says under the digits. */
typedef enum PadNote {
    PN_NONE,
    PN_WRONG,
    PN_WAIT,
    PN_LOCKED,
    PN_NO_PIN,
    PN_ERROR, /* the lock-out could not be read: no PIN is tried */
} PadNote;

/* The arrivals chart: 15-minute buckets ending now, the newest last; at least
 * an hour shown, at most eight (older arrivals go in the first bar). */
#define BUCKET_MS (15 * 60000)
#define MIN_BUCKETS 4
#define MAX_BUCKETS 32
/* Programs the interest chart can show (the most wanted first). */
#define MAX_CHART_PROGRAMS 64

typedef struct ProgramCount {
    char code[64];
    char name[160];
    size_t n;
} ProgramCount;

/* The staff screen is refreshed this often while shown (printing moves on). */
#define REFRESH_MS 2000

static const char *const IMPORT_FILES[] = {"programs.csv", "guests.csv"};
#define NIMPORT (sizeof IMPORT_FILES / sizeof IMPORT_FILES[0])

/* How the last Export to USB or test badge went, shown until staff mode is
 * left or the other is done. */
typedef enum ExportNote {
    EXN_NONE,
    EXN_DONE,
    EXN_NO_USB,
    EXN_FAILED,
    EXN_TEST_PNG,    /* export_text: the PNG written */
    EXN_TEST_SENT,   /* export_text: the printer; test_job its job */
    EXN_TEST_FAILED, /* export_text: why */
} ExportNote;

struct StaffMode {
    StaffEnv env;
    StaffView view;
    StaffLock lock;
    bool lock_ok; /* the lock-out was read from the store */
    char pin[PIN_MAX_DIGITS + 1];
    size_t len;
    PadNote note;

    /* the staff screen */
    int64_t refreshed_at;
    bool stats_ok;
    StoreStats stats;
    char stats_err[256];
    bool have_printer;
    StaffPrinter printer;
    StaffSyncHooks sync_hooks; /* staff_set_sync */
    bool have_sync;
    StaffSync sync;
    char import_err[NIMPORT][600];
    ExportNote export_note;
    char export_text[1200]; /* the folder written, or what went wrong */
    char usb_dir[1024];     /* LANYARD_USB_DIR when set: where "the stick" is */
    int test_job;
    /* the dashboard charts (SPEC §5), read with the counts */
    bool charts_ok;
    size_t arrivals[MAX_BUCKETS]; /* [0] oldest .. [nbuckets - 1] the last 15 minutes */
    size_t nbuckets;
    ProgramCount prog[MAX_CHART_PROGRAMS];
    size_t nprog;

    /* the guest lookup: an index of its own with full names, built when the
     * lookup opens (so walk-ins since are in it) and freed when staff leave */
    SearchIndex *ix;
    char query[256];
    UiKeyboard kb;
    StaffGuest match[MAX_MATCHES];
    size_t nmatch;
    size_t more; /* matches the search had beyond SEARCH_MAX_RESULTS (0 or 1: "some") */
    char find_err[300];
    /* the guest detail */
    StaffGuest guest;
    bool confirm_undo;
    GuestNote guest_note;
    char guest_err[300];
};

StaffMode *staff_create(const StaffEnv *env)
{
    StaffMode *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->env = *env;
    for (size_t i = 0; i < MAX_MATCHES; i++)
        guest_init(&m->match[i].g);
    guest_init(&m->guest.g);
    const char *usb = getenv("LANYARD_USB_DIR");
    snprintf(m->usb_dir, sizeof m->usb_dir, "%s", usb ? usb : "");
    return m;
}

void staff_set_sync(StaffMode *m, const StaffSyncHooks *h)
{
    m->sync_hooks = *h;
}

void staff_destroy(StaffMode *m)
{
    if (!m)
        return;
    memset(m->pin, 0, sizeof m->pin);
    for (size_t i = 0; i < MAX_MATCHES; i++)
        guest_clear(&m->match[i].g);
    guest_clear(&m->guest.g);
    search_destroy(m->ix);
    free(m);
}

static void clear_pin(StaffMode *m)
{
    memset(m->pin, 0, sizeof m->pin);
    m->len = 0;
}

static void load_lock(StaffMode *m, int64_t now)
{
    m->lock_ok = staff_lock_load(m->env.store, &m->lock, now) == STORE_OK;
    if (!m->lock_ok)
        fprintf(stderr, "lanyard: cannot read the staff PIN lock-out: %s\n",
                store_errmsg(m->env.store));
}

void staff_open(StaffMode *m, int64_t now)
{
    clear_pin(m);
    m->view = SV_PIN;
    m->note = PN_NONE;
    load_lock(m, now);
    if (!m->env.cfg->pin_hash[0])
        m->note = PN_NO_PIN;
    else if (!m->lock_ok)
        m->note = PN_ERROR;
    else if (staff_lock_state(&m->lock, now, NULL) == STAFF_LOCK_LOCKED)
        m->note = PN_LOCKED;
}

void staff_close(StaffMode *m)
{
    clear_pin(m);
    m->view = SV_OFF;
    m->note = PN_NONE;
    m->export_note = EXN_NONE;
    /* Full names stay in memory no longer than staff mode is open. */
    search_destroy(m->ix);
    m->ix = NULL;
    memset(m->query, 0, sizeof m->query);
    for (size_t i = 0; i < MAX_MATCHES; i++)
        guest_clear(&m->match[i].g);
    m->nmatch = 0;
    guest_clear(&m->guest.g);
}

const char *staff_screen_name(const StaffMode *m)
{
    switch (m->view) {
    case SV_HOME:
        return "staff";
    case SV_LOOKUP:
        return "staff_lookup";
    case SV_GUEST:
        return "staff_guest";
    default:
        return "staff_pin";
    }
}

static void read_charts(StaffMode *m, int64_t now);

/* Reads what the staff screen shows. */
static void refresh(StaffMode *m, int64_t now)
{
    Store *s = m->env.store;
    m->refreshed_at = now;
    m->stats_ok = store_stats(s, &m->stats) == STORE_OK;
    if (!m->stats_ok)
        snprintf(m->stats_err, sizeof m->stats_err, "%s", store_errmsg(s));
    m->have_printer = m->env.printer_status != NULL;
    if (m->have_printer)
        m->env.printer_status(m->env.printer_ud, &m->printer);
    m->have_sync = m->sync_hooks.status != NULL;
    if (m->have_sync)
        m->sync_hooks.status(m->sync_hooks.ud, &m->sync);
    for (size_t i = 0; i < NIMPORT; i++) {
        char key[64], *v = NULL;
        snprintf(key, sizeof key, "import.%s.error", IMPORT_FILES[i]);
        m->import_err[i][0] = '\0';
        if (store_setting_get(s, key, &v) == STORE_OK && v)
            snprintf(m->import_err[i], sizeof m->import_err[i], "%s", v);
        free(v);
    }
    read_charts(m, now);
}

typedef struct ArrivalScan {
    StaffMode *m;
    int64_t now;
    size_t raw[MAX_BUCKETS]; /* [0] the last 15 minutes, going back */
    size_t oldest;           /* the oldest bucket with an arrival */
} ArrivalScan;

static int count_arrival(const AttendanceRow *r, void *ud)
{
    ArrivalScan *a = ud;
    int64_t ago = a->now - r->checked_in_at;
    size_t b = ago <= 0 ? 0 : (size_t)(ago / BUCKET_MS);
    if (b >= MAX_BUCKETS)
        b = MAX_BUCKETS - 1;
    a->raw[b]++;
    if (b > a->oldest)
        a->oldest = b;
    return 0;
}

static int count_interest(const FollowupRow *r, void *ud)
{
    StaffMode *m = ud;
    for (size_t i = 0; i < m->nprog; i++) {
        if (!strcmp(m->prog[i].code, r->program_code)) {
            m->prog[i].n++;
            return 0;
        }
    }
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const ProgramCount *x = a, *y = b;
    return x->n != y->n ? (x->n < y->n ? 1 : -1) : 0;
}

/* Arrivals per 15 minutes up to now, and interest per visible program. */
static void read_charts(StaffMode *m, int64_t now)
{
    Store *s = m->env.store;
    ArrivalScan a;
    memset(&a, 0, sizeof a);
    a.m = m;
    a.now = now;
    m->nprog = 0;
    m->nbuckets = 0;
    ProgramList pl;
    program_list_init(&pl);
    m->charts_ok = store_each_attendance(s, count_arrival, &a) == STORE_OK &&
                   store_programs(s, &pl) == STORE_OK;
    for (size_t i = 0; m->charts_ok && i < pl.count && m->nprog < MAX_CHART_PROGRAMS; i++) {
        ProgramCount *p = &m->prog[m->nprog++];
        snprintf(p->code, sizeof p->code, "%s", pl.items[i].code);
        snprintf(p->name, sizeof p->name, "%s", pl.items[i].name);
        p->n = 0;
    }
    program_list_free(&pl);
    if (m->charts_ok)
        m->charts_ok = store_each_followup(s, count_interest, m) == STORE_OK;
    if (!m->charts_ok) {
        fprintf(stderr, "lanyard: staff charts: %s\n", store_errmsg(s));
        return;
    }
    /* Stable order among equals: catalogue order (qsort is not stable, so
     * ties are broken by the index they had). */
    for (size_t i = 0; i < m->nprog; i++)
        m->prog[i].n = m->prog[i].n * MAX_CHART_PROGRAMS + (MAX_CHART_PROGRAMS - 1 - i);
    qsort(m->prog, m->nprog, sizeof m->prog[0], by_count);
    for (size_t i = 0; i < m->nprog; i++)
        m->prog[i].n /= MAX_CHART_PROGRAMS;
    size_t nb = a.oldest + 1 < MIN_BUCKETS ? MIN_BUCKETS : a.oldest + 1;
    m->nbuckets = nb;
    for (size_t i = 0; i < nb; i++)
        m->arrivals[i] = a.raw[nb - 1 - i];
}

static void go_home(StaffMode *m, int64_t now)
{
    clear_pin(m);
    m->note = PN_NONE;
    m->view = SV_HOME;
    refresh(m, now);
}

/* Export to USB: synchronous, as the staff member waits for the answer anyway;
 * a few hundred kilobytes of CSV and database for an event. */
static void export_usb(StaffMode *m, int64_t now)
{
    char usb[1024];
    if (staff_usb_find(m->usb_dir, "/proc/self/mounts", usb, sizeof usb) != 0) {
        m->export_note = EXN_NO_USB;
        return;
    }
    char err[600];
    if (staff_export_usb(m->env.store, usb, m->env.cfg->name, m->env.cfg->kiosk_id, now,
                         m->export_text, sizeof m->export_text, err, sizeof err) != 0) {
        fprintf(stderr, "lanyard: export to USB: %s\n", err);
        snprintf(m->export_text, sizeof m->export_text, "%s", err);
        m->export_note = EXN_FAILED;
        return;
    }
    m->export_note = EXN_DONE;
}

/* Print test badge: synchronous, like the export; the badge is rendered and
 * written (or handed to CUPS) in well under a second. */
static void test_badge(StaffMode *m, int64_t now)
{
    if (!m->env.print_test_badge)
        return;
    StaffTestBadge r;
    memset(&r, 0, sizeof r);
    if (m->env.print_test_badge(m->env.printer_ud, now, &r) != 0) {
        snprintf(m->export_text, sizeof m->export_text, "%s", r.error);
        m->export_note = EXN_TEST_FAILED;
    } else if (r.printer[0]) {
        snprintf(m->export_text, sizeof m->export_text, "%s", r.printer);
        m->test_job = r.job;
        m->export_note = EXN_TEST_SENT;
    } else {
        snprintf(m->export_text, sizeof m->export_text, "%s", r.path);
        m->export_note = EXN_TEST_PNG;
    }
}

/* ---- guest lookup ---- */

static int index_guest(const Guest *g, void *ud)
{
    return search_add(ud, g) != 0; /* stop on ENOMEM: a partial index would hide guests */
}

/* The active check-ins of the guests in list (by id). */
typedef struct AttendScan {
    StaffGuest *list;
    size_t n;
} AttendScan;

static int scan_attendance(const AttendanceRow *r, void *ud)
{
    AttendScan *a = ud;
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->list[i].g.id, r->guest->id) != 0)
            continue;
        a->list[i].checked_in = true;
        a->list[i].checked_in_at = r->checked_in_at;
        a->list[i].badge_printed = r->badge_printed;
    }
    return 0;
}

/* Fills the check-in and badge state of the guests in list. */
static StoreStatus attendance_of(Store *s, StaffGuest *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        list[i].checked_in = false;
        list[i].checked_in_at = 0;
        list[i].badge_printed = false;
    }
    AttendScan a = {list, n};
    return n ? store_each_attendance(s, scan_attendance, &a) : STORE_OK;
}

/* Runs the query: the guest whose registration code it is (if any) first,
 * then the name and company matches. */
static void find_guests(StaffMode *m)
{
    Store *s = m->env.store;
    for (size_t i = 0; i < m->nmatch; i++)
        guest_clear(&m->match[i].g);
    m->nmatch = 0;
    m->more = 0;
    m->find_err[0] = '\0';
    if (!m->ix || text_codepoints(m->query) < SEARCH_MIN_QUERY)
        return;
    StoreStatus st = store_guest_by_code(s, m->query, &m->match[0].g);
    if (st == STORE_OK)
        m->nmatch = 1;
    else if (st != STORE_NOT_FOUND)
        goto fail;
    SearchResult res[SEARCH_MAX_RESULTS];
    size_t n = search_query(m->ix, m->query, res);
    for (size_t i = 0; i < n; i++) {
        if (m->nmatch && !strcmp(res[i].guest_id, m->match[0].g.id))
            continue;
        st = store_guest_get(s, res[i].guest_id, &m->match[m->nmatch].g);
        if (st == STORE_NOT_FOUND)
            continue;
        if (st != STORE_OK)
            goto fail;
        m->nmatch++;
    }
    m->more = n == SEARCH_MAX_RESULTS;
    if (attendance_of(s, m->match, m->nmatch) != STORE_OK)
        goto fail;
    return;
fail:
    snprintf(m->find_err, sizeof m->find_err, "%s", store_errmsg(s));
    fprintf(stderr, "lanyard: staff lookup: %s\n", m->find_err);
}

static void open_lookup(StaffMode *m)
{
    m->view = SV_LOOKUP;
    m->kb.visible = true;
    m->kb.page = UI_KB_LETTERS;
    if (m->ix)
        return;
    m->ix = search_create();
    StoreStatus st = m->ix ? store_each_guest(m->env.store, index_guest, m->ix) : STORE_OK;
    if (!m->ix || st != STORE_OK) {
        snprintf(m->find_err, sizeof m->find_err, "%s",
                 !m->ix ? "out of memory" : store_errmsg(m->env.store));
        fprintf(stderr, "lanyard: staff lookup: %s\n", m->find_err);
        search_destroy(m->ix);
        m->ix = NULL;
        return;
    }
    search_commit(m->ix);
    find_guests(m);
}

/* Reads the guest on the detail screen again (after an undo or a reprint). */
static void reload_guest(StaffMode *m)
{
    Store *s = m->env.store;
    char id[ID_LEN + 1];
    snprintf(id, sizeof id, "%s", m->guest.g.id);
    if (store_guest_get(s, id, &m->guest.g) != STORE_OK ||
        attendance_of(s, &m->guest, 1) != STORE_OK) {
        snprintf(m->guest_err, sizeof m->guest_err, "%s", store_errmsg(s));
        m->guest_note = GN_ERROR;
    }
}

static void open_guest(StaffMode *m, size_t i)
{
    if (i >= m->nmatch)
        return;
    m->view = SV_GUEST;
    m->confirm_undo = false;
    m->guest_note = GN_NONE;
    if (guest_copy(&m->guest.g, &m->match[i].g) != 0) {
        snprintf(m->guest_err, sizeof m->guest_err, "out of memory");
        m->guest_note = GN_ERROR;
        return;
    }
    reload_guest(m);
}

static void undo_checkin(StaffMode *m, int64_t now)
{
    Store *s = m->env.store;
    m->confirm_undo = false;
    StoreStatus st = store_checkin_undo(s, m->guest.g.id, m->env.cfg->kiosk_id, now);
    if (st != STORE_OK) {
        snprintf(m->guest_err, sizeof m->guest_err, "%s", store_errmsg(s));
        fprintf(stderr, "lanyard: undo check-in: %s\n", m->guest_err);
        m->guest_note = GN_ERROR;
        return;
    }
    m->guest_note = GN_UNDONE;
    if (m->sync_hooks.on_change) /* the sync folder copy is due */
        m->sync_hooks.on_change(m->sync_hooks.ud);
    reload_guest(m);
}

static void reprint(StaffMode *m)
{
    if (!m->env.reprint_badge)
        return;
    if (m->env.reprint_badge(m->env.printer_ud, m->guest.g.id) != 0) {
        snprintf(m->guest_err, sizeof m->guest_err, "out of memory");
        m->guest_note = GN_ERROR;
        return;
    }
    m->guest_note = GN_REPRINTED;
}

/* Removes the last character (not byte) of the query. */
static void query_backspace(StaffMode *m)
{
    size_t n = strlen(m->query);
    while (n > 0 && ((unsigned char)m->query[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    m->query[n] = '\0';
    find_guests(m);
}

static void query_append(StaffMode *m, const char *utf8)
{
    size_t n = strlen(m->query), add = strlen(utf8);
    if (n + add >= sizeof m->query)
        return;
    memcpy(m->query + n, utf8, add + 1);
    find_guests(m);
}

static void lookup_key(StaffMode *m, int i)
{
    char text[32];
    switch (ui_keyboard_press(&m->kb, i, text, sizeof text)) {
    case UI_KB_TEXT:
        query_append(m, text);
        break;
    case UI_KB_BACKSPACE:
        query_backspace(m);
        break;
    case UI_KB_ENTER:
    case UI_KB_HIDE:
        m->kb.visible = false;
        break;
    case UI_KB_NONE:
        break;
    }
}

/* ---- PIN entry ---- */

static void try_pin(StaffMode *m, int64_t now)
{
    const char *hash = m->env.cfg->pin_hash;
    if (!hash[0]) {
        /* A demo window may be explored without a PIN; a real kiosk may not. */
        if (m->env.windowed)
            go_home(m, now);
        else
            m->note = PN_NO_PIN;
        return;
    }
    if (!m->lock_ok) {
        load_lock(m, now);
        if (!m->lock_ok) {
            m->note = PN_ERROR;
            return;
        }
    }
    switch (staff_lock_state(&m->lock, now, NULL)) {
    case STAFF_LOCK_LOCKED:
        clear_pin(m);
        m->note = PN_LOCKED;
        return;
    case STAFF_LOCK_WAIT:
        m->note = PN_WAIT;
        return;
    case STAFF_LOCK_OPEN:
        break;
    }
    if (m->len == 0)
        return;
    bool ok = pin_verify(m->pin, hash);
    clear_pin(m);
    if (ok)
        staff_lock_passed(&m->lock);
    else
        staff_lock_failed(&m->lock, now);
    if (staff_lock_save(m->env.store, &m->lock) != STORE_OK)
        fprintf(stderr, "lanyard: cannot save the staff PIN lock-out: %s\n",
                store_errmsg(m->env.store));
    if (ok) {
        go_home(m, now);
        return;
    }
    m->note = staff_lock_state(&m->lock, now, NULL) == STAFF_LOCK_LOCKED ? PN_LOCKED : PN_WRONG;
}

static void add_digit(StaffMode *m, char d)
{
    if (m->len >= PIN_MAX_DIGITS)
        return;
    m->pin[m->len++] = d;
    m->pin[m->len] = '\0';
}

static void delete_digit(StaffMode *m)
{
    if (m->len)
        m->pin[--m->len] = '\0';
}

StaffResult staff_press(StaffMode *m, int index, int64_t now)
{
    if (m->view == SV_PIN) {
        if (index >= SW_DIGIT && index <= SW_DIGIT + 9)
            add_digit(m, (char)('0' + index - SW_DIGIT));
        else if (index == SW_DELETE)
            delete_digit(m);
        else if (index == SW_OK)
            try_pin(m, now);
        else if (index == SW_CANCEL) {
            staff_close(m);
            return STAFF_WELCOME;
        }
        return STAFF_STAY;
    }
    if (m->view == SV_HOME) {
        if (index == SW_BACK) {
            staff_close(m);
            return STAFF_WELCOME;
        }
        if (index == SW_EXIT)
            return STAFF_EXIT; /* the staff screen stays up until the window goes */
        if (index == SW_EXPORT)
            export_usb(m, now);
        if (index == SW_FIND)
            open_lookup(m);
        if (index == SW_TEST)
            test_badge(m, now);
        return STAFF_STAY;
    }
    if (m->view == SV_LOOKUP) {
        if (index == SW_BACK)
            go_home(m, now);
        else if (index == SW_FIELD)
            m->kb.visible = true;
        else if (index == SW_SHOW_MORE)
            m->kb.visible = false;
        else if (index >= SW_KEY && index < SW_ROW)
            lookup_key(m, index - SW_KEY);
        else if (index >= SW_ROW && index < SW_ROW + MAX_MATCHES)
            open_guest(m, (size_t)(index - SW_ROW));
        return STAFF_STAY;
    }
    if (m->view == SV_GUEST) {
        if (index == SW_BACK) {
            /* The list shows the guest as they are now. */
            m->view = SV_LOOKUP;
            find_guests(m);
        } else if (index == SW_UNDO) {
            m->confirm_undo = true;
            m->guest_note = GN_NONE;
        } else if (index == SW_UNDO_NO) {
            m->confirm_undo = false;
        } else if (index == SW_UNDO_YES) {
            undo_checkin(m, now);
        } else if (index == SW_REPRINT) {
            reprint(m);
        }
    }
    return STAFF_STAY;
}

StaffResult staff_text(StaffMode *m, const char *utf8, int64_t now)
{
    (void)now;
    if (m->view == SV_LOOKUP) {
        query_append(m, utf8);
        return STAFF_STAY;
    }
    if (m->view != SV_PIN)
        return STAFF_STAY;
    for (const char *p = utf8; *p; p++)
        if (*p >= '0' && *p <= '9')
            add_digit(m, *p);
    return STAFF_STAY;
}

StaffResult staff_key(StaffMode *m, UiKey key, int64_t now)
{
    if (m->view == SV_LOOKUP) {
        if (key == UI_KEY_BACKSPACE)
            query_backspace(m);
        else if (key == UI_KEY_RETURN)
            m->kb.visible = false;
        return STAFF_STAY;
    }
    if (m->view != SV_PIN)
        return STAFF_STAY;
    if (key == UI_KEY_BACKSPACE)
        delete_digit(m);
    else if (key == UI_KEY_RETURN)
        try_pin(m, now);
    return STAFF_STAY;
}

/* ---- timers ---- */

bool staff_tick(StaffMode *m, int64_t now)
{
    if (m->view == SV_HOME && now - m->refreshed_at >= REFRESH_MS) {
        refresh(m, now);
        return true;
    }
    if (m->view == SV_PIN && m->note == PN_LOCKED) {
        /* The countdown is redrawn each second; at its end the pad says nothing. */
        if (staff_lock_state(&m->lock, now, NULL) != STAFF_LOCK_LOCKED)
            m->note = PN_NONE;
        return true;
    }
    if (m->view == SV_PIN && m->note == PN_WAIT &&
        staff_lock_state(&m->lock, now, NULL) == STAFF_LOCK_OPEN) {
        m->note = PN_NONE;
        return true;
    }
    return false;
}

int64_t staff_next_wake(const StaffMode *m, int64_t now)
{
    if (m->view == SV_HOME)
        return m->refreshed_at + REFRESH_MS;
    int64_t rem = 0;
    if (m->view == SV_PIN && (m->note == PN_LOCKED || m->note == PN_WAIT) &&
        staff_lock_state(&m->lock, now, &rem) != STAFF_LOCK_OPEN) {
        /* The next whole second of the countdown (or its end). */
        int64_t step = rem % 1000 ? rem % 1000 : 1000;
        return now + step;
    }
    if (m->view == SV_PIN && (m->note == PN_LOCKED || m->note == PN_WAIT))
        return now;
    return INT64_MAX;
}

/* ---- layout ---- */

typedef struct Lay {
    StaffMode *m;
    UiView *v;
    const UiTheme *t;
    const UiInteract *in;
    UiLang lang;
    uint32_t base;
    int w, h;
} Lay;

static int button_w(const Lay *c, const char *label, int min_w)
{
    int w = ui_text_width(c->v, label, c->t->px_button, UI_BOLD) + 2 * ui_sc(c->t, 28);
    return w < min_w ? min_w : w;
}

/* A button at the top left (Cancel, Back) and a centred title; returns the y
 * below the bar. */
static int bar(const Lay *c, int left_index, UiStr left, UiStr title)
{
    const UiTheme *t = c->t;
    const char *l = ui_tr(c->lang, left);
    int bw = button_w(c, l, ui_sc(t, 120));
    ui_button(c->v, t, c->in, c->base + (uint32_t)left_index,
              ui_rect(t->pad, t->pad, bw, t->target), l, UI_BTN_SECONDARY, t->px_button);
    int side = t->pad + bw + t->gap;
    ui_text_in(c->v, ui_rect(side, t->pad, c->w - 2 * side, t->target), ui_tr(c->lang, title),
               t->px_title, t->px_small, UI_BOLD, t->text, UI_CENTER);
    return t->pad + t->target + t->gap;
}

/* "m:ss" of a duration, rounded up to the second. */
static void format_remaining(int64_t ms, char *out, size_t len)
{
    int64_t s = (ms + 999) / 1000;
    snprintf(out, len, "%" PRId64 ":%02d", s / 60, (int)(s % 60));
}

/* What the pad says under the digits: up to three parts, each on lines of its
 * own (so a countdown or a command is never split), the first in the note's
 * colour. */
typedef struct Note {
    char part[3][300];
    int n;
    UiColor colour;
    UiWeight weight;
} Note;

static void pad_note(const Lay *c, int64_t now, Note *out)
{
    StaffMode *m = c->m;
    UiLang lang = c->lang;
    memset(out, 0, sizeof *out);
    out->colour = c->t->error;
    out->weight = UI_BOLD;
    out->n = 1;
    switch (m->note) {
    case PN_NONE:
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_HINT));
        out->colour = c->t->muted;
        out->weight = UI_REGULAR;
        break;
    case PN_WRONG: {
        int left = STAFF_FREE_TRIES - m->lock.failures;
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_WRONG));
        if (left == 1)
            snprintf(out->part[1], sizeof out->part[1], "%s", ui_tr(lang, S_PIN_TRIES_ONE));
        else
            snprintf(out->part[1], sizeof out->part[1], ui_tr(lang, S_PIN_TRIES_FMT),
                     left > 0 ? left : 0);
        out->n = 2;
        break;
    }
    case PN_WAIT:
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_WAIT));
        break;
    case PN_LOCKED: {
        int64_t rem = 0;
        char t[32];
        staff_lock_state(&m->lock, now, &rem);
        format_remaining(rem, t, sizeof t);
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_LOCKED));
        snprintf(out->part[1], sizeof out->part[1], ui_tr(lang, S_PIN_TRY_IN_FMT), t);
        out->n = 2;
        break;
    }
    case PN_NO_PIN:
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_NONE));
        snprintf(out->part[1], sizeof out->part[1], "%s", ui_tr(lang, S_PIN_NONE_CMD));
        snprintf(out->part[2], sizeof out->part[2], "%s",
                 ui_tr(lang, m->env.windowed ? S_PIN_NONE_DEMO : S_PIN_NONE_KIOSK));
        out->n = 3;
        out->colour = c->t->text;
        break;
    case PN_ERROR:
        snprintf(out->part[0], sizeof out->part[0], "%s", ui_tr(lang, S_PIN_ERROR));
        break;
    }
}

/* The note's parts, each wrapped on at most two lines, within r. */
static void draw_note(const Lay *c, UiRect r, const Note *note)
{
    const UiTheme *t = c->t;
    int lh = ui_text_height(c->v, t->px_body, UI_REGULAR);
    int y = r.y;
    for (int i = 0; i < note->n && y + lh <= r.y + r.h; i++) {
        int lines = r.y + r.h - y >= 2 * lh ? 2 : 1;
        UiColor colour = i == 0 ? note->colour : t->text;
        UiWeight w = i == 0 ? note->weight : UI_REGULAR;
        y += ui_text_wrap(c->v, ui_rect(r.x, y, r.w, lines * lh), note->part[i], t->px_body, w,
                          colour, lines, UI_CENTER);
    }
}

static void layout_pad(const Lay *c, int64_t now)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    int top = bar(c, SW_CANCEL, S_CANCEL, S_PIN_TITLE);
    bool landscape = c->w > c->h;
    int kh = t->target, kw = ui_sc(t, landscape ? 120 : 130);
    int grid_w = 3 * kw + 2 * t->gap, grid_h = 4 * kh + 3 * t->gap;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int note_h = 5 * lh;
    int box_h = t->target;
    int col_x, col_w, col_y, gx, gy;
    if (landscape) {
        int avail = c->h - top - t->pad;
        col_x = t->pad;
        col_w = c->w / 2 - 2 * t->pad;
        col_y = top + (avail - (box_h + t->gap + note_h)) / 2;
        gx = c->w / 2 + (c->w / 2 - grid_w) / 2;
        gy = top + (avail - grid_h) / 2;
    } else {
        int total = box_h + t->gap + note_h + t->gap + grid_h;
        int avail = c->h - top - t->pad;
        col_w = grid_w;
        col_x = (c->w - col_w) / 2;
        col_y = top + (avail - total) / 2;
        gx = col_x;
        gy = col_y + box_h + t->gap + note_h + t->gap;
    }
    /* The digits typed, as dots. */
    UiRect box = ui_rect(col_x, col_y, col_w, box_h);
    ui_draw_rect(v, box, t->surface, t->radius);
    ui_draw_frame(v, box, t->primary, t->radius, t->border_w);
    int d = ui_sc(t, 16), dg = ui_sc(t, 12);
    int dots_w = (int)m->len * d + ((int)m->len - 1) * dg;
    for (size_t i = 0; i < m->len; i++)
        ui_draw_rect(v,
                     ui_rect(box.x + (box.w - dots_w) / 2 + (int)i * (d + dg),
                             box.y + (box.h - d) / 2, d, d),
                     t->contrast ? t->text : t->primary, d / 2);
    Note note;
    pad_note(c, now, &note);
    draw_note(c, ui_rect(col_x, col_y + box_h + t->gap, col_w, note_h), &note);
    /* 1 2 3 / 4 5 6 / 7 8 9 / Delete 0 OK, as on a phone. */
    for (int i = 0; i < 12; i++) {
        int row = i / 3, col = i % 3;
        UiRect r = ui_rect(gx + col * (kw + t->gap), gy + row * (kh + t->gap), kw, kh);
        if (i < 9) {
            char label[2] = {(char)('1' + i), '\0'};
            ui_button(v, t, c->in, c->base + (uint32_t)(SW_DIGIT + 1 + i), r, label,
                      UI_BTN_SECONDARY, t->px_title);
        } else if (i == 9) {
            ui_button(v, t, c->in, c->base + SW_DELETE, r, ui_tr(c->lang, S_KEY_DELETE),
                      UI_BTN_QUIET, t->px_button);
        } else if (i == 10) {
            ui_button(v, t, c->in, c->base + SW_DIGIT, r, "0", UI_BTN_SECONDARY, t->px_title);
        } else {
            ui_button(v, t, c->in, c->base + SW_OK, r, ui_tr(c->lang, S_OK), UI_BTN_PRIMARY,
                      t->px_button);
        }
    }
}

/* One figure of the staff screen: a caption, a large value and a detail line. */
static void card(const Lay *c, UiRect r, const char *caption, const char *value, const char *detail,
                 bool bad)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    ui_draw_rect(v, r, t->surface, t->radius);
    ui_draw_frame(v, r, bad ? t->error : t->border, t->radius, t->border_w);
    int m = ui_sc(t, 12);
    int sh = ui_text_height(v, t->px_small, UI_BOLD);
    int vh = ui_text_height(v, t->px_title, UI_BOLD);
    int y = r.y + (r.h - (sh + vh + sh)) / 2;
    ui_text_in(v, ui_rect(r.x + m, y, r.w - 2 * m, sh), caption, t->px_small, t->px_small * 8 / 10,
               UI_BOLD, t->muted, UI_LEFT);
    ui_text_in(v, ui_rect(r.x + m, y + sh, r.w - 2 * m, vh), value, t->px_title, t->px_small,
               UI_BOLD, bad ? t->error : t->text, UI_LEFT);
    if (detail && *detail)
        ui_text_in(v, ui_rect(r.x + m, y + sh + vh, r.w - 2 * m, sh), detail, t->px_small,
                   t->px_small * 8 / 10, UI_REGULAR, bad ? t->error : t->muted, UI_LEFT);
}

/* "Sync: last copied 14:03 to /media/usb/lanyard", or why the copy failed. */
static void sync_line(const StaffSync *s, UiLang lang, char *out, size_t outlen)
{
    char when[32] = "";
    if (s->last_ok) {
        char local[32];
        time_format_local(s->last_ok, local);
        snprintf(when, sizeof when, "%.5s", local + 11); /* HH:MM of "YYYY-MM-DD HH:MM:SS" */
    }
    /* "cannot write PATH: REASON": the reason first, where it is read. */
    char why[sizeof s->message + 8];
    const char *colon = strrchr(s->message, ':');
    if (colon && colon[1] == ' ' && colon[2])
        snprintf(why, sizeof why, "%s — %.*s", colon + 2, (int)(colon - s->message), s->message);
    else
        snprintf(why, sizeof why, "%s", s->message);
    if (!s->ok && when[0])
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FAILED_SINCE_FMT), when, why);
    else if (!s->ok)
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FAILED_FMT), why);
    else if (when[0])
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FMT), when, s->folder);
    else
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_WAITING_FMT), s->folder);
}

/* "now", "45 min ago", "2:15 h ago": the left end of the arrivals chart. */
static void ago_label(UiLang lang, int minutes, char *out, size_t len)
{
    if (minutes <= 0)
        snprintf(out, len, "%s", ui_tr(lang, S_STAFF_NOW));
    else if (minutes < 120)
        snprintf(out, len, ui_tr(lang, S_STAFF_AGO_MIN_FMT), minutes);
    else
        snprintf(out, len, ui_tr(lang, S_STAFF_AGO_H_FMT), minutes / 60, minutes % 60);
}

/* Arrivals per 15 minutes as vertical bars over the time up to now, the
 * tallest bar's count at its top; labels under the ends. */
static void chart_arrivals(const Lay *c, UiRect r)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    int sh = ui_text_height(v, t->px_small, UI_BOLD);
    ui_text_in(v, ui_rect(r.x, r.y, r.w, sh), ui_tr(c->lang, S_STAFF_ARRIVALS), t->px_small,
               t->px_small * 8 / 10, UI_BOLD, t->muted, UI_LEFT);
    size_t max = 0, total = 0;
    for (size_t i = 0; i < m->nbuckets; i++) {
        max = m->arrivals[i] > max ? m->arrivals[i] : max;
        total += m->arrivals[i];
    }
    UiRect plot = ui_rect(r.x, r.y + sh + ui_sc(t, 4), r.w, r.h - 2 * sh - ui_sc(t, 8));
    ui_draw_line(v, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, t->border,
                 ui_sc(t, 2) > 0 ? ui_sc(t, 2) : 1);
    if (total == 0) {
        ui_text_in(v, plot, ui_tr(c->lang, S_STAFF_NO_ARRIVALS), t->px_small, t->px_small,
                   UI_REGULAR, t->muted, UI_CENTER);
        return;
    }
    int n = (int)m->nbuckets;
    int gap = ui_sc(t, n > 16 ? 2 : 4);
    int bw = (plot.w - (n - 1) * gap) / n;
    int count_h = sh;
    int bar_room = plot.h - count_h;
    for (int i = 0; i < n; i++) {
        size_t a = m->arrivals[i];
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
            ui_text_in(v, ui_rect(x - bw, plot.y + plot.h - h - count_h, 3 * bw, count_h), num,
                       t->px_small, t->px_small * 7 / 10, UI_BOLD, t->text, UI_CENTER);
        }
    }
    char left[64], right[64];
    ago_label(c->lang, n * 15, left, sizeof left);
    ago_label(c->lang, 0, right, sizeof right);
    int ly = plot.y + plot.h + ui_sc(t, 4);
    ui_text_in(v, ui_rect(plot.x, ly, plot.w / 2, sh), left, t->px_small, t->px_small * 7 / 10,
               UI_REGULAR, t->muted, UI_LEFT);
    ui_text_in(v, ui_rect(plot.x + plot.w / 2, ly, plot.w / 2, sh), right, t->px_small,
               t->px_small * 7 / 10, UI_REGULAR, t->muted, UI_RIGHT);
}

/* Interest per program as horizontal bars, the most wanted first: the name,
 * the bar, the count; as many programs as have room. */
static void chart_interest(const Lay *c, UiRect r)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    int sh = ui_text_height(v, t->px_small, UI_BOLD);
    ui_text_in(v, ui_rect(r.x, r.y, r.w, sh), ui_tr(c->lang, S_STAFF_INTEREST), t->px_small,
               t->px_small * 8 / 10, UI_BOLD, t->muted, UI_LEFT);
    int y = r.y + sh + ui_sc(t, 4);
    size_t max = m->nprog ? m->prog[0].n : 0;
    if (max == 0) {
        ui_text_in(v, ui_rect(r.x, y, r.w, r.y + r.h - y), ui_tr(c->lang, S_STAFF_NO_INTEREST),
                   t->px_small, t->px_small, UI_REGULAR, t->muted, UI_CENTER);
        return;
    }
    int rh = ui_text_height(v, t->px_small, UI_REGULAR) + ui_sc(t, 4);
    int name_w = r.w * 2 / 5;
    int num_w = ui_text_width(v, "0000", t->px_small, UI_BOLD);
    int bar_x = r.x + name_w + t->gap;
    int bar_w = r.w - name_w - t->gap - num_w - ui_sc(t, 6);
    for (size_t i = 0; i < m->nprog && m->prog[i].n > 0 && y + rh <= r.y + r.h; i++, y += rh) {
        const ProgramCount *p = &m->prog[i];
        ui_text_in(v, ui_rect(r.x, y, name_w, rh), p->name, t->px_small, t->px_small * 7 / 10,
                   UI_REGULAR, t->text, UI_LEFT);
        int w = (int)((int64_t)bar_w * (int64_t)p->n / (int64_t)max);
        if (w < ui_sc(t, 3))
            w = ui_sc(t, 3);
        ui_draw_rect(v, ui_rect(bar_x, y + ui_sc(t, 3), w, rh - ui_sc(t, 6)),
                     t->contrast ? t->text : t->accent, 0);
        char num[32];
        snprintf(num, sizeof num, "%zu", p->n);
        ui_text_in(v, ui_rect(bar_x + w + ui_sc(t, 6), y, num_w, rh), num, t->px_small,
                   t->px_small * 7 / 10, UI_BOLD, t->text, UI_LEFT);
    }
}

static void layout_home(const Lay *c)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    UiLang lang = c->lang;
    int top = bar(c, SW_BACK, S_BACK, S_STAFF_HEADING);
    int bh = t->target;
    int bottom = c->h - t->pad - bh;

    /* Exit kiosk at the bottom right, away from Back. */
    const char *exit = ui_tr(lang, S_EXIT_KIOSK);
    int ew = button_w(c, exit, ui_sc(t, 180));
    ui_button(v, t, c->in, c->base + SW_EXIT, ui_rect(c->w - t->pad - ew, bottom, ew, bh), exit,
              UI_BTN_PRIMARY, t->px_button);
    const char *xl = ui_tr(lang, S_EXPORT_USB);
    int xw = button_w(c, xl, ui_sc(t, 180));
    ui_button(v, t, c->in, c->base + SW_EXPORT, ui_rect(t->pad, bottom, xw, bh), xl,
              UI_BTN_SECONDARY, t->px_button);
    /* Find a guest and Print test badge beside Export when the row has room
     * for them, else on a row of their own above it. */
    const char *fl = ui_tr(lang, S_STAFF_FIND);
    int fw = button_w(c, fl, ui_sc(t, 180));
    const char *tl = ui_tr(lang, S_STAFF_TEST_BADGE);
    int tw = m->env.print_test_badge ? button_w(c, tl, ui_sc(t, 180)) : 0;
    int tools_w = fw + (tw ? t->gap + tw : 0);
    int tx = t->pad + xw + t->gap, ty = bottom;
    if (tx + tools_w + t->gap > c->w - t->pad - ew) {
        tx = t->pad;
        ty = bottom - t->gap - bh;
    }
    ui_button(v, t, c->in, c->base + SW_FIND, ui_rect(tx, ty, fw, bh), fl, UI_BTN_SECONDARY,
              t->px_button);
    if (tw)
        ui_button(v, t, c->in, c->base + SW_TEST, ui_rect(tx + fw + t->gap, ty, tw, bh), tl,
                  UI_BTN_SECONDARY, t->px_button);
    bottom = ty;
    int aw = c->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    UiColor ok = t->contrast ? t->accent : ui_rgb(0x2E, 0x7D, 0x32);
    /* How the test badge went, just above the buttons. */
    if (m->export_note == EXN_TEST_PNG || m->export_note == EXN_TEST_SENT) {
        int y = bottom - t->gap - 2 * lh;
        if (m->export_note == EXN_TEST_SENT) {
            char line[400];
            snprintf(line, sizeof line, ui_tr(lang, S_STAFF_TEST_SENT_FMT), m->export_text,
                     m->test_job);
            ui_text_in(v, ui_rect(t->pad, y + lh, aw, lh), line, t->px_small, t->px_small * 8 / 10,
                       UI_BOLD, ok, UI_LEFT);
        } else {
            ui_text_in(v, ui_rect(t->pad, y, aw, lh), ui_tr(lang, S_STAFF_TEST_PNG), t->px_small,
                       t->px_small, UI_BOLD, ok, UI_LEFT);
            ui_text_in(v, ui_rect(t->pad, y + lh, aw, lh), m->export_text, t->px_small,
                       t->px_small * 7 / 10, UI_REGULAR, t->text, UI_LEFT);
        }
        bottom = y;
    } else if (m->export_note == EXN_TEST_FAILED) {
        int y = bottom - t->gap - 3 * lh;
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), ui_tr(lang, S_STAFF_TEST_FAILED), t->px_small,
                   t->px_small, UI_BOLD, t->error, UI_LEFT);
        ui_text_wrap(v, ui_rect(t->pad, y + lh, aw, 2 * lh), m->export_text, t->px_small,
                     UI_REGULAR, t->text, 2, UI_LEFT);
        bottom = y;
    }
    /* How the export went, just above the buttons: where it went, or why not. */
    if (m->export_note >= EXN_DONE && m->export_note <= EXN_FAILED) {
        int y = bottom - t->gap - (m->export_note == EXN_FAILED ? 4 : 2) * lh;
        UiRect r = ui_rect(t->pad, y + lh, aw, 3 * lh);
        if (m->export_note == EXN_NO_USB) {
            ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), ui_tr(lang, S_EXPORT_NO_USB),
                         t->px_small, UI_BOLD, t->error, 2, UI_LEFT);
        } else if (m->export_note == EXN_DONE) {
            ui_text_in(v, ui_rect(t->pad, y, aw, lh), ui_tr(lang, S_EXPORT_DONE), t->px_small,
                       t->px_small, UI_BOLD, ok, UI_LEFT);
            /* A path has no spaces to wrap at: shrunk to fit, then cut. */
            ui_text_in(v, ui_rect(r.x, r.y, r.w, lh), m->export_text, t->px_small,
                       t->px_small * 7 / 10, UI_REGULAR, t->text, UI_LEFT);
        } else {
            /* "cannot write PATH: REASON": the reason first, where it is read,
             * then what could not be written. */
            char head[800], what[1200];
            snprintf(what, sizeof what, "%s", m->export_text);
            char *colon = strrchr(what, ':');
            if (colon && colon[1] == ' ') {
                *colon = '\0';
                snprintf(head, sizeof head, "%s %s", ui_tr(lang, S_EXPORT_FAILED), colon + 2);
            } else {
                snprintf(head, sizeof head, "%s", ui_tr(lang, S_EXPORT_FAILED));
            }
            ui_text_in(v, ui_rect(t->pad, y, aw, lh), head, t->px_small, t->px_small * 8 / 10,
                       UI_BOLD, t->error, UI_LEFT);
            ui_text_wrap(v, r, what, t->px_small, UI_REGULAR, t->text, 3, UI_LEFT);
        }
        bottom = y;
    }

    char value[3][160], detail[3][400];
    bool bad[3] = {false, false, false};
    if (m->stats_ok) {
        snprintf(value[0], sizeof value[0], "%zu", m->stats.checked_in);
        snprintf(detail[0], sizeof detail[0], ui_tr(lang, S_STAFF_EXPECTED_FMT), m->stats.expected);
        snprintf(value[1], sizeof value[1], "%zu", m->stats.walk_ins);
        snprintf(detail[1], sizeof detail[1], "%s", ui_tr(lang, S_STAFF_WALKINS_SUB));
    } else {
        snprintf(value[0], sizeof value[0], "—");
        snprintf(detail[0], sizeof detail[0], "%s", m->stats_err);
        snprintf(value[1], sizeof value[1], "—");
        detail[1][0] = '\0';
        bad[0] = true;
    }
    if (!m->have_printer) {
        snprintf(value[2], sizeof value[2], "%s", ui_tr(lang, S_STAFF_PRINT_OFF));
        detail[2][0] = '\0';
        bad[2] = true;
    } else {
        const StaffPrinter *p = &m->printer;
        snprintf(value[2], sizeof value[2], "%s",
                 p->printer[0] ? p->printer : ui_tr(lang, S_STAFF_PRINT_PNG));
        if (!p->ok && p->message[0])
            snprintf(detail[2], sizeof detail[2], "%s", p->message);
        else
            snprintf(detail[2], sizeof detail[2], ui_tr(lang, S_STAFF_PRINT_FMT), p->waiting,
                     p->failed);
        bad[2] = !p->ok || p->failed > 0;
    }
    const UiStr captions[3] = {S_STAFF_CHECKED_IN, S_STAFF_WALKINS, S_STAFF_BADGES};

    bool landscape = c->w > c->h;
    int cols = landscape ? 3 : 1;
    int cw = (aw - (cols - 1) * t->gap) / cols;
    int ch = ui_sc(t, 96);
    int y = top + t->gap;
    for (int i = 0; i < 3; i++) {
        int col = i % cols, row = i / cols;
        card(c, ui_rect(t->pad + col * (cw + t->gap), y + row * (ch + t->gap), cw, ch),
             ui_tr(lang, captions[i]), value[i], detail[i], bad[i]);
    }
    y += ((3 + cols - 1) / cols) * (ch + t->gap) + t->gap;

    /* The sync folder, under the cards: when the copy was last written, or why not. */
    if (m->have_sync && y + 2 * lh <= bottom - t->gap) {
        char line[1400];
        sync_line(&m->sync, lang, line, sizeof line);
        y += ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), line, t->px_small, UI_BOLD,
                          m->sync.ok ? t->text : t->error, 2, UI_LEFT) +
             t->gap;
    }

    /* What went wrong importing the event's files, in the kiosk's words. */
    for (size_t i = 0; i < NIMPORT; i++) {
        if (!m->import_err[i][0])
            continue;
        char line[700];
        snprintf(line, sizeof line, ui_tr(lang, S_STAFF_IMPORT_FMT), m->import_err[i]);
        if (y + 2 * lh > bottom - t->gap)
            break;
        y += ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), line, t->px_small, UI_BOLD, t->error,
                          2, UI_LEFT) +
             t->gap;
    }

    /* The charts in the room left: side by side in landscape, stacked in
     * portrait; left out when not even a small chart fits. */
    int room = bottom - t->gap - y;
    if (!m->charts_ok || room < 4 * lh + ui_sc(t, 24))
        return;
    if (c->w > c->h) {
        int half = (aw - 2 * t->gap) / 2;
        chart_arrivals(c, ui_rect(t->pad, y, half, room));
        chart_interest(c, ui_rect(t->pad + half + 2 * t->gap, y, aw - half - 2 * t->gap, room));
    } else {
        int top_h = (room - 2 * t->gap) / 2;
        if (top_h > ui_sc(t, 320))
            top_h = ui_sc(t, 320);
        chart_arrivals(c, ui_rect(t->pad, y, aw, top_h));
        chart_interest(c, ui_rect(t->pad, y + top_h + 2 * t->gap, aw, room - top_h - 2 * t->gap));
    }
}

/* The full name, "First Last" (either may be empty). */
static void full_name(const Guest *g, char *out, size_t len)
{
    snprintf(out, len, "%s%s%s", g->first, g->first[0] && g->last[0] ? " " : "", g->last);
}

/* The detail line of a guest: "Checked in at 10:42 · Badge printed · Walk-in ·
 * Code X · email · phone"; parts that are empty are left out. */
static void guest_facts(const Lay *c, const StaffGuest *sg, char *out, size_t len)
{
    UiLang lang = c->lang;
    const Guest *g = &sg->g;
    char code[160], when[160], hm[32];
    snprintf(code, sizeof code, ui_tr(lang, S_STAFF_CODE_FMT), g->code);
    if (sg->checked_in) {
        char local[32];
        time_format_local(sg->checked_in_at, local);
        /* "2026-08-20 10:03:12" -> "10:03": the event is one day. */
        snprintf(hm, sizeof hm, "%.5s", strlen(local) >= 16 ? local + 11 : local);
        snprintf(when, sizeof when, ui_tr(lang, S_STAFF_CHECKED_AT_FMT), hm);
    } else {
        snprintf(when, sizeof when, "%s", ui_tr(lang, S_STAFF_NOT_CHECKED));
    }
    const char *parts[7];
    size_t n = 0;
    /* What staff look for first, so a line cut on a narrow screen keeps it. */
    parts[n++] = when;
    if (sg->checked_in)
        parts[n++] = ui_tr(lang, sg->badge_printed ? S_STAFF_BADGE_YES : S_STAFF_BADGE_NO);
    parts[n++] = ui_tr(lang, g->walk_in ? S_STAFF_WALKIN : S_STAFF_PREREG);
    if (g->code[0])
        parts[n++] = code;
    if (g->email[0])
        parts[n++] = g->email;
    if (g->phone[0])
        parts[n++] = g->phone;
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        int w = snprintf(out + used, len - used, "%s%s", i ? " · " : "", parts[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* One match: the full name and company on the first line, the facts below;
 * the whole row is the widget (labelled with the full name). */
static void match_row(const Lay *c, UiRect r, uint32_t id, const StaffGuest *sg)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    const Guest *g = &sg->g;
    char name[600], head[900], facts[1200];
    full_name(g, name, sizeof name);
    if (g->company[0])
        snprintf(head, sizeof head, "%s — %s", name, g->company);
    else
        snprintf(head, sizeof head, "%s", name);
    guest_facts(c, sg, facts, sizeof facts);
    bool down = c->in->pressed == id;
    ui_draw_rect(v, r, down ? ui_mix(t->surface, t->primary, 40) : t->surface, t->radius);
    ui_draw_frame(v, r, c->in->focus == id && c->in->show_focus ? t->primary : t->border, t->radius,
                  t->border_w);
    ui_widget_add(v, id, UI_W_ROW, r, name, UI_WF_FOCUSABLE);
    int m = ui_sc(t, 12);
    int bh = ui_text_height(v, t->px_body, UI_BOLD);
    int sh = ui_text_height(v, t->px_small, UI_REGULAR);
    int y = r.y + (r.h - bh - sh) / 2;
    ui_text_in(v, ui_rect(r.x + m, y, r.w - 2 * m, bh), head, t->px_body, t->px_small, UI_BOLD,
               t->text, UI_LEFT);
    ui_text_in(v, ui_rect(r.x + m, y + bh, r.w - 2 * m, sh), facts, t->px_small,
               t->px_small * 8 / 10, UI_REGULAR, t->muted, UI_LEFT);
}

static void layout_lookup(const Lay *c)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    UiLang lang = c->lang;
    int bh = t->target;
    const char *back = ui_tr(lang, S_BACK);
    int bw = button_w(c, back, ui_sc(t, 120));
    ui_button(v, t, c->in, c->base + SW_BACK, ui_rect(t->pad, t->pad, bw, bh), back,
              UI_BTN_SECONDARY, t->px_button);
    int fx = t->pad + bw + t->gap;
    UiFieldSpec fs = {NULL, m->query, strlen(m->query), ui_tr(lang, S_STAFF_FIND_HINT), NULL, NULL};
    ui_field(v, t, c->in, c->base + SW_FIELD, ui_rect(fx, t->pad, c->w - fx - t->pad, bh), &fs,
             NULL);
    int bottom = c->h;
    if (m->kb.visible) {
        int kh = ui_keyboard_height(t, c->w, c->h);
        ui_keyboard_layout(v, t, c->in, &m->kb, ui_rect(0, c->h - kh, c->w, kh), c->base + SW_KEY,
                           lang);
        bottom = c->h - kh;
    }
    bottom -= t->gap;
    int y = t->pad + bh + 2 * t->gap;
    int aw = c->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    if (m->find_err[0]) {
        ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), m->find_err, t->px_body, UI_BOLD, t->error,
                     2, UI_CENTER);
        return;
    }
    if (text_codepoints(m->query) < SEARCH_MIN_QUERY) {
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), ui_tr(lang, S_FIND_MORE), t->px_body, t->px_small,
                   UI_REGULAR, t->muted, UI_CENTER);
        return;
    }
    if (m->nmatch == 0) {
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), ui_tr(lang, S_STAFF_FIND_NONE), t->px_body,
                   t->px_small, UI_REGULAR, t->text, UI_CENTER);
        return;
    }
    int rowh = ui_text_height(v, t->px_body, UI_BOLD) + ui_text_height(v, t->px_small, UI_REGULAR) +
               ui_sc(t, 16);
    if (rowh < t->target)
        rowh = t->target;
    int sh = ui_text_height(v, t->px_button, UI_BOLD) + ui_sc(t, 16);
    size_t fit = 0;
    while (fit < m->nmatch && y + (int)(fit + 1) * (rowh + t->gap) - t->gap <= bottom)
        fit++;
    size_t show = fit;
    /* The last room says how many more there are when not all fit. */
    size_t hidden = m->nmatch - show;
    if ((hidden || m->more) && show > 0 && y + (int)show * (rowh + t->gap) + sh > bottom) {
        show--;
        hidden++;
    }
    for (size_t i = 0; i < show; i++)
        match_row(c, ui_rect(t->pad, y + (int)i * (rowh + t->gap), aw, rowh),
                  c->base + SW_ROW + (uint32_t)i, &m->match[i]);
    int my = y + (int)show * (rowh + t->gap);
    if (hidden && m->kb.visible) {
        /* As on the guests' Find screen: more matches behind the keyboard. */
        char more[200];
        snprintf(more, sizeof more, ui_tr(lang, S_FIND_SHOW_MORE), hidden);
        int mw = button_w(c, more, ui_sc(t, 160));
        ui_button(v, t, c->in, c->base + SW_SHOW_MORE, ui_rect((c->w - mw) / 2, my, mw, sh), more,
                  UI_BTN_QUIET, t->px_button);
    } else if (hidden || m->more) {
        char more[200];
        if (hidden)
            snprintf(more, sizeof more, ui_tr(lang, S_STAFF_FIND_MORE_FMT), hidden);
        else
            snprintf(more, sizeof more, "%s", ui_tr(lang, S_STAFF_FIND_MANY));
        ui_text_in(v, ui_rect(t->pad, my, aw, sh), more, t->px_small, t->px_small * 8 / 10,
                   UI_REGULAR, t->muted, UI_CENTER);
    }
}

static void layout_guest(const Lay *c)
{
    const UiTheme *t = c->t;
    UiView *v = c->v;
    StaffMode *m = c->m;
    UiLang lang = c->lang;
    const StaffGuest *sg = &m->guest;
    const Guest *g = &sg->g;
    char name[600];
    full_name(g, name, sizeof name);
    const char *back = ui_tr(lang, S_BACK);
    int bw = button_w(c, back, ui_sc(t, 120));
    ui_button(v, t, c->in, c->base + SW_BACK, ui_rect(t->pad, t->pad, bw, t->target), back,
              UI_BTN_SECONDARY, t->px_button);
    int side = t->pad + bw + t->gap;
    ui_text_in(v, ui_rect(side, t->pad, c->w - 2 * side, t->target), name, t->px_title, t->px_small,
               UI_BOLD, t->text, UI_CENTER);
    int aw = c->w - 2 * t->pad;
    int y = t->pad + t->target + 2 * t->gap;
    int lh = ui_text_height(v, t->px_body, UI_REGULAR);
    int bh = t->target;
    int bottom = c->h - t->pad - bh;

    /* The buttons at the bottom: Undo check-in (when checked in) and Reprint
     * badge; or the confirmation in their place. */
    if (m->confirm_undo) {
        char ask[900];
        snprintf(ask, sizeof ask, ui_tr(lang, S_STAFF_UNDO_ASK_FMT), name);
        int ah = 2 * lh;
        ui_text_wrap(v, ui_rect(t->pad, bottom - t->gap - ah, aw, ah), ask, t->px_body, UI_BOLD,
                     t->text, 2, UI_LEFT);
        const char *yes = ui_tr(lang, S_STAFF_UNDO_YES), *no = ui_tr(lang, S_CANCEL);
        int yw = button_w(c, yes, ui_sc(t, 180)), nw = button_w(c, no, ui_sc(t, 160));
        ui_button(v, t, c->in, c->base + SW_UNDO_NO, ui_rect(t->pad, bottom, nw, bh), no,
                  UI_BTN_SECONDARY, t->px_button);
        ui_button(v, t, c->in, c->base + SW_UNDO_YES, ui_rect(c->w - t->pad - yw, bottom, yw, bh),
                  yes, UI_BTN_PRIMARY, t->px_button);
        bottom -= t->gap + ah;
    } else {
        int x = t->pad;
        if (sg->checked_in) {
            const char *ul = ui_tr(lang, S_STAFF_UNDO);
            int uw = button_w(c, ul, ui_sc(t, 180));
            ui_button(v, t, c->in, c->base + SW_UNDO, ui_rect(x, bottom, uw, bh), ul,
                      UI_BTN_SECONDARY, t->px_button);
            x += uw + t->gap;
        }
        const char *rl = ui_tr(lang, S_STAFF_REPRINT);
        int rw = button_w(c, rl, ui_sc(t, 180));
        if (m->env.reprint_badge) {
            ui_button(v, t, c->in, c->base + SW_REPRINT, ui_rect(x, bottom, rw, bh), rl,
                      UI_BTN_SECONDARY, t->px_button);
        } else {
            /* Drawn as a button that cannot be pressed, with why beside it. */
            UiRect r = ui_rect(x, bottom, rw, bh);
            ui_draw_rect(v, r, t->surface, t->radius);
            ui_draw_frame(v, r, t->border, t->radius, t->border_w);
            ui_text_in(v, r, rl, t->px_button, t->px_small, UI_BOLD, t->muted, UI_CENTER);
            int nx = x + rw + t->gap;
            if (c->w - t->pad - nx > ui_sc(t, 120))
                ui_text_wrap(v, ui_rect(nx, bottom, c->w - t->pad - nx, bh),
                             ui_tr(lang, S_STAFF_NO_PRINTING), t->px_small, UI_REGULAR, t->muted, 2,
                             UI_LEFT);
        }
        const char *note = NULL;
        UiColor nc = t->contrast ? t->accent : ui_rgb(0x2E, 0x7D, 0x32);
        if (m->guest_note == GN_UNDONE)
            note = ui_tr(lang, S_STAFF_UNDONE);
        else if (m->guest_note == GN_REPRINTED)
            note = ui_tr(lang, S_STAFF_REPRINTED);
        else if (m->guest_note == GN_ERROR) {
            note = m->guest_err;
            nc = t->error;
        }
        if (note) {
            ui_text_wrap(v, ui_rect(t->pad, bottom - t->gap - 2 * lh, aw, 2 * lh), note, t->px_body,
                         UI_BOLD, nc, 2, UI_LEFT);
            bottom -= t->gap + 2 * lh;
        }
    }

    /* Every detail on a line of its own: caption, value. */
    char code[160], when[160];
    snprintf(code, sizeof code, "%s", g->code);
    if (sg->checked_in) {
        char local[32];
        time_format_local(sg->checked_in_at, local);
        snprintf(when, sizeof when, "%s", local);
    } else {
        snprintf(when, sizeof when, "%s", ui_tr(lang, S_STAFF_NOT_CHECKED));
    }
    const char *rows[][2] = {
        {ui_tr(lang, S_COMPANY), g->company},
        {ui_tr(lang, S_JOB), g->title},
        {ui_tr(lang, S_EMAIL), g->email},
        {ui_tr(lang, S_PHONE), g->phone},
        {ui_tr(lang, S_STAFF_CODE_LABEL), code},
        {ui_tr(lang, S_STAFF_KIND_LABEL),
         ui_tr(lang, g->walk_in ? S_STAFF_WALKIN : S_STAFF_PREREG)},
        {ui_tr(lang, S_STAFF_CHECKIN_LABEL), when},
        {ui_tr(lang, S_STAFF_BADGE_LABEL),
         sg->checked_in ? ui_tr(lang, sg->badge_printed ? S_STAFF_BADGE_YES : S_STAFF_BADGE_NO)
                        : "—"},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    int cap_w = 0;
    for (size_t i = 0; i < nrows; i++) {
        int w = ui_text_width(v, rows[i][0], t->px_body, UI_BOLD);
        cap_w = w > cap_w ? w : cap_w;
    }
    if (cap_w > aw / 3)
        cap_w = aw / 3;
    int rh = lh + ui_sc(t, 4);
    for (size_t i = 0; i < nrows && y + rh <= bottom - t->gap; i++, y += rh) {
        ui_text_in(v, ui_rect(t->pad, y, cap_w, lh), rows[i][0], t->px_body, t->px_small, UI_BOLD,
                   t->muted, UI_LEFT);
        const char *val = rows[i][1][0] ? rows[i][1] : "—";
        ui_text_in(v, ui_rect(t->pad + cap_w + t->gap, y, aw - cap_w - t->gap, lh), val, t->px_body,
                   t->px_small, UI_REGULAR, t->text, UI_LEFT);
    }
}

void staff_layout(StaffMode *m, UiView *v, const UiTheme *t, const UiInteract *in, UiLang lang,
                  uint32_t id_base, int64_t now)
{
    Lay c = {m, v, t, in, lang, id_base, v->w, v->h};
    if (m->view == SV_HOME)
        layout_home(&c);
    else if (m->view == SV_LOOKUP)
        layout_lookup(&c);
    else if (m->view == SV_GUEST)
        layout_guest(&c);
    else
        layout_pad(&c, now);
}
