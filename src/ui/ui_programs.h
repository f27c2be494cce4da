/* ui_programs.h — Explore programs (SPEC §3 item 7): a program's accent colour,
 * its card in the list, and its page with the details, a QR code of its URL and
 * (during a guest's visit) an "I'm interested" toggle.
 *
 * Drawing only, like ui_widgets.h: the kiosk owns which program is shown, the
 * scroll state and whether the guest is interested, and handles the taps. */
#ifndef LANYARD_UI_PROGRAMS_H
#define LANYARD_UI_PROGRAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/guest.h"
#include "ui/ui.h"
#include "ui/ui_i18n.h"
#include "ui/ui_widgets.h"

/* The accent colour of a program of family `family` (program_list_families):
 * programs of one career cluster share a colour, the same in every language,
 * and the catalogue's first clusters each have their own. Every colour reads
 * white text on it and reads as text on white, and none is near the event's
 * own primary, so a card never looks like a button. High contrast: the
 * theme's accent. */
UiColor ui_program_colour(const UiTheme *t, size_t family);

/* A tappable card: colour stripe (family's), name (at name_px on up to
 * `lines` lines), school and pathway. Its widget label is the program's name. */
void ui_program_card(UiView *v, const UiTheme *t, const UiInteract *in, uint32_t id, UiRect r,
                     const Program *p, size_t family, int name_px, int lines);
/* Height of a card whose name takes `lines` lines at name_px. */
int ui_program_card_height(UiView *v, const UiTheme *t, int name_px, int lines);

typedef struct UiProgramPage {
    const Program *p;
    size_t family; /* its colour's (ui_program_colour) */
    UiLang lang;
    bool show_interest; /* a guest is checked in during this visit */
    bool interested;
    uint32_t interest_id; /* the toggle's widget id */
    uint32_t scroll_id;   /* the text's scroll area */
} UiProgramPage;

/* The page below the top bar, in area: the text scrolls; the QR code (when the
 * program has a URL) and the toggle stay in view, beside the text in landscape
 * and below it in portrait. */
void ui_program_page(UiView *v, const UiTheme *t, const UiInteract *in, UiRect area, UiScroll *sc,
                     const UiProgramPage *pg);

/* Draws text as a QR code (EC level M) with a white quiet zone of 4 modules,
 * whole pixels per module, the code itself at least min_code pixels wide when
 * max_side allows, centred horizontally at (cx, y). Returns the side drawn, 0
 * when the text cannot be encoded (too long for a QR code, or no memory). */
int ui_qr_draw(UiView *v, int cx, int y, const char *text, int min_code, int max_side);
/* The side ui_qr_draw would draw, without drawing. */
int ui_qr_side(const char *text, int min_code, int max_side);

#endif
