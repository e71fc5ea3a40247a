/**
 * Certificates, CRLs and CMS come from the chip (the DS certificate in EF.SOD) and from trust files an operator
 * drops next to the app: malformed ones must end in the project's typed parse error.
 */
import { describe, expect, it } from 'vitest';
import { encode } from '../../../src/card/asn1/tlv';
import { CardDataError } from '../../../src/card/asn1/errors';
import { parseCertificate, parseName } from '../../../src/card/pa/certificates';
import { parseCrl } from '../../../src/card/pa/crl';
import { parseSignedData } from '../../../src/card/pa/cms';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const OID_CN = hex('0603550403');
const ECDSA_SHA256 = hex('300a06082a8648ce3d040302');

/** Name with one CN attribute whose value has the given tag and content. */
function nameWith(tag: number, value: Uint8Array): Uint8Array {
  return encode(0x30, encode(0x31, encode(0x30, [OID_CN, encode(tag, value)])));
}

/** A structurally complete v3 certificate around the given subject (signature and key are dummies). */
function certificateWithSubject(subject: Uint8Array): Uint8Array {
  const validity = encode(0x30, [encode(0x17, new TextEncoder().encode('250101000000Z')), encode(0x17, new TextEncoder().encode('350101000000Z'))]);
  const spki = encode(0x30, [encode(0x30, [hex('06072a8648ce3d0201'), hex('06082a8648ce3d030107')]), encode(0x03, Uint8Array.of(0, 4, 1, 2))]);
  const tbs = encode(0x30, [encode(0xa0, hex('020102')), hex('020101'), ECDSA_SHA256, subject, validity, subject, spki]);
  return encode(0x30, [tbs, ECDSA_SHA256, encode(0x03, Uint8Array.of(0, 1, 2, 3))]);
}

describe('PKI parsers reject malformed input with typed errors', () => {
  it('a UniversalString name value outside Unicode (0xFFFFFFFF) is a typed error, not a RangeError', () => {
    const name = nameWith(0x1c, hex('ffffffff'));
    expect(() => parseName(name)).toThrow(CardDataError);
    expect(() => parseCertificate(certificateWithSubject(name))).toThrow(/UniversalString/);
  });

  it('a valid UniversalString name still decodes (UTF-32BE)', () => {
    const name = nameWith(0x1c, hex('000000560000004e'));
    expect(parseName(name).text).toBe('CN=VN');
  });

  it('a CRL that is one huge PrintableString is refused before asn1js recurses on it', () => {
    expect(() => parseCrl(encode(0x13, new Uint8Array(125_000).fill(0x41)))).toThrow(CardDataError);
  });

  it('a CRL nested 4,000 SEQUENCEs deep is refused with a typed error', () => {
    let x: Uint8Array = new Uint8Array();
    for (let i = 0; i < 4000; i++) x = encode(0x30, x);
    expect(() => parseCrl(x)).toThrow(CardDataError);
  });

  it('CMS whose SignerInfo is not a SEQUENCE of the expected fields is refused', () => {
    const ci = encode(0x30, [hex('06092a864886f70d010702'), encode(0xa0, encode(0x30, [
      hex('020103'), encode(0x31, new Uint8Array()), encode(0x30, [hex('0606678108010101'), encode(0xa0, encode(0x04, hex('3000')))]),
      encode(0x31, encode(0x30, hex('0201'))),
    ]))]);
    expect(() => parseSignedData(ci)).toThrow(CardDataError);
  });
});
