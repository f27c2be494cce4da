/* import_programs.c — programs.csv into a ProgramList (SPEC §2): header
 * code,name,school,pathway,description,grades,certifications,partner_needs,
 * contact,url,image, in any order; only code and name are required. A text
 * column may have translations beside it, FIELD_LANG for a language of
 * core/lang.h (name_es, partner_needs_es); other columns are ignored. A program
 * without a code or name, or a code used twice, fails the file with its line:
 * programs are few and hand-made, so the file is worth fixing. A file with no
 * programs at all is refused too, as it would empty the catalogue. */
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/import_priv.h"
#include "core/lang.h"
#include "core/text.h"

static const char *const A_CODE[] = {"code", "program code", NULL};
static const char *const A_NAME[] = {"name", "program", "program name", NULL};
static const char *const A_SCHOOL[] = {"school", "site", "school/site", "school / site", NULL};
static const char *const A_PATHWAY[] = {"pathway", "cluster", "career cluster", NULL};
static const char *const A_DESCRIPTION[] = {"description", NULL};
static const char *const A_GRADES[] = {"grades", "grade levels", "grade", NULL};
static const char *const A_CERTIFICATIONS[] = {"certifications", "certifications earned", NULL};
static const char *const A_PARTNER_NEEDS[] = {"partner_needs", "partner needs", "partners sought",
                                              NULL};
static const char *const A_CONTACT[] = {"contact", NULL};
static const char *const A_URL[] = {"url", "web", "website", "link", NULL};
static const char *const A_IMAGE[] = {"image", "image file", "photo", NULL};

/* By ProgramField. */
static const char *const *const ALIASES[PROGRAM_TEXT_FIELDS] = {
    A_CODE,           A_NAME,          A_SCHOOL,  A_PATHWAY, A_DESCRIPTION, A_GRADES,
    A_CERTIFICATIONS, A_PARTNER_NEEDS, A_CONTACT, A_URL,     A_IMAGE,
};

/* A translation column: FIELD_LANG, such as name_es. */
typedef struct TextColumn {
    size_t idx;
    ProgramField field;
    const char *lang; /* a code of core/lang.h */
} TextColumn;

typedef struct ProgramCtx {
    ProgramList *out;
    ImportReport *rep;
    bool have_header;
    ImportHeader header;
    ImportColumn cols[PROGRAM_TEXT_FIELDS];
    TextColumn *texts; /* the translation columns */
    size_t ntexts;
    size_t *lines; /* line of each program, for "already used on line N" */
} ProgramCtx;

/* Whether a header cell (folded) is FIELD_LANG for a text field and a known
 * language; fills t. */
static bool text_column(const char *cell, TextColumn *t)
{
    const char *us = strrchr(cell, '_');
    const char *lang = us ? lang_find(us + 1, strlen(us + 1)) : NULL;
    for (int f = 0; lang && f < PROGRAM_TEXT_FIELDS; f++) {
        const char *name = program_field_name((ProgramField)f);
        if (program_field_translatable((ProgramField)f) && strlen(name) == (size_t)(us - cell) &&
            !strncmp(cell, name, strlen(name))) {
            t->field = (ProgramField)f;
            t->lang = lang;
            return true;
        }
    }
    return false;
}

static int find_text_columns(ProgramCtx *c)
{
    c->texts = calloc(c->header.count ? c->header.count : 1, sizeof *c->texts);
    if (!c->texts)
        return -1;
    for (size_t i = 0; i < c->header.count; i++) {
        c->texts[c->ntexts].idx = i;
        if (text_column(c->header.folded[i], &c->texts[c->ntexts]))
            c->ntexts++;
    }
    return 0;
}

/* Reads one row's translations into p. 0 or -1 (ENOMEM). */
static int read_texts(const ProgramCtx *c, const CsvRecord *rec, Program *p)
{
    for (size_t k = 0; k < c->ntexts; k++) {
        const TextColumn *t = &c->texts[k];
        char *v = text_trim_dup(t->idx < rec->nfields ? rec->fields[t->idx] : "");
        int rc = v ? program_set_text(p, t->lang, t->field, v) : -1;
        free(v);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int check_header(ProgramCtx *c, const CsvRecord *rec)
{
    if (import_header_init(&c->header, rec) != 0)
        return import_fail(c->rep, rec->line, "out of memory");
    for (int f = 0; f < PROGRAM_TEXT_FIELDS; f++)
        import_column_find(&c->header, ALIASES[f], &c->cols[f]);
    if (find_text_columns(c) != 0)
        return import_fail(c->rep, rec->line, "out of memory");
    if (!c->cols[PROGRAM_CODE].n || !c->cols[PROGRAM_NAME].n) {
        if (import_header_check_separator(&c->header, c->rep, rec->line) != 0)
            return -1;
        char found[120];
        import_header_list(&c->header, found, sizeof found);
        return import_fail(c->rep, rec->line,
                           "missing column %s: the header must have at least \"code\" and "
                           "\"name\"; found: %s",
                           !c->cols[PROGRAM_CODE].n ? "\"code\"" : "\"name\"",
                           found[0] ? found : "(empty header row)");
    }
    c->have_header = true;
    return 0;
}

static int on_record(const CsvRecord *rec, void *ud)
{
    ProgramCtx *c = ud;
    if (!c->have_header)
        return check_header(c, rec);
    if (import_record_is_empty(rec))
        return 0;
    c->rep->rows++;
    char why[120];
    if (import_record_overflows(&c->header, rec, why, sizeof why))
        return import_fail(c->rep, rec->line, "%s", why);

    Program p;
    program_init(&p);
    char **fields[PROGRAM_TEXT_FIELDS];
    program_text_fields(&p, fields);
    for (int f = 0; f < PROGRAM_TEXT_FIELDS; f++) {
        char *v = text_trim_dup(import_cell(rec, &c->cols[f]));
        if (!v || guest_set(fields[f], v) != 0) {
            free(v);
            program_clear(&p);
            return import_fail(c->rep, rec->line, "out of memory");
        }
        free(v);
    }
    if (read_texts(c, rec, &p) != 0) {
        program_clear(&p);
        return import_fail(c->rep, rec->line, "out of memory");
    }
    if (!p.code[0] || !p.name[0]) {
        program_clear(&p);
        return import_fail(c->rep, rec->line, "the program has no %s (code and name are required)",
                           !p.code[0] ? "code" : "name");
    }
    /* Programs are a few dozen at most: a linear look-up is fine. */
    for (size_t i = 0; i < c->out->count; i++) {
        if (strcmp(c->out->items[i].code, p.code) == 0) {
            int rc =
                import_fail(c->rep, rec->line, "program code \"%.40s\" is already used on line %zu",
                            p.code, c->lines[i]);
            program_clear(&p);
            return rc;
        }
    }
    size_t *lines = realloc(c->lines, (c->out->count + 1) * sizeof *lines);
    if (!lines) {
        program_clear(&p);
        return import_fail(c->rep, rec->line, "out of memory");
    }
    c->lines = lines;
    Program *slot = program_list_push(c->out);
    if (!slot) {
        program_clear(&p);
        return import_fail(c->rep, rec->line, "out of memory");
    }
    c->lines[c->out->count - 1] = rec->line;
    *slot = p; /* ownership of p's strings moves to the list */
    return 0;
}

int import_parse_programs(const char *utf8, size_t len, ProgramList *out, ImportReport *rep)
{
    ProgramCtx c = {.out = out, .rep = rep};
    int rc = import_csv_read(utf8, len, on_record, &c, rep);
    if (rc == 0 && !c.have_header)
        rc = import_fail(rep, 0,
                         "the file is empty: expected the header "
                         "\"code,name,school,pathway,description,grades,"
                         "certifications,partner_needs,contact,url,image\"");
    /* Importing replaces the catalogue: an empty list would hide every program,
     * which is a file cut short or exported empty, never what staff meant. */
    if (rc == 0 && out->count == 0)
        rc = import_fail(rep, 0,
                         "the file lists no programs, only its header; the catalogue is left "
                         "as it was");
    import_header_free(&c.header);
    free(c.texts);
    free(c.lines);
    if (rc != 0) {
        program_list_free(out);
        return -1;
    }
    return 0;
}
