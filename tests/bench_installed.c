/* bench_installed.c — scripts/bench's figure for the installed package:
 *
 *   start_to_first_frame_installed   exec of the packaged /usr/bin/lanyard
 *                                    (`lanyard run`, 1280x800, the UI tests'
 *                                    event) to its first presented frame,
 *                                    median of 7 starts
 *
 * The same measure as bench_kiosk's start_to_first_frame, on the program as
 * apt installed it (stripped, its assets in /usr/share/lanyard). On an X display
 * (Xvfb) when installed, else SDL's dummy driver. When the lanyard package is
 * not installed on this machine the figure is skipped, and the line says so.
 * Prints "NAME VALUE UNIT budget BUDGET ok|OVER". */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xvfb.h"

#define PROGRAM "/usr/bin/lanyard"
#define BUDGET_MS 150.0

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Runs argv with stdout and stdin on /dev/null, stderr into err (may be NULL);
 * keep_fd stays open. Returns the pid. */
static pid_t spawn(const char *const *argv, const char *err, int keep_fd)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen(err ? err : "/dev/null", "w", stderr))
            _exit(127);
        for (int fd = 3; fd < 256; fd++)
            if (fd != keep_fd)
                close(fd);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* One start: first_frame_ms from exec, or -1. */
static double one_start(const char *dir)
{
    char db[4200], err[4200], script[4200], t0[32];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    snprintf(err, sizeof err, "%s/stderr.txt", dir);
    snprintf(script, sizeof script, "%s/quit.script", dir);
    snprintf(t0, sizeof t0, "%.3f", mono_ms());
    setenv("LANYARD_TIMING_T0", t0, 1);
    const char *const argv[] = {
        PROGRAM,      "run",      "--event", LANYARD_SOURCE_DIR "/tests/ui/event",
        "--db",       db,         "--size",  "1280x800",
        "--windowed", "--script", script,    NULL};
    int st = 0;
    pid_t pid = spawn(argv, err, -1);
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    FILE *f = fopen(err, "r");
    if (!f)
        return -1;
    char line[512];
    double v = -1;
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "first_frame_ms=");
        if (p)
            v = strtod(p + strlen("first_frame_ms="), NULL);
    }
    fclose(f);
    return v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void)
{
    if (access("/var/lib/dpkg/info/lanyard.list", F_OK) != 0 || access(PROGRAM, X_OK) != 0) {
        printf("start_to_first_frame_installed skipped: the lanyard package is not installed here "
               "(scripts/install-kiosk or apt install ./lanyard_*.deb)\n");
        return 0;
    }
    char tmpl[] = "/tmp/lanyard-bench-installed-XXXXXX";
    char *dir = mkdtemp(tmpl);
    char script[4200];
    snprintf(script, sizeof script, "%s/quit.script", dir ? dir : "");
    FILE *f = dir ? fopen(script, "w") : NULL;
    if (!f || fputs("quit\n", f) < 0 || fclose(f) != 0) {
        perror("bench_installed: scratch folder");
        return 1;
    }
    setenv("SDL_RENDER_DRIVER", "software", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    pid_t xvfb = xvfb_start();
    if (!xvfb)
        setenv("SDL_VIDEODRIVER", "dummy", 1);
    int status = 0;
    enum { N = 7 };
    double v[N];
    if (one_start(dir) < 0) /* imports the event once */
        status = 1;
    for (int i = 0; i < N && !status; i++)
        if ((v[i] = one_start(dir)) < 0)
            status = 1;
    if (status == 0) {
        qsort(v, N, sizeof v[0], cmp_double);
        printf("start_to_first_frame_installed %.3f ms budget %g %s\n", v[N / 2], BUDGET_MS,
               v[N / 2] <= BUDGET_MS ? "ok" : "OVER");
    } else {
        fprintf(stderr, "bench_installed: %s run failed (see %s/stderr.txt)\n", PROGRAM, dir);
    }
    xvfb_stop(xvfb);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (status == 0 && system(cmd) != 0)
        fprintf(stderr, "bench_installed: could not remove %s\n", dir);
    return status;
}
