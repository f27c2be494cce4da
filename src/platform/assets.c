/* assets.c — finding the shipped files. See assets.h. */
#include "platform/assets.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char found[PATH_MAX];
static pthread_once_t found_once = PTHREAD_ONCE_INIT;

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PROGRAM_DIR/LANYARD_INSTALL_ASSET_REL when it holds fonts/; 0 or -1. */
static int beside_program(char *out, size_t outlen)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    char dir[PATH_MAX], fonts[PATH_MAX];
    int a = snprintf(dir, sizeof dir, "%s/%s", exe, LANYARD_INSTALL_ASSET_REL);
    int b = snprintf(fonts, sizeof fonts, "%s/fonts", dir);
    if (a < 0 || (size_t)a >= sizeof dir || b < 0 || (size_t)b >= sizeof fonts || !is_dir(fonts))
        return -1;
    char real[PATH_MAX];
    if (!realpath(dir, real) || strlen(real) >= outlen)
        return -1;
    snprintf(out, outlen, "%s", real);
    return 0;
}

static void find_assets(void)
{
    if (beside_program(found, sizeof found) != 0)
        snprintf(found, sizeof found, "%s", LANYARD_ASSET_DIR);
}

const char *assets_dir(void)
{
    pthread_once(&found_once, find_assets);
    return found;
}
