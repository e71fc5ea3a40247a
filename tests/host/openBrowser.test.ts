import { describe, it, expect } from 'vitest';
import { chromiumArgs } from '../../src/host/openBrowser';

describe('chromiumArgs', () => {
  it('kiosk mode is full-screen app mode with a fresh profile', () => {
    const a = chromiumArgs('http://127.0.0.1:1/#s=x', true, '/tmp/p');
    expect(a).toContain('--app=http://127.0.0.1:1/#s=x');
    expect(a).toContain('--kiosk');
    expect(a).toContain('--user-data-dir=/tmp/p');
    expect(chromiumArgs('u', false, '/tmp/p')).not.toContain('--kiosk');
  });
});
