/* usb_media.c — finding the mounted USB stick. See usb_media.h. */
#include "platform/usb_media.h"

#include <mntent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 0: a folder that can be written, 1: one that can only be read (a stick
 * with its lock switch on, mounted read-only), -1: neither. */
static int usable_dir(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || access(path, R_OK | X_OK) != 0)
        return -1;
    return access(path, W_OK) == 0 ? 0 : 1;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int usb_media_find(const char *override, const char *mounts_path, char *out, size_t outlen)
{
    if (override && *override) {
        int rc = usable_dir(override);
        if (rc >= 0)
            snprintf(out, outlen, "%s", override);
        return rc;
    }
    FILE *f = setmntent(mounts_path, "r");
    if (!f)
        return -1;
    /* A writable stick first; else a read-only one, which Load event can
     * still read and Export to USB can name. */
    int rc = -1;
    struct mntent *m;
    while (rc != 0 && (m = getmntent(f)) != NULL) {
        const char *d = m->mnt_dir;
        if (!(starts_with(d, "/media/") || starts_with(d, "/run/media/")) || strlen(d) >= outlen)
            continue;
        int u = usable_dir(d);
        if (u == 0 || (u == 1 && rc == -1)) {
            snprintf(out, outlen, "%s", d);
            rc = u;
        }
    }
    endmntent(f);
    return rc;
}

static int find_port(void *ud, char *out, size_t outlen)
{
    const UsbMedia *m = ud;
    return usb_media_find(m->override, "/proc/self/mounts", out, outlen);
}

MediaPort usb_media_port(UsbMedia *state)
{
    const char *dir = getenv("LANYARD_USB_DIR");
    snprintf(state->override, sizeof state->override, "%s", dir ? dir : "");
    MediaPort p = {find_port, state};
    return p;
}
