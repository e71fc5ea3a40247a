/**
 * Access control, strongest first (ICAO 9303-11 §4.2: PACE is preferred over BAC): PACE-CAN when a CAN is known → PACE-MRZ → BAC.
 * PACE parameters come from EF.CardAccess, read by short FID 1C or SELECT 011C — never via the master file,
 * which CCCD chips refuse with 6D00 (cccd.md §1.3).
 */
import { SW, StatusWordError } from '../apdu';
import { parseCardAccess, type CardAccess, type PaceOption } from '../lds/cardAccess';
import { performBac } from '../bac/performBac';
import { performPace } from '../pace/performPace';
import { AccessDeniedError, ProtocolError } from '../sm/errors';
import type { SecureMessaging } from '../sm/secureMessaging';
import type { AccessControl } from '../result';
import type { CardSession } from './session';
import { readFile, selectFile } from './fileReader';
import type { ChipSecrets } from './accessKey';
import { shortStrategy } from './readStrategy';


export const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

export { AccessDeniedError };

export class NoUsableKeyError extends Error {
  override readonly name = 'NoUsableKeyError';
}

/** EF.CardAccess, or null when the chip has none (BAC-only documents answer 6A82; some 6982). */
export async function readCardAccess(session: CardSession): Promise<CardAccess | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const bytes = await readFile(session.sendPlain, { name: 'EF.CardAccess', fid: 0x011c, sfi: 0x1c }, shortStrategy(null));
      return parseCardAccess(bytes);
    } catch (e) {
      // A chip still in the secure-messaging session of an earlier read (PC/SC leaves the card powered between
      // connections) answers a plain APDU with 6987/6988 and drops that session (ICAO 9303-11 §9.8.4): ask again.
      if (e instanceof StatusWordError && attempt === 0 && (e.sw === SW.SM_DATA_MISSING || e.sw === SW.SM_DATA_INCORRECT)) continue;
      if (e instanceof StatusWordError) return null;
      throw e;
    }
  }
}

export async function selectApplication(session: CardSession): Promise<void> {
  const r = await session.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_AID });
  if (r.sw !== SW.OK) throw new StatusWordError(r.sw, 'SELECT eMRTD application');
}

function usablePace(ca: CardAccess | null): PaceOption | undefined {
  // Generic Mapping over ECDH on a supported curve (cccd.md §1.2: CCCD offers exactly this).
  return ca?.paceOptions.find((p) => p.protocol?.mapping === 'GM' && p.protocol.keyAgreement === 'ECDH' && p.curve !== undefined);
}

export interface AccessResult {
  method: AccessControl;
  sm: SecureMessaging;
}

/**
 * Establish secure messaging and select the eMRTD application. Throws AccessDeniedError when the key is wrong,
 * StatusWordError/TransportError for everything else.
 */
export async function establishAccess(
  session: CardSession,
  keys: ChipSecrets,
  cardAccess: CardAccess | null,
  rng?: (n: number) => Uint8Array,
): Promise<AccessResult> {
  const pace = usablePace(cardAccess);
  session.sm = null;
  if (pace && keys.can) {
    // A wrong CAN is final: falling back to other methods would only burn attempts.
    const { sm } = await performPace(session.sendPlain, { oid: pace.oid, parameterId: pace.parameterId!, password: { type: 'CAN', value: keys.can }, rng });
    session.sm = sm;
    await selectApplication(session);
    return { method: 'PACE-CAN', sm };
  }
  if (keys.can && !keys.mrzInformation) {
    // A CAN cannot open a BAC-only document: report it as a refused key (exit 3), with the reason in the message.
    throw new NoUsableKeyError('the card does not offer PACE, so a CAN cannot open it; the MRZ (BAC) is needed');
  }
  if (!keys.mrzInformation) throw new NoUsableKeyError('no access key given');
  if (pace) {
    try {
      const { sm } = await performPace(session.sendPlain, {
        oid: pace.oid, parameterId: pace.parameterId!, password: { type: 'MRZ', mrzInformation: keys.mrzInformation }, rng,
      });
      session.sm = sm;
      await selectApplication(session);
      return { method: 'PACE-MRZ', sm };
    } catch (e) {
      // Whether CCCD accepts PACE with the MRZ password is undocumented (cccd.md §10): fall back to BAC, which
      // is known to work, whatever the reason PACE-MRZ failed.
      if (!(e instanceof AccessDeniedError) && !(e instanceof StatusWordError) && !(e instanceof ProtocolError)) throw e;
      session.sm = null;
    }
  }
  await selectApplication(session); // BAC runs inside the selected application (ICAO 9303-11 §4.3)
  const sm = await performBac(session.sendPlain, { mrzInformation: keys.mrzInformation }, { rng });
  session.sm = sm;
  return { method: 'BAC', sm };
}

export { selectFile };
