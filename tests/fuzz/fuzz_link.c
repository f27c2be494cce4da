/* fuzz_link.c — the QR link (core/link.h). The input's lines are a template, a
 * catalogue URL, a registration code and program codes. Any template builds a
 * link and reads any scanned text without harm; with the event's usual
 * template, the link built for any code and programs reads back to that code,
 * since a guest's badge must always find them at the scanner. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/link.h"

#define MAX_LINES 12

static const char TPL[] = "https://cte.example.org/partners?programs={programs}&guest={code}";
static const char CAT[] = "https://cte.example.org/programs";

static void check_round_trip(const char *code, const char *const *programs, size_t n)
{
    char *link = link_build(TPL, CAT, code, programs, n);
    if (!link)
        return; /* out of memory */
    char *back = NULL;
    int rc = link_code(TPL, CAT, link, &back);
    if (code[0] && (rc != 1 || strcmp(back, code) != 0))
        abort();
    if (!code[0] && rc == 1)
        abort();
    free(back);
    free(link);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    const char *line[MAX_LINES];
    size_t n = 0;
    for (char *p = text; n < MAX_LINES;) {
        line[n++] = p;
        char *e = strchr(p, '\n');
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    const char *tpl = line[0];
    const char *cat = n > 1 ? line[1] : "";
    const char *code = n > 2 ? line[2] : "";
    const char *const *programs = n > 3 ? line + 3 : NULL;
    size_t nprograms = n > 3 ? n - 3 : 0;

    char *link = link_build(tpl, cat, code, programs, nprograms);
    char *back = NULL;
    if (link && link_code(tpl, cat, link, &back) == 1 && !back)
        abort();
    free(back);
    free(link);
    back = NULL;
    if (link_code(tpl, cat, code, &back) == 1 && !back)
        abort();
    free(back);

    check_round_trip(code, programs, nprograms);
    free(text);
    return 0;
}
