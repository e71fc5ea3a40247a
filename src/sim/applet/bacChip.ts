/**
 * Chip side of Basic Access Control (ICAO 9303-11 §4.3): GET CHALLENGE, then EXTERNAL AUTHENTICATE with
 * E.IFD ‖ M.IFD under the document basic access keys derived from the MRZ information.
 */
import { SW } from '../../card/apdu';
import { bacEncryptAndMac, bacSessionSsc, bacVerifyAndDecrypt, BacError, deriveBacKeys, xorKeys } from '../../card/bac/bac';
import { bacKeySeed } from '../../card/crypto/kdf';
import { SecureMessaging } from '../../card/sm/secureMessaging';

export type BacOutcome = { ok: true; response: Uint8Array; sm: SecureMessaging } | { ok: false; sw: number };

export class BacChip {
  private readonly kEnc: Uint8Array;
  private readonly kMac: Uint8Array;
  /** RND.IC of the last GET CHALLENGE; one EXTERNAL AUTHENTICATE may use it. */
  private challenge: Uint8Array | null = null;

  constructor(
    mrzInformation: string,
    private readonly rng: (n: number) => Uint8Array,
  ) {
    const keys = deriveBacKeys(bacKeySeed(mrzInformation));
    this.kEnc = keys.kEnc;
    this.kMac = keys.kMac;
  }

  reset(): void {
    this.challenge = null;
  }

  /** GET CHALLENGE: 8 random bytes RND.IC (§4.3.3.1 step 1). */
  getChallenge(): Uint8Array {
    this.challenge = Uint8Array.from(this.rng(8));
    return this.challenge;
  }

  /**
   * EXTERNAL AUTHENTICATE (§4.3.3.1 steps 3–5): verify M.IFD, decrypt S = RND.IFD ‖ RND.IC ‖ K.IFD, check RND.IC,
   * answer E.IC ‖ M.IC over R = RND.IC ‖ RND.IFD ‖ K.IC and start 3DES secure messaging.
   * A wrong MRZ key shows up as a MAC mismatch → 6300 "verification failed" (ISO/IEC 7816-4 §11.5.4).
   */
  externalAuthenticate(data: Uint8Array): BacOutcome {
    const rndIc = this.challenge;
    this.challenge = null; // one attempt per challenge, as real chips do
    if (!rndIc) return { ok: false, sw: SW.CONDITIONS_NOT_SATISFIED };
    if (data.length !== 40) return { ok: false, sw: SW.WRONG_LENGTH };
    let s: Uint8Array;
    try {
      s = bacVerifyAndDecrypt(this.kEnc, this.kMac, data);
    } catch (e) {
      if (e instanceof BacError) return { ok: false, sw: SW.VERIFICATION_FAILED };
      throw e;
    }
    const rndIfd = s.subarray(0, 8);
    const echoedRndIc = s.subarray(8, 16);
    const kIfd = s.subarray(16, 32);
    if (!echoedRndIc.every((b, i) => b === rndIc[i])) return { ok: false, sw: SW.VERIFICATION_FAILED };
    const kIc = Uint8Array.from(this.rng(16));
    const r = new Uint8Array(32);
    r.set(rndIc, 0);
    r.set(rndIfd, 8);
    r.set(kIc, 16);
    const response = bacEncryptAndMac(this.kEnc, this.kMac, r);
    const session = deriveBacKeys(xorKeys(kIfd, kIc));
    const sm = new SecureMessaging('DESede', session.kEnc, session.kMac, bacSessionSsc(rndIc, rndIfd));
    return { ok: true, response, sm };
  }
}
