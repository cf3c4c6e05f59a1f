#!/usr/bin/env bash
# Builds loupe and loupe-agent (release) and installs them with their completions and man pages.
#
#   dev/install.sh                        # into /usr/local
#   PREFIX=$HOME/.local dev/install.sh    # into your home
#   DESTDIR=/tmp/pkg PREFIX=/usr dev/install.sh   # staged, for a package
#   BIN_DIR=.build/debug dev/install.sh   # install programs already built there (no build)
#
# Installs PREFIX/bin/{loupe,loupe-agent}, bash completions in share/bash-completion/completions,
# zsh's in share/zsh/site-functions, fish's in share/fish/vendor_completions.d, the man pages in
# share/man/man1 and man7, and the git revision in share/loupe/revision (for `loupe version`).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${PREFIX:-/usr/local}"
root="${DESTDIR:-}${prefix}"

if [ -z "${BIN_DIR:-}" ]; then
  swift build -c release --product loupe
  swift build -c release --product loupe-agent
  BIN_DIR="$(swift build -c release --show-bin-path)"
fi
for program in loupe loupe-agent; do
  [ -x "$BIN_DIR/$program" ] || { echo "install: $BIN_DIR/$program is not built" >&2; exit 1; }
done

install -d "$root/bin" "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d" "$root/share/man/man1" "$root/share/man/man7" "$root/share/loupe"
for program in loupe loupe-agent; do
  install -m 755 "$BIN_DIR/$program" "$root/bin/$program"
  install -m 644 "completions/$program.bash" "$root/share/bash-completion/completions/$program"
  install -m 644 "completions/_$program" "$root/share/zsh/site-functions/_$program"
  install -m 644 "completions/$program.fish" "$root/share/fish/vendor_completions.d/$program.fish"
  install -m 644 "man/$program.1" "$root/share/man/man1/$program.1"
done
install -m 644 man/loupe-filter.7 "$root/share/man/man7/loupe-filter.7"
if revision=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then revision="$revision-modified"; fi
  echo "$revision" >"$root/share/loupe/revision"
fi

echo "installed loupe and loupe-agent in $root/bin"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not in PATH" ;;
esac
