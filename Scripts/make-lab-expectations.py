#!/usr/bin/env python3
"""Copies the lab captures (and each folder's cluster/ files) into Fixtures/lab/ and writes, per
lab folder, expected.tsv: for every capture file, every flow truth.json says is in it, with the
mode calicap must report there (eth0/router: the carrier; tunl0: ipip; vxlan.calico and
vxlan-v6.calico: vxlan; wireguard.cali: wireguard; any: the carrier or local) and whether the
reply is in that file. A flow present in a file only as WireGuard transport messages is
encrypted there: its 5-tuple cannot be seen, so it is not expected in that file.

Usage: Scripts/make-lab-expectations.py ../shared/traces/lab Fixtures/lab
"""
import json, os, shutil, sys

source, target = sys.argv[1], sys.argv[2]
for folder in sorted(os.listdir(source)):
    truth_path = os.path.join(source, folder, "truth.json")
    if not os.path.exists(truth_path):
        continue
    truth = json.load(open(truth_path))
    os.makedirs(os.path.join(target, folder), exist_ok=True)
    cluster = os.path.join(source, folder, "cluster")
    if os.path.isdir(cluster):
        shutil.copytree(cluster, os.path.join(target, folder, "cluster"), dirs_exist_ok=True)
    rows = ["# file\tprotocol\tclient_ip\tclient_port\tserver_ip\tserver_port\tmode\tanswered"]
    for capture in truth["captures"]:
        name = capture["file"]
        shutil.copyfile(os.path.join(source, folder, name), os.path.join(target, folder, name))
        interface = capture["interface"]
        for flow in truth["flows"]:
            seen = flow["pcap_observed"].get(name)
            if not seen or seen["req"] + seen["rep"] == 0:
                continue
            if set(seen.get("forms", [])) <= {"wireguard"} and seen.get("forms"):
                continue
            if interface == "tunl0":
                mode = "ipip"
            elif interface.startswith("vxlan"):
                mode = "vxlan"
            elif interface.startswith("wireguard"):
                mode = "wireguard"
            else:
                mode = flow["carrier"]
            if flow["proto"] == "icmp":
                client_port = server_port = flow["icmp_id"]
            else:
                client_port, server_port = flow["src_port"], flow["dst_port"]
            rows.append("\t".join(str(v) for v in [
                name, "icmpv6" if flow["proto"] == "icmp" and flow.get("family") == 6 else flow["proto"], flow["src_ip"], client_port, flow["dst_ip"], server_port,
                mode, "true" if seen["rep"] > 0 else "false"]))
    with open(os.path.join(target, folder, "expected.tsv"), "w") as out:
        out.write("\n".join(rows) + "\n")
    print(folder, len(rows) - 1, "expectations")
