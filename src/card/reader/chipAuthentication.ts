/**
 * Chip Authentication inside a read, and the decision a clone forces: is a secure-messaging failure right after
 * the key switch a chip that does not hold its DG14 private key, or a flaky link?
 *
 * CA proves the chip genuine only implicitly: the chip shows it holds the private key of DG14 by continuing secure
 * messaging under the keys derived from it (ICAO 9303-11 §6.2). A clone can copy every file (so Passive
 * Authentication holds) but not that private key, so it fails the first protected exchange after the switch. A
 * flaky link fails at random. So: probe with one protected APDU right after CA; on an SM failure, start access
 * control over (which shows the link carries secure messaging under keys the chip can share) and run CA once more.
 * Two failures after the switch while the link works before it = INVALID. Two attempts, never a loop.
 */
import { SW, StatusWordError } from '../apdu';
import type { Dg14 } from '../lds/dg14';
import { performChipAuthentication } from '../ca/performChipAuthentication';
import { isTransportError } from '../transport/types';
import type { Verdict } from '../result';
import { ReadAbortedError, type CardSession } from './session';
import { isSmFailure } from './recoveringReader';

const CA_ATTEMPTS = 2;

/** DG14's short file identifier: the probe re-reads one byte of a file the chip has just served. */
const DG14_SFI = 0x0e;

export const CLONE_SUSPECTED =
  'the chip could not prove it is genuine — possible clone: secure messaging under the keys of Chip Authentication failed twice, while it worked under the access-control keys';

export interface ChipAuthenticationOutcome {
  verdict: Verdict;
  /** Repeats CA after access control restarts later in the read (only when CA succeeded). */
  redo: (() => Promise<void>) | null;
}

/**
 * Run CA with DG14's key. `restartAccess` starts access control over without CA (the session is left on the
 * access-control keys whenever the verdict is not VALID). Transport errors and cancellation propagate; an SM failure
 * under the access-control keys as well propagates too (the link, not the chip, is at fault).
 */
export async function authenticateChip(session: CardSession, dg14: Dg14, notes: string[], restartAccess: () => Promise<void>): Promise<ChipAuthenticationOutcome> {
  const key = dg14.chipAuthenticationPublicKeys.find((k) => k.publicKey.kind === 'EC' && k.publicKey.domain.named !== undefined);
  if (!key || key.publicKey.kind !== 'EC' || !key.publicKey.domain.named) {
    notes.push('chip authentication key is not an EC key on a supported curve');
    return { verdict: 'NOT_SUPPORTED', redo: null };
  }
  const info = dg14.chipAuthenticationInfos.find((i) => key.keyId === undefined || i.keyId === undefined || i.keyId === key.keyId);
  if (!info) {
    notes.push('DG14 has no ChipAuthenticationInfo');
    return { verdict: 'NOT_SUPPORTED', redo: null };
  }
  const curve = key.publicKey.domain.named;
  const point = key.publicKey.point;
  const doCa = async (): Promise<void> => {
    session.sm = await performChipAuthentication(session.send, { curve, publicPoint: point }, info.oid, { keyId: info.keyId });
    await probe(session);
  };

  for (let attempt = 1; attempt <= CA_ATTEMPTS; attempt++) {
    try {
      await doCa();
      if (attempt > 1) notes.push('secure messaging failed once after chip authentication and worked on the second attempt');
      return { verdict: 'VALID', redo: doCa };
    } catch (e) {
      if (isTransportError(e) || e instanceof ReadAbortedError || !(e instanceof Error)) throw e;
      if (!isSmFailure(e)) {
        // The chip refused a CA command or sent a malformed answer: CA failed outright.
        notes.push(`chip authentication failed: ${e.message}`);
        await restartAccess();
        return { verdict: 'INVALID', redo: null };
      }
      await restartAccess();
      await probe(session); // an SM failure here is the link's, and propagates as such
    }
  }
  notes.push(CLONE_SUSPECTED);
  return { verdict: 'INVALID', redo: null };
}

/** One protected exchange: READ BINARY of DG14's first byte. Any status word will do; a bad MAC will not. */
async function probe(session: CardSession): Promise<void> {
  const r = await session.send({ cla: 0x00, ins: 0xb0, p1: 0x80 | DG14_SFI, p2: 0, le: 1 });
  if (r.sw === SW.SM_DATA_MISSING || r.sw === SW.SM_DATA_INCORRECT) throw new StatusWordError(r.sw, 'READ BINARY after Chip Authentication');
}
