/* sdl_renderer.c — choosing the kiosk's renderer. See sdl_renderer.h. */
#define _GNU_SOURCE /* pipe2 */
#include "platform/sdl_renderer.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define GL_RENDERER_ENUM 0x1F01
#define PROBE_WAIT_MS 5000

struct RenderProbe {
    pid_t pid;
    int fd;
};

bool render_gl_is_software(const char *s)
{
    return s && (strstr(s, "llvmpipe") || strstr(s, "softpipe") || strstr(s, "swrast") ||
                 strstr(s, "Software Rasterizer"));
}

/* GL_RENDERER of the current context, or NULL. */
static const char *gl_renderer(void)
{
    typedef const unsigned char *(*GetString)(unsigned);
    GetString get = (GetString)SDL_GL_GetProcAddress("glGetString");
    return get ? (const char *)get(GL_RENDERER_ENUM) : NULL;
}

static bool is_auto(const char *want)
{
    return !want || !*want || !strcmp(want, "auto");
}

/* ---- the probe ---- */

/* In the child: SDL with a hidden OpenGL window, its GL_RENDERER written to fd. */
static void probe_child(int fd)
{
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) { /* Mesa and X say things nobody asked for */
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    const char *name = NULL;
    if (SDL_Init(SDL_INIT_VIDEO) == 0) {
        SDL_Window *w =
            SDL_CreateWindow("lanyard probe", 0, 0, 16, 16, SDL_WINDOW_HIDDEN | SDL_WINDOW_OPENGL);
        if (w && SDL_GL_CreateContext(w))
            name = gl_renderer();
    }
    const char *out = name ? name : "";
    ssize_t n = write(fd, out, strlen(out));
    (void)n;
    _exit(0); /* nothing of the parent's (SDL, SQLite, stdio) is touched on the way out */
}

RenderProbe *render_probe_start(const char *want)
{
    const char *driver = getenv("SDL_VIDEODRIVER"), *render = getenv("SDL_RENDER_DRIVER");
    if (!is_auto(want) || (render && *render))
        return NULL;
    if (driver && *driver && strcmp(driver, "x11") && strcmp(driver, "wayland"))
        return NULL;
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if (!(x && *x) && !(wl && *wl))
        return NULL; /* the console: KMSDRM, checked in place */
    RenderProbe *p = calloc(1, sizeof *p);
    int fds[2];
    if (!p || pipe2(fds, O_CLOEXEC) != 0) {
        free(p);
        return NULL;
    }
    fflush(NULL);
    p->pid = fork();
    if (p->pid == 0) {
        close(fds[0]);
        probe_child(fds[1]);
    }
    close(fds[1]);
    if (p->pid < 0) {
        close(fds[0]);
        free(p);
        return NULL;
    }
    p->fd = fds[0];
    return p;
}

static void probe_end(RenderProbe *p, bool kill_child)
{
    if (kill_child)
        kill(p->pid, SIGKILL);
    close(p->fd);
    while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    free(p);
}

void render_probe_cancel(RenderProbe *p)
{
    if (p)
        probe_end(p, true);
}

/* The child's answer: 1 a software rasteriser, 0 a GPU, -1 no OpenGL at all
 * (or no answer in time). name gets GL_RENDERER. Frees p. */
static int probe_answer(RenderProbe *p, char *name, size_t cap)
{
    size_t got = 0;
    bool done = false;
    name[0] = '\0';
    while (!done && got + 1 < cap) {
        struct pollfd pfd = {p->fd, POLLIN, 0};
        int r = poll(&pfd, 1, PROBE_WAIT_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* OpenGL hangs: not something to draw with */
        ssize_t n = read(p->fd, name + got, cap - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        done = n <= 0;
        if (n > 0)
            got += (size_t)n;
    }
    name[got] = '\0';
    probe_end(p, !done);
    if (!done || !name[0])
        return -1;
    return render_gl_is_software(name) ? 1 : 0;
}

/* ---- creating the renderer ---- */

static SDL_Renderer *software(SDL_Window *win)
{
    /* SDL would otherwise show the software frame through OpenGL. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!r) {
        /* A video driver with no framebuffer of its own (KMSDRM) shows the
         * software frame through a texture, or not at all. */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    }
    return r;
}

/* The render driver named name, or -1. */
static int driver_index(const char *name)
{
    for (int i = 0, n = SDL_GetNumRenderDrivers(); i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && !strcmp(info.name, name))
            return i;
    }
    return -1;
}

/* What "auto" and "gpu" do without a probe's answer: an accelerated renderer
 * with vsync; with "auto" given up for software when its OpenGL is a
 * rasteriser (it saves llvmpipe's threads, not its memory). */
static SDL_Renderer *accelerated(SDL_Window *win, bool check, char *note, size_t notelen)
{
    SDL_Renderer *r =
        SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    SDL_RendererInfo info;
    if (!r || !check || SDL_GetRendererInfo(r, &info) != 0 || strncmp(info.name, "opengl", 6))
        return r;
    const char *gl = gl_renderer();
    if (!render_gl_is_software(gl))
        return r;
    char name[100];
    snprintf(name, sizeof name, "%s", gl);
    SDL_DestroyRenderer(r);
    r = software(win);
    if (r) {
        snprintf(note, notelen,
                 "drawing with SDL's software renderer: OpenGL here is %s, a software rasteriser",
                 name);
        return r;
    }
    /* No window framebuffer to draw into without OpenGL (KMSDRM has none). */
    return SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
}

static bool dummy_video(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && !strcmp(d, "dummy");
}

/* A driver asked for by name, with vsync; NULL (said in note) when SDL has none. */
static SDL_Renderer *named(SDL_Window *win, const char *want, char *note, size_t notelen)
{
    int i = driver_index(want);
    SDL_Renderer *r =
        i >= 0 ? SDL_CreateRenderer(win, i, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC)
               : NULL;
    if (!r)
        snprintf(note, notelen, "renderer %s is not available here (%s); drawing with another",
                 want, i >= 0 ? SDL_GetError() : "SDL has no such driver");
    return r;
}

SDL_Renderer *render_create(SDL_Window *win, const char *want, RenderProbe *probe, char *note,
                            size_t notelen)
{
    note[0] = '\0';
    const char *hint = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    bool soft = (want && !strcmp(want, "software")) || dummy_video() ||
                (is_auto(want) && hint && !SDL_strcasecmp(hint, "software"));
    SDL_Renderer *r = NULL;
    if (probe) {
        char gl[160];
        int answer = probe_answer(probe, gl, sizeof gl);
        if (answer == 1)
            snprintf(note, notelen,
                     "drawing with SDL's software renderer: OpenGL here is %s, a software "
                     "rasteriser ([kiosk] renderer = gpu overrides)",
                     gl);
        else if (answer < 0)
            snprintf(note, notelen,
                     "drawing with SDL's software renderer: no working OpenGL was found");
        soft = soft || answer != 0;
    }
    if (soft) {
        if ((r = software(win)) != NULL)
            return r;
        note[0] = '\0'; /* no software renderer here: whatever else draws */
    }
    if (want && (!strcmp(want, "opengl") || !strcmp(want, "opengles2")))
        r = named(win, want, note, notelen);
    if (!r)
        r = accelerated(win, is_auto(want) && !probe && !soft, note, notelen);
    if (!r && !soft)
        r = software(win);
    return r;
}
