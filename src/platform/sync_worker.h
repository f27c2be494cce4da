/* sync_worker.h — the sync folder (SPEC §6): a copy of the kiosk's database
 * kept in a folder on a USB stick or a mounted share, a few seconds after each
 * change, without ever blocking the screen.
 *
 * The kiosk calls sync_worker_changed after each committed change; that only
 * sets a flag under a mutex. A worker thread with its own Store connection on
 * the kiosk's database (WAL lets it read while the kiosk writes) waits until
 * the first change not yet copied is debounce_ms old — changes in between join
 * the same copy — then writes FOLDER/lanyard-<kiosk id>.db with store_backup
 * (a temporary file renamed into place, so a reader never sees half a copy).
 * Several kiosks can share one folder; `lanyard merge` combines their copies.
 *
 * The folder is never created: a missing folder is usually an unmounted stick,
 * and creating it would write onto the card the mount point lives on. A failed
 * copy (folder missing, disk full, read-only) is tried again at the next change
 * or after a back-off (retry_ms, doubled up to a minute), whichever comes first.
 *
 * Time: the debounce and back-off use the monotonic clock, inside the worker
 * only (a changed wall clock must not delay or hurry a copy). The time shown to
 * staff as "last copied" comes from the clock function passed in (ms UTC), so a
 * test can inject one. No SDL here: the kiosk wraps notify in SDL_PushEvent. */
#ifndef LANYARD_SYNC_WORKER_H
#define LANYARD_SYNC_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "visit/ports.h"

typedef struct SyncWorker SyncWorker;

/* Runs on the worker thread after each try, with the worker's lock held: it
 * must not call back into the worker, only hand the status on. */
typedef void (*SyncNotifyFn)(void *ud, const SyncStatus *st);

typedef struct SyncOptions {
    int debounce_ms;   /* wait after the first change before copying; default 3000 */
    int retry_ms;      /* first back-off after a failure, doubled up to 60 s; default 5000 */
    int final_wait_ms; /* how long destroy waits for the last copy; default 2000 */
} SyncOptions;

void sync_worker_options_default(SyncOptions *o);

/* Starts the worker for the database at db_path, copying into folder as
 * lanyard-<kiosk_id>.db (characters other than letters, digits, '-', '_' and
 * '.' in the id become '_'; the kiosk passes its id and its database's tag,
 * store_copy_tag). A first copy is made debounce_ms after the start,
 * so the folder holds the data the kiosk started with. opt NULL: defaults;
 * notify may be NULL. NULL with err filled when the thread cannot start. */
SyncWorker *sync_worker_create(const char *db_path, const char *folder, const char *kiosk_id,
                               const SyncOptions *opt, ClockPort clock, SyncNotifyFn notify,
                               void *notify_ud, char *err, size_t errlen);

/* The database changed (a check-in, a walk-in, interests, an undo). Never blocks
 * on the disk. */
void sync_worker_changed(SyncWorker *w);

void sync_worker_status(SyncWorker *w, SyncStatus *out);

/* Makes a last copy of changes not yet copied, waiting at most final_wait_ms
 * for it (a stuck share must not hang the kiosk's exit), and frees the worker.
 * Copies follow each change within seconds, so the last one holds only what
 * changed in the last few seconds; one not done in time leaves the old copy
 * whole (copies are renamed into place) and the next start copies again.
 * notify is not called from here on. */
void sync_worker_destroy(SyncWorker *w);

#endif
