#!/usr/bin/python3
"""Mamori lab router web UI (CGI under lighttpd), in the style of ASUSWRT.

GET / and /Main_Login.asp serve the "ASUS Login" page (a form with a password
field, over plain HTTP). POST /login.cgi takes login_authorization =
base64(user:password) like ASUSWRT's httpd: the right pair gets 200 with a
Set-Cookie asus_token and a meta refresh (to Main_Password.asp while the
password is still the factory "admin"), a wrong one gets
<script>parent.location.href='/Main_Login.asp?error_status=3'</script>; after
5 failures within 60 s the answer carries lock_time (lockout). Any other path
redirects to the login page. Each login try appends one line (the time, never
the credential) to $ROUTER_STATE/tries. Stdlib only.
"""
import base64
import os
import secrets
import sys
import time
import urllib.parse

MAX_FAILURES = 5
LOCK_WINDOW = 60
LOGIN_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>ASUS Login</title></head>
<body><form method="post" name="form" action="/login.cgi" target="">
<input type="hidden" name="group_id" value=""><input type="hidden" name="action_mode" value="">
<input type="hidden" name="action_script" value=""><input type="hidden" name="action_wait" value="5">
<input type="hidden" name="current_page" value="Main_Login.asp"><input type="hidden" name="next_page" value="index.asp">
<input type="hidden" name="login_authorization" value="">
<div>Sign in with your ASUS router account</div>
<input type="text" name="login_username" autocomplete="off" placeholder="Username">
<input type="password" name="login_passwd" autocomplete="off" placeholder="Password">
<div class="button" onclick="login();">Sign In</div></form>
<script>function login(){document.form.login_authorization.value=btoa(document.form.login_username.value+':'+document.form.login_passwd.value);document.form.submit();}</script>
</body></html>
"""


def out(status, body, extra=()):
    sys.stdout.write(f"Status: {status}\r\nContent-Type: text/html\r\nCache-Control: no-cache\r\n")
    for header in extra:
        sys.stdout.write(header + "\r\n")
    sys.stdout.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}")


def failures(state):
    """Failure times within the lock window (bounded file, one float a line)."""
    try:
        with open(os.path.join(state, "failures"), encoding="ascii") as f:
            times = [float(x) for x in f.read().split()[-50:]]
    except (OSError, ValueError):
        times = []
    return [t for t in times if time.time() - t < LOCK_WINDOW]


def login(state):
    length = min(int(os.environ.get("CONTENT_LENGTH") or 0), 4096)
    form = urllib.parse.parse_qs(sys.stdin.read(length))
    with open(os.path.join(state, "tries"), "a", encoding="ascii") as tries:
        tries.write(f"{time.time():.3f}\n")
    recent = failures(state)
    if len(recent) >= MAX_FAILURES:
        out("200 OK", f"<HTML><HEAD>\n<script>parent.location.href='/Main_Login.asp?error_status=7&lock_time={LOCK_WINDOW}';</script>\n</HEAD></HTML>\n")
        return
    try:
        user, _, password = base64.b64decode(form.get("login_authorization", [""])[0]).decode("utf-8").partition(":")
    except ValueError:
        user, password = "", ""
    if secrets.compare_digest(user, os.environ["ROUTER_USER"]) and secrets.compare_digest(password, os.environ["ROUTER_PASS"]):
        nxt = "Main_Password.asp" if password == "admin" else "index.asp"
        out("200 OK", f'<HTML><HEAD>\n<meta http-equiv="refresh" content="0; url={nxt}">\r\n</HEAD></HTML>\n',
            [f"Set-Cookie: asus_token={secrets.token_hex(16)}; HttpOnly;"])
        return
    with open(os.path.join(state, "failures"), "a", encoding="ascii") as f:
        f.write(f"{time.time():.3f}\n")
    status = 7 if len(recent) + 1 >= MAX_FAILURES else 3
    lock = f"&lock_time={LOCK_WINDOW}" if status == 7 else ""
    out("200 OK", f"<HTML><HEAD>\n<script>parent.location.href='/Main_Login.asp?error_status={status}{lock}';</script>\n</HEAD></HTML>\n")


def main():
    state = os.environ["ROUTER_STATE"]
    path = os.environ.get("REQUEST_URI", "/").split("?", 1)[0]
    method = os.environ.get("REQUEST_METHOD", "GET")
    if path == "/login.cgi" and method == "POST":
        login(state)
    elif path in ("/", "/Main_Login.asp"):
        out("200 OK", LOGIN_PAGE)
    else:
        out("302 Found", "", ["Location: /Main_Login.asp"])


main()
