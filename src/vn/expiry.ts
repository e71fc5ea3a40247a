/**
 * Card expiry by the law's age milestones (cccd.md §8).
 * - Law on CCCD 2014, Art. 21: renew at 25, 40, 60; cards issued within 2 years before a milestone stay valid
 *   until the next one; from 58 on the card never expires.
 * - Law on Identification 2023 (26/2023/QH15, in force 2024-07-01), Art. 21: milestones 14, 25, 40, 60, same 2-year rule.
 * The expiry day and month equal the date of birth (all MRZ samples agree, cccd.md §2.3).
 */

export type CardLaw = 'CCCD_2014' | 'ID_2023';

/** ISO "YYYY-MM-DD" → [y, m, d] */
function parseIso(s: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got '${s}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date on which someone born on `dob` turns `years` (29 Feb → 28 Feb in non-leap years). */
export function anniversary(dob: string, years: number): string {
  const [y, m, d] = parseIso(dob);
  const ty = y + years;
  const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return iso(ty, m, day);
}

/** Which law governs a card issued on `issueDate` (the 2023 law applies from 2024-07-01). */
export function lawForIssueDate(issueDate: string): CardLaw {
  return issueDate >= '2024-07-01' ? 'ID_2023' : 'CCCD_2014';
}

/**
 * Expiry date (ISO) of a card issued on `issueDate` to someone born on `dateOfBirth`, or null when the
 * card never expires ("Không thời hạn", MRZ 991231).
 */
export function deriveExpiry(dateOfBirth: string, issueDate: string, law: CardLaw = lawForIssueDate(issueDate)): string | null {
  parseIso(dateOfBirth);
  parseIso(issueDate);
  const milestones = law === 'ID_2023' ? [14, 25, 40, 60] : [25, 40, 60];
  for (const m of milestones) {
    if (anniversary(dateOfBirth, m) <= issueDate) continue; // milestone already passed
    // Issued within 2 years before this milestone → valid until the next one (Art. 21 §2 of both laws).
    if (issueDate >= anniversary(dateOfBirth, m - 2)) continue;
    return anniversary(dateOfBirth, m);
  }
  return null;
}

/** ISO expiry (or null = never) → MRZ YYMMDD; never-expiring cards carry 991231 (cccd.md §2.4). */
export function expiryToMrz(expiry: string | null): string {
  if (expiry === null) return '991231';
  const [y, m, d] = parseIso(expiry);
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

/** ISO date → MRZ YYMMDD */
export function dateToMrz(date: string): string {
  const [y, m, d] = parseIso(date);
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}
