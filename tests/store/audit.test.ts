import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { appendAudit, canonicalJson, chainHashOf, GENESIS_HASH, readAudit, sha256Hex, verifyAuditChain } from '../../src/store/audit';
import { openDatabase } from '../../src/store/db';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('canonicalJson', () => {
  it('sorts object keys recursively, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('audit chain', () => {
  it('links each entry to the previous chain hash, starting from 64 zeros', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-audit-'));
    const db = openDatabase({ path: path.join(dir, 'a.db'), key: randomBytes(32) });
    const tx = db.transaction(() => {
      appendAudit(db, { at: '2026-11-26T00:00:00.000Z', actor: 'kiosk', action: 'dossier.create', recordId: 'HS-20261126-AAAAAA', recordHash: sha256Hex('x') });
      appendAudit(db, { at: '2026-11-26T00:00:01.000Z', actor: 'lan', action: 'dossier.print', recordId: 'HS-20261126-AAAAAA', recordHash: null });
    });
    tx.immediate();
    const [e1, e2] = readAudit(db);
    expect(e1?.seq).toBe(1);
    expect(e1 && e1.chainHash).toBe(e1 && chainHashOf(GENESIS_HASH, e1));
    expect(e2 && e2.chainHash).toBe(e1 && e2 && chainHashOf(e1.chainHash, e2));
    expect(e1 && chainHashOf(GENESIS_HASH, { ...e1, actor: 'eve' })).not.toBe(e1?.chainHash);
    expect(verifyAuditChain(db)).toBeNull();
    db.close();
  });
});
