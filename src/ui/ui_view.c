/* ui_view.c — building a UiView (draw commands + widgets), text fitting over the
 * host's measure callback, and hit testing. See ui.h. */
#include "ui/ui.h"

#include <string.h>

/* ---- geometry ---- */

UiRect ui_rect(int x, int y, int w, int h)
{
    UiRect r = {x, y, w, h};
    return r;
}

bool ui_rect_contains(UiRect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

UiRect ui_rect_intersect(UiRect a, UiRect b)
{
    int x0 = a.x > b.x ? a.x : b.x;
    int y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    if (x1 <= x0 || y1 <= y0)
        return ui_rect(x0, y0, 0, 0);
    return ui_rect(x0, y0, x1 - x0, y1 - y0);
}

UiRect ui_rect_inset(UiRect r, int d)
{
    return ui_rect(r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d);
}

UiColor ui_rgb(uint8_t r, uint8_t g, uint8_t b)
{
    UiColor c = {r, g, b, 255};
    return c;
}

UiColor ui_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    UiColor c = {r, g, b, a};
    return c;
}

UiColor ui_mix(UiColor a, UiColor b, int t)
{
    UiColor c;
    c.r = (uint8_t)((a.r * (255 - t) + b.r * t) / 255);
    c.g = (uint8_t)((a.g * (255 - t) + b.g * t) / 255);
    c.b = (uint8_t)((a.b * (255 - t) + b.b * t) / 255);
    c.a = (uint8_t)((a.a * (255 - t) + b.a * t) / 255);
    return c;
}

/* ---- building ---- */

void ui_view_begin(UiView *v, int w, int h, UiMeasure m)
{
    v->w = w;
    v->h = h;
    v->ncmds = 0;
    v->nwidgets = 0;
    v->arena_used = 1; /* offset 0 is the empty string */
    v->arena[0] = '\0';
    v->clip = ui_rect(0, 0, w, h);
    v->overflow = false;
    v->measure = m;
}

static UiCmd *push_cmd(UiView *v, UiCmdType t)
{
    if (v->ncmds >= UI_MAX_CMDS) {
        v->overflow = true;
        return NULL;
    }
    UiCmd *c = &v->cmds[v->ncmds++];
    memset(c, 0, sizeof *c);
    c->type = t;
    return c;
}

static uint32_t arena_put(UiView *v, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t n = strlen(s) + 1;
    if (v->arena_used + n > UI_ARENA) {
        v->overflow = true;
        return 0;
    }
    memcpy(v->arena + v->arena_used, s, n);
    uint32_t off = (uint32_t)v->arena_used;
    v->arena_used += n;
    return off;
}

const char *ui_view_text(const UiView *v, uint32_t off)
{
    return v->arena + off;
}

void ui_draw_rect(UiView *v, UiRect r, UiColor c, int radius)
{
    UiCmd *cmd = push_cmd(v, UI_CMD_RECT);
    if (cmd) {
        cmd->r = r;
        cmd->c = c;
        cmd->radius = radius;
    }
}

void ui_draw_frame(UiView *v, UiRect r, UiColor c, int radius, int thick)
{
    UiCmd *cmd = push_cmd(v, UI_CMD_FRAME);
    if (cmd) {
        cmd->r = r;
        cmd->c = c;
        cmd->radius = radius;
        cmd->thick = thick < 1 ? 1 : thick;
    }
}

void ui_draw_line(UiView *v, int x0, int y0, int x1, int y1, UiColor c, int thick)
{
    UiCmd *cmd = push_cmd(v, UI_CMD_LINE);
    if (cmd) {
        cmd->r = ui_rect(x0, y0, x1 - x0, y1 - y0);
        cmd->c = c;
        cmd->thick = thick < 1 ? 1 : thick;
    }
}

void ui_draw_image(UiView *v, UiRect r, int image)
{
    UiCmd *cmd = push_cmd(v, UI_CMD_IMAGE);
    if (cmd) {
        cmd->r = r;
        cmd->image = image;
    }
}

void ui_draw_text(UiView *v, int x, int y, const char *utf8, int px, UiWeight w, UiColor c)
{
    if (!utf8 || !*utf8)
        return;
    int tw = 0, th = 0;
    if (v->measure.measure(v->measure.ud, utf8, px, w, &tw, &th) != 0)
        return;
    UiCmd *cmd = push_cmd(v, UI_CMD_TEXT);
    if (!cmd)
        return;
    cmd->r = ui_rect(x, y, tw, th);
    cmd->c = c;
    cmd->px = px;
    cmd->weight = w;
    cmd->text = arena_put(v, utf8);
    ui_widget_add(v, 0, UI_W_LABEL, cmd->r, utf8, 0);
}

void ui_clip_set(UiView *v, UiRect r)
{
    if (r.w == 0)
        r = ui_rect(0, 0, v->w, v->h);
    v->clip = r;
    UiCmd *cmd = push_cmd(v, UI_CMD_CLIP);
    if (cmd)
        cmd->r = r;
}

void ui_clip_push(UiView *v, UiRect r)
{
    UiRect c = ui_rect_intersect(v->clip, r);
    if (c.w == 0 || c.h == 0)
        c = ui_rect(r.x, r.y, 1, 1); /* nothing visible; keep a non-empty clip */
    ui_clip_set(v, c);
}

UiWidget *ui_widget_add(UiView *v, uint32_t id, UiWidgetKind kind, UiRect r, const char *label,
                        unsigned flags)
{
    if (v->nwidgets >= UI_MAX_WIDGETS) {
        v->overflow = true;
        return NULL;
    }
    UiWidget *w = &v->widgets[v->nwidgets++];
    w->id = id;
    w->kind = kind;
    w->r = r;
    w->clip = ui_rect_intersect(r, v->clip);
    w->flags = flags;
    w->text = arena_put(v, label);
    return w;
}

/* ---- text ---- */

int ui_text_width(UiView *v, const char *utf8, int px, UiWeight w)
{
    int tw = 0, th = 0;
    if (!utf8 || !*utf8 || v->measure.measure(v->measure.ud, utf8, px, w, &tw, &th) != 0)
        return 0;
    return tw;
}

int ui_text_height(UiView *v, int px, UiWeight w)
{
    int tw = 0, th = 0;
    if (v->measure.measure(v->measure.ud, "Ag", px, w, &tw, &th) != 0)
        return px;
    return th;
}

int ui_text_fit(UiView *v, const char *utf8, UiWeight w, int min_px, int max_px, int max_w)
{
    if (ui_text_width(v, utf8, max_px, w) <= max_w)
        return max_px;
    int lo = min_px, hi = max_px - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (ui_text_width(v, utf8, mid, w) <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

int ui_text_common_px(UiView *v, const char *const *labels, size_t n, UiWeight w, int min_px,
                      int max_px, int max_w)
{
    int px = max_px;
    for (size_t i = 0; i < n; i++) {
        int fit = ui_text_fit(v, labels[i], w, min_px, px, max_w);
        if (fit < px)
            px = fit;
    }
    return px;
}

bool ui_text_wraps(UiView *v, const char *utf8, int px, UiWeight w, int max_w, int max_lines)
{
    const char *p = utf8;
    char line[1024];
    for (int ln = 0; ln < max_lines; ln++) {
        while (*p == ' ')
            p++;
        if (!*p)
            return true;
        /* The most words that fit this line. */
        size_t n = strlen(p), best = 0;
        for (size_t i = 0; i <= n && i < sizeof line; i++) {
            if (p[i] != ' ' && p[i] != '\0')
                continue;
            memcpy(line, p, i);
            line[i] = '\0';
            if (ui_text_width(v, line, px, w) > max_w)
                break;
            best = i;
        }
        if (best == 0)
            return false; /* a word wider than the line */
        p += best;
    }
    while (*p == ' ')
        p++;
    return *p == '\0';
}

int ui_text_common_px_lines(UiView *v, const char *const *labels, size_t n, UiWeight w, int min_px,
                            int max_px, int max_w, int max_lines)
{
    int px = max_px;
    for (size_t i = 0; i < n && px > min_px; i++) {
        if (ui_text_wraps(v, labels[i], px, w, max_w, max_lines))
            continue;
        int lo = min_px, hi = px - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (ui_text_wraps(v, labels[i], mid, w, max_w, max_lines))
                lo = mid;
            else
                hi = mid - 1;
        }
        px = lo;
    }
    return px < min_px ? min_px : px;
}

void ui_text_ellipsize(UiView *v, const char *utf8, int px, UiWeight w, int max_w, char *out,
                       size_t outlen)
{
    size_t n = strlen(utf8);
    if (n < outlen && ui_text_width(v, utf8, px, w) <= max_w) {
        memcpy(out, utf8, n + 1);
        return;
    }
    /* Candidate cuts are character starts; binary-search the longest prefix
     * that fits with the ellipsis. bounds[0] == 0 always "fits". */
    size_t bounds[1024], nb = 0;
    for (size_t i = 0; i < n && i + sizeof "…" < outlen && nb < 1024; i++)
        if (((unsigned char)utf8[i] & 0xC0) != 0x80)
            bounds[nb++] = i;
    size_t lo = 0, hi = nb ? nb - 1 : 0;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        memcpy(out, utf8, bounds[mid]);
        memcpy(out + bounds[mid], "…", sizeof "…");
        if (ui_text_width(v, out, px, w) <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t cut = nb ? bounds[lo] : 0;
    while (cut > 0 && utf8[cut - 1] == ' ')
        cut--;
    memcpy(out, utf8, cut);
    memcpy(out + cut, "…", sizeof "…");
}

int ui_text_in(UiView *v, UiRect r, const char *utf8, int px, int min_px, UiWeight w, UiColor c,
               UiAlign align)
{
    if (!utf8 || !*utf8)
        return px;
    if (min_px > px)
        min_px = px;
    int use = ui_text_fit(v, utf8, w, min_px, px, r.w);
    char buf[1024];
    ui_text_ellipsize(v, utf8, use, w, r.w, buf, sizeof buf);
    int tw = ui_text_width(v, buf, use, w);
    int th = ui_text_height(v, use, w);
    int x = r.x;
    if (align == UI_CENTER)
        x = r.x + (r.w - tw) / 2;
    else if (align == UI_RIGHT)
        x = r.x + r.w - tw;
    ui_draw_text(v, x, r.y + (r.h - th) / 2, buf, use, w, c);
    return use;
}

int ui_text_wrap(UiView *v, UiRect r, const char *utf8, int px, UiWeight w, UiColor c,
                 int max_lines, UiAlign align)
{
    int lh = ui_text_height(v, px, w);
    int y = r.y;
    const char *p = utf8;
    char line[1024];
    for (int ln = 0; ln < max_lines && *p; ln++) {
        while (*p == ' ')
            p++;
        /* Take words while they fit. */
        size_t best = 0, i = 0, n = strlen(p);
        while (i <= n) {
            if (p[i] == ' ' || p[i] == '\0') {
                if (i >= sizeof line)
                    break;
                memcpy(line, p, i);
                line[i] = '\0';
                if (ui_text_width(v, line, px, w) <= r.w || best == 0)
                    best = i;
                if (ui_text_width(v, line, px, w) > r.w)
                    break;
            }
            if (p[i] == '\0')
                break;
            i++;
        }
        bool last = ln == max_lines - 1;
        size_t take = best;
        if (last)
            take = n;
        if (take >= sizeof line)
            take = sizeof line - 1;
        memcpy(line, p, take);
        line[take] = '\0';
        char fit[1024];
        ui_text_ellipsize(v, line, px, w, r.w, fit, sizeof fit);
        int tw = ui_text_width(v, fit, px, w);
        int x = align == UI_CENTER  ? r.x + (r.w - tw) / 2
                : align == UI_RIGHT ? r.x + r.w - tw
                                    : r.x;
        ui_draw_text(v, x, y, fit, px, w, c);
        y += lh;
        p += take;
    }
    return y - r.y;
}

/* ---- lookup ---- */

static bool visible(const UiWidget *w)
{
    return w->clip.w > 0 && w->clip.h > 0;
}

const UiWidget *ui_view_hit(const UiView *v, int x, int y)
{
    for (size_t i = v->nwidgets; i-- > 0;) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL)
            continue;
        if (ui_rect_contains(w->clip, x, y))
            return w;
    }
    return NULL;
}

const UiWidget *ui_view_find_label(const UiView *v, const char *label)
{
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (w->kind == UI_W_LABEL || w->kind == UI_W_SCROLL || !visible(w))
            continue;
        if (!strcmp(ui_view_text(v, w->text), label))
            return w;
    }
    return NULL;
}

bool ui_view_contains_text(const UiView *v, const char *needle)
{
    for (size_t i = 0; i < v->nwidgets; i++) {
        const UiWidget *w = &v->widgets[i];
        if (visible(w) && strstr(ui_view_text(v, w->text), needle))
            return true;
    }
    return false;
}
