#!/usr/bin/python3
"""Mamori lab camera: a real RTSP server (GStreamer gst-rtsp-server).

Serves a videotestsrc MJPEG stream at /stream1 and /Streaming/Channels/101
(the Hikvision path) on port 554. Every request for a stream (DESCRIBE, SETUP,
PLAY) needs the credential LAB_CAM_RTSP_USER / LAB_CAM_RTSP_PASS, with Digest
authentication; without it the server answers 401 with WWW-Authenticate.
Stops on SIGTERM/SIGINT, and by itself after LAB_MAX_SECONDS.
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
    "( videotestsrc is-live=true pattern=ball "
    "! video/x-raw,format=I420,width=320,height=240,framerate=5/1 "
    "! jpegenc quality=60 ! rtpjpegpay name=pay0 pt=26 )"
)
ROLE = "admin"


def main() -> int:
    user = os.environ["LAB_CAM_RTSP_USER"]
    password = os.environ["LAB_CAM_RTSP_PASS"]
    max_seconds = int(os.environ.get("LAB_MAX_SECONDS", "3900"))
    Gst.init(None)

    server = GstRtspServer.RTSPServer()
    server.set_address("0.0.0.0")
    server.set_service("554")

    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE)
    factory.set_shared(True)
    perms = GstRtspServer.RTSPPermissions()
    perms.add_permission_for_role(ROLE, "media.factory.access", True)
    perms.add_permission_for_role(ROLE, "media.factory.construct", True)
    factory.set_permissions(perms)
    mounts = server.get_mount_points()
    mounts.add_factory("/stream1", factory)
    mounts.add_factory("/Streaming/Channels/101", factory)

    auth = GstRtspServer.RTSPAuth()
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    auth.set_realm("IP Camera(C6131)")
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", ROLE)
    auth.add_digest(user, password, token)
    server.set_auth(auth)

    if server.attach(None) == 0:
        print("cam-rtsp: cannot listen on 554", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    GLib.timeout_add_seconds(max_seconds, loop.quit)
    print("cam-rtsp: listening on 0.0.0.0:554 (digest auth)", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
