import { describe, it, expect } from 'vitest';
import { parseSignedData, verifySignerInfo, matchesSigner } from '../../../src/card/pa/cms';
import { parseCertificate } from '../../../src/card/pa/certificates';
import { decodeOne } from '../../../src/card/asn1/tlv';
import { bsi } from '../../helpers/sharedData';

describe('CMS SignedData', () => {
  const contentInfo = decodeOne(bsi('EF_SOD.bin')).value;

  it('splits SignedData and verifies the signer over the signed attributes', () => {
    const sd = parseSignedData(contentInfo);
    expect(sd.version).toBe(3);
    expect(sd.eContentType).toBe('2.23.136.1.1.1');
    expect(sd.certificates).toHaveLength(1);
    const si = sd.signerInfos[0]!;
    const ds = parseCertificate(sd.certificates[0]!);
    expect(matchesSigner(ds, si.sid)).toBe(true);
    expect(verifySignerInfo(sd, si, ds.publicKey())).toEqual({ digestMatches: true, signatureValid: true, hash: 'sha1' });
  });

  it('detects a modified eContent through the messageDigest attribute', () => {
    const sd = parseSignedData(contentInfo);
    const tampered = { ...sd, eContent: sd.eContent.map((b, i) => (i === 40 ? b ^ 1 : b)) };
    const ds = parseCertificate(sd.certificates[0]!);
    expect(verifySignerInfo(tampered, sd.signerInfos[0]!, ds.publicKey()).digestMatches).toBe(false);
  });

  it('rejects content that is not SignedData', () => {
    expect(() => parseSignedData(Uint8Array.of(0x30, 0x03, 0x06, 0x01, 0x00))).toThrow(/not signedData/);
  });
});
