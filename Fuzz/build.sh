#!/usr/bin/env bash
# Builds the two libFuzzer harnesses with AddressSanitizer:
#
#     Fuzz/build.sh            # → .build-fuzz/dissector-fuzzer, .build-fuzz/capture-file-fuzzer
#
# Each library target is compiled into its own module (whole-module, optimised, instrumented for
# libFuzzer coverage and ASan) in dependency order, then each harness is linked against them.
# SwiftPM is not used: the package has no fuzz target, and `-sanitize=fuzzer` must not reach the
# calicap executable (libFuzzer brings its own `main`).
#
# Environment: FUZZ_BUILD (output folder, default .build-fuzz), FUZZ_SANITIZE (default
# fuzzer,address), FUZZ_OPT (default -O; -Onone for debugging), FUZZ_SOURCES (the folder holding
# the library targets, default Sources; e.g. a `git archive` snapshot while Sources/ is being edited),
# FUZZ_EXTRA_FLAGS (more swiftc flags, e.g. coverage mapping for Fuzz/coverage.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

OUT="${FUZZ_BUILD:-.build-fuzz}"
SANITIZE="${FUZZ_SANITIZE:-fuzzer,address}"
OPT="${FUZZ_OPT:--O}"
SOURCES="${FUZZ_SOURCES:-Sources}"
mkdir -p "$OUT/modules" "$OUT/objects"

# shellcheck disable=SC2206
common=(-swift-version 6 "$OPT" -g -parse-as-library -sanitize="$SANITIZE" -use-ld=lld
        -I "$OUT/modules" -I "$SOURCES/CPcap" ${FUZZ_EXTRA_FLAGS:-})

# module NAME: compiles Sources/NAME/**/*.swift into $OUT/objects/NAME.o and its .swiftmodule.
module() {
    local name="$1"
    local sources
    mapfile -t sources < <(find "$SOURCES/$name" -name '*.swift' | LC_ALL=C sort)
    echo "fuzz build: module $name (${#sources[@]} files)"
    swiftc "${common[@]}" -wmo -module-name "$name" \
        -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" \
        -c "${sources[@]}" -o "$OUT/objects/$name.o" "${@:2}"
}

# Dependency order, as in Package.swift (Capture imports the libpcap shim CPcap). ClusterContext
# (cluster files: Yams, swift-crypto) is not built here: Analysis compiles its cluster comparison
# only where that module can be imported, and the harnesses feed packets, not cluster files.
# CaptureFile and Analysis are built with -enable-testing (`@testable import`): the file harness
# reads each input a second time with tiny internal buffer sizes, and both harnesses give each
# session a small duplicate detector instead of allocating the production 4 MB ring per input.
module Wire
module Findings
module CaptureFile -enable-testing
module Capture
module Flows
module Calico
module Analysis -enable-testing
module Report

objects=()
for name in Wire Findings CaptureFile Capture Flows Calico Analysis Report; do
    objects+=("$OUT/objects/$name.o")
done

harness() {
    local folder="$1" product="$2"
    echo "fuzz build: $product"
    swiftc "${common[@]}" -module-name "${folder}" "Fuzz/$folder/main.swift" Fuzz/Shared/*.swift \
        "${objects[@]}" -lpcap -o "$OUT/$product"
}
harness DissectorFuzzer dissector-fuzzer
harness CaptureFileFuzzer capture-file-fuzzer
echo "fuzz build: done ($OUT/dissector-fuzzer, $OUT/capture-file-fuzzer)"
