#!/usr/bin/env python3
"""One ICMP echo exchange, one TCP exchange and one UDP exchange from a pod to a pod, both ways
round (pod A is the client of all three), with the lab's own traffic functions
(`Tests/LiveCaptureTests/Lab/traffic.py`): ICMP identifier 0x7100, TCP 31000 -> 7000,
UDP 32000 -> 7001. Prints what was answered as JSON.

usage: pod-traffic.py CLIENT_NETNS CLIENT_IP SERVER_NETNS SERVER_IP
"""
import importlib.util
import json
import os
import socket
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "traffic", os.path.join(HERE, "..", "..", "Tests", "LiveCaptureTests", "Lab", "traffic.py"))
traffic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(traffic)


def main():
    client_netns, client_ip, server_netns, server_ip = sys.argv[1:5]
    client = {"netns": client_netns, "ip": client_ip}
    server = {"netns": server_netns, "ip": server_ip}
    listener = traffic.in_netns(server_netns, lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((server_ip, 7000))
    listener.listen(4)
    datagrams = traffic.in_netns(server_netns, lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    datagrams.bind((server_ip, 7001))
    result = {
        "icmp": traffic.ping(client, server, 0x7100),
        "tcp": traffic.tcp_exchange(client, server, 31000, listener),
        "udp": traffic.udp_exchange(client, server, 32000, datagrams),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
