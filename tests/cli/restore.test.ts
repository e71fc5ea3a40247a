/** Issue #4: a corrupted database is never overwritten; the latest backup is offered and restores with one command. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { runCli, REPO } from '../helpers/pcscCard';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('motcua restore', () => {
  it('refuses a damaged store without touching it, names the backup, and restores it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-restore-'));
    const db = path.join(dir, 'motcua.db');
    const created = await runCli(['dossier', 'create', '--form', 'CT01', '--identity', path.join(REPO, 'tests/fixtures/identities/young-man.json'), '--db', db, '--json']);
    const id = JSON.parse(created.stdout).id as string;
    expect((await runCli(['backup', '--db', db])).code).toBe(0);

    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
    fs.closeSync(fd);
    const damaged = sha(db);

    const refused = await runCli(['dossier', 'list', '--db', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/damaged/i);
    expect(refused.stderr).toMatch(/motcua restore --from ".*backups.*"/);
    expect(sha(db)).toBe(damaged); // never overwritten

    const restored = await runCli(['restore', '--db', db, '--json']);
    expect(restored.code).toBe(0);
    const r = JSON.parse(restored.stdout);
    expect(sha(r.movedAside)).toBe(damaged); // the damaged file is kept aside
    const listed = await runCli(['dossier', 'list', '--db', db, '--json']);
    expect(JSON.parse(listed.stdout).map((d: { id: string }) => d.id)).toEqual([id]);
  }, 120_000); // five CLI processes: on a loaded 2-core machine each start alone can take several seconds
});
