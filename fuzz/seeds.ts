/**
 * Seed inputs for every fuzz target, all real encodings: the BSI 2008 test passport LDS, the ICAO DG2 sample and
 * the German CSCA master list from ../shared/data (made by others, so the fuzzer starts from what real issuers
 * produce), the simulator's four sample cards (CCCD-shaped CardAccess, DG13, DG14 with Chip Authentication keys),
 * and a CRL + explicit-parameter CSCA certificate made with openssl for this corpus (fuzz/corpus).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSod } from '../src/card/pa/sod';
import { parseDg2 } from '../src/card/lds/dg2';
import { sampleIdentities, sampleProfile, sampleFiles } from '../src/sim/profile/samples';
import { FID } from '../src/sim/profile/types';

export type SeedSet = Record<string, Uint8Array[]>;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..');
const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
const CORPUS = path.join(HERE, 'corpus');

function file(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(...parts)));
}

const te = new TextEncoder();

/** dd/MM/yyyy-free QR date (ddMMyyyy) from an ISO date. */
function qrDate(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}` : '';
}

/** Certificates held in a master list's certList, sampled (every k-th) so seeds cover many issuers cheaply. */
function masterListCertificates(ml: Uint8Array, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  // Certificates start with 30 82 xx xx 30 82: scan for that pattern rather than parse (seeds must not depend on
  // the parser under test being correct).
  for (let i = 0; i + 8 < ml.length && out.length < 600; i++) {
    if (ml[i] === 0x30 && ml[i + 1] === 0x82 && ml[i + 4] === 0x30 && ml[i + 5] === 0x82) {
      const len = 4 + ((ml[i + 2]! << 8) | ml[i + 3]!);
      const inner = 4 + ((ml[i + 6]! << 8) | ml[i + 7]!);
      if (inner < len && i + len <= ml.length) {
        out.push(ml.slice(i, i + len));
        i += len - 1;
      }
    }
  }
  const step = Math.max(1, Math.floor(out.length / count));
  return out.filter((_, k) => k % step === 0).slice(0, count);
}

/** The value of a TLV with a one-byte tag (the 77 wrapper of EF.SOD, the 6F of DG15), short or long form length. */
function tlvValue(sod: Uint8Array): Uint8Array {
  const first = sod[1]!;
  return sod.subarray(first & 0x80 ? 2 + (first & 0x7f) : 2);
}

export function loadSeeds(): SeedSet {
  if (!existsSync(SHARED_DATA)) throw new Error(`fuzz: shared test data not found at ${SHARED_DATA}`);
  const bsi = (n: string) => file(SHARED_DATA, 'icao', 'bsi2008', n);
  const profiles = sampleFiles().map((_, i) => sampleProfile(i));
  const simFile = (fid: number) => profiles.map((p) => p.files.get(fid)).filter((b): b is Uint8Array => b !== undefined);

  const com = [bsi('EF_COM.bin'), ...simFile(FID.COM)];
  const dg1 = [bsi('Datagroup1.bin'), ...simFile(FID.DG1)];
  const dg2 = [bsi('Datagroup2.bin'), file(SHARED_DATA, 'icao', 'dg2', 'dg2_jp2_face_record.bin'), simFile(FID.DG2)[0]!];
  const dg13 = simFile(FID.DG13);
  const dg14 = [bsi('Datagroup14.bin'), ...simFile(FID.DG14)];
  const dg15 = [bsi('Datagroup15.bin'), ...simFile(FID.DG15)];
  const sod = [bsi('EF_SOD.bin'), ...simFile(FID.SOD)];
  const cardAccess = simFile(FID.CARD_ACCESS);
  const masterList = file(SHARED_DATA, 'masterlists', 'DE_ML_2026-05-28-08-28-45.ml');

  const parsedSods = sod.map((s) => parseSod(s));
  const dsCertificates = parsedSods.flatMap((s) => s.signedData.certificates);
  const certificates = [...dsCertificates, file(CORPUS, 'fuzz-csca-explicit-brainpool.der'), ...masterListCertificates(masterList, 24)];
  const crl = [file(CORPUS, 'fuzz-csca.crl')];
  const ldsSecurityObjects = parsedSods.map((s) => s.signedData.eContent);
  // The SubjectPublicKeyInfo inside DG15 (after its 6F header).
  const spkis = dg15.map((d) => tlvValue(d));

  const faces = [...dg2.slice(0, 2), simFile(FID.DG2)[0]!].flatMap((d) => parseDg2(d).faces.map((f) => f.imageBytes));
  const jpeg2000 = [file(SHARED_DATA, 'icao', 'dg2', 'silver.jp2'), ...faces.filter((f) => f[0] === 0x00)];
  const mrz = dg1.map((d) => te.encode(String.fromCharCode(...d.subarray(5))));
  const qr = sampleIdentities().map((p) =>
    te.encode([p.idNumber, p.oldIdNumber ?? '', p.fullName, qrDate(p.dateOfBirth), p.sex === 'M' ? 'Nam' : 'Nữ', p.placeOfResidence, qrDate(p.dateOfIssue)].join('|')),
  );

  const smallDer = [...cardAccess, ...spkis, ...ldsSecurityObjects, ...crl, ...certificates.slice(0, 4)];
  return {
    tlv: [...com, ...dg1, ...dg13, ...dg14, ...dg15, ...sod],
    der: smallDer,
    cardAccess,
    com,
    dg1,
    dg2,
    dg13,
    dg14,
    dg15,
    sod,
    cms: [...sod.map(tlvValue)],
    certificate: certificates,
    crl,
    masterList: [masterList],
    mrz,
    qr,
    imageHeader: faces.concat(jpeg2000.slice(0, 1)),
    jpeg2000,
  };
}
