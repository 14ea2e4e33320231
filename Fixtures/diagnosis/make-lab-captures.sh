#!/usr/bin/env bash
# Captures the MTU cases in the namespace lab (Tests/LiveCaptureTests/Lab/lab.sh, CrossSubnet
# mode: node c sits behind the router, reached over IP-in-IP). Needs root, nft and tcpdump.
#
#   Fixtures/diagnosis/make-lab-captures.sh       writes lab-mtu-blackhole.pcap and
#                                                 lab-mtu-fragmentation-needed.pcap next to itself
#
# The router's port towards c gets MTU 1400; a pod on node a serves 12000 bytes to a pod on node
# c, so node a's IP-in-IP packets of 1500 bytes must cross it (the lab's IP-in-IP forwarder sends
# them with DF set). First the router's ICMP "fragmentation needed" is dropped (nft, in the
# router's output hook): a black hole, captured on node a's eth0 (the sender). Then the ICMP is
# let through and the router answers each big packet, quoting it: captured the same way. The
# lab's forwarder is user space, so the pods never learn the smaller MTU and both flows stall.
# The lab is named cl-diag-PID and torn down on every path.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB="$HERE/../../Tests/LiveCaptureTests/Lab/lab.sh"
PREFIX="cl-diag-$$"
WORK="$(mktemp -d)"
cleanup() {
    [[ -n "${CAPTURE:-}" ]] && kill "$CAPTURE" 2>/dev/null || true
    "$LAB" down "$PREFIX" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$LAB" up crosssubnet "$PREFIX" >/dev/null
read -r A_POD C_POD < <("$LAB" show "$PREFIX" | python3 -c '
import json, sys
nodes = {n["name"]: n for n in json.load(sys.stdin)["nodes"]}
print(nodes["a"]["pods"][0]["ip"], nodes["c"]["pods"][0]["ip"])')
ip -n "$PREFIX-rt" link set vpc9 mtu 1400

# The server on a's pod: for each connection, read the request, send 12000 bytes, wait.
cat >"$WORK/server.py" <<'PY'
import socket, sys, time
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((sys.argv[1], 7100))
listener.listen(4)
open(sys.argv[2], "w").write("ready\n")
while True:
    conn, _ = listener.accept()
    conn.recv(100)
    conn.sendall(b"x" * 12000)
    time.sleep(4)
    conn.close()
PY
cat >"$WORK/client.py" <<'PY'
import socket, sys
client = socket.create_connection((sys.argv[1], 7100), timeout=3)
client.sendall(b"GET /big\n")
received = 0
try:
    while received < 12000:
        data = client.recv(65536)
        if not data:
            break
        received += len(data)
except socket.timeout:
    pass
print(received)
PY
ip netns exec "$PREFIX-a-p0" python3 "$WORK/server.py" "$A_POD" "$WORK/ready" &
for _ in $(seq 50); do [[ -e "$WORK/ready" ]] && break; sleep 0.1; done

capture() {  # capture NAME: node a's eth0 while a pod on c fetches from a's pod
    ip netns exec "$PREFIX-a" tcpdump -i eth0 -s 262144 -U -w "$WORK/$1" ip 2>/dev/null &
    CAPTURE=$!
    sleep 0.5
    echo "$1: received $(ip netns exec "$PREFIX-c-p0" python3 "$WORK/client.py" "$A_POD") of 12000 bytes"
    sleep 0.5
    kill "$CAPTURE"; wait "$CAPTURE" 2>/dev/null || true
    CAPTURE=""
    cp "$WORK/$1" "$HERE/$1"
}

ip netns exec "$PREFIX-rt" nft add table ip calicap_lab
ip netns exec "$PREFIX-rt" nft add chain ip calicap_lab out '{ type filter hook output priority 0; }'
ip netns exec "$PREFIX-rt" nft add rule ip calicap_lab out icmp type destination-unreachable drop
capture lab-mtu-blackhole.pcap
ip netns exec "$PREFIX-rt" nft delete table ip calicap_lab
capture lab-mtu-fragmentation-needed.pcap
