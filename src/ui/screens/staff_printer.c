/* staff_printer.c — staff mode's Printer (SPEC §5): the CUPS queues and the
 * printers CUPS sees on this kiosk, looked for in the background (the screen
 * reads how far the look is while it is shown). A queue can print a test
 * badge and be made the event's printer (the kiosk then starts again with
 * it); a Brother QL or DYMO LabelWriter 4xx with a driver gets a queue of
 * its own; one without a driver is said to have none. The rules are the
 * visit layer's (visit/visit_printer.h). The test badge is sent by the
 * print worker; the screen asks how it went at each frame meanwhile. A
 * stopped queue (out of labels, a printer error, cupsdisable) says so and
 * why, and Resume printer starts it again, so the badges waiting for it
 * print without a shell. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "ui/screens/screen.h"
#include "visit/visit_printer.h"

enum {
    ID_BACK = 1,
    ID_AGAIN,
    ID_TEST,
    ID_USE,
    ID_ADD,
    ID_RESUME,
    ID_QUEUE = SCREEN_ITEMS(1),
    ID_DEVICE = SCREEN_ITEMS(2),
};

/* While a look or an add is under way the screen wakes this often to read
 * its state (and reads it at every frame besides). */
#define POLL_MS 250
/* How often a test badge on its way is asked about. */
#define TEST_POLL_MS 100

typedef enum PrinterStage {
    PS_LIST,   /* the queues and the printers */
    PS_QUEUE,  /* one queue: test badge, use for badges */
    PS_DEVICE, /* one printer: its driver, Add printer */
} PrinterStage;

typedef struct PrinterScreen {
    PrinterStage stage;
    PrinterSetup setup;
    int64_t polled_at;
    bool adding;   /* Add printer pressed: the queue is shown once made */
    bool resuming; /* Resume printer pressed: how it went is noted once known */
    char queue[128];
    PrinterDevice device;
    char note[700]; /* what the test badge or Use came to */
    bool note_bad;
    bool testing; /* a test badge on its way (shown while on its queue) */
} PrinterScreen;

static void poll_state(Kiosk *k, PrinterScreen *p, int64_t now)
{
    p->polled_at = now;
    visit_printer_state(k->env.visit, &p->setup);
    if (p->adding && !p->setup.busy) {
        p->adding = false;
        if (p->setup.added[0]) {
            text_copy(p->queue, sizeof p->queue, p->setup.added);
            p->note[0] = '\0';
            p->stage = PS_QUEUE;
        }
    }
    if (p->resuming && !p->setup.busy) {
        p->resuming = false;
        p->note_bad = !p->setup.resumed[0];
        text_copy(p->note, sizeof p->note,
                  p->note_bad ? p->setup.error : kiosk_tr(k, S_PRINTER_RESUMED));
    }
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    PrinterScreen *p = st;
    memset(p, 0, sizeof *p);
    visit_printer_scan(k->env.visit);
    poll_state(k, p, now);
}

/* The note for how the test badge went (rc as visit_printer_test_result). */
static void test_note(Kiosk *k, PrinterScreen *p, int rc, const TestBadge *r)
{
    p->testing = rc > 0;
    p->note_bad = rc < 0;
    if (rc > 0)
        snprintf(p->note, sizeof p->note, "%s", kiosk_tr(k, S_STAFF_TEST_SENDING));
    else if (rc < 0)
        snprintf(p->note, sizeof p->note, "%s %s", kiosk_tr(k, S_STAFF_TEST_FAILED), r->error);
    else
        snprintf(p->note, sizeof p->note, kiosk_tr(k, S_STAFF_TEST_SENT_FMT), r->printer, r->job);
}

/* Print test badge: handed to the print worker, so a print server that does
 * not answer never holds the screen; tick asks how it went. */
static void test_badge(Kiosk *k, PrinterScreen *p)
{
    TestBadge r;
    if (p->testing)
        return; /* one at a time */
    if (visit_printer_test(k->env.visit, p->queue, &r) != 0) {
        test_note(k, p, -1, &r);
        return;
    }
    test_note(k, p, visit_printer_test_result(k->env.visit, &r), &r);
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    PrinterScreen *p = st;
    if (id == ID_BACK) {
        if (p->stage == PS_LIST)
            kiosk_go(k, SCREEN_STAFF_SETUP, now);
        p->stage = PS_LIST;
        p->note[0] = '\0';
    } else if (id == ID_AGAIN) {
        visit_printer_scan(k->env.visit);
        poll_state(k, p, now);
    } else if (id >= ID_QUEUE && id < ID_QUEUE + p->setup.nqueues) {
        text_copy(p->queue, sizeof p->queue, p->setup.queues[id - ID_QUEUE].name);
        p->note[0] = '\0';
        p->stage = PS_QUEUE;
        if (p->testing) /* the one before is still on its way */
            test_note(k, p, 1, NULL);
    } else if (id >= ID_DEVICE && id < ID_DEVICE + p->setup.ndevices) {
        p->device = p->setup.devices[id - ID_DEVICE];
        p->note[0] = '\0';
        p->stage = PS_DEVICE;
    } else if (id == ID_TEST && p->stage == PS_QUEUE) {
        test_badge(k, p);
    } else if (id == ID_USE && p->stage == PS_QUEUE) {
        if (visit_printer_use(k->env.visit, p->queue) == 0) {
            kiosk_request_restart(k);
        } else {
            text_copy(p->note, sizeof p->note, visit_error(k->env.visit));
            p->note_bad = true;
        }
    } else if (id == ID_RESUME && p->stage == PS_QUEUE && !p->setup.busy) {
        p->note[0] = '\0';
        if (visit_printer_resume(k->env.visit, p->queue) == 0) {
            p->resuming = true;
            poll_state(k, p, now);
        } else {
            text_copy(p->note, sizeof p->note, visit_error(k->env.visit));
            p->note_bad = true;
        }
    } else if (id == ID_ADD && p->stage == PS_DEVICE && !p->setup.busy) {
        if (visit_printer_add(k->env.visit, &p->device) == 0) {
            p->adding = true;
            poll_state(k, p, now);
        } else {
            text_copy(p->note, sizeof p->note, visit_error(k->env.visit));
            p->note_bad = true;
        }
    }
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    PrinterScreen *p = st;
    if (p->testing) {
        TestBadge r;
        int rc = visit_printer_test_result(k->env.visit, &r);
        if (rc <= 0) {
            bool shown = p->stage == PS_QUEUE; /* else staff went on: not shown */
            test_note(k, p, rc, &r);
            if (!shown)
                p->note[0] = '\0';
            return true;
        }
    }
    if (!p->setup.busy) /* a copy under a lock: cheap enough for every frame */
        return false;
    poll_state(k, p, now);
    return true;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)k;
    (void)now;
    const PrinterScreen *p = st;
    if (p->testing)
        return now + TEST_POLL_MS;
    return p->setup.busy ? p->polled_at + POLL_MS : INT64_MAX;
}

/* ---- layout ---- */

static int para(Kiosk *k, int y, const char *text, int px, UiWeight w, UiColor c, int lines)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int lh = ui_text_height(v, px, w);
    return y +
           ui_text_wrap(v, ui_rect(t->pad, y, v->w - 2 * t->pad, lines * lh), text, px, w, c, lines,
                        UI_LEFT) +
           t->gap / 2;
}

static int row_h(Kiosk *k)
{
    const UiTheme *t = &k->theme;
    int h = ui_text_height(k->view, t->px_body, UI_BOLD) +
            ui_text_height(k->view, t->px_small, UI_REGULAR) + ui_sc(t, 16);
    return h < t->target ? t->target : h;
}

/* What a printer is to staff: its driver, or why it has none. */
static void device_note(Kiosk *k, const PrinterDevice *d, char *out, size_t outlen)
{
    if (!d->label)
        snprintf(out, outlen, "%s", kiosk_tr(k, S_PRINTER_NOT_LABEL));
    else if (d->ppd[0])
        snprintf(out, outlen, kiosk_tr(k, S_PRINTER_DRIVER_FMT), d->driver);
    else
        snprintf(out, outlen, kiosk_tr(k, S_PRINTER_NO_DRIVER_FMT), d->make_model);
}

/* What is wrong with a queue ("" when nothing): stopped, and why. */
static void queue_state(Kiosk *k, const PrinterQueue *q, char *out, size_t outlen)
{
    if (q && q->stopped && q->reason[0])
        snprintf(out, outlen, kiosk_tr(k, S_PRINTER_STOPPED_FMT), q->reason);
    else if (q && q->stopped)
        snprintf(out, outlen, "%s", kiosk_tr(k, S_PRINTER_STOPPED));
    else if (q && q->rejecting)
        snprintf(out, outlen, "%s", kiosk_tr(k, S_PRINTER_REJECTING));
    else if (outlen)
        out[0] = '\0';
}

/* The queues, then the printers, while they fit above bottom. */
static void lists(Kiosk *k, const PrinterScreen *p, int y, int bottom)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int rh = row_h(k), w = v->w - 2 * t->pad;
    const PrinterSetup *s = &p->setup;
    for (int part = 0; part < 2; part++) {
        size_t n = part ? s->ndevices : s->nqueues;
        if (y + ui_text_height(v, t->px_body, UI_BOLD) > bottom)
            return;
        y = para(k, y, kiosk_tr(k, part ? S_PRINTER_DEVICES : S_PRINTER_QUEUES), t->px_body,
                 UI_BOLD, t->text, 1);
        if (n == 0)
            y = para(k, y, kiosk_tr(k, S_PRINTER_NONE), t->px_small, UI_REGULAR, t->muted, 1);
        for (size_t i = 0; i < n; i++) {
            if (y + rh > bottom) {
                char more[80];
                snprintf(more, sizeof more, kiosk_tr(k, S_LOAD_MORE_ERRORS_FMT), n - i);
                para(k, y, more, t->px_small, UI_REGULAR, t->muted, 1);
                return;
            }
            char note[700];
            if (part) {
                device_note(k, &s->devices[i], note, sizeof note);
                ui_row_note(v, t, &k->in, ID_DEVICE + (uint32_t)i, ui_rect(t->pad, y, w, rh),
                            s->devices[i].make_model, s->devices[i].make_model, note);
            } else {
                const PrinterQueue *q = &s->queues[i];
                bool used = !strcmp(q->name, visit_printer_current(k->env.visit));
                char bad[300];
                queue_state(k, q, bad, sizeof bad);
                /* What is wrong first, where it is read before it is cut. */
                snprintf(note, sizeof note, "%s%s%s%s%s", bad, bad[0] ? " · " : "",
                         used ? kiosk_tr(k, S_PRINTER_IN_USE) : "", used && q->info[0] ? " · " : "",
                         q->info);
                ui_row_note(v, t, &k->in, ID_QUEUE + (uint32_t)i, ui_rect(t->pad, y, w, rh),
                            q->name, q->name, note);
            }
            y += rh + t->gap;
        }
        y += t->gap;
    }
}

/* Buttons from the right at the bottom: ids[0] primary, the others left of it. */
static void bottom_buttons(Kiosk *k, const uint32_t *ids, const UiStr *labels, size_t n)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int x = v->w - t->pad, y = v->h - t->pad - t->target;
    for (size_t i = 0; i < n; i++) {
        const char *label = kiosk_tr(k, labels[i]);
        int w = screen_button_w(k, label, t->px_button, t->btn_wide);
        x -= w;
        ui_button(v, t, &k->in, ids[i], ui_rect(x, y, w, t->target), label,
                  i == 0 ? UI_BTN_PRIMARY : UI_BTN_SECONDARY, t->px_button);
        x -= t->gap;
    }
}

static int current_line(Kiosk *k, int y)
{
    const UiTheme *t = &k->theme;
    const char *cur = visit_printer_current(k->env.visit);
    char line[300];
    if (cur[0])
        snprintf(line, sizeof line, kiosk_tr(k, S_PRINTER_USING_FMT), cur);
    else
        snprintf(line, sizeof line, "%s", kiosk_tr(k, S_PRINTER_PNG));
    return para(k, y, line, t->px_small, UI_BOLD, t->text, 1);
}

static void layout_list(Kiosk *k, const PrinterScreen *p, int y)
{
    const UiTheme *t = &k->theme;
    y = current_line(k, y);
    if (p->setup.error[0])
        y = para(k, y, p->setup.error, t->px_small, UI_REGULAR, t->error, 3);
    int bottom = k->view->h - t->pad - t->target - t->gap;
    if (p->setup.busy && !p->setup.scanned)
        para(k, y, kiosk_tr(k, S_PRINTER_LOOKING), t->px_body, UI_REGULAR, t->muted, 1);
    else
        lists(k, p, y, bottom);
    if (!p->setup.busy) {
        static const uint32_t IDS[] = {ID_AGAIN};
        static const UiStr LABELS[] = {S_PRINTER_AGAIN};
        bottom_buttons(k, IDS, LABELS, 1);
    }
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)v;
    (void)now;
    PrinterScreen *p = st;
    const UiTheme *t = &k->theme;
    int y = screen_staff_bar(k, kiosk_tr(k, S_PRINTER), ID_BACK, kiosk_tr(k, S_BACK), 0, NULL);
    char buf[800];
    if (p->stage == PS_LIST) {
        layout_list(k, p, y);
        return;
    }
    if (p->stage == PS_QUEUE) {
        y = para(k, y, p->queue, t->px_title, UI_BOLD, t->text, 1);
        y = current_line(k, y);
        queue_state(k, visit_printer_queue(&p->setup, p->queue), buf, sizeof buf);
        if (buf[0])
            y = para(k, y, buf, t->px_body, UI_BOLD, t->error, 3);
        if (p->resuming)
            y = para(k, y, kiosk_tr(k, S_PRINTER_RESUMING), t->px_body, UI_REGULAR, t->muted, 1);
        static const uint32_t IDS[] = {ID_USE, ID_TEST},
                              STOPPED_IDS[] = {ID_RESUME, ID_USE, ID_TEST};
        static const UiStr LABELS[] = {S_PRINTER_USE, S_STAFF_TEST_BADGE},
                           STOPPED_LABELS[] = {S_PRINTER_RESUME, S_PRINTER_USE, S_STAFF_TEST_BADGE};
        if (buf[0] && !p->resuming)
            bottom_buttons(k, STOPPED_IDS, STOPPED_LABELS, 3);
        else
            bottom_buttons(k, IDS, LABELS, 2);
    } else {
        y = para(k, y, p->device.make_model, t->px_title, UI_BOLD, t->text, 1);
        y = para(k, y, p->device.uri, t->px_small, UI_REGULAR, t->muted, 1);
        device_note(k, &p->device, buf, sizeof buf);
        bool ok = p->device.label && p->device.ppd[0];
        y = para(k, y, buf, t->px_body, UI_REGULAR, ok ? t->text : t->error, 3);
        if (p->adding || (p->setup.busy && ok)) {
            y = para(k, y, kiosk_tr(k, S_PRINTER_ADDING), t->px_body, UI_REGULAR, t->muted, 1);
        } else if (ok) {
            if (p->setup.error[0])
                y = para(k, y, p->setup.error, t->px_small, UI_REGULAR, t->error, 4);
            static const uint32_t IDS[] = {ID_ADD};
            static const UiStr LABELS[] = {S_PRINTER_ADD};
            bottom_buttons(k, IDS, LABELS, 1);
        }
    }
    if (p->note[0])
        para(k, y + t->gap, p->note, t->px_small, UI_BOLD, p->note_bad ? t->error : t->success, 4);
}

const UiScreen screen_staff_printer = {
    .name = "staff_printer",
    .staff = true,
    .state_size = sizeof(PrinterScreen),
    .enter = enter,
    .press = press,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
