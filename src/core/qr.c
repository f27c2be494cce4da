/* qr.c — QR encoding through libqrencode. */
#include "core/qr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

int qr_encode(const char *text, QrCode *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    /* Byte mode and case-sensitive: URLs are mixed case and may hold any UTF-8. */
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code) {
        snprintf(err, errlen, "cannot make a QR code of a %zu-byte link: %s", strlen(text),
                 errno == ERANGE ? "too long for a QR code" : strerror(errno));
        return -1;
    }
    size_t n = (size_t)code->width * (size_t)code->width;
    out->dark = malloc(n);
    if (!out->dark) {
        QRcode_free(code);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        out->dark[i] = code->data[i] & 1; /* bit 0 is the module colour */
    out->size = code->width;
    QRcode_free(code);
    return 0;
}

void qr_free(QrCode *qr)
{
    free(qr->dark);
    qr->dark = NULL;
    qr->size = 0;
}

int qr_scale(int modules, int side)
{
    if (modules <= 0)
        return 0;
    return side / (modules + 2 * QR_QUIET);
}
