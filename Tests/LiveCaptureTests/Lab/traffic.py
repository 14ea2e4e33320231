#!/usr/bin/env python3
"""Pod-to-pod traffic for the namespace lab, with a manifest of every flow it made.

For every ordered pair of pods on different nodes, and for one same-node pair (the first
node's p0 -> p1), one after the other:
  * ICMP echo: 2 requests (as `ping -c 2`, 50 ms apart) with a fixed identifier;
  * TCP: a one-shot exchange from a fixed client port to port 7000: 1500 bytes up, 4000
    bytes down, the server closes first;
  * UDP: 100 bytes from a fixed client port to port 7001, 500 bytes back.

One process does it all: each socket is created inside its pod's network namespace
(setns on the creating thread only), so no process is started per flow and the client ports
and ICMP identifiers are exactly the ones in the manifest:
  TCP client port 31000 + 100*round + pair, UDP 32000 + 100*round + pair,
  ICMP identifier 0x5100 + 0x100*round + pair (calicap reports it as both "ports").

usage: traffic.py TOPOLOGY.json [--round N]   (manifest JSON on stdout)
"""
import argparse
import ctypes
import ipaddress
import json
import os
import select
import socket
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)
HOME = os.open("/proc/self/ns/net", os.O_RDONLY)

REQUEST_BYTES, RESPONSE_BYTES = 1500, 4000
UDP_REQUEST_BYTES, UDP_RESPONSE_BYTES = 100, 500
TIMEOUT = 2.0


def in_netns(netns, make):
    fd = os.open(f"/run/netns/{netns}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {netns}")
        return make()
    finally:
        os.close(fd)
        libc.setns(HOME, CLONE_NEWNET)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo_request(identifier, sequence):
    payload = bytes(range(56))
    header = struct.pack("!BBHHH", 8, 0, 0, identifier, sequence)
    return struct.pack("!BBHHH", 8, 0, checksum(header + payload), identifier, sequence) + payload


def ping(client, server, identifier, count=2, interval=0.05):
    sock = in_netns(client["netns"], lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
    replies = 0
    try:
        for sequence in range(1, count + 1):
            sock.sendto(echo_request(identifier, sequence), (server["ip"], 0))
            deadline = time.monotonic() + (1.0 if sequence == count else interval)
            got = False
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                ready, _, _ = select.select([sock], [], [], left)
                if not ready:
                    break
                packet = sock.recv(65535)
                ihl = (packet[0] & 0x0F) * 4
                icmp = packet[ihl:ihl + 8]
                if len(icmp) < 8:
                    continue
                kind, _, _, ident, seq = struct.unpack("!BBHHH", icmp)
                source = socket.inet_ntoa(packet[12:16])
                if kind == 0 and ident == identifier and seq == sequence and source == server["ip"]:
                    replies += 1
                    got = True
                    break
            if got and sequence < count:
                time.sleep(interval)
    finally:
        sock.close()
    return {"answered": replies > 0, "requests": count, "replies": replies}


def read_exactly(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def tcp_exchange(client, server, port, listener):
    detail = {"connected": False, "sent": 0, "received": 0, "complete": False}
    sock = in_netns(client["netns"], lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    conn = None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((client["ip"], port))
        sock.setblocking(False)
        sock.connect_ex((server["ip"], listener.getsockname()[1]))
        deadline = time.monotonic() + TIMEOUT
        while conn is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return detail
            ready, _, _ = select.select([listener], [], [], left)
            if not ready:
                return detail
            candidate, address = listener.accept()
            if address == (client["ip"], port):
                conn = candidate
            else:
                candidate.close()
        _, writable, _ = select.select([], [sock], [], max(0.0, deadline - time.monotonic()))
        if not writable or sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
            return detail
        detail["connected"] = True
        sock.setblocking(True)
        sock.settimeout(TIMEOUT)
        conn.settimeout(TIMEOUT)
        sock.sendall(b"Q" * REQUEST_BYTES)
        detail["sent"] = REQUEST_BYTES
        if len(read_exactly(conn, REQUEST_BYTES)) != REQUEST_BYTES:
            return detail
        conn.sendall(b"R" * RESPONSE_BYTES)
        conn.close()
        conn = None
        received = read_exactly(sock, RESPONSE_BYTES + 1)
        detail["received"] = len(received)
        detail["complete"] = len(received) == RESPONSE_BYTES
        return detail
    except OSError as error:
        detail["error"] = str(error)
        return detail
    finally:
        if conn is not None:
            conn.close()
        sock.close()


def udp_exchange(client, server, port, server_socket):
    detail = {"sent": 0, "received": 0}
    sock = in_netns(client["netns"], lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    try:
        sock.bind((client["ip"], port))
        sock.sendto(b"u" * UDP_REQUEST_BYTES, (server["ip"], server_socket.getsockname()[1]))
        detail["sent"] = UDP_REQUEST_BYTES
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return detail
            ready, _, _ = select.select([server_socket], [], [], left)
            if not ready:
                return detail
            data, address = server_socket.recvfrom(65535)
            if address == (client["ip"], port):
                break
        server_socket.sendto(b"U" * UDP_RESPONSE_BYTES, address)
        ready, _, _ = select.select([sock], [], [], TIMEOUT)
        if ready:
            detail["received"] = len(sock.recv(65535))
        return detail
    finally:
        sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("topology")
    parser.add_argument("--round", type=int, default=0)
    args = parser.parse_args()
    if not 0 <= args.round <= 9:
        parser.error("--round is 0-9")
    with open(args.topology) as f:
        topology = json.load(f)
    mode = topology["mode"]
    nodes = {node["name"]: node for node in topology["nodes"]}
    pods = []
    for node in topology["nodes"]:
        for pod in node["pods"]:
            pods.append(dict(pod, node=node["name"]))

    # Servers in every pod.
    tcp_servers, udp_servers = {}, {}
    for pod in pods:
        def make_tcp(pod=pod):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((pod["ip"], topology["tcpPort"]))
            s.listen(64)
            return s

        def make_udp(pod=pod):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((pod["ip"], topology["udpPort"]))
            return s

        tcp_servers[pod["name"]] = in_netns(pod["netns"], make_tcp)
        udp_servers[pod["name"]] = in_netns(pod["netns"], make_udp)

    pairs = [(c, s) for c in pods for s in pods if c["node"] != s["node"]]
    first_node = topology["nodes"][0]["name"]
    local = [p for p in pods if p["node"] == first_node]
    if len(local) >= 2:
        pairs.append((local[0], local[1]))

    def carrier_of(client, server):
        if client["node"] == server["node"]:
            return "local"
        if mode == "crosssubnet":
            same = nodes[client["node"]]["subnet"] == nodes[server["node"]]["subnet"]
            return "direct" if same else "ipip"
        return mode

    flows = []
    started = time.time()
    for index, (client, server) in enumerate(pairs):
        carrier = carrier_of(client, server)
        client_node, server_node = nodes[client["node"]], nodes[server["node"]]
        outer = None
        if carrier in ("ipip", "vxlan"):
            outer = {"source": client_node["ip"], "destination": server_node["ip"]}
        common = {
            "pair": index,
            "clientPod": client["name"], "serverPod": server["name"],
            "clientNode": client["node"], "serverNode": server["node"],
            "clientNodeIP": client_node["ip"], "serverNodeIP": server_node["ip"],
            "sameNode": client["node"] == server["node"],
            "crossSubnet": client_node["subnet"] != server_node["subnet"],
            "carrier": carrier, "outer": outer,
            "vni": topology["vni"] if carrier == "vxlan" else None,
        }
        identifier = 0x5100 + 0x100 * args.round + index
        t0 = time.time()
        result = ping(client, server, identifier)
        flows.append(dict(common, protocol="icmp",
                          client={"ip": client["ip"], "port": identifier},
                          server={"ip": server["ip"], "port": identifier},
                          answered=result["answered"], detail=result, start=t0, end=time.time()))
        port = 31000 + 100 * args.round + index
        t0 = time.time()
        result = tcp_exchange(client, server, port, tcp_servers[server["name"]])
        flows.append(dict(common, protocol="tcp",
                          client={"ip": client["ip"], "port": port},
                          server={"ip": server["ip"], "port": topology["tcpPort"]},
                          answered=result["connected"], detail=result, start=t0, end=time.time()))
        port = 32000 + 100 * args.round + index
        t0 = time.time()
        result = udp_exchange(client, server, port, udp_servers[server["name"]])
        flows.append(dict(common, protocol="udp",
                          client={"ip": client["ip"], "port": port},
                          server={"ip": server["ip"], "port": topology["udpPort"]},
                          answered=result["received"] > 0, detail=result, start=t0, end=time.time()))

    for s in list(tcp_servers.values()) + list(udp_servers.values()):
        s.close()
    manifest = {
        "prefix": topology["prefix"], "mode": mode, "round": args.round,
        "start": started, "end": time.time(),
        "flows": flows,
        "unanswered": sum(1 for f in flows if not f["answered"]),
    }
    json.dump(manifest, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
