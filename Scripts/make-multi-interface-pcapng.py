#!/usr/bin/env python3
"""Builds a pcapng with one interface per input pcap, each with its own link type and if_name,
records merged by time: what `tshark -i eth0 -i tunl0 -w` writes, and what libpcap 1.10 refuses
("an interface has a type 101 different from the type of the first interface").

Usage: make-multi-interface-pcapng.py OUT.pcapng NAME=FILE.pcap [NAME=FILE.pcap …] [--limit N]
"""
import struct, sys

def read_pcap(path, limit):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    nano = struct.unpack(endian + "I", data[:4])[0] == 0xa1b23c4d
    _, _, _, _, _, snaplen, linktype = struct.unpack(endian + "IHHiIII", data[:24])
    offset, records = 24, []
    while offset + 16 <= len(data) and len(records) < limit:
        seconds, fraction, caplen, length = struct.unpack(endian + "IIII", data[offset:offset + 16])
        nanoseconds = seconds * 1_000_000_000 + (fraction if nano else fraction * 1000)
        records.append((nanoseconds, length, data[offset + 16:offset + 16 + caplen]))
        offset += 16 + caplen
    return linktype & 0xffff, snaplen, records

def option(code, value):
    return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)

def block(kind, body):
    total = 12 + len(body)
    return struct.pack("<II", kind, total) + body + struct.pack("<I", total)

out = sys.argv[1]
limit = 10**9
inputs = []
arguments = sys.argv[2:]
if "--limit" in arguments:
    index = arguments.index("--limit")
    limit = int(arguments[index + 1])
    del arguments[index:index + 2]
for argument in arguments:
    name, path = argument.split("=", 1)
    inputs.append((name, *read_pcap(path, limit)))

with open(out, "wb") as f:
    f.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + option(4, b"calicap test fixture") + option(0, b"")))
    for name, linktype, snaplen, _ in inputs:
        options = option(2, name.encode()) + option(9, bytes([9])) + option(0, b"")
        f.write(block(1, struct.pack("<HHI", linktype, 0, snaplen) + options))
    merged = sorted((time, interface, length, data) for interface, (_, _, _, records) in enumerate(inputs)
                    for time, length, data in records)
    for time, interface, length, data in merged:
        body = struct.pack("<IIIII", interface, time >> 32, time & 0xffffffff, len(data), length)
        f.write(block(6, body + data + b"\0" * (-len(data) % 4)))
