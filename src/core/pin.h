/* pin.h — the staff PIN: 4 to 12 digits, stored only as a salted, slow
 * libsodium hash (crypto_pwhash_str, Argon2id). */
#ifndef LANYARD_PIN_H
#define LANYARD_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
#define PIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* True when pin is 4 to 12 ASCII digits. */
bool pin_is_valid(const char *pin);

/* Hashes a valid PIN into out (NUL-terminated). 0, or -1 when out of memory. */
int pin_hash(const char *pin, char out[PIN_HASH_MAX]);

/* True when pin matches a hash made by pin_hash. */
bool pin_verify(const char *pin, const char *hash);

#endif
