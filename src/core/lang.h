/* lang.h — the languages an event can list (event.ini `languages`), and the
 * few things below the screens that read differently in each: the event's
 * date. The screens' words are ui/ui_i18n's; program texts per language come
 * from programs.csv (core/guest.h, program_text).
 *
 * Codes are lower-case ISO 639-1 ("en", "es"). Adding a language is adding
 * it to LANG_CODES and its month names here, and its words to ui_i18n. */
#ifndef LANYARD_LANG_H
#define LANYARD_LANG_H

#include <stdbool.h>
#include <stddef.h>

extern const char *const LANG_CODES[];
extern const size_t LANG_COUNT;

/* The known code that s[0..len) names, ignoring case ("ES" -> "es"), or NULL. */
const char *lang_find(const char *s, size_t len);

/* The event date (YYYY-MM-DD) as a reader of lang writes it: "August 20,
 * 2026" in English, "20 de agosto de 2026" in Spanish; a language without
 * its own form (or NULL) gets English's. 0, or -1 when ymd is not a date
 * (out then holds ymd as it is, cut to fit). */
int lang_format_date(const char *ymd, const char *lang, char *out, size_t outlen);

#endif
