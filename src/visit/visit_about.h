/* visit_about.h — "About this kiosk" on staff mode's set-up screen (SPEC §5):
 * the program's version, the kiosk id, the database's path and the free room
 * on its disk, and the event folder. */
#ifndef LANYARD_VISIT_ABOUT_H
#define LANYARD_VISIT_ABOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "visit/visit.h"

typedef struct KioskAbout {
    char version[32];
    char kiosk_id[64];
    char db_path[1024];
    char event_dir[1024]; /* "" when the kiosk runs without one */
    bool disk_ok;         /* false: the free room could not be read (disk_err says why) */
    uint64_t disk_free;   /* bytes free to the kiosk where the database lives */
    uint64_t disk_size;   /* bytes on that disk */
    char disk_err[1200];
} KioskAbout;

void visit_about(const Visit *v, KioskAbout *out);

/* "1.2 GB", "350 MB", "12 kB": bytes as staff read them (powers of 1000). */
void visit_about_bytes(uint64_t bytes, char *out, size_t outlen);

#endif
