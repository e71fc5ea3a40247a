/**
 * The one result type of a card read. Shared by the card engine, the CLI (`motcua read --json`),
 * the forms pre-fill and the UI. Dates are ISO "YYYY-MM-DD"; absent values are null; text is Unicode NFC.
 */

export type Verdict = 'VALID' | 'INVALID' | 'UNTRUSTED' | 'NOT_SUPPORTED' | 'NOT_CHECKED';
export type AccessControl = 'PACE-CAN' | 'PACE-MRZ' | 'BAC';
/** One word for a whole read: any INVALID wins, then UNTRUSTED, then VALID; INCOMPLETE when PA did not run. */
export type OverallVerdict = 'VALID' | 'INVALID' | 'UNTRUSTED' | 'INCOMPLETE';

export interface Holder {
  idNumber: string | null;
  fullName: string | null;
  dateOfBirth: string | null;
  sex: 'M' | 'F' | null;
  nationality: string | null;
  ethnicity: string | null;
  religion: string | null;
  placeOfOrigin: string | null;
  placeOfResidence: string | null;
  /** DG13 field 10 (đặc điểm nhận dạng): shown, never stored (personal data the store must not keep). */
  personalIdentification: string | null;
  dateOfIssue: string | null;
  /** null when the card never expires (MRZ 991231). */
  dateOfExpiry: string | null;
  fatherName: string | null;
  motherName: string | null;
  spouseName: string | null;
  oldIdNumber: string | null;
}

export interface DocumentInfo {
  documentCode: string; // "ID" / "P"
  issuingState: string; // "VNM"
  documentNumber: string; // 9 digits on CCCD
  mrz: string; // the MRZ lines joined with "\n"
  /** DG13 fields kept raw where the semantics are disputed (cccd.md §4.3): field number → text. */
  rawDg13?: Record<string, string>;
}

export interface Photo {
  format: 'JPEG' | 'JPEG2000' | 'UNKNOWN';
  /** base64 of the encoded image exactly as on the chip */
  dataBase64: string;
  sha256: string;
  width: number | null;
  height: number | null;
  /** A browser-displayable image (JPEG as is; JPEG 2000 decoded to PNG), base64 data URL. */
  displayDataUrl: string | null;
}

export interface Verification {
  accessControl: AccessControl;
  passive: Verdict;
  dataGroups: Record<string, Verdict>;
  chipAuthentication: Verdict;
  activeAuthentication: Verdict;
  /** English, log-safe explanations (no personal data), e.g. "DS certificate expired". */
  notes?: string[];
}

export interface ReadStats {
  apdus: number;
  bytesIn: number;
  bytesOut: number;
  wallMs: number;
  cpuMs: number;
  /** The read strategy that worked, e.g. { extended: true, chunk: 65000 } */
  strategy?: { extendedLength: boolean; chunkSize: number };
}

export interface ReadResult {
  holder: Holder;
  document: DocumentInfo;
  photo: Photo | null;
  verification: Verification;
  stats: ReadStats;
}

export type ReadProgress =
  | { stage: 'connecting' }
  | { stage: 'access-control'; method: AccessControl }
  | { stage: 'reading'; file: string; bytesRead: number; bytesTotal: number | null }
  | { stage: 'text-ready'; holder: Holder; document: DocumentInfo }
  | { stage: 'photo-ready'; photo: Photo }
  | { stage: 'verifying' }
  | { stage: 'done'; result: ReadResult };

export function emptyHolder(): Holder {
  return {
    idNumber: null, fullName: null, dateOfBirth: null, sex: null, nationality: null, ethnicity: null,
    religion: null, placeOfOrigin: null, placeOfResidence: null, personalIdentification: null,
    dateOfIssue: null, dateOfExpiry: null, fatherName: null, motherName: null, spouseName: null, oldIdNumber: null,
  };
}

/**
 * Worst verification outcome, for the banner and the pre-fill gate (ICAO 9303-11 §5: Passive Authentication plus
 * Chip or Active Authentication; any failed check makes the card INVALID).
 */
export function overallVerdict(v: Verification): OverallVerdict {
  const all: Verdict[] = [v.passive, v.chipAuthentication, v.activeAuthentication, ...Object.values(v.dataGroups)];
  if (all.includes('INVALID')) return 'INVALID';
  if (v.passive === 'UNTRUSTED') return 'UNTRUSTED';
  if (v.passive === 'VALID') return 'VALID';
  return 'INCOMPLETE';
}
