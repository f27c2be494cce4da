/* gen_guests.h — deterministic, realistic fake guests for the search test and the
 * search benchmark: common and rare first and last names from many places (with
 * accents), companies built from trade words, contact details. Only spaces
 * separate words, so a test can recompute matches by brute force. */
#ifndef LANYARD_GEN_GUESTS_H
#define LANYARD_GEN_GUESTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/guest.h"

typedef struct GenRng {
    uint64_t state;
} GenRng;

void gen_rng_seed(GenRng *r, uint64_t seed);
uint64_t gen_rng_next(GenRng *r);
/* Uniform in [0, n). */
size_t gen_rng_below(GenRng *r, size_t n);

/* Fills an initialised guest with guest number i (id derived from i). 0 or -1. */
int gen_guest(Guest *g, size_t i, GenRng *r);

#endif
