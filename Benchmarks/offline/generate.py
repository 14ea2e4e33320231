#!/usr/bin/env python3
"""Writes a large synthetic Ethernet pcap of pod traffic between Calico nodes, streaming:
a mix of IPIP, VXLAN (UDP 4789, VNI 4096, VTEP MACs 66:…) and direct packets over FLOWS
TCP/UDP flows, PACKETS packets in all, ~530 bytes each (like performance.md's 1 GB / 2 M).

Usage: generate.py OUT.pcap [PACKETS] [FLOWS] [TRUTH.json]

With TRUTH.json it also writes the ground truth: every flow's protocol, client, server, mode
(ipip, vxlan or direct; "mixed" where two generated flows share one 5-tuple with different
carriers), packets each way and kind (pod-to-pod), for `check-truth.py`.
"""
import json, random, struct, sys

out = sys.argv[1]
packets = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
flows = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
truth_path = sys.argv[4] if len(sys.argv) > 4 else None
rng = random.Random(7)

def checksum(data):
    if len(data) % 2: data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ipv4(src, dst, proto, payload, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xffff, 0x4000, 64, proto, 0, src, dst)
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload

def addr(a, b, c, d): return bytes([a, b, c, d])

nodes = [addr(10, 0, n // 256, n % 256 + 1) for n in range(16)]
MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
flow_table = []
for i in range(flows):
    a, b = rng.sample(range(16), 2)
    src = addr(172, 20, a * 4 + rng.randrange(4), rng.randrange(1, 60))
    dst = addr(172, 20, b * 4 + rng.randrange(4), rng.randrange(1, 60))
    mode = ("ipip", "vxlan", "direct")[i % 3]
    proto = 6 if i % 2 else 17
    flow_table.append((src, dst, nodes[a], nodes[b], mode, proto, 10000 + i % 50000, 8080))

payload = bytes(460)
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    t = 1_790_000_000.0
    for n in range(packets):
        src, dst, nsrc, ndst, mode, proto, sport, dport = flow_table[n % flows]
        if n // flows % 2:  # replies
            src, dst, nsrc, ndst, sport, dport = dst, src, ndst, nsrc, dport, sport
        if proto == 6:
            l4 = struct.pack("!HHIIBBHHH", sport, dport, n, 0, 0x50, 0x18, 65535, 0, 0) + payload
        else:
            l4 = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        inner = ipv4(src, dst, proto, l4, n)
        if mode == "ipip":
            frame = MAC_B + MAC_A + b"\x08\x00" + ipv4(nsrc, ndst, 4, inner, n)
        elif mode == "vxlan":
            vx = struct.pack("!BBHI", 8, 0, 0, 4096 << 8) + bytes.fromhex("66000000000266000000000108 00".replace(" ", "")) + inner
            udp = struct.pack("!HHHH", 40000 + n % 20000, 4789, 8 + len(vx), 0) + vx
            frame = MAC_B + MAC_A + b"\x08\x00" + ipv4(nsrc, ndst, 17, udp, n)
        else:
            frame = MAC_B + MAC_A + b"\x08\x00" + inner
        t += 0.000002
        sec = int(t); usec = int((t - sec) * 1e6)
        f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
        f.write(frame)

if truth_path:
    def text(a): return ".".join(str(b) for b in a)
    protocols = {6: "tcp", 17: "udp"}
    truth = {}
    for i, (src, dst, nsrc, ndst, mode, proto, sport, dport) in enumerate(flow_table):
        total = (packets - i + flows - 1) // flows if i < packets else 0
        if total == 0: continue
        forward = (total + 1) // 2  # rounds n // flows = 0, 2, 4, … go client to server
        key = (proto,) + tuple(sorted([(src, sport), (dst, dport)]))
        entry = truth.get(key)
        if entry is None:
            truth[key] = {"protocol": protocols[proto], "client": {"ip": text(src), "port": sport},
                          "server": {"ip": text(dst), "port": dport}, "mode": mode, "kind": "pod-to-pod",
                          "packets": {"toServer": forward, "toClient": total - forward}}
        else:  # another generated flow with the same 5-tuple: calicap rightly sees one flow
            if entry["mode"] != mode: entry["mode"] = "mixed"
            same = entry["client"]["ip"] == text(src) and entry["client"]["port"] == sport
            entry["packets"]["toServer" if same else "toClient"] += forward
            entry["packets"]["toClient" if same else "toServer"] += total - forward
    with open(truth_path, "w") as f:
        json.dump({"packets": packets, "flows": list(truth.values())}, f)
