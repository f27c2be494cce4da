/* badge_url.h — the link a badge's QR code opens.
 *
 * SPEC §4: the event's template (event.ini [badge] qr_url) with {programs}
 * replaced by the codes of the programs the guest picked, each URL-encoded and
 * joined with ",", and {code} by the guest's registration code, URL-encoded.
 * With no program picked the link is the catalogue URL. Pure C, no I/O. */
#ifndef LANYARD_BADGE_URL_H
#define LANYARD_BADGE_URL_H

#include <stddef.h>

/* Returns a malloc'd URL, or NULL when out of memory. A template without
 * placeholders is used as it is; an empty catalogue URL falls back to the
 * template with {programs} empty. */
char *badge_url_build(const char *qr_template, const char *catalog_url, const char *code,
                      const char *const *programs, size_t nprograms);

#endif
