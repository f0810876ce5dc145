#!/usr/bin/python3
"""Mamori lab DVR web UI (CGI under lighttpd): HTTP Basic that ACCEPTS ANY PASSWORD.

Every path asks for HTTP Basic authentication (401 + WWW-Authenticate). Any
request that carries a Basic header with a non-empty user name is let in,
whatever the password: the firmware bug the credential check must report once
as "accepts any password". Each authenticated try appends one line (the time,
never the credential) to $DVR_TRIES. Stdlib only, reads nothing but headers.
"""
import base64
import os
import sys
import time

REALM = "DVR Web Service"


def out(status, body, extra=()):
    sys.stdout.write(f"Status: {status}\r\nContent-Type: text/html\r\n")
    for header in extra:
        sys.stdout.write(header + "\r\n")
    sys.stdout.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}")


def main():
    auth = os.environ.get("HTTP_AUTHORIZATION", "")
    user = None
    if auth.lower().startswith("basic "):
        try:
            user = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace").split(":", 1)[0]
        except ValueError:
            user = None
        with open(os.environ["DVR_TRIES"], "a", encoding="ascii") as tries:
            tries.write(f"{time.time():.3f}\n")
    if not user:
        out("401 Unauthorized", "<html><head><title>401 Unauthorized</title></head><body>Unauthorized</body></html>",
            [f'WWW-Authenticate: Basic realm="{REALM}"'])
        return
    out("200 OK", "<html><head><title>WEB SERVICE</title></head><body><h1>DVR</h1><p>Live view, playback, setup.</p></body></html>")


main()
