// Reading the settings' JSON Schema: kinds, defaults, the server's refusal split per field, the
// private-range test, and the logo picker (PNG/JPEG only, ≤ 256 KB, as a data: URL).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { defineComponent, h, provide, ref } from 'vue';
import { z } from 'zod';
import SchemaField from '../../frontend/src/components/settings/SchemaField.vue';
import { FORM_CONTEXT } from '../../frontend/src/components/settings/form-context';
import {
  check, defaultFor, isLocalRange, kindOf, serverIssues, unwrapNullable, type SchemaNode,
} from '../../frontend/src/components/settings/schema';
import { settingsSchemaDescription } from '../../backend/src/storage/settings';

enableAutoUnmount(afterEach);
const schema = settingsSchemaDescription().jsonSchema as SchemaNode;
const at = (...keys: string[]) => keys.reduce((node, key) => node.properties![key]!, schema);

describe('schema reading', () => {
  it('names the kind of every field of the real schema', () => {
    expect(kindOf(at('schemaVersion')).kind).toBe('hidden');
    expect(kindOf(at('targets')).kind).toBe('array');
    expect(kindOf(unwrapNullable(at('loginChecks')).node).kind).toBe('boolean');
    expect(unwrapNullable(at('loginChecks')).nullable).toBe(true);
    expect(kindOf(at('schedule', 'timeZone'))).toEqual({ kind: 'enum', values: ['local', 'utc'] });
    const entries = kindOf(at('schedule', 'entries'));
    expect(entries.kind === 'array' && kindOf(entries.item)).toMatchObject({ kind: 'union', discriminator: 'kind' });
    expect(kindOf(at('retention', 'keepScans'))).toEqual({ kind: 'number', integer: true });
    expect(unwrapNullable(at('notifications', 'webhook', 'token')).node.writeOnly).toBe(true);
  });

  it('fills defaults in depth, never a secret', () => {
    expect(defaultFor(at('notifications'))).toMatchObject({ language: 'en', maxPerHour: 10, webhook: { enabled: false, url: null } });
    expect(defaultFor(at('notifications'))).not.toHaveProperty('webhook.token');
    const entries = kindOf(at('schedule', 'entries'));
    expect(entries.kind === 'array' && defaultFor(entries.item)).toEqual({ kind: 'interval', enabled: true, everyMinutes: 360 });
  });

  it('checks numbers, patterns and lengths like the schema says', () => {
    expect([...check(at('retention'), { keepScans: 0, scanDays: 4000 }, 'retention')]).toEqual([
      ['retention.keepScans', { key: 'min', limit: 1 }], ['retention.scanDays', { key: 'max', limit: 3650 }],
    ]);
    expect(check(at('schedule', 'quietHours'), { enabled: true, start: '25:00', end: '07:00' }, 'q').get('q.start')).toEqual({ key: 'format' });
    expect(check(at('targets'), [{ cidr: '', consent: true }], 'targets').get('targets.0.cidr')).toEqual({ key: 'required' });
    expect(check(at('notifications', 'webhook', 'url'), null, 'x').size).toBe(0);
  });

  it('splits the appliance’s refusal per field', () => {
    const issues = serverIssues('targets.0.cidr: not an address range such as 192.168.1.0/24; notifications.webhook: url is needed when the channel is enabled; (settings): expected a JSON object');
    expect(issues.get('targets.0.cidr')).toBe('not an address range such as 192.168.1.0/24');
    expect(issues.get('notifications.webhook')).toBe('url is needed when the channel is enabled');
    expect(issues.get('')).toBe('expected a JSON object');
  });

  it('knows the ranges the appliance scans without --allow-public', () => {
    for (const local of ['10.77.0.0/24', '172.20.1.0/24', '192.168.1.0/24', '169.254.0.0/16', 'fd00:1::/64', 'fe80::/64']) expect(isLocalRange(local), local).toBe(true);
    for (const wide of ['8.8.8.0/24', '172.32.0.0/16', '10.0.0.0/7', '192.0.0.0/8', '100.64.0.0/10', '2001:db8::/32']) expect(isLocalRange(wide), wide).toBe(false);
  });
});

describe('logo picker', () => {
  // A report section as H1's schema gives it: a nullable data: URL string.
  const report = z.toJSONSchema(z.object({
    logo: z.string().max(400_000).nullable().default(null).meta({ description: 'Logo', descriptionJa: 'ロゴ' }),
  })) as SchemaNode;

  function mountLogo() {
    const value = ref<unknown>({ logo: null });
    const Host = defineComponent(() => {
      provide(FORM_CONTEXT, { errors: ref(new Map<string, string>()), secretsSet: ref(new Set<string>()), widgets: {} });
      return () => h(SchemaField, { node: report, path: 'report', name: 'report', modelValue: value.value, 'onUpdate:modelValue': (v: unknown) => { value.value = v; } });
    });
    return { wrapper: mount(Host, { attachTo: document.body }), value };
  }
  async function pick(wrapper: ReturnType<typeof mountLogo>['wrapper'], file: File) {
    const input = wrapper.get('[data-testid="logo-file"]');
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
  }

  it('turns a small PNG into a data: URL and previews it', async () => {
    const { wrapper, value } = mountLogo();
    await pick(wrapper, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'logo.png', { type: 'image/png' }));
    await vi.waitFor(() => expect((value.value as { logo: string | null }).logo).toMatch(/^data:image\/png;base64,/));
    expect(wrapper.get('[data-testid="logo-preview"]').attributes('src')).toMatch(/^data:image\/png/);
  });

  it('refuses another type and a file over 256 KB', async () => {
    const { wrapper, value } = mountLogo();
    await pick(wrapper, new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
    await vi.waitFor(() => expect(wrapper.find('.field-error').text()).toBe('Choose a PNG or JPEG picture.'));
    await pick(wrapper, new File([new Uint8Array(200 * 1024)], 'big.jpg', { type: 'image/jpeg' }));
    await vi.waitFor(() => expect(wrapper.find('.field-error').text()).toBe('This picture is too large: at most 256 KB.'));
    expect((value.value as { logo: unknown }).logo).toBeNull();
  });
});
