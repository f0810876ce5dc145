import { describe, expect, it, vi } from 'vitest';
import { takeSetupToken } from '../../frontend/src/setupToken';

function history() {
  return { state: { keep: 1 }, replaceState: vi.fn() };
}

describe('takeSetupToken', () => {
  it('returns the token and removes it from the address bar, keeping the rest', () => {
    const h = history();
    const token = takeSetupToken({ href: 'http://mamori.local:8380/?lang=ja&setup=AbC-123_x#top' }, h);
    expect(token).toBe('AbC-123_x');
    expect(h.replaceState).toHaveBeenCalledWith({ keep: 1 }, '', '/?lang=ja#top');
  });

  it('leaves a URL without a token alone', () => {
    const h = history();
    expect(takeSetupToken({ href: 'http://mamori.local/' }, h)).toBe('');
    expect(h.replaceState).not.toHaveBeenCalled();
  });

  it('removes even an empty token parameter', () => {
    const h = history();
    expect(takeSetupToken({ href: 'http://mamori.local/?setup=' }, h)).toBe('');
    expect(h.replaceState).toHaveBeenCalledWith({ keep: 1 }, '', '/');
  });
});
