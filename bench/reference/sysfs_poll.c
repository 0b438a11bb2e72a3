/* The least any sampler can cost: the same sysfs reads as EdgeBench's sampler at the same rates, with no
 * harness at all (absolute-deadline clock_nanosleep, one pread per open file, optionally the fstat that
 * EdgeBench adds outside a real /sys to notice a removed file). bench/sampler.sh compiles it when a C
 * compiler is present and prints its cost beside EdgeBench's, so a VM's syscall cost is not blamed on
 * EdgeBench.
 *
 *   sysfs_poll RATE_HZ SECONDS SLOW_EVERY_N_ROUNDS LINK_CHECK(0|1) FAST_FILE... -- SLOW_FILE...
 * prints: "<cpu seconds> <wall seconds>"
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void poll_files(const int *fds, int count, int link_check) {
    char buffer[64];
    for (int i = 0; i < count; i++) {
        struct stat status;
        if (link_check) fstat(fds[i], &status);
        if (pread(fds[i], buffer, sizeof buffer, 0) < 0) perror("pread");
    }
}

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: sysfs_poll RATE SECONDS SLOW_EVERY LINK_CHECK FAST... -- SLOW...\n"); return 2; }
    double rate = atof(argv[1]), seconds = atof(argv[2]);
    int slow_every = atoi(argv[3]), link_check = atoi(argv[4]);
    int fast[256], slow[256], nfast = 0, nslow = 0, after_separator = 0;
    for (int i = 5; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) { after_separator = 1; continue; }
        int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) { perror(argv[i]); return 1; }
        if (after_separator && nslow < 256) slow[nslow++] = fd;
        else if (!after_separator && nfast < 256) fast[nfast++] = fd;
    }
    long step = (long)(1e9 / rate), rounds = (long)(seconds * rate);
    struct timespec deadline, start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    deadline = start;
    double cpu_before = cpu_seconds();
    for (long round = 0; round < rounds; round++) {
        poll_files(fast, nfast, link_check);
        if (slow_every > 0 && round % slow_every == 0) poll_files(slow, nslow, link_check);
        deadline.tv_nsec += step;
        while (deadline.tv_nsec >= 1000000000L) { deadline.tv_nsec -= 1000000000L; deadline.tv_sec++; }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    }
    double cpu = cpu_seconds() - cpu_before;
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.6f %.6f\n", cpu, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
