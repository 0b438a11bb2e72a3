"""How each client is run and how its own reported timings are read back.

Every client streams POST /v1/completions (OpenAI text completions, no role chunk) from the same
server, one request at a time. `parse` returns one dict per request, in order:
  ttft_ms        the client's own reported TTFT
  itl_ms         the client's own reported inter-token latencies (list), when it reports them
  start_mono_ns / start_real_ns   the client's request start, when it reports an absolute time
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = "scripted-model"  # the name edgebench-testserver serves


def _version(cmd, env=None):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        return (out.stdout.strip() or out.stderr.strip()).splitlines()[-1]
    except Exception as e:  # noqa: BLE001
        return f"unknown ({e})"


class Raw:
    name, title = "raw", "raw client"
    hint = "it needs only python3; check that the test server started (server-*.err in the work folder)"

    def __init__(self, a):
        self.version = f"Python {sys.version.split()[0]}, bench/peers/rawclient.py (socket, HTTP/1.1)"

    def command(self, url, requests, max_tokens, out):
        return ([sys.executable, os.path.join(HERE, "rawclient.py"), "--url", url, "--requests", str(requests),
                 "--max-tokens", str(max_tokens), "--out", os.path.join(out, "requests.jsonl")], os.environ.copy())

    def parse(self, out):
        recs = []
        for line in open(os.path.join(out, "requests.jsonl")):
            r = json.loads(line)
            t = r["token_mono_ns"]
            recs.append({"ttft_ms": (t[0] - r["start_mono_ns"]) / 1e6, "start_mono_ns": r["start_mono_ns"],
                         "itl_ms": [(b - a) / 1e6 for a, b in zip(t, t[1:])]})
        return recs


class EdgeBench:
    name, title = "edgebench", "EdgeBench"
    hint = "rebuild it: swift build -c release --product edgebench"

    def __init__(self, a):
        self.bin = os.path.join(a.bin, "edgebench")
        if not os.access(self.bin, os.X_OK):
            raise SystemExit(f"peers: {self.bin} missing: {self.hint}")
        self.version = _version([self.bin, "--version"])

    def command(self, url, requests, max_tokens, out):
        return ([self.bin, "run", "--engine", "openai", "--url", url + "/v1", "--model", MODEL, "--api", "completion",
                 "--max-tokens", str(max_tokens), "--runs", str(requests), "--warmup", "0",
                 "--output", os.path.join(out, "results"), "--json"], os.environ.copy())

    def parse(self, out):
        bundle = json.load(open(os.path.join(out, "stdout.txt")))
        recs = []
        for c in bundle["configurations"]:
            for r in c["requests"]:
                recs.append({"ttft_ms": r["metrics"]["ttft"] * 1e3, "itl_ms": [x * 1e3 for x in r.get("itl", [])]})
        return recs


def _peer_exe(path, name, title):
    if not path or not os.access(path, os.X_OK):
        raise SystemExit(f"peers: {title} is not installed at {path}: run bench/peers.sh (it installs it into "
                         f"bench/.venv-{name}), or leave it out with --clients")
    return path


def _pip_version(exe, dist):
    py = os.path.join(os.path.dirname(exe), "python")
    return _version([py, "-c", f"import importlib.metadata as m; print(m.version('{dist}'))"])


class GuideLLM:
    """GuideLLM: one synchronous benchmark (one request at a time) of synthetic text.

    Its per-request TTFT is first_token_iteration − request_start (wall-clock floats); its per-request
    ITL is a mean ((last − first token) ÷ (tokens − 1)), so its ITL error is taken on the mean."""
    name, title = "guidellm", "GuideLLM"
    hint = ("run it by hand with the command above to see the error; reinstall with rm -rf bench/.venv-guidellm "
            "&& bench/peers.sh; it needs the tokenizer folder (bench/.peers/tokenizer) and HF_HUB_OFFLINE=1")

    def __init__(self, a):
        self.exe = _peer_exe(a.guidellm, self.name, self.title)
        self.tokenizer = a.tokenizer
        self.version = _pip_version(self.exe, "guidellm")

    def command(self, url, requests, max_tokens, out):
        env = dict(os.environ, HF_HUB_OFFLINE="1", GUIDELLM__DEFAULT_RESULTS_DIR=out)
        return ([self.exe, "run",
                 "--backend", f"kind=openai_http,target={url},model={MODEL},request_format=/v1/completions",
                 "--profile", "kind=synchronous",
                 "--constraint", f"kind=max_requests,count={requests}",
                 "--data", f"kind=synthetic_text,prompt_tokens=8,output_tokens={max_tokens}",
                 "--tokenizer", f"kind=hf_auto,model={self.tokenizer}",
                 "--output", f"kind=json,path={os.path.join(out, 'benchmarks.json')}",
                 "--disable-console-interactive"], env)

    def parse(self, out):
        doc = json.load(open(os.path.join(out, "benchmarks.json")))
        recs = []
        for bench in doc["benchmarks"]:
            reqs = bench["requests"]
            ok = reqs["successful"] if isinstance(reqs, dict) else reqs
            for r in sorted(ok, key=lambda r: r["info"]["timings"]["request_start"]):
                t = r["info"]["timings"]
                n = r.get("output_tokens") or 0
                mean_itl = (t["last_token_iteration"] - t["first_token_iteration"]) * 1e3 / (n - 1) if n > 1 else None
                recs.append({"ttft_ms": (t["first_token_iteration"] - t["request_start"]) * 1e3,
                             "start_real_ns": int(t["request_start"] * 1e9), "itl_mean_ms": mean_itl})
        return recs


class AIPerf:
    """AIPerf: profile with concurrency 1, synthetic prompts, streaming text completions."""
    name, title = "aiperf", "AIPerf"
    hint = ("run it by hand with the command above to see the error; reinstall with rm -rf bench/.venv-aiperf "
            "&& bench/peers.sh; AIPerf fails when HF_HUB_OFFLINE is set, so it is removed from its environment")

    def __init__(self, a):
        self.exe = _peer_exe(a.aiperf, self.name, self.title)
        self.tokenizer = a.tokenizer
        self.version = _pip_version(self.exe, "aiperf")

    def command(self, url, requests, max_tokens, out):
        env = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"}
        return ([self.exe, "profile", "--model", MODEL, "--url", url, "--endpoint-type", "completions", "--streaming",
                 "--tokenizer", self.tokenizer, "--request-count", str(requests), "--concurrency", "1",
                 "--synthetic-input-tokens-mean", "8", "--output-tokens-mean", str(max_tokens),
                 "--artifact-dir", os.path.join(out, "artifacts"), "--ui-type", "none"], env)

    def parse(self, out):
        path = glob.glob(os.path.join(out, "artifacts", "**", "profile_export.jsonl"), recursive=True)
        if not path:
            raise SystemExit(f"peers: AIPerf wrote no profile_export.jsonl under {out}/artifacts")
        recs = []
        for line in open(path[0]):
            r = json.loads(line)
            m, meta = r["metrics"], r.get("metadata", {})
            val = lambda k: (m[k]["value"] if isinstance(m.get(k), dict) else m.get(k))  # noqa: E731
            unit = lambda k: (m[k].get("unit", "ms") if isinstance(m.get(k), dict) else "ms")  # noqa: E731
            scale = lambda k: {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}.get(unit(k), 1.0)  # noqa: E731
            rec = {"ttft_ms": val("time_to_first_token") * scale("time_to_first_token"),
                   "_order": meta.get("request_start_ns", 0)}
            if meta.get("request_start_ns"):
                rec["start_real_ns"] = meta["request_start_ns"]
            if m.get("inter_chunk_latency") is not None:
                rec["itl_ms"] = [x * scale("inter_chunk_latency") for x in val("inter_chunk_latency")]
            if m.get("inter_token_latency") is not None:
                rec["itl_mean_ms"] = val("inter_token_latency") * scale("inter_token_latency")
            recs.append(rec)
        recs.sort(key=lambda r: r.pop("_order"))
        return recs


KINDS = {"raw": Raw, "edgebench": EdgeBench, "guidellm": GuideLLM, "aiperf": AIPerf}


def make(name, a):
    if name not in KINDS:
        raise SystemExit(f"peers: unknown client {name!r}; choose from {', '.join(KINDS)}")
    return KINDS[name](a)
