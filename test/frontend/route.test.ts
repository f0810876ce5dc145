// The hash router: addresses ↔ routes (round trip, junk → overview), and a router that follows
// hashchange, so back/forward move between screens (jsdom's own history).
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter, navItemOf, parseRoute, routeHref } from '../../frontend/src/stores/route';
import type { Route } from '../../frontend/src/stores/route';

const waitForHashChange = () => new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));

describe('parseRoute / routeHref', () => {
  it.each<[string, Route]>([
    ['#/', { name: 'overview' }],
    ['', { name: 'overview' }],
    ['#/devices', { name: 'devices' }],
    ['#/devices/mac-a41437770011', { name: 'device', id: 'mac-a41437770011' }],
    ['#/devices/name-pixel-7.local', { name: 'device', id: 'name-pixel-7.local' }],
    ['#/findings', { name: 'findings', query: { status: 'open' } }],
    ['#/findings?status=accepted', { name: 'findings', query: { status: 'accepted' } }],
    ['#/findings?likelihood=4&impact=5', { name: 'findings', query: { status: 'open', likelihood: 4, impact: 5 } }],
    ['#/findings?status=all&device=mac-1', { name: 'findings', query: { status: 'all', device: 'mac-1' } }],
    ['#/settings', { name: 'settings' }],
    ['#/report', { name: 'report' }],
  ])('%s ↔ %o', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('writes the canonical address', () => {
    expect(routeHref({ name: 'overview' })).toBe('#/');
    expect(routeHref({ name: 'findings', query: { status: 'open' } })).toBe('#/findings');
    expect(routeHref({ name: 'findings', query: { status: 'false-positive', likelihood: 2, impact: 3 } }))
      .toBe('#/findings?status=false-positive&likelihood=2&impact=3');
    expect(routeHref({ name: 'device', id: 'a/b c' })).toBe('#/devices/a%2Fb%20c');
    expect(parseRoute('#/devices/a%2Fb%20c')).toEqual({ name: 'device', id: 'a/b c' });
  });

  it('turns unknown or malformed addresses into the overview or safe defaults', () => {
    expect(parseRoute('#main')).toEqual({ name: 'overview' });
    expect(parseRoute('#/nope')).toEqual({ name: 'overview' });
    expect(parseRoute('#/devices/a/b')).toEqual({ name: 'overview' });
    expect(parseRoute('#/devices/%E0%A4%A')).toEqual({ name: 'device', id: '%E0%A4%A' });
    expect(parseRoute('#/findings?status=deleted')).toEqual({ name: 'findings', query: { status: 'open' } });
    // A matrix cell needs both coordinates, each 1–5.
    expect(parseRoute('#/findings?likelihood=4')).toEqual({ name: 'findings', query: { status: 'open' } });
    expect(parseRoute('#/findings?likelihood=0&impact=3')).toEqual({ name: 'findings', query: { status: 'open' } });
    expect(parseRoute('#/findings?likelihood=2.5&impact=3')).toEqual({ name: 'findings', query: { status: 'open' } });
  });

  it('marks Devices current on a device page', () => {
    expect(navItemOf({ name: 'device', id: 'x' })).toBe('devices');
    expect(navItemOf({ name: 'findings', query: { status: 'all' } })).toBe('findings');
  });
});

describe('createRouter', () => {
  let stop = () => {};
  afterEach(() => { stop(); window.location.hash = ''; });

  it('follows the address, and back/forward move between screens', async () => {
    window.location.hash = '#/devices';
    await waitForHashChange();
    const router = createRouter(window);
    stop = router.stop;
    expect(router.route.value).toEqual({ name: 'devices' });

    let changed = waitForHashChange();
    router.go({ name: 'findings', query: { status: 'accepted' } });
    await changed;
    expect(window.location.hash).toBe('#/findings?status=accepted');
    expect(router.route.value).toEqual({ name: 'findings', query: { status: 'accepted' } });

    changed = waitForHashChange();
    router.go({ name: 'device', id: 'mac-1' });
    await changed;
    expect(router.route.value).toEqual({ name: 'device', id: 'mac-1' });

    window.history.back();
    await waitForHashChange();
    expect(router.route.value).toEqual({ name: 'findings', query: { status: 'accepted' } });
    window.history.back();
    await waitForHashChange();
    expect(router.route.value).toEqual({ name: 'devices' });
    window.history.forward();
    await waitForHashChange();
    expect(router.route.value).toEqual({ name: 'findings', query: { status: 'accepted' } });
  });

  it('stops following after stop()', async () => {
    const router = createRouter(window);
    router.stop();
    window.location.hash = '#/report';
    await waitForHashChange();
    expect(router.route.value).not.toEqual({ name: 'report' });
  });
});
