import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

describe('electron-builder.yml', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
  ])('fuse %s: %s', (fuse, value) => {
    const block = yml.split('electronFuses:')[1]!.split(/\n\S/)[0]!;
    expect(block).toMatch(new RegExp(`\\n\\s+${fuse}: ${value}\\n`));
  });
  it('packs into an asar', () => expect(yml).toMatch(/^asar: true$/m));

  it('packs what the bundles read at run time: the sample cards beside the main bundle, the renderer', () => {
    const files = [...yml.split(/^files:\n/m)[1]!.matchAll(/^ {2}- "?([^"\n]+)"?$/gm)].map((m) => m[1]);
    // src/sim/profile/samples.ts resolves ../samples/ from its bundle (dist/main/main.js → dist/samples/).
    const samples = path.relative(ROOT, path.resolve(ROOT, 'dist/main', '../samples'));
    expect(files).toContain(`${samples}/**`);
    expect(files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'renderer/dist/**']));
    // And the bundle script really puts the samples there.
    expect(readFileSync(path.join(ROOT, 'scripts/build-bundles.mjs'), 'utf8')).toContain(`fs.cpSync('src/sim/samples', '${samples}'`);
  });

  it('every extra resource exists', () => {
    for (const m of yml.matchAll(/^ {2}- from: (\S+)$/gm)) expect(existsSync(path.join(ROOT, m[1]!)), m[1]).toBe(true);
  });
});
