#!/usr/bin/env python3
"""Sets sysctls and turns offloads off in many network namespaces from one process (setns on
this thread), instead of one `ip netns exec … sysctl`/`ethtool` process per namespace.

usage: netns-tune.py [--sysctl NETNS KEY=VALUE]… [--offload-off NETNS DEV]…

  --sysctl       KEY as under /proc/sys with dots or slashes: net.ipv4.ip_forward=1,
                 net/ipv4/conf/cali123/proxy_arp=1 (a device name with dots: use slashes)
  --offload-off  checksum, scatter-gather, TSO, GSO and GRO off (what `ethtool -K DEV tx off
                 sg off tso off gso off gro off` does), so captures look like the wire
"""
import argparse
import ctypes
import fcntl
import os
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
CLONE_NEWNET = 0x40000000
# ETHTOOL_STXCSUM, ETHTOOL_SSG, ETHTOOL_STSO, ETHTOOL_SGSO, ETHTOOL_SGRO.
OFFLOADS = [("tx", 0x17), ("sg", 0x19), ("tso", 0x1F), ("gso", 0x24), ("gro", 0x2C)]

libc = ctypes.CDLL(None, use_errno=True)


def enter(netns):
    fd = os.open(f"/run/netns/{netns}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {netns}")
    finally:
        os.close(fd)


def ethtool_set(sock, dev, command, value):
    buffer = ctypes.create_string_buffer(struct.pack("II", command, value))
    request = struct.pack("16sP", dev.encode(), ctypes.addressof(buffer))
    fcntl.ioctl(sock, SIOCETHTOOL, request)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sysctl", nargs=2, action="append", default=[], metavar=("NETNS", "KEY=VALUE"))
    parser.add_argument("--offload-off", nargs=2, action="append", default=[], metavar=("NETNS", "DEV"))
    args = parser.parse_args()

    work = {}
    for netns, setting in args.sysctl:
        key, _, value = setting.partition("=")
        path = key if "/" in key else key.replace(".", "/")
        work.setdefault(netns, []).append(("sysctl", path, value))
    for netns, dev in args.offload_off:
        work.setdefault(netns, []).append(("offload", dev, None))

    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    failures = []
    for netns, items in work.items():
        enter(netns)
        sock = None
        try:
            for kind, target, value in items:
                if kind == "sysctl":
                    # /proc/sys/net resolves against the opening thread's namespace.
                    try:
                        with open(f"/proc/sys/{target}", "w") as f:
                            f.write(value)
                    except OSError as error:
                        failures.append(f"{netns}: {target}={value}: {error}")
                else:
                    sock = sock or socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    for name, command in OFFLOADS:
                        try:
                            ethtool_set(sock, target, command, 0)
                        except OSError as error:
                            # Some devices cannot change some features (EOPNOTSUPP, EPERM).
                            if error.errno not in (95, 1):
                                failures.append(f"{netns}:{target} {name} off: {error}")
        finally:
            if sock:
                sock.close()
            libc.setns(home, CLONE_NEWNET)
    for failure in failures:
        print(f"netns-tune: {failure}", file=sys.stderr)
    return 1 if any("=" in f for f in failures) else 0


if __name__ == "__main__":
    sys.exit(main())
