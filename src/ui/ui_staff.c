/* ui_staff.c — staff mode: lock-out arithmetic, the PIN pad and the staff
 * screen. See ui_staff.h. Sections: lock-out, state, PIN entry, timers,
 * layout. */
#include "ui/ui_staff.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pin.h"
#include "core/timefmt.h"
#include "ui/staff_export.h"

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
};

typedef enum StaffView { SV_OFF, SV_PIN, SV_HOME } StaffView;

/* What the pad says under the digits. */
typedef enum PadNote {
    PN_NONE,
    PN_WRONG,
    PN_WAIT,
    PN_LOCKED,
    PN_NO_PIN,
    PN_ERROR, /* the lock-out could not be read: no PIN is tried */
} PadNote;

/* The staff screen is refreshed this often while shown (printing moves on). */
#define REFRESH_MS 2000

static const char *const IMPORT_FILES[] = {"programs.csv", "guests.csv"};
#define NIMPORT (sizeof IMPORT_FILES / sizeof IMPORT_FILES[0])

/* How the last Export to USB went, shown until staff mode is left. */
typedef enum ExportNote { EXN_NONE, EXN_DONE, EXN_NO_USB, EXN_FAILED } ExportNote;

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
};

StaffMode *staff_create(const StaffEnv *env)
{
    StaffMode *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->env = *env;
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
}

const char *staff_screen_name(const StaffMode *m)
{
    return m->view == SV_HOME ? "staff" : "staff_pin";
}

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
    }
    return STAFF_STAY;
}

StaffResult staff_text(StaffMode *m, const char *utf8, int64_t now)
{
    (void)now;
    if (m->view != SV_PIN)
        return STAFF_STAY;
    for (const char *p = utf8; *p; p++)
        if (*p >= '0' && *p <= '9')
            add_digit(m, *p);
    return STAFF_STAY;
}

StaffResult staff_key(StaffMode *m, UiKey key, int64_t now)
{
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
    if (!s->ok && when[0])
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FAILED_SINCE_FMT), when, s->message);
    else if (!s->ok)
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FAILED_FMT), s->message);
    else if (when[0])
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_FMT), when, s->folder);
    else
        snprintf(out, outlen, ui_tr(lang, S_STAFF_SYNC_WAITING_FMT), s->folder);
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
    int aw = c->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    /* How the export went, just above the buttons: where it went, or why not. */
    if (m->export_note != EXN_NONE) {
        int y = bottom - t->gap - (m->export_note == EXN_FAILED ? 4 : 2) * lh;
        UiColor ok = t->contrast ? t->accent : ui_rgb(0x2E, 0x7D, 0x32);
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
}

void staff_layout(StaffMode *m, UiView *v, const UiTheme *t, const UiInteract *in, UiLang lang,
                  uint32_t id_base, int64_t now)
{
    Lay c = {m, v, t, in, lang, id_base, v->w, v->h};
    if (m->view == SV_HOME)
        layout_home(&c);
    else
        layout_pad(&c, now);
}
