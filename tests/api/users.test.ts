/**
 * Staff accounts through the API on a real encrypted store: only the administrator lists or creates them (a clerk or
 * a head of centre is refused, a caller without a session too), the creation is audited by operator username alone
 * (never the display name or the password), and refused inputs leave no account, no audit row and no password in
 * the error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/contract';
import { codeOf, harnessPerTest } from './queueHarness';

const harness = harnessPerTest(afterEach);

const account = { username: 'pho.truong', displayName: 'Lê Thị Phó', role: 'head', password: 'mat-khau-bi-mat-77' } as const;

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

describe('users API', () => {
  it('only the administrator lists or creates accounts: a clerk and a head get FORBIDDEN, no session UNAUTHORIZED', async () => {
    const h = await harness();
    const [clerk, head, admin] = [await h.login('canbo'), await h.login('truong'), await h.login('admin')];
    for (const method of ['users.list', 'users.create'] as const) {
      const input = method === 'users.list' ? {} : account;
      expect(await codeOf(h.core.handle(method, input)), method).toBe('UNAUTHORIZED');
      expect(await codeOf(h.core.handle(method, input, 'not-a-token')), method).toBe('UNAUTHORIZED');
      for (const token of [clerk, head]) expect(await codeOf(h.core.handle(method, input, token)), method).toBe('FORBIDDEN');
    }
    // Nothing was created by the refused calls.
    expect(h.store.listUsers().map((u) => u.username)).toEqual(['admin', 'canbo', 'truong']);
    expect(await h.core.handle('users.list', {}, admin)).toEqual([
      { username: 'admin', displayName: 'Quản trị', role: 'admin' },
      { username: 'canbo', displayName: 'Cán bộ', role: 'clerk' },
      { username: 'truong', displayName: 'Trưởng trung tâm', role: 'head' },
    ]);
  });

  it('a creation is audited by the admin and the new username only: no display name, no password', async () => {
    const h = await harness();
    const admin = await h.login('admin');
    const before = h.store.audit({ limit: 1000 }).length;
    expect(await h.core.handle('users.create', account, admin)).toEqual({ username: 'pho.truong', displayName: 'Lê Thị Phó', role: 'head' });
    const added = h.store.audit({ limit: 1000 }).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'user.create', actor: 'admin', recordId: 'pho.truong', recordHash: null });
    const all = JSON.stringify(h.store.audit({ limit: 1000 }));
    expect(all).not.toContain(account.password);
    expect(all).not.toContain('Lê Thị');
    // The new head signs in with that password, and the account list never carries a secret.
    const token = ((await h.core.handle('auth.login', { username: 'pho.truong', password: account.password })) as { token: string }).token;
    expect(token).toMatch(/\S{16,}/);
    expect(JSON.stringify(await h.core.handle('users.list', {}, admin))).not.toMatch(/password|salt|hash|mat-khau/i);
  });

  it('refuses a taken username in any case and a weak password, with nothing created, audited or echoed', async () => {
    const h = await harness();
    const admin = await h.login('admin');
    const before = h.store.audit({ limit: 1000 }).length;
    for (const username of ['truong', 'TRUONG', 'Truong']) {
      const e = await errorOf(h.core.handle('users.create', { ...account, username }, admin));
      expect(e.code, username).toBe('INVALID_INPUT');
      expect(e.detail).toBe('username: an account with this name exists');
    }
    for (const password of ['', 'short', '1234567']) {
      const e = await errorOf(h.core.handle('users.create', { ...account, password }, admin));
      expect(e.code, password).toBe('INVALID_INPUT');
      expect(e.detail).toMatch(/^password: /);
      if (password) expect(e.detail).not.toContain(password);
    }
    // Exactly at the rule's edge: 8 characters are enough.
    expect(await h.core.handle('users.create', { ...account, password: '12345678' }, admin)).toMatchObject({ username: 'pho.truong' });
    expect(h.store.listUsers().find((u) => u.username === 'truong')).toEqual({ username: 'truong', displayName: 'Trưởng trung tâm', role: 'head' });
    expect(h.store.audit({ limit: 1000 }).slice(before).map((a) => a.action)).toEqual(['user.create']);
  });
});
