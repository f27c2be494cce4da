/* sdl_display.c — the kiosk's window and renderer. See sdl_display.h. */
#include "platform/sdl_display.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/font.h"
#include "platform/sdl_renderer.h"
#include "platform/sdl_shapes.h"
#include "platform/sdl_turn.h"
#include "platform/texture_cache.h"
#include "platform/x11_errors.h"

#define MAX_IMAGES 4

struct Display {
    SDL_Window *win;
    SDL_Renderer *ren;
    FontSet *fs;
    TextureCache *tc;
    ShapeCache *shapes;
    SDL_Texture *images[MAX_IMAGES];
    int nimages;
    bool sdl, ttf, img; /* what was started, to stop */
    bool windowed;
    bool fixed_size; /* a kiosk of the size asked for (--size), not the desktop's */
    int rotate;      /* 0, 90, 180, 270 */
    Turn *turn;      /* the picture turned (rotate != 0) */
    double screen_inches;
};

static void no_display(const char *what)
{
    fprintf(stderr,
            "lanyard run: cannot open a display (%s: %s).\n"
            "  On a Raspberry Pi console without a desktop, run with SDL_VIDEODRIVER=kmsdrm.\n"
            "  On a desktop, run it under X11 or Wayland (DISPLAY or WAYLAND_DISPLAY set).\n"
            "  For tests with no screen at all, SDL_VIDEODRIVER=dummy with --script.\n",
            what, SDL_GetError());
}

/* SDL's video, SDL_ttf and SDL_image; false when there is no display. */
static bool start_sdl(Display *d, bool windowed)
{
    /* SDL would turn SIGTERM and Ctrl+C into a quit request, which the
     * locked-down kiosk ignores; an interactive run takes them itself
     * (src/app/app_stop.c) and a scripted one keeps their default action. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (!windowed)
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    x11_errors_install();
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        no_display("SDL_Init");
        return false;
    }
    d->sdl = true;
    /* With no X11, Wayland or KMS display, SDL falls back to its offscreen
     * driver: a kiosk nobody can see, so say so unless it was asked for. */
    const char *driver = SDL_GetCurrentVideoDriver(), *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && !strcmp(driver, "offscreen") && !(asked && !SDL_strcasecmp(asked, "offscreen"))) {
        SDL_SetError("no X11, Wayland or KMS display was found");
        no_display("SDL_Init");
        return false;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "lanyard run: cannot start SDL_ttf: %s\n", TTF_GetError());
        return false;
    }
    d->ttf = true;
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    d->img = true;
    return true;
}

static bool open_window(Display *d, const DisplayOptions *o)
{
    int w = o->width, h = o->height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (o->windowed) {
        flags |= SDL_WINDOW_RESIZABLE;
        if (!w || !h) {
            w = 1280;
            h = 800;
        }
    } else if (!w || !h) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = 1280;
        h = 800;
    } else {
        /* A kiosk of a fixed size (tests, odd panels): borderless, still locked down. */
        flags |= SDL_WINDOW_BORDERLESS;
    }
    int pos = o->windowed ? SDL_WINDOWPOS_CENTERED : 0;
    d->win = SDL_CreateWindow(o->title && *o->title ? o->title : "Lanyard", pos, pos, w, h, flags);
    if (!d->win) {
        no_display("SDL_CreateWindow");
        return false;
    }
    if (!o->windowed)
        SDL_SetWindowKeyboardGrab(d->win, SDL_TRUE);
    return true;
}

static bool open_renderer(Display *d, const DisplayOptions *o, RenderProbe *probe)
{
    char note[300];
    d->ren = render_create(d->win, o->renderer, probe, note, sizeof note);
    if (!d->ren) {
        no_display("SDL_CreateRenderer");
        return false;
    }
    if (note[0])
        fprintf(stderr, "lanyard run: %s\n", note);
    return true;
}

/* The text textures kept: as many bytes as the screen's own pixels. Text
 * covers a fraction of a screen, so that keeps several screens' labels (the
 * keyboard, Welcome, the program list) while it bounds what a kiosk that
 * shows every name of a long day holds: 4 MB at 1280x800, 8 MB at 1080x1920,
 * at least 2 MB. Textures live in the process with a software renderer, so
 * this is most of what the kiosk's memory grows to (SPEC §9: 50 MB). */
static void output_size(Display *d, int *w, int *h);

static size_t text_cache_bytes(Display *d)
{
    int w = 0, h = 0;
    output_size(d, &w, &h);
    size_t screen = (size_t)(w > 0 ? w : 0) * (size_t)(h > 0 ? h : 0) * 4;
    size_t min = 2u << 20, max = 16u << 20;
    return screen < min ? min : screen > max ? max : screen;
}

Display *display_open(const DisplayOptions *o)
{
    Display *d = calloc(1, sizeof *d);
    if (!d) {
        fprintf(stderr, "lanyard run: out of memory\n");
        return NULL;
    }
    d->windowed = o->windowed;
    d->fixed_size = !o->windowed && o->width && o->height;
    d->rotate = o->rotate == 90 || o->rotate == 180 || o->rotate == 270 ? o->rotate : 0;
    d->screen_inches = o->screen_inches;
    /* Asked before SDL starts here, answered while it does. */
    RenderProbe *probe = render_probe_start(o->renderer);
    if (!start_sdl(d, o->windowed) || !open_window(d, o)) {
        render_probe_cancel(probe);
        goto err;
    }
    if (!open_renderer(d, o, probe))
        goto err;
    char err[512];
    d->fs = font_set_create(o->asset_dir, err, sizeof err);
    if (!d->fs) {
        fprintf(stderr, "lanyard run: %s\n", err);
        goto err;
    }
    /* The screen draws text into cached textures: two sizes of a face are
     * enough, and keep the fonts' memory to a few faces. */
    font_set_sizes_per_face(d->fs, 2);
    d->tc = texture_cache_create(d->ren, d->fs, 768, text_cache_bytes(d));
    d->shapes = shape_cache_create(d->ren);
    if (!d->tc || !d->shapes) {
        fprintf(stderr, "lanyard run: out of memory\n");
        goto err;
    }
    return d;
err:
    display_close(d);
    return NULL;
}

void display_close(Display *d)
{
    if (!d)
        return;
    texture_cache_destroy(d->tc);
    shape_cache_destroy(d->shapes);
    font_set_destroy(d->fs);
    for (int i = 0; i < d->nimages; i++)
        SDL_DestroyTexture(d->images[i]);
    turn_destroy(d->turn);
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    if (d->img)
        IMG_Quit();
    if (d->ttf)
        TTF_Quit();
    if (d->sdl)
        SDL_Quit();
    free(d);
}

static int measure_cb(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height)
{
    Display *d = ud;
    return texture_cache_measure(d->tc, utf8, px, w == UI_BOLD ? FONT_BOLD : FONT_REGULAR, width,
                                 height);
}

UiMeasure display_measure(Display *d)
{
    UiMeasure m = {d, measure_cb};
    return m;
}

/* Image ids start at 1, so that 0 is never one. */
int display_load_image(Display *d, const char *path, int *w, int *h)
{
    if (d->nimages >= MAX_IMAGES)
        return -1;
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "lanyard: logo %s not shown: %s\n", path, IMG_GetError());
        return -1;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(d->ren, s);
    int id = -1;
    if (t) {
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
        d->images[d->nimages++] = t;
        id = d->nimages;
        *w = s->w;
        *h = s->h;
    } else {
        fprintf(stderr, "lanyard: logo %s not shown: %s\n", path, SDL_GetError());
    }
    SDL_FreeSurface(s);
    return id;
}

/* The window's size in pixels (SDL_GetRendererOutputSize would give the
 * upright texture's while it is drawn into). */
static void output_size(Display *d, int *w, int *h)
{
    if (SDL_GetRenderTarget(d->ren) != NULL || SDL_GetRendererOutputSize(d->ren, w, h) != 0)
        SDL_GetWindowSizeInPixels(d->win, w, h);
}

static bool turned_sideways(const Display *d)
{
    return d->rotate == 90 || d->rotate == 270;
}

void display_size(Display *d, int *w, int *h)
{
    int ow, oh;
    output_size(d, &ow, &oh);
    *w = turned_sideways(d) ? oh : ow;
    *h = turned_sideways(d) ? ow : oh;
}

void display_pointer_space(Display *d, int *rotate, int *w, int *h)
{
    *rotate = d->rotate;
    SDL_GetWindowSize(d->win, w, h);
}

const char *display_renderer_name(Display *d)
{
    SDL_RendererInfo info;
    return SDL_GetRendererInfo(d->ren, &info) == 0 ? info.name : "";
}

/* Plausible panels only: a display that reports nonsense (0 mm, a projector's
 * made-up size) is taken as reporting nothing. */
#define PLAUSIBLE_DPI(x) ((x) >= 40.0f && (x) <= 1000.0f)

double display_px_per_mm(Display *d)
{
    int w, h;
    if (d->screen_inches > 0) {
        /* The panel's pixels: the desktop's, which a fullscreen window may
         * not have taken yet; a kiosk of a fixed size (--size) is the panel. */
        SDL_DisplayMode m;
        output_size(d, &w, &h);
        if (!d->fixed_size &&
            SDL_GetDesktopDisplayMode(SDL_GetWindowDisplayIndex(d->win), &m) == 0) {
            w = m.w;
            h = m.h;
        }
        return SDL_sqrt((double)w * w + (double)h * h) / (d->screen_inches * 25.4);
    }
    /* A window on a desktop is tried with a mouse, often on a dense laptop
     * screen it could not hold 9 mm keys on: the design's sizes do. */
    if (d->windowed)
        return 0;
    float ddpi = 0, hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(d->win), &ddpi, &hdpi, &vdpi) != 0)
        return 0;
    /* The larger density: a target must be 9 mm along its longer-pixelled side too. */
    float dpi = hdpi > vdpi ? hdpi : vdpi;
    if (!PLAUSIBLE_DPI(dpi))
        dpi = ddpi;
    return PLAUSIBLE_DPI(dpi) ? dpi / 25.4 : 0;
}

static SDL_Color sdl_colour(UiColor c)
{
    SDL_Color s = {c.r, c.g, c.b, c.a};
    return s;
}

static SDL_Rect sdl_rect(UiRect r)
{
    SDL_Rect s = {r.x, r.y, r.w, r.h};
    return s;
}

static void draw_text(Display *d, const UiView *v, const UiCmd *c)
{
    int tw, th;
    SDL_Texture *t = texture_cache_text(d->tc, ui_view_text(v, c->text), c->px,
                                        c->weight == UI_BOLD ? FONT_BOLD : FONT_REGULAR,
                                        sdl_colour(c->c), &tw, &th);
    if (t) {
        SDL_Rect r = {c->r.x, c->r.y, tw, th};
        SDL_RenderCopy(d->ren, t, NULL, &r);
    }
}

static void draw_cmd(Display *d, const UiView *v, const UiCmd *c)
{
    switch (c->type) {
    case UI_CMD_RECT:
        shape_fill(d->shapes, sdl_rect(c->r), c->radius, sdl_colour(c->c));
        break;
    case UI_CMD_FRAME:
        shape_frame(d->shapes, sdl_rect(c->r), c->radius, c->thick, sdl_colour(c->c));
        break;
    case UI_CMD_LINE:
        shape_line(d->shapes, c->r.x, c->r.y, c->r.x + c->r.w, c->r.y + c->r.h, c->thick,
                   sdl_colour(c->c));
        break;
    case UI_CMD_TEXT:
        draw_text(d, v, c);
        break;
    case UI_CMD_IMAGE:
        if (c->image >= 1 && c->image <= d->nimages) {
            SDL_Rect r = sdl_rect(c->r);
            SDL_RenderCopy(d->ren, d->images[c->image - 1], NULL, &r);
        }
        break;
    case UI_CMD_CLIP: {
        SDL_Rect cl = sdl_rect(c->r);
        SDL_RenderSetClipRect(d->ren, c->r.w ? &cl : NULL);
        break;
    }
    }
}

/* Draws into the upright picture when it is turned. False when that cannot be
 * made (said once on stderr): the view is then drawn unturned. */
static bool draw_upright(Display *d, const UiView *v)
{
    if (!d->turn)
        d->turn = turn_create(d->ren, d->rotate);
    if (d->turn && turn_begin(d->turn, v->w, v->h) == 0)
        return true;
    fprintf(stderr, "lanyard: cannot turn the picture (rotate = %d): %s\n", d->rotate,
            d->turn ? SDL_GetError() : "out of memory");
    turn_destroy(d->turn);
    d->turn = NULL;
    d->rotate = 0;
    SDL_SetRenderTarget(d->ren, NULL);
    return false;
}

void display_draw(Display *d, const UiView *v)
{
    if (d->rotate)
        draw_upright(d, v);
    SDL_RenderSetClipRect(d->ren, NULL);
    SDL_SetRenderDrawBlendMode(d->ren, SDL_BLENDMODE_BLEND);
    for (size_t i = 0; i < v->ncmds; i++)
        draw_cmd(d, v, &v->cmds[i]);
    SDL_RenderSetClipRect(d->ren, NULL);
}

void display_compose(Display *d)
{
    if (d->rotate && d->turn && SDL_GetRenderTarget(d->ren) != NULL) {
        int ow, oh;
        output_size(d, &ow, &oh);
        turn_finish(d->turn, ow, oh);
    }
}

void display_present(Display *d)
{
    display_compose(d);
    SDL_RenderPresent(d->ren);
}

int display_window_pixel(Display *d, int x, int y, UiColor *out)
{
    SDL_Rect r = {x, y, 1, 1};
    Uint8 px[4];
    if (SDL_GetRenderTarget(d->ren) != NULL ||
        SDL_RenderReadPixels(d->ren, &r, SDL_PIXELFORMAT_RGBA32, px, 4) != 0)
        return -1;
    *out = ui_rgba(px[0], px[1], px[2], px[3]);
    return 0;
}

int display_screenshot(Display *d, const char *path)
{
    int w, h;
    display_size(d, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    int rc = -1;
    if (s && SDL_RenderReadPixels(d->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
        IMG_SavePNG(s, path) == 0)
        rc = 0;
    if (rc != 0)
        fprintf(stderr, "lanyard: cannot write screenshot %s: %s\n", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc;
}

void display_lost(Display *d)
{
    if (d->turn)
        turn_lost(d->turn);
    texture_cache_clear(d->tc);
    shape_cache_clear(d->shapes);
}

uint32_t display_window_id(Display *d)
{
    return SDL_GetWindowID(d->win);
}

FontSet *display_fonts(Display *d)
{
    return d->fs;
}
