/* test_service_notify.c — what lanyard-kiosk.service hears from the kiosk.
 * A datagram socket of the test stands in for systemd (NOTIFY_SOCKET): a
 * scripted kiosk run says READY=1 after its first frame, then WATCHDOG=1 from
 * its loop, then STOPPING=1; an idle interactive kiosk keeps feeding the
 * watchdog; the loop's wait is cut to half the watchdog's interval and the
 * watchdog is fed at most every quarter interval. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform/service_notify.h"

typedef struct Listener {
    int fd;
    char *dir;
} Listener;

static void listen_start(Listener *l)
{
    l->dir = tu_tempdir();
    char *path = tu_path(l->dir, "notify.sock");
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    assert_true(strlen(path) < sizeof sa.sun_path);
    memcpy(sa.sun_path, path, strlen(path) + 1);
    l->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    assert_true(l->fd >= 0);
    assert_int_equal(bind(l->fd, (struct sockaddr *)&sa, sizeof sa), 0);
    setenv("NOTIFY_SOCKET", path, 1);
    free(path);
}

static void listen_stop(Listener *l)
{
    close(l->fd);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    tu_rmtree(l->dir);
    free(l->dir);
}

/* The next message, waiting up to wait_ms (0: only what already arrived).
 * false when none came. */
static bool listen_next(Listener *l, char *out, size_t outlen, int wait_ms)
{
    struct timeval tv = {wait_ms / 1000, (wait_ms % 1000) * 1000};
    assert_int_equal(setsockopt(l->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    ssize_t n = recv(l->fd, out, outlen - 1, wait_ms ? 0 : MSG_DONTWAIT);
    if (n < 0) {
        assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
        return false;
    }
    out[n] = '\0';
    out[strcspn(out, "\n")] = '\0';
    return true;
}

/* Every message already there, joined with '|'. */
static void listen_all(Listener *l, char *out, size_t outlen)
{
    char msg[256];
    out[0] = '\0';
    while (listen_next(l, msg, sizeof msg, 0)) {
        size_t len = strlen(out);
        snprintf(out + len, outlen - len, "%s%s", len ? "|" : "", msg);
    }
}

static int setup(void **state)
{
    (void)state;
    if (!service_notify_supported())
        skip(); /* built without libsystemd: nothing is ever sent */
    return 0;
}

static void test_watchdog_pacing(void **state)
{
    (void)state;
    Listener l;
    listen_start(&l);
    setenv("WATCHDOG_USEC", "2000000", 1);
    ServiceNotify n;
    service_notify_init(&n);
    assert_int_equal(n.interval_ms, 2000);
    assert_int_equal(service_notify_wait_ms(&n, -1), 1000);
    assert_int_equal(service_notify_wait_ms(&n, 5000), 1000);
    assert_int_equal(service_notify_wait_ms(&n, 300), 300);
    assert_int_equal(service_notify_wait_ms(&n, 0), 0);
    service_notify_alive(&n, 9000); /* before READY=1: nothing */
    service_notify_ready(&n);
    service_notify_ready(&n);        /* once */
    service_notify_alive(&n, 10000); /* the first after READY=1 feeds */
    service_notify_alive(&n, 10499); /* < a quarter of 2 s later: no */
    service_notify_alive(&n, 10500);
    service_notify_stopping(&n);
    char got[512];
    listen_all(&l, got, sizeof got);
    assert_string_equal(got, "READY=1|WATCHDOG=1|WATCHDOG=1|STOPPING=1");

    /* No watchdog (or another process's): the wait is untouched, no feeding. */
    unsetenv("WATCHDOG_USEC");
    service_notify_init(&n);
    assert_int_equal(service_notify_wait_ms(&n, -1), -1);
    assert_int_equal(service_notify_wait_ms(&n, 5000), 5000);
    setenv("WATCHDOG_USEC", "2000000", 1);
    setenv("WATCHDOG_PID", "1", 1);
    service_notify_init(&n);
    assert_int_equal(n.interval_ms, 0);
    service_notify_ready(&n);
    service_notify_alive(&n, 20000);
    listen_all(&l, got, sizeof got);
    assert_string_equal(got, "READY=1");
    listen_stop(&l);
}

/* An event folder with a name only, as a new kiosk has. */
static char *event_folder(const char *dir)
{
    char *ev = tu_path(dir, "event");
    assert_int_equal(mkdir(ev, 0700), 0);
    char *ini = tu_path(ev, "event.ini");
    tu_write(ini, "[event]\nname = Notify Test\n", (size_t)-1);
    free(ini);
    return ev;
}

static void test_scripted_run(void **state)
{
    (void)state;
    Listener l;
    listen_start(&l);
    setenv("WATCHDOG_USEC", "60000000", 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char *ev = event_folder(l.dir);
    char *db = tu_path(l.dir, "kiosk.db");
    char *script = tu_path(l.dir, "s.script");
    tu_write(script, "expect Notify Test\npress Check in\nexpect-not Notify Test\n", (size_t)-1);
    TuRun r = tu_lanyard("run", "--event", ev, "--db", db, "--script", script, NULL);
    if (r.status != 0)
        fprintf(stderr, "%s", r.err);
    assert_int_equal(r.status, 0);
    char got[512];
    listen_all(&l, got, sizeof got);
    /* READY=1 first, fed at least once, STOPPING=1 last. */
    assert_true(strncmp(got, "READY=1|WATCHDOG=1|", 19) == 0);
    const char *last = strrchr(got, '|');
    assert_string_equal(last, "|STOPPING=1");
    tu_run_free(&r);
    free(ev);
    free(db);
    free(script);
    listen_stop(&l);
}

/* The interactive kiosk of test_idle_kiosk_feeds, stopped by the teardown
 * whatever happened. */
static pid_t kiosk_pid = -1;

static int stop_kiosk(void **state)
{
    (void)state;
    if (kiosk_pid > 0) {
        kill(kiosk_pid, SIGKILL);
        waitpid(kiosk_pid, NULL, 0);
    }
    kiosk_pid = -1;
    return 0;
}

/* `lanyard run` on the event and database, interactive (the test stops it). */
static pid_t spawn_kiosk(const char *ev, const char *db)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    kiosk_pid = pid;
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        execl(LANYARD_BINARY, LANYARD_BINARY, "run", "--event", ev, "--db", db, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* The kiosk says READY=1, then feeds the watchdog three times. */
static void expect_up_and_fed(Listener *l)
{
    char msg[256];
    assert_true(listen_next(l, msg, sizeof msg, 30000));
    assert_string_equal(msg, "READY=1");
    for (int i = 0; i < 3; i++) {
        /* 30 s: far beyond the 100 ms the loop may wait, for a loaded machine. */
        assert_true(listen_next(l, msg, sizeof msg, 30000));
        assert_string_equal(msg, "WATCHDOG=1");
    }
}

/* systemd stops the service with SIGTERM: the kiosk says it is stopping and
 * ends cleanly. */
static void stop_cleanly(Listener *l, pid_t pid)
{
    char msg[256];
    assert_int_equal(kill(pid, SIGTERM), 0);
    bool stopping = false;
    while (!stopping && listen_next(l, msg, sizeof msg, 30000))
        stopping = strcmp(msg, "STOPPING=1") == 0;
    assert_true(stopping);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    kiosk_pid = -1;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* An interactive kiosk nobody touches still wakes to feed a 200 ms watchdog. */
static void test_idle_kiosk_feeds(void **state)
{
    (void)state;
    Listener l;
    listen_start(&l);
    setenv("WATCHDOG_USEC", "200000", 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char *ev = event_folder(l.dir);
    char *db = tu_path(l.dir, "kiosk.db");
    pid_t pid = spawn_kiosk(ev, db);
    expect_up_and_fed(&l);
    stop_cleanly(&l, pid);
    free(ev);
    free(db);
    listen_stop(&l);
}

/* A kiosk whose database cannot be used (here a file that is not one) does
 * not end to be started again every two seconds on a blank screen: it is up
 * (READY=1), saying so on screen, and feeds the watchdog; once the file is
 * moved aside (what staff do with a damaged one) it starts by itself on a
 * new database, ready again, and stops cleanly. */
static void test_unusable_db_waits(void **state)
{
    (void)state;
    Listener l;
    listen_start(&l);
    setenv("WATCHDOG_USEC", "200000", 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char *ev = event_folder(l.dir);
    char *db = tu_path(l.dir, "kiosk.db"), *aside = tu_path(l.dir, "damaged.db");
    tu_write(db, "not a database, but a file of some other kind\n", (size_t)-1);
    pid_t pid = spawn_kiosk(ev, db);
    expect_up_and_fed(&l);
    char msg[256];
    assert_int_equal(waitpid(pid, NULL, WNOHANG), 0); /* still running */
    assert_int_equal(rename(db, aside), 0);
    /* The next try (every 10 s) opens a new database: the kiosk is ready. */
    bool ready = false;
    for (int i = 0; i < 400 && !ready && listen_next(&l, msg, sizeof msg, 30000); i++)
        ready = strcmp(msg, "READY=1") == 0;
    assert_true(ready);
    assert_int_equal(access(db, F_OK), 0);
    stop_cleanly(&l, pid);
    free(ev);
    free(db);
    free(aside);
    listen_stop(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_watchdog_pacing, setup),
        cmocka_unit_test_setup(test_scripted_run, setup),
        cmocka_unit_test_setup_teardown(test_idle_kiosk_feeds, setup, stop_kiosk),
        cmocka_unit_test_setup_teardown(test_unusable_db_waits, setup, stop_kiosk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
