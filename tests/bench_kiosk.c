/* bench_kiosk.c — the kiosk's figures for scripts/bench (SPEC §9), at 1280x800
 * with SDL's software renderer:
 *
 *   start_to_first_frame     exec of `lanyard run` to its first presented
 *                            Welcome frame (median of 7 starts)
 *   tap_to_present_p99       a tap or key to the presented frame showing its
 *                            result, over a scripted session of ~600 inputs
 *   idle_cpu_welcome         CPU of a kiosk left on Welcome for 5 s
 *   drag_frame_p99_1080p     frame time while dragging the demo event's
 *                            program list at 1920x1080, with its inertia
 *
 * On an X display (Xvfb, started here when installed) so presenting a frame is
 * real work; with no Xvfb, the first two run on SDL's dummy driver and the idle
 * figure is skipped. Prints "NAME VALUE UNIT budget BUDGET ok|OVER". */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xvfb.h"

static void report(const char *name, double value, const char *unit, double budget)
{
    printf("%s %.3f %s budget %g %s\n", name, value, unit, budget, value <= budget ? "ok" : "OVER");
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Starts argv with stderr into err_path (NULL: /dev/null). */
static pid_t spawn(const char *const *argv, const char *err_path, int keep_fd)
{
    fflush(NULL); /* or the child prints our buffered lines again */
    pid_t pid = fork();
    if (pid == 0) {
        FILE *e = freopen(err_path ? err_path : "/dev/null", "w", stderr);
        (void)e;
        FILE *o = freopen("/dev/null", "w", stdout);
        (void)o;
        for (int fd = 3; fd < 256; fd++)
            if (fd != keep_fd)
                close(fd);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static int wait_status(pid_t pid)
{
    int st = 0;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs the kiosk on a script; returns its stderr (static) or NULL on failure. */
static char *run_script_on(const char *dir, const char *event, const char *size, const char *script,
                           const char *t0)
{
    char db[4200], err[4200];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    snprintf(err, sizeof err, "%s/stderr.txt", dir);
    if (t0)
        setenv("LANYARD_TIMING_T0", t0, 1);
    const char *const argv[] = {LANYARD_BINARY, "run", "--event",    event,      "--db", db,
                                "--size",       size,  "--windowed", "--script", script, NULL};
    int st = wait_status(spawn(argv, err, -1));
    unsetenv("LANYARD_TIMING_T0");
    char *out = slurp(err);
    if (st != 0) {
        fprintf(stderr, "bench: lanyard run failed:\n%s\n", out ? out : "");
        return NULL;
    }
    return out;
}

static char *run_script(const char *dir, const char *script, const char *t0)
{
    return run_script_on(dir, LANYARD_SOURCE_DIR "/tests/ui/event", "1280x800", script, t0);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int bench_first_frame(const char *dir)
{
    char script[4200];
    snprintf(script, sizeof script, "%s/first.script", dir);
    if (write_file(script, "quit\n") != 0)
        return -1;
    if (!run_script(dir, script, NULL)) /* imports the event once */
        return -1;
    enum { N = 7 };
    double v[N];
    for (int i = 0; i < N; i++) {
        char t0[32];
        snprintf(t0, sizeof t0, "%.3f", mono_ms());
        char *err = run_script(dir, script, t0);
        const char *p = err ? strstr(err, "first_frame_ms=") : NULL;
        if (!p)
            return -1;
        v[i] = strtod(p + strlen("first_frame_ms="), NULL);
    }
    qsort(v, N, sizeof v[0], cmp_double);
    report("start_to_first_frame", v[N / 2], "ms", 150);
    return 0;
}

static int bench_taps(const char *dir)
{
    char script[4200];
    snprintf(script, sizeof script, "%s/taps.script", dir);
    FILE *f = fopen(script, "w");
    if (!f)
        return -1;
    for (int i = 0; i < 12; i++)
        fputs("press Check in\ntype ana garc\npress Ana G. — Acme Welding\npress No, go back\n"
              "press Back\npress I'm new here\ntype Zoe\nkey Tab\ntype Quist\npress Back\n"
              "press Explore programs\ndrag 600 600 600 200\nwait 500\npress Back\n"
              "press Español\npress English\n",
              f);
    if (fclose(f) != 0)
        return -1;
    setenv("LANYARD_TIMING", "1", 1);
    char *err = run_script(dir, script, NULL);
    unsetenv("LANYARD_TIMING");
    const char *p = err ? strstr(err, "p99_ms=") : NULL;
    if (!p)
        return -1;
    report("tap_to_present_p99", strtod(p + strlen("p99_ms="), NULL), "ms", 16);
    return 0;
}

static int bench_drag(const char *dir)
{
    char script[4400], sub[4200];
    snprintf(sub, sizeof sub, "%s/demo", dir);
    if (mkdir(sub, 0700) != 0)
        return -1;
    snprintf(script, sizeof script, "%s/drag.script", sub);
    FILE *f = fopen(script, "w");
    if (!f)
        return -1;
    fputs("press Explore programs\n", f);
    for (int i = 0; i < 10; i++)
        fputs("drag 900 900 900 700\nwait 800\ndrag 900 500 900 700\nwait 800\n", f);
    if (fclose(f) != 0)
        return -1;
    setenv("LANYARD_TIMING", "1", 1);
    char *err = run_script_on(sub, LANYARD_SOURCE_DIR "/assets/demo", "1920x1080", script, NULL);
    unsetenv("LANYARD_TIMING");
    const char *p = err ? strstr(err, "frame_p50_ms=") : NULL;
    p = p ? strstr(p, "p99_ms=") : NULL;
    if (!p)
        return -1;
    report("drag_frame_p99_1080p", strtod(p + strlen("p99_ms="), NULL), "ms", 16);
    return 0;
}

static long cpu_ticks(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    char *s = slurp(path);
    const char *p = s ? strrchr(s, ')') : NULL;
    if (!p)
        return -1;
    long utime = 0, stime = 0;
    /* After "pid (comm)": state, then fields 4..; utime and stime are 14 and 15. */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &utime, &stime) != 2)
        return -1;
    return utime + stime;
}

static int bench_idle(const char *dir)
{
    char db[4200];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    const char *const argv[] = {
        LANYARD_BINARY, "run", "--event", LANYARD_SOURCE_DIR "/tests/ui/event",
        "--db",         db,    "--size",  "1280x800",
        "--windowed",   NULL};
    pid_t pid = spawn(argv, NULL, -1);
    pause_ms(1500); /* started and drawn */
    long t0 = cpu_ticks(pid);
    double w0 = mono_ms();
    pause_ms(5000);
    long t1 = cpu_ticks(pid);
    double w1 = mono_ms();
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    if (t0 < 0 || t1 < 0)
        return -1;
    double cpu_ms = (double)(t1 - t0) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
    report("idle_cpu_welcome", 100.0 * cpu_ms / (w1 - w0), "%", 1);
    return 0;
}

int main(void)
{
    char tmpl[] = "/tmp/lanyard-bench-kiosk-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir) {
        perror("bench: mkdtemp");
        return 1;
    }
    setenv("SDL_RENDER_DRIVER", "software", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    pid_t xvfb = xvfb_start();
    if (!xvfb) {
        fprintf(stderr, "bench: no Xvfb: kiosk figures on SDL's dummy driver, idle CPU skipped\n");
        setenv("SDL_VIDEODRIVER", "dummy", 1);
    } else {
        unsetenv("SDL_VIDEODRIVER");
        unsetenv("WAYLAND_DISPLAY");
    }
    int status = 0;
    if (bench_first_frame(dir) != 0 || bench_taps(dir) != 0 || bench_drag(dir) != 0)
        status = 1;
    if (xvfb && bench_idle(dir) != 0)
        status = 1;
    xvfb_stop(xvfb);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    return status;
}
