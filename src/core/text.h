/* text.h — UTF-8 helpers shared by import, search, export and rendering.
 *
 * Everything is UTF-8 in and UTF-8 out. Returned strings are malloc'd and owned
 * by the caller (free()); NULL means out of memory unless said otherwise. */
#ifndef LANYARD_TEXT_H
#define LANYARD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when buf[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_is_utf8(const char *buf, size_t len);

/* The 8-bit code pages a CSV that is not UTF-8 is found in: Windows-1252
 * (Excel's "CSV (comma delimited)") and DOS code page 850 (its "CSV (MS-DOS)"). */
typedef enum TextCodePage { TEXT_CP1252, TEXT_CP850 } TextCodePage;

/* Converts text in the code page to UTF-8. Returns NULL and sets *bad_offset
 * when the input holds a byte the code page leaves undefined (in Windows-1252:
 * 0x81 0x8D 0x8F 0x90 0x9D). */
char *text_8bit_to_utf8(TextCodePage page, const char *buf, size_t len, size_t *out_len,
                        size_t *bad_offset);
char *text_cp1252_to_utf8(const char *buf, size_t len, size_t *out_len, size_t *bad_offset);

/* Which of the two code pages 8-bit text reads as more plausibly, by the bytes
 * above 0x7F next to letters: "Mu\xA4oz" is Muñoz in 850 and Mu¤oz in 1252;
 * "Jos\xE9" is José in 1252 and JosÚ in 850. Windows-1252 unless code page
 * 850 reads better, and plausibly at all. */
TextCodePage text_guess_8bit(const char *buf, size_t len);

/* s in Unicode normalisation form C: a letter followed by combining marks
 * becomes the one precomposed character where there is one ("e" U+0302
 * U+0303 is "ễ"). NULL when out of memory or s is not valid UTF-8. */
char *text_nfc(const char *s);

/* letter: one letter with its marks, the last of them just typed. Returns it
 * in form C (text_nfc), where that last mark, when it is a tone mark written
 * above (grave, acute, tilde, hook above), takes the place of one the letter
 * had: "ễ" and an acute is "ế", not a letter with two tones, as a Vietnamese
 * keyboard types it (the dot below stays: Yoruba's ẹ́ has both). NULL when
 * out of memory or not valid UTF-8. */
char *text_join_mark(const char *letter);

/* Search key: case-folded, accents stripped, compatibility-normalised
 * ("José" -> "jose", "STRASSE" and "Straße" -> "strasse"). */
char *text_fold(const char *s);

/* Percent-encodes everything but RFC 3986 unreserved characters. */
char *text_url_encode(const char *s);
/* Whether c is one of RFC 3986's unreserved characters, which
 * text_url_encode leaves as they are. */
bool text_url_unreserved(char c);
/* The n bytes at s percent-decoded: 1 with *out (malloc'd), 0 when a '%' is
 * not followed by two hex digits, -1 out of memory. */
int text_url_decode(const char *s, size_t n, char **out);
/* The value of the hex digit c (either case), or -1. */
int text_hex_digit(char c);

/* Copy of s without leading/trailing ASCII white space. */
char *text_trim_dup(const char *s);

/* Byte length of the first grapheme cluster of s (0 for ""). */
size_t text_first_grapheme(const char *s);

/* Number of code points in s. */
size_t text_codepoints(const char *s);

/* Where the last grapheme cluster of s[0..len) begins (0 when there is none):
 * what Backspace takes, a letter with its marks or a whole emoji. */
size_t text_last_grapheme_start(const char *s, size_t len);

/* True when the first character of s is a combining mark (an accent or a
 * tone mark, which joins the character before it). */
bool text_starts_with_mark(const char *s);
/* True when the last character of s[0..len) is a letter, or a mark on one:
 * where a combining mark typed next has something to join. */
bool text_ends_with_letter(const char *s, size_t len);

/* True when s has a letter of a right-to-left script (Arabic, Hebrew, ...). */
bool text_has_rtl(const char *s);

/* Unicode case fold only (accents kept): the key behind text_equal_fold, for
 * hashing emails and matching headers. */
char *text_casefold(const char *s);

/* Case-insensitive (Unicode case fold) equality, used for emails and headers. */
bool text_equal_fold(const char *a, const char *b);

/* The 64-bit FNV-1a hash of buf[0..len): the same value on every machine and
 * every run, for hash tables and for telling whether a file's bytes changed;
 * not a defence against someone who wants two texts to collide. */
uint64_t text_hash64(const void *buf, size_t len);

/* Copies src (NULL: "") into dst[n], n > 0, cut at a character boundary when
 * it is too long, so a fixed-size field never ends in half a character. */
void text_copy(char *dst, size_t n, const char *src);
/* items[0..n) (NULL: "") joined with sep into out[len], len > 0, cut at a
 * character boundary as text_copy does; false when not all of it fitted. */
bool text_join(char *out, size_t len, const char *const *items, size_t n, const char *sep);

/* strdup that maps NULL to "". */
char *text_dup(const char *s);

/* A file name made of the letters and digits of name (ASCII, and any non-ASCII
 * character of valid UTF-8), other runs of characters turned into one '-', at
 * most max - 1 bytes; fallback when nothing is left. */
void text_file_name(const char *name, const char *fallback, char *out, size_t max);

#endif
