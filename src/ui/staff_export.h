/* staff_export.h — staff mode's Export to USB (SPEC §5): find a mounted USB
 * stick and write the day's data onto it.
 *
 * Into a new folder named after the event and the local time
 * ("Spring-CTE-Partner-Breakfast_2026-04-16_0930") go attendance.csv and
 * followup.csv (SPEC §7, with the byte-order mark Excel needs for accents) and
 * a consistent copy of the kiosk's database made with SQLite's online backup
 * (lanyard-KIOSK.db, so the sticks of several kiosks can be merged). Each file
 * is flushed to the stick before the export says it is done. No SDL here. */
#ifndef LANYARD_STAFF_EXPORT_H
#define LANYARD_STAFF_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Where removable media is mounted: override when given (LANYARD_USB_DIR: tests,
 * or a stick always mounted at one place), else the first writable mount point
 * under /media/USER/, /media/ or /run/media/USER/ in mounts_path (normally
 * /proc/self/mounts). 0 with out filled, or -1 when there is none. */
int staff_usb_find(const char *override, const char *mounts_path, char *out, size_t outlen);

/* Writes the export into a new folder under usb_dir; out_dir gets the folder's
 * path. 0, or -1 with err saying what could not be written and why. */
int staff_export_usb(Store *s, const char *usb_dir, const char *event_name, const char *kiosk_id,
                     int64_t now, char *out_dir, size_t outlen, char *err, size_t errlen);

/* A file name made of the letters and digits of name (ASCII, and any non-ASCII
 * character of valid UTF-8), other runs of characters turned into one '-', at
 * most max - 1 bytes; fallback when nothing is left. */
void staff_file_name(const char *name, const char *fallback, char *out, size_t max);

#endif
