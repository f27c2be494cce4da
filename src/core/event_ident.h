/* event_ident.h — which event is which: event.ini's name and date.
 *
 * Two are one event when both name and date are the same, byte for byte (a
 * date left out is "" and matches only ""). Load event asks it of a stick's
 * event.ini (another event starts a new database), and a database records the
 * event its kiosk ran so that `lanyard merge` can refuse another event's. */
#ifndef LANYARD_EVENT_IDENT_H
#define LANYARD_EVENT_IDENT_H

#include <stdbool.h>
#include <stddef.h>

/* Room for event.ini's longest name (CONFIG_STR) and a YYYY-MM-DD date. */
#define EVENT_IDENT_NAME 512
#define EVENT_IDENT_DATE 16

typedef struct EventIdent {
    char name[EVENT_IDENT_NAME];
    char date[EVENT_IDENT_DATE]; /* YYYY-MM-DD or "" */
} EventIdent;

/* name and date (NULL: "") into e. */
void event_ident_set(EventIdent *e, const char *name, const char *date);

bool event_ident_same(const EventIdent *a, const EventIdent *b);

/* The event for a message: "Fall Meet" (2026-08-20), or "Fall Meet" (no date). */
void event_ident_describe(const EventIdent *e, char *out, size_t outlen);

#endif
