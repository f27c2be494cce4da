/* staff_load.c — staff mode's Load event from USB (SPEC §5): the event
 * folders on the mounted stick (a list to choose from when there are
 * several), what the chosen one holds (the event's name and date, how many
 * guests and programs) and its errors with file and line before anything
 * changes, or, when it has none, the rows its lists leave out and a list
 * read as Windows-1252; then Load this event, which asks "Start a new event?" first when
 * it is another event. Once loaded the kiosk starts again on it. The rules
 * are the visit layer's (visit/visit_event_load.h). The stick is read on a
 * thread of its own (visit/visit_job.h): a stick that hangs shows "Reading
 * the USB stick…" while Back still works; the screen asks at each frame. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "ui/screens/screen.h"
#include "visit/visit_event_load.h"
#include "visit/visit_job.h"

enum { ID_BACK = 1, ID_RETRY, ID_GO, ID_NEW_YES, ID_CANCEL, ID_ROW = SCREEN_ITEMS(1) };

/* How often the stick's work under way is asked about (and at every frame
 * besides). */
#define POLL_MS 100

typedef enum LoadStage {
    LS_NO_USB,  /* no stick mounted */
    LS_NONE,    /* a stick without an event folder */
    LS_LIST,    /* several event folders: staff choose */
    LS_CHECK,   /* one folder, checked: what it holds and its errors */
    LS_ASK,     /* another event: "Start a new event?" */
    LS_FAILED,  /* err says why */
    LS_READING, /* job's work on the stick under way */
} LoadStage;

typedef struct Load {
    LoadStage stage;
    EventFolders found;
    size_t picked;
    EventLoadCheck check;
    char err[700];
    VisitJobKind job; /* the work on the stick this screen waits for, or NONE */
    bool started;     /* it runs (false: the stick is busy with a job before it) */
    bool start_new;   /* LOAD: staff said yes to "Start a new event?" */
} Load;

/* Hands the work on the stick to its thread, unless it is still busy with
 * one walked away from: then tick tries again. */
static void try_start(Kiosk *k, Load *l)
{
    const char *dir = l->job == VISIT_JOB_FOLDERS ? NULL : l->found.dir[l->picked];
    int rc = visit_job_start(k->env.visit, l->job, dir, l->start_new);
    if (rc < 0) {
        text_copy(l->err, sizeof l->err, visit_error(k->env.visit));
        l->stage = LS_FAILED;
        l->job = VISIT_JOB_NONE;
    }
    l->started = rc == 0;
}

static void begin(Kiosk *k, Load *l, VisitJobKind job, bool start_new)
{
    l->job = job;
    l->start_new = start_new;
    l->stage = LS_READING;
    try_start(k, l);
}

static void check(Kiosk *k, Load *l, size_t i)
{
    l->picked = i;
    begin(k, l, VISIT_JOB_CHECK, false);
}

/* Looks at the stick again. */
static void look(Kiosk *k, Load *l)
{
    memset(&l->found, 0, sizeof l->found);
    begin(k, l, VISIT_JOB_FOLDERS, false);
}

static void enter(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    look(k, st);
}

static void found(Kiosk *k, Load *l, const VisitJobResult *r)
{
    l->found = r->folders;
    if (r->rc != 0)
        l->stage = LS_NO_USB;
    else if (l->found.n == 0)
        l->stage = LS_NONE;
    else if (l->found.n == 1)
        check(k, l, 0);
    else
        l->stage = LS_LIST;
}

static void checked_in(Kiosk *k, Load *l, const VisitJobResult *r)
{
    l->check = r->check;
    if (r->rc != 0) {
        text_copy(l->err, sizeof l->err, visit_error(k->env.visit));
        l->stage = LS_FAILED;
        return;
    }
    l->stage = LS_CHECK;
}

static void loaded(Kiosk *k, Load *l, const VisitJobResult *r)
{
    l->check = r->check;
    switch ((VisitLoad)r->rc) {
    case VISIT_LOAD_DONE:
        kiosk_request_restart(k);
        break;
    case VISIT_LOAD_ASK:
        l->stage = LS_ASK;
        break;
    case VISIT_LOAD_ERRORS: /* the stick changed since it was shown */
        l->stage = LS_CHECK;
        break;
    case VISIT_LOAD_FAILED:
        text_copy(l->err, sizeof l->err, visit_error(k->env.visit));
        l->stage = LS_FAILED;
        break;
    }
}

static bool tick(Kiosk *k, void *st, int64_t now)
{
    (void)now;
    Load *l = st;
    if (l->job == VISIT_JOB_NONE)
        return false;
    if (!l->started) {
        try_start(k, l);
        return l->job == VISIT_JOB_NONE;
    }
    VisitJobResult r;
    int rc = visit_job_take(k->env.visit, l->job, &r);
    if (rc == 1)
        return false;
    if (rc < 0) { /* let go by another start: ask again */
        try_start(k, l);
        return false;
    }
    VisitJobKind job = l->job;
    l->job = VISIT_JOB_NONE;
    if (job == VISIT_JOB_FOLDERS)
        found(k, l, &r);
    else if (job == VISIT_JOB_CHECK)
        checked_in(k, l, &r);
    else
        loaded(k, l, &r);
    return true;
}

static int64_t next_wake(const Kiosk *k, const void *st, int64_t now)
{
    (void)k;
    const Load *l = st;
    return l->job != VISIT_JOB_NONE ? now + POLL_MS : INT64_MAX;
}

static void press(Kiosk *k, void *st, uint32_t id, int64_t now)
{
    Load *l = st;
    if (id != ID_BACK && l->job != VISIT_JOB_NONE)
        return; /* one at a time */
    if (id == ID_BACK) {
        /* The work on the stick runs on; its answer is never taken, so a
         * load walked away from changes nothing. */
        l->job = VISIT_JOB_NONE;
        if (l->stage != LS_LIST && l->found.n > 1)
            l->stage = LS_LIST;
        else
            kiosk_go(k, SCREEN_STAFF_SETUP, now);
    } else if (id == ID_RETRY) {
        look(k, l);
    } else if (id == ID_GO && l->stage == LS_CHECK && !l->check.nerrors) {
        begin(k, l, VISIT_JOB_LOAD, false);
    } else if (id == ID_NEW_YES && l->stage == LS_ASK) {
        begin(k, l, VISIT_JOB_LOAD, true);
    } else if (id == ID_CANCEL) {
        l->stage = LS_CHECK;
    } else if (id >= ID_ROW && id < ID_ROW + l->found.n && l->stage == LS_LIST) {
        check(k, l, id - ID_ROW);
    }
}

/* ---- layout ---- */

/* Text wrapped over at most lines lines at px; returns the y below it. */
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

/* The action at the bottom right (and Cancel left of it when asking). */
static void bottom_buttons(Kiosk *k, uint32_t id, const char *label, bool cancel)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    int px = t->px_button, y = v->h - t->pad - t->target;
    int w = screen_button_w(k, label, px, t->btn_wide);
    int x = v->w - t->pad - w;
    ui_button(v, t, &k->in, id, ui_rect(x, y, w, t->target), label, UI_BTN_PRIMARY, px);
    if (cancel) {
        const char *no = kiosk_tr(k, S_CANCEL);
        int nw = screen_button_w(k, no, px, t->btn_min);
        ui_button(v, t, &k->in, ID_CANCEL, ui_rect(x - t->gap - nw, y, nw, t->target), no,
                  UI_BTN_SECONDARY, px);
    }
}

static void list(Kiosk *k, const Load *l, int y)
{
    const UiTheme *t = &k->theme;
    UiView *v = k->view;
    y = para(k, y, kiosk_tr(k, S_LOAD_PICK), t->px_body, UI_BOLD, t->text, 1);
    const char *labels[EVENT_LOAD_MAX];
    for (size_t i = 0; i < l->found.n; i++)
        labels[i] = l->found.name[i][0] ? l->found.name[i] : kiosk_tr(k, S_LOAD_STICK_TOP);
    int w = v->w - 2 * t->pad;
    int px = ui_row_px(v, t, w, labels, l->found.n);
    for (size_t i = 0; i < l->found.n && y + t->target <= v->h - t->pad; i++) {
        ui_row(v, t, &k->in, ID_ROW + (uint32_t)i, ui_rect(t->pad, y, w, t->target), labels[i], px);
        y += t->target + t->gap;
    }
}

/* A heading and the lines under it, as many as fit above bottom (each
 * wrapped over at most two lines), then "…and N more" for the rest; the
 * y below them. total may exceed the n lines kept. */
static int listing(Kiosk *k, int y, int bottom, const char *heading, UiColor c,
                   const char (*lines)[], size_t size, size_t n, size_t total)
{
    const UiTheme *t = &k->theme;
    y = para(k, y, heading, t->px_small, UI_BOLD, c, 1);
    int lh = ui_text_height(k->view, t->px_small, UI_REGULAR);
    size_t shown = 0;
    for (; shown < total && shown < n && y + 2 * lh <= bottom; shown++)
        y = para(k, y, (const char *)lines + shown * size, t->px_small, UI_REGULAR, c, 2);
    if (shown < total && y + lh <= bottom + t->target) {
        char buf[80];
        snprintf(buf, sizeof buf, kiosk_tr(k, S_LOAD_MORE_ERRORS_FMT), total - shown);
        y = para(k, y, buf, t->px_small, UI_REGULAR, c, 1);
    }
    return y;
}

/* What the folder holds, and its errors or else its notes. */
static void checked(Kiosk *k, const EventLoadCheck *c, int y)
{
    const UiTheme *t = &k->theme;
    char buf[1200], files[200];
    y = para(k, y, c->name, t->px_title, UI_BOLD, t->text, 1);
    y = para(k, y, c->date[0] ? c->date : kiosk_tr(k, S_LOAD_NO_DATE), t->px_body, UI_REGULAR,
             t->text, 1);
    snprintf(buf, sizeof buf, kiosk_tr(k, S_LOAD_COUNTS_FMT), c->guests, c->programs);
    y = para(k, y, buf, t->px_body, UI_BOLD, t->text, 1);
    static const char *const NAMES[EVENT_FILES] = {"event.ini", "programs.csv", "guests.csv"};
    const char *have[EVENT_FILES];
    size_t n = 0;
    for (int i = 0; i < EVENT_FILES; i++)
        if (c->has[i])
            have[n++] = NAMES[i];
    text_join(files, sizeof files, have, n, ", ");
    snprintf(buf, sizeof buf, kiosk_tr(k, S_LOAD_FILES_FMT), files);
    y = para(k, y, buf, t->px_small, UI_REGULAR, t->muted, 1) + t->gap / 2;
    int bottom = k->view->h - t->pad - t->target - t->gap;
    if (c->nerrors) {
        listing(k, y, bottom, kiosk_tr(k, S_LOAD_ERRORS), t->error, c->errors, sizeof c->errors[0],
                EVENT_LOAD_ERRORS, c->nerrors);
        return;
    }
    /* The notes above the reassurance, which keeps room for its two lines. */
    int keeps = 2 * ui_text_height(k->view, t->px_small, UI_REGULAR) + t->gap / 2;
    if (c->nnotes)
        y = listing(k, y, bottom - keeps, kiosk_tr(k, S_LOAD_NOTES), t->text, c->notes,
                    sizeof c->notes[0], EVENT_LOAD_NOTES, c->nnotes) +
            t->gap / 2;
    para(k, y, kiosk_tr(k, S_LOAD_KEEPS), t->px_small, UI_REGULAR, t->text, 2);
}

static void layout(Kiosk *k, void *st, UiView *v, int64_t now)
{
    (void)v;
    (void)now;
    Load *l = st;
    const UiTheme *t = &k->theme;
    int y = screen_staff_bar(k, kiosk_tr(k, S_LOAD_EVENT), ID_BACK, kiosk_tr(k, S_BACK), 0, NULL);
    char buf[1400];
    switch (l->stage) {
    case LS_NO_USB:
    case LS_NONE:
        para(k, y, kiosk_tr(k, l->stage == LS_NONE ? S_LOAD_NONE : S_LOAD_NO_USB), t->px_body,
             UI_REGULAR, t->text, 3);
        bottom_buttons(k, ID_RETRY, kiosk_tr(k, S_TRY_AGAIN), false);
        break;
    case LS_LIST:
        list(k, l, y);
        break;
    case LS_CHECK:
        checked(k, &l->check, y);
        bottom_buttons(k, l->check.nerrors ? ID_RETRY : ID_GO,
                       kiosk_tr(k, l->check.nerrors ? S_TRY_AGAIN : S_LOAD_GO), false);
        break;
    case LS_ASK: {
        y = para(k, y, kiosk_tr(k, S_LOAD_NEW_ASK), t->px_title, UI_BOLD, t->text, 1);
        y = para(k, y, l->check.name, t->px_body, UI_BOLD, t->text, 1);
        const char *file = strrchr(l->check.archive, '/');
        snprintf(buf, sizeof buf, kiosk_tr(k, S_LOAD_NEW_FMT), file ? file + 1 : l->check.archive);
        para(k, y, buf, t->px_body, UI_REGULAR, t->text, 3);
        bottom_buttons(k, ID_NEW_YES, kiosk_tr(k, S_LOAD_NEW_YES), true);
        break;
    }
    case LS_READING:
        para(k, y, kiosk_tr(k, S_LOAD_READING), t->px_body, UI_REGULAR, t->muted, 1);
        break;
    case LS_FAILED:
        y = para(k, y, kiosk_tr(k, S_LOAD_FAILED), t->px_body, UI_BOLD, t->error, 1);
        para(k, y, l->err, t->px_small, UI_REGULAR, t->error, 4);
        bottom_buttons(k, ID_RETRY, kiosk_tr(k, S_TRY_AGAIN), false);
        break;
    }
}

const UiScreen screen_staff_load = {
    .name = "staff_load",
    .staff = true,
    .state_size = sizeof(Load),
    .enter = enter,
    .press = press,
    .tick = tick,
    .next_wake = next_wake,
    .layout = layout,
};
