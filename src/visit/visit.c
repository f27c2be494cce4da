/* visit.c — a guest's visit: check-in, walk-in, interests and the badge. See
 * visit.h. Sections: the Visit, the current guest, check-in, walk-in, a
 * walk-in fixing their details, interests, the badge. */
#include "visit/visit_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/link.h"
#include "core/pin.h"
#include "core/text.h"
#include "core/timefmt.h"

/* ---- the Visit ---- */

typedef struct IndexLoad {
    SearchIndex *ix;
    bool oom;
} IndexLoad;

static int index_guest(const Guest *g, void *ud)
{
    IndexLoad *l = ud;
    l->oom = search_add(l->ix, g) != 0;
    return l->oom; /* stop: an index missing guests would hide them */
}

Visit *visit_create(const VisitEnv *env, char *err, size_t errlen)
{
    Visit *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    v->env = *env;
    program_list_init(&v->programs);
    lockout_passed(&v->lock);
    v->ix = search_create();
    if (!v->ix) {
        snprintf(err, errlen, "out of memory");
        goto err;
    }
    IndexLoad load = {v->ix, false};
    StoreStatus st = store_each_guest(env->store, index_guest, &load);
    if (st != STORE_OK || load.oom) {
        snprintf(err, errlen, "cannot read guests: %s",
                 load.oom ? "out of memory" : store_errmsg(env->store));
        goto err;
    }
    search_commit(v->ix);
    if (store_programs(env->store, &v->programs) != STORE_OK) {
        snprintf(err, errlen, "cannot read programs: %s", store_errmsg(env->store));
        goto err;
    }
    v->family = calloc(v->programs.count + 1, sizeof *v->family);
    if (!v->family) {
        snprintf(err, errlen, "out of memory");
        goto err;
    }
    program_list_families(&v->programs, v->family);
    return v;
err:
    visit_destroy(v);
    return NULL;
}

void visit_destroy(Visit *v)
{
    if (!v)
        return;
    search_destroy(v->ix);
    program_list_free(&v->programs);
    free(v->family);
    visit_pin_cancel(v);
    pin_check_free(v->pin); /* at most one check's time */
    visit_job_drop(v);      /* at most a second and a half */
    free(v);
}

const char *visit_error(const Visit *v)
{
    return v->err;
}

int64_t visit_now(const Visit *v)
{
    return v->env.clock.now ? v->env.clock.now(v->env.clock.ud) : time_now_ms();
}

const ProgramList *visit_programs(const Visit *v)
{
    return &v->programs;
}

const char *visit_program_text(const Visit *v, size_t i, ProgramField f, const char *lang)
{
    return i < v->programs.count ? program_text(&v->programs.items[i], f, lang) : "";
}

size_t visit_program_family(const Visit *v, size_t i)
{
    return i < v->programs.count ? v->family[i] : 0;
}

void visit_fail(Visit *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->err, sizeof v->err, fmt, ap);
    va_end(ap);
    fprintf(stderr, "lanyard: %s\n", v->err);
}

int visit_store_failed(Visit *v, const char *what)
{
    visit_fail(v, "%s: %s", what, store_errmsg(v->env.store));
    /* Kept for staff home until something is saved again: a guest told to
     * see staff finds staff already knowing why. */
    text_copy(v->save_fault, sizeof v->save_fault, v->err);
    return -1;
}

void visit_changed(Visit *v)
{
    v->save_fault[0] = '\0';
    if (v->env.sync.changed)
        v->env.sync.changed(v->env.sync.ud);
}

size_t visit_search(Visit *v, const char *query, SearchResult out[SEARCH_MAX_RESULTS], bool *more)
{
    return search_find(v->ix, query, out, more);
}

/* ---- the current guest ---- */

const VisitGuest *visit_guest(const Visit *v)
{
    return v->guest.id[0] ? &v->guest : NULL;
}

/* Asks the printer for the guest's badge, once per visit. */
static void request_badge(Visit *v)
{
    if (!v->guest.id[0] || !v->badge_owed)
        return;
    v->badge_owed = false;
    if (!v->env.printer.print)
        return;
    if (v->env.printer.print(v->env.printer.ud, v->guest.id) != 0) {
        visit_fail(v, "out of memory queueing a badge");
        return;
    }
    v->badge_asked = true;
    /* Where it goes until the printer says: the event's printer, or a file. */
    memset(&v->badge, 0, sizeof v->badge);
    v->badge.state = PRINT_QUEUED;
    text_copy(v->badge.printer, sizeof v->badge.printer, v->env.cfg->printer);
    v->badge.to_file = !v->badge.printer[0];
}

void visit_end(Visit *v)
{
    request_badge(v);
    memset(&v->guest, 0, sizeof v->guest);
    memset(&v->walkin_match, 0, sizeof v->walkin_match);
    v->declined[0] = '\0';
    v->badge_owed = v->badge_asked = false;
}

bool visit_not_me_offered(const Visit *v)
{
    const VisitGuest *g = visit_guest(v);
    return g && g->new_checkin && !g->walk_in && !g->moved;
}

int visit_not_me(Visit *v)
{
    const VisitGuest *g = visit_guest(v);
    if (!visit_not_me_offered(v)) {
        visit_end(v);
        return 0;
    }
    int rc = 0;
    if (store_checkin_undo(v->env.store, g->id, v->env.cfg->kiosk_id, visit_now(v)) != STORE_OK)
        rc = visit_store_failed(v, "check-in not undone");
    else if (store_print_drop_held(v->env.store, g->id) != STORE_OK)
        rc = visit_store_failed(v, "badge of a check-in taken back not dropped");
    if (rc == 0)
        visit_changed(v);
    v->badge_owed = false;
    visit_end(v);
    return rc;
}

/* ---- check-in ---- */

static VisitOutcome checked_in(Visit *v, const Guest *g, const CheckinResult *rp);

/* Checks in g, as the store read it (under its own id, also when it was
 * asked for under one a merge folded away). */
static VisitOutcome check_in_guest(Visit *v, const Guest *g)
{
    CheckinResult r;
    /* A kiosk that prints records the badge with the check-in (held until
     * the guest leaves Interests), so a crash in between never loses it. */
    const char *printer = v->env.printer.print ? v->env.cfg->printer : NULL;
    if (store_checkin_held(v->env.store, g->id, v->env.cfg->kiosk_id, printer, false, visit_now(v),
                           &r) != STORE_OK) {
        visit_store_failed(v, "check-in not saved");
        return VISIT_FAILED;
    }
    return checked_in(v, g, &r);
}

/* The visit of g, whose check-in the store made (or found: r->already). */
static VisitOutcome checked_in(Visit *v, const Guest *g, const CheckinResult *rp)
{
    const CheckinResult r = *rp;
    /* Someone else's visit ends here (a code scanned on their Interests):
     * they get their badge, as when they walk away. The same guest keeps the
     * badge they are owed. */
    bool same = !strcmp(v->guest.id, g->id);
    bool owed = same && v->badge_owed;
    if (!same)
        visit_end(v);
    memset(&v->guest, 0, sizeof v->guest);
    memcpy(v->guest.id, g->id, sizeof v->guest.id);
    text_copy(v->guest.greet, sizeof v->guest.greet, g->first[0] ? g->first : g->last);
    /* Interests asks for consent again, starting from what the form or the
     * registration said. */
    v->guest.walk_in = g->walk_in;
    v->guest.consent = g->consent;
    v->guest.new_checkin = !r.already;
    v->badge_owed = owed || !r.already;
    v->badge_asked = false;
    if (!r.already) {
        visit_changed(v);
        /* One line per check-in on disk (committed before this), for the
         * journal and for scripts/crash-test to hold against the database. */
        fprintf(stderr, "lanyard: checked in %s\n", g->id);
    }
    return r.already ? VISIT_ALREADY : VISIT_CHECKED_IN;
}

VisitOutcome visit_check_in(Visit *v, const char *guest_id)
{
    Guest g;
    guest_init(&g);
    VisitOutcome out;
    if (store_guest_get(v->env.store, guest_id, &g) != STORE_OK) {
        visit_store_failed(v, "cannot read the guest to check in");
        out = VISIT_FAILED;
    } else {
        out = check_in_guest(v, &g);
    }
    guest_clear(&g);
    return out;
}

/* The guest a scanned code names: a ticket's code, or the link of a badge
 * printed at any of the event's kiosks, which carries the code (or, for a
 * guest without one, their id: badge_data.c). 1 with g filled, 0 none, -1
 * after visit_fail. */
static int code_guest(Visit *v, const char *code, Guest *g)
{
    char *c = NULL;
    int found = link_code(v->env.cfg->qr_url, v->env.cfg->catalog_url, code, &c);
    if (found < 0) {
        visit_fail(v, "out of memory reading a scanned code");
        return -1;
    }
    if (found == 0)
        return 0;
    StoreStatus st = store_guest_by_code(v->env.store, c, g);
    if (st == STORE_NOT_FOUND && strlen(c) == ID_LEN)
        st = store_guest_get(v->env.store, c, g);
    free(c);
    if (st == STORE_OK)
        return 1;
    if (st == STORE_NOT_FOUND || st == STORE_INVALID)
        return 0;
    visit_store_failed(v, "cannot look up a scanned code");
    return -1;
}

VisitOutcome visit_check_in_code(Visit *v, const char *code)
{
    Guest g;
    guest_init(&g);
    int found = code_guest(v, code, &g);
    VisitOutcome out = found > 0    ? check_in_guest(v, &g)
                       : found == 0 ? VISIT_UNKNOWN
                                    : VISIT_FAILED;
    guest_clear(&g);
    return out;
}

bool visit_code_is_another(Visit *v, const char *code)
{
    const VisitGuest *vg = visit_guest(v);
    if (!vg)
        return false;
    Guest g;
    guest_init(&g);
    bool other = code_guest(v, code, &g) > 0 && strcmp(g.id, vg->id) != 0;
    guest_clear(&g);
    return other;
}

/* ---- walk-in ---- */

static bool email_looks_valid(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t,;<>"))
        return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

/* Digits with the usual separators (+1 (555) 010-0100, 555.0100): OK; a
 * letter means something else was typed into the field (BAD); fewer than
 * VISIT_PHONE_MIN_DIGITS digits is a number cut short (SHORT). */
static VisitFieldError phone_check(const char *s)
{
    size_t digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!strchr("+-(). ", *p))
            return VISIT_FIELD_BAD_PHONE;
    }
    return digits >= VISIT_PHONE_MIN_DIGITS ? VISIT_FIELD_OK : VISIT_FIELD_SHORT_PHONE;
}

bool visit_field_required(int field)
{
    return field == VISIT_FIRST || field == VISIT_LAST;
}

VisitFieldError visit_field_check(int field, const char *value)
{
    if (!*value)
        return visit_field_required(field) ? VISIT_FIELD_REQUIRED : VISIT_FIELD_OK;
    if (field == VISIT_EMAIL && !email_looks_valid(value))
        return VISIT_FIELD_BAD_EMAIL;
    return field == VISIT_PHONE ? phone_check(value) : VISIT_FIELD_OK;
}

/* Marks w->error from the trimmed values; true when the form is fine. */
static bool walkin_check(VisitWalkin *w, char *const *val)
{
    bool ok = true;
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        w->error[i] = visit_field_check(i, val[i]);
        ok = ok && w->error[i] == VISIT_FIELD_OK;
    }
    return ok;
}

/* The form as a guest record (no id or code yet). 0, or -1 after visit_fail. */
static int form_guest(Visit *v, char *const *val, bool consent, Guest *g)
{
    char **dst[VISIT_FIELD_COUNT] = {&g->first, &g->last,  &g->company,
                                     &g->title, &g->email, &g->phone};
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        if (guest_set(dst[i], val[i]) != 0) {
            visit_fail(v, "out of memory adding a walk-in");
            return -1;
        }
    }
    g->walk_in = true;
    g->consent = consent;
    g->role = ROLE_INDUSTRY_PARTNER;
    return 0;
}

/* The form turned out to be the pre-registered guest g: v->walkin_match says
 * who, for "Is this you?". VISIT_MAYBE_GUEST, or VISIT_FAILED after visit_fail. */
static VisitOutcome maybe_guest(Visit *v, const Guest *g)
{
    char *label = guest_masked_name(g);
    if (!label) {
        visit_fail(v, "out of memory adding a walk-in");
        return VISIT_FAILED;
    }
    text_copy(v->walkin_match.guest_id, sizeof v->walkin_match.guest_id, g->id);
    text_copy(v->walkin_match.label, sizeof v->walkin_match.label, label);
    free(label);
    return VISIT_MAYBE_GUEST;
}

/* Adds the walk-in, or finds them (a walk-in who came before), into g
 * (initialised) as stored; VISIT_CHECKED_IN when g is the guest to check in.
 * anyway: matched only against walk-ins. Without it, a pre-registered guest
 * found is VISIT_MAYBE_GUEST. */
/* A walk-in added is checked in with them, in one transaction (*r, *added). */
static VisitOutcome walkin_add(Visit *v, char *const *val, bool consent, bool anyway, Guest *g,
                               CheckinResult *r, bool *added_out)
{
    if (form_guest(v, val, consent, g) != 0)
        return VISIT_FAILED;
    Store *s = v->env.store;
    const char *kiosk = v->env.cfg->kiosk_id;
    bool added = false;
    /* As check_in_guest: the badge is recorded with the check-in. */
    const char *printer = v->env.printer.print ? v->env.cfg->printer : NULL;
    StoreStatus st = store_walkin_checkin(s, g, anyway, kiosk, printer, visit_now(v), &added, r);
    *added_out = added;
    if (st != STORE_OK) {
        visit_store_failed(v, "walk-in not saved");
        return VISIT_FAILED;
    }
    if (!added && !g->walk_in)
        return maybe_guest(v, g);
    /* Findable by name from now on, e.g. to print a badge again. A walk-in
     * found again is in the search already, as stored. */
    if (added && search_add(v->ix, g) != 0)
        visit_fail(v, "out of memory adding a walk-in to the search");
    return VISIT_CHECKED_IN;
}

static VisitOutcome walk_in(Visit *v, VisitWalkin *w, bool anyway)
{
    /* "No, I'm someone else": not asked about that registration again when
     * they correct their details (visit_fix_details). */
    char declined[ID_LEN + 1] = "";
    if (anyway)
        memcpy(declined, v->walkin_match.guest_id, sizeof declined);
    memset(&v->walkin_match, 0, sizeof v->walkin_match);
    char *val[VISIT_FIELD_COUNT] = {0};
    VisitOutcome out = VISIT_FAILED;
    Guest g;
    guest_init(&g);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++) {
        val[i] = text_trim_dup(w->field[i] ? w->field[i] : "");
        if (!val[i]) {
            visit_fail(v, "out of memory reading the walk-in form");
            goto out;
        }
    }
    if (!walkin_check(w, val)) {
        out = VISIT_INVALID;
        goto out;
    }
    CheckinResult r;
    bool added = false;
    out = walkin_add(v, val, w->consent, anyway, &g, &r, &added);
    if (out == VISIT_CHECKED_IN)
        out = added ? checked_in(v, &g, &r) : check_in_guest(v, &g);
    /* What they typed is theirs to correct (visit_fix_details): a new record
     * only. A walk-in found from an earlier visit has details that form did
     * not type here (an email, a phone), not to be shown to whoever stands
     * at the kiosk now. */
    if (out == VISIT_CHECKED_IN) {
        v->guest.typed = added;
        memcpy(v->declined, declined, sizeof declined);
    }
out:
    guest_clear(&g);
    for (int i = 0; i < VISIT_FIELD_COUNT; i++)
        free(val[i]);
    return out;
}

VisitOutcome visit_walk_in(Visit *v, VisitWalkin *w)
{
    return walk_in(v, w, false);
}

VisitOutcome visit_walk_in_anyway(Visit *v, VisitWalkin *w)
{
    return walk_in(v, w, true);
}

const SearchResult *visit_walkin_match(const Visit *v)
{
    return v->walkin_match.guest_id[0] ? &v->walkin_match : NULL;
}

/* ---- a walk-in fixing their details ---- */

bool visit_fix_offered(const Visit *v)
{
    const VisitGuest *g = visit_guest(v);
    return g && g->typed && g->walk_in && g->new_checkin;
}

int visit_fix_read(Visit *v, Guest *out)
{
    if (!visit_fix_offered(v)) {
        visit_fail(v, "no walk-in of this visit to correct");
        return -1;
    }
    if (store_guest_get(v->env.store, v->guest.id, out) != STORE_OK)
        return visit_store_failed(v, "cannot read the walk-in's details");
    return 0;
}

/* The registration the corrected walk-in g is, unless they said they are
 * not: 1 with v->walkin_match saying who, 0 none, -1 after visit_fail. */
static int fix_registration(Visit *v, const Guest *g)
{
    Guest r;
    guest_init(&r);
    StoreStatus st = store_guest_registration(v->env.store, g, v->guest.id, &r);
    int rc = 0;
    if (st == STORE_OK && strcmp(r.id, v->declined) != 0)
        rc = maybe_guest(v, &r) == VISIT_MAYBE_GUEST ? 1 : -1;
    else if (st != STORE_OK && st != STORE_NOT_FOUND)
        rc = visit_store_failed(v, "cannot look the correction up");
    guest_clear(&r);
    return rc;
}

/* visit_fix_details, and with ask false visit_fix_details_anyway. */
static int fix_details(Visit *v, VisitGuestEdit *e, bool ask)
{
    char declined[ID_LEN + 1];
    memcpy(declined, v->walkin_match.guest_id, sizeof declined);
    memset(&v->walkin_match, 0, sizeof v->walkin_match);
    if (!visit_fix_offered(v)) {
        for (int i = 0; i < VISIT_FIELD_COUNT; i++)
            e->error[i] = VISIT_FIELD_OK;
        visit_fail(v, "no walk-in of this visit to correct");
        return -1;
    }
    Guest g;
    guest_init(&g);
    int rc = visit_guest_take(v, v->guest.id, e, &g);
    if (rc == 0 && ask)
        rc = fix_registration(v, &g);
    if (rc == 0)
        rc = visit_guest_store(v, &g, "walk-in edit");
    if (rc == 0) {
        text_copy(v->guest.greet, sizeof v->guest.greet, g.first[0] ? g.first : g.last);
        if (!ask && declined[0])
            memcpy(v->declined, declined, sizeof declined);
    }
    guest_clear(&g);
    return rc;
}

int visit_fix_details(Visit *v, VisitGuestEdit *e)
{
    return fix_details(v, e, true);
}

int visit_fix_details_anyway(Visit *v, VisitGuestEdit *e)
{
    return fix_details(v, e, false);
}

/* What the guest picked on Interests, as the store takes it. */
typedef struct Picks {
    const char **codes, **keys;
    size_t nc, nk;
} Picks;

static void picks_free(Picks *p)
{
    free(p->codes);
    free(p->keys);
}

/* picked: one per visible program; kinds: one per PARTNERSHIP_KINDS entry.
 * 0, or -1 after visit_fail (picks_free all the same). */
static int picks_make(Visit *v, const bool *picked, const bool *kinds, Picks *p)
{
    memset(p, 0, sizeof *p);
    p->codes = calloc(v->programs.count + 1, sizeof *p->codes);
    p->keys = calloc(PARTNERSHIP_KIND_COUNT + 1, sizeof *p->keys);
    if (!p->codes || !p->keys) {
        visit_fail(v, "out of memory saving interests");
        return -1;
    }
    for (size_t i = 0; i < v->programs.count; i++)
        if (picked[i])
            p->codes[p->nc++] = v->programs.items[i].code;
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        if (kinds[i])
            p->keys[p->nk++] = PARTNERSHIP_KINDS[i].key;
    return 0;
}

/* Ticks in picked (one per visible program) and kinds (one per
 * PARTNERSHIP_KINDS entry) the program codes and kind keys listed, leaving
 * the others as they are. */
static void picks_tick(const Visit *v, char *const *codes, size_t nc, char *const *keys, size_t nk,
                       bool *picked, bool *kinds)
{
    for (size_t i = 0; i < v->programs.count; i++)
        for (size_t j = 0; j < nc; j++)
            if (!strcmp(codes[j], v->programs.items[i].code))
                picked[i] = true;
    for (size_t i = 0; i < PARTNERSHIP_KIND_COUNT; i++)
        for (size_t j = 0; j < nk; j++)
            if (!strcmp(keys[j], PARTNERSHIP_KINDS[i].key))
                kinds[i] = true;
}

VisitOutcome visit_fix_move(Visit *v, VisitGuestEdit *e, bool *picked, bool *kinds, bool consent)
{
    if (!visit_fix_offered(v) || !v->walkin_match.guest_id[0]) {
        visit_fail(v, "no walk-in of this visit to move to a registration");
        return VISIT_FAILED;
    }
    VisitOutcome out = VISIT_FAILED;
    Guest g, reg;
    guest_init(&g);
    guest_init(&reg);
    Picks p;
    CheckinResult r;
    char **codes = NULL, **keys = NULL;
    size_t nc = 0, nk = 0;
    const char *printer = v->env.printer.print ? v->env.cfg->printer : NULL;
    if (picks_make(v, picked, kinds, &p) != 0 || visit_guest_take(v, v->guest.id, e, &g) != 0)
        goto out;
    if (store_guest_get(v->env.store, v->walkin_match.guest_id, &reg) != STORE_OK) {
        visit_store_failed(v, "cannot read the registration");
        goto out;
    }
    /* The registration's own picks (made when they checked in before), which
     * the move keeps: Interests shows them with the walk-in's. */
    if (store_interests_get(v->env.store, reg.id, &codes, &nc, &keys, &nk) != STORE_OK) {
        visit_store_failed(v, "cannot read the registration's interests");
        goto out;
    }
    StorePicks sp = {p.codes, p.nc, p.keys, p.nk, consent};
    if (store_walkin_move(v->env.store, &g, reg.id, &sp, v->env.cfg->kiosk_id, printer,
                          visit_now(v), &r) != STORE_OK) {
        visit_store_failed(v, "correction not saved");
        goto out;
    }
    /* Find me finds the walk-in no more: their entry, emptied, matches nothing. */
    Guest gone;
    guest_init(&gone);
    memcpy(gone.id, g.id, sizeof gone.id);
    if (search_add(v->ix, &gone) != 0)
        visit_fail(v, "out of memory updating the search");
    /* The walk-in's badge went with their check-in: the visit's one badge is
     * the registration's, unless they were checked in (and badged) before. */
    v->badge_owed = false;
    reg.consent = reg.consent || consent;
    picks_tick(v, codes, nc, keys, nk, picked, kinds);
    out = checked_in(v, &reg, &r);
    /* They typed their details and said the registration was them: the
     * check-in is theirs. "Not me" would take it back with their walk-in's
     * gone too, leaving a guest told twice they were in with neither. */
    v->guest.moved = true;
    if (r.already)
        visit_changed(v);
out:
    store_strings_free(codes, nc);
    store_strings_free(keys, nk);
    picks_free(&p);
    guest_clear(&g);
    guest_clear(&reg);
    return out;
}

/* ---- interests ---- */

int visit_save_interests(Visit *v, const bool *picked, const bool *kinds, bool consent)
{
    const VisitGuest *vg = visit_guest(v);
    if (!vg)
        return 0;
    Picks p;
    int rc = -1;
    if (picks_make(v, picked, kinds, &p) != 0)
        goto out;
    int64_t now = visit_now(v);
    Store *s = v->env.store;
    StoreStatus st =
        store_interests_set(s, vg->id, p.codes, p.nc, p.keys, p.nk, v->env.cfg->kiosk_id, now);
    if (st == STORE_OK && consent != vg->consent)
        st = store_guest_set_consent(s, vg->id, consent, now);
    rc = st == STORE_OK ? 0 : visit_store_failed(v, "interests not saved");
    visit_changed(v); /* even a half-saved visit: what was saved is worth a copy */
out:
    picks_free(&p);
    request_badge(v);
    return rc;
}

int visit_interest_get(Visit *v, size_t program, bool *interested)
{
    *interested = false;
    const VisitGuest *vg = visit_guest(v);
    if (!vg || program >= v->programs.count)
        return 0;
    char **codes = NULL, **kinds = NULL;
    size_t nc = 0, nk = 0;
    if (store_interests_get(v->env.store, vg->id, &codes, &nc, &kinds, &nk) != STORE_OK)
        return visit_store_failed(v, "cannot read the guest's interests");
    for (size_t j = 0; j < nc; j++)
        if (!strcmp(codes[j], v->programs.items[program].code))
            *interested = true;
    store_strings_free(codes, nc);
    store_strings_free(kinds, nk);
    return 0;
}

int visit_interest_set(Visit *v, size_t program, bool interested)
{
    const VisitGuest *vg = visit_guest(v);
    if (!vg || program >= v->programs.count)
        return 0;
    const char *code = v->programs.items[program].code;
    char **codes = NULL, **kinds = NULL;
    size_t nc = 0, nk = 0;
    Store *s = v->env.store;
    if (store_interests_get(s, vg->id, &codes, &nc, &kinds, &nk) != STORE_OK)
        return visit_store_failed(v, "cannot read the guest's interests");
    int rc = -1;
    const char **out = calloc(nc + 1, sizeof *out);
    if (!out) {
        visit_fail(v, "out of memory saving an interest");
        goto done;
    }
    size_t n = 0;
    for (size_t j = 0; j < nc; j++)
        if (strcmp(codes[j], code) != 0)
            out[n++] = codes[j];
    if (interested)
        out[n++] = code;
    if (store_interests_set(s, vg->id, out, n, (const char *const *)kinds, nk, v->env.cfg->kiosk_id,
                            visit_now(v)) != STORE_OK) {
        visit_store_failed(v, "interest not saved");
        goto done;
    }
    rc = 0;
    visit_changed(v);
done:
    free(out);
    store_strings_free(codes, nc);
    store_strings_free(kinds, nk);
    return rc;
}

/* ---- the badge ---- */

bool visit_badge(const Visit *v, VisitBadge *out)
{
    if (!v->guest.id[0] || !v->badge_asked)
        return false;
    *out = v->badge;
    return true;
}

bool visit_badge_earlier(const Visit *v)
{
    const VisitGuest *g = visit_guest(v);
    return g && g->moved && !g->new_checkin;
}

void visit_badge_update(Visit *v, const PrintJob *job)
{
    if (job->state == PRINT_DONE)
        visit_changed(v); /* the check-in now says its badge printed */
    if (!v->guest.id[0] || strcmp(v->guest.id, job->guest_id) != 0 || !v->badge_asked)
        return;
    v->badge.state = job->state;
    v->badge.paused = job->paused;
    text_copy(v->badge.printer, sizeof v->badge.printer, job->printer);
    text_copy(v->badge.file, sizeof v->badge.file, job->printer[0] ? "" : job->output);
    v->badge.to_file = !job->printer[0];
}
