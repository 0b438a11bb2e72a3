#!/usr/bin/env bash
# Harness overhead benchmark: stream many tokens from a fast local test server (no model, no delays)
# through `edgebench run --engine llamacpp`, and report EdgeBench's own CPU time per streamed token and
# its peak RSS. The test server is a separate process, so only the harness is measured.
#
#   bench/run.sh [TOKENS_PER_REQUEST] [REQUESTS]
#
# Compares against bench/thresholds.json and exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
TOKENS=${1:-20000}
REQUESTS=${2:-5}
swift build -c release --product edgebench >&2
swift build -c release --product edgebench-testserver >&2
BIN=$(swift build -c release --show-bin-path)
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN/edgebench-testserver" --tokens "$TOKENS" --url-file "$WORK/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL=$(cat "$WORK/url")

/usr/bin/time -f '%U %S %M' -o "$WORK/time" \
  "$BIN/edgebench" run --engine llamacpp --url "$URL" --api completion --max-tokens "$TOKENS" \
  --runs "$REQUESTS" --warmup 0 --output "$WORK/out" --json > "$WORK/bundle.json"
read -r USER SYS MAXRSS_KB < "$WORK/time"

python3 - "$WORK/bundle.json" "$USER" "$SYS" "$MAXRSS_KB" bench/thresholds.json <<'PY'
import json, sys
bundle = json.load(open(sys.argv[1]))
user, sys_, rss_kb = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
limits = json.load(open(sys.argv[5]))
tokens = sum(r["metrics"]["n_out"] for c in bundle["configurations"] for r in c["requests"])
cpu_us = (user + sys_) / tokens * 1e6
rss_mb = rss_kb / 1024
print(f"streamed tokens: {tokens}")
print(f"harness CPU time: {user + sys_:.3f} s (user {user:.3f} s, sys {sys_:.3f} s)")
print(f"cpu_per_token: {cpu_us:.2f} µs/token (target ≤ {limits['cpu_us_per_token']} µs/token)")
print(f"peak_rss: {rss_mb:.1f} MB (target ≤ {limits['peak_rss_mb']} MB)")
ok = cpu_us <= limits["cpu_us_per_token"] and rss_mb <= limits["peak_rss_mb"]
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
