/**
 * DG2 face images (ICAO 9303-10 §4.7.2): 75 { 7F61 { 02 count, 7F60 { A1 BHT, 5F2E | 7F2E BDB } … } }.
 * The biometric data block is either an ISO/IEC 19794-5:2005 record ("FAC\0", primitive 5F2E) or an
 * ISO/IEC 39794-5 BER-encoded record (constructed 7F2E, used by newer documents).
 */
import { decodeAll, decodeOne, TlvError, isConstructed, type Tlv } from '../asn1/tlv';
import { imageDimensions, sniffImageFormat, u16, u32, type ImageFormat } from './image';

export interface FaceImage {
  format: ImageFormat;
  imageBytes: Uint8Array;
  width: number | null;
  height: number | null;
  encoding: 'ISO19794-5' | 'ISO39794-5';
}

export interface Dg2 {
  faces: FaceImage[];
}

/**
 * ISO/IEC 19794-5:2005 §5.4–5.8: header "FAC\0" "010\0" recordLength(4) faceCount(2); per face: block length(4),
 * feature points(2), … (20 bytes), 8 bytes per feature point, image information (12 bytes: type, data type,
 * width, height, …), image data.
 */
function parseIso19794(bdb: Uint8Array): FaceImage[] {
  if (bdb.length < 14 || String.fromCharCode(bdb[0]!, bdb[1]!, bdb[2]!) !== 'FAC' || bdb[3] !== 0) {
    throw new TlvError('DG2: biometric data block is not an ISO/IEC 19794-5 facial record');
  }
  const count = u16(bdb, 12);
  const faces: FaceImage[] = [];
  let pos = 14;
  for (let k = 0; k < count; k++) {
    if (pos + 20 > bdb.length) throw new TlvError('DG2: truncated facial information block');
    const blockLength = u32(bdb, pos);
    const featurePoints = u16(bdb, pos + 4);
    const info = pos + 20 + featurePoints * 8;
    if (info + 12 > bdb.length || blockLength < 32) throw new TlvError('DG2: truncated image information block');
    const dataType = bdb[info + 1]!;
    const width = u16(bdb, info + 2);
    const height = u16(bdb, info + 4);
    const start = info + 12;
    const end = Math.min(bdb.length, pos + blockLength);
    const imageBytes = bdb.slice(start, end);
    const sniffed = sniffImageFormat(imageBytes);
    // Image data type 0 = JPEG, 1 = JPEG 2000 (§5.7.2); the magic bytes win when they disagree.
    const format: ImageFormat = sniffed !== 'UNKNOWN' ? sniffed : dataType === 0 ? 'JPEG' : dataType === 1 ? 'JPEG2000' : 'UNKNOWN';
    // The image's own header wins over the record header: the BSI 2008 test passport declares 337×449 for a
    // 413×531 JPEG 2000, and the decoded picture is what gets displayed.
    const dims = imageDimensions(imageBytes);
    faces.push({ format, imageBytes, width: dims?.width ?? (width || null), height: dims?.height ?? (height || null), encoding: 'ISO19794-5' });
    pos += blockLength;
  }
  return faces;
}

/** ISO/IEC 39794-5 records nest about 6 levels (face image data block → representation → image data). */
const MAX_DEPTH = 16;

/** Depth-first search for primitive values that start with an image signature. */
function findImages(tlvs: Tlv[], out: Uint8Array[], depth: number): void {
  if (depth > MAX_DEPTH) throw new TlvError(`DG2: biometric record nested deeper than ${MAX_DEPTH} levels`);
  for (const t of tlvs) {
    if (isConstructed(t.tag)) findImages(decodeAll(t.value), out, depth + 1);
    else if (sniffImageFormat(t.value) !== 'UNKNOWN') out.push(t.value);
  }
}

/**
 * ISO/IEC 39794-5 (BER, §7): the image data sits in a primitive element of the representation block; rather than
 * hard-code every optional element's context tag, find the primitive whose content is a JPEG/JPEG 2000 image and
 * read the dimensions from the image itself.
 */
function parseIso39794(bdbValue: Uint8Array): FaceImage[] {
  const images: Uint8Array[] = [];
  findImages(decodeAll(bdbValue), images, 1);
  if (images.length === 0) throw new TlvError('DG2: no JPEG or JPEG 2000 image found in the ISO/IEC 39794-5 record');
  return images.map((img) => {
    const imageBytes = img.slice();
    const dims = imageDimensions(imageBytes);
    return { format: sniffImageFormat(imageBytes), imageBytes, width: dims?.width ?? null, height: dims?.height ?? null, encoding: 'ISO39794-5' };
  });
}

export function parseDg2(bytes: Uint8Array): Dg2 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x75) throw new TlvError(`DG2: expected tag 75, got ${outer.tag.toString(16).toUpperCase()}`);
  const faces: FaceImage[] = [];
  for (const group of decodeAll(outer.value).filter((t) => t.tag === 0x7f61)) {
    for (const bit of decodeAll(group.value).filter((t) => t.tag === 0x7f60)) {
      for (const bdb of decodeAll(bit.value)) {
        if (bdb.tag === 0x5f2e) faces.push(...parseIso19794(bdb.value));
        else if (bdb.tag === 0x7f2e) faces.push(...parseIso39794(bdb.value));
      }
    }
  }
  if (faces.length === 0) throw new TlvError('DG2: no biometric data block (5F2E/7F2E) found');
  return { faces };
}
