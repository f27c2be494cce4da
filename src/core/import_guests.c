/* import_guests.c — guest CSVs from Eventbrite, Google Forms/Sheets, pretix or a
 * plain sheet into a GuestList (SPEC §2, "Importing guest lists").
 *
 * Columns are found by header name with aliases. A row that repeats an earlier
 * guest, by the one rule of guest_match.h (same code; same email with no sign
 * of another person; same name and company), is merged into that guest, later
 * non-empty values winning; each guest is matched through every row that made
 * it. Ids are derived from the code, else from the email or the name (see
 * "ids" below), so kiosks importing the same list agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/guest_match.h"
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
/* The barcode on a ticket, when the list gives it beside the code. */
static const char *const COL_BARCODE[] = {"barcode #", "barcode", "ticket barcode", NULL};
/* Eventbrite's numbers, from which it composes the barcode it prints. */
static const char *const COL_ORDER[] = {"order #", NULL};
static const char *const COL_ATTENDEE[] = {"attendee #", NULL};
static const char *const COL_STATUS[] = {"attendee status", NULL};
static const char *const COL_ROLE[] = {
    "role", "attendee type", "ticket type", "product", "registration type", NULL,
};
static const char *const COL_CONSENT[] = {
    "consent", "may we contact you", "ok to contact", "contact consent", NULL,
};

typedef struct Columns {
    ImportColumn code, barcode, order, attendee, first, last, name, email, company, title, phone,
        status, role, consent;
} Columns;

/* ---- a small string -> guest indices hash table, for merging in linear time ---- */

typedef struct KeyIndex {
    char **keys;   /* NULL = empty slot */
    size_t **vals; /* vals[i]: the guests under keys[i], in the order added */
    size_t *nvals;
    size_t cap, count;
} KeyIndex;

static void keyindex_free(KeyIndex *k)
{
    for (size_t i = 0; i < k->cap; i++) {
        free(k->keys[i]);
        free(k->vals[i]);
    }
    free(k->keys);
    free(k->vals);
    free(k->nvals);
    memset(k, 0, sizeof *k);
}

/* The slot of key, or of the empty slot where it would go. */
static size_t keyindex_slot(const KeyIndex *k, const char *key)
{
    size_t i = text_hash64(key, strlen(key)) & (k->cap - 1);
    while (k->keys[i] && strcmp(k->keys[i], key) != 0)
        i = (i + 1) & (k->cap - 1);
    return i;
}

/* The guests under key (*n of them), or NULL. */
static const size_t *keyindex_get(const KeyIndex *k, const char *key, size_t *n)
{
    *n = 0;
    if (!k->cap)
        return NULL;
    size_t i = keyindex_slot(k, key);
    if (!k->keys[i])
        return NULL;
    *n = k->nvals[i];
    return k->vals[i];
}

static int keyindex_grow(KeyIndex *k)
{
    size_t cap = k->cap ? k->cap * 2 : 64;
    KeyIndex n = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t *)),
                  calloc(cap, sizeof(size_t)), cap, 0};
    if (!n.keys || !n.vals || !n.nvals) {
        free(n.keys);
        free(n.vals);
        free(n.nvals);
        return -1;
    }
    for (size_t i = 0; i < k->cap; i++) {
        if (!k->keys[i])
            continue;
        size_t j = keyindex_slot(&n, k->keys[i]);
        n.keys[j] = k->keys[i];
        n.vals[j] = k->vals[i];
        n.nvals[j] = k->nvals[i];
        n.count++;
    }
    free(k->keys);
    free(k->vals);
    free(k->nvals);
    *k = n;
    return 0;
}

/* Adds guest val under key (once). Takes ownership of key. 0, or -1 when out
 * of memory (key freed). */
static int keyindex_add(KeyIndex *k, char *key, size_t val)
{
    if ((k->count + 1) * 2 > k->cap && keyindex_grow(k) != 0) {
        free(key);
        return -1;
    }
    size_t i = keyindex_slot(k, key);
    if (!k->keys[i]) {
        k->keys[i] = key;
        k->count++;
    } else {
        free(key);
    }
    for (size_t j = 0; j < k->nvals[i]; j++)
        if (k->vals[i][j] == val)
            return 0;
    size_t *grown = realloc(k->vals[i], (k->nvals[i] + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[k->nvals[i]++] = val;
    k->vals[i] = grown;
    return 0;
}

/* ---- reading rows ---- */

typedef struct GuestCtx {
    GuestList *out;
    ImportReport *rep;
    bool have_header;
    ImportHeader header;
    Columns cols;
    GuestList rows;      /* every row kept, as read */
    size_t *head, *next; /* head[guest]: its latest row; next[row]: the one before */
    size_t head_cap, next_cap, nheads;
    KeyIndex by_code, by_email, by_name; /* key -> guests with a row under it */
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
    import_column_find(h, COL_BARCODE, &k->barcode);
    import_column_find(h, COL_ORDER, &k->order);
    import_column_find(h, COL_ATTENDEE, &k->attendee);
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

/* Eventbrite writes "Info Requested" in every attendee field of a ticket it
 * asked only the buyer about: a placeholder, not a name or a company. */
static bool placeholder(const char *v)
{
    static const char WORDS[] = "Info Requested";
    if (!v)
        return false;
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    return n == sizeof WORDS - 1 && strncasecmp(v, WORDS, n) == 0;
}

/* Sets *field to the trimmed cell (empty for a placeholder). */
static int take(char **field, const CsvRecord *rec, const ImportColumn *col)
{
    char *v = text_trim_dup(import_cell(rec, col));
    if (!v)
        return -1;
    int rc = guest_set(field, placeholder(v) ? "" : v);
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

static bool all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* The ticket's barcode: the list's own column, else the one Eventbrite prints,
 * its order number, attendee number and "001" run together. None when it is
 * the code itself. 0 or -1 (ENOMEM). */
static int take_barcode(Guest *g, const CsvRecord *rec, const Columns *k)
{
    if (take(&g->barcode, rec, &k->barcode) != 0)
        return -1;
    char *order = text_trim_dup(import_cell(rec, &k->order));
    char *attendee = text_trim_dup(import_cell(rec, &k->attendee));
    int rc = order && attendee ? 0 : -1;
    if (rc == 0 && !g->barcode[0] && order[0] && attendee[0] && all_digits(order) &&
        all_digits(attendee)) {
        size_t n = strlen(order) + strlen(attendee) + 4;
        char *composed = malloc(n);
        if (composed)
            snprintf(composed, n, "%s%s001", order, attendee);
        rc = composed ? guest_set(&g->barcode, composed) : -1;
        free(composed);
    }
    free(order);
    free(attendee);
    if (rc == 0 && strcmp(g->barcode, g->code) == 0)
        rc = guest_set(&g->barcode, "");
    return rc;
}

/* The longest a guest's detail may be, in characters: a 300-character name
 * is a name, but a cell far longer is a paste gone wrong, and it would pass
 * Excel's 32,767-character cell in the exports and crowd every screen. */
#define IMPORT_CELL_MAX 1000

/* The first of g's details that is longer than IMPORT_CELL_MAX, as a reader
 * of the report calls it, and its length; NULL when none is. */
static const char *too_long(const Guest *g, size_t *len)
{
    const struct {
        const char *text, *name;
    } cells[] = {{g->first, "first name"}, {g->last, "last name"}, {g->company, "company"},
                 {g->title, "job title"},  {g->email, "email"},    {g->phone, "phone"},
                 {g->code, "code"},        {g->barcode, "barcode"}};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        if (cells[i].text && (*len = text_codepoints(cells[i].text)) > IMPORT_CELL_MAX)
            return cells[i].name;
    return NULL;
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
    if (!g->first[0] && !g->last[0] && k->name.n && !placeholder(import_cell(rec, &k->name)) &&
        split_name(g, import_cell(rec, &k->name)))
        return -1;
    if (!g->first[0] && !g->last[0]) {
        bool held_back = placeholder(import_cell(rec, &k->first)) ||
                         placeholder(import_cell(rec, &k->last)) ||
                         placeholder(import_cell(rec, &k->name));
        if (import_add_skip(c->rep, rec->line,
                            held_back ? "no name: Eventbrite has only \"Info Requested\" for this "
                                        "ticket (its holder can check in as a walk-in)"
                                      : "no name") != 0)
            return -1;
        return 1;
    }
    if (take(&g->code, rec, &k->code) || take(&g->email, rec, &k->email) ||
        take(&g->company, rec, &k->company) || take(&g->title, rec, &k->title) ||
        take(&g->phone, rec, &k->phone) || take_barcode(g, rec, k))
        return -1;
    size_t len;
    const char *cell = too_long(g, &len);
    if (cell)
        return import_add_skip(c->rep, rec->line,
                               "the %s is %zu characters long (at most %d): a cell pasted whole?",
                               cell, len, IMPORT_CELL_MAX) != 0
                   ? -1
                   : 1;

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
 * values win, but the first code stays (the id is derived from it), and so
 * does the first barcode. */
static int merge_into(Guest *dst, const Guest *src)
{
    char **d[] = {&dst->first, &dst->last,  &dst->company, &dst->title,
                  &dst->email, &dst->phone, &dst->code,    &dst->barcode};
    char *const *s[] = {&src->first, &src->last,  &src->company, &src->title,
                        &src->email, &src->phone, &src->code,    &src->barcode};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        bool is_code = d[i] == &dst->code || d[i] == &dst->barcode;
        if ((*s[i])[0] && (!is_code || !(*d[i])[0]) && guest_set(d[i], *s[i]) != 0)
            return -1;
    }
    if (src->role != ROLE_INDUSTRY_PARTNER)
        dst->role = src->role;
    dst->consent = dst->consent || src->consent;
    return 0;
}

/* ---- rows that repeat a guest ---- */

#define NO_ROW SIZE_MAX

/* Makes room for n entries in *a (of capacity *cap). 0, or -1 when out of memory. */
static int grow_to(size_t **a, size_t *cap, size_t n)
{
    if (n <= *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : 64;
    while (want < n)
        want *= 2;
    size_t *grown = realloc(*a, want * sizeof *grown);
    if (!grown)
        return -1;
    *a = grown;
    *cap = want;
    return 0;
}

/* A row's lookup keys, made once: case-folded email and name key (either may
 * be NULL: not given). */
typedef struct RowKeys {
    char *email, *name;
} RowKeys;

static void row_keys_free(RowKeys *k)
{
    free(k->email);
    free(k->name);
    k->email = k->name = NULL;
}

static int row_keys(const Guest *g, RowKeys *k)
{
    k->email = g->email[0] ? text_casefold(g->email) : NULL;
    k->name = NULL;
    if ((g->email[0] && !k->email) || guest_match_name_key(g, &k->name) != 0) {
        row_keys_free(k);
        return -1;
    }
    return 0;
}

/* Keeps row g (moved in: g is left initialised-empty) as one of guest idx's
 * rows, and files it under its code and keys (taken over). 0 or -1 (ENOMEM). */
static int add_row(GuestCtx *c, Guest *g, RowKeys *keys, size_t idx)
{
    if (grow_to(&c->head, &c->head_cap, idx + 1) ||
        grow_to(&c->next, &c->next_cap, c->rows.count + 1))
        return -1;
    Guest *row = guest_list_push(&c->rows);
    if (!row)
        return -1;
    *row = *g;
    guest_init(g);
    size_t r = c->rows.count - 1;
    if (idx == c->nheads)
        c->head[c->nheads++] = NO_ROW;
    c->next[r] = c->head[idx];
    c->head[idx] = r;
    if (row->code[0]) {
        char *key = text_dup(row->code);
        if (!key || keyindex_add(&c->by_code, key, idx) != 0)
            return -1;
    }
    char *email = keys->email, *name = keys->name;
    keys->email = keys->name = NULL;
    if (email && keyindex_add(&c->by_email, email, idx) != 0) {
        free(name);
        return -1;
    }
    return name && keyindex_add(&c->by_name, name, idx) != 0 ? -1 : 0;
}

/* Adds the guests filed under key to cand (no repeats). */
static void add_candidates(const KeyIndex *k, const char *key, size_t *cand, size_t *n)
{
    size_t nv;
    const size_t *v = key ? keyindex_get(k, key, &nv) : NULL;
    for (size_t i = 0; v && i < nv; i++) {
        size_t j = 0;
        while (j < *n && cand[j] != v[i])
            j++;
        if (j == *n)
            cand[(*n)++] = v[i];
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The earlier guest that row g repeats, by the one rule (guest_match.h), each
 * guest matched through every row that made it; ties go to the earliest.
 * 1 and *idx, 0 when g is somebody new, -1 when out of memory. */
static int find_same_guest(GuestCtx *c, const Guest *g, const RowKeys *keys, size_t *idx)
{
    const char *email = keys->email, *name = keys->name;
    size_t ncode, nemail, nname;
    keyindex_get(&c->by_code, g->code, &ncode);
    keyindex_get(&c->by_email, email ? email : "", &nemail);
    keyindex_get(&c->by_name, name ? name : "", &nname);
    size_t max = ncode + nemail + nname, n = 0, nrecords = 0;
    size_t *cand = malloc((max ? max : 1) * sizeof *cand), *pick = NULL;
    GuestSet *sets = NULL;
    Guest *records = NULL;
    int found = -1;
    if (!cand)
        goto done;
    add_candidates(&c->by_code, g->code[0] ? g->code : NULL, cand, &n);
    add_candidates(&c->by_email, email, cand, &n);
    add_candidates(&c->by_name, name, cand, &n);
    qsort(cand, n, sizeof *cand, cmp_size);
    for (size_t i = 0; i < n; i++)
        for (size_t r = c->head[cand[i]]; r != NO_ROW; r = c->next[r])
            nrecords++;
    sets = calloc(n ? n : 1, sizeof *sets);
    records = malloc((nrecords ? nrecords : 1) * sizeof *records);
    if (!sets || !records)
        goto done;
    nrecords = 0;
    for (size_t i = 0; i < n; i++) {
        sets[i].id = "";
        sets[i].records = records + nrecords;
        for (size_t r = c->head[cand[i]]; r != NO_ROW; r = c->next[r])
            records[nrecords++] = c->rows.items[r]; /* a view: the strings stay the row's */
        sets[i].nrecords = (size_t)(records + nrecords - sets[i].records);
    }
    GuestSet self = guest_match_set_of(g);
    pick = malloc((n ? n : 1) * sizeof *pick);
    int k = pick ? guest_match_choose(&self, sets, n, pick) : -1;
    if (k > 0)
        *idx = cand[pick[0]];
    found = k < 0 ? -1 : k > 0;
done:
    free(pick);
    free(records);
    free(sets);
    free(cand);
    return found;
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
    size_t idx = 0;
    RowKeys keys;
    int found = row_keys(&g, &keys) == 0 ? find_same_guest(c, &g, &keys, &idx) : -1;
    if (found > 0) {
        rc = merge_into(&c->out->items[idx], &g) || add_row(c, &g, &keys, idx) ? -1 : 0;
        c->rep->merged++;
    } else if (found == 0) {
        Guest *slot = guest_list_push(c->out);
        rc = !slot || guest_copy(slot, &g) || add_row(c, &g, &keys, c->out->count - 1) ? -1 : 0;
    } else {
        rc = -1;
    }
    row_keys_free(&keys);
    guest_clear(&g);
    return rc ? import_fail(c->rep, rec->line, "out of memory") : 0;
}

/* ---- ids ---- */

/* Ids are derived from what identifies a guest in the list, so kiosks that
 * import the same list agree on who is who when merged: the code; else the
 * case-folded email, when no other guest without a code has it; else the
 * email with the folded name and company (colleagues registered under one
 * office address); with neither code nor email, the folded name and company.
 * Where those still repeat, how many identical keys came before in the list
 * is added. */
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

/* prefix (may be NULL) + folded first, last and company, joined by U+001F. */
static char *name_key(const char *prefix, const Guest *g)
{
    char *first = text_fold(g->first), *last = text_fold(g->last), *company = text_fold(g->company);
    char *key = NULL;
    if (first && last && company) {
        size_t n =
            (prefix ? strlen(prefix) + 1 : 0) + strlen(first) + strlen(last) + strlen(company) + 3;
        key = malloc(n);
        if (key)
            snprintf(key, n, "%s%s%s\x1f%s\x1f%s", prefix ? prefix : "", prefix ? "\x1f" : "",
                     first, last, company);
    }
    free(first);
    free(last);
    free(company);
    return key;
}

/* Gives the guests of keys[0..n) (sorted) the ids kind(key U+001F ordinal). */
static int derive_with_ordinal(GuestList *l, const NameKey *keys, size_t n, const char *kind)
{
    for (size_t k = 0, same = 0; k < n; k++) {
        same = k > 0 && !strcmp(keys[k].key, keys[k - 1].key) ? same + 1 : 0;
        size_t len = strlen(keys[k].key) + 24;
        char *key = malloc(len);
        if (!key)
            return -1;
        snprintf(key, len, "%s\x1f%zu", keys[k].key, same);
        id_derived(kind, key, l->items[keys[k].index].id);
        free(key);
    }
    return 0;
}

/* Guests with an email and no code: keys[0..n) sorted by email. */
static int derive_email_ids(GuestList *l, NameKey *keys, size_t n)
{
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && !strcmp(keys[a].key, keys[b].key); b++)
            ;
        if (b - a == 1) {
            id_derived("guest-email", keys[a].key, l->items[keys[a].index].id);
            continue;
        }
        for (size_t k = a; k < b; k++) {
            char *key = name_key(keys[k].key, &l->items[keys[k].index]);
            if (!key)
                return -1;
            free(keys[k].key);
            keys[k].key = key;
        }
        qsort(keys + a, b - a, sizeof *keys, cmp_name_key);
        if (derive_with_ordinal(l, keys + a, b - a, "guest-email-name") != 0)
            return -1;
    }
    return 0;
}

/* Ids for the guests without a code: with an email (email true) or without. */
static int derive_codeless_ids(GuestList *l, bool email)
{
    NameKey *keys = malloc((l->count ? l->count : 1) * sizeof *keys);
    if (!keys)
        return -1;
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < l->count && rc == 0; i++) {
        const Guest *g = &l->items[i];
        if (g->code[0] || (g->email[0] != '\0') != email)
            continue;
        keys[n].index = i;
        keys[n].key = email ? text_casefold(g->email) : name_key(NULL, g);
        if (!keys[n].key)
            rc = -1;
        else
            n++;
    }
    qsort(keys, n, sizeof *keys, cmp_name_key);
    if (rc == 0)
        rc = email ? derive_email_ids(l, keys, n) : derive_with_ordinal(l, keys, n, "guest-name");
    for (size_t k = 0; k < n; k++)
        free(keys[k].key);
    free(keys);
    return rc;
}

static int assign_ids(GuestList *l)
{
    for (size_t i = 0; i < l->count; i++) {
        Guest *g = &l->items[i];
        if (g->code[0])
            id_derived("guest-code", g->code, g->id);
    }
    if (derive_codeless_ids(l, true) != 0)
        return -1;
    return derive_codeless_ids(l, false);
}

int import_parse_guests(const char *utf8, size_t len, GuestList *out, ImportReport *rep)
{
    GuestCtx c = {.out = out, .rep = rep};
    guest_list_init(&c.rows);
    int rc = import_csv_read(utf8, len, on_record, &c, rep);
    if (rc == 0 && !c.have_header)
        rc = import_fail(rep, 0,
                         "the file is empty: expected a header row such as "
                         "\"First Name,Last Name,Email,Company\"");
    if (rc == 0 && assign_ids(out) != 0)
        rc = import_fail(rep, 0, "out of memory");
    import_header_free(&c.header);
    guest_list_free(&c.rows);
    free(c.head);
    free(c.next);
    keyindex_free(&c.by_code);
    keyindex_free(&c.by_email);
    keyindex_free(&c.by_name);
    if (rc != 0) {
        guest_list_free(out);
        return -1;
    }
    return 0;
}
