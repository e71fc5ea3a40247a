import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const yml = readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');

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
});
