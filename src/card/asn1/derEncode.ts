/**
 * DER building blocks (X.690 §8) for building card files (the simulated card's profiles and test data). Length handling comes from the shared
 * BER-TLV codec (./tlv.ts); OIDs are encoded by asn1js so this file has no hand-rolled base-128 code.
 */
import * as asn1js from 'asn1js';
import { encode } from './tlv';

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

const utf8 = new TextEncoder();

export function derSequence(...children: Uint8Array[]): Uint8Array {
  return encode(TAG.SEQUENCE, children);
}

export function derSet(...children: Uint8Array[]): Uint8Array {
  return encode(TAG.SET, children);
}

/** Non-negative INTEGER from a JS number (X.690 §8.3: minimal two's complement). */
export function derInteger(n: number | bigint): Uint8Array {
  let v = BigInt(n);
  if (v < 0n) throw new RangeError('DER: negative integers are not needed here');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return derUnsignedInteger(Uint8Array.from(bytes));
}

/** INTEGER from unsigned big-endian magnitude bytes (leading zeros stripped, 0x00 added if the high bit is set). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  const body = m.length > 0 && (m[0]! & 0x80) !== 0 ? Uint8Array.of(0, ...m) : m.length === 0 ? Uint8Array.of(0) : m;
  return encode(TAG.INTEGER, body);
}

export function derOid(dotted: string): Uint8Array {
  return new Uint8Array(new asn1js.ObjectIdentifier({ value: dotted }).toBER());
}

export function derOctetString(value: Uint8Array): Uint8Array {
  return encode(TAG.OCTET_STRING, value);
}

/** BIT STRING with no unused bits (keys and signatures). */
export function derBitString(value: Uint8Array): Uint8Array {
  return encode(TAG.BIT_STRING, [Uint8Array.of(0), value]);
}

export function derNull(): Uint8Array {
  return Uint8Array.of(TAG.NULL, 0);
}

export function derUtf8(text: string): Uint8Array {
  return encode(TAG.UTF8_STRING, utf8.encode(text));
}

/** PrintableString (X.680 §41.4): A–Z a–z 0–9 space ' ( ) + , - . / : = ? */
export function derPrintable(text: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new RangeError('DER: character not allowed in PrintableString');
  return encode(TAG.PRINTABLE_STRING, utf8.encode(text));
}

/** AlgorithmIdentifier (X.509): parameters omitted unless given. */
export function derAlgorithm(oid: string, parameters?: Uint8Array): Uint8Array {
  return parameters ? derSequence(derOid(oid), parameters) : derSequence(derOid(oid));
}

/** Byte-wise comparison used to sort DER SET OF members (X.690 §11.6). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function bytesFromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('hex: invalid string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
