/**
 * A deterministic random source for replaying worked examples (ICAO 9303-11 App. D, G.1) through the simulator:
 * it hands out the given chunks in order and fails loudly when a caller asks for a different length, so a test
 * cannot silently drift away from the vector it claims to reproduce.
 */
import { randomBytes } from 'node:crypto';

export function scriptedRng(chunks: readonly Uint8Array[], fallback?: (n: number) => Uint8Array): (n: number) => Uint8Array {
  let next = 0;
  return (n: number) => {
    const chunk = chunks[next];
    if (chunk === undefined) {
      if (fallback) return fallback(n);
      if (chunks.length === 0) return new Uint8Array(randomBytes(n));
      throw new Error(`scriptedRng: asked for ${n} bytes after all ${chunks.length} scripted chunks were used`);
    }
    if (chunk.length !== n) throw new Error(`scriptedRng: chunk ${next} has ${chunk.length} bytes, caller asked for ${n}`);
    next += 1;
    return Uint8Array.from(chunk);
  };
}
