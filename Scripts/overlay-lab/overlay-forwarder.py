#!/usr/bin/env python3
"""Userspace tunnel endpoints for overlays this kernel has no module for.

The kernel here has VXLAN but no Geneve, GRE or ERSPAN devices. This forwarder plays the part
of the missing device, the way `Tests/LiveCaptureTests/Lab/ipip-forwarder.py` plays tunl0: the
node's kernel routes pod packets into a TUN/TAP device, the forwarder adds the tunnel header
and hands the result to a kernel socket (UDP, or a raw IP socket of protocol 47), so the outer
IP header (and UDP header) on the uplink are the kernel's own. Received tunnel packets are
stripped and written back into the TUN/TAP device, where the kernel delivers them to the pod.

  --encap udp      Flannel's `udp` backend: TUN, bare IP in UDP (port 8285).
  --encap geneve   Cilium-style Geneve: TAP, Ethernet in Geneve (port 6081), VNI = the security
                   identity of the inner packet's source (--identity CIDR=ID).
  --encap vxlan    Cilium-style VXLAN: the same, with a VXLAN header (port 8472).
  --encap gre      GRE: TUN, IPv4 in GRE with --gre-flags of C (checksum), K (key), S (sequence).
  --mirror-erspan  Instead of tunnelling: copy every frame seen on --dev (AF_PACKET) to --peer
                   in ERSPAN type II (session --session) and type III (session --session + 1).

Runs until SIGTERM/SIGINT. usage examples are in make-overlay-fixtures.sh.
"""
import argparse
import fcntl
import ipaddress
import os
import select
import signal
import socket
import struct
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
ETH_P_ALL = 0x0003
MIRROR_BYTES = 1200


def open_tuntap(name, tap):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    flags = (IFF_TAP if tap else IFF_TUN) | IFF_NO_PI
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), flags))
    os.set_blocking(fd, False)
    return fd


def checksum16(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


class Identities:
    """Inner IPv4 source address -> security identity (Cilium puts it in the VNI)."""

    def __init__(self, items, default):
        self.table = [(ipaddress.IPv4Network(c), int(i)) for c, _, i in (x.partition("=") for x in items)]
        self.table.sort(key=lambda entry: entry[0].prefixlen, reverse=True)
        self.default = default

    def of_frame(self, frame):
        # Ethernet: EtherType at 12, IPv4 source at 14 + 12.
        if len(frame) >= 34 and frame[12:14] == b"\x08\x00":
            source = ipaddress.IPv4Address(frame[26:30])
            for network, identity in self.table:
                if source in network:
                    return identity
        return self.default


def gre_header(flags, protocol, key, sequence, payload):
    bits = 0
    if "C" in flags:
        bits |= 0x8000
    if "K" in flags:
        bits |= 0x2000
    if "S" in flags:
        bits |= 0x1000
    header = struct.pack("!HH", bits, protocol)
    if "C" in flags:
        header += b"\0\0\0\0"
    if "K" in flags:
        header += struct.pack("!I", key)
    if "S" in flags:
        header += struct.pack("!I", sequence)
    if "C" in flags:
        value = checksum16(header + payload)
        header = header[:4] + struct.pack("!H", value) + header[6:]
    return header


def strip_gre(packet):
    """An IPv4 packet from a raw protocol-47 socket -> (protocol type, payload) or None."""
    if len(packet) < 20:
        return None
    ihl = (packet[0] & 0x0F) * 4
    gre = packet[ihl:]
    if len(gre) < 4:
        return None
    bits, protocol = struct.unpack("!HH", gre[:4])
    length = 4 + 4 * sum(1 for flag in (0x8000, 0x2000, 0x1000) if bits & flag)
    return protocol, gre[length:]


def main():
    os.closerange(3, 65536)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encap", choices=["udp", "geneve", "vxlan", "gre"])
    parser.add_argument("--mirror-erspan", action="store_true")
    parser.add_argument("--dev", required=True)
    parser.add_argument("--peer", required=True, help="the other node's underlay address")
    parser.add_argument("--port", type=int)
    parser.add_argument("--identity", action="append", default=[], help="CIDR=ID (geneve, vxlan)")
    parser.add_argument("--host-identity", type=int, default=1)
    parser.add_argument("--gre-flags", default="KS")
    parser.add_argument("--gre-key", type=lambda text: int(text, 0), default=0x2A)
    parser.add_argument("--session", type=int, default=7)
    parser.add_argument("--pidfile")
    args = parser.parse_args()

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    sequence = 0
    poller = select.poll()
    if args.mirror_erspan:
        sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        sniffer.bind((args.dev, 0))
        sniffer.setblocking(False)
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47)
        poller.register(sniffer.fileno(), select.POLLIN)
        local = None
        tun = None
    else:
        tap = args.encap in ("geneve", "vxlan")
        tun = open_tuntap(args.dev, tap)
        poller.register(tun, select.POLLIN)
        if args.encap == "gre":
            local = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47)
        else:
            local = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            local.bind(("0.0.0.0", args.port))
        local.setblocking(False)
        poller.register(local.fileno(), select.POLLIN)
        identities = Identities(args.identity, args.host_identity)

    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")

    while not stopping:
        try:
            events = poller.poll(200)
        except InterruptedError:
            continue
        for fd, _ in events:
            if args.mirror_erspan:
                try:
                    frame, address = sniffer.recvfrom(65535)
                except BlockingIOError:
                    continue
                sequence += 1
                # Mirror sessions cut long frames (the T bit says so): the copies stay under the
                # underlay's MTU instead of being fragmented.
                truncated = 0x0400 if len(frame) > MIRROR_BYTES else 0
                frame = frame[:MIRROR_BYTES]
                # Type II: version 1, VLAN 0, COS 0, En 0, T 0, session; reserved, index 5.
                type2 = struct.pack("!HHI", 0x1000, truncated | args.session & 0x3FF, 5)
                raw.sendto(gre_header("S", 0x88BE, 0, sequence, b"") + type2 + frame, (args.peer, 0))
                # Type III: version 2, session + 1; timestamp (100 µs units); SGT 0; FT 0, HW id 1.
                stamp = int(time.monotonic() * 10000) & 0xFFFFFFFF
                type3 = struct.pack("!HHIHH", 0x2000, truncated | (args.session + 1) & 0x3FF, stamp, 0, 0x0004)
                raw.sendto(gre_header("S", 0x22EB, 0, sequence, b"") + type3 + frame, (args.peer, 0))
                continue
            if fd == tun:
                try:
                    data = os.read(tun, 65535)
                except BlockingIOError:
                    continue
                if args.encap == "udp":
                    local.sendto(data, (args.peer, args.port))
                elif args.encap == "geneve":
                    header = struct.pack("!BBHI", 0, 0, 0x6558, identities.of_frame(data) << 8)
                    local.sendto(header + data, (args.peer, args.port))
                elif args.encap == "vxlan":
                    header = struct.pack("!II", 0x08000000, identities.of_frame(data) << 8)
                    local.sendto(header + data, (args.peer, args.port))
                else:
                    if not data or data[0] >> 4 != 4:
                        continue
                    sequence += 1
                    header = gre_header(args.gre_flags, 0x0800, args.gre_key, sequence, data)
                    local.sendto(header + data, (args.peer, 0))
            else:
                try:
                    data, source = local.recvfrom(65535)
                except BlockingIOError:
                    continue
                if source[0] != args.peer:
                    continue
                if args.encap == "udp":
                    inner = data
                elif args.encap == "geneve":
                    if len(data) < 8:
                        continue
                    inner = data[8 + (data[0] & 0x3F) * 4:]
                elif args.encap == "vxlan":
                    inner = data[8:]
                else:
                    stripped = strip_gre(data)
                    if stripped is None or stripped[0] != 0x0800:
                        continue
                    inner = stripped[1]
                try:
                    os.write(tun, inner)
                except OSError:
                    pass


if __name__ == "__main__":
    main()
