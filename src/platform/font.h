/* font.h — text to pixels, for the kiosk and for badges (SDL2_ttf + HarfBuzz).
 *
 * The bundled Noto Sans comes first; a character it lacks is drawn with an
 * installed system font that has it (found through fontconfig), so Chinese,
 * Arabic or Devanagari names render instead of boxes. A run of right-to-left
 * script is shaped and laid out right to left. Needs TTF_Init only, not the
 * video subsystem, so the command line can render badges with no display.
 *
 * A FontSet is not thread-safe: use one per thread. */
#ifndef LANYARD_FONT_H
#define LANYARD_FONT_H

#include <SDL.h>
#include <stddef.h>

typedef struct FontSet FontSet;

typedef enum FontWeight { FONT_REGULAR = 0, FONT_BOLD = 1 } FontWeight;

/* asset_dir holds fonts/NotoSans-Regular.ttf and fonts/NotoSans-Bold.ttf (NULL:
 * the shipped fonts, platform/assets.h). Returns NULL with err filled when the bundled fonts
 * cannot be loaded. Starts SDL_ttf (counted; font_set_destroy stops it). */
FontSet *font_set_create(const char *asset_dir, char *err, size_t errlen);

/* How many sizes of one bundled face stay open at once (default 4, at least
 * 1; installed fallback faces keep one). Each keeps its own glyph cache and
 * costs ~0.2 MB (a FreeType face and HarfBuzz's copy of its tables; ~2.7 MB
 * for a CJK fallback). Text drawn once and then kept as a texture (the
 * screen) needs few; a badge, drawn from the fonts each time in several
 * sizes, a few more. */
void font_set_sizes_per_face(FontSet *fs, int n);
void font_set_destroy(FontSet *fs);

/* Renders one line at pixel size px (the font's point size at 72 dpi == pixels)
 * as a new ARGB8888 surface with alpha; caller frees it. NULL on error or "".
 * Characters that no installed font has are left out (no boxes); a line made of
 * nothing else is a transparent surface one pixel wide. */
SDL_Surface *font_render(FontSet *fs, const char *utf8, int px, FontWeight w, SDL_Color colour);

/* Width and line height in pixels of one line at px. 0 on success. */
int font_measure(FontSet *fs, const char *utf8, int px, FontWeight w, int *width, int *height);

/* Largest size in [min_px, max_px] at which the line fits in max_width pixels;
 * min_px when even that does not fit. */
int font_fit_px(FontSet *fs, const char *utf8, FontWeight w, int min_px, int max_px, int max_width);

/* Breaks text into at most max_lines lines no wider than max_width at px,
 * at spaces where possible, else between characters; a newline always ends a
 * line; the last line ends in "…" when text remains. (A single character wider
 * than max_width still gets a line of its own.) Returns the number of lines
 * (0 for blank text or out of memory); lines[i] are malloc'd. */
size_t font_wrap(FontSet *fs, const char *utf8, int px, FontWeight w, int max_width, char **lines,
                 size_t max_lines);

typedef enum FontAlign {
    FONT_ALIGN_LEFT = 0,
    FONT_ALIGN_CENTRE = 1,
    FONT_ALIGN_RIGHT = 2
} FontAlign;

/* font_wrap, then the lines drawn one under another on one surface as wide as
 * the widest line, each aligned within it. NULL on error or for blank text. */
SDL_Surface *font_render_wrapped(FontSet *fs, const char *utf8, int px, FontWeight w,
                                 SDL_Color colour, int max_width, size_t max_lines,
                                 FontAlign align);

#endif
