/** The fuzz CLI's hang watchdog ends a process whose parser is stuck and keeps the input that got it stuck. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/stuckParser.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'motcua-fuzz-hang-'));

describe('fuzz hang watchdog', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kills a process stuck on one input, saves that input and prints the last counts', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fixture, dir], { encoding: 'utf8', timeout: 50_000 });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).not.toMatch(/did not fire/);
    expect(r.stderr).toMatch(/HANG — dg13 has run one input for \d+ s \(5 bytes/);
    expect(r.stderr).toMatch(/last counts before the hang: 12 s, 3400 inputs/);
    expect([...readFileSync(path.join(dir, 'hang-dg13.bin'))]).toEqual([0x6d, 0x03, 0x31, 0x01, 0x00]);
  }, 60_000);
});
