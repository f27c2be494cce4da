/* fuzz_import_programs.c — a programs.csv of any bytes, decoded and parsed as
 * Load event and `lanyard import` do: it imports or fails with a reason, and
 * every program it gives has a code and a name. */
#include <stdint.h>
#include <stdlib.h>

#include "core/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ImportReport rep;
    import_report_init(&rep, "programs.csv");
    size_t n = 0;
    char *utf8 = import_decode((const char *)data, size, &n, &rep);
    if (!utf8) {
        if (!rep.error[0])
            abort();
        import_report_free(&rep);
        return 0;
    }
    ProgramList list;
    program_list_init(&list);
    int rc = import_parse_programs(utf8, n, &list, &rep);
    if (rc != 0 && !rep.error[0])
        abort();
    for (size_t i = 0; rc == 0 && i < list.count; i++) {
        const Program *p = &list.items[i];
        if (!p->code || !p->code[0] || !p->name || !p->name[0])
            abort();
    }
    program_list_free(&list);
    free(utf8);
    import_report_free(&rep);
    return 0;
}
