/**
 * Vietnamese date formatting for official forms.
 * - Digits: dd/mm/yyyy (forms.md §5.3; CT01 prints "…/…/…" boxes).
 * - Place-and-date line: "…, ngày 05 tháng 02 năm 2026" — leading zero for days below 10 and for months 1–2
 *   (residence guidance [S39], NĐ 30/2020 convention), a 4-digit year.
 * - Dates "ghi bằng chữ" (birth declaration, lời chứng chứng thực, TT 04/2020 & TT 01/2020):
 *   "ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm".
 *
 * Number words are hand-written rather than taken from an npm package: only 0–9999 is needed, none of the
 * candidate packages is installed, and the reading rules ("mốt", "lăm", "linh", "không trăm") must be exact.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function digit(n: number): string {
  const w = DIGITS[n];
  if (w === undefined) throw new RangeError(`not a digit: ${n}`);
  return w;
}

/** Reads 0–99: 1 → "một", 15 → "mười lăm", 21 → "hai mươi mốt", 25 → "hai mươi lăm", 10 → "mười". */
function twoDigits(n: number): string {
  if (n < 10) return digit(n);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const head = tens === 1 ? 'mười' : `${digit(tens)} mươi`;
  if (units === 0) return head;
  // "mốt" only after "mươi" (21, 31 …), never after "mười" (11 = "mười một"); "lăm" after any ten (15, 25 …).
  if (units === 1) return `${head} ${tens === 1 ? 'một' : 'mốt'}`;
  if (units === 5) return `${head} lăm`;
  return `${head} ${digit(units)}`;
}

/** Reads an integer 0–9999 in words, standard northern/official reading ("nghìn", "linh"). */
export function numberToWordsVi(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`numberToWordsVi supports 0–9999, got ${n}`);
  if (n < 100) return twoDigits(n);
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (thousands > 0) parts.push(`${digit(thousands)} nghìn`);
  if (hundreds > 0 || (thousands > 0 && rest > 0)) parts.push(`${digit(hundreds)} trăm`);
  if (rest > 0) parts.push(rest < 10 ? `linh ${digit(rest)}` : twoDigits(rest));
  return parts.join(' ');
}

const MONTH_WORDS = ['một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'] as const;

export interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Parses ISO "YYYY-MM-DD" (the Holder format) or "dd/mm/yyyy" (the form display format); null if invalid. */
export function parseDate(text: string | null | undefined): YMD | null {
  if (!text) return null;
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let ymd: YMD | null = null;
  if (m) ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) ymd = { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
  if (!ymd) return null;
  const d = new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day));
  if (d.getUTCFullYear() !== ymd.year || d.getUTCMonth() !== ymd.month - 1 || d.getUTCDate() !== ymd.day) return null;
  return ymd;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "2025-12-25" → "25/12/2025"; null when the input is not a valid date. */
export function toDmy(text: string | null | undefined): string | null {
  const d = parseDate(text);
  return d ? `${pad2(d.day)}/${pad2(d.month)}/${d.year}` : null;
}

/** "25/12/2025" or "2025-12-25" → "2025-12-25"; null when invalid. */
export function toIso(text: string | null | undefined): string | null {
  const d = parseDate(text);
  return d ? `${d.year}-${pad2(d.month)}-${pad2(d.day)}` : null;
}

/** "ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm" (lower case, for "Bằng chữ: …"). */
export function dateInWords(text: string | null | undefined): string | null {
  const d = parseDate(text);
  if (!d) return null;
  const month = MONTH_WORDS[d.month - 1];
  return `ngày ${twoDigits(d.day)} tháng ${month} năm ${numberToWordsVi(d.year)}`;
}

/** The calendar date in Asia/Ho_Chi_Minh (UTC+7, no DST) — forms are dated in local time. */
export function vnDate(at: Date): YMD {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** "Tân Phú, ngày 05 tháng 02 năm 2026": zero-padded day < 10 and months 1–2, per NĐ 30/2020 and [S39]. */
export function placeDateLine(place: string, at: Date): string {
  const d = vnDate(at);
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `${place}, ngày ${pad2(d.day)} tháng ${month} năm ${d.year}`;
}
