/* font.c — text to pixels with font fallback and a simple bidi (see font.h).
 *
 * A line is decoded into code points, each code point gets a face (the bundled
 * Noto Sans when it has the glyph, else an installed font that fontconfig finds)
 * and a direction, and neighbouring code points with the same face, direction
 * and script form a run. Each run is shaped and drawn by SDL_ttf (HarfBuzz),
 * runs are put in visual order and copied side by side onto one surface on a
 * common baseline. Code points that no installed font has are left out rather
 * than drawn as boxes.
 *
 * Needs SDL_ttf built with HarfBuzz (for shaping and right-to-left runs) and
 * fontconfig; does not need the SDL video subsystem. */
#include "platform/font.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    FONT_HANDLE_CAP = 48,     /* open TTF_Font handles kept per FontSet */
    FONT_FALLBACK_CAP = 1024, /* remembered (block, weight) -> face choices */
    FONT_MISSING_CAP = 1024,  /* remembered code points no installed font has */
    FONT_MIN_PX = 1,
    FONT_MAX_PX = 2000,
};

#define FONT_ELLIPSIS "\xE2\x80\xA6"

/* SDL_ttf keeps one FreeType library for the whole process, and FreeType needs
 * face creation and destruction on one library serialised. One FontSet per
 * thread is the contract, so this lock is the only shared state, and it guards
 * SDL_ttf's own global, not ours. */
static pthread_mutex_t font_ft_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct FontFace {
    char *path;
    int index;          /* face in a .ttc collection */
    bool synth_bold;    /* bold asked for, only a lighter face installed */
    bool broken;        /* could not be opened; never chosen again */
    FcCharSet *charset; /* coverage of a fallback face; NULL for bundled ones */
} FontFace;

typedef struct FontHandle {
    int face;
    int px;
    TTF_Font *font;
    uint64_t used; /* for least-recently-used eviction */
} FontHandle;

typedef struct FontFallback {
    uint32_t block; /* code point >> 8 */
    FontWeight weight;
    int face;
} FontFallback;

struct FontSet {
    FontFace *faces; /* [0] bundled regular, [1] bundled bold, then fallbacks */
    size_t nfaces, capfaces;
    FontHandle handles[FONT_HANDLE_CAP];
    size_t nhandles;
    uint64_t tick;
    FontFallback *fallbacks;
    size_t nfallbacks, capfallbacks;
    uint32_t *missing;
    size_t nmissing, capmissing;
    hb_unicode_funcs_t *ucd;
};

/* ---- faces and handles ------------------------------------------------------ */

static int font_face_add(FontSet *fs, const char *path, int index, bool synth_bold,
                         FcCharSet *charset)
{
    for (size_t i = 0; i < fs->nfaces; i++) {
        FontFace *f = &fs->faces[i];
        if (f->charset && f->index == index && f->synth_bold == synth_bold &&
            strcmp(f->path, path) == 0)
            return (int)i;
    }
    if (fs->nfaces == fs->capfaces) {
        size_t cap = fs->capfaces ? fs->capfaces * 2 : 8;
        FontFace *nf = realloc(fs->faces, cap * sizeof *nf);
        if (!nf)
            return -1;
        fs->faces = nf;
        fs->capfaces = cap;
    }
    char *p = strdup(path);
    FcCharSet *cs = charset ? FcCharSetCopy(charset) : NULL;
    if (!p || (charset && !cs)) {
        free(p);
        if (cs)
            FcCharSetDestroy(cs);
        return -1;
    }
    fs->faces[fs->nfaces] =
        (FontFace){.path = p, .index = index, .synth_bold = synth_bold, .charset = cs};
    return (int)fs->nfaces++;
}

static void font_handle_close(FontHandle *h)
{
    pthread_mutex_lock(&font_ft_lock);
    TTF_CloseFont(h->font);
    pthread_mutex_unlock(&font_ft_lock);
    h->font = NULL;
}

/* The face at px, opened on first use and kept in a small LRU cache. NULL when
 * the face cannot be opened (SDL error set; the face is marked broken). */
static TTF_Font *font_handle_get(FontSet *fs, int face, int px)
{
    FontFace *f = &fs->faces[face];
    if (f->broken)
        return NULL;
    fs->tick++;
    for (size_t i = 0; i < fs->nhandles; i++) {
        FontHandle *h = &fs->handles[i];
        if (h->face == face && h->px == px) {
            h->used = fs->tick;
            return h->font;
        }
    }
    pthread_mutex_lock(&font_ft_lock);
    TTF_Font *font = TTF_OpenFontIndex(f->path, px, f->index);
    pthread_mutex_unlock(&font_ft_lock);
    if (!font) {
        f->broken = true;
        return NULL;
    }
    if (f->synth_bold)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    size_t slot = fs->nhandles;
    if (slot == FONT_HANDLE_CAP) {
        slot = 0;
        for (size_t i = 1; i < FONT_HANDLE_CAP; i++)
            if (fs->handles[i].used < fs->handles[slot].used)
                slot = i;
        font_handle_close(&fs->handles[slot]);
    } else {
        fs->nhandles++;
    }
    fs->handles[slot] = (FontHandle){.face = face, .px = px, .font = font, .used = fs->tick};
    return font;
}

static bool font_face_has(FontSet *fs, int face, uint32_t cp, int px)
{
    FontFace *f = &fs->faces[face];
    if (f->broken)
        return false;
    if (f->charset)
        return FcCharSetHasChar(f->charset, cp);
    TTF_Font *font = font_handle_get(fs, face, px);
    return font && TTF_GlyphIsProvided32(font, cp);
}

/* ---- fallback through fontconfig ------------------------------------------- */

static bool font_missing_has(const FontSet *fs, uint32_t cp)
{
    for (size_t i = 0; i < fs->nmissing; i++)
        if (fs->missing[i] == cp)
            return true;
    return false;
}

static void font_missing_add(FontSet *fs, uint32_t cp)
{
    if (fs->nmissing == fs->capmissing) {
        if (fs->capmissing >= FONT_MISSING_CAP)
            return; /* forgetting only costs another fontconfig query */
        size_t cap = fs->capmissing ? fs->capmissing * 2 : 16;
        uint32_t *nm = realloc(fs->missing, cap * sizeof *nm);
        if (!nm)
            return;
        fs->missing = nm;
        fs->capmissing = cap;
    }
    fs->missing[fs->nmissing++] = cp;
}

static void font_fallback_remember(FontSet *fs, uint32_t block, FontWeight w, int face)
{
    if (fs->nfallbacks == fs->capfallbacks) {
        if (fs->capfallbacks >= FONT_FALLBACK_CAP)
            return;
        size_t cap = fs->capfallbacks ? fs->capfallbacks * 2 : 16;
        FontFallback *nf = realloc(fs->fallbacks, cap * sizeof *nf);
        if (!nf)
            return;
        fs->fallbacks = nf;
        fs->capfallbacks = cap;
    }
    fs->fallbacks[fs->nfallbacks++] = (FontFallback){.block = block, .weight = w, .face = face};
}

/* Asks fontconfig for the best installed scalable font that has cp, as close to
 * a sans-serif of weight w as there is. Colour bitmap fonts are passed over:
 * SDL_ttf can only draw them at their one fixed size. Returns a face or -1. */
static int font_fallback_query(FontSet *fs, uint32_t cp, FontWeight w)
{
    FcPattern *pat = FcPatternCreate();
    FcCharSet *want = FcCharSetCreate();
    int face = -1;
    if (!pat || !want || !FcCharSetAddChar(want, cp) ||
        !FcPatternAddCharSet(pat, FC_CHARSET, want) ||
        !FcPatternAddBool(pat, FC_SCALABLE, FcTrue) ||
        !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif") ||
        !FcPatternAddInteger(pat, FC_WEIGHT, w == FONT_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR))
        goto out;
    if (!FcConfigSubstitute(NULL, pat, FcMatchPattern))
        goto out;
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcFontSet *set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    if (!set)
        goto out;
    for (int i = 0; i < set->nfont && face < 0; i++) {
        FcPattern *font = set->fonts[i];
        FcCharSet *cs = NULL;
        FcChar8 *file = NULL;
        FcBool scalable = FcFalse, colour = FcFalse;
        int index = 0, weight = FC_WEIGHT_REGULAR;
        if (FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) != FcResultMatch ||
            !FcCharSetHasChar(cs, cp))
            continue;
        if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) != FcResultMatch || !scalable)
            continue;
        if (FcPatternGetBool(font, FC_COLOR, 0, &colour) == FcResultMatch && colour)
            continue;
        (void)FcPatternGetInteger(font, FC_INDEX, 0, &index);
        (void)FcPatternGetInteger(font, FC_WEIGHT, 0, &weight);
        bool synth = w == FONT_BOLD && weight < FC_WEIGHT_DEMIBOLD;
        int f = font_face_add(fs, (const char *)file, index, synth, cs);
        if (f >= 0 && !fs->faces[f].broken)
            face = f;
    }
    FcFontSetDestroy(set);
out:
    if (want)
        FcCharSetDestroy(want);
    if (pat)
        FcPatternDestroy(pat);
    return face;
}

/* The installed face that draws cp when the bundled one cannot, or -1. Choices
 * are remembered per 256-code-point block, so a CJK or Arabic name costs one
 * fontconfig query the first time and none after. */
static int font_fallback_face(FontSet *fs, uint32_t cp, FontWeight w)
{
    uint32_t block = cp >> 8;
    for (size_t i = 0; i < fs->nfallbacks; i++) {
        const FontFallback *fb = &fs->fallbacks[i];
        if (fb->block == block && fb->weight == w && !fs->faces[fb->face].broken &&
            FcCharSetHasChar(fs->faces[fb->face].charset, cp))
            return fb->face;
    }
    if (font_missing_has(fs, cp))
        return -1;
    int face = font_fallback_query(fs, cp, w);
    if (face < 0)
        font_missing_add(fs, cp);
    else
        font_fallback_remember(fs, block, w, face);
    return face;
}

/* ---- create / destroy ------------------------------------------------------- */

FontSet *font_set_create(const char *asset_dir, char *err, size_t errlen)
{
    static const char *const names[2] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};
    FontSet *fs = NULL;
    bool ttf = false;

    pthread_mutex_lock(&font_ft_lock);
    int rc = TTF_Init(); /* counted by SDL_ttf; paired with TTF_Quit in destroy */
    pthread_mutex_unlock(&font_ft_lock);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    ttf = true;
    if (!FcInit()) {
        snprintf(err, errlen, "cannot start fontconfig");
        goto fail;
    }
    fs = calloc(1, sizeof *fs);
    if (!fs) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    fs->ucd = hb_unicode_funcs_get_default();
    if (!asset_dir)
        asset_dir = LANYARD_ASSET_DIR;
    for (int i = 0; i < 2; i++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/fonts/%s", asset_dir, names[i]);
        if (n < 0 || (size_t)n >= sizeof path) {
            snprintf(err, errlen, "font path too long: %s", asset_dir);
            goto fail;
        }
        if (font_face_add(fs, path, 0, false, NULL) != i) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        /* Open it now so a missing or corrupt bundled font is reported here. */
        if (!font_handle_get(fs, i, 16)) {
            snprintf(err, errlen, "cannot load %s: %s", path, TTF_GetError());
            goto fail;
        }
    }
    return fs;
fail:
    if (fs) {
        font_set_destroy(fs);
    } else if (ttf) {
        pthread_mutex_lock(&font_ft_lock);
        TTF_Quit();
        pthread_mutex_unlock(&font_ft_lock);
    }
    return NULL;
}

void font_set_destroy(FontSet *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->nhandles; i++)
        font_handle_close(&fs->handles[i]);
    for (size_t i = 0; i < fs->nfaces; i++) {
        free(fs->faces[i].path);
        if (fs->faces[i].charset)
            FcCharSetDestroy(fs->faces[i].charset);
    }
    free(fs->faces);
    free(fs->fallbacks);
    free(fs->missing);
    free(fs);
    pthread_mutex_lock(&font_ft_lock);
    TTF_Quit();
    pthread_mutex_unlock(&font_ft_lock);
}

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Decodes the code point at s[*i], advancing *i; malformed bytes give U+FFFD. */
static uint32_t font_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = len - *i;
    uint32_t cp;
    size_t n;
    if (u[0] < 0x80) {
        *i += 1;
        return u[0];
    } else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        cp = u[0] & 0x1F;
        n = 2;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        cp = u[0] & 0x0F;
        n = 3;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        cp = u[0] & 0x07;
        n = 4;
    } else {
        *i += 1;
        return 0xFFFD;
    }
    if (left < n) {
        *i += 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            *i += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (u[k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return 0xFFFD;
    }
    *i += n;
    return cp;
}

static size_t font_utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- line layout ------------------------------------------------------------ */

typedef enum FontClass {
    FONT_CHAR_LTR,     /* strong left-to-right */
    FONT_CHAR_RTL,     /* strong right-to-left (Arabic, Hebrew, ...) */
    FONT_CHAR_NUMBER,  /* digits: drawn left to right, but do not set the line direction */
    FONT_CHAR_NEUTRAL, /* spaces and punctuation: take the direction around them */
    FONT_CHAR_JOIN,    /* combining marks, joiners, variation selectors: follow the previous */
    FONT_CHAR_DROP,    /* format controls with nothing to draw */
} FontClass;

typedef struct FontChar {
    uint32_t cp;
    hb_script_t script;
    FontClass cls;
    bool rtl; /* resolved direction */
    int face; /* -1: no installed font draws it; left out */
} FontChar;

typedef struct FontRun {
    int face;
    bool rtl;
    int level; /* bidi embedding level: even left to right, odd right to left */
    hb_script_t script;
    char *text;
    int width, height, top; /* top: the run's surface top relative to the line top */
    int above;              /* pixels from the run surface's top to its baseline */
} FontRun;

typedef struct FontLine {
    FontRun *runs; /* in visual order, left to right */
    size_t nruns;
    int width, height;
} FontLine;

static void font_line_free(FontLine *line)
{
    for (size_t i = 0; i < line->nruns; i++)
        free(line->runs[i].text);
    free(line->runs);
    line->runs = NULL;
    line->nruns = 0;
}

static FontClass font_classify(FontSet *fs, uint32_t cp, hb_script_t *script)
{
    *script = hb_unicode_script(fs->ucd, cp);
    hb_unicode_general_category_t gc = hb_unicode_general_category(fs->ucd, cp);
    if (cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xE0020 && cp <= 0xE007F) ||
        (cp >= 0x1F3FB && cp <= 0x1F3FF))
        return FONT_CHAR_JOIN;
    switch (gc) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return FONT_CHAR_JOIN;
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
    case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
        return FONT_CHAR_DROP;
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
        return FONT_CHAR_NUMBER;
    default:
        break;
    }
    if (*script == HB_SCRIPT_COMMON || *script == HB_SCRIPT_INHERITED ||
        *script == HB_SCRIPT_UNKNOWN)
        return FONT_CHAR_NEUTRAL;
    return hb_script_get_horizontal_direction(*script) == HB_DIRECTION_RTL ? FONT_CHAR_RTL
                                                                           : FONT_CHAR_LTR;
}

/* Neutrals take the direction of the strong characters on both sides when they
 * agree, else the line's (rule N1/N2 of the Unicode bidi algorithm, simplified). */
static void font_resolve_directions(FontChar *c, size_t n, bool line_rtl)
{
    bool prev_rtl = line_rtl;
    for (size_t i = 0; i < n;) {
        if (c[i].cls == FONT_CHAR_LTR || c[i].cls == FONT_CHAR_NUMBER ||
            c[i].cls == FONT_CHAR_RTL) {
            c[i].rtl = c[i].cls == FONT_CHAR_RTL;
            prev_rtl = c[i].rtl;
            i++;
            continue;
        }
        if (c[i].cls == FONT_CHAR_JOIN && i > 0) {
            c[i].rtl = c[i - 1].rtl;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (c[j].cls == FONT_CHAR_NEUTRAL || c[j].cls == FONT_CHAR_JOIN ||
                         c[j].cls == FONT_CHAR_DROP))
            j++;
        bool next_rtl = j < n ? c[j].cls == FONT_CHAR_RTL : line_rtl;
        bool rtl = prev_rtl == next_rtl ? prev_rtl : line_rtl;
        for (size_t k = i; k < j; k++)
            c[k].rtl = rtl;
        i = j;
    }
}

/* Picks the face of each character: the bundled face first for letters, the
 * face of the run in progress for spaces, marks and punctuation so runs stay
 * whole, then an installed font. */
static void font_assign_faces(FontSet *fs, FontChar *c, size_t n, FontWeight w, int px)
{
    int base = w == FONT_BOLD ? 1 : 0;
    int prev = -1;
    for (size_t i = 0; i < n; i++) {
        FontChar *ch = &c[i];
        ch->face = -1;
        if (ch->cls == FONT_CHAR_DROP)
            continue;
        if (ch->cls == FONT_CHAR_JOIN) {
            if (prev >= 0 && font_face_has(fs, prev, ch->cp, px))
                ch->face = prev;
            else if (prev >= 0 && ch->cp >= 0xFE00 && ch->cp <= 0xFE0F)
                ch->face = prev; /* HarfBuzz hides a variation selector a font lacks */
            continue;
        }
        if (ch->cls == FONT_CHAR_NEUTRAL && prev >= 0 && font_face_has(fs, prev, ch->cp, px))
            ch->face = prev;
        else if (font_face_has(fs, base, ch->cp, px))
            ch->face = base;
        else if (prev >= 0 && prev != base && font_face_has(fs, prev, ch->cp, px))
            ch->face = prev;
        else
            /* A face that fails to open is marked broken; ask for the next best. */
            while ((ch->face = font_fallback_face(fs, ch->cp, w)) >= 0 &&
                   !font_handle_get(fs, ch->face, px))
                ;
        if (ch->face >= 0)
            prev = ch->face;
    }
}

static const char *font_script_tag(hb_script_t script, char tag[5])
{
    if (script == HB_SCRIPT_INVALID || script == HB_SCRIPT_INHERITED)
        script = HB_SCRIPT_COMMON;
    hb_tag_to_string((hb_tag_t)script, tag);
    tag[4] = '\0';
    return tag;
}

/* Shapes one run and fills its size and where its baseline is. */
static int font_run_measure(FontSet *fs, FontRun *run, int px)
{
    TTF_Font *font = font_handle_get(fs, run->face, px);
    if (!font)
        return -1;
    char tag[5];
    if (TTF_SetFontDirection(font, run->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) != 0 ||
        TTF_SetFontScriptName(font, font_script_tag(run->script, tag)) != 0) {
        SDL_SetError("SDL_ttf was built without HarfBuzz: cannot shape text");
        return -1;
    }
    if (TTF_SizeUTF8(font, run->text, &run->width, &run->height) != 0)
        return -1;
    /* SDL_ttf grows the surface when glyphs reach past the font's box: above it
     * for stacked accents, below it for deep descenders. Where the baseline then
     * sits is not reported. Glyph metrics tell how far glyphs reach down; the
     * rest is above (marks HarfBuzz stacked higher than any glyph alone). */
    int ascent = TTF_FontAscent(font);
    int box = TTF_FontHeight(font);
    int extra = run->height - box;
    int over = 0, under = 0;
    if (extra > 0) {
        size_t len = strlen(run->text);
        for (size_t i = 0; i < len;) {
            uint32_t cp = font_utf8_next(run->text, len, &i);
            int minx, maxx, miny, maxy, adv;
            if (TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
                continue;
            if (ascent - miny - box > under)
                under = ascent - miny - box;
        }
        if (under > extra)
            under = extra;
        over = extra - under;
    }
    run->above = ascent + over;
    return 0;
}

/* Runs in visual order: reverse every stretch at or above each odd level, from
 * the highest level down (rule L2 of the Unicode bidi algorithm). */
static void font_runs_reorder(FontRun *runs, size_t n)
{
    int maxlevel = 0;
    for (size_t i = 0; i < n; i++)
        if (runs[i].level > maxlevel)
            maxlevel = runs[i].level;
    for (int level = maxlevel; level >= 1; level--) {
        for (size_t i = 0; i < n;) {
            if (runs[i].level < level) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && runs[j].level >= level)
                j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                FontRun t = runs[a];
                runs[a] = runs[b];
                runs[b] = t;
            }
            i = j;
        }
    }
}

static int font_clamp_px(int px)
{
    return px < FONT_MIN_PX ? FONT_MIN_PX : px > FONT_MAX_PX ? FONT_MAX_PX : px;
}

/* Lays out one line: faces, directions, runs in visual order, sizes. */
static int font_layout(FontSet *fs, const char *utf8, int px, FontWeight w, FontLine *line)
{
    *line = (FontLine){0};
    px = font_clamp_px(px);
    int base = w == FONT_BOLD ? 1 : 0;
    size_t len = strlen(utf8);
    FontChar *c = malloc((len + 1) * sizeof *c);
    char *buf = malloc(len * 4 + 1);
    if (!c || !buf) {
        free(c);
        free(buf);
        SDL_OutOfMemory();
        return -1;
    }
    size_t n = 0;
    bool line_rtl = false, seen_strong = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp = font_utf8_next(utf8, len, &i);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            cp = ' '; /* a newline or tab in a one-line name reads as a space */
        FontChar *ch = &c[n++];
        ch->cp = cp;
        ch->cls = font_classify(fs, cp, &ch->script);
        if (!seen_strong && (ch->cls == FONT_CHAR_LTR || ch->cls == FONT_CHAR_RTL)) {
            seen_strong = true;
            line_rtl = ch->cls == FONT_CHAR_RTL;
        }
    }
    font_resolve_directions(c, n, line_rtl);
    font_assign_faces(fs, c, n, w, px);

    /* Split into runs of one face, direction and script. */
    int rc = -1;
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        if (c[i].face < 0) {
            i++;
            continue;
        }
        FontRun run = {.face = c[i].face, .rtl = c[i].rtl, .script = HB_SCRIPT_COMMON};
        size_t blen = 0;
        size_t j = i;
        for (; j < n; j++) {
            if (c[j].face < 0)
                continue; /* left out; does not split the run */
            if (c[j].face != run.face || c[j].rtl != run.rtl)
                break;
            bool strong = c[j].cls == FONT_CHAR_LTR || c[j].cls == FONT_CHAR_RTL;
            if (strong && run.script != HB_SCRIPT_COMMON && c[j].script != run.script)
                break;
            if (strong && run.script == HB_SCRIPT_COMMON)
                run.script = c[j].script;
            blen += font_utf8_put(buf + blen, c[j].cp);
        }
        i = j;
        run.level = line_rtl ? (run.rtl ? 1 : 2) : (run.rtl ? 1 : 0);
        run.text = malloc(blen + 1);
        if (!run.text) {
            SDL_OutOfMemory();
            goto out;
        }
        memcpy(run.text, buf, blen);
        run.text[blen] = '\0';
        if (line->nruns == cap) {
            cap = cap ? cap * 2 : 4;
            FontRun *nr = realloc(line->runs, cap * sizeof *nr);
            if (!nr) {
                free(run.text);
                SDL_OutOfMemory();
                goto out;
            }
            line->runs = nr;
        }
        line->runs[line->nruns++] = run;
        if (font_run_measure(fs, &line->runs[line->nruns - 1], px) != 0)
            goto out;
    }
    font_runs_reorder(line->runs, line->nruns);

    /* One baseline for all runs; the bundled face's metrics always count, so a
     * line's height does not jump with the script of the name on it. */
    TTF_Font *bf = font_handle_get(fs, base, px);
    if (!bf)
        goto out;
    int baseline = TTF_FontAscent(bf);
    for (size_t i = 0; i < line->nruns; i++)
        if (line->runs[i].above > baseline)
            baseline = line->runs[i].above;
    int height = baseline - TTF_FontAscent(bf) + TTF_FontHeight(bf);
    int x = 0;
    for (size_t i = 0; i < line->nruns; i++) {
        FontRun *r = &line->runs[i];
        r->top = baseline - r->above;
        if (r->top + r->height > height)
            height = r->top + r->height;
        x += r->width;
    }
    /* A name made only of characters no font has still gets a (transparent)
     * surface, so callers need not treat it as an error. */
    line->width = x > 0 || len == 0 ? x : 1;
    line->height = height;
    rc = 0;
out:
    free(c);
    free(buf);
    if (rc != 0)
        font_line_free(line);
    return rc;
}

/* ---- public ---------------------------------------------------------------- */

SDL_Surface *font_render(FontSet *fs, const char *utf8, int px, FontWeight w, SDL_Color colour)
{
    if (!utf8 || !*utf8) {
        SDL_SetError("nothing to render");
        return NULL;
    }
    FontLine line;
    if (font_layout(fs, utf8, px, w, &line) != 0)
        return NULL;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, line.width, line.height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        goto out;
    px = font_clamp_px(px);
    int x = 0;
    for (size_t i = 0; i < line.nruns; i++) {
        FontRun *r = &line.runs[i];
        TTF_Font *font = font_handle_get(fs, r->face, px);
        char tag[5];
        if (!font ||
            TTF_SetFontDirection(font, r->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) != 0 ||
            TTF_SetFontScriptName(font, font_script_tag(r->script, tag)) != 0)
            goto fail;
        if (r->width > 0) {
            SDL_Surface *s = TTF_RenderUTF8_Blended(font, r->text, colour);
            if (!s)
                goto fail;
            /* Runs sit side by side, so a plain copy keeps the glyphs' own alpha. */
            SDL_Rect dst = {x, r->top, s->w, s->h};
            if (SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE) != 0 ||
                SDL_BlitSurface(s, NULL, out, &dst) != 0) {
                SDL_FreeSurface(s);
                goto fail;
            }
            SDL_FreeSurface(s);
        }
        x += r->width;
    }
    if (SDL_SetSurfaceBlendMode(out, SDL_BLENDMODE_BLEND) != 0)
        goto fail;
    goto out;
fail:
    SDL_FreeSurface(out);
    out = NULL;
out:
    font_line_free(&line);
    return out;
}

int font_measure(FontSet *fs, const char *utf8, int px, FontWeight w, int *width, int *height)
{
    FontLine line;
    if (font_layout(fs, utf8 ? utf8 : "", px, w, &line) != 0)
        return -1;
    if (width)
        *width = line.width;
    if (height)
        *height = line.height;
    font_line_free(&line);
    return 0;
}

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
