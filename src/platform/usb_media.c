/* usb_media.c — finding the mounted USB stick. See usb_media.h. */
#include "platform/usb_media.h"

#include <mntent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool writable_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK | X_OK) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int usb_media_find(const char *override, const char *mounts_path, char *out, size_t outlen)
{
    if (override && *override) {
        if (!writable_dir(override))
            return -1;
        snprintf(out, outlen, "%s", override);
        return 0;
    }
    FILE *f = setmntent(mounts_path, "r");
    if (!f)
        return -1;
    int rc = -1;
    struct mntent *m;
    while ((m = getmntent(f)) != NULL) {
        const char *d = m->mnt_dir;
        if ((starts_with(d, "/media/") || starts_with(d, "/run/media/")) && writable_dir(d) &&
            strlen(d) < outlen) {
            snprintf(out, outlen, "%s", d);
            rc = 0;
            break;
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
