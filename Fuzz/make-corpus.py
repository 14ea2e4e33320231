#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz harnesses from Fixtures/ (run from anywhere):

    Fuzz/make-corpus.py

Fuzz/corpus/dissector/     one packet per file: [link-type index][options][packet], packets of
                           every link type and tunnel in Fixtures/lab and Fixtures/public,
                           deduplicated by their leading bytes, at most 4094 bytes each
Fuzz/corpus/capture-file/  every fixture capture of at most 64 KiB, and the first 16 KiB of one
                           lab capture per link type and capture point (cut mid-record)
"""
import hashlib
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Fixtures")
OUT = os.path.join(ROOT, "Fuzz", "corpus")

# The order of `linkTypes` in Fuzz/DissectorFuzzer/main.swift.
LINK_TYPES = [1, 101, 276, 113, 0, 108, 228, 229, 12, 14, 147]
DEFAULT_OPTIONS = 0x03  # tunnel depth 4, VXLAN detection on


def packets(path):
    """Yields (link type, packet bytes) for every record of a pcap or pcapng file; stops quietly
    at damage (the damaged files are seeds of the file corpus instead)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d", b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        order = ">" if magic[0] == 0xA1 else "<"
        link = struct.unpack(order + "I", data[20:24])[0] & 0xFFFF
        offset = 24
        while offset + 16 <= len(data):
            captured = struct.unpack(order + "I", data[offset + 8 : offset + 12])[0]
            if captured > 262144 or offset + 16 + captured > len(data):
                return
            yield link, data[offset + 16 : offset + 16 + captured]
            offset += 16 + captured
    elif magic == b"\x0a\x0d\x0d\x0a":
        order = "<"
        interfaces = []
        offset = 0
        while offset + 12 <= len(data):
            block_type = struct.unpack("<I", data[offset : offset + 4])[0]
            if block_type == 0x0A0D0D0A:
                order = "<" if data[offset + 8 : offset + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                interfaces = []
            length = struct.unpack(order + "I", data[offset + 4 : offset + 8])[0]
            if length < 12 or length % 4 or offset + length > len(data):
                return
            body = data[offset + 8 : offset + length - 4]
            if block_type == 1 and len(body) >= 8:
                interfaces.append(struct.unpack(order + "H", body[0:2])[0])
            elif block_type == 6 and len(body) >= 20:
                interface, _, _, captured = struct.unpack(order + "IIII", body[0:16])
                if interface < len(interfaces) and 20 + captured <= len(body):
                    yield interfaces[interface], body[20 : 20 + captured]
            elif block_type == 3 and len(body) >= 4 and interfaces:
                yield interfaces[0], body[4:]
            offset += length


def captures():
    for folder, _, files in sorted(os.walk(FIXTURES)):
        for name in sorted(files):
            if name.endswith((".pcap", ".pcapng")):
                yield os.path.join(folder, name)


def write(folder, content, suffix=""):
    digest = hashlib.sha1(content).hexdigest()[:16]
    with open(os.path.join(folder, digest + suffix), "wb") as handle:
        handle.write(content)


def main():
    dissector = os.path.join(OUT, "dissector")
    capture_file = os.path.join(OUT, "capture-file")
    for folder in (dissector, capture_file):
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))

    seen = set()
    count = 0
    for path in captures():
        per_file = 0
        limit = 4 if "/lab/" in path else 10
        for link, packet in packets(path):
            if link not in LINK_TYPES:
                continue
            # Deduplicate by link type and the first 64 bytes with addresses and checksums included:
            # enough to keep one packet per header shape and tunnel combination.
            key = (link, len(packet) // 256, packet[:64])
            if key in seen:
                continue
            seen.add(key)
            write(dissector, bytes([LINK_TYPES.index(link), DEFAULT_OPTIONS]) + packet[:4094])
            count += 1
            per_file += 1
            if per_file >= limit:
                break
    # A few multi-packet inputs (packets joined by the separator) from the tunnel captures.
    separator = b"\xf0\x0d\xca\xfe"
    for path in captures():
        if "/public/" not in path:
            continue
        records = list(packets(path))[:6]
        if len(records) >= 2 and len({link for link, _ in records}) == 1 and records[0][0] in LINK_TYPES:
            body = separator.join(packet[:600] for _, packet in records)
            write(dissector, bytes([LINK_TYPES.index(records[0][0]), DEFAULT_OPTIONS]) + body[:4094])
            count += 1

    files = 0
    heads = {}
    for path in captures():
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            content = handle.read(65536)
        if size <= 65536:
            write(capture_file, content, os.path.splitext(path)[1])
            files += 1
        elif "/lab/" in path:
            kind = os.path.basename(path).split("-", 1)[-1]  # eth0.pcap, any.pcap, tunl0.pcap, …
            if kind not in heads:
                heads[kind] = True
                write(capture_file, content[:16384], os.path.splitext(path)[1])
                files += 1
    files += crafted(capture_file)
    print(f"dissector corpus: {count} packets; capture-file corpus: {files} files", file=sys.stderr)


def block(block_type, body, order="<"):
    body = body + b"\0" * (-len(body) % 4)
    total = 12 + len(body)
    return struct.pack(order + "II", block_type, total) + body + struct.pack(order + "I", total)


def crafted(folder):
    """pcapng shapes the public files lack: if_tsoffset and if_tsresol options, a second section,
    a simple packet block, a big-endian section, blocks at their minimum lengths."""
    packet = bytes.fromhex("02000000000202000000000108004500001c000100004011000" "00a0000010a0000029c4000350008000000")
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    shb_be = block(0x0A0D0D0A, struct.pack(">IHHq", 0x1A2B3C4D, 1, 0, -1), ">")
    options = struct.pack("<HH", 14, 8) + struct.pack("<q", -3600) + struct.pack("<HHB3x", 9, 1, 0x83) + struct.pack("<HH", 0, 0)
    idb = block(1, struct.pack("<HHI", 1, 0, 65535) + options)
    idb_be = block(1, struct.pack(">HHI", 101, 0, 0), ">")
    epb = block(6, struct.pack("<IIIII", 0, 0x5000, 1, len(packet), len(packet)) + packet)
    spb = block(3, struct.pack("<I", len(packet)) + packet)
    samples = [
        shb + idb + epb + spb + shb + idb + epb,
        shb_be + idb_be + block(6, struct.pack(">IIIII", 0, 0, 1, 20, 20) + packet[14:34], ">"),
        shb + idb + block(3, b""),  # a simple packet block of 12 bytes, below its minimum
        shb + block(1, b"\0" * 4) + epb,  # an interface block below its minimum
        shb + idb + epb + block(0x0A0D0D0A, struct.pack("<I", 0x1A2B3C4D)),  # a section header below its minimum
        shb + idb + epb + shb[:10],  # a section header cut inside its byte-order magic
    ]
    for sample in samples:
        write(folder, sample, ".pcapng")
    return len(samples)


if __name__ == "__main__":
    main()
