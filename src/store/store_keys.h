/* store_keys.h — the keys of the settings table (store_setting_get/set), all
 * in one place: what a kiosk remembers between starts besides its records. */
#ifndef LANYARD_STORE_KEYS_H
#define LANYARD_STORE_KEYS_H

/* The event folder the database was last run with, so `lanyard badge` and
 * `print` use that event's badge settings without being told. */
#define KEY_EVENT_DIR "event.dir"

/* The event whose records the database holds (store_event_get/set): the
 * name and date of event.ini the kiosk ran it with ("" date: none given). */
#define KEY_EVENT_NAME "event.name"
#define KEY_EVENT_DATE "event.date"

/* The staff PIN's lock-out (core/lockout.h): wrong PINs in a row, and when
 * the lock-out ends: ms UTC, and on the monotonic clock of the boot named. */
#define KEY_PIN_FAILURES "staff.pin.failures"
#define KEY_PIN_LOCKED_UNTIL "staff.pin.locked_until"
#define KEY_PIN_LOCKED_UNTIL_MONO "staff.pin.locked_until_mono"
#define KEY_PIN_LOCK_BOOT "staff.pin.lock_boot"

/* Per event file (programs.csv, guests.csv): why its last import failed ("" once
 * one works), and the size and hash of the content last imported. Formats
 * taking the file's name. */
#define KEY_IMPORT_ERROR_FMT "import.%s.error"
#define KEY_IMPORT_FINGERPRINT_FMT "import.%s.fingerprint"
/* What the last start's reading of event.ini found, for staff ("" none). */
#define KEY_CONFIG_NOTES "config.notes"

#endif
