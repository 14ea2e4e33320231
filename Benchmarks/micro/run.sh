#!/usr/bin/env bash
# The hot path's micro-benchmarks in one command: heap allocations per packet (ordo-one's
# package-benchmark, malloc interposer) and instructions per packet (callgrind, marginal: two
# runs of different lengths, the difference divided by the extra packets) for the dissector,
# the flow table and the whole session, on 10 000 flows of mixed IPIP / VXLAN / direct traffic.
#
# Usage: Benchmarks/micro/run.sh [instructions|allocations]     (default: both)
set -euo pipefail
cd "$(dirname "$0")"
what=${1:-both}
flows=${FLOWS:-10000}

if [ "$what" != allocations ]; then
    swift build -c release --product hot-path-profile >/dev/null
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # valgrind cannot read the debug info of a build that links swift-crypto.
    cp "$(swift build -c release --show-bin-path)/hot-path-profile" "$work/profile"
    strip --strip-debug "$work/profile"
    echo "| stage ($flows flows) | instructions per packet (marginal) |"
    echo "|---|---:|"
    for stage in dissect flows session; do
        counts=()
        for packets in 100000 200000; do
            SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/$stage.$packets.out" \
                "$work/profile" "$stage" "$packets" "$flows" >/dev/null 2>"$work/valgrind.log"
            counts+=("$(callgrind_annotate "$work/$stage.$packets.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')")
        done
        echo "| $stage | $(( (counts[1] - counts[0]) / 100000 )) |"
    done
    echo "(profiles: callgrind_annotate on a run of Benchmarks/micro/.build/release/hot-path-profile STAGE PACKETS under valgrind --tool=callgrind)"
fi

if [ "$what" != instructions ]; then
    swift package benchmark --no-progress
fi
