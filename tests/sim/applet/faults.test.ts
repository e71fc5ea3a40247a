/**
 * Fault injection of the simulated CCCD: each fault must be observable from the reader side.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { fromHex, hex, SW } from '../../../src/card/apdu';
import { performBac } from '../../../src/card/bac/performBac';
import { oidToBytes } from '../../../src/card/pace/oids';
import { SecureChannel, senderFromBytes, type ApduSender } from '../../../src/card/sm/channel';
import { decodeOne, encode } from '../../../src/card/asn1/tlv';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import { applyFileFaults, corruptSodSignature, tamperContent, type SimFaults } from '../../../src/sim/applet/faults';
import { FID, type SimProfile } from '../../../src/sim/profile/types';

const MRZ_INFO = '090123456290011583001156';
const CARD_ACCESS = fromHex('31143012060A04007F0007020204020202010202010D');
const DG1 = encode(0x61, encode(0x5f1f, new TextEncoder().encode('IDVNM0901234562001090123456<<39001158M3001156VNM<<<<<<<<<<<0NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<')));
const DG2 = encode(0x75, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(600).map((_, i) => (i * 7) & 0x7f), 0xff, 0xd9]));

/**
 * A structurally complete EF.SOD (77 { ContentInfo { SignedData } }) whose SignerInfo carries a real ECDSA P-256
 * signature over its signed attributes, so a corrupted signature is detectable with an ordinary verifier.
 */
function buildSod(): { sod: Uint8Array; signedAttrs: Uint8Array; publicKey: ReturnType<typeof generateKeyPairSync>['publicKey'] } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const oid = (s: string) => encode(0x06, oidToBytes(s));
  const sha256Alg = encode(0x30, [oid('2.16.840.1.101.3.4.2.1')]);
  const eContent = encode(0x30, [encode(0x02, Uint8Array.of(0)), sha256Alg, encode(0x30, [])]);
  const digest = new Uint8Array(createHash('sha256').update(eContent).digest());
  const attrs = [
    encode(0x30, [oid('1.2.840.113549.1.9.3'), encode(0x31, [oid('2.23.136.1.1.1')])]),
    encode(0x30, [oid('1.2.840.113549.1.9.4'), encode(0x31, [encode(0x04, digest)])]),
  ];
  const signedAttrs = encode(0x31, attrs);
  const signature = new Uint8Array(sign('sha256', signedAttrs, privateKey));
  const signerInfo = encode(0x30, [
    encode(0x02, Uint8Array.of(1)),
    encode(0x30, [encode(0x30, []), encode(0x02, Uint8Array.of(1))]), // IssuerAndSerialNumber (empty name)
    sha256Alg,
    encode(0xa0, attrs),
    encode(0x30, [oid('1.2.840.10045.4.3.2')]),
    encode(0x04, signature),
  ]);
  const signedData = encode(0x30, [
    encode(0x02, Uint8Array.of(3)),
    encode(0x31, [sha256Alg]),
    encode(0x30, [oid('2.23.136.1.1.1'), encode(0xa0, [encode(0x04, eContent)])]),
    encode(0x31, [signerInfo]),
  ]);
  const contentInfo = encode(0x30, [oid('1.2.840.113549.1.7.2'), encode(0xa0, [signedData])]);
  return { sod: encode(0x77, contentInfo), signedAttrs, publicKey };
}

/** Signature value as an independent CMS parser (pkijs) sees it. */
function pkijsSignature(sod: Uint8Array): Uint8Array {
  const inner = decodeOne(sod).value;
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(inner.slice().buffer).result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  return new Uint8Array(sd.signerInfos[0]!.signature.valueBlock.valueHexView);
}

function profile(files: [number, Uint8Array][]): SimProfile {
  return {
    label: 'THẺ MẪU FAULTS',
    files: new Map([[FID.CARD_ACCESS, CARD_ACCESS], [FID.DG1, DG1], [FID.DG2, DG2], ...files]),
    protectedFids: [FID.DG3],
    mrzInformation: MRZ_INFO,
    can: '123456',
    pace: true,
  };
}

const tx = (card: SimulatedCccd, capdu: string) => hex(card.transmit(fromHex(capdu)));

async function bac(card: SimulatedCccd): Promise<ApduSender> {
  const send = senderFromBytes(async (c) => card.transmit(c));
  await send({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('A0000002471001') });
  return new SecureChannel(send, await performBac(send, { mrzInformation: MRZ_INFO })).send;
}

async function readWhole(send: ApduSender, sfi: number): Promise<Uint8Array> {
  const r = await send({ cla: 0, ins: 0xb0, p1: 0x80 | sfi, p2: 0, le: 65536 });
  expect(r.sw).toBe(SW.OK);
  return r.data;
}

describe('SimFaults', () => {
  it('removeAfterApdus: the card answers N APDUs, then reports removed and answers nothing', () => {
    const card = new SimulatedCccd(profile([]), { faults: { removeAfterApdus: 2 } });
    expect(tx(card, '00B09C0004')).toBe('311430129000');
    expect(card.removed).toBe(false);
    expect(tx(card, '00A40000')).toBe('6D00');
    expect(card.removed).toBe(true);
    expect(card.transmit(fromHex('00B09C0004')).length).toBe(0);
    expect(card.stats.apdus).toBe(2);
  });

  it('refuseExtendedLength: extended APDUs get 6700, in plain and inside SM (the session survives)', async () => {
    const card = new SimulatedCccd(profile([]), { faults: { refuseExtendedLength: true } });
    expect(tx(card, '00B09C00000004')).toBe('6700');
    expect(tx(card, '00B09C0004')).toBe('311430129000');
    const send = await bac(card);
    expect((await send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 65536 })).sw).toBe(0x6700);
    const short = await send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 16 });
    expect(short.sw).toBe(SW.OK);
    expect(hex(short.data)).toBe(hex(DG1.subarray(0, 16)));
  });

  it('without the fault the same extended read succeeds', async () => {
    const card = new SimulatedCccd(profile([]));
    expect(hex(await readWhole(await bac(card), 0x01))).toBe(hex(DG1));
  });

  it('tamperFid: the served file differs from the signed one in exactly one byte and still parses', async () => {
    const card = new SimulatedCccd(profile([]), { faults: { tamperFid: FID.DG1 } });
    const served = await readWhole(await bac(card), 0x01);
    expect(served.length).toBe(DG1.length);
    const diffs = [...served].filter((b, i) => b !== DG1[i]).length;
    expect(diffs).toBe(1);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(served)).not.toBe(sha(DG1));
    const mrz = new TextDecoder().decode(decodeOne(decodeOne(served).value).value);
    expect(mrz).toMatch(/^[0-9A-Z<]{90}$/);
  });

  it('tamperContent keeps a JPEG EOI marker and MRZ character classes', () => {
    const jpeg = tamperContent(DG2);
    expect(hex(jpeg.subarray(-2))).toBe('FFD9');
    expect([...jpeg].filter((b, i) => b !== DG2[i]).length).toBe(1);
    expect(hex(tamperContent(fromHex('3139')))).toBe('3130');
    expect(hex(tamperContent(fromHex('415A')))).toBe('4141');
    expect(hex(tamperContent(fromHex('413C')))).toBe('4158');
    expect(() => applyFileFaults(new Map(), { tamperFid: FID.DG13 })).toThrow(/tamperFid/);
  });

  it('corruptSodSignature: the SOD still parses as CMS but its signature no longer verifies', async () => {
    const { sod, signedAttrs, publicKey } = buildSod();
    expect(verify('sha256', signedAttrs, publicKey, pkijsSignature(sod))).toBe(true);
    const card = new SimulatedCccd(profile([[FID.SOD, sod]]), { faults: { corruptSodSignature: true } });
    const served = await readWhole(await bac(card), 0x1d);
    expect(served.length).toBe(sod.length);
    expect([...served].filter((b, i) => b !== sod[i]).length).toBe(1);
    expect(verify('sha256', signedAttrs, publicKey, pkijsSignature(served))).toBe(false);
    // Only the signature changed: the signed attributes and everything else are intact.
    expect(hex(served).includes(hex(signedAttrs).slice(2))).toBe(true);
  });

  it('corruptSodSignature fails clearly on a file that is not a SOD', () => {
    expect(() => corruptSodSignature(fromHex('7703020100'))).toThrow(/SOD signature/);
  });

  it('maxResponseBytes: no response carries more data bytes than the cap', () => {
    const faults: SimFaults = { maxResponseBytes: 16 };
    const card = new SimulatedCccd(profile([]), { faults });
    expect(tx(card, '00B09C0000')).toBe(hex(CARD_ACCESS.subarray(0, 16)) + '9000');
    expect(tx(card, '00B09C1000')).toBe(hex(CARD_ACCESS.subarray(16)) + '9000');
  });

  it('maxResponseBytes under SM limits the plain bytes so the protected response fits', async () => {
    const card = new SimulatedCccd(profile([]), { faults: { maxResponseBytes: 64 } });
    const send = await bac(card);
    const r = await send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 256 });
    expect(r.sw).toBe(SW.OK);
    expect(r.data.length).toBe(39); // 39 → 40 padded → DO'87' 43 + DO'99' 4 + DO'8E' 10 = 57 ≤ 64; 40 → 48 padded → 65 > 64
    expect(hex(r.data)).toBe(hex(DG1.subarray(0, 39)));
  });
});
