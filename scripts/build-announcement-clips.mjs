// Renders the hall display's announcement clips ("Mời công dân có số thứ tự … đến quầy số …") into
// dist/announce/<clip id>.wav with Debian's espeak-ng Vietnamese voice (`vi`, robotic but intelligible;
// research/centre.md §5), plus a synthesised two-tone chime and a manifest.json. The clip ids are the stable
// names of src/queue/announcement.ts: a centre may replace any file with its own recording of the same words.
//   node scripts/build-announcement-clips.mjs [--out <dir>] [--voice vi|vi-vn-x-south|vi-vn-x-central]
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const outDir = path.resolve(root, option('--out', 'dist/announce'));
const voice = option('--voice', 'vi');
const SAMPLE_RATE = 22050; // espeak-ng's own output rate, so every clip has the same format

const { ANNOUNCEMENT_CLIPS } = await tsImport('../src/queue/announcement.ts', import.meta.url);

/** 16-bit mono PCM WAV around `samples` (Int16Array). */
function wav(samples) {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(SAMPLE_RATE, 24);
  h.writeUInt32LE(SAMPLE_RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** "Ding-dong": E5 then C5, each a sine with a fast attack and an exponential decay. */
function chime() {
  const tone = (hz, seconds) =>
    Array.from({ length: Math.round(SAMPLE_RATE * seconds) }, (_, i) => {
      const t = i / SAMPLE_RATE;
      return Math.sin(2 * Math.PI * hz * t) * Math.min(1, t * 200) * Math.exp(-3 * t) * 0.5 * 32767;
    });
  return wav(Int16Array.from([...tone(659.25, 0.55), ...tone(523.25, 0.8)].map(Math.round)));
}

const which = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
if (which.error || which.status !== 0) {
  console.error('build-announcement-clips: espeak-ng is not installed (apt-get install espeak-ng; scripts/setup.sh does it)');
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
const started = Date.now();
const manifest = { voice, sampleRate: SAMPLE_RATE, clips: [] };
for (const [id, text] of Object.entries(ANNOUNCEMENT_CLIPS)) {
  const file = path.join(outDir, `${id}.wav`);
  if (id === 'chime') fs.writeFileSync(file, chime());
  else {
    // -s 140 words/min: slower than the default 175, easier to follow in a noisy hall.
    const r = spawnSync('espeak-ng', ['-v', voice, '-s', '140', '-w', file, text], { encoding: 'utf8' });
    if (r.status !== 0 || !fs.existsSync(file) || fs.statSync(file).size <= 44) {
      console.error(`build-announcement-clips: espeak-ng failed for clip ${id}: ${r.stderr || r.error || 'empty output'}`);
      process.exit(1);
    }
  }
  const bytes = fs.readFileSync(file);
  manifest.clips.push({ id, text, file: `${id}.wav`, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`build-announcement-clips: ${manifest.clips.length} clips (voice ${voice}) in ${path.relative(root, outDir) || '.'} in ${Date.now() - started} ms`);
