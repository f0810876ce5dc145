// The services table: its scroll area can be reached and scrolled with the keyboard and is named
// (axe: scrollable-region-focusable), and every cell carries its column name for the stacked phone layout.
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import DeviceServices from '../../frontend/src/components/devices/DeviceServices.vue';
import { service } from './fixtures';

describe('DeviceServices', () => {
  it('is a focusable, named group (inside the section’s region, not a second one: axe landmark-unique) with labelled cells', () => {
    const wrapper = mount(DeviceServices, { props: { services: [service({ port: 23, banner: 'cam-frontdoor login:' }), service({ port: 443, service: 'https', encrypted: true })] } });
    const region = wrapper.get('.table-scroll');
    expect(region.attributes('tabindex')).toBe('0');
    expect(region.attributes('role')).toBe('group');
    const labelId = region.attributes('aria-labelledby')!;
    expect(wrapper.get(`#${labelId}`).text()).toContain('Services');
    const labels = wrapper.findAll('tbody tr')[0]!.findAll('td').map((td) => td.attributes('data-label'));
    expect(labels).toEqual(['Port', 'Service', 'What answered', 'Encryption']);
  });
});
