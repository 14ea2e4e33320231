#!/usr/bin/env bash
# Makes the overlay captures in Fixtures/overlays/: two nodes in network namespaces, a pod on
# each, pod traffic between them through an overlay that is not Calico's, captured with tcpdump
# on node a's uplink (eth0).
#
#   make-overlay-fixtures.sh [OUT_DIR] [SCENARIO…]     (root; default OUT_DIR Fixtures/overlays)
#
# Scenarios (each made for real where this kernel can; see overlay-forwarder.py):
#   flannel-vxlan  the kernel's VXLAN device exactly as flanneld sets it up: flannel.1, VNI 1,
#                  UDP 8472, `nolearning`, static neighbour/FDB entries to the peer's VTEP MAC
#   flannel-udp    Flannel's `udp` backend: TUN flannel0, bare IP in UDP 8285 (userspace, as
#                  flanneld itself does it)
#   cilium-geneve  Cilium-style Geneve on 6081 (TAP + UDP socket): VNI = the sender's identity
#   cilium-vxlan   Cilium-style VXLAN on 8472 (TAP + UDP socket): VNI = the sender's identity
#   gre            GRE (TUN + raw protocol-47 socket): a→b with key and sequence number, b→a with
#                  checksum and key
#   erspan         pods routed directly; node a mirrors its pod's veth to node b in ERSPAN
#                  type II (session 7) and type III (session 8), sent with a raw protocol-47 socket
#
# Addresses: nodes 10.30.0.1 (a) and 10.30.0.2 (b) on one /24; pods 10.244.1.2 (on a) and
# 10.244.2.2 (on b), each behind a /24 on its node (Flannel's plan). Namespaces are named
# cl-ov<pid>-<scenario>-{a,b,a-p0,b-p0} and removed on every path.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/Fixtures/overlays}"
shift || true
SCENARIOS=("$@")
((${#SCENARIOS[@]})) || SCENARIOS=(flannel-vxlan flannel-udp cilium-geneve cilium-vxlan gre erspan)
PREFIX="cl-ov$$"
STATE="$(mktemp -d /tmp/cl-ov$$.XXXX)"
mkdir -p "$OUT"

cleanup() {
    for file in "$STATE"/*.pid; do
        [[ -e "$file" ]] || continue
        kill "$(cat "$file")" 2>/dev/null || true
    done
    for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do
        for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
    done
    sleep 0.3
    for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$STATE"
}
trap cleanup EXIT INT TERM

# Two nodes on one link, a pod behind each (veth, /24 gateway on the node).
build_nodes() {
    local s="$1" n
    for n in a b; do
        ip netns add "$s-$n"
        ip netns add "$s-$n-p0"
        ip -n "$s-$n" link set lo up
        ip -n "$s-$n-p0" link set lo up
        ip netns exec "$s-$n" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
        # No IPv6 chatter (router solicitations, MLD) in the tunnels: the captures hold pod traffic only.
        ip netns exec "$s-$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip netns exec "$s-$n-p0" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    done
    ip link add eth0 netns "$s-a" type veth peer name eth0 netns "$s-b"
    ip -n "$s-a" link set eth0 address 02:30:00:00:00:01
    ip -n "$s-b" link set eth0 address 02:30:00:00:00:02
    ip -n "$s-a" addr add 10.30.0.1/24 dev eth0
    ip -n "$s-b" addr add 10.30.0.2/24 dev eth0
    ip -n "$s-a" link set eth0 up
    ip -n "$s-b" link set eth0 up
    local index=1
    for n in a b; do
        ip link add veth0 netns "$s-$n" type veth peer name eth0 netns "$s-$n-p0"
        ip -n "$s-$n" addr add "10.244.$index.1/24" dev veth0
        ip -n "$s-$n" link set veth0 up
        ip -n "$s-$n-p0" addr add "10.244.$index.2/24" dev eth0
        ip -n "$s-$n-p0" link set eth0 up
        ip -n "$s-$n-p0" route add default via "10.244.$index.1"
        index=$((index + 1))
    done
}

forwarder() {
    local s="$1" n="$2"
    shift 2
    ip netns exec "$s-$n" python3 "$HERE/overlay-forwarder.py" --pidfile "$STATE/$(basename "$s")-$n.pid" "$@" \
        >"$STATE/$n.log" 2>&1 &
}

# A TUN or TAP device `dev` on each node with the node's /32 on it and a route to the other
# pod /24 through it (TAP: an on-link gateway with a permanent neighbour entry).
tunnel_devices() {
    local s="$1" dev="$2" mode="$3" n index peer_index
    for n in a b; do
        [[ $n == a ]] && index=1 peer_index=2 || index=2 peer_index=1
        ip -n "$s-$n" tuntap add "$dev" mode "$mode"
        if [[ $mode == tap ]]; then
            ip -n "$s-$n" link set "$dev" address "0e:00:00:00:00:0$index" mtu 1450
        else
            ip -n "$s-$n" link set "$dev" mtu 1450
        fi
        ip -n "$s-$n" addr add "10.244.$index.0/32" dev "$dev"
        ip -n "$s-$n" link set "$dev" up
        if [[ $mode == tap ]]; then
            ip -n "$s-$n" route add "10.244.$peer_index.0/24" via "10.244.$peer_index.0" dev "$dev" onlink
            ip -n "$s-$n" neigh replace "10.244.$peer_index.0" lladdr "0e:00:00:00:00:0$peer_index" dev "$dev" nud permanent
        else
            ip -n "$s-$n" route add "10.244.$peer_index.0/24" dev "$dev"
        fi
    done
}

scenario() {
    local name="$1" s="$PREFIX-$1"
    build_nodes "$s"
    case "$name" in
        flannel-vxlan)
            local n index peer_index
            for n in a b; do
                [[ $n == a ]] && index=1 peer_index=2 || index=2 peer_index=1
                ip -n "$s-$n" link add flannel.1 type vxlan id 1 dev eth0 local "10.30.0.$index" dstport 8472 nolearning
                ip -n "$s-$n" link set flannel.1 address "0e:f1:00:00:00:0$index" mtu 1450
                ip -n "$s-$n" addr add "10.244.$index.0/32" dev flannel.1
                ip -n "$s-$n" link set flannel.1 up
                ip -n "$s-$n" route add "10.244.$peer_index.0/24" via "10.244.$peer_index.0" dev flannel.1 onlink
                ip -n "$s-$n" neigh replace "10.244.$peer_index.0" lladdr "0e:f1:00:00:00:0$peer_index" dev flannel.1 nud permanent
                bridge -n "$s-$n" fdb append "0e:f1:00:00:00:0$peer_index" dev flannel.1 dst "10.30.0.$peer_index"
            done
            ;;
        flannel-udp)
            tunnel_devices "$s" flannel0 tun
            forwarder "$s" a --encap udp --dev flannel0 --peer 10.30.0.2 --port 8285
            forwarder "$s" b --encap udp --dev flannel0 --peer 10.30.0.1 --port 8285
            ;;
        cilium-geneve | cilium-vxlan)
            local encap=${name#cilium-} port=6081
            [[ $encap == vxlan ]] && port=8472
            tunnel_devices "$s" "cilium_$encap" tap
            forwarder "$s" a --encap "$encap" --dev "cilium_$encap" --peer 10.30.0.2 --port "$port" \
                --identity 10.244.1.0/24=48312
            forwarder "$s" b --encap "$encap" --dev "cilium_$encap" --peer 10.30.0.1 --port "$port" \
                --identity 10.244.2.0/24=20561
            ;;
        gre)
            tunnel_devices "$s" gre1 tun
            forwarder "$s" a --encap gre --dev gre1 --peer 10.30.0.2 --gre-flags KS --gre-key 0x2a
            forwarder "$s" b --encap gre --dev gre1 --peer 10.30.0.1 --gre-flags CK --gre-key 0x2b
            ;;
        erspan)
            ip -n "$s-a" route add 10.244.2.0/24 via 10.30.0.2
            ip -n "$s-b" route add 10.244.1.0/24 via 10.30.0.1
            forwarder "$s" a --mirror-erspan --dev veth0 --peer 10.30.0.2 --session 7
            # The collector: a raw protocol-47 socket keeps node b from answering "protocol unreachable".
            ip netns exec "$s-b" python3 -c 'import socket, time; s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47); time.sleep(600)' &
            echo $! >"$STATE/$name-collector.pid"
            ;;
    esac
    # Every forwarder writes its PID file once its sockets are open.
    local waited=0
    while ((waited < 50)) && [[ $(ls "$STATE"/*.pid 2>/dev/null | wc -l) -lt $(jobs -p | wc -l) ]]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    sleep 0.5
    local capture="$OUT/$name.pcap"
    ip netns exec "$s-a" tcpdump -i eth0 -n -U --immediate-mode -B 8192 -Z root -w "$capture" -s 262144 'not arp and not ip6' >"$STATE/$name.tcpdump" 2>&1 &
    local dump=$!
    sleep 1
    ip netns exec "$s-a" python3 "$HERE/pod-traffic.py" "$s-a-p0" 10.244.1.2 "$s-b-p0" 10.244.2.2 >"$STATE/$name.json"
    sleep 0.5
    kill -INT "$dump"
    wait "$dump" 2>/dev/null || true
    echo "$name: $(cat "$STATE/$name.json") $(tail -3 "$STATE/$name.tcpdump" | tr "\n" " ")"
    for file in "$STATE"/"$(basename "$s")"-*.pid "$STATE/$name-collector.pid"; do
        [[ -e "$file" ]] || continue
        kill "$(cat "$file")" 2>/dev/null || true
        rm -f "$file"
    done
    for ns in "$s-a-p0" "$s-b-p0" "$s-a" "$s-b"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
    done
    sleep 0.3
    for ns in "$s-a-p0" "$s-b-p0" "$s-a" "$s-b"; do ip netns del "$ns" 2>/dev/null || true; done
}

for name in "${SCENARIOS[@]}"; do
    scenario "$name"
done
