#!/usr/bin/env bash
# Live-capture benchmark: how many packets tcpdump and calicap keep up with.
#
# Builds a large capture of mixed IPIP / VXLAN / direct pod traffic (gen-capture.py, no
# network), makes a veth pair between two namespaces (cl-bench-<pid>-tx, -rx), replays the
# capture into one end with `tcpreplay --topspeed` while, in turn,
#     tcpdump -i bench1 -w /dev/null
#     calicap -i bench1 --format json > /dev/null   (the report is kept to count its packets)
# capture on the other end, RUNS times each. Reports packets sent (tcpreplay), captured and
# dropped by kernel (the capturer's own end-of-capture statistics on stderr), tcpreplay's
# rate and, for calicap, the packets its JSON report counted, as a table.
# Everything is torn down on every path.
#
# Not a test. Environment:
#   PACKETS=1000000  RUNS=3  WORK=/tmp/calicap-bench
#   CALICAP=path     (default: a release build in .build-lab, built if missing)
#   TOOLS="tcpdump calicap"
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PACKETS="${PACKETS:-1000000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/tmp/calicap-bench}"
TOOLS="${TOOLS:-tcpdump calicap}"
PREFIX="cl-bench-$$"
TX="$PREFIX-tx"
RX="$PREFIX-rx"
CAPTURE_PID=""

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (namespaces, raw sockets)" >&2
    exit 1
fi

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$CAPTURE_PID" ]]; then kill -9 "$CAPTURE_PID" 2>/dev/null || true; fi
    for ns in "$TX" "$RX"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Earlier runs interrupted hard enough to skip their trap.
for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cl-bench-' || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
done

if ! command -v tcpreplay >/dev/null; then
    echo "run.sh: installing tcpreplay" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpreplay >/dev/null
fi

if [[ -z "${CALICAP:-}" ]]; then
    CALICAP="$REPO/.build-lab/release/calicap"
    if [[ ! -x "$CALICAP" ]]; then
        echo "run.sh: building calicap (release) into .build-lab" >&2
        (cd "$REPO" && PATH="/opt/swift/usr/bin:$PATH" swift build -c release --scratch-path "$REPO/.build-lab" >&2)
    fi
fi
LIVE=1
if ! { "$CALICAP" capture --help 2>/dev/null; "$CALICAP" analyze --help 2>/dev/null; } | grep -qE -- '--interface|-i,'; then
    LIVE=0
    echo "run.sh: $CALICAP has no live capture (-i) yet; its rows will say n/a" >&2
fi

mkdir -p "$WORK"
CAPTURE="$WORK/replay-$PACKETS.pcap"
if [[ ! -s "$CAPTURE" ]]; then
    echo "run.sh: generating $CAPTURE" >&2
    python3 "$HERE/gen-capture.py" "$CAPTURE.tmp" --packets "$PACKETS"
    mv "$CAPTURE.tmp" "$CAPTURE"
fi

ip netns add "$TX"
ip netns add "$RX"
for ns in "$TX" "$RX"; do
    ip netns exec "$ns" sh -c 'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6'
    ip -n "$ns" link set lo up
done
ip -n "$TX" link add bench0 type veth peer name bench1 netns "$RX"
ip -n "$TX" link set bench0 up
ip -n "$RX" link set bench1 up
# Wait for carrier on both ends.
for _ in $(seq 50); do
    ip -n "$RX" link show bench1 | grep -q 'LOWER_UP' && break
    sleep 0.05
done

# "N packets captured" / "N packets dropped by kernel" (tcpdump's wording, which calicap keeps;
# with several interfaces calicap prefixes "dev: "); summed over lines.
stat_of() {
    local file="$1" what="$2"
    grep -E "[0-9]+ packets? $what" "$file" | sed -E "s/^(.*[^0-9])?([0-9]+) packets? $what.*/\2/" |
        awk '{s += $1} END {if (NR == 0) print "?"; else print s}'
}

RESULTS="$WORK/results-$$.tsv"
: >"$RESULTS"
for tool in $TOOLS; do
    for run in $(seq "$RUNS"); do
        errors="$WORK/$tool-$run.err"
        report="$WORK/$tool-$run.json"
        replay_log="$WORK/$tool-$run.tcpreplay"
        if [[ "$tool" == calicap && "$LIVE" == 0 ]]; then
            printf '%s\t%s\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\n' "$tool" "$run" >>"$RESULTS"
            continue
        fi
        case "$tool" in
            tcpdump)
                ip netns exec "$RX" tcpdump -i bench1 -n -w /dev/null 2>"$errors" &
                ;;
            calicap)
                ip netns exec "$RX" "$CALICAP" -i bench1 --format json >"$report" 2>"$errors" &
                ;;
        esac
        CAPTURE_PID=$!
        for _ in $(seq 100); do
            grep -q "listening on" "$errors" 2>/dev/null && break
            kill -0 "$CAPTURE_PID" 2>/dev/null || break
            sleep 0.05
        done
        sleep 0.2
        start=$(date +%s.%N)
        ip netns exec "$TX" tcpreplay --topspeed -i bench0 "$CAPTURE" >"$replay_log" 2>&1 || true
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        sleep 1
        kill -INT "$CAPTURE_PID" 2>/dev/null || true
        for _ in $(seq 600); do
            kill -0 "$CAPTURE_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$CAPTURE_PID" 2>/dev/null; then
            echo "run.sh: $tool did not stop within 60 s of SIGINT; killed" >&2
            kill -9 "$CAPTURE_PID" 2>/dev/null || true
        fi
        wait "$CAPTURE_PID" 2>/dev/null || true
        CAPTURE_PID=""
        sent=$(grep -E "Successful packets:" "$replay_log" | awk '{print $3}' | head -1)
        [[ -n "$sent" ]] || sent=$(grep -E "^Actual:" "$replay_log" | awk '{print $2}' | head -1)
        captured=$(stat_of "$errors" captured)
        dropped=$(stat_of "$errors" "dropped by kernel")
        rate=$(grep -E "^Rated:" "$replay_log" | sed -E 's/.* ([0-9.]+) pps.*/\1/' | head -1)
        analysed="-"
        if [[ "$tool" == calicap && -s "$report" ]]; then
            analysed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["packets"])' "$report" 2>/dev/null || echo "?")
        fi
        if [[ "$tool" == calicap && "$captured" == "?" && -s "$report" ]]; then
            captured=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["packets"])' "$report" 2>/dev/null || echo "?")
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%.0f\t%s\t%.1f\n' "$tool" "$run" "${sent:-?}" "$captured" "$dropped" "${rate:-0}" "$analysed" "$seconds" >>"$RESULTS"
        echo "run.sh: $tool run $run: sent ${sent:-?}, captured $captured, dropped by kernel $dropped" >&2
    done
done

echo
echo "Replay of $CAPTURE ($(du -h "$CAPTURE" | cut -f1), $PACKETS packets) with tcpreplay --topspeed over a veth pair"
echo "calicap: $CALICAP"
printf '%-8s %4s %10s %10s %10s %9s %10s %10s %8s\n' tool run sent captured dropped "captured%" "sent pps" "in report" "replay s"
while IFS=$'\t' read -r tool run sent captured dropped rate analysed seconds; do
    percent="n/a"
    if [[ "$sent" =~ ^[0-9]+$ && "$captured" =~ ^[0-9]+$ && "$sent" -gt 0 ]]; then
        percent=$(echo "scale=1; 100 * $captured / $sent" | bc)
    fi
    printf '%-8s %4s %10s %10s %10s %9s %10s %10s %8s\n' "$tool" "$run" "$sent" "$captured" "$dropped" "$percent" "$rate" "$analysed" "$seconds"
done <"$RESULTS"
