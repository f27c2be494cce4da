/* staff_home.c — the staff screen (SPEC §5): checked in / expected,
 * walk-ins, the badge printer, the sync folder, import problems, the charts
 * of arrivals and interest, and Find a guest, Print test badge, Export to USB
 * and Exit kiosk. The figures come from the visit layer (visit_dashboard). */
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "ui/screens/screen.h"

enum { ID_BACK = 1, ID_EXIT, ID_EXPORT, ID_FIND, ID_TEST };

/* The staff screen is read again this often while shown (printing moves on). */
#define REFRESH_MS 2000

/* How the last Export to USB or test badge went, shown until staff mode is
 * left or the other is done. */
typedef enum HomeNote {
    HN_NONE,
    HN_EXPORTED,
    HN_NO_USB,
    HN_EXPORT_FAILED,
    HN_TEST_PNG,    /* text: the PNG written */
    HN_TEST_SENT,   /* text: the printer; test_job its job */
    HN_TEST_FAILED, /* text: why */
} HomeNote;

typedef struct Home {
    Dashboard dash;
    int64_t refreshed_at;
    HomeNote note;
    char text[1200]; /* the folder written, or what went wrong */
    int test_job;
} Home;

static void refresh(Kiosk *k, Home *h, int64_t now)
{
    h->refreshed_at = now;
    visit_dashboard(k->visit, &h->dash);
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    refresh(k, st, now);
}

static void export_usb(Kiosk *k, Home *h)
{
    switch (visit_export_usb(k->visit, h->text, sizeof h->text)) {
    case VISIT_EXPORT_DONE:
        h->note = HN_EXPORTED;
        break;
    case VISIT_EXPORT_NO_USB:
        h->note = HN_NO_USB;
        break;
    case VISIT_EXPORT_FAILED:
        snprintf(h->text, sizeof h->text, "%s", visit_error(k->visit));
        h->note = HN_EXPORT_FAILED;
        break;
    }
}

static void test_badge(Kiosk *k, Home *h)
{
    TestBadge r;
    if (visit_test_badge(k->visit, &r) != 0) {
        snprintf(h->text, sizeof h->text, "%s", r.error);
        h->note = HN_TEST_FAILED;
    } else if (r.printer[0]) {
        snprintf(h->text, sizeof h->text, "%s", r.printer);
        h->test_job = r.job;
        h->note = HN_TEST_SENT;
    } else {
        snprintf(h->text, sizeof h->text, "%s", r.path);
        h->note = HN_TEST_PNG;
    }
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Home *h = st;
    switch (id) {
    case ID_BACK:
        kiosk_reset(k, now);
        break;
    case ID_EXIT:
        kiosk_request_quit(k); /* the staff screen stays up until the window goes */
        break;
    case ID_EXPORT:
        export_usb(k, h);
        break;
    case ID_FIND:
        kiosk_go(k, SCREEN_STAFF_LOOKUP, now);
        break;
    case ID_TEST:
        if (visit_prints(k->visit))
            test_badge(k, h);
        break;
    }
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    Home *h = st;
    if (now - h->refreshed_at < REFRESH_MS)
        return false;
    refresh(k, h, now);
    return true;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)k;
    (void)now;
    const Home *h = st;
    return h->refreshed_at + REFRESH_MS;
}

/* ---- layout ---- */

/* Exit kiosk at the bottom right, away from Back; Export to USB at the left,
 * and Find a guest and Print test badge beside it when the row has room for
 * them, else on a row of their own above it. Returns the top of the buttons. */
static int buttons(Kiosk *k)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target, bottom = v->h - t->pad - bh;
    int min = t->btn_wide;
    const char *exit = kiosk_tr(k, S_EXIT_KIOSK);
    int ew = screen_button_w(k, exit, t->px_button, min);
    ui_button(v, t, &k->in, ID_EXIT, ui_rect(v->w - t->pad - ew, bottom, ew, bh), exit,
              UI_BTN_PRIMARY, t->px_button);
    const char *xl = kiosk_tr(k, S_EXPORT_USB);
    int xw = screen_button_w(k, xl, t->px_button, min);
    ui_button(v, t, &k->in, ID_EXPORT, ui_rect(t->pad, bottom, xw, bh), xl, UI_BTN_SECONDARY,
              t->px_button);
    const char *fl = kiosk_tr(k, S_STAFF_FIND);
    int fw = screen_button_w(k, fl, t->px_button, min);
    const char *tl = kiosk_tr(k, S_STAFF_TEST_BADGE);
    int tw = visit_prints(k->visit) ? screen_button_w(k, tl, t->px_button, min) : 0;
    int tools_w = fw + (tw ? t->gap + tw : 0);
    int tx = t->pad + xw + t->gap, ty = bottom;
    if (tx + tools_w + t->gap > v->w - t->pad - ew) {
        tx = t->pad;
        ty = bottom - t->gap - bh;
    }
    ui_button(v, t, &k->in, ID_FIND, ui_rect(tx, ty, fw, bh), fl, UI_BTN_SECONDARY, t->px_button);
    if (tw)
        ui_button(v, t, &k->in, ID_TEST, ui_rect(tx + fw + t->gap, ty, tw, bh), tl,
                  UI_BTN_SECONDARY, t->px_button);
    return ty;
}

/* How the test badge went, just above the buttons; returns the new bottom. */
static int test_note(Kiosk *k, const Home *h, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int aw = v->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    UiColor ok = t->success;
    if (h->note == HN_TEST_SENT) {
        int y = bottom - t->gap - 2 * lh;
        char line[400];
        snprintf(line, sizeof line, kiosk_tr(k, S_STAFF_TEST_SENT_FMT), h->text, h->test_job);
        ui_text_in(v, ui_rect(t->pad, y + lh, aw, lh), line, t->px_small, t->px_small * 8 / 10,
                   UI_BOLD, ok, UI_LEFT);
        return y;
    }
    if (h->note == HN_TEST_PNG) {
        int y = bottom - t->gap - 2 * lh;
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), kiosk_tr(k, S_STAFF_TEST_PNG), t->px_small,
                   t->px_small, UI_BOLD, ok, UI_LEFT);
        ui_text_in(v, ui_rect(t->pad, y + lh, aw, lh), h->text, t->px_small, t->px_small * 7 / 10,
                   UI_REGULAR, t->text, UI_LEFT);
        return y;
    }
    if (h->note == HN_TEST_FAILED) {
        int y = bottom - t->gap - 3 * lh;
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), kiosk_tr(k, S_STAFF_TEST_FAILED), t->px_small,
                   t->px_small, UI_BOLD, t->error, UI_LEFT);
        ui_text_wrap(v, ui_rect(t->pad, y + lh, aw, 2 * lh), h->text, t->px_small, UI_REGULAR,
                     t->text, 2, UI_LEFT);
        return y;
    }
    return bottom;
}

/* "cannot write PATH: REASON": the reason first, where it is read, then what
 * could not be written. */
static void export_failed(Kiosk *k, const Home *h, int y, int lh)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int aw = v->w - 2 * t->pad;
    char head[800], what[1200];
    snprintf(what, sizeof what, "%s", h->text);
    char *colon = strrchr(what, ':');
    if (colon && colon[1] == ' ') {
        *colon = '\0';
        snprintf(head, sizeof head, "%s %s", kiosk_tr(k, S_EXPORT_FAILED), colon + 2);
    } else {
        snprintf(head, sizeof head, "%s", kiosk_tr(k, S_EXPORT_FAILED));
    }
    ui_text_in(v, ui_rect(t->pad, y, aw, lh), head, t->px_small, t->px_small * 8 / 10, UI_BOLD,
               t->error, UI_LEFT);
    ui_text_wrap(v, ui_rect(t->pad, y + lh, aw, 3 * lh), what, t->px_small, UI_REGULAR, t->text, 3,
                 UI_LEFT);
}

/* How the export went, just above the buttons: where it went, or why not.
 * Returns the new bottom. */
static int export_note(Kiosk *k, const Home *h, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    if (h->note < HN_EXPORTED || h->note > HN_EXPORT_FAILED)
        return bottom;
    int aw = v->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    int y = bottom - t->gap - (h->note == HN_EXPORT_FAILED ? 4 : 2) * lh;
    if (h->note == HN_NO_USB) {
        ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), kiosk_tr(k, S_EXPORT_NO_USB), t->px_small,
                     UI_BOLD, t->error, 2, UI_LEFT);
    } else if (h->note == HN_EXPORTED) {
        UiColor ok = t->success;
        ui_text_in(v, ui_rect(t->pad, y, aw, lh), kiosk_tr(k, S_EXPORT_DONE), t->px_small,
                   t->px_small, UI_BOLD, ok, UI_LEFT);
        /* A path has no spaces to wrap at: shrunk to fit, then cut. */
        ui_text_in(v, ui_rect(t->pad, y + lh, aw, lh), h->text, t->px_small, t->px_small * 7 / 10,
                   UI_REGULAR, t->text, UI_LEFT);
    } else {
        export_failed(k, h, y, lh);
    }
    return y;
}

/* One figure of the staff screen: a caption, a large value and a detail line. */
static void card(Kiosk *k, UiRect r, const char *caption, const char *value, const char *detail,
                 bool bad)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
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

/* The three cards: checked in, walk-ins, badges. Returns the y below them. */
static int cards(Kiosk *k, const Dashboard *d, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    char value[3][160], detail[3][400];
    bool bad[3] = {false, false, false};
    if (d->stats_ok) {
        snprintf(value[0], sizeof value[0], "%zu", d->stats.checked_in);
        snprintf(detail[0], sizeof detail[0], kiosk_tr(k, S_STAFF_EXPECTED_FMT), d->stats.expected);
        snprintf(value[1], sizeof value[1], "%zu", d->stats.walk_ins);
        snprintf(detail[1], sizeof detail[1], "%s", kiosk_tr(k, S_STAFF_WALKINS_SUB));
    } else {
        snprintf(value[0], sizeof value[0], "—");
        snprintf(detail[0], sizeof detail[0], "%s", d->stats_err);
        snprintf(value[1], sizeof value[1], "—");
        detail[1][0] = '\0';
        bad[0] = true;
    }
    const PrinterStatus *p = &d->printer;
    if (!d->have_printer) {
        snprintf(value[2], sizeof value[2], "%s", kiosk_tr(k, S_STAFF_PRINT_OFF));
        detail[2][0] = '\0';
        bad[2] = true;
    } else {
        snprintf(value[2], sizeof value[2], "%s",
                 p->printer[0] ? p->printer : kiosk_tr(k, S_STAFF_PRINT_PNG));
        if (!p->ok && p->message[0])
            snprintf(detail[2], sizeof detail[2], "%s", p->message);
        else
            snprintf(detail[2], sizeof detail[2], kiosk_tr(k, S_STAFF_PRINT_FMT), p->waiting,
                     p->failed);
        bad[2] = !p->ok || p->failed > 0;
    }
    static const UiStr CAPTIONS[3] = {S_STAFF_CHECKED_IN, S_STAFF_WALKINS, S_STAFF_BADGES};
    int aw = v->w - 2 * t->pad;
    int cols = v->w > v->h ? 3 : 1;
    int cw = (aw - (cols - 1) * t->gap) / cols, ch = ui_sc(t, 96);
    for (int i = 0; i < 3; i++) {
        int col = i % cols, row = i / cols;
        card(k, ui_rect(t->pad + col * (cw + t->gap), y + row * (ch + t->gap), cw, ch),
             kiosk_tr(k, CAPTIONS[i]), value[i], detail[i], bad[i]);
    }
    return y + ((3 + cols - 1) / cols) * (ch + t->gap) + t->gap;
}

/* "Sync: last copied 14:03 to /media/usb/lanyard", or why the copy failed. */
static void sync_line(const Kiosk *k, const SyncStatus *s, char *out, size_t outlen)
{
    char when[32] = "";
    if (s->last_ok) {
        char local[32];
        time_format_local(s->last_ok, local);
        snprintf(when, sizeof when, "%.5s", local + 11); /* HH:MM of "YYYY-MM-DD HH:MM:SS" */
    }
    /* "cannot write PATH: REASON": the reason first, where it is read. */
    char why[sizeof s->error + 8];
    const char *colon = strrchr(s->error, ':');
    if (colon && colon[1] == ' ' && colon[2])
        snprintf(why, sizeof why, "%s — %.*s", colon + 2, (int)(colon - s->error), s->error);
    else
        snprintf(why, sizeof why, "%s", s->error);
    if (!s->ok && when[0])
        snprintf(out, outlen, kiosk_tr(k, S_STAFF_SYNC_FAILED_SINCE_FMT), when, why);
    else if (!s->ok)
        snprintf(out, outlen, kiosk_tr(k, S_STAFF_SYNC_FAILED_FMT), why);
    else if (when[0])
        snprintf(out, outlen, kiosk_tr(k, S_STAFF_SYNC_FMT), when, s->folder);
    else
        snprintf(out, outlen, kiosk_tr(k, S_STAFF_SYNC_WAITING_FMT), s->folder);
}

/* The sync folder and what went wrong importing the event's files, under the
 * cards while there is room; returns the y below them. */
static int status_lines(Kiosk *k, const Dashboard *d, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int aw = v->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    if (d->have_sync && y + 2 * lh <= bottom - t->gap) {
        char line[1400];
        sync_line(k, &d->sync, line, sizeof line);
        y += ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), line, t->px_small, UI_BOLD,
                          d->sync.ok ? t->text : t->error, 2, UI_LEFT) +
             t->gap;
    }
    for (size_t i = 0; i < VISIT_EVENT_FILES; i++) {
        if (!d->import_err[i][0])
            continue;
        if (y + 2 * lh > bottom - t->gap)
            break;
        char line[700];
        snprintf(line, sizeof line, kiosk_tr(k, S_STAFF_IMPORT_FMT), d->import_err[i]);
        y += ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), line, t->px_small, UI_BOLD, t->error,
                          2, UI_LEFT) +
             t->gap;
    }
    return y;
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)now;
    Home *h = st;
    const UiTheme *t = &k->theme;
    int top = screen_bar(k, ID_BACK, S_BACK, S_STAFF_HEADING);
    int bottom = buttons(k);
    bottom = test_note(k, h, bottom);
    bottom = export_note(k, h, bottom);
    int y = cards(k, &h->dash, top + t->gap);
    y = status_lines(k, &h->dash, y, bottom);
    /* The charts in the room left; left out when not even a small chart fits. */
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    int room = bottom - t->gap - y;
    if (h->dash.charts_ok && room >= 4 * lh + ui_sc(t, 24))
        screen_charts(k, &h->dash, ui_rect(t->pad, y, v->w - 2 * t->pad, room));
}

const UiScreen screen_staff_home = {
    .name = "staff",
    .state_size = sizeof(Home),
    .enter = enter,
    .press = press,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
