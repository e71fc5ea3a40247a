/**
 * Basic Access Control, reader side (ICAO 9303-11 §4.3): GET CHALLENGE → EXTERNAL AUTHENTICATE → 3DES secure messaging.
 */
import { randomBytes } from 'node:crypto';
import { StatusWordError, SW } from '../apdu';
import { bacKeySeed } from '../crypto/kdf';
import type { ApduSender } from '../sm/channel';
import { AccessDeniedError, ProtocolError } from '../sm/errors';
import { SecureMessaging } from '../sm/secureMessaging';
import { BacError, bacEncryptAndMac, bacSessionSsc, bacVerifyAndDecrypt, deriveBacKeys, xorKeys } from './bac';

export { AccessDeniedError } from '../sm/errors';

export type BacKey = { mrzInformation: string } | { keySeed: Uint8Array };

export interface BacOptions {
  /** Random source for RND.IFD and K.IFD; injectable so App. D can be replayed. Defaults to node:crypto. */
  rng?: (n: number) => Uint8Array;
}

function isWrongKey(sw: number): boolean {
  // Chips signal a wrong MRZ key with 6300 (ICAO 9303-11 §4.3.4.2), many with 6982 or 63Cx.
  return sw === SW.VERIFICATION_FAILED || (sw & 0xfff0) === 0x63c0 || sw === SW.SECURITY_STATUS_NOT_SATISFIED;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Run BAC and return the 3DES secure-messaging session. Throws AccessDeniedError for a wrong MRZ key. */
export async function performBac(send: ApduSender, key: BacKey, options: BacOptions = {}): Promise<SecureMessaging> {
  const rng = options.rng ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const seed = 'keySeed' in key ? key.keySeed : bacKeySeed(key.mrzInformation);
  const { kEnc, kMac } = deriveBacKeys(seed);

  const challenge = await send({ cla: 0x00, ins: 0x84, p1: 0x00, p2: 0x00, le: 8 });
  if (challenge.sw !== SW.OK) throw new StatusWordError(challenge.sw, 'GET CHALLENGE');
  if (challenge.data.length !== 8) throw new ProtocolError(`BAC: GET CHALLENGE returned ${challenge.data.length} bytes, expected 8`);
  const rndIc = Uint8Array.from(challenge.data);

  const rndIfd = rng(8);
  const kIfd = rng(16);
  const s = new Uint8Array(32);
  s.set(rndIfd, 0);
  s.set(rndIc, 8);
  s.set(kIfd, 16);
  const cmdData = bacEncryptAndMac(kEnc, kMac, s);

  const auth = await send({ cla: 0x00, ins: 0x82, p1: 0x00, p2: 0x00, data: cmdData, le: 40 });
  if (auth.sw === SW.AUTH_METHOD_BLOCKED) throw new AccessDeniedError('BAC', 'blocked', auth.sw);
  if (isWrongKey(auth.sw)) throw new AccessDeniedError('BAC', 'wrong-password', auth.sw);
  if (auth.sw !== SW.OK) throw new StatusWordError(auth.sw, 'EXTERNAL AUTHENTICATE');

  let r: Uint8Array;
  try {
    r = bacVerifyAndDecrypt(kEnc, kMac, auth.data);
  } catch (e) {
    if (e instanceof BacError) throw new AccessDeniedError('BAC', 'chip-proof-invalid');
    throw e;
  }
  // R = RND.IC ‖ RND.IFD ‖ K.IC (§4.3.3.1 step 6): both nonces must come back, or the chip did not answer *us*.
  if (!equal(r.subarray(0, 8), rndIc) || !equal(r.subarray(8, 16), rndIfd)) {
    throw new AccessDeniedError('BAC', 'chip-proof-invalid');
  }
  const kIc = r.subarray(16, 32);
  const session = deriveBacKeys(xorKeys(kIfd, kIc));
  return new SecureMessaging('DESede', session.kEnc, session.kMac, bacSessionSsc(rndIc, rndIfd));
}
