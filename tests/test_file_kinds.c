/* test_file_kinds.c — files that are not regular files, named where a file
 * is read (event.ini's logo, a CSV to import, a --script): a FIFO nobody
 * writes to or a device is refused at once with words a person can act on,
 * never waited on. Each run of the program is bounded by timeout(1), so a
 * reader that waits fails the test instead of hanging it. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"

typedef struct Fixture {
    char *dir;
    char *fifo;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->fifo = tu_path(f->dir, "logo.png");
    assert_int_equal(mkfifo(f->fifo, 0600), 0);
    alarm(60); /* a read that waits on the FIFO ends the test, failed */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    alarm(0);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->fifo);
    free(f);
    return 0;
}

static void test_file_read_refuses_fifo_and_device(void **state)
{
    Fixture *f = *state;
    const char *paths[] = {f->fifo, "/dev/zero"};
    for (size_t i = 0; i < 2; i++) {
        size_t len = 0;
        errno = 0;
        assert_null(file_read(paths[i], &len));
        assert_int_equal(errno, FILE_ENOTREG);
        assert_non_null(strstr(file_strerror(errno), "not a regular file"));
        errno = 0;
        assert_int_equal(file_check_regular(paths[i]), -1);
        assert_int_equal(errno, FILE_ENOTREG);
    }
    assert_int_equal(file_check_regular(f->dir), -1);
    assert_int_equal(errno, EISDIR);
}

/* Runs the lanyard binary under timeout(1). */
static TuRun run_bounded(const char *const *args)
{
    const char *argv[16] = {"/usr/bin/timeout", "20", LANYARD_BINARY};
    size_t n = 3;
    while (*args && n < 15)
        argv[n++] = *args++;
    argv[n] = NULL;
    return tu_run(argv, NULL);
}

static void test_import_of_a_fifo_is_refused(void **state)
{
    Fixture *f = *state;
    char *db = tu_path(f->dir, "event.db");
    TuRun r = run_bounded((const char *[]){"import", "guests", f->fifo, "--db", db, NULL});
    if (r.status != 1 || !strstr(r.err, "not a regular file"))
        fail_msg("status %d: %s", r.status, r.err);
    tu_run_free(&r);
    free(db);
}

/* event.ini's logo naming a FIFO: the kiosk starts, without the logo, and
 * says why. */
static void test_logo_fifo_does_not_hang_start_up(void **state)
{
    Fixture *f = *state;
    char *ini = tu_path(f->dir, "event.ini"), *db = tu_path(f->dir, "event.db");
    char *script = tu_path(f->dir, "start.script");
    tu_write(ini, "[event]\nname = Spring Breakfast\nlogo = logo.png\n", (size_t)-1);
    tu_write(script, "expect Spring Breakfast\n", (size_t)-1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    TuRun r = run_bounded(
        (const char *[]){"run", "--event", f->dir, "--db", db, "--script", script, NULL});
    if (r.status != 0)
        fail_msg("lanyard run: status %d: %s", r.status, r.err);
    char words[4200];
    snprintf(words, sizeof words, "logo %s not shown: not a regular file", f->fifo);
    if (!strstr(r.err, words))
        fail_msg("stderr should say \"%s\": %s", words, r.err);
    tu_run_free(&r);
    free(ini);
    free(db);
    free(script);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_read_refuses_fifo_and_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_of_a_fifo_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logo_fifo_does_not_hang_start_up, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
