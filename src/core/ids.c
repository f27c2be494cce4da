/* ids.c — random and derived 128-bit ids and kiosk-issued codes, on libsodium.
 *
 * Derived ids hash "kind NUL key" with BLAKE2b under a fixed application key:
 * the key only separates Lanyard's ids from other uses of the same hash, it is
 * not a secret, and it must never change or kiosks would stop agreeing. */
#include "core/ids.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#define ID_BYTES (ID_LEN / 2)

static const unsigned char DERIVE_KEY[crypto_generichash_KEYBYTES_MIN] = "lanyard-ids-v1!";

int ids_init(void)
{
    /* 1 means "already initialised", which is fine. */
    return sodium_init() < 0 ? -1 : 0;
}

void id_random(char out[ID_LEN + 1])
{
    unsigned char bin[ID_BYTES];
    randombytes_buf(bin, sizeof bin);
    sodium_bin2hex(out, ID_LEN + 1, bin, sizeof bin);
}

/* The keyed hash of "kind NUL key" into bin (ID_BYTES long). */
static void derive(const char *kind, const char *key, unsigned char bin[ID_BYTES])
{
    assert(kind && key);
    crypto_generichash_state st;
    /* The NUL between kind and key keeps ("ab","c") apart from ("a","bc"). */
    crypto_generichash_init(&st, DERIVE_KEY, sizeof DERIVE_KEY, ID_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
    crypto_generichash_update(&st, (const unsigned char *)key, strlen(key));
    crypto_generichash_final(&st, bin, ID_BYTES);
}

void id_derived(const char *kind, const char *key, char out[ID_LEN + 1])
{
    unsigned char bin[ID_BYTES];
    derive(kind, key, bin);
    sodium_bin2hex(out, ID_LEN + 1, bin, sizeof bin);
}

/* Crockford base 32: no I, L, O or U, so codes read aloud or typed are unambiguous. */
static const char CROCKFORD[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* "W-" and 40 bits as 8 Crockford digits grouped 4-4. */
static void code_format(const unsigned char bin[5], char out[WALKIN_CODE_LEN + 1])
{
    uint64_t v = 0;
    for (size_t i = 0; i < 5; i++)
        v = (v << 8) | bin[i];
    char digits[8];
    for (int i = 7; i >= 0; i--) {
        digits[i] = CROCKFORD[v & 31];
        v >>= 5;
    }
    out[0] = 'W';
    out[1] = '-';
    memcpy(out + 2, digits, 4);
    out[6] = '-';
    memcpy(out + 7, digits + 4, 4);
    out[WALKIN_CODE_LEN] = '\0';
}

void walkin_code_new(char out[WALKIN_CODE_LEN + 1])
{
    unsigned char bin[5];
    randombytes_buf(bin, sizeof bin);
    code_format(bin, out);
}

void walkin_code_derived(const char *id, unsigned attempt, char out[WALKIN_CODE_LEN + 1])
{
    assert(id);
    char key[ID_LEN + 16];
    snprintf(key, sizeof key, "%s\x1f%u", id, attempt);
    unsigned char bin[ID_BYTES];
    derive("listed-code", key, bin);
    code_format(bin, out);
}

bool walkin_code_valid(const char *code)
{
    if (!code || strlen(code) != WALKIN_CODE_LEN || code[0] != 'W' || code[1] != '-' ||
        code[6] != '-')
        return false;
    for (int i = 2; i < WALKIN_CODE_LEN; i++) {
        if (i != 6 && !strchr(CROCKFORD, code[i]))
            return false;
    }
    return true;
}
