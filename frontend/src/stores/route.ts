// A tiny hash router: the screen is the part of the address after '#', so back/forward, reload and
// bookmarks work without a server route or a dependency. parseRoute/routeHref are pure and tested;
// createRouter follows the window's hashchange events.
import { inject, readonly, shallowRef } from 'vue';
import type { InjectionKey } from 'vue';
import type { FindingStatus } from '../api/contract';

export type StatusFilter = FindingStatus | 'all';
export const STATUS_FILTERS = ['open', 'accepted', 'false-positive', 'fixed', 'resolved', 'all'] as const satisfies readonly StatusFilter[];

/** What the Findings screen shows: a status, and optionally one cell of the risk matrix or one device. */
export interface FindingsQuery {
  status: StatusFilter;
  likelihood?: number;
  impact?: number;
  device?: string;
}

export type Route =
  | { name: 'overview' }
  | { name: 'devices' }
  | { name: 'device'; id: string }
  | { name: 'findings'; query: FindingsQuery }
  | { name: 'settings' }
  | { name: 'report' };

export type RouteName = Route['name'];

/** The screens the navigation lists, in order (a device's page belongs to Devices). */
export const NAV_ITEMS = ['overview', 'devices', 'findings', 'settings', 'report'] as const;
export type NavItem = (typeof NAV_ITEMS)[number];

const scoreOf = (value: string | null): number | undefined => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
};

function findingsQuery(params: URLSearchParams): FindingsQuery {
  const status = params.get('status');
  const query: FindingsQuery = {
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? '') ? status as StatusFilter : 'open',
  };
  const likelihood = scoreOf(params.get('likelihood'));
  const impact = scoreOf(params.get('impact'));
  // One cell of the matrix: both coordinates or neither.
  if (likelihood !== undefined && impact !== undefined) Object.assign(query, { likelihood, impact });
  const device = params.get('device');
  if (device) query.device = device.slice(0, 128);
  return query;
}

/** '#/devices/mac-a4…' → { name: 'device', id }. Anything unknown is the overview. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  const [first, second] = parts;
  if (first === 'devices' && second && parts.length === 2) return { name: 'device', id: second };
  if (parts.length === 1) {
    if (first === 'devices' || first === 'settings' || first === 'report') return { name: first };
    if (first === 'findings') return { name: 'findings', query: findingsQuery(new URLSearchParams(search)) };
  }
  return { name: 'overview' };
}

/** The address of a route, the inverse of parseRoute. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'overview': return '#/';
    case 'device': return `#/devices/${encodeURIComponent(route.id)}`;
    case 'findings': {
      const params = new URLSearchParams();
      const { status, likelihood, impact, device } = route.query;
      if (status !== 'open') params.set('status', status);
      if (likelihood !== undefined && impact !== undefined) {
        params.set('likelihood', String(likelihood));
        params.set('impact', String(impact));
      }
      if (device) params.set('device', device);
      const search = params.toString();
      return search ? `#/findings?${search}` : '#/findings';
    }
    default: return `#/${route.name}`;
  }
}

/** Which navigation item is current on a route. */
export function navItemOf(route: Route): NavItem {
  return route.name === 'device' ? 'devices' : route.name;
}

export interface Router {
  route: Readonly<{ value: Route }>;
  go(route: Route): void;
  stop(): void;
}

/** Follows location.hash; go() sets it, so every screen change is one history entry. */
export function createRouter(win: Pick<Window, 'location' | 'addEventListener' | 'removeEventListener'> = window): Router {
  const current = shallowRef<Route>(parseRoute(win.location.hash));
  const update = () => { current.value = parseRoute(win.location.hash); };
  win.addEventListener('hashchange', update);
  return {
    route: readonly(current),
    go(route) {
      const href = routeHref(route);
      if (win.location.hash !== href) win.location.hash = href;
      update();
    },
    stop() { win.removeEventListener('hashchange', update); },
  };
}

export const ROUTER: InjectionKey<Router> = Symbol('mamori.router');

/** The router App.vue provides; components link with routeHref() and read the route from here. */
export function useRouter(): Router {
  const router = inject(ROUTER, null);
  if (!router) throw new Error('the router was not provided');
  return router;
}
