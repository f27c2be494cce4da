/* usb_media.h — where a USB stick is mounted, for staff's Export to USB: the
 * media port (visit/ports.h) of the kiosk.
 *
 * Desktops mount sticks at /media/USER/LABEL (Debian, Raspberry Pi OS) or
 * /run/media/USER/LABEL (Fedora); usbmount, udisks2 and fstab setups at
 * /media/NAME. An override (LANYARD_USB_DIR: tests, or a stick always mounted
 * at one place) wins. */
#ifndef LANYARD_USB_MEDIA_H
#define LANYARD_USB_MEDIA_H

#include <stddef.h>

#include "visit/ports.h"

/* The mounted stick: override when given (and a folder), else the first
 * writable mount point under /media/ or /run/media/ in mounts_path (normally
 * /proc/self/mounts), or a read-only one when none is writable. 0 with out
 * filled, 1 with out filled when it cannot be written (write-protected), -1
 * when there is none. */
int usb_media_find(const char *override, const char *mounts_path, char *out, size_t outlen);

/* The media port over usb_media_find: the override is read from
 * LANYARD_USB_DIR once, here, and kept in state (which must outlive the port). */
typedef struct UsbMedia {
    char override[1024];
} UsbMedia;

MediaPort usb_media_port(UsbMedia *state);

#endif
