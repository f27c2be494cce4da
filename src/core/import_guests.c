/* import_guests.c — guest CSVs from Eventbrite, Google Forms/Sheets, pretix or a
 * plain sheet into a GuestList (SPEC §2, "Importing guest lists").
 *
 * Columns are found by header name with aliases. Rows repeating a guest (same
 * registration code, or same email ignoring case) are merged into the first
 * row's guest, later non-empty values winning. Ids are derived from the code,
 * else from the case-folded email, so kiosks importing the same list agree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/import_priv.h"
#include "core/text.h"

/* ---- columns ---- */

/* Aliases are compared with the header cell trimmed and case-folded. */
static const char *const COL_CODE[] = {
    "attendee #",        "attendee number",   "attendee id", "order code",
    "registration code", "ticket code",       "ticket #",    "ticket number",
    "barcode",           "confirmation code", "code",        NULL,
};
static const char *const COL_FIRST[] = {
    "first name", "first", "given name", "firstname", "first_name", "forename", NULL,
};
static const char *const COL_LAST[] = {
    "last name", "last", "surname", "family name", "lastname", "last_name", NULL,
};
static const char *const COL_NAME[] = {
    "name", "attendee name", "full name", "your name", "attendee", "guest name", NULL,
};
static const char *const COL_EMAIL[] = {
    "email",          "email address", "e-mail",     "e-mail address",
    "attendee email", "email_address", "work email", NULL,
};
static const char *const COL_COMPANY[] = {
    "company",
    "company / organization",
    "company/organization",
    "organization",
    "organisation",
    "company name",
    "employer",
    "business",
    "business name",
    "organization name",
    NULL,
};
static const char *const COL_TITLE[] = {
    "job title", "title", "position", "job_title", NULL,
};
static const char *const COL_PHONE[] = {
    "cell phone", "phone",      "phone number", "mobile",     "mobile phone",
    "cell",       "work phone", "telephone",    "home phone", NULL,
};
static const char *const COL_STATUS[] = {"attendee status", NULL};
static const char *const COL_ROLE[] = {
    "role", "attendee type", "ticket type", "product", "registration type", NULL,
};
static const char *const COL_CONSENT[] = {
    "consent", "may we contact you", "ok to contact", "contact consent", NULL,
};

typedef struct Columns {
    ImportColumn code, first, last, name, email, company, title, phone, status, role, consent;
} Columns;

/* ---- a small string -> index hash table, for merging in linear time ---- */

typedef struct KeyIndex {
    char **keys; /* NULL = empty slot */
    size_t *vals;
    size_t cap, count;
} KeyIndex;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static void keyindex_free(KeyIndex *k)
{
    for (size_t i = 0; i < k->cap; i++)
        free(k->keys[i]);
    free(k->keys);
    free(k->vals);
    memset(k, 0, sizeof *k);
}

static bool keyindex_get(const KeyIndex *k, const char *key, size_t *val)
{
    if (!k->cap)
        return false;
    for (size_t i = hash_str(key) & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        if (!k->keys[i])
            return false;
        if (strcmp(k->keys[i], key) == 0) {
            *val = k->vals[i];
            return true;
        }
    }
}

/* Takes ownership of key. 0, or -1 when out of memory (key freed). */
static int keyindex_put(KeyIndex *k, char *key, size_t val)
{
    if ((k->count + 1) * 2 > k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 64;
        KeyIndex n = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t)), cap, 0};
        if (!n.keys || !n.vals) {
            free(n.keys);
            free(n.vals);
            free(key);
            return -1;
        }
        for (size_t i = 0; i < k->cap; i++) {
            if (!k->keys[i])
                continue;
            size_t j = hash_str(k->keys[i]) & (cap - 1);
            while (n.keys[j])
                j = (j + 1) & (cap - 1);
            n.keys[j] = k->keys[i];
            n.vals[j] = k->vals[i];
            n.count++;
        }
        free(k->keys);
        free(k->vals);
        *k = n;
    }
    size_t i = hash_str(key) & (k->cap - 1);
    while (k->keys[i]) {
        if (strcmp(k->keys[i], key) == 0) {
            k->vals[i] = val;
            free(key);
            return 0;
        }
        i = (i + 1) & (k->cap - 1);
    }
    k->keys[i] = key;
    k->vals[i] = val;
    k->count++;
    return 0;
}

/* ---- reading rows ---- */

typedef struct GuestCtx {
    GuestList *out;
    ImportReport *rep;
    bool have_header;
    ImportHeader header;
    Columns cols;
    KeyIndex by_code, by_email;
} GuestCtx;

static bool role_from_text(const char *folded, GuestRole *role)
{
    if (strstr(folded, "student")) {
        *role = ROLE_STUDENT;
        return true;
    }
    if (strstr(folded, "educator") || strstr(folded, "teacher") || strstr(folded, "faculty")) {
        *role = ROLE_EDUCATOR;
        return true;
    }
    if (strstr(folded, "staff")) {
        *role = ROLE_STAFF;
        return true;
    }
    if (strstr(folded, "partner") || strstr(folded, "industry") || strstr(folded, "business")) {
        *role = ROLE_INDUSTRY_PARTNER;
        return true;
    }
    return false;
}

static bool is_yes(const char *folded)
{
    static const char *const YES[] = {"yes", "y",       "true",  "1",       "x", "si",
                                      "sí",  "checked", "agree", "i agree", NULL};
    for (const char *const *y = YES; *y; y++) {
        if (strcmp(folded, *y) == 0)
            return true;
    }
    return strncmp(folded, "yes", 3) == 0;
}

/* Eventbrite statuses of people who will not come. */
static bool status_is_not_attending(const char *folded)
{
    return strstr(folded, "not attending") || strstr(folded, "cancel") ||
           strstr(folded, "refund") || strstr(folded, "deleted") || strstr(folded, "transferred");
}

static int check_header(GuestCtx *c, const CsvRecord *rec)
{
    if (import_header_init(&c->header, rec) != 0)
        return import_fail(c->rep, rec->line, "out of memory");
    const ImportHeader *h = &c->header;
    Columns *k = &c->cols;
    import_column_find(h, COL_CODE, &k->code);
    import_column_find(h, COL_FIRST, &k->first);
    import_column_find(h, COL_LAST, &k->last);
    import_column_find(h, COL_NAME, &k->name);
    import_column_find(h, COL_EMAIL, &k->email);
    import_column_find(h, COL_COMPANY, &k->company);
    import_column_find(h, COL_TITLE, &k->title);
    import_column_find(h, COL_PHONE, &k->phone);
    import_column_find(h, COL_STATUS, &k->status);
    import_column_find(h, COL_ROLE, &k->role);
    import_column_find(h, COL_CONSENT, &k->consent);
    if (!k->first.n && !k->last.n && !k->name.n) {
        if (import_header_check_separator(h, c->rep, rec->line) != 0)
            return -1;
        char found[120];
        import_header_list(h, found, sizeof found);
        return import_fail(c->rep, rec->line,
                           "no name column: expected \"First Name\" and \"Last Name\", "
                           "\"Name\" or \"Attendee name\"; found: %s",
                           found[0] ? found : "(empty header row)");
    }
    c->have_header = true;
    return 0;
}

/* Sets *field to the trimmed cell. */
static int take(char **field, const CsvRecord *rec, const ImportColumn *col)
{
    char *v = text_trim_dup(import_cell(rec, col));
    if (!v)
        return -1;
    int rc = guest_set(field, v);
    free(v);
    return rc;
}

/* Splits a full name: "Last, First" at the comma, else the first word is the
 * first name and the rest the last name ("Ana María" would be ambiguous either
 * way; a first/last sheet avoids the guess). */
static int split_name(Guest *g, const char *full)
{
    char *s = text_trim_dup(full);
    if (!s)
        return -1;
    int rc = 0;
    char *comma = strchr(s, ',');
    char *first, *last;
    if (comma) {
        *comma = '\0';
        last = s;
        first = comma + 1;
    } else {
        char *sp = strpbrk(s, " \t");
        first = s;
        last = s + strlen(s);
        if (sp) {
            *sp = '\0';
            last = sp + 1;
        }
    }
    char *f = text_trim_dup(first), *l = text_trim_dup(last);
    if (!f || !l || guest_set(&g->first, f) != 0 || guest_set(&g->last, l) != 0)
        rc = -1;
    free(f);
    free(l);
    free(s);
    return rc;
}

/* Reads one data row into g. 0, 1 when the row is skipped (reported), -1 on ENOMEM. */
static int read_row(GuestCtx *c, const CsvRecord *rec, Guest *g)
{
    const Columns *k = &c->cols;
    char *status = text_casefold(import_cell(rec, &k->status));
    if (!status)
        return -1;
    if (status_is_not_attending(status)) {
        char *shown = text_trim_dup(import_cell(rec, &k->status));
        int rc =
            shown ? import_add_skip(c->rep, rec->line, "attendee status is \"%.60s\"", shown) : -1;
        free(shown);
        free(status);
        return rc ? -1 : 1;
    }
    free(status);

    if (take(&g->first, rec, &k->first) || take(&g->last, rec, &k->last))
        return -1;
    if (!g->first[0] && !g->last[0] && k->name.n && split_name(g, import_cell(rec, &k->name)))
        return -1;
    if (!g->first[0] && !g->last[0]) {
        if (import_add_skip(c->rep, rec->line, "no name") != 0)
            return -1;
        return 1;
    }
    if (take(&g->code, rec, &k->code) || take(&g->email, rec, &k->email) ||
        take(&g->company, rec, &k->company) || take(&g->title, rec, &k->title) ||
        take(&g->phone, rec, &k->phone))
        return -1;

    char *role = text_casefold(import_cell(rec, &k->role));
    if (!role)
        return -1;
    role_from_text(role, &g->role);
    free(role);
    char *consent_raw = text_trim_dup(import_cell(rec, &k->consent));
    char *consent = consent_raw ? text_casefold(consent_raw) : NULL;
    free(consent_raw);
    if (!consent)
        return -1;
    g->consent = is_yes(consent);
    free(consent);
    return 0;
}

/* Folds a later row of the same guest into the earlier one: non-empty later
 * values win, but the first code stays (the id is derived from it). */
static int merge_into(Guest *dst, const Guest *src)
{
    char **d[] = {&dst->first, &dst->last,  &dst->company, &dst->title,
                  &dst->email, &dst->phone, &dst->code};
    char *const *s[] = {&src->first, &src->last,  &src->company, &src->title,
                        &src->email, &src->phone, &src->code};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        bool is_code = d[i] == &dst->code;
        if ((*s[i])[0] && (!is_code || !(*d[i])[0]) && guest_set(d[i], *s[i]) != 0)
            return -1;
    }
    if (src->role != ROLE_INDUSTRY_PARTNER)
        dst->role = src->role;
    dst->consent = dst->consent || src->consent;
    return 0;
}

/* Records g's code and email as belonging to guest index idx. */
static int index_guest(GuestCtx *c, const Guest *g, size_t idx)
{
    if (g->code[0]) {
        char *key = text_dup(g->code);
        if (!key || keyindex_put(&c->by_code, key, idx) != 0)
            return -1;
    }
    if (g->email[0]) {
        char *key = text_casefold(g->email);
        if (!key || keyindex_put(&c->by_email, key, idx) != 0)
            return -1;
    }
    return 0;
}

static bool same_name(const Guest *a, const Guest *b)
{
    char *fa = text_fold(a->first), *fb = text_fold(b->first);
    char *la = text_fold(a->last), *lb = text_fold(b->last);
    bool same = fa && fb && la && lb && strcmp(fa, fb) == 0 && strcmp(la, lb) == 0;
    free(fa);
    free(fb);
    free(la);
    free(lb);
    return same;
}

static bool find_same_guest(GuestCtx *c, const Guest *g, size_t *idx)
{
    if (g->code[0] && keyindex_get(&c->by_code, g->code, idx))
        return true;
    if (!g->email[0])
        return false;
    char *key = text_casefold(g->email);
    bool found = key && keyindex_get(&c->by_email, key, idx);
    free(key);
    if (!found)
        return false;
    /* One email on two tickets with different names is someone registering a
     * colleague with their own address: two guests, not one. */
    const Guest *other = &c->out->items[*idx];
    if (g->code[0] && other->code[0] && strcmp(g->code, other->code) != 0)
        return same_name(g, other);
    return true;
}

static int on_record(const CsvRecord *rec, void *ud)
{
    GuestCtx *c = ud;
    if (!c->have_header)
        return check_header(c, rec);
    if (import_record_is_empty(rec))
        return 0; /* a spreadsheet's trailing ",,,," row: nothing to report */
    c->rep->rows++;
    char why[120];
    if (import_record_overflows(&c->header, rec, why, sizeof why))
        return import_add_skip(c->rep, rec->line, "%s", why) != 0 ? -1 : 0;

    Guest g;
    guest_init(&g);
    int rc = read_row(c, rec, &g);
    if (rc != 0) {
        guest_clear(&g);
        return rc < 0 ? import_fail(c->rep, rec->line, "out of memory") : 0;
    }
    size_t idx;
    if (find_same_guest(c, &g, &idx)) {
        Guest *dst = &c->out->items[idx];
        if (merge_into(dst, &g) != 0 || index_guest(c, dst, idx) != 0) {
            guest_clear(&g);
            return import_fail(c->rep, rec->line, "out of memory");
        }
        c->rep->merged++;
        guest_clear(&g);
        return 0;
    }
    Guest *slot = guest_list_push(c->out);
    if (!slot) {
        guest_clear(&g);
        return import_fail(c->rep, rec->line, "out of memory");
    }
    *slot = g; /* ownership of g's strings moves to the list */
    if (index_guest(c, slot, c->out->count - 1) != 0)
        return import_fail(c->rep, rec->line, "out of memory");
    return 0;
}

/* A guest with neither code nor email gets an id derived from their folded name
 * and company, and how many identical names came before in the list, so kiosks
 * that import the same list still agree on who is who when merged. */
typedef struct NameKey {
    char *key;
    size_t index;
} NameKey;

static int cmp_name_key(const void *a, const void *b)
{
    const NameKey *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static char *name_key(const Guest *g)
{
    char *first = text_fold(g->first), *last = text_fold(g->last), *company = text_fold(g->company);
    char *key = NULL;
    if (first && last && company) {
        size_t n = strlen(first) + strlen(last) + strlen(company) + 3;
        key = malloc(n);
        if (key)
            snprintf(key, n, "%s\x1f%s\x1f%s", first, last, company);
    }
    free(first);
    free(last);
    free(company);
    return key;
}

static int assign_name_ids(GuestList *l)
{
    NameKey *keys = malloc((l->count ? l->count : 1) * sizeof *keys);
    if (!keys)
        return -1;
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < l->count && rc == 0; i++) {
        const Guest *g = &l->items[i];
        if (g->code[0] || g->email[0])
            continue;
        keys[n].index = i;
        keys[n].key = name_key(g);
        if (!keys[n].key)
            rc = -1;
        else
            n++;
    }
    qsort(keys, n, sizeof *keys, cmp_name_key);
    for (size_t k = 0, same = 0; k < n && rc == 0; k++) {
        same = k > 0 && !strcmp(keys[k].key, keys[k - 1].key) ? same + 1 : 0;
        size_t len = strlen(keys[k].key) + 24;
        char *key = malloc(len);
        if (!key) {
            rc = -1;
            break;
        }
        snprintf(key, len, "%s\x1f%zu", keys[k].key, same);
        id_derived("guest-name", key, l->items[keys[k].index].id);
        free(key);
    }
    for (size_t k = 0; k < n; k++)
        free(keys[k].key);
    free(keys);
    return rc;
}

static int assign_ids(GuestList *l)
{
    for (size_t i = 0; i < l->count; i++) {
        Guest *g = &l->items[i];
        if (g->code[0]) {
            id_derived("guest-code", g->code, g->id);
        } else if (g->email[0]) {
            char *key = text_casefold(g->email);
            if (!key)
                return -1;
            id_derived("guest-email", key, g->id);
            free(key);
        }
    }
    return assign_name_ids(l);
}

int import_parse_guests(const char *utf8, size_t len, GuestList *out, ImportReport *rep)
{
    GuestCtx c = {.out = out, .rep = rep};
    int rc = import_csv_read(utf8, len, on_record, &c, rep);
    if (rc == 0 && !c.have_header)
        rc = import_fail(rep, 0,
                         "the file is empty: expected a header row such as "
                         "\"First Name,Last Name,Email,Company\"");
    if (rc == 0 && assign_ids(out) != 0)
        rc = import_fail(rep, 0, "out of memory");
    import_header_free(&c.header);
    keyindex_free(&c.by_code);
    keyindex_free(&c.by_email);
    if (rc != 0) {
        guest_list_free(out);
        return -1;
    }
    return 0;
}
