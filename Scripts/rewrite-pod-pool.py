#!/usr/bin/env python3
"""Moves captures (and the text files beside them) from one IPv4 pod pool to another: every
IPv4 address inside FROM becomes the address at the same offset inside TO
(172.16.158.1 with 172.16.0.0/16 -> 10.244.0.0/16 becomes 10.244.158.1).

Rewritten in every packet, at every depth:
- IPv4 source and destination, outer and inner (IP-in-IP, VXLAN's inner Ethernet, IPv4 inside
  IPv6 and the reverse), with the header checksum;
- TCP and UDP checksums (their pseudo-header holds the addresses; a VXLAN outer UDP checksum
  also covers the inner packet), ICMP and ICMPv6 checksums (an ICMP error quotes the packet
  it answers: the quoted IPv4 header, its checksum and the quoted TCP/UDP checksum follow);
- ARP sender and target protocol addresses;
- pcapng name-resolution records (IPv4 entries).
Checksums are updated incrementally (RFC 1624): a checksum that was right stays right, one
that was wrong (offload artefacts) stays wrong by the same amount, and bytes cut off by the
snapshot length are never needed. A UDP checksum of 0 (none) stays 0. IPv6 addresses are
left alone. Fragments after the first are rewritten in their IP header only.

Text files (expected.tsv, cluster YAML, pod tables) get the same mapping on every dotted
IPv4 address, and FROM itself (as written, e.g. `172.16.0.0/16`) becomes TO.

Link types: Ethernet (802.1Q/Q-in-Q), raw IP (12, 14, 101), IPv4 (228), IPv6 (229), Linux
cooked SLL (113) and SLL2 (276), BSD loopback (0, 108). Files: classic pcap (either byte
order, micro- or nanosecond) and pcapng (any number of sections and interfaces).

Usage: rewrite-pod-pool.py --from 172.16.0.0/16 --to 10.244.0.0/16 SOURCE DESTINATION [NAME…]
  SOURCE and DESTINATION are files, or folders: then every NAME given (default: every
  .pcap, .pcapng, .tsv, .yaml, .yml, .json and .txt file, and the `cluster` folder) is
  rewritten into DESTINATION under the same name; with NAMEs, an expected.tsv keeps only the
  rows of the captures named.

Fixtures/lab-pools/ is made with Scripts/make-lab-pools.sh.
Prints one line per file with the number of addresses rewritten. Standard library only.
"""
import argparse
import ipaddress
import os
import re
import struct
import sys

CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap")
TEXT_SUFFIXES = (".tsv", ".yaml", ".yml", ".json", ".txt", ".csv")


class PoolMap:
    """The address mapping, and a count of what it rewrote."""

    def __init__(self, source, target):
        if source.version != 4 or target.version != 4:
            sys.exit("rewrite-pod-pool.py: only IPv4 pools")
        if source.prefixlen != target.prefixlen:
            sys.exit(f"rewrite-pod-pool.py: {source} and {target} must have the same prefix length")
        self.source = source
        self.target = target
        self.mask = int(source.netmask)
        self.count = 0

    def map_int(self, value):
        if value & self.mask != int(self.source.network_address):
            return value
        return int(self.target.network_address) | (value & ~self.mask & 0xFFFFFFFF)

    def rewrite(self, data, offset):
        """Rewrites the 4-byte address at `offset` in place when it lies in the source pool."""
        if offset + 4 > len(data):
            return
        old = int.from_bytes(data[offset:offset + 4], "big")
        new = self.map_int(old)
        if new != old:
            data[offset:offset + 4] = new.to_bytes(4, "big")
            self.count += 1

    def rewrite_text(self, text):
        self.count += text.count(str(self.source))
        text = text.replace(str(self.source), str(self.target))

        def swap(match):
            try:
                value = int(ipaddress.IPv4Address(match.group(0)))
            except ipaddress.AddressValueError:
                return match.group(0)
            new = self.map_int(value)
            if new != value:
                self.count += 1
            return str(ipaddress.IPv4Address(new))

        return re.sub(r"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d])", swap, text)


def ones_sum(data, start, end, skip=None):
    """The ones' complement sum of data[start:end] as 16-bit words from `start`, with the two
    bytes at `skip` (a checksum field) counted as zero."""
    chunk = bytearray(data[start:end])
    if skip is not None:
        for index in (skip - start, skip + 1 - start):
            if 0 <= index < len(chunk):
                chunk[index] = 0
    if len(chunk) % 2:
        chunk.append(0)
    return fold(sum(struct.unpack(f">{len(chunk) // 2}H", chunk)))


def fold(value):
    while value >> 16:
        value = (value & 0xFFFF) + (value >> 16)
    return value


class ChecksumJob:
    """A checksum field to update once every byte it covers has been rewritten: the field's
    offset, the region it covers (as captured) and the pseudo-header's address bytes."""

    def __init__(self, field, start, end, pseudo=None, zero_means_none=False):
        self.field = field
        self.start = start
        self.end = end
        self.pseudo = pseudo  # (offset, length) of the addresses in the enclosing IP header
        self.zero_means_none = zero_means_none

    def apply(self, old, new):
        if self.field + 2 > len(new) or self.field + 2 > self.end:
            return
        stored = (old[self.field] << 8) | old[self.field + 1]
        if self.zero_means_none and stored == 0:
            return
        before = ones_sum(old, self.start, self.end, self.field)
        after = ones_sum(new, self.start, self.end, self.field)
        if self.pseudo is not None:
            offset, length = self.pseudo
            before = fold(before + ones_sum(old, offset, offset + length))
            after = fold(after + ones_sum(new, offset, offset + length))
        if before == after:
            return
        # RFC 1624, eqn. 3: HC' = ~(~HC + ~m + m'), with m and m' the sums before and after.
        updated = (~fold((~stored & 0xFFFF) + (~before & 0xFFFF) + after)) & 0xFFFF
        if self.zero_means_none and updated == 0:
            updated = 0xFFFF
        new[self.field] = updated >> 8
        new[self.field + 1] = updated & 0xFF


class PacketRewriter:
    """Walks one packet's layers, rewriting addresses in `new` and collecting checksum jobs."""

    VXLAN_PORTS = {4789, 8472}

    def __init__(self, pool):
        self.pool = pool

    def rewrite(self, link_type, frame):
        old = bytes(frame)
        new = bytearray(frame)
        jobs = []
        self.link(link_type, new, jobs)
        for job in reversed(jobs):  # innermost first: outer checksums cover inner ones
            job.apply(old, new)
        return bytes(new)

    def link(self, link_type, data, jobs):
        if link_type == 1:
            self.ethernet(data, 0, len(data), jobs)
        elif link_type in (12, 14, 101, 228, 229):
            self.ip(data, 0, len(data), jobs)
        elif link_type == 113 and len(data) >= 16:
            self.ethertype(data, int.from_bytes(data[14:16], "big"), 16, len(data), jobs)
        elif link_type == 276 and len(data) >= 20:
            self.ethertype(data, int.from_bytes(data[0:2], "big"), 20, len(data), jobs)
        elif link_type in (0, 108) and len(data) >= 4:
            self.ip(data, 4, len(data), jobs)

    def ethernet(self, data, start, end, jobs):
        offset = start + 12
        if offset + 2 > end:
            return
        ethertype = int.from_bytes(data[offset:offset + 2], "big")
        offset += 2
        while ethertype in (0x8100, 0x88A8, 0x9100) and offset + 4 <= end:
            ethertype = int.from_bytes(data[offset + 2:offset + 4], "big")
            offset += 4
        self.ethertype(data, ethertype, offset, end, jobs)

    def ethertype(self, data, ethertype, start, end, jobs):
        if ethertype in (0x0800, 0x86DD):
            self.ip(data, start, end, jobs)
        elif ethertype == 0x0806:
            self.arp(data, start, end)

    def arp(self, data, start, end):
        if start + 8 > end:
            return
        protocol = int.from_bytes(data[start + 2:start + 4], "big")
        hardware_length = data[start + 4]
        protocol_length = data[start + 5]
        if protocol != 0x0800 or protocol_length != 4:
            return
        sender = start + 8 + hardware_length
        target = sender + 4 + hardware_length
        if target + 4 <= end:
            self.pool.rewrite(data, sender)
            self.pool.rewrite(data, target)
        elif sender + 4 <= end:
            self.pool.rewrite(data, sender)

    def ip(self, data, start, end, jobs, quoted=False):
        if start >= end:
            return
        version = data[start] >> 4
        if version == 4:
            self.ipv4(data, start, end, jobs, quoted)
        elif version == 6:
            self.ipv6(data, start, end, jobs, quoted)

    def ipv4(self, data, start, end, jobs, quoted):
        if start + 20 > end:
            return
        header_length = (data[start] & 0x0F) * 4
        if header_length < 20 or start + header_length > end:
            # Only the fixed part is there: rewrite the addresses all the same.
            self.pool.rewrite(data, start + 12)
            self.pool.rewrite(data, start + 16)
            return
        total = int.from_bytes(data[start + 2:start + 4], "big")
        payload_end = min(end, start + total) if total >= header_length else end
        self.pool.rewrite(data, start + 12)
        self.pool.rewrite(data, start + 16)
        jobs.append(ChecksumJob(start + 10, start, start + header_length))
        fragment = int.from_bytes(data[start + 6:start + 8], "big")
        if fragment & 0x1FFF:
            return  # a later fragment: no transport header here
        protocol = data[start + 9]
        self.transport(data, protocol, start + header_length, payload_end, (start + 12, 8), jobs, quoted)

    def ipv6(self, data, start, end, jobs, quoted):
        if start + 40 > end:
            return
        payload_length = int.from_bytes(data[start + 4:start + 6], "big")
        payload_end = min(end, start + 40 + payload_length) if payload_length else end
        protocol = data[start + 6]
        offset = start + 40
        while protocol in (0, 43, 60) and offset + 2 <= payload_end:  # hop-by-hop, routing, destination
            protocol, offset = data[offset], offset + (data[offset + 1] + 1) * 8
        if protocol == 44:  # fragment header
            if offset + 8 > payload_end:
                return
            if int.from_bytes(data[offset + 2:offset + 4], "big") & 0xFFF8:
                return
            protocol, offset = data[offset], offset + 8
        self.transport(data, protocol, offset, payload_end, (start + 8, 32), jobs, quoted)

    def transport(self, data, protocol, start, end, pseudo, jobs, quoted):
        if protocol in (4, 41):  # IP in IP: IPv4 or IPv6 inside
            self.ip(data, start, end, jobs, quoted)
        elif protocol == 6 and start + 18 <= end:
            jobs.append(ChecksumJob(start + 16, start, end, pseudo))
        elif protocol == 17 and start + 8 <= end:
            jobs.append(ChecksumJob(start + 6, start, end, pseudo, zero_means_none=True))
            ports = (int.from_bytes(data[start:start + 2], "big"), int.from_bytes(data[start + 2:start + 4], "big"))
            if not quoted and any(port in self.VXLAN_PORTS for port in ports) and start + 16 <= end \
                    and data[start + 8] & 0x08:
                self.ethernet(data, start + 16, end, jobs)
        elif protocol == 1 and start + 8 <= end:
            jobs.append(ChecksumJob(start + 2, start, end))
            if data[start] in (3, 4, 5, 11, 12) and not quoted:  # errors quote the packet
                self.ip(data, start + 8, end, jobs, quoted=True)
        elif protocol == 58 and start + 8 <= end:
            jobs.append(ChecksumJob(start + 2, start, end, pseudo))
            if data[start] < 128 and not quoted:
                self.ip(data, start + 8, end, jobs, quoted=True)


def rewrite_pcap(raw, rewriter):
    magic = raw[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        order = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        order = ">"
    else:
        raise ValueError("not a pcap file")
    link_type = struct.unpack(order + "I", raw[20:24])[0] & 0x0FFFFFFF
    out = bytearray(raw[:24])
    offset = 24
    while offset + 16 <= len(raw):
        captured = struct.unpack(order + "I", raw[offset + 8:offset + 12])[0]
        record_end = offset + 16 + captured
        if record_end > len(raw):
            out += raw[offset:]  # a record cut short: kept as it is
            return bytes(out)
        out += raw[offset:offset + 16]
        out += rewriter.rewrite(link_type, raw[offset + 16:record_end])
        offset = record_end
    out += raw[offset:]
    return bytes(out)


def rewrite_pcapng(raw, rewriter):
    out = bytearray()
    offset = 0
    order = "<"
    link_types = []
    while offset + 12 <= len(raw):
        block_type = struct.unpack(order + "I", raw[offset:offset + 4])[0]
        if raw[offset:offset + 4] == b"\x0a\x0d\x0d\x0a":
            order = "<" if raw[offset + 8:offset + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            block_type = 0x0A0D0D0A
            link_types = []
        length = struct.unpack(order + "I", raw[offset + 4:offset + 8])[0]
        if length < 12 or offset + length > len(raw):
            out += raw[offset:]
            return bytes(out)
        block = bytearray(raw[offset:offset + length])
        if block_type == 1 and length >= 20:
            link_types.append(struct.unpack(order + "H", block[8:10])[0])
        elif block_type == 6 and length >= 32:
            interface, _, _, captured = struct.unpack(order + "IIII", block[8:24])
            if interface < len(link_types) and 28 + captured <= length - 4:
                block[28:28 + captured] = rewriter.rewrite(link_types[interface], bytes(block[28:28 + captured]))
        elif block_type == 3 and length >= 16 and link_types:
            original = struct.unpack(order + "I", block[8:12])[0]
            captured = min(original, length - 16)
            block[12:12 + captured] = rewriter.rewrite(link_types[0], bytes(block[12:12 + captured]))
        elif block_type == 2 and length >= 32:
            interface = struct.unpack(order + "H", block[8:10])[0]
            captured = struct.unpack(order + "I", block[20:24])[0]
            if interface < len(link_types) and 28 + captured <= length - 4:
                block[28:28 + captured] = rewriter.rewrite(link_types[interface], bytes(block[28:28 + captured]))
        elif block_type == 4:
            record = 8
            while record + 4 <= length - 4:
                kind, size = struct.unpack(order + "HH", block[record:record + 4])
                if kind == 0:
                    break
                if kind == 1 and size >= 4:
                    rewriter.pool.rewrite(block, record + 4)
                record += 4 + ((size + 3) & ~3)
        out += block
        offset += length
    out += raw[offset:]
    return bytes(out)


def rewrite_file(source, destination, pool, captures=None):
    """`captures`: when only some captures of a folder are rewritten, the rows of an
    expected.tsv about the others are left out."""
    before = pool.count
    with open(source, "rb") as handle:
        raw = handle.read()
    if source.endswith(TEXT_SUFFIXES):
        text = raw.decode("utf-8")
        if captures is not None and source.endswith(".tsv"):
            text = "".join(line for line in text.splitlines(keepends=True)
                           if line.startswith("#") or line.split("\t", 1)[0] in captures)
        result = pool.rewrite_text(text).encode("utf-8")
    elif raw[:4] == b"\x0a\x0d\x0d\x0a":
        result = rewrite_pcapng(raw, PacketRewriter(pool))
    else:
        result = rewrite_pcap(raw, PacketRewriter(pool))
    os.makedirs(os.path.dirname(destination) or ".", exist_ok=True)
    with open(destination, "wb") as handle:
        handle.write(result)
    print(f"{destination}: {pool.count - before} addresses")


def folder_names(folder):
    names = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isdir(path) and name == "cluster":
            names += [os.path.join(name, inner) for inner in sorted(os.listdir(path))]
        elif name.endswith(CAPTURE_SUFFIXES + TEXT_SUFFIXES):
            names.append(name)
    return names


def self_test():
    """Builds packets of every kind the rewrite touches, rewrites them from 172.16.0.0/16 to
    10.244.0.0/16, and checks every address moved and every checksum is right, recomputed in
    full (not incrementally)."""

    def checksum(data):
        return (~ones_sum(data, 0, len(data))) & 0xFFFF

    def ipv4(source, destination, protocol, payload, ttl=64):
        header = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, ttl, protocol, 0,
                                       ipaddress.IPv4Address(source).packed, ipaddress.IPv4Address(destination).packed))
        header[10:12] = checksum(header).to_bytes(2, "big")
        return bytes(header) + payload

    def pseudo(source, destination, protocol, length):
        return ipaddress.IPv4Address(source).packed + ipaddress.IPv4Address(destination).packed + struct.pack(">BBH", 0, protocol, length)

    def udp(source, destination, sport, dport, payload, with_checksum=True):
        segment = bytearray(struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload)
        if with_checksum:
            value = checksum(pseudo(source, destination, 17, len(segment)) + segment) or 0xFFFF
            segment[6:8] = value.to_bytes(2, "big")
        return ipv4(source, destination, 17, bytes(segment))

    def tcp(source, destination):
        segment = bytearray(struct.pack(">HHIIBBHHH", 10002, 8080, 1, 0, 0x50, 0x02, 64240, 0, 0) + b"hello")
        segment[16:18] = checksum(pseudo(source, destination, 6, len(segment)) + segment).to_bytes(2, "big")
        return ipv4(source, destination, 6, bytes(segment))

    def icmp(type_, code, rest, payload):
        message = bytearray(struct.pack(">BBH", type_, code, 0) + rest + payload)
        message[2:4] = checksum(message).to_bytes(2, "big")
        return bytes(message)

    def ethernet(payload, ethertype=0x0800):
        return b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + struct.pack(">H", ethertype) + payload

    arp = struct.pack(">HHBBH", 1, 0x0800, 6, 4, 1) + b"\x02" * 6 + ipaddress.IPv4Address("172.16.158.0").packed \
        + b"\0" * 6 + ipaddress.IPv4Address("172.16.158.1").packed
    inner = udp("172.16.158.1", "172.16.34.1", 20001, 9000, b"request")
    quoted = inner[:28]
    frames = [
        ethernet(arp, 0x0806),
        ethernet(tcp("172.16.158.1", "172.16.184.1")),
        ethernet(ipv4("192.168.10.101", "192.168.20.100", 4, inner)),  # IP in IP
        ethernet(udp("192.168.10.101", "192.168.20.100", 40000, 4789,  # VXLAN, outer UDP checksum set
                     b"\x08\0\0\0\0\x10\0\0" + ethernet(inner))),
        ethernet(ipv4("172.16.34.1", "172.16.158.1", 1, icmp(3, 3, b"\0\0\0\0", quoted))),  # error quoting
        ethernet(ipv4("172.16.158.1", "172.16.34.1", 1, icmp(8, 0, b"\x40\x03\0\x01", b"ping"))),
    ]
    pool = PoolMap(ipaddress.IPv4Network("172.16.0.0/16"), ipaddress.IPv4Network("10.244.0.0/16"))
    rewriter = PacketRewriter(pool)
    failures = []

    def verify_ip(data, where):
        header_length = (data[0] & 0x0F) * 4
        if checksum(data[:header_length]):
            failures.append(f"{where}: IPv4 header checksum")
        source, destination = data[12:16], data[16:20]
        for address in (source, destination):
            if address[:2] == bytes([172, 16]):
                failures.append(f"{where}: {ipaddress.IPv4Address(address)} not moved")
        protocol, payload = data[9], data[header_length:]
        if protocol == 4:
            verify_ip(payload, where + "/inner")
        elif protocol in (6, 17):
            if protocol == 17 and payload[6:8] == b"\0\0":
                return
            total = pseudo(ipaddress.IPv4Address(source), ipaddress.IPv4Address(destination), protocol, len(payload)) + payload
            if checksum(total):
                failures.append(f"{where}: {'TCP' if protocol == 6 else 'UDP'} checksum")
            if protocol == 17 and payload[2:4] == b"\x12\xb5":
                verify_ip(payload[8 + 8 + 14:], where + "/vxlan")
        elif protocol == 1:
            if checksum(payload):
                failures.append(f"{where}: ICMP checksum")
            if payload[0] == 3:
                quoted_header = payload[8:28]
                if checksum(quoted_header):
                    failures.append(f"{where}: quoted IPv4 header checksum")
                if quoted_header[12:14] == bytes([172, 16]) or quoted_header[16:18] == bytes([172, 16]):
                    failures.append(f"{where}: quoted addresses not moved")

    for index, frame in enumerate(frames):
        moved = rewriter.rewrite(1, frame)
        if len(moved) != len(frame):
            failures.append(f"frame {index}: length changed")
        if index == 0:
            if moved[14 + 14:14 + 18] != ipaddress.IPv4Address("10.244.158.0").packed \
                    or moved[14 + 24:14 + 28] != ipaddress.IPv4Address("10.244.158.1").packed:
                failures.append("ARP addresses not moved")
            continue
        verify_ip(moved[14:], f"frame {index}")
    # A wrong checksum stays wrong by the same amount.
    broken = bytearray(frames[1])
    broken[14 + 20 + 16] ^= 0x01
    moved = rewriter.rewrite(1, bytes(broken))
    segment = moved[14 + 20:]
    if checksum(pseudo(ipaddress.IPv4Address("10.244.158.1"), ipaddress.IPv4Address("10.244.184.1"), 6, len(segment)) + segment) == 0:
        failures.append("a wrong TCP checksum became right")
    for failure in failures:
        print("FAIL", failure)
    print("self-test:", "failed" if failures else "ok", f"({len(frames)} frames, {pool.count} addresses)")
    return not failures


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source_pool", required=True, type=ipaddress.IPv4Network)
    parser.add_argument("--to", dest="target_pool", required=True, type=ipaddress.IPv4Network)
    parser.add_argument("source")
    parser.add_argument("destination")
    parser.add_argument("names", nargs="*")
    arguments = parser.parse_args()
    pool = PoolMap(arguments.source_pool, arguments.target_pool)
    if os.path.isdir(arguments.source):
        names = arguments.names or folder_names(arguments.source)
        captures = {name for name in names if name.endswith(CAPTURE_SUFFIXES)} if arguments.names else None
        for name in names:
            rewrite_file(os.path.join(arguments.source, name), os.path.join(arguments.destination, name), pool, captures)
    else:
        rewrite_file(arguments.source, arguments.destination, pool)


if __name__ == "__main__":
    main()
