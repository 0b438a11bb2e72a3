#ifndef EDGEBENCH_TIED_SPAWN_H
#define EDGEBENCH_TIED_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL: this process's environment), its standard input, output
/// and error on `in_fd`, `out_fd`, `err_fd`, every other descriptor closed, the default signal mask and
/// dispositions, in a process group of its own, and — on Linux — killed with SIGKILL the moment
/// EdgeBench ends, however it ends (kill -9 included): PR_SET_PDEATHSIG, set in the child before exec.
///
/// Returns 0 and stores the child's id in `pid_out`, or returns the errno of what failed (exec's own
/// failure included: ENOENT, EACCES, ENOEXEC).
int eb_spawn_tied(
    const char *path, char *const argv[], char *const envp[], int in_fd, int out_fd, int err_fd, pid_t *pid_out);

/// 1 where a child started by `eb_spawn_tied` dies with EdgeBench (Linux), 0 where it cannot (elsewhere).
int eb_spawn_tied_dies_with_parent(void);

#endif
