/* store_programs.c — the catalogue: importing programs.csv (added, updated,
 * and hidden when no longer listed, so interests in them stay) and reading
 * the visible programs in catalogue order, each with its texts in other
 * languages (one column, see migration 5). See store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/store_internal.h"

#define PROGRAM_COLUMNS                                                                            \
    "code, name, school, pathway, description, grades, certifications, partner_needs, "            \
    "contact, url, image"

/* ---- the texts column: a program's translations (migration 5) ---- */

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            fputs("\\\\", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* p's translations as the column holds them (sorted, as p keeps them), so two
 * programs with the same texts have the same column. malloc'd, NULL on ENOMEM. */
static char *texts_encode(const Program *p)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    for (size_t i = 0; i < p->ntexts; i++) {
        fprintf(f, "%s\t%s\t", p->texts[i].lang, program_field_name(p->texts[i].field));
        put_escaped(f, p->texts[i].text);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Undoes put_escaped in place. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* Reads the column into p's translations; a line this version cannot place
 * (a field a newer one added) is left out. 0, or -1 on ENOMEM. */
static int texts_decode(Program *p, const char *col)
{
    char *copy = strdup(col), *save = NULL;
    if (!copy)
        return -1;
    int rc = 0;
    for (char *line = strtok_r(copy, "\n", &save); line && rc == 0;
         line = strtok_r(NULL, "\n", &save)) {
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2)
            continue;
        *tab1 = *tab2 = '\0';
        unescape(tab2 + 1);
        for (int f = 0; f < PROGRAM_TEXT_FIELDS; f++)
            if (!strcmp(tab1 + 1, program_field_name((ProgramField)f)) && strlen(line) < 8)
                rc = program_set_text(p, line, (ProgramField)f, tab2 + 1);
    }
    free(copy);
    return rc;
}

/* A program as stored already: 1 unchanged (same text, same place, shown),
 * 0 new or changed (*known: it was stored), -1 error. */
static int program_same(Store *s, sqlite3_stmt *find, Program *p, const char *texts, size_t pos,
                        bool *known)
{
    char **f[PROGRAM_TEXT_FIELDS];
    program_text_fields(p, f);
    store_reset(s, find);
    store_bind_text(s, find, 1, p->code);
    int rc = store_step(s, find);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail(s, "import programs");
        return -1;
    }
    *known = rc == SQLITE_ROW;
    bool same = *known;
    for (int k = 1; k < PROGRAM_TEXT_FIELDS && same; k++)
        same = strcmp(store_col_text(find, k), *f[k] ? *f[k] : "") == 0;
    if (same)
        same = sqlite3_column_int64(find, 11) == (sqlite3_int64)pos &&
               sqlite3_column_int(find, 12) == 1 && strcmp(store_col_text(find, 13), texts) == 0;
    store_reset(s, find);
    return same;
}

/* Adds or updates every listed program in list order; updated_at moves only
 * when a program really changed, so importing the same file on every kiosk
 * leaves nothing for a merge to decide. */
static StoreStatus upsert_programs(Store *s, const ProgramList *programs, ImportReport *rep,
                                   int64_t now)
{
    sqlite3_stmt *find = store_cached(
        s, "SELECT " PROGRAM_COLUMNS ", position, visible, texts FROM programs WHERE code = ?1",
        "import programs");
    sqlite3_stmt *up = store_cached(
        s,
        "INSERT INTO programs (" PROGRAM_COLUMNS ", position, visible, updated_at, texts) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?14) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, school = ?3, pathway = ?4, "
        "description = ?5, grades = ?6, certifications = ?7, partner_needs = ?8, "
        "contact = ?9, url = ?10, image = ?11, position = ?12, visible = 1, "
        "updated_at = ?13, texts = ?14",
        "import programs");
    StoreStatus status = find && up ? STORE_OK : STORE_ERROR;
    for (size_t i = 0; status == STORE_OK && i < programs->count; i++) {
        Program *p = &programs->items[i];
        if (!p->code || !*p->code)
            continue;
        char *texts = texts_encode(p);
        if (!texts) {
            status = store_failf(s, STORE_ERROR, "cannot import programs: out of memory");
            break;
        }
        bool known = false;
        int same = program_same(s, find, p, texts, i, &known);
        if (same != 0) {
            free(texts);
            status = same < 0 ? STORE_ERROR : STORE_OK;
            rep->unchanged += same > 0;
            continue;
        }
        char **f[PROGRAM_TEXT_FIELDS];
        program_text_fields(p, f);
        store_reset(s, up);
        for (int k = 0; k < PROGRAM_TEXT_FIELDS; k++)
            store_bind_text(s, up, k + 1, *f[k]);
        store_bind_int(s, up, 12, (sqlite3_int64)i);
        store_bind_time(s, up, 13, now);
        store_bind_text(s, up, 14, texts);
        free(texts);
        if (store_step(s, up) != SQLITE_DONE)
            status = store_fail(s, "import programs");
        else if (known)
            rep->updated++;
        else
            rep->added++;
    }
    store_finish(s, find);
    store_finish(s, up);
    return status;
}

/* Programs no longer listed are hidden, not deleted: interests in them stay. */
static StoreStatus hide_unlisted(Store *s, const ProgramList *programs, int64_t now)
{
    sqlite3_stmt *find =
        store_cached(s, "SELECT code FROM programs WHERE visible = 1", "import programs");
    sqlite3_stmt *up = store_cached(
        s, "UPDATE programs SET visible = 0, updated_at = ?2 WHERE code = ?1", "import programs");
    StoreStatus status = find && up ? STORE_OK : STORE_ERROR;
    int rc = SQLITE_DONE;
    while (status == STORE_OK && (rc = store_step(s, find)) == SQLITE_ROW) {
        const char *code = store_col_text(find, 0);
        bool listed = false;
        for (size_t i = 0; i < programs->count && !listed; i++)
            listed = programs->items[i].code && strcmp(programs->items[i].code, code) == 0;
        if (listed)
            continue;
        store_reset(s, up);
        store_bind_text(s, up, 1, code);
        store_bind_time(s, up, 2, now);
        if (store_step(s, up) != SQLITE_DONE)
            status = store_fail(s, "import programs");
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "import programs");
    store_finish(s, find);
    store_finish(s, up);
    return status;
}

StoreStatus store_import_programs(Store *s, const ProgramList *programs, ImportReport *rep,
                                  int64_t now)
{
    rep->added = rep->updated = rep->unchanged = 0;
    if (store_begin(s, "import programs") == STORE_OK &&
        upsert_programs(s, programs, rep, now) == STORE_OK &&
        hide_unlisted(s, programs, now) == STORE_OK &&
        store_commit(s, "import programs") == STORE_OK)
        return STORE_OK;
    rep->added = rep->updated = rep->unchanged = 0;
    store_rollback(s);
    text_copy(rep->error, sizeof rep->error, s->err);
    return STORE_ERROR;
}

/* Fills p (initialised) from the PROGRAM_COLUMNS and texts of st. 0, or -1
 * on ENOMEM. */
static int read_program(sqlite3_stmt *st, Program *p)
{
    char **f[PROGRAM_TEXT_FIELDS];
    program_text_fields(p, f);
    for (int k = 0; k < PROGRAM_TEXT_FIELDS; k++)
        if (guest_set(f[k], store_col_text(st, k)) != 0)
            return -1;
    return texts_decode(p, store_col_text(st, PROGRAM_TEXT_FIELDS));
}

StoreStatus store_program_get(Store *s, const char *code, Program *out)
{
    sqlite3_stmt *st = store_cached(
        s, "SELECT " PROGRAM_COLUMNS ", texts FROM programs WHERE code = ?1", "read a program");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, code);
    int rc = store_step(s, st);
    StoreStatus status = STORE_OK;
    if (rc == SQLITE_ROW && read_program(st, out) != 0)
        status = store_failf(s, STORE_ERROR, "cannot read a program: out of memory");
    else if (rc == SQLITE_DONE)
        status = STORE_NOT_FOUND;
    else if (rc != SQLITE_ROW)
        status = store_fail(s, "read a program");
    store_finish(s, st);
    return status;
}

StoreStatus store_programs(Store *s, ProgramList *out)
{
    sqlite3_stmt *st =
        store_cached(s,
                     "SELECT " PROGRAM_COLUMNS ", texts FROM programs WHERE visible = 1 "
                     "ORDER BY position, code",
                     "read the programs");
    if (!st)
        return STORE_ERROR;
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        Program *p = program_list_push(out);
        if (!p || read_program(st, p) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot read the programs: out of memory");
            break;
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "read the programs");
    store_finish(s, st);
    return status;
}
