/* visit_dashboard.c — the figures of the staff screen (SPEC §5): checked in
 * and expected, walk-ins, the printer and the sync folder, import problems,
 * arrivals per 15 minutes and interest per program. See visit_staff.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/store_keys.h"
#include "visit/visit_internal.h"

static const char *const EVENT_FILES[VISIT_EVENT_FILES] = {"programs.csv", "guests.csv"};

typedef struct ArrivalScan {
    int64_t now;
    size_t raw[VISIT_MAX_BUCKETS]; /* [0] the last 15 minutes, going back */
    size_t oldest;                 /* the oldest bucket with an arrival */
} ArrivalScan;

static int count_arrival(int64_t at, void *ud)
{
    ArrivalScan *a = ud;
    int64_t ago = a->now - at;
    size_t b = ago <= 0 ? 0 : (size_t)(ago / VISIT_BUCKET_MS);
    if (b >= VISIT_MAX_BUCKETS)
        b = VISIT_MAX_BUCKETS - 1;
    a->raw[b]++;
    if (b > a->oldest)
        a->oldest = b;
    return 0;
}

/* The interest chart being counted: d->prog[i] is v->programs.items[i]. */
typedef struct InterestScan {
    const ProgramList *programs;
    Dashboard *d;
} InterestScan;

static int count_interest(const char *code, size_t n, void *ud)
{
    InterestScan *in = ud;
    for (size_t i = 0; i < in->d->nprog; i++) {
        if (!strcmp(in->programs->items[i].code, code)) {
            in->d->prog[i].n = n;
            return 0;
        }
    }
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const ProgramCount *x = a, *y = b;
    return x->n != y->n ? (x->n < y->n ? 1 : -1) : 0;
}

/* The most wanted first; among equals, catalogue order (qsort is not stable,
 * so ties are broken by the index they had). */
static void sort_programs(Dashboard *d)
{
    for (size_t i = 0; i < d->nprog; i++)
        d->prog[i].n = d->prog[i].n * VISIT_CHART_PROGRAMS + (VISIT_CHART_PROGRAMS - 1 - i);
    qsort(d->prog, d->nprog, sizeof d->prog[0], by_count);
    for (size_t i = 0; i < d->nprog; i++)
        d->prog[i].n /= VISIT_CHART_PROGRAMS;
}

/* Arrivals per 15 minutes up to now, and interest per visible program. */
static void read_charts(Visit *v, Dashboard *d, int64_t now)
{
    Store *s = v->env.store;
    ArrivalScan a;
    memset(&a, 0, sizeof a);
    a.now = now;
    d->nbuckets = 0;
    const ProgramList *pl = &v->programs;
    d->nprog = pl->count < VISIT_CHART_PROGRAMS ? pl->count : VISIT_CHART_PROGRAMS;
    for (size_t i = 0; i < d->nprog; i++) {
        ProgramCount *p = &d->prog[i];
        text_copy(p->code, sizeof p->code, pl->items[i].code);
        text_copy(p->name, sizeof p->name, pl->items[i].name);
        p->n = 0;
    }
    InterestScan in = {pl, d};
    d->charts_ok = store_each_checkin_time(s, count_arrival, &a) == STORE_OK &&
                   store_each_interest_count(s, count_interest, &in) == STORE_OK;
    if (!d->charts_ok) {
        d->nprog = 0;
        visit_store_failed(v, "staff charts");
        return;
    }
    sort_programs(d);
    size_t nb = a.oldest + 1 < VISIT_MIN_BUCKETS ? VISIT_MIN_BUCKETS : a.oldest + 1;
    d->nbuckets = nb;
    for (size_t i = 0; i < nb; i++)
        d->arrivals[i] = a.raw[nb - 1 - i];
}

void visit_dashboard(Visit *v, Dashboard *d)
{
    Store *s = v->env.store;
    memset(d, 0, sizeof *d);
    d->stats_ok = store_stats(s, &d->stats) == STORE_OK;
    if (!d->stats_ok)
        text_copy(d->stats_err, sizeof d->stats_err, store_errmsg(s));
    d->have_printer = v->env.printer.status != NULL;
    if (d->have_printer)
        v->env.printer.status(v->env.printer.ud, &d->printer);
    d->have_sync = v->env.sync.status != NULL;
    if (d->have_sync)
        v->env.sync.status(v->env.sync.ud, &d->sync);
    for (size_t i = 0; i < VISIT_EVENT_FILES; i++) {
        char key[64], *val = NULL;
        snprintf(key, sizeof key, KEY_IMPORT_ERROR_FMT, EVENT_FILES[i]);
        if (store_setting_get(s, key, &val) == STORE_OK && val)
            text_copy(d->import_err[i], sizeof d->import_err[i], val);
        free(val);
    }
    char *notes = NULL;
    if (store_setting_get(s, KEY_CONFIG_NOTES, &notes) == STORE_OK && notes) {
        text_copy(d->config_notes, sizeof d->config_notes, notes);
        d->config_errors = strstr(notes, ": error: ") != NULL;
    }
    free(notes);
    text_copy(d->save_fault, sizeof d->save_fault, v->save_fault);
    read_charts(v, d, visit_now(v));
}
