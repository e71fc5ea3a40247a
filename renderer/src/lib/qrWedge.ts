/**
 * Keyboard-wedge QR scanners "type" the CCCD QR text (cccd.md §7: "ID|oldID|name|DOB|sex|address|issue") as a fast
 * burst of keystrokes ending in Enter. The detector tells that burst from a person typing by the gaps between keys,
 * and only the ID number leaves it: the CAN is its last 6 digits. The rest of the QR text is dropped at once.
 */

export interface QrKey {
  idNumber: string;
  can: string;
}

/** Extract the 12-digit ID (and the CAN) from QR text; null if it is not a CCCD QR. */
export function parseQrId(text: string): QrKey | null {
  const clean = text.replace(/^\uFEFF/, '').trim();
  if (!clean.includes('|')) return null;
  const id = clean.split('|')[0]!.trim();
  if (!/^\d{12}$/.test(id)) return null;
  return { idNumber: id, can: id.slice(-6) };
}

export interface WedgeOptions {
  /** Max gap between two keys of one burst (scanners: 1–20 ms; people: > 80 ms). */
  maxGapMs?: number;
  minLength?: number;
}

export class WedgeDetector {
  private buf = '';
  private last = -Infinity;
  private readonly maxGap: number;
  private readonly minLength: number;
  constructor(o: WedgeOptions = {}) {
    this.maxGap = o.maxGapMs ?? 50;
    this.minLength = o.minLength ?? 20;
  }

  /** Feed a KeyboardEvent.key with its time; returns the parsed key when a burst completes. */
  feed(key: string, atMs: number): QrKey | null {
    const text = this.feedText(key, atMs);
    return text === null ? null : parseQrId(text);
  }

  /** Like feed, but returns a completed burst's raw text, whatever QR it came from (the queue ticket's, a dossier code). */
  feedText(key: string, atMs: number): string | null {
    const gap = atMs - this.last;
    this.last = atMs;
    if (gap > this.maxGap) this.buf = '';
    if (key === 'Enter') {
      const text = this.buf;
      this.buf = '';
      return text.length >= this.minLength ? text : null;
    }
    if (key.length === 1) this.buf += key;
    return null;
  }

  reset(): void {
    this.buf = '';
    this.last = -Infinity;
  }
}
