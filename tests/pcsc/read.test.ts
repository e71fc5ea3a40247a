/**
 * `motcua read` end to end through the real pcscd + vpcd + the simulated CCCD, driven by the CLI exactly as
 * acceptance scripts use it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import os from 'node:os';

function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { loadRawProfile } from '../../src/sim/profile/loadRaw';
import type { SimProfile } from '../../src/sim/profile/types';
import type { Identity } from '../../src/sim/profile/identity';
import { parseDg1 } from '../../src/card/lds/dg1';
import { ensurePcscd, presentCard, pullCard, READER_0, REPO, runCli, writeTemp } from '../helpers/pcscCard';
import type { VpcdBridge } from '../../src/sim/vpcd';

let identities: Identity[];
let current: VpcdBridge | null = null;

beforeAll(() => {
  ensurePcscd();
  identities = sampleIdentities();
});

afterEach(async () => {
  if (current) await pullCard(current);
  current = null;
});

async function insert(profile: SimProfile, faults?: Parameters<typeof presentCard>[1]) {
  current = (await presentCard(profile, faults)).bridge;
}

function expectedHolder(id: Identity) {
  return {
    idNumber: id.idNumber, fullName: id.fullName.normalize('NFC'), dateOfBirth: id.dateOfBirth, sex: id.sex,
    nationality: id.nationality, ethnicity: id.ethnicity, religion: id.religion, placeOfOrigin: id.placeOfOrigin,
    placeOfResidence: id.placeOfResidence, personalIdentification: id.personalIdentification || null,
    dateOfIssue: id.dateOfIssue, dateOfExpiry: id.dateOfExpiry, fatherName: id.fatherName || null,
    motherName: id.motherName || null, spouseName: id.spouseName ?? null, oldIdNumber: id.oldIdNumber ?? null,
  };
}

function bacOnly(p: SimProfile): SimProfile {
  const files = new Map(p.files);
  files.delete(0x011c);
  return { ...p, files, pace: false };
}

describe('motcua read through pcscd', () => {
  for (let i = 0; i < 4; i++) {
    it(`sample ${i + 1}: PACE-CAN, PACE-MRZ and BAC read every field exactly`, async () => {
      const profile = sampleProfile(i);
      const id = identities[i]!;
      const trust = writeTemp('csca.der', profile.cscaCertificate!);
      const mrz = parseDg1(profile.files.get(0x0101)!).mrzText;

      await insert(profile);
      const viaCan = await runCli(['read', '--reader', READER_0, '--id', id.idNumber, '--json', '--trust', trust]);
      expect(viaCan.stderr).toBe('');
      expect(viaCan.code).toBe(0);
      const a = JSON.parse(viaCan.stdout);
      expect(a.verification.accessControl).toBe('PACE-CAN');
      expect(a.holder).toEqual(expectedHolder(id));
      expect(a.verification.passive).toBe('VALID');
      expect(a.verification.chipAuthentication).toBe('VALID');
      expect(a.verification.activeAuthentication).toBe('VALID');

      const viaMrz = await runCli(['read', '--reader', READER_0, '--mrz', mrz, '--json', '--trust', trust]);
      expect(viaMrz.code).toBe(0);
      const b = JSON.parse(viaMrz.stdout);
      expect(b.verification.accessControl).toBe('PACE-MRZ');
      expect(b.holder).toEqual(expectedHolder(id));
      await pullCard(current!);

      await insert(bacOnly(profile));
      const viaBac = await runCli(['read', '--reader', READER_0, '--mrz', mrz, '--json', '--trust', trust]);
      expect(viaBac.code).toBe(0);
      const c = JSON.parse(viaBac.stdout);
      expect(c.verification.accessControl).toBe('BAC');
      expect(c.holder).toEqual(expectedHolder(id));
      expect(c.verification.passive).toBe('VALID');
    });
  }

  it('a tampered DG13 gives passive INVALID and exit 5', async () => {
    const profile = sampleProfile(0);
    await insert(profile, { tamperFid: 0x010d });
    const r = await runCli(['read', '--reader', READER_0, '--id', identities[0]!.idNumber, '--json', '--trust', writeTemp('csca.der', profile.cscaCertificate!)]);
    expect(r.code).toBe(5);
    const j = JSON.parse(r.stdout);
    expect(j.verification.passive).toBe('INVALID');
    expect(j.verification.dataGroups['13']).toBe('INVALID');
  });

  it('a corrupted SOD signature gives exit 5', async () => {
    const profile = sampleProfile(1);
    await insert(profile, { corruptSodSignature: true });
    const r = await runCli(['read', '--reader', READER_0, '--id', identities[1]!.idNumber, '--json']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout).verification.passive).toBe('INVALID');
  });

  it('a clone (`card:sim --fault clone-ca`): exit 5, chipAuthentication INVALID, the data still returned, and a clear line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-clone-'));
    const csca = path.join(dir, 'csca.der');
    const sim = spawn(process.execPath, [path.join(REPO, 'bin', 'motcua.mjs'), 'card:sim', '--profile', '1', '--fault', 'clone-ca', '--write-csca', csca], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        sim.stdout.on('data', (d) => {
          out += d;
          if (/inserted via vpcd/.test(out)) resolve();
        });
        sim.once('exit', (code) => reject(new Error(`card:sim exited (${code})`)));
      });
      const r = await runCli(['read', '--reader', READER_0, '--id', identities[0]!.idNumber, '--json', '--trust', csca]);
      console.log(`clone-ca read: exit ${r.code} after ${r.ms} ms (whole CLI process)`);
      expect(r.code).toBe(5);
      const j = JSON.parse(r.stdout);
      expect(j.verification.chipAuthentication).toBe('INVALID');
      expect(j.verification.passive).toBe('VALID');
      expect(j.holder).toEqual(expectedHolder(identities[0]!));
      expect(j.verification.notes.join(' ')).toMatch(/possible clone/);
      expect(r.stderr.trim()).toBe('motcua read: INVALID: chip authentication — the chip could not prove it is genuine (possible clone)');
    } finally {
      sim.stdin.end('quit\n');
      await new Promise((resolve) => sim.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, 1100)); // pcscd polls vpcd about every 400 ms
    }
  });

  it('a clone that signs Active Authentication with its own key: exit 5, activeAuthentication INVALID', async () => {
    const profile = sampleProfile(0);
    await insert(profile, { cloneActiveAuthentication: true });
    const r = await runCli(['read', '--reader', READER_0, '--id', identities[0]!.idNumber, '--json', '--trust', writeTemp('csca.der', profile.cscaCertificate!)]);
    expect(r.code).toBe(5);
    const j = JSON.parse(r.stdout);
    expect(j.verification.activeAuthentication).toBe('INVALID');
    expect(j.verification.chipAuthentication).toBe('VALID');
    expect(r.stderr).toMatch(/active authentication — the chip could not prove it is genuine/);
  });

  it('a wrong CAN exits 3 and the card is still usable', async () => {
    const profile = sampleProfile(2);
    await insert(profile);
    const wrong = await runCli(['read', '--reader', READER_0, '--can', '000000', '--json']);
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/access refused/i);
    expect(wrong.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const right = await runCli(['read', '--reader', READER_0, '--id', identities[2]!.idNumber, '--json']);
    expect(right.code).toBe(0);
    expect(JSON.parse(right.stdout).holder.idNumber).toBe(identities[2]!.idNumber);
  });

  it('a card that refuses extended length still reads', async () => {
    const profile = sampleProfile(3);
    await insert(profile, { refuseExtendedLength: true });
    // --trust with a folder: the German master list plus this card's test CSCA (PEM).
    const trustDir = path.dirname(writeTemp('csca.pem', Buffer.from(toPem(profile.cscaCertificate!))));
    fs.copyFileSync(path.resolve(REPO, '..', 'shared', 'data', 'masterlists', 'DE_ML_2026-05-28-08-28-45.ml'), path.join(trustDir, 'de.ml'));
    const photoOut = path.join(trustDir, 'face.jpg');
    const r = await runCli(['read', '--reader', READER_0, '--id', identities[3]!.idNumber, '--json', '--trust', trustDir, '--photo', photoOut]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.verification.passive).toBe('VALID');
    expect(j.stats.strategy.extendedLength).toBe(false);
    expect(j.photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    // --photo writes the chip's image bytes exactly.
    expect(createHash('sha256').update(fs.readFileSync(photoOut)).digest('hex')).toBe(j.photo.sha256);
    // A 2048-bit RSA signature cannot come back through a short APDU on this chip: honestly not checked.
    expect(j.verification.activeAuthentication).toBe('NOT_CHECKED');
  });

  it('the BSI 2008 test passport served by the simulator reads over BAC with the right MRZ fields', async () => {
    const profile = loadRawProfile(path.resolve(REPO, '..', 'shared', 'data', 'icao', 'bsi2008'));
    await insert(profile);
    const mrz = parseDg1(profile.files.get(0x0101)!).mrzText;
    const r = await runCli(['read', '--reader', READER_0, '--mrz', mrz, '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.verification.accessControl).toBe('BAC');
    expect(j.document.documentCode.startsWith('P')).toBe(true);
    expect(j.document.issuingState).toBe('D');
    expect(j.holder.fullName).toBe('MUSTERMANN ERIKA');
    expect(j.verification.passive).toBe('UNTRUSTED');
    expect(r.code).toBe(0);
  });

  it('no card or no matching reader: exit 4 with a specific reason', async () => {
    const noCard = await runCli(['read', '--reader', READER_0, '--id', identities[0]!.idNumber, '--timeout', '2']);
    expect(noCard.code).toBe(4);
    expect(noCard.stderr.trim()).toBe('motcua read: no card on the reader within 2 s');
    const noReader = await runCli(['read', '--reader', 'No Such Reader', '--id', identities[0]!.idNumber, '--timeout', '2']);
    expect(noReader.code).toBe(4);
    expect(noReader.stderr).toMatch(/no card reader matching "No Such Reader"/);
  });

  it('usage errors exit 2 with one clear line', async () => {
    const r = await runCli(['read', '--reader', READER_0, '--can', '12ab56']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const both = await runCli(['read', '--reader', READER_0, '--can', '123456', '--id', '001203004567']);
    expect(both.code).toBe(2);
  });
});
