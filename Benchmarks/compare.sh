#!/usr/bin/env bash
# Reads the same captures from the independent reference server (../shared/tools/reference, both
# modes) with the reference hubble CLI and with loupe, and compares their output byte for byte:
# history (--last, --first, --all), filters, field masks, every output format.
#
#   Benchmarks/compare.sh REF_DIR [CAPTURE...]
#
# REF_DIR holds `hubble` and `refserver` (`../shared/tools/reference/build.sh HUBBLE_GIT_DIR REF_DIR`).
# Captures default to the fixtures' real and seed flows. Exits 1 if any output differs.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: Benchmarks/compare.sh REF_DIR [CAPTURE...]}
shift
fixtures=${LOUPE_FIXTURES:-../shared/fixtures}
captures=("$@")
[ ${#captures[@]} -gt 0 ] || captures=("$fixtures/real/jsonpb.jsonl" "$fixtures/seed/jsonpb.jsonl")

swift build -c release --product loupe >/dev/null
loupe="$(swift build -c release --show-bin-path)/loupe"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

cases=(
  "--last 20" "--first 15" "--all" "--all -o jsonpb" "--all -o json" "--last 30 -o dict" "--last 30 -o table"
  "--all --verdict DROPPED" "--all --verdict FORWARDED --protocol tcp" "--last 10 --not --verdict FORWARDED"
  "--all --namespace kube-system" "--all --type l7" "--all --port 53" "--last 25 --print-node-name"
  "--all -o jsonpb --use-default-field-masks=false" "--last 5 --since 2000-01-01T00:00:00Z"
)
different=0
compared=0
for capture in "${captures[@]}"; do
  for mode in agent relay; do
    "$ref/refserver" --listen 127.0.0.1:0 --file "$capture" --mode "$mode" --sort-by-time 2>"$work/server.err" &
    server=$!
    for _ in $(seq 100); do grep -qo '127.0.0.1:[0-9]*' "$work/server.err" 2>/dev/null && break; sleep 0.1; done
    address=$(grep -o '127.0.0.1:[0-9]*' "$work/server.err" | head -1)
    for args in "${cases[@]}"; do
      # shellcheck disable=SC2086
      "$ref/hubble" observe --server "$address" $args >"$work/hubble.out" 2>"$work/hubble.err" || true
      # shellcheck disable=SC2086
      "$loupe" observe --server "$address" $args >"$work/loupe.out" 2>"$work/loupe.err" || true
      compared=$((compared + 1))
      if cmp -s "$work/hubble.out" "$work/loupe.out"; then
        printf 'same       %-6s %-28s %s (%s lines)\n' "$mode" "$(basename "$(dirname "$capture")")/$(basename "$capture")" "$args" "$(wc -l <"$work/hubble.out")"
      else
        different=$((different + 1))
        printf 'DIFFERENT  %-6s %-28s %s\n' "$mode" "$(basename "$(dirname "$capture")")/$(basename "$capture")" "$args"
        diff "$work/hubble.out" "$work/loupe.out" | head -6 | sed 's/^/    /'
      fi
    done
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
echo "$compared comparisons, $different different"
[ "$different" -eq 0 ]
