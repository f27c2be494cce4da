/* badge_files.c — the private folder of badge PNGs. See badge_files.h. */
#include "badge/badge_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int badge_files_dir(const char *db_path, char *out, size_t outlen, char *err, size_t errlen)
{
    const char *slash = strrchr(db_path, '/');
    int dirlen = slash ? (int)(slash - db_path) : 1;
    const char *dir = slash ? db_path : ".";
    int n = snprintf(out, outlen, "%.*s/badges", dirlen, dir);
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "the database's folder name is too long for badge files");
        return -1;
    }
    if (mkdir(out, 0700) != 0 && errno != EEXIST) {
        int e = errno;
        snprintf(err, errlen, "cannot create the badge folder %.300s: %s", out, strerror(e));
        return -1;
    }
    /* Badges carry names and links: the folder is the kiosk user's alone. */
    struct stat st;
    if (lstat(out, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "the badge folder %.300s is not a folder", out);
        return -1;
    }
    if ((st.st_mode & 077) && chmod(out, st.st_mode & 0700) != 0) {
        int e = errno;
        snprintf(err, errlen, "cannot make the badge folder %.300s private: %s", out, strerror(e));
        return -1;
    }
    return 0;
}

void badge_files_prune(const char *dir, const char *prefix, const char *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t plen = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, plen) != 0 || len < plen + 4 ||
            strcmp(e->d_name + len - 4, ".png") != 0 || (keep && !strcmp(e->d_name, keep)))
            continue;
        char path[1200];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            (void)unlink(path);
    }
    closedir(d);
}
