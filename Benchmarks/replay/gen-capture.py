#!/usr/bin/env python3
"""Writes a large classic pcap (Ethernet, microseconds) of Calico-style pod traffic as a node
uplink would carry it: a third of the flows over IP-in-IP, a third over VXLAN (UDP 4789,
VNI 4096, inner Ethernet between 66:… VTEP MACs), a third direct. No network is used.

Flows are TCP between pods of three nodes (pool 10.70.0.0/16, a /26 per node, nodes
10.20.0.11-13): each flow is a handshake, then data segments (1400, 600 or 80 bytes) answered
by ACKs, then FINs; flows are interleaved so the analyser keeps many open at once. IP IDs,
sequence numbers and checksums are real, so no two packets are identical.

usage: gen-capture.py OUT.pcap [--packets N] [--flows N] [--seed S]
"""
import argparse
import random
import struct
import sys

NODES = [("10.20.0.11", "02:20:00:00:00:0b", "10.70.3.0"),
         ("10.20.0.12", "02:20:00:00:00:0c", "10.70.77.64"),
         ("10.20.0.13", "02:20:00:00:00:0d", "10.70.130.128")]
VTEP_MACS = ["66:0b:1c:2d:3e:4f", "66:5a:6b:7c:8d:9e", "66:af:b0:c1:d2:e3"]


def ip4(text):
    return bytes(int(x) for x in text.split("."))


def mac(text):
    return bytes(int(x, 16) for x in text.split(":"))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(src, dst, proto, payload, ident, ttl=64):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0x4000, ttl, proto, 0, src, dst)
    return header[:10] + struct.pack("!H", csum(header)) + header[12:] + payload


def tcp(src, dst, sport, dport, seq, ack, flags, payload):
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 64240, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, 20 + len(payload))
    check = csum(pseudo + header + payload)
    return header[:16] + struct.pack("!H", check) + header[18:] + payload


def ethernet(dst, src, ethertype, payload):
    return dst + src + struct.pack("!H", ethertype) + payload


class Flow:
    def __init__(self, index, rng):
        self.mode = ("ipip", "vxlan", "direct")[index % 3]
        a, b = rng.sample(range(3), 2)
        self.nodes = (a, b)
        base = [ip4(NODES[n][2]) for n in (a, b)]
        self.pods = [bytes(base[0][:3]) + bytes([base[0][3] + 1 + rng.randrange(60)]),
                     bytes(base[1][:3]) + bytes([base[1][3] + 1 + rng.randrange(60)])]
        self.ports = (20000 + index % 40000, rng.choice((80, 443, 5432, 6379, 8080)))
        self.seq = [rng.randrange(1 << 32), rng.randrange(1 << 32)]
        self.ident = [rng.randrange(1 << 16), rng.randrange(1 << 16)]
        self.vx_sport = 32768 + rng.randrange(28000)
        self.outer_ident = [rng.randrange(1 << 16), rng.randrange(1 << 16)]
        self.script = self.make_script(rng)
        self.position = 0

    @staticmethod
    def make_script(rng):
        # (direction, flags, payload length)
        steps = [(0, 0x02, 0), (1, 0x12, 0), (0, 0x10, 0)]
        for _ in range(rng.randrange(2, 12)):
            size = rng.choice((1400, 1400, 600, 80))
            direction = rng.randrange(2)
            steps.append((direction, 0x18, size))
            steps.append((1 - direction, 0x10, 0))
        steps += [(0, 0x11, 0), (1, 0x11, 0), (0, 0x10, 0)]
        return steps

    def done(self):
        return self.position >= len(self.script)

    def next_frame(self):
        direction, flags, size = self.script[self.position]
        self.position += 1
        src, dst = self.pods[direction], self.pods[1 - direction]
        sport, dport = (self.ports if direction == 0 else self.ports[::-1])
        payload = b"\x5a" * size
        segment = tcp(src, dst, sport, dport, self.seq[direction], self.seq[1 - direction], flags, payload)
        self.seq[direction] += size + (1 if flags & 0x03 else 0)
        inner = ipv4(src, dst, 6, segment, self.ident[direction])
        self.ident[direction] += 1
        n_src, n_dst = self.nodes[direction], self.nodes[1 - direction]
        outer_src, outer_dst = ip4(NODES[n_src][0]), ip4(NODES[n_dst][0])
        eth_src, eth_dst = mac(NODES[n_src][1]), mac(NODES[n_dst][1])
        if self.mode == "direct":
            return ethernet(eth_dst, eth_src, 0x0800, inner)
        ident = self.outer_ident[direction]
        self.outer_ident[direction] += 1
        if self.mode == "ipip":
            return ethernet(eth_dst, eth_src, 0x0800, ipv4(outer_src, outer_dst, 4, inner, ident))
        inner_frame = ethernet(mac(VTEP_MACS[n_dst]), mac(VTEP_MACS[n_src]), 0x0800, inner)
        vxlan = struct.pack("!II", 0x08000000, 4096 << 8) + inner_frame
        udp = struct.pack("!HHHH", self.vx_sport, 4789, 8 + len(vxlan), 0) + vxlan
        return ethernet(eth_dst, eth_src, 0x0800, ipv4(outer_src, outer_dst, 17, udp, ident))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--packets", type=int, default=1_000_000)
    parser.add_argument("--flows", type=int, default=2000, help="flows open at once")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts = {"ipip": 0, "vxlan": 0, "direct": 0}
    flows_made = 0
    active = []
    for _ in range(args.flows):
        active.append(Flow(flows_made, rng))
        flows_made += 1
    seconds, micros = 1_795_000_000, 0
    written = 0
    total_bytes = 0
    with open(args.out, "wb", buffering=1 << 20) as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        while written < args.packets:
            slot = rng.randrange(len(active))
            flow = active[slot]
            frame = flow.next_frame()
            counts[flow.mode] += 1
            if flow.done():
                active[slot] = Flow(flows_made, rng)
                flows_made += 1
            micros += 2
            if micros >= 1_000_000:
                seconds += 1
                micros -= 1_000_000
            out.write(struct.pack("<IIII", seconds, micros, len(frame), len(frame)))
            out.write(frame)
            written += 1
            total_bytes += len(frame)
    print(f"{args.out}: {written} packets, {total_bytes} bytes of frames, {flows_made} flows started; "
          f"packets by carrier: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
