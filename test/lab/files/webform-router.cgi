#!/usr/bin/python3
"""A router web UI with a plain HTML login form, a CSRF token and a session cookie (CGI).

Played under lighttpd (url.rewrite of every path to this script). GET of any page without a
logged-in session serves the login page: a form (POST /cgi-bin/login) with user name, password,
a hidden per-session csrf_token and a named submit button, and a SESSIONID cookie. POST
/cgi-bin/login needs that cookie and its token (else 403 "Invalid CSRF token"); the right pair
gets the status page (no form) and a new AUTH cookie, a wrong one gets the login page again with
"Invalid username or password." After LOCK_AFTER failures in 60 s every answer is 429 "Too many
failed attempts". WEBFORM_MODE=never: a page that never accepts (every pair gets the form back,
with no failure text). WEBFORM_ACTION replaces the form's action (a test points it at another
host or port, which a scanner must not follow). Each try appends one line (the time, never the
credential) to $WEBFORM_STATE/tries. Settings from the environment: WEBFORM_STATE, WEBFORM_USER,
WEBFORM_PASS, WEBFORM_MODE, WEBFORM_LOCK_AFTER, WEBFORM_TITLE, WEBFORM_ACTION. Stdlib only.
"""
import html
import os
import re
import secrets
import sys
import time
import urllib.parse

STATE = os.environ["WEBFORM_STATE"]
TITLE = os.environ.get("WEBFORM_TITLE", "Router Login")
LOCK_AFTER = int(os.environ.get("WEBFORM_LOCK_AFTER", "8"))
ACTION = os.environ.get("WEBFORM_ACTION", "/cgi-bin/login")
SID_RE = re.compile(r"^[0-9a-f]{32}$")


def out(status, body, headers=()):
    sys.stdout.write(f"Status: {status}\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n")
    for h in headers:
        sys.stdout.write(h + "\r\n")
    sys.stdout.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}")


def cookies():
    jar = {}
    for part in os.environ.get("HTTP_COOKIE", "").split(";"):
        k, _, v = part.strip().partition("=")
        if k:
            jar[k] = v
    return jar


def session_file(sid, kind):
    return os.path.join(STATE, f"{kind}-{sid}")


def read(path):
    try:
        with open(path, encoding="ascii") as f:
            return f.read().strip()
    except OSError:
        return None


def write(path, value):
    with open(path, "w", encoding="ascii") as f:
        f.write(value)


def login_page(sid, message=""):
    token = secrets.token_hex(16)
    write(session_file(sid, "csrf"), token)
    note = f'<p class="error">{html.escape(message)}</p>' if message else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>
<script>function check(){{return document.getElementById('pw').value.length>0;}}</script></head>
<body><div class="box"><h1>{html.escape(TITLE)}</h1>{note}
<form id="login" method="post" action="{html.escape(ACTION)}" onsubmit="return check()">
<input type="hidden" name="csrf_token" value="{token}">
<label>User name <input type="text" name="username" id="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" id="pw"></label>
<label><input type="checkbox" name="remember"> Remember me</label>
<input type="submit" name="login" value="Log in">
</form></div></body></html>"""


def failures():
    try:
        with open(os.path.join(STATE, "failures"), encoding="ascii") as f:
            times = [float(x) for x in f.read().split()[-50:]]
    except (OSError, ValueError):
        times = []
    return [t for t in times if time.time() - t < 60]


def main():
    jar = cookies()
    sid = jar.get("SESSIONID", "")
    new_cookie = []
    if not SID_RE.match(sid):
        sid = secrets.token_hex(16)
        new_cookie = [f"Set-Cookie: SESSIONID={sid}; Path=/; HttpOnly"]
    if len(failures()) >= LOCK_AFTER:
        out("429 Too Many Requests", "<html><body>Too many failed attempts. Try again later.</body></html>", ["Retry-After: 60"])
        return
    path = urllib.parse.urlsplit(os.environ.get("REQUEST_URI", "/")).path
    authed = SID_RE.match(jar.get("AUTH", "")) and read(session_file(jar["AUTH"], "auth")) == "ok"
    if os.environ.get("REQUEST_METHOD") == "POST" and path == "/cgi-bin/login":
        length = min(int(os.environ.get("CONTENT_LENGTH") or 0), 4096)
        form = urllib.parse.parse_qs(sys.stdin.read(length), keep_blank_values=True)
        with open(os.path.join(STATE, "tries"), "a", encoding="ascii") as tries:
            tries.write(f"{time.time():.3f}\n")
        expected = read(session_file(sid, "csrf"))
        if not new_cookie and expected and form.get("csrf_token", [""])[0] == expected:
            ok = (os.environ.get("WEBFORM_MODE") != "never"
                  and form.get("username", [""])[0] == os.environ["WEBFORM_USER"]
                  and form.get("password", [""])[0] == os.environ["WEBFORM_PASS"])
            if ok:
                auth = secrets.token_hex(16)
                write(session_file(auth, "auth"), "ok")
                out("200 OK", f"<html><head><title>{html.escape(TITLE)} - Status</title></head><body><h1>Status</h1>"
                    "<p>Internet: connected</p><a href=\"/cgi-bin/logout\">Log out</a></body></html>",
                    [f"Set-Cookie: AUTH={auth}; Path=/; HttpOnly"])
                return
            if os.environ.get("WEBFORM_MODE") == "never":
                out("200 OK", login_page(sid), new_cookie)
                return
            with open(os.path.join(STATE, "failures"), "a", encoding="ascii") as f:
                f.write(f"{time.time():.3f}\n")
            out("200 OK", login_page(sid, "Invalid username or password."), new_cookie)
            return
        out("403 Forbidden", "<html><body>Invalid CSRF token.</body></html>", new_cookie)
        return
    if authed:
        out("200 OK", "<html><head><title>Status</title></head><body><h1>Status</h1></body></html>")
        return
    out("200 OK", login_page(sid), new_cookie)


main()
