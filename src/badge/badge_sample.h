/* badge_sample.h — the staff's test badge (SPEC §5 "print a test badge"): the
 * badge of a fictional guest, so staff can check the label size, colours, text
 * and QR code before guests arrive. The guest is never stored and never
 * counted; no print job is recorded. With a printer set in event.ini the badge
 * goes to that CUPS queue; without one it is written as
 * badges/test-badge-<local time>.png beside the database, like guests' badges. */
#ifndef LANYARD_BADGE_SAMPLE_H
#define LANYARD_BADGE_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/event_config.h"
#include "visit/ports.h"

typedef struct FontSet FontSet; /* platform/font.h */

/* Renders the sample badge with fs (the caller's thread's FontSet: the print
 * worker's, badge_queue_test_badge) and prints or writes it; only the latest
 * test badge PNG is kept. now (ms UTC) names the PNG. 0, or -1 with out->error filled
 * (the printer's, the renderer's or the file system's own message). */
int badge_sample_print(FontSet *fs, const EventConfig *cfg, const char *db_path, int64_t now,
                       TestBadge *out);

#endif
