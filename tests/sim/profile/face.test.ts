import * as jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { jpegSize, loadFace, syntheticFaceJpeg } from '../../../src/sim/profile/face';
import { SAMPLES_DIR } from '../../../src/sim/profile/samples';

describe('synthetic faces', () => {
  it('are deterministic per seed and decode to the requested size', () => {
    const a = syntheticFaceJpeg(120, 160, 7);
    const b = syntheticFaceJpeg(120, 160, 7);
    const c = syntheticFaceJpeg(120, 160, 8);
    expect(Buffer.from(a.jpeg).equals(Buffer.from(b.jpeg))).toBe(true);
    expect(Buffer.from(a.jpeg).equals(Buffer.from(c.jpeg))).toBe(false);
    const img = jpeg.decode(a.jpeg, { useTArray: true });
    expect([img.width, img.height]).toEqual([120, 160]);
    // A face, not a blank image: the centre (skin) differs clearly from the top-left corner (background).
    const px = (x: number, y: number) => img.data[(y * 120 + x) * 4 + 2]!; // blue: skin is far less blue than the background
    expect(Math.abs(px(60, 85) - px(2, 2))).toBeGreaterThan(15);
  });

  it('reads JPEG dimensions from the SOF marker and loads sample files', () => {
    expect(jpegSize(syntheticFaceJpeg(64, 80, 1).jpeg)).toEqual({ width: 64, height: 80 });
    expect(() => jpegSize(Uint8Array.of(1, 2, 3))).toThrow(/not a JPEG/);
    const f = loadFace('face-4.jpg', SAMPLES_DIR);
    expect([f.width, f.height]).toEqual([360, 480]);
    expect(() => loadFace('missing.jpg', SAMPLES_DIR)).toThrow(/cannot read/);
  });
});
