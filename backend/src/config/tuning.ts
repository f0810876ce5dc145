import type { ScanTuning } from '../core/plugins.js';

/** Ports where IoT devices commonly listen: remote logins, web admin, cameras, brokers, printers, TR-069, UPnP. */
export const IOT_TCP_PORTS: readonly number[] = [
  21, 22, 23, 80, 443, 554, 1883, 2323, 5000, 7547, 8000, 8008, 8080, 8081, 8443, 8554, 8883, 9100, 49152,
  // Homes and small offices (issue 14): printers' IPP (RFC 8011), Chromecast's TLS control (8009),
  // Sonos (1400), NAS HTTPS (Synology DSM 5001), UPnP descriptions (49153–49155), TP-Link Kasa's
  // local protocol (9999), DVR/NVR control ports (Xiongmai 34567, Dahua 37777), ONVIF on white-label
  // cameras (8899), Android debug bridge (5555), VNC (5900), SMB and NetBIOS sessions (445, 139),
  // RDP (3389), MikroTik Winbox (8291), Home Assistant (8123); the camera web port 81 (Persirai,
  // CVE-2017-8225) and the router ports Mirai's successors exploit (Huawei HG532 37215,
  // CVE-2017-17215; Realtek SDK miniigd 52869, CVE-2014-8361).
  81, 139, 445, 631, 1400, 3389, 5001, 5555, 5900, 8009, 8123, 8291, 8899, 9999, 34567, 37215, 37777,
  49153, 49154, 49155, 52869,
];

export const DEFAULT_TUNING: ScanTuning = {
  tcpPorts: IOT_TCP_PORTS,
  connectTimeoutMs: 800,
  greetingMs: 700,
  exchangeTimeoutMs: 2000,
  // The verdict on a password (decided on the server's answer, not on this clock): above the
  // 3–5 s a real login delays a failure, with room for a loaded embedded board.
  loginAnswerMs: 8000,
  globalConcurrency: 128,
  // 20, not 16: the 40-port sweep of a host that drops every SYN then takes two connect timeouts,
  // as the 19-port list did with 16 (measured on the lab: 1.6 s either way, 2.4 s with 16).
  perHostConcurrency: 20,
  arpSettleMs: 500,
};
