/* test_install.c — Lanyard installed with `cmake --install --prefix DIR`, as the
 * Debian package installs it under /usr: the program finds the fonts and the
 * demo event it ships beside itself (DIR/share/lanyard), also after the whole
 * folder is moved, and the systemd unit it installs names that program and
 * passes `systemd-analyze verify`. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void assert_file(const char *dir, const char *rel)
{
    char *p = tu_path(dir, rel);
    struct stat st;
    if (stat(p, &st) != 0)
        fail_msg("not installed: %s", p);
    free(p);
}

/* A scripted run of the installed program on its own demo event (no --event),
 * which must show that event's name. */
static void run_installed(const char *prefix, const char *tmp)
{
    char *bin = tu_path(prefix, "bin/lanyard");
    char *db = tu_path(tmp, "k.db");
    char *script = tu_path(tmp, "s.script");
    tu_write(script, "expect Installed Demo Check\n", (size_t)-1);
    const char *argv[] = {bin, "run", "--db", db, "--script", script, NULL};
    TuRun r = tu_run(argv, NULL);
    if (r.status != 0)
        fprintf(stderr, "%s", r.err);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    free(bin);
    free(db);
    free(script);
}

static void test_install_prefix(void **state)
{
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char *tmp = tu_tempdir();
    char *prefix = tu_path(tmp, "prefix");
    const char *install[] = {LANYARD_CMAKE, "--install", LANYARD_BUILD_DIR,
                             "--prefix",    prefix,      NULL};
    TuRun r = tu_run(install, NULL);
    if (r.status != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.status, 0);
    tu_run_free(&r);
    assert_file(prefix, "bin/lanyard");
    assert_file(prefix, "share/lanyard/fonts/NotoSans-Regular.ttf");
    assert_file(prefix, "share/lanyard/first-start/event.ini");
    assert_file(prefix, "share/lanyard/kiosk/99-lanyard-usb.rules");

    /* The unit runs this prefix's program. */
    char *unit = tu_path(prefix, "lib/systemd/system/lanyard-kiosk.service");
    char *text = tu_read(unit, NULL);
    assert_non_null(text);
    char want[4200];
    snprintf(want, sizeof want, "\nExecStart=%s/bin/lanyard run --event /var/lib/lanyard/event",
             prefix);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "\nType=notify\n"));
    free(text);
    if (LANYARD_SYSTEMD_ANALYZE[0]) {
        const char *verify[] = {LANYARD_SYSTEMD_ANALYZE, "verify", unit, NULL};
        r = tu_run(verify, NULL);
        if (r.status != 0 || r.err[0])
            fprintf(stderr, "systemd-analyze verify: %s%s", r.out, r.err);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        tu_run_free(&r);
    }
    free(unit);

    /* The demo it runs is the installed one, not the source tree's. */
    char *ini = tu_path(prefix, "share/lanyard/demo/event.ini");
    tu_write(ini, "[event]\nname = Installed Demo Check\n", (size_t)-1);
    free(ini);
    run_installed(prefix, tmp);
    /* Moved as a whole, it still finds them. */
    char *moved = tu_path(tmp, "moved");
    assert_int_equal(rename(prefix, moved), 0);
    run_installed(moved, tmp);

    free(moved);
    free(prefix);
    tu_rmtree(tmp);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_install_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
