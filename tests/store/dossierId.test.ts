import { describe, it, expect } from 'vitest';
import { DOSSIER_ID_RE, newDossierId } from '../../src/store/dossierId';

describe('newDossierId', () => {
  it('has the HS-YYYYMMDD-XXXXXX shape with Crockford base32', () => {
    for (let i = 0; i < 200; i++) expect(newDossierId(new Date('2026-11-26T03:00:00Z'))).toMatch(DOSSIER_ID_RE);
  });
  it('uses the Vietnam office date (UTC+7)', () => {
    expect(newDossierId(new Date('2026-11-25T23:30:00Z')).slice(0, 11)).toBe('HS-20261126');
    expect(newDossierId(new Date('2026-11-25T16:59:59Z')).slice(0, 11)).toBe('HS-20261125');
  });
  it('is random', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newDossierId(new Date('2026-01-01T00:00:00Z'))));
    expect(ids.size).toBeGreaterThan(995);
  });
});
