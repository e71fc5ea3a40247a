import { describe, it, expect } from 'vitest';
import { PNG } from 'pngjs';
import { decodeJpeg2000, imageDimensions, sniffImageFormat, toDisplayDataUrl, toPhoto } from '../../../src/card/lds/image';
import { sharedFile } from '../../helpers/sharedData';
import { jpegHeader } from './fixtures';

describe('face images', () => {
  it('sniffs formats and reads JPEG SOF dimensions', () => {
    const jpeg = jpegHeader(480, 640);
    expect(sniffImageFormat(jpeg)).toBe('JPEG');
    expect(imageDimensions(jpeg)).toEqual({ width: 480, height: 640 });
    expect(sniffImageFormat(Uint8Array.of(1, 2, 3))).toBe('UNKNOWN');
  });

  it('reads JP2 dimensions from the header and agrees with the decoder', async () => {
    const jp2 = sharedFile('icao', 'dg2', 'silver.jp2');
    expect(sniffImageFormat(jp2)).toBe('JPEG2000');
    const dims = imageDimensions(jp2);
    const img = await decodeJpeg2000(jp2);
    expect(dims).toEqual({ width: img.width, height: img.height });
    expect(img.rgba.length).toBe(img.width * img.height * 4);
    // a real photo is not a flat colour
    expect(new Set(img.rgba.subarray(0, 4000)).size).toBeGreaterThan(10);
  });

  it('produces a PNG data URL for JPEG 2000 and passes JPEG through', async () => {
    const jp2 = sharedFile('icao', 'dg2', 'silver.jp2');
    const url = await toDisplayDataUrl(jp2);
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = PNG.sync.read(Buffer.from(url!.split(',')[1]!, 'base64'));
    expect({ width: png.width, height: png.height }).toEqual(imageDimensions(jp2));
    const jpeg = jpegHeader(10, 20);
    expect(await toDisplayDataUrl(jpeg)).toBe(`data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`);
    expect(await toDisplayDataUrl(Uint8Array.of(0, 1, 2))).toBeNull();
  });
});

describe('toPhoto', () => {
  it('builds the shared Photo record with hash, size and a PNG display URL for JPEG 2000', async () => {
    const { createHash } = await import('node:crypto');
    const jp2 = sharedFile('icao', 'dg2', 'silver.jp2');
    const dims = imageDimensions(jp2)!;
    const photo = await toPhoto({ format: 'JPEG2000', imageBytes: jp2, ...dims });
    expect(photo.format).toBe('JPEG2000');
    expect(photo.sha256).toBe(createHash('sha256').update(jp2).digest('hex'));
    expect(Buffer.from(photo.dataBase64, 'base64').equals(Buffer.from(jp2))).toBe(true);
    expect({ width: photo.width, height: photo.height }).toEqual(dims);
    expect(photo.displayDataUrl).toMatch(/^data:image\/png;base64,/);
  });
});
