#!/usr/bin/env bash
# Offline throughput and memory: calicap against libpcap's own read path (tcpdump -w /dev/null)
# on a synthetic capture of Calico pod traffic (mixed IPIP / VXLAN / direct).
#
# Usage: Benchmarks/offline/run.sh [PACKETS] [FLOWS]     (defaults: 2000000 packets, 10000 flows)
# Prints a table of median wall time, packets/s and peak RSS over 3 runs each.
set -euo pipefail
cd "$(dirname "$0")/../.."
packets=${1:-2000000}
flows=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release >/dev/null
calicap=.build/release/calicap
python3 Benchmarks/offline/generate.py "$work/bench.pcap" "$packets" "$flows"
cat "$work/bench.pcap" >/dev/null   # warm the page cache

measure() {  # name, command...
    local name=$1; shift
    local times=() rss=()
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
        read -r seconds kilobytes <"$work/time"
        times+=("$seconds"); rss+=("$kilobytes")
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    local peak
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    python3 - "$name" "$median" "$peak" "$packets" <<'PY'
import sys
name, seconds, kilobytes, packets = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rate = packets / seconds if seconds > 0 else float("inf")
print(f"| {name:42} | {seconds:6.2f} | {rate/1e6:6.2f} M | {kilobytes/1024:7.1f} MB |")
PY
}

echo "| reader ($packets packets, $flows flows) | wall s | packets/s | peak RSS |"
echo "|---|---:|---:|---:|"
measure "cat > /dev/null" cat "$work/bench.pcap"
if command -v tcpdump >/dev/null; then
    measure "tcpdump -r FILE -w /dev/null (libpcap)" tcpdump -r "$work/bench.pcap" -w /dev/null
fi
measure "calicap --format json" "$calicap" -r "$work/bench.pcap" --format json
measure "calicap --format json (single flow table)" "$calicap" -r "$work/bench.pcap" --format jsonl
