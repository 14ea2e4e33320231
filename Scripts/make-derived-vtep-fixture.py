#!/usr/bin/env python3
"""Builds Fixtures/cluster-derived-vtep/: the lab's VXLAN capture as it would look on a real
Linux Calico cluster, where no `projectcalico.org/VXLANTunnelMACAddr` annotation is set and
each node's VTEP MAC is the one Felix derives from the node name: 0x66 followed by the first
five bytes of SHA-1 of the name (felix/calc/vxlan_resolver.go).

From the lab's `nodes.yaml` it reads each node's name and given VTEP MAC, then writes
- `<node>-vxlan.calico.pcap`: a copy of the capture whose inner Ethernet MACs (and ARP
  hardware addresses, if any) are the derived MACs instead of the given ones;
- `nodes.yaml`: a copy of the nodes file without the VXLANTunnelMACAddr annotations.
Every other byte is copied unchanged. A frame with a MAC that is no node's given MAC stops the
script: the rewrite must be complete.

Usage: make-derived-vtep-fixture.py [LAB_FOLDER] [OUT_FOLDER] [CAPTURE_NAME]
       defaults: Fixtures/lab/vxlan Fixtures/cluster-derived-vtep w1-vxlan.calico.pcap
Standard library only.
"""
import hashlib
import os
import re
import struct
import sys

MAC_ANNOTATION = "projectcalico.org/VXLANTunnelMACAddr"
BROADCAST = b"\xff" * 6


def derived_mac(node_name):
    """Felix's VTEP MAC for a node without the annotation: b"f" (0x66) + sha1(name)[0:5]."""
    return b"\x66" + hashlib.sha1(node_name.encode()).digest()[:5]


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


def mac_text(raw):
    return ":".join(f"{byte:02x}" for byte in raw)


def nodes_and_given_macs(nodes_yaml):
    """(name, given MAC) per Node item of a `kubectl get nodes -o yaml` List."""
    items = re.split(r"^- apiVersion: ", nodes_yaml, flags=re.MULTILINE)[1:]
    found = []
    for item in items:
        name = re.search(r"^    name: (\S+)$", item, flags=re.MULTILINE)
        mac = re.search(r"^      " + re.escape(MAC_ANNOTATION) + r': "?([0-9a-fA-F:]{17})"?$', item, flags=re.MULTILINE)
        if name and mac:
            found.append((name.group(1), mac_bytes(mac.group(1).lower())))
    return found


def without_mac_annotations(nodes_yaml):
    lines = nodes_yaml.splitlines(keepends=True)
    return "".join(line for line in lines if MAC_ANNOTATION not in line)


def rewrite_frame(frame, mapping, index):
    def swap(raw):
        if raw == BROADCAST or raw == b"\0" * 6:
            return raw
        if raw not in mapping:
            sys.exit(f"frame {index}: MAC {mac_text(raw)} is no node's given VTEP MAC")
        return mapping[raw]

    if len(frame) < 14:
        sys.exit(f"frame {index}: shorter than an Ethernet header")
    ethertype = frame[12:14]
    out = bytearray(frame)
    out[0:6] = swap(frame[0:6])
    out[6:12] = swap(frame[6:12])
    if ethertype == b"\x08\x06" and len(frame) >= 14 + 28:
        # ARP for IPv4 over Ethernet: sender hardware address at 8, target at 18.
        out[14 + 8:14 + 14] = swap(frame[14 + 8:14 + 14])
        out[14 + 18:14 + 24] = swap(frame[14 + 18:14 + 24])
    return bytes(out)


def rewrite_pcap(data, mapping):
    if len(data) < 24:
        sys.exit("capture shorter than a pcap header")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        sys.exit("not a classic pcap file")
    linktype = struct.unpack(endian + "I", data[20:24])[0] & 0xFFFF
    if linktype != 1:
        sys.exit(f"link type {linktype}, not Ethernet: a vxlan.calico capture is Ethernet")
    out = bytearray(data[:24])
    offset, index = 24, 0
    while offset < len(data):
        if offset + 16 > len(data):
            sys.exit(f"record {index}: header cut short")
        header = data[offset:offset + 16]
        captured = struct.unpack(endian + "I", header[8:12])[0]
        frame = data[offset + 16:offset + 16 + captured]
        if len(frame) != captured:
            sys.exit(f"record {index}: data cut short")
        out += header + rewrite_frame(frame, mapping, index)
        offset += 16 + captured
        index += 1
    return bytes(out), index


def main():
    lab = sys.argv[1] if len(sys.argv) > 1 else "Fixtures/lab/vxlan"
    out_folder = sys.argv[2] if len(sys.argv) > 2 else "Fixtures/cluster-derived-vtep"
    capture_name = sys.argv[3] if len(sys.argv) > 3 else "w1-vxlan.calico.pcap"
    nodes_yaml = open(os.path.join(lab, "cluster", "nodes.yaml"), encoding="utf-8").read()
    nodes = nodes_and_given_macs(nodes_yaml)
    if not nodes:
        sys.exit(f"no {MAC_ANNOTATION} annotation in {lab}/cluster/nodes.yaml")
    mapping = {}
    for name, given in nodes:
        derived = derived_mac(name)
        if derived == given:
            sys.exit(f"{name}: the given MAC already is the derived one")
        mapping[given] = derived
        print(f"{name}: {mac_text(given)} -> {mac_text(derived)}")
    capture, frames = rewrite_pcap(open(os.path.join(lab, capture_name), "rb").read(), mapping)
    os.makedirs(out_folder, exist_ok=True)
    with open(os.path.join(out_folder, capture_name), "wb") as file:
        file.write(capture)
    stripped = without_mac_annotations(nodes_yaml)
    if MAC_ANNOTATION in stripped:
        sys.exit("annotation left in nodes.yaml")
    with open(os.path.join(out_folder, "nodes.yaml"), "w", encoding="utf-8") as file:
        file.write(stripped)
    print(f"{out_folder}/{capture_name}: {frames} frames rewritten; {out_folder}/nodes.yaml without {MAC_ANNOTATION}")


if __name__ == "__main__":
    main()
