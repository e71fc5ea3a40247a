/** Shared test fixtures: the synthetic card holders and the golden-file location. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Holder } from '../../src/card/result';
import type { FilledField, OfficeConfig } from '../../src/forms/types';
import type { PrintMeta } from '../../src/print/meta';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const GOLDEN_DIR = join(FIXTURES, 'golden');

export function loadIdentities(): Record<string, Holder> {
  const dir = join(FIXTURES, 'identities');
  const out: Record<string, Holder> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Holder;
  }
  return out;
}

export function identity(name: string): Holder {
  const h = loadIdentities()[name];
  if (!h) throw new Error(`no identity fixture ${name}`);
  return h;
}

/** 10:00 in Hà Nội on 26/11/2026: fixed so dates in goldens never move. */
export const AT = new Date('2026-11-26T03:00:00Z');

/** The one print description the tests use: fixed dates so PDFs are byte-identical run to run. */
export const META: PrintMeta = { dossierId: 'HS-20261126-0007', createdAt: AT.toISOString(), printedAt: AT.toISOString(), demo: false };

export const OFFICE: OfficeConfig = { communeName: 'UBND phường Ba Đình', provinceName: 'Thành phố Hà Nội', communeCode: '00004', provinceCode: '01' };

/** A field as pre-filled from the chip (store and sanitizer tests); `extra` overrides any part of it. */
export function chipField(key: string, value: string, extra: Partial<FilledField> = {}): FilledField {
  return { key, group: 'Thông tin người khai', label: key, value, source: 'CHIP', provenance: 'chip', ...extra };
}
