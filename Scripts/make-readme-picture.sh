#!/usr/bin/env bash
# Regenerates the README's picture: the node pairs of the CrossSubnet lab capture set (every
# uplink and router port, with the cluster's node and pool files) drawn by calicap's own
# `--format dot` and rendered by Graphviz (`dot -Tsvg`, Debian package graphviz).
#
#   Scripts/make-readme-picture.sh [CALICAP]     default CALICAP: .build/debug/calicap
#
# Writes Docs/crosssubnet-node-pairs.dot (calicap's output, checked by the test suite against
# the current build) and Docs/crosssubnet-node-pairs.svg (what the README shows).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALICAP="${1:-$ROOT/.build/debug/calicap}"
LAB="Fixtures/lab/crosssubnet"
cd "$ROOT"
command -v dot >/dev/null || { echo "make-readme-picture.sh: Graphviz's dot is not installed (apt-get install graphviz)" >&2; exit 1; }
"$CALICAP" --format dot "$LAB"/w1-eth0.pcap "$LAB"/w2-eth0.pcap "$LAB"/w0-eth0.pcap \
    "$LAB"/router-vpc10.pcap "$LAB"/router-vpc20.pcap \
    --cluster "$LAB"/cluster/nodes.yaml --cluster "$LAB"/cluster/ippools.yaml > Docs/crosssubnet-node-pairs.dot
dot -Tsvg Docs/crosssubnet-node-pairs.dot > Docs/crosssubnet-node-pairs.svg
echo "Docs/crosssubnet-node-pairs.svg: $(wc -c < Docs/crosssubnet-node-pairs.svg) bytes"
