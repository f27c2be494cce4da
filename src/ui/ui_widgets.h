/* ui_widgets.h — the kiosk's widgets, drawn into a UiView: buttons, text fields
 * with a caret, checkboxes and toggle tiles, list rows, and drag-to-scroll areas
 * with inertia; plus the theme that scales them with the window.
 *
 * Widgets are immediate-mode drawing calls: the caller owns all state (text,
 * caret, checked, which widget is pressed or focused) and passes it in, and each
 * call records a widget with its id and label so input and `--script` can find
 * it. Sizes come from the theme, which scales from an 800x480 design so a touch
 * target is never under 55 px (9 mm on a 7-inch panel), nor under 9 mm on a
 * denser panel whose size is known. */
#ifndef LANYARD_UI_WIDGETS_H
#define LANYARD_UI_WIDGETS_H

#include <stdint.h>

#include "ui/ui.h"

typedef struct UiTheme {
    float s;       /* scale: 1.0 for an 800x480 window */
    bool contrast; /* high contrast, larger text */
    UiColor bg, surface, text, muted, primary, on_primary, accent, border, error, selected;
    UiColor success, warning; /* a badge printed, an export written; the staff message */
    UiColor toast, on_toast;  /* a notice over the screen */
    UiColor on_mark;          /* a tick or "!" drawn on success or warning */
    UiColor focus;            /* the focus ring: 3:1 at least against the page */
    int px_small, px_body, px_button, px_title, px_huge;
    int target_mm; /* UI_TARGET_MM in pixels on this panel; 0: its size is not known */
    int pad, gap, radius, target, border_w;
    int btn_min;  /* the narrowest button (Back, a language) */
    int btn_wide; /* the width staff mode's buttons start from */
} UiTheme;

/* Theme for a w x h window from the event colours (0xRRGGBB). */
void ui_theme_make(UiTheme *t, int w, int h, UiColor primary, UiColor accent, bool contrast);
/* The same on a panel of px_per_mm pixels per millimetre (0: not known), so a
 * touch target is also never under UI_TARGET_MM however dense the panel. */
void ui_theme_make_mm(UiTheme *t, int w, int h, double px_per_mm, UiColor primary, UiColor accent,
                      bool contrast);
#define UI_TARGET_MM 9
/* v design pixels (at 800x480) in window pixels. */
int ui_sc(const UiTheme *t, int v);

/* What the caller knows about interaction, so widgets can show it. */
typedef struct UiInteract {
    uint32_t pressed; /* widget id under a held pointer, 0 none */
    uint32_t focus;   /* widget id with keyboard focus, 0 none */
    bool show_focus;  /* draw focus rings (after Tab was used) */
} UiInteract;

/* The ring round the control holding the keyboard focus: at least 3 px, in
 * the theme's focus colour, a little outside r. */
void ui_focus_ring(UiView *v, const UiTheme *t, UiRect r);

typedef enum UiButtonStyle { UI_BTN_PRIMARY, UI_BTN_SECONDARY, UI_BTN_QUIET } UiButtonStyle;

void ui_button(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
               const char *label, UiButtonStyle style, int px);
/* A button with a line saying what it does under its label (the widget's
 * label is the label alone). */
void ui_button_note(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                    const char *label, const char *note, UiButtonStyle style, int px);

/* A text field: caption above the box (the widget's label), the value with a
 * caret at byte offset `caret` when focused, a placeholder when empty, and an
 * error (or NULL) marked on the field itself. Returns the box; *text_x (when
 * not NULL) gets the window x where the value's text starts. */
typedef struct UiFieldSpec {
    const char *caption; /* may be NULL: no caption line */
    const char *value;
    size_t caret;
    const char *placeholder; /* may be NULL */
    const char *error;       /* may be NULL */
    const char *note;        /* small muted text after the caption, e.g. "optional" */
} UiFieldSpec;
UiRect ui_field(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                const UiFieldSpec *f, int *text_x);
/* The byte offset in value nearest to window x, for a field whose text starts
 * at text_x (as ui_field reported): where a tap puts the caret. */
size_t ui_field_caret_at(UiView *v, const UiTheme *t, const char *value, int text_x, int x);
/* Height of a field with a caption line (box + caption). */
int ui_field_height(const UiTheme *t, bool caption);

/* The narrowest button whose label at px ui_button still shows whole (it
 * shrinks a label before it cuts it). */
int ui_button_least_w(UiView *v, const UiTheme *t, const char *label, int px);
/* Whether a field's box box_w wide shows placeholder whole. */
bool ui_field_placeholder_whole(UiView *v, const UiTheme *t, int box_w, const char *placeholder);

void ui_checkbox(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                 const char *label, bool checked);
/* A selectable tile (program or partnership kind): label at px, on one line or
 * wrapped on two (cut only when even two are not enough), a sub line (a
 * school) below it, a check mark and a filled look when selected. */
void ui_tile(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
             const char *label, const char *sub, bool selected, int px);
/* One px for all the tiles of a grid, so neighbours never differ: the largest
 * from px_body down to px_small at which every label fits tile_w on at most two
 * lines. *lines (when not NULL) gets 2 when some label needs two lines at it. */
int ui_tile_px(UiView *v, const UiTheme *t, int tile_w, const char *const *labels, size_t n,
               int *lines);
/* True when every label reads whole (on at most two lines) in tiles tile_w
 * wide at px: a layout uses fewer, wider tiles when not. */
bool ui_tiles_fit(UiView *v, const UiTheme *t, int tile_w, const char *const *labels, size_t n,
                  int px);
/* Height of a tile holding `lines` label lines at px and, with sub, a sub line:
 * at least a touch target. */
int ui_tile_height(UiView *v, const UiTheme *t, int px, int lines, bool sub);
/* A list row (a search result) with a chevron; label at up to px. ui_row_px
 * gives the px at which all rows of a list fit, so they share one size. */
void ui_row(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
            const char *label, int px);
int ui_row_px(UiView *v, const UiTheme *t, int row_w, const char *const *labels, size_t n);
/* A list row of two lines with ui_row's face, without the chevron: head in
 * bold and a note below it, smaller and muted, each cut to the width. The
 * widget is labelled label (e.g. the name head starts with). */
void ui_row_note(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                 const char *label, const char *head, const char *note);
/* True when every label reads whole in a row row_w wide (at the smallest size
 * ui_row_px picks): a layout uses wider rows when not. */
bool ui_rows_fit(UiView *v, const UiTheme *t, int row_w, const char *const *labels, size_t n);

/* ---- drag-to-scroll with inertia ---- */

typedef struct UiScroll {
    float offset;   /* content pixels scrolled past the top */
    float velocity; /* px per ms, positive scrolls down */
    int content_h, view_h;
    bool dragging;
    float drag_start_offset;
    int drag_start_y, last_y;
    int64_t last_t;
} UiScroll;

/* Starts a scroll area in r: clips to it and records it for drag routing.
 * Returns the y where content starts (r.y - offset). */
int ui_scroll_begin(UiView *v, UiScroll *sc, uint32_t id, UiRect r);
/* Ends it: content_h is how tall the content was; restores clip; clamps. */
void ui_scroll_end(UiView *v, UiScroll *sc, int content_h, UiRect saved_clip);
void ui_scroll_press(UiScroll *sc, int y, int64_t now); /* stops a fling */
void ui_scroll_drag(UiScroll *sc, int y, int64_t now);
void ui_scroll_release(UiScroll *sc, int64_t now);
/* Advances inertia to now; true while still moving. */
bool ui_scroll_tick(UiScroll *sc, int64_t now);
bool ui_scroll_moving(const UiScroll *sc);
/* Scrolls the least so that [y, y+h) (content coordinates) is visible. */
void ui_scroll_reveal(UiScroll *sc, int y, int h);
void ui_scroll_reset(UiScroll *sc);
/* A thin bar at the right of area showing where the view is, when the content
 * is taller than the area: tells the guest there is more below. */
void ui_scroll_bar(UiView *v, const UiTheme *t, const UiScroll *sc, UiRect area);

#endif
