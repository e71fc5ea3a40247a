/**
 * What the simulated chip needs to answer like a CCCD: its files (by FID) and its secrets.
 * Built by src/sim/profile (from an identity JSON or from raw LDS files) and served by src/sim/applet.
 */
import type { CurveName } from '../../card/crypto/ec';

export const FID = {
  CARD_ACCESS: 0x011c,
  COM: 0x011e,
  SOD: 0x011d,
  DG1: 0x0101,
  DG2: 0x0102,
  DG3: 0x0103,
  DG11: 0x010b,
  DG12: 0x010c,
  DG13: 0x010d,
  DG14: 0x010e,
  DG15: 0x010f,
} as const;

export interface SimProfile {
  /** Human label for logs/UI ("THẺ MẪU 1"); never personal data from a real person. */
  label: string;
  /** File contents by FID. EF.CardAccess lives outside the eMRTD application (ICAO 9303-10 §3.11.3). */
  files: Map<number, Uint8Array>;
  /** FIDs that exist but refuse reading with 6982 (EAC-protected DG3). */
  protectedFids: number[];
  /** MRZ information for BAC/PACE-MRZ: docNo + cd + DOB + cd + DOE + cd (ICAO 9303-11 §9.7.2). */
  mrzInformation: string;
  /** PACE CAN (last 6 ID digits on CCCD), or null for a passport without CAN. */
  can: string | null;
  /** Whether PACE is offered (EF.CardAccess present with a PACEInfo). */
  pace: boolean;
  /**
   * Answer more than 256 bytes to a short protected READ BINARY / INTERNAL AUTHENTICATE (a real CCCD returned a
   * 285-byte SM response for 256 plain bytes, cccd.md §9).
   */
  longShortResponses?: boolean;
  chipAuthentication?: { curve: CurveName; privateKey: Uint8Array; keyId?: number };
  activeAuthentication?:
    | { kind: 'RSA'; privateKeyPkcs8: Uint8Array }
    | { kind: 'EC'; curve: CurveName; privateKey: Uint8Array };
  /** Test PKI: the CSCA certificate (DER) to put in trust stores, and the DS certificate inside the SOD. */
  cscaCertificate?: Uint8Array;
  dsCertificate?: Uint8Array;
}
