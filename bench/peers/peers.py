#!/usr/bin/env python3
"""The peers comparison (issue 12 §6): EdgeBench against a raw-socket floor, GuideLLM and AIPerf,
all streaming from the SAME scripted server (edgebench-testserver fast), clients interleaved.

Run through bench/peers.sh, which builds the server and EdgeBench, installs the peers and builds the
tokenizer. What it measures, per client:

1. Timing (paced server: deterministic TTFT, then one token every --pace-ms/--pace-tokens ms). The
   server logs, on CLOCK_MONOTONIC, when it received each request and when it wrote each token.
   TTFT error = the client's own reported TTFT − (server's first-token write − server's receipt of
   the request), per request, median over all requests. This is the same comparison for every
   client, whatever it reports; it includes the loopback transit both ways and the client's own
   delay in reading and stamping. Where the client reports its request start as an absolute time
   (raw: CLOCK_MONOTONIC; AIPerf, GuideLLM: wall clock), the error against
   (server's first-token write − client's request start) is printed too.
   ITL p99 error = p99 of the client's reported inter-token latencies − p99 of the server's
   inter-write gaps over the same requests, median over the client's runs.
   CPU while streaming = CPU time of the client's process tree between the server's receipt of the
   2nd request and its last token write of the last request of a run, ÷ that wall time (so start-up
   and shut-down are out; between-request bookkeeping is in).
2. CPU per token (fast server, no delays): each client runs --cpu-requests requests of
   --long-tokens and of --short-tokens tokens; marginal CPU per token = (CPU_long − CPU_short) ÷
   (tokens_long − tokens_short), CPU = user+sys of the client and its children (/usr/bin/time).
   Peak RSS = the larger of /usr/bin/time's max RSS (largest single process) and the peak of the
   summed RSS of the client's process tree (sampled from /proc every 50 ms), in the long run.

The server is a separate process and never measured.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from proctree import TreeSampler  # noqa: E402
import clients as clientmod  # noqa: E402


def die(msg):
    print(f"peers: {msg}", file=sys.stderr)
    sys.exit(2)


def pct(values, q):
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


class Server:
    """One edgebench-testserver fast process with its send log."""

    def __init__(self, binary, work, name, tokens, ttft_ms=0.0, interval_ms=0.0):
        self.log_path = os.path.join(work, f"server-{name}.jsonl")
        url_file = os.path.join(work, f"server-{name}.url")
        cmd = [binary, "fast", "--tokens", str(tokens), "--url-file", url_file, "--send-log", self.log_path]
        if ttft_ms or interval_ms:
            cmd += ["--ttft-ms", str(ttft_ms), "--token-interval-ms", str(interval_ms)]
        self.proc = subprocess.Popen(cmd, stderr=open(os.path.join(work, f"server-{name}.err"), "w"))
        for _ in range(200):
            if os.path.exists(url_file) and os.path.getsize(url_file) > 0:
                break
            if self.proc.poll() is not None:
                die(f"the test server exited ({self.proc.returncode}): see {work}/server-{name}.err")
            time.sleep(0.05)
        else:
            die("the test server did not report its URL within 10 s")
        self.url = open(url_file).read().strip()
        self.tokens = tokens

    def records(self):
        with open(self.log_path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def wait_for(self, count, timeout=10.0):
        """Records once `count` streams have been logged (they are written just after each stream ends)."""
        deadline = time.monotonic() + timeout
        while True:
            recs = self.records()
            if len(recs) >= count or time.monotonic() > deadline:
                return recs
            time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


CLIENT_TIMEOUT_S = 900


def run_measured(client, server, requests, max_tokens, work, label):
    """Runs one client invocation under /usr/bin/time with a /proc sampler on its tree.

    Returns (client-reported requests, the server's records of them, time figures, sampler)."""
    before = len(server.records())
    out = os.path.join(work, f"{client.name}-{label}")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    cmd, env = client.command(server.url, requests, max_tokens, out)
    timefile = os.path.join(out, "time.txt")
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timefile] + cmd
    with open(os.path.join(out, "stdout.txt"), "w") as so, open(os.path.join(out, "stderr.txt"), "w") as se:
        proc = subprocess.Popen(full, stdout=so, stderr=se, env=env, cwd=out, start_new_session=True)
        sampler = TreeSampler(proc.pid, skip_root=True).start()
        try:
            rc = proc.wait(CLIENT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the client and every child it started
            proc.wait()
            sampler.stop()
            die(f"{client.title} did not finish within {CLIENT_TIMEOUT_S} s in {label} (killed): {' '.join(cmd)}\n"
                f"see {out}/stderr.txt; what to do: {client.hint}; or raise --client-timeout")
        exited = time.monotonic_ns()
        sampler.stop()
    if rc != 0:
        tail = open(os.path.join(out, "stderr.txt"), errors="replace").read()[-3000:]
        die(f"{client.title} failed (exit {rc}) in {label}: {' '.join(cmd)}\n--- its stderr (tail) ---\n{tail}\n"
            f"--- what to do: {client.hint}")
    with open(timefile) as f:
        last = f.read().strip().splitlines()[-1].split()
    wall, user, sys_, maxrss_kb = float(last[0]), float(last[1]), float(last[2]), int(last[3])
    # The tree's total CPU at exit closes the sampled series (a short client may end between samples).
    sampler.samples.append((exited, max(sampler.samples[-1][1] if sampler.samples else 0, (user + sys_) * 1e9), 0))
    recs = server.wait_for(before + requests)[before:]
    reported = client.parse(out)
    if len(recs) == requests and 0 < len(reported) < requests and all(r.get("start_real_ns") for r in reported):
        # GuideLLM 0.8.1 under load has reported one request fewer than it sent (its last one, finished after
        # its max_requests constraint closed the benchmark). Pair each request it did report with the server's
        # record by start time, not by position, and say how many were left out.
        paired = [min(recs, key=lambda rec: abs(rec["received_real_ns"] - rep["start_real_ns"])) for rep in reported]
        print(f"note: {client.title} in {label} reported {len(reported)} of the {requests} requests it sent; "
              f"paired with the server's records by start time")
        recs = paired
    elif len(recs) != requests or len(reported) != requests:
        die(f"{client.title} in {label}: asked for {requests} requests, the server streamed {len(recs)}, "
            f"the client reported {len(reported)} (see {out}); what to do: {client.hint}")
    return reported, recs, {"wall": wall, "cpu": user + sys_, "user": user, "sys": sys_,
                            "maxrss": maxrss_kb * 1024}, sampler


def timing_figures(reported, recs, sampler):
    ttft_err, ttft_err_start, client_itl, server_gaps, mean_err = [], [], [], [], []
    for rep, rec in zip(reported, recs):
        writes = rec["token_write_mono_ns"]
        server_ttft = (writes[0] - rec["received_mono_ns"]) / 1e6
        ttft_err.append(rep["ttft_ms"] - server_ttft)
        first_real = rec["received_real_ns"] + (writes[0] - rec["received_mono_ns"])
        if rep.get("start_mono_ns") is not None:
            ttft_err_start.append(rep["ttft_ms"] - (writes[0] - rep["start_mono_ns"]) / 1e6)
        elif rep.get("start_real_ns") is not None:
            ttft_err_start.append(rep["ttft_ms"] - (first_real - rep["start_real_ns"]) / 1e6)
        if rep.get("itl_ms"):
            client_itl += rep["itl_ms"]
        elif rep.get("itl_mean_ms") is not None and len(writes) > 1:
            mean_err.append(rep["itl_mean_ms"] - (writes[-1] - writes[0]) / 1e6 / (len(writes) - 1))
        server_gaps += [(b - a) / 1e6 for a, b in zip(writes, writes[1:])]
    k = 1 if len(recs) > 1 else 0
    t0 = recs[k]["received_mono_ns"]
    t1 = recs[-1]["token_write_mono_ns"][-1]
    c0, c1 = sampler.cpu_at(t0), sampler.cpu_at(t1)
    cpu_window = None if c0 is None or c1 is None else (c1 - c0, t1 - t0)
    itl_err = None
    if client_itl and server_gaps:
        itl_err = (pct(client_itl, 0.99) - pct(server_gaps, 0.99), "p99")
    elif mean_err:
        # The client reports only a mean ITL per request: the error of that mean, median over requests.
        itl_err = (statistics.median(mean_err), "mean")
    return ttft_err, ttft_err_start, itl_err, cpu_window


def fmt(v, spec, unit=""):
    return "n/a" if v is None else format(v, spec) + unit


class _Help(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    pass


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=_Help,
                                epilog="bench/peers.sh sets --bin, --guidellm, --aiperf and --tokenizer; "
                                       "--quick: 6 paced requests in 2 rounds, 2 × 2,000 and 2 × 10 tokens, 1 round.")
    p.add_argument("--quick", action="store_true", help="smoke test: few requests, short streams")
    p.add_argument("--clients", default="raw,edgebench,guidellm,aiperf", help="comma-separated, in this order")
    p.add_argument("--timing-requests", type=int, default=25, help="paced requests per client (TTFT/ITL)")
    p.add_argument("--timing-rounds", type=int, default=5, help="interleaved rounds the timing requests are split into")
    p.add_argument("--pace-tokens", type=int, default=64, help="tokens per paced request")
    p.add_argument("--pace-ms", type=float, default=370.0, help="time the paced server takes for those tokens")
    p.add_argument("--ttft-ms", type=float, default=50.0, help="the paced server's deterministic TTFT")
    p.add_argument("--long-tokens", type=int, default=20000, help="tokens per request in the long CPU/RSS run")
    p.add_argument("--short-tokens", type=int, default=10, help="tokens per request in the short CPU/RSS run")
    p.add_argument("--cpu-requests", type=int, default=5, help="requests per CPU/RSS run")
    p.add_argument("--cpu-rounds", type=int, default=3, help="interleaved rounds of the CPU/RSS runs (median taken)")
    p.add_argument("--bin", required=True, help="folder with edgebench and edgebench-testserver (release; peers.sh sets it)")
    p.add_argument("--guidellm", help="guidellm executable")
    p.add_argument("--aiperf", help="aiperf executable")
    p.add_argument("--tokenizer", help="Hugging Face tokenizer folder (built from the GGUF by peers.sh)")
    p.add_argument("--client-timeout", type=int, default=900, help="seconds one client invocation may take")
    p.add_argument("--work", help="keep all outputs here (default: a temporary folder, removed)")
    a = p.parse_args()
    global CLIENT_TIMEOUT_S
    CLIENT_TIMEOUT_S = a.client_timeout
    for k in ("bin", "guidellm", "aiperf", "tokenizer"):  # clients run in their own output folders
        if getattr(a, k):
            setattr(a, k, os.path.abspath(getattr(a, k)))
    if a.quick:
        a.timing_requests, a.timing_rounds = 6, 2
        a.long_tokens, a.cpu_requests, a.cpu_rounds = 2000, 2, 1
    names = [n.strip() for n in a.clients.split(",") if n.strip()]
    work = a.work or tempfile.mkdtemp(prefix="edgebench-peers-")
    os.makedirs(work, exist_ok=True)
    cl = [clientmod.make(n, a) for n in names]
    per_round = max(1, a.timing_requests // a.timing_rounds)
    rounds = -(-a.timing_requests // per_round)
    interval = a.pace_ms / a.pace_tokens

    print(f"# EdgeBench peers comparison — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; work folder {work}")
    for c in cl:
        print(f"- {c.title}: {c.version}")
    print(f"\n## 1. timing: {rounds} rounds × {per_round} requests per client, {a.pace_tokens} tokens each, "
          f"TTFT {a.ttft_ms} ms then one token every {interval:.2f} ms (POST /v1/completions, stream)")
    timing = {c.name: {"ttft": [], "ttft_start": [], "itl": [], "itl_kind": "p99", "cpu": 0.0, "wall": 0.0} for c in cl}
    server = Server(os.path.join(a.bin, "edgebench-testserver"), work, "paced", a.pace_tokens, a.ttft_ms, interval)
    try:
        for r in range(rounds):
            for c in cl[r % len(cl):] + cl[:r % len(cl)]:  # rotate the order so no client always goes first
                rep, recs, _, sampler = run_measured(c, server, per_round, a.pace_tokens, work, f"timing{r}")
                te, tes, ie, win = timing_figures(rep, recs, sampler)
                t = timing[c.name]
                t["ttft"] += te
                t["ttft_start"] += tes
                if ie is not None:
                    t["itl"].append(ie[0])
                    t["itl_kind"] = ie[1]
                if win:
                    t["cpu"] += win[0]
                    t["wall"] += win[1]
                print(f"  round {r + 1} {c.title}: TTFT error median {statistics.median(te):+.3f} ms", flush=True)
    finally:
        server.stop()

    print(f"\n## 2. CPU and RSS: {a.cpu_requests} requests × {a.long_tokens} and × {a.short_tokens} tokens "
          f"per client, {a.cpu_rounds} round(s), no delays")
    cpu = {c.name: {"marginal": [], "rss_long": [], "rss_short": []} for c in cl}
    long_srv = Server(os.path.join(a.bin, "edgebench-testserver"), work, "long", a.long_tokens)
    short_srv = Server(os.path.join(a.bin, "edgebench-testserver"), work, "short", a.short_tokens)
    try:
        for r in range(a.cpu_rounds):
            for c in cl:
                res = {}
                for label, srv in (("short", short_srv), ("long", long_srv)):
                    _, recs, tm, sampler = run_measured(c, srv, a.cpu_requests, srv.tokens, work, f"cpu-{label}{r}")
                    tokens = sum(len(x["token_write_mono_ns"]) for x in recs)
                    rss = max(tm["maxrss"], sampler.peak_rss)
                    res[label] = (tm["cpu"], tokens, rss)
                    print(f"  round {r + 1} {c.title} {label}: {tokens} tokens, CPU {tm['cpu']:.2f} s "
                          f"(user {tm['user']:.2f}, sys {tm['sys']:.2f}), wall {tm['wall']:.2f} s, "
                          f"peak RSS {rss / 2**20:.1f} MB (largest process {tm['maxrss'] / 2**20:.1f} MB, "
                          f"tree sum {sampler.peak_rss / 2**20:.1f} MB)", flush=True)
                (cl_, tl, rl), (cs, ts, rs) = res["long"], res["short"]
                cpu[c.name]["marginal"].append((cl_ - cs) / (tl - ts) * 1e6)
                cpu[c.name]["rss_long"].append(rl)
                cpu[c.name]["rss_short"].append(rs)
    finally:
        long_srv.stop()
        short_srv.stop()

    fig = {}
    for c in cl:
        t, u = timing[c.name], cpu[c.name]
        fig[c.name] = {
            "ttft": statistics.median(t["ttft"]),
            "ttft_start": statistics.median(t["ttft_start"]) if t["ttft_start"] else None,
            "itl": statistics.median(t["itl"]) if t["itl"] else None,
            "itl_kind": t["itl_kind"],
            "cores": t["cpu"] / t["wall"] if t["wall"] else None,
            "marginal": statistics.median(u["marginal"]),
            "rss": statistics.median(u["rss_long"]) / 1e6,
            "rss_short": statistics.median(u["rss_short"]) / 1e6,
            "n": len(t["ttft"]),
        }

    print("\n## Results\n")
    print("| figure | " + " | ".join(c.title for c in cl) + " |")
    print("|---|" + "---|" * len(cl))
    rows = [
        (f"TTFT error vs server (first-token write − request received) (ms, median of n requests)",
         lambda f: f"{f['ttft']:+.3f} (n={f['n']})"),
        ("TTFT error vs server first-token write − client's own request start (ms, median)",
         lambda f: fmt(f["ttft_start"], "+.3f")),
        ("ITL p99 error vs the server's inter-write gaps p99 (ms, median over runs; † = only a mean ITL "
         "per request is reported: error of that mean)",
         lambda f: fmt(f["itl"], "+.3f") + (" †" if f["itl_kind"] == "mean" and f["itl"] is not None else "")),
        ("marginal CPU per streamed token (µs, user+sys, long − short run)", lambda f: f"{f['marginal']:.1f}"),
        (f"CPU while one request streams at engine pace ({a.pace_tokens} tokens in {a.pace_ms:g} ms) (cores)",
         lambda f: fmt(f["cores"], ".3f")),
        (f"peak RSS, {a.cpu_requests} × {a.long_tokens:,} tokens (MB)", lambda f: f"{f['rss']:.0f}"),
        (f"peak RSS, {a.cpu_requests} × {a.short_tokens:,} tokens (MB)", lambda f: f"{f['rss_short']:.0f}"),
    ]
    for title, f in rows:
        print(f"| {title} | " + " | ".join(f(fig[c.name]) for c in cl) + " |")
    print("\nVersions: " + "; ".join(f"{c.title} {c.version}" for c in cl))
    for c in cl:
        note = os.path.join(HERE, "..", ".peers", f"install-{c.name}.txt")
        if os.path.exists(note):
            print(f"Install: {open(note).read().strip()}")
    print(f"""
What is compared (every time on CLOCK_MONOTONIC of this machine, server and clients alike):
- TTFT error: the client's own reported TTFT − (the server's write of the first token − the server's receipt of
  the request), per request; the median is shown. It includes the request's and the first token's loopback
  transit and the client's own delays. The second TTFT row uses the client's own request start instead of the
  server's receipt (n/a: the client reports no absolute start time; GuideLLM's and AIPerf's are wall-clock
  times, placed with the server's CLOCK_REALTIME reading taken at receipt). AIPerf starts its clock before
  connecting; the raw client after.
- ITL p99 error: p99 of the client's reported inter-token gaps − p99 of the server's gaps between token writes,
  over the same requests, median over runs.
- Marginal CPU per token: user+sys of the client and all its children (/usr/bin/time) in a run of
  {a.cpu_requests} × {a.long_tokens} tokens minus one of {a.cpu_requests} × {a.short_tokens}, ÷ the tokens the server
  wrote in excess (start-up, tokenizer loading and exports cancel out); median over {a.cpu_rounds} round(s).
- CPU while streaming: CPU of the client's process tree (per-thread schedstat, sampled every 50 ms and
  interpolated) from the server's receipt of a run's 2nd request to its last token write of the last
  request, ÷ that wall time; summed over the timing runs.
- Peak RSS: the larger of /usr/bin/time's max RSS (its largest process) and the peak of the summed RSS of the
  client's process tree (sampled every 50 ms), in the long run; the short run's for comparison.
The server (edgebench-testserver) is never measured. MB = 10^6 bytes. Error > 0: the client is late.""")

    if "edgebench" in fig:
        e = fig["edgebench"]
        print("\n## EdgeBench against its targets\n")
        checks = []
        if "raw" in fig:
            # One-sided: a client that stamps a token on the thread that reads it (EdgeBench's event loop) can
            # be closer to the server's write than the raw Python client, whose stamp follows its own
            # interpreter's work; being earlier than the floor is no error, only later than it is.
            d = e["ttft"] - fig["raw"]["ttft"]
            checks.append(("TTFT error within 0.1 ms of the raw floor (or under it)", f"{d:+.3f} ms over the floor", d <= 0.1))
            if e["itl"] is not None and fig["raw"]["itl"] is not None:
                checks.append(("ITL p99 error no worse than the floor's", f"{e['itl']:+.3f} vs {fig['raw']['itl']:+.3f} ms",
                               e["itl"] <= fig["raw"]["itl"]))
        checks.append(("marginal CPU per token ≤ 4 µs", f"{e['marginal']:.1f} µs", e["marginal"] <= 4))
        if "guidellm" in fig and e["cores"] is not None and fig["guidellm"]["cores"] is not None:
            checks.append(("CPU while streaming ≤ GuideLLM's", f"{e['cores']:.3f} vs {fig['guidellm']['cores']:.3f} cores",
                           e["cores"] <= fig["guidellm"]["cores"]))
        checks.append(("peak RSS ≤ 40 MB", f"{e['rss']:.1f} MB", e["rss"] <= 40))
        growth = e["rss"] / e["rss_short"] - 1
        checks.append((f"peak RSS within 10 % of a {a.short_tokens}-token run", f"{growth * 100:+.1f} % "
                       f"({e['rss_short']:.1f} MB)", growth <= 0.10))
        print("| target | measured | met |\n|---|---|---|")
        for name, got, ok in checks:
            print(f"| {name} | {got} | {'yes' if ok else '**no**'} |")
    if a.quick:
        print("\n(--quick: smoke-test sizes; not figures to quote.)")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
