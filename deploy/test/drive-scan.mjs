// Drives an appliance on 127.0.0.1:PORT through its API, as the dashboard would: set-up with the
// one-time token, one scan, then prints a JSON summary. Used by install-in-chroot.sh --boot, run
// inside the lab's scanner namespace (it refuses any other address than loopback).
//   node drive-scan.mjs TOKEN [PORT]
const [token, port = '8380'] = process.argv.slice(2);
if (!token) throw new Error('usage: node drive-scan.mjs TOKEN [PORT]');
const base = `http://127.0.0.1:${Number(port)}`;
const headers = { 'content-type': 'application/json', 'x-mamori': '1' };
const call = (path, init = {}) => fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(5000) });

let res = await call('/api/setup', { method: 'POST', headers, body: JSON.stringify({ token, password: 'systemd sandbox test' }) });
if (res.status !== 204) throw new Error(`set-up answered ${res.status}: ${await res.text()}`);
const cookie = res.headers.get('set-cookie').split(';')[0];
res = await call('/api/scans', { method: 'POST', headers: { ...headers, cookie }, body: '{}' });
if (res.status !== 202) throw new Error(`scan answered ${res.status}: ${await res.text()}`);
const started = Date.now();
let state;
for (let i = 0; i < 600; i++) { // at most 120 s
  await new Promise((resolve) => setTimeout(resolve, 200));
  state = await (await call('/api/state', { headers: { cookie } })).json();
  if (state.running === null && state.scans[0]?.status !== 'running') break;
}
const metrics = await (await call('/metrics', { headers: { cookie } })).text();
process.stdout.write(JSON.stringify({
  seconds: (Date.now() - started) / 1000,
  status: state.scans[0]?.status,
  devices: state.devices.map((d) => d.ip).sort(),
  telnet: state.findings.filter((f) => f.family === 'cleartext-service' && f.service === 'telnet').map((f) => f.ip).sort(),
  findings: state.findings.length,
  rssBytes: Number(/^process_resident_memory_bytes (\d+)$/m.exec(metrics)?.[1]),
}) + '\n');
