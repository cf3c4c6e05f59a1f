#!/usr/bin/env bash
# Regenerates what swift-argument-parser derives from the argument definitions: shell completions
# (completions/) and the man page (man/). With --check, generates into a temporary folder and fails
# when the committed files differ.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[ "${1:-}" = "--check" ] && check=true

# The man page's date is the release date of this version, so that regenerating is reproducible.
manual_date=2026-11-27

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/completions" "$out/man"

swift build --product loupe >/dev/null
swift build --product loupe-agent >/dev/null
bin=$(swift build --show-bin-path)
for tool in loupe loupe-agent; do
  "$bin/$tool" --generate-completion-script bash >"$out/completions/$tool.bash"
  "$bin/$tool" --generate-completion-script zsh >"$out/completions/_$tool"
  "$bin/$tool" --generate-completion-script fish >"$out/completions/$tool.fish"
done

swift package plugin generate-manual --configuration debug --date "$manual_date" \
  --authors "loupe developers" >/dev/null
cp .build/plugins/GenerateManual/outputs/loupe/loupe.1 "$out/man/loupe.1"
cp .build/plugins/GenerateManual/outputs/loupe-agent/loupe-agent.1 "$out/man/loupe-agent.1"

if $check; then
  status=0
  for dir in completions man; do
    if ! diff -ru "$dir" "$out/$dir" >/dev/null 2>&1; then
      echo "$dir/ is stale: run dev/generate-docs.sh" >&2
      diff -ru "$dir" "$out/$dir" | head -40 >&2 || true
      status=1
    fi
  done
  [ $status -eq 0 ] && echo "completions and man page are current"
  exit $status
fi

rm -rf completions man
cp -r "$out/completions" "$out/man" .
echo "regenerated: completions/{loupe,loupe-agent}.{bash,fish}, completions/_loupe{,-agent}, man/loupe{,-agent}.1"
