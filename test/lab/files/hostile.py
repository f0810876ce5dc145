#!/usr/bin/python3
"""Mamori lab hostile host: TCP servers that misbehave on purpose, so the scanner's
timeouts and byte caps are tested against something real.

  tarpit   accepts the connection and never sends a byte (reads and discards)
  banner   sends a 10 MB "banner" on connect (on an FTP port it starts like a
           never-ending multi-line 220 reply)
  reset    accepts, then resets the connection (RST, SO_LINGER 0)
  trickle  sends a text byte by byte, one every 100 ms, forever (never closes)
  httpauth answers any HTTP request 404 with "WWW-Authenticate: Basic " and 60 KB
           of "a" (a challenge-parameter regex went quadratic on it, issue #21)
  httptitle answers 404 with "<title" repeated over 60 KB (the old title regex
           went quadratic on it, issue #21)
  badcert  TLS (1.2+) with a certificate for 10.77.0.66 whose notAfter month is
           13: OpenSSL prints "Bad time value" (it once hid the TLS service,
           issue #21); signed by a throwaway CA, so it is not self-signed and
           raises nothing; then 404 to any HTTP request

And on UDP 5353 (mDNS), unless HOSTILE_MDNS=0: every legacy-unicast query (one
from a port other than 5353, as scanners send) is answered, to its sender only,
with issue #21's dns-packet TXT-overrun packets (1023 and 123 bytes, each as a
query and as a response); at most 64 answers a second. Real mDNS responders
(queries from port 5353) are never answered.

Ports come from HOSTILE_PORTS, e.g. "tarpit=80,443;banner=21;reset=8080;trickle=23".
Bounded: at most 64 connections at once (more are closed at once), every
connection ends after 300 s, peers outside 10.77.0.0/24 are closed without a
byte, and the process exits by itself after LAB_MAX_SECONDS. Stdlib and the
openssl command only.
"""
import base64
import ipaddress
import os
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
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


def read_request(conn):
    """Reads an HTTP request head (bounded: 8 KB, 10 s); True when one arrived."""
    conn.settimeout(10)
    data = b""
    try:
        while b"\r\n\r\n" not in data and len(data) < 8192:
            chunk = conn.recv(4096)
            if not chunk:
                return False
            data += chunk
    except OSError:
        return False
    return True


def answer_404(conn, extra_header=b"", body=b"not found"):
    if not read_request(conn):
        return
    head = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n" + extra_header
    head += b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n"
    try:
        conn.sendall(head + body)
    except OSError:
        pass


def httpauth(conn, _port):
    answer_404(conn, extra_header=b"WWW-Authenticate: Basic " + b"a" * 60_000 + b"\r\n")


def httptitle(conn, _port):
    answer_404(conn, body=b"<title" * 10_000)


TLS_CONTEXT = None


def badcert(conn, _port):
    try:
        with TLS_CONTEXT.wrap_socket(conn, server_side=True) as tls:
            answer_404(tls)
    except (OSError, ssl.SSLError):
        pass


def bad_date_tls_context():
    """A CA-signed certificate for this host, its notAfter month patched to 13."""
    work = tempfile.mkdtemp(prefix="hostile-tls-")
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=work, check=True, capture_output=True, timeout=30)

    openssl("req", "-x509", *key, "-subj", "/CN=Hostile Lab CA", "-days", "30", "-keyout", "ca.key", "-out", "ca.pem")
    openssl("req", "-new", *key, "-subj", "/CN=10.77.0.66", "-keyout", "leaf.key", "-out", "leaf.csr")
    with open(os.path.join(work, "ext"), "w") as ext:
        ext.write("subjectAltName=IP:10.77.0.66\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30",
            "-extfile", "ext", "-out", "leaf.pem")
    with open(os.path.join(work, "leaf.pem")) as pem:
        der = bytearray(base64.b64decode("".join(l for l in pem.read().splitlines() if not l.startswith("-----"))))
    validity = der.find(bytes([0x30, 0x1E, 0x17, 0x0D]))  # SEQUENCE of two UTCTimes
    if validity == -1:
        raise RuntimeError("no UTCTime validity in the certificate")
    month = validity + 2 + 15 + 2 + 2
    der[month:month + 2] = b"13"
    text = base64.b64encode(bytes(der)).decode()
    with open(os.path.join(work, "bad.pem"), "w") as pem:
        pem.write("-----BEGIN CERTIFICATE-----\n" + "\n".join(text[i:i + 64] for i in range(0, len(text), 64))
                  + "\n-----END CERTIFICATE-----\n")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(os.path.join(work, "bad.pem"), os.path.join(work, "leaf.key"))
    return context


MODES = {"tarpit": tarpit, "banner": banner, "reset": reset, "trickle": trickle,
         "httpauth": httpauth, "httptitle": httptitle, "badcert": badcert}

# Issue #21's mDNS reproducers: dns-packet 5.6.1's TXT decoder ran past the end and re-read every
# further record from byte 0 (1023 bytes: out of memory; 123 bytes: seconds and ~2 GB).
MDNS_HEAD = bytes.fromhex("000010000000ffffffffff00") + bytes.fromhex("000010000100000000ffff")
MDNS_ANSWERS = []
for _tail in (1000, 100):
    _packet = MDNS_HEAD + b"\x00" * _tail
    MDNS_ANSWERS += [_packet, _packet[:2] + b"\x84\x00" + _packet[4:]]
MDNS_PER_SECOND = 64


def serve_mdns():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("0.0.0.0", 5353))
    membership = struct.pack("4s4s", socket.inet_aton("224.0.0.251"), socket.inet_aton("0.0.0.0"))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
    window, sent = int(time.monotonic()), 0
    while True:
        try:
            message, (address, port) = sock.recvfrom(9000)
        except OSError:
            continue
        # Only legacy-unicast queries (a scanner's ephemeral port), from the lab, QR bit clear.
        if port == 5353 or ipaddress.ip_address(address) not in LAB or len(message) < 12 or message[2] & 0x80:
            continue
        now = int(time.monotonic())
        if now != window:
            window, sent = now, 0
        for answer in MDNS_ANSWERS:
            if sent >= MDNS_PER_SECOND:
                break
            sent += 1
            try:
                sock.sendto(answer, (address, port))
            except OSError:
                pass


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
    if any(mode == "badcert" for mode, _ in plan):
        global TLS_CONTEXT
        TLS_CONTEXT = bad_date_tls_context()
    if os.environ.get("HOSTILE_MDNS", "1") != "0":
        threading.Thread(target=serve_mdns, daemon=True).start()
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
