/* store_vfs.h — the SQLite VFS the store opens its databases with: the
 * process's default VFS, with the writes one commit makes to the write-ahead
 * log gathered into a single write before the commit's flush (store_vfs.c).
 * Same bytes, same flushes, same guarantees; fewer system calls on the path
 * of a check-in. Internal to src/store/. */
#ifndef LANYARD_STORE_VFS_H
#define LANYARD_STORE_VFS_H

#include <sqlite3.h>

/* The name to pass to sqlite3_open_v2 for a database opened now: the VFS
 * wrapping whichever VFS is the default at this moment (a test may have made
 * its own the default). NULL, meaning SQLite's default, if it cannot be
 * registered. */
const char *store_vfs_name(void);

#endif
