#!/usr/bin/env bash
# Bounded load on loopback: many followers of one agent, and several agents merged by one loupe.
# Usage: Benchmarks/load.sh [FOLLOWERS] [RATE] [SECONDS]   (defaults: 100 followers, 100 flows/s, 10 s)
# LOUPE_SCRATCH names the build folder (default .build); LOUPE_BIN a folder of release binaries to use as they are.
# Everything listens on 127.0.0.1 with a port of the system's choosing and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
followers="${1:-100}"
rate="${2:-100}"
seconds="${3:-10}"
scratch="${LOUPE_SCRATCH:-.build}"

if [ -n "${LOUPE_BIN:-}" ]; then
  bin="$LOUPE_BIN"   # release binaries built already
else
  swift build -c release --scratch-path "$scratch" --product loupe >/dev/null
  swift build -c release --scratch-path "$scratch" --product loupe-agent >/dev/null
  bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
fi
loupe="$bin/loupe"
agent="$bin/loupe-agent"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_agent() {  # start_agent NAME ARGS...; prints the address, records the pid in $work/NAME.pid
  local name=$1; shift
  "$agent" serve --scenario scenarios/seed.yaml --listen 127.0.0.1:0 "$@" >/dev/null 2>"$work/$name.err" &
  echo $! >"$work/$name.pid"
  for _ in $(seq 600); do
    grep -q serving "$work/$name.err" 2>/dev/null && break
    sleep 0.1
  done
  grep -m1 serving "$work/$name.err" | sed 's/.* on //' 
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>/dev/null | head -1)"
echo
echo "$followers followers of one agent at --rate $rate for $seconds s (release builds):"
address=$(start_agent fan --rate "$rate" --history 30)
agent_pid=$(cat "$work/fan.pid"); pids+=("$agent_pid")
echo "  agent RSS before: $(rss_mb "$agent_pid") MB"
follower_pids=()
for i in $(seq "$followers"); do
  "$loupe" observe --server "$address" --follow --time-format RFC3339Nano >"$work/f$i.out" 2>"$work/f$i.err" &
  follower_pids+=($!); pids+=($!)
done
peak=0
for _ in $(seq "$seconds"); do
  sleep 1
  now=$(rss_mb "$agent_pid")
  peak=$(python3 -c "print(max($peak, $now))")
done
stop=$(date -u +%s.%N)
kill -INT "${follower_pids[@]}" 2>/dev/null || true
wait "${follower_pids[@]}" 2>/dev/null || true
# Lag: how far each follower's newest printed flow is behind the moment they were stopped.
python3 - "$work" "$followers" "$stop" "$peak" <<'EOF'
import sys, datetime, glob
work, n, stop, peak = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
lags, lines = [], 0
for i in range(1, n + 1):
    rows = open(f"{work}/f{i}.out").read().splitlines()
    lines += len(rows)
    if not rows:
        lags.append(float("inf")); continue
    stamp = rows[-1].split(" ", 1)[0].rstrip(":")
    seconds, _, fraction = stamp.rstrip("Z").partition(".")
    t = datetime.datetime.strptime(seconds, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    t += float("0." + (fraction or "0"))
    lags.append(stop - t)
lags.sort()
print(f"  agent RSS peak: {peak:.1f} MB")
print(f"  lines printed: {lines:,} in all, {lines / n:,.0f} per follower")
print(f"  lag of the newest flow at stop: median {lags[len(lags)//2]:.3f} s, worst {lags[-1]:.3f} s; within 1 s: {sum(l <= 1 for l in lags)}/{n}")
EOF
kill -TERM "$agent_pid"; wait "$agent_pid" 2>/dev/null || true

echo
echo "4 agents merged by one loupe, --all over full rings of 65,535 flows each (best of 3):"
addresses=()
for node in kind-control-plane kind-worker kind-worker2 kind-worker; do
  # Four rings: the seed has three nodes, so the fourth agent serves kind-worker again with another seed.
  a=$(start_agent "m${#addresses[@]}" --node "$node" --seed "${#addresses[@]}" --buffer-size 65535 --history 3000 --rate 100)
  pids+=("$(cat "$work/m${#addresses[@]}.pid")")
  addresses+=("--server" "$a")
done
for format in compact jsonpb; do
  best=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    count=$("$loupe" observe "${addresses[@]}" --all -o "$format" | wc -l)
    end=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$end-$start; print(t if b=='' or t<float(b) else b)")
  done
  python3 -c "print(f'  -o {\"$format\":8} {$count/$best:>9,.0f} flows/s   ({$count:,} flows in {$best:.3f} s)')"
done
