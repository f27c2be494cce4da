/* store_match.c — which stored guest a record is, by the one "same guest"
 * rule of core/guest_match.h.
 *
 * SQL only pre-selects the candidates: guests that share an id, a code or an
 * email with the record (their own, one of the records a merge made them of,
 * or an alias a merge left), or its folded name and company. guest_match then
 * decides, looking at each candidate as a whole: its row, its merged records
 * (guest_records) and its alias ids and codes. Import, walk-ins and merge all
 * come through here. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* ---- a small set of guest ids ---- */

int store_ids_add(StoreIds *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->ids[i], id) == 0)
            return 0;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 4;
        void *grown = realloc(set->ids, cap * sizeof *set->ids);
        if (!grown)
            return -1;
        set->ids = grown;
        set->cap = cap;
    }
    snprintf(set->ids[set->n++], ID_LEN + 1, "%s", id);
    return 0;
}

void store_ids_free(StoreIds *set)
{
    free(set->ids);
    memset(set, 0, sizeof *set);
}

/* Adds the id in column 0 of every row of st to set, and finishes st. */
static StoreStatus collect(Store *s, sqlite3_stmt *st, StoreIds *set, const char *doing)
{
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        if (store_ids_add(set, store_col_text(st, 0)) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
            break;
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, doing);
    store_finish(s, st);
    return status;
}

/* ---- a stored guest as the rule sees it ---- */

void store_cluster_init(StoreCluster *c)
{
    memset(c, 0, sizeof *c);
    guest_list_init(&c->records);
}

void store_cluster_clear(StoreCluster *c)
{
    guest_list_free(&c->records);
    store_strings_free(c->ids, c->nids);
    store_strings_free(c->codes, c->ncodes);
    store_cluster_init(c);
}

GuestSet store_cluster_set(const StoreCluster *c)
{
    GuestSet set = {.id = c->id,
                    .records = c->records.items,
                    .nrecords = c->records.count,
                    .ids = (const char *const *)c->ids,
                    .nids = c->nids,
                    .codes = (const char *const *)c->codes,
                    .ncodes = c->ncodes};
    return set;
}

static int push_string(char ***v, size_t *n, const char *value)
{
    char **grown = realloc(*v, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    *v = grown;
    if (!(grown[*n] = strdup(value)))
        return -1;
    (*n)++;
    return 0;
}

/* The guest's own row, as records[0]. */
static StoreStatus load_row(Store *s, const char *id, StoreCluster *c)
{
    Guest row;
    guest_init(&row);
    StoreStatus status = store_guest_by_id(s, id, "match a guest", &row);
    if (status == STORE_NOT_FOUND)
        status = store_failf(s, STORE_NOT_FOUND, "no guest has the id '%s'", id);
    Guest *g = status == STORE_OK ? guest_list_push(&c->records) : NULL;
    if (g) {
        *g = row; /* the list takes the strings */
        guest_init(&row);
    } else if (status == STORE_OK) {
        status = store_failf(s, STORE_ERROR, "cannot match a guest: out of memory");
    }
    guest_clear(&row);
    return status;
}

/* The records a merge made the guest of (guest_records). */
static StoreStatus load_records(Store *s, const char *id, StoreCluster *c)
{
    sqlite3_stmt *st = store_cached(s,
                                    "SELECT id, code, first, last, company, email, updated_at "
                                    "FROM guest_records WHERE guest_id = ?1 ORDER BY id",
                                    "match a guest");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        Guest *g = guest_list_push(&c->records);
        if (!g || guest_set(&g->code, store_col_text(st, 1)) ||
            guest_set(&g->first, store_col_text(st, 2)) ||
            guest_set(&g->last, store_col_text(st, 3)) ||
            guest_set(&g->company, store_col_text(st, 4)) ||
            guest_set(&g->email, store_col_text(st, 5))) {
            status = store_failf(s, STORE_ERROR, "cannot match a guest: out of memory");
            break;
        }
        snprintf(g->id, sizeof g->id, "%s", store_col_text(st, 0));
        g->updated_at = store_col_time(st, 6);
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "match a guest");
    store_finish(s, st);
    return status;
}

/* The ids and codes of records folded away (guest_aliases). */
static StoreStatus load_aliases(Store *s, const char *id, StoreCluster *c)
{
    sqlite3_stmt *st = store_cached(s,
                                    "SELECT kind, value FROM guest_aliases WHERE guest_id = ?1 "
                                    "AND kind IN ('id', 'code') ORDER BY kind, value",
                                    "match a guest");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    int rc;
    StoreStatus status = STORE_OK;
    while ((rc = store_step(s, st)) == SQLITE_ROW) {
        bool code = strcmp(store_col_text(st, 0), "code") == 0;
        if (push_string(code ? &c->codes : &c->ids, code ? &c->ncodes : &c->nids,
                        store_col_text(st, 1)) != 0) {
            status = store_failf(s, STORE_ERROR, "cannot match a guest: out of memory");
            break;
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_fail(s, "match a guest");
    store_finish(s, st);
    return status;
}

StoreStatus store_cluster_load(Store *s, const char *id, bool with_records, StoreCluster *out)
{
    store_cluster_clear(out);
    snprintf(out->id, sizeof out->id, "%s", id);
    StoreStatus status = load_row(s, id, out);
    if (status == STORE_OK && with_records)
        status = load_records(s, id, out);
    if (status == STORE_OK)
        status = load_aliases(s, id, out);
    return status;
}

/* ---- candidates ---- */

/* The name-and-company lookup key of a row of `t` (guests or guest_records),
 * as guest_match_name_key makes it. */
#define NAME_KEY_OF(t)                                                                             \
    "lanyard_fold(" t "first) || char(31) || lanyard_fold(" t "last) || char(31) || "              \
    "lanyard_fold(" t "company)"
#define HAS_NAME_KEY "first <> '' AND last <> '' AND company <> ''"

StoreStatus store_names_index(Store *s)
{
    StoreStatus status = store_exec(
        s,
        "CREATE TEMP TABLE IF NOT EXISTS match_names ("
        "  key TEXT NOT NULL, guest_id TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS temp.match_names_key "
        "ON match_names (key);"
        "DELETE FROM temp.match_names;"
        "INSERT INTO temp.match_names SELECT " NAME_KEY_OF(
            "") ", id FROM guests WHERE " HAS_NAME_KEY " "
                "UNION SELECT " NAME_KEY_OF("") ", guest_id FROM guest_records WHERE " HAS_NAME_KEY,
        "index guest names");
    s->names_indexed = status == STORE_OK;
    s->names_empty = sqlite3_changes(s->db) == 0;
    return status;
}

void store_names_unindex(Store *s)
{
    if (!s->names_indexed)
        return;
    s->names_indexed = false;
    /* Only a copy kept for this connection: if emptying it fails, the next
     * store_names_index empties it again. */
    if (store_exec(s, "DELETE FROM temp.match_names", "index guest names") != STORE_OK)
        return;
}

StoreStatus store_names_add(Store *s, const char *guest_id, const Guest *g)
{
    if (!s->names_indexed)
        return STORE_OK;
    char *key = NULL;
    if (guest_match_name_key(g, &key) != 0)
        return store_failf(s, STORE_ERROR, "cannot index guest names: out of memory");
    if (!key)
        return STORE_OK;
    sqlite3_stmt *st = store_cached(
        s, "INSERT INTO temp.match_names (key, guest_id) VALUES (?1, ?2)", "index guest names");
    StoreStatus status = STORE_ERROR;
    if (st) {
        store_bind_text(s, st, 1, key);
        store_bind_text(s, st, 2, guest_id);
        status = store_step_done(s, st, "index guest names");
        s->names_empty = s->names_empty && status != STORE_OK;
    }
    free(key);
    return status;
}

StoreStatus store_names_move(Store *s, const char *from, const char *to)
{
    if (!s->names_indexed)
        return STORE_OK;
    sqlite3_stmt *st = store_cached(
        s, "UPDATE temp.match_names SET guest_id = ?2 WHERE guest_id = ?1", "index guest names");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, from);
    store_bind_text(s, st, 2, to);
    return store_step_done(s, st, "index guest names");
}

/* Guests with a name key, by a scan: the last name alone (?2) is folded for
 * every guest, the whole key (?1) only for those it lets through. */
static const char NAME_SCAN[] =
    "SELECT id FROM guests WHERE " HAS_NAME_KEY " AND lanyard_fold(last) = ?2 AND " NAME_KEY_OF(
        "") " = ?1 UNION SELECT guest_id FROM guest_records WHERE " HAS_NAME_KEY
            " AND lanyard_fold(last) = ?2 AND " NAME_KEY_OF("") " = ?1";

/* Guests with rec's name and company: from the index when built, else by a
 * scan (one walk-in). */
static StoreStatus by_name(Store *s, const Guest *rec, StoreIds *out, const char *doing)
{
    if (s->names_indexed && s->names_empty) /* an import into an empty database */
        return STORE_OK;
    char *key = NULL;
    if (guest_match_name_key(rec, &key) != 0)
        return store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
    if (!key)
        return STORE_OK;
    sqlite3_stmt *st;
    if (s->names_indexed) {
        st = store_cached(s, "SELECT guest_id FROM temp.match_names WHERE key = ?1", doing);
        if (st)
            store_bind_text(s, st, 1, key);
    } else {
        /* The key is "first U+001F last U+001F company", all folded: the
         * last name alone ends at the second separator. */
        char *last = strchr(key, '\x1f') + 1;
        *strchr(last, '\x1f') = '\0';
        st = store_cached(s, NAME_SCAN, doing);
        if (st)
            store_bind_text(s, st, 2, last);
        last[strlen(last)] = '\x1f';
        if (st)
            store_bind_text(s, st, 1, key);
    }
    StoreStatus status = st ? collect(s, st, out, doing) : STORE_ERROR;
    free(key);
    return status;
}

StoreStatus store_match_candidates(Store *s, const Guest *rec, StoreIds *out, const char *doing)
{
    sqlite3_stmt *st = store_cached(
        s,
        "SELECT id FROM guests WHERE ?1 <> '' AND id = ?1 "
        "UNION ALL SELECT guest_id FROM guest_aliases WHERE ?1 <> '' AND kind = 'id' AND value = "
        "?1 "
        "UNION ALL SELECT guest_id FROM guest_records WHERE ?1 <> '' AND id = ?1 "
        "UNION ALL SELECT id FROM guests WHERE ?2 <> '' AND code <> '' AND code = ?2 "
        "UNION ALL SELECT guest_id FROM guest_aliases WHERE ?2 <> '' AND kind = 'code' AND value = "
        "?2 "
        "UNION ALL SELECT guest_id FROM guest_records WHERE ?2 <> '' AND code <> '' AND code = ?2 "
        "UNION ALL SELECT id FROM guests WHERE ?3 <> '' AND email <> '' AND lower(email) = "
        "lower(?3) "
        "UNION ALL SELECT guest_id FROM guest_records WHERE ?3 <> '' AND email <> '' "
        "AND lower(email) = lower(?3)",
        doing);
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, rec->id);
    store_bind_text(s, st, 2, rec->code);
    store_bind_text(s, st, 3, rec->email);
    StoreStatus status = collect(s, st, out, doing);
    if (status == STORE_OK)
        status = by_name(s, rec, out, doing);
    return status;
}

/* ---- deciding ---- */

int store_match_choose(Store *s, const GuestSet *rec, const StoreIds *cand, StoreCluster *clusters,
                       size_t *pick, const char *doing)
{
    GuestSet *sets = calloc(cand->n ? cand->n : 1, sizeof *sets);
    if (!sets) {
        store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
        return -1;
    }
    int k = 0;
    for (size_t i = 0; i < cand->n && k == 0; i++) {
        StoreStatus st = store_cluster_load(s, cand->ids[i], true, &clusters[i]);
        if (st == STORE_NOT_FOUND) /* a stale alias: nobody to match */
            store_cluster_clear(&clusters[i]);
        else if (st != STORE_OK)
            k = -1;
        sets[i] = store_cluster_set(&clusters[i]);
    }
    if (k == 0 && (k = guest_match_choose(rec, sets, cand->n, pick)) < 0)
        store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
    free(sets);
    return k;
}

/* Drops the candidates that are not walk-ins. */
static StoreStatus keep_walk_ins(Store *s, StoreIds *cand, const char *doing)
{
    sqlite3_stmt *st = store_cached(s, "SELECT walk_in FROM guests WHERE id = ?1", doing);
    if (!st)
        return STORE_ERROR;
    size_t kept = 0;
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i < cand->n; i++) {
        store_reset(s, st);
        store_bind_text(s, st, 1, cand->ids[i]);
        int rc = store_step(s, st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            status = store_fail(s, doing);
        else if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0)
            memmove(cand->ids[kept++], cand->ids[i], sizeof cand->ids[i]);
    }
    store_finish(s, st);
    cand->n = kept;
    return status;
}

/* Moves the row of guest clusters[i] (cand->ids[i]) into out, or reads it
 * when the cluster has none. */
static StoreStatus take_row(Store *s, const StoreIds *cand, StoreCluster *clusters, size_t i,
                            Guest *out, const char *doing)
{
    if (clusters[i].records.count == 0)
        return store_guest_by_id(s, cand->ids[i], doing, out);
    Guest was = *out;
    *out = clusters[i].records.items[0];
    clusters[i].records.items[0] = was; /* freed with the cluster */
    return STORE_OK;
}

/* Drops the candidate except (NULL: none). */
static void drop_id(StoreIds *cand, const char *except)
{
    size_t kept = 0;
    for (size_t i = 0; i < cand->n; i++)
        if (!except || strcmp(cand->ids[i], except) != 0)
            memmove(cand->ids[kept++], cand->ids[i], sizeof cand->ids[i]);
    cand->n = kept;
}

int store_match_find(Store *s, const Guest *rec, bool walk_ins_only, const char *except,
                     Guest *found, const char *doing)
{
    StoreIds cand = {0};
    if (store_match_candidates(s, rec, &cand, doing) != STORE_OK ||
        (walk_ins_only && keep_walk_ins(s, &cand, doing) != STORE_OK)) {
        store_ids_free(&cand);
        return -1;
    }
    drop_id(&cand, except);
    StoreCluster *clusters = calloc(cand.n ? cand.n : 1, sizeof *clusters);
    size_t *pick = malloc((cand.n ? cand.n : 1) * sizeof *pick);
    int k = -1;
    if (!clusters || !pick) {
        store_failf(s, STORE_ERROR, "cannot %s: out of memory", doing);
    } else {
        for (size_t i = 0; i < cand.n; i++)
            store_cluster_init(&clusters[i]);
        GuestSet self = guest_match_set_of(rec);
        k = store_match_choose(s, &self, &cand, clusters, pick, doing);
        if (k > 0 && take_row(s, &cand, clusters, pick[0], found, doing) != STORE_OK)
            k = -1;
        for (size_t i = 0; i < cand.n; i++)
            store_cluster_clear(&clusters[i]);
    }
    free(clusters);
    free(pick);
    store_ids_free(&cand);
    return k < 0 ? -1 : k > 0;
}

StoreStatus store_guest_registration(Store *s, const Guest *g, const char *except, Guest *out)
{
    /* As store_walkin_add asks: the person as typed, no id or code. */
    static char NO_CODE[] = "";
    Guest typed = *g; /* shallow: only to be matched */
    typed.id[0] = '\0';
    typed.code = NO_CODE;
    char id[ID_LEN + 1] = "";
    if (except && store_resolve_key(s, "id", except, id) < 0)
        return STORE_ERROR;
    int found = store_match_find(s, &typed, false, id[0] ? id : except, out, "match a guest");
    if (found < 0)
        return STORE_ERROR;
    return found > 0 && !out->walk_in ? STORE_OK : STORE_NOT_FOUND;
}
