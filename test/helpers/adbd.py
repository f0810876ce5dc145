#!/usr/bin/python3
"""A test Android debug bridge daemon (device side) on 127.0.0.1, Python standard library only.

Debian ships no adbd (only the host-side `adb`), so this speaks the device side of the ADB
transport protocol (AOSP system/core/adb/protocol.txt) — enough for a real `adb` client to list
it as a device — and nothing more: it never runs a command; every OPEN is answered with CLSE.

  adbd.py PORT MODE [--host ADDRESS] [--legacy] [--log FILE]

MODE:
  open   answers CNXN with CNXN and a device banner (no key authorisation: the finding)
  auth   answers CNXN with AUTH TOKEN, refuses every signature, never accepts a public key
         (how a device with USB debugging authorisation behaves: `adb devices` says unauthorized)
  tls    answers CNXN with STLS (Android 11+ wireless debugging, TLS pairing required)
--host    listen on this address (default 127.0.0.1)
--legacy  protocol version 0x01000000 with payload checksums and 4 kB payloads (Android < 7)
--log     appends the name of every command received, one per line (tests check what a client sent)

Stops on SIGTERM, or by itself after MAX_SECONDS (default 600).
"""
import os
import signal
import socket
import struct
import sys
import threading

CNXN, AUTH, OPEN, CLSE, STLS = 0x4E584E43, 0x48545541, 0x4E45504F, 0x45534C43, 0x534C5453
NAMES = {CNXN: 'CNXN', AUTH: 'AUTH', OPEN: 'OPEN', CLSE: 'CLSE', STLS: 'STLS', 0x59414B4F: 'OKAY', 0x45545257: 'WRTE'}
BANNER = b'device::ro.product.name=mamori_tvbox;ro.product.model=Mamori TV Box;ro.product.device=mamori_tvbox;features=shell_v2,cmd'
MAX_PAYLOAD_ACCEPTED = 1024 * 1024


def message(command, arg0, arg1, payload, legacy):
    checksum = sum(payload) & 0xFFFFFFFF if legacy else 0
    return struct.pack('<6I', command, arg0, arg1, len(payload), checksum, command ^ 0xFFFFFFFF) + payload


def read_exact(conn, size):
    data = b''
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(conn, mode, legacy, log):
    version = 0x01000000 if legacy else 0x01000001
    max_data = 4096 if legacy else 256 * 1024
    conn.settimeout(30)
    try:
        while True:
            header = read_exact(conn, 24)
            if header is None:
                return
            command, arg0, arg1, length, _checksum, magic = struct.unpack('<6I', header)
            if magic != command ^ 0xFFFFFFFF or length > MAX_PAYLOAD_ACCEPTED:
                return
            payload = read_exact(conn, length) if length else b''
            if payload is None:
                return
            if log:
                with open(log, 'a') as out:
                    out.write(NAMES.get(command, hex(command)) + '\n')
            if command == CNXN:
                if mode == 'open':
                    conn.sendall(message(CNXN, version, max_data, BANNER, legacy))
                elif mode == 'auth':
                    conn.sendall(message(AUTH, 1, 0, os.urandom(20), legacy))
                else:
                    conn.sendall(message(STLS, 0x01000000, 0, b'', legacy))
            elif command == AUTH and mode == 'auth':
                if arg0 == 2:  # a signature: no key is trusted, ask again (as adbd does)
                    conn.sendall(message(AUTH, 1, 0, os.urandom(20), legacy))
                # arg0 == 3 (a public key): a real device would ask its user; nobody answers here.
            elif command == OPEN:
                conn.sendall(message(CLSE, 0, arg0, b'', legacy))  # never run anything
    except OSError:
        return
    finally:
        conn.close()


def main():
    args = sys.argv[1:]
    port, mode = int(args[0]), args[1]
    if mode not in ('open', 'auth', 'tls'):
        raise SystemExit('MODE must be open, auth or tls')
    legacy = '--legacy' in args
    log = args[args.index('--log') + 1] if '--log' in args else None
    host = args[args.index('--host') + 1] if '--host' in args else '127.0.0.1'
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.alarm(int(os.environ.get('MAX_SECONDS', '600')))
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(16)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn, mode, legacy, log), daemon=True).start()


if __name__ == '__main__':
    main()
