#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (see docs/fuzzing.md):
#   dev/fuzz.sh TARGET SECONDS [libFuzzer flags...]
# TARGET: json-line, protobuf, expression, yaml, regex; or `build` to build them all.
# The targets are built in release with address sanitizer into .build-fuzz; the corpus grows in
# .build-fuzz/corpus/TARGET, seeded from the fixtures and the docs; crashes, leaks and inputs that
# take over a second are written to .build-fuzz/findings/TARGET and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="json-line protobuf expression yaml regex"
target=${1:?usage: dev/fuzz.sh TARGET SECONDS [libFuzzer flags...] (TARGET: $targets, or build)}
scratch=.build-fuzz
# A fatal error is reported by libFuzzer; Swift's own backtracer would run under the sanitizer.
export SWIFT_BACKTRACE=enable=no

build() {
  # The build plan of a package that depends on the checkout by path does not see its sources
  # added or removed since: it is made again (the compiled objects are kept).
  rm -f "$scratch/release.yaml" "$scratch"/*/release/description.json
  swift build -c release --package-path Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2
}
if [ "$target" = build ]; then build; exit 0; fi
case " $targets " in *" $target "*) ;; *) echo "unknown target $target: use one of $targets" >&2; exit 2;; esac
seconds=${2:?usage: dev/fuzz.sh TARGET SECONDS}
shift 2
build
binary="$scratch/release/fuzz-$target"
fixtures=${LOUPE_FIXTURES:-Tests/Fixtures}
corpus="$scratch/corpus/$target"
findings="$scratch/findings/$target"
mkdir -p "$corpus" "$findings"

# Seeds, once: what loupe reads in real use.
if [ -z "$(ls -A "$corpus")" ]; then
  seeds=$(mktemp -d)
  flows=$(find "$fixtures" samples -name '*.jsonl' | sort)
  expressions=$(grep -ho "loupe observe '[^']*'" README.md docs/*.md | sed "s/^loupe observe '//; s/'$//" | sort -u)
  case "$target" in
    json-line)
      for file in $flows; do split -l 1 -a 4 "$file" "$seeds/$(basename "$file" .jsonl)-"; done ;;
    protobuf)
      for file in $flows; do LOUPE_FUZZ_SEEDS="$seeds" LOUPE_FUZZ_JSONL="$file" "$binary" >/dev/null; done ;;
    expression)
      sample=$(head -n 20 "$fixtures/real/flows.jsonl")
      n=0
      while IFS= read -r expression; do
        n=$((n + 1))
        printf '%s\n%s\n' "$expression" "$(printf '%s\n' "$sample" | sed -n "$(( n % 20 + 1 ))p")" > "$seeds/expression-$n"
      done <<< "$expressions" ;;
    yaml)
      cp scenarios/*.yaml "$seeds/"
      awk '/^```yaml/{n++; keep=1; next} /^```/{keep=0} keep{print > ("'"$seeds"'/doc-" n ".yaml")}' docs/scenario-format.md README.md ;;
    regex)
      n=0
      { grep -ho '~ "[^"]*"' README.md docs/*.md | sed 's/^~ "//; s/"$//; s/\\\\/\\/g'
        printf '%s\n' '^(a+)+$' '(x|x)*y' '[[:alpha:]]{2,5}\.example\.(com|org)$' '(?i)^GET /api/v[0-9]+/' '\p{Greek}+' 'a{2,}b{0,3}?c' '^$' '\Qa.b\E'
      } | while IFS= read -r pattern; do
        n=$((n + 1))
        printf '%s\nhttp://echo.echo.svc.cluster.local:8080/api/v1/items?id=%d\n' "$pattern" "$n" > "$seeds/regex-$n"
      done ;;
  esac
  # Only the seeds that add coverage are kept.
  "$binary" -merge=1 "$corpus" "$seeds" >/dev/null 2>&1
  rm -rf "$seeds"
fi

# The longest input tried: a JSON line or a response can be long; an expression, a policy or a
# regular expression and its text need less to reach every path (the regex engine's time is
# linear in the text times the program, so long inputs only slow the search down).
case "$target" in
  json-line|protobuf) max_len=65536 ;;
  yaml) max_len=16384 ;;
  expression) max_len=4096 ;;
  regex) max_len=512 ;;
esac
# A second per input is a hang; 2 GB a leak or a blow-up. The findings' names say which.
"$binary" "$corpus" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len="$max_len" \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@"
