/* xvfb.c — see xvfb.h. */
#include "xvfb.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define XVFB "/usr/bin/Xvfb"

pid_t xvfb_start(void)
{
    int fds[2];
    if (access(XVFB, X_OK) != 0 || pipe(fds) != 0)
        return 0;
    char fdarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", fds[1]);
    const char *const argv[] = {XVFB,          "-displayfd", fdarg, "-screen",  "0",
                                "1280x800x24", "-nolisten",  "tcp", "-noreset", NULL};
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(127);
        for (int fd = 3; fd < 256; fd++)
            if (fd != fds[1])
                close(fd);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    /* Xvfb writes the display number it took, then a newline; read up to it:
     * closing the pipe earlier makes that write fail, and Xvfb exits. */
    char num[32] = {0};
    size_t got = 0;
    while (pid > 0 && got < sizeof num - 1 && !strchr(num, '\n')) {
        ssize_t n = read(fds[0], num + got, sizeof num - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fds[0]);
    if (pid <= 0)
        return 0;
    if (!strchr(num, '\n')) {
        xvfb_stop(pid);
        return 0;
    }
    num[strcspn(num, "\n")] = '\0';
    char display[40];
    snprintf(display, sizeof display, ":%s", num);
    setenv("DISPLAY", display, 1);
    unsetenv("SDL_VIDEODRIVER");
    unsetenv("WAYLAND_DISPLAY");
    return pid;
}

void xvfb_stop(pid_t pid)
{
    if (pid > 0 && kill(pid, SIGTERM) == 0)
        waitpid(pid, NULL, 0);
}
