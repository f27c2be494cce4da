/* pin.c — see pin.h. Interactive limits: about a tenth of a second on a
 * Raspberry Pi, which is what throttles guessing along with the lock-out. */
#include "core/pin.h"

#include <sodium.h>
#include <string.h>

bool pin_is_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

int pin_hash(const char *pin, char out[PIN_HASH_MAX])
{
    _Static_assert(crypto_pwhash_STRBYTES <= PIN_HASH_MAX, "PIN_HASH_MAX too small");
    return crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
               ? 0
               : -1;
}

bool pin_verify(const char *pin, const char *hash)
{
    return hash && *hash && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}
