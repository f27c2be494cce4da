/* name.h — a person's name as they write it.
 *
 * A name written in Chinese, Japanese or Korean script puts the family name
 * first and reads as one line: 王芳 for given name 芳 and family name 王, with
 * no space between them in Chinese and Japanese and a space in Korean Hangul
 * (김 민준). Other names put the given name first. The script is each letter's
 * Unicode script, from HarfBuzz's tables; spaces, punctuation and marks belong
 * to none, and a name that mixes in letters of another script (芳 Wang) keeps
 * the given name first. Pure C, no I/O. */
#ifndef LANYARD_NAME_H
#define LANYARD_NAME_H

#include <stddef.h>

typedef enum NameOrder {
    NAME_GIVEN_FIRST,  /* Ana García: the given name first, on a line of its own on a badge */
    NAME_FAMILY_FIRST, /* 王芳, 김 민준: family name first, one line */
} NameOrder;

/* The order of the name with given name first (first) and family name last
 * (last); NULL is empty. */
NameOrder name_order(const char *first, const char *last);

/* The whole name in its order, on one line: "Ana García", "王芳", "김 민준"
 * (either part alone when the other is empty). malloc'd; NULL when out of
 * memory. */
char *name_full(const char *first, const char *last);

/* The same whole name written into out[n], n > 0, for a fixed-size field: cut
 * at a character boundary when it is too long, as text_copy does. */
void name_full_into(char *out, size_t n, const char *first, const char *last);

#endif
