/* timefmt.c — int64 milliseconds UTC to and from ISO 8601 text.
 *
 * UTC conversion is done with civil-calendar arithmetic rather than timegm/gmtime,
 * so it neither depends on TZ nor on non-standard libc functions. Only
 * time_format_local consults the time zone, and only time_now_ms reads a clock. */
#include "core/timefmt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t time_now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void time_boot_id(char *out, size_t len)
{
    if (!len)
        return;
    out[0] = '\0';
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
    if (!f)
        return;
    if (!fgets(out, (int)len, f))
        out[0] = '\0';
    out[strcspn(out, "\r\n")] = '\0';
    fclose(f);
}

int64_t time_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Floor division, so times before 1970 still split into a day and a time of day. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

void time_format_utc(int64_t ms, char out[32])
{
    /* Clamp to years 0000..9999 so the text keeps its fixed width and sort order. */
    const int64_t MIN_MS = -62167219200000; /* 0000-01-01T00:00:00.000Z */
    const int64_t MAX_MS = 253402300799999; /* 9999-12-31T23:59:59.999Z */
    if (ms < MIN_MS)
        ms = MIN_MS;
    if (ms > MAX_MS)
        ms = MAX_MS;
    int64_t days = floor_div(ms, 86400000);
    int64_t rem = ms - days * 86400000;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[96];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)y, m, d,
             (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
             (int)(rem % 1000));
    memcpy(out, buf, 24);
    out[24] = '\0';
}

/* Reads exactly n decimal digits. */
static bool read_digits(const char **p, int n, int *val)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *val = v;
    return true;
}

static bool expect_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return (m == 2 && leap) ? 29 : DAYS[m - 1];
}

bool time_parse_utc(const char *s, int64_t *ms)
{
    if (!s)
        return false;
    const char *p = s;
    int y, mo, d, hh, mi, ss, frac = 0;
    if (!read_digits(&p, 4, &y) || !expect_char(&p, '-') || !read_digits(&p, 2, &mo) ||
        !expect_char(&p, '-') || !read_digits(&p, 2, &d) || !expect_char(&p, 'T') ||
        !read_digits(&p, 2, &hh) || !expect_char(&p, ':') || !read_digits(&p, 2, &mi) ||
        !expect_char(&p, ':') || !read_digits(&p, 2, &ss))
        return false;
    /* Milliseconds are what we write; a value without them is still unambiguous. */
    if (*p == '.' && (++p, !read_digits(&p, 3, &frac)))
        return false;
    if (!expect_char(&p, 'Z') || *p != '\0')
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || hh > 23 || mi > 59 || ss > 59)
        return false;
    int64_t days = days_from_civil(y, mo, d);
    *ms = ((days * 24 + hh) * 60 + mi) * 60000 + (int64_t)ss * 1000 + frac;
    return true;
}

void time_format_local(int64_t ms, char out[32])
{
    time_t t = (time_t)floor_div(ms, 1000);
    struct tm tm;
    if (!localtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
        /* Only for times the C library cannot represent: fall back to UTC text. */
        char utc[32];
        time_format_utc(ms, utc);
        utc[10] = ' ';
        utc[19] = '\0';
        memcpy(out, utc, 20);
    }
}

void time_format_local_hm(int64_t ms, char out[32])
{
    char local[32];
    time_format_local(ms, local);
    /* "YYYY-MM-DD HH:MM:SS" */
    memcpy(out, local + 11, 5);
    out[5] = '\0';
}

bool time_parse_date(const char *s, int *y, int *m, int *d)
{
    const char *p = s;
    int year, month, day;
    if (!read_digits(&p, 4, &year) || !expect_char(&p, '-') || !read_digits(&p, 2, &month) ||
        !expect_char(&p, '-') || !read_digits(&p, 2, &day) || *p != '\0')
        return false;
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return false;
    if (y)
        *y = year;
    if (m)
        *m = month;
    if (d)
        *d = day;
    return true;
}
