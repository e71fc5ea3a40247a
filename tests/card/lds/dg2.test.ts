import { describe, it, expect } from 'vitest';
import { parseDg2 } from '../../../src/card/lds/dg2';
import { decodeJpeg2000 } from '../../../src/card/lds/image';
import { encode } from '../../../src/card/asn1/tlv';
import { bsi, sharedFile } from '../../helpers/sharedData';
import { jpegHeader } from './fixtures';

/** ISO/IEC 19794-5 record with one JPEG face (header 14 + facial info 20 + image info 12 + data). */
function iso19794Jpeg(width: number, height: number): Uint8Array {
  const img = jpegHeader(width, height);
  const blockLength = 20 + 12 + img.length;
  const total = 14 + blockLength;
  const be32 = (v: number) => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
  return Uint8Array.from([
    0x46, 0x41, 0x43, 0x00, 0x30, 0x31, 0x30, 0x00, ...be32(total), 0x00, 0x01,
    ...be32(blockLength), 0x00, 0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0x01, 0x00, width >> 8, width & 0xff, height >> 8, height & 0xff, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    ...img,
  ]);
}

describe('DG2', () => {
  it('decodes the BSI 2008 DG2 (ISO/IEC 19794-5, JPEG 2000)', async () => {
    const { faces } = parseDg2(bsi('Datagroup2.bin'));
    expect(faces).toHaveLength(1);
    const f = faces[0]!;
    expect(f.encoding).toBe('ISO19794-5');
    expect(f.format).toBe('JPEG2000');
    // The record header declares 337×449 but the embedded JPEG 2000 is 413×531: the image's own size is reported.
    expect({ width: f.width, height: f.height }).toEqual({ width: 413, height: 531 });
    expect(f.imageBytes.length).toBe(14999);
    const img = await decodeJpeg2000(f.imageBytes);
    expect({ width: img.width, height: img.height }).toEqual({ width: 413, height: 531 });
  });

  it('decodes the ISO/IEC 39794-5 sample to the same image as silver.jp2', async () => {
    const { faces } = parseDg2(sharedFile('icao', 'dg2', 'dg2_jp2_face_record.bin'));
    expect(faces).toHaveLength(1);
    const f = faces[0]!;
    expect(f.encoding).toBe('ISO39794-5');
    expect(f.format).toBe('JPEG2000');
    const silver = sharedFile('icao', 'dg2', 'silver.jp2');
    expect(Buffer.from(f.imageBytes).equals(Buffer.from(silver))).toBe(true);
    const [a, b] = await Promise.all([decodeJpeg2000(f.imageBytes), decodeJpeg2000(silver)]);
    expect({ width: a.width, height: a.height }).toEqual({ width: b.width, height: b.height });
    expect({ width: f.width, height: f.height }).toEqual({ width: b.width, height: b.height });
  });

  it('parses a 19794-5 JPEG face in the CCCD shape (75 / 7F61 / 7F60 / 5F2E)', () => {
    const record = iso19794Jpeg(480, 640);
    const bytes = encode(0x75, encode(0x7f61, [encode(0x02, Uint8Array.of(1)), encode(0x7f60, [encode(0xa1, encode(0x81, Uint8Array.of(2))), encode(0x5f2e, record)])]));
    const { faces } = parseDg2(bytes);
    expect(faces[0]).toMatchObject({ format: 'JPEG', width: 480, height: 640, encoding: 'ISO19794-5' });
    expect(faces[0]!.imageBytes.subarray(0, 3)).toEqual(Uint8Array.of(0xff, 0xd8, 0xff));
  });

  it('rejects DG2 without a biometric data block', () => {
    expect(() => parseDg2(encode(0x75, encode(0x7f61, encode(0x02, Uint8Array.of(0)))))).toThrow(/no biometric data block/);
  });
});
