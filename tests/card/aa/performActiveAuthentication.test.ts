import { describe, it, expect } from 'vitest';
import { constants, createHash, generateKeyPairSync, privateEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { encodeCommand, fromHex, hex, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import {
  performActiveAuthentication,
  verifyActiveAuthenticationSignature,
  verifyIso9796Representative,
} from '../../../src/card/aa/performActiveAuthentication';
import { bigIntToBytes, curveByName } from '../../../src/card/crypto/ec';
import { parseEcSpki } from '../../../src/card/crypto/ecSpki';
import { OID } from '../../../src/card/pace/oids';

// ICAO 9303-11 App. F (RSA-1024, SHA-1): recovered representative F and RND.IFD.
const APP_F_RND_IFD = fromHex('F173589974BF40C6');
const APP_F_F = fromHex(
  '6A9D2784A67F8E7C659973EA1AEA25D95B6C8F91E5002F369F0FBDCE8A3CEC1991B543F1696546C5524CF23A5303CD6C' +
    '98599F40B79F377B5F3A1406B3B4D8F96784D23AA88DB7E1032A405E69325FA91A6E86F5C71AEA978264C4A207446DAD' +
    '4E7292E2DCDA3024B47DA8C063AA1E6D22FBD976AB0FE73D94D2D9C6D88127BC',
);

function spki(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }));
}

/** ISO/IEC 9796-2 scheme 1 partial-recovery signature, as a chip makes it (App. F steps 4-10). */
function rsaSign(privateKey: KeyObject, modulusBits: number, challenge: Uint8Array, hash: 'sha1' | 'sha256' | 'sha512'): Uint8Array {
  const trailer = hash === 'sha1' ? fromHex('BC') : hash === 'sha256' ? fromHex('34CC') : fromHex('35CC');
  const hLen = hash === 'sha1' ? 20 : hash === 'sha256' ? 32 : 64;
  const m1 = new Uint8Array(randomBytes(modulusBits / 8 - 1 - hLen - trailer.length));
  const d = createHash(hash).update(m1).update(challenge).digest();
  const f = new Uint8Array([0x6a, ...m1, ...d, ...trailer]);
  return new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, f));
}

function chipAnswering(signature: (challenge: Uint8Array) => Uint8Array, sw = 0x9000) {
  const commands: Uint8Array[] = [];
  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    commands.push(encodeCommand(c));
    return sw === 0x9000 ? { data: signature(c.data!), sw } : { data: new Uint8Array(0), sw };
  };
  return { send, commands };
}

describe('Active Authentication — RSA ISO/IEC 9796-2 scheme 1', () => {
  it('App. F: the recovered representative verifies against RND.IFD', () => {
    expect(verifyIso9796Representative(APP_F_F, APP_F_RND_IFD)).toEqual({ valid: true });
  });

  it('App. F: another challenge, or a corrupted digest, does not verify', () => {
    expect(verifyIso9796Representative(APP_F_F, fromHex('F173589974BF40C7')).valid).toBe(false);
    const bad = Uint8Array.from(APP_F_F);
    bad[bad.length - 2]! ^= 1;
    expect(verifyIso9796Representative(bad, APP_F_RND_IFD).valid).toBe(false);
    const header = Uint8Array.from(APP_F_F);
    header[0] = 0x4a;
    expect(verifyIso9796Representative(header, APP_F_RND_IFD).reason).toMatch(/full message recovery/);
  });

  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('RSA-1024/SHA-1 (trailer BC): INTERNAL AUTHENTICATE round trip', async () => {
    const chip = chipAnswering((c) => rsaSign(rsa1024.privateKey, 1024, c, 'sha1'));
    const challenge = fromHex('0102030405060708');
    const r = await performActiveAuthentication(chip.send, spki(rsa1024.publicKey), { challenge });
    expect(r).toEqual({ valid: true });
    expect(hex(chip.commands[0]!)).toBe('0088000008010203040506070800');
  });

  it('RSA-2048/SHA-256 (trailer 34CC) and SHA-512 (35CC) verify', () => {
    const c = fromHex('1122334455667788');
    expect(verifyActiveAuthenticationSignature(spki(rsa2048.publicKey), c, rsaSign(rsa2048.privateKey, 2048, c, 'sha256'))).toEqual({ valid: true });
    expect(verifyActiveAuthenticationSignature(spki(rsa2048.publicKey), c, rsaSign(rsa2048.privateKey, 2048, c, 'sha512'))).toEqual({ valid: true });
  });

  it('a signature over another challenge (replay) or by another key is invalid', async () => {
    const replay = rsaSign(rsa1024.privateKey, 1024, fromHex('AAAAAAAAAAAAAAAA'), 'sha1');
    const r1 = await performActiveAuthentication(chipAnswering(() => replay).send, spki(rsa1024.publicKey));
    expect(r1.valid).toBe(false);
    expect(r1.reason).toMatch(/digest does not match/);
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const r2 = await performActiveAuthentication(chipAnswering((c) => rsaSign(other.privateKey, 1024, c, 'sha1')).send, spki(rsa1024.publicKey));
    expect(r2.valid).toBe(false);
    const r3 = await performActiveAuthentication(chipAnswering(() => new Uint8Array(64)).send, spki(rsa1024.publicKey));
    expect(r3.reason).toMatch(/signature is 64 bytes/);
  });

  it('uses extended Le when the SM-wrapped signature cannot fit 256 bytes (RSA-2048 and up, §6.1.4)', async () => {
    const chip = chipAnswering((c) => rsaSign(rsa2048.privateKey, 2048, c, 'sha256'));
    expect(await performActiveAuthentication(chip.send, spki(rsa2048.publicKey))).toEqual({ valid: true });
    const wire = chip.commands[0]!;
    expect(hex(wire.subarray(4, 7))).toBe('000008'); // extended Lc
    expect(hex(wire.subarray(wire.length - 2))).toBe('0000');
  });

  it('a refused INTERNAL AUTHENTICATE is reported, not thrown', async () => {
    const r = await performActiveAuthentication(chipAnswering(() => new Uint8Array(0), 0x6982).send, spki(rsa1024.publicKey));
    expect(r).toEqual({ valid: false, reason: 'INTERNAL AUTHENTICATE refused: SW 6982' });
  });
});

/** SPKI with explicit ECParameters (as many chips encode DG15/DG14 keys), built from the named curve. */
function explicitSpki(curveName: 'brainpoolP256r1' | 'secp384r1', publicPoint: Uint8Array): Uint8Array {
  const c = curveByName(curveName);
  const k = c.ecdsa.Point.CURVE();
  const int = (v: bigint, len: number) => new asn1js.Integer({ valueHex: new Uint8Array([0, ...bigIntToBytes(v, len)]).buffer });
  const params = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.1.1' }), int(k.p, c.size)] }),
      new asn1js.Sequence({
        value: [new asn1js.OctetString({ valueHex: bigIntToBytes(k.a, c.size).buffer }), new asn1js.OctetString({ valueHex: bigIntToBytes(k.b, c.size).buffer })],
      }),
      new asn1js.OctetString({ valueHex: new Uint8Array([4, ...bigIntToBytes(k.Gx, c.size), ...bigIntToBytes(k.Gy, c.size)]).buffer }),
      int(k.n, c.size),
      new asn1js.Integer({ value: 1 }),
    ],
  });
  const spkiSeq = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.2.1' }), params] }),
      new asn1js.BitString({ valueHex: Uint8Array.from(publicPoint).buffer }),
    ],
  });
  return new Uint8Array(spkiSeq.toBER());
}

describe('Active Authentication — ECDSA plain signatures', () => {
  const bp = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
  const challenge = fromHex('0011223344556677');

  it('brainpoolP256r1 named-curve key, plain r‖s, SHA-256 by key size', async () => {
    const chip = chipAnswering((c) => new Uint8Array(sign('sha256', c, { key: bp.privateKey, dsaEncoding: 'ieee-p1363' })));
    expect(await performActiveAuthentication(chip.send, spki(bp.publicKey), { challenge })).toEqual({ valid: true });
  });

  it('accepts DER signatures and explicit domain parameters mapped through ec.ts', () => {
    const der = new Uint8Array(sign('sha256', challenge, { key: bp.privateKey, dsaEncoding: 'der' }));
    expect(verifyActiveAuthenticationSignature(spki(bp.publicKey), challenge, der)).toEqual({ valid: true });
    const point = parseEcSpki(spki(bp.publicKey)).publicPoint;
    const explicit = explicitSpki('brainpoolP256r1', point);
    expect(parseEcSpki(explicit).curve.name).toBe('brainpoolP256r1');
    const plain = new Uint8Array(sign('sha256', challenge, { key: bp.privateKey, dsaEncoding: 'ieee-p1363' }));
    expect(verifyActiveAuthenticationSignature(explicit, challenge, plain)).toEqual({ valid: true });
  });

  it('uses the hash named by ActiveAuthenticationInfo', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const sig256 = new Uint8Array(sign('sha256', challenge, { key: p384.privateKey, dsaEncoding: 'ieee-p1363' }));
    expect(verifyActiveAuthenticationSignature(spki(p384.publicKey), challenge, sig256, OID.ECDSA_PLAIN_SHA256)).toEqual({ valid: true });
    // Without the OID the key size picks SHA-384, which this signature was not made with.
    expect(verifyActiveAuthenticationSignature(spki(p384.publicKey), challenge, sig256).valid).toBe(false);
    expect(verifyActiveAuthenticationSignature(spki(p384.publicKey), challenge, sig256, '1.2.3.4').reason).toMatch(/unsupported ECDSA/);
  });

  it('rejects a signature over another challenge, a tampered signature and garbage keys', () => {
    const sig = new Uint8Array(sign('sha256', challenge, { key: bp.privateKey, dsaEncoding: 'ieee-p1363' }));
    expect(verifyActiveAuthenticationSignature(spki(bp.publicKey), fromHex('0011223344556678'), sig).valid).toBe(false);
    const bad = Uint8Array.from(sig);
    bad[40]! ^= 1;
    expect(verifyActiveAuthenticationSignature(spki(bp.publicKey), challenge, bad).valid).toBe(false);
    expect(verifyActiveAuthenticationSignature(fromHex('3003020100'), challenge, sig).valid).toBe(false);
  });

  it('does not contact the chip when the DG15 key is unusable', async () => {
    const chip = chipAnswering(() => new Uint8Array(0));
    const r = await performActiveAuthentication(chip.send, fromHex('0102'));
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/DG15 public key unusable/);
    expect(chip.commands).toHaveLength(0);
  });
});
