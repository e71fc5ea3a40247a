import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const HOST_INDEPENDENT = ['api', 'app', 'services', 'store', 'forms', 'print', 'card'];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mts)$/.test(f) ? [p] : [];
  });
}

describe('host independence', () => {
  it.each(HOST_INDEPENDENT)('src/%s never imports electron', (dir) => {
    const bad = files(path.join(SRC, dir)).filter((f) => /(from\s+|import\(\s*|require\(\s*)['"]electron(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('the scan would catch an electron import', () => {
    expect(/(from\s+|import\(\s*|require\(\s*)['"]electron(\/[^'"]*)?['"]/.test("import { app } from 'electron';")).toBe(true);
  });
});
