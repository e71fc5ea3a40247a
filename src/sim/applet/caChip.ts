/**
 * Chip side of Chip Authentication with ECDH (ICAO 9303-11 §6.2): the terminal sends an ephemeral public key, the
 * chip answers nothing secret — it proves possession of its static CA key (DG14) by being able to continue secure
 * messaging under keys derived from K = x(SK_CA · PK_eph). Two command forms (§6.2.4):
 *   AES: MSE:Set AT (P1P2 41A4, DO'80' CA OID, optional DO'84' key id), then GENERAL AUTHENTICATE with DO'80' key;
 *   3DES: MSE:Set KAT (P1P2 41A6, DO'91' key, optional DO'84' key id).
 * The response is protected with the old session; the new session starts with SSC = 0 right after it.
 */
import { SW } from '../../card/apdu';
import { bytesToBigInt, curveByName, type CurveName, type NamedCurve } from '../../card/crypto/ec';
import { deriveKey } from '../../card/crypto/kdf';
import { decodePoint, sharedSecretX } from '../../card/pace/gm';
import { caOidInfo, oidFromBytes, type CaOidInfo } from '../../card/pace/oids';
import { SecureMessaging } from '../../card/sm/secureMessaging';
import { decodeAll, decodeOne, TlvError, type Tlv } from '../../card/asn1/tlv';
import { OID } from '../../card/oids';

export interface CaKey {
  curve: CurveName;
  privateKey: Uint8Array;
  keyId?: number;
}

export type CaOutcome = { ok: true; response: Uint8Array; sm: SecureMessaging } | { ok: false; sw: number };


export class CaChip {
  private readonly curve: NamedCurve;
  private readonly secret: bigint;
  private selected: CaOidInfo | null = null;

  /**
   * @param announced CA OIDs of DG14's ChipAuthenticationInfos; when non-empty only those are accepted
   *   (ICAO 9303-11 §6.2: the terminal picks the protocol from DG14). Empty = accept every ECDH variant.
   */
  constructor(
    private readonly key: CaKey,
    private readonly announced: readonly string[] = [],
  ) {
    this.curve = curveByName(key.curve);
    this.secret = bytesToBigInt(key.privateKey);
  }

  reset(): void {
    this.selected = null;
  }

  /** MSE:Set AT for CA: choose the protocol (AES variants need the GENERAL AUTHENTICATE form). */
  mseSetAt(data: Uint8Array): number {
    this.selected = null;
    const dos = parseDos(data);
    if (!dos) return SW.WRONG_DATA;
    const oidDo = dos.find((d) => d.tag === 0x80);
    if (!oidDo) return SW.WRONG_DATA;
    let info: CaOidInfo;
    try {
      info = caOidInfo(oidFromBytes(oidDo.value));
    } catch {
      return SW.WRONG_DATA;
    }
    if (info.agreement !== 'ECDH') return SW.FUNCTION_NOT_SUPPORTED; // the profile's CA key is an EC key
    if (!this.offers(info.oid)) return SW.WRONG_DATA;
    if (!this.keyIdMatches(dos)) return SW.WRONG_DATA;
    this.selected = info;
    return SW.OK;
  }

  /** GENERAL AUTHENTICATE with DO'7C'{DO'80' ephemeral public key}; answers an empty '7C 00'. */
  generalAuthenticate(data: Uint8Array): CaOutcome {
    const info = this.selected;
    this.selected = null;
    if (!info) return { ok: false, sw: SW.CONDITIONS_NOT_SATISFIED };
    let inner: Tlv[];
    try {
      const outer = decodeOne(data, 0);
      if (outer.tag !== 0x7c) throw new TlvError('not a 7C template');
      inner = decodeAll(outer.value);
    } catch {
      return { ok: false, sw: SW.WRONG_DATA };
    }
    const pk = inner.find((t) => t.tag === 0x80);
    if (!pk) return { ok: false, sw: SW.WRONG_DATA };
    return this.agree(info, pk.value, Uint8Array.of(0x7c, 0x00));
  }

  /** MSE:Set KAT (legacy CA with 3DES session keys): DO'91' ephemeral public key. */
  mseSetKat(data: Uint8Array): CaOutcome {
    this.selected = null;
    const dos = parseDos(data);
    const pk = dos?.find((d) => d.tag === 0x91);
    if (!dos || !pk) return { ok: false, sw: SW.WRONG_DATA };
    if (!this.keyIdMatches(dos) || !this.offers(OID.CA_ECDH_3DES)) return { ok: false, sw: SW.WRONG_DATA };
    return this.agree(caOidInfo(OID.CA_ECDH_3DES), pk.value, new Uint8Array(0));
  }

  private agree(info: CaOidInfo, publicKey: Uint8Array, response: Uint8Array): CaOutcome {
    let k: Uint8Array;
    try {
      k = sharedSecretX(this.curve, this.secret, decodePoint(this.curve, publicKey));
    } catch (e) {
      if (e instanceof RangeError) return { ok: false, sw: SW.WRONG_DATA };
      throw e;
    }
    const kEnc = deriveKey(k, 1, info.alg, info.keyBits);
    const kMac = deriveKey(k, 2, info.alg, info.keyBits);
    const sm = new SecureMessaging(info.alg, kEnc, kMac, new Uint8Array(info.alg === 'AES' ? 16 : 8));
    return { ok: true, response, sm };
  }

  private offers(oid: string): boolean {
    return this.announced.length === 0 || this.announced.includes(oid);
  }

  /** DO'84' names the CA key when DG14 lists several (§6.2.4); a chip with one key accepts its own id only. */
  private keyIdMatches(dos: Tlv[]): boolean {
    const ref = dos.find((d) => d.tag === 0x84);
    if (!ref || this.key.keyId === undefined) return true;
    let v = 0;
    for (const b of ref.value) v = v * 256 + b;
    return v === this.key.keyId;
  }
}

function parseDos(data: Uint8Array): Tlv[] | null {
  try {
    return decodeAll(data);
  } catch {
    return null;
  }
}
