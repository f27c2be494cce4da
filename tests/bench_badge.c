/* bench_badge.c — speed of badge rendering (SPEC §9), printed as
 * "NAME VALUE UNIT budget BUDGET ok|OVER" for scripts/bench:
 *   badge_render_p99  p99 time to render a 4x3 in badge at 300 dpi, QR code
 *                     included, for a mix of names (short, long, accented, CJK,
 *                     Arabic) and QR links, with a warm font cache as in the
 *                     print worker.
 * Also prints, on stderr, the median time to encode the badge as PNG and PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "badge/badge_render.h"
#include "core/event_config.h"
#include "platform/font.h"

#define RUNS 300

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static const BadgeContent GUESTS[] = {
        {"Fall CTE Partner Meet & Greet", "Ana", "García", "Acme Welding & Fabrication",
         ROLE_INDUSTRY_PARTNER,
         "https://cte.example.org/partners?programs=WELD,AUTO,IT-NET&guest=2713624642"},
        {"Fall CTE Partner Meet & Greet", "Maximiliano Alejandro", "Fernández-Oyarzún",
         "Southwest Regional Construction Trades Apprenticeship Council", ROLE_EDUCATOR,
         "https://cte.example.org/partners?programs=CONS,HVAC,ELEC,PLMB,WELD&guest=W-7K3M-Q9XD"},
        {"Fall CTE Partner Meet & Greet", "王小明", "欧阳", "深圳市科技有限公司", ROLE_STAFF,
         "https://cte.example.org/programs?guest=W-2P8R-H4TC"},
        {"Fall CTE Partner Meet & Greet", "محمد", "عبد الرحمن", "شركة الخليج للتقنية", ROLE_STUDENT,
         "https://cte.example.org/partners?programs=HLTH&guest=A%26B%2F%C3%BC%201"},
    };
    const size_t NGUESTS = sizeof GUESTS / sizeof GUESTS[0];
    char err[512];
    FontSet *fonts = font_set_create(LANYARD_ASSET_DIR, err, sizeof err);
    if (!fonts) {
        fprintf(stderr, "bench_badge: %s\n", err);
        return 1;
    }
    EventConfig cfg;
    config_defaults(&cfg);
    BadgeSpec spec;
    badge_spec_from_config(&cfg, &spec);
    spec.dpi = 300;

    /* Warm up: the worker's FontSet has seen names before the first guest. */
    for (size_t i = 0; i < NGUESTS; i++) {
        BadgeImage *s = badge_render(fonts, &spec, &GUESTS[i], NULL, err, sizeof err);
        if (!s) {
            fprintf(stderr, "bench_badge: %s\n", err);
            font_set_destroy(fonts);
            return 1;
        }
        badge_image_free(s);
    }
    double times[RUNS], pdf_times[RUNS / 10];
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        BadgeImage *s = badge_render(fonts, &spec, &GUESTS[i % NGUESTS], NULL, err, sizeof err);
        times[i] = now_ms() - t0;
        if (!s) {
            fprintf(stderr, "bench_badge: %s\n", err);
            font_set_destroy(fonts);
            return 1;
        }
        if (i % 10 == 0) {
            unsigned char *pdf;
            size_t len;
            t0 = now_ms();
            int rc =
                badge_pdf_memory(s, spec.w_mm, spec.h_mm, "bench", &pdf, &len, err, sizeof err);
            pdf_times[i / 10] = now_ms() - t0;
            if (rc == 0)
                free(pdf);
        }
        badge_image_free(s);
    }
    qsort(times, RUNS, sizeof times[0], cmp_double);
    qsort(pdf_times, RUNS / 10, sizeof pdf_times[0], cmp_double);
    double p99 = times[(int)(RUNS * 0.99) - 1];
    fprintf(stderr, "bench_badge: render median %.1f ms; PDF encoding median %.1f ms\n",
            times[RUNS / 2], pdf_times[RUNS / 20]);
    printf("badge_render_p99 %.3f ms budget 30 %s\n", p99, p99 <= 30 ? "ok" : "OVER");
    font_set_destroy(fonts);
    return 0;
}
