/* screen.h — how the kiosk's router (kiosk.c) and its screens (this folder)
 * meet. Nothing outside src/ui/ includes it.
 *
 * Each screen is one file holding its state, its widget ids, its handlers and
 * its layout, described by a UiScreen table in the spirit of LVGL's object
 * classes: the router keeps one state block per screen, hands the current
 * screen the input that is its own (a widget pressed, text typed, a key), lets
 * it advance its timers, and asks it to lay itself out. What crosses screens —
 * the current screen, the staff gesture, the idle reset, notices, scanner
 * bursts, the language, the on-screen keyboard — stays in the router, reached
 * through the kiosk_* functions below. Business rules are the visit layer's
 * (visit/visit.h): a screen calls it and shows the outcome. */
#ifndef LANYARD_UI_SCREEN_H
#define LANYARD_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/kiosk.h"
#include "ui/ui.h"
#include "ui/ui_edit.h"
#include "ui/ui_i18n.h"
#include "ui/ui_keyboard.h"
#include "ui/ui_widgets.h"
#include "visit/visit.h"
#include "visit/visit_staff.h"

typedef enum ScreenId {
    SCREEN_WELCOME,
    SCREEN_FIND,
    SCREEN_CONFIRM,
    SCREEN_WALKIN,
    SCREEN_WALKIN_FIX, /* a walk-in's own form again, from Interests */
    SCREEN_NOT_ME,     /* "Not you?" asks before it undoes the check-in */
    SCREEN_INTERESTS,
    SCREEN_DONE,
    SCREEN_ALREADY,
    SCREEN_HELP, /* "Please see a staff member": something could not be saved */
    SCREEN_PROGRAMS,
    SCREEN_PROGRAM,
    SCREEN_STAFF_PIN,
    SCREEN_STAFF_HOME,
    SCREEN_STAFF_LOOKUP,
    SCREEN_STAFF_GUEST,
    SCREEN_STAFF_EDIT,
    SCREEN_STAFF_SETUP,
    SCREEN_STAFF_LOAD,
    SCREEN_STAFF_PRINTER,
    SCREEN_COUNT
} ScreenId;

/* Widget ids: a screen's own are 1..0xFFFF (0 is none); the router's
 * on-screen keyboard keys are KIOSK_KEY_ID(i). A screen's repeated widgets
 * (rows, tiles, cards, fields) are SCREEN_ITEMS(group) + index: the group in
 * the top 4 of the 16 bits, up to SCREEN_MAX_ITEMS of them in the low 12. */
#define SCREEN_ITEMS(group) ((uint32_t)(group) << 12)
#define SCREEN_MAX_ITEMS 4096u
#define KIOSK_KEY_BASE 0x10000u
#define KIOSK_KEY_ID(i) (KIOSK_KEY_BASE + (uint32_t)(i))
/* The idle prompt's "I'm still here". */
#define KIOSK_STILL_HERE 0x20000u

typedef struct UiScreen {
    const char *name; /* for logs and tests: "welcome", "staff_pin", ... */
    size_t state_size;
    /* Seconds without input before the screen goes back to Welcome, when that
     * is sooner than the event's idle timeout; 0: the event's. */
    int idle_s;
    /* Milliseconds on show after which the screen goes back to Welcome by
     * itself, touched or not (a message that needs no answer); 0: never. */
    int shown_ms;
    /* One of staff mode's screens: no staff gesture, no scanner. */
    bool staff;
    /* The screen shows a notice itself (Welcome, in place of its hint): the
     * router draws none over it. */
    bool own_notice;
    /* The widget Escape (and the keypad's 0) presses when it is on screen:
     * the screen's Back, Cancel or Done; 0: none (Welcome). */
    uint32_t back_id;
    /* Escape and the keypad's 0 where going back is not a widget of the
     * screen; true when done (else back_id is pressed). Optional. */
    bool (*back)(Kiosk *k, void *st, int64_t now);
    /* Where the focus starts, with spoken guidance on, when the screen shows
     * or guidance is turned on there (and is read out): the screen's first
     * step (Welcome's Check in, Is this you?'s Yes); 0: where it was. */
    uint32_t guide_id;
    /* The keypad's digits type here (the PIN pad) rather than move the
     * focus (kiosk_focus.c). */
    bool keypad_types;
    /* Allocates what the state holds (at kiosk_create); 0 or -1. Optional. */
    int (*create)(Kiosk *k, void *st);
    /* Forgets everything about the guest (and frees what create did not
     * allocate); the state is as after create. Optional: zeroed when NULL. */
    void (*reset)(Kiosk *k, void *st);
    void (*destroy)(Kiosk *k, void *st); /* optional */
    /* The screen is shown (kiosk_go). Optional. */
    void (*enter)(Kiosk *k, void *st, int64_t now);
    /* A widget of the screen was tapped (or activated from the keyboard). */
    void (*press)(Kiosk *k, void *st, uint32_t id, int64_t now);
    /* Text typed (hardware keyboard, scanner or the on-screen keyboard). Optional. */
    void (*text)(Kiosk *k, void *st, const char *utf8, int64_t now);
    /* A key; false when the screen leaves it to the router (Return then
     * activates the focused widget). Optional. */
    bool (*key)(Kiosk *k, void *st, UiKey key, int64_t now);
    /* Tab moved the focus to widget id (a field shows the keyboard). Optional. */
    void (*focus)(Kiosk *k, void *st, uint32_t id);
    /* The field typing goes to now, or NULL; the router takes a scanned code
     * back out of it. Optional. */
    UiEdit *(*field)(Kiosk *k, void *st);
    /* The router changed the field (a scan taken back out). Optional. */
    void (*edited)(Kiosk *k, void *st);
    /* A code naming another guest was scanned here (the next person in
     * line), before the visit moves to them: what the guest on this screen
     * has done is kept. Optional. */
    void (*scanned)(Kiosk *k, void *st);
    /* The scroll area with widget id id, for dragging. Optional. */
    UiScroll *(*scroll)(Kiosk *k, void *st, uint32_t id);
    /* Advances timers and animations to now; true when what is shown changed.
     * A dragged scroll area glides on by itself (the router keeps it going).
     * Optional. */
    bool (*tick)(Kiosk *k, void *st, int64_t now);
    /* When tick next has something to do, or INT64_MAX. Optional. */
    int64_t (*next_wake)(const Kiosk *k, const void *st, int64_t now);
    void (*layout)(Kiosk *k, void *st, UiView *v, int64_t now);
    /* What spoken guidance says when the screen is shown: its title and what
     * to do, in the kiosk's language, into out (kiosk_speech.c adds the
     * focused control). Optional: staff screens say "Staff only." and their
     * controls. */
    void (*speak)(Kiosk *k, void *st, char *out, size_t outlen);
} UiScreen;

extern const UiScreen screen_welcome, screen_find, screen_confirm, screen_walkin, screen_walkin_fix,
    screen_not_me, screen_interests, screen_done, screen_already, screen_help, screen_programs,
    screen_program, screen_staff_pin, screen_staff_home, screen_staff_lookup, screen_staff_guest,
    screen_staff_edit, screen_staff_setup, screen_staff_load, screen_staff_printer;

/* More scroll areas than there are, so every one can glide at once. */
#define KIOSK_GLIDES 8

/* The router's state, which every screen may read; screens change it only
 * through the kiosk_* functions, but for the interaction (in) and the
 * keyboard (kb), which the screen on show owns. */
struct Kiosk {
    KioskEnv env;
    ScreenId screen;
    int64_t screen_at; /* when the screen was shown */
    void *state[SCREEN_COUNT];
    UiLang lang, default_lang;
    bool contrast;
    UiTheme theme;
    UiView *view;
    UiInteract in;
    UiKeyboard kb;
    int tap_x, tap_y; /* the release that activated a widget */
    /* The last tap that activated a widget: a second one on that spot soon
     * after, on a screen it opened, the keyboard it showed or hid, or the
     * same check box, is the same finger's double tap. */
    struct {
        int64_t at; /* its release; 0: none */
        int x, y;
        ScreenId screen;
        uint32_t id;     /* the widget it activated */
        bool check;      /* ... a check box */
        bool kb_visible; /* the on-screen keyboard showed before it */
    } last_tap;

    /* pointer */
    bool pointer_down, dragging;
    int down_x, down_y;
    UiScroll *drag; /* the scroll area being dragged, or NULL */
    /* Scroll areas let go of while moving: each glides on while its screen
     * is shown, and picks up again when it is shown again (kiosk_tick). */
    struct {
        UiScroll *sc; /* NULL: a free slot */
        ScreenId screen;
    } glide[KIOSK_GLIDES];
    int64_t last_input;
    int64_t repeat_at; /* next repeat of a held key, 0 when none */
    bool repeated;     /* the held key repeated: its release does nothing more */
    int64_t hold_at;   /* a finger went down in the staff corner then; 0 none */

    bool swallow; /* a press that only dismissed the idle prompt: its release does nothing */

    /* a burst of typing that may be a scanner (times are the events') */
    char scan[1024]; /* a badge's QR code is a whole link */
    size_t scan_len;
    int64_t scan_last;
    UiEdit *scan_field; /* the field the burst went into, and how it was */
    UiEdit scan_saved;

    /* Keyboard and keypad navigation (kiosk_focus.c): the on-screen key
     * i + 1 holding the focus while typing still goes to the focused field
     * (0: none), and a keypad digit whose text echo is still to come. */
    int kb_focus;
    uint32_t kb_field; /* the field last given the focus from the keys */
    char kp_echo;

    /* Spoken guidance for this visit (kiosk_speech.c): on until the idle
     * reset; what is still to be said at the next frame; what was said. */
    bool speech;
    int volume; /* percent */
    bool say_screen;
    char say_more[1024]; /* said after the screen: results found, a notice */
    uint32_t said_focus; /* widget id last spoken, with its state (a key: its label) */
    bool said_prompt;

    int notice; /* UiStr, or -1 */
    int64_t notice_until;
    bool dirty, quit;
    bool restart; /* quit to start again: a new event was loaded */
};

/* The screen on show, and whether it is one of staff mode's. */
const UiScreen *kiosk_screen(const Kiosk *k);
bool kiosk_staff_mode(const Kiosk *k);
/* The state block of screen id. */
void *kiosk_state(Kiosk *k, ScreenId id);
const char *kiosk_tr(const Kiosk *k, UiStr s);
/* Shows screen s: forgets the press, the focus and any drag, then enters it. */
void kiosk_go(Kiosk *k, ScreenId s, int64_t now);
/* Forgets everything about the guest on every screen (not the visit itself). */
void kiosk_forget(Kiosk *k);
/* Back to Welcome: the visit ends (a badge still owed is asked for), the
 * language and contrast go back to the event's, everything typed is forgotten. */
void kiosk_reset(Kiosk *k, int64_t now);
/* Back to Welcome from a guest's Back button: the visit ends and what was
 * typed is forgotten; the language and contrast stay. */
void kiosk_home(Kiosk *k, int64_t now);
/* With spoken guidance on, text is said after what the frame says anyway
 * (the screen on show, the focus): a search's results, a notice. */
void kiosk_say(Kiosk *k, const char *text);
/* Spoken guidance on or off for this visit (the Accessibility button, F1,
 * the keypad's *). */
void kiosk_speech_toggle(Kiosk *k);
/* A message at the top of the screen for a few seconds (Welcome shows it in
 * place of its hint). */
void kiosk_notice(Kiosk *k, UiStr s, int64_t now);
/* Shows what a check-in came to: Interests, Already checked in, a notice for
 * an unknown code, or "Please see a staff member". */
void kiosk_checked_in(Kiosk *k, VisitOutcome o, int64_t now);
/* Something could not be saved: the guest is asked to see a staff member. */
void kiosk_help(Kiosk *k, int64_t now);
void kiosk_request_quit(Kiosk *k);
/* The kiosk ends so that the program starts it again (on a new event). */
void kiosk_request_restart(Kiosk *k);

/* ---- opening a screen with what it shows ---- */

/* Explore programs from the top of the list. */
void screen_programs_open(Kiosk *k, int64_t now);
/* Is this you?, for a result row of Find me. */
void screen_confirm_open(Kiosk *k, const SearchResult *row, int64_t now);
/* Is this you?, for a walk-in form that is a pre-registered guest: yes checks
 * that registration in, no adds the walk-in as someone else. */
void screen_confirm_walkin(Kiosk *k, const SearchResult *row, int64_t now);
/* Is this you?, for a walk-in's correction (walkin_fix.c) that is a
 * pre-registered guest: the same question, answered through
 * screen_walkin_fix_answer. */
void screen_confirm_fix(Kiosk *k, const SearchResult *row, int64_t now);
/* The walk-in form again, added as a new guest (they said "not me"). */
void screen_walkin_anyway(Kiosk *k, int64_t now);
/* "Fix my details" on Interests: the walk-in form filled with what the
 * walk-in of the visit typed, its consent box as Interests' (consent). */
void screen_walkin_fix_open(Kiosk *k, bool consent, int64_t now);
/* The answer to "Is this you?" about that form's correction: yes, the visit
 * moves to the registration with the picks on Interests; no, the correction
 * is saved as the walk-in's own. Back on Interests either way. */
void screen_walkin_fix_answer(Kiosk *k, bool is_them, int64_t now);
/* Yes, they are the registration (visit_fix_move, with the picks on
 * Interests and *consent, the form's): 0, Interests then showing the
 * registration's own picks with them and *consent as it shows it; or -1
 * when not moved (e->error marks the fields, or visit_error says why). */
int screen_interests_move(Kiosk *k, VisitGuestEdit *e, bool *consent);
/* Back on Interests from that form, with what was picked there as it was;
 * the consent box as the form left it (NULL: as it was). */
void screen_interests_back(Kiosk *k, const bool *consent, int64_t now);
/* The scanned callback of Interests and the screens it opens: the picks on
 * Interests saved before another guest's scan ends the visit. */
void screen_interests_scanned(Kiosk *k, void *st);
/* The picks on Interests saved with consent as given. */
void screen_interests_save(Kiosk *k, bool consent);
/* The scanned callback of Fix my details and of the question its Save
 * raised: the picks saved with the form's consent box (the guest's last
 * word on it, which Interests' box does not have yet). */
void screen_walkin_fix_scanned(Kiosk *k, void *st);
/* Program i's page. */
void screen_program_open(Kiosk *k, size_t i, int64_t now);
/* The staff page of one guest (found by the lookup). */
void screen_staff_guest_open(Kiosk *k, const char *guest_id, int64_t now);
/* Back to the guest's page after their details were saved. */
void screen_staff_guest_saved(Kiosk *k, int64_t now);
/* Staff's corrections of a guest's details, starting from what rec holds. */
void screen_staff_edit_open(Kiosk *k, const GuestRecord *rec, int64_t now);

/* ---- parts of screens (parts.c) ---- */

/* Program i as a reader of the kiosk's language sees it: its texts from
 * programs.csv's columns in that language where it has them. The strings are
 * the visit's: valid while the catalogue is. */
Program screen_program_view(const Kiosk *k, size_t i);

/* The width of a button with label at px, at least min_w. */
int screen_button_w(const Kiosk *k, const char *label, int px, int min_w);
/* A button at the left (id back_id labelled back, usually Back; none when
 * back_id is 0), a centred title and an optional primary button on the
 * right; returns the y below the bar. The title goes on a line of its own
 * below the buttons when it does not fit between them. */
int screen_top_bar(Kiosk *k, const char *title, uint32_t back_id, const char *back,
                   uint32_t right_id, const char *right);
/* The buttons of that bar alone; returns the room between them, which the
 * screen fills (the bar is room.y + room.h + gap tall). */
UiRect screen_bar_buttons(Kiosk *k, uint32_t back_id, const char *back, uint32_t right_id,
                          const char *right);
/* Staff mode's bar: a button at the top left (Cancel, Back), an optional one
 * at the right, both secondary, and the title centred between them, on the
 * bar's line always (cut when it does not fit); returns the y below it. */
int screen_staff_bar(Kiosk *k, const char *title, uint32_t left_id, const char *left,
                     uint32_t right_id, const char *right);
/* Back (id back_id) at the top left and a search field (field_id) for query
 * beside it, so results get the room. Returns the field's box; *text_x (when
 * not NULL) gets where its text starts, for a tap's caret. */
UiRect screen_search_bar(Kiosk *k, uint32_t back_id, uint32_t field_id, const UiEdit *query,
                         const char *placeholder, int *text_x);
/* The on-screen keyboard at the bottom when it is shown; returns its top (the
 * window's height when hidden). */
int screen_keyboard(Kiosk *k);
/* Focuses a text field: the keyboard shows with the page and shift given. */
void screen_focus_field(Kiosk *k, uint32_t id, UiEdit *e, UiKbPage page, bool shift);
/* A field e was tapped (and focused, the caret at the end): a tap on its text
 * itself puts the caret there; one on its caption leaves it at the end. box
 * and text_x are what ui_field reported when it was laid out. */
void screen_field_tapped(Kiosk *k, UiEdit *e, UiRect box, int text_x);
/* Done, Already checked in and "Please see a staff member": a round mark, a
 * big line, a smaller one, an optional status line and a button, with another
 * left of it when other is not NULL. */
typedef enum ScreenMark {
    SCREEN_MARK_TICK, /* all is well */
    SCREEN_MARK_ALERT /* an exclamation mark: someone must help */
} ScreenMark;
typedef struct ScreenMessage {
    ScreenMark mark;
    UiColor mark_colour; /* the disc's */
    const char *big, *small;
    /* The big line's size range, fitted to the width; 0, 0: px_title up to a
     * fifth over px_huge. */
    int big_min_px, big_max_px;
    /* The room the small line is given: 0 as much as it needs, one line or
     * two; else that many lines. */
    int small_lines;
    const char *status; /* may be NULL */
    UiColor status_colour;
    const char *button;
    uint32_t button_id;
    const char *other; /* a secondary button left of it, or NULL */
    uint32_t other_id;
} ScreenMessage;
void screen_message(Kiosk *k, const ScreenMessage *m);
/* The staff screen's charts in r (staff_charts.c): arrivals per 15 minutes
 * and interest per program, side by side in landscape, stacked in portrait. */
void screen_charts(Kiosk *k, const Dashboard *d, UiRect r);

#endif
