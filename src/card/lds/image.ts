/**
 * Face-image helpers: format sniffing and dimensions without decoding (JPEG SOF, JP2 'ihdr', J2K SIZ), and a
 * displayable data URL (JPEG as is; JPEG 2000 decoded with @cornerstonejs/codec-openjpeg and re-encoded as PNG,
 * environment.md §6). The codec (WASM, ~300 KB) is loaded lazily on first use and then reused. Decoding is Node
 * only (node:module, pngjs, Buffer are imported on demand), so sniffing and dimensions also work in a browser.
 */
import type { Photo } from '../result';
import { CardDataError } from '../asn1/errors';

/** A face image that cannot be decoded, or whose header announces more pixels than a face needs. */
export class ImageError extends CardDataError {
  override readonly name = 'ImageError';
}

export type ImageFormat = 'JPEG' | 'JPEG2000' | 'UNKNOWN';

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

function startsWith(b: Uint8Array, prefix: number[], at = 0): boolean {
  if (b.length < at + prefix.length) return false;
  return prefix.every((x, i) => b[at + i] === x);
}

/** Big-endian 16- and 32-bit fields at byte i (image headers here, ISO 19794-5 records in dg2.ts). */
export function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

export function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
}

/** JPEG (SOI FFD8FF), JP2 container (ISO/IEC 15444-1 Annex I signature box) or bare J2K codestream (SOC+SIZ). */
export function sniffImageFormat(b: Uint8Array): ImageFormat {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(b, JP2_SIGNATURE) || startsWith(b, [0xff, 0x4f, 0xff, 0x51])) return 'JPEG2000';
  return 'UNKNOWN';
}

/** JPEG: walk the markers to the first SOFn (ITU T.81 §B.2.2). */
function jpegDimensions(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = u16(b, i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) return null;
      return { height: u16(b, i + 5), width: u16(b, i + 7) };
    }
    if (marker === 0xda) return null;
    i += 2 + len;
  }
  return null;
}

/** J2K codestream SIZ (ISO/IEC 15444-1 §A.5.1): width = Xsiz − XOsiz, height = Ysiz − YOsiz. */
function j2kDimensions(b: Uint8Array, at: number): { width: number; height: number } | null {
  if (!startsWith(b, [0xff, 0x4f, 0xff, 0x51], at) || at + 22 > b.length) return null;
  const s = at + 4 + 2 + 2; // after SOC, SIZ marker, Lsiz, Rsiz
  return { width: u32(b, s) - u32(b, s + 8), height: u32(b, s + 4) - u32(b, s + 12) };
}

/** JP2: the Image Header box inside the JP2 Header super-box (ISO/IEC 15444-1 §I.5.3.1): HEIGHT then WIDTH. */
function jp2Dimensions(b: Uint8Array): { width: number; height: number } | null {
  // jp2h is the only super-box on this path (§I.5.3); a crafted file nesting it thousands of times gets no answer.
  const walk = (start: number, end: number, depth: number): { width: number; height: number } | null => {
    if (depth > 4) return null;
    let i = start;
    while (i + 8 <= end) {
      let len = u32(b, i);
      const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
      let header = 8;
      if (len === 1) {
        len = u32(b, i + 12); // 64-bit XLBox; images here are far below 4 GB
        header = 16;
      } else if (len === 0) {
        len = end - i;
      }
      if (len < header) return null;
      if (type === 'jp2h') return walk(i + header, Math.min(end, i + len), depth + 1);
      if (type === 'ihdr' && i + 16 <= end) return { height: u32(b, i + 8), width: u32(b, i + 12) };
      if (type === 'jp2c') return j2kDimensions(b, i + header);
      i += len;
    }
    return null;
  };
  return walk(0, b.length, 0);
}

export function imageDimensions(b: Uint8Array): { width: number; height: number } | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return jpegDimensions(b);
  if (startsWith(b, JP2_SIGNATURE)) return jp2Dimensions(b);
  if (startsWith(b, [0xff, 0x4f, 0xff, 0x51])) return j2kDimensions(b, 0);
  return null;
}

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface J2KDecoderInstance {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoderInstance;
}

let codecPromise: Promise<OpenJpegModule> | undefined;

/** Load the decoder-only WASM build once; print/printErr silence OpenJPEG's [INFO] lines (environment.md §6). */
function loadCodec(): Promise<OpenJpegModule> {
  codecPromise ??= (async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/decodewasmjs') as (opts: object) => Promise<OpenJpegModule>;
    return factory({ print() {}, printErr() {} });
  })();
  return codecPromise;
}

export interface DecodedImage {
  width: number;
  height: number;
  componentCount: number;
  /** 8-bit RGBA, row-major. */
  rgba: Uint8Array;
}

/**
 * Largest face decoded: ISO/IEC 19794-5 full-frontal images are about 480×640 (ICAO 9303-9 §B recommends
 * 420–640 wide); 1000×1000 leaves room and keeps one decode near 100 ms here (a 413×531 face takes ~100 ms).
 */
export const MAX_DECODE_PIXELS = 1_000_000;
const MAX_DECODE_SIDE = 4_000;

/** The codestream's own SIZ dimensions (what OpenJPEG will allocate), from a JP2's jp2c box or a bare J2K. */
function codestreamDimensions(b: Uint8Array): { width: number; height: number } | null {
  if (startsWith(b, [0xff, 0x4f, 0xff, 0x51])) return j2kDimensions(b, 0);
  for (let i = 0; i + 8 <= b.length; ) {
    const len = u32(b, i);
    if (String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!) === 'jp2c') return j2kDimensions(b, i + 8);
    if (len < 8) return null;
    i += len;
  }
  return null;
}

/**
 * Decode a JP2 file or J2K codestream to 8-bit RGBA (16-bit samples are scaled down; gray is expanded). The
 * size is checked from the header BEFORE decoding (both the JP2 'ihdr' and the codestream's SIZ, since OpenJPEG
 * allocates from SIZ), so a 40 000 × 40 000 header costs nothing; every decoder failure is an ImageError.
 */
export async function decodeJpeg2000(bytes: Uint8Array): Promise<DecodedImage> {
  if (sniffImageFormat(bytes) !== 'JPEG2000') throw new ImageError('JPEG 2000: no JP2 signature or J2K codestream');
  for (const dims of [imageDimensions(bytes), codestreamDimensions(bytes)]) {
    if (!dims) throw new ImageError('JPEG 2000: no image size in the header');
    const { width, height } = dims;
    if (!(width > 0 && height > 0 && width <= MAX_DECODE_SIDE && height <= MAX_DECODE_SIDE && width * height <= MAX_DECODE_PIXELS)) {
      throw new ImageError(`JPEG 2000: header announces ${width}×${height} pixels (at most ${MAX_DECODE_PIXELS})`);
    }
  }
  const codec = await loadCodec();
  const dec = new codec.J2KDecoder();
  try {
    dec.getEncodedBuffer(bytes.length).set(bytes);
    try {
      dec.decode();
    } catch (e) {
      throw new ImageError(`JPEG 2000: decoding failed (${e instanceof Error ? e.message : String(e)})`);
    }
    const info = dec.getFrameInfo();
    if (info.width * info.height > MAX_DECODE_PIXELS || info.componentCount < 1 || info.componentCount > 4) {
      throw new ImageError(`JPEG 2000: decoded frame ${info.width}×${info.height}×${info.componentCount} is out of bounds`);
    }
    const raw = dec.getDecodedBuffer();
    const { width, height, componentCount, bitsPerSample } = info;
    const bytesPerSample = bitsPerSample > 8 ? 2 : 1;
    const shift = Math.max(0, bitsPerSample - 8);
    const rgba = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p++) {
      const sample = (c: number): number => {
        const idx = (p * componentCount + c) * bytesPerSample;
        const v = bytesPerSample === 2 ? raw[idx]! | (raw[idx + 1]! << 8) : raw[idx]!;
        return Math.min(255, v >> shift);
      };
      const r = sample(0);
      const g = componentCount >= 3 ? sample(1) : r;
      const bl = componentCount >= 3 ? sample(2) : r;
      const a = componentCount === 4 ? sample(3) : componentCount === 2 ? sample(1) : 255;
      rgba.set([r, g, bl, a], p * 4);
    }
    return { width, height, componentCount, rgba };
  } finally {
    dec.delete();
  }
}

/** PNG bytes from RGBA (pngjs). */
export async function rgbaToPng(img: DecodedImage): Promise<Uint8Array> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.rgba.buffer, img.rgba.byteOffset, img.rgba.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

/** A browser-displayable data URL: JPEG as is, JPEG 2000 → PNG; null for unknown formats or decode failures. */
export async function toDisplayDataUrl(bytes: Uint8Array): Promise<string | null> {
  const format = sniffImageFormat(bytes);
  const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  if (format === 'JPEG') return `data:image/jpeg;base64,${b64(bytes)}`;
  if (format !== 'JPEG2000') return null;
  try {
    const png = await rgbaToPng(await decodeJpeg2000(bytes));
    return `data:image/png;base64,${b64(png)}`;
  } catch {
    return null;
  }
}

/** The shared Photo record (result.ts) for a face image: original bytes, SHA-256, size and a display URL. */
export async function toPhoto(face: { format: ImageFormat; imageBytes: Uint8Array; width: number | null; height: number | null }): Promise<Photo> {
  const { createHash } = await import('node:crypto');
  const buf = Buffer.from(face.imageBytes.buffer, face.imageBytes.byteOffset, face.imageBytes.byteLength);
  return {
    format: face.format,
    dataBase64: buf.toString('base64'),
    sha256: createHash('sha256').update(buf).digest('hex'),
    width: face.width,
    height: face.height,
    displayDataUrl: await toDisplayDataUrl(face.imageBytes),
  };
}
