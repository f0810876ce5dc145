// Home Assistant MQTT discovery: retained configs under `<prefix>/<component>/<object id>/config`
// so Home Assistant shows "Mamori (site) Critical problems: 2" with no configuration. Fields and
// their meaning from Home Assistant's documentation (checked 2026-12-07):
//   https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery (topic format, `device`, `unique_id`)
//   https://www.home-assistant.io/integrations/sensor.mqtt/ (state_topic, value_template, state_class, unit_of_measurement)
//   https://www.home-assistant.io/integrations/binary_sensor.mqtt/ (payload_on/payload_off, device_class "problem")
// The zod schemas below are the fields we use, as documented; the publisher checks every config
// against them before it is sent (and the tests check the published bytes).
import { z } from 'zod';
import type { SiteIdentity } from '../../core/site.js';
import type { Topics } from './topics.js';

const Topic = z.string().min(1).max(512).refine((t) => !/[+#]/.test(t), 'no wildcard in a publish topic');
/** `device`: ties the entities to one device in the registry; needs identifiers (a list) or connections. */
const HaDevice = z.strictObject({
  identifiers: z.array(z.string().min(1)).min(1),
  name: z.string().min(1),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  sw_version: z.string().optional(),
  configuration_url: z.string().url().optional(),
});
const Common = {
  name: z.string().min(1),
  /** Required for discovery to register the entity (and for `device` to work). */
  unique_id: z.string().regex(/^[a-zA-Z0-9_-]+$/),
  state_topic: Topic,
  value_template: z.string().startsWith('{{').endsWith('}}').optional(),
  /** Must not be used together with `availability` (list form). */
  availability_topic: Topic,
  payload_available: z.string(),
  payload_not_available: z.string(),
  device: HaDevice,
  icon: z.string().regex(/^mdi:[a-z0-9-]+$/).optional(),
  entity_category: z.enum(['config', 'diagnostic']).optional(),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
};
export const HaSensorConfig = z.strictObject({
  ...Common,
  unit_of_measurement: z.string().optional(),
  state_class: z.enum(['measurement', 'total', 'total_increasing']).optional(),
});
export const HaBinarySensorConfig = z.strictObject({
  ...Common,
  device_class: z.enum(['problem', 'safety', 'connectivity']).optional(),
  payload_on: z.string(),
  payload_off: z.string(),
});
/** `<discovery prefix>/<component>/<object id>/config`, object id of [a-zA-Z0-9_-]. */
export const DISCOVERY_TOPIC = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_-]+)*\/(sensor|binary_sensor)\/[a-zA-Z0-9_-]+\/config$/;

export interface DiscoveryMessage { topic: string; config: Record<string, unknown> }

const SENSORS = [
  { key: 'critical', name: 'Critical problems', icon: 'mdi:shield-alert' },
  { key: 'high', name: 'High-risk problems', icon: 'mdi:shield-alert-outline' },
  { key: 'medium', name: 'Medium-risk problems', icon: 'mdi:shield-half-full' },
  { key: 'low', name: 'Low-risk problems', icon: 'mdi:shield-check-outline' },
] as const;

/** The discovery configs of one site: a sensor per severity, the device count, and one "problem" binary sensor. */
export function discoveryMessages(prefix: string, site: SiteIdentity, topics: Topics, version: string): DiscoveryMessage[] {
  const objectId = (what: string) => `mamori_${site.id.replace(/-/g, '_')}_${what}`;
  const label = site.name ?? site.id;
  const device = { identifiers: [`mamori_${site.id}`], name: `Mamori (${label})`, manufacturer: 'Mamori', model: 'Home network guard', sw_version: version };
  const common = { state_topic: topics.state, availability_topic: topics.status, payload_available: 'online', payload_not_available: 'offline', device };
  const messages: DiscoveryMessage[] = SENSORS.map((sensor) => ({
    topic: `${prefix}/sensor/${objectId(sensor.key)}/config`,
    config: HaSensorConfig.parse({
      ...common, name: sensor.name, unique_id: objectId(sensor.key), icon: sensor.icon,
      value_template: `{{ value_json.openFindings.${sensor.key} }}`, unit_of_measurement: 'problems', state_class: 'measurement',
    }),
  }));
  messages.push({
    topic: `${prefix}/sensor/${objectId('devices')}/config`,
    config: HaSensorConfig.parse({
      ...common, name: 'Devices', unique_id: objectId('devices'), icon: 'mdi:lan', value_template: '{{ value_json.devices }}',
      unit_of_measurement: 'devices', state_class: 'measurement', entity_category: 'diagnostic',
    }),
  });
  messages.push({
    topic: `${prefix}/binary_sensor/${objectId('problem')}/config`,
    config: HaBinarySensorConfig.parse({
      ...common, name: 'Serious problem', unique_id: objectId('problem'), device_class: 'problem',
      value_template: "{{ 'ON' if (value_json.openFindings.critical + value_json.openFindings.high) > 0 else 'OFF' }}", payload_on: 'ON', payload_off: 'OFF',
    }),
  });
  return messages;
}
