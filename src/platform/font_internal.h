/* font_internal.h — what the files of the font module share, and nothing
 * outside src/platform/font*.c may include: the FontSet itself, its faces and
 * open handles (font.c), and the code-point helpers (font_chars.c) that layout
 * (font_layout.c) and wrapping (font_wrap.c) both use. */
#ifndef LANYARD_FONT_INTERNAL_H
#define LANYARD_FONT_INTERNAL_H

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/font.h"

enum {
    FONT_BUNDLED_FACES = 2,   /* faces[0] regular and [1] bold; fallbacks follow */
    FONT_HANDLE_CAP = 16,     /* open (face, size) TTF_Font handles kept per FontSet */
    FONT_FALLBACK_CAP = 1024, /* remembered (block, weight) -> face choices */
    FONT_MISSING_CAP = 1024,  /* remembered code points no installed font has */
};

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
    int sizes_per_face; /* font_set_sizes_per_face */
    uint64_t tick;
    FontFallback *fallbacks;
    size_t nfallbacks, capfallbacks;
    uint32_t *missing;
    size_t nmissing, capmissing;
    hb_unicode_funcs_t *ucd;
};

/* ---- faces and handles (font.c) ---- */

/* The face at px, from a small cache of (face, size) handles: the font is at
 * px until the next call for the same face at another size (which may resize
 * it when the cache is full). NULL when
 * the face cannot be opened (SDL error set; the face is marked broken). */
TTF_Font *font_handle_get(FontSet *fs, int face, int px);

/* True when face draws cp. */
bool font_face_has(FontSet *fs, int face, uint32_t cp, int px);

/* The installed face that draws cp when the bundled one cannot, or -1. */
int font_fallback_face(FontSet *fs, uint32_t cp, FontWeight w);

/* ---- code points (font_chars.c) ---- */

typedef enum FontClass {
    FONT_CHAR_LTR,     /* strong left-to-right */
    FONT_CHAR_RTL,     /* strong right-to-left (Arabic, Hebrew, ...) */
    FONT_CHAR_NUMBER,  /* digits: drawn left to right, but do not set the line direction */
    FONT_CHAR_NEUTRAL, /* spaces and punctuation: take the direction around them */
    FONT_CHAR_JOIN,    /* combining marks, joiners, variation selectors: follow the previous */
    FONT_CHAR_DROP,    /* format controls with nothing to draw */
} FontClass;

/* Decodes the code point at s[*i], advancing *i; malformed bytes give U+FFFD. */
uint32_t font_utf8_next(const char *s, size_t len, size_t *i);

/* Encodes cp as UTF-8 at out (room for 4 bytes); returns the byte count. */
size_t font_utf8_put(char *out, uint32_t cp);

/* The class of cp for direction and line breaking, and its script. */
FontClass font_classify(FontSet *fs, uint32_t cp, hb_script_t *script);

#endif
