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
bin=$(swift build --show-bin-path)
"$bin/loupe" --generate-completion-script bash >"$out/completions/loupe.bash"
"$bin/loupe" --generate-completion-script zsh >"$out/completions/_loupe"
"$bin/loupe" --generate-completion-script fish >"$out/completions/loupe.fish"

swift package plugin generate-manual --configuration debug --date "$manual_date" \
  --authors "loupe developers" >/dev/null
cp .build/plugins/GenerateManual/outputs/loupe/loupe.1 "$out/man/loupe.1"

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
echo "regenerated: completions/{loupe.bash,_loupe,loupe.fish} man/loupe.1"
