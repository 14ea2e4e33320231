#!/usr/bin/env python3
"""Writes the diagnosis fixtures: small pcaps crafted byte by byte (standard library only) in the
namespace lab's address plan (Tests/LiveCaptureTests/Lab/lab.sh): nodes a 10.10.7.21, b
10.10.7.22, c 10.10.9.23 behind router 10.10.7.1; pods a-p0 10.66.12.65, b-p0 10.66.140.1, c-p0
10.66.201.193. Every packet is what the kernel would put on the wire or hand to tcpdump at the
capture point named; the scenarios are those calicap's findings diagnose:

  mtu-fragmentation-needed.pcap  a's eth0: an IP-in-IP segment of 1500 bytes to c; the router
                                 answers ICMP 3/4 "fragmentation needed", MTU 1400, quoting the
                                 tunnel packet (576 bytes, as Linux quotes); the pod resends
                                 smaller and the flow completes.
  mtu-blackhole.pcap             b's eth0 (the sender): over VXLAN, the server's 1398-byte
                                 segments (1500 on the wire) are sent four times and never
                                 acknowledged while the request and a 200-byte segment pass.
  bad-outer-checksum.pcap        b's eth0 (the receiver): VXLAN from a with wrong outer UDP
                                 checksums on the data; the inner segment is sent again and again.
  partial-checksum-gso.pcap      a's eth0 (the sender, offloads on): outer UDP checksums left
                                 unfinished for the NIC and GSO super-frames of 2996 bytes, all
                                 acknowledged: nothing to blame.
  asymmetric.pcap                a's eth0: pod flows to b go IP-in-IP, the answers come back Direct.
  carrier-changed.pcap           a's eth0: pings between a-p0 and b-p0 over IP-in-IP, then, after
                                 the pool was switched, over VXLAN.
  packet-too-big-pod.pcap        a's eth0, IPv6 Direct (pods fd00:66:12::41 and fd00:66:140::1):
                                 a 1500-byte pod packet draws an ICMPv6 "packet too big", MTU
                                 1280, from router fd00:10:7::1, quoting the pod packet itself;
                                 the pod resends smaller and the flow completes.

Run from anywhere: python3 Fixtures/diagnosis/make-fixtures.py (writes next to itself).
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

NODE = {"a": "10.10.7.21", "b": "10.10.7.22", "c": "10.10.9.23"}
POD = {"a": "10.66.12.65", "b": "10.66.140.1", "c": "10.66.201.193"}
ROUTER = "10.10.7.1"
MAC = {"a": "02:00:0a:0a:07:15", "b": "02:00:0a:0a:07:16", "router": "02:00:0a:0a:07:01"}
VTEP = {"a": "66:a1:2d:0c:41:01", "b": "66:b2:3e:8c:01:02"}
BASE = 1_796_000_000  # seconds: 2026-11-29


def addr(text):
    return bytes(int(part) for part in text.split("."))


def mac(text):
    return bytes(int(part, 16) for part in text.split(":"))


def fold(total):
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def ones_sum(data):
    if len(data) % 2:
        data += b"\0"
    return sum(struct.unpack("!%dH" % (len(data) // 2), data))


def checksum(data):
    return (~fold(ones_sum(data))) & 0xFFFF


def ipv4(src, dst, proto, payload, ident=0, df=True, ttl=64):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0,
                         addr(src), addr(dst))
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload


def pseudo(src, dst, proto, length):
    return addr(src) + addr(dst) + struct.pack("!BBH", 0, proto, length)


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0)
    value = checksum(pseudo(src, dst, 6, len(header) + len(payload)) + header + payload)
    return header[:16] + struct.pack("!H", value) + header[18:] + payload


def udp(src, dst, sport, dport, payload, mode="zero"):
    """mode: zero (no checksum, Linux VXLAN's default), valid, unfinished (partial offload:
    the folded pseudo-header sum), wrong."""
    length = 8 + len(payload)
    header = struct.pack("!HHHH", sport, dport, length, 0)
    if mode == "zero":
        value = 0
    elif mode == "unfinished":
        value = fold(ones_sum(pseudo(src, dst, 17, length)))
    else:
        value = checksum(pseudo(src, dst, 17, length) + header + payload) or 0xFFFF
        if mode == "wrong":
            value = (value + 0x1234) & 0xFFFF or 1
    return header[:6] + struct.pack("!H", value) + payload


def addr6(text):
    import ipaddress
    return ipaddress.IPv6Address(text).packed


def ipv6(src, dst, next_header, payload, hop=64):
    return struct.pack("!IHBB", 0x60000000, len(payload), next_header, hop) + addr6(src) + addr6(dst) + payload


def tcp6(src, dst, sport, dport, seq, ack, flags, payload=b""):
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0)
    pseudo6 = addr6(src) + addr6(dst) + struct.pack("!IxxxB", len(header) + len(payload), 6)
    value = checksum(pseudo6 + header + payload)
    return header[:16] + struct.pack("!H", value) + header[18:] + payload


def ether(src, dst, payload, ethertype=0x0800):
    return mac(dst) + mac(src) + struct.pack("!H", ethertype) + payload


SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01


class Capture:
    def __init__(self, name):
        self.name = name
        self.records = []

    def add(self, time, frame):
        self.records.append((time, frame))

    def write(self):
        with open(os.path.join(HERE, self.name), "wb") as out:
            out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
            for time, frame in self.records:
                seconds = BASE + int(time)
                micros = int(round((time - int(time)) * 1_000_000))
                out.write(struct.pack("<IIII", seconds, micros, len(frame), len(frame)) + frame)


class Flow:
    """A TCP conversation between two pods; `wrap` puts each inner packet on the wire."""

    def __init__(self, capture, client, server, sport, dport, wrap):
        self.capture, self.client, self.server = capture, client, server
        self.sport, self.dport, self.wrap = sport, dport, wrap
        self.seq = {True: 1_000_000, False: 5_000_000}
        self.ident = {True: 100, False: 900}

    def send(self, time, from_client, flags, payload=b"", seq=None, advance=True, **wrap_options):
        src, dst = (self.client, self.server) if from_client else (self.server, self.client)
        sport, dport = (self.sport, self.dport) if from_client else (self.dport, self.sport)
        start = self.seq[from_client] if seq is None else seq
        ack = self.seq[not from_client] if flags & ACK else 0
        segment = tcp(src, dst, sport, dport, start, ack, flags, payload)
        self.ident[from_client] += 1
        inner = ipv4(src, dst, 6, segment, ident=self.ident[from_client])
        self.capture.add(time, self.wrap(inner, from_client, **wrap_options))
        if advance and seq is None:
            self.seq[from_client] += len(payload) + (1 if flags & (SYN | FIN) else 0)
        return inner

    def handshake(self, time):
        self.send(time, True, SYN)
        self.send(time + 0.0002, False, SYN | ACK)
        self.send(time + 0.0004, True, ACK)


def ipip(src_node, dst_node, ident=[7000]):
    def wrap(inner, from_client, **_):
        a, b = (src_node, dst_node) if from_client else (dst_node, src_node)
        ident[0] += 1
        first_hop = MAC["router"] if NODE[b].startswith("10.10.9.") else MAC[b]
        src_mac, dst_mac = (MAC[a], first_hop) if a == src_node else (first_hop, MAC[src_node])
        return ether(src_mac, dst_mac, ipv4(NODE[a], NODE[b], 4, inner, ident=ident[0]))
    return wrap


def vxlan(src_node, dst_node, checksums="zero", ident=[3000]):
    def wrap(inner, from_client, mode=None, **_):
        a, b = (src_node, dst_node) if from_client else (dst_node, src_node)
        frame = ether(VTEP[a], VTEP[b], inner)
        header = struct.pack("!BBHI", 0x08, 0, 0, 4096 << 8)
        ident[0] += 1
        sport = 40000 + (ident[0] % 7)
        datagram = udp(NODE[a], NODE[b], sport, 4789, header + frame, mode or checksums)
        return ether(MAC[a], MAC[b], ipv4(NODE[a], NODE[b], 17, datagram, ident=ident[0], df=False))
    return wrap


def plain(inner, from_client, **_):
    return ether(MAC["b"], MAC["a"], inner) if not from_client else ether(MAC["a"], MAC["b"], inner)


def fragmentation_needed():
    capture = Capture("mtu-fragmentation-needed.pcap")
    flow = Flow(capture, POD["a"], POD["c"], 40100, 8080, ipip("a", "c"))
    flow.handshake(0.0)
    flow.send(0.001, True, PSH | ACK, b"G" * 100)
    flow.send(0.0012, False, ACK)
    start = flow.seq[True]
    tunnel_packet = flow.wrap(ipv4(POD["a"], POD["c"], 6, tcp(POD["a"], POD["c"], 40100, 8080, start, flow.seq[False], ACK, b"x" * 1440), ident=500), True)
    capture.add(0.002, tunnel_packet)
    outer = tunnel_packet[14:]
    quote = outer[:548]  # 576-byte ICMP datagram: 20 IP + 8 ICMP + 548 quoted
    icmp = struct.pack("!BBHHH", 3, 4, 0, 0, 1400) + quote
    icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
    capture.add(0.0021, ether(MAC["router"], MAC["a"], ipv4(ROUTER, NODE["a"], 1, icmp, ident=4242, df=False, ttl=64)))
    # The pod's stack learned MTU 1380 for the path: two smaller segments, both acknowledged.
    flow.send(0.0022, True, ACK, b"x" * 1340)
    flow.send(0.0023, True, PSH | ACK, b"x" * 100)
    flow.send(0.0025, False, ACK)
    flow.send(0.003, False, PSH | ACK, b"R" * 200)
    flow.send(0.0032, True, FIN | ACK)
    flow.send(0.0034, False, FIN | ACK)
    flow.send(0.0036, True, ACK)
    capture.write()


def blackhole():
    capture = Capture("mtu-blackhole.pcap")
    flow = Flow(capture, POD["a"], POD["b"], 40200, 8080, vxlan("a", "b"))
    flow.handshake(0.0)
    flow.send(0.001, True, PSH | ACK, b"G" * 120)
    flow.send(0.0012, False, ACK)
    flow.send(0.002, False, PSH | ACK, b"H" * 200)
    flow.send(0.0022, True, ACK)
    big = flow.seq[False]
    for attempt, time in enumerate([0.003, 0.21, 0.62, 1.44]):
        flow.send(time, False, ACK, b"B" * 1398, seq=big)
        flow.send(time + 0.0001, False, ACK, b"B" * 1398, seq=big + 1398)
        flow.send(time + 0.0003, True, ACK)  # the client still acknowledges only the 200 bytes
    capture.write()


def bad_outer_checksum():
    capture = Capture("bad-outer-checksum.pcap")
    flow = Flow(capture, POD["a"], POD["b"], 40300, 8080, vxlan("a", "b", checksums="valid"))
    flow.handshake(0.0)
    start = flow.seq[True]
    for time in [0.001, 0.205, 0.61, 1.42]:
        flow.send(time, True, PSH | ACK, b"D" * 500, seq=start, mode="wrong")
    capture.write()


def partial_checksum_gso():
    capture = Capture("partial-checksum-gso.pcap")
    flow = Flow(capture, POD["a"], POD["b"], 40400, 8080, vxlan("a", "b", checksums="unfinished"))
    flow.handshake(0.0)
    flow.send(0.001, True, PSH | ACK, b"G" * 120)
    flow.send(0.0012, False, ACK, mode="valid")
    for index in range(4):
        flow.send(0.002 + index * 0.0005, True, ACK, b"S" * 2896)  # GSO: two 1448-byte segments
        flow.send(0.0023 + index * 0.0005, False, ACK, mode="valid")
    flow.send(0.005, True, FIN | ACK)
    flow.send(0.0052, False, FIN | ACK, mode="valid")
    flow.send(0.0054, True, ACK)
    capture.write()


def asymmetric():
    capture = Capture("asymmetric.pcap")
    there = ipip("a", "b")

    def wrap(inner, from_client, **options):
        return there(inner, True) if from_client else plain(inner, False)

    for index, port in enumerate([40500, 40501, 40502]):
        flow = Flow(capture, POD["a"], POD["b"], port, 8080, wrap)
        flow.handshake(index * 0.01)
        flow.send(index * 0.01 + 0.001, True, PSH | ACK, b"G" * 80)
        flow.send(index * 0.01 + 0.0012, False, PSH | ACK, b"R" * 300)
        flow.send(index * 0.01 + 0.0014, True, FIN | ACK)
        flow.send(index * 0.01 + 0.0016, False, FIN | ACK)
        flow.send(index * 0.01 + 0.0018, True, ACK)
    capture.write()


def carrier_changed():
    capture = Capture("carrier-changed.pcap")
    for index, (time, wrap) in enumerate([(0.0, ipip("a", "b")), (0.5, ipip("a", "b")), (5.0, vxlan("a", "b")), (5.5, vxlan("a", "b"))]):
        flow = Flow(capture, POD["a"], POD["b"], 40600 + index, 8080, wrap)
        flow.handshake(time)
        flow.send(time + 0.001, True, PSH | ACK, b"G" * 60)
        flow.send(time + 0.0012, False, PSH | ACK, b"R" * 60)
    capture.write()


def packet_too_big_pod():
    capture = Capture("packet-too-big-pod.pcap")
    client, server, router = "fd00:66:12::41", "fd00:66:140::1", "fd00:10:7::1"
    seq = {True: 1_000_000, False: 5_000_000}

    def send(time, from_client, flags, payload=b""):
        src, dst = (client, server) if from_client else (server, client)
        sport, dport = (40700, 8080) if from_client else (8080, 40700)
        ack = seq[not from_client] if flags & ACK else 0
        packet = ipv6(src, dst, 6, tcp6(src, dst, sport, dport, seq[from_client], ack, flags, payload))
        seq[from_client] += len(payload) + (1 if flags & (SYN | FIN) else 0)
        frame = ether(MAC["a"], MAC["router"], packet, 0x86DD) if from_client else ether(MAC["router"], MAC["a"], packet, 0x86DD)
        capture.add(time, frame)
        return packet

    send(0.0, True, SYN)
    send(0.0002, False, SYN | ACK)
    send(0.0004, True, ACK)
    big = send(0.001, True, PSH | ACK, b"x" * 1440)  # 40 + 20 + 1440 = 1500 bytes
    quote = big[:1232]  # an ICMPv6 error fits in 1280 bytes: 40 IPv6 + 8 ICMPv6 + 1232 quoted
    body = struct.pack("!BBHI", 2, 0, 0, 1280) + quote
    pseudo6 = addr6(router) + addr6(client) + struct.pack("!IxxxB", len(body), 58)
    body = body[:2] + struct.pack("!H", checksum(pseudo6 + body)) + body[4:]
    capture.add(0.0011, ether(MAC["router"], MAC["a"], ipv6(router, client, 58, body), 0x86DD))
    seq[True] -= 1440
    send(0.0012, True, ACK, b"x" * 1200)
    send(0.0013, True, PSH | ACK, b"x" * 240)
    send(0.0015, False, ACK)
    send(0.002, True, FIN | ACK)
    send(0.0022, False, FIN | ACK)
    send(0.0024, True, ACK)
    capture.write()


if __name__ == "__main__":
    fragmentation_needed()
    blackhole()
    bad_outer_checksum()
    partial_checksum_gso()
    asymmetric()
    carrier_changed()
    packet_too_big_pod()
