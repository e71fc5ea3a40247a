/**
 * Raw LDS folder → SimProfile, for serving a real test document (e.g. the BSI 2008 passport, JMRTD file names
 * EF_COM.bin, Datagroup1.bin … Datagroup16.bin, EF_SOD.bin) over PC/SC. BAC only: no PACE, no CAN, no CA/AA
 * private keys (the document's keys are not public), so CA/AA will fail as they should against a clone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeOne, find } from '../../card/asn1/tlv';
import { mrzInformation } from './mrz';
import { FID, type SimProfile } from './types';

export interface LoadRawOptions {
  /** MRZ information for BAC; derived from DG1 when absent. */
  mrzInformation?: string;
  label?: string;
}

/** EF.COM tag list entry → DG number (ICAO 9303-10 §4.6.1 Table 33). */
const TAG_TO_DG: Record<number, number> = {
  0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
  0x69: 9, 0x6a: 10, 0x6b: 11, 0x6c: 12, 0x6d: 13, 0x6e: 14, 0x6f: 15, 0x70: 16,
};

function fidForFileName(name: string): number | undefined {
  const dg = /^Datagroup(\d{1,2})\.bin$/i.exec(name) ?? /^EF_?DG(\d{1,2})\.bin$/i.exec(name);
  if (dg) {
    const n = Number(dg[1]);
    return n >= 1 && n <= 16 ? 0x0100 + n : undefined;
  }
  const lower = name.toLowerCase();
  if (lower === 'ef_com.bin') return FID.COM;
  if (lower === 'ef_sod.bin') return FID.SOD;
  if (lower === 'ef_cardaccess.bin') return FID.CARD_ACCESS;
  return undefined;
}

/** MRZ information from DG1 (ICAO 9303-11 §9.7.2) for TD1 (90 chars) and TD2/TD3 (72/88 chars). */
export function mrzInformationFromDg1(dg1: Uint8Array): string {
  const outer = decodeOne(dg1);
  if (outer.tag !== 0x61) throw new Error('loadRaw: DG1 does not start with tag 61');
  const mrzTlv = find(outer.value, 0x5f1f);
  if (!mrzTlv) throw new Error('loadRaw: DG1 has no 5F1F MRZ');
  const mrz = new TextDecoder('ascii').decode(mrzTlv.value);
  if (mrz.length === 90) {
    return mrzInformation(mrz.slice(5, 14), mrz.slice(30, 36), mrz.slice(38, 44));
  }
  if (mrz.length === 88 || mrz.length === 72) {
    const l2 = mrz.slice(mrz.length / 2);
    return mrzInformation(l2.slice(0, 9), l2.slice(13, 19), l2.slice(21, 27));
  }
  throw new Error(`loadRaw: DG1 MRZ has unexpected length ${mrz.length}`);
}

/** DG FIDs listed in EF.COM but missing from the folder are EAC-protected on a real chip (6982). */
function listedButAbsent(com: Uint8Array, files: Map<number, Uint8Array>): number[] {
  const outer = decodeOne(com);
  const list = find(outer.value, 0x5c);
  if (!list) return [];
  const out: number[] = [];
  for (const tag of list.value) {
    const dg = TAG_TO_DG[tag];
    if (dg !== undefined && !files.has(0x0100 + dg)) out.push(0x0100 + dg);
  }
  return out;
}

export function loadRawProfile(dir: string, opts: LoadRawOptions = {}): SimProfile {
  if (!existsSync(dir)) throw new Error(`loadRaw: folder not found: ${dir}`);
  const files = new Map<number, Uint8Array>();
  for (const name of readdirSync(dir).sort()) {
    const fid = fidForFileName(name);
    if (fid !== undefined) files.set(fid, new Uint8Array(readFileSync(join(dir, name))));
  }
  const com = files.get(FID.COM);
  if (!com) throw new Error(`loadRaw: ${dir} has no EF_COM.bin`);
  if (!files.has(FID.SOD)) throw new Error(`loadRaw: ${dir} has no EF_SOD.bin`);
  const dg1 = files.get(FID.DG1);
  if (!opts.mrzInformation && !dg1) throw new Error(`loadRaw: ${dir} has no Datagroup1.bin and no mrzInformation was given`);
  return {
    label: opts.label ?? `raw:${basename(dir)}`,
    files,
    protectedFids: listedButAbsent(com, files),
    mrzInformation: opts.mrzInformation ?? mrzInformationFromDg1(dg1!),
    can: null,
    pace: false,
  };
}
