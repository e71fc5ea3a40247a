import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedExpiry, IdentityError, isRealDate, parseIdentity } from '../../../src/sim/profile/identity';
import { sampleFiles, sampleIdentities } from '../../../src/sim/profile/samples';

const base = JSON.parse(readFileSync(sampleFiles()[0]!, 'utf8')) as Record<string, unknown>;

describe('identity schema', () => {
  it('accepts every bundled sample', () => {
    expect(sampleIdentities().length).toBeGreaterThanOrEqual(4);
  });

  it('names each bad field without echoing its value', () => {
    let err: unknown;
    try {
      parseIdentity({ ...base, idNumber: '12345', dateOfBirth: '1957-02-30', sex: 'X', pki: 'dsa' }, 'card.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IdentityError);
    const msg = (err as Error).message;
    expect(msg).toContain('card.json is invalid');
    expect(msg).toMatch(/idNumber: must be exactly 12 digits/);
    expect(msg).toMatch(/dateOfBirth: is not a calendar date/);
    expect(msg).toMatch(/sex:/);
    expect(msg).toMatch(/pki:/);
    expect(msg).not.toContain('12345');
  });

  it('rejects unknown keys, expiry before issue, and a bad face spec', () => {
    expect(() => parseIdentity({ ...base, nickname: 'x' })).toThrow(/nickname|Unrecognized/);
    expect(() => parseIdentity({ ...base, dateOfExpiry: '2020-01-01' })).toThrow(/dateOfExpiry: must be after dateOfIssue/);
    expect(() => parseIdentity({ ...base, face: { synthetic: { width: 5, height: 400, seed: 1 } } })).toThrow(/face/);
    expect(() => parseIdentity({ ...base, oldIdNumber: '12345678' })).toThrow(/oldIdNumber: must be exactly 9 digits/);
    expect(() => parseIdentity({ ...base, nationality: 'Lào' })).toThrow(/nationality: must be "Việt Nam"/);
  });

  it('checks calendar dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
  });
});

describe('expectedExpiry (cccd.md §8)', () => {
  it('applies the milestones and the 2-year window', () => {
    // cccd.md §8 example: born 10/05/1985, card made in 2024 at 39 → valid until 10/05/2045.
    expect(expectedExpiry('1985-05-10', '2024-03-01', 2021)).toBe('2045-05-10');
    expect(expectedExpiry('1985-05-10', '2024-03-01', 2024)).toBe('2045-05-10');
    expect(expectedExpiry('1990-01-15', '2021-03-01', 2021)).toBe('2030-01-15'); // at 31 → 40
    expect(expectedExpiry('1962-06-01', '2021-05-01', 2021)).toBeNull(); // at 58 → lifetime
    expect(expectedExpiry('2011-04-01', '2024-08-01', 2024)).toBe('2036-04-01'); // at 13 → inside the window before 14 → 25
    expect(expectedExpiry('2008-04-01', '2024-08-01', 2024)).toBe('2033-04-01'); // at 16 → 25
  });

  it('matches every sample card', () => {
    for (const id of sampleIdentities()) expect(id.dateOfExpiry).toBe(expectedExpiry(id.dateOfBirth, id.dateOfIssue, id.generation));
  });
});
