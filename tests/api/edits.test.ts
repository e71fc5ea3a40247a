/**
 * Dossier writes go through the server's own pre-fill: edits are (key, value) pairs applied with the real
 * forms/prefill applyEdit, so the client cannot forge provenance, sources or a form version, and derived fields
 * (a date "ghi bằng chữ") are computed on the server — also when the kiosk sends the old whole-array shape.
 */
import { describe, it, expect } from 'vitest';
import type { CardIdentity, PrefillOutput, SaveOutput, PreviewOutput, FilledForm } from '../../src/api/contract';
import { ApiError } from '../../src/api/contract';
import { formsPort } from '../../src/app/compose';
import { getForm } from '../../src/forms/catalogue';
import { fakeResult, makeCore } from './fakes';

const forms = formsPort();

function keyOf(formId: 'CT01' | 'KHAI_SINH', attr: string): string {
  const f = getForm(formId)!.fields.find((x) => x.bind && 'person' in x.bind && x.bind.person === 'requester' && x.bind.attr === attr);
  if (!f) throw new Error(`no requester ${attr} in ${formId}`);
  return f.key;
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as ApiError).code;
  }
}

describe('server-side edits', () => {
  it('khai sinh at the kiosk: the date of birth in words is computed on the server from the edit', async () => {
    const { core } = makeCore({ forms });
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    const preview = (await core.handle('dossier.preview', { formId: 'KHAI_SINH', session: id.session, edits: [{ key: 'conNgaySinh', value: '05/03/2024' }] })) as PreviewOutput;
    const words = preview.filled.fields.find((f) => f.key === 'conNgaySinhBangChu')!;
    expect(words.value).toMatch(/năm/);
    expect(words.provenance).toBe('derived');
    const saved = (await core.handle('dossier.save', { formId: 'KHAI_SINH', session: id.session, edits: [{ key: 'conNgaySinh', value: '05/03/2024' }] })) as SaveOutput;
    expect(saved.dossier.fields.find((f) => f.key === 'conNgaySinhBangChu')!.value).toBe(words.value);
    expect(saved.dossier.formVersion).toBe(getForm('KHAI_SINH')!.version);
  });

  it('a whole field array is refused; edits of chip fields become citizen edits with the card value kept', async () => {
    const { core } = makeCore({ forms });
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    const pre = (await core.handle('dossier.prefill', { formId: 'KHAI_SINH', session: id.session })) as PrefillOutput;
    const nameKey = keyOf('KHAI_SINH', 'fullName');
    const idKey = keyOf('KHAI_SINH', 'identityDocument');
    const idOriginal = pre.filled.fields.find((f) => f.key === idKey)!.value;
    expect(idOriginal).toContain('001099012345');
    // What an attacker's page sends: a changed name and ID "from the chip", a made-up version, the in-words field empty.
    const forged: FilledForm = {
      formId: 'KHAI_SINH',
      formVersion: '1999-forged',
      fields: pre.filled.fields.map((f) =>
        f.key === nameKey ? { ...f, value: 'TRẦN GIẢ MẠO', source: 'CHIP', provenance: 'chip' } : f.key === idKey ? { ...f, value: 'Thẻ căn cước số 079000000001', provenance: 'chip' } : f.key === 'conNgaySinh' ? { ...f, value: '05/03/2024' } : f,
      ),
    };
    expect(await errorCode(core.handle('dossier.save', { filled: forged, session: id.session }))).toBe('INVALID_INPUT');
    expect(await errorCode(core.handle('dossier.save', { formId: 'KHAI_SINH', session: id.session, edits: [], formVersion: '1999-forged' }))).toBe('INVALID_INPUT');
    const edits = forged.fields.filter((f) => [nameKey, idKey, 'conNgaySinh'].includes(f.key)).map((f) => ({ key: f.key, value: f.value }));
    const saved = (await core.handle('dossier.save', { formId: 'KHAI_SINH', session: id.session, edits })) as SaveOutput;
    const name = saved.dossier.fields.find((f) => f.key === nameKey)!;
    expect(name).toMatchObject({ value: 'TRẦN GIẢ MẠO', provenance: 'citizen', rawValue: 'NGUYỄN VĂN MẪU' });
    expect(saved.dossier.fields.find((f) => f.key === idKey)).toMatchObject({ value: 'Thẻ căn cước số 079000000001', provenance: 'citizen', rawValue: idOriginal });
    expect(saved.dossier.formVersion).toBe(getForm('KHAI_SINH')!.version);
    expect(saved.dossier.fields.find((f) => f.key === 'conNgaySinhBangChu')!.value).toMatch(/năm/);
    // Untouched chip fields stay "from the chip".
    const untouched = saved.dossier.fields.filter((f) => f.source === 'CHIP' && f.key !== nameKey && f.key !== idKey && f.value);
    expect(untouched.length).toBeGreaterThan(0);
    for (const f of untouched) expect(f.provenance).toBe('chip');
  });

  it('a clerk edit of a stored dossier is recorded as the clerk’s; derived fields are refused as edits', async () => {
    const { core } = makeCore({ forms });
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    const saved = (await core.handle('dossier.save', { formId: 'KHAI_SINH', session: id.session, edits: [] })) as SaveOutput;
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    const updated = (await core.handle('dossier.update', { id: saved.dossier.id, edits: [{ key: 'conNgaySinh', value: '2024-12-31' }] }, token)) as SaveOutput['dossier'];
    expect(updated.fields.find((f) => f.key === 'conNgaySinh')).toMatchObject({ value: '31/12/2024', provenance: 'clerk' });
    expect(updated.fields.find((f) => f.key === 'conNgaySinhBangChu')!.value).toMatch(/năm/);
    expect(await errorCode(core.handle('dossier.update', { id: saved.dossier.id, edits: [{ key: 'conNgaySinhBangChu', value: 'x' }] }, token))).toBe('INVALID_INPUT');
    expect(await errorCode(core.handle('dossier.update', { id: saved.dossier.id, edits: [{ key: 'noSuchField', value: 'x' }] }, token))).toBe('INVALID_INPUT');
  });

  it('INVALID card: dossier.save itself refuses without a recorded clerk override', async () => {
    const { core, card, store } = makeCore({ forms });
    card.next = fakeResult({ dataGroups: { DG1: 'INVALID', DG13: 'VALID' } });
    const a = (await core.handle('card.read', { key: { can: '123456' } })) as CardIdentity;
    expect(await errorCode(core.handle('dossier.save', { formId: 'CT01', session: a.session, edits: [] }))).toBe('VERIFICATION_INVALID');
    expect(await errorCode(core.handle('dossier.preview', { formId: 'CT01', session: a.session, edits: [] }))).toBe('VERIFICATION_INVALID');
    expect(store.dossiers.size).toBe(0);
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    await core.handle('dossier.prefill', { formId: 'CT01', session: a.session, override: true }, token);
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: a.session, edits: [] })) as SaveOutput;
    expect(saved.dossier.verificationOverride).toBe(true);
  });
});

describe('connections', () => {
  it('a session and its events belong to the connection that read the card', async () => {
    const { core, card } = makeCore();
    const heard: Record<string, string[]> = { a: [], b: [] };
    for (const c of ['a', 'b'] as const) {
      core.on('card.progress', (p) => heard[c]!.push(p.stage), c);
      core.on('session.wiped', (w) => heard[c]!.push(`wiped:${w.reason}`), c);
    }
    const id = (await core.handle('card.read', { key: { can: '123456' } }, undefined, 'a')) as CardIdentity;
    expect(heard.a).toContain('text-ready');
    expect(heard.b).toEqual([]);
    expect(await errorCode(core.handle('dossier.prefill', { formId: 'CT01', session: id.session }, undefined, 'b'))).toBe('NO_SESSION');
    card.set({ state: 'no-card', reader: 'R0' });
    expect(heard.a).toContain('wiped:card-removed');
    expect(heard.b).toEqual([]);
  });

  it('a closed connection ends its sessions', async () => {
    const { core } = makeCore();
    await core.handle('card.read', { key: { can: '123456' } }, undefined, 'a');
    expect(core.sessionCount).toBe(1);
    core.disconnect('a');
    expect(core.sessionCount).toBe(0);
  });
});
