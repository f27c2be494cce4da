/* script.h — the `--script` language of SPEC §8: one action per line.
 *
 *   press LABEL | tap X Y | drag X1 Y1 X2 Y2 | type TEXT | hold X Y MS | key NAME
 *   scan CODE | quit | wait MS | expect TEXT | expect-not TEXT | screenshot FILE
 *
 * Blank lines and lines starting with `#` are skipped; ` #` after an action
 * starts a comment. Parsing is separate from running (src/app/app_script.c
 * runs the actions through the real SDL event path with simulated time), so an
 * unknown action or a bad number fails before anything runs, naming its line. */
#ifndef LANYARD_APP_SCRIPT_H
#define LANYARD_APP_SCRIPT_H

#include <stddef.h>

typedef enum ScriptOp {
    SCRIPT_PRESS,
    SCRIPT_TAP,
    SCRIPT_DRAG,
    SCRIPT_TYPE,
    SCRIPT_HOLD,
    SCRIPT_KEY,
    SCRIPT_SCAN,
    SCRIPT_QUIT,
    SCRIPT_WAIT,
    SCRIPT_EXPECT,
    SCRIPT_EXPECT_NOT,
    SCRIPT_SCREENSHOT,
} ScriptOp;

typedef struct ScriptAction {
    ScriptOp op;
    size_t line;
    int n[4];  /* numbers: tap x y, drag x1 y1 x2 y2, hold x y ms, wait ms */
    char *arg; /* malloc'd text: label, text, key name, code, file ("" when none) */
} ScriptAction;

typedef struct Script {
    ScriptAction *items;
    size_t count;
} Script;

/* Parses script text. Returns 0, or -1 with err = "LINE: message". */
int script_parse(const char *text, Script *out, char *err, size_t errlen);
/* Reads and parses a file; err = "FILE:LINE: message" on failure. */
int script_load(const char *path, Script *out, char *err, size_t errlen);
void script_free(Script *s);
const char *script_op_name(ScriptOp op);

#endif
