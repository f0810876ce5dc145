#!/usr/bin/python3
"""Mamori lab probes (Python stdlib only), run from inside mamori-scan.

  probe.py ports EXPECTED_JSON          open TCP ports of portList, per device (JSON)
  probe.py mdns                         DNS-SD browse of every service (JSON)
  probe.py ssdp                         M-SEARCH ssdp:all + device descriptions (JSON)
  probe.py http IP PORT PATH [USER PASS]  status line of a GET (Basic auth if given)
  probe.py rtsp IP PATH [USER PASS]     status of DESCRIBE (Digest auth if given)
  probe.py telnet IP USER PASS          "ok" or "refused" after a login attempt
  probe.py tls IP PORT                  protocol, cipher, self-signed?, TLS 1.1 accepted?
  probe.py verify EXPECTED_JSON         all of the above against expected.json (PASS/FAIL)

Safety: every target must be inside the lab subnet 10.77.0.0/24 (or the mDNS
/ SSDP multicast groups); anything else is refused before a packet is sent.
Every wait has a timeout.
"""
import base64
import hashlib
import ipaddress
import json
import os
import re
import socket
import ssl
import struct
import sys
import time
import urllib.parse
import warnings
from concurrent.futures import ThreadPoolExecutor

LAB = ipaddress.ip_network("10.77.0.0/24")
SCANNER_IP = "10.77.0.2"


def lab_only(ip: str) -> str:
    if ipaddress.ip_address(ip) not in LAB:
        sys.exit(f"probe.py: refusing {ip}: outside the lab subnet {LAB}")
    return ip


# ---------------------------------------------------------------- TCP ports
def tcp_open(ip: str, port: int, timeout: float = 0.7) -> bool:
    try:
        with socket.create_connection((lab_only(ip), port), timeout=timeout):
            return True
    except OSError:
        return False


def scan_ports(exp: dict) -> dict:
    ports = exp["portList"]
    out = {}
    with ThreadPoolExecutor(max_workers=32) as pool:
        for dev in exp["devices"]:
            ip = lab_only(dev["ip"])
            res = list(pool.map(lambda p, ip=ip: (p, tcp_open(ip, p)), ports))
            out[dev["name"]] = {"ip": ip, "open": [p for p, ok in res if ok], "expected": dev["tcpPorts"]}
    return out


def cmd_ports(expected_path: str) -> None:
    print(json.dumps(scan_ports(json.load(open(expected_path))), indent=1))


# ---------------------------------------------------------------- DNS / mDNS
def dns_name(msg: bytes, off: int):
    labels, jumped, end = [], False, off
    for _ in range(64):  # bounded: at most 64 labels / pointers
        n = msg[off]
        if n >= 0xC0:
            if not jumped:
                end = off + 2
            off, jumped = ((n & 0x3F) << 8) | msg[off + 1], True
            continue
        if n == 0:
            return ".".join(labels), (end if jumped else off + 1)
        labels.append(msg[off + 1:off + 1 + n].decode("utf-8", "replace"))
        off += 1 + n
    raise ValueError("bad name")


def dns_query(name: str, qtype: int) -> bytes:
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack(">HHHHHH", 0x4D4D, 0, 1, 0, 0, 0) + q + struct.pack(">HH", qtype, 1)


def dns_records(msg: bytes):
    _, _, qd, an, ns, ar = struct.unpack(">HHHHHH", msg[:12])
    off = 12
    for _ in range(qd):
        _, off = dns_name(msg, off)
        off += 4
    for _ in range(an + ns + ar):
        name, off = dns_name(msg, off)
        rtype, _, _, rdlen = struct.unpack(">HHIH", msg[off:off + 10])
        off += 10
        rd = msg[off:off + rdlen]
        if rtype == 12:
            val = dns_name(msg, off)[0]
        elif rtype == 33:
            prio, weight, port = struct.unpack(">HHH", rd[:6])
            val = {"port": port, "target": dns_name(msg, off + 6)[0]}
        elif rtype == 16:
            val, i = [], 0
            while i < len(rd):
                val.append(rd[i + 1:i + 1 + rd[i]].decode("utf-8", "replace"))
                i += 1 + rd[i]
        elif rtype == 1:
            val = socket.inet_ntoa(rd)
        else:
            val = None
        off += rdlen
        yield name, rtype, val


def mdns_ask(name: str, qtype: int, wait: float = 1.0):
    """One legacy-unicast mDNS query (source port != 5353): responders answer us directly."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(SCANNER_IP))
    s.bind((SCANNER_IP, 0))
    s.sendto(dns_query(name, qtype), ("224.0.0.251", 5353))
    end, got = time.time() + wait, []
    while time.time() < end:
        s.settimeout(max(0.05, end - time.time()))
        try:
            data, (ip, _) = s.recvfrom(9000)
        except socket.timeout:
            break
        if ipaddress.ip_address(ip) in LAB:
            got += [(ip, *r) for r in dns_records(data)]
    s.close()
    return got


def mdns_browse() -> list:
    types = sorted({v for _, n, t, v in mdns_ask("_services._dns-sd._udp.local", 12) if t == 12})
    services = []
    for typ in types:
        recs = mdns_ask(typ, 12, 0.6)
        for ip, n, t, inst in recs:
            if t != 12 or n != typ:
                continue
            more = recs
            if not any(nn == inst and tt == 33 for _, nn, tt, _ in recs):
                more = recs + mdns_ask(inst, 255, 0.5)
            srv = next((v for _, nn, tt, v in more if nn == inst and tt == 33), {})
            txt = next((v for _, nn, tt, v in more if nn == inst and tt == 16), [])
            services.append({"ip": ip, "type": typ.removesuffix(".local"),
                             "name": inst.removesuffix("." + typ), "port": srv.get("port"),
                             "host": srv.get("target"), "txt": txt})
    return sorted(services, key=lambda s: (s["ip"], s["type"]))


def cmd_mdns() -> None:
    print(json.dumps(mdns_browse(), indent=1))


# ---------------------------------------------------------------- SSDP / UPnP
def ssdp_search() -> list:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(SCANNER_IP))
    s.bind((SCANNER_IP, 0))
    msg = (b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
           b"MX: 1\r\nST: ssdp:all\r\n\r\n")
    for _ in range(2):
        s.sendto(msg, ("239.255.255.250", 1900))
    end, found = time.time() + 2.0, {}
    while time.time() < end:
        s.settimeout(max(0.05, end - time.time()))
        try:
            data, (ip, _) = s.recvfrom(4096)
        except socket.timeout:
            break
        hdr = dict((k.strip().upper(), v.strip()) for k, _, v in
                   (line.partition(":") for line in data.decode("latin-1").split("\r\n")[1:] if ":" in line))
        dev = found.setdefault(ip, {"ip": ip, "location": hdr.get("LOCATION"), "server": hdr.get("SERVER"), "st": []})
        dev["st"].append(hdr.get("ST"))
    for dev in found.values():
        loc = urllib.parse.urlsplit(dev["location"] or "")
        if loc.hostname and ipaddress.ip_address(loc.hostname) in LAB:
            status, body = http_get(loc.hostname, loc.port or 80, loc.path or "/")
            for tag in ("deviceType", "manufacturer", "modelName", "modelNumber", "friendlyName", "UDN"):
                m = re.search(rf"<{tag}>([^<]*)</{tag}>", body)
                dev[tag] = m.group(1) if m else None
        dev["st"] = sorted(set(dev["st"]))
    return list(found.values())


def cmd_ssdp() -> None:
    print(json.dumps(ssdp_search(), indent=1))


# ---------------------------------------------------------------- HTTP / RTSP
def recv_all(sock: socket.socket, limit: int = 65536) -> bytes:
    data = b""
    while len(data) < limit:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


def http_get(ip: str, port: int, path: str, user=None, pw=None):
    hdrs = f"GET {path} HTTP/1.0\r\nHost: {ip}\r\n"
    if user is not None:
        hdrs += "Authorization: Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode() + "\r\n"
    with socket.create_connection((lab_only(ip), port), timeout=3) as s:
        s.sendall((hdrs + "\r\n").encode())
        resp = recv_all(s).decode("latin-1")
    head, _, body = resp.partition("\r\n\r\n")
    return head.split("\r\n")[0], body


def cmd_http(ip, port, path, user=None, pw=None) -> None:
    status, body = http_get(ip, int(port), path, user, pw)
    print(status)
    print(body[:300])


def rtsp(sock, method, url, cseq, extra=""):
    sock.sendall(f"{method} {url} RTSP/1.0\r\nCSeq: {cseq}\r\n{extra}\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.decode("latin-1").partition("\r\n\r\n")
    hdr = dict((k.strip().lower(), v.strip()) for k, _, v in (l.partition(":") for l in head.split("\r\n")[1:]))
    n = int(hdr.get("content-length", 0))
    while len(rest) < n:
        chunk = sock.recv(4096)
        if not chunk:
            break
        rest += chunk.decode("latin-1")
    return head.split("\r\n")[0], hdr, rest


def rtsp_check(ip, path, user=None, pw=None) -> list:
    """[(step, status line, detail)] for OPTIONS, DESCRIBE, and DESCRIBE with Digest credentials."""
    url = f"rtsp://{lab_only(ip)}:554{path}"
    out = []
    with socket.create_connection((ip, 554), timeout=3) as s:
        out.append(("OPTIONS", rtsp(s, "OPTIONS", url, 1)[0], ""))
        status, hdr, _ = rtsp(s, "DESCRIBE", url, 2, "Accept: application/sdp\r\n")
        out.append(("DESCRIBE", status, "WWW-Authenticate: %s" % hdr.get("www-authenticate")))
        if user is None:
            return out
        realm = re.search(r'realm="([^"]*)"', hdr.get("www-authenticate", "")).group(1)
        nonce = re.search(r'nonce="([^"]*)"', hdr.get("www-authenticate", "")).group(1)
        md5 = lambda x: hashlib.md5(x.encode()).hexdigest()  # noqa: E731
        resp = md5(f"{md5(f'{user}:{realm}:{pw}')}:{nonce}:{md5(f'DESCRIBE:{url}')}")
        auth = (f'Authorization: Digest username="{user}", realm="{realm}", nonce="{nonce}", '
                f'uri="{url}", response="{resp}"\r\n')
        status, hdr, body = rtsp(s, "DESCRIBE", url, 3, "Accept: application/sdp\r\n" + auth)
        out.append((f"DESCRIBE as {user}", status, "SDP media: %s" % [x for x in body.splitlines() if x.startswith("m=")]))
    return out


def cmd_rtsp(*args) -> None:
    for step, status, detail in rtsp_check(*args):
        print(f"{step} -> {status} | {detail}")


# ---------------------------------------------------------------- telnet
def telnet_read(s, until, buf: bytearray, timeout=3.0) -> str:
    """Read, refusing every option (IAC DO x -> WONT x, IAC WILL x -> DONT x), until a regex matches."""
    end = time.time() + timeout
    text = ""
    while time.time() < end:
        s.settimeout(max(0.05, end - time.time()))
        try:
            chunk = s.recv(1024)
        except socket.timeout:
            break
        if not chunk:
            break
        i = 0
        while i < len(chunk):
            if chunk[i] == 255 and i + 2 < len(chunk):
                cmd, opt = chunk[i + 1], chunk[i + 2]
                if cmd == 253:
                    s.sendall(bytes([255, 252, opt]))
                elif cmd == 251:
                    s.sendall(bytes([255, 254, opt]))
                i += 3
            else:
                buf.append(chunk[i])
                i += 1
        text = buf.decode("latin-1")
        if re.search(until, text):
            break
    return text


def telnet_login(ip, user, pw) -> str:
    with socket.create_connection((lab_only(ip), 23), timeout=3) as s:
        buf = bytearray()
        telnet_read(s, r"login: $", buf)
        s.sendall(user.encode() + b"\r\n")
        telnet_read(s, r"Password: $", buf)
        s.sendall(pw.encode() + b"\r\n")
        text = telnet_read(s, r"(Login incorrect|# $)", buf)
        if text.rstrip().endswith("#"):
            s.sendall(b"id\r\n")
            text = telnet_read(s, r"not found", buf)
            s.sendall(b"exit\r\n")
            return "ok: " + next((x.strip() for x in text.splitlines() if "not found" in x), "?")
        return "refused: Login incorrect" if "Login incorrect" in text else "refused: ?"


def cmd_telnet(ip, user, pw) -> None:
    print(telnet_login(ip, user, pw))


# ---------------------------------------------------------------- TLS
def tls_check(ip, port) -> dict:
    port, res = int(port), {}
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection((lab_only(ip), port), timeout=3) as raw:
        with ctx.wrap_socket(raw) as t:
            der = t.getpeercert(binary_form=True)
            res.update(protocol=t.version(), cipher=t.cipher()[0], certBytes=len(der))
    verify = ssl.create_default_context()
    verify.check_hostname = False
    try:
        with socket.create_connection((ip, port), timeout=3) as raw, verify.wrap_socket(raw):
            res["certificate"] = "verifies against the system CAs"
    except ssl.SSLCertVerificationError as e:
        res["certificate"] = e.verify_message
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.set_ciphers("DEFAULT@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
    try:
        with socket.create_connection((ip, port), timeout=3) as raw, old.wrap_socket(raw):
            res["tls11"] = "accepted"
    except (ssl.SSLError, OSError) as e:
        res["tls11"] = "refused (%s)" % getattr(e, "reason", e)
    return res


def cmd_tls(ip, port) -> None:
    print(json.dumps(tls_check(ip, port)))


# ---------------------------------------------------------------- verify
def cmd_verify(expected_path: str) -> None:
    """Check the running lab against expected.json; prints PASS/FAIL lines and a summary."""
    exp = json.load(open(expected_path))
    env = os.environ
    dev = {d["name"]: d for d in exp["devices"]}
    results = []

    def check(name, ok, detail=""):
        results.append(bool(ok))
        print(("PASS " if ok else "FAIL ") + name + (f"  [{detail}]" if detail else ""), flush=True)

    def attempt(name, fn, want):
        try:
            got = fn()
        except Exception as e:  # noqa: BLE001 - report any probe failure as FAIL
            got = f"error: {e!r}"
        check(name, want(got), got if isinstance(got, str) else json.dumps(got)[:160])

    for name, r in scan_ports(exp).items():
        check(f"tcp ports of {name} = {r['expected']}", r["open"] == r["expected"], f"open {r['open']}")

    cam, nas, hub = dev["ip-camera"]["ip"], dev["nas"]["ip"], dev["mqtt-hub"]["ip"]
    u, p = env["LAB_CAM_TELNET_USER"], env["LAB_CAM_TELNET_PASS"]
    attempt("telnet: factory pair logs in to a fake '# ' prompt", lambda: telnet_login(cam, u, p),
            lambda g: g.startswith("ok: -sh: id: not found"))
    attempt("telnet: wrong pair gets 'Login incorrect'", lambda: telnet_login(cam, u, p + "x"),
            lambda g: g == "refused: Login incorrect")
    u, p = env["LAB_CAM_HTTP_USER"], env["LAB_CAM_HTTP_PASS"]
    attempt("http cam: no credentials -> 401", lambda: http_get(cam, 80, "/")[0], lambda g: " 401 " in g)
    attempt("http cam: factory pair -> 200", lambda: http_get(cam, 80, "/ISAPI/System/deviceInfo", u, p)[0],
            lambda g: " 200 " in g)
    attempt("http cam: wrong pair -> 401", lambda: http_get(cam, 80, "/", u, p + "x")[0], lambda g: " 401 " in g)
    u, p = env["LAB_CAM_RTSP_USER"], env["LAB_CAM_RTSP_PASS"]
    attempt("rtsp: DESCRIBE without credentials -> 401 Digest, with factory pair -> 200 + video",
            lambda: rtsp_check(cam, "/stream1", u, p),
            lambda g: " 401 " in g[1][1] and "Digest" in g[1][2] and " 200 " in g[2][1] and "m=video" in g[2][2])
    attempt("rtsp: wrong pair -> 401", lambda: rtsp_check(cam, "/Streaming/Channels/101", u, p + "x")[2][1],
            lambda g: " 401 " in g)

    def ftp_anon():
        import ftplib
        f = ftplib.FTP(nas, timeout=3)
        try:
            return [f.login(), f.nlst("/pub")]
        finally:
            f.close()
    attempt("ftp: anonymous login lists /pub", ftp_anon, lambda g: g[0].startswith("230") and "/pub/README.txt" in g[1])

    def mqtt_anon():  # MQTT 3.1.1 CONNECT without credentials, then read CONNACK
        cid = b"mamori-verify"
        var = b"\x00\x04MQTT\x04\x02\x00\x0a" + struct.pack(">H", len(cid)) + cid
        with socket.create_connection((lab_only(hub), 1883), timeout=3) as s:
            s.sendall(bytes([0x10, len(var)]) + var)
            ack = s.recv(4)
            s.sendall(b"\xe0\x00")
        return list(ack)
    attempt("mqtt: anonymous CONNECT accepted (CONNACK rc 0)", mqtt_anon, lambda g: g == [0x20, 2, 0, 0])

    def snmp_get(community):  # SNMPv2c GET sysName.0, hand-encoded BER
        oid = bytes([0x06, 0x08, 0x2B, 6, 1, 2, 1, 1, 5, 0])
        vb = b"\x30" + bytes([len(oid) + 2]) + oid + b"\x05\x00"
        vbl = b"\x30" + bytes([len(vb)]) + vb
        pdu_body = b"\x02\x01\x2a\x02\x01\x00\x02\x01\x00" + vbl
        pdu = b"\xa0" + bytes([len(pdu_body)]) + pdu_body
        c = community.encode()
        body = b"\x02\x01\x01\x04" + bytes([len(c)]) + c + pdu
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(1.5)
        s.sendto(b"\x30" + bytes([len(body)]) + body, (lab_only(nas), 161))
        try:
            return s.recv(2048)
        except socket.timeout:
            return b"timeout"
        finally:
            s.close()
    attempt("snmp: community from lab.env answers sysName",
            lambda: re.sub(r"[^ -~]", ".", snmp_get(env["LAB_NAS_SNMP_COMMUNITY"]).decode("latin-1")),
            lambda g: "diskstation" in g)
    attempt("snmp: a wrong community gets no answer", lambda: snmp_get("mamori-wrong").decode("latin-1"),
            lambda g: g == "timeout")

    sec = dev["secure-hub"]["ip"]
    attempt("https secure-hub: TLS 1.2+, self-signed, TLS 1.1 refused", lambda: tls_check(sec, 443),
            lambda g: g["protocol"] in ("TLSv1.2", "TLSv1.3") and "self-signed" in g["certificate"]
            and g["tls11"].startswith("refused"))

    def ssh_banner():
        with socket.create_connection((lab_only(sec), 22), timeout=3) as s:
            return s.recv(64).decode("latin-1").strip()
    attempt("ssh secure-hub: OpenSSH banner", ssh_banner, lambda g: g.startswith("SSH-2.0-OpenSSH"))

    plug = dev["smart-plug"]["ip"]
    attempt("http plug: /api/status without credentials -> 200 JSON", lambda: http_get(plug, 80, "/api/status"),
            lambda g: " 200 " in g[0] and json.loads(g[1])["StatusNET"]["Hostname"] == "smart-plug")
    attempt("http plug: /cm?cmnd=Power -> 200 JSON", lambda: http_get(plug, 80, "/cm?cmnd=Power"),
            lambda g: " 200 " in g[0] and "POWER" in json.loads(g[1]))

    want_mdns = sorted((d["ip"], m["type"], m["name"], m["port"]) for d in exp["devices"] for m in d["mdns"])
    attempt("mdns: DNS-SD browse finds exactly the expected services",
            lambda: sorted((s["ip"], s["type"], s["name"], s["port"]) for s in mdns_browse()),
            lambda g: g == want_mdns)
    want_upnp = [(d["ip"], d["upnp"]) for d in exp["devices"] if d["upnp"]]

    def upnp():
        return [(r["ip"], {"location": r["location"], "deviceType": r["deviceType"], "manufacturer": r["manufacturer"],
                           "modelName": r["modelName"], "modelNumber": r["modelNumber"],
                           "friendlyName": r["friendlyName"], "udn": r["UDN"]}) for r in ssdp_search()]
    # Answers arrive in any order: compare by address.
    attempt("ssdp: M-SEARCH finds exactly the expected UPnP devices", upnp,
            lambda g: sorted(g, key=lambda r: r[0]) == sorted(want_upnp, key=lambda r: r[0]))

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    {"ports": cmd_ports, "mdns": cmd_mdns, "ssdp": cmd_ssdp, "http": cmd_http,
     "rtsp": cmd_rtsp, "telnet": cmd_telnet, "tls": cmd_tls, "verify": cmd_verify}[cmd](*args)


if __name__ == "__main__":
    main()
