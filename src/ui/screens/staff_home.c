/* staff_home.c — the staff screen (SPEC §5): checked in / expected,
 * walk-ins, the badge printer, the sync folder, import problems, the charts
 * of arrivals and interest, and Find a guest, Print test badge, Export to USB,
 * Kiosk set-up (staff_setup.c) and Exit kiosk. The figures come from the visit layer
 * (visit_dashboard). */
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "ui/screens/screen.h"
#include "visit/visit_job.h"

enum { ID_BACK = 1, ID_EXIT, ID_EXIT_YES, ID_EXIT_NO, ID_EXPORT, ID_FIND, ID_TEST, ID_SETUP };

/* The staff screen is read again this often while shown (printing moves on). */
#define REFRESH_MS 2000
/* How often a test badge or an export on its way is asked about (and at
 * every frame besides). */
#define TEST_POLL_MS 100

/* How the last Export to USB or test badge went, shown until staff mode is
 * left or the other is done. */
typedef enum HomeNote {
    HN_NONE,
    HN_EXPORTED,
    HN_NO_USB,
    HN_USB_READ_ONLY,
    HN_EXPORT_FAILED,
    HN_TEST_PNG,     /* text: the PNG written */
    HN_TEST_SENT,    /* text: the printer; test_job its job */
    HN_TEST_FAILED,  /* text: why */
    HN_TEST_SENDING, /* on its way (the print worker has it) */
    HN_EXPORTING,    /* under way (on a thread of its own) */
} HomeNote;

typedef struct Home {
    Dashboard dash;
    int64_t refreshed_at;
    bool confirm_exit; /* Exit kiosk was pressed: asked first */
    HomeNote note;
    char text[1200]; /* the folder written, or what went wrong */
    int test_job;
    bool exporting;    /* an export under way: tick asks how it went */
    bool start_export; /* and waiting for the stick to be free to start */
} Home;

static void refresh(Kiosk *k, Home *h, int64_t now)
{
    h->refreshed_at = now;
    visit_dashboard(k->env.visit, &h->dash);
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    Home *h = st;
    h->confirm_exit = false;
    /* An export left under way (staff went elsewhere) is still shown. */
    h->exporting = h->start_export || visit_job_export_pending(k->env.visit);
    if (h->exporting)
        h->note = HN_EXPORTING;
    else if (h->note == HN_EXPORTING)
        h->note = HN_NONE;
    refresh(k, h, now);
}

/* How the export went, once it has. */
static void export_done(Kiosk *k, Home *h, const VisitJobResult *r)
{
    h->exporting = false;
    switch ((VisitExport)r->rc) {
    case VISIT_EXPORT_DONE:
        snprintf(h->text, sizeof h->text, "%s", r->dir);
        h->note = HN_EXPORTED;
        break;
    case VISIT_EXPORT_NO_USB:
        h->note = HN_NO_USB;
        break;
    case VISIT_EXPORT_READ_ONLY:
        h->note = HN_USB_READ_ONLY;
        break;
    case VISIT_EXPORT_FAILED:
        snprintf(h->text, sizeof h->text, "%s", visit_error(k->env.visit));
        h->note = HN_EXPORT_FAILED;
        break;
    }
}

/* Export to USB: on a thread of its own (visit/visit_job.h), so a stick that
 * hangs never holds the screen; tick asks how it went. */
static void export_usb(Kiosk *k, Home *h)
{
    if (h->exporting)
        return; /* one at a time */
    int rc = visit_job_start(k->env.visit, VISIT_JOB_EXPORT, NULL, false);
    if (rc < 0) {
        snprintf(h->text, sizeof h->text, "%s", visit_error(k->env.visit));
        h->note = HN_EXPORT_FAILED;
        return;
    }
    /* rc 1: the stick is still busy with Load event's look at it; the export
     * starts when that ends (tick). */
    h->exporting = true;
    h->start_export = rc == 1;
    h->note = HN_EXPORTING;
}

/* An export under way, or waiting for the stick: true when the note changed. */
static bool export_tick(Kiosk *k, Home *h)
{
    if (h->start_export) {
        int rc = visit_job_start(k->env.visit, VISIT_JOB_EXPORT, NULL, false);
        if (rc == 1)
            return false;
        h->start_export = false;
        if (rc < 0) {
            h->exporting = false;
            snprintf(h->text, sizeof h->text, "%s", visit_error(k->env.visit));
            h->note = HN_EXPORT_FAILED;
            return true;
        }
    }
    VisitJobResult r;
    int rc = visit_job_take(k->env.visit, VISIT_JOB_EXPORT, &r);
    if (rc == 1)
        return false;
    if (rc < 0) { /* taken elsewhere: nothing to show */
        h->exporting = false;
        if (h->note == HN_EXPORTING)
            h->note = HN_NONE;
        return true;
    }
    export_done(k, h, &r);
    return true;
}

/* The note for how the test badge went (rc as visit_test_badge_result). */
static void test_note(Home *h, int rc, const TestBadge *r)
{
    if (rc > 0) {
        h->note = HN_TEST_SENDING;
    } else if (rc < 0) {
        snprintf(h->text, sizeof h->text, "%s", r->error);
        h->note = HN_TEST_FAILED;
    } else if (r->printer[0]) {
        snprintf(h->text, sizeof h->text, "%s", r->printer);
        h->test_job = r->job;
        h->note = HN_TEST_SENT;
    } else {
        snprintf(h->text, sizeof h->text, "%s", r->path);
        h->note = HN_TEST_PNG;
    }
}

/* Print test badge: handed to the print worker, so a printer that does not
 * answer never holds the screen; tick asks how it went. */
static void test_badge(Kiosk *k, Home *h)
{
    TestBadge r;
    if (h->note == HN_TEST_SENDING)
        return; /* one at a time */
    if (visit_test_badge(k->env.visit, &r) != 0) {
        test_note(h, -1, &r);
        return;
    }
    test_note(h, visit_test_badge_result(k->env.visit, &r), &r);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Home *h = st;
    switch (id) {
    case ID_BACK:
        kiosk_reset(k, now);
        break;
    case ID_EXIT:
        h->confirm_exit = true;
        break;
    case ID_EXIT_NO:
        h->confirm_exit = false;
        break;
    case ID_EXIT_YES:
        kiosk_request_quit(k); /* the staff screen stays up until the window goes */
        break;
    case ID_EXPORT:
        export_usb(k, h);
        break;
    case ID_FIND:
        kiosk_go(k, SCREEN_STAFF_LOOKUP, now);
        break;
    case ID_SETUP:
        kiosk_go(k, SCREEN_STAFF_SETUP, now);
        break;
    case ID_TEST:
        if (visit_prints(k->env.visit))
            test_badge(k, h);
        break;
    }
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    Home *h = st;
    if (h->exporting && export_tick(k, h))
        return true;
    if (h->note == HN_TEST_SENDING) {
        TestBadge r;
        test_note(h, visit_test_badge_result(k->env.visit, &r), &r);
        if (h->note != HN_TEST_SENDING)
            return true;
    }
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
    if (h->note == HN_TEST_SENDING || h->exporting)
        return now + TEST_POLL_MS;
    return h->refreshed_at + REFRESH_MS;
}

/* ---- layout ---- */

/* The reason in "cannot write PATH: REASON" (how the export and the sync
 * worker say a write failed), with in *what the length of what comes before
 * it; NULL when msg is not of that shape. */
static const char *failure_reason(const char *msg, int *what)
{
    const char *colon = strrchr(msg, ':');
    if (!colon || colon[1] != ' ' || !colon[2])
        return NULL;
    *what = (int)(colon - msg);
    return colon + 2;
}

/* The buttons: Exit kiosk at the bottom right, away from Back; Export to USB
 * at the left, and Find a guest and Print test badge beside it when the row
 * has room for them, else on a row of their own above it. What the last
 * action came to is said in the room between them and Exit kiosk (free). */
typedef struct Buttons {
    UiRect exit, export_usb, find, test; /* test.w 0: the kiosk does not print */
    UiRect free[2]; /* room for a note: on the bottom row; over both rows (w <= 0: none) */
    int top;
} Buttons;

static void buttons_plan(Kiosk *k, Buttons *b)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int bh = t->target, bottom = v->h - t->pad - bh, min = t->btn_wide, px = t->px_button;
    int ew = screen_button_w(k, kiosk_tr(k, S_EXIT_KIOSK), px, min);
    b->exit = ui_rect(v->w - t->pad - ew, bottom, ew, bh);
    b->export_usb =
        ui_rect(t->pad, bottom, screen_button_w(k, kiosk_tr(k, S_EXPORT_USB), px, min), bh);
    int fw = screen_button_w(k, kiosk_tr(k, S_STAFF_FIND), px, min);
    int tw = visit_prints(k->env.visit)
                 ? screen_button_w(k, kiosk_tr(k, S_STAFF_TEST_BADGE), px, min)
                 : 0;
    int tools_w = fw + (tw ? t->gap + tw : 0);
    int tx = b->export_usb.x + b->export_usb.w + t->gap, ty = bottom;
    if (tx + tools_w + t->gap > b->exit.x) {
        tx = t->pad;
        ty = bottom - t->gap - bh;
    }
    b->find = ui_rect(tx, ty, fw, bh);
    b->test = ui_rect(tx + fw + t->gap, ty, tw, bh);
    b->top = ty;
    int tools_end = tw ? b->test.x + tw : b->find.x + fw;
    int row_end = ty == bottom ? tools_end : b->export_usb.x + b->export_usb.w;
    int both_end = tools_end > row_end ? tools_end : row_end;
    b->free[0] = ui_rect(row_end + t->gap, bottom, b->exit.x - 2 * t->gap - row_end, bh);
    b->free[1] =
        ui_rect(both_end + t->gap, ty, b->exit.x - 2 * t->gap - both_end, bottom + bh - ty);
}

static void buttons_draw(Kiosk *k, const Home *h, const Buttons *b)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int px = t->px_button;
    if (h->confirm_exit) {
        /* Exit kiosk asks first: Cancel and Yes, exit in its place. */
        const char *no = kiosk_tr(k, S_CANCEL), *yes = kiosk_tr(k, S_EXIT_YES);
        int yw = screen_button_w(k, yes, px, t->btn_min);
        int nw = screen_button_w(k, no, px, t->btn_min);
        int x = v->w - t->pad - yw;
        ui_button(v, t, &k->in, ID_EXIT_YES, ui_rect(x, b->exit.y, yw, b->exit.h), yes,
                  UI_BTN_PRIMARY, px);
        ui_button(v, t, &k->in, ID_EXIT_NO, ui_rect(x - t->gap - nw, b->exit.y, nw, b->exit.h), no,
                  UI_BTN_SECONDARY, px);
    } else {
        ui_button(v, t, &k->in, ID_EXIT, b->exit, kiosk_tr(k, S_EXIT_KIOSK), UI_BTN_PRIMARY, px);
    }
    ui_button(v, t, &k->in, ID_EXPORT, b->export_usb, kiosk_tr(k, S_EXPORT_USB), UI_BTN_SECONDARY,
              px);
    ui_button(v, t, &k->in, ID_FIND, b->find, kiosk_tr(k, S_STAFF_FIND), UI_BTN_SECONDARY, px);
    if (b->test.w)
        ui_button(v, t, &k->in, ID_TEST, b->test, kiosk_tr(k, S_STAFF_TEST_BADGE), UI_BTN_SECONDARY,
                  px);
}

/* What a note says: a first line in its colour, then the rest, wrapped, or
 * (a path, which has no spaces to wrap at) on one line, shrunk to fit. */
typedef struct Note {
    char head[800];
    UiColor colour;
    char body[1200];
    bool path;
} Note;

/* The note of the last action, or false when there is none. */
static bool note_of(Kiosk *k, const Home *h, Note *n)
{
    const UiTheme *t = &k->theme;
    memset(n, 0, sizeof *n);
    n->colour = t->success;
    switch (h->note) {
    case HN_NONE:
        return false;
    case HN_TEST_SENT:
        snprintf(n->head, sizeof n->head, kiosk_tr(k, S_STAFF_TEST_SENT_FMT), h->text, h->test_job);
        break;
    case HN_TEST_PNG:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_STAFF_TEST_PNG));
        snprintf(n->body, sizeof n->body, "%s", h->text);
        n->path = true;
        break;
    case HN_TEST_SENDING:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_STAFF_TEST_SENDING));
        break;
    case HN_EXPORTING:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_EXPORT_COPYING));
        break;
    case HN_TEST_FAILED:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_STAFF_TEST_FAILED));
        snprintf(n->body, sizeof n->body, "%s", h->text);
        n->colour = t->error;
        break;
    case HN_EXPORTED:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_EXPORT_DONE));
        snprintf(n->body, sizeof n->body, "%s", h->text);
        n->path = true;
        break;
    case HN_NO_USB:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_EXPORT_NO_USB));
        n->colour = t->error;
        break;
    case HN_USB_READ_ONLY:
        snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_EXPORT_READ_ONLY));
        n->colour = t->error;
        break;
    case HN_EXPORT_FAILED: {
        /* The reason first, where it is read, then what could not be written. */
        int what;
        const char *reason = failure_reason(h->text, &what);
        if (reason) {
            snprintf(n->head, sizeof n->head, "%s %s", kiosk_tr(k, S_EXPORT_FAILED), reason);
            snprintf(n->body, sizeof n->body, "%.*s", what, h->text);
        } else {
            snprintf(n->head, sizeof n->head, "%s", kiosk_tr(k, S_EXPORT_FAILED));
            snprintf(n->body, sizeof n->body, "%s", h->text);
        }
        n->colour = t->error;
        break;
    }
    }
    return true;
}

/* Lines the note takes in width w. */
static int note_lines(Kiosk *k, const Note *n, int w)
{
    const UiTheme *t = &k->theme;
    int head = ui_text_wraps(k->view, n->head, t->px_small, UI_BOLD, w, 1)   ? 1
               : ui_text_wraps(k->view, n->head, t->px_small, UI_BOLD, w, 2) ? 2
                                                                             : 3;
    if (!n->body[0])
        return head;
    if (n->path)
        return head + 1;
    return head + (ui_text_wraps(k->view, n->body, t->px_small, UI_REGULAR, w, 2) ? 2 : 3);
}

static void note_draw(Kiosk *k, const Note *n, UiRect r)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    int lines = note_lines(k, n, r.w);
    int y = r.y + (r.h - lines * lh) / 2;
    y += ui_text_wrap(v, ui_rect(r.x, y, r.w, 2 * lh), n->head, t->px_small, UI_BOLD, n->colour, 2,
                      UI_LEFT);
    if (n->path)
        ui_text_in(v, ui_rect(r.x, y, r.w, lh), n->body, t->px_small, t->px_small * 7 / 10,
                   UI_REGULAR, t->text, UI_LEFT);
    else if (n->body[0])
        ui_text_wrap(v, ui_rect(r.x, y, r.w, r.y + r.h - y), n->body, t->px_small, UI_REGULAR,
                     t->text, 3, UI_LEFT);
}

/* What the last action came to, or the question of Exit kiosk: beside the
 * buttons when there is room, else just above them. Returns the new bottom
 * of the screen's other contents. */
static int notes(Kiosk *k, const Home *h, const Buttons *b)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    Note n;
    bool any = note_of(k, h, &n);
    if (h->confirm_exit) {
        memset(&n, 0, sizeof n);
        snprintf(n.head, sizeof n.head, "%s", kiosk_tr(k, S_EXIT_ASK));
        n.colour = t->text;
        any = true;
    }
    if (!any)
        return b->top;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    for (int i = 0; i < 2; i++) {
        UiRect r = b->free[i];
        if (h->confirm_exit) /* Cancel takes part of the room */
            r.w -= screen_button_w(k, kiosk_tr(k, S_CANCEL), t->px_button, t->btn_min) + t->gap;
        if (r.w >= ui_sc(t, 200) && note_lines(k, &n, r.w) * lh <= r.h) {
            note_draw(k, &n, r);
            return b->top;
        }
    }
    UiRect r;
    int w = v->w - 2 * t->pad, lines = note_lines(k, &n, w);
    r = ui_rect(t->pad, b->top - t->gap - lines * lh, w, lines * lh);
    note_draw(k, &n, r);
    return r.y;
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
        /* As `lanyard stats` and the exports count them: the pre-registered
         * checked in, the walk-ins apart, and everyone present. */
        snprintf(value[0], sizeof value[0], "%zu", d->stats.registered_in);
        snprintf(detail[0], sizeof detail[0], kiosk_tr(k, S_STAFF_EXPECTED_FMT), d->stats.expected);
        snprintf(value[1], sizeof value[1], "%zu", d->stats.walk_ins);
        snprintf(detail[1], sizeof detail[1], kiosk_tr(k, S_STAFF_WALKINS_SUB),
                 d->stats.checked_in);
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
        /* The counts stay: they say whose badges wait or failed. What is
         * wrong has a line of its own under the cards (status_lines). */
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
    if (s->last_ok)
        time_format_local_hm(s->last_ok, when);
    /* The reason first, where it is read. */
    char why[sizeof s->error + 8];
    int what;
    const char *reason = failure_reason(s->error, &what);
    if (reason)
        snprintf(why, sizeof why, "%s — %.*s", reason, what, s->error);
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

/* What is wrong with the badge printer, wrapped on up to three lines (a
 * printer's reason can be long); a stopped one says how staff start it. */
static int printer_line(Kiosk *k, const Dashboard *d, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    const PrinterStatus *p = &d->printer;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    if (!d->have_printer || p->ok || !p->message[0] || y + 2 * lh > bottom - t->gap)
        return y;
    char line[600];
    if (p->paused)
        snprintf(line, sizeof line, kiosk_tr(k, S_STAFF_PRINT_PAUSED_FMT), p->message);
    else
        snprintf(line, sizeof line, "%s", p->message);
    int lines = y + 3 * lh <= bottom - t->gap ? 3 : 2;
    return y +
           ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, lines * lh), line, t->px_small,
                        UI_BOLD, t->error, lines, UI_LEFT) +
           t->gap;
}

/* One status line of up to two lines of text at y, when it fits above
 * bottom; returns the y below it. */
static int status_line(Kiosk *k, const char *text, UiColor c, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    if (y + 2 * lh > bottom - t->gap)
        return y;
    return y +
           ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, 2 * lh), text, t->px_small,
                        UI_BOLD, c, 2, UI_LEFT) +
           t->gap;
}

/* The database failing (what guests sent to staff are there about), the
 * printer's problem, the sync folder, event.ini's messages and what went
 * wrong importing the event's files, under the cards while there is room;
 * returns the y below them. */
static int status_lines(Kiosk *k, const Dashboard *d, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int aw = v->w - 2 * t->pad;
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    char line[1400];
    if (d->save_fault[0]) {
        snprintf(line, sizeof line, kiosk_tr(k, S_STAFF_SAVE_FAULT_FMT), d->save_fault);
        y = status_line(k, line, t->error, y, bottom);
    }
    y = printer_line(k, d, y, bottom);
    if (d->have_sync && y + 2 * lh <= bottom - t->gap) {
        char line[1400];
        sync_line(k, &d->sync, line, sizeof line);
        y += ui_text_wrap(v, ui_rect(t->pad, y, aw, 2 * lh), line, t->px_small, UI_BOLD,
                          d->sync.ok ? t->text : t->error, 2, UI_LEFT) +
             t->gap;
    }
    if (d->config_notes[0]) {
        snprintf(line, sizeof line, "%s", d->config_notes);
        y = status_line(k, line, d->config_errors ? t->error : t->text, y, bottom);
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
    int top = screen_staff_bar(k, kiosk_tr(k, S_STAFF_HEADING), ID_BACK, kiosk_tr(k, S_BACK),
                               ID_SETUP, kiosk_tr(k, S_STAFF_SETUP));
    Buttons b;
    buttons_plan(k, &b);
    buttons_draw(k, h, &b);
    int bottom = notes(k, h, &b);
    int y = cards(k, &h->dash, top + t->gap);
    y = status_lines(k, &h->dash, y, bottom);
    /* The charts in the room left; left out when not even a small chart fits. */
    int lh = ui_text_height(v, t->px_small, UI_REGULAR);
    int room = bottom - t->gap - y;
    if (h->dash.charts_ok && room >= 4 * lh + ui_sc(t, 24))
        screen_charts(k, &h->dash, ui_rect(t->pad, y, v->w - 2 * t->pad, room));
}

const UiScreen screen_staff_home = {
    .name = "staff_home",
    .back_id = ID_BACK,
    .staff = true,
    .state_size = sizeof(Home),
    .enter = enter,
    .press = press,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
