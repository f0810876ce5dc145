/**
 * Reads the one-time set-up token from `?setup=TOKEN` (the link the appliance prints) and removes
 * it from the address bar at once, so it does not linger in history, bookmarks or screenshots.
 */
export function takeSetupToken(location: Pick<Location, 'href'>, history: Pick<History, 'replaceState' | 'state'>): string {
  const url = new URL(location.href);
  const token = url.searchParams.get('setup');
  if (token === null) return '';
  url.searchParams.delete('setup');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token.trim();
}
