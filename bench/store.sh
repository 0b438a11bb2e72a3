#!/usr/bin/env bash
# Cost that grows with stored work: `edgebench report --format html` and `edgebench import bundle` on
# bundles of 10,000, 100,000 and 1,000,000 requests, made by repeating the requests of a real run (a
# short run against the local test server, so every field is one EdgeBench really writes). Prints wall
# time and peak RSS for each size, against the targets of bench/thresholds.json (report ≤ 1 s,
# import ≤ 3 s, both ≤ 100 MB, linear in the number of requests).
#
#   bench/store.sh [SIZES...]        # default: 10000 100000 1000000
#   EDGEBENCH_BIN=DIR bench/store.sh # binaries built elsewhere
#
# Each row also gives the 1-minute load average before the size ran: the figures are wall times, and
# another build on the same cores makes them longer (say so when reporting them).
set -euo pipefail
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
fi
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<< "${SIZES[*]}"
if [ -z "${EDGEBENCH_BIN:-}" ]; then
  swift build -c release --product edgebench >&2
  swift build -c release --product edgebench-testserver >&2
fi
BIN=${EDGEBENCH_BIN:-$(swift build -c release --show-bin-path)}   # a folder holding both release binaries
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN/edgebench-testserver" --tokens 64 --url-file "$WORK/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
"$BIN/edgebench" run --engine llamacpp --url "$(cat "$WORK/url")" --api completion --max-tokens 64 \
  --runs 20 --warmup 0 --output "$WORK/seed" --json > "$WORK/seed.json" 2> "$WORK/seed.log"

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, binaries in $BIN"
printf '| requests | bundle | report --format html | peak RSS | import bundle | peak RSS | load |\n|---|---|---|---|---|---|---|\n'
for n in "${SIZES[@]}"; do
  python3 - "$WORK/seed.json" "$n" "$WORK/b$n.json" <<'PY'
import json, sys
seed, n, out = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
config = seed["configurations"][0]
base = config["requests"]
config["requests"] = [dict(base[i % len(base)], index=i) for i in range(n)]
seed["configurations"] = [config]
json.dump(seed, open(out, "w"))
PY
  size=$(du -m "$WORK/b$n.json" | cut -f1)
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %M' -o "$WORK/t-report" "$BIN/edgebench" report "$WORK/b$n.json" --format html \
    --out "$WORK/r$n.html" > /dev/null 2> "$WORK/report.log" || { echo "report failed at $n:" >&2; tail "$WORK/report.log" >&2; }
  /usr/bin/time -f '%e %M' -o "$WORK/t-import" "$BIN/edgebench" import bundle "$WORK/b$n.json" \
    --db "$WORK/i$n.sqlite" > /dev/null 2> "$WORK/import.log" || { echo "import failed at $n:" >&2; tail "$WORK/import.log" >&2; }
  read -r rs rk < "$WORK/t-report"; read -r is ik < "$WORK/t-import"
  printf '| %s | %s MB | %s s | %s MB | %s s | %s MB | %s |\n' "$n" "$size" "$rs" "$((rk / 1024))" "$is" "$((ik / 1024))" "$load"
  rm -f "$WORK/b$n.json" "$WORK/i$n.sqlite"*
done
