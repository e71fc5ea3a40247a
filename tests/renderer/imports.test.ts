import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const RENDERER = path.resolve(__dirname, '../../renderer/src');
const CONTRACT = path.resolve(__dirname, '../../src/api/contract.ts');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

const ALLOWED_PACKAGES = new Set(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']);

describe('renderer imports', () => {
  it('import nothing from Node, Electron or src/ except the API contract (types)', () => {
    const offenders: string[] = [];
    for (const f of files(RENDERER)) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(f), spec);
          if (target.startsWith(RENDERER)) continue;
          if (target + '.ts' === CONTRACT || target === CONTRACT) continue;
          offenders.push(`${path.relative(RENDERER, f)} → ${spec}`);
        } else if (!ALLOWED_PACKAGES.has(spec) && !spec.endsWith('.css')) offenders.push(`${path.relative(RENDERER, f)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the contract itself imports only zod and types', () => {
    const src = readFileSync(CONTRACT, 'utf8');
    const specs = [...src.matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ type: !!m[1], spec: m[2]! }));
    for (const s of specs) expect(s.type || s.spec === 'zod', s.spec).toBe(true);
  });
});
