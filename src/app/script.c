/* script.c — parsing `--script` files. See script.h. */
#include "app/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"

static const struct {
    const char *name;
    ScriptOp op;
    int numbers; /* how many integers follow; -1: free text */
    int text;    /* 1: text required, 0: none */
} OPS[] = {
    {"press", SCRIPT_PRESS, -1, 1},
    {"tap", SCRIPT_TAP, 2, 0},
    {"drag", SCRIPT_DRAG, 4, 0},
    {"type", SCRIPT_TYPE, -1, 1},
    {"hold", SCRIPT_HOLD, 3, 0},
    {"key", SCRIPT_KEY, -1, 1},
    {"scan", SCRIPT_SCAN, -1, 1},
    {"quit", SCRIPT_QUIT, 0, 0},
    {"wait", SCRIPT_WAIT, 1, 0},
    {"expect", SCRIPT_EXPECT, -1, 1},
    {"expect-not", SCRIPT_EXPECT_NOT, -1, 1},
    {"screenshot", SCRIPT_SCREENSHOT, -1, 1},
};

const char *script_op_name(ScriptOp op)
{
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (OPS[i].op == op)
            return OPS[i].name;
    return "?";
}

void script_free(Script *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i].arg);
    free(s->items);
    s->items = NULL;
    s->count = 0;
}

static int parse_line(char *line, size_t lineno, ScriptAction *a, char *err, size_t errlen)
{
    /* Comments: a line starting with '#', or whitespace + '#' after the action. */
    for (char *p = line; *p; p++)
        if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        line[--n] = '\0';
    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return 1; /* blank */
    char *name = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    size_t nlen = (size_t)(p - name);
    while (*p == ' ' || *p == '\t')
        p++;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        if (strlen(OPS[i].name) != nlen || strncmp(OPS[i].name, name, nlen))
            continue;
        memset(a, 0, sizeof *a);
        a->op = OPS[i].op;
        a->line = lineno;
        if (OPS[i].numbers > 0) {
            char *q = p;
            for (int k = 0; k < OPS[i].numbers; k++) {
                char *end;
                errno = 0;
                long v = strtol(q, &end, 10);
                if (end == q || errno || v < -1000000 || v > 100000000) {
                    snprintf(err, errlen, "%zu: %s needs %d numbers", lineno, OPS[i].name,
                             OPS[i].numbers);
                    return -1;
                }
                a->n[k] = (int)v;
                q = end;
            }
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q) {
                snprintf(err, errlen, "%zu: unexpected '%s' after %s", lineno, q, OPS[i].name);
                return -1;
            }
        } else if (OPS[i].numbers == 0 && *p) {
            snprintf(err, errlen, "%zu: %s takes no argument", lineno, OPS[i].name);
            return -1;
        }
        if (OPS[i].text && !*p) {
            snprintf(err, errlen, "%zu: %s needs an argument", lineno, OPS[i].name);
            return -1;
        }
        a->arg = strdup(OPS[i].text ? p : "");
        if (!a->arg) {
            snprintf(err, errlen, "%zu: out of memory", lineno);
            return -1;
        }
        return 0;
    }
    snprintf(err, errlen, "%zu: unknown action '%.*s'", lineno, (int)nlen, name);
    return -1;
}

int script_parse(const char *text, Script *out, char *err, size_t errlen)
{
    out->items = NULL;
    out->count = 0;
    size_t cap = 0, lineno = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        lineno++;
        char *line = malloc(n + 1);
        if (!line) {
            snprintf(err, errlen, "%zu: out of memory", lineno);
            script_free(out);
            return -1;
        }
        memcpy(line, p, n);
        line[n] = '\0';
        if (out->count == cap) {
            cap = cap ? cap * 2 : 32;
            ScriptAction *grown = realloc(out->items, cap * sizeof *grown);
            if (!grown) {
                free(line);
                snprintf(err, errlen, "%zu: out of memory", lineno);
                script_free(out);
                return -1;
            }
            out->items = grown;
        }
        int rc = parse_line(line, lineno, &out->items[out->count], err, errlen);
        free(line);
        if (rc < 0) {
            script_free(out);
            return -1;
        }
        if (rc == 0)
            out->count++;
        p = e ? e + 1 : p + n;
    }
    return 0;
}

int script_load(const char *path, Script *out, char *err, size_t errlen)
{
    size_t n;
    char *buf = file_read(path, &n);
    if (!buf) {
        snprintf(err, errlen, "%s: %s", path, file_strerror(errno));
        return -1;
    }
    char perr[256];
    int rc = script_parse(buf, out, perr, sizeof perr);
    free(buf);
    if (rc < 0)
        snprintf(err, errlen, "%s:%s", path, perr);
    return rc;
}
