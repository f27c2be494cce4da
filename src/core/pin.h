/* pin.h — the staff PIN: 6 to 12 digits, stored only as a salted, slow
 * libsodium hash (crypto_pwhash_str, Argon2id), and checked on a thread of
 * its own so no screen waits for it.
 *
 * The hash is in event.ini, which people other than staff may be able to
 * read: its cost is what makes trying every PIN offline slow. At
 * PIN_OPSLIMIT / PIN_MEMLIMIT one check takes about a quarter of a second of
 * one core of a desktop (more on a Raspberry Pi), so the 10^6 PINs of 6 digits
 * take days of one core, where 4-digit PINs at the old cost took minutes.
 * Hashes made at the old cost and PINs of 4 or 5 digits still open staff mode
 * (pin_is_weak says so, so staff can be told to set a new one). */
#ifndef LANYARD_PIN_H
#define LANYARD_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_MIN_DIGITS 6
#define PIN_OLD_MIN_DIGITS 4 /* PINs set before 6 digits were asked for */
#define PIN_MAX_DIGITS 12
#define PIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
/* Argon2id's cost: passes, and memory in bytes. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT ((size_t)128 << 20)

/* True when pin is PIN_MIN_DIGITS to PIN_MAX_DIGITS ASCII digits: a PIN that
 * may be set. */
bool pin_is_valid(const char *pin);

/* Hashes a valid PIN into out (NUL-terminated). 0, or -1 when out of memory. */
int pin_hash(const char *pin, char out[PIN_HASH_MAX]);

/* True when pin matches a hash made by pin_hash (at any cost). Takes the
 * hash's own time: not for a screen's thread (pin_check_start). */
bool pin_verify(const char *pin, const char *hash);

/* A right PIN that should be set again: shorter than PIN_MIN_DIGITS, or its
 * hash made at a lower cost than pin_hash's. */
bool pin_is_weak(const char *pin, const char *hash);

/* ---- checking on a thread of its own ---- */

typedef struct PinCheck PinCheck;

typedef enum PinAnswer { PIN_CHECKING, PIN_RIGHT, PIN_WRONG } PinAnswer;

/* Starts pin_verify(pin, hash) on a thread and returns at once; it keeps
 * copies of both. NULL (errno) when no thread or memory could be had. */
PinCheck *pin_check_start(const char *pin, const char *hash);
/* PIN_CHECKING until the answer is in; never blocks. */
PinAnswer pin_check_answer(PinCheck *c);
/* Blocks until the answer is in (a script or a test that must not race). */
void pin_check_wait(PinCheck *c);
/* Waits for the thread (at most one check's time) and frees c. NULL: nothing. */
void pin_check_free(PinCheck *c);

#endif
