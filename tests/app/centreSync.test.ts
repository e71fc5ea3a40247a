/**
 * The hosts' centre wiring without a server: standalone is the default (no link file, no worker, status
 * "standalone"), every store write the API makes pokes the worker, and join/leave fail with specific codes.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pokingStore, startCentreSync } from '../../src/app/centreSync';
import { ApiError } from '../../src/api/contract';
import type { DossierStore } from '../../src/store/types';

class FakeStore {
  #rows = 0;
  createDossier(): number {
    return ++this.#rows;
  }
  get(): number {
    return this.#rows;
  }
  linkCentre(): { enqueued: number } {
    return { enqueued: 0 };
  }
  pendingCount(): number {
    return 0;
  }
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof ApiError ? e.code : String(e)));

describe('centre sync in the hosts', () => {
  it('pokes the worker after a write, not after a read, and keeps the store its private state', () => {
    let pokes = 0;
    const s = pokingStore(new FakeStore(), () => pokes++);
    expect(s.createDossier()).toBe(1);
    expect(pokes).toBe(1);
    expect(s.get()).toBe(1);
    expect(pokes).toBe(1);
  });

  it('is standalone without centre-link.json; leave and a bad or unreachable join fail with their own codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-centre-sync-'));
    const c = startCentreSync({ store: new FakeStore() as unknown as DossierStore, storeFile: path.join(dir, 'motcua.db') });
    expect(c.status()).toMatchObject({ linked: false, phase: 'standalone', pending: 0, pendingDossiers: 0 });
    expect(await codeOf(c.leave('admin'))).toBe('CENTRE_NOT_LINKED');
    expect(await codeOf(c.join({ server: 'no address', code: 'abcdefghij-ABCDEFGHIJKLMNOPQRST' }))).toBe('INVALID_INPUT');
    expect(await codeOf(c.join({ server: '127.0.0.1:1/motcua', code: 'abcdefghij-ABCDEFGHIJKLMNOPQRST' }))).toBe('CENTRE_UNREACHABLE');
    expect(fs.existsSync(path.join(dir, 'centre-link.json'))).toBe(false);
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
