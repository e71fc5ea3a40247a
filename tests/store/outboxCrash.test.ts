/**
 * kill -9 at random moments: a change and its outbox entries survive or vanish together, and a pull's changes
 * and its cursor do too (each is one SQLite transaction; synchronous=FULL makes a returned commit durable).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import type { DossierPayload } from '../../src/store/dossierQueries';
import type { RemoteChange } from '../../src/store/syncPort';
import { openDevice, person, storeKey, tempDir } from './centreTestKit';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'tests/store/outboxChild.ts');
const KILLS = 6;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the child until it prints "done" or is killed: `random` kills it half the time a random 20–600 ms after
 * "ready" (anywhere, mid-transaction included), otherwise right after its k-th acknowledged step (just after a
 * commit); `afterLine` always the latter; `never` lets it finish.
 */
function runChild(args: string[], how: 'random' | 'afterLine' | 'never'): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const byTime = how === 'random' && randomInt(2) === 0;
    const atLine = how === 'never' ? Infinity : randomInt(1, 9);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (byTime && timer === null && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), randomInt(20, 600));
      if (!byTime && out.split('\n').length - 2 >= atLine) child.kill('SIGKILL');
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err.slice(0, 400)}`));
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      resolve({ lines: complete.split('\n').filter((l) => l !== '' && l !== 'ready'), killed: signal === 'SIGKILL' });
    });
  });
}

function checkOutboxMatchesStore(s: SqliteDossierStore): void {
  const rows = s.db.prepare('SELECT seq, id, local_version FROM dossiers').all() as { seq: number; id: string; local_version: string }[];
  for (const r of rows) {
    const events = s.db.prepare('SELECT count(*) FROM dossier_events WHERE dossier_seq = ?').pluck().get(r.seq) as number;
    const puts = s.db.prepare("SELECT change_id, payload FROM outbox WHERE entity_id = ? AND kind = 'dossier.put' ORDER BY local_seq").all(r.id) as { change_id: string; payload: string }[];
    // One event per change, one queued state per change, the latest queued state is the stored one.
    expect(puts.length).toBe(events);
    expect(puts[puts.length - 1]?.change_id).toBe(r.local_version);
    const latest = JSON.parse(puts[puts.length - 1]?.payload ?? '{}') as DossierPayload;
    const d = s.get(r.id);
    expect({ status: latest.status, fields: latest.fields, history: latest.history }).toEqual({ status: d?.status, fields: d?.fields, history: d?.history });
  }
  const audits = s.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'dossier.%'").pluck().get();
  expect(s.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'audit.append'").pluck().get()).toBe(audits);
}

describe('outbox under kill -9', () => {
  it('every change and its outbox entries are both there or both gone', async () => {
    const file = openDevice(dir, 'kiosk-1').file;
    openStore({ path: file, key: storeKey }).close();
    const acked = new Map<string, string>();
    let kills = 0;
    while (kills < KILLS) {
      const r = await runChild(['change', file, storeKey.toString('hex')], 'random');
      if (r.killed) kills += 1;
      for (const line of r.lines) {
        const [what, id] = line.split(' ');
        acked.set(id as string, what as string);
      }
      const s = openStore({ path: file, key: storeKey, checkpointEverySeconds: 0 });
      try {
        checkOutboxMatchesStore(s);
      } finally {
        s.close();
      }
    }
    const s = openStore({ path: file, key: storeKey, checkpointEverySeconds: 0 });
    try {
      expect(acked.size).toBeGreaterThan(0);
      for (const [id, what] of acked) {
        const d = s.get(id);
        expect(d).not.toBeNull();
        if (what === 'completed') expect(d?.status).toBe('completed');
      }
      expect(s.verifyAudit()).toBeNull();
    } finally {
      s.close();
    }
  }, 300_000); // child start-up (node + tsx) dominates; slow on a loaded 2-core machine

  it('a pull and its cursor are both there or both gone', async () => {
    const file = openDevice(dir, 'counter-1').file;
    const N = 90;
    const log: RemoteChange[] = Array.from({ length: N }, (_, i) => {
      const id = `HS-20261126-R${String(i).padStart(5, '0')}`;
      const at = new Date(Date.UTC(2026, 10, 26, 3, 0, i)).toISOString();
      const payload: DossierPayload = {
        id,
        formId: 'CT01',
        formVersion: '1',
        status: 'draft',
        fields: person(`Người Ở Xa ${i}`, `0010991${String(i).padStart(5, '0')}`),
        createdAt: at,
        updatedAt: at,
        verificationOverride: false,
        originDevice: 'kiosk-9',
        history: [{ status: 'created', at, actor: 'kiosk' }],
      };
      return { changeId: `c-${i}`, position: i + 1, deviceId: 'kiosk-9', kind: 'dossier.put', entityId: id, baseVersion: null, meta: { at, actor: 'kiosk', action: 'dossier.create' }, payload: JSON.stringify(payload) };
    });
    const logFile = path.join(dir, 'log.json');
    fs.writeFileSync(logFile, JSON.stringify(log));
    let kills = 0;
    for (let round = 0; ; round++) {
      const r = await runChild(['pull', file, storeKey.toString('hex'), logFile], round < 3 ? 'afterLine' : round < 5 ? 'random' : 'never');
      if (r.killed) kills += 1;
      const s = openStore({ path: file, key: storeKey, checkpointEverySeconds: 0 });
      try {
        const cursor = s.pullCursor();
        const acked = r.lines.filter((l) => l.startsWith('applied ')).map((l) => Number(l.split(' ')[1]));
        expect(cursor).toBeGreaterThanOrEqual(Math.max(0, ...acked));
        // Exactly the changes up to the cursor are applied, each once.
        expect(s.db.prepare("SELECT count(*) FROM dossiers WHERE origin_device = 'kiosk-9'").pluck().get()).toBe(cursor);
        expect(s.db.prepare("SELECT count(*) FROM dossiers WHERE origin_device = 'kiosk-9' AND server_version IS NOT NULL").pluck().get()).toBe(cursor);
        if (!r.killed) {
          expect(cursor).toBe(N);
          break;
        }
      } finally {
        s.close();
      }
    }
    expect(kills).toBeGreaterThanOrEqual(3);
  }, 300_000); // child start-up (node + tsx) dominates; slow on a loaded 2-core machine
});
