#!/usr/bin/env bash
# `tcpdump -i IFACE -U -w - [filter]` for kubectl-standin.sh's file mode: streams
# $CALICAP_STANDIN_PCAP_DIR/$CALICAP_STANDIN_NODE-IFACE.pcap, then stays like a capture that
# goes on, until it is ended.
interface=""
while (($# > 0)); do
    case "$1" in
        -i) interface="$2"; shift 2 ;;
        *) shift ;;
    esac
done
file="${CALICAP_STANDIN_PCAP_DIR:?}/${CALICAP_STANDIN_NODE:?}-$interface.pcap"
if [[ ! -r "$file" ]]; then
    echo "tcpdump: $interface: No such device exists" >&2
    exit 1
fi
echo "tcpdump: listening on $interface, link-type EN10MB (Ethernet), snapshot length 262144 bytes" >&2
cat "$file"
exec sleep 3600
