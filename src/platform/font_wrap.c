/* font_wrap.c — text fitted to a width (see font.h): the largest size at which
 * a line fits, and text broken into lines at spaces, after hyphens and slashes,
 * or between characters when one word is too wide, the last line ending in "…"
 * when text remains; the wrapped lines drawn onto one surface. Measures and
 * draws each line through font_layout.c. */
#include "platform/font.h"

#include <hb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/font_internal.h"

#define FONT_ELLIPSIS "\xE2\x80\xA6"

/* ---- fitting ---------------------------------------------------------------- */

static bool font_fits(FontSet *fs, const char *utf8, int px, FontWeight w, int max_width)
{
    int width = 0;
    return font_measure(fs, utf8, px, w, &width, NULL) == 0 && width <= max_width;
}

int font_fit_px(FontSet *fs, const char *utf8, FontWeight w, int min_px, int max_px, int max_width)
{
    if (max_px < min_px)
        max_px = min_px;
    if (font_fits(fs, utf8, max_px, w, max_width))
        return max_px;
    int lo = min_px, hi = max_px; /* invariant: the answer is in [lo, hi) or min_px */
    if (!font_fits(fs, utf8, lo, w, max_width))
        return min_px;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (font_fits(fs, utf8, mid, w, max_width))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* ---- wrapping --------------------------------------------------------------- */

static bool font_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

/* Width of s[from, to) with an optional suffix, at px. */
static bool font_span_fits(FontSet *fs, const char *s, size_t from, size_t to, const char *suffix,
                           char *scratch, int px, FontWeight w, int max_width)
{
    size_t n = to - from;
    memcpy(scratch, s + from, n);
    strcpy(scratch + n, suffix);
    return font_fits(fs, scratch, px, w, max_width);
}

static size_t font_trim_end(const char *s, size_t from, size_t to)
{
    while (to > from &&
           (s[to - 1] == ' ' || s[to - 1] == '\t' || s[to - 1] == '\n' || s[to - 1] == '\r'))
        to--;
    return to;
}

static char *font_span_dup(const char *s, size_t from, size_t to, const char *suffix)
{
    size_t n = to - from, k = strlen(suffix);
    char *out = malloc(n + k + 1);
    if (!out)
        return NULL;
    memcpy(out, s + from, n);
    memcpy(out + n, suffix, k + 1);
    return out;
}

/* Offsets where a line may end inside a word: before every character that does
 * not attach to the one before it (marks, joiners, variation selectors). */
static size_t font_cluster_breaks(FontSet *fs, const char *s, size_t from, size_t to,
                                  size_t *breaks)
{
    size_t n = 0;
    uint32_t prev = 0;
    for (size_t i = from; i < to;) {
        size_t at = i;
        uint32_t cp = font_utf8_next(s, to, &i);
        hb_script_t script;
        FontClass cls = font_classify(fs, cp, &script);
        if (at > from && cls != FONT_CHAR_JOIN && prev != 0x200D)
            breaks[n++] = at;
        prev = cp;
    }
    breaks[n++] = to;
    return n;
}

/* Longest prefix of s[from, to) ending at a character boundary that fits with
 * suffix; at least one character when keep_one, else possibly empty. */
static size_t font_longest_prefix(FontSet *fs, const char *s, size_t from, size_t to,
                                  const char *suffix, char *scratch, int px, FontWeight w,
                                  int max_width, bool keep_one, size_t *breaks)
{
    size_t nb = font_cluster_breaks(fs, s, from, to, breaks);
    /* breaks[k] are increasing; find the largest k whose prefix fits. */
    size_t lo = 0, hi = nb; /* candidates breaks[0..nb) ; lo: count known to fit */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        size_t end = font_trim_end(s, from, breaks[mid - 1]);
        if (font_span_fits(fs, s, from, end, suffix, scratch, px, w, max_width))
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo == 0)
        return keep_one ? breaks[0] : from;
    return breaks[lo - 1];
}

size_t font_wrap(FontSet *fs, const char *utf8, int px, FontWeight w, int max_width, char **lines,
                 size_t max_lines)
{
    if (!utf8 || max_lines == 0)
        return 0;
    size_t len = strlen(utf8);
    char *scratch = malloc(len + sizeof FONT_ELLIPSIS);
    size_t *breaks = malloc((len + 1) * sizeof *breaks);
    size_t nlines = 0;
    if (!scratch || !breaks)
        goto oom;
    size_t pos = 0;
    for (;;) {
        /* Skip the spaces a line break swallowed. */
        while (pos < len) {
            size_t next = pos;
            if (!font_is_space(font_utf8_next(utf8, len, &next)))
                break;
            pos = next;
        }
        if (pos >= len || nlines == max_lines)
            break;
        /* A newline always ends a line; wrapping happens within its paragraph. */
        const char *nl = strchr(utf8 + pos, '\n');
        size_t seg = nl ? (size_t)(nl - utf8) : len;
        size_t end = font_trim_end(utf8, pos, seg);
        bool more = false; /* text after this paragraph */
        for (size_t i = seg; i < len && !more; i++)
            more = !font_is_space((unsigned char)utf8[i]);
        bool last = nlines + 1 == max_lines;
        bool fits = font_span_fits(fs, utf8, pos, end, "", scratch, px, w, max_width);
        if (last && (more || !fits)) {
            size_t cut = font_longest_prefix(fs, utf8, pos, seg, FONT_ELLIPSIS, scratch, px, w,
                                             max_width, false, breaks);
            if (!(lines[nlines] =
                      font_span_dup(utf8, pos, font_trim_end(utf8, pos, cut), FONT_ELLIPSIS)))
                goto oom;
            nlines++;
            break;
        }
        if (fits) {
            if (!(lines[nlines] = font_span_dup(utf8, pos, end, "")))
                goto oom;
            nlines++;
            pos = seg;
            continue;
        }
        /* The most whole words that fit; a line may also end after a hyphen or
         * a slash ("Smith-Jones", "Welding/Fabrication"). */
        size_t best = 0;
        for (size_t i = pos; i < seg;) {
            size_t at = i;
            uint32_t cp = font_utf8_next(utf8, seg, &i);
            size_t cand;
            if (font_is_space(cp))
                cand = font_trim_end(utf8, pos, at);
            else if ((cp == '-' || cp == '/' || cp == 0x2010) && at > pos && i < seg)
                cand = i;
            else
                continue;
            if (cand <= pos || cand <= best)
                continue;
            if (!font_span_fits(fs, utf8, pos, cand, "", scratch, px, w, max_width))
                break;
            best = cand;
        }
        size_t cut = best;
        if (cut == 0) /* the first word alone is too wide: break inside it */
            cut = font_longest_prefix(fs, utf8, pos, seg, "", scratch, px, w, max_width, true,
                                      breaks);
        if (!(lines[nlines] = font_span_dup(utf8, pos, cut, "")))
            goto oom;
        nlines++;
        pos = cut;
    }
    free(scratch);
    free(breaks);
    return nlines;
oom:
    for (size_t i = 0; i < nlines; i++) {
        free(lines[i]);
        lines[i] = NULL;
    }
    free(scratch);
    free(breaks);
    SDL_OutOfMemory();
    return 0;
}

SDL_Surface *font_render_wrapped(FontSet *fs, const char *utf8, int px, FontWeight w,
                                 SDL_Color colour, int max_width, size_t max_lines, FontAlign align)
{
    if (!utf8 || max_lines == 0) {
        SDL_SetError("nothing to render");
        return NULL;
    }
    char **lines = calloc(max_lines, sizeof *lines);
    SDL_Surface **surf = calloc(max_lines, sizeof *surf);
    SDL_Surface *out = NULL;
    size_t n = 0;
    if (!lines || !surf) {
        SDL_OutOfMemory();
        goto out;
    }
    n = font_wrap(fs, utf8, px, w, max_width, lines, max_lines);
    if (n == 0) {
        SDL_SetError("nothing to render");
        goto out;
    }
    int width = 0, height = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(surf[i] = font_render(fs, lines[i], px, w, colour)))
            goto out;
        if (surf[i]->w > width)
            width = surf[i]->w;
        height += surf[i]->h;
    }
    out = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        goto out;
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        int x = align == FONT_ALIGN_CENTRE  ? (width - surf[i]->w) / 2
                : align == FONT_ALIGN_RIGHT ? width - surf[i]->w
                                            : 0;
        SDL_Rect dst = {x, y, surf[i]->w, surf[i]->h};
        if (SDL_SetSurfaceBlendMode(surf[i], SDL_BLENDMODE_NONE) != 0 ||
            SDL_BlitSurface(surf[i], NULL, out, &dst) != 0) {
            SDL_FreeSurface(out);
            out = NULL;
            goto out;
        }
        y += surf[i]->h;
    }
    if (SDL_SetSurfaceBlendMode(out, SDL_BLENDMODE_BLEND) != 0) {
        SDL_FreeSurface(out);
        out = NULL;
    }
out:
    for (size_t i = 0; i < n; i++) {
        SDL_FreeSurface(surf[i]);
        free(lines[i]);
    }
    free(surf);
    free(lines);
    return out;
}
