/* font_layout.c — one line of text laid out and drawn (see font.h): decoded
 * into code points, each given a face (font.c) and a direction, neighbouring code
 * points with the same face, direction and script made into a run, each run
 * shaped by SDL_ttf (HarfBuzz), the runs put in visual order (a simple bidi) and
 * copied side by side onto one surface on a common baseline. Code points that
 * no installed font has are left out rather than drawn as boxes.
 *
 * The bidi is the Unicode algorithm's with its explicit controls limited to
 * the isolates (LRI, RLI, FSI ... PDI): text can keep an Arabic name and a Latin
 * company each in its own direction, in the order the text gives them
 * ("FSI name PDI — company"). Embeddings and overrides are ignored.
 *
 * Needs SDL_ttf built with HarfBuzz, for shaping and right-to-left runs. */
#include "platform/font.h"

#include <SDL_ttf.h>
#include <hb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/font_internal.h"

enum {
    FONT_MIN_PX = 1,
    FONT_MAX_PX = 2000,
};

/* ---- line layout ------------------------------------------------------------ */

typedef struct FontChar {
    uint32_t cp;
    hb_script_t script;
    FontClass cls;
    bool rtl;  /* resolved direction */
    int level; /* resolved embedding level: even left to right, odd right to left */
    int face;  /* -1: no installed font draws it; left out */
} FontChar;

/* The isolate controls (format characters: never drawn). */
enum {
    FONT_LRI = 0x2066, /* left-to-right isolate */
    FONT_RLI = 0x2067, /* right-to-left isolate */
    FONT_FSI = 0x2068, /* first strong isolate: the direction of its first letter */
    FONT_PDI = 0x2069, /* pop directional isolate: ends the innermost one */
    FONT_ISOLATE_DEPTH = 16,
};

static bool font_isolate_opens(uint32_t cp)
{
    return cp == FONT_LRI || cp == FONT_RLI || cp == FONT_FSI;
}

/* One isolating run sequence: the line outside isolates, or one isolate's
 * text (without what is isolated inside it). */
typedef struct FontSeq {
    int level; /* embedding level of its text */
    bool rtl;  /* its direction, for the neutrals at its ends */
} FontSeq;

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

/* Whether the first strong character from c[i] on runs right to left,
 * skipping the isolates inside and stopping at the PDI that ends the isolate
 * c[i] is in (rules P2, P3). *found: whether there was one. */
static bool font_first_strong_rtl(const FontChar *c, size_t n, size_t i, bool *found)
{
    int depth = 0;
    *found = false;
    for (; i < n; i++) {
        if (font_isolate_opens(c[i].cp)) {
            depth++;
        } else if (c[i].cp == FONT_PDI) {
            if (depth-- == 0)
                break;
        } else if (depth == 0 && (c[i].cls == FONT_CHAR_LTR || c[i].cls == FONT_CHAR_RTL)) {
            *found = true;
            return c[i].cls == FONT_CHAR_RTL;
        }
    }
    return false;
}

/* Puts each character in its isolating run sequence (rules X5a-X6a, X8): seq[i]
 * is the index in seqs (room for n + 1) of c[i]'s. An isolate's initiator and
 * its PDI belong to the text around it. Returns the number of sequences. */
static size_t font_isolates(const FontChar *c, size_t n, bool line_rtl, size_t *seq, FontSeq *seqs)
{
    size_t stack[FONT_ISOLATE_DEPTH];
    size_t depth = 0, overflow = 0, cur = 0, nseq = 1;
    seqs[0] = (FontSeq){line_rtl ? 1 : 0, line_rtl};
    for (size_t i = 0; i < n; i++) {
        seq[i] = cur;
        uint32_t cp = c[i].cp;
        if (font_isolate_opens(cp) && depth == FONT_ISOLATE_DEPTH) {
            overflow++;
        } else if (font_isolate_opens(cp)) {
            bool found;
            bool rtl =
                cp == FONT_RLI || (cp == FONT_FSI && font_first_strong_rtl(c, n, i + 1, &found));
            int level = seqs[cur].level + 1;
            if ((level % 2 == 1) != rtl)
                level++;
            stack[depth++] = cur;
            seqs[nseq] = (FontSeq){level, rtl};
            cur = nseq++;
        } else if (cp == FONT_PDI && overflow > 0) {
            overflow--;
        } else if (cp == FONT_PDI && depth > 0) {
            cur = stack[--depth];
            seq[i] = cur;
        }
    }
    return nseq;
}

/* Neutrals take the direction of the strong characters on both sides when they
 * agree, else the sequence's (rules N1, N2, simplified). The sequence is the
 * characters c[at[0]], c[at[1]], ... c[at[n - 1]]. */
static void font_resolve_directions(FontChar *c, const size_t *at, size_t n, bool seq_rtl)
{
    bool prev_rtl = seq_rtl;
    for (size_t i = 0; i < n;) {
        FontChar *ch = &c[at[i]];
        if (ch->cls == FONT_CHAR_LTR || ch->cls == FONT_CHAR_NUMBER || ch->cls == FONT_CHAR_RTL) {
            ch->rtl = ch->cls == FONT_CHAR_RTL;
            prev_rtl = ch->rtl;
            i++;
            continue;
        }
        if (ch->cls == FONT_CHAR_JOIN && i > 0) {
            ch->rtl = c[at[i - 1]].rtl;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (c[at[j]].cls == FONT_CHAR_NEUTRAL || c[at[j]].cls == FONT_CHAR_JOIN ||
                         c[at[j]].cls == FONT_CHAR_DROP))
            j++;
        bool next_rtl = j < n ? c[at[j]].cls == FONT_CHAR_RTL : seq_rtl;
        bool rtl = prev_rtl == next_rtl ? prev_rtl : seq_rtl;
        for (size_t k = i; k < j; k++)
            c[at[k]].rtl = rtl;
        i = j;
    }
}

/* Resolves every character's direction within its isolating run sequence, and
 * its embedding level from the sequence's (rules I1, I2). -1 out of memory. */
static int font_resolve_levels(FontChar *c, size_t n, bool line_rtl)
{
    size_t *seq = malloc((n + 1) * sizeof *seq);
    size_t *at = malloc((n + 1) * sizeof *at);
    FontSeq *seqs = malloc((n + 1) * sizeof *seqs);
    if (!seq || !at || !seqs) {
        free(seq);
        free(at);
        free(seqs);
        SDL_OutOfMemory();
        return -1;
    }
    size_t nseq = font_isolates(c, n, line_rtl, seq, seqs);
    for (size_t s = 0; s < nseq; s++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (seq[i] == s)
                at[m++] = i;
        font_resolve_directions(c, at, m, seqs[s].rtl);
        int base = seqs[s].level;
        for (size_t k = 0; k < m; k++) {
            FontChar *ch = &c[at[k]];
            ch->level = ch->rtl == (base % 2 == 1) ? base : base + 1;
        }
    }
    free(seq);
    free(at);
    free(seqs);
    return 0;
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

/* Decodes a line into c (room for strlen(utf8) + 1) with each character's class
 * and script; returns how many there are, and in *line_rtl whether the first
 * strong character outside isolates runs right to left (left to right when
 * there is none). */
static size_t font_decode_line(FontSet *fs, const char *utf8, size_t len, FontChar *c,
                               bool *line_rtl)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = font_utf8_next(utf8, len, &i);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            cp = ' '; /* a newline or tab in a one-line name reads as a space */
        FontChar *ch = &c[n++];
        ch->cp = cp;
        ch->cls = font_classify(fs, cp, &ch->script);
    }
    bool found;
    *line_rtl = font_first_strong_rtl(c, n, 0, &found);
    return n;
}

/* The run that starts at c[i], a character with a face: its face, direction and
 * script in *run, its text encoded into buf (*blen bytes). Returns where the
 * next run starts. */
static size_t font_run_collect(const FontChar *c, size_t n, size_t i, FontRun *run, char *buf,
                               size_t *blen)
{
    *run = (FontRun){
        .face = c[i].face, .rtl = c[i].rtl, .level = c[i].level, .script = HB_SCRIPT_COMMON};
    *blen = 0;
    size_t j = i;
    for (; j < n; j++) {
        if (c[j].face < 0)
            continue; /* left out; does not split the run */
        if (c[j].face != run->face || c[j].rtl != run->rtl || c[j].level != run->level)
            break;
        bool strong = c[j].cls == FONT_CHAR_LTR || c[j].cls == FONT_CHAR_RTL;
        if (strong && run->script != HB_SCRIPT_COMMON && c[j].script != run->script)
            break;
        if (strong && run->script == HB_SCRIPT_COMMON)
            run->script = c[j].script;
        *blen += font_utf8_put(buf + *blen, c[j].cp);
    }
    return j;
}

/* Appends run to the line with a copy of buf[0, blen) as its text; *cap is the
 * room in line->runs. -1 when out of memory (SDL error set). */
static int font_line_add_run(FontLine *line, size_t *cap, FontRun run, const char *buf, size_t blen)
{
    run.text = malloc(blen + 1);
    if (!run.text) {
        SDL_OutOfMemory();
        return -1;
    }
    memcpy(run.text, buf, blen);
    run.text[blen] = '\0';
    if (line->nruns == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        FontRun *nr = realloc(line->runs, *cap * sizeof *nr);
        if (!nr) {
            free(run.text);
            SDL_OutOfMemory();
            return -1;
        }
        line->runs = nr;
    }
    line->runs[line->nruns++] = run;
    return 0;
}

/* Splits the characters into runs of one face, direction, level and script,
 * in logical order, each shaped and measured. buf has room for the line's text. */
static int font_line_runs(FontSet *fs, const FontChar *c, size_t n, char *buf, int px,
                          FontLine *line)
{
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        if (c[i].face < 0) {
            i++;
            continue;
        }
        FontRun run;
        size_t blen;
        i = font_run_collect(c, n, i, &run, buf, &blen);
        if (font_line_add_run(line, &cap, run, buf, blen) != 0 ||
            font_run_measure(fs, &line->runs[line->nruns - 1], px) != 0)
            return -1;
    }
    return 0;
}

/* Puts the runs on one baseline and sets the line's size. The bundled face's
 * metrics always count, so a line's height does not jump with the script of the
 * name on it. len is the length of the line's text. */
static int font_line_place(FontSet *fs, FontLine *line, FontWeight w, int px, size_t len)
{
    TTF_Font *bf = font_handle_get(fs, w == FONT_BOLD ? 1 : 0, px);
    if (!bf)
        return -1;
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
    return 0;
}

/* Lays out one line: faces, directions, runs in visual order, sizes. */
static int font_layout(FontSet *fs, const char *utf8, int px, FontWeight w, FontLine *line)
{
    *line = (FontLine){0};
    px = font_clamp_px(px);
    size_t len = strlen(utf8);
    FontChar *c = malloc((len + 1) * sizeof *c);
    char *buf = malloc(len * 4 + 1);
    if (!c || !buf) {
        free(c);
        free(buf);
        SDL_OutOfMemory();
        return -1;
    }
    bool line_rtl;
    size_t n = font_decode_line(fs, utf8, len, c, &line_rtl);
    int rc = font_resolve_levels(c, n, line_rtl);
    font_assign_faces(fs, c, n, w, px);
    if (rc == 0)
        rc = font_line_runs(fs, c, n, buf, px, line);
    if (rc == 0) {
        font_runs_reorder(line->runs, line->nruns);
        rc = font_line_place(fs, line, w, px, len);
    }
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
