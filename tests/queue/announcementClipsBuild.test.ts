import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANNOUNCEMENT_CLIPS } from '../../src/queue/announcement';

const ROOT = path.resolve(__dirname, '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-announce-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Duration in seconds of a 16-bit mono PCM WAV, checking the header says so. */
function wavSeconds(file: string): number {
  const b = fs.readFileSync(file);
  expect(b.toString('latin1', 0, 4)).toBe('RIFF');
  expect(b.toString('latin1', 8, 16)).toBe('WAVEfmt ');
  expect(b.readUInt16LE(20)).toBe(1); // PCM
  expect(b.readUInt16LE(22)).toBe(1); // mono
  expect(b.readUInt16LE(34)).toBe(16);
  return (b.length - 44) / (b.readUInt32LE(24) * 2);
}

describe('scripts/build-announcement-clips.mjs (real espeak-ng, Vietnamese voice)', () => {
  it('renders every clip id as a WAV of speech, the look-alike words as different audio, and a manifest', () => {
    const r = spawnSync(process.execPath, ['scripts/build-announcement-clips.mjs', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { clips: { id: string; text: string; sha256: string }[] };
    expect(manifest.clips.map((c) => c.id).sort()).toEqual(Object.keys(ANNOUNCEMENT_CLIPS).sort());
    for (const id of Object.keys(ANNOUNCEMENT_CLIPS)) {
      const seconds = wavSeconds(path.join(out, `${id}.wav`));
      expect(seconds, id).toBeGreaterThan(0.2);
      expect(seconds, id).toBeLessThan(5);
    }
    const hash = new Map(manifest.clips.map((c) => [c.id, c.sha256]));
    const lookAlikes: [string, string][] = [['so-muoi-huyen', 'so-muoi-ngang'], ['so-mot', 'so-mot-sac'], ['so-nam', 'so-lam'], ['so-bon', 'so-tu']];
    for (const [a, b] of lookAlikes) {
      expect(hash.get(a), `${a} vs ${b}`).not.toBe(hash.get(b));
    }
  });
});
