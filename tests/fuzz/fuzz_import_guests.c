/* fuzz_import_guests.c — a guests.csv of any bytes through what `lanyard
 * import` and Load event do with it: decoded (UTF-8, else Windows-1252), then
 * parsed into guests. It imports or fails with a reason, and every guest it
 * gives has a name and an id. */
#include <stdint.h>
#include <stdlib.h>

#include "core/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ImportReport rep;
    import_report_init(&rep, "guests.csv");
    size_t n = 0;
    char *utf8 = import_decode((const char *)data, size, &n, &rep);
    if (!utf8) {
        if (!rep.error[0])
            abort();
        import_report_free(&rep);
        return 0;
    }
    GuestList list;
    guest_list_init(&list);
    int rc = import_parse_guests(utf8, n, &list, &rep);
    if (rc != 0 && !rep.error[0])
        abort();
    if (rc == 0 && rep.skipped != rep.nskips)
        abort();
    for (size_t i = 0; rc == 0 && i < list.count; i++) {
        const Guest *g = &list.items[i];
        if (!g->id[0] || (!g->first[0] && !g->last[0]))
            abort();
    }
    guest_list_free(&list);
    free(utf8);
    import_report_free(&rep);
    return 0;
}
