import { describe, it, expect } from 'vitest';
import { LaunchAuth } from '../../src/host/launchAuth';
import { nestsDeeperThan } from '../../src/host/messageLimits';

describe('LaunchAuth', () => {
  it('a launch token works once, within two minutes; the cookie carries the secret, HttpOnly and SameSite=Strict', () => {
    let t = 1_000_000;
    const auth = new LaunchAuth('s'.repeat(43), () => t);
    const a = auth.mintToken();
    const b = auth.mintToken();
    expect(auth.redeem(a)).toBe(true);
    expect(auth.redeem(a)).toBe(false);
    t += 2 * 60_000 + 1;
    expect(auth.redeem(b)).toBe(false);
    expect(auth.redeem(null)).toBe(false);
    expect(auth.cookie()).toBe(`motcua_session=${'s'.repeat(43)}; HttpOnly; SameSite=Strict; Path=/`);
    expect(auth.authorized(`other=1; motcua_session=${'s'.repeat(43)}`)).toBe(true);
    expect(auth.authorized(`motcua_session=${'s'.repeat(42)}x`)).toBe(false);
    expect(auth.authorized(undefined)).toBe(false);
  });

  it('unused tokens cannot pile up', () => {
    const auth = new LaunchAuth();
    const first = auth.mintToken();
    for (let i = 0; i < 40; i++) auth.mintToken();
    expect(auth.redeem(first)).toBe(false);
  });
});

describe('nestsDeeperThan', () => {
  it('counts nesting outside strings only, escapes included', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${'['.repeat(100)}"}`, 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\\\"${'['.repeat(5)}`, 3)).toBe(true);
  });
});
