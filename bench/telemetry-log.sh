#!/usr/bin/env bash
# Peak memory and time of reading a large telemetry log (issue 13.6): a ~300 MB tegrastats log made of
# the real JetPack 4 Nano capture's lines repeated (timestamps are line indices, as in the capture),
# through `edgebench telemetry parse` (summary), `telemetry parse --json` and `energy`, each under
# /usr/bin/time -v. Not part of CI; the figures depend on the machine and its load.
#
#   bench/telemetry-log.sh                                   # the debug binary of this checkout
#   EDGEBENCH=path/to/edgebench bench/telemetry-log.sh       # another build (e.g. a release one, or main's)
#   SIZE_MB=50 bench/telemetry-log.sh                        # a smaller log
#   COMMANDS="parse energy" bench/telemetry-log.sh           # a subset of: parse json energy
#
# Prints one line per command: peak RSS (MiB) and elapsed seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
EDGEBENCH=${EDGEBENCH:-.build/debug/edgebench}
SIZE_MB=${SIZE_MB:-300}
WORK=${WORK:-$(mktemp -d)}
COMMANDS=${COMMANDS:-parse json energy}
LOG="$WORK/tegrastats-${SIZE_MB}MB.log"
CAPTURE=Tests/Fixtures/tegrastats/tegrastats-jp4-nano-4gb.log

if [ ! -s "$LOG" ]; then
  # doubling copies of the capture until the size is reached, then cut at a whole line
  cp "$CAPTURE" "$LOG"
  while [ "$(stat -c %s "$LOG")" -lt $((SIZE_MB * 1024 * 1024)) ]; do cat "$LOG" "$LOG" > "$LOG.tmp"; mv "$LOG.tmp" "$LOG"; done
  head -c $((SIZE_MB * 1024 * 1024)) "$LOG" | sed '$d' > "$LOG.tmp" && mv "$LOG.tmp" "$LOG"
fi
echo "log: $LOG ($(stat -c %s "$LOG") bytes, $(wc -l < "$LOG") lines); binary: $EDGEBENCH"

measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" > "$WORK/out" 2> "$WORK/time" || { echo "$name: failed ($(grep -m1 error "$WORK/time" || tail -1 "$WORK/time"))"; return; }
  local rss seconds
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/time")
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time")
  printf '%-28s peak RSS %6s MiB  %8s s  (stdout %s bytes)\n' "$name" "$rss" "$seconds" "$(stat -c %s "$WORK/out")"
}

for command in $COMMANDS; do
  case $command in
    parse)  measure "telemetry parse"        "$EDGEBENCH" telemetry parse --format tegrastats "$LOG" ;;
    json)   measure "telemetry parse --json" "$EDGEBENCH" telemetry parse --format tegrastats "$LOG" --json ;;
    energy) measure "energy"                 "$EDGEBENCH" energy --format tegrastats "$LOG" ;;
    *) echo "unknown command $command (parse, json, energy)" >&2; exit 64 ;;
  esac
done
