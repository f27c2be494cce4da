/* form.h — the person form several screens share: first and last name,
 * company, job title, email and phone (the walk-in form, staff's corrections),
 * each field with its caption and the mark the visit layer left on it,
 * scrolling between what the screen keeps in view, the focused field kept
 * visible. The screen keeps a ScreenForm in its state and hands it its input;
 * the widget ids are the form's group of SCREEN_ITEMS. */
#ifndef LANYARD_UI_SCREEN_FORM_H
#define LANYARD_UI_SCREEN_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/screens/screen.h"

typedef struct ScreenForm {
    UiEdit f[VISIT_FIELD_COUNT];
    VisitFieldError err[VISIT_FIELD_COUNT];
    UiScroll sc;
    bool reveal;                   /* scroll the focused field into view */
    UiRect box[VISIT_FIELD_COUNT]; /* where each field's box was laid out */
    int text_x[VISIT_FIELD_COUNT]; /* and where its text starts */
    uint32_t id_field;             /* the first field's widget id; the others follow */
    uint32_t id_scroll;
} ScreenForm;

/* The focused field's index, or -1. */
int screen_form_focused(const Kiosk *k, const ScreenForm *f);
/* Focuses field i (names start with a capital; the phone gets the digits). */
void screen_form_focus(Kiosk *k, ScreenForm *f, int i);
/* A widget pressed: true when it was one of the form's (the field focused,
 * the caret put where the text was tapped). */
bool screen_form_press(Kiosk *k, ScreenForm *f, uint32_t id);
void screen_form_text(Kiosk *k, ScreenForm *f, const char *utf8);
/* A key for the focused field: -1 when no field is focused; 1 for Return on
 * the last field (the screen submits); else 0 (Return moves to the next). */
int screen_form_key(Kiosk *k, ScreenForm *f, UiKey key);
/* The focused field's editor, for the scanner, or NULL. */
UiEdit *screen_form_field(Kiosk *k, ScreenForm *f);
/* Marks the fields from a check's errors and focuses the first bad one. */
void screen_form_errors(Kiosk *k, ScreenForm *f, const VisitFieldError *err);
/* Lays the fields out in area (two columns in a wide landscape window),
 * scrolling when they do not fit. */
void screen_form_layout(Kiosk *k, ScreenForm *f, UiRect area);
/* The height of one field with its caption. */
int screen_form_field_h(const Kiosk *k);

/* The screen callbacks of the form's input, for a screen whose state begins
 * with its ScreenForm (st is that state): the screen shown (typing goes to
 * the first field), text typed, a field focused, the focused field for the
 * scanner, the form's scroll area. */
void screen_form_on_enter(Kiosk *k, void *st, int64_t now);
void screen_form_on_text(Kiosk *k, void *st, const char *utf8, int64_t now);
void screen_form_on_focus(Kiosk *k, void *st, uint32_t id);
UiEdit *screen_form_on_field(Kiosk *k, void *st);
UiScroll *screen_form_on_scroll(Kiosk *k, void *st, uint32_t id);

/* A whole page of the form as a guest fills it in (the walk-in; a walk-in
 * fixing their details): a bar with the back button, the title and the
 * primary button, the fields, and the consent box always in view just above
 * the keyboard, so no guest leaves without having seen the question; the
 * fields scroll between them. Where that would not leave room for a whole
 * field (a small panel with the keyboard up), the consent box takes the
 * title's place in the bar. */
typedef struct ScreenFormPage {
    const char *title;
    uint32_t back_id, next_id, consent_id;
    const char *back, *next;
    bool consent; /* the box is ticked */
} ScreenFormPage;
void screen_form_page(Kiosk *k, ScreenForm *f, const ScreenFormPage *p);

#endif
