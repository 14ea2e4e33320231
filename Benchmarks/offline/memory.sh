#!/usr/bin/env bash
# Peak memory against flows: calicap's peak RSS (/usr/bin/time -v) on generated captures of 100,
# 10 000 and 1 000 000 flows (one packet each way for the small ones, one packet per flow for the
# largest), and the bytes per flow above the 100-flow baseline.
#
# Usage: Benchmarks/offline/memory.sh [FLOWS…]     (default: 100 10000 1000000)
# Environment: THREADS (passed as --threads when calicap has it), KEEP=1 (keep the captures in
# $TMPDIR/calicap-memory-FLOWS.pcap and reuse them).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 10000 1000000)
swift build -c release >/dev/null
calicap=.build/release/calicap
threads=()
if [ -n "${THREADS:-}" ]; then threads=(--threads "$THREADS"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| flows | packets | peak RSS | bytes per flow above the 100-flow run |"
echo "|---:|---:|---:|---:|"
baseline=""
for flows in 100 "${sizes[@]}"; do
    packets=$(( flows >= 1000000 ? flows : flows * 2 ))
    file=$work/memory-$flows.pcap
    [ -z "${KEEP:-}" ] || file=${TMPDIR:-/tmp}/calicap-memory-$flows.pcap
    [ -s "$file" ] || python3 Benchmarks/offline/generate.py "$file" "$packets" "$flows"
    /usr/bin/time -v -o "$work/time" "$calicap" -r "$file" --format json --max-flows $(( flows > 1000000 ? flows : 1000000 )) \
        "${threads[@]}" >/dev/null 2>&1 || true
    kilobytes=$(awk -F: '/Maximum resident/ { gsub(" ", "", $2); print $2 }' "$work/time")
    if [ -z "$baseline" ]; then baseline=$kilobytes; continue; fi
    per=$(( (kilobytes - baseline) * 1024 / flows ))
    printf '| %s | %s | %.1f MB | %s |\n' "$flows" "$packets" "$(echo "$kilobytes / 1024" | bc -l)" "$per"
done
