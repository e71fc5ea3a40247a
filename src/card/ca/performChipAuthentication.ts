/**
 * Chip Authentication with ECDH, reader side (ICAO 9303-11 §6.2; BSI TR-03110-1 v1 for MSE:Set KAT).
 * Runs inside the current secure channel (BAC or PACE; pass SecureChannel.send) and returns the secure messaging with
 * the new session keys (SSC zero) — switch to it with SecureChannel.replaceSecureMessaging();
 * success of the next protected command is what proves the chip holds the DG14 private key (§6.2.2).
 */
import { randomBytes } from 'node:crypto';
import { StatusWordError, SW } from '../apdu';
import type { NamedCurve } from '../crypto/ec';
import { deriveKey } from '../crypto/kdf';
import { decodePoint, encodePoint, publicPoint, randomScalar, sharedSecretX } from '../pace/gm';
import { caOidInfo, oidToBytes } from '../pace/oids';
import type { ApduSender } from '../sm/channel';
import { ProtocolError } from '../sm/errors';
import { SecureMessaging } from '../sm/secureMessaging';
import { concat, encode, unsignedBytes } from '../asn1/tlv';

export interface ChipAuthenticationKey {
  /** Domain parameters of the DG14 ChipAuthenticationPublicKeyInfo, already resolved (named or explicit → ec.ts). */
  curve: NamedCurve;
  /** The chip's static public point (uncompressed 04‖x‖y). */
  publicPoint: Uint8Array;
}

export interface ChipAuthenticationOptions {
  /** ChipAuthenticationInfo.keyId; sent as DO'84' when the chip has several CA keys (§6.2.4). */
  keyId?: number;
  rng?: (n: number) => Uint8Array;
  /** Fixed ephemeral private key (tests). */
  ephemeralPrivateKey?: bigint;
  /** Use MSE:Set AT + GENERAL AUTHENTICATE even for 3DES (§6.2.4 allows it when the chip implements both). */
  forceGeneralAuthenticate?: boolean;
}

/** Minimal unsigned big-endian encoding of a key reference (ASN.1 INTEGER content without sign byte). */
function keyReference(keyId: number): Uint8Array {
  if (!Number.isInteger(keyId) || keyId < 0) throw new RangeError(`CA: invalid keyId ${keyId}`);
  return unsignedBytes(keyId);
}

export async function performChipAuthentication(
  send: ApduSender,
  key: ChipAuthenticationKey,
  caOid: string,
  options: ChipAuthenticationOptions = {},
): Promise<SecureMessaging> {
  const info = caOidInfo(caOid);
  if (info.agreement !== 'ECDH') throw new ProtocolError(`CA: only ECDH is implemented, not ${info.name}`);
  const rng = options.rng ?? ((n: number) => new Uint8Array(randomBytes(n)));
  let chipPoint;
  try {
    chipPoint = decodePoint(key.curve, key.publicPoint);
  } catch (e) {
    throw new ProtocolError(`CA: DG14 public key is not a valid ${key.curve.name} point (${(e as Error).message})`);
  }

  const sk = options.ephemeralPrivateKey ?? randomScalar(key.curve, rng);
  const pk = encodePoint(publicPoint(key.curve, sk));
  const keyRef = options.keyId !== undefined ? encode(0x84, keyReference(options.keyId)) : new Uint8Array(0);

  if (info.alg === 'DESede' && !options.forceGeneralAuthenticate) {
    // §6.2.4.1 MSE:Set KAT (P1P2 41A6): DO'91' ephemeral public key, DO'84' key reference.
    const r = await send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa6, data: concat(encode(0x91, pk), keyRef) });
    if (r.sw !== SW.OK) throw new StatusWordError(r.sw, 'MSE:Set KAT (Chip Authentication)');
  } else {
    // §6.2.4.2 MSE:Set AT (P1P2 41A4) with DO'80' CA OID, then GENERAL AUTHENTICATE with DO'80' ephemeral key.
    const mse = await send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xa4, data: concat(encode(0x80, oidToBytes(caOid)), keyRef) });
    if (mse.sw !== SW.OK) throw new StatusWordError(mse.sw, 'MSE:Set AT (Chip Authentication)');
    const ga = await send({ cla: 0x00, ins: 0x86, p1: 0x00, p2: 0x00, data: encode(0x7c, encode(0x80, pk)), le: 256 });
    if (ga.sw !== SW.OK) throw new StatusWordError(ga.sw, 'GENERAL AUTHENTICATE (Chip Authentication)');
  }

  // K = x(SK_IFD · PK_IC); KS_enc/KS_mac by the KDF of the CA cipher; SSC restarts at zero (§6.2.1, §9.8.2).
  const k = sharedSecretX(key.curve, sk, chipPoint);
  const kEnc = deriveKey(k, 1, info.alg, info.keyBits);
  const kMac = deriveKey(k, 2, info.alg, info.keyBits);
  const ssc = new Uint8Array(info.alg === 'AES' ? 16 : 8);
  return new SecureMessaging(info.alg, kEnc, kMac, ssc);
}
