#!/usr/bin/python3
"""Submit UPnP services to a running minissdpd, which then answers SSDP
M-SEARCH requests for them (minissdpd's documented unix-socket protocol,
request type 4: ST, USN, SERVER, LOCATION, each prefixed with a 7-bit
encoded length). Usage: ssdp-submit.py SOCKET SERVER LOCATION UUID ST...
"""
import socket
import sys


def codelength(data: bytes) -> bytes:
    n = len(data)
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, (n & 0x7F) | 0x80)
        n >>= 7
    return bytes(out) + data


def main() -> int:
    sock_path, server, location, uuid, *sts = sys.argv[1:]
    for st in sts:
        usn = uuid if st == uuid else f"{uuid}::{st}"
        req = b"\x04" + b"".join(codelength(x.encode("ascii")) for x in (st, usn, server, location))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(sock_path)
            s.sendall(req)
    return 0


if __name__ == "__main__":
    sys.exit(main())
