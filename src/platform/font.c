/* font.c — the fonts behind a FontSet (see font.h): the bundled Noto Sans,
 * opened through SDL_ttf and kept in a small cache of sizes, and the installed
 * fonts that fontconfig finds for characters Noto Sans lacks, remembered per
 * block of code points so a name in another script costs one query. Creating
 * and destroying a FontSet. Laying out and drawing a line is font_layout.c;
 * fitting and wrapping text to a width is font_wrap.c.
 *
 * Needs fontconfig and SDL_ttf (TTF_Init only, not the SDL video subsystem). */
#include "platform/font.h"

#include "platform/assets.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/font_internal.h"

/* SDL_ttf keeps one FreeType library for the whole process, and FreeType needs
 * face creation and destruction on one library serialised. One FontSet per
 * thread is the contract, so this lock is the only shared state, and it guards
 * SDL_ttf's own global, not ours. */
static pthread_mutex_t font_ft_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* Handles are (face, size) pairs, each with its own glyph cache, so text
 * that goes back and forth between a few sizes (a badge: name, company, the
 * link) is drawn from warm caches. Each one also holds a FreeType face and
 * the HarfBuzz tables copied for it, ~0.3 MB, so they are few: once a face
 * has sizes_per_face open, or FONT_HANDLE_CAP are open in all, a new size of
 * a face already open takes over that face's least recently used handle
 * (TTF_SetFontSize, which empties its glyph cache) rather than opening the
 * file again; only a face not open at all closes the least recently used
 * handle.
 *
 * Resizing gives NULL when the size cannot be set: the handle is then closed,
 * so the face is opened afresh at px (and marked broken if that fails too,
 * which ends a caller's search for a face that draws a character). */
static FontHandle *handle_resize(FontSet *fs, FontHandle *h, int px)
{
    if (TTF_SetFontSize(h->font, px) != 0) {
        font_handle_close(h);
        *h = fs->handles[--fs->nhandles];
        return NULL;
    }
    h->px = px;
    h->used = fs->tick;
    return h;
}

static FontHandle *handle_open(FontSet *fs, int face, int px)
{
    FontFace *f = &fs->faces[face];
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
    return &fs->handles[slot];
}

TTF_Font *font_handle_get(FontSet *fs, int face, int px)
{
    if (fs->faces[face].broken)
        return NULL;
    fs->tick++;
    FontHandle *oldest_of_face = NULL;
    int of_face = 0;
    for (size_t i = 0; i < fs->nhandles; i++) {
        FontHandle *h = &fs->handles[i];
        if (h->face != face)
            continue;
        if (h->px == px) {
            h->used = fs->tick;
            return h->font;
        }
        of_face++;
        if (!oldest_of_face || h->used < oldest_of_face->used)
            oldest_of_face = h;
    }
    /* A fallback face (an installed font found for a script Noto Sans lacks)
     * keeps one size: a CJK one costs ~2.7 MB per open size, for the tables
     * FreeType and HarfBuzz copy out of a 19 MB file. */
    int sizes = face >= FONT_BUNDLED_FACES ? 1 : fs->sizes_per_face;
    bool full = fs->nhandles == FONT_HANDLE_CAP || of_face >= sizes;
    FontHandle *h = full && oldest_of_face ? handle_resize(fs, oldest_of_face, px) : NULL;
    if (!h)
        h = handle_open(fs, face, px);
    return h ? h->font : NULL;
}

bool font_face_has(FontSet *fs, int face, uint32_t cp, int px)
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
int font_fallback_face(FontSet *fs, uint32_t cp, FontWeight w)
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
    fs->sizes_per_face = 4;
    if (!asset_dir)
        asset_dir = assets_dir();
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

void font_set_sizes_per_face(FontSet *fs, int n)
{
    fs->sizes_per_face = n < 1 ? 1 : n;
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
