#!/usr/bin/python3
"""A camera web UI whose login form redirects on success (CGI, played under busybox httpd).

/index.html (static) holds the form: POST /cgi-bin/login.cgi with fields "user" and "pwd" and a
hidden "lang". The right pair gets 302 to /cgi-bin/main.cgi with a session cookie; a wrong pair
gets 302 to /index.html?error=1. /cgi-bin/main.cgi shows the live-view page to a valid session
and sends anyone else back to /index.html. WEBFORM_MODE=never: a page that never accepts — every
pair gets 302 to /cgi-bin/main.cgi WITHOUT a session, so main.cgi bounces it back to the login.
WEBFORM_MODE=any: the firmware bug of accepting any password for the right user name.
Each try appends one line (the time, never the credential) to $WEBFORM_STATE/tries. Settings from
the environment: WEBFORM_STATE, WEBFORM_USER, WEBFORM_PASS, WEBFORM_MODE. Stdlib only.
"""
import os
import re
import secrets
import sys
import time
import urllib.parse

STATE = os.environ["WEBFORM_STATE"]
SID_RE = re.compile(r"^[0-9a-f]{32}$")


def out(status, body="", headers=()):
    sys.stdout.write(f"Status: {status}\r\nContent-Type: text/html\r\n")
    for h in headers:
        sys.stdout.write(h + "\r\n")
    sys.stdout.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}")


def session_ok():
    for part in os.environ.get("HTTP_COOKIE", "").split(";"):
        k, _, v = part.strip().partition("=")
        if k == "session" and SID_RE.match(v) and os.path.exists(os.path.join(STATE, f"session-{v}")):
            return True
    return False


def main():
    script = os.path.basename(os.environ.get("SCRIPT_NAME", ""))
    if script == "main.cgi":
        if session_ok():
            out("200 OK", "<html><head><title>Live View</title></head><body><h1>Live View</h1><img src=\"/snapshot.jpg\"></body></html>")
        else:
            out("302 Found", "", ["Location: /index.html"])
        return
    if os.environ.get("REQUEST_METHOD") != "POST":
        out("302 Found", "", ["Location: /index.html"])
        return
    length = min(int(os.environ.get("CONTENT_LENGTH") or 0), 4096)
    form = urllib.parse.parse_qs(sys.stdin.read(length), keep_blank_values=True)
    with open(os.path.join(STATE, "tries"), "a", encoding="ascii") as tries:
        tries.write(f"{time.time():.3f}\n")
    if os.environ.get("WEBFORM_MODE") == "never":
        out("302 Found", "", ["Location: /cgi-bin/main.cgi"])
        return
    any_password = os.environ.get("WEBFORM_MODE") == "any"
    if form.get("user", [""])[0] == os.environ["WEBFORM_USER"] and (any_password or form.get("pwd", [""])[0] == os.environ["WEBFORM_PASS"]):
        sid = secrets.token_hex(16)
        open(os.path.join(STATE, f"session-{sid}"), "w", encoding="ascii").close()
        out("302 Found", "", [f"Set-Cookie: session={sid}; Path=/", "Location: /cgi-bin/main.cgi"])
        return
    out("302 Found", "", ["Location: /index.html?error=1"])


main()
