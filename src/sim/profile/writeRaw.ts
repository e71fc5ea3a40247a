/**
 * SimProfile → folder of raw LDS files with the JMRTD/BSI names (EF_COM.bin, Datagroup1.bin, …, EF_SOD.bin,
 * EF_CardAccess.bin), the inverse of loadRawProfile: lets other tools (or loadRawProfile) read a built card.
 * Secrets (CAN, CA/AA private keys) are not written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FID, type SimProfile } from './types';

export function rawFileName(fid: number): string {
  if (fid === FID.COM) return 'EF_COM.bin';
  if (fid === FID.SOD) return 'EF_SOD.bin';
  if (fid === FID.CARD_ACCESS) return 'EF_CardAccess.bin';
  if (fid >= 0x0101 && fid <= 0x0110) return `Datagroup${fid - 0x0100}.bin`;
  return `EF_${fid.toString(16).toUpperCase().padStart(4, '0')}.bin`;
}

/** Writes every readable file; EAC-protected ones (DG3) are skipped as a reader could never obtain them. */
export function writeRawProfile(profile: SimProfile, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [fid, content] of profile.files) {
    if (profile.protectedFids.includes(fid)) continue;
    const name = rawFileName(fid);
    writeFileSync(join(dir, name), content);
    written.push(name);
  }
  return written.sort();
}
