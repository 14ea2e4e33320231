#!/usr/bin/env bash
# A Calico-like cluster in network namespaces, for calicap's live-capture tests.
#
#   lab.sh up MODE PREFIX      MODE: direct | vxlan | ipip | crosssubnet
#   lab.sh traffic PREFIX [ROUND]   pod-to-pod ICMP/TCP/UDP; prints the flow manifest (JSON)
#   lab.sh down PREFIX         idempotent; kills the lab's processes, deletes its namespaces
#   lab.sh down-all STEM       `down` for every lab whose namespaces start with STEM (e.g. cl-lab-)
#   lab.sh show PREFIX         prints topology.json
#
# PREFIX must start with `cl-`; every namespace is PREFIX-<name>:
#   PREFIX-sw            the L2 segment: bridge br0 with one port per node (and the router)
#   PREFIX-rt            (crosssubnet) router between 10.10.7.0/24 and 10.10.9.0/24
#   PREFIX-a|b|c         nodes, uplink eth0
#   PREFIX-a-p0 …        pods: eth0 with a /32, default via 169.254.1.1; on the node a
#                        `cali…` veth (MAC ee:ee:ee:ee:ee:ee, proxy ARP) and a /32 route
#
# Addresses (deliberately unlike the shipped captures' plan): nodes 10.10.7.21-23 (c is
# 10.10.9.23 in crosssubnet), pod pool 10.66.0.0/16, one /26 block per node:
#   a 10.66.12.64/26   b 10.66.140.0/26   c 10.66.201.192/26
# The tunnel address (tunl0 / vxlan.calico) is the block's first address, as Calico's IPAM does.
#
# State (topology.json, forwarder PID files and logs, the last flow manifest) lives in
# ${LAB_STATE_DIR:-/tmp/calicap-lab}/PREFIX and is removed by `down`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_ROOT="${LAB_STATE_DIR:-/tmp/calicap-lab}"
PYTHON="${PYTHON:-python3}"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

check_prefix() {
    local prefix="$1"
    if [[ ! "$prefix" =~ ^cl-[A-Za-z0-9-]+$ ]] || ((${#prefix} > 40)); then
        echo "lab.sh: prefix '$prefix' must start with cl- and use only letters, digits and '-'" >&2
        exit 2
    fi
}

# ---------------------------------------------------------------------------- down
ns_exists() { [[ -e "/run/netns/$1" ]]; }

lab_namespaces() {
    # Namespaces of one lab: exactly PREFIX-<name>, <name> without further dashes or PREFIX-x-pN.
    local prefix="$1"
    ip netns list 2>/dev/null | awk '{print $1}' | while read -r ns; do
        case "$ns" in
            "$prefix"-*)
                local rest="${ns#"$prefix"-}"
                [[ "$rest" =~ ^(sw|rt|[a-z]|[a-z]-p[0-9]+)$ ]] && echo "$ns"
                ;;
        esac
    done || true
}

down() {
    local prefix="$1"
    local state="$STATE_ROOT/$prefix"
    local namespaces pid
    namespaces="$(lab_namespaces "$prefix")"
    # Forwarders first, from their PID files, then anything else still inside the namespaces
    # (a test's capture process, a traffic generator): a namespace with a process in it
    # outlives `ip netns del`.
    if [[ -d "$state" ]]; then
        for file in "$state"/*.pid; do
            [[ -e "$file" ]] || continue
            pid="$(cat "$file" 2>/dev/null || true)"
            [[ "$pid" =~ ^[0-9]+$ ]] && kill "$pid" 2>/dev/null || true
        done
    fi
    for ns in $namespaces; do
        for pid in $(ip netns pids "$ns" 2>/dev/null || true); do
            kill "$pid" 2>/dev/null || true
        done
    done
    if [[ -n "$namespaces" ]]; then
        local waited=0
        while ((waited < 20)); do
            local alive=0
            for ns in $namespaces; do
                [[ -n "$(ip netns pids "$ns" 2>/dev/null || true)" ]] && alive=1
            done
            ((alive == 0)) && break
            sleep 0.05
            waited=$((waited + 1))
        done
        for ns in $namespaces; do
            for pid in $(ip netns pids "$ns" 2>/dev/null || true); do
                kill -9 "$pid" 2>/dev/null || true
            done
        done
    fi
    # Pods before nodes before the segment: deleting a namespace deletes its veth ends.
    for ns in $namespaces; do [[ "$ns" == *-p[0-9]* ]] && ip netns del "$ns" 2>/dev/null || true; done
    for ns in $namespaces; do ns_exists "$ns" && ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$state"
}

# Whether the lab NAME (a prefix or one of its namespaces) belongs to a test process that is still
# running: the tests name labs STEM-<pid>, so that runs side by side leave each other's labs alone.
owner_alive() {
    local owner
    owner="$(grep -oE -- '-[0-9]+(-|$)' <<<"$1" | head -n 1 | tr -d -)"
    [[ -n "$owner" && "$owner" != "$$" ]] && kill -0 "$owner" 2>/dev/null
}

down_all() {
    local stem="$1"
    check_prefix "$stem"
    local prefixes
    prefixes="$(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$stem" |
        sed -E 's/-(sw|rt|[a-z]|[a-z]-p[0-9]+)$//' | sort -u || true)"
    for p in $prefixes; do owner_alive "$p" || down "$p"; done
    # Leftovers that do not follow the naming (a half-made lab): delete them too.
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$stem" || true); do
        owner_alive "$ns" && continue
        for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -d "$STATE_ROOT" ]]; then
        for d in "$STATE_ROOT/$stem"*; do [[ -e "$d" ]] && ! owner_alive "$(basename "$d")" && rm -rf "$d"; done
    fi
}

# ---------------------------------------------------------------------------- up
# Every node's plan. Index: a=0 b=1 c=2.
NODES=(a b c)
NODE_IP=(10.10.7.21 10.10.7.22 10.10.7.23)
NODE_SUBNET=(10.10.7.0/24 10.10.7.0/24 10.10.7.0/24)
NODE_GW=("" "" "")
NODE_MAC=(02:10:0a:0a:07:15 02:10:0a:0a:07:16 02:10:0a:0a:07:17)
BLOCK=(10.66.12.64/26 10.66.140.0/26 10.66.201.192/26)
TUNNEL_IP=(10.66.12.64 10.66.140.0 10.66.201.192)
POD_IPS=("10.66.12.70 10.66.12.81" "10.66.140.5 10.66.140.33" "10.66.201.200 10.66.201.250")

use_crosssubnet_plan() {
    NODE_IP=(10.10.7.21 10.10.7.22 10.10.9.23)
    NODE_SUBNET=(10.10.7.0/24 10.10.7.0/24 10.10.9.0/24)
    NODE_GW=(10.10.7.1 10.10.7.1 10.10.9.1)
    NODE_MAC=(02:10:0a:0a:07:15 02:10:0a:0a:07:16 02:10:0a:0a:09:17)
}

# Names derived from hashes, computed in one process: Calico's VTEP MAC is 0x66 and five bytes
# of SHA-1(node name); a workload's host veth is cali + 11 hex digits of a hash; pod MACs are
# local unicast. Sets VTEP_MAC_<node>, CALI_<node>_<k>, POD_MAC_<node>_<k>.
derive_names() {
    local prefix="$1" names
    names="$("$PYTHON" -c '
import hashlib, sys
prefix = sys.argv[1]
def h(text, n): return hashlib.sha1(text.encode()).hexdigest()[:n]
def mac(first, hexa): return first + ":" + ":".join(hexa[i:i + 2] for i in range(0, 10, 2))
for node in "abc":
    print("VTEP_MAC_" + node + "=" + mac("66", h(prefix + "-" + node, 10)))
    for k in range(2):
        pod = prefix + "-" + node + "-p" + str(k)
        print("CALI_%s_%d=cali%s" % (node, k, h(pod, 11)))
        print("POD_MAC_%s_%d=%s" % (node, k, mac("0e", h("mac-" + pod, 10))))
' "$prefix")"
    eval "$names"
}

# Indirect lookups of what derive_names set.
name_of() {
    local variable="$1"
    echo "${!variable}"
}

new_ns() {
    local ns="$1"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # No IPv6 (router solicitations, MLD and DAD would only add noise to the captures);
    # forwarding on; no reverse-path filter (the ipip forwarder injects on tunl0). Applied by
    # one netns-tune.py run before any link exists.
    TUNE_EARLY+=(--sysctl "$ns" net.ipv6.conf.all.disable_ipv6=1 --sysctl "$ns" net.ipv6.conf.default.disable_ipv6=1
        --sysctl "$ns" net.ipv4.conf.all.rp_filter=0 --sysctl "$ns" net.ipv4.conf.default.rp_filter=0
        --sysctl "$ns" net.ipv4.ip_forward=1)
}

json_list() {
    local out="" sep=""
    for item in "$@"; do
        out+="$sep\"$item\""
        sep=", "
    done
    echo "[$out]"
}

up() {
    local mode="$1" prefix="$2"
    case "$mode" in direct | vxlan | ipip | crosssubnet) ;; *)
        echo "lab.sh: unknown mode '$mode' (direct, vxlan, ipip, crosssubnet)" >&2
        exit 2
        ;;
    esac
    [[ "$mode" == crosssubnet ]] && use_crosssubnet_plan
    down "$prefix"
    local state="$STATE_ROOT/$prefix"
    mkdir -p "$state"

    # Whatever fails from here on, nothing is left behind.
    UP_PREFIX="$prefix"
    trap 'rc=$?; trap - EXIT; if ((rc != 0)); then echo "lab.sh: up failed (status $rc); tearing down" >&2; down "$UP_PREFIX"; fi; exit $rc' EXIT
    trap 'exit 130' INT TERM

    local sw="$prefix-sw" rt="$prefix-rt"
    local pod_mtu=1500 tune=() i p
    TUNE_EARLY=()
    case "$mode" in ipip | crosssubnet) pod_mtu=1480 ;; vxlan) pod_mtu=1450 ;; esac
    derive_names "$prefix"

    # Every namespace first, then their sysctls in one go, then the links.
    new_ns "$sw"
    [[ "$mode" == crosssubnet ]] && new_ns "$rt"
    for i in 0 1 2; do
        new_ns "$prefix-${NODES[$i]}"
        for p in 0 1; do new_ns "$prefix-${NODES[$i]}-p$p"; done
    done
    "$PYTHON" "$HERE/netns-tune.py" "${TUNE_EARLY[@]}"

    ip -n "$sw" link add br0 type bridge stp_state 0 forward_delay 0
    ip -n "$sw" link set br0 up

    if [[ "$mode" == crosssubnet ]]; then
        # Router: vpc7 on the switch (10.10.7.1), vpc9 straight to node c (10.10.9.1).
        # It knows no pod routes: across the subnets pods are reached only through IPIP.
        ip -n "$rt" link add vpc7 type veth peer name port-rt netns "$sw"
        ip -n "$sw" link set dev port-rt master br0 up
        ip -n "$rt" addr add 10.10.7.1/24 dev vpc7
        ip -n "$rt" link set vpc7 address 02:01:0a:0a:07:01 up
        tune+=(--offload-off "$rt" vpc7 --offload-off "$sw" port-rt)
    fi

    for i in 0 1 2; do
        local n="${NODES[$i]}" ns="$prefix-${NODES[$i]}"
        if [[ "$mode" == crosssubnet && "$n" == c ]]; then
            ip -n "$ns" link add eth0 type veth peer name vpc9 netns "$rt"
            ip -n "$rt" addr add 10.10.9.1/24 dev vpc9
            ip -n "$rt" link set vpc9 address 02:01:0a:0a:09:01 up
            tune+=(--offload-off "$rt" vpc9)
        else
            ip -n "$ns" link add eth0 type veth peer name "port-$n" netns "$sw"
            ip -n "$sw" link set dev "port-$n" master br0 up
            tune+=(--offload-off "$sw" "port-$n")
        fi
        ip -n "$ns" link set eth0 address "${NODE_MAC[$i]}" up
        ip -n "$ns" addr add "${NODE_IP[$i]}/${NODE_SUBNET[$i]#*/}" dev eth0
        tune+=(--offload-off "$ns" eth0)
        if [[ -n "${NODE_GW[$i]}" ]]; then
            local other
            for other in 10.10.7.0/24 10.10.9.0/24; do
                [[ "$other" == "${NODE_SUBNET[$i]}" ]] || ip -n "$ns" route add "$other" via "${NODE_GW[$i]}" dev eth0
            done
        fi
        # Calico's node routes: its own block is a blackhole, pods are /32s on cali devices;
        # 169.254.1.1 needs a route off the cali device for proxy ARP to answer for it.
        ip -n "$ns" route add blackhole "${BLOCK[$i]}"
        ip -n "$ns" route add 169.254.1.1/32 dev lo scope link

        local pod_ip
        p=0
        for pod_ip in ${POD_IPS[$i]}; do
            local pod="$ns-p$p" cali pod_mac
            cali="$(name_of "CALI_${n}_$p")"
            pod_mac="$(name_of "POD_MAC_${n}_$p")"
            ip -n "$pod" link add eth0 type veth peer name "$cali" netns "$ns"
            ip -n "$pod" link set eth0 address "$pod_mac" mtu "$pod_mtu" up
            ip -n "$pod" addr add "$pod_ip/32" dev eth0
            ip -n "$pod" route add 169.254.1.1/32 dev eth0 scope link
            ip -n "$pod" route add default via 169.254.1.1 dev eth0
            ip -n "$ns" link set dev "$cali" address ee:ee:ee:ee:ee:ee mtu "$pod_mtu" up
            ip -n "$ns" route add "$pod_ip/32" dev "$cali" scope link
            tune+=(--sysctl "$ns" "net/ipv4/conf/$cali/proxy_arp=1" --sysctl "$ns" "net/ipv4/neigh/$cali/proxy_delay=0")
            tune+=(--offload-off "$pod" eth0 --offload-off "$ns" "$cali")
            p=$((p + 1))
        done
    done

    # The carriers.
    local j
    for i in 0 1 2; do
        local ns="$prefix-${NODES[$i]}" routes=()
        case "$mode" in
            direct)
                for j in 0 1 2; do
                    ((i == j)) && continue
                    ip -n "$ns" route add "${BLOCK[$j]}" via "${NODE_IP[$j]}" dev eth0
                done
                ;;
            vxlan)
                ip -n "$ns" link add vxlan.calico type vxlan id 4096 dstport 4789 local "${NODE_IP[$i]}" dev eth0 nolearning
                ip -n "$ns" link set vxlan.calico address "$(name_of "VTEP_MAC_${NODES[$i]}")" mtu 1450 up
                ip -n "$ns" addr add "${TUNNEL_IP[$i]}/32" dev vxlan.calico
                tune+=(--offload-off "$ns" vxlan.calico)
                for j in 0 1 2; do
                    ((i == j)) && continue
                    local mac
                    mac="$(name_of "VTEP_MAC_${NODES[$j]}")"
                    ip -n "$ns" neigh add "${TUNNEL_IP[$j]}" lladdr "$mac" dev vxlan.calico nud permanent
                    bridge -n "$ns" fdb add "$mac" dev vxlan.calico dst "${NODE_IP[$j]}" self permanent
                    ip -n "$ns" route add "${BLOCK[$j]}" via "${TUNNEL_IP[$j]}" dev vxlan.calico onlink
                done
                ;;
            ipip | crosssubnet)
                ip -n "$ns" tuntap add tunl0 mode tun
                ip -n "$ns" link set tunl0 mtu 1480 up
                ip -n "$ns" addr add "${TUNNEL_IP[$i]}/32" dev tunl0
                for j in 0 1 2; do
                    ((i == j)) && continue
                    if [[ "$mode" == crosssubnet && "${NODE_SUBNET[$i]}" == "${NODE_SUBNET[$j]}" ]]; then
                        ip -n "$ns" route add "${BLOCK[$j]}" via "${NODE_IP[$j]}" dev eth0
                    else
                        ip -n "$ns" route add "${BLOCK[$j]}" via "${NODE_IP[$j]}" dev tunl0 onlink
                        routes+=(--route "${BLOCK[$j]}=${NODE_IP[$j]}")
                    fi
                done
                if ((${#routes[@]} > 0)); then
                    local name="${NODES[$i]}"
                    ip netns exec "$ns" setsid "$PYTHON" "$HERE/ipip-forwarder.py" --dev tunl0 "${routes[@]}" \
                        --pidfile "$state/forwarder-$name.pid" --ready "$state/forwarder-$name.ready" \
                        --stats "$state/forwarder-$name.stats.json" \
                        </dev/null >"$state/forwarder-$name.log" 2>&1 &
                fi
                ;;
        esac
    done

    # Proxy ARP on the cali devices; checksum, segmentation and receive offloads off on every
    # device, so captures look like the wire (no 64 KiB GSO packets, no partial checksums).
    "$PYTHON" "$HERE/netns-tune.py" "${tune[@]}"

    if [[ "$mode" == ipip || "$mode" == crosssubnet ]]; then
        local waited=0
        for i in 0 1 2; do
            local name="${NODES[$i]}"
            while [[ ! -e "$state/forwarder-$name.ready" ]]; do
                if ((waited > 300)); then
                    echo "lab.sh: the ipip forwarder on node $name did not start:" >&2
                    cat "$state/forwarder-$name.log" >&2 || true
                    exit 1
                fi
                sleep 0.01
                waited=$((waited + 1))
            done
        done
    fi

    write_topology "$mode" "$prefix" >"$state/topology.json"
    trap - EXIT INT TERM
    echo "$state/topology.json"
}

write_topology() {
    local mode="$1" prefix="$2" i
    echo "{"
    echo "  \"prefix\": \"$prefix\", \"mode\": \"$mode\", \"podPool\": \"10.66.0.0/16\","
    echo "  \"tcpPort\": 7000, \"udpPort\": 7001, \"vni\": 4096, \"vxlanPort\": 4789,"
    if [[ "$mode" == crosssubnet ]]; then
        echo "  \"router\": { \"netns\": \"$prefix-rt\", \"addresses\": [\"10.10.7.1\", \"10.10.9.1\"], \"knowsPodRoutes\": false },"
    fi
    echo "  \"nodes\": ["
    for i in 0 1 2; do
        local n="${NODES[$i]}" ns="$prefix-${NODES[$i]}" tunnel_dev="null" vtep="null" ifaces p=0 pods="" sep=""
        case "$mode" in
            vxlan) tunnel_dev='"vxlan.calico"' vtep="\"$(name_of "VTEP_MAC_$n")\"" ;;
            ipip | crosssubnet) tunnel_dev='"tunl0"' ;;
        esac
        ifaces=(lo eth0)
        local pod_ip
        for pod_ip in ${POD_IPS[$i]}; do
            local pod="$ns-p$p" cali
            cali="$(name_of "CALI_${n}_$p")"
            ifaces+=("$cali")
            pods+="$sep{ \"name\": \"$n-p$p\", \"netns\": \"$pod\", \"ip\": \"$pod_ip\", \"mac\": \"$(name_of "POD_MAC_${n}_$p")\", \"hostInterface\": \"$cali\" }"
            sep=", "
            p=$((p + 1))
        done
        [[ "$tunnel_dev" != null ]] && ifaces+=("${tunnel_dev//\"/}")
        echo "    { \"name\": \"$n\", \"netns\": \"$ns\", \"ip\": \"${NODE_IP[$i]}\", \"subnet\": \"${NODE_SUBNET[$i]}\","
        echo "      \"mac\": \"${NODE_MAC[$i]}\", \"block\": \"${BLOCK[$i]}\", \"tunnelIP\": \"${TUNNEL_IP[$i]}\","
        echo "      \"tunnelDevice\": $tunnel_dev, \"vtepMAC\": $vtep, \"interfaces\": $(json_list "${ifaces[@]}"),"
        echo "      \"routes\": $(ip -n "$ns" -j route show 2>/dev/null || echo '[]'),"
        echo "      \"pods\": [ $pods ] }$([[ $i -lt 2 ]] && echo ,)"
    done
    echo "  ]"
    echo "}"
}

# ---------------------------------------------------------------------------- traffic
traffic() {
    local prefix="$1" round="${2:-0}"
    local state="$STATE_ROOT/$prefix"
    if [[ ! -e "$state/topology.json" ]]; then
        echo "lab.sh: no lab '$prefix' (run: lab.sh up MODE $prefix)" >&2
        exit 1
    fi
    "$PYTHON" "$HERE/traffic.py" "$state/topology.json" --round "$round" >"$state/flows-$round.json.tmp"
    mv "$state/flows-$round.json.tmp" "$state/flows-$round.json"
    cat "$state/flows-$round.json"
}

# ---------------------------------------------------------------------------- main
(($# >= 1)) || usage
command="$1"
shift
case "$command" in
    up)
        (($# == 2)) || usage
        check_prefix "$2"
        up "$1" "$2"
        ;;
    down)
        (($# == 1)) || usage
        check_prefix "$1"
        down "$1"
        ;;
    down-all)
        (($# == 1)) || usage
        down_all "$1"
        ;;
    traffic)
        (($# == 1 || $# == 2)) || usage
        check_prefix "$1"
        traffic "$@"
        ;;
    show)
        (($# == 1)) || usage
        check_prefix "$1"
        cat "$STATE_ROOT/$1/topology.json"
        ;;
    *) usage ;;
esac
