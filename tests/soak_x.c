/* soak_x.c — an hour of use in a real window (scripts/soak): `lanyard run
 * --windowed` on Xvfb with the renderer the kiosk picks there, driven through
 * X input (xdotool) by the monkey of soak.h, which reads what is on screen
 * from LANYARD_TRACE_VIEW. The kiosk's resident memory is sampled every two
 * seconds.
 *
 *   soak_x MINUTES [SEED]   prints RSS at the start, half way and the end, the
 *                           growth over the second half, what the monkey did
 *                           and the screens it reached; exit 1 when the kiosk
 *                           died or did not quit cleanly, 77 (skipped) with no
 *                           Xvfb or xdotool.
 *   bench_soak              the same for SOAK_BENCH_MINUTES, printing the
 *                           scripts/bench rows "NAME VALUE UNIT budget B ok|OVER".
 *
 * SOAK_DEBUG=1 prints each action, and the kiosk's output at the end. The
 * growth is the median of the last tenth of the samples less the median of
 * those around half time, so one sample's noise does not count. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "soak.h"
#include "store/store.h"
#include "xvfb.h"

#define XVFB "/usr/bin/Xvfb"
#define XDOTOOL "/usr/bin/xdotool"
#define W 1280
#define H 800
#define MAX_SAMPLES 8192

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Starts argv with stdout and stderr to out_path (NULL: /dev/null). */
static pid_t spawn(const char *const *argv, const char *out_path, int keep_fd)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        const char *out = out_path ? out_path : "/dev/null";
        if (!freopen(out, "w", stdout) || !freopen(out, "a", stderr))
            _exit(127);
        for (int fd = 3; fd < 256; fd++)
            if (fd != keep_fd)
                close(fd);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static int run(const char *const *argv)
{
    pid_t pid = spawn(argv, NULL, -1);
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *grown = realloc(buf, cap *= 2);
        if (!grown)
            free(buf);
        buf = grown;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* The kiosk's resident memory in kB (VmRSS), or -1; *anon_kb the part of it
 * that is not files mapped in (RssAnon: the heap, the stacks, textures in
 * memory), so font files read in are told apart from memory the kiosk keeps. */
static long rss_kb(pid_t pid, long *anon_kb)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    char *s = slurp(path);
    const char *p = s ? strstr(s, "VmRSS:") : NULL;
    long kb = p ? strtol(p + 6, NULL, 10) : -1;
    p = s ? strstr(s, "RssAnon:") : NULL;
    *anon_kb = p ? strtol(p + 8, NULL, 10) : -1;
    free(s);
    return kb;
}

/* ---- what is on screen ---- */

typedef struct Screen {
    char *text; /* the trace, cut into lines */
    char name[32];
    SoakWidget w[512];
    size_t n;
} Screen;

/* Reads the trace ("screen NAME", then "widget X Y W H LABEL" lines). */
static bool read_screen(const char *trace, Screen *s)
{
    free(s->text);
    s->text = slurp(trace);
    s->n = 0;
    s->name[0] = '\0';
    if (!s->text)
        return false;
    for (char *line = strtok(s->text, "\n"); line; line = strtok(NULL, "\n")) {
        int n = 0;
        SoakWidget *w = &s->w[s->n];
        if (!strncmp(line, "screen ", 7))
            snprintf(s->name, sizeof s->name, "%s", line + 7);
        else if (s->n < 512 &&
                 sscanf(line, "widget %d %d %d %d %n", &w->x, &w->y, &w->w, &w->h, &n) == 4 &&
                 n > 0) {
            w->label = line + n;
            s->n++;
        }
    }
    return s->name[0] != '\0';
}

/* Waits until the kiosk has drawn what the last action did: its trace
 * unchanged for a quarter of a second (at most 3 s: a screen whose text
 * keeps changing, such as a countdown). */
static void settle(const char *trace)
{
    char *last = slurp(trace);
    double start = mono_s(), changed = start;
    while (mono_s() - changed < 0.25 && mono_s() - start < 3) {
        pause_ms(20);
        char *now = slurp(trace);
        if (!now || !last || strcmp(now, last) != 0)
            changed = mono_s();
        free(last);
        last = now;
    }
    free(last);
}

/* ---- acting through X ---- */

static const char *g_window;

static void xdo_at(const char *cmd_after, int x, int y, const char *arg)
{
    char xs[16], ys[16];
    snprintf(xs, sizeof xs, "%d", x);
    snprintf(ys, sizeof ys, "%d", y);
    const char *const argv[] = {XDOTOOL, "mousemove", "--window", g_window, xs,
                                ys,      cmd_after,   arg,        NULL};
    run(argv);
}

static void drag(const SoakAction *a)
{
    enum { STEPS = 8 };
    char num[2 * STEPS + 2][16];
    const char *argv[8 * STEPS + 16];
    size_t n = 0;
    argv[n++] = XDOTOOL;
    for (int i = 0; i <= STEPS; i++) {
        snprintf(num[2 * i], 16, "%d", a->x + (a->x2 - a->x) * i / STEPS);
        snprintf(num[2 * i + 1], 16, "%d", a->y + (a->y2 - a->y) * i / STEPS);
        argv[n++] = "mousemove";
        argv[n++] = "--window";
        argv[n++] = g_window;
        argv[n++] = num[2 * i];
        argv[n++] = num[2 * i + 1];
        argv[n++] = i == 0 ? "mousedown" : "sleep";
        argv[n++] = i == 0 ? "1" : "0.016";
    }
    argv[n++] = "mouseup";
    argv[n++] = "1";
    argv[n] = NULL;
    run(argv);
}

static void act(const SoakAction *a)
{
    switch (a->op) {
    case SOAK_PRESS:
    case SOAK_TAP:
        xdo_at("click", a->x, a->y, "1");
        break;
    case SOAK_DRAG:
        drag(a);
        break;
    case SOAK_TYPE: {
        /* Keys go to the window under the pointer (no window manager). */
        const char *const argv[] = {XDOTOOL, "type", "--delay", "90", "--", a->text, NULL};
        run(argv);
        break;
    }
    case SOAK_KEY: {
        const char *const argv[] = {XDOTOOL, "key", a->text, NULL};
        run(argv);
        break;
    }
    case SOAK_SCAN: {
        /* One `key` command, the code's characters and Return as key names:
         * `type` takes every word after it as text (a chained `key Return`
         * would be typed) and drops a newline. */
        const char *argv[sizeof a->text + 6];
        char names[sizeof a->text][2];
        size_t n = 0;
        argv[n++] = XDOTOOL;
        argv[n++] = "key";
        argv[n++] = "--delay";
        argv[n++] = "8";
        for (size_t i = 0; a->text[i]; i++) {
            names[i][0] = a->text[i];
            names[i][1] = '\0';
            argv[n++] = names[i];
        }
        argv[n++] = "Return";
        argv[n] = NULL;
        run(argv);
        break;
    }
    case SOAK_WAIT:
        pause_ms(a->ms);
        break;
    case SOAK_STAFF: {
        const char *const argv[] = {XDOTOOL,   "mousemove", "--window", g_window, "10",
                                    "10",      "mousedown", "1",        "sleep",  "3.2",
                                    "mouseup", "1",         NULL};
        run(argv);
        break;
    }
    }
}

/* ---- the run ---- */

typedef struct Samples {
    double t[MAX_SAMPLES];
    long kb[MAX_SAMPLES];
    long anon[MAX_SAMPLES];
    size_t n;
} Samples;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* The median (MB) of the samples kb taken between fractions from and to of the run. */
static double median_mb(const Samples *s, const long *kb, double from, double to)
{
    double t0 = s->t[0], t1 = s->t[s->n - 1];
    long v[MAX_SAMPLES];
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        double f = t1 > t0 ? (s->t[i] - t0) / (t1 - t0) : 0;
        if (f >= from && f <= to)
            v[n++] = kb[i];
    }
    if (n == 0) { /* a short run: the sample nearest the middle of the span */
        double want = t0 + (t1 - t0) * (from + to) / 2;
        size_t best = 0;
        for (size_t i = 1; i < s->n; i++) {
            if (fabs(s->t[i] - want) < fabs(s->t[best] - want))
                best = i;
        }
        return (double)kb[best] / 1024.0;
    }
    qsort(v, n, sizeof v[0], cmp_long);
    return (double)v[n / 2] / 1024.0;
}

/* The kiosk's window id, once it is mapped (up to 30 s). */
static bool find_window(char *out, size_t len, const char *err_path)
{
    for (int i = 0; i < 300; i++) {
        pid_t pid = spawn((const char *const[]){XDOTOOL, "search", "--onlyvisible", "--name",
                                                "Soak Test Evening", NULL},
                          err_path, -1);
        int st = 0;
        waitpid(pid, &st, 0);
        char *s = slurp(err_path);
        if (s && WIFEXITED(st) && WEXITSTATUS(st) == 0 && s[0] >= '0' && s[0] <= '9') {
            snprintf(out, len, "%s", s);
            out[strcspn(out, "\n")] = '\0';
            free(s);
            return true;
        }
        free(s);
        pause_ms(100);
    }
    return false;
}

typedef struct Soak {
    double minutes;
    uint64_t seed;
    bool bench;
    char dir[64];
    char trace[128], err[128], scratch[128];
    SoakEvent e;
    pid_t xvfb, kiosk;
    char window[32];
    Samples rss;
    Monkey m;
    char seen[64][32];
    size_t nseen;
} Soak;

/* Drives the kiosk for the soak's minutes; false when it died. */
static bool drive(Soak *k)
{
    Screen *s = calloc(1, sizeof *s);
    double start = mono_s(), next_sample = start;
    bool alive = true;
    while (alive && mono_s() - start < k->minutes * 60) {
        if (mono_s() >= next_sample && k->rss.n < MAX_SAMPLES) {
            long anon = 0, kb = rss_kb(k->kiosk, &anon);
            if (kb > 0) {
                k->rss.t[k->rss.n] = mono_s() - start;
                k->rss.anon[k->rss.n] = anon;
                k->rss.kb[k->rss.n++] = kb;
            }
            next_sample += 2.0;
        }
        if (!read_screen(k->trace, s)) {
            pause_ms(50);
            continue;
        }
        k->nseen = soak_note_screen(k->seen, k->nseen, 64, s->name);
        SoakAction a;
        monkey_next(&k->m, s->name, s->w, s->n, W, H, &a);
        if (getenv("SOAK_DEBUG"))
            fprintf(stderr, "%.2f %s: op %d '%s' %d %d\n", mono_s() - start, s->name, a.op, a.text,
                    a.x, a.y);
        act(&a);
        settle(k->trace);
        alive = waitpid(k->kiosk, NULL, WNOHANG) == 0;
    }
    free(s->text);
    free(s);
    if (!alive) {
        fprintf(stderr, "soak_x: the kiosk died; its output:\n");
        char *out = slurp(k->err);
        fprintf(stderr, "%s\n", out ? out : "");
        free(out);
    }
    return alive;
}

/* Ctrl+Q on the window; true when the kiosk then exits with status 0. */
static bool quit(Soak *k)
{
    xdo_at("key", W / 2, 60, "ctrl+q");
    for (int waited = 0; waited < 20000; waited += 20) {
        int st = 0;
        if (waitpid(k->kiosk, &st, WNOHANG) == k->kiosk) {
            k->kiosk = 0;
            return WIFEXITED(st) && WEXITSTATUS(st) == 0;
        }
        pause_ms(20);
    }
    fprintf(stderr, "soak_x: the kiosk did not quit on Ctrl+Q\n");
    return false;
}

static int start(Soak *k)
{
    snprintf(k->dir, sizeof k->dir, "/tmp/lanyard-soak-XXXXXX");
    if (!mkdtemp(k->dir))
        return -1;
    snprintf(k->trace, sizeof k->trace, "%s/trace.txt", k->dir);
    snprintf(k->err, sizeof k->err, "%s/kiosk.txt", k->dir);
    snprintf(k->scratch, sizeof k->scratch, "%s/xdotool.txt", k->dir);
    if (soak_event_create(&k->e, k->dir, 600, 20, false) != 0)
        return -1;
    if ((k->xvfb = xvfb_start()) <= 0) {
        fprintf(stderr, "soak_x: Xvfb did not start\n");
        return -1;
    }
    setenv("LANYARD_TRACE_VIEW", k->trace, 1);
    /* SOAK_WRAP names one program to run the kiosk under (heaptrack, to see
     * where its memory goes). */
    const char *wrap = getenv("SOAK_WRAP");
    const char *const argv[] = {wrap ? wrap : LANYARD_BINARY,
                                LANYARD_BINARY,
                                "run",
                                "--event",
                                k->e.dir,
                                "--db",
                                k->e.db,
                                "--windowed",
                                "--size",
                                "1280x800",
                                NULL};
    k->kiosk = spawn(wrap ? argv : argv + 1, k->err, -1);
    if (!find_window(k->window, sizeof k->window, k->scratch)) {
        fprintf(stderr, "soak_x: the kiosk's window never appeared\n");
        return -1;
    }
    g_window = k->window;
    monkey_init(&k->m, k->seed, &k->e, 3);
    return 0;
}

static void stop(Soak *k)
{
    if (k->kiosk > 0 && kill(k->kiosk, SIGKILL) == 0)
        waitpid(k->kiosk, NULL, 0);
    xvfb_stop(k->xvfb);
    if (k->dir[0]) {
        const char *const rm[] = {"/bin/rm", "-rf", k->dir, NULL};
        run(rm);
    }
    soak_event_free(&k->e);
}

static void report(const Soak *k)
{
    StoreStats st;
    memset(&st, 0, sizeof st);
    Store *s = NULL;
    char err[256];
    if (store_open(k->e.db, STORE_OPEN_READONLY, &s, err, sizeof err) == STORE_OK) {
        store_stats(s, &st);
        store_close(s);
    }
    const Samples *r = &k->rss;
    double first = r->n ? (double)r->kb[0] / 1024.0 : 0, last = r->n ? r->kb[r->n - 1] / 1024.0 : 0;
    double half = median_mb(r, r->kb, 0.45, 0.55), end = median_mb(r, r->kb, 0.9, 1.0), max = 0;
    double anon0 = r->n ? (double)r->anon[0] / 1024.0 : 0;
    double anon_half = median_mb(r, r->anon, 0.45, 0.55),
           anon_end = median_mb(r, r->anon, 0.9, 1.0);
    for (size_t i = 0; i < r->n; i++)
        max = max > r->kb[i] / 1024.0 ? max : r->kb[i] / 1024.0;
    char missing[512];
    soak_missing_screens((char(*)[32])k->seen, k->nseen, missing, sizeof missing);
    /* In a benchmark, standard output is only its rows. */
    FILE *out = k->bench ? stderr : stdout;
    fprintf(out,
            "soak (X window): %.1f min, seed %llu: %zu actions, %zu scans, %zu searches typed, "
            "%zu staff gestures; %zu checked in (%zu walk-ins), %zu interests, %zu undone; "
            "%zu screens seen%s%s\n",
            k->minutes, (unsigned long long)k->seed, k->m.actions, k->m.scans, k->m.searches,
            k->m.staff, st.checked_in, st.walk_ins, st.interests, st.undone, k->nseen,
            missing[0] ? ", not seen: " : "", missing);
    fprintf(out,
            "soak (X window): RSS at start %.1f MB, half way %.1f MB, end %.1f MB (last sample "
            "%.1f MB, highest %.1f MB, %zu samples); growth over the second half %+.1f MB\n",
            first, half, end, last, max, r->n, end - half);
    fprintf(out,
            "soak (X window): of which not mapped files (RssAnon): %.1f MB, %.1f MB, "
            "%.1f MB; growth over the second half %+.1f MB\n",
            anon0, anon_half, anon_end, anon_end - anon_half);
    if (k->bench) {
        printf("rss_after_use %.3f MB budget 50 %s\n", end, end <= 50 ? "ok" : "OVER");
        printf("rss_growth_second_half %.3f MB budget 1 %s\n", end - half,
               end - half <= 1 ? "ok" : "OVER");
    }
}

int main(int argc, char **argv)
{
    Soak *k = calloc(1, sizeof *k);
#ifdef SOAK_BENCH_MINUTES
    k->minutes = SOAK_BENCH_MINUTES;
    k->bench = true;
#else
    k->minutes = argc > 1 ? strtod(argv[1], NULL) : 2;
#endif
    k->seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    if (access(XVFB, X_OK) != 0 || access(XDOTOOL, X_OK) != 0) {
        fprintf(stderr, "soak_x: Xvfb or xdotool not installed (scripts/deps installs them): "
                        "skipped\n");
        free(k);
        return 77;
    }
    bool ok = start(k) == 0 && drive(k);
    ok = ok && quit(k);
    if (k->rss.n)
        report(k);
    if (getenv("SOAK_DEBUG")) {
        char *out = slurp(k->err);
        fprintf(stderr, "kiosk output:\n%s\n", out ? out : "");
        free(out);
    }
    stop(k);
    free(k);
    return ok ? 0 : 1;
}
