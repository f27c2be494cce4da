/* link.h — the link a badge's QR code opens, and the registration code read
 * back from it when the badge is scanned at a kiosk.
 *
 * SPEC §4: the event's template (event.ini [badge] qr_url) with {programs}
 * replaced by the codes of the programs the guest picked, each URL-encoded and
 * joined with ",", and {code} by the guest's registration code, URL-encoded.
 * With no program picked the link is the catalogue URL (catalog_url). Either
 * way the link carries the code, so a badge shown at any kiosk's scanner finds
 * its guest: a template without {code} gets guest=CODE added as a query
 * parameter (before any #fragment). Pure C, no I/O. */
#ifndef LANYARD_LINK_H
#define LANYARD_LINK_H

#include <stddef.h>

/* Returns a malloc'd URL, or NULL when out of memory. An empty catalogue URL
 * falls back to the template with {programs} empty. */
char *link_build(const char *qr_template, const char *catalog_url, const char *code,
                 const char *const *programs, size_t nprograms);

/* The registration code in what a scanner typed (white space around it
 * ignored): the code of a link link_build makes from these two templates, or
 * the text itself when it is not a link at all (a bare code). 1 with *code
 * (malloc'd); 0 when the text is a link that carries no code of this event
 * (another site's, a program's page, or an empty code); -1 out of memory. */
int link_code(const char *qr_template, const char *catalog_url, const char *scanned, char **code);

/* The link as printed under its QR code for a guest without a phone camera to
 * type: the shortest form a browser still opens, url without its "https://"
 * or "http://" (the rest kept as it is). Points into url. */
const char *link_short(const char *url);

#endif
