/**
 * Ticket numbers ("số thứ tự"), unique per centre per day across every device. The centre (or the standalone
 * PC) issues plain numbers 1, 2, 3…; a kiosk that cannot reach the centre issues from its own reserved block,
 * written `K<kiosk>-<nnn>` (e.g. `K1-017`). The two never collide because the issuer is part of the number's
 * identity — (day, issuer, seq) is unique — and the printed label shows it, so two citizens never hold the
 * same label on the same day.
 */

export const CENTRE_ISSUER = 'C' as const;
/** A kiosk block holds at most this many numbers a day (three printed digits). */
export const KIOSK_BLOCK_SIZE = 999;
export const CENTRE_MAX_SEQ = 9999;

export type Issuer = typeof CENTRE_ISSUER | `K${number}`;

export interface TicketNumber {
  issuer: Issuer;
  seq: number;
}

export function kioskIssuer(kiosk: number): Issuer {
  if (!Number.isInteger(kiosk) || kiosk < 1 || kiosk > 99) throw new RangeError(`kiosk number must be 1–99, got ${kiosk}`);
  return `K${kiosk}`;
}

export function maxSeqFor(issuer: Issuer): number {
  return issuer === CENTRE_ISSUER ? CENTRE_MAX_SEQ : KIOSK_BLOCK_SIZE;
}

/** The printed and displayed label: "17" from the centre, "K1-017" from kiosk 1's offline block. */
export function formatTicketLabel(n: TicketNumber): string {
  if (!Number.isInteger(n.seq) || n.seq < 1 || n.seq > maxSeqFor(n.issuer)) throw new RangeError(`ticket seq out of range: ${n.seq}`);
  return n.issuer === CENTRE_ISSUER ? String(n.seq) : `${n.issuer}-${String(n.seq).padStart(3, '0')}`;
}

export function parseTicketLabel(label: string): TicketNumber | null {
  const centre = /^([1-9]\d{0,3})$/.exec(label);
  if (centre) return { issuer: CENTRE_ISSUER, seq: Number(centre[1]) };
  const kiosk = /^K([1-9]\d?)-(\d{3})$/.exec(label);
  if (kiosk && Number(kiosk[2]) >= 1) return { issuer: `K${Number(kiosk[1])}`, seq: Number(kiosk[2]) };
  return null;
}

/**
 * The centre's calendar day (YYYY-MM-DD) of an instant. Vietnam keeps UTC+7 all year (no daylight saving), so
 * a fixed offset is exact; numbering restarts at local midnight, not UTC midnight (07:00 local).
 */
export function centreDay(at: Date, utcOffsetMinutes = 7 * 60): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
