/* merge_testutil.h — databases opened by name in a test's folder, and what a
 * merge produced in them, for the merge tests (test_merge, test_merge_move):
 * both exports as staff would get them, and every table in a fixed order. */
#ifndef LANYARD_MERGE_TESTUTIL_H
#define LANYARD_MERGE_TESTUTIL_H

#include <stdbool.h>

#include "store/store.h"

/* The database dir/name, opened with flags; fails the test when it cannot be. */
Store *mt_open(const char *dir, const char *name, unsigned flags);
/* Both exports of dir/name (attendance, then follow-up), as CSV text (malloc'd). */
char *mt_exports(const char *dir, const char *name);
/* Every row of every table of dir/name, in a fixed order (malloc'd); the
 * programs too when programs. */
char *mt_dump(const char *dir, const char *name, bool programs);

#endif
