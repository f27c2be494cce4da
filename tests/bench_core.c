/* bench_core.c — speed of the kiosk's search (SPEC §9), printed as
 * "NAME VALUE UNIT budget BUDGET ok|OVER" for scripts/bench:
 *   search_p99_100k  p99 time of one "Find me" query over 100,000 guests, for
 *                    names and companies typed letter by letter (from the second
 *                    letter on, as the kiosk searches), with and without accents.
 * Also prints, on stderr, the build and commit time of the index for context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/guest.h"
#include "core/search.h"
#include "core/text.h"
#include "gen_guests.h"

#define GUESTS 100000
#define TYPED 3000 /* names typed, each letter by letter */

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

static void report(const char *name, double value, const char *unit, double budget)
{
    printf("%s %.3f %s budget %g %s\n", name, value, unit, budget, value <= budget ? "ok" : "OVER");
}

/* What a guest types to find themselves: their name, in either order, or their
 * company and first name; half the time without the accents. */
static void typed_text(const Guest *g, GenRng *r, char *out, size_t cap)
{
    switch (gen_rng_below(r, 4)) {
    case 0:
        snprintf(out, cap, "%s %s", g->last, g->first);
        break;
    case 1:
        snprintf(out, cap, "%s %s", g->company, g->first);
        break;
    default:
        snprintf(out, cap, "%s %s", g->first, g->last);
        break;
    }
    if (gen_rng_below(r, 2)) {
        char *plain = search_fold(out);
        if (plain) {
            snprintf(out, cap, "%s", plain);
            free(plain);
        }
    }
}

int main(void)
{
    SearchIndex *ix = search_create();
    Guest *typed = calloc(TYPED, sizeof *typed);
    if (!ix || !typed) {
        fprintf(stderr, "bench_core: out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < TYPED; k++)
        guest_init(&typed[k]);
    GenRng rng;
    gen_rng_seed(&rng, 20260820);
    double t0 = now_ms();
    for (size_t i = 0; i < GUESTS; i++) {
        Guest g;
        guest_init(&g);
        if (gen_guest(&g, i, &rng) != 0 || search_add(ix, &g) != 0) {
            fprintf(stderr, "bench_core: out of memory\n");
            return 1;
        }
        /* Keep every 33rd guest as someone who will come to the kiosk. */
        if (i % (GUESTS / TYPED) == 0 && i / (GUESTS / TYPED) < TYPED &&
            guest_copy(&typed[i / (GUESTS / TYPED)], &g) != 0) {
            fprintf(stderr, "bench_core: out of memory\n");
            return 1;
        }
        guest_clear(&g);
    }
    double t1 = now_ms();
    search_commit(ix);
    double t2 = now_ms();
    fprintf(stderr, "bench_core: index of %d guests built in %.0f ms, committed in %.0f ms\n",
            GUESTS, t1 - t0, t2 - t1);

    size_t cap = TYPED * 64, n = 0;
    double *times = malloc(cap * sizeof *times);
    if (!times) {
        fprintf(stderr, "bench_core: out of memory\n");
        return 1;
    }
    size_t found = 0;
    for (size_t k = 0; k < TYPED; k++) {
        char text[256];
        typed_text(&typed[k], &rng, text, sizeof text);
        size_t len = strlen(text);
        for (size_t cut = 2; cut <= len && n < cap; cut++) {
            char q[256];
            memcpy(q, text, cut);
            q[cut] = '\0';
            if (!text_is_utf8(q, cut))
                continue; /* half a character: no keyboard sends that */
            SearchResult res[SEARCH_MAX_RESULTS];
            double a = now_ms();
            size_t got = search_query(ix, q, res);
            double b = now_ms();
            times[n++] = b - a;
            if (cut == len)
                found += got > 0;
        }
        guest_clear(&typed[k]);
    }
    qsort(times, n, sizeof *times, cmp_double);
    fprintf(stderr, "bench_core: %zu queries, median %.4f ms, max %.4f ms; %zu of %d names found\n",
            n, times[n / 2], times[n - 1], found, TYPED);
    report("search_p99_100k", times[n * 99 / 100], "ms", 2);
    free(times);
    free(typed);
    search_destroy(ix);
    return 0;
}
