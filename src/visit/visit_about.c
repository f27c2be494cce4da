/* visit_about.c — what the kiosk is and where its data lives. See visit_about.h. */
#include "visit/visit_about.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "core/text.h"
#include "visit/visit_internal.h"

#ifndef LANYARD_VERSION
#define LANYARD_VERSION "unknown"
#endif

void visit_about(const Visit *v, KioskAbout *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->version, sizeof out->version, "%s", LANYARD_VERSION);
    text_copy(out->kiosk_id, sizeof out->kiosk_id, v->env.cfg->kiosk_id);
    /* As a path staff can find again: a --db given relative is resolved. */
    char abs[PATH_MAX];
    const char *db = store_path(v->env.store);
    text_copy(out->db_path, sizeof out->db_path, realpath(db, abs) ? abs : db);
    text_copy(out->event_dir, sizeof out->event_dir, v->env.cfg->dir);
    /* The database's folder: the file itself is on the same disk. */
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", out->db_path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    struct statvfs st;
    if (statvfs(dir, &st) != 0) {
        snprintf(out->disk_err, sizeof out->disk_err, "cannot read the free room on %s: %s", dir,
                 strerror(errno));
        return;
    }
    out->disk_ok = true;
    out->disk_free = (uint64_t)st.f_bavail * st.f_frsize;
    out->disk_size = (uint64_t)st.f_blocks * st.f_frsize;
}

void visit_about_bytes(uint64_t bytes, char *out, size_t outlen)
{
    static const char *const UNITS[] = {"bytes", "kB", "MB", "GB", "TB"};
    double x = (double)bytes;
    int u = 0;
    while (x >= 1000 && u < 4) {
        x /= 1000;
        u++;
    }
    if (u == 0)
        snprintf(out, outlen, "%llu bytes", (unsigned long long)bytes);
    else
        snprintf(out, outlen, x < 10 ? "%.1f %s" : "%.0f %s", x, UNITS[u]);
}
