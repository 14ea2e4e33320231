#!/usr/bin/env python3
"""Streams a synthetic classic pcap (raw IPv4, LINKTYPE_RAW 101) to stdout or a file:

    Fuzz/generate-pcap.py PACKETS FLOWS [OUTPUT]

Packet i belongs to flow i % FLOWS (a distinct UDP 5-tuple per flow, both directions alternating
for even flows); every packet is 60 bytes of IP. Memory use is constant: records are written as
they are made. Used by Fuzz/constant-memory.sh.
"""
import struct
import sys


def main():
    packets = int(sys.argv[1])
    flows = int(sys.argv[2])
    output = open(sys.argv[3], "wb") if len(sys.argv) > 3 else sys.stdout.buffer
    output.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    # A 16-byte record header + 20-byte IPv4 header + 8-byte UDP header + 32-byte payload.
    record = bytearray(16 + 60)
    struct.pack_into("<II", record, 8, 60, 60)
    struct.pack_into(">BBHHHBBH", record, 16, 0x45, 0, 60, 0, 0, 64, 17, 0)
    struct.pack_into(">HH", record, 16 + 24, 40, 0)
    chunk = []
    for index in range(packets):
        flow = index % flows
        client = 0x0A000000 | (flow >> 16)
        server = 0x0A800000 | (flow & 0xFFFF)
        port = 1024 + (flow & 0x3FFF)
        reply = (index // flows) % 2 == 1 and flow % 2 == 0
        struct.pack_into("<II", record, 0, 1_700_000_000 + index // 1_000_000, index % 1_000_000)
        struct.pack_into(">H", record, 16 + 4, index & 0xFFFF)
        struct.pack_into(">II", record, 16 + 12, server if reply else client, client if reply else server)
        struct.pack_into(">HH", record, 16 + 20, 53 if reply else port, port if reply else 53)
        struct.pack_into(">I", record, 16 + 28, index & 0xFFFFFFFF)
        chunk.append(bytes(record))
        if len(chunk) == 4096:
            output.write(b"".join(chunk))
            chunk.clear()
    output.write(b"".join(chunk))
    output.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
