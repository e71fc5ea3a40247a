/**
 * How many bytes to ask for per READ BINARY. Reading is dominated by per-APDU turnaround on contactless links,
 * so the reader asks for as much as fits in one response (extended length) and falls back to the largest short
 * read that fits the secure-messaging overhead when the reader or card refuses extended APDUs.
 * What worked is remembered per reader + ATR for the life of the process.
 */
import type { CipherAlg } from '../crypto/kdf';

export interface ReadStrategy {
  extendedLength: boolean;
  /** Plain data bytes requested per READ BINARY. */
  chunkSize: number;
}

/**
 * Largest plain data length whose SM-wrapped response still fits `maxResponse` bytes of response data
 * (ICAO 9303-11 §9.8.6: DO'87' = tag + length + 0x01 + padded cryptogram, DO'99' = 4, DO'8E' = 10).
 */
export function maxPlainChunk(maxResponse: number, alg: CipherAlg | null): number {
  if (alg === null) return maxResponse;
  const block = alg === 'AES' ? 16 : 8;
  let best = 0;
  // Cryptogram length p is a multiple of the block size with p ≥ n + 1 (ISO 9797-1 padding method 2 always pads).
  for (let p = block; ; p += block) {
    const do87Value = p + 1;
    const lenBytes = do87Value < 0x80 ? 1 : do87Value <= 0xff ? 2 : do87Value <= 0xffff ? 3 : 4;
    const total = 1 + lenBytes + do87Value + 4 + 10;
    if (total > maxResponse) break;
    best = p - 1;
  }
  return best;
}

/** vpcd's 16-bit framing caps a response at 65 533 data bytes; real readers are often lower — fallback handles it. */
export const MAX_EXTENDED_RESPONSE = 65_533;
/** Short APDUs: Le = 00 means 256 response bytes. */
export const MAX_SHORT_RESPONSE = 256;

export function extendedStrategy(alg: CipherAlg | null): ReadStrategy {
  return { extendedLength: true, chunkSize: Math.min(maxPlainChunk(MAX_EXTENDED_RESPONSE, alg), 0xfeff) };
}

export function shortStrategy(alg: CipherAlg | null): ReadStrategy {
  return { extendedLength: false, chunkSize: maxPlainChunk(MAX_SHORT_RESPONSE, alg) };
}

/** The common reader default used as the comparison baseline in benchmarks (JMRTD-style 0xDF). */
export function fixedStrategy(chunk = 223): ReadStrategy {
  return { extendedLength: false, chunkSize: chunk };
}

const remembered = new Map<string, ReadStrategy>();

export function strategyKey(readerName: string, atr: Uint8Array): string {
  return `${readerName}|${Buffer.from(atr).toString('hex')}`;
}

export function rememberStrategy(key: string, s: ReadStrategy): void {
  remembered.set(key, s);
}

export function recalledStrategy(key: string): ReadStrategy | undefined {
  return remembered.get(key);
}

export function forgetStrategies(): void {
  remembered.clear();
}
