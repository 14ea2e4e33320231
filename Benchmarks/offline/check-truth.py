#!/usr/bin/env python3
"""Checks calicap's JSON report on a generated trace against generate.py's ground truth: the same
flows, each with the right mode, kind, client, server and packet counts, and the packet total.

Usage: check-truth.py TRUTH.json REPORT.json      (exit 0: every flow right; 1: differences listed)
"""
import json, sys

truth = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))

def key(flow):
    ends = sorted([(flow["client"]["ip"], flow["client"]["port"]), (flow["server"]["ip"], flow["server"]["port"])])
    return (flow["protocol"],) + tuple(ends)

expected = {key(flow): flow for flow in truth["flows"]}
seen = {key(flow): flow for flow in report["flows"]}
problems = []
for k in sorted(set(expected) - set(seen)):
    problems.append(f"missing flow {k}")
for k in sorted(set(seen) - set(expected)):
    problems.append(f"unexpected flow {k}")
right = 0
for k in sorted(set(expected) & set(seen)):
    want, got = expected[k], seen[k]
    wrong = [field for field in ("mode", "kind", "packets") if want[field] != got[field]]
    if want["mode"] != "mixed":  # who sent first is only defined for one generated flow
        wrong += [field for field in ("client", "server")
                  if (want[field]["ip"], want[field]["port"]) != (got[field]["ip"], got[field]["port"])]
    if wrong:
        problems.append(f"flow {k}: " + ", ".join(f"{f} expected {want[f]} got {got[f]}" for f in wrong))
    else:
        right += 1
if report["summary"]["packets"] != truth["packets"]:
    problems.append(f"packets: expected {truth['packets']} got {report['summary']['packets']}")
for line in problems[:20]:
    print("  " + line)
if len(problems) > 20:
    print(f"  … and {len(problems) - 20} more")
print(f"ground truth: {right} of {len(expected)} flows right, {len(seen)} in the report"
      + ("" if problems else " (every flow right)"))
sys.exit(1 if problems else 0)
