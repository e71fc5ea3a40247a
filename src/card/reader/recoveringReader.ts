/**
 * The retry policy of a read, apart from what is read: a file is read with strategy fallback (extended → short
 * APDUs when the reader or chip refuses extended length) and secure-messaging recovery (6987/6988 or a bad MAC
 * mid-read: start access control over and resume the file where it stopped). Every retry is bounded.
 */
import { SW, StatusWordError } from '../apdu';
import type { CardAccess } from '../lds/cardAccess';
import { SmError } from '../sm/secureMessaging';
import { isTransportError } from '../transport/types';
import type { ReadProgress } from '../result';
import type { ChipSecrets } from './accessKey';
import { establishAccess, readCardAccess, type AccessResult } from './accessControl';
import { readFile, StrategyRefusedError, type FileRef, type PartialRead } from './fileReader';
import { rememberStrategy, shortStrategy, type ReadStrategy } from './readStrategy';
import type { CardSession } from './session';

/** Secure messaging may be re-established this many times in one read; a link that needs more is not usable. */
const MAX_REAUTH = 2;

export interface RecoveringReaderOptions {
  secrets: ChipSecrets;
  cardAccess: CardAccess | null;
  access: AccessResult;
  strategy: ReadStrategy;
  /** Where a strategy that had to fall back is remembered (reader + ATR); null when the caller fixed the strategy. */
  strategyKey: string | null;
  notes: string[];
  progress: (p: ReadProgress) => void;
  rng?: (n: number) => Uint8Array;
}

/** True for a failure of secure messaging itself (as opposed to a refused command or a transport fault). */
export function isSmFailure(e: unknown): boolean {
  return e instanceof SmError || (e instanceof StatusWordError && (e.sw === SW.SM_DATA_MISSING || e.sw === SW.SM_DATA_INCORRECT));
}

export class RecoveringReader {
  strategy: ReadStrategy;
  private reauths = 0;
  /** Chip Authentication to repeat after access control starts over, once CA has succeeded. */
  private chipAuthentication: (() => Promise<void>) | null = null;

  constructor(
    private readonly session: CardSession,
    private readonly o: RecoveringReaderOptions,
  ) {
    this.strategy = o.strategy;
  }

  /** After Chip Authentication succeeded: every later restart of access control repeats it. */
  keepChipAuthentication(redo: () => Promise<void>): void {
    this.chipAuthentication = redo;
  }

  /**
   * Start over from a plain APDU and access control (no Chip Authentication). A chip drops a broken SM session when
   * it gets a plain APDU (6987) and is back at its start state, as for a fresh read (ICAO 9303-11 §9.8.4).
   */
  async restartAccess(): Promise<void> {
    this.session.sm = null;
    await readCardAccess(this.session);
    await establishAccess(this.session, this.o.secrets, this.o.cardAccess, this.o.rng);
  }

  private async reauthenticate(): Promise<void> {
    this.reauths += 1;
    if (this.reauths > MAX_REAUTH) throw new SmError(SW.SM_DATA_INCORRECT, 'secure messaging failed repeatedly');
    this.o.notes.push('secure messaging was re-established during the read');
    await this.restartAccess();
    if (this.chipAuthentication) await this.chipAuthentication();
  }

  /** Read a file with strategy fallback and SM recovery; null when absent (6A82) or protected (6982). */
  async read(ref: FileRef): Promise<Uint8Array | null> {
    const partial: PartialRead = { parts: [], offset: 0, total: null };
    const onBytes = (n: number, total: number | null) => this.o.progress({ stage: 'reading', file: ref.name, bytesRead: n, bytesTotal: total });
    for (;;) {
      try {
        return await readFile(this.session.send, ref, this.strategy, onBytes, partial);
      } catch (e) {
        if (e instanceof StrategyRefusedError || (this.strategy.extendedLength && isTransportError(e, 'PROTOCOL'))) {
          // Reader or card refuses extended length: the largest short read that fits the SM overhead.
          this.strategy = shortStrategy(this.o.access.sm.alg);
          if (this.o.strategyKey !== null) rememberStrategy(this.o.strategyKey, this.strategy);
          if (e instanceof StrategyRefusedError) continue;
          await this.reauthenticate();
          continue;
        }
        if (e instanceof StatusWordError && (e.sw === SW.FILE_NOT_FOUND || e.sw === SW.SECURITY_STATUS_NOT_SATISFIED)) {
          if (e.sw === SW.SECURITY_STATUS_NOT_SATISFIED) this.o.notes.push(`${ref.name} is access-protected`);
          return null;
        }
        if (isSmFailure(e)) {
          await this.reauthenticate();
          continue; // resumes at partial.offset
        }
        throw e;
      }
    }
  }
}
