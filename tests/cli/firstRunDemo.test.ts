import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstRunDemo } from '../../src/cli/firstRunDemo';

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'motcua-firstrun-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('start on a fresh machine', () => {
  it('opens the demonstration mode when nothing is set up and no reader answers', async () => {
    const decision = await firstRunDemo(dataDir(), async () => false);
    expect(decision.demo).toBe(true);
  });

  it('uses the real reader when one is attached, even on a fresh machine', async () => {
    expect((await firstRunDemo(dataDir(), async () => true)).demo).toBe(false);
  });

  it('never falls back to the sample card once a real store exists', async () => {
    const d = dataDir();
    writeFileSync(path.join(d, 'motcua.db'), '');
    let probed = false;
    const decision = await firstRunDemo(d, async () => {
      probed = true;
      return false;
    });
    expect(decision.demo).toBe(false);
    expect(probed).toBe(false);
  });
});
