#!/usr/bin/python3
"""A real RTSP server (GStreamer gst-rtsp-server) for the Mamori lab and loopback tests.

Configured by the environment:
  RTSP_ADDRESS  address to bind (default 0.0.0.0; the lab runs it in a device namespace,
                the unit tests on 127.0.0.1)
  RTSP_PORT     port (default 554)
  RTSP_PATHS    comma-separated mount paths (default /live); a query string in a client URL
                is ignored when matching, e.g. /cam/realmonitor serves
                /cam/realmonitor?channel=1&subtype=0 as Dahua recorders do
  RTSP_USER, RTSP_PASS   if both set, every path needs them (Digest); otherwise the
                streams are open to anyone (the weakness the lab plants)
  RTSP_AUTH     "digest" (default) or "basic": the only scheme the server offers
  LAB_MAX_SECONDS        stop by itself after this long (default 3900)
Serves a 320x240 5 fps MJPEG videotestsrc stream. Stops on SIGTERM/SIGINT.
"""
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PIPELINE = (
    "( videotestsrc is-live=true pattern=smpte "
    "! video/x-raw,format=I420,width=320,height=240,framerate=5/1 "
    "! jpegenc quality=60 ! rtpjpegpay name=pay0 pt=26 )"
)
ROLE = "viewer"


def main() -> int:
    address = os.environ.get("RTSP_ADDRESS", "0.0.0.0")
    port = os.environ.get("RTSP_PORT", "554")
    paths = [p for p in os.environ.get("RTSP_PATHS", "/live").split(",") if p]
    user, password = os.environ.get("RTSP_USER"), os.environ.get("RTSP_PASS")
    max_seconds = int(os.environ.get("LAB_MAX_SECONDS", "3900"))
    Gst.init(None)

    server = GstRtspServer.RTSPServer()
    server.set_address(address)
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE)
    factory.set_shared(True)
    if user and password:
        perms = GstRtspServer.RTSPPermissions()
        perms.add_permission_for_role(ROLE, "media.factory.access", True)
        perms.add_permission_for_role(ROLE, "media.factory.construct", True)
        factory.set_permissions(perms)
        auth = GstRtspServer.RTSPAuth()
        auth.set_realm("Mamori RTSP")
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", ROLE)
        if os.environ.get("RTSP_AUTH", "digest") == "basic":
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        else:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(user, password, token)
        server.set_auth(auth)
    mounts = server.get_mount_points()
    for path in paths:
        mounts.add_factory(path, factory)

    if server.attach(None) == 0:
        print(f"rtsp-server: cannot listen on {address}:{port}", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    GLib.timeout_add_seconds(max_seconds, loop.quit)
    mode = f"{os.environ.get('RTSP_AUTH', 'digest')} auth" if user and password else "no auth"
    print(f"rtsp-server: listening on {address}:{port} {paths} ({mode})", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
