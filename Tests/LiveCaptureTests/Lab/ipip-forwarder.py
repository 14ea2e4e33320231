#!/usr/bin/env python3
"""A userspace tunl0 for kernels without the ipip module.

The TUN device `tunl0` (created beforehand with `ip tuntap add tunl0 mode tun`) gets the
node's routes to remote pod blocks. This forwarder, run inside the node's namespace,

  * reads the inner IPv4 packets the kernel routes to tunl0 and sends each one with a raw
    IPPROTO_IPIP socket to the node owning the inner destination's block: the kernel adds
    a real outer IPv4 header (protocol 4, node IP to node IP) and it leaves through eth0;
  * reads the protocol-4 packets addressed to this node from the same raw socket, strips
    the outer header and writes the inner packet to tunl0, where the kernel receives it and
    routes it to the pod.

So eth0 carries real IP-in-IP and `tcpdump -i tunl0` shows inner packets only (raw IP), as on
a Calico node. Stops on SIGTERM/SIGINT; writes its statistics to --stats when it does.

usage: ipip-forwarder.py --dev tunl0 --route 10.66.140.0/26=10.10.7.22 [--route …]
                         [--pidfile F] [--ready F] [--stats F]
"""
import argparse
import fcntl
import ipaddress
import json
import os
import select
import signal
import socket
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


def main():
    # Descriptors inherited from whoever started lab.sh must not stay open for the life of the
    # forwarder: Foundation's Process, for one, sees its child end only when they all close.
    os.closerange(3, 65536)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default="tunl0")
    parser.add_argument("--route", action="append", default=[], help="CIDR=PEER_NODE_IP")
    parser.add_argument("--pidfile")
    parser.add_argument("--ready")
    parser.add_argument("--stats")
    args = parser.parse_args()

    routes = []
    for item in args.route:
        cidr, _, peer = item.partition("=")
        routes.append((ipaddress.IPv4Network(cidr), str(ipaddress.IPv4Address(peer))))
    routes.sort(key=lambda r: r[0].prefixlen, reverse=True)
    # Inner destination address (4 bytes) -> peer, cached.
    cache = {}

    def peer_for(dst_bytes):
        peer = cache.get(dst_bytes)
        if peer is None:
            address = ipaddress.IPv4Address(dst_bytes)
            for network, candidate in routes:
                if address in network:
                    peer = candidate
                    break
            else:
                peer = ""
            cache[dst_bytes] = peer
        return peer

    stats = {"encap": 0, "decap": 0, "no_route": 0, "non_ipv4": 0, "short": 0, "errors": 0,
             "routes": [f"{n} via {p}" for n, p in routes]}

    tun = open_tun(args.dev)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IPIP)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    raw.setblocking(False)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("ready\n")

    poller = select.poll()
    poller.register(tun, select.POLLIN)
    poller.register(raw.fileno(), select.POLLIN)
    raw_fd = raw.fileno()

    while not stopping:
        try:
            events = poller.poll(200)
        except InterruptedError:
            continue
        for fd, _ in events:
            if fd == tun:
                while True:
                    try:
                        packet = os.read(tun, 65535)
                    except BlockingIOError:
                        break
                    except OSError:
                        stats["errors"] += 1
                        break
                    if len(packet) < 20:
                        stats["short"] += 1
                        continue
                    if packet[0] >> 4 != 4:
                        stats["non_ipv4"] += 1
                        continue
                    peer = peer_for(packet[16:20])
                    if not peer:
                        stats["no_route"] += 1
                        continue
                    try:
                        raw.sendto(packet, (peer, 0))
                        stats["encap"] += 1
                    except OSError:
                        stats["errors"] += 1
            elif fd == raw_fd:
                while True:
                    try:
                        packet = raw.recv(65535)
                    except BlockingIOError:
                        break
                    except OSError:
                        stats["errors"] += 1
                        break
                    if len(packet) < 20:
                        stats["short"] += 1
                        continue
                    header_length = (packet[0] & 0x0F) * 4
                    inner = packet[header_length:]
                    if len(inner) < 20 or inner[0] >> 4 != 4:
                        stats["non_ipv4"] += 1
                        continue
                    try:
                        os.write(tun, inner)
                        stats["decap"] += 1
                    except OSError:
                        stats["errors"] += 1

    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
