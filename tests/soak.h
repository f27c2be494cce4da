/* soak.h — an hour of use (scripts/soak): a seeded monkey that taps, drags,
 * types, scans, waits and goes into staff mode on whatever the kiosk shows,
 * and the event it runs on. test_soak drives the kiosk in process on a
 * simulated clock (under the sanitizers: no crash, no leak); soak_x drives the
 * real program in a window on Xvfb through X input and samples its resident
 * memory. Both choose their actions here, from the widgets on screen. */
#ifndef LANYARD_SOAK_H
#define LANYARD_SOAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The screens a soak must reach (the kiosk's screen names). */
extern const char *const SOAK_SCREENS[];
extern const size_t SOAK_NSCREENS;

/* The staff PIN of the soak event (when it has one). */
#define SOAK_PIN "246813"

/* ---- the event ---- */

typedef struct SoakEvent {
    char *dir;   /* the event folder: event.ini and the demo's programs.csv */
    char *db;    /* its database, the guests already imported */
    char **code; /* each guest's registration code, for the scanner */
    char **name; /* and first name, for searches */
    size_t nguests;
    int idle_s; /* its idle timeout */
} SoakEvent;

/* Makes an event folder and database in dir with nguests generated guests and
 * the demo event's programs; idle_s is its idle timeout, pin whether it has
 * the staff PIN SOAK_PIN. 0, or -1 with the reason on stderr. */
int soak_event_create(SoakEvent *e, const char *dir, size_t nguests, int idle_s, bool pin);
void soak_event_free(SoakEvent *e);

/* ---- the monkey ---- */

typedef enum SoakOp {
    SOAK_PRESS, /* tap the middle of a widget: x, y */
    SOAK_TAP,   /* tap anywhere: x, y */
    SOAK_DRAG,  /* x, y to x2, y2 */
    SOAK_TYPE,  /* text at a person's pace */
    SOAK_KEY,   /* key: "Return", "BackSpace", "Tab", "Escape", "Left", "Right", "Up", "Down" */
    SOAK_SCAN,  /* a barcode scanner: text fast, then Return */
    SOAK_WAIT,  /* ms of nothing */
    SOAK_STAFF, /* the staff gesture: hold the top-left corner 3 s */
} SoakOp;

typedef struct SoakAction {
    SoakOp op;
    int x, y, x2, y2;
    int ms;
    char text[64]; /* TYPE and SCAN text, KEY name */
} SoakAction;

/* A widget on screen, as the driver sees it. */
typedef struct SoakWidget {
    int x, y, w, h;
    const char *label;
} SoakWidget;

/* One step of what a person means to do: press a label (or the first widget
 * whose label starts with it), type text, or press a key. */
typedef struct SoakStep {
    char kind; /* 'p' press, 'P' press by prefix, 't' type, 'k' key */
    char text[48];
} SoakStep;

#define SOAK_PLAN_MAX 16

typedef struct Monkey {
    uint64_t rng;
    SoakStep plan[SOAK_PLAN_MAX]; /* a walk-in, a search, a staff lookup... */
    size_t plan_len, plan_at;
    const SoakEvent *event;
    int long_wait_permille; /* how often a wait is long enough for the idle reset */
    size_t pin_at;          /* digits of the PIN pressed so far on the pad */
    size_t since_welcome;   /* actions since Welcome was last on screen */
    /* What it did, for the report. */
    size_t actions, scans, searches, staff, plans;
} Monkey;

void monkey_init(Monkey *m, uint64_t seed, const SoakEvent *e, int long_wait_permille);
/* The next action on screen (its name and its widgets) in a w x h window. */
void monkey_next(Monkey *m, const char *screen, const SoakWidget *widgets, size_t n, int w, int h,
                 SoakAction *out);

/* Notes screen in seen[] (names, at most max); returns the new count. */
size_t soak_note_screen(char seen[][32], size_t count, size_t max, const char *screen);
/* The screens of SOAK_SCREENS not in seen, ", "-joined into out ("" when none). */
void soak_missing_screens(char seen[][32], size_t count, char *out, size_t len);

#endif
