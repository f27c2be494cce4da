/* guest.h — the guest record shared by import, store, search, check-in and export.
 *
 * Strings are malloc'd UTF-8, never NULL once a Guest is initialised with
 * guest_init (empty string for "unknown"). Empty fields share one static "",
 * so change a field only with guest_set (never free() it yourself); guest_clear
 * and program_clear free everything and allocate nothing, so they also serve as
 * destructors. */
#ifndef LANYARD_GUEST_H
#define LANYARD_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ids.h"

typedef enum GuestRole {
    ROLE_INDUSTRY_PARTNER = 0,
    ROLE_STAFF,
    ROLE_EDUCATOR,
    ROLE_STUDENT,
} GuestRole;

typedef struct Guest {
    char id[ID_LEN + 1];
    char *code; /* registration code: Eventbrite Attendee #, pretix order code, walk-in code */
    /* The barcode printed on the guest's ticket when it is not the code
     * (Eventbrite's), or "": the store keeps it as one more code that finds
     * the guest. Only an import fills it; stored guests read back "". */
    char *barcode;
    char *first;
    char *last;
    char *company;
    char *title;
    char *email;
    char *phone;
    GuestRole role;
    bool walk_in;
    bool consent;       /* may be contacted about partnering */
    int64_t updated_at; /* ms UTC; 0 if unknown */
} Guest;

void guest_init(Guest *g);                    /* all strings "" */
void guest_clear(Guest *g);                   /* frees strings, leaves g initialised-empty */
int guest_copy(Guest *dst, const Guest *src); /* dst must be initialised; 0 or -1 (ENOMEM) */
/* Replaces one string field (dst points at a field of a Guest). 0 or -1. */
int guest_set(char **field, const char *value);

const char *guest_role_name(GuestRole r); /* "Industry Partner", ... (English) */

/* The masked form the kiosk shows: "Ana G. — Acme Welding" (no company: "Ana G.").
 * Never the full last name. The name, and the company, when written in a
 * right-to-left script are each a Unicode isolate (FSI ... PDI), so the row
 * reads name first, then company, whatever scripts they are in: an Arabic name
 * does not turn the row around. Returns malloc'd string. */
char *guest_masked_name(const Guest *g);

/* A growable array of guests. */
typedef struct GuestList {
    Guest *items;
    size_t count;
    size_t cap;
} GuestList;

void guest_list_init(GuestList *l);
void guest_list_free(GuestList *l);
/* Appends an initialised-empty guest and returns it, or NULL on ENOMEM. */
Guest *guest_list_push(GuestList *l);

/* The text fields of a program, in programs.csv's column order. */
typedef enum ProgramField {
    PROGRAM_CODE,
    PROGRAM_NAME,
    PROGRAM_SCHOOL,
    PROGRAM_PATHWAY,
    PROGRAM_DESCRIPTION,
    PROGRAM_GRADES,
    PROGRAM_CERTIFICATIONS,
    PROGRAM_PARTNER_NEEDS,
    PROGRAM_CONTACT,
    PROGRAM_URL,
    PROGRAM_IMAGE,
} ProgramField;

/* A program's field in one more language than the plain columns' (a
 * `name_es` column): lang is a code of core/lang.h. */
typedef struct ProgramText {
    char lang[8];
    ProgramField field;
    char *text; /* malloc'd, never "" */
} ProgramText;

/* A CTE program, as in programs.csv. */
typedef struct Program {
    char *code;
    char *name;
    char *school;
    char *pathway;
    char *description;
    char *grades;
    char *certifications;
    char *partner_needs;
    char *contact;
    char *url;
    char *image;
    ProgramText *texts; /* its translations, by language then field; owned */
    size_t ntexts;
} Program;

void program_init(Program *p);
void program_clear(Program *p);

/* The field's column name in programs.csv ("name", "partner_needs"). */
const char *program_field_name(ProgramField f);
/* Whether a field is text a reader reads, and so may have translations: not
 * the code, the URL or the image file. */
bool program_field_translatable(ProgramField f);
/* The plain column's value of a field ("" when empty). */
const char *program_field(const Program *p, ProgramField f);
/* Sets the field's text in lang (added or replaced; "" or NULL removes it).
 * 0, or -1 when out of memory. */
int program_set_text(Program *p, const char *lang, ProgramField f, const char *text);
/* The field as a reader of lang sees it: its translation into lang when the
 * program has one, else the plain column (lang NULL: the plain column). */
const char *program_text(const Program *p, ProgramField f, const char *lang);

/* How many text fields a Program has. */
#define PROGRAM_TEXT_FIELDS 11

/* Points out[i] at each text field of p, in programs.csv's column order: code,
 * name, school, pathway, description, grades, certifications, partner_needs,
 * contact, url, image (the store's columns follow the same order). */
void program_text_fields(Program *p, char **out[PROGRAM_TEXT_FIELDS]);

typedef struct ProgramList {
    Program *items;
    size_t count;
    size_t cap;
} ProgramList;

void program_list_init(ProgramList *l);
void program_list_free(ProgramList *l);
Program *program_list_push(ProgramList *l);
/* The family of each program, into out[0 .. l->count): the number of its
 * pathway (the plain column, so the same in every language) among the list's
 * pathways in the order they first appear; a program with no pathway is a
 * family of its own. Programs of one family share a colour on screen. */
void program_list_families(const ProgramList *l, size_t *out);

/* The partnership kinds a guest can pick, in display order. Stable keys are
 * stored in the database; labels are English (the UI translates them). */
typedef struct PartnershipKind {
    const char *key;   /* "interns" */
    const char *label; /* "Host interns" */
} PartnershipKind;

enum { PARTNERSHIP_KIND_COUNT = 8 };
extern const PartnershipKind PARTNERSHIP_KINDS[PARTNERSHIP_KIND_COUNT];
const char *partnership_label(const char *key); /* NULL when unknown */

#endif
