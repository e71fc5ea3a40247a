/**
 * The card service as the app (API layer, Electron and browser hosts) sees it. Implemented over the PC/SC
 * transport with the real card engine, or over the in-process simulated card in demo mode ("THẺ MẪU").
 */
import type { ReadProgress, ReadResult } from '../card/result';
import type { CardErrorCode } from '../card/reader/errors';
import type { AccessKey } from '../card/reader/accessKey';

export type ReaderState =
  | { state: 'service-down'; reason: string }
  | { state: 'no-reader' }
  | { state: 'no-card'; reader: string }
  | { state: 'card-present'; reader: string }
  | { state: 'reading'; reader: string }
  | { state: 'error'; reader: string | null; code: CardErrorCode; message: string };

/** The card layer's error codes, passed on unchanged (src/card/reader/errors.ts). */
export type { CardErrorCode };

export interface CardStatus {
  demo: boolean;
  /** In demo mode: which built-in sample card ("THẺ MẪU n") is on the simulated reader, and its CAN for the keypad hint. */
  demoCard?: { index: number; count: number; label: string; can: string | null } | null;
  /** The readers the app uses: all of the machine's, or those matching the chosen reader (settings, `--reader`). */
  readers: { name: string; cardPresent: boolean }[];
  /**
   * Every reader of the machine, before that choice: the settings offer them, and with more than one the screens
   * name the one in use.
   */
  machineReaders?: string[];
  state: ReaderState;
}

/** A read: the card side's access key, and optionally which reader. */
export interface ReadRequest extends AccessKey {
  reader?: string;
}

export class CardServiceError extends Error {
  override readonly name = 'CardServiceError';
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CardService {
  status(): CardStatus;
  onStatus(listener: (s: CardStatus) => void): () => void;
  read(req: ReadRequest, onProgress?: (p: ReadProgress) => void): Promise<ReadResult>;
  cancel(): void;
  close(): Promise<void>;
  /**
   * Use only the readers whose name contains `filter` (the counter's reader setting), for the status as for reads;
   * null goes back to the start-up choice (`--reader`, else every reader).
   */
  useReader?(filter: string | null): void;
  /** Forget the loaded trust anchors; the next read loads them again (after a master list / CSCA / CRL import). */
  reloadTrust?(): void;
  /** Demo mode only: put sample card `index` on the simulated reader (e.g. the second party of a marriage). */
  insertDemoCard?(index: number): Promise<void>;
}
