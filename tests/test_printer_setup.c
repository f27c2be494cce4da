/* test_printer_setup.c — staff's Printer screen and badge/cups_admin.
 *
 * Without CUPS: a printer's make and model matched to its driver (a Brother
 * QL-700 has none in Debian's ptouch driver; a QL-570, QL-800 or DYMO
 * LabelWriter 450 have theirs, not a near one), and what counts as a label
 * printer. With a real CUPS (root; scripts/cups-test-env adds a cups-pdf
 * queue, as for test_badge_cups): the look lists that queue and the cups-pdf
 * device; a queue is added with CUPS-Add-Modify-Printer, and refused plainly
 * for a user without admin rights; on the screen, driven in process, the
 * queue is listed, its test badge (sent by the print worker, as the kiosk
 * sends it) lands as a PDF, and "Use for badges" writes it into event.ini
 * (comments and other keys kept) and starts the kiosk again. A queue
 * stopped with a reason (cupsdisable -r, as CUPS stops a printer out of
 * labels) is shown stopped with that reason, Resume printer starts it
 * (lpstat says enabled), and a user without admin rights is told plainly. */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#include "cups_env.h"

#include "badge/badge_queue.h"
#include "badge/cups_admin.h"
#include "core/event_config.h"
#include "store/store.h"
#include "ui/kiosk.h"
#include "visit/visit_printer.h"
#include "ui_driver.h"

/* ---- without CUPS ---- */

static const CupsPpd PPDS[] = {
    {"ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd",
     "Brother QL-570 Foomatic/ptouch-ql (recommended)"},
    {"ptouch:0/ppd/ptouch-driver/Brother-QL-800-ptouch-ql.ppd",
     "Brother QL-800 Foomatic/ptouch-ql (recommended)"},
    {"ptouch:0/ppd/ptouch-driver/Brother-QL-810W-ptouch-ql.ppd",
     "Brother QL-810W Foomatic/ptouch-ql (recommended)"},
    {"ptouch:0/ppd/ptouch-driver/Brother-PT-P700-ptouch-pt.ppd",
     "Brother PT-P700 Foomatic/ptouch-pt (recommended)"},
    {"dymo:0/cups/model/lw450t.ppd", "DYMO LabelWriter 450 Turbo"},
    {"dymo:0/cups/model/lw450.ppd", "DYMO LabelWriter 450"},
    {"dymo:0/cups/model/lw4xl.ppd", "DYMO LabelWriter 4XL"},
};
#define NPPDS (sizeof PPDS / sizeof PPDS[0])

static void test_match_driver(void **state)
{
    (void)state;
    assert_int_equal(cups_admin_match_driver("Brother QL-700", PPDS, NPPDS), -1);
    assert_int_equal(cups_admin_match_driver("Brother QL-570", PPDS, NPPDS), 0);
    assert_int_equal(cups_admin_match_driver("brother  ql-570 ", PPDS, NPPDS), 0);
    assert_int_equal(cups_admin_match_driver("Brother QL-800", PPDS, NPPDS), 1);
    assert_int_equal(cups_admin_match_driver("Brother QL-810W", PPDS, NPPDS), 2);
    assert_int_equal(cups_admin_match_driver("Brother QL-820NWB", PPDS, NPPDS), -1);
    assert_int_equal(cups_admin_match_driver("DYMO LabelWriter 450", PPDS, NPPDS), 5);
    assert_int_equal(cups_admin_match_driver("DYMO LabelWriter 450 Turbo", PPDS, NPPDS), 4);
    assert_int_equal(cups_admin_match_driver("", PPDS, NPPDS), -1);
    /* A driver that is not recommended is taken when it is the only one. */
    CupsPpd only[] = {{"x.ppd", "Brother QL-700 Foomatic/other"}};
    assert_int_equal(cups_admin_match_driver("Brother QL-700", only, 1), 0);

    assert_true(cups_admin_is_label("Brother QL-700"));
    assert_true(cups_admin_is_label("Brother QL-800"));
    assert_true(cups_admin_is_label("DYMO LabelWriter 450"));
    assert_true(cups_admin_is_label("DYMO LabelWriter 4XL"));
    assert_false(cups_admin_is_label("DYMO LabelWriter 330"));
    assert_false(cups_admin_is_label("Brother PT-P700"));
    assert_false(cups_admin_is_label("CUPS-PDF"));
}

/* ---- with CUPS ---- */

static CupsEnv cups;

static int group_setup(void **state)
{
    (void)state;
    return cups_env_start(&cups, "test_printer_setup", "setup");
}

static int group_teardown(void **state)
{
    (void)state;
    cups_env_stop(&cups);
    return 0;
}

#define NEED_CUPS()                                                                                \
    do {                                                                                           \
        if (!cups.ready)                                                                           \
            skip();                                                                                \
    } while (0)

static bool has_queue(const PrinterSetup *s, const char *name)
{
    for (size_t i = 0; i < s->nqueues; i++)
        if (!strcmp(s->queues[i].name, name))
            return true;
    return false;
}

static void test_scan(void **state)
{
    (void)state;
    NEED_CUPS();
    char err[256];
    CupsAdmin *a = cups_admin_create(err, sizeof err);
    assert_non_null(a);
    cups_admin_scan(a);
    assert_true(cups_admin_wait(a, 60000));
    PrinterSetup s;
    cups_admin_state(a, &s);
    assert_true(s.scanned);
    assert_string_equal(s.error, "");
    assert_true(has_queue(&s, cups.queue));
    /* Whatever this cupsd's backends report: cups-pdf lists "cups-pdf:/". */
    bool pdf = false;
    for (size_t i = 0; i < s.ndevices; i++) {
        pdf = pdf || !strncmp(s.devices[i].uri, "cups-pdf:/", 10);
        assert_false(!strncmp(s.devices[i].uri, "cups-pdf:/", 10) && s.devices[i].label);
    }
    assert_true(pdf);
    cups_admin_destroy(a);
}

/* An administrative call of CUPS made as the user nobody, in a child: it
 * fails as refused, and says why in words a person can act on (the right to
 * administer CUPS, the lpadmin group). */
typedef int (*AdminCall)(void *ud, bool *refused, char *why, size_t n);

static void refused_to_nobody(AdminCall call, void *ud)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        bool no = false;
        char why[600] = "";
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(3);
        int rc = call(ud, &no, why, sizeof why);
        if (write(fds[1], why, strlen(why)) < 0)
            _exit(4);
        _exit(rc == -1 && no ? 0 : 1);
    }
    close(fds[1]);
    char why[700] = "";
    ssize_t got = read(fds[0], why, sizeof why - 1);
    why[got > 0 ? got : 0] = '\0';
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) != 0)
        fail_msg("not refused as it should be (%d): %s", WEXITSTATUS(status), why);
    assert_non_null(strstr(why, "needs the right to administer CUPS"));
    assert_non_null(strstr(why, "lpadmin"));
}

typedef struct AddAs {
    const char *uri, *ppd;
} AddAs;

static int add_as_nobody(void *ud, bool *refused, char *why, size_t n)
{
    const AddAs *a = ud;
    char other[120];
    snprintf(other, sizeof other, "%s-nobody", cups.queue);
    return cups_admin_add_queue(other, a->uri, a->ppd, "x", 62, 100, refused, why, n);
}

/* The driver cups-test-env gives its queues. */
static char *cups_pdf_ppd(void)
{
    const char *argv[] = {"/usr/sbin/lpinfo", "-m", NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    char *line = strstr(r.out, "CUPS-PDF_opt.ppd");
    assert_non_null(line);
    while (line > r.out && line[-1] != '\n')
        line--;
    char *ppd = strndup(line, strcspn(line, " "));
    tu_run_free(&r);
    return ppd;
}

static void test_add_queue(void **state)
{
    (void)state;
    NEED_CUPS();
    char name[96], uri[128], err[600];
    snprintf(name, sizeof name, "%s-added", cups.queue);
    snprintf(uri, sizeof uri, "cups-pdf:/%s", cups.queue);
    char *ppd = cups_pdf_ppd();
    bool refused = true;
    assert_int_equal(cups_admin_add_queue(name, uri, ppd, "Test label printer", 62, 100, &refused,
                                          err, sizeof err),
                     0);
    assert_false(refused);
    PrinterQueue qs[64];
    size_t n = 0;
    assert_int_equal(cups_admin_queues(qs, 64, &n, err, sizeof err), 0);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || (!strcmp(qs[i].name, name) && !strcmp(qs[i].info, "Test label printer"));
    assert_true(found);

    /* A user without the right to administer CUPS is told so, plainly. */
    AddAs add = {uri, ppd};
    refused_to_nobody(add_as_nobody, &add);

    const char *rm[] = {"/usr/sbin/lpadmin", "-x", name, NULL};
    TuRun r = tu_run(rm, NULL);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    free(ppd);
}

/* ---- the screen ---- */

typedef struct Port {
    CupsAdmin *admin;
    BadgeQueue *queue; /* the print worker, as the kiosk's */
    unsigned ticket;   /* the last test badge asked for */
} Port;

static void p_scan(void *ud)
{
    cups_admin_scan(((Port *)ud)->admin);
}

static void p_add(void *ud, const char *name, const char *uri, const char *ppd, const char *info,
                  double w, double h)
{
    cups_admin_add(((Port *)ud)->admin, name, uri, ppd, info, w, h);
}

static void p_resume(void *ud, const char *name)
{
    cups_admin_resume(((Port *)ud)->admin, name);
}

static void p_state(void *ud, PrinterSetup *out)
{
    cups_admin_state(((Port *)ud)->admin, out);
}

/* The test badge through the print worker, on the queue chosen, as the
 * kiosk's wiring (app_ports.c) sends it. */
static int p_test(void *ud, const char *q, int64_t now, TestBadge *out)
{
    Port *p = ud;
    if (!(p->ticket = out->ticket = badge_queue_test_badge_on(p->queue, q, now))) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return -1;
    }
    return 0;
}

static int p_result(void *ud, TestBadge *out)
{
    Port *p = ud;
    return badge_queue_test_result(p->queue, out->ticket, out, 0);
}

static size_t count_pdfs(void)
{
    size_t n = 0;
    DIR *d = opendir(cups.outdir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        n += len > 4 && !strcmp(e->d_name + len - 4, ".pdf");
    }
    if (d)
        closedir(d);
    return n;
}

/* Waits (bounded, no sleep: woken by inotify) until cups-pdf has written
 * more than before PDFs. */
static bool wait_pdfs(size_t before, int timeout_ms)
{
    int fd = inotify_init1(IN_CLOEXEC);
    assert_true(fd >= 0);
    assert_true(inotify_add_watch(fd, cups.outdir, IN_CLOSE_WRITE | IN_MOVED_TO) >= 0);
    bool more = false;
    for (int waited = 0; !(more = count_pdfs() > before) && waited <= timeout_ms; waited += 500) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, 500) > 0) {
            char buf[4096];
            if (read(fd, buf, sizeof buf) < 0)
                break;
        }
    }
    close(fd);
    return more;
}

static void test_screen(void **state)
{
    (void)state;
    NEED_CUPS();
    char *dir = tu_tempdir(), *db = tu_path(dir, "k.db"), *ini = tu_path(dir, "event.ini");
    tu_write(ini, "; our event\n[event]\nname = Fall Meet\n[badge]\nsize = 62x100mm ; Brother\n",
             (size_t)-1);
    EventConfig cfg;
    ConfigDiagnostics diag = {0};
    config_defaults(&cfg);
    assert_int_equal(config_load_dir(&cfg, dir, &diag), 0);
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err), STORE_OK);
    Port port = {.admin = cups_admin_create(err, sizeof err),
                 .queue = badge_queue_create(db, &cfg, NULL, NULL, NULL, err, sizeof err)};
    assert_non_null(port.admin);
    if (!port.queue)
        fail_msg("badge_queue_create: %s", err);
    Uid *d = uid_kiosk_create(&(UidSetup){
        .store = s,
        .cfg = &cfg,
        .windowed = true,
        .printer_setup = {p_scan, p_add, p_state, p_test, p_result, p_resume, &port},
    });
    uid_hold(d, 5, 5, 3000);
    uid_press(d, "OK");
    uid_press(d, "Kiosk set-up");
    uid_press(d, "Printer");
    assert_string_equal(uid_screen(d), "staff_printer");
    uid_expect(d, "No printer is set");
    assert_true(cups_admin_wait(port.admin, 60000));
    uid_wait(d, 300); /* the screen reads the finished look */
    uid_expect(d, "Printer queues");
    assert_false(uid_view(d)->overflow);
    /* Portrait has room for every queue and device, whatever else the
     * machine's cupsd has (other test runs add queues of their own). */
    uid_resize(d, 1080, 1920);
    assert_false(uid_view(d)->overflow);
    uid_expect(d, cups.queue);
    PrinterSetup st;
    cups_admin_state(port.admin, &st);
    assert_true(st.ndevices > 0); /* cups-pdf's */
    uid_expect(d, st.devices[0].make_model);
    uid_expect(d, "Not a label printer");

    uid_press(d, cups.queue);
    size_t before = count_pdfs();
    uid_press(d, "Print test badge");
    /* The print worker sends it; the screen reads how it went at a frame. */
    TestBadge sent;
    assert_int_equal(badge_queue_test_result(port.queue, port.ticket, &sent, 60000), 0);
    uid_frame(d);
    uid_expect(d, "Test badge sent to");
    assert_true(wait_pdfs(before, 60000));
    uid_resize(d, 800, 480);
    assert_false(uid_view(d)->overflow);

    uid_press(d, "Use for badges");
    assert_true(kiosk_should_restart(uid_kiosk(d)));
    size_t len;
    char *text = tu_read(ini, &len);
    char want[400];
    snprintf(want, sizeof want, "printer = %s", cups.queue);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "; our event\n"));
    assert_non_null(strstr(text, "size = 62x100mm ; Brother\n"));
    free(text);

    uid_destroy(d);
    cups_admin_destroy(port.admin);
    badge_queue_destroy(port.queue);
    store_close(s);
    tu_rmtree(dir);
    free(ini);
    free(db);
    free(dir);
}

/* `lpstat -p` of the test queue (malloc'd). */
static char *lpstat_p(void)
{
    const char *argv[] = {"/usr/bin/lpstat", "-p", cups.queue, NULL};
    TuRun r = tu_run(argv, NULL);
    assert_int_equal(r.status, 0);
    char *out = strdup(r.out);
    tu_run_free(&r);
    return out;
}

static int resume_as_nobody(void *ud, bool *refused, char *why, size_t n)
{
    (void)ud;
    return cups_admin_resume_queue(cups.queue, refused, why, n);
}

/* A user without the right to administer CUPS who tries to start the queue
 * is told so, plainly; the queue stays stopped. */
static void resume_refused(void)
{
    refused_to_nobody(resume_as_nobody, NULL);
    char *st = lpstat_p();
    assert_non_null(strstr(st, "disabled"));
    free(st);
}

/* A queue stopped as CUPS stops a label printer out of labels: the Printer
 * screen says so and why, and Resume printer starts it again through the
 * admin worker (no shell), which lpstat confirms. */
static void test_screen_resume(void **state)
{
    (void)state;
    NEED_CUPS();
    char *dir = tu_tempdir(), *db = tu_path(dir, "k.db");
    EventConfig cfg;
    config_defaults(&cfg);
    snprintf(cfg.printer, sizeof cfg.printer, "%s", cups.queue);
    Store *s = NULL;
    char err[512];
    assert_int_equal(store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err), STORE_OK);
    Port port = {.admin = cups_admin_create(err, sizeof err)};
    assert_non_null(port.admin);
    assert_int_equal(cups_env_disable(&cups, "out of labels"), 0);
    resume_refused();

    Uid *d = uid_kiosk_create(&(UidSetup){
        .store = s,
        .cfg = &cfg,
        .windowed = true,
        .printer_setup = {p_scan, p_add, p_state, NULL, NULL, p_resume, &port},
    });
    uid_hold(d, 5, 5, 3000);
    uid_press(d, "OK");
    uid_press(d, "Kiosk set-up");
    uid_press(d, "Printer");
    assert_true(cups_admin_wait(port.admin, 60000));
    uid_wait(d, 300);          /* the screen reads the finished look */
    uid_resize(d, 1080, 1920); /* room for every queue this cupsd has */
    uid_expect(d, cups.queue);
    uid_expect(d, "Stopped: out of labels");
    uid_press(d, cups.queue);
    uid_resize(d, 800, 480);
    uid_expect(d, "Stopped: out of labels");
    uid_expect(d, "Resume printer");
    assert_false(uid_view(d)->overflow);

    uid_press(d, "Resume printer");
    uid_expect(d, "Starting the printer");
    assert_true(cups_admin_wait(port.admin, 60000));
    uid_wait(d, 300);
    uid_expect(d, "The printer is started");
    assert_false(uid_visible(d, "Stopped"));
    assert_false(uid_visible(d, "Resume printer"));
    PrinterSetup st;
    cups_admin_state(port.admin, &st);
    assert_string_equal(st.resumed, cups.queue);
    assert_string_equal(st.error, "");
    const PrinterQueue *q = visit_printer_queue(&st, cups.queue);
    assert_non_null(q);
    assert_false(q->stopped);
    assert_false(q->rejecting);
    char *out = lpstat_p();
    assert_non_null(strstr(out, "enabled"));
    assert_null(strstr(out, "disabled"));
    free(out);

    uid_destroy(d);
    cups_admin_destroy(port.admin);
    store_close(s);
    tu_rmtree(dir);
    free(db);
    free(dir);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_driver),  cmocka_unit_test(test_scan),
        cmocka_unit_test(test_add_queue),     cmocka_unit_test(test_screen),
        cmocka_unit_test(test_screen_resume),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
