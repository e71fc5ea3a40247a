/** Synthetic CCCD data groups (no real person's data; check digits computed per cccd.md §2.1). */
import { encode } from '../../../src/card/asn1/tlv';

export const CCCD_MRZ_LINES = [
  'IDVNM0901234562001090123456<<3',
  '9001158M3001156VNM<<<<<<<<<<<0',
  'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
];

const te = new TextEncoder();
export const utf8 = (s: string): Uint8Array => encode(0x0c, te.encode(s.normalize('NFC')));
export const printable = (s: string): Uint8Array => encode(0x13, te.encode(s));
export const seq = (...parts: Uint8Array[]): Uint8Array => encode(0x30, parts);
export const int = (n: number): Uint8Array => encode(0x02, Uint8Array.of(n));

export function dg1FromMrz(lines: string[]): Uint8Array {
  return encode(0x61, encode(0x5f1f, te.encode(lines.join(''))));
}

/** DG13 field: SEQUENCE { INTEGER n, values… } (cccd.md §4.1). */
export function field(n: number, ...values: Uint8Array[]): Uint8Array {
  return seq(int(n), ...values);
}

/** 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET OF field } } */
export function dg13(fields: Uint8Array[]): Uint8Array {
  const oid = Uint8Array.from([0x06, 0x06, 0x28, 0xd3, 0x16, 0x01, 0x00, 0x08]);
  return encode(0x6d, seq(int(1), oid, encode(0x31, fields)));
}

export const LONG_ADDRESS =
  'Số nhà 123, đường Nguyễn Văn Cừ nối dài, khu phố Bình Minh, Phường Thượng Lý Thường Kiệt, Quận Hồng Bàng Đông, Thành phố Hải Phòng, Việt Nam';

/** A full synthetic DG13 in the appota shape (field 13 = two SEQUENCEs of one UTF8String each). */
export function sampleDg13(opts: { parentsShape?: 'appota' | 'single'; spouse?: string | null; expiry?: string } = {}): Uint8Array {
  const parents =
    opts.parentsShape === 'single'
      ? field(13, seq(utf8('Nguyễn Văn Bố'), utf8('Trần Thị Mẹ')))
      : field(13, seq(utf8('Nguyễn Văn Bố')), seq(utf8('Trần Thị Mẹ')));
  const spouse = opts.spouse === null || opts.spouse === undefined ? field(14) : field(14, seq(utf8(opts.spouse)));
  return dg13([
    field(1, printable('001090123456')),
    field(2, utf8('Nguyễn Văn A')),
    field(3, printable('15/01/1990')),
    field(4, utf8('Nam')),
    field(5, utf8('Việt Nam')),
    field(6, utf8('Kinh')),
    field(7, utf8('Không')),
    field(8, utf8('Xã Tân Lập, Huyện Đan Phượng, Hà Nội')),
    field(9, utf8(LONG_ADDRESS)),
    field(10, utf8('Nốt ruồi C:1cm trên trước mép phải')),
    field(11, printable('10/07/2021')),
    field(12, utf8(opts.expiry ?? '15/01/2030')),
    parents,
    spouse,
    field(15, printable('123456789')),
    field(16, printable('0123456789ABCDEF')),
  ]);
}

/** Minimal JPEG header: SOI, APP0 (JFIF), SOF0 with 3 components — enough for dimension parsing. */
export function jpegHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
  ]);
}

/** CCCD EF.CardAccess as hard-coded by iOS apps (cccd.md §1.2). */
export const CCCD_CARD_ACCESS = Buffer.from(
  '3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d', 'hex',
);
