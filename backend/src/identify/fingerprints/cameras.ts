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
];
