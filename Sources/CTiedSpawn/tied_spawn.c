// Why C, and why one thread.
//
// PR_SET_PDEATHSIG must be set by the child itself, between fork and exec: posix_spawn (Foundation's
// Process) has no hook there, and Swift code cannot run safely in the child of a multi-threaded fork
// (only async-signal-safe calls may). So the child's few system calls are written here.
//
// The death signal fires when the *thread* that forked the child exits, not the process. EdgeBench
// starts children from Swift's concurrency pool, whose threads come and go when idle: a server forked
// from one would be killed mid-run when that thread retired. Every fork therefore happens on one
// thread started here once and never ended, so the signal fires exactly when the process ends.
#define _GNU_SOURCE
#include "tied_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

extern char **environ;

struct spawn_request {
    const char *path;
    char *const *argv;
    char *const *envp;
    int fds[3];
    pid_t pid;
    int error;
    int done;
};

static pthread_once_t spawner_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t spawner_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t spawner_changed = PTHREAD_COND_INITIALIZER;
static struct spawn_request *pending = NULL;
static int spawner_error = 0;

/// Closes every descriptor from 3 up, except `keep`; in the child, so system calls only.
static void close_from_3(int keep) {
#if defined(__linux__) && defined(SYS_close_range)
    int ok = 1;
    if (keep > 3 && syscall(SYS_close_range, 3, keep - 1, 0) != 0) ok = 0;
    if (ok && syscall(SYS_close_range, keep + 1, ~0U, 0) == 0) return;
#endif
    struct rlimit limit;
    long top = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && (long)limit.rlim_cur < top)
        top = (long)limit.rlim_cur;
    for (int fd = 3; fd < top; fd++)
        if (fd != keep) close(fd);
}

/// fd onto `target`; dup2 onto itself would leave close-on-exec set, so that case clears the flag.
static int move_to(int fd, int target) {
    if (fd == target) return fcntl(fd, F_SETFD, 0);
    return dup2(fd, target) < 0 ? -1 : 0;
}

static void report_and_exit(int pipe_fd) {
    int error = errno;
    while (write(pipe_fd, &error, sizeof error) < 0 && errno == EINTR) {}
    _exit(127);
}

static void run_child(struct spawn_request *request, pid_t parent, int pipe_fd) {
#ifdef __linux__
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) report_and_exit(pipe_fd);
    // The parent may have died between fork and prctl: then nothing would ever send the signal.
    if (getppid() != parent) _exit(127);
#endif
    // Its own process group: a terminal's Ctrl-C reaches EdgeBench, which stops the server after storing
    // what finished, instead of killing the server under a request in flight.
    setpgid(0, 0);
    // The child descriptors first, each moved above 2 if it sits where another must go.
    int fds[3];
    for (int i = 0; i < 3; i++) {
        fds[i] = request->fds[i];
        if (fds[i] >= 0 && fds[i] < 3 && fds[i] != i) {
            fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
            if (fds[i] < 0) report_and_exit(pipe_fd);
        }
    }
    for (int i = 0; i < 3; i++)
        if (fds[i] >= 0 && move_to(fds[i], i) != 0) report_and_exit(pipe_fd);
    close_from_3(pipe_fd);
    // Ignored signals stay ignored across exec (EdgeBench ignores SIGINT while it handles it itself).
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; signal++)
        if (signal != SIGKILL && signal != SIGSTOP) sigaction(signal, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(request->path, request->argv, request->envp ? request->envp : environ);
    report_and_exit(pipe_fd);
}

static void serve(struct spawn_request *request) {
    int status_pipe[2];
#ifdef __linux__
    int made = pipe2(status_pipe, O_CLOEXEC);
#else
    // forks happen on this thread only, so no child can inherit the pipe between these calls
    int made = pipe(status_pipe);
    if (made == 0) {
        fcntl(status_pipe[0], F_SETFD, FD_CLOEXEC);
        fcntl(status_pipe[1], F_SETFD, FD_CLOEXEC);
    }
#endif
    if (made != 0) {
        request->error = errno;
        return;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(status_pipe[0]);
        run_child(request, parent, status_pipe[1]);
    }
    int fork_error = errno;
    close(status_pipe[1]);
    if (pid < 0) {
        close(status_pipe[0]);
        request->error = fork_error;
        return;
    }
    // Nothing to read: exec succeeded (the pipe closed on exec). An errno: it failed, reap the child.
    int child_error = 0;
    ssize_t got;
    do { got = read(status_pipe[0], &child_error, sizeof child_error); } while (got < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (got == (ssize_t)sizeof child_error) {
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
        request->error = child_error ? child_error : ECHILD;
        return;
    }
    request->pid = pid;
    request->error = 0;
}

static void *spawner_main(void *unused) {
    (void)unused;
    pthread_mutex_lock(&spawner_lock);
    for (;;) {
        while (pending == NULL) pthread_cond_wait(&spawner_changed, &spawner_lock);
        struct spawn_request *request = pending;
        pending = NULL;
        pthread_mutex_unlock(&spawner_lock);
        serve(request);
        pthread_mutex_lock(&spawner_lock);
        request->done = 1;
        pthread_cond_broadcast(&spawner_changed);
    }
    return NULL;
}

static void start_spawner(void) {
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    // Every signal blocked here, so the process's signals go to the threads that handle them.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_t thread;
    spawner_error = pthread_create(&thread, &attributes, spawner_main, NULL);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
}

int eb_spawn_tied(
    const char *path, char *const argv[], char *const envp[], int in_fd, int out_fd, int err_fd, pid_t *pid_out) {
    pthread_once(&spawner_once, start_spawner);
    if (spawner_error != 0) return spawner_error;
    struct spawn_request request = {path, argv, envp, {in_fd, out_fd, err_fd}, 0, 0, 0};
    pthread_mutex_lock(&spawner_lock);
    while (pending != NULL) pthread_cond_wait(&spawner_changed, &spawner_lock);
    pending = &request;
    pthread_cond_broadcast(&spawner_changed);
    while (!request.done) pthread_cond_wait(&spawner_changed, &spawner_lock);
    pthread_mutex_unlock(&spawner_lock);
    if (request.error == 0) *pid_out = request.pid;
    return request.error;
}

int eb_spawn_tied_dies_with_parent(void) {
#ifdef __linux__
    return 1;
#else
    return 0;
#endif
}
