/**
 * The simulated CCCD driven the way readers drive it: plain APDU bytes for the file system and every refusal
 * path, and the reader-side protocols (performBac / performPace / performChipAuthentication /
 * performActiveAuthentication) over a direct in-memory sender for complete sessions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCommand, encodeCommand, encodeResponse, fromHex, hex, SW, type ResponseApdu } from '../../../src/card/apdu';
import { performActiveAuthentication } from '../../../src/card/aa/performActiveAuthentication';
import { performBac } from '../../../src/card/bac/performBac';
import { performChipAuthentication } from '../../../src/card/ca/performChipAuthentication';
import { curveByName } from '../../../src/card/crypto/ec';
import { performPace } from '../../../src/card/pace/performPace';
import { oidToBytes } from '../../../src/card/pace/oids';
import { SecureChannel, senderFromBytes, type ApduSender } from '../../../src/card/sm/channel';
import { AccessDeniedError } from '../../../src/card/sm/errors';
import { SmError, type SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { decodeOne, encode, readHeader } from '../../../src/card/asn1/tlv';
import { SimulatedCccd, type SimulatedCccdOptions } from '../../../src/sim/applet/cccdApplet';
import { wrappedLength } from '../../../src/sim/applet/fileCommands';
import { FID, type SimProfile } from '../../../src/sim/profile/types';

// ------------------------------------------------------------------ fixtures (synthetic, no personal data)

/** EF.CardAccess as hard-coded by CCCD apps (cccd.md §1.2): TA, CA-ECDH-AES-128, PACE-ECDH-GM-AES-128 on id 13. */
const CARD_ACCESS = fromHex(
  '3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d',
);
const PACE_OID = '0.4.0.127.0.7.2.2.4.2.2';
const CA_OID_AES = '0.4.0.127.0.7.2.2.3.2.2';
const CA_OID_3DES = '0.4.0.127.0.7.2.2.3.2.1';
/** Synthetic card of cccd.md §2.1: doc 090123456, born 900115, expires 300115. */
const MRZ_INFO = '090123456290011583001156';
const CAN = '123456';
const AID = fromHex('A0000002471001');

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const caCurve = curveByName('brainpoolP256r1');
const caPrivate = caCurve.ecdsa.utils.randomSecretKey();
const caPublic = Uint8Array.from(caCurve.ecdsa.getPublicKey(caPrivate, false));

const DG1 = encode(0x61, encode(0x5f1f, new TextEncoder().encode('IDVNM0901234562001090123456<<39001158M3001156VNM<<<<<<<<<<<0NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<')));
/** A face image larger than 40 KB, so offsets past 32767 need odd-INS READ BINARY. */
const DG2 = encode(0x75, pattern(45_000, 2));
const DG13 = encode(0x6d, pattern(480, 13));
const COM = fromHex('60185F0104303130375F36063034303030305C066175636D6E6F');

function profile(extra: Partial<SimProfile> = {}): SimProfile {
  return {
    label: 'THẺ MẪU TEST',
    files: new Map([
      [FID.CARD_ACCESS, CARD_ACCESS],
      [FID.COM, COM],
      [FID.DG1, DG1],
      [FID.DG2, DG2],
      [FID.DG13, DG13],
    ]),
    protectedFids: [FID.DG3],
    mrzInformation: MRZ_INFO,
    can: CAN,
    pace: true,
    chipAuthentication: { curve: 'brainpoolP256r1', privateKey: caPrivate, keyId: 1 },
    ...extra,
  };
}

const tx = (card: SimulatedCccd, capdu: string) => hex(card.transmit(fromHex(capdu)));
const sender = (card: SimulatedCccd): ApduSender => senderFromBytes(async (c) => card.transmit(c));

async function bacChannel(card: SimulatedCccd): Promise<SecureChannel> {
  const send = sender(card);
  expect((await send({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID })).sw).toBe(SW.OK);
  return new SecureChannel(send, await performBac(send, { mrzInformation: MRZ_INFO }));
}

async function paceChannel(card: SimulatedCccd, password: { type: 'CAN'; value: string } | { type: 'MRZ'; mrzInformation: string }): Promise<SecureChannel> {
  const send = sender(card);
  const result = await performPace(send, { oid: PACE_OID, parameterId: 13, password });
  const channel = new SecureChannel(send, result.sm);
  expect((await channel.send({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID })).sw).toBe(SW.OK);
  return channel;
}

/** Read a whole file by SFI in chunks of `chunk` bytes (even INS), as a reader would. */
async function readBySfi(send: ApduSender, sfi: number, chunk: number): Promise<Uint8Array> {
  const first = await send({ cla: 0, ins: 0xb0, p1: 0x80 | sfi, p2: 0, le: 4 });
  expect(first.sw).toBe(SW.OK);
  const { valueLength, headerLength } = readHeader(first.data);
  const total = headerLength + valueLength;
  const out = new Uint8Array(total);
  let offset = 0;
  while (offset < total) {
    const n = Math.min(chunk, total - offset);
    const r =
      offset <= 0x7fff
        ? await send({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: n })
        : await send({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: encode(0x54, Uint8Array.of(offset >> 16, (offset >> 8) & 0xff, offset & 0xff)), le: n + (n < 0x80 ? 2 : 3) });
    expect(r.sw).toBe(SW.OK);
    const data = offset <= 0x7fff ? r.data : decodeOne(r.data).value;
    out.set(data, offset);
    offset += data.length;
  }
  return out;
}

function ecSpki(curveOid: string, point: Uint8Array): Uint8Array {
  return encode(0x30, [
    encode(0x30, [encode(0x06, oidToBytes('1.2.840.10045.2.1')), encode(0x06, oidToBytes(curveOid))]),
    encode(0x03, Uint8Array.from([0, ...point])),
  ]);
}

// ------------------------------------------------------------------ file system and plain refusals

describe('SimulatedCccd: file system before access control', () => {
  it('answers SELECT MF with 6D00 like a real CCCD (with and without 3F00)', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00A40000')).toBe('6D00');
    expect(tx(card, '00A4000C023F00')).toBe('6D00');
  });

  it('serves EF.CardAccess by SFI 1C without SM and before the application is selected', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00B09C0000')).toBe(hex(CARD_ACCESS) + '9000');
  });

  it('serves EF.CardAccess by SELECT 011C with P1=02 and with P1=00', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00A4020C02011C')).toBe('9000');
    expect(tx(card, '00B0000008')).toBe(hex(CARD_ACCESS.subarray(0, 8)) + '9000');
    expect(tx(card, '00A4000C02011C')).toBe('9000');
    expect(tx(card, '00B0000404')).toBe(hex(CARD_ACCESS.subarray(4, 8)) + '9000');
  });

  it('ends a read at the end of the file: Le=00 → rest + 9000, explicit Le → rest + 6282, offset past the end → 6B00', () => {
    const card = new SimulatedCccd(profile());
    const size = CARD_ACCESS.length; // 54
    expect(tx(card, '00B09C3000')).toBe(hex(CARD_ACCESS.subarray(0x30)) + '9000');
    expect(tx(card, '00B09C3010')).toBe(hex(CARD_ACCESS.subarray(0x30)) + '6282');
    expect(tx(card, `00B09C${size.toString(16).padStart(2, '0')}00`)).toBe('6B00');
    expect(tx(card, '00B0007F01')).toBe('6B00');
  });

  it('does not know the LDS files before the application is selected (6A82)', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00A4020C020101')).toBe('6A82');
    expect(tx(card, '00B0810000')).toBe('6A82');
  });

  it('refuses reading data groups without secure messaging after SELECT AID (6982)', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00A4040C07A0000002471001')).toBe('9000');
    expect(tx(card, '00A4020C020101')).toBe('6982');
    expect(tx(card, '00B0810000')).toBe('6982');
    expect(tx(card, '00A4020C020103')).toBe('6982'); // DG3 exists but is EAC-protected
    expect(tx(card, '00A4020C02010B')).toBe('6A82'); // DG11 absent on CCCD
    expect(tx(card, '00A4020C020105')).toBe('6A82');
  });

  it('answers malformed or unsupported commands with the ISO/IEC 7816-4 status words', () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '00CA010100')).toBe('6D00'); // INS not supported
    expect(tx(card, '80A4020C02011C')).toBe('6E00'); // proprietary class
    expect(tx(card, '00A4080C02011C')).toBe('6A86'); // select by path
    expect(tx(card, '00A4020C03011C00')).toBe('6700'); // FID of 3 bytes
    expect(tx(card, '0084000004')).toBe('6700'); // challenge must be 8 bytes
    expect(tx(card, '0084010008')).toBe('6A86');
    expect(tx(card, '00B0000000')).toBe('6986'); // no current EF
    expect(tx(card, '00B09C00')).toBe('6700'); // READ BINARY without Le
    expect(tx(card, '00B0BC0000')).toBe('6A86'); // P1 bits 7-6 set with SFI bit
    expect(tx(card, '00B100000300')).toBe('6700'); // odd READ BINARY: malformed APDU (Lc=03 but 1 data byte)
    expect(tx(card, '00B1001C02530100')).toBe('6A80'); // odd INS without DO'54'
    expect(tx(card, '0082000028' + '00'.repeat(40) + '28')).toBe('6985'); // EXTERNAL AUTHENTICATE without challenge
    expect(tx(card, '008600000C7C0A8508000000000000000000')).toBe('6985'); // GENERAL AUTHENTICATE without MSE
    expect(tx(card, '0022C1A40F800A04007F00070202040209830102')).toBe('6A80'); // OID not in EF.CardAccess
    expect(tx(card, '0022C1A40F800A04007F00070202040202830103')).toBe('6A80'); // PIN password reference
    expect(tx(card, '0022C1A412800A04007F000702020402028301028401FF')).toBe('6A80'); // wrong parameter id
    expect(tx(card, '00221234')).toBe('6A86');
    expect(tx(card, '00880000081122334455667788')).toBe('6D00'); // no AA key in this profile
    expect(tx(card, '0022C1A40F800A04007F00070202040202830102')).toBe('9000');
    expect(tx(card, '00860000027C0000')).toBe('6985'); // step 1 must be chained
    expect(tx(card, '10B09C0000')).toBe('6884'); // chaining only for GENERAL AUTHENTICATE
  });

  it('reports an ATR and counts APDUs and bytes', () => {
    const card = new SimulatedCccd(profile());
    expect(hex(card.atr())).toBe('3B80800101');
    tx(card, '00B09C0000');
    tx(card, '00A40000');
    expect(card.stats).toEqual({ apdus: 2, bytesIn: 9, bytesOut: CARD_ACCESS.length + 2 + 2 });
  });
});

// ------------------------------------------------------------------ BAC

describe('SimulatedCccd: BAC', () => {
  it('runs a full BAC session with performBac and reads DG1 by SFI under 3DES SM', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    expect(channel.secureMessaging.alg).toBe('DESede');
    expect(hex(await readBySfi(channel.send, 0x01, 0xdf))).toBe(hex(DG1));
  });

  it('refuses a wrong MRZ key with 6300 and stays usable for a correct BAC afterwards', async () => {
    const card = new SimulatedCccd(profile());
    const send = sender(card);
    await send({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID });
    const wrong = performBac(send, { mrzInformation: '090123456290011583001164' });
    await expect(wrong).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(wrong).rejects.toMatchObject({ reason: 'wrong-password', sw: 0x6300 });
    const sm = await performBac(send, { mrzInformation: MRZ_INFO });
    const r = await new SecureChannel(send, sm).send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 4 });
    expect(hex(r.data)).toBe(hex(DG1.subarray(0, 4)));
  });

  it('ends the session on a plain APDU (6987) and answers later protected APDUs with 6988', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    expect(tx(card, '00B0810004')).toBe('6987');
    expect(card.secureMessagingActive).toBe(false);
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 4 })).rejects.toMatchObject({ sw: 0x6988 });
  });

  it('ends the session on a wrong MAC (6988)', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    const sm = channel.secureMessaging;
    const wrapped = sm.wrapCommand({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 4 });
    const macStart = wrapped.length - 1 - 8; // …8E 08 <mac> Le
    wrapped[macStart] = wrapped[macStart]! ^ 0x01;
    expect(hex(card.transmit(wrapped))).toBe('6988');
    expect(card.secureMessagingActive).toBe(false);
  });

  it('answers DG3 with 6982 and DG11 with 6A82 inside the session', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    expect((await channel.send({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('0103') })).sw).toBe(0x6982);
    expect((await channel.send({ cla: 0, ins: 0xb0, p1: 0x83, p2: 0, le: 256 })).sw).toBe(0x6982);
    expect((await channel.send({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('010B') })).sw).toBe(0x6a82);
    expect((await channel.send({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('010C') })).sw).toBe(0x6a82);
    // Refusals inside the session do not end it.
    expect((await channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 4 })).sw).toBe(SW.OK);
  });

  it('caps a short SM read with Le=00 so the protected response fits 256 bytes (231 plain bytes with 3DES)', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    const raw: Uint8Array[] = [];
    const spy = new SecureChannel(async (c) => {
      const r = card.transmit(encodeCommand(c));
      raw.push(r);
      return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
    }, channel.secureMessaging);
    const r = await spy.send({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 256 });
    expect(r.sw).toBe(SW.OK);
    expect(r.data.length).toBe(231);
    expect(hex(r.data)).toBe(hex(DG2.subarray(0, 231)));
    expect(raw[0]!.length - 2).toBeLessThanOrEqual(256);
    expect(wrappedLength(231, 'DESede', false)).toBe(250);
  });

  it('answers 256 plain bytes in a 285-byte R-APDU to a short Le=00 read with the CCCD long-response quirk', async () => {
    const card = new SimulatedCccd(profile(), { longShortResponses: true });
    const channel = await bacChannel(card);
    const sm = channel.secureMessaging;
    const capdu = sm.wrapCommand({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 256 });
    expect(decodeCommand(capdu).extended).toBe(false);
    const rapdu = card.transmit(capdu);
    expect(rapdu.length).toBe(285); // as khoa288/id-chip-reader observed on real cards (cccd.md §9)
    const r = sm.unwrapResponse(rapdu);
    expect(hex(r.data)).toBe(hex(DG2.subarray(0, 256)));
  });

  it('also reads the quirk flag from the profile', async () => {
    const card = new SimulatedCccd({ ...profile(), longShortResponses: true } as SimProfile);
    const channel = await bacChannel(card);
    const r = await channel.send({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 256 });
    expect(r.data.length).toBe(256);
  });
});

// ------------------------------------------------------------------ PACE

describe('SimulatedCccd: PACE-GM', () => {
  it('runs PACE with the CAN, then reads DG13 under AES SM', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    expect(channel.secureMessaging.alg).toBe('AES');
    expect(hex(await readBySfi(channel.send, 0x0d, 0xdf))).toBe(hex(DG13));
  });

  it('runs PACE with the MRZ password', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'MRZ', mrzInformation: MRZ_INFO });
    expect(hex(await readBySfi(channel.send, 0x01, 0xdf))).toBe(hex(DG1));
  });

  it('refuses a wrong CAN with 6300 at the token step and accepts the right CAN afterwards', async () => {
    const card = new SimulatedCccd(profile());
    const send = sender(card);
    const wrong = performPace(send, { oid: PACE_OID, parameterId: 13, password: { type: 'CAN', value: '654321' } });
    await expect(wrong).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(wrong).rejects.toMatchObject({ reason: 'wrong-password', sw: 0x6300 });
    expect(card.secureMessagingActive).toBe(false);
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    expect((await channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 8 })).sw).toBe(SW.OK);
  });

  it('refuses PACE with the CAN on a document without one', async () => {
    const card = new SimulatedCccd(profile({ can: null }));
    await expect(performPace(sender(card), { oid: PACE_OID, parameterId: 13, password: { type: 'CAN', value: CAN } })).rejects.toMatchObject({
      sw: 0x6a80,
    });
  });

  it('reads the whole 45 KB DG2 with one extended READ BINARY', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    const r = await channel.send({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 65536 });
    expect(r.sw).toBe(SW.OK);
    expect(r.data.length).toBe(DG2.length);
    expect(hex(r.data.subarray(40_000, 40_016))).toBe(hex(DG2.subarray(40_000, 40_016)));
  });

  it('reads past offset 32767 with odd INS B1 (DO\'54\' offset, DO\'53\' data) and by plain chunks across the boundary', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    const r = await channel.send({ cla: 0, ins: 0xb1, p1: 0x00, p2: 0x02, data: fromHex('5403009C40'), le: 256 });
    expect(r.sw).toBe(SW.OK);
    const do53 = decodeOne(r.data);
    expect(do53.tag).toBe(0x53);
    expect(hex(do53.value)).toBe(hex(DG2.subarray(40_000, 40_000 + do53.value.length)));
    expect(do53.value.length).toBeGreaterThan(200);
    // The current EF is now DG2: P1P2 = 0000 reads from it; an offset beyond the end is 6B00.
    const tail = await channel.send({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: encode(0x54, Uint8Array.of(0, 0xaf, 0xc0)), le: 256 });
    expect(tail.sw).toBe(SW.OK);
    expect(hex(decodeOne(tail.data).value)).toBe(hex(DG2.subarray(0xafc0)));
    const beyond = await channel.send({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('540300C000'), le: 256 });
    expect(beyond.sw).toBe(0x6b00);
    expect(hex(await readBySfi(channel.send, 0x02, 0xdf))).toBe(hex(DG2));
  });
});

// ------------------------------------------------------------------ CA and AA

describe('SimulatedCccd: Chip Authentication', () => {
  async function runCa(channel: SecureChannel, publicPoint: Uint8Array, oid: string, keyId?: number): Promise<SecureMessaging> {
    return performChipAuthentication(channel.send, { curve: caCurve, publicPoint }, oid, keyId !== undefined ? { keyId } : {});
  }

  it('re-keys SM (AES, SSC 0) after MSE:Set AT + GENERAL AUTHENTICATE, following PACE', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    const next = await runCa(channel, caPublic, CA_OID_AES, 1);
    expect(hex(next.ssc)).toBe('00'.repeat(16));
    channel.replaceSecureMessaging(next);
    expect(hex(await readBySfi(channel.send, 0x01, 0xdf))).toBe(hex(DG1));
  });

  it('re-keys SM with 3DES after MSE:Set KAT, following BAC', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    const next = await runCa(channel, caPublic, CA_OID_3DES);
    expect(next.alg).toBe('DESede');
    channel.replaceSecureMessaging(next);
    expect((await channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 8 })).sw).toBe(SW.OK);
  });

  it('fails when the reader expects another chip key (clone without the DG14 private key)', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    const otherPublic = Uint8Array.from(caCurve.ecdsa.getPublicKey(caCurve.ecdsa.utils.randomSecretKey(), false));
    channel.replaceSecureMessaging(await runCa(channel, otherPublic, CA_OID_AES));
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 8 })).rejects.toBeInstanceOf(SmError);
  });

  it('refuses CA outside SM (6982), an unknown key id (6A80) and GENERAL AUTHENTICATE without MSE (6985)', async () => {
    const card = new SimulatedCccd(profile());
    expect(tx(card, '002241A40F800A04007F00070202030202840101')).toBe('6982');
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    await expect(runCa(channel, caPublic, CA_OID_AES, 7)).rejects.toMatchObject({ sw: 0x6a80 });
    const ga = await channel.send({ cla: 0, ins: 0x86, p1: 0, p2: 0, data: encode(0x7c, encode(0x80, caPublic)), le: 256 });
    expect(ga.sw).toBe(0x6985);
  });
});

describe('SimulatedCccd: Active Authentication', () => {
  let rsa1024: { pkcs8: Uint8Array; spki: Uint8Array };
  let rsa2048: { pkcs8: Uint8Array; spki: Uint8Array };
  beforeAll(() => {
    const gen = (bits: number) => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      return {
        pkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
        spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
      };
    };
    rsa1024 = gen(1024);
    rsa2048 = gen(2048);
  });

  const aaCard = (key: NonNullable<SimProfile['activeAuthentication']>, options: SimulatedCccdOptions = {}) =>
    new SimulatedCccd(profile({ activeAuthentication: key }), options);

  it('signs the challenge with RSA ISO/IEC 9796-2 scheme 1 (SHA-1, trailer BC)', async () => {
    const card = aaCard({ kind: 'RSA', privateKeyPkcs8: rsa1024.pkcs8 });
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    expect(await performActiveAuthentication(channel.send, rsa1024.spki)).toEqual({ valid: true });
  });

  it('signs with SHA-256 (trailer 34CC) when configured, and the signature fails under another key', async () => {
    const card = aaCard({ kind: 'RSA', privateKeyPkcs8: rsa1024.pkcs8 }, { aaRsaHash: 'SHA-256' });
    const channel = await bacChannel(card);
    expect(await performActiveAuthentication(channel.send, rsa1024.spki)).toEqual({ valid: true });
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' });
    expect((await performActiveAuthentication(channel.send, new Uint8Array(other))).valid).toBe(false);
  });

  it('answers an RSA-2048 signature to a short APDU only with the long-response quirk; extended always works', async () => {
    const strict = aaCard({ kind: 'RSA', privateKeyPkcs8: rsa2048.pkcs8 });
    const strictChannel = await bacChannel(strict);
    const short = await strictChannel.send({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: pattern(8, 5), le: 256 });
    expect(short.sw).toBe(0x6700); // 256 signature bytes do not fit a 256-byte protected response
    const extended = await strictChannel.send({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: pattern(8, 5), le: 65536 });
    expect(extended.sw).toBe(SW.OK);
    expect(extended.data.length).toBe(256);

    const quirky = aaCard({ kind: 'RSA', privateKeyPkcs8: rsa2048.pkcs8 }, { longShortResponses: true });
    expect(await performActiveAuthentication((await bacChannel(quirky)).send, rsa2048.spki)).toEqual({ valid: true });
  });

  it('signs with ECDSA (plain r‖s over SHA-256) on brainpoolP256r1', async () => {
    const sk = caCurve.ecdsa.utils.randomSecretKey();
    const card = aaCard({ kind: 'EC', curve: 'brainpoolP256r1', privateKey: sk });
    const channel = await paceChannel(card, { type: 'CAN', value: CAN });
    const spki = ecSpki(caCurve.oid, Uint8Array.from(caCurve.ecdsa.getPublicKey(sk, false)));
    const r = await channel.send({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: pattern(8, 9), le: 256 });
    expect(r.data.length).toBe(64);
    expect(await performActiveAuthentication(channel.send, spki)).toEqual({ valid: true });
  });

  it('refuses INTERNAL AUTHENTICATE without SM (6982) and with a wrong challenge length (6700)', async () => {
    const card = aaCard({ kind: 'RSA', privateKeyPkcs8: rsa1024.pkcs8 });
    expect(tx(card, '00880000081122334455667788')).toBe('6982');
    const channel = await bacChannel(card);
    const r: ResponseApdu = await channel.send({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: pattern(4, 1), le: 256 });
    expect(r.sw).toBe(0x6700);
  });
});

describe('SimulatedCccd: reset', () => {
  it('drops the SM session and the application selection, keeps the files', async () => {
    const card = new SimulatedCccd(profile());
    const channel = await bacChannel(card);
    card.reset();
    expect(card.secureMessagingActive).toBe(false);
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 4 })).rejects.toMatchObject({ sw: 0x6988 });
    expect(tx(card, '00A4020C020101')).toBe('6A82'); // back in the MF
    expect(hex(encodeResponse(CARD_ACCESS, 0x9000))).toBe(tx(card, '00B09C0000'));
  });
});

describe('SimulatedCccd: what DG14 announces', () => {
  const oid = (s: string) => encode(0x06, oidToBytes(s));
  const int = (n: number) => encode(0x02, Uint8Array.of(n));
  const p384 = curveByName('secp384r1');

  function dg14(...infos: Uint8Array[]): Uint8Array {
    return encode(0x6e, [encode(0x31, infos)]);
  }

  it('accepts only the CA protocol listed in DG14 (6A80 for another one)', async () => {
    const files = profile().files;
    files.set(FID.DG14, dg14(encode(0x30, [oid(CA_OID_AES), int(1), int(1)])));
    const card = new SimulatedCccd(profile({ files }));
    const channel = await bacChannel(card);
    await expect(performChipAuthentication(channel.send, { curve: caCurve, publicPoint: caPublic }, CA_OID_3DES)).rejects.toMatchObject({ sw: 0x6a80 });
    const next = await performChipAuthentication(channel.send, { curve: caCurve, publicPoint: caPublic }, CA_OID_AES, { keyId: 1 });
    channel.replaceSecureMessaging(next);
    expect((await channel.send({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 8 })).sw).toBe(SW.OK);
  });

  it('signs ECDSA AA with the hash of DG14 ActiveAuthenticationInfo.signatureAlgorithm (SHA-384 on P-384)', async () => {
    const sha384Plain = '0.4.0.127.0.7.1.1.4.1.4';
    const files = profile().files;
    files.set(FID.DG14, dg14(encode(0x30, [oid('2.23.136.1.1.5'), int(1), oid(sha384Plain)])));
    const sk = p384.ecdsa.utils.randomSecretKey();
    const card = new SimulatedCccd(profile({ files, activeAuthentication: { kind: 'EC', curve: 'secp384r1', privateKey: sk } }));
    const channel = await bacChannel(card);
    const spki = ecSpki(p384.oid, Uint8Array.from(p384.ecdsa.getPublicKey(sk, false)));
    expect(await performActiveAuthentication(channel.send, spki, { signatureAlgorithmOid: sha384Plain })).toEqual({ valid: true });
    const sha256Plain = '0.4.0.127.0.7.1.1.4.1.3';
    expect((await performActiveAuthentication(channel.send, spki, { signatureAlgorithmOid: sha256Plain })).valid).toBe(false);
  });
});
