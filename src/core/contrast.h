/* contrast.h — WCAG 2.x contrast between two colours, and a colour moved
 * towards black or white until it reaches a ratio against another.
 *
 * Text needs 4.5:1 against what is under it, large text (24 px and up, bold)
 * 3:1 (WCAG 2.2, 1.4.3). The kiosk's light page colour is here, so event.ini's
 * colours can be checked against it where their line numbers are known
 * (core/event_config.c) and the theme draws with the same one
 * (ui/ui_widgets.c). Pure C, no I/O. */
#ifndef LANYARD_CONTRAST_H
#define LANYARD_CONTRAST_H

#include "core/event_config.h"

#define CONTRAST_TEXT 4.5
#define CONTRAST_LARGE 3.0

/* The page behind the kiosk's screens in its normal theme: the lightest
 * colour an event's primary is drawn on as text (white cards are lighter
 * still, so reaching this one reaches them). */
#define CONTRAST_PAGE_R 0xF3
#define CONTRAST_PAGE_G 0xF5
#define CONTRAST_PAGE_B 0xF8

/* Relative luminance, 0 (black) to 1 (white). */
double contrast_luminance(Rgb c);
/* (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
double contrast_ratio(Rgb a, Rgb b);
/* fg itself when it reaches ratio against bg; else fg mixed towards black
 * (or, on a dark bg, white) by the least step that does. */
Rgb contrast_reach(Rgb fg, Rgb bg, double ratio);

#endif
