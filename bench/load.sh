#!/usr/bin/env bash
# The harness at load (issue 15): the highest request rate EdgeBench itself can schedule and stream, and its
# CPU per request there. A fast scripted llama-server (no model, no delay: edgebench-testserver fast, a
# separate process) answers every request with TOKENS tokens; EdgeBench sends `--load rate:R` (constant
# arrivals) for a doubling series of rates, DURATION seconds' worth of requests each. A rate is "kept" when
# the level was not flagged harness_lagged (send_lag p99 within 10 % of 1/R), none failed, and the achieved
# request rate is at least 90 % of R. Prints a Markdown table and the highest kept rate. Not part of CI;
# run it on a quiet machine: other load moves every figure.
#
#   bench/load.sh [TOKENS] [DURATION_S] [MAX_RATE]     # defaults: 16 tokens, 5 s, 3200 req/s
set -euo pipefail
cd "$(dirname "$0")/.."
TOKENS=${1:-16}
DURATION=${2:-5}
MAX_RATE=${3:-3200}
swift build -c release --product edgebench >&2
swift build -c release --product edgebench-testserver >&2
BIN=$(swift build -c release --show-bin-path)
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN/edgebench-testserver" fast --tokens "$TOKENS" --url-file "$WORK/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL=$(cat "$WORK/url")

echo "| rate asked (req/s) | requests | achieved (req/s) | send_lag p50 / p99 (ms) | in flight | failed | harness CPU (ms/request) | kept |"
echo "|---:|---:|---:|---:|---:|---:|---:|:--|"
rate=25
best=0
while [ "$rate" -le "$MAX_RATE" ]; do
  runs=$(( rate * DURATION ))
  /usr/bin/time -f '%U %S' -o "$WORK/time" \
    "$BIN/edgebench" run --engine llamacpp --url "$URL" --api completion --max-tokens "$TOKENS" \
    --runs "$runs" --warmup 0 --load "rate:$rate" --output "$WORK/out" --json > "$WORK/bundle.json" 2> "$WORK/stderr" || true
  read -r user sys < "$WORK/time"
  line=$(python3 - "$WORK/bundle.json" "$rate" "$user" "$sys" <<'PY'
import json, sys
rate, user, sys_ = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
try:
    c = json.load(open(sys.argv[1]))["configurations"][0]
except Exception as error:
    print(f"| {rate:g} | – | – | – | – | run failed ({error}) | – | no |")
    sys.exit(0)
s = c.get("summary", {})
mean = lambda k: s.get(k, {}).get("mean")
n = len(c.get("requests", []))
achieved = mean("request_rate") or 0
lag = s.get("send_lag", {}).get("p99")
lag50 = s.get("send_lag", {}).get("p50")
failed = int((mean("request_errors") or 0) + (mean("request_timeouts") or 0))
kept = c.get("status") == "completed" and "harness_lagged" not in c.get("flags", []) and failed == 0 and achieved >= 0.9 * rate
cpu = (user + sys_) / max(n, 1) * 1e3
print(f"| {rate:g} | {n} | {achieved:.1f} | {(lag50 or float('nan')) * 1e3:.2f} / {lag * 1e3 if lag is not None else float('nan'):.2f} | "
      f"{mean('concurrency_achieved') or 0:.2f} | {failed} | {cpu:.3f} | {'yes' if kept else 'no'} |")
PY
)
  echo "$line"
  case $line in *"| yes |") best=$rate ;; *) break ;; esac
  rate=$(( rate * 2 ))
done
echo
echo "highest rate kept: $best req/s ($TOKENS tokens per request; harness CPU includes its start, plan and export)"
