/* app_ports.c — the printer, the sync folder, the USB media and the clock
 * behind the visit layer's ports (visit/ports.h). Workers run on threads of
 * their own and only post what happened as SDL user events; the screen thread
 * hands it on (app_worker_event). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_internal.h"
#include "core/timefmt.h"

/* ---- the clock ---- */

/* Records take the script's simulated time in a scripted run, so a script
 * that waits an hour sees an hour pass in its records too. */
static int64_t wall_clock(void *ud)
{
    const App *a = ud;
    return a && a->scripted ? a->script_now : time_now_ms();
}

/* The kiosk's timers: the monotonic clock, or the script's time. */
static int64_t monotonic_clock(void *ud)
{
    const App *a = ud;
    return a && a->scripted ? a->script_now : time_monotonic_ms();
}

static void boot_id(void *ud, char *out, size_t len)
{
    (void)ud;
    time_boot_id(out, len);
}

/* ---- what the workers tell the screen thread ---- */

/* Posts a malloc'd copy of size bytes at what as an SDL user event of type
 * (app_worker_event frees it; drop_notes does for events never handled).
 * Safe on a worker thread: the types are set before the workers start and
 * never change. A copy that cannot be made (out of memory) or posted (SDL's
 * queue full) is dropped. */
static void post_copy(Uint32 type, const void *what, size_t size)
{
    void *copy = malloc(size);
    if (!copy)
        return;
    memcpy(copy, what, size);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.user.data1 = copy;
    if (SDL_PushEvent(&e) != 1)
        free(copy);
}

/* ---- badges ---- */

/* Runs on the print worker: posts a copy of the job, with its state and where
 * the badge goes (a printer, or the PNG file written when there is none). */
static void badge_notify(void *ud, const PrintJob *job)
{
    const App *a = ud;
    post_copy(a->badge_event, job, sizeof *job);
}

static int print_badge(void *ud, const char *guest_id)
{
    App *a = ud;
    return badge_queue_enqueue(a->queue, guest_id);
}

/* Staff's Reprint badge: always a new job. */
static int reprint_badge(void *ud, const char *guest_id)
{
    App *a = ud;
    return badge_queue_reprint(a->queue, guest_id);
}

/* Staff's Print test badge: rendered and sent by the print worker, so a
 * print server that does not answer never holds the screen; the staff screen
 * asks test_badge_result until it is done. */
static int print_test_badge(void *ud, int64_t now, TestBadge *out)
{
    App *a = ud;
    if (!(out->ticket = badge_queue_test_badge(a->queue, now))) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return -1;
    }
    return 0;
}

static int test_badge_result(void *ud, TestBadge *out)
{
    App *a = ud;
    if (!a->queue) {
        snprintf(out->error, sizeof out->error, "badges cannot print on this kiosk");
        return -1;
    }
    return badge_queue_test_result(a->queue, out->ticket, out, 0);
}

static void printer_status(void *ud, PrinterStatus *out)
{
    App *a = ud;
    badge_queue_status(a->queue, out);
}

static void printer_start(App *a, VisitEnv *env)
{
    a->badge_event = SDL_RegisterEvents(1);
    if (a->badge_event == (Uint32)-1) {
        a->badge_event = 0;
        fprintf(stderr, "lanyard run: badges will not print: no SDL event left\n");
        return;
    }
    char err[512];
    a->queue =
        badge_queue_create(store_path(a->store), a->cfg, NULL, badge_notify, a, err, sizeof err);
    if (!a->queue) {
        fprintf(stderr, "lanyard run: badges will not print: %s\n", err);
        return;
    }
    PrinterPort p = {print_badge,      reprint_badge,     printer_status,
                     print_test_badge, test_badge_result, a};
    env->printer = p;
}

/* ---- setting up the printer ---- */

static void setup_scan(void *ud)
{
    cups_admin_scan(((App *)ud)->admin);
}

static void setup_add(void *ud, const char *name, const char *uri, const char *ppd,
                      const char *info, double w_mm, double h_mm)
{
    cups_admin_add(((App *)ud)->admin, name, uri, ppd, info, w_mm, h_mm);
}

static void setup_resume(void *ud, const char *queue)
{
    cups_admin_resume(((App *)ud)->admin, queue);
}

static void setup_state(void *ud, PrinterSetup *out)
{
    cups_admin_state(((App *)ud)->admin, out);
}

/* The test badge on a queue staff chose, which need not be the event's yet:
 * rendered and sent by the print worker like staff home's, so a print server
 * that does not answer never holds the Printer screen; it asks
 * test_badge_result until it is done. */
static int setup_test_badge(void *ud, const char *queue, int64_t now, TestBadge *out)
{
    App *a = ud;
    if (!a->queue) {
        snprintf(out->error, sizeof out->error,
                 "badges cannot print on this kiosk: its log at the start says why");
        return -1;
    }
    if (!(out->ticket = badge_queue_test_badge_on(a->queue, queue, now))) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return -1;
    }
    return 0;
}

static void printer_setup_start(App *a, VisitEnv *env)
{
    char err[256];
    a->admin = cups_admin_create(err, sizeof err);
    if (!a->admin) {
        fprintf(stderr, "lanyard run: no Printer set-up: %s\n", err);
        return;
    }
    PrinterSetupPort p = {setup_scan,   setup_add, setup_state, setup_test_badge, test_badge_result,
                          setup_resume, a};
    env->printer_setup = p;
}

/* ---- the sync folder ---- */

/* Runs on the sync worker: posts a copy of the status. */
static void sync_notify(void *ud, const SyncStatus *st)
{
    const App *a = ud;
    post_copy(a->sync_event, st, sizeof *st);
}

/* On the screen thread: a failure goes to stderr once, until a copy works again. */
static void sync_note(App *a, const SyncStatus *st)
{
    if (st->ok) {
        if (a->sync_reported[0])
            fprintf(stderr, "lanyard: sync copy written again to %s\n", st->dest);
        a->sync_reported[0] = '\0';
    } else if (strcmp(a->sync_reported, st->error)) {
        fprintf(stderr, "lanyard: sync copy not written: %s\n", st->error);
        snprintf(a->sync_reported, sizeof a->sync_reported, "%s", st->error);
    }
}

static void sync_changed(void *ud)
{
    App *a = ud;
    sync_worker_changed(a->sync);
}

static void sync_status(void *ud, SyncStatus *out)
{
    App *a = ud;
    sync_worker_status(a->sync, out);
}

/* What tells this computer from another booted from a copy of its card: the
 * board's serial number (a Raspberry Pi's device tree has it), else
 * systemd's machine id, else the host name; "" when none can be read. */
static void machine_name(char *out, size_t n)
{
    static const char *const FILES[] = {"/sys/firmware/devicetree/base/serial-number",
                                        "/etc/machine-id"};
    out[0] = '\0';
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0] && !out[0]; i++) {
        FILE *f = fopen(FILES[i], "re");
        if (!f)
            continue;
        size_t len = fread(out, 1, n - 1, f);
        fclose(f);
        out[len] = '\0';
        out[strcspn(out, "\n")] = '\0'; /* the serial ends in a NUL, the id in a newline */
    }
    if (!out[0] && gethostname(out, n) != 0)
        out[0] = '\0';
    out[n - 1] = '\0';
}

/* When event.ini names a folder (relative: to the event folder); a copy of
 * what the kiosk starts with follows in a few seconds. */
static void sync_start(App *a, VisitEnv *env)
{
    const EventConfig *cfg = a->cfg;
    if (!cfg->sync_folder[0])
        return;
    char folder[1024];
    config_path(cfg, cfg->sync_folder, folder, sizeof folder);
    a->sync_event = SDL_RegisterEvents(1);
    if (a->sync_event == (Uint32)-1) {
        a->sync_event = 0;
        fprintf(stderr, "lanyard run: no sync copy: no SDL event left\n");
        return;
    }
    /* The copy's name: the kiosk's id for people, and the database's tag so
     * that no two databases ever share a copy (store_copy_tag), nor one
     * database cloned onto a second kiosk's card. */
    char tag[STORE_COPY_TAG_LEN + 1], name[sizeof cfg->kiosk_id + STORE_COPY_TAG_LEN + 2];
    char machine[128];
    machine_name(machine, sizeof machine);
    if (store_copy_tag(a->store, machine, tag) != STORE_OK) {
        fprintf(stderr, "lanyard run: no sync copy: %s\n", store_errmsg(a->store));
        return;
    }
    snprintf(name, sizeof name, "%s-%s", cfg->kiosk_id, tag);
    char err[512];
    ClockPort clock = {wall_clock, NULL};
    a->sync = sync_worker_create(store_path(a->store), folder, name, NULL, clock, sync_notify, a,
                                 err, sizeof err);
    if (!a->sync) {
        fprintf(stderr, "lanyard run: no sync copy: %s\n", err);
        return;
    }
    SyncPort p = {sync_changed, sync_status, a};
    env->sync = p;
}

/* ---- the USB stick ---- */

/* The media port, made once: its state lives as long as the process, as a
 * job left blocked on a dead stick may still be in its find when the kiosk
 * starts again or exits (visit/ports.h). Screen thread only. */
static MediaPort media_port(void)
{
    static UsbMedia state;
    static MediaPort port;
    if (!port.find)
        port = usb_media_port(&state);
    return port;
}

/* ---- all of them ---- */

void app_ports_start(App *a, VisitEnv *env)
{
    ClockPort clock = {wall_clock, a};
    env->clock = clock;
    TimerPort timers = {monotonic_clock, boot_id, a};
    env->timers = timers;
    env->media = media_port();
    printer_start(a, env);
    printer_setup_start(a, env);
    sync_start(a, env);
}

bool app_worker_event(App *a, const SDL_Event *e)
{
    if (a->badge_event && e->type == a->badge_event) {
        kiosk_badge_update(a->k, e->user.data1);
        free(e->user.data1);
        return true;
    }
    if (a->sync_event && e->type == a->sync_event) {
        sync_note(a, e->user.data1);
        free(e->user.data1);
        return true;
    }
    return false;
}

size_t app_badges_waiting(App *a)
{
    if (!a->queue)
        return 0;
    PrinterStatus st;
    badge_queue_status(a->queue, &st);
    /* Badges held by a stopped printer are not on their way: they wait for
     * staff, and a script that waited for them would wait for nothing. */
    return st.waiting - st.stalled + badge_queue_test_pending(a->queue);
}

static void drop_notes(Uint32 type)
{
    SDL_Event e;
    while (type && SDL_PeepEvents(&e, 1, SDL_GETEVENT, type, type) == 1)
        free(e.user.data1);
}

void app_workers_stop(App *a)
{
    cups_admin_destroy(a->admin);
    a->admin = NULL;
    badge_queue_destroy(a->queue);
    a->queue = NULL;
    drop_notes(a->badge_event);
    /* After the print worker, so the last copy has the badges it printed. */
    sync_worker_destroy(a->sync);
    a->sync = NULL;
    drop_notes(a->sync_event);
}
