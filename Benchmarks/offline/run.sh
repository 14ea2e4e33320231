#!/usr/bin/env bash
# Offline throughput, in one sitting: the libpcap floor (pcap_noop), a tight C decoder with a flow
# table (pcap_flows), calicap (one thread, and all cores when it has --threads), tcpdump -nn -r
# and tshark -q -z conv,ip -r, on a synthetic capture of Calico pod traffic (a third each IPIP,
# VXLAN, direct). Prints median wall and user time, packets/s, MB/s, peak RSS and the ratios to
# the floor, then checks calicap's verdicts against the generator's ground truth (every flow).
#
# Usage: Benchmarks/offline/run.sh [PACKETS] [FLOWS]     (defaults: 2000000 packets, 10000 flows)
# Environment: RUNS (runs of the fast readers, median taken; default 3), SLOW_RUNS (tcpdump and
# tshark; default 1), BENCH_FILE (reuse this capture and its FILE.truth.json instead of writing
# one), KEEP=1 (leave the capture in $TMPDIR for reuse).
set -euo pipefail
cd "$(dirname "$0")/../.."
packets=${1:-2000000}
flows=${2:-10000}
runs=${RUNS:-3}
slow_runs=${SLOW_RUNS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release >/dev/null
calicap=.build/release/calicap
gcc -O2 -o "$work/pcap_noop" Benchmarks/offline/reference/pcap_noop.c -lpcap
gcc -O2 -o "$work/pcap_flows" Benchmarks/offline/reference/pcap_flows.c -lpcap

if [ -n "${BENCH_FILE:-}" ]; then
    file=$BENCH_FILE
else
    file=${KEEP:+${TMPDIR:-/tmp}/calicap-bench-$packets-$flows.pcap}
    file=${file:-$work/bench.pcap}
    python3 Benchmarks/offline/generate.py "$file" "$packets" "$flows" "$file.truth.json"
fi
packets=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["packets"])' "$file.truth.json")
bytes=$(stat -c %s "$file")
cat "$file" >/dev/null   # warm the page cache

rows="$work/rows"
: >"$rows"
measure() {  # runs, name, command...
    local count=$1 name=$2; shift 2
    local line=()
    for _ in $(seq "$count"); do
        /usr/bin/time -f "%e %U %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
        line+=("$(tail -1 "$work/time")")
    done
    printf '%s\t%s\n' "$name" "$(printf '%s;' "${line[@]}")" >>"$rows"
}

measure "$runs" "pcap_noop (libpcap, empty callback: the floor)" "$work/pcap_noop" "$file"
measure "$runs" "pcap_flows (C: decode, flow table)" "$work/pcap_flows" "$file"
if "$calicap" analyze --help 2>&1 | grep -q -- '--threads'; then
    measure "$runs" "calicap --format json --threads 1" "$calicap" -r "$file" --format json --threads 1
    measure "$runs" "calicap --format json --threads $(nproc)" "$calicap" -r "$file" --format json --threads "$(nproc)"
else
    measure "$runs" "calicap --format json" "$calicap" -r "$file" --format json
fi
command -v tcpdump >/dev/null && measure "$slow_runs" "tcpdump -nn -r" tcpdump -nn -r "$file"
command -v tshark >/dev/null && measure "$slow_runs" "tshark -q -z conv,ip -r" tshark -q -z conv,ip -r "$file"

python3 - "$rows" "$packets" "$bytes" "$flows" <<'PY'
import statistics, sys
rows, packets, size, flows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
table = []
for line in open(rows):
    name, samples = line.rstrip("\n").split("\t")
    runs = [tuple(float(x) for x in s.split()) for s in samples.split(";") if s]
    wall = statistics.median(r[0] for r in runs)
    user = statistics.median(r[1] for r in runs)
    rss = max(r[2] for r in runs) / 1024
    table.append((name, wall, user, rss, len(runs)))
floor = table[0][1]
print(f"{packets} packets, {flows} flows, {size / 1e6:.0f} MB; medians (runs in brackets)")
print("| reader | wall s | user s | packets/s | MB/s | peak RSS | × floor |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, wall, user, rss, n in table:
    rate = packets / wall / 1e6 if wall else float("inf")
    mbs = size / wall / 1e6 if wall else float("inf")
    print(f"| {name} [{n}] | {wall:.2f} | {user:.2f} | {rate:.2f} M | {mbs:.0f} | {rss:.1f} MB | {wall / floor:.2f} |")
calicap = [row for row in table if row[0].startswith("calicap")]
best = min(calicap, key=lambda row: row[1])
for name, wall, *_ in table:
    if name.startswith(("tcpdump", "tshark")):
        print(f"{best[0]} is {wall / best[1]:.1f}× faster than {name}")
print(f"{best[0]} takes {best[1] / floor:.2f}× the floor's wall time")
PY

"$calicap" -r "$file" --format json >"$work/report.json" 2>/dev/null || true
python3 Benchmarks/offline/check-truth.py "$file.truth.json" "$work/report.json"
