/* guest.c — the Guest and Program records, their growable lists, role names,
 * the masked name the kiosk shows, and the table of partnership kinds. */
#include "core/guest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/name.h"
#include "core/text.h"

/* ---- guests ---- */

/* The string fields of a Guest, so init/clear/copy cannot miss one. */
#define GUEST_STRING_FIELDS(g)                                                                     \
    {                                                                                              \
        &(g)->code, &(g)->barcode, &(g)->first, &(g)->last, &(g)->company, &(g)->title,            \
            &(g)->email, &(g)->phone                                                               \
    }
enum { GUEST_NSTRINGS = 8 };

/* Empty fields all point at this one static "", so guest_init and guest_clear
 * never allocate and guest_clear doubles as the destructor. It is never freed
 * or written through; that is why fields change only through guest_set. */
static char EMPTY_FIELD[1] = "";

static void field_free(char **f)
{
    if (*f && *f != EMPTY_FIELD)
        free(*f);
    *f = EMPTY_FIELD;
}

void guest_init(Guest *g)
{
    memset(g, 0, sizeof *g);
    char **fields[GUEST_NSTRINGS] = GUEST_STRING_FIELDS(g);
    for (int i = 0; i < GUEST_NSTRINGS; i++)
        *fields[i] = EMPTY_FIELD;
    g->role = ROLE_INDUSTRY_PARTNER;
}

/* Frees the strings without re-initialising, for when g itself goes away. */
static void guest_release(Guest *g)
{
    char **fields[GUEST_NSTRINGS] = GUEST_STRING_FIELDS(g);
    for (int i = 0; i < GUEST_NSTRINGS; i++)
        field_free(fields[i]);
}

void guest_clear(Guest *g)
{
    guest_release(g);
    guest_init(g);
}

int guest_set(char **field, const char *value)
{
    if (!value || !*value) {
        field_free(field);
        return 0;
    }
    char *copy = text_dup(value);
    if (!copy) {
        errno = ENOMEM;
        return -1;
    }
    field_free(field);
    *field = copy;
    return 0;
}

int guest_copy(Guest *dst, const Guest *src)
{
    if (dst == src)
        return 0;
    Guest tmp;
    guest_init(&tmp);
    char **to[GUEST_NSTRINGS] = GUEST_STRING_FIELDS(&tmp);
    char *const *from[GUEST_NSTRINGS] = GUEST_STRING_FIELDS(src);
    for (int i = 0; i < GUEST_NSTRINGS; i++) {
        if (guest_set(to[i], *from[i]) != 0) {
            guest_release(&tmp);
            return -1;
        }
    }
    memcpy(tmp.id, src->id, sizeof tmp.id);
    tmp.role = src->role;
    tmp.walk_in = src->walk_in;
    tmp.consent = src->consent;
    tmp.updated_at = src->updated_at;
    guest_release(dst);
    *dst = tmp;
    return 0;
}

const char *guest_role_name(GuestRole r)
{
    switch (r) {
    case ROLE_INDUSTRY_PARTNER:
        return "Industry Partner";
    case ROLE_STAFF:
        return "Staff";
    case ROLE_EDUCATOR:
        return "Educator";
    case ROLE_STUDENT:
        return "Student";
    }
    return "Industry Partner";
}

/* First strong isolate and pop directional isolate (3 bytes each). */
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"
#define ISOLATE_LEN 3

static void put(char *out, size_t *o, const char *s, size_t n)
{
    memcpy(out + *o, s, n);
    *o += n;
}

char *guest_masked_name(const Guest *g)
{
    const char *first = g->first ? g->first : "";
    const char *last = g->last ? g->last : "";
    const char *company = g->company ? g->company : "";
    size_t initial = text_first_grapheme(last);
    /* A name written family name first (王芳, 김 민준: core/name.h) reads that
     * way here too, as its owner knows it: the family name's first character
     * ahead of the given name, a period after it only when the family name
     * has more (欧.娜), so no more of it shows than "Ana G." shows of García. */
    char *whole = NULL;
    if (initial && name_order(first, last) == NAME_FAMILY_FIRST) {
        char fam[64];
        snprintf(fam, sizeof fam, "%.*s%s", (int)initial, last, last[initial] ? "." : "");
        if (!(whole = name_full(first, fam)))
            return NULL;
        first = whole;
        initial = 0;
    }
    size_t nf = strlen(first), nc = strlen(company);
    size_t name_iso = text_has_rtl(first) || text_has_rtl(last) ? ISOLATE_LEN : 0;
    size_t company_iso = text_has_rtl(company) ? ISOLATE_LEN : 0;
    /* FSI + first + " " + initial + "." + PDI + " — " + FSI + company + PDI + NUL */
    size_t cap = nf + 1 + initial + 1 + 5 + nc + 4 * ISOLATE_LEN + 1;
    char *out = malloc(cap);
    if (!out) {
        free(whole);
        return NULL;
    }
    size_t o = 0;
    put(out, &o, FSI, name_iso);
    put(out, &o, first, nf);
    if (initial) {
        put(out, &o, " ", nf ? 1 : 0);
        put(out, &o, last, initial);
        put(out, &o, ".", 1);
    }
    put(out, &o, PDI, name_iso);
    if (nc) {
        static const char DASH[] = " \xE2\x80\x94 "; /* " — " */
        put(out, &o, DASH, sizeof DASH - 1);
        put(out, &o, FSI, company_iso);
        put(out, &o, company, nc);
        put(out, &o, PDI, company_iso);
    }
    out[o] = '\0';
    free(whole);
    return out;
}

void guest_list_init(GuestList *l)
{
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
}

void guest_list_free(GuestList *l)
{
    for (size_t i = 0; i < l->count; i++)
        guest_release(&l->items[i]);
    free(l->items);
    guest_list_init(l);
}

Guest *guest_list_push(GuestList *l)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        Guest *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return NULL;
        l->items = items;
        l->cap = cap;
    }
    Guest *g = &l->items[l->count++];
    guest_init(g);
    return g;
}

/* ---- programs ---- */

void program_text_fields(Program *p, char **out[PROGRAM_TEXT_FIELDS])
{
    out[0] = &p->code, out[1] = &p->name, out[2] = &p->school, out[3] = &p->pathway;
    out[4] = &p->description, out[5] = &p->grades, out[6] = &p->certifications;
    out[7] = &p->partner_needs, out[8] = &p->contact, out[9] = &p->url, out[10] = &p->image;
}

void program_init(Program *p)
{
    char **fields[PROGRAM_TEXT_FIELDS];
    program_text_fields(p, fields);
    for (int i = 0; i < PROGRAM_TEXT_FIELDS; i++)
        *fields[i] = EMPTY_FIELD;
    p->texts = NULL;
    p->ntexts = 0;
}

static void program_release(Program *p)
{
    char **fields[PROGRAM_TEXT_FIELDS];
    program_text_fields(p, fields);
    for (int i = 0; i < PROGRAM_TEXT_FIELDS; i++)
        field_free(fields[i]);
    for (size_t i = 0; i < p->ntexts; i++)
        free(p->texts[i].text);
    free(p->texts);
}

static const char *const PROGRAM_FIELD_NAMES[PROGRAM_TEXT_FIELDS] = {
    "code",           "name",          "school",  "pathway", "description", "grades",
    "certifications", "partner_needs", "contact", "url",     "image",
};

const char *program_field_name(ProgramField f)
{
    return (unsigned)f < PROGRAM_TEXT_FIELDS ? PROGRAM_FIELD_NAMES[f] : "";
}

bool program_field_translatable(ProgramField f)
{
    return f > PROGRAM_CODE && f < PROGRAM_URL;
}

const char *program_field(const Program *p, ProgramField f)
{
    if ((unsigned)f >= PROGRAM_TEXT_FIELDS)
        return "";
    char **fields[PROGRAM_TEXT_FIELDS];
    /* program_text_fields only takes the fields' addresses; nothing is written. */
    program_text_fields((Program *)p, fields);
    return *fields[f] ? *fields[f] : "";
}

/* Where the text of (lang, f) is or would go in p->texts, which is sorted by
 * language, then field; *found says whether it is there. */
static size_t text_slot(const Program *p, const char *lang, ProgramField f, bool *found)
{
    size_t i = 0;
    for (; i < p->ntexts; i++) {
        int c = strcmp(p->texts[i].lang, lang);
        if (c > 0 || (c == 0 && p->texts[i].field >= f))
            break;
    }
    *found = i < p->ntexts && !strcmp(p->texts[i].lang, lang) && p->texts[i].field == f;
    return i;
}

int program_set_text(Program *p, const char *lang, ProgramField f, const char *text)
{
    bool found;
    size_t i = text_slot(p, lang, f, &found);
    if (!text || !*text) {
        if (found) {
            free(p->texts[i].text);
            memmove(&p->texts[i], &p->texts[i + 1], (p->ntexts - i - 1) * sizeof *p->texts);
            p->ntexts--;
        }
        return 0;
    }
    char *copy = text_dup(text);
    if (!copy)
        return -1;
    if (found) {
        free(p->texts[i].text);
        p->texts[i].text = copy;
        return 0;
    }
    ProgramText *grown = realloc(p->texts, (p->ntexts + 1) * sizeof *grown);
    if (!grown) {
        free(copy);
        return -1;
    }
    p->texts = grown;
    memmove(&p->texts[i + 1], &p->texts[i], (p->ntexts - i) * sizeof *p->texts);
    p->ntexts++;
    ProgramText *t = &p->texts[i];
    memset(t, 0, sizeof *t);
    snprintf(t->lang, sizeof t->lang, "%s", lang);
    t->field = f;
    t->text = copy;
    return 0;
}

const char *program_text(const Program *p, ProgramField f, const char *lang)
{
    if (lang) {
        bool found;
        size_t i = text_slot(p, lang, f, &found);
        if (found)
            return p->texts[i].text;
    }
    return program_field(p, f);
}

void program_clear(Program *p)
{
    program_release(p);
    program_init(p);
}

void program_list_init(ProgramList *l)
{
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
}

void program_list_free(ProgramList *l)
{
    for (size_t i = 0; i < l->count; i++)
        program_release(&l->items[i]);
    free(l->items);
    program_list_init(l);
}

/* What makes programs one family: the pathway, else the program itself. */
static bool same_family(const Program *a, const Program *b)
{
    bool pa = a->pathway && *a->pathway, pb = b->pathway && *b->pathway;
    if (pa || pb)
        return pa && pb && !strcmp(a->pathway, b->pathway);
    return a == b;
}

void program_list_families(const ProgramList *l, size_t *out)
{
    size_t next = 0;
    for (size_t j = 0; j < l->count; j++) {
        size_t first = 0;
        while (!same_family(&l->items[first], &l->items[j]))
            first++;
        out[j] = first < j ? out[first] : next++;
    }
}

Program *program_list_push(ProgramList *l)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        Program *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return NULL;
        l->items = items;
        l->cap = cap;
    }
    Program *p = &l->items[l->count++];
    program_init(p);
    return p;
}

/* ---- partnership kinds ---- */

const PartnershipKind PARTNERSHIP_KINDS[PARTNERSHIP_KIND_COUNT] = {
    {"interns", "Host interns"},    {"shadowing", "Job shadowing"},
    {"speaking", "Guest speaking"}, {"advisory", "Advisory board"},
    {"mentoring", "Mentoring"},     {"equipment", "Equipment or donations"},
    {"sponsorship", "Sponsorship"}, {"hiring", "Hiring graduates"},
};
_Static_assert(sizeof PARTNERSHIP_KINDS / sizeof PARTNERSHIP_KINDS[0] == PARTNERSHIP_KIND_COUNT,
               "PARTNERSHIP_KIND_COUNT counts the kinds");

const char *partnership_label(const char *key)
{
    if (!key)
        return NULL;
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++) {
        if (strcmp(PARTNERSHIP_KINDS[i].key, key) == 0)
            return PARTNERSHIP_KINDS[i].label;
    }
    return NULL;
}
