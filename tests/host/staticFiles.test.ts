import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadStatic } from '../../src/hostShared/staticFiles';

describe('loadStatic', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'motcua-static-'));
  writeFileSync(path.join(root, 'index.html'), 'INDEX');
  it('serves files inside the root, falls back to index.html for routes, refuses escapes', async () => {
    expect((await loadStatic(root, '/'))?.body.toString()).toBe('INDEX');
    expect((await loadStatic(root, '/counter'))?.type).toContain('text/html');
    expect(await loadStatic(root, '/missing.js')).toBeNull();
    expect(await loadStatic(root, '/../../etc/passwd')).toBeNull();
    expect(await loadStatic(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(await loadStatic(root, '/%E0%A4%A')).toBeNull();
  });
});
