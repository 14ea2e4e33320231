#!/usr/bin/env bash
# Runs the fuzz harnesses built by Fuzz/build.sh, each for SECONDS (default 30), one after the
# other; exits non-zero when a harness finds a crash, a hang (> 5 s for one input), a leak or an
# allocation beyond 256 MB:
#
#     Fuzz/run.sh [SECONDS] [dissector|capture-file]…
#
# Seeds are read from Fuzz/corpus/NAME (not modified); new inputs go to .build-fuzz/corpus/NAME,
# which persists between runs; a crashing input is written to fuzz-out/NAME/crash-… (git-ignored)
# and its path printed; the whole libFuzzer output is in fuzz-out/NAME/last-run.log. Reproduce one with `.build-fuzz/NAME-fuzzer fuzz-out/NAME/crash-…`.
# FUZZ_JOBS=N runs N workers per harness (default 1); extra libFuzzer flags go in FUZZ_FLAGS.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${1:-30}"
shift || true
NAMES=("$@")
[ ${#NAMES[@]} -eq 0 ] && NAMES=(dissector capture-file)
BUILD="${FUZZ_BUILD:-.build-fuzz}"
JOBS="${FUZZ_JOBS:-1}"

status=0
for name in "${NAMES[@]}"; do
    case "$name" in
    dissector) max_len=4096 ;;
    capture-file) max_len=65536 ;;
    *) echo "Fuzz/run.sh: unknown harness '$name' (dissector, capture-file)" >&2; exit 2 ;;
    esac
    binary="$BUILD/$name-fuzzer"
    if [ ! -x "$binary" ]; then
        echo "Fuzz/run.sh: $binary is missing: run Fuzz/build.sh first" >&2
        exit 2
    fi
    mkdir -p "$BUILD/corpus/$name" "fuzz-out/$name"
    echo "== fuzzing $name for ${SECONDS_EACH}s"
    flags=(-max_total_time="$SECONDS_EACH" -max_len="$max_len" -timeout=5 -rss_limit_mb=1024
           -malloc_limit_mb=256 -print_final_stats=1 -artifact_prefix="fuzz-out/$name/")
    if [ -f "Fuzz/$name.dict" ]; then flags+=(-dict="Fuzz/$name.dict"); fi
    if [ "$JOBS" -gt 1 ]; then flags+=(-fork="$JOBS" -ignore_crashes=0); fi
    log="fuzz-out/$name/last-run.log"
    # shellcheck disable=SC2086
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
        "$binary" "${flags[@]}" ${FUZZ_FLAGS:-} "$BUILD/corpus/$name" "Fuzz/corpus/$name" >"$log" 2>&1
    result=$?
    # The summary: start, end, final statistics and any error report.
    grep -aE '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|ERROR|SUMMARY|Test unit written|deadly signal|Fatal error|Crash' "$log"
    grep -aE '^    #[0-9]+ 0x' "$log" | head -20
    if [ "$result" -ne 0 ]; then
        echo "== $name: FAILED (exit $result); see fuzz-out/$name/last-run.log" >&2
        status=1
    else
        echo "== $name: no crash in ${SECONDS_EACH}s"
    fi
done
exit $status
