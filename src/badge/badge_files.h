/* badge_files.h — the folder of badge PNGs written when no printer is set.
 *
 * badges/ beside the database, private to the kiosk's user (0700, tightened
 * when an older version made it wider); the PNGs in it are 0600
 * (badge_save_png). A guest's badge file is removed when a newer one of theirs
 * replaces it, and a test badge's when the next test badge is written. */
#ifndef LANYARD_BADGE_FILES_H
#define LANYARD_BADGE_FILES_H

#include <stddef.h>

/* Makes (or tightens) badges/ beside the database at db_path; out gets its
 * path. 0, or -1 with err filled. */
int badge_files_dir(const char *db_path, char *out, size_t outlen, char *err, size_t errlen);

/* Removes the files in dir whose names start with prefix and end in ".png",
 * except keep (a file name, or NULL). Best effort. */
void badge_files_prune(const char *dir, const char *prefix, const char *keep);

#endif
