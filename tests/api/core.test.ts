import { describe, it, expect } from 'vitest';
import type { CardIdentity, PrefillOutput, SaveOutput, ReadProgressEvent } from '../../src/api/contract';
import { ApiError } from '../../src/api/contract';
import { CardServiceError } from '../../src/services/types';
import { fakeResult, makeCore } from './fakes';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as ApiError).code;
  }
  return 'resolved';
}

describe('ApiCore', () => {
  it('reads a card into a server-side session; the renderer gets display data and progress events', async () => {
    const { core } = makeCore();
    const events: ReadProgressEvent[] = [];
    core.on('card.progress', (p) => events.push(p));
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    expect(id.session).toMatch(/^[\w-]{16,}$/);
    expect(id.photoDataUrl).toBe('data:image/jpeg;base64,AAAA');
    expect(id.overall).toBe('VALID');
    expect(JSON.stringify(id)).not.toContain('dataBase64');
    expect(events.map((e) => e.stage)).toEqual(['connecting', 'text-ready', 'photo-ready', 'done']);
    expect(core.sessionCount).toBe(1);
  });

  it('pre-fills, saves (store never sees the photo), prints for the owning session only', async () => {
    const { core, store, sink } = makeCore();
    const id = (await core.handle('card.read', { key: { idNumber: '001099012345' } })) as CardIdentity;
    const pre = (await core.handle('dossier.prefill', { formId: 'CT01', session: id.session })) as PrefillOutput;
    expect(pre.filled.fields[0]!.value).toBe('NGUYỄN VĂN MẪU');
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [], complete: true })) as SaveOutput;
    expect(saved.dossier.status).toBe('completed');
    expect(JSON.stringify([...store.dossiers.values()])).not.toContain('AAAA');
    expect(await code(core.handle('print.declaration', { id: saved.dossier.id, mode: 'preview' }))).toBe('UNAUTHORIZED');
    const printed = (await core.handle('print.declaration', { id: saved.dossier.id, session: id.session, mode: 'silent' })) as { printed: boolean; dossierStatus: string };
    expect(printed).toEqual({ printed: true, dossierStatus: 'printed' });
    expect(sink.jobs).toHaveLength(1);
    const slip = (await core.handle('print.slip', { id: saved.dossier.id, session: id.session, mode: 'preview' })) as { pdfBase64: string };
    expect(atob(slip.pdfBase64)).toContain('%PDF');
  });

  it('wipes the session on card removal, but not while held for a second card', async () => {
    const { core, card } = makeCore();
    const wiped: string[] = [];
    core.on('session.wiped', (w) => wiped.push(w.reason));
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    card.set({ state: 'no-card', reader: 'R0' });
    expect(wiped).toEqual(['card-removed']);
    expect(await code(core.handle('dossier.prefill', { formId: 'CT01', session: a.session }))).toBe('NO_SESSION');

    card.set({ state: 'card-present', reader: 'R0' });
    const b = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    await core.handle('session.hold', { session: b.session });
    card.set({ state: 'no-card', reader: 'R0' });
    card.set({ state: 'card-present', reader: 'R0' });
    const second = (await core.handle('card.read', { key: { can: '654321' }, session: b.session })) as CardIdentity;
    expect(second.slot).toBe(1);
    const pre = (await core.handle('dossier.prefill', { formId: 'KET_HON', session: b.session })) as PrefillOutput;
    expect(pre.form.cards).toBe(2);
  });

  it('removal after a failed read (state "error", card still on) still wipes; service loss wipes too', async () => {
    const { core, card } = makeCore();
    const wiped: string[] = [];
    core.on('session.wiped', (w) => wiped.push(w.reason));
    await core.handle('card.read', { key: { can: '123456' } });
    card.current = { ...card.current, readers: [{ name: 'R0', cardPresent: true }] };
    card.set({ state: 'error', reader: 'R0', code: 'ACCESS_DENIED', message: 'x' });
    card.current.readers = [{ name: 'R0', cardPresent: true }];
    expect(wiped).toEqual([]);
    card.set({ state: 'no-card', reader: 'R0' });
    expect(wiped).toEqual(['card-removed']);
    card.set({ state: 'card-present', reader: 'R0' });
    await core.handle('card.read', { key: { can: '123456' } });
    card.set({ state: 'service-down', reason: 'pcscd stopped' });
    expect(wiped).toEqual(['card-removed', 'card-removed']);
  });

  it('two-card forms refuse a one-card session', async () => {
    const { core } = makeCore();
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    expect(await code(core.handle('dossier.prefill', { formId: 'KET_HON', session: a.session }))).toBe('INVALID_INPUT');
  });

  it('wipes idle sessions', async () => {
    let t = 1000;
    const { core } = makeCore({ now: () => t, sessionIdleMs: 500 });
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    t += 501;
    core.sweep();
    expect(core.sessionCount).toBe(0);
    expect(await code(core.handle('session.hold', { session: a.session }))).toBe('NO_SESSION');
  });

  it('an INVALID card cannot pre-fill unless a logged-in clerk overrides; the override is recorded', async () => {
    const { core, card, store } = makeCore();
    card.next = fakeResult({ dataGroups: { DG1: 'INVALID', DG13: 'VALID' } });
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    expect(a.overall).toBe('INVALID');
    expect(await code(core.handle('dossier.prefill', { formId: 'CT01', session: a.session }))).toBe('VERIFICATION_INVALID');
    expect(await code(core.handle('dossier.prefill', { formId: 'CT01', session: a.session, override: true }))).toBe('UNAUTHORIZED');
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    const pre = (await core.handle('dossier.prefill', { formId: 'CT01', session: a.session, override: true }, token)) as PrefillOutput;
    expect(pre.verificationOverride).toBe(true);
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: a.session, edits: [] })) as SaveOutput;
    expect(saved.dossier.verificationOverride).toBe(true);
    expect(store.auditLog.some((e) => e.action === 'dossier.create.override' && e.actor === 'canbo')).toBe(true);
  });

  it('maps card errors to typed codes and refuses concurrent reads', async () => {
    const { core, card } = makeCore();
    card.next = new CardServiceError('CARD_REMOVED', 'removed');
    expect(await code(core.handle('card.read', { key: { can: '123456' } }))).toBe('CARD_REMOVED');
    card.next = new CardServiceError('ACCESS_DENIED', 'wrong CAN');
    expect(await code(core.handle('card.read', { key: { can: '123456' } }))).toBe('CARD_ACCESS_DENIED');
    card.next = fakeResult();
    const slow = card.read.bind(card);
    card.read = async (r, p) => {
      await new Promise((res) => setTimeout(res, 20));
      return slow(r, p);
    };
    const first = core.handle('card.read', { key: { can: '123456' } });
    expect(await code(core.handle('card.read', { key: { can: '123456' } }))).toBe('CARD_BUSY');
    await first;
  });

  it('login failures, logout, settings round trip and silent print availability', async () => {
    const { core, sink } = makeCore();
    expect(await code(core.handle('auth.login', { username: 'canbo', password: 'wrong' }))).toBe('BAD_CREDENTIALS');
    const { token } = (await core.handle('auth.login', { username: 'admin', password: 'pw-admin' })) as { token: string };
    const s = (await core.handle('settings.set', { settings: { communeName: 'UBND xã Tân Phú', idleSeconds: 30 } }, token)) as { communeName: string };
    expect(s.communeName).toBe('UBND xã Tân Phú');
    expect(((await core.handle('app.info', {})) as { idleSeconds: number; office: { communeName: string } }).office.communeName).toBe('UBND xã Tân Phú');
    await core.handle('auth.logout', {}, token);
    expect(await code(core.handle('audit.list', {}, token))).toBe('UNAUTHORIZED');
    sink.available = false;
    expect(((await core.handle('app.info', {})) as { silentPrint: boolean }).silentPrint).toBe(false);
  });

  it('previews, reprints, slips and exports are audited (record id and actor only); only a print job marks printed', async () => {
    const { core, store } = makeCore();
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [], complete: true })) as SaveOutput;
    const d = saved.dossier.id;
    await core.handle('print.declaration', { id: d, session: id.session, mode: 'preview' });
    await core.handle('print.declaration', { id: d, session: id.session, mode: 'silent' });
    await core.handle('print.declaration', { id: d, session: id.session, mode: 'silent' });
    await core.handle('print.slip', { id: d, session: id.session, mode: 'preview' });
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    await core.handle('dossier.export', { id: d, format: 'json' }, token);
    await core.handle('dossier.export', { id: d, format: 'pdf' }, token);
    const trail = store.auditLog.filter((e) => e.recordId === d).map((e) => `${e.action}:${e.actor}`);
    expect(trail).toEqual(['dossier.create:kiosk', 'dossier.completed:kiosk', 'dossier.preview:kiosk', 'dossier.printed:kiosk', 'dossier.reprint:kiosk', 'dossier.slip:kiosk', 'dossier.export.json:canbo', 'dossier.export.pdf:canbo']);
  });

  it('counter flow: search, export, delete a citizen', async () => {
    const { core } = makeCore();
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    await core.handle('dossier.prefill', { formId: 'CT01', session: a.session });
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: a.session, edits: [], complete: true })) as SaveOutput;
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    expect(((await core.handle('dossier.search', { query: 'mẫu' }, token)) as unknown[]).length).toBe(1);
    const ex = (await core.handle('dossier.export', { id: saved.dossier.id, format: 'json' }, token)) as { dataBase64: string; mime: string };
    expect(JSON.parse(atob(ex.dataBase64))).toEqual({ id: saved.dossier.id });
    expect(await core.handle('dossier.deleteCitizen', { idNumber: '001099012345' }, token)).toEqual({ deleted: 1 });
    expect(await code(core.handle('dossier.get', { id: saved.dossier.id }, token))).toBe('NOT_FOUND');
  });
});

describe('first-run setup', () => {
  it('without any account the kiosk reads no card; the first administrator is created once, with the office names', async () => {
    const { core, store } = makeCore({ demo: false });
    store.users.clear();
    expect(((await core.handle('app.info', {})) as { setupRequired: boolean }).setupRequired).toBe(true);
    expect(await code(core.handle('card.read', { key: { can: '123456' } }))).toBe('FORBIDDEN');
    const out = (await core.handle('setup.createAdmin', { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai', office: { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai' } })) as { token: string; user: { role: string } };
    expect(out.user.role).toBe('admin');
    expect(await core.handle('setup.status', {})).toEqual({ setupRequired: false });
    expect(((await core.handle('settings.get', {})) as { communeName: string }).communeName).toBe('UBND xã Tân Phú');
    // The token works for admin methods; a second setup is refused.
    await expect(core.handle('settings.set', { settings: { idleSeconds: 60 } }, out.token)).resolves.toMatchObject({ idleSeconds: 60 });
    expect(await code(core.handle('setup.createAdmin', { username: 'attacker', displayName: 'X', password: 'mat-khau-dai' }))).toBe('FORBIDDEN');
    expect(((await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity).overall).toBe('VALID');
  });
});
