#!/usr/bin/env python3
"""Runs calicap on every lab capture and compares each flow's mode and `answered` with truth.json.

Usage: Scripts/check-lab.py CALICAP LAB_DIR   (prints one line per file and a total; exit 1 on any miss)
"""
import json, subprocess, sys, os

calicap, lab = sys.argv[1], sys.argv[2]
total = good = 0
misses = []
for folder in sorted(os.listdir(lab)):
    truth_path = os.path.join(lab, folder, "truth.json")
    if not os.path.exists(truth_path):
        continue
    truth = json.load(open(truth_path))
    for capture in truth["captures"]:
        name = capture["file"]
        path = os.path.join(lab, folder, name)
        out = subprocess.run([calicap, "-r", path, "--format", "json"], capture_output=True, text=True)
        report = json.loads(out.stdout)
        flows = {}
        for f in report["flows"]:
            ends = sorted([(f["client"]["ip"], f["client"]["port"]), (f["server"]["ip"], f["server"]["port"])])
            flows[(f["protocol"], tuple(ends))] = f
        n = ok = 0
        for tf in truth["flows"]:
            seen = tf["pcap_observed"].get(name)
            if not seen or (seen["req"] + seen["rep"]) == 0:
                continue
            sp = tf.get("src_port"); dp = tf.get("dst_port")
            if tf["proto"] == "icmp":
                sp = dp = tf.get("icmp_id", sp)
            key = (tf["proto"], tuple(sorted([(tf["src_ip"], sp), (tf["dst_ip"], dp)])))
            iface = capture["interface"]
            if iface == "tunl0": want = "ipip"
            elif iface.startswith("vxlan"): want = "vxlan"
            else: want = tf["carrier"]
            want_answered = seen["rep"] > 0
            n += 1
            f = flows.get(key)
            if f and f["mode"] == want and f["answered"] == want_answered and f["client"]["ip"] == tf["src_ip"]:
                ok += 1
            else:
                misses.append((folder, name, key, want, want_answered, f and (f["mode"], f["answered"], f["client"]["ip"])))
        total += n; good += ok
        print(f"{folder:18} {name:24} {ok:3}/{n:3}  pool={report['summary']['pool']['behaviour']}")
for m in misses[:40]:
    print("MISS", m)
print(f"lab verdicts: {good}/{total} correct ({100.0*good/max(total,1):.1f} %)")
sys.exit(0 if good == total else 1)
