import { describe, it, expect } from 'vitest';
import { hardenSession, isAppUrl } from '../../src/main/security';
import { fakeElectron } from './fakeElectron';

describe('security', () => {
  it('denies every permission and adds the CSP header', () => {
    const { e, sessionState } = fakeElectron();
    hardenSession(e.session.defaultSession as never);
    let granted: boolean | null = null;
    sessionState.permission!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(sessionState.check!({}, 'hid')).toBe(false);
    let headers: Record<string, string[]> = {};
    sessionState.headers!({ responseHeaders: { 'X-A': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
    expect(headers['X-A']).toEqual(['1']);
  });

  it('isAppUrl accepts only app://motcua', () => {
    expect(isAppUrl('app://motcua/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
