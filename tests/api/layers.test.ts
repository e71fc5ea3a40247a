/**
 * Layers point one way. Ground: `vn` (Vietnam specifics), then `card`; above them `forms`, `store`, `print`, `sim`;
 * then `services` and the API (`api`); the composition root `app` wires services into the API core; the hosts
 * (`host` browser host, `main`/`preload` Electron, `cli`) sit on top, with what both app hosts
 * share in `hostShared`; the renderer sees only the API contract and its error codes (tests/renderer/imports.test.ts
 * checks it file by file, and the last case here repeats the rule). Nothing outside the Electron host imports
 * `electron`. Type-only imports count: a layer that knows another's types depends on it.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

const RANK: Record<string, number> = {
  vn: 0,
  card: 1,
  forms: 2,
  // The centre's queue rules (ticket numbers, the line, announcements, the report): domain rules like the forms,
  // which the store persists.
  queue: 2,
  store: 2,
  print: 2,
  sim: 2,
  services: 3,
  // The centre: its device half (sync worker, enrolment) is a service the composition root runs in the hosts; its
  // server half runs only from the CLI. Both import nothing above the store.
  centre: 3,
  api: 4,
  // The composition root builds the API core from the services; only hosts import it.
  app: 5,
  hostShared: 6,
  host: 7,
  main: 7,
  preload: 7,
  cli: 7,
};
/** Hosts may not import each other, except the CLI, whose `serve` command runs the browser host. */
const HOST_IMPORTS: Record<string, string[]> = { host: [], main: [], preload: [], cli: ['host'] };
const ELECTRON_ALLOWED = new Set(['main', 'preload']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mts)$/.test(f) ? [p] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
}

/** Top-level folder of src/ a file or import target lies in ('' outside src/). */
function layerOf(abs: string): string {
  const rel = path.relative(SRC, abs);
  return rel.startsWith('..') ? '' : rel.split(path.sep)[0]!;
}

export function violations(fileAbs: string, text: string): string[] {
  const from = layerOf(fileAbs);
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (/^electron(\/|$)/.test(spec) && !ELECTRON_ALLOWED.has(from)) out.push(`${from} → electron`);
    if (!spec.startsWith('.')) continue;
    const to = layerOf(path.resolve(path.dirname(fileAbs), spec));
    if (!to || to === from || RANK[to] === undefined || RANK[from] === undefined) continue;
    const bad = from in HOST_IMPORTS && to in HOST_IMPORTS ? !HOST_IMPORTS[from]!.includes(to) : RANK[to]! > RANK[from]!;
    if (bad) out.push(`${from} → ${to}`);
  }
  return [...new Set(out)];
}

describe('import direction', () => {
  const all = files(SRC);

  it('every folder of src/ has a place in the layer picture', () => {
    const folders = readdirSync(SRC).filter((f) => statSync(path.join(SRC, f)).isDirectory());
    expect(folders.filter((f) => RANK[f] === undefined)).toEqual([]);
  });

  it('no import points up (or sideways between hosts), and only the Electron host imports electron', () => {
    const found = all.flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${path.relative(SRC, f)}: ${v}`));
    expect(found).toEqual([]);
  });

  it('the renderer imports from src/ only the API contract and its error codes', () => {
    const allowed = new Set([path.join(SRC, 'api', 'contract'), path.join(SRC, 'api', 'errorCodes')]);
    const found = files(path.join(ROOT, 'renderer', 'src')).flatMap((f) =>
      importsOf(readFileSync(f, 'utf8'))
        .filter((s) => s.startsWith('.'))
        .map((s) => path.resolve(path.dirname(f), s).replace(/\.(ts|tsx)$/, ''))
        .filter((t) => t.startsWith(SRC + path.sep) && !allowed.has(t))
        .map((t) => `${path.relative(ROOT, f)} → ${path.relative(ROOT, t)}`),
    );
    expect(found).toEqual([]);
  });

  it('the scan catches each kind of violation', () => {
    const at = (p: string): string => path.join(SRC, p);
    expect(violations(at('card/reader/x.ts'), "import { CardServiceError } from '../../services/types';")).toEqual(['card → services']);
    expect(violations(at('card/transport/x.ts'), "import type { SimCard } from '../../sim/applet/simCard';")).toEqual(['card → sim']);
    expect(violations(at('vn/x.ts'), "export { cleanText } from '../forms/text';")).toEqual(['vn → forms']);
    expect(violations(at('main/x.ts'), "import { csp } from '../host/csp';")).toEqual(['main → host']);
    expect(violations(at('api/x.ts'), "const m = await import('../app/compose');")).toEqual(['api → app']);
    expect(violations(at('store/x.ts'), "import { app } from 'electron';")).toEqual(['store → electron']);
    expect(violations(at('cli/serve.ts'), "import { startBrowserHost } from '../host/server';")).toEqual([]);
    expect(violations(at('card/x.ts'), "import { assertCan } from '../vn/can';")).toEqual([]);
  });
});
