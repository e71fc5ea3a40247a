/**
 * The card service as the app (API layer, Electron and browser hosts) sees it. Implemented over the PC/SC
 * transport with the real card engine, or over the in-process simulated card in demo mode ("THẺ MẪU").
 */
import type { ReadProgress, ReadResult } from '../card/result';

export type ReaderState =
  | { state: 'service-down'; reason: string }
  | { state: 'no-reader' }
  | { state: 'no-card'; reader: string }
  | { state: 'card-present'; reader: string }
  | { state: 'reading'; reader: string }
  | { state: 'error'; reader: string | null; code: CardErrorCode; message: string };

export type CardErrorCode =
  | 'ACCESS_DENIED' // wrong CAN / MRZ
  | 'CARD_REMOVED'
  | 'NO_READER'
  | 'NO_SERVICE'
  | 'TIMEOUT'
  | 'MALFORMED_CARD'
  | 'CANCELLED'
  | 'INTERNAL';

export interface CardStatus {
  demo: boolean;
  /** In demo mode: which built-in sample card ("THẺ MẪU n") is on the simulated reader, and its CAN for the keypad hint. */
  demoCard?: { index: number; count: number; label: string; can: string | null } | null;
  readers: { name: string; cardPresent: boolean }[];
  state: ReaderState;
}

export interface ReadRequest {
  can?: string; // 6 digits
  idNumber?: string; // 12 digits → CAN = last 6
  mrz?: string; // TD1 text
  bac?: { documentNumber: string; dateOfBirth: string; dateOfExpiry: string }; // YYMMDD
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
  /** Forget the loaded trust anchors; the next read loads them again (after a master list / CSCA / CRL import). */
  reloadTrust?(): void;
  /** Demo mode only: put sample card `index` on the simulated reader (e.g. the second party of a marriage). */
  insertDemoCard?(index: number): Promise<void>;
}
