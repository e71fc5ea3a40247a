/**
 * Crash safety (a kiosk loses power at any moment): child processes save dossiers in a loop and are SIGKILLed at random
 * moments — during start-up and open as well as mid-save — ≥ 200 times in total, three writers at once on the
 * same file. Afterwards the file must pass `PRAGMA integrity_check`, and every id a child printed (printed only
 * after its save returned) must be there with intact fields, with an unbroken audit chain.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { openStore } from '../../src/store/sqliteStore';
import { crashFields } from '../helpers/storeChild';

const KILLS = 200;
const LANES = 3;
/** Acknowledged saves (loop iterations of the children) to verify afterwards. */
const MIN_SAVES = 200;
const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'tests/helpers/storeChild.ts');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Printed {
  id: string;
  tag: string;
  completed: boolean;
}

/** Runs one child and kills it; resolves with the complete lines it printed. */
function runOnce(dbPath: string, keyHex: string, lane: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, keyHex, String(lane)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    // Three kinds of random moment: during start-up (open, probe, migrations), a random 5–60 ms after
    // "ready" (mid-save), or right after the k-th acknowledged save (just after a commit).
    const mode = randomInt(5);
    if (mode === 0) timer = setTimeout(kill, randomInt(0, 300));
    const killAfterReady = randomInt(5, 61);
    const killAtLine = randomInt(1, 21);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (mode === 1 || mode === 2) {
        if (timer === null && out.startsWith('ready\n')) timer = setTimeout(kill, killAfterReady);
      } else if (mode >= 3 && out.split('\n').length - 2 >= killAtLine) {
        kill();
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      const complete = out.endsWith('\n') ? out : out.slice(0, out.lastIndexOf('\n') + 1);
      resolve({ lines: complete.split('\n').filter((l) => l !== '' && l !== 'ready'), signal, stderr: err });
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of concurrent writers with every acknowledged save intact`, async () => {
    const dbPath = path.join(dir, 'store.db');
    const key = randomBytes(32);
    const keyHex = key.toString('hex');
    openStore({ path: dbPath, key }).close(); // create once, so the lanes do not race on creating the file

    const printed = new Map<string, Printed>();
    let kills = 0;
    const failures: string[] = [];
    const lane = async (n: number) => {
      while ((kills < KILLS || printed.size < MIN_SAVES) && failures.length === 0) {
        const r = await runOnce(dbPath, keyHex, n);
        if (r.signal !== 'SIGKILL') failures.push(`child exited by itself (${r.signal ?? 'code'}): ${r.stderr.slice(0, 500)}`);
        kills += 1;
        for (const line of r.lines) {
          const [kind, id, tag] = line.split(' ');
          if (!id || !tag || (kind !== 'created' && kind !== 'completed')) {
            failures.push(`unexpected child output: ${line.slice(0, 80)}`);
            continue;
          }
          const p = printed.get(id) ?? { id, tag, completed: false };
          if (kind === 'completed') p.completed = true;
          printed.set(id, p);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    expect(failures).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(printed.size).toBeGreaterThanOrEqual(MIN_SAVES);

    const store = openStore({ path: dbPath, key, integrityCheck: 'full' });
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(() => store.db.prepare("INSERT INTO dossier_fts(dossier_fts) VALUES ('integrity-check')").run()).not.toThrow();
      expect(store.verifyAudit()).toBeNull();
      let missing = 0;
      let damaged = 0;
      for (const p of printed.values()) {
        const d = store.get(p.id);
        if (!d) {
          missing += 1;
          continue;
        }
        if (JSON.stringify(d.fields) !== JSON.stringify(crashFields(p.tag))) damaged += 1;
        if (p.completed && d.status !== 'completed') damaged += 1;
      }
      expect({ missing, damaged }).toEqual({ missing: 0, damaged: 0 });
      console.log(`crash safety: ${kills} SIGKILLs, ${printed.size} acknowledged saves verified`);
      const total = store.db.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
      expect(total).toBeGreaterThanOrEqual(printed.size);
      const sample = [...printed.values()][randomInt(printed.size)] as Printed;
      expect(store.search(`crash ${sample.tag}`).map((s) => s.id)).toContain(sample.id);
    } finally {
      store.close();
    }
  }, 400_000); // ~40 s on an idle 2-core machine; child start-up (node + tsx) dominates, and several times that under load
});
