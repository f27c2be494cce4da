/* merge_testutil.c — see merge_testutil.h. */
#include "merge_testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "core/export.h"

Store *mt_open(const char *dir, const char *name, unsigned flags)
{
    char *path = tu_path(dir, name);
    Store *s = NULL;
    char err[512];
    if (store_open(path, flags, &s, err, sizeof err) != STORE_OK)
        fail_msg("%s", err);
    free(path);
    return s;
}

char *mt_exports(const char *dir, const char *name)
{
    Store *s = mt_open(dir, name, STORE_OPEN_READONLY);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    static const ExportKind KINDS[] = {EXPORT_ATTENDANCE, EXPORT_FOLLOWUP};
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        Exporter *e = export_begin(f, KINDS[i], false);
        assert_non_null(e);
        assert_int_equal(store_export(s, KINDS[i], e), STORE_OK);
        assert_int_equal(export_end(e), 0);
    }
    assert_int_equal(fclose(f), 0);
    store_close(s);
    return buf;
}

char *mt_dump(const char *dir, const char *name, bool programs)
{
    char *path = tu_path(dir, name);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const queries[] = {
        "SELECT * FROM guests ORDER BY id",
        "SELECT * FROM guest_aliases ORDER BY kind, value, guest_id",
        "SELECT * FROM guest_records ORDER BY id",
        "SELECT * FROM attendance ORDER BY id",
        "SELECT * FROM interests ORDER BY guest_id, kind, value",
        "SELECT * FROM audit ORDER BY id",
        "SELECT * FROM programs ORDER BY code",
    };
    size_t nq = sizeof queries / sizeof queries[0] - (programs ? 0 : 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    for (size_t q = 0; q < nq; q++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, queries[q], -1, &st, NULL), SQLITE_OK);
        fprintf(f, "== %s\n", queries[q]);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *t = sqlite3_column_text(st, c);
                fprintf(f, "%s%s", c ? "|" : "", t ? (const char *)t : "NULL");
            }
            fputc('\n', f);
        }
        sqlite3_finalize(st);
    }
    assert_int_equal(fclose(f), 0);
    sqlite3_close(db);
    free(path);
    return buf;
}
