/**
 * Face images for simulated cards: a SYNTHETIC drawn face (never a photo of a person) encoded as baseline JPEG
 * with jpeg-js, and a JPEG size reader for face files supplied by path (needed for the ISO/IEC 19794-5 header).
 */
import { readFileSync } from 'node:fs';
import * as jpeg from 'jpeg-js';
import type { FaceSpec } from './identity';
import { resolveFacePath } from './identity';

export interface FaceImage {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

/** mulberry32: tiny seeded PRNG so the same seed always draws the same face (also used by benchmarks' synthetic data). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rgb = [number, number, number];

/** Render a passport-style cartoon face (light background, shoulders, head, hair, eyes, brows, nose, mouth). */
export function renderSyntheticFace(width: number, height: number, seed: number): Uint8Array {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const skin: Rgb = pick([[241, 200, 166], [224, 172, 135], [198, 146, 108], [232, 190, 150]] as Rgb[]);
  const hair: Rgb = pick([[25, 20, 18], [45, 32, 25], [70, 60, 55], [150, 150, 150]] as Rgb[]);
  const shirt: Rgb = pick([[240, 240, 245], [40, 60, 110], [90, 90, 95], [200, 210, 225]] as Rgb[]);
  const bg: Rgb = pick([[245, 247, 250], [215, 230, 248]] as Rgb[]);
  const cx = width / 2 + (rnd() - 0.5) * width * 0.04;
  const cy = height * 0.45;
  const rx = width * (0.24 + rnd() * 0.04);
  const ry = height * (0.25 + rnd() * 0.03);
  const hairLong = rnd() < 0.5;
  const eyeDy = ry * 0.12;
  const eyeDx = rx * 0.42;
  const noiseAmp = 6;
  const px = new Uint8Array(width * height * 4);

  const inEllipse = (x: number, y: number, ex: number, ey: number, ax: number, ay: number) =>
    ((x - ex) / ax) ** 2 + ((y - ey) / ay) ** 2 <= 1;

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Background: soft vertical gradient.
      const g = 1 - (y / height) * 0.08;
      let c: Rgb = [bg[0] * g, bg[1] * g, bg[2] * g];
      // Long hair behind the head.
      if (hairLong && inEllipse(x, y, cx, cy + ry * 0.35, rx * 1.25, ry * 1.25) && y > cy - ry) c = hair;
      // Shoulders / shirt.
      if (inEllipse(x, y, cx, height * 1.05, width * 0.48, height * 0.3)) c = shirt;
      // Neck.
      if (Math.abs(x - cx) < rx * 0.42 && y > cy + ry * 0.6 && y < height * 0.85) c = [skin[0] * 0.92, skin[1] * 0.9, skin[2] * 0.9];
      // Hair cap behind the head top.
      if (inEllipse(x, y, cx, cy - ry * 0.15, rx * 1.1, ry * 1.02)) c = hair;
      // Face.
      if (inEllipse(x, y, cx, cy + ry * 0.08, rx, ry) && y > cy - ry * 0.55) {
        const shade = 1 - Math.abs(x - cx) / rx * 0.12;
        c = [skin[0] * shade, skin[1] * shade, skin[2] * shade];
      }
      // Ears.
      if (inEllipse(x, y, cx - rx, cy + ry * 0.1, rx * 0.12, ry * 0.18) || inEllipse(x, y, cx + rx, cy + ry * 0.1, rx * 0.12, ry * 0.18)) c = skin;
      // Eyes: white, iris, pupil.
      for (const s of [-1, 1]) {
        const ex = cx + s * eyeDx;
        const ey = cy + eyeDy;
        if (inEllipse(x, y, ex, ey, rx * 0.2, ry * 0.07)) c = [250, 250, 250];
        if (inEllipse(x, y, ex, ey, rx * 0.08, rx * 0.08) && inEllipse(x, y, ex, ey, rx * 0.2, ry * 0.07)) c = [60, 40, 30];
        if (inEllipse(x, y, ex, ey, rx * 0.035, rx * 0.035)) c = [10, 10, 10];
        // Brows.
        if (inEllipse(x, y, ex, ey - ry * 0.15, rx * 0.24, ry * 0.03)) c = hair;
      }
      // Nose: a soft shadow line.
      if (Math.abs(x - cx) < rx * 0.05 && y > cy + eyeDy && y < cy + ry * 0.42) c = [skin[0] * 0.85, skin[1] * 0.8, skin[2] * 0.8];
      if (inEllipse(x, y, cx, cy + ry * 0.42, rx * 0.14, ry * 0.04)) c = [skin[0] * 0.8, skin[1] * 0.75, skin[2] * 0.75];
      // Mouth.
      if (inEllipse(x, y, cx, cy + ry * 0.62, rx * 0.3, ry * 0.05)) c = [170, 80, 80];
      const i = (y * width + x) * 4;
      const n = (rnd() - 0.5) * 2 * noiseAmp; // sensor grain: keeps the JPEG realistically sized
      px[i] = clamp(c[0] + n);
      px[i + 1] = clamp(c[1] + n);
      px[i + 2] = clamp(c[2] + n);
      px[i + 3] = 255;
    }
  }
  return px;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

export function syntheticFaceJpeg(width: number, height: number, seed: number, quality = 80): FaceImage {
  const rgba = renderSyntheticFace(width, height, seed);
  const out = jpeg.encode({ data: rgba, width, height }, quality);
  return { jpeg: new Uint8Array(out.data), width, height };
}

/** Width/height from the first SOFn marker (ITU-T T.81 §B.2.2). */
export function jpegSize(data: Uint8Array): { width: number; height: number } {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error('face: not a JPEG (no SOI marker)');
  let pos = 2;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) throw new Error(`face: corrupt JPEG marker at ${pos}`);
    const marker = data[pos + 1]!;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    const len = (data[pos + 2]! << 8) | data[pos + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && pos + 9 <= data.length) {
      return { height: (data[pos + 5]! << 8) | data[pos + 6]!, width: (data[pos + 7]! << 8) | data[pos + 8]! };
    }
    pos += 2 + len;
  }
  throw new Error('face: JPEG has no SOF marker');
}

const faceCache = new Map<string, FaceImage>();

/** Load or render the face of an identity (cached per process: rendering a large face takes tens of ms). */
export function loadFace(face: FaceSpec, baseDir: string): FaceImage {
  if (typeof face === 'string') {
    const path = resolveFacePath(face, baseDir);
    const hit = faceCache.get(path);
    if (hit) return hit;
    let data: Uint8Array;
    try {
      data = new Uint8Array(readFileSync(path));
    } catch (e) {
      throw new Error(`face: cannot read ${path}: ${(e as Error).message}`);
    }
    const img = { jpeg: data, ...jpegSize(data) };
    faceCache.set(path, img);
    return img;
  }
  const { width, height, seed, quality } = face.synthetic;
  const key = `synthetic|${width}|${height}|${seed}|${quality ?? 80}`;
  const hit = faceCache.get(key);
  if (hit) return hit;
  const img = syntheticFaceJpeg(width, height, seed, quality);
  faceCache.set(key, img);
  return img;
}
