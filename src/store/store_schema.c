/* store_schema.c — the database schema as a list of forward migrations.
 *
 * Migration N (0-based) takes a database from user_version N to N+1; store_open
 * applies the missing ones in order, each in its own transaction. A migration,
 * once released, never changes: new tables and columns go in a new entry at the
 * end, so every kiosk's file can be brought forward whatever version made it. */
#include "store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const STORE_MIGRATIONS[] = {
    /* 1: the event database. Ids are 32 hex digits (ids.h) so rows can travel
     * between kiosks; times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ". */
    "CREATE TABLE guests ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  code TEXT NOT NULL DEFAULT '',"
    "  first TEXT NOT NULL DEFAULT '',"
    "  last TEXT NOT NULL DEFAULT '',"
    "  company TEXT NOT NULL DEFAULT '',"
    "  title TEXT NOT NULL DEFAULT '',"
    "  email TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  role INTEGER NOT NULL DEFAULT 0,"
    "  walk_in INTEGER NOT NULL DEFAULT 0,"
    "  consent INTEGER NOT NULL DEFAULT 0,"
    "  kiosk TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE UNIQUE INDEX guests_code ON guests (code) WHERE code <> '';"
    /* Not unique: an import may legitimately bring two registrations that share
     * an inbox; lookups by email take the smallest id, merge folds them. */
    "CREATE INDEX guests_email ON guests (lower(email)) WHERE email <> '';"
    /* Keys (ids, codes, lower-case emails) of guest records that a merge folded
     * into another, so a later merge or a scanned ticket still finds them. */
    "CREATE TABLE guest_aliases ("
    "  kind TEXT NOT NULL CHECK (kind IN ('id', 'code', 'email')),"
    "  value TEXT NOT NULL,"
    "  guest_id TEXT NOT NULL,"
    "  PRIMARY KEY (kind, value)"
    ") WITHOUT ROWID;"
    "CREATE INDEX guest_aliases_guest ON guest_aliases (guest_id);"
    "CREATE TABLE programs ("
    "  code TEXT PRIMARY KEY NOT NULL,"
    "  name TEXT NOT NULL DEFAULT '',"
    "  school TEXT NOT NULL DEFAULT '',"
    "  pathway TEXT NOT NULL DEFAULT '',"
    "  description TEXT NOT NULL DEFAULT '',"
    "  grades TEXT NOT NULL DEFAULT '',"
    "  certifications TEXT NOT NULL DEFAULT '',"
    "  partner_needs TEXT NOT NULL DEFAULT '',"
    "  contact TEXT NOT NULL DEFAULT '',"
    "  url TEXT NOT NULL DEFAULT '',"
    "  image TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL DEFAULT 0,"
    "  visible INTEGER NOT NULL DEFAULT 1,"
    "  updated_at TEXT NOT NULL"
    ");"
    /* duplicate_of is set only by merge, on check-ins of a guest that another
     * kiosk saw earlier; the partial index keeps one counted check-in per guest. */
    "CREATE TABLE attendance ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  guest_id TEXT NOT NULL REFERENCES guests (id),"
    "  kiosk TEXT NOT NULL DEFAULT '',"
    "  checked_in_at TEXT NOT NULL,"
    "  undone_at TEXT,"
    "  undone_by TEXT NOT NULL DEFAULT '',"
    "  badge_printed INTEGER NOT NULL DEFAULT 0,"
    "  duplicate_of TEXT"
    ") WITHOUT ROWID;"
    "CREATE UNIQUE INDEX attendance_active ON attendance (guest_id)"
    "  WHERE undone_at IS NULL AND duplicate_of IS NULL;"
    "CREATE TABLE interests ("
    "  guest_id TEXT NOT NULL REFERENCES guests (id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('program', 'partnership')),"
    "  value TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  kiosk TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (guest_id, kind, value)"
    ") WITHOUT ROWID;"
    "CREATE INDEX interests_value ON interests (kind, value);"
    "CREATE TABLE audit ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  at TEXT NOT NULL,"
    "  kiosk TEXT NOT NULL DEFAULT '',"
    "  action TEXT NOT NULL,"
    "  guest_id TEXT NOT NULL DEFAULT '',"
    "  detail TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX audit_guest ON audit (guest_id);"
    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;",
    /* 2: the badge print queue (store_print.c). Local to one kiosk, never merged,
     * so a plain integer id is enough. */
    "CREATE TABLE print_jobs ("
    "  id INTEGER PRIMARY KEY,"
    "  guest_id TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'queued'"
    "    CHECK (state IN ('queued', 'sent', 'printing', 'done', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  cups_job_id INTEGER NOT NULL DEFAULT 0,"
    "  printer TEXT NOT NULL DEFAULT '',"
    "  output TEXT NOT NULL DEFAULT '',"
    "  error TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "CREATE INDEX print_jobs_guest ON print_jobs (guest_id, id);"
    "CREATE INDEX print_jobs_unfinished ON print_jobs (state)"
    "  WHERE state IN ('queued', 'sent', 'printing');",
    /* 3: the records a merge made each guest of, as they were on their kiosk:
     * the fields the "same guest" rule reads (core/guest_match.h), so a later
     * merge matches a merged guest through every one of them, whichever
     * record's fields the guest now shows. A guest with none is its own only
     * record. updated_at picks one version of a record met twice. */
    "CREATE TABLE guest_records ("
    "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
    "  guest_id TEXT NOT NULL,"
    "  code TEXT NOT NULL DEFAULT '',"
    "  first TEXT NOT NULL DEFAULT '',"
    "  last TEXT NOT NULL DEFAULT '',"
    "  company TEXT NOT NULL DEFAULT '',"
    "  email TEXT NOT NULL DEFAULT '',"
    "  updated_at TEXT NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE INDEX guest_records_guest ON guest_records (guest_id);"
    "CREATE INDEX guest_records_code ON guest_records (code) WHERE code <> '';"
    "CREATE INDEX guest_records_email ON guest_records (lower(email)) WHERE email <> '';",
    /* 4: interests are retracted, never deleted: when a guest un-picks one,
     * and when their check-in is undone. An interest counts while it was
     * picked (created_at) after its last retraction (STORE_INTEREST_ACTIVE),
     * so a merge that keeps the latest of each carries a retraction to every
     * copy, in any order. */
    "ALTER TABLE interests ADD COLUMN retracted_at TEXT;",
    /* 5: a program's texts in other languages (programs.csv's name_es, ...),
     * in one column so a program and its translations are one row that a
     * merge compares and keeps whole. store_programs.c writes it as lines
     * "LANG TAB FIELD TAB TEXT" sorted by language and field, with backslash,
     * tab, CR and LF in TEXT escaped as \\ \t \r \n. */
    "ALTER TABLE programs ADD COLUMN texts TEXT NOT NULL DEFAULT '';",
    /* 6: two more print job states. 'held': the badge of a guest checked in
     * and still on Interests, recorded in the check-in's transaction so a crash
     * never loses it; the print queue releases it when they leave Interests or
     * on the next start. 'sending': the attempt recorded before the badge goes
     * to CUPS, so a restart asks CUPS whether it arrived instead of sending it
     * twice. SQLite cannot change a CHECK, so the table is made again. */
    "CREATE TABLE print_jobs_6 ("
    "  id INTEGER PRIMARY KEY,"
    "  guest_id TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'queued'"
    "    CHECK (state IN ('held', 'queued', 'sending', 'sent', 'printing', 'done', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  cups_job_id INTEGER NOT NULL DEFAULT 0,"
    "  printer TEXT NOT NULL DEFAULT '',"
    "  output TEXT NOT NULL DEFAULT '',"
    "  error TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    "INSERT INTO print_jobs_6 (id, guest_id, state, attempts, cups_job_id, printer, output,"
    "  error, created_at, updated_at)"
    "  SELECT id, guest_id, state, attempts, cups_job_id, printer, output, error, created_at,"
    "  updated_at FROM print_jobs;"
    "DROP TABLE print_jobs;"
    "ALTER TABLE print_jobs_6 RENAME TO print_jobs;"
    "CREATE INDEX print_jobs_guest ON print_jobs (guest_id, id);"
    "CREATE INDEX print_jobs_unfinished ON print_jobs (state)"
    "  WHERE state IN ('held', 'queued', 'sending', 'sent', 'printing');",
};

const int STORE_MIGRATION_COUNT = (int)(sizeof STORE_MIGRATIONS / sizeof STORE_MIGRATIONS[0]);

const char *const STORE_READ_COMPAT[] = {
    NULL,
    NULL,
    NULL, /* guest_records: merge reads an input without it as records of their own */
    "CREATE TEMP VIEW interests AS SELECT *, NULL AS retracted_at FROM main.interests;",
    "CREATE TEMP VIEW programs AS SELECT *, '' AS texts FROM main.programs;",
    NULL, /* print_jobs: local to a kiosk, never read from another file */
};

_Static_assert(sizeof STORE_READ_COMPAT / sizeof STORE_READ_COMPAT[0] ==
                   sizeof STORE_MIGRATIONS / sizeof STORE_MIGRATIONS[0],
               "one STORE_READ_COMPAT entry per migration");

/* ---- the schema as the file has it ---- */

/* Every column of every table the migrations make, with the version that
 * made it: worked out once per process by running them in memory. */
typedef struct SchemaColumn {
    char table[40], column[40];
    int version;
} SchemaColumn;

static struct {
    pthread_once_t once;
    SchemaColumn *cols;
    size_t n;
    bool ok;
} expected = {.once = PTHREAD_ONCE_INIT};

static bool known(const char *table, const char *column)
{
    for (size_t i = 0; i < expected.n; i++)
        if (!strcmp(expected.cols[i].table, table) && !strcmp(expected.cols[i].column, column))
            return true;
    return false;
}

/* Adds the columns migration `version` made; false on failure. */
static bool add_columns(sqlite3_stmt *st, int version)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(st, 0);
        const char *column = (const char *)sqlite3_column_text(st, 1);
        if (!table || !column || known(table, column))
            continue;
        SchemaColumn *grown = realloc(expected.cols, (expected.n + 1) * sizeof *grown);
        if (!grown)
            return false;
        expected.cols = grown;
        SchemaColumn *c = &expected.cols[expected.n++];
        snprintf(c->table, sizeof c->table, "%s", table);
        snprintf(c->column, sizeof c->column, "%s", column);
        c->version = version;
    }
    return rc == SQLITE_DONE && sqlite3_reset(st) == SQLITE_OK;
}

static const char LIST_COLUMNS[] =
    "SELECT m.name, c.name FROM main.sqlite_schema m, pragma_table_info(m.name, 'main') c"
    " WHERE m.type = 'table'";

static void build_expected(void)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
    for (int v = 0; ok && v < STORE_MIGRATION_COUNT; v++) {
        ok = sqlite3_exec(db, STORE_MIGRATIONS[v], NULL, NULL, NULL) == SQLITE_OK;
        if (ok && st)
            ok = sqlite3_finalize(st) == SQLITE_OK; /* prepared anew for the new schema */
        st = NULL;
        ok = ok && sqlite3_prepare_v2(db, LIST_COLUMNS, -1, &st, NULL) == SQLITE_OK &&
             add_columns(st, v + 1);
    }
    (void)sqlite3_finalize(st); /* a failure was seen above */
    (void)sqlite3_close_v2(db); /* nothing left open on it */
    expected.ok = ok;
}

/* The columns of the file's tables as "table\tcolumn" lines (malloc'd). */
static char *file_columns(Store *s)
{
    sqlite3_stmt *st = store_prepare(s, LIST_COLUMNS, "check the database");
    if (!st)
        return NULL;
    size_t len = 0, cap = 4096;
    char *out = malloc(cap);
    if (out)
        out[0] = '\0';
    int rc = SQLITE_DONE;
    while (out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = store_col_text(st, 0), *c = store_col_text(st, 1);
        size_t need = strlen(t) + strlen(c) + 4; /* \n \t, the last \n, NUL */
        if (len + need > cap) {
            char *grown = realloc(out, cap = 2 * cap + need);
            if (!grown)
                free(out);
            out = grown;
        }
        if (out)
            len += (size_t)snprintf(out + len, cap - len, "\n%s\t%s", t, c);
    }
    if (!out)
        store_failf(s, STORE_ERROR, "cannot check %s: out of memory", s->path);
    else if (rc != SQLITE_DONE) {
        store_fail(s, "check the database");
        free(out);
        out = NULL;
    } else
        strcat(out + len, "\n");
    (void)sqlite3_finalize(st); /* repeats the step's result, handled above */
    return out;
}

StoreStatus store_schema_check(Store *s)
{
    if (pthread_once(&expected.once, build_expected) != 0 || !expected.ok)
        return store_failf(s, STORE_ERROR, "cannot check %s: cannot work out the schema", s->path);
    sqlite3_stmt *st = store_prepare(s, "PRAGMA main.user_version", "check the database");
    if (!st)
        return STORE_ERROR;
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    (void)sqlite3_finalize(st); /* the failure is told by version -1 */
    if (version < 0)
        return store_fail(s, "check the database");
    char *have = file_columns(s);
    if (!have)
        return STORE_ERROR;
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i < expected.n; i++) {
        const SchemaColumn *c = &expected.cols[i];
        char line[96], table[48];
        snprintf(line, sizeof line, "\n%s\t%s\n", c->table, c->column);
        snprintf(table, sizeof table, "\n%s\t", c->table);
        if (c->version > version || strstr(have, line))
            continue;
        if (!strstr(have, table))
            status = store_failf(s, STORE_ERROR,
                                 "%s is damaged: its table %s is missing; restore the file "
                                 "from a copy",
                                 s->path, c->table);
        else
            status = store_failf(s, STORE_ERROR,
                                 "%s is damaged: its table %s has no column %s; restore the "
                                 "file from a copy",
                                 s->path, c->table, c->column);
    }
    free(have);
    return status;
}
