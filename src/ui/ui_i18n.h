/* ui_i18n.h — every string a guest sees, in English and Spanish.
 *
 * One table (ui_i18n.c) holds each string in every language, so adding a
 * language is adding a column there and a UiLang here. The English texts are the
 * labels SPEC §8 lists; scripts and tests press and expect them. */
#ifndef LANYARD_UI_I18N_H
#define LANYARD_UI_I18N_H

typedef enum UiLang { UI_LANG_EN = 0, UI_LANG_ES, UI_LANG_COUNT } UiLang;

typedef enum UiStr {
    S_CHECK_IN,
    S_NEW_HERE,
    S_EXPLORE,
    S_OTHER_LANGUAGE, /* the switch shows the language you get: "Español" / "English" */
    S_CONTRAST,
    S_WELCOME_HINT,
    S_BACK,
    S_FIND_TITLE,
    S_FIND_PLACEHOLDER,
    S_FIND_MORE,
    S_FIND_NONE,
    S_FIND_SHOW_MORE, /* one %zu: how many more matches */
    S_CONFIRM_TITLE,
    S_YES,
    S_NO,
    S_WALKIN_TITLE,
    S_FIRST,
    S_LAST,
    S_COMPANY,
    S_JOB,
    S_EMAIL,
    S_PHONE,
    S_CONSENT,
    S_NEXT,
    S_ERR_FIRST,
    S_ERR_LAST,
    S_ERR_EMAIL,
    S_ERR_PHONE,
    S_OPTIONAL,
    S_INTERESTS_TITLE,
    S_INTERESTS_TITLE_FMT, /* one %s: the guest's first name */
    S_MORE_BELOW,
    S_INTERESTS_PROGRAMS,
    S_INTERESTS_KINDS,
    S_CONTINUE,
    S_KIND_INTERNS,
    S_KIND_SHADOWING,
    S_KIND_SPEAKING,
    S_KIND_ADVISORY,
    S_KIND_MENTORING,
    S_KIND_EQUIPMENT,
    S_KIND_SPONSORSHIP,
    S_KIND_HIRING,
    S_DONE_FMT, /* one %s: first name */
    S_DONE_SUB,
    S_DONE_OK,
    S_BADGE_PRINTING,
    S_BADGE_PRINTED,
    S_BADGE_FAILED,
    S_BADGE_PAUSED, /* the printer is stopped: the badge waits for staff */
    S_ALREADY,
    S_ALREADY_SUB_FMT, /* one %s: first name */
    S_OK,
    S_STAFF_TITLE,
    S_STAFF_SUB,
    S_SCAN_UNKNOWN,      /* on Welcome, where Check in is */
    S_SCAN_UNKNOWN_HERE, /* elsewhere: no Check in to point at */
    S_PROGRAMS_TITLE,
    S_PROGRAMS_EMPTY,
    S_KEY_SPACE,
    S_KEY_HIDE,
    S_KEY_ENTER,
    S_KEY_SHIFT,
    S_KEY_DELETE,
    S_KEY_NUMBERS,
    S_KEY_LETTERS,
    S_KEY_ACCENTS,
    S_KEY_MORE_LETTERS,
    /* staff mode (ui_staff.c) */
    S_PIN_TITLE,
    S_PIN_HINT,
    S_PIN_WRONG,
    S_PIN_TRIES_FMT, /* one %d: tries left before the lock-out */
    S_PIN_TRIES_ONE,
    S_PIN_WAIT,
    S_PIN_LOCKED,
    S_PIN_TRY_IN_FMT, /* one %s: time left, m:ss */
    S_PIN_NONE,
    S_PIN_NONE_CMD,
    S_PIN_NONE_DEMO,
    S_PIN_NONE_KIOSK,
    S_PIN_ERROR,
    S_CANCEL,
    S_STAFF_HEADING,
    S_EXIT_KIOSK,
    S_STAFF_CHECKED_IN,
    S_STAFF_EXPECTED_FMT, /* one %zu: pre-registered guests */
    S_STAFF_WALKINS,
    S_STAFF_WALKINS_SUB, /* one %zu: everyone checked in, walk-ins too */
    S_STAFF_BADGES,
    S_STAFF_PRINT_OFF,
    S_STAFF_PRINT_PNG,
    S_STAFF_PRINT_FMT,        /* two %zu: waiting, failed */
    S_STAFF_PRINT_PAUSED_FMT, /* one %s: why the printer is stopped */
    S_STAFF_IMPORT_FMT,
    S_STAFF_SAVE_FAULT_FMT,
    /* one %s: what failed and why */ /* one %s: the file, line and problem */
    S_EXPORT_USB,
    S_EXPORT_DONE,
    S_EXPORT_NO_USB,
    S_EXPORT_READ_ONLY,
    S_FAULT_GUEST, /* the kiosk's database cannot be used (app_fault.c) */
    S_FAULT_STAFF,
    S_FAULT_RETRY,
    S_EXPORT_FAILED,
    S_EXPORT_COPYING, /* the export under way (on its own thread) */
    S_STAFF_FIND,     /* staff guest lookup (SPEC §5) */
    S_STAFF_FIND_HINT,
    S_STAFF_FIND_NONE,
    S_STAFF_FIND_MORE_FMT, /* one %zu: matches not shown */
    S_STAFF_WALKIN,
    S_STAFF_PREREG,
    S_STAFF_CHECKED_AT_FMT, /* one %s: local time */
    S_STAFF_NOT_CHECKED,
    S_STAFF_BADGE_YES,
    S_STAFF_BADGE_NO,
    S_STAFF_BADGE_SAVED,
    S_STAFF_CODE_FMT, /* one %s: registration code */
    S_STAFF_UNDO,
    S_STAFF_UNDO_ASK_FMT, /* one %s: the guest's name */
    S_STAFF_UNDO_YES,
    S_STAFF_UNDONE,
    S_STAFF_REPRINT,
    S_STAFF_REPRINTED,
    S_STAFF_NO_PRINTING,
    S_STAFF_FIND_MANY,
    S_STAFF_CODE_LABEL,
    S_STAFF_KIND_LABEL,
    S_STAFF_BADGE_LABEL,
    S_STAFF_TEST_BADGE,
    S_STAFF_TEST_PNG,
    S_STAFF_TEST_SENT_FMT, /* %s the printer, %d the job */
    S_STAFF_TEST_FAILED,
    S_STAFF_TEST_SENDING,
    S_STAFF_ARRIVALS,
    S_STAFF_INTEREST,
    S_STAFF_NO_ARRIVALS,
    S_STAFF_NO_INTEREST,
    S_STAFF_NOW,
    S_STAFF_AGO_MIN_FMT, /* one %d: minutes */
    S_STAFF_AGO_H_FMT,   /* %d hours, %02d minutes */
    S_STAFF_CHECKIN_LABEL,
    S_STAFF_SYNC_FMT,              /* two %s: HH:MM, folder */
    S_STAFF_SYNC_WAITING_FMT,      /* one %s: folder */
    S_STAFF_SYNC_FAILED_FMT,       /* one %s: the error */
    S_STAFF_SYNC_FAILED_SINCE_FMT, /* two %s: HH:MM of the last copy, the error */
    /* a program's page (ui_programs.c) */
    S_INTERESTED,
    S_PROG_GRADES,
    S_PROG_CERTS,
    S_PROG_NEEDS,
    S_PROG_CONTACT,
    S_PROG_SCAN,
    /* the idle prompt (kiosk.c) */
    S_STILL_THERE,
    S_STILL_THERE_FMT, /* one %d: seconds left */
    S_STILL_HERE,
    S_STILL_UNSAVED, /* on Interests: the picks are not saved yet */
    /* spoken guidance (kiosk_speech.c and each screen's speak) */
    S_SPEECH,
    S_SAY_ON,
    S_SAY_OFF,
    S_SAY_WELCOME_FMT, /* the event's name */
    S_SAY_FIND,
    S_SAY_RESULTS_FMT, /* how many rows, then the rows follow */
    S_SAY_RESULT_ONE,
    S_SAY_CONFIRM,
    S_SAY_WALKIN,
    S_SAY_INTERESTS,
    S_SAY_INTERESTS_NO_PRINT, /* the same when no badge prints now (made before) */
    S_SAY_PROGRAMS,
    S_SAY_STAFF,
    S_SAY_BUTTON,
    S_SAY_CHECKBOX,
    S_SAY_FIELD,
    S_SAY_ROW,
    S_SAY_KEY,
    S_SAY_MARK_GRAVE, /* the keyboard's tone marks, said by name */
    S_SAY_MARK_ACUTE,
    S_SAY_MARK_TILDE,
    S_SAY_MARK_HOOK,
    S_SAY_MARK_DOT,
    S_SAY_SELECTED,
    S_SAY_NOT_SELECTED,
    S_SAY_EMPTY,
    S_SAY_VOLUME_FMT, /* percent */
    S_FIND_SHOW_ALL,  /* one %zu: how many matches */
    S_FIND_TYPE_MORE, /* more than the rows shown match */
    S_NOT_YOU,
    S_CONTINUE_PRINTS,
    S_EXIT_ASK,
    S_EXIT_YES,
    S_BADGE_SAVED,
    S_ERR_PHONE_SHORT,
    S_NO_NEW, /* "Is this you?" after the walk-in form: no, add me */
    S_STAFF_EDIT,
    S_STAFF_EDIT_TITLE,
    S_SAVE,
    S_STAFF_SAVED,
    S_STAFF_CHECK_IN,
    S_STAFF_CHECKED_NOW,
    S_STAFF_PROGRAMS_LABEL,
    S_STAFF_KINDS_LABEL,
    S_STAFF_CONSENT_LABEL,
    S_STAFF_CONSENT_YES,
    S_STAFF_CONSENT_NO,
    /* staff mode's set-up: About this kiosk, Load event from USB */
    S_STAFF_SETUP,
    S_LOAD_EVENT,
    S_ABOUT,
    S_ABOUT_VERSION_FMT, /* one %s */
    S_ABOUT_ID_FMT,      /* one %s */
    S_ABOUT_DB_FMT,      /* one %s: a path */
    S_ABOUT_FREE_FMT,    /* two %s: free, size ("1.2 GB") */
    S_ABOUT_EVENT_FMT,   /* one %s: a path */
    S_ABOUT_NO_EVENT,
    S_LOAD_NO_USB,
    S_LOAD_NONE,
    S_LOAD_READING, /* the stick being read (on its own thread) */
    S_TRY_AGAIN,
    S_LOAD_PICK,
    S_LOAD_STICK_TOP,
    S_LOAD_COUNTS_FMT, /* two %zu: guests, programs */
    S_LOAD_FILES_FMT,  /* one %s: the files */
    S_LOAD_ERRORS,
    S_LOAD_MORE_ERRORS_FMT, /* one %zu */
    S_LOAD_NOTES,           /* above the rows a list leaves out and its encoding */
    S_LOAD_GO,
    S_LOAD_KEEPS,
    S_LOAD_NEW_ASK,
    S_LOAD_NEW_FMT, /* one %s: the old database's new name */
    S_LOAD_NEW_YES,
    S_LOAD_FAILED,
    S_LOAD_NO_DATE,
    /* staff mode's Printer */
    S_PRINTER,
    S_PRINTER_USING_FMT, /* one %s: the queue */
    S_PRINTER_PNG,
    S_PRINTER_LOOKING,
    S_PRINTER_QUEUES,
    S_PRINTER_DEVICES,
    S_PRINTER_NONE,
    S_PRINTER_IN_USE,
    S_PRINTER_DRIVER_FMT,    /* one %s: the driver */
    S_PRINTER_NO_DRIVER_FMT, /* one %s: the printer's model */
    S_PRINTER_NOT_LABEL,
    S_PRINTER_ADD,
    S_PRINTER_ADDING,
    S_PRINTER_USE,
    S_PRINTER_AGAIN,
    S_PRINTER_STOPPED_FMT, /* one %s: why, as CUPS says it */
    S_PRINTER_STOPPED,
    S_PRINTER_REJECTING,
    S_PRINTER_RESUME,
    S_PRINTER_RESUMING,
    S_PRINTER_RESUMED,
    S_FIND_KEEP_TYPING, /* no match yet, and the name may be only begun */
    S_PIN_CHECKING,
    S_PIN_WEAK, /* the PIN that let staff in should be set again */
    /* a walk-in correcting what they typed, from Interests (walkin_fix.c) */
    S_FIX_DETAILS,
    S_FIX_TITLE,
    S_SAY_FIX,
    S_SAY_INTERESTS_FIX,
    S_STILL_UNSAVED_FIX, /* the idle prompt on that form: the corrections are not saved yet */
    /* "Not you?" asks before it undoes the check-in (not_me.c) */
    S_NOT_ME_TITLE_FMT,
    S_NOT_ME_TITLE,
    S_NOT_ME_SUB,
    S_NOT_ME_YES,
    S_NOT_ME_NO,
    S_BADGE_EARLIER, /* Done, no badge now: it was made when they checked in before */
    S_COUNT
} UiStr;

const char *ui_tr(UiLang lang, UiStr s);
/* The translated label of a partnership kind key ("interns"), or the key. */
const char *ui_tr_kind(UiLang lang, const char *key);
/* "en" / "es" to a UiLang; UI_LANG_EN when unknown. */
UiLang ui_lang_from_code(const char *code);
/* The language's code ("en", "es"), as core/lang.h and programs.csv name it. */
const char *ui_lang_code(UiLang lang);

#endif
