#!/usr/bin/env python3
"""Records what a calicap build prints for every committed fixture, so that a change meant to
leave every output alone (a redesign, a speed-up) can prove it did: `Tests/CLITests/
GoldenOutputTests.swift` runs each case again and compares byte for byte.

Cases (Fixtures/golden/cases.tsv, one per line: name TAB arguments separated by spaces):
- every capture file under Fixtures/ alone, as JSON;
- every lab scenario's uplinks and router ports together, and all of its files together, as
  JSON, table and CSV; one lab file as JSONL.
Outputs: Fixtures/golden/<name>.out: standard output, a line "--- stderr", standard error, a
line "exit N".

Run from the repository root after a deliberate change of output, and say why in the commit:
  Scripts/make-golden.py .build/debug/calicap
"""
import os, subprocess, sys

calicap = os.path.abspath(sys.argv[1])
root = "Fixtures"
target = os.path.join(root, "golden")
cases = []
for folder, _, files in sorted(os.walk(root)):
    # The lab's copies in other pools are checked against the originals (PodPoolRewriteTests).
    if folder.startswith(target) or folder.startswith(os.path.join(root, "lab-pools")):
        continue
    for name in sorted(files):
        if not name.endswith((".pcap", ".pcapng")):
            continue
        path = os.path.join(folder, name)
        arguments = ["-r", path, "--format", "json"]
        if name.endswith("-wireguard.cali.pcap"):
            arguments += ["--captured-on", "wireguard.cali"]
        cases.append((path[len(root) + 1:].replace("/", "__") + ".json", arguments))
lab = os.path.join(root, "lab")
for scenario in sorted(os.listdir(lab)):
    files = sorted(f for f in os.listdir(os.path.join(lab, scenario)) if f.endswith(".pcap"))
    uplinks = [os.path.join(lab, scenario, f) for f in files if f.endswith("-eth0.pcap") or f.startswith("router-")]
    everything = [os.path.join(lab, scenario, f) for f in files if "wireguard.cali" not in f]
    for format in ["json", "table", "csv"]:
        cases.append((f"lab-{scenario}-uplinks.{format}", [*uplinks, "--format", format]))
        cases.append((f"lab-{scenario}-all.{format}", [*everything, "--format", format]))
for scenario in ["crosssubnet", "vxlan"]:
    folder = os.path.join(lab, scenario)
    cluster = []
    for name in ["nodes.yaml", "ippools.yaml", "pods-wide.txt"]:
        cluster += ["--cluster", os.path.join(folder, "cluster", name)]
    uplinks = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith("-eth0.pcap"))
    for format in ["json", "table", "csv"]:
        cases.append((f"lab-{scenario}-uplinks-cluster.{format}", [*uplinks, *cluster, "--format", format]))
cases.append(("lab-crosssubnet-w1-eth0.jsonl", ["-r", "Fixtures/lab/crosssubnet/w1-eth0.pcap", "--format", "jsonl"]))
cases.append(("lab-crosssubnet-w1-eth0.table", ["-r", "Fixtures/lab/crosssubnet/w1-eth0.pcap"]))
cases.append(("lab-ipip-w1-eth0-filtered.json", ["-r", "Fixtures/lab/ipip/w1-eth0.pcap", "--format", "json", "icmp"]))

os.makedirs(target, exist_ok=True)
for old in os.listdir(target):
    os.remove(os.path.join(target, old))
with open(os.path.join(target, "cases.tsv"), "w") as listing:
    for name, arguments in cases:
        listing.write(name + "\t" + " ".join(arguments) + "\n")
        run = subprocess.run([calicap, *arguments], capture_output=True)
        with open(os.path.join(target, name + ".out"), "wb") as out:
            out.write(run.stdout + b"--- stderr\n" + run.stderr + f"exit {run.returncode}\n".encode())
print(len(cases), "cases")
