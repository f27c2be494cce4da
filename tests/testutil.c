/* testutil.c — see testutil.h. */
/* nftw is an X/Open extension, not part of the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/file.h"

char *tu_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/lanyard-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    return strdup(dir);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    chmod(path, 0700);
    return remove(path);
}

void tu_rmtree(const char *path)
{
    if (path)
        nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *tu_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *tu_read(const char *path, size_t *len)
{
    size_t n;
    char *buf = file_read(path, &n);
    if (buf && len)
        *len = n;
    return buf;
}

void tu_write(const char *path, const char *data, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(data);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void drain(int fd, char **buf, size_t *n, size_t *cap, int *open)
{
    if (*cap - *n < 4096) {
        *cap = *cap * 2 + 4096;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    ssize_t got = read(fd, *buf + *n, *cap - *n - 1);
    if (got <= 0)
        *open = 0;
    else
        *n += (size_t)got;
    (*buf)[*n] = '\0';
}

TuRun tu_run(const char *const *argv, const char *stdin_text)
{
    int in[2], out[2], err[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        close(err[0]);
        close(err[1]);
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (stdin_text) {
        size_t len = strlen(stdin_text), off = 0;
        while (off < len) {
            ssize_t w = write(in[1], stdin_text + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
    close(in[1]);
    TuRun r = {0};
    size_t on = 0, ocap = 0, en = 0, ecap = 0;
    int oopen = 1, eopen = 1;
    r.out = calloc(1, 1);
    r.err = calloc(1, 1);
    while (oopen || eopen) {
        struct pollfd p[2] = {{oopen ? out[0] : -1, POLLIN, 0}, {eopen ? err[0] : -1, POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        if (oopen && (p[0].revents & (POLLIN | POLLHUP)))
            drain(out[0], &r.out, &on, &ocap, &oopen);
        if (eopen && (p[1].revents & (POLLIN | POLLHUP)))
            drain(err[0], &r.err, &en, &ecap, &eopen);
    }
    close(out[0]);
    close(err[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return r;
}

TuRun tu_lanyard(const char *arg, ...)
{
    const char *argv[64];
    size_t n = 0;
    argv[n++] = LANYARD_BINARY;
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a && n < 63; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    return tu_run(argv, NULL);
}

void tu_run_free(TuRun *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

char *tu_source(const char *rel)
{
    return tu_path(LANYARD_SOURCE_DIR, rel);
}
