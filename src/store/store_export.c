/* store_export.c — the rows behind attendance.csv and followup.csv, and stats.
 *
 * Each walk runs inside one read transaction so an export is a consistent
 * snapshot even while the kiosk keeps checking people in. Formatting (columns,
 * quoting, local time) is core/export.c's job; this file only chooses rows and
 * joins a guest's programs and partnership kinds into "; "-separated text. */
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

/* A growable string for the "; "-joined lists. */
typedef struct Joined {
    char *buf;
    size_t len, cap;
} Joined;

static int joined_add(Joined *j, const char *s)
{
    size_t n = strlen(s), need = j->len + n + 3;
    if (need > j->cap) {
        size_t cap = j->cap ? j->cap : 64;
        while (cap < need)
            cap *= 2;
        char *grown = realloc(j->buf, cap);
        if (!grown)
            return -1;
        j->buf = grown;
        j->cap = cap;
    }
    if (j->len) {
        memcpy(j->buf + j->len, "; ", 2);
        j->len += 2;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
    return 0;
}

static void joined_reset(Joined *j)
{
    j->len = 0;
    if (j->buf)
        j->buf[0] = '\0';
}

static const char *joined_str(const Joined *j)
{
    return j->buf ? j->buf : "";
}

/* Statements reused for every guest of one walk. */
typedef struct Lists {
    sqlite3_stmt *programs, *kinds;
    Joined names, labels;
} Lists;

static StoreStatus lists_open(Store *s, Lists *l)
{
    memset(l, 0, sizeof *l);
    l->programs = store_cached(
        s,
        "SELECT coalesce(nullif(p.name, ''), i.value) FROM interests i "
        "LEFT JOIN programs p ON p.code = i.value WHERE i.guest_id = ?1 AND i.kind = 'program' "
        "AND " STORE_INTEREST_ACTIVE_OF(
            "i.") " ORDER BY coalesce(p.visible, 0) = 0, p.position IS NULL, p.position, i.value",
        "export");
    l->kinds =
        store_cached(s,
                     "SELECT value FROM interests WHERE guest_id = ?1 AND kind = 'partnership' "
                     "AND " STORE_INTEREST_ACTIVE,
                     "export");
    return l->programs && l->kinds ? STORE_OK : STORE_ERROR;
}

static void lists_close(Store *s, Lists *l)
{
    store_finish(s, l->programs);
    store_finish(s, l->kinds);
    free(l->names.buf);
    free(l->labels.buf);
}

/* Fills l->names (program names, catalogue order) and l->labels (kind labels,
 * PARTNERSHIP_KINDS order) for one guest. */
static StoreStatus lists_load(Store *s, Lists *l, const char *guest_id)
{
    joined_reset(&l->names);
    joined_reset(&l->labels);
    store_reset(s, l->programs);
    store_bind_text(s, l->programs, 1, guest_id);
    int rc;
    while ((rc = store_step(s, l->programs)) == SQLITE_ROW)
        if (joined_add(&l->names, store_col_text(l->programs, 0)) != 0)
            return store_failf(s, STORE_ERROR, "cannot export: out of memory");
    if (rc != SQLITE_DONE)
        return store_fail(s, "export");
    /* A guest has at most a handful of kinds: mark them, then walk the display order. */
    bool picked[PARTNERSHIP_KIND_COUNT] = {false};
    Joined unknown = {0};
    store_reset(s, l->kinds);
    store_bind_text(s, l->kinds, 1, guest_id);
    StoreStatus status = STORE_OK;
    while (status == STORE_OK && (rc = store_step(s, l->kinds)) == SQLITE_ROW) {
        const char *key = store_col_text(l->kinds, 0);
        size_t i = 0;
        while (i < PARTNERSHIP_KIND_COUNT && strcmp(PARTNERSHIP_KINDS[i].key, key) != 0)
            i++;
        if (i < PARTNERSHIP_KIND_COUNT)
            picked[i] = true;
        else if (joined_add(&unknown, key) != 0)
            status = store_failf(s, STORE_ERROR, "cannot export: out of memory");
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "export");
    for (size_t i = 0; status == STORE_OK && i < PARTNERSHIP_KIND_COUNT; i++)
        if (picked[i] && joined_add(&l->labels, PARTNERSHIP_KINDS[i].label) != 0)
            status = store_failf(s, STORE_ERROR, "cannot export: out of memory");
    /* Keys this version does not know (from a newer kiosk) still show, last. */
    if (status == STORE_OK && unknown.len && joined_add(&l->labels, unknown.buf) != 0)
        status = store_failf(s, STORE_ERROR, "cannot export: out of memory");
    free(unknown.buf);
    return status;
}

/* Turns the walk's current row into the caller's row type and hands it on;
 * nonzero stops the walk. */
typedef int (*EmitFn)(sqlite3_stmt *st, const Guest *g, const Lists *l, void *ctx);

/* Runs `sql` in one read transaction, reading the guest from column
 * `guest_col` on and loading their programs and kinds before each emit. */
static StoreStatus walk_guest_rows(Store *s, const char *sql, int guest_col, EmitFn emit, void *ctx)
{
    if (store_exec(s, "BEGIN", "export") != STORE_OK)
        return STORE_ERROR;
    Lists l;
    StoreStatus status = lists_open(s, &l);
    sqlite3_stmt *st = status == STORE_OK ? store_cached(s, sql, "export") : NULL;
    if (status == STORE_OK && !st)
        status = STORE_ERROR;
    Guest g;
    guest_init(&g);
    int rc = SQLITE_DONE;
    while (status == STORE_OK && (rc = store_step(s, st)) == SQLITE_ROW) {
        if (store_read_guest(st, guest_col, &g) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot export: out of memory");
            break;
        }
        status = lists_load(s, &l, g.id);
        if (status != STORE_OK)
            break;
        if (emit(st, &g, &l, ctx) != 0)
            break;
    }
    if (status == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = store_fail(s, "export");
    guest_clear(&g);
    store_finish(s, st);
    lists_close(s, &l);
    store_rollback(s); /* a read transaction: nothing to commit */
    return status;
}

typedef struct AttendanceWalk {
    int (*fn)(const AttendanceRow *r, void *ud);
    void *ud;
} AttendanceWalk;

static int emit_attendance(sqlite3_stmt *st, const Guest *g, const Lists *l, void *ctx)
{
    const AttendanceWalk *walk = ctx;
    AttendanceRow row = {
        .guest = g,
        .checked_in_at = store_col_time(st, 0),
        .kiosk = store_col_text(st, 1),
        .badge_printed = sqlite3_column_int(st, 2) != 0,
        .programs = joined_str(&l->names),
        .kinds = joined_str(&l->labels),
    };
    return walk->fn(&row, walk->ud);
}

StoreStatus store_each_attendance(Store *s, int (*fn)(const AttendanceRow *r, void *ud), void *ud)
{
    AttendanceWalk walk = {fn, ud};
    return walk_guest_rows(
        s,
        "SELECT a.checked_in_at, a.kiosk, a.badge_printed, " STORE_GUEST_COLUMNS_OF(
            "g.") " FROM attendance a JOIN guests g ON g.id = a.guest_id "
                  "WHERE " STORE_COUNTED_OF("a.") " "
                                                  "ORDER BY a.checked_in_at, g.id",
        3, emit_attendance, &walk);
}

typedef struct FollowupWalk {
    int (*fn)(const FollowupRow *r, void *ud);
    void *ud;
} FollowupWalk;

static int emit_followup(sqlite3_stmt *st, const Guest *g, const Lists *l, void *ctx)
{
    const FollowupWalk *walk = ctx;
    FollowupRow row = {
        .guest = g,
        .program_code = store_col_text(st, 0),
        .program_name = store_col_text(st, 1),
        .program_contact = store_col_text(st, 2),
        .kinds = joined_str(&l->labels),
        .checked_in_at = store_col_time(st, 3),
    };
    return walk->fn(&row, walk->ud);
}

StoreStatus store_each_followup(Store *s, int (*fn)(const FollowupRow *r, void *ud), void *ud)
{
    FollowupWalk walk = {fn, ud};
    return walk_guest_rows(
        s,
        "SELECT i.value, coalesce(nullif(p.name, ''), i.value), "
        "coalesce(p.contact, ''), (SELECT a.checked_in_at FROM attendance a "
        "WHERE a.guest_id = g.id AND " STORE_COUNTED_OF(
            "a.") "), "
                  " " STORE_GUEST_COLUMNS_OF(
                      "g.") " FROM interests i JOIN guests g ON g.id = i.guest_id "
                            "LEFT JOIN programs p ON p.code = i.value WHERE i.kind = 'program' "
                            "AND " STORE_INTEREST_ACTIVE_OF(
                                "i.") " "
                                      "ORDER BY p.position IS NULL, p.position, i.value, "
                                      "lanyard_fold(g.last), "
                                      "lanyard_fold(g.first), g.id",
        4, emit_followup, &walk);
}

/* Runs st (no parameters) to the end, calling row for each result row until
 * it returns non-zero; finishes st. */
static StoreStatus each_row(Store *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *st, void *ctx),
                            void *ctx, const char *doing)
{
    if (!st)
        return STORE_ERROR;
    int rc;
    while ((rc = store_step(s, st)) == SQLITE_ROW)
        if (row(st, ctx) != 0)
            break;
    StoreStatus status = rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail(s, doing);
    store_finish(s, st);
    return status;
}

typedef struct TimeWalk {
    int (*fn)(int64_t at, void *ud);
    void *ud;
} TimeWalk;

static int emit_time(sqlite3_stmt *st, void *ctx)
{
    const TimeWalk *walk = ctx;
    return walk->fn(store_col_time(st, 0), walk->ud);
}

StoreStatus store_each_checkin_time(Store *s, int (*fn)(int64_t at, void *ud), void *ud)
{
    TimeWalk walk = {fn, ud};
    /* The rows of store_each_attendance. */
    sqlite3_stmt *st =
        store_cached(s,
                     "SELECT a.checked_in_at FROM attendance a "
                     "JOIN guests g ON g.id = a.guest_id WHERE " STORE_COUNTED_OF("a."),
                     "count the arrivals");
    return each_row(s, st, emit_time, &walk, "count the arrivals");
}

typedef struct CountWalk {
    int (*fn)(const char *code, size_t n, void *ud);
    void *ud;
} CountWalk;

static int emit_count(sqlite3_stmt *st, void *ctx)
{
    const CountWalk *walk = ctx;
    return walk->fn(store_col_text(st, 0), (size_t)sqlite3_column_int64(st, 1), walk->ud);
}

StoreStatus store_each_interest_count(Store *s, int (*fn)(const char *code, size_t n, void *ud),
                                      void *ud)
{
    CountWalk walk = {fn, ud};
    /* The rows of store_each_followup, counted per program. */
    sqlite3_stmt *st = store_cached(
        s,
        "SELECT i.value, count(*) FROM interests i JOIN guests g ON g.id = i.guest_id "
        "WHERE i.kind = 'program' AND " STORE_INTEREST_ACTIVE_OF("i.") " GROUP BY i.value",
        "count the interests");
    return each_row(s, st, emit_count, &walk, "count the interests");
}

static int write_attendance(const AttendanceRow *r, void *ud)
{
    export_attendance_row(ud, r);
    return 0;
}

static int write_followup(const FollowupRow *r, void *ud)
{
    export_followup_row(ud, r);
    return 0;
}

StoreStatus store_export(Store *s, ExportKind kind, Exporter *e)
{
    return kind == EXPORT_ATTENDANCE ? store_each_attendance(s, write_attendance, e)
                                     : store_each_followup(s, write_followup, e);
}

StoreStatus store_stats(Store *s, StoreStats *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_cached(
        s,
        "SELECT (SELECT count(*) FROM guests), "
        "(SELECT count(*) FROM guests WHERE walk_in = 0), "
        "(SELECT count(*) FROM attendance a JOIN guests g ON g.id = a.guest_id "
        "  WHERE " STORE_COUNTED_OF(
            "a.") " AND g.walk_in = 0), "
                  "(SELECT count(*) FROM attendance a JOIN guests g ON g.id = a.guest_id "
                  "  WHERE " STORE_COUNTED_OF(
                      "a.") " AND g.walk_in = 1), "
                            "(SELECT count(*) FROM programs WHERE visible = 1), "
                            "(SELECT count(*) FROM interests WHERE kind = 'program' "
                            "AND " STORE_INTEREST_ACTIVE "), "
                            "(SELECT count(DISTINCT u.guest_id) FROM attendance u WHERE "
                            "u.undone_at IS NOT NULL "
                            "  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.guest_id = "
                            "u.guest_id "
                            "  AND " STORE_COUNTED_OF("a.") ")), "
                                                            "(SELECT min(checked_in_at) FROM "
                                                            "attendance WHERE " STORE_COUNTED "), "
                                                            "(SELECT max(checked_in_at) FROM "
                                                            "attendance WHERE " STORE_COUNTED ")",
        "count");
    if (!st)
        return STORE_ERROR;
    int rc = store_step(s, st);
    if (rc == SQLITE_ROW) {
        out->guests = (size_t)sqlite3_column_int64(st, 0);
        out->expected = (size_t)sqlite3_column_int64(st, 1);
        out->registered_in = (size_t)sqlite3_column_int64(st, 2);
        out->walk_ins = (size_t)sqlite3_column_int64(st, 3);
        out->checked_in = out->registered_in + out->walk_ins;
        out->programs = (size_t)sqlite3_column_int64(st, 4);
        out->interests = (size_t)sqlite3_column_int64(st, 5);
        out->undone = (size_t)sqlite3_column_int64(st, 6);
        out->first_checkin = store_col_time(st, 7);
        out->last_checkin = store_col_time(st, 8);
    }
    store_finish(s, st);
    return rc == SQLITE_ROW ? STORE_OK : store_fail(s, "count");
}
