/* contrast.c — WCAG contrast ratios. See contrast.h. */
#include "core/contrast.h"

#include <math.h>

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double contrast_luminance(Rgb c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgb a, Rgb b)
{
    double la = contrast_luminance(a), lb = contrast_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static uint8_t towards(uint8_t v, uint8_t to, int t)
{
    return (uint8_t)((v * (255 - t) + to * t + 127) / 255);
}

Rgb contrast_reach(Rgb fg, Rgb bg, double ratio)
{
    if (contrast_ratio(fg, bg) >= ratio)
        return fg;
    uint8_t to = contrast_luminance(bg) > 0.18 ? 0 : 255;
    Rgb c = fg;
    for (int t = 1; t <= 255; t++) {
        c.r = towards(fg.r, to, t);
        c.g = towards(fg.g, to, t);
        c.b = towards(fg.b, to, t);
        if (contrast_ratio(c, bg) >= ratio)
            break;
    }
    return c;
}
