#!/bin/sh
# Makes Fixtures/lab-pools/: copies of lab scenarios with their pod pool moved from
# 172.16.0.0/16 to 10.244.0.0/16 and to 100.64.0.0/16 (inner and outer pod addresses, ARP,
# checksums; see Scripts/rewrite-pod-pool.py), for the tests that check calicap finds pods in
# any pool without --pod-cidr (Tests/CLITests/PodPoolRewriteTests.swift).
# Run from the repository root.
set -eu
rewrite() {  # POOL SCENARIO NAME...
    pool=$1 scenario=$2
    shift 2
    out="Fixtures/lab-pools/${pool%%/*}-${pool##*/}/$scenario"
    rm -rf "$out"
    python3 Scripts/rewrite-pod-pool.py --from 172.16.0.0/16 --to "$pool" "Fixtures/lab/$scenario" "$out" \
        expected.tsv cluster/installation.yaml cluster/nodes.yaml cluster/ippools.yaml cluster/pods-wide.txt "$@"
}
uplinks="w0-eth0.pcap w1-eth0.pcap w2-eth0.pcap router-vpc10.pcap router-vpc20.pcap"
for pool in 10.244.0.0/16 100.64.0.0/16; do
    rewrite "$pool" direct $uplinks
    rewrite "$pool" crosssubnet $uplinks w0-tunl0.pcap w1-tunl0.pcap w2-tunl0.pcap w1-any.pcap
done
rewrite 10.244.0.0/16 ipip $uplinks w0-tunl0.pcap w1-tunl0.pcap w2-tunl0.pcap
rewrite 10.244.0.0/16 vxlan $uplinks w0-vxlan.calico.pcap w1-vxlan.calico.pcap w2-vxlan.calico.pcap
