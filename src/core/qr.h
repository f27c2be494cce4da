/* qr.h — a QR code as a grid of modules (libqrencode), and its scale.
 *
 * Error correction is level M (15% of the code may be damaged or covered), so a
 * creased or scuffed badge still scans. Drawing leaves a quiet zone of at least
 * QR_QUIET modules and uses a whole number of pixels per module, so every
 * module prints as the same number of dots. */
#ifndef LANYARD_QR_H
#define LANYARD_QR_H

#include <stddef.h>

#define QR_QUIET 4

typedef struct QrCode {
    int size;            /* modules per side, quiet zone not included */
    unsigned char *dark; /* size*size cells, row-major, 1 = dark */
} QrCode;

/* Encodes text (UTF-8, byte mode). 0, or -1 with err filled (too long, no memory). */
int qr_encode(const char *text, QrCode *out, char *err, size_t errlen);
void qr_free(QrCode *qr);

/* Pixels per module for a code of `modules` modules drawn with its quiet zone in a
 * square of side pixels; 0 when it does not fit at one pixel per module. */
int qr_scale(int modules, int side);

#endif
