/**
 * The CCCD file system as the simulated chip serves it: EF.CardAccess in the MF, everything else in the eMRTD
 * application (ICAO 9303-10 §3.11), files selected by FID or addressed by short EF identifier.
 * Access checks are decided here; APDU parsing and secure messaging live in the applet.
 */
import { SW } from '../../card/apdu';
import { FID } from '../profile/types';

/** eMRTD LDS1 application identifier (ICAO 9303-10 §3.10). */
export const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

export type Outcome<T> = { ok: true; value: T } | { ok: false; sw: number };

const fail = (sw: number): { ok: false; sw: number } => ({ ok: false, sw });

export interface FileRead {
  data: Uint8Array;
  /** True when the returned bytes end at the end of the file. */
  endOfFile: boolean;
}

export class SimFileSystem {
  private appSelected = false;
  private currentEf: number | null = null;

  constructor(
    private readonly files: ReadonlyMap<number, Uint8Array>,
    private readonly protectedFids: readonly number[],
  ) {}

  get applicationSelected(): boolean {
    return this.appSelected;
  }

  /** Back to the power-on state: MF current, no EF current. */
  reset(): void {
    this.appSelected = false;
    this.currentEf = null;
  }

  /** SELECT by DF name (P1=04). Any AID other than the eMRTD one is unknown to this chip. */
  selectApplication(aid: Uint8Array): number {
    if (aid.length !== EMRTD_AID.length || !aid.every((b, i) => b === EMRTD_AID[i])) return SW.FILE_NOT_FOUND;
    this.appSelected = true;
    this.currentEf = null;
    return SW.OK;
  }

  /**
   * SELECT EF by FID (P1=02, or P1=00 for EF.CardAccess). `secure` = the command arrived under secure messaging.
   * EF.CardAccess is free (ICAO 9303-11 §4.4: needed before PACE); the LDS files need the application and an
   * SM session (BAC/PACE done).
   */
  selectEf(fid: number, secure: boolean): number {
    const check = this.checkAccess(fid, secure);
    if (!check.ok) return check.sw;
    this.currentEf = fid;
    return SW.OK;
  }

  /** SFI (1..30) → FID: the LDS1 files all sit at 01xx with xx = SFI (ICAO 9303-10 §3.11 Table 38 onwards). */
  static fidForSfi(sfi: number): number {
    return 0x0100 | sfi;
  }

  /**
   * READ BINARY: `fid` from an SFI (which also makes that file current, ISO/IEC 7816-4 §7.2.2), or null for
   * the current EF. Returns up to `maxLength` bytes from `offset`.
   */
  read(fid: number | null, offset: number, maxLength: number, secure: boolean): Outcome<FileRead> {
    let target: number;
    if (fid === null) {
      if (this.currentEf === null) return fail(SW.COMMAND_NOT_ALLOWED_NO_EF);
      // Access was checked at SELECT time, but the session may have ended since: checked again below.
      target = this.currentEf;
    } else {
      target = fid;
    }
    const check = this.checkAccess(target, secure);
    if (!check.ok) return check;
    this.currentEf = target;
    const content = check.value;
    // ISO/IEC 7816-4 §11.2.3: an offset at or beyond the end of the EF is "wrong parameters P1-P2".
    if (offset >= content.length) return fail(SW.WRONG_P1P2);
    const end = Math.min(content.length, offset + Math.max(0, maxLength));
    return { ok: true, value: { data: content.subarray(offset, end), endOfFile: end === content.length } };
  }

  get currentFid(): number | null {
    return this.currentEf;
  }

  private checkAccess(fid: number, secure: boolean): Outcome<Uint8Array> {
    if (fid === FID.CARD_ACCESS) {
      // EF.CardAccess is an MF file; real chips let it be read with or without the application selected.
      const ca = this.files.get(fid);
      return ca ? { ok: true, value: ca } : fail(SW.FILE_NOT_FOUND);
    }
    // LDS files live inside the eMRTD application: from the MF they do not exist.
    if (!this.appSelected) return fail(SW.FILE_NOT_FOUND);
    const isProtected = this.protectedFids.includes(fid);
    const content = this.files.get(fid);
    if (!content && !isProtected) return fail(SW.FILE_NOT_FOUND); // DG11/DG12 on CCCD (cccd.md §3)
    if (!secure) return fail(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (isProtected || !content) return fail(SW.SECURITY_STATUS_NOT_SATISFIED); // DG3 needs EAC/TA (cccd.md §1.4)
    return { ok: true, value: content };
  }
}
