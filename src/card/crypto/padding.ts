/**
 * ISO/IEC 9797-1 padding method 2 (0x80 then zeros up to the block size), used for all ICAO 9303 encryption and MAC
 * inputs (ICAO 9303-11 §9.8.4: "padding according to ISO/IEC 9797-1 padding method 2").
 */

export class PaddingError extends Error {
  override readonly name = 'PaddingError';
}

/** Always appends at least one byte (0x80), so already block-aligned data grows by a whole block. */
export function padIso9797M2(data: Uint8Array, blockSize: number): Uint8Array {
  const padded = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize);
  padded.set(data, 0);
  padded[data.length] = 0x80;
  return padded;
}

/** Strip method-2 padding; throws PaddingError if the trailing bytes are not 80 00…00. */
export function unpadIso9797M2(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80) throw new PaddingError('ISO 9797-1 M2: padding marker 0x80 not found');
  return data.subarray(0, i);
}
