import { describe, it, expect } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../src/hostShared/csp';

describe('csp', () => {
  it('allows only self scripts and the given WebSocket origin', () => {
    const p = contentSecurityPolicy('ws://127.0.0.1:1234');
    expect(p).toContain("connect-src 'self' ws://127.0.0.1:1234");
    expect(p).toContain("object-src 'none'");
    expect(p).not.toMatch(/unsafe|\*/);
    expect(securityHeaders('ws://x')['Content-Security-Policy']).toBe(contentSecurityPolicy('ws://x'));
  });
});
