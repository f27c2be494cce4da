/* test_file_write.c — core/file.h's file_write: the bytes land whole, a new
 * file is never written over, a replacement is all or nothing, and a write
 * that fails part-way (here: the file size limit, as a full disk would) leaves
 * nothing cut off under the file's name. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/file.h"

typedef struct Fixture {
    char *dir;
    char *path;
    struct rlimit fsize;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = tu_tempdir();
    f->path = tu_path(f->dir, "event.ini");
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &f->fsize), 0);
    signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails with EFBIG */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    setrlimit(RLIMIT_FSIZE, &f->fsize);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The file's bytes equal s. */
static void assert_content(const char *path, const char *s)
{
    size_t len = 0;
    char *got = tu_read(path, &len);
    assert_non_null(got);
    assert_int_equal(len, strlen(s));
    assert_memory_equal(got, s, len);
    free(got);
}

/* How many entries the folder has besides . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Lets files grow to at most limit bytes. */
static void limit_size(rlim_t limit)
{
    struct rlimit r;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &r), 0);
    r.rlim_cur = limit;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &r), 0);
}

/* 100 KiB of text: larger than any one write the limit lets through. */
static char *big_text(void)
{
    size_t n = 100 * 1024;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('a' + i % 26);
    s[n] = '\0';
    return s;
}

static void test_new_file_is_never_written_over(void **state)
{
    Fixture *f = *state;
    assert_int_equal(file_write(f->path, "first\n", 6, 0644, FILE_WRITE_NEW | FILE_WRITE_SYNC), 0);
    assert_content(f->path, "first\n");
    errno = 0;
    assert_int_equal(file_write(f->path, "second\n", 7, 0644, FILE_WRITE_NEW), -1);
    assert_int_equal(errno, EEXIST);
    assert_content(f->path, "first\n"); /* the one there is untouched */
}

/* A new file written atomically: there whole, or EEXIST and the one there
 * untouched, and no temporary file left in the folder either way. */
static void test_atomic_new_file_is_never_written_over(void **state)
{
    Fixture *f = *state;
    unsigned how = FILE_WRITE_NEW | FILE_WRITE_ATOMIC;
    assert_int_equal(file_write(f->path, "first\n", 6, 0640, how), 0);
    assert_content(f->path, "first\n");
    errno = 0;
    assert_int_equal(file_write(f->path, "second\n", 7, 0640, how), -1);
    assert_int_equal(errno, EEXIST);
    assert_content(f->path, "first\n");
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(st.st_nlink, 1);
    char *dir = file_dir_of(f->path);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    free(dir);
    assert_int_equal(entries, 1);
}

static void test_plain_write_replaces_and_keeps_the_umask(void **state)
{
    Fixture *f = *state;
    tu_write(f->path, "a much longer old text\n", 23);
    assert_int_equal(file_write(f->path, "new\n", 4, 0644, 0), 0);
    assert_content(f->path, "new\n"); /* truncated, not overwritten in part */

    char *other = tu_path(f->dir, "badge.pdf");
    mode_t old = umask(077);
    assert_int_equal(file_write(other, "%PDF", 4, 0644, 0), 0);
    umask(old);
    assert_int_equal(mode_of(other), 0600);
    free(other);
}

static void test_atomic_write_replaces_with_the_mode_given(void **state)
{
    Fixture *f = *state;
    tu_write(f->path, "[event]\nname = Old\n", 19);
    mode_t old = umask(022);
    assert_int_equal(file_write(f->path, "[event]\nname = New\n", 19, 0660, FILE_WRITE_ATOMIC), 0);
    umask(old);
    assert_content(f->path, "[event]\nname = New\n");
    assert_int_equal(mode_of(f->path), 0660);
    assert_int_equal(entries(f->dir), 1); /* no temporary file beside it */
}

static void test_atomic_write_of_a_name_without_a_folder(void **state)
{
    Fixture *f = *state;
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(f->dir), 0);
    int rc = file_write("event.ini", "x = 1\n", 6, 0644, FILE_WRITE_ATOMIC);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    assert_content(f->path, "x = 1\n");
    assert_int_equal(entries(f->dir), 1);
}

static void test_failed_write_leaves_nothing_cut_off(void **state)
{
    Fixture *f = *state;
    char *text = big_text();
    static const unsigned HOW[] = {0, FILE_WRITE_SYNC, FILE_WRITE_NEW | FILE_WRITE_SYNC};
    for (size_t i = 0; i < sizeof HOW / sizeof HOW[0]; i++) {
        unlink(f->path);
        limit_size(4096);
        errno = 0;
        int rc = file_write(f->path, text, strlen(text), 0644, HOW[i]);
        int e = errno;
        setrlimit(RLIMIT_FSIZE, &f->fsize);
        assert_int_equal(rc, -1);
        assert_int_equal(e, EFBIG);                  /* the reason, as the write had it */
        assert_int_equal(access(f->path, F_OK), -1); /* no first 4 KiB under its name */
        assert_int_equal(entries(f->dir), 0);
    }
    free(text);
}

static void test_failed_atomic_write_keeps_the_old_file(void **state)
{
    Fixture *f = *state;
    tu_write(f->path, "[event]\nname = Old\n", 19);
    char *text = big_text();
    limit_size(4096);
    errno = 0;
    int rc = file_write(f->path, text, strlen(text), 0644, FILE_WRITE_ATOMIC);
    int e = errno;
    setrlimit(RLIMIT_FSIZE, &f->fsize);
    assert_int_equal(rc, -1);
    assert_int_equal(e, EFBIG);
    assert_content(f->path, "[event]\nname = Old\n");
    assert_int_equal(entries(f->dir), 1); /* the temporary file went */
    free(text);
}

static void test_failed_write_to_a_device_leaves_the_device(void **state)
{
    Fixture *f = *state;
    /* A node of its own like /dev/full (every write: ENOSPC), so a removal
     * would take only the test's. */
    char *full = tu_path(f->dir, "full");
    if (mknod(full, S_IFCHR | 0600, makedev(1, 7)) != 0) {
        free(full);
        skip(); /* not root, or a container that makes no devices */
    }
    errno = 0;
    int rc = file_write(full, "x", 1, 0644, FILE_WRITE_SYNC);
    int e = errno;
    struct stat st;
    int there = stat(full, &st);
    free(full);
    if (rc == 0 || e != ENOSPC)
        skip();                 /* devices cannot be opened in this folder (nodev) */
    assert_int_equal(there, 0); /* the device is not removed */
    assert_true(S_ISCHR(st.st_mode));
}

/* A folder of plain files made by the caller goes, files and all. */
static void test_remove_dir(void **state)
{
    Fixture *f = *state;
    char *sub = tu_path(f->dir, "staging");
    assert_int_equal(mkdir(sub, 0755), 0);
    static const char *const NAMES[] = {"event.ini", "guests.csv", ".hidden"};
    for (size_t i = 0; i < 3; i++) {
        char *p = tu_path(sub, NAMES[i]);
        tu_write(p, "x", 1);
        free(p);
    }
    file_remove_dir(sub);
    assert_int_equal(access(sub, F_OK), -1);
    assert_int_equal(entries(f->dir), 0);
    file_remove_dir(sub); /* gone already: nothing to do */
    free(sub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_file_is_never_written_over, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_new_file_is_never_written_over, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_plain_write_replaces_and_keeps_the_umask, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_atomic_write_replaces_with_the_mode_given, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_atomic_write_of_a_name_without_a_folder, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_write_leaves_nothing_cut_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_atomic_write_keeps_the_old_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_write_to_a_device_leaves_the_device, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_remove_dir, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
