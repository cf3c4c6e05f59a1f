#!/usr/bin/env bash
# End-to-end and in-process benchmarks over captures made by repeating the seed fixture.
# Usage: Benchmarks/run.sh [FIXTURES]   (default ../shared/fixtures beside the checkout)
# The generated captures go to a temporary folder and are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures="${1:-${LOUPE_FIXTURES:-../shared/fixtures}}"
seed="$fixtures/seed/flows.jsonl"
[ -f "$seed" ] || { echo "no seed fixture at $seed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq 100); do cat "$seed"; done >"$work/100k.jsonl"
for _ in $(seq 10); do cat "$work/100k.jsonl"; done >"$work/1m.jsonl"

swift build -c release --product loupe >/dev/null
swift build -c release --product loupe-agent >/dev/null
swift build -c release --package-path Benchmarks >/dev/null
loupe="$(swift build -c release --show-bin-path)/loupe"
agent="$(swift build -c release --show-bin-path)/loupe-agent"
agent_bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/agent-bench"
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/loupe-bench"
filter_bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/filter-bench"
expression='ns == echo and verdict == DROPPED and dst.port in {80, 443, 8000..8080}'

best_of() {  # best wall time in seconds of N runs of a command writing to /dev/null
  local n=$1; shift
  local best=""
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$end-$start; print(t if b=='' or t<float(b) else b)")
  done
  echo "$best"
}

echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>/dev/null | head -1)"
echo
echo "end to end, loupe observe --input-file over 100,000 seed-derived flows (best of 10):"
for format in compact jsonpb; do
  t=$(best_of 10 "$loupe" observe --input-file "$work/100k.jsonl" -o "$format")
  python3 -c "print(f'  {\"$format\":8} {100000/$t:>9,.0f} flows/s   ({$t:.3f} s)')"
done
t=$(best_of 10 bash -c "'$loupe' observe --input-file - -o compact <'$work/100k.jsonl'")
python3 -c "print(f'  {\"stdin\":8} {100000/$t:>9,.0f} flows/s   ({$t:.3f} s, compact from standard input)')"
t=$(best_of 10 "$loupe" observe --input-file "$work/100k.jsonl" -o compact "$expression")
python3 -c "print(f'  {\"filtered\":8} {100000/$t:>9,.0f} flows/s   ({$t:.3f} s, compact, the expression below)')"
echo "           $expression"
t=$(best_of 10 "$loupe" observe --input-file "$work/100k.jsonl" -o compact --namespace echo --verdict DROPPED --to-port 80 --to-port 443)
python3 -c "print(f'  {\"flags\":8} {100000/$t:>9,.0f} flows/s   ({$t:.3f} s, compact, -n echo --verdict DROPPED --to-port 80 --to-port 443)')"

echo
echo "peak memory over 1,000,000 flows (maximum resident set size):"
for args in "-o compact" "-o jsonpb" "-o compact --last 20" "-o table --first 1000"; do
  # shellcheck disable=SC2086
  kb=$(/usr/bin/time -f %M "$loupe" observe --input-file "$work/1m.jsonl" $args 2>&1 >/dev/null | tail -1)
  python3 -c "print(f'  {\"$args\":24} {$kb/1024:6.1f} MB')"
done
kb=$(/usr/bin/time -f %M "$loupe" observe --input-file "$work/100k.jsonl" -o compact 2>&1 >/dev/null | tail -1)
python3 -c "print(f'  {\"-o compact (100k flows)\":24} {$kb/1024:6.1f} MB')"

echo
echo "from traffic to policy, over 1,000,000 flows (best of 3; peak memory is bounded by conversations):"
"$loupe" policy suggest --input-file "$seed" >"$work/suggested.yaml"
for command in "map" "map -o json" "policy suggest" "policy test --policies $work/suggested.yaml"; do
  # shellcheck disable=SC2086
  t=$(best_of 3 "$loupe" $command --input-file "$work/1m.jsonl")
  # shellcheck disable=SC2086
  kb=$(/usr/bin/time -f %M "$loupe" $command --input-file "$work/1m.jsonl" 2>&1 >/dev/null | tail -1)
  label=${command%% --policies*}
  python3 -c "print(f'  {\"$label\":16} {1000000/$t:>9,.0f} flows/s   ({$t:.3f} s, {$kb/1024:.1f} MB)')"
done

echo
echo "in process, one core (best of 3):"
"$bench" "$work/100k.jsonl" 3 | sed 's/^/  /'

echo
echo "matching flows held in memory, one core: the 1,000 seed flows (cache-resident, best of 1000 passes)"
"$filter_bench" "$fixtures/seed/flows.jsonl" 1000 | sed 's/^/  /'
echo
echo "the same over 100,000 flows (larger than the caches, best of 10 passes)"
"$filter_bench" "$work/100k.jsonl" 10 | sed -n '2,5p' | sed 's/^/  /'

echo
echo "the dashboard, in process: a second of input at 100,000 flows/s and a key press"
"$(swift build -c release --package-path Benchmarks --show-bin-path)/dashboard-bench" 100000 5 | sed 's/^/  /'

echo
echo "the agent, in process, one core (best of 5): simulation, GetFlows scan, gRPC stream (in-process transport)"
"$agent_bench" 5 | sed 's/^/  /'

# An agent on loopback: a full ring of 65,535 simulated flows (11 minutes of history at 100 flows/s).
start_agent() {  # start_agent ARGS...; sets agent_pid and address
  "$agent" serve --scenario scenarios/seed.yaml --listen 127.0.0.1:0 "$@" 2>"$work/agent.err" &
  agent_pid=$!
  for _ in $(seq 600); do
    grep -q serving "$work/agent.err" 2>/dev/null && break
    sleep 0.1
  done
  address=$(sed -n 's/.* on //p' "$work/agent.err" | head -1)
}
echo
echo "agent -> loupe over loopback gRPC -> compact (release builds of both):"
start_agent --buffer-size 65535 --history 700 --rate 100
t=$(best_of 5 "$loupe" observe --server "$address" --all)
python3 -c "print(f'  --all over a full 65,535-flow ring: {65535/$t:>9,.0f} flows/s   ({$t:.3f} s, best of 5)')"
t=$(best_of 5 "$loupe" observe --server "$address" --all -o jsonpb)
python3 -c "print(f'  the same as JSON lines:            {65535/$t:>9,.0f} flows/s   ({$t:.3f} s, best of 5)')"
kill -TERM "$agent_pid"; wait "$agent_pid" 2>/dev/null || true

for rate in 20000 50000 100000 200000; do
  start_agent --rate "$rate" --history 0
  "$loupe" observe --server "$address" -f >"$work/follow.out" &
  follower=$!
  sleep 10
  kill -INT "$follower"; wait "$follower" 2>/dev/null || true
  kill -TERM "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
  lines=$(wc -l <"$work/follow.out")
  python3 -c "print(f'  --follow at --rate {$rate:>7,}: {$lines/10:>9,.0f} flows/s printed over 10 s')"
done
