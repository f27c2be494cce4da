/* store_merge.c — folding another kiosk's database into this one.
 *
 * Merge must be idempotent and order-independent (SPEC §6), so every decision is
 * a function of the set of records seen, never of the order they arrive in:
 *
 *   guests      records that are one person by the rule of core/guest_match.h
 *               are one guest; it keeps the smallest id and the fields of the
 *               record with the greatest (updated_at, content). The records it
 *               was made of are kept in guest_records and the ids and codes of
 *               those folded away in guest_aliases, so a later merge matches it
 *               through each of them, whatever order it runs in.
 *   attendance  union by id; undone_at is the earliest undo, badge_printed the
 *               max; then the earliest active check-in of each guest counts and
 *               the others are marked duplicate_of it.
 *   interests   union; of two copies of one, the latest pick (created_at, its
 *               kiosk) and the latest retraction (retracted_at) are kept, so
 *               an interest counts when it was picked after it was last
 *               retracted on any kiosk (STORE_INTEREST_ACTIVE).
 *   audit       union by id.
 *   programs    the copy with the greatest (updated_at, content) wins, with
 *               its translations.
 *
 * The input is opened read-only through store_open, which refuses anything that
 * is not a sound Lanyard database before a single row is read. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A guest record with the columns Guest does not carry. */
typedef struct MergeGuest {
    Guest g;
    char *kiosk;
    char created_at[32];
} MergeGuest;

static void merge_guest_init(MergeGuest *m)
{
    guest_init(&m->g);
    m->kiosk = NULL;
    m->created_at[0] = '\0';
}

static void merge_guest_clear(MergeGuest *m)
{
    guest_clear(&m->g);
    free(m->kiosk);
    m->kiosk = NULL;
}

#define MERGE_GUEST_SELECT "SELECT " STORE_GUEST_COLUMNS ", kiosk, created_at FROM guests "

static int read_merge_guest(sqlite3_stmt *st, MergeGuest *m)
{
    if (store_read_guest(st, 0, &m->g) != 0)
        return -1;
    free(m->kiosk);
    if (!(m->kiosk = strdup(store_col_text(st, 12))))
        return -1;
    snprintf(m->created_at, sizeof m->created_at, "%s", store_col_text(st, 13));
    return 0;
}

/* Orders records by (updated_at, content); the greatest survives. */
static int compare_guests(const Guest *a, const Guest *b)
{
    if (a->updated_at != b->updated_at)
        return a->updated_at < b->updated_at ? -1 : 1;
    const char *fa[] = {a->code, a->first, a->last, a->company, a->title, a->email, a->phone};
    const char *fb[] = {b->code, b->first, b->last, b->company, b->title, b->email, b->phone};
    for (size_t i = 0; i < sizeof fa / sizeof fa[0]; i++) {
        int c = strcmp(fa[i], fb[i]);
        if (c)
            return c;
    }
    int ia[] = {(int)a->role, a->walk_in, a->consent};
    int ib[] = {(int)b->role, b->walk_in, b->consent};
    for (size_t i = 0; i < 3; i++)
        if (ia[i] != ib[i])
            return ia[i] < ib[i] ? -1 : 1;
    return 0;
}

/* What one merge carries from guest to guest. */
typedef struct Merge {
    Store *s;
    Store *in;
    bool in_has_records; /* the input is new enough to have guest_records */
    MergeReport *rep;
} Merge;

static StoreStatus merge_nomem(Store *s)
{
    return store_failf(s, STORE_ERROR, "cannot merge: out of memory");
}

static StoreStatus exec_bound(Store *s, const char *sql, const char *a, const char *b,
                              const char *c)
{
    sqlite3_stmt *st = store_cached(s, sql, "merge guests");
    if (!st)
        return STORE_ERROR;
    const char *args[] = {a, b, c};
    int nparams = sqlite3_bind_parameter_count(st);
    for (int i = 0; i < nparams && i < 3; i++)
        store_bind_text(s, st, i + 1, args[i]);
    return store_step_done(s, st, "merge guests");
}

/* Folds a second copy of an interest (excluded) into the stored one: the
 * later pick and its kiosk (ties: the smaller kiosk), the later retraction. */
#define INTEREST_UPSERT                                                                            \
    " ON CONFLICT (guest_id, kind, value) DO UPDATE SET "                                          \
    "kiosk = CASE WHEN excluded.created_at > created_at OR (excluded.created_at = created_at "     \
    "AND excluded.kiosk < kiosk) THEN excluded.kiosk ELSE kiosk END, "                             \
    "created_at = max(created_at, excluded.created_at), "                                          \
    "retracted_at = CASE WHEN retracted_at IS NULL THEN excluded.retracted_at "                    \
    "WHEN excluded.retracted_at IS NULL THEN retracted_at "                                        \
    "ELSE max(retracted_at, excluded.retracted_at) END"

StoreStatus store_guest_repoint(Store *s, const char *id, const char *code, const char *to)
{
    StoreStatus st =
        exec_bound(s, "UPDATE guest_aliases SET guest_id = ?2 WHERE guest_id = ?1", id, to, NULL);
    /* Out of the unique active index until store_attendance_normalise decides
     * (an undone row is not in it, and normalise leaves it no duplicate_of). */
    if (st == STORE_OK)
        st = exec_bound(s,
                        "UPDATE attendance SET guest_id = ?2, duplicate_of = CASE WHEN undone_at "
                        "IS NULL THEN coalesce(duplicate_of, id) END WHERE guest_id = ?1",
                        id, to, NULL);
    if (st == STORE_OK)
        st = exec_bound(s,
                        "INSERT INTO interests (guest_id, kind, value, created_at, kiosk, "
                        "retracted_at) SELECT ?2, kind, value, created_at, kiosk, retracted_at "
                        "FROM interests WHERE guest_id = ?1 AND true" INTEREST_UPSERT,
                        id, to, NULL);
    if (st == STORE_OK)
        st = exec_bound(s, "DELETE FROM interests WHERE guest_id = ?1", id, NULL, NULL);
    if (st == STORE_OK)
        st = exec_bound(s, "UPDATE audit SET guest_id = ?2 WHERE guest_id = ?1", id, to, NULL);
    if (st == STORE_OK)
        st = exec_bound(s, "UPDATE guest_records SET guest_id = ?2 WHERE guest_id = ?1", id, to,
                        NULL);
    if (st == STORE_OK)
        st = store_names_move(s, id, to);
    if (st == STORE_OK)
        st = store_alias_add(s, "id", id, to, "merge guests");
    if (st == STORE_OK)
        st = store_alias_add(s, "code", code, to, "merge guests");
    return st;
}

static StoreStatus write_guest(Store *s, const char *id, const MergeGuest *fields,
                               const MergeGuest *origin)
{
    sqlite3_stmt *st = store_cached(
        s,
        "INSERT INTO guests (id, code, first, last, company, title, email, phone, role, "
        "walk_in, consent, kiosk, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (id) DO UPDATE SET code = ?2, first = ?3, "
        "last = ?4, company = ?5, title = ?6, email = ?7, phone = ?8, role = ?9, walk_in = ?10, "
        "consent = ?11, kiosk = ?12, created_at = ?13, updated_at = ?14",
        "merge guests");
    if (!st)
        return STORE_ERROR;
    const Guest *g = &fields->g;
    store_bind_text(s, st, 1, id);
    store_bind_guest(s, st, g);
    store_bind_text(s, st, 12, origin->kiosk);
    store_bind_text(s, st, 13, origin->created_at);
    store_bind_time(s, st, 14, g->updated_at);
    return store_step_done(s, st, "merge guests");
}

/* Drops aliases that merely repeat the guest's own id, code or email. */
static StoreStatus tidy_aliases(Store *s, const char *id)
{
    return exec_bound(s,
                      "DELETE FROM guest_aliases WHERE guest_id = ?1 AND ("
                      "(kind = 'id' AND value = ?1) OR "
                      "(kind = 'code' AND value = (SELECT code FROM guests WHERE id = ?1)) OR "
                      "(kind = 'email' AND value = (SELECT lower(email) FROM guests WHERE id = "
                      "?1)))",
                      id, NULL, NULL);
}

static StoreStatus read_out_guest(Store *s, const char *id, MergeGuest *out)
{
    sqlite3_stmt *st = store_cached(s, MERGE_GUEST_SELECT "WHERE id = ?1", "merge guests");
    if (!st)
        return STORE_ERROR;
    store_bind_text(s, st, 1, id);
    int rc = store_step(s, st);
    StoreStatus status = STORE_OK;
    if (rc != SQLITE_ROW)
        status = rc == SQLITE_DONE
                     ? store_failf(s, STORE_ERROR, "cannot merge: guest %s vanished", id)
                     : store_fail(s, "merge guests");
    else if (read_merge_guest(st, out) != 0)
        status = merge_nomem(s);
    store_finish(s, st);
    return status;
}

/* Is (created_at, kiosk) of a earlier than b's? The first sighting is the origin. */
static bool earlier_origin(const MergeGuest *a, const MergeGuest *b)
{
    int c = strcmp(a->created_at, b->created_at);
    return c < 0 || (c == 0 && strcmp(a->kiosk ? a->kiosk : "", b->kiosk ? b->kiosk : "") < 0);
}

/* Adds to cand the output guests that any record, id or code of the input
 * guest in may be (store_match_candidates). */
static StoreStatus candidates_of(Merge *m, const StoreCluster *in, StoreIds *cand)
{
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i < in->records.count; i++)
        status = store_match_candidates(m->s, &in->records.items[i], cand, "merge guests");
    Guest key;
    guest_init(&key);
    for (size_t i = 0; status == STORE_OK && i < in->nids; i++) {
        snprintf(key.id, sizeof key.id, "%s", in->ids[i]);
        status = store_match_candidates(m->s, &key, cand, "merge guests");
    }
    key.id[0] = '\0';
    for (size_t i = 0; status == STORE_OK && i < in->ncodes; i++) {
        if (guest_set(&key.code, in->codes[i]) != 0)
            status = merge_nomem(m->s);
        else
            status = store_match_candidates(m->s, &key, cand, "merge guests");
    }
    guest_clear(&key);
    return status;
}

/* The records a guest is made of: those a merge recorded (after its own row),
 * or its own row when there are none. */
static const Guest *own_records(const StoreCluster *c, size_t *n)
{
    *n = c->records.count > 1 ? c->records.count - 1 : c->records.count;
    return c->records.count > 1 ? c->records.items + 1 : c->records.items;
}

/* Keeps one record of guest keep in guest_records; of two versions of one
 * record, the later (then the greater content) stays, whatever the order. */
static StoreStatus write_record(Store *s, const char *keep, const Guest *r)
{
    sqlite3_stmt *st = store_cached(
        s,
        "INSERT INTO guest_records (id, guest_id, code, first, last, company, email, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET "
        "guest_id = excluded.guest_id, code = excluded.code, first = excluded.first, "
        "last = excluded.last, company = excluded.company, email = excluded.email, "
        "updated_at = excluded.updated_at WHERE (excluded.updated_at, excluded.code, "
        "excluded.first, excluded.last, excluded.company, excluded.email) > (updated_at, code, "
        "first, last, company, email)",
        "merge guests");
    if (!st)
        return STORE_ERROR;
    const char *text[] = {r->id, keep, r->code, r->first, r->last, r->company, r->email};
    for (int i = 0; i < 7; i++)
        store_bind_text(s, st, i + 1, text[i]);
    store_bind_time(s, st, 8, r->updated_at);
    StoreStatus status = store_step_done(s, st, "merge guests");
    return status == STORE_OK ? store_names_add(s, keep, r) : status;
}

/* When the folded guests hold two or more records, keeps every one of them
 * under keep, so later merges match the guest through each. */
static StoreStatus record_members(Merge *m, const char *keep, const StoreCluster *in,
                                  const StoreCluster *clusters, const size_t *pick, size_t k)
{
    const StoreCluster **all = malloc((k + 1) * sizeof *all);
    if (!all)
        return merge_nomem(m->s);
    all[0] = in;
    for (size_t i = 0; i < k; i++)
        all[i + 1] = &clusters[pick[i]];
    StoreIds ids = {0};
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i <= k; i++) {
        size_t n;
        const Guest *r = own_records(all[i], &n);
        for (size_t j = 0; status == STORE_OK && j < n; j++)
            if (store_ids_add(&ids, r[j].id) != 0)
                status = merge_nomem(m->s);
    }
    for (size_t i = 0; status == STORE_OK && ids.n > 1 && i <= k; i++) {
        size_t n;
        const Guest *r = own_records(all[i], &n);
        for (size_t j = 0; status == STORE_OK && j < n; j++)
            status = write_record(m->s, keep, &r[j]);
    }
    store_ids_free(&ids);
    free(all);
    return status;
}

StoreStatus store_guest_records_keep(Store *s, const char *keep, const char *const *ids, size_t n)
{
    StoreCluster *c = calloc(n ? n : 1, sizeof *c);
    if (!c)
        return merge_nomem(s);
    StoreStatus status = STORE_OK;
    for (size_t i = 0; i < n; i++)
        store_cluster_init(&c[i]);
    for (size_t i = 0; status == STORE_OK && i < n; i++)
        status = store_cluster_load(s, ids[i], true, &c[i]);
    for (size_t i = 0; status == STORE_OK && i < n; i++) {
        size_t nr;
        const Guest *r = own_records(&c[i], &nr);
        for (size_t j = 0; status == STORE_OK && j < nr; j++)
            status = write_record(s, keep, &r[j]);
    }
    for (size_t i = 0; i < n; i++)
        store_cluster_clear(&c[i]);
    free(c);
    return status;
}

/* Folds the input guest r (in: its records and keys) and the output guests
 * members[0..k) into one, under the smallest id, with the fields of the most
 * recently updated record and the earliest origin. */
static StoreStatus fold(Merge *m, const MergeGuest *r, const StoreCluster *in,
                        const MergeGuest *members, size_t k, const char *keep)
{
    Store *s = m->s;
    const MergeGuest *best = r, *origin = r;
    for (size_t i = 0; i < k; i++) {
        if (compare_guests(&members[i].g, &best->g) > 0)
            best = &members[i];
        if (earlier_origin(&members[i], origin))
            origin = &members[i];
    }
    /* Everything folded away first, so the survivor's new code is free of the
     * unique index by the time it is written. */
    StoreStatus status = STORE_OK;
    for (size_t i = 0; status == STORE_OK && i < k; i++) {
        if (strcmp(members[i].g.id, keep) == 0)
            continue;
        status = store_guest_repoint(s, members[i].g.id, members[i].g.code, keep);
        if (status == STORE_OK)
            status = exec_bound(s, "DELETE FROM guests WHERE id = ?1", members[i].g.id, NULL, NULL);
    }
    /* The survivor's own previous code stays findable too. */
    for (size_t i = 0; status == STORE_OK && i < k; i++)
        if (strcmp(members[i].g.id, keep) == 0)
            status = store_alias_add(s, "code", members[i].g.code, keep, "merge guests");
    if (status == STORE_OK)
        status = write_guest(s, keep, best, origin);
    if (status == STORE_OK)
        status = store_names_add(s, keep, &best->g);
    if (status == STORE_OK && strcmp(r->g.id, keep) != 0)
        status = store_alias_add(s, "id", r->g.id, keep, "merge guests");
    if (status == STORE_OK)
        status = store_alias_add(s, "code", r->g.code, keep, "merge guests");
    for (size_t i = 0; status == STORE_OK && i < in->nids; i++)
        status = store_alias_add(s, "id", in->ids[i], keep, "merge guests");
    for (size_t i = 0; status == STORE_OK && i < in->ncodes; i++)
        status = store_alias_add(s, "code", in->codes[i], keep, "merge guests");
    return status;
}

/* Folds one input guest into the output: the output guests it is, by the one
 * rule (guest_match_choose), become one guest with it. */
static StoreStatus merge_one_guest(Merge *m, const MergeGuest *r, const StoreCluster *in)
{
    Store *s = m->s;
    StoreIds cand = {0};
    StoreStatus status = candidates_of(m, in, &cand);
    size_t n = cand.n ? cand.n : 1;
    StoreCluster *clusters = calloc(n, sizeof *clusters);
    MergeGuest *members = calloc(n, sizeof *members);
    size_t *pick = malloc(n * sizeof *pick);
    if (status == STORE_OK && (!clusters || !members || !pick))
        status = merge_nomem(s);
    for (size_t i = 0; clusters && members && i < cand.n; i++) {
        store_cluster_init(&clusters[i]);
        merge_guest_init(&members[i]);
    }
    int k = 0;
    if (status == STORE_OK) {
        GuestSet rs = store_cluster_set(in);
        k = store_match_choose(s, &rs, &cand, clusters, pick, "merge guests");
        if (k < 0)
            status = STORE_ERROR;
    }
    const char *survivor = r->g.id;
    for (int i = 0; status == STORE_OK && i < k; i++) {
        status = read_out_guest(s, cand.ids[pick[i]], &members[i]);
        if (status == STORE_OK && strcmp(members[i].g.id, survivor) < 0)
            survivor = members[i].g.id;
    }
    char keep[ID_LEN + 1];
    snprintf(keep, sizeof keep, "%s", survivor);
    if (status == STORE_OK)
        status = fold(m, r, in, members, (size_t)k, keep);
    if (status == STORE_OK)
        status = record_members(m, keep, in, clusters, pick, (size_t)k);
    if (status == STORE_OK)
        status = tidy_aliases(s, keep);
    if (status == STORE_OK) {
        if (k > 0)
            m->rep->guests_matched++;
        else
            m->rep->guests_added++;
    }
    for (size_t i = 0; clusters && members && i < cand.n; i++) {
        store_cluster_clear(&clusters[i]);
        merge_guest_clear(&members[i]);
    }
    free(clusters);
    free(members);
    free(pick);
    store_ids_free(&cand);
    return status;
}

/* Whether the input has guest_records (made by a version that keeps them). */
static StoreStatus input_has_records(Merge *m)
{
    sqlite3_stmt *st = store_cached(m->in,
                                    "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'guest_records'",
                                    "read the guests");
    if (!st)
        return store_failf(m->s, STORE_ERROR, "%s", store_errmsg(m->in));
    int rc = store_step(m->in, st);
    store_finish(m->in, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_failf(m->s, STORE_ERROR, "cannot read %s: %s", store_path(m->in),
                           sqlite3_errmsg(m->in->db));
    m->in_has_records = rc == SQLITE_ROW;
    return STORE_OK;
}

static StoreStatus merge_guests(Merge *m)
{
    StoreStatus status = input_has_records(m);
    sqlite3_stmt *st = NULL;
    if (status == STORE_OK) {
        st = store_cached(m->in, MERGE_GUEST_SELECT "ORDER BY id", "read the guests");
        if (!st)
            status = store_failf(m->s, STORE_ERROR, "%s", store_errmsg(m->in));
    }
    if (status == STORE_OK)
        status = store_names_index(m->s);
    MergeGuest r;
    merge_guest_init(&r);
    StoreCluster in;
    store_cluster_init(&in);
    int rc = SQLITE_DONE;
    while (status == STORE_OK && (rc = store_step(m->in, st)) == SQLITE_ROW) {
        if (read_merge_guest(st, &r) != 0) {
            status = merge_nomem(m->s);
        } else if (store_cluster_load(m->in, r.g.id, m->in_has_records, &in) != STORE_OK) {
            status = store_failf(m->s, STORE_ERROR, "cannot read the guests of %s: %s",
                                 store_path(m->in), store_errmsg(m->in));
        } else {
            status = merge_one_guest(m, &r, &in);
        }
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_failf(m->s, STORE_ERROR, "cannot read the guests of %s: %s",
                             store_path(m->in), sqlite3_errmsg(m->in->db));
    store_names_unindex(m->s);
    store_cluster_clear(&in);
    merge_guest_clear(&r);
    store_finish(m->in, st);
    return status;
}

/* The output's guest for an input guest id (after merge_guests, always found). */
static StoreStatus map_guest(Merge *m, const char *in_id, char out[ID_LEN + 1])
{
    int found = store_resolve_key(m->s, "id", in_id, out);
    if (found < 0)
        return STORE_ERROR;
    if (!found)
        return store_failf(m->s, STORE_ERROR,
                           "cannot merge %s: it refers to a guest %s it does not contain",
                           store_path(m->in), in_id);
    return STORE_OK;
}

/* Runs a SELECT on the input and calls row() for each row. */
static StoreStatus each_input_row(Merge *m, const char *sql,
                                  StoreStatus (*row)(Merge *m, sqlite3_stmt *in, sqlite3_stmt *out),
                                  const char *out_sql, const char *doing)
{
    sqlite3_stmt *in = store_cached(m->in, sql, doing);
    if (!in)
        return store_failf(m->s, STORE_ERROR, "%s", store_errmsg(m->in));
    sqlite3_stmt *out = store_cached(m->s, out_sql, doing);
    if (!out) {
        store_finish(m->in, in);
        return STORE_ERROR;
    }
    int rc;
    StoreStatus status = STORE_OK;
    while (status == STORE_OK && (rc = store_step(m->in, in)) == SQLITE_ROW) {
        store_reset(m->s, out);
        sqlite3_clear_bindings(out);
        status = row(m, in, out);
    }
    if (status == STORE_OK && rc != SQLITE_DONE)
        status = store_failf(m->s, STORE_ERROR, "cannot read %s: %s", store_path(m->in),
                             sqlite3_errmsg(m->in->db));
    store_finish(m->in, in);
    store_finish(m->s, out);
    return status;
}

/* 1 when a row with this key exists in the output, 0 not, -1 error. */
static int out_has(Store *s, const char *sql, const char *a, const char *b, const char *c)
{
    sqlite3_stmt *st = store_cached(s, sql, "merge");
    if (!st)
        return -1;
    store_bind_text(s, st, 1, a);
    if (b)
        store_bind_text(s, st, 2, b);
    if (c)
        store_bind_text(s, st, 3, c);
    int rc = store_step(s, st);
    store_finish(s, st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    store_fail(s, "merge");
    return -1;
}

static StoreStatus attendance_row(Merge *m, sqlite3_stmt *in, sqlite3_stmt *out)
{
    char guest[ID_LEN + 1];
    StoreStatus status = map_guest(m, store_col_text(in, 1), guest);
    if (status != STORE_OK)
        return status;
    const char *id = store_col_text(in, 0);
    int exists = out_has(m->s, "SELECT 1 FROM attendance WHERE id = ?1", id, NULL, NULL);
    if (exists < 0)
        return STORE_ERROR;
    store_bind_text(m->s, out, 1, id);
    store_bind_text(m->s, out, 2, guest);
    for (int c = 2; c <= 5; c++) {
        if (sqlite3_column_type(in, c) == SQLITE_NULL)
            store_bind_null(m->s, out, c + 1);
        else
            store_bind_text(m->s, out, c + 1, store_col_text(in, c));
    }
    store_bind_int(m->s, out, 7, sqlite3_column_int(in, 6));
    if (store_step(m->s, out) != SQLITE_DONE)
        return store_fail(m->s, "merge check-ins");
    if (!exists)
        m->rep->attendance_added++;
    return STORE_OK;
}

static StoreStatus interest_row(Merge *m, sqlite3_stmt *in, sqlite3_stmt *out)
{
    char guest[ID_LEN + 1];
    StoreStatus status = map_guest(m, store_col_text(in, 0), guest);
    if (status != STORE_OK)
        return status;
    int exists =
        out_has(m->s, "SELECT 1 FROM interests WHERE guest_id = ?1 AND kind = ?2 AND value = ?3",
                guest, store_col_text(in, 1), store_col_text(in, 2));
    if (exists < 0)
        return STORE_ERROR;
    store_bind_text(m->s, out, 1, guest);
    for (int c = 1; c <= 4; c++)
        store_bind_text(m->s, out, c + 1, store_col_text(in, c));
    if (sqlite3_column_type(in, 5) == SQLITE_NULL)
        store_bind_null(m->s, out, 6);
    else
        store_bind_text(m->s, out, 6, store_col_text(in, 5));
    if (store_step(m->s, out) != SQLITE_DONE)
        return store_fail(m->s, "merge interests");
    if (!exists)
        m->rep->interests_added++;
    return STORE_OK;
}

static StoreStatus audit_row(Merge *m, sqlite3_stmt *in, sqlite3_stmt *out)
{
    const char *guest_in = store_col_text(in, 4);
    char guest[ID_LEN + 1] = "";
    /* Audit lines may name a guest that never existed here (a typo at the
     * command line); those keep the id they had. */
    int found = *guest_in ? store_resolve_key(m->s, "id", guest_in, guest) : 0;
    if (found < 0)
        return STORE_ERROR;
    for (int c = 0; c < 6; c++)
        store_bind_text(m->s, out, c + 1, c == 4 && found ? guest : store_col_text(in, c));
    if (store_step(m->s, out) != SQLITE_DONE)
        return store_fail(m->s, "merge the audit trail");
    m->rep->audit_added += (size_t)sqlite3_changes(m->s->db);
    return STORE_OK;
}

#define PROGRAM_ALL                                                                                \
    "code, name, school, pathway, description, grades, certifications, partner_needs, "            \
    "contact, url, image, position, visible, updated_at, texts"

/* Compares two program rows as (updated_at, content): a program and its
 * translations (texts) win together. */
static int compare_programs(sqlite3_stmt *a, sqlite3_stmt *b)
{
    int c = strcmp(store_col_text(a, 13), store_col_text(b, 13));
    for (int k = 1; !c && k <= 14; k++)
        if (k != 11 && k != 12 && k != 13)
            c = strcmp(store_col_text(a, k), store_col_text(b, k));
    for (int k = 11; !c && k <= 12; k++) {
        sqlite3_int64 x = sqlite3_column_int64(a, k), y = sqlite3_column_int64(b, k);
        c = x < y ? -1 : x > y;
    }
    return c;
}

static StoreStatus program_row(Merge *m, sqlite3_stmt *in, sqlite3_stmt *out)
{
    sqlite3_stmt *cur =
        store_cached(m->s, "SELECT " PROGRAM_ALL " FROM programs WHERE code = ?1", "merge");
    if (!cur)
        return STORE_ERROR;
    store_bind_text(m->s, cur, 1, store_col_text(in, 0));
    int rc = store_step(m->s, cur);
    bool take = rc == SQLITE_DONE || (rc == SQLITE_ROW && compare_programs(in, cur) > 0);
    store_finish(m->s, cur);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(m->s, "merge programs");
    if (!take)
        return STORE_OK;
    for (int c = 0; c < 15; c++) {
        if (c == 11 || c == 12)
            store_bind_int(m->s, out, c + 1, sqlite3_column_int64(in, c));
        else
            store_bind_text(m->s, out, c + 1, store_col_text(in, c));
    }
    return store_step(m->s, out) == SQLITE_DONE ? STORE_OK : store_fail(m->s, "merge programs");
}

/* The events the input and the output record (rep): an input of another
 * event is refused unless flags allow it; an output that records none takes
 * the input's, so the next input is asked against it. */
static StoreStatus merge_event(Merge *m, unsigned flags)
{
    MergeReport *rep = m->rep;
    StoreStatus st = store_event_get(m->in, &rep->in_event);
    if (st != STORE_OK && st != STORE_NOT_FOUND)
        return store_failf(m->s, STORE_ERROR, "%s", store_errmsg(m->in));
    rep->in_has_event = st == STORE_OK;
    st = store_event_get(m->s, &rep->out_event);
    if (st != STORE_OK && st != STORE_NOT_FOUND)
        return st;
    rep->out_has_event = st == STORE_OK;
    if (!rep->in_has_event)
        return STORE_OK;
    if (!rep->out_has_event) {
        rep->event_taken = true;
        return store_event_write(m->s, &rep->in_event);
    }
    if (event_ident_same(&rep->in_event, &rep->out_event) || (flags & STORE_MERGE_ANY_EVENT))
        return STORE_OK;
    char in[600], out[600];
    event_ident_describe(&rep->in_event, in, sizeof in);
    event_ident_describe(&rep->out_event, out, sizeof out);
    return store_failf(m->s, STORE_OTHER_EVENT,
                       "%s is the database of another event: %s, where %s is of %s; "
                       "nothing of it was merged",
                       store_path(m->in), in, m->s->path, out);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static StoreStatus merge_all(Merge *m)
{
    StoreStatus status = merge_guests(m);
    if (status == STORE_OK)
        status = each_input_row(
            m, "SELECT " PROGRAM_ALL " FROM programs ORDER BY code", program_row,
            "INSERT OR REPLACE INTO programs (" PROGRAM_ALL ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
            "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            "merge programs");
    if (status == STORE_OK)
        status = each_input_row(
            m,
            "SELECT id, guest_id, kiosk, checked_in_at, undone_at, undone_by, badge_printed "
            "FROM attendance ORDER BY id",
            attendance_row,
            "INSERT INTO attendance (id, guest_id, kiosk, checked_in_at, undone_at, undone_by, "
            "badge_printed, duplicate_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1) "
            "ON CONFLICT (id) DO UPDATE SET "
            "undone_by = CASE WHEN excluded.undone_at IS NOT NULL AND (undone_at IS NULL OR "
            "excluded.undone_at < undone_at OR (excluded.undone_at = undone_at AND "
            "excluded.undone_by < undone_by)) THEN excluded.undone_by ELSE undone_by END, "
            "undone_at = CASE WHEN undone_at IS NULL THEN excluded.undone_at "
            "WHEN excluded.undone_at IS NULL THEN undone_at "
            "ELSE min(undone_at, excluded.undone_at) END, "
            "badge_printed = max(badge_printed, excluded.badge_printed)",
            "merge check-ins");
    if (status == STORE_OK)
        status = each_input_row(
            m, "SELECT guest_id, kind, value, created_at, kiosk, retracted_at FROM interests",
            interest_row,
            "INSERT INTO interests (guest_id, kind, value, created_at, kiosk, retracted_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)" INTEREST_UPSERT,
            "merge interests");
    if (status == STORE_OK)
        status = each_input_row(
            m, "SELECT id, at, kiosk, action, guest_id, detail FROM audit", audit_row,
            "INSERT OR IGNORE INTO audit (id, at, kiosk, action, guest_id, detail) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            "merge the audit trail");
    if (status == STORE_OK)
        status = store_attendance_normalise(m->s);
    return status;
}

StoreStatus store_merge(Store *s, const char *in_path, unsigned flags, MergeReport *rep)
{
    memset(rep, 0, sizeof *rep);
    if (same_file(s->path, in_path))
        return store_failf(s, STORE_INVALID, "%s is the database being merged into", in_path);
    Merge m = {.s = s, .rep = rep};
    char err[sizeof s->err];
    if (store_open(in_path, STORE_OPEN_READONLY, &m.in, err, sizeof err) != STORE_OK)
        return store_failf(s, STORE_ERROR, "%s", err);
    StoreStatus status = store_begin(s, "merge");
    if (status != STORE_OK) {
        store_close(m.in);
        return status;
    }
    /* Guests are deleted and re-keyed mid-way; references are checked at COMMIT. */
    status = store_exec(s, "PRAGMA defer_foreign_keys = ON", "merge");
    /* One snapshot of the input, even if its kiosk is still writing. */
    if (status == STORE_OK && store_exec(m.in, "BEGIN", "read") != STORE_OK)
        status = store_failf(s, STORE_ERROR, "%s", store_errmsg(m.in));
    if (status == STORE_OK)
        status = merge_event(&m, flags);
    if (status == STORE_OK)
        status = merge_all(&m);
    store_rollback(m.in);
    store_close(m.in);
    if (status == STORE_OK)
        return store_commit(s, "merge");
    store_rollback(s);
    memset(rep, 0, sizeof *rep);
    return status;
}
