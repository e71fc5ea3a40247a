/**
 * The API core over a real encrypted SQLite store file with this PC's own queue (LocalQueue) and dossier
 * progress, as compose.ts wires them; the card, forms and print are the unit fakes. One clock drives the store
 * and the core, so centre days and no-show delays are under the test's control.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiCore, SETTINGS_KEY } from '../../src/api/core';
import { ApiError, type CardIdentity, type SaveOutput } from '../../src/api/contract';
import { mergeSettings } from '../../src/api/settings';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { LocalQueue } from '../../src/app/localQueue';
import { FakeCard, fakeForms, fakePrint, FakeSink } from './fakes';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keyLen: 32 };
export const KEY = 'c3'.repeat(32);
export const MIN = 60_000;
/** 08:00 in Vietnam on 2 December 2026. */
export const START = Date.parse('2026-12-02T01:00:00Z');
export const TODAY = '2026-12-02';

export interface QueueHarness {
  core: ApiCore;
  store: SqliteDossierStore;
  queue: LocalQueue;
  card: FakeCard;
  clock: { t: number };
  file: string;
  dir: string;
  /** Tokens of the clerk (canbo), the head (truong) and the admin. */
  login(user: 'canbo' | 'truong' | 'admin'): Promise<string>;
  /** A kiosk citizen: reads the card and saves a completed CT01 dossier; returns its session and dossier id. */
  kioskDossier(): Promise<{ session: string; dossierId: string }>;
  close(): Promise<void>;
}

const PASSWORDS = { canbo: 'pw-clerk-1', truong: 'pw-head-1', admin: 'pw-admin-1' } as const;

export async function openHarness(opts: { dir?: string; settings?: Record<string, unknown> } = {}): Promise<QueueHarness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-queue-api-'));
  const file = path.join(dir, 'motcua.db');
  const clock = { t: START };
  const store = openStore({ path: file, key: KEY, now: () => new Date(clock.t), scrypt: FAST_SCRYPT, checkpointEverySeconds: 0 });
  if (store.listUsers().length === 0) {
    store.createUser({ username: 'canbo', displayName: 'Cán bộ', role: 'clerk', password: PASSWORDS.canbo }, 'test');
    store.createUser({ username: 'truong', displayName: 'Trưởng trung tâm', role: 'head', password: PASSWORDS.truong }, 'test');
    store.createUser({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin }, 'test');
    store.setSetting(SETTINGS_KEY, { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai', queueCounter: 2, queueKiosk: 1, ...opts.settings }, 'test');
  }
  const queue = new LocalQueue(store.queue, () => mergeSettings(store.getSetting(SETTINGS_KEY)).queueGroups);
  const card = new FakeCard();
  const core = new ApiCore({
    card,
    store,
    queue,
    progress: store.progress,
    forms: fakeForms,
    print: fakePrint,
    sink: new FakeSink(),
    host: 'browser',
    mode: 'counter',
    demo: false,
    version: 'test',
    now: () => clock.t,
    sweepIntervalMs: 0,
  });
  return {
    core,
    store,
    queue,
    card,
    clock,
    file,
    dir,
    login: async (user) => ((await core.handle('auth.login', { username: user, password: PASSWORDS[user] })) as { token: string }).token,
    kioskDossier: async () => {
      const id = (await core.handle('card.read', { key: { idNumber: '001099012345' } })) as CardIdentity;
      const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [], complete: true })) as SaveOutput;
      return { session: id.session, dossierId: saved.dossier.id };
    },
    close: async () => {
      await core.close();
      store.close();
    },
  };
}

/** The API error code a call fails with (the test fails if it succeeds). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/**
 * Harnesses opened by one test, closed after it; each folder is removed once all its harnesses are closed (two
 * harnesses may share a folder to stand for a restart: `harness.restart(h)` closes `h` and opens its folder again).
 * Pass vitest's afterEach.
 */
export function harnessPerTest(afterEach: (fn: () => Promise<void>) => void): ((dir?: string) => Promise<QueueHarness>) & { restart(h: QueueHarness): Promise<QueueHarness> } {
  const open: QueueHarness[] = [];
  afterEach(async () => {
    const dirs = new Set(open.map((h) => h.dir));
    for (const h of open.splice(0)) await h.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const harness = async (dir?: string): Promise<QueueHarness> => {
    const h = await openHarness({ dir });
    open.push(h);
    return h;
  };
  const restart = async (h: QueueHarness): Promise<QueueHarness> => {
    await h.close();
    open.splice(open.indexOf(h), 1);
    return harness(h.dir);
  };
  return Object.assign(harness, { restart });
}
