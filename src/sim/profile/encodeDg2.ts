/**
 * DG2 (ICAO 9303-10 §4.7.2): 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E ISO/IEC 19794-5:2005 record } } }.
 * CCCD carries a JPEG face (cccd.md §5).
 */
import { encode } from '../../card/asn1/tlv';

export interface FaceImageInfo {
  jpeg: Uint8Array;
  width: number;
  height: number;
  sex: 'M' | 'F';
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}
function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** ISO/IEC 19794-5:2005 §5.4–5.7: "FAC\0" "010\0" length, one face, facial information, image information, data. */
export function encodeFaceRecord(face: FaceImageInfo): Uint8Array {
  const FACIAL_INFO = 20;
  const IMAGE_INFO = 12;
  const faceBlockLength = FACIAL_INFO + IMAGE_INFO + face.jpeg.length;
  const recordLength = 14 + faceBlockLength;
  const header = [0x46, 0x41, 0x43, 0x00, 0x30, 0x31, 0x30, 0x00, ...u32(recordLength), ...u16(1)];
  const facialInfo = [
    ...u32(faceBlockLength),
    ...u16(0), // no feature points
    face.sex === 'M' ? 0x01 : 0x02, // §5.5.3 gender
    0x00, // eye colour unspecified
    0x00, // hair colour unspecified
    0x00, 0x00, 0x00, // feature mask
    ...u16(0x0001), // expression: neutral
    0x00, 0x00, 0x00, // pose angle yaw/pitch/roll (0 = unspecified)
    0x00, 0x00, 0x00, // pose angle uncertainty
  ];
  const imageInfo = [
    0x01, // §5.7.1 face image type: full frontal
    0x00, // §5.7.2 image data type: JPEG
    ...u16(face.width),
    ...u16(face.height),
    0x01, // colour space: 24-bit RGB
    0x02, // source type: digital still camera
    ...u16(0), // device type
    ...u16(0), // quality unspecified
  ];
  const out = new Uint8Array(recordLength);
  out.set(header, 0);
  out.set(facialInfo, 14);
  out.set(imageInfo, 14 + FACIAL_INFO);
  out.set(face.jpeg, 14 + FACIAL_INFO + IMAGE_INFO);
  return out;
}

export function encodeDg2(face: FaceImageInfo): Uint8Array {
  // Biometric Header Template (ICAO 9303-10 §4.7.2.1, CBEFF): header version 0101, type 02 = face,
  // format owner 0101 (ISO/IEC JTC 1/SC 37), format type 0008 (19794-5).
  const bht = encode(0xa1, [
    encode(0x80, Uint8Array.of(0x01, 0x01)),
    encode(0x81, Uint8Array.of(0x02)),
    encode(0x87, Uint8Array.of(0x01, 0x01)),
    encode(0x88, Uint8Array.of(0x00, 0x08)),
  ]);
  const bit = encode(0x7f60, [bht, encode(0x5f2e, encodeFaceRecord(face))]);
  return encode(0x75, [encode(0x7f61, [encode(0x02, Uint8Array.of(1)), bit])]);
}
