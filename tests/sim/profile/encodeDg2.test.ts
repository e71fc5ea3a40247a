import { describe, expect, it } from 'vitest';
import { decodeOne, find } from '../../../src/card/asn1/tlv';
import { encodeDg2, encodeFaceRecord } from '../../../src/sim/profile/encodeDg2';
import { syntheticFaceJpeg } from '../../../src/sim/profile/face';

describe('DG2 / ISO 19794-5 record', () => {
  const face = syntheticFaceJpeg(64, 80, 3);

  it('nests 75/7F61/02/7F60/A1/5F2E with exact lengths', () => {
    const dg2 = encodeDg2({ ...face, sex: 'F' });
    const top = decodeOne(dg2);
    expect(top.tag).toBe(0x75);
    expect(top.length).toBe(dg2.length);
    const bigt = find(top.value, 0x7f61)!;
    expect(find(bigt.value, 0x02)!.value).toEqual(Uint8Array.of(1));
    const bit = find(bigt.value, 0x7f60)!;
    const bht = find(bit.value, 0xa1)!;
    expect(Buffer.from(find(bht.value, 0x87)!.value).toString('hex')).toBe('0101');
    expect(Buffer.from(find(bht.value, 0x88)!.value).toString('hex')).toBe('0008');
    const rec = find(bit.value, 0x5f2e)!.value;
    expect(Buffer.from(rec.subarray(rec.length - face.jpeg.length)).equals(Buffer.from(face.jpeg))).toBe(true);
  });

  it('writes the 19794-5 header fields', () => {
    const rec = Buffer.from(encodeFaceRecord({ ...face, sex: 'F' }));
    expect(rec.subarray(0, 8).toString('latin1')).toBe('FAC\0' + '010\0');
    expect(rec.readUInt32BE(8)).toBe(rec.length);
    expect(rec.readUInt16BE(12)).toBe(1);
    expect(rec.readUInt32BE(14)).toBe(rec.length - 14);
    expect(rec[20]).toBe(0x02); // female
    expect(rec.readUInt16BE(36)).toBe(64);
    expect(rec.readUInt16BE(38)).toBe(80);
    expect(rec.length).toBe(46 + face.jpeg.length);
  });
});
