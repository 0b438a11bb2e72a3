"""CPU and memory of one client's whole process tree, read from /proc (never the server's).

A sampler thread walks /proc every `interval` seconds, finds the client's process and all its
descendants (by parent pid), and records:
  - cpu_ns: CPU time (user+sys) of every thread in the tree, from /proc/PID/task/TID/schedstat
    (nanoseconds, exact; a thread's time is kept after it ends), so a window's CPU can be
    interpolated between samples;
  - rss: the sum of resident set sizes over the tree's processes (what a board must hold for the
    client; shared pages between forked workers count once per process, as `ps` would add them).
Total CPU and the largest single process's peak RSS also come from /usr/bin/time (see peers.py).
"""
import os
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree(root):
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


class TreeSampler:
    def __init__(self, root_pid, interval=0.05, skip_root=False):
        self.root = root_pid
        self.interval = interval
        self.skip_root = skip_root  # the root is /usr/bin/time: count only what it runs
        self.samples = []           # (monotonic_ns, cpu_ns, rss_bytes)
        self.peak_rss = 0
        self._threads_cpu = {}      # (pid, tid) -> last schedstat ns
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()

    def sample(self):
        pids = tree(self.root)
        if self.skip_root:
            pids = pids[1:]
        rss = 0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    rss += int(f.read().split()[1]) * PAGE
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as f:
                        self._threads_cpu[(pid, tid)] = int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        now = time.monotonic_ns()
        self.samples.append((now, sum(self._threads_cpu.values()), rss))
        self.peak_rss = max(self.peak_rss, rss)

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def cpu_at(self, t_ns):
        """Tree CPU time (ns) at monotonic time t_ns, linearly interpolated between samples."""
        s = self.samples
        if not s or t_ns < s[0][0] or t_ns > s[-1][0]:
            return None
        lo, hi = 0, len(s) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if s[mid][0] <= t_ns:
                lo = mid
            else:
                hi = mid
        (t0, c0, _), (t1, c1, _) = s[lo], s[hi]
        return c0 if t1 == t0 else c0 + (c1 - c0) * (t_ns - t0) / (t1 - t0)
