/* visit_load_internal.h — the parts of Load event from USB that staff's
 * slow work (visit_job.c) runs on a thread of its own; nothing outside
 * src/visit/ may include it. */
#ifndef LANYARD_VISIT_LOAD_INTERNAL_H
#define LANYARD_VISIT_LOAD_INTERNAL_H

#include "visit/visit_event_load.h"

/* As visit_export_to, touching nothing but their arguments: the event
 * folders on the stick the media port finds (0, or -1 with err); one folder
 * read into memory and checked against the kiosk's event now and its
 * database at db_path (NULL with err when it cannot be read). Then, on the
 * thread that owns v's store, what to do with it: event_load_apply writes
 * the event folder and imports into the database. */
typedef struct EventLoaded EventLoaded;
int event_load_folders(const MediaPort *media, EventFolders *out, char *err, size_t errlen);
EventLoaded *event_load_read(const EventConfig *now, const char *db_path, const char *dir,
                             EventLoadCheck *c, char *err, size_t errlen);
VisitLoad event_load_apply(Visit *v, const EventLoaded *l, const EventLoadCheck *c, bool start_new);
void event_load_free(EventLoaded *l);

#endif
