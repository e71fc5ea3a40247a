import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleFiles, sampleIdentities, sampleProfile } from '../../../src/sim/profile/samples';
import { SHARED_DATA } from '../../helpers/sharedData';

describe('bundled sample identities', () => {
  const ids = sampleIdentities();

  it('cover the four required situations', () => {
    expect(ids).toHaveLength(sampleFiles().length);
    const [elderly, married, longAddress, young] = ids;
    const age = (dob: string, at: string) => Number(at.slice(0, 4)) - Number(dob.slice(0, 4)) - (at.slice(5) < dob.slice(5) ? 1 : 0);
    expect(elderly!.dateOfExpiry).toBeNull();
    expect(age(elderly!.dateOfBirth, elderly!.dateOfIssue)).toBeGreaterThanOrEqual(58);
    expect(married!.sex).toBe('F');
    expect(married!.spouseName).toBeTruthy();
    expect(Buffer.byteLength(longAddress!.placeOfResidence, 'utf8')).toBeGreaterThan(127);
    expect(young!.sex).toBe('M');
    expect(age(young!.dateOfBirth, young!.dateOfIssue)).toBeLessThan(25);
  });

  it('write full Vietnamese diacritics', () => {
    for (const id of ids) expect(id.fullName.normalize('NFD')).not.toBe(id.fullName);
    for (const id of ids) expect(id.nationality).toBe('Việt Nam');
  });

  it('use real pre-2025 commune and province names in the long address', () => {
    const splits = JSON.parse(readFileSync(path.join(SHARED_DATA, 'admin-units-2025', 'splits.json'), 'utf8')) as {
      data: { name: string; level3s: { name: string }[] }[];
    };
    const addr = ids[2]!.placeOfResidence;
    const province = splits.data.find((p) => addr.toLowerCase().endsWith(p.name.replace(/^(Tỉnh|Thành phố) /, '').toLowerCase()));
    expect(province).toBeDefined();
    expect(province!.level3s.some((c) => addr.toLowerCase().includes(c.name.toLowerCase()))).toBe(true);
  });

  it('cache built profiles per process', () => {
    expect(sampleProfile(0)).toBe(sampleProfile(0));
    expect(() => sampleProfile(99)).toThrow(/no sample #99/);
  });
});
