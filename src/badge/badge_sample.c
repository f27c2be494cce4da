/* badge_sample.c — the staff's test badge. See badge_sample.h. */
#include "badge/badge_sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge_cups.h"
#include "badge/badge_files.h"
#include "badge/badge_render.h"
#include "core/link.h"
#include "core/timefmt.h"

/* badges/test-badge-2026-04-16_093012.png beside the database (the folder made
 * when missing); name gets the file's name. */
static int sample_path(const char *db_path, int64_t now, char *out, size_t outlen, char *name,
                       size_t namelen, char *err, size_t errlen)
{
    char dir[1024];
    if (badge_files_dir(db_path, dir, sizeof dir, err, errlen) != 0)
        return -1;
    /* "2026-04-16 09:30:12" -> "2026-04-16_093012" */
    char local[32], stamp[32];
    time_format_local(now, local);
    size_t o = 0;
    for (const char *p = local; *p && o + 1 < sizeof stamp; p++) {
        if (*p == ' ')
            stamp[o++] = '_';
        else if (*p != ':')
            stamp[o++] = *p;
    }
    stamp[o] = '\0';
    snprintf(name, namelen, "test-badge-%s.png", stamp);
    int n = snprintf(out, outlen, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= outlen) {
        snprintf(err, errlen, "the database's folder name is too long for badge files");
        return -1;
    }
    return 0;
}

int badge_sample_print(FontSet *fs, const EventConfig *cfg, const char *db_path, int64_t now,
                       TestBadge *out)
{
    memset(out, 0, sizeof *out);
    char *err = out->error;
    size_t errlen = sizeof out->error;
    if (cfg->printer[0]) {
        /* A stopped printer is said at once, rather than as a job that never
         * prints. */
        if (badge_cups_printer_check(cfg->printer, err, errlen) != 0)
            return -1;
    }
    /* The link of a guest who picked no program: the catalogue. */
    char *url = link_build(cfg->qr_url, cfg->catalog_url, "TEST", NULL, 0);
    if (!url) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    BadgeContent c = {
        cfg->name, "Sample", "Guest", "Test badge — not a guest", ROLE_INDUSTRY_PARTNER, url};
    BadgeSpec spec;
    badge_spec_from_config(cfg, &spec);
    BadgeImage *badge = badge_render(fs, &spec, &c, NULL, err, errlen);
    free(url);
    if (!badge)
        return -1;
    int rc = -1;
    if (!cfg->printer[0]) {
        char name[64];
        if (sample_path(db_path, now, out->path, sizeof out->path, name, sizeof name, err,
                        errlen) == 0 &&
            badge_save_png(badge, out->path, err, errlen) == 0) {
            /* Only the latest test badge is kept. */
            char *slash = strrchr(out->path, '/');
            *slash = '\0';
            badge_files_prune(out->path, "test-badge-", name);
            *slash = '/';
            rc = 0;
        }
    } else {
        unsigned char *pdf = NULL;
        size_t len = 0;
        const char *title = "Lanyard test badge";
        if (badge_pdf_memory(badge, spec.w_mm, spec.h_mm, title, &pdf, &len, err, errlen) == 0) {
            int id =
                badge_cups_submit(cfg->printer, title, pdf, len, spec.w_mm, spec.h_mm, err, errlen);
            if (id > 0) {
                snprintf(out->printer, sizeof out->printer, "%s", cfg->printer);
                out->job = id;
                rc = 0;
            }
        }
        free(pdf);
    }
    badge_image_free(badge);
    return rc;
}
