/**
 * Inputs a mutation fuzzer found to crash the LDS parsers with TypeError, RangeError, an untyped Error or a
 * stack overflow. A chip (or a cloned chip) controls every byte here, so each must end in the project's typed
 * parse error, quickly, whatever its shape.
 */
import { describe, expect, it } from 'vitest';
import { decodeAll, decodeOne, encode } from '../../../src/card/asn1/tlv';
import { CardDataError } from '../../../src/card/asn1/errors';
import { Asn1Error } from '../../../src/card/asn1/der';
import { parseDg15 } from '../../../src/card/lds/dg15';
import { parseDg13 } from '../../../src/card/lds/dg13';
import { parseDg1 } from '../../../src/card/lds/dg1';
import { parseDg2 } from '../../../src/card/lds/dg2';
import { parseCardAccess } from '../../../src/card/lds/cardAccess';
import { parseDg14 } from '../../../src/card/lds/dg14';
import { parseSod } from '../../../src/card/pa/sod';
import { decodeJpeg2000, ImageError, MAX_DECODE_PIXELS } from '../../../src/card/lds/image';
import { bsi, sharedFile } from '../../helpers/sharedData';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

/** `depth` SETs nested inside each other around `inner`. */
function nested(tag: number, depth: number, inner: Uint8Array = new Uint8Array()): Uint8Array {
  let x = inner;
  for (let i = 0; i < depth; i++) x = encode(tag, x);
  return x;
}

/** The first error `f` throws (so a test can check its class and message together). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('LDS parsers reject malformed input with typed errors', () => {
  it('DG15 whose value is a bare OID (6F 03 06 01 2A) is not a SubjectPublicKeyInfo', () => {
    const e = thrown(() => parseDg15(hex('6f0306012a')));
    expect(e).toBeInstanceOf(Asn1Error);
    expect((e as Error).message).toMatch(/DG15 public key/);
  });

  it('CardAccess holding a GeneralizedTime "0" (31 03 18 01 30) is malformed DER, not an asn1js Error', () => {
    const e = thrown(() => parseCardAccess(hex('3103180130')));
    expect(e).toBeInstanceOf(Asn1Error);
    expect((e as Error).message).toMatch(/SecurityInfos/);
  });

  it('CardAccess with a SecurityInfo that is not a SEQUENCE is refused', () => {
    expect(() => parseCardAccess(hex('3103020101'))).toThrow(CardDataError);
  });

  it('DG13 with 3,727 nested SETs is refused for its depth instead of overflowing the stack', () => {
    const e = thrown(() => parseDg13(encode(0x6d, nested(0x31, 3727))));
    expect(e).toBeInstanceOf(CardDataError);
    expect((e as Error).message).toMatch(/nest/i);
  });

  it('DG1 with a 130,000-byte MRZ element is refused for its size instead of overflowing the stack', () => {
    const e = thrown(() => parseDg1(encode(0x61, encode(0x5f1f, new Uint8Array(130_000).fill(0x3c)))));
    expect(e).toBeInstanceOf(CardDataError);
    expect((e as Error).message).toMatch(/MRZ/);
  });

  it('DG2 with deeply nested biometric templates is refused for its depth', () => {
    const bdb = encode(0x7f2e, nested(0xa1, 5000));
    expect(() => parseDg2(encode(0x75, encode(0x7f61, [encode(0x02, Uint8Array.of(1)), encode(0x7f60, bdb)])))).toThrow(CardDataError);
  });

  it('DG14 with 5,000 nested SEQUENCEs is refused before asn1js recurses into it', () => {
    expect(() => parseDg14(encode(0x6e, encode(0x31, nested(0x30, 5000))))).toThrow(CardDataError);
  });

  it('a JPEG 2000 whose header announces 40,000 × 40,000 pixels is refused before the decoder allocates anything', async () => {
    // SOC, SIZ (Lsiz 41, Rsiz 0, Xsiz, Ysiz, offsets 0, tile = image, one 8-bit component).
    const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const siz = [0xff, 0x4f, 0xff, 0x51, 0x00, 0x29, 0x00, 0x00, ...u32(40_000), ...u32(40_000), ...u32(0), ...u32(0),
      ...u32(40_000), ...u32(40_000), ...u32(0), ...u32(0), 0x00, 0x01, 0x07, 0x01, 0x01];
    await expect(decodeJpeg2000(Uint8Array.from(siz))).rejects.toThrow(ImageError);
    await expect(decodeJpeg2000(Uint8Array.from(siz))).rejects.toThrow(new RegExp(`40000×40000 pixels \\(at most ${MAX_DECODE_PIXELS}\\)`));
  });

  it('a JPEG 2000 the decoder cannot read fails with an ImageError', async () => {
    const jp2 = sharedFile('icao', 'dg2', 'silver.jp2').slice(0, 400);
    await expect(decodeJpeg2000(jp2)).rejects.toThrow(ImageError);
  });

  it('an SOD whose LDSSecurityObject has only version and hash algorithm names the missing field', () => {
    // Parsing comes before any signature check, so the BSI SOD with its eContent swapped is enough.
    const lso = encode(0x30, [encode(0x02, Uint8Array.of(0)), hex('300d06096086480165030402010500')]);
    const sod = withEContent(bsi('EF_SOD.bin'), lso);
    const e = thrown(() => parseSod(sod));
    expect(e).toBeInstanceOf(CardDataError);
    expect((e as Error).message).toMatch(/dataGroupHashValues/);
  });
});

/**
 * Rebuild an EF.SOD with a different eContent (the LDSSecurityObject), keeping the BSI SignerInfo and
 * certificate: the signature no longer verifies, which does not matter to the parser.
 */
function withEContent(sod: Uint8Array, eContent: Uint8Array): Uint8Array {
  const ci = decodeOne(decodeOne(sod).value);
  const [type, explicit] = decodeAll(ci.value);
  const sd = decodeOne(explicit!.value);
  const parts = decodeAll(sd.value);
  const [eType] = decodeAll(parts[2]!.value);
  const eci = encode(0x30, [raw(eType!), encode(0xa0, encode(0x04, eContent))]);
  const newSd = encode(0x30, [raw(parts[0]!), raw(parts[1]!), eci, ...parts.slice(3).map(raw)]);
  return encode(0x77, encode(0x30, [raw(type!), encode(0xa0, newSd)]));
}

function raw(t: { tag: number; value: Uint8Array }): Uint8Array {
  return encode(t.tag, t.value);
}
