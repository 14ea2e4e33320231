#!/usr/bin/env bash
# Line and region coverage of the fuzz corpora (seeds plus what Fuzz/run.sh found), per source
# file of the code under test:
#
#     Fuzz/coverage.sh            # builds .build-fuzz-coverage/, prints llvm-cov reports
#
# The harnesses are rebuilt without ASan and with coverage mapping, every corpus input is run
# once (-runs=0), and llvm-cov reports Wire (dissector harness) and CaptureFile (file harness).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
OUT=.build-fuzz-coverage
FUZZ_BUILD="$OUT" FUZZ_SANITIZE=fuzzer FUZZ_EXTRA_FLAGS="-profile-generate -profile-coverage-mapping" \
    Fuzz/build.sh >/dev/null

report() {
    local name="$1"
    shift
    rm -f "$OUT/$name"-*.profraw
    mkdir -p "$OUT/empty"
    LLVM_PROFILE_FILE="$OUT/$name-%p.profraw" "$OUT/$name-fuzzer" -runs=0 \
        ".build-fuzz/corpus/$name" "Fuzz/corpus/$name" >"$OUT/$name.log" 2>&1 || true
    llvm-profdata merge -sparse "$OUT/$name"-*.profraw -o "$OUT/$name.profdata"
    echo "== $name harness: $(grep -aE 'INITED' "$OUT/$name.log" | head -1)"
    llvm-cov report "$OUT/$name-fuzzer" -instr-profile="$OUT/$name.profdata" "$@" \
        | sed -e "s#$(pwd)/##"
}
report dissector Sources/Wire
report capture-file Sources/CaptureFile/CaptureFileReader.swift Sources/CaptureFile/CaptureFileReader+Pcap.swift \
    Sources/CaptureFile/CaptureFileReader+Pcapng.swift Sources/CaptureFile/InputBuffer.swift \
    Sources/CaptureFile/TimestampScale.swift Sources/CaptureFile/Timestamp.swift
