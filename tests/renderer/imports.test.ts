import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const RENDERER = path.resolve(__dirname, '../../renderer/src');
const CONTRACT = path.resolve(__dirname, '../../src/api/contract.ts');
const ERROR_CODES = path.resolve(__dirname, '../../src/api/errorCodes.ts');
/** The only modules of src/ the renderer may import: the contract (types) and the dependency-free error codes. */
const SHARED = [CONTRACT, ERROR_CODES];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

const ALLOWED_PACKAGES = new Set(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']);

describe('renderer imports', () => {
  it('import nothing from Node, Electron or src/ except the API contract (types) and its error codes', () => {
    const offenders: string[] = [];
    for (const f of files(RENDERER)) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(f), spec);
          if (target.startsWith(RENDERER)) continue;
          if (SHARED.includes(target + '.ts') || SHARED.includes(target)) continue;
          offenders.push(`${path.relative(RENDERER, f)} → ${spec}`);
        } else if (!ALLOWED_PACKAGES.has(spec) && !spec.endsWith('.css')) offenders.push(`${path.relative(RENDERER, f)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the contract pulls into the renderer only zod and modules that are data and types (no Node, no host code)', () => {
    const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ type: !!m[1], spec: m[2]! }));
    // Follow every value import from the contract: each module reached may import values only from zod or from
    // modules that pass the same test (the enums of forms/types and store/types, the settings schema, error codes).
    const offenders: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const s of imports(file)) {
        if (s.type || s.spec === 'zod') continue;
        if (!s.spec.startsWith('.')) offenders.push(`${path.basename(file)} → ${s.spec}`);
        else visit(path.resolve(path.dirname(file), s.spec) + '.ts');
      }
    };
    visit(CONTRACT);
    expect(offenders).toEqual([]);
    expect(seen.has(ERROR_CODES)).toBe(true);
    for (const s of imports(ERROR_CODES)) expect(s.type, s.spec).toBe(true);
  });
});
