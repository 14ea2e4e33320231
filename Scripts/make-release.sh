#!/usr/bin/env bash
# Builds calicap for a Linux node without Swift and packs it:
#   dist/calicap-VERSION-linux-ARCH.tar.gz
# with the binary, its man page (swift-argument-parser's generate-manual plugin), bash, zsh and
# fish completions, README.md and INSTALL.
#
# The Swift runtime, Foundation and every package dependency are linked statically
# (--static-swift-stdlib); the binary needs only libc, libm, libstdc++, libgcc_s and libpcap on
# the node. The script fails when `ldd` shows any Swift or Foundation library, or when the man
# page does not render with `man -l`.
#
# Usage: Scripts/make-release.sh            (from anywhere; about 10 minutes on 2 cores from clean)
# CALICAP_RELEASE_SCRATCH_PATH=DIR builds in DIR instead of .build (the release test does, since
# `swift test` holds .build's lock while it runs).
set -euo pipefail
cd "$(dirname "$0")/.."
package_directory=$(pwd)
scratch=(--scratch-path "${CALICAP_RELEASE_SCRATCH_PATH:-.build}")
export PATH="/opt/swift/usr/bin:$PATH"

fail() { echo "make-release: $*" >&2; exit 1; }

command -v swift >/dev/null || fail "swift is not on PATH"
if ! command -v man >/dev/null || ! command -v groff >/dev/null; then
    echo "make-release: installing man-db and groff-base to check the man page" >&2
    apt-get install -y -qq man-db groff-base >/dev/null || fail "man-db and groff-base are needed (apt-get install -y man-db groff-base)"
fi

# The man page first: the plugin builds calicap itself (release, shared Swift runtime) into
# .build/release, so the static build below must come after it and relink the binary.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manual_directory="$work/manual"
mkdir -p "$manual_directory"
swift package "${scratch[@]}" plugin --allow-writing-to-directory "$manual_directory" \
    generate-manual --date "$(date -u +%Y-%m-%d)" --output-directory "$manual_directory"
manual="$manual_directory/calicap.1"
[ -s "$manual" ] || fail "generate-manual wrote no calicap.1 (found: $(ls "$manual_directory"))"

swift build "${scratch[@]}" -c release --static-swift-stdlib
binary_directory=$(swift build "${scratch[@]}" -c release --static-swift-stdlib --show-bin-path)
binary="$binary_directory/calicap"
[ -x "$binary" ] || fail "no binary at $binary"

# No Swift library may be loaded at run time.
dependencies=$(ldd "$binary")
echo "$dependencies"
if grep -Eq 'libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime|libXCTest' <<<"$dependencies"; then
    fail "the binary still loads a Swift library: $(grep -E 'libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime' <<<"$dependencies" | tr -s ' \t' ' ')"
fi
grep -q 'not found' <<<"$dependencies" && fail "ldd finds a library missing: $dependencies"

# The man page must render.
MANWIDTH=80 man -l "$manual" >"$work/manual.txt" 2>"$work/manual.err" || fail "man -l $manual failed: $(cat "$work/manual.err")"
grep -q calicap "$work/manual.txt" || fail "the rendered man page does not name calicap"

version=$("$binary" --version)
[ -n "$version" ] || fail "calicap --version printed nothing"
architecture=$(uname -m)
name="calicap-$version-linux-$architecture"
staging="$work/$name"
mkdir -p "$staging/completions"

cp "$binary" "$staging/calicap"
strip "$staging/calicap"
cp "$manual" "$staging/calicap.1"
"$binary" --generate-completion-script bash >"$staging/completions/calicap.bash"
"$binary" --generate-completion-script zsh >"$staging/completions/_calicap"
"$binary" --generate-completion-script fish >"$staging/completions/calicap.fish"
cp README.md "$staging/README.md"
cat >"$staging/INSTALL" <<INSTALL
calicap $version for Linux ($architecture)

The binary carries the Swift runtime and Foundation; the node needs only glibc, libstdc++ and
libpcap (Debian/Ubuntu: apt-get install libpcap0.8; RHEL/Fedora: dnf install libpcap).

Install:
  install -m 0755 calicap /usr/local/bin/calicap
  install -m 0644 calicap.1 /usr/local/share/man/man1/calicap.1
  install -m 0644 completions/calicap.bash /usr/share/bash-completion/completions/calicap
  install -m 0644 completions/_calicap /usr/local/share/zsh/site-functions/_calicap
  install -m 0644 completions/calicap.fish /usr/share/fish/vendor_completions.d/calicap.fish

Capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN:
  setcap cap_net_raw,cap_net_admin=eip /usr/local/bin/calicap

Try it:
  calicap -i eth0                  # live: each flow and the Calico mode that carried it
  calicap -r capture.pcap          # a capture file
  man calicap
INSTALL

mkdir -p dist
tarball="dist/$name.tar.gz"
tar -C "$work" --owner=0 --group=0 -czf "$tarball" "$name"
echo "binary: $(stat -c %s "$binary") bytes; stripped in the tarball: $(stat -c %s "$staging/calicap") bytes"
echo "tarball: $package_directory/$tarball ($(stat -c %s "$tarball") bytes)"
tar -tzvf "$tarball"
