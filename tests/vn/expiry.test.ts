import { describe, expect, it } from 'vitest';
import { anniversary, deriveExpiry, expiryToMrz, lawForIssueDate } from '../../src/vn/expiry';

describe('card expiry by age milestones (cccd.md §8)', () => {
  it('reproduces the published example: born 10/05/1985, card made in 2024 at 39 → 10/05/2045', () => {
    // Made before 2024-07-01 → 2014 law; 39 is within 2 years of 40 → valid to 60.
    expect(deriveExpiry('1985-05-10', '2024-03-01')).toBe('2045-05-10');
  });
  it('issued at 30 → valid until the 40th birthday', () => {
    expect(deriveExpiry('1990-01-15', '2020-06-01')).toBe('2030-01-15');
  });
  it('issued at 58 or later never expires', () => {
    expect(deriveExpiry('1962-03-03', '2021-04-01')).toBeNull();
    expect(deriveExpiry('1940-01-01', '2021-01-01')).toBeNull();
    expect(expiryToMrz(null)).toBe('991231');
  });
  it('the 2023 law adds the 14 milestone', () => {
    expect(lawForIssueDate('2024-07-01')).toBe('ID_2023');
    expect(deriveExpiry('2015-02-01', '2024-08-01')).toBe('2029-02-01'); // at 9 → until 14
    expect(deriveExpiry('2015-02-01', '2024-06-01')).toBe('2040-02-01'); // 2014 law: no 14 milestone → until 25
  });
  it('29 February birthdays fall back to 28 February in common years', () => {
    expect(anniversary('2000-02-29', 25)).toBe('2025-02-28');
  });
});
