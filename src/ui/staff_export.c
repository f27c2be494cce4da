/* staff_export.c — Export to USB. See staff_export.h. */
#include "ui/staff_export.h"

#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/export.h"
#include "core/text.h"
#include "core/timefmt.h"

static bool writable_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK | X_OK) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int staff_usb_find(const char *override, const char *mounts_path, char *out, size_t outlen)
{
    if (override && *override) {
        if (!writable_dir(override))
            return -1;
        snprintf(out, outlen, "%s", override);
        return 0;
    }
    /* Desktops mount sticks at /media/USER/LABEL (Debian, Raspberry Pi OS) or
     * /run/media/USER/LABEL (Fedora); usbmount and fstab setups at /media/NAME. */
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

void staff_file_name(const char *name, const char *fallback, char *out, size_t max)
{
    /* Letters beyond ASCII are kept (sticks are FAT32 or exFAT, with Unicode
     * names), but only from valid UTF-8 and never cut inside a character. */
    bool utf8 = text_is_utf8(name, strlen(name));
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        size_t len = 1;
        bool keep =
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (*p >= 0x80) {
            while (p[len] && (p[len] & 0xC0) == 0x80)
                len++;
            keep = utf8 && *p >= 0xC2; /* not a stray continuation byte */
        }
        if (keep) {
            size_t need = len + (dash && n > 0);
            if (n + need >= max)
                break;
            if (dash && n > 0)
                out[n++] = '-';
            memcpy(out + n, p, len);
            n += len;
            dash = false;
        } else {
            dash = true;
        }
        p += len;
    }
    out[n] = '\0';
    if (!n)
        snprintf(out, max, "%s", fallback);
}

static int write_attendance(const AttendanceRow *r, void *ud)
{
    export_attendance_row(ud, r);
    return 0;
}

static int write_followup(const FollowupRow *r, void *ud)
{
    export_followup_row(ud, r);
    return 0;
}

/* Writes one CSV export to dir/name and flushes it to the device. */
static int write_csv(Store *s, const char *dir, const char *name, ExportKind kind, char *err,
                     size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wbx");
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    /* Staff open these in Excel: the byte-order mark keeps accents right. */
    Exporter *e = export_begin(f, kind, true);
    if (!e) {
        fclose(f);
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    StoreStatus st = kind == EXPORT_ATTENDANCE ? store_each_attendance(s, write_attendance, e)
                                               : store_each_followup(s, write_followup, e);
    int werr = export_end(e);
    if (!werr && fsync(fileno(f)) != 0)
        werr = errno;
    if (fclose(f) != 0 && !werr)
        werr = errno;
    if (st != STORE_OK) {
        snprintf(err, errlen, "cannot read the data for %s: %s", name, store_errmsg(s));
        return -1;
    }
    if (werr) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(werr));
        return -1;
    }
    return 0;
}

static void remove_in(const char *dir, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

int staff_export_usb(Store *s, const char *usb_dir, const char *event_name, const char *kiosk_id,
                     int64_t now, char *out_dir, size_t outlen, char *err, size_t errlen)
{
    char base[64], stamp[32], local[32];
    staff_file_name(event_name, "lanyard", base, sizeof base);
    time_format_local(now, local); /* "2026-08-20 10:03:12" */
    snprintf(stamp, sizeof stamp, "%.10s_%.2s%.2s", local, local + 11, local + 14);
    char dir[4096];
    int made = -1;
    /* A second export in the same minute gets a folder of its own. */
    for (int i = 1; i < 100 && made != 0; i++) {
        if (i == 1)
            snprintf(dir, sizeof dir, "%s/%s_%s", usb_dir, base, stamp);
        else
            snprintf(dir, sizeof dir, "%s/%s_%s-%d", usb_dir, base, stamp, i);
        made = mkdir(dir, 0755);
        if (made != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
            return -1;
        }
    }
    if (made != 0) {
        snprintf(err, errlen, "cannot create a new folder in %s: too many exports", usb_dir);
        return -1;
    }
    snprintf(out_dir, outlen, "%s", dir);
    char kid[64], db[4200];
    staff_file_name(kiosk_id, "kiosk", kid, sizeof kid);
    snprintf(db, sizeof db, "%s/lanyard-%s.db", dir, kid);
    if (write_csv(s, dir, "attendance.csv", EXPORT_ATTENDANCE, err, errlen) != 0 ||
        write_csv(s, dir, "followup.csv", EXPORT_FOLLOWUP, err, errlen) != 0)
        goto fail;
    if (store_backup(s, db) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        goto fail;
    }
    /* The new folder's entry itself, so pulling the stick keeps it. */
    int fd = open(usb_dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        if (fsync(fd) != 0 && errno != EINVAL) {
            snprintf(err, errlen, "cannot write %s: %s", usb_dir, strerror(errno));
            close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
fail:
    /* Half an export on the stick would be mistaken for the whole one. */
    remove_in(dir, "attendance.csv");
    remove_in(dir, "followup.csv");
    unlink(db);
    rmdir(dir);
    return -1;
}
