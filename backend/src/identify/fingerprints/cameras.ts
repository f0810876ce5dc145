// IP cameras, doorbells and video recorders.
import type { Rule } from './types.js';

export const cameras: readonly Rule[] = [
  { when: { vendor: /Hikvision|Dahua|Axis Communications|Reolink|Hanwha|Uniview|Amcrest|Vivotek|Mobotix|Foscam|Wyze/i }, type: 'camera', weight: 70 },
  { when: { service: 'rtsp' }, type: 'camera', weight: 50, note: { en: 'video streaming (RTSP)', ja: '映像配信（RTSP）' } },
  { when: { httpRealm: /DS-\d|IP ?Cam|Network Camera|NVR|DVR|Video Recorder|Doorbell/i }, type: 'camera', weight: 80 },
  { when: { httpServer: /App-webs|Hikvision-Webs|DNVRS-Webs|Dahua|Webs\/.*camera/i }, type: 'camera', weight: 70 },
  { when: { httpTitle: /IP ?Camera|Network Camera|NVR|DVR|Hikvision|Dahua|Reolink|Axis/i }, type: 'camera', weight: 70 },
  { when: { mdns: '_axis-video._tcp' }, type: 'camera', weight: 90, model: { txt: ['model'] } },
  { when: { mdns: '_rtsp._tcp' }, type: 'camera', weight: 50 },
  { when: { name: /\b(cam|camera|ipcam|doorbell|nvr|dvr)\b/i }, type: 'camera', weight: 50 },
  // White-label cameras and recorders: the board family's control ports, RTSP with an ONVIF port or
  // with the small web servers their firmware ships, and what their SNMP agent says.
  { when: { ports: [34567] }, type: 'camera', weight: 70, note: { en: 'Xiongmai DVR/camera control port', ja: 'Xiongmai 系 DVR・カメラの制御ポート' } },
  { when: { ports: [37777] }, type: 'camera', weight: 70, note: { en: 'Dahua DVR/camera control port', ja: 'Dahua 系 DVR・カメラの制御ポート' } },
  { when: { ports: [554, 8899] }, type: 'camera', weight: 60, note: { en: 'RTSP and the ONVIF port of white-label cameras', ja: 'RTSP と、ノーブランドのカメラが使う ONVIF ポート' } },
  { when: { httpServer: /uc-httpd|Hipcam|IPCamera|DVRDVS-Webs|Cross Web Server|JAWS\// }, type: 'camera', weight: 70 },
  { when: { all: [{ service: 'rtsp' }, { httpServer: /^(Boa|GoAhead|thttpd|mini_httpd|Mongoose)\b/i }] }, type: 'camera', weight: 40,
    note: { en: 'video streaming next to an embedded web server', ja: '映像配信と組み込み用の Web サーバー' } },
  { when: { snmp: /Hikvision|Dahua|IP ?Camera|Network Camera|\bNVR\b|\bDVR\b|AXIS/i }, type: 'camera', weight: 80 },
  { when: { snmpEnterprise: [39165, 1004849] }, type: 'camera', weight: 80, note: { en: 'Hikvision or Dahua', ja: 'Hikvision または Dahua' } },
  // Xiongmai boards' web UI (sold under hundreds of names, app "XMEye").
  { when: { httpTitle: /NETSurveillance|XMEye/i }, type: 'camera', weight: 80, note: { en: 'Xiongmai camera/DVR web UI', ja: 'Xiongmai 系カメラ・DVR の Web 画面' } },
];
