#!/usr/bin/env bash
# The network path, side by side with the reference hubble CLI when it is there: a full 65,535-flow
# ring read with --all (compact and jsonpb) from loupe-agent and from the reference server (agent
# and relay modes), the agent's CPU per flow sent, and a follower of an agent at 100,000 flows/s.
#
#   Benchmarks/network.sh [REF_DIR]
#
# REF_DIR holds `hubble` and `refserver` (`../shared/tools/reference/build.sh HUBBLE_GIT_DIR REF_DIR`);
# without it only loupe's absolute figures are printed. Medians of 5 paired runs (hubble, then loupe).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-${LOUPE_REFERENCE:-}}
hubble=""
[ -n "$ref" ] && [ -x "$ref/hubble" ] && hubble="$ref/hubble"

swift build -c release --product loupe >/dev/null
swift build -c release --product loupe-agent >/dev/null
bin="$(swift build -c release --show-bin-path)"
loupe="$bin/loupe"
agent="$bin/loupe-agent"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start() {  # start LOGFILE COMMAND...: runs a server, sets pid and address from the "127.0.0.1:PORT" it prints
  local log=$1; shift
  "$@" 2>"$log" &
  pid=$!
  for _ in $(seq 200); do grep -qo '127.0.0.1:[0-9][0-9]*' "$log" 2>/dev/null && break; sleep 0.05; done
  address=$(grep -o '127.0.0.1:[0-9][0-9]*' "$log" | head -1)
}
stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }

# measure CLIENT ARGS...: one run; prints "wall cpu rss_mb lines"
measure() {
  local client=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$client" observe "$@" >"$work/out" 2>/dev/null || true
  read -r wall user sys rss <"$work/time"
  echo "$wall $(python3 -c "print($user+$sys)") $(python3 -c "print(round($rss/1024))") $(wc -l <"$work/out")"
}

# compare LABEL ARGS...: 5 paired runs, medians, ratios
compare() {
  local label=$1; shift
  : >"$work/loupe.runs"; : >"$work/hubble.runs"
  for _ in 1 2 3 4 5; do
    [ -n "$hubble" ] && measure "$hubble" "$@" >>"$work/hubble.runs"
    measure "$loupe" "$@" >>"$work/loupe.runs"
  done
  python3 - "$label" "$work/loupe.runs" "$work/hubble.runs" <<'PY'
import statistics, sys
label, loupe_file, hubble_file = sys.argv[1:4]
def load(path):
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    return [statistics.median(column) for column in zip(*rows)] if rows else None
l, h = load(loupe_file), load(hubble_file)
print(f"  {label}")
print(f"    loupe : {l[0]:.3f} s wall, {l[1]:.3f} s CPU, {l[2]:.0f} MB, {l[3]:.0f} lines ({l[3]/l[0]:,.0f} flows/s)")
if h:
    print(f"    hubble: {h[0]:.3f} s wall, {h[1]:.3f} s CPU, {h[2]:.0f} MB, {h[3]:.0f} lines")
    print(f"    ratio loupe/hubble: wall {l[0]/h[0]:.2f}, CPU {l[1]/h[1]:.2f}, memory {l[2]/h[2]:.2f}")
PY
}

agent_ticks() { awk '{print $14+$15}' "/proc/$pid/stat"; }

echo "machine: $(nproc) cores; reference CLI: ${hubble:-absent}"
echo
echo "loupe-agent holding a full ring (65,535 flows), read with --all:"
start "$work/agent.err" "$agent" serve --scenario scenarios/seed.yaml --listen 127.0.0.1:0 --buffer-size 65535 --history 700 --rate 100
# The agent keeps each flow's encoding per field mask: the first read with a mask encodes, later
# reads with it (any client) send the kept bytes. Both are shown. The agent also simulates its
# 100 flows/s while it serves; that work, measured first with no client, is taken out of the CPU
# per flow sent (the figure with it is shown too).
measure_idle() {
  local before started
  before=$(agent_ticks); started=$(date +%s.%N); sleep 10
  idle_rate=$(python3 -c "print(($(agent_ticks)-$before)/($(date +%s.%N)-$started))")
  echo "  agent CPU while no client reads (simulating 100 flows/s): $(python3 -c "print(f'{$idle_rate*10:.2f} ms/s')")"
}
sleep 1
measure_idle
# per_flow TICKS_BEFORE TICKS_AFTER READS SECONDS: µs of agent CPU per flow sent, without and with the idle work
per_flow() { python3 -c "
net = (($2 - $1) - $idle_rate * $4) * 10000 / ($3 * 65535)
gross = ($2 - $1) * 10000 / ($3 * 65535)
print(f'{net:.2f} µs ({gross:.2f} µs with the idle work)')"; }
for mask in default none; do
  extra=(); [ "$mask" = none ] && extra=(--use-default-field-masks=false)
  before=$(agent_ticks); started=$(date +%s.%N)
  "$loupe" observe --server "$address" --all "${extra[@]}" >/dev/null 2>&1 || true
  echo "  agent CPU per flow, first read with field mask $mask (encodes): $(per_flow "$before" "$(agent_ticks)" 1 "$(python3 -c "print($(date +%s.%N)-$started)")")"
done
compare "compact" --server "$address" --all
compare "-o jsonpb" --server "$address" --all -o jsonpb
"$loupe" observe --server "$address" --all -o jsonpb >"$work/capture.jsonl" 2>/dev/null
measure_idle
for client in loupe hubble; do
  [ "$client" = hubble ] && [ -z "$hubble" ] && continue
  exe=$loupe; [ "$client" = hubble ] && exe=$hubble
  for mask in default none; do
    extra=(); [ "$mask" = none ] && extra=(--use-default-field-masks=false)
    # One read first, so that the bytes kept are this mask's (the slots keep one mask each).
    "$exe" observe --server "$address" --all "${extra[@]}" >/dev/null 2>&1 || true
    before=$(agent_ticks); started=$(date +%s.%N)
    for _ in 1 2 3 4 5; do "$exe" observe --server "$address" --all "${extra[@]}" >/dev/null 2>&1 || true; done
    echo "  agent CPU per flow sent to $(printf %-6s "$client") (field mask: $(printf %-7s "$mask")): $(per_flow "$before" "$(agent_ticks)" 5 "$(python3 -c "print($(date +%s.%N)-$started)")")"
  done
done
stop

if [ -n "$hubble" ] && [ -x "$ref/refserver" ]; then
  for mode in agent relay; do
    echo
    echo "the reference server (--mode $mode) holding the same 65,535 flows, read with --all:"
    start "$work/ref.err" "$ref/refserver" --listen 127.0.0.1:0 --file "$work/capture.jsonl" --mode "$mode"
    compare "compact" --server "$address" --all
    "$hubble" observe --server "$address" --all >"$work/h.out" 2>/dev/null; "$loupe" observe --server "$address" --all >"$work/l.out" 2>/dev/null
    cmp -s "$work/h.out" "$work/l.out" && echo "    output: identical ($(wc -l <"$work/l.out") lines)" || echo "    output: DIFFERENT"
    compare "-o jsonpb" --server "$address" --all -o jsonpb
    stop
  done
fi

echo
echo "following loupe-agent at 100,000 flows/s for 10 s:"
start "$work/agent.err" "$agent" serve --scenario scenarios/seed.yaml --listen 127.0.0.1:0 --rate 100000 --history 0
"$loupe" observe --server "$address" -f >"$work/follow.out" 2>"$work/follow.err" &
follower=$!
sleep 10
kill -INT "$follower"; wait "$follower" 2>/dev/null || true
stop
lost=$( (grep -o "EVENTS LOST: [0-9]*" "$work/follow.err" || true) | awk "{s+=\$3} END {print s+0}")
python3 -c "print(f'  {$(wc -l <"$work/follow.out")/10:,.0f} flows/s printed; events reported lost: {$lost}')"
