/* visit_export.c — staff's Export to USB (SPEC §5): into a new folder named
 * after the event and the local time ("Spring-CTE-Partner-Breakfast_2026-04-16_0930")
 * on the mounted stick go attendance.csv and followup.csv (SPEC §7, with the
 * byte-order mark Excel needs for accents) and a consistent copy of the
 * database made with SQLite's online backup (lanyard-KIOSK.db, so the sticks
 * of several kiosks can be merged). Each file is flushed to the stick before
 * the export says it is done. See visit_staff.h. */

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/export.h"
#include "core/file.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "visit/visit_event_load.h"
#include "visit/visit_internal.h"

/* Writes one CSV export to dir/name and flushes it to the device. The rows
 * are read into memory first, so the read of the database ends before the
 * stick is written: a stick that is slow or stops answering never holds a
 * snapshot that keeps the kiosk's log from starting afresh. */
static int write_csv(Store *s, const char *dir, const char *name, ExportKind kind, char *err,
                     size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *bytes = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&bytes, &len);
    /* Staff open these in Excel: the byte-order mark keeps accents right. */
    Exporter *e = mem ? export_begin(mem, kind, true) : NULL;
    if (!e) {
        if (mem)
            fclose(mem);
        free(bytes);
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    StoreStatus st = store_export(s, kind, e);
    int merr = export_end(e);
    if (fclose(mem) != 0 && !merr)
        merr = ENOMEM;
    if (st != STORE_OK) {
        free(bytes);
        snprintf(err, errlen, "cannot read the data for %s: %s", name, store_errmsg(s));
        return -1;
    }
    int werr = merr;
    if (!werr && file_write(path, bytes, len, 0666, FILE_WRITE_NEW | FILE_WRITE_SYNC) != 0)
        werr = errno;
    free(bytes);
    if (werr) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(werr));
        return -1;
    }
    return 0;
}

/* The databases of earlier events this kiosk kept (loading another event
 * renames the old one beside it) are copied too: after a new event was
 * started on the kiosk, the last one's check-ins still reach the stick. */
static int copy_archives(Store *s, const char *out, char *err, size_t errlen)
{
    char *dir = file_dir_of(store_path(s));
    if (!dir) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return 0; /* nothing to find: the kiosk's own copy is made */
    }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        if (!event_load_is_archive(store_path(s), e->d_name))
            continue;
        char src[4400], dest[4400];
        snprintf(src, sizeof src, "%s/%s", dir, e->d_name);
        snprintf(dest, sizeof dest, "%s/%s", out, e->d_name);
        Store *a = NULL;
        if (store_open(src, STORE_OPEN_READONLY, &a, err, errlen) != STORE_OK) {
            rc = -1;
        } else {
            if (store_backup(a, dest) != STORE_OK) {
                snprintf(err, errlen, "%s", store_errmsg(a));
                rc = -1;
            }
            store_close(a);
        }
    }
    closedir(d);
    free(dir);
    return rc;
}

int visit_export_to(Store *s, const char *usb_dir, const char *event_name, const char *kiosk_id,
                    int64_t now, char *out_dir, size_t outlen, char *err, size_t errlen)
{
    char base[64], stamp[32], local[32];
    text_file_name(event_name, "lanyard", base, sizeof base);
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
    text_file_name(kiosk_id, "kiosk", kid, sizeof kid);
    snprintf(db, sizeof db, "%s/lanyard-%s.db", dir, kid);
    if (write_csv(s, dir, "attendance.csv", EXPORT_ATTENDANCE, err, errlen) != 0 ||
        write_csv(s, dir, "followup.csv", EXPORT_FOLLOWUP, err, errlen) != 0)
        goto fail;
    if (store_backup(s, db) != STORE_OK) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        goto fail;
    }
    if (copy_archives(s, dir, err, errlen) != 0)
        goto fail;
    /* The new folder's entry itself, so pulling the stick keeps it. */
    if (file_sync_dir(usb_dir) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", usb_dir, strerror(errno));
        return -1;
    }
    return 0;
fail:
    /* Half an export on the stick would be mistaken for the whole one. */
    file_remove_dir(dir); /* made by this export: only its files are in it */
    return -1;
}

VisitExport visit_export_usb(Visit *v, char *out_dir, size_t outlen)
{
    char usb[1024];
    int found = v->env.media.find ? v->env.media.find(v->env.media.ud, usb, sizeof usb) : -1;
    if (found != 0)
        return found == 1 ? VISIT_EXPORT_READ_ONLY : VISIT_EXPORT_NO_USB;
    char err[8400];
    if (visit_export_to(v->env.store, usb, v->env.cfg->name, v->env.cfg->kiosk_id, visit_now(v),
                        out_dir, outlen, err, sizeof err) != 0) {
        text_copy(v->err, sizeof v->err, err);
        fprintf(stderr, "lanyard: export to USB: %s\n", err);
        return VISIT_EXPORT_FAILED;
    }
    return VISIT_EXPORT_DONE;
}
