/* ui.h — the kiosk's widget layer: geometry, input events and the view.
 *
 * In the spirit of microui: the UI never draws. Laying out a screen fills a
 * UiView with draw commands (rectangles, text, images, clips) and with the
 * widgets it placed (id, kind, rectangle, label). A renderer in src/platform/
 * turns the commands into SDL calls; input is hit-tested against the widgets of
 * the last view. Text is measured through a callback the host supplies, so
 * nothing here includes SDL and a test can lay out screens with a fake font.
 *
 * The view is one fixed-size block the caller owns; nothing here allocates. */
#ifndef LANYARD_UI_H
#define LANYARD_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct UiRect {
    int x, y, w, h;
} UiRect;

typedef struct UiColor {
    uint8_t r, g, b, a;
} UiColor;

/* ---- input ---- */

typedef enum UiKey {
    UI_KEY_NONE = 0,
    UI_KEY_RETURN,
    UI_KEY_BACKSPACE,
    UI_KEY_DELETE,
    UI_KEY_TAB,
    UI_KEY_ESCAPE,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_F4,
    UI_KEY_Q,
    UI_KEY_F1, /* spoken guidance on or off */
    /* A numeric keypad's digits, whatever NumLock says: the kiosk decides
     * whether they move or type (kiosk_focus.c). */
    UI_KEY_KP_0,
    UI_KEY_KP_9 = UI_KEY_KP_0 + 9,
    UI_KEY_KP_PLUS,     /* louder */
    UI_KEY_KP_MINUS,    /* softer */
    UI_KEY_KP_MULTIPLY, /* spoken guidance on or off */
    UI_KEY_OTHER,
} UiKey;

enum { UI_MOD_SHIFT = 1, UI_MOD_CTRL = 2, UI_MOD_ALT = 4, UI_MOD_GUI = 8 };

typedef enum UiEventType {
    UI_EV_DOWN, /* pointer (finger or mouse button) pressed at x,y */
    UI_EV_MOVE, /* pointer moved to x,y */
    UI_EV_UP,   /* pointer released at x,y */
    UI_EV_TEXT, /* text typed on a hardware keyboard or scanner */
    UI_EV_KEY,  /* a key that is not text (Return, Tab, arrows, Alt+F4, ...) */
    UI_EV_QUIT, /* the window manager asks the window to close */
} UiEventType;

typedef struct UiEvent {
    UiEventType type;
    int x, y;
    UiKey key;
    unsigned mods;
    char text[32]; /* UI_EV_TEXT: UTF-8 */
    int64_t t;     /* when it happened, on the clock the kiosk is given; 0: when handled */
} UiEvent;

/* ---- text measurement, supplied by the host ---- */

typedef enum UiWeight { UI_REGULAR = 0, UI_BOLD = 1 } UiWeight;

typedef struct UiMeasure {
    void *ud;
    /* Width and line height in pixels of one line of utf8 at px. 0 on success. */
    int (*measure)(void *ud, const char *utf8, int px, UiWeight w, int *width, int *height);
} UiMeasure;

/* ---- the view: draw commands + widgets ---- */

typedef enum UiCmdType {
    UI_CMD_RECT,  /* filled, optionally rounded */
    UI_CMD_FRAME, /* outline of thickness `thick`, optionally rounded */
    UI_CMD_TEXT,  /* one line at r.x, r.y (top-left), r.w/r.h its measured size */
    UI_CMD_IMAGE, /* image `image` scaled into r */
    UI_CMD_CLIP,  /* clip later commands to r (w == 0: no clip) */
    UI_CMD_LINE,  /* from (r.x, r.y) to (r.x + r.w, r.y + r.h), thickness `thick` */
} UiCmdType;

typedef struct UiCmd {
    UiCmdType type;
    UiRect r;
    UiColor c;
    int radius;
    int thick;
    int px;
    UiWeight weight;
    int image;
    uint32_t text; /* offset into the view's text arena */
} UiCmd;

typedef enum UiWidgetKind {
    UI_W_LABEL, /* text only: searchable by `expect`, not tappable */
    UI_W_BUTTON,
    UI_W_FIELD,
    UI_W_CHECK,
    UI_W_ROW,
    UI_W_KEY,
    UI_W_SCROLL, /* a drag-to-scroll area */
} UiWidgetKind;

enum {
    UI_WF_FOCUSABLE = 1 << 0,
    UI_WF_CHECKED = 1 << 1, /* a checkbox or tile that is ticked */
    UI_WF_EMPTY = 1 << 2,   /* a text field with nothing typed */
};

typedef struct UiWidget {
    uint32_t id;
    UiWidgetKind kind;
    UiRect r;
    UiRect clip; /* visible part of r */
    unsigned flags;
    uint32_t text; /* offset into the arena: label or shown text */
} UiWidget;

#define UI_MAX_CMDS 2048
#define UI_MAX_WIDGETS 768
#define UI_ARENA 131072

typedef struct UiView {
    int w, h;
    UiCmd cmds[UI_MAX_CMDS];
    size_t ncmds;
    UiWidget widgets[UI_MAX_WIDGETS];
    size_t nwidgets;
    char arena[UI_ARENA];
    size_t arena_used;
    UiRect clip;   /* current clip, the window when none */
    bool overflow; /* something did not fit: a layout bug, reported by tests */
    UiMeasure measure;
} UiView;

/* ---- geometry ---- */

UiRect ui_rect(int x, int y, int w, int h);
bool ui_rect_contains(UiRect r, int x, int y);
UiRect ui_rect_intersect(UiRect a, UiRect b);
UiRect ui_rect_inset(UiRect r, int d);
UiColor ui_rgb(uint8_t r, uint8_t g, uint8_t b);
UiColor ui_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a);
/* Mixes a towards b by t/255. */
UiColor ui_mix(UiColor a, UiColor b, int t);

/* ---- building a view ---- */

void ui_view_begin(UiView *v, int w, int h, UiMeasure m);
void ui_draw_rect(UiView *v, UiRect r, UiColor c, int radius);
void ui_draw_frame(UiView *v, UiRect r, UiColor c, int radius, int thick);
void ui_draw_line(UiView *v, int x0, int y0, int x1, int y1, UiColor c, int thick);
void ui_draw_image(UiView *v, UiRect r, int image);
/* Text with its top-left at (x, y); also recorded as a label for `expect`. */
void ui_draw_text(UiView *v, int x, int y, const char *utf8, int px, UiWeight w, UiColor c);
void ui_clip_push(UiView *v, UiRect r); /* intersects with the current clip */
void ui_clip_set(UiView *v, UiRect r);  /* replaces the clip (w == 0: window) */
/* Records a widget; returns it (NULL when the view is full). */
UiWidget *ui_widget_add(UiView *v, uint32_t id, UiWidgetKind kind, UiRect r, const char *label,
                        unsigned flags);

const char *ui_view_text(const UiView *v, uint32_t off);

/* ---- text helpers over the measure callback ---- */

int ui_text_width(UiView *v, const char *utf8, int px, UiWeight w);
int ui_text_height(UiView *v, int px, UiWeight w);
/* Largest px in [min_px, max_px] at which utf8 fits max_w. */
int ui_text_fit(UiView *v, const char *utf8, UiWeight w, int min_px, int max_px, int max_w);
/* Copies into out the longest prefix of utf8 that fits max_w at px, ending in "…"
 * when cut. */
void ui_text_ellipsize(UiView *v, const char *utf8, int px, UiWeight w, int max_w, char *out,
                       size_t outlen);

/* One size for a set of labels shown side by side (result rows): the largest
 * px in [min_px, max_px] at which each of them fits max_w (min_px when one does
 * not fit even then; it will be cut). */
int ui_text_common_px(UiView *v, const char *const *labels, size_t n, UiWeight w, int min_px,
                      int max_px, int max_w);

/* True when utf8, wrapped at spaces as ui_text_wrap does, takes at most
 * max_lines lines of max_w at px with nothing cut. */
bool ui_text_wraps(UiView *v, const char *utf8, int px, UiWeight w, int max_w, int max_lines);
/* One size for a set of labels that may wrap (cards of a grid): the largest px
 * in [min_px, max_px] at which each of them takes at most max_lines lines of
 * max_w (min_px when one does not fit even then; it will be cut). */
int ui_text_common_px_lines(UiView *v, const char *const *labels, size_t n, UiWeight w, int min_px,
                            int max_px, int max_w, int max_lines);

typedef enum UiAlign { UI_LEFT, UI_CENTER, UI_RIGHT } UiAlign;
/* One line in r: shrunk from px down to min_px to fit, then ellipsized;
 * vertically centred. Returns the px used. */
int ui_text_in(UiView *v, UiRect r, const char *utf8, int px, int min_px, UiWeight w, UiColor c,
               UiAlign align);
/* Wrapped at spaces into r, at most max_lines lines (the last ellipsized).
 * Returns the height used. */
int ui_text_wrap(UiView *v, UiRect r, const char *utf8, int px, UiWeight w, UiColor c,
                 int max_lines, UiAlign align);

/* ---- hit testing and lookup ---- */

/* Topmost tappable widget at x,y (LABEL excluded), or NULL. */
const UiWidget *ui_view_hit(const UiView *v, int x, int y);
/* A visible tappable widget whose label is exactly `label` (first in drawing
 * order), or NULL. */
const UiWidget *ui_view_find_label(const UiView *v, const char *label);
/* True when some visible text or widget label contains `needle`. */
bool ui_view_contains_text(const UiView *v, const char *needle);

#endif
