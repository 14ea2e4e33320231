#!/usr/bin/env bash
# Instructions per packet of the whole calicap run (reader, dissector, flows, session), and where
# they go: callgrind on the first 100 000 and 200 000 packets of a capture; the marginal cost is
# the difference ÷ 100 000, the fixed cost (startup and the report) what is left of the shorter run.
#
# Usage: Benchmarks/offline/instructions.sh CAPTURE [CALICAP]     (default: the release build)
#        TOP=N prints the N costliest functions (self cost, marginal per packet and fixed).
set -euo pipefail
capture=${1:?usage: instructions.sh CAPTURE [CALICAP]}
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${2:-}
if [ -z "$binary" ]; then
    (cd "$root" && swift build -c release --product calicap >/dev/null)
    binary=$root/.build/release/calicap
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the debug info of a build that links swift-crypto.
cp "$binary" "$work/calicap"
strip --strip-debug "$work/calicap"
for packets in 100000 200000; do
    tcpdump -r "$capture" -c "$packets" -w "$work/$packets.pcap" 2>/dev/null
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/$packets.out" \
        "$work/calicap" -r "$work/$packets.pcap" --format json >/dev/null 2>"$work/valgrind.log"
    callgrind_annotate --threshold=100 "$work/$packets.out" >"$work/$packets.txt"
done
python3 - "$work/100000.txt" "$work/200000.txt" "${TOP:-25}" <<'PY'
import re, subprocess, sys

def load(path):
    costs, total = {}, 0
    for line in open(path):
        match = re.match(r'\s*([\d,]+) \([\s\d.]+%\)\s+(\S.*)', line)
        if not match:
            continue
        value = int(match.group(1).replace(',', ''))
        if 'PROGRAM TOTALS' in line:
            total = value
        else:
            costs[match.group(2)] = value
    return costs, total

short, short_total = load(sys.argv[1])
long, long_total = load(sys.argv[2])
marginal = (long_total - short_total) / 100000
print(f"marginal: {marginal:,.0f} instructions per packet; fixed: {(short_total - 100000 * marginal) / 1e6:,.0f} M")
rows = []
for key in set(short) | set(long):
    extra = long.get(key, 0) - short.get(key, 0)
    rows.append((extra / 100000, short.get(key, 0) - extra, key))
rows.sort(reverse=True)
print("| per packet | fixed | function (self cost) |\n|---:|---:|---|")
for per_packet, fixed, key in rows[: int(sys.argv[3])]:
    name = key.split(':', 1)[1].split(' [')[0] if ':' in key else key
    readable = subprocess.run(['swift', 'demangle', '--simplified', '--compact', name],
                              capture_output=True, text=True).stdout.strip() or name
    print(f"| {per_packet:,.1f} | {fixed / 1e6:,.1f} M | `{readable[:110]}` |")
PY
