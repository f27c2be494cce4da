/* pin.c — see pin.h. */
#include "core/pin.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
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
    return crypto_pwhash_str(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) == 0 ? 0 : -1;
}

bool pin_verify(const char *pin, const char *hash)
{
    return hash && *hash && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

bool pin_is_weak(const char *pin, const char *hash)
{
    return strlen(pin) < PIN_MIN_DIGITS ||
           crypto_pwhash_str_needs_rehash(hash, PIN_OPSLIMIT, PIN_MEMLIMIT) != 0;
}

/* ---- checking on a thread of its own ---- */

struct PinCheck {
    pthread_t thread;
    char pin[PIN_MAX_DIGITS + 1];
    char hash[PIN_HASH_MAX];
    atomic_int answer; /* PinAnswer */
    pthread_mutex_t mu;
    pthread_cond_t done;
};

static void *check_main(void *arg)
{
    PinCheck *c = arg;
    PinAnswer a = pin_verify(c->pin, c->hash) ? PIN_RIGHT : PIN_WRONG;
    sodium_memzero(c->pin, sizeof c->pin);
    pthread_mutex_lock(&c->mu);
    atomic_store(&c->answer, (int)a);
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

PinCheck *pin_check_start(const char *pin, const char *hash)
{
    if (strlen(pin) > PIN_MAX_DIGITS || strlen(hash) >= PIN_HASH_MAX) {
        errno = EINVAL;
        return NULL;
    }
    PinCheck *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    strcpy(c->pin, pin);
    strcpy(c->hash, hash);
    atomic_init(&c->answer, PIN_CHECKING);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->done, NULL);
    int rc = pthread_create(&c->thread, NULL, check_main, c);
    if (rc != 0) {
        pthread_cond_destroy(&c->done);
        pthread_mutex_destroy(&c->mu);
        sodium_memzero(c->pin, sizeof c->pin);
        free(c);
        errno = rc;
        return NULL;
    }
    return c;
}

PinAnswer pin_check_answer(PinCheck *c)
{
    return (PinAnswer)atomic_load(&c->answer);
}

void pin_check_wait(PinCheck *c)
{
    pthread_mutex_lock(&c->mu);
    while (atomic_load(&c->answer) == PIN_CHECKING)
        pthread_cond_wait(&c->done, &c->mu);
    pthread_mutex_unlock(&c->mu);
}

void pin_check_free(PinCheck *c)
{
    if (!c)
        return;
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->done);
    pthread_mutex_destroy(&c->mu);
    free(c);
}
