#!/usr/bin/env python3
"""Copies the lab captures into Fixtures/lab/ and writes, per lab folder, expected.tsv: for every
capture file, every flow truth.json says is in it, with the mode calicap must report there
(eth0/router: the carrier; tunl0: ipip; vxlan.calico: vxlan; any: the carrier or local) and
whether the reply is in that file.

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
    rows = ["# file\tprotocol\tclient_ip\tclient_port\tserver_ip\tserver_port\tmode\tanswered"]
    for capture in truth["captures"]:
        name = capture["file"]
        shutil.copyfile(os.path.join(source, folder, name), os.path.join(target, folder, name))
        interface = capture["interface"]
        for flow in truth["flows"]:
            seen = flow["pcap_observed"].get(name)
            if not seen or seen["req"] + seen["rep"] == 0:
                continue
            if interface == "tunl0":
                mode = "ipip"
            elif interface.startswith("vxlan"):
                mode = "vxlan"
            else:
                mode = flow["carrier"]
            if flow["proto"] == "icmp":
                client_port = server_port = flow["icmp_id"]
            else:
                client_port, server_port = flow["src_port"], flow["dst_port"]
            rows.append("\t".join(str(v) for v in [
                name, flow["proto"], flow["src_ip"], client_port, flow["dst_ip"], server_port,
                mode, "true" if seen["rep"] > 0 else "false"]))
    with open(os.path.join(target, folder, "expected.tsv"), "w") as out:
        out.write("\n".join(rows) + "\n")
    print(folder, len(rows) - 1, "expectations")
