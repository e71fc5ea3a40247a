/**
 * The parts of a ReadResult built from what was read: the holder (DG1 MRZ overlaid with DG13's full Vietnamese
 * text), the document, the photo (DG2), and how the anti-clone verdicts depend on Passive Authentication.
 */
import { createHash } from 'node:crypto';
import { emptyHolder, type DocumentInfo, type Holder, type Photo, type Verdict } from '../result';
import { dg13ToHolder, type Dg13 } from '../lds/dg13';
import { parseDg2 } from '../lds/dg2';
import { imageDimensions, toDisplayDataUrl } from '../lds/image';
import type { Mrz } from '../lds/mrz';

const SEVERITY: Verdict[] = ['INVALID', 'NOT_SUPPORTED', 'NOT_CHECKED', 'UNTRUSTED', 'VALID'];

/** The less favourable of two verdicts. */
export function worst(a: Verdict, b: Verdict): Verdict {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
}

/** CA/AA are VALID only when Passive Authentication holds for their keys (the keys are in DG14/DG15, which only the SOD vouches for). */
export function gateOnPassive(v: Verdict, passive: Verdict): Verdict {
  if (v !== 'VALID') return v;
  if (passive === 'VALID') return 'VALID';
  if (passive === 'UNTRUSTED') return 'UNTRUSTED';
  if (passive === 'INVALID') return 'INVALID';
  return 'NOT_CHECKED';
}

export function buildHolder(mrz: Mrz | null, dg13: Dg13 | null, notes: string[]): Holder {
  const h = emptyHolder();
  if (mrz) {
    if (!mrz.valid) notes.push('MRZ check digits do not all verify');
    h.idNumber = mrz.vnIdNumber;
    h.fullName = [mrz.surname, mrz.givenNames].filter(Boolean).join(' ') || null;
    h.dateOfBirth = mrz.dateOfBirth;
    h.sex = mrz.sex;
    h.nationality = mrz.nationality || null;
    h.dateOfExpiry = mrz.dateOfExpiry;
  }
  if (dg13) {
    // DG13 carries the full Vietnamese text and dd/MM/yyyy dates; DG1 has no diacritics (cccd.md §4.3 item 3).
    if (mrz?.vnIdNumber && dg13.idNumber && dg13.idNumber !== mrz.vnIdNumber) notes.push('ID number in DG13 differs from the MRZ');
    const d = dg13ToHolder(dg13);
    for (const k of Object.keys(d) as (keyof Holder)[]) {
      if (d[k] !== null) (h as unknown as Record<string, unknown>)[k] = d[k];
    }
    if (dg13.noExpiry) h.dateOfExpiry = null;
  }
  for (const k of Object.keys(h) as (keyof Holder)[]) {
    const v = h[k];
    if (typeof v === 'string') (h as unknown as Record<string, string | null>)[k] = v.normalize('NFC');
  }
  return h;
}

export function buildDocument(mrz: Mrz | null, dg13: Dg13 | null): DocumentInfo {
  return {
    documentCode: mrz?.documentCode ?? '',
    issuingState: mrz?.issuingState ?? '',
    documentNumber: mrz?.documentNumber ?? '',
    mrz: mrz?.lines.join('\n') ?? '',
    ...(dg13 ? { rawDg13: dg13.rawFields } : {}),
  };
}

export async function buildPhoto(dg2: Uint8Array, decode: boolean, notes: string[]): Promise<Photo | null> {
  try {
    const img = parseDg2(dg2).faces[0];
    if (!img) return null;
    const dims = img.width && img.height ? { width: img.width, height: img.height } : imageDimensions(img.imageBytes);
    return {
      format: img.format,
      dataBase64: Buffer.from(img.imageBytes).toString('base64'),
      sha256: createHash('sha256').update(img.imageBytes).digest('hex'),
      width: dims?.width ?? null,
      height: dims?.height ?? null,
      displayDataUrl: decode ? await toDisplayDataUrl(img.imageBytes) : null,
    };
  } catch (e) {
    notes.push(`photo could not be decoded: ${(e as Error).message}`);
    return null;
  }
}
