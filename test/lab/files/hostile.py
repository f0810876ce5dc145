#!/usr/bin/python3
"""Mamori lab hostile host: TCP servers that misbehave on purpose, so the scanner's
timeouts and byte caps are tested against something real.

  tarpit   accepts the connection and never sends a byte (reads and discards)
  banner   sends a 10 MB "banner" on connect (on an FTP port it starts like a
           never-ending multi-line 220 reply)
  reset    accepts, then resets the connection (RST, SO_LINGER 0)
  trickle  sends a text byte by byte, one every 100 ms, forever (never closes)

Ports come from HOSTILE_PORTS, e.g. "tarpit=80,443;banner=21;reset=8080;trickle=23".
Bounded: at most 64 connections at once (more are closed at once), every
connection ends after 300 s, peers outside 10.77.0.0/24 are closed without a
byte, and the process exits by itself after LAB_MAX_SECONDS. Stdlib only.
"""
import ipaddress
import os
import signal
import socket
import struct
import sys
import threading
import time

LAB = ipaddress.ip_network("10.77.0.0/24")
MAX_CONNECTIONS = 64
CONNECTION_SECONDS = 300
BANNER_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024
TRICKLE_TEXT = b"Loading firmware, please wait"
slots = threading.BoundedSemaphore(MAX_CONNECTIONS)


def tarpit(conn, _port):
    deadline = time.monotonic() + CONNECTION_SECONDS
    while time.monotonic() < deadline:
        conn.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            if not conn.recv(4096):
                return
        except OSError:
            return


def banner(conn, port):
    conn.settimeout(30)
    prefix = b"220-" if port == 21 else b""
    sent = 0
    block = (b"HOSTILE-BANNER " * (CHUNK // 15 + 1))[:CHUNK]
    try:
        conn.sendall(prefix)
        while sent < BANNER_BYTES:
            conn.sendall(block)
            sent += len(block)
    except OSError:
        pass


def reset(conn, _port):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def trickle(conn, _port):
    text = TRICKLE_TEXT + b"." * 10_000
    deadline = time.monotonic() + CONNECTION_SECONDS
    i = 0
    try:
        while time.monotonic() < deadline:
            conn.sendall(text[i % len(text):i % len(text) + 1])
            i += 1
            time.sleep(0.1)
    except OSError:
        pass


MODES = {"tarpit": tarpit, "banner": banner, "reset": reset, "trickle": trickle}


def handle(mode, conn, port):
    try:
        MODES[mode](conn, port)
    finally:
        conn.close()
        slots.release()


def serve(mode, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(64)
    while True:
        conn, peer = listener.accept()
        if ipaddress.ip_address(peer[0]) not in LAB or not slots.acquire(blocking=False):
            conn.close()
            continue
        threading.Thread(target=handle, args=(mode, conn, port), daemon=True).start()


def main() -> int:
    spec = os.environ.get("HOSTILE_PORTS", "")
    max_seconds = int(os.environ.get("LAB_MAX_SECONDS", "3900"))
    plan = []
    for part in filter(None, spec.split(";")):
        mode, _, ports = part.partition("=")
        if mode not in MODES:
            print(f"hostile: unknown mode {mode}", file=sys.stderr)
            return 2
        plan += [(mode, int(p)) for p in ports.split(",") if p]
    if not plan:
        print("hostile: HOSTILE_PORTS is empty", file=sys.stderr)
        return 2
    for mode, port in plan:
        threading.Thread(target=serve, args=(mode, port), daemon=True).start()
    print(f"hostile: serving {spec}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait(max_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
