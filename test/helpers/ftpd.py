#!/usr/bin/python3
"""Loopback FTP server for the credential tests: pyftpdlib (Debian python3-pyftpdlib), one virtual
user, no system account, no root. Appends one line per PASS ("ok" or "fail", never the password)
to TRIES. With THROTTLE_AFTER=N, every login after N failures gets "421 too many" and is closed.
Stops on SIGTERM and by itself after MAX_SECONDS."""
import os
import signal
import sys
import threading

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

port, user, password, home, tries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
throttle_after = int(os.environ.get("THROTTLE_AFTER", "0"))
failures = 0


def log(line):
    with open(tries, "a", encoding="ascii") as f:
        f.write(line + "\n")


class Handler(FTPHandler):
    banner = "220 Mamori test FTP"

    def ftp_USER(self, line):
        if throttle_after and failures >= throttle_after:
            log("throttled")
            self.respond("421 Too many login failures, try again later.")
            self.close_when_done()
            return
        return super().ftp_USER(line)

    def on_login(self, username):
        log("ok")

    def on_login_failed(self, username, password):
        global failures
        failures += 1
        log("fail")


authorizer = DummyAuthorizer()
authorizer.add_user(user, password, home, perm="el")
Handler.authorizer = authorizer
Handler.max_login_attempts = 1
# pyftpdlib delays a 530 by 3 s against brute force; keep the tests quick (vsftpd waits 1 s)
# unless FAIL_DELAY asks for a real server's delay.
Handler.auth_failed_timeout = float(os.environ.get("FAIL_DELAY", "0.1"))
server = FTPServer(("127.0.0.1", port), Handler)
server.max_cons = 32
signal.signal(signal.SIGTERM, lambda *_: server.close_all())
threading.Timer(float(os.environ.get("MAX_SECONDS", "300")), server.close_all).start()
server.serve_forever(timeout=0.5, blocking=True, handle_exit=True)
os._exit(0)
