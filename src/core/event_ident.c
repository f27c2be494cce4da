/* event_ident.c — which event is which. See event_ident.h. */
#include "core/event_ident.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

void event_ident_set(EventIdent *e, const char *name, const char *date)
{
    text_copy(e->name, sizeof e->name, name);
    text_copy(e->date, sizeof e->date, date);
}

bool event_ident_same(const EventIdent *a, const EventIdent *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->date, b->date) == 0;
}

void event_ident_describe(const EventIdent *e, char *out, size_t outlen)
{
    snprintf(out, outlen, "\"%s\" (%s)", e->name, e->date[0] ? e->date : "no date");
}
