/* fuzz_script.c — `lanyard run --script` text of any bytes: it parses, or
 * fails naming a line, before anything runs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += text[i] == '\n';

    Script s;
    char err[200] = "";
    if (script_parse(text, &s, err, sizeof err) != 0) {
        if (!err[0] || strtoul(err, NULL, 10) < 1)
            abort();
    } else {
        for (size_t i = 0; i < s.count; i++) {
            const ScriptAction *a = &s.items[i];
            if (!a->arg || a->line < 1 || a->line > lines || !script_op_name(a->op))
                abort();
        }
        script_free(&s);
    }
    free(text);
    return 0;
}
