import { describe, it, expect } from 'vitest';
import { ApiError, METHOD_NAMES, methods, cardKeySchema, dossierStatusSchema, fieldSourceSchema, formIdSchema, provenanceSchema, type MethodName } from '../../src/api/contract';
import { listForms } from '../../src/forms/catalogue';
import { FIELD_SOURCES, FORM_IDS, PROVENANCES } from '../../src/forms/types';
import { DOSSIER_STATUSES } from '../../src/store/types';
import { makeCore } from './fakes';

/** Inputs that no method accepts: wrong types, unknown keys, oversized strings. */
const MALFORMED: unknown[] = ['x', 42, [1], { __proto__: null, unexpected: 1 }, { formId: 'NOPE', id: '../etc', key: { can: '12' } }];

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected rejection');
}

describe('contract', () => {
  it('declares every method the issue lists', () => {
    for (const m of ['app.info', 'card.status', 'card.read', 'card.cancel', 'forms.list', 'forms.get', 'dossier.prefill', 'dossier.save', 'dossier.update', 'dossier.transition', 'dossier.get', 'dossier.list', 'dossier.search', 'dossier.deleteCitizen', 'dossier.export', 'print.declaration', 'print.slip', 'auth.login', 'auth.logout', 'settings.get', 'settings.set', 'trust.import', 'audit.list']) {
      expect(METHOD_NAMES).toContain(m);
    }
  });

  it('every handler rejects malformed input with INVALID_INPUT (even with a valid admin token)', async () => {
    const { core } = makeCore();
    const { token } = (await core.handle('auth.login', { username: 'admin', password: 'pw-admin' })) as { token: string };
    for (const m of METHOD_NAMES) {
      for (const bad of MALFORMED) {
        const e = await errorOf(core.handle(m, bad, token));
        expect(e, `${m} ${JSON.stringify(bad)}`).toBeInstanceOf(ApiError);
        expect(e.code, `${m} ${JSON.stringify(bad)}`).toBe('INVALID_INPUT');
        expect(e.messageKey).toBe('error.INVALID_INPUT');
      }
    }
  });

  it('clerk and admin methods require a session token', async () => {
    const { core } = makeCore();
    const valid: Partial<Record<MethodName, unknown>> = {
      'dossier.update': { id: 'HS-1', edits: [] },
      'dossier.transition': { id: 'HS-1', to: 'printed' },
      'dossier.get': { id: 'HS-1' },
      'dossier.list': {},
      'dossier.search': { query: 'a' },
      'dossier.deleteCitizen': { idNumber: '001099012345' },
      'dossier.export': { id: 'HS-1', format: 'json' },
      'auth.logout': {},
      'settings.set': { settings: { retentionDays: 30 } },
      'trust.import': { fileName: 'csca.der', dataBase64: 'AAAA' },
      'audit.list': {},
      'centre.status': {},
      'store.integrity': {},
      'centre.join': { server: 'centre.lan:5432/motcua', code: 'abcdefghij-ABCDEFGHIJKLMNOPQRST' },
      'centre.leave': {},
      'queue.callNext': { counter: 1 },
      'queue.recall': { ticketId: 1, counter: 1 },
      'queue.noShow': { ticketId: 1, counter: 1 },
      'queue.finish': { ticketId: 1, counter: 1 },
      'queue.transfer': { ticketId: 1, fromCounter: 1, toCounter: 2 },
      'queue.serving': { counter: 1 },
      'progress.get': { id: 'HS-20261202-ABC123' },
      'progress.set': { id: 'HS-20261202-ABC123', state: 'processing', expectedReturn: null },
      'report.queue': { fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day' },
      'report.export': { fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day', format: 'csv' },
      'users.list': {},
      'users.create': { username: 'truong', displayName: 'Trưởng', role: 'head', password: 'password-1' },
    };
    const gated = METHOD_NAMES.filter((m) => methods[m].access !== 'public');
    expect(gated.sort()).toEqual(Object.keys(valid).sort());
    for (const m of gated) {
      expect((await errorOf(core.handle(m, valid[m]))).code, m).toBe('UNAUTHORIZED');
      expect((await errorOf(core.handle(m, valid[m], 'forged-token'))).code, m).toBe('UNAUTHORIZED');
    }
    const { token } = (await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string };
    expect((await errorOf(core.handle('settings.set', valid['settings.set'], token))).code).toBe('FORBIDDEN');
    // The head's report is for a 'head' (or admin) account, not a clerk.
    expect((await errorOf(core.handle('report.queue', valid['report.queue'], token))).code).toBe('FORBIDDEN');
    await expect(core.handle('dossier.list', {}, token)).resolves.toEqual([]);
  });

  it('rejects unknown methods, including prototype names', async () => {
    const { core } = makeCore();
    expect((await errorOf(core.handle('constructor', {}))).code).toBe('UNKNOWN_METHOD');
    expect((await errorOf(core.handle('fs.readFile', {}))).code).toBe('UNKNOWN_METHOD');
  });

  it('card keys: exactly one of CAN, ID number, MRZ', () => {
    expect(cardKeySchema.safeParse({ can: '123456' }).success).toBe(true);
    expect(cardKeySchema.safeParse({ idNumber: '001099012345' }).success).toBe(true);
    expect(cardKeySchema.safeParse({ can: '12345' }).success).toBe(false);
    expect(cardKeySchema.safeParse({ can: '123456', idNumber: '001099012345' }).success).toBe(false);
  });

  it("the contract's enums are the catalogue's and the store's own lists", () => {
    expect(formIdSchema.options).toEqual([...FORM_IDS]);
    expect(fieldSourceSchema.options).toEqual([...FIELD_SOURCES]);
    expect(provenanceSchema.options).toEqual([...PROVENANCES]);
    expect(dossierStatusSchema.options).toEqual([...DOSSIER_STATUSES]);
    // Every form the catalogue ships is one the contract accepts, and every form id has a form in the catalogue.
    expect(new Set(listForms().map((f) => f.id))).toEqual(new Set(FORM_IDS));
    for (const f of listForms()) for (const field of f.fields) expect(fieldSourceSchema.safeParse(field.source).success).toBe(true);
  });
});
