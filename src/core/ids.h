/* ids.h — identities for rows that travel between kiosks.
 *
 * An id is 32 lowercase hex digits (128 bits). Random ids come from libsodium;
 * derived ids are a keyed BLAKE2b of a natural key, so two kiosks that import the
 * same guest list give the same guest the same id. */
#ifndef LANYARD_IDS_H
#define LANYARD_IDS_H

#include <stdbool.h>
#include <stddef.h>

#define ID_LEN 32
#define WALKIN_CODE_LEN 11 /* "W-7K3M-Q9XD" */

/* Must be called once before anything else here (wraps sodium_init). 0 on success. */
int ids_init(void);

void id_random(char out[ID_LEN + 1]);

/* Stable id for a natural key, e.g. id_derived("guest-code", "A123", out). */
void id_derived(const char *kind, const char *key, char out[ID_LEN + 1]);

/* A walk-in registration code: "W-" + 8 Crockford base-32 digits grouped 4-4,
 * random (40 bits) so codes made on different kiosks do not collide. */
void walkin_code_new(char out[WALKIN_CODE_LEN + 1]);

/* A code of the same form for a listed guest whose list gave none, derived
 * from the guest's id (and attempt, 0 first; the next one when a code is
 * already taken): kiosks that import the same list give the guest the same
 * id, so they give the same code too, and a merge finds one guest. Like the
 * id, it is not a secret. */
void walkin_code_derived(const char *id, unsigned attempt, char out[WALKIN_CODE_LEN + 1]);

/* True when code has the form walkin_code_new makes ("W-7K3M-Q9XD"): a code a
 * kiosk gave a walk-in or a listed guest, as opposed to one from a
 * registration list. */
bool walkin_code_valid(const char *code);

#endif
